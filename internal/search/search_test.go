package search_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/search"
)

func TestSections(t *testing.T) {
	h := `<p>Lời mở <strong>đầu</strong>.</p>
<h2 id="i-muc-tieu">I. Mục <em>tiêu</em></h2>
<p>Đạt 80% &amp; hơn;</p><ul><li>một</li><li>hai</li></ul>
<h3 id="x">Tiểu mục</h3>
<table><tr><td>a</td><td>b</td></tr></table>
<h4 id="sau">Không tách ở h4</h4><p>cuối</p>`
	want := []search.Section{
		{Text: "Lời mở đầu."},
		{ID: "i-muc-tieu", Heading: "I. Mục tiêu", Text: "Đạt 80% & hơn; một hai"},
		{ID: "x", Heading: "Tiểu mục", Text: "a b Không tách ở h4 cuối"},
	}
	if got := search.Sections(h); !slices.Equal(got, want) {
		t.Errorf("Sections:\n got %q\nwant %q", got, want)
	}
	if got := search.Sections(`<h2 id="a">A</h2>`); !slices.Equal(got, []search.Section{{ID: "a", Heading: "A"}}) {
		t.Errorf("a heading alone: %q", got)
	}
	if got := search.Sections(""); got != nil {
		t.Errorf("no text: %q", got)
	}
}

// syllables make up the names of the documents of manyDocs.
var syllables = strings.Fields("an bình hòa phú tân thạnh đông tây nam bắc trung hưng lộc phước long thành " +
	"khánh hội hà nội yên mô kim sơn gia viễn nho quan tam điệp ninh hải thuận lợi quang vinh")

// manyDocs returns n documents whose titles mix syllables, with a few
// words of their own: enough terms and documents for many chunks.
func manyDocs(n int) []search.Doc {
	docs := make([]search.Doc, n)
	for i := range docs {
		a, b := syllables[i%len(syllables)], syllables[(i/len(syllables)+i)%len(syllables)]
		docs[i] = search.Doc{
			URL:     fmt.Sprintf("don-vi/%05d/", i),
			Title:   fmt.Sprintf("Xã %s %s", capital(a), b),
			Section: "Huyện " + b,
			Kind:    search.KindUnit,
			Text:    fmt.Sprintf("mã%d tháng %d", i, i%12+1),
		}
	}
	return docs
}

// TestChunks checks the chunks of an index: every term in the chunk the
// manifest sends a reader to, every document in its fragment chunk.
func TestChunks(t *testing.T) {
	docs := manyDocs(5000)
	files := search.Build(docs)
	var m struct {
		V     int
		Docs  int
		Terms [][2]string
		Frags [][2]json.RawMessage
	}
	if err := json.Unmarshal(files[search.Manifest], &m); err != nil {
		t.Fatal(err)
	}
	if m.V != 1 || m.Docs != len(docs) {
		t.Errorf("manifest: version %d, %d documents; want 1, %d", m.V, m.Docs, len(docs))
	}
	if len(m.Terms) < 3 || len(m.Frags) < 3 {
		t.Fatalf("%d term chunks, %d document chunks: the test needs several of each", len(m.Terms), len(m.Frags))
	}
	if m.Terms[0][0] != "" {
		t.Errorf("the first term chunk starts at %q, want \"\"", m.Terms[0][0])
	}
	terms := 0
	for i, e := range m.Terms {
		var c map[string][]int
		if err := json.Unmarshal(files[e[1]], &c); err != nil {
			t.Fatalf("%s: %v", e[1], err)
		}
		if i > 0 && m.Terms[i-1][0] >= e[0] {
			t.Errorf("term chunk %d starts at %q, not after chunk %d's %q", i, e[0], i-1, m.Terms[i-1][0])
		}
		if i > 0 && c[e[0]] == nil {
			t.Errorf("term chunk %d does not hold its first term %q", i, e[0])
		}
		for term, list := range c {
			terms++
			if term < e[0] || i+1 < len(m.Terms) && term >= m.Terms[i+1][0] {
				t.Errorf("term %q is in chunk %d, [%q, next)", term, i, e[0])
			}
			id := -1
			for _, p := range list {
				if p < 2 {
					t.Fatalf("term %q: posting %d does not move forward", term, p)
				}
				id += p >> 1
			}
			if id >= len(docs) {
				t.Errorf("term %q: document %d of %d", term, id, len(docs))
			}
		}
	}
	next := 0
	for i, e := range m.Frags {
		var first int
		var name string
		if json.Unmarshal(e[0], &first) != nil || json.Unmarshal(e[1], &name) != nil {
			t.Fatalf("document chunk %d: %s", i, e)
		}
		var ds []struct{ U, T, S, K, X string }
		if err := json.Unmarshal(files[name], &ds); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if first != next {
			t.Errorf("document chunk %d starts at %d, want %d", i, first, next)
		}
		for j, d := range ds {
			if want := docs[first+j]; d.U != want.URL || d.T != want.Title || d.S != want.Section || d.K != want.Kind || d.X != want.Text {
				t.Errorf("document %d: %+v, want %+v", first+j, d, want)
			}
		}
		next = first + len(ds)
	}
	if next != len(docs) {
		t.Errorf("document chunks hold %d documents, want %d", next, len(docs))
	}
	if terms < 100 {
		t.Errorf("%d terms", terms)
	}
}

// TestQueries runs queries as search.js does.
func TestQueries(t *testing.T) {
	docs := []search.Doc{
		{URL: "0/", Title: "Xã Khánh Hòa", Section: "Huyện Yên Khánh", Kind: search.KindUnit},
		{URL: "1/", Title: "Xã Khánh Hội", Section: "Huyện Yên Khánh", Kind: search.KindUnit},
		{URL: "2/", Title: "Xã Hội An", Section: "Huyện Kim Sơn", Kind: search.KindUnit},
		{URL: "3/", Title: "Phường Đống Đa", Section: "Thành phố Hà Nội", Kind: search.KindUnit},
		{URL: "4/", Title: "Thành phố Hà Nội", Kind: search.KindUnit},
		{URL: "5/", Title: "Bản tin", Kind: search.KindPage, Text: "Đoàn công tác từ Hà Nội về xã; nội dung hà khắc"},
		{URL: "6/", Title: "Xã Khánh Dương", Section: "Huyện Yên Mô", Kind: search.KindUnit},
		{URL: "7/", Title: "Huyện Yên Khánh", Kind: search.KindUnit},
	}
	r := newReader(t, search.Build(append(docs, manyDocs(3000)...)))
	for _, tc := range []struct {
		query string
		first string // the first result's URL
		has   []string
	}{
		{"khanh hoi", "1/", nil},
		{"Khánh Hội", "1/", nil},
		{"KHANH HOI ", "1/", nil},
		{"hoi khanh", "", []string{"1/"}},    // after the titles of that order
		{"xa khanh h", "0/", []string{"1/"}}, // still typing
		{"ha noi", "4/", []string{"3/", "5/"}},
		{"Hà Nội", "4/", []string{"3/", "5/"}},
		{"dong da", "3/", nil},
		{"ĐỐNG ĐA", "3/", nil},
		{"dong d", "3/", nil},
		{"doan cong", "5/", nil},
		{"yen khanh", "7/", []string{"0/", "1/", "6/"}},
	} {
		got := r.search(tc.query)
		var urls []string
		for _, d := range got {
			urls = append(urls, d.URL)
		}
		if tc.first != "" && (len(urls) == 0 || urls[0] != tc.first) {
			t.Errorf("%q: %q, want %q first", tc.query, urls, tc.first)
		}
		for _, u := range tc.has {
			if !slices.Contains(urls, u) {
				t.Errorf("%q: %q, want %q among them", tc.query, urls, u)
			}
		}
	}
	if got := r.query("khong co tu nay"); len(got) != 0 {
		t.Errorf("a query of unknown words finds %v", got)
	}
	if got := r.query(" — "); got != nil {
		t.Errorf("a query of no words finds %v", got)
	}
}

func capital(s string) string {
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// FuzzSections splits any HTML without panicking, and finds in it the
// words of its text.
func FuzzSections(f *testing.F) {
	for _, s := range []string{
		`<p>a</p><h2 id="x">B</h2><p>c</p>`,
		`<h2 id="`, `<h3 id="a">`, `<h2 id="a"`, `<h2 id="a>b</h2>`, `<h3 id="">x</h2>`, `<`, `<h`, `</h2>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		for _, sec := range search.Sections(h) {
			if sec.ID == "" && sec.Heading == "" && sec.Text == "" {
				t.Errorf("an empty section of %q", h)
			}
		}
		search.Build([]search.Doc{{Title: h, Text: h}})
	})
}

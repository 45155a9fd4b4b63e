package search_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/markdown"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/search"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// links gives the documents of s addresses as a site's pages would; the
// Markdown is rendered once, beforehand, as render has it when it builds
// the index.
func links(t testing.TB, s *model.Site) search.Links {
	html := map[*model.Page]string{}
	all := slices.Clone(s.Pages)
	for _, lang := range slices.Sorted(maps.Keys(s.PagesByLang)) {
		all = append(all, s.PagesByLang[lang]...)
	}
	for _, pg := range all {
		h, _, err := markdown.Render(pg.Body)
		if err != nil {
			t.Fatal(err)
		}
		html[pg] = string(h)
	}
	return search.Links{
		Target:  func(tg *model.Target) string { return "chi-tieu/" + tg.ID + "/" },
		Unit:    func(u *model.Unit) string { return "don-vi/" + u.Code + "/" },
		Record:  func(r *model.Record) string { return "cap-nhat/" + r.Month.String() + "/" },
		Content: func(pg *model.Page) string { return html[pg] },
	}
}

type loaded struct {
	site  *model.Site
	links search.Links
}

var (
	sitesMu sync.Mutex
	sites   = map[string]*loaded{}
)

// site loads the example site ("example") or a generated one of a scale
// of gensite, once per test binary.
func site(t testing.TB, name string) *loaded {
	t.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if l, ok := sites[name]; ok {
		return l
	}
	dir := sitetest.Root()
	if name != "example" {
		tmp, err := os.MkdirTemp("", "minhbach-search-")
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(tmp, name)
		if err := gensite.Write(dir, gensite.Scales[name], 1); err != nil {
			t.Fatal(err)
		}
	}
	fsys, closeSite, err := load.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	l := &loaded{site: s, links: links(t, s)}
	sites[name] = l
	return l
}

func TestExampleSite(t *testing.T) {
	l := site(t, "example")
	docs := search.Collect(l.site, l.links)
	r := newReader(t, search.Build(docs))
	for _, tc := range []struct{ query, title string }{
		{"khanh hoi", "Xã Khánh Hội"},
		{"Khánh Hội", "Xã Khánh Hội"},
		{"KHANH HOI ", "Xã Khánh Hội"},
	} {
		got := r.search(tc.query)
		if len(got) == 0 || got[0].Title != tc.title {
			t.Errorf("%q: first result %v, want %q", tc.query, got[:min(1, len(got))], tc.title)
		}
	}
	// Still typing: Khánh Hòa and Khánh Hội both start so.
	if got := r.search("xa khanh h"); !slices.ContainsFunc(got, func(f fragment) bool { return f.Title == "Xã Khánh Hội" }) {
		t.Errorf("%q does not find Xã Khánh Hội: %v", "xa khanh h", got)
	}
	// A section of the plan: the result links to its heading.
	var plan *model.Page
	for _, pg := range l.site.Pages {
		if strings.Contains(string(pg.Body), "\n## ") && (plan == nil || len(pg.Body) > len(plan.Body)) {
			plan = pg
		}
	}
	if plan == nil {
		t.Fatal("the example site has no page with sections")
	}
	secs := search.Sections(l.links.Content(plan))
	sec := secs[len(secs)-1]
	found := false
	for _, d := range r.search(sec.Heading) {
		found = found || d.URL == plan.URL+"#"+sec.ID && d.Section == sec.Heading && d.Title == plan.Title
	}
	if !found {
		t.Errorf("%q does not find %s#%s", sec.Heading, plan.URL, sec.ID)
	}
}

// TestEveryDocumentFindable checks that every document of a generated
// site is found by each word of its title, and by its whole title.
func TestEveryDocumentFindable(t *testing.T) {
	l := site(t, "province")
	docs := search.Collect(l.site, l.links)
	kinds := map[string]int{}
	for _, d := range docs {
		kinds[d.Kind]++
	}
	for _, k := range []string{search.KindPage, search.KindTarget, search.KindUnit, search.KindRecord} {
		if kinds[k] == 0 {
			t.Errorf("no document of kind %q: %v", k, kinds)
		}
	}
	r := newReader(t, search.Build(docs))
	cache := map[string][]int{}
	ids := func(q string) []int {
		if _, ok := cache[q]; !ok {
			cache[q] = r.query(q)
		}
		return cache[q]
	}
	for id, d := range docs {
		for _, w := range search.Words(d.Title) {
			if !slices.Contains(ids(w+" "), id) {
				t.Errorf("document %d %q is not found by %q", id, d.Title, w)
			}
		}
		if !slices.Contains(ids(d.Title), id) {
			t.Errorf("document %d is not found by its title %q", id, d.Title)
		}
	}
}

// TestDeterministic builds the index of the same documents twice.
func TestDeterministic(t *testing.T) {
	l := site(t, "province")
	a := search.Build(search.Collect(l.site, l.links))
	b := search.Build(search.Collect(l.site, l.links))
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("two builds of the same documents differ")
	}
	// Chunks are named after their content: a browser that kept one of
	// an earlier build never uses it with this build's manifest.
	for name, data := range a {
		if name == search.Manifest {
			continue
		}
		dir, _, _ := strings.Cut(name, "/")
		if sum := sha256.Sum256(data); name != fmt.Sprintf("%s/%x.json", dir, sum[:6]) {
			t.Errorf("chunk %s is not named after its content", name)
		}
	}
}

// budget is the most a query may transfer, gzipped: the manifest, the
// term chunks and the documents of the first page of results.
const budget = 150 << 10

// TestTransferNational measures what typical queries fetch from the index
// of the national synthetic site.
func TestTransferNational(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the national site")
	}
	l := site(t, "national")
	files := search.Build(search.Collect(l.site, l.links))
	r := newReader(t, files)
	units := l.site.Units.Units
	commune, district := units[len(units)/2], units[len(units)-1]
	for _, u := range units {
		if u.Level == "district" {
			district = u
			break
		}
	}
	tg := l.site.Targets[0]
	queries := []string{
		search.Fold(commune.Name),
		search.Fold(commune.FullName()),
		search.Fold(district.Name),
		search.Words(tg.Name)[0],
		search.Words(tg.Name)[len(search.Words(tg.Name))-1],
		"thang 12",
		"xa",          // in nearly every unit's title
		"t", "h", "n", // one letter, still typing
	}
	total := 0
	for _, n := range files {
		total += gzipSize(n)
	}
	t.Logf("index: %d files, %d KB gzipped in all; manifest %d B gzipped", len(files), total>>10, gzipSize(files[search.Manifest]))
	for _, q := range queries {
		got := r.search(q)
		n := r.transfer()
		t.Logf("%-24q %5d results shown, %3d KB gzipped", q, len(got), n>>10)
		if len(got) == 0 {
			t.Errorf("%q finds nothing", q)
		}
		if n > budget {
			t.Errorf("%q transfers %d KB gzipped, more than %d KB", q, n>>10, budget>>10)
		}
	}
	if got := r.search(search.Fold(commune.FullName())); len(got) == 0 || got[0].Title != commune.FullName() {
		t.Errorf("%q: first result %v", commune.FullName(), got[:min(1, len(got))])
	}
}

// BenchmarkIndex measures what the index adds to a build: collecting the
// documents and writing the index, in memory (the Markdown is rendered
// already). Compare with BenchmarkStages of internal/build:
// go test -run '^$' -bench Index -benchtime 3x ./internal/search/
func BenchmarkIndex(b *testing.B) {
	for _, scale := range []string{"province", "region", "national"} {
		l := site(b, scale)
		b.Run(scale, func(b *testing.B) {
			for b.Loop() {
				search.Build(search.Collect(l.site, l.links))
			}
		})
	}
}

// TestExampleEnglish indexes the example site's English texts: the
// targets' translated names, the English pages.
func TestExampleEnglish(t *testing.T) {
	l := site(t, "example")
	links := l.links
	links.Lang = "en"
	docs := search.Collect(l.site, links)
	r := newReader(t, search.Build(docs))
	tg := l.site.Targets[0]
	name, ok := l.site.Tr("en", tg.Name)
	if !ok || name == tg.Name {
		t.Fatalf("target %q has no English name", tg.ID)
	}
	got := r.search(name)
	if len(got) == 0 || got[0].Title != name {
		t.Errorf("%q: %v, want the target first", name, got[:min(1, len(got))])
	}
	pages := 0
	for _, d := range docs {
		if d.Kind != search.KindPage {
			continue
		}
		pages++
		if !slices.ContainsFunc(l.site.PagesByLang["en"], func(pg *model.Page) bool { return pg.Title == d.Title }) {
			t.Errorf("page %q %q is not one of the English pages", d.URL, d.Title)
		}
	}
	if pages == 0 {
		t.Error("no English page is indexed")
	}
}

// TestEmptyPage finds a page without text by its title.
func TestEmptyPage(t *testing.T) {
	s := &model.Site{Pages: []*model.Page{{URL: "trong/", Title: "Trang trống", Description: "Mô tả"}}}
	docs := search.Collect(s, search.Links{Content: func(*model.Page) string { return "" }})
	want := []search.Doc{{URL: "trong/", Title: "Trang trống", Kind: search.KindPage, Text: "Mô tả"}}
	if !slices.Equal(docs, want) {
		t.Errorf("Collect: %+v, want %+v", docs, want)
	}
}

package search_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/search"
)

// reader answers queries from the files of an index as search.js does, and
// counts what it fetches.
type reader struct {
	t       testing.TB
	files   map[string][]byte
	fetched map[string]bool
	parsed  map[string]map[string][]int // term chunks, parsed once
	m       struct {
		Docs  int
		Terms [][2]string
		Frags [][2]json.RawMessage
	}
}

func newReader(t testing.TB, files map[string][]byte) *reader {
	t.Helper()
	r := &reader{t: t, files: files, fetched: map[string]bool{}, parsed: map[string]map[string][]int{}}
	r.get(search.Manifest, &r.m)
	return r
}

func (r *reader) get(name string, v any) {
	r.t.Helper()
	b, ok := r.files[name]
	if !ok {
		r.t.Fatalf("no file %s", name)
	}
	r.fetched[name] = true
	if err := json.Unmarshal(b, v); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
}

// chunks is search.js's chunks.
func (r *reader) chunks(term string, prefix bool) []string {
	i := sort.Search(len(r.m.Terms), func(i int) bool { return r.m.Terms[i][0] > term }) - 1
	out := []string{r.m.Terms[i][1]}
	for prefix && i+1 < len(r.m.Terms) && strings.HasPrefix(r.m.Terms[i+1][0], term) {
		i++
		out = append(out, r.m.Terms[i][1])
	}
	return out
}

// lookup is search.js's lookup: document id → 1 if in the title.
func (r *reader) lookup(term string, prefix bool) map[int]int {
	docs := map[int]int{}
	pair := strings.Contains(term, " ")
	for _, name := range r.chunks(term, prefix) {
		c, ok := r.parsed[name]
		if !ok {
			r.get(name, &c)
			r.parsed[name] = c
		}
		r.fetched[name] = true
		for k, list := range c {
			if k != term && (!prefix || !strings.HasPrefix(k, term) || !pair && strings.Contains(k, " ")) {
				continue
			}
			id := -1
			for _, p := range list {
				id += p >> 1
				docs[id] = max(docs[id], p&1)
			}
		}
	}
	return docs
}

// query is search.js's rank: the ids of the documents holding every word
// of q, best first.
func (r *reader) query(q string) []int {
	ws := search.Words(q)
	if len(ws) == 0 {
		return nil
	}
	prefix := !strings.HasSuffix(q, " ")
	var sets []map[int]int
	for i, w := range ws {
		sets = append(sets, r.lookup(w, prefix && i == len(ws)-1))
	}
	for i := 1; i < len(ws); i++ {
		sets = append(sets, r.lookup(ws[i-1]+" "+ws[i], prefix && i == len(ws)-1))
	}
	score := map[int]int{}
next:
	for id := range sets[0] {
		s := 0
		for k := range ws {
			t, ok := sets[k][id]
			if !ok {
				continue next
			}
			s += 1 + 2*t
		}
		for k := len(ws); k < len(sets); k++ {
			if _, ok := sets[k][id]; ok {
				s += 3
			}
		}
		score[id] = s
	}
	ids := make([]int, 0, len(score))
	for id := range score {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int) int {
		if score[a] != score[b] {
			return score[b] - score[a]
		}
		return a - b
	})
	return ids
}

type fragment struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Section string `json:"s"`
	Kind    string `json:"k"`
	Text    string `json:"x"`
}

// doc fetches the document id as search.js's fragment.
func (r *reader) doc(id int) fragment {
	i := sort.Search(len(r.m.Frags), func(i int) bool {
		var first int
		_ = json.Unmarshal(r.m.Frags[i][0], &first)
		return first > id
	}) - 1
	var first int
	var name string
	_ = json.Unmarshal(r.m.Frags[i][0], &first)
	_ = json.Unmarshal(r.m.Frags[i][1], &name)
	var docs []fragment
	r.get(name, &docs)
	return docs[id-first]
}

// search runs q as the search page does, showing its first page of
// results, and returns them.
func (r *reader) search(q string) []fragment {
	var out []fragment
	ids := r.query(q)
	for _, id := range ids[:min(len(ids), 10)] {
		out = append(out, r.doc(id))
	}
	return out
}

// transfer returns the bytes of the files fetched so far, each gzipped,
// and forgets them.
func (r *reader) transfer() int {
	n := 0
	for name := range r.fetched {
		n += gzipSize(r.files[name])
	}
	clear(r.fetched)
	return n
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

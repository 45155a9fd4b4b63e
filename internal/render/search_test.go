package render

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/search"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestSearchIndexLinks renders the example site and follows every link of
// its search index: each result's page is among the outputs, and a section's
// #id is an id of that page as written, after any renumbering of its
// headings.
func TestSearchIndexLinks(t *testing.T) {
	s, err := load.Site(os.DirFS(sitetest.Root()))
	if err != nil {
		t.Fatal(err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatal(err)
	}
	var manifest struct{ Frags [][2]json.RawMessage }
	if err := json.Unmarshal(m.Files[rt.SearchIndex()], &manifest); err != nil {
		t.Fatalf("%s: %v", rt.SearchIndex(), err)
	}
	kinds := map[string]int{}
	sections := 0
	for _, f := range manifest.Frags {
		var name string
		if err := json.Unmarshal(f[1], &name); err != nil {
			t.Fatal(err)
		}
		var docs []struct{ U, T, K string }
		if err := json.Unmarshal(m.Files[rt.Search()+name], &docs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, d := range docs {
			kinds[d.K]++
			page, id, _ := strings.Cut(d.U, "#")
			html, ok := m.Files[page+"index.html"]
			if !ok {
				t.Errorf("%q links to %s, which is not a page of the site", d.T, d.U)
				continue
			}
			if id != "" {
				sections++
				if !strings.Contains(string(html), ` id="`+id+`"`) {
					t.Errorf("%q links to %s: the page has no such id", d.T, d.U)
				}
			}
		}
	}
	for _, k := range []string{search.KindPage, search.KindTarget, search.KindUnit, search.KindRecord} {
		if kinds[k] == 0 {
			t.Errorf("no %s in the index: %v", k, kinds)
		}
	}
	if sections == 0 {
		t.Error("no section of a page in the index")
	}
}

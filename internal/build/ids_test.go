package build_test

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestHeadingIDsUnique checks that no page of the example site, of the test
// sites, or of a site whose headings are named like the layouts' ids has an
// element id twice. The layouts write some ids literally (the skip link's
// target, the table of contents) and make others from the data (the home
// page's grid of each monthly target, "luoi-" and the target's id).
func TestHeadingIDsUnique(t *testing.T) {
	sites := map[string]fs.FS{"example": os.DirFS(sitetest.Root())}
	archives, err := filepath.Glob(filepath.Join(sitetest.Root(), "testdata", "sites", "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, a := range archives {
		name := strings.TrimSuffix(filepath.Base(a), ".txtar")
		sites[name] = sitetest.Load(t, name)
	}
	clash := sitetest.Load(t, "small")
	clash["content/gioi-thieu.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Giới thiệu\"\ntoc = true\n+++\n## Nội dung\n\n## Mục lục\n\n### Nội dung\n")}
	// The small site's target "bao-chi" is monthly: the home page has a
	// section id="luoi-bao-chi".
	clash["content/_index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Trang chủ\"\n+++\n## Lưới báo chí\n\nVăn bản.\n")}
	sites["clash"] = clash

	for name, site := range sites {
		t.Run(name, func(t *testing.T) {
			res, err := build.Render(t.Context(), site, render.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			pages := 0
			for name, b := range res.Files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				seen := map[string]bool{}
				for _, m := range idRE.FindAllSubmatch(b, -1) {
					id := html.UnescapeString(string(m[1]))
					if seen[id] {
						t.Errorf("%s: id %q twice", name, id)
					}
					seen[id] = true
				}
			}
			if pages == 0 {
				t.Fatal("no pages")
			}
		})
	}

	res, err := build.Render(t.Context(), clash, render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	home := string(res.Files["index.html"])
	m := regexp.MustCompile(`<h2 id="([^"]+)">Lưới báo chí</h2>`).FindStringSubmatch(home)
	switch {
	case !strings.Contains(home, `id="luoi-bao-chi"`):
		t.Errorf("the home page has no grid of target bao-chi: the test needs another id")
	case m == nil:
		t.Errorf("the heading \"Lưới báo chí\" is not on the home page")
	case m[1] == "luoi-bao-chi":
		t.Errorf("the heading \"Lưới báo chí\" has the id of the grid of target bao-chi")
	}
}

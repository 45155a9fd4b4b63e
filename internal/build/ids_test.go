package build_test

import (
	"html"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestHeadingIDsUnique checks that no page has an element id twice, with
// content headings named like the layout's own ids (the skip link's target,
// the table of contents).
func TestHeadingIDsUnique(t *testing.T) {
	site := sitetest.Load(t, "small")
	site["content/gioi-thieu.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Giới thiệu\"\ntoc = true\n+++\n## Nội dung\n\n## Mục lục\n\n### Nội dung\n")}
	res, err := build.Render(t.Context(), site, render.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range res.Files {
		seen := map[string]bool{}
		for _, m := range idRE.FindAllSubmatch(b, -1) {
			id := html.UnescapeString(string(m[1]))
			if seen[id] {
				t.Errorf("%s: id %q twice", name, id)
			}
			seen[id] = true
		}
	}
	if len(res.Files["gioi-thieu/index.html"]) == 0 {
		t.Fatal("no gioi-thieu/index.html")
	}
}

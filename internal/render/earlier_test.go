package render

import (
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/theme"
)

// earlierRecordHead and earlierRecordRows are how the "records" template
// laid out the heading row and the rows of a record table before the view
// wrote them (RecordTable.Header and RecordTable.Body).
const earlierRecordHead = `  <thead><tr>{{range .Head}}<th scope="col"{{if .Num}} class="num"{{end}}>{{.Name}}</th>{{end}}</tr></thead>`

const earlierRecordRows = `  <tbody>
  {{- range .Rows}}
    <tr>{{range .}}<td{{if .Num}} class="num"{{end}}>{{if .Link}}<a href="{{.Link}}" rel="noopener nofollow">{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}</tr>
  {{- end}}
  </tbody>`

// earlierStatus is how the template "status" wrote a status's badge before
// the view wrote it (view.Site.StatusBadge).
const earlierStatus = `{{define "status"}}<span class="status status--{{.}}"><span class="status__icon" aria-hidden="true">{{t (print "icon." .)}}</span> {{status .}}</span>{{end}}`

// TestEarlierLayouts checks that a site whose own layouts lay out a unit's
// page, a record table's heading row and rows, a list's rows, the
// registry's table and the units that reported on time action by action,
// as the stock layouts did before the views wrote those parts as HTML
// (testdata/*-earlier.html, earlierRecordHead and earlierRecordRows),
// and whose _base.html starts every page itself, without the part
// "frame-top" (testdata/base-earlier.html), renders every file exactly as
// with the stock theme: the views keep every field such layouts use, and
// the parts written in Go escape as html/template does. The example site (two
// languages, lists, records with links) and the hostile one (markup in
// every text).
func TestEarlierLayouts(t *testing.T) {
	earlierPages := map[string][]byte{}
	for _, name := range []string{"unit", "base", "list", "about", "update", "bulletin"} {
		b, err := os.ReadFile("testdata/" + name + "-earlier.html")
		if err != nil {
			t.Fatal(err)
		}
		earlierPages["layouts/"+strings.Replace(name, "base", "_base", 1)+".html"] = b
	}
	partials, err := fs.ReadFile(theme.FS(), theme.LayoutsDir+"/_partials.html")
	if err != nil {
		t.Fatal(err)
	}
	const head, rows = "  <thead><tr>{{.Header}}</tr></thead>", "  <tbody>{{.Body}}\n  </tbody>"
	if !strings.Contains(string(partials), head) || !strings.Contains(string(partials), rows) {
		t.Fatal("the stock records template has changed: update the test")
	}
	const status = `{{define "status"}}{{badge .}}{{end}}`
	if !strings.Contains(string(partials), status) {
		t.Fatal("the stock status template has changed: update the test")
	}
	earlier := strings.Replace(string(partials), status, earlierStatus, 1)
	earlier = strings.Replace(earlier, rows, earlierRecordRows, 1)
	earlier = strings.Replace(earlier, head, earlierRecordHead, 1)
	for _, site := range []string{"example", "hostile"} {
		t.Run(site, func(t *testing.T) {
			load := func() fstest.MapFS {
				if site == "example" {
					return exampleFS(t)
				}
				return sitetest.Load(t, site)
			}
			want, _ := renderFS(t, load())
			fsys := load()
			for name, b := range earlierPages {
				fsys[name] = &fstest.MapFile{Data: b}
			}
			fsys["layouts/_partials.html"] = &fstest.MapFile{Data: []byte(earlier)}
			got, _ := renderFS(t, fsys)
			seen := map[string]int{}
			for _, name := range slices.Sorted(maps.Keys(want)) {
				if string(got[name]) != string(want[name]) {
					t.Errorf("%s differs with the earlier layouts", name)
				}
				for what, mark := range map[string]string{"unit": `<nav class="breadcrumb"`, "list": `<tr data-search=`, "registry": `<caption id="danh-muc-cap">`} {
					if strings.Contains(string(want[name]), mark) {
						seen[what]++
					}
				}
			}
			if len(got) != len(want) || seen["unit"] == 0 || seen["list"] == 0 || seen["registry"] == 0 {
				t.Errorf("%d files with the earlier layouts, %d with the stock ones; pages seen: %v", len(got), len(want), seen)
			}
		})
	}
}

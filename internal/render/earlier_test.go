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

// earlierUnitNames is how the update and its bulletin named the units that
// reported on time before the view wrote them (Update.UnitNames).
const earlierUnitNames = `{{range $i, $x := $u.Units}}{{if $i}}, {{end}}{{orig $x.FullName}}{{end}}`

// earlierParts are the parts of stock layouts that the views now write as
// HTML, each with how the layout wrote it before, action by action.
var earlierParts = []struct{ layout, stock, earlier string }{
	{"list.html", "      {{- .Rows}}", `      {{- range .Entries}}
      <tr data-search="{{fold .Unit.FullName}} | {{fold (parentName .Unit)}}">
        <th scope="row">{{orig .Unit.FullName}}</th>
        <td>{{if .Lost}}<span class="status status--not_met"><span aria-hidden="true">✗</span> {{t "list.removed"}}</span> ({{date .LostOn}}){{else if .New}}<span class="status status--met"><span aria-hidden="true">★</span> {{t "list.added"}}</span>{{else}}<span class="status status--kept"><span aria-hidden="true">✓</span> {{t "list.kept"}}</span>{{end}}</td>
        <td>{{date .Since}}</td>
        {{if $l.Rubric}}<td class="num">{{if .Scores}}{{$l.Total .}}{{else}}–{{end}}</td><td>{{.Grade}}</td>{{end}}
        <td>{{orig .Note}}</td>
      </tr>
      {{- end}}`},
	{"about.html", "      {{- .RegistryRows}}", `      {{- range .Registry.Units}}
        <tr><td class="num">{{.Code}}</td><td>{{orig .FullName}}</td>{{if $nested}}<td>{{orig (parentName .)}}</td>{{end}}</tr>
      {{- end}}`},
	{"update.html", "{{$u.UnitNames}}", earlierUnitNames},
	{"bulletin.html", "{{$u.UnitNames}}", earlierUnitNames},
}

// TestEarlierLayouts checks that a site whose own layouts lay out a unit's
// page, a record table's heading row and rows, a list's rows, the
// registry's table and the units that reported on time action by action,
// as the stock layouts did before the views wrote those parts as HTML
// (testdata/unit-earlier.html, earlierParts, earlierRecordHead and
// earlierRecordRows),
// and whose _base.html starts every page itself, without the part
// "frame-top" (testdata/base-earlier.html), renders every file exactly as
// with the stock theme: the views keep every field such layouts use, and
// the parts written in Go escape as html/template does. The example site (two
// languages, lists, records with links) and the hostile one (markup in
// every text).
func TestEarlierLayouts(t *testing.T) {
	earlierPages := map[string][]byte{}
	for _, name := range []string{"unit", "base"} {
		b, err := os.ReadFile("testdata/" + name + "-earlier.html")
		if err != nil {
			t.Fatal(err)
		}
		earlierPages["layouts/"+strings.Replace(name, "base", "_base", 1)+".html"] = b
	}
	for _, p := range earlierParts {
		b, err := fs.ReadFile(theme.FS(), theme.LayoutsDir+"/"+p.layout)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(b), p.stock) != 1 {
			t.Fatalf("the stock %s no longer has %q once: update the test", p.layout, p.stock)
		}
		earlierPages["layouts/"+p.layout] = []byte(strings.Replace(string(b), p.stock, p.earlier, 1))
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

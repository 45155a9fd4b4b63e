package routes

import (
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	_ "github.com/minhbach/minhbach/internal/sitetest" // the -update flag of go test ./...
)

// TestTable checks the paths of the site at its root and under a prefix,
// the one place where a language folder will be added.
func TestTable(t *testing.T) {
	march := model.Month{Year: 2017, Mon: time.March}
	for _, tt := range []struct {
		table  Table
		prefix string
	}{{Table{}, ""}, {Table{Prefix: "en/"}, "en/"}} {
		p := tt.prefix
		paths := [][2]string{
			{tt.table.Home(), p},
			{tt.table.Targets(), p + "chi-tieu/"},
			{tt.table.Target("tin-bai"), p + "chi-tieu/tin-bai/"},
			{tt.table.List("lanh-manh"), p + "danh-sach/lanh-manh/"},
			{tt.table.Updates(), p + "cap-nhat/"},
			{tt.table.Update(march), p + "cap-nhat/2017-03/"},
			{tt.table.Bulletin(march), p + "cap-nhat/2017-03/in/"},
			{tt.table.Feed(), p + "cap-nhat/atom.xml"},
			{tt.table.Units(), p + "don-vi/"},
			{tt.table.Unit("", "huyen-kim-son"), p + "don-vi/huyen-kim-son/"},
			{tt.table.Agencies(), p + "trach-nhiem/"},
			{tt.table.Data(), p + "du-lieu/"},
			{tt.table.Download("chi-tieu.csv"), "du-lieu/chi-tieu.csv"}, // one set for all languages
			{tt.table.UnitDownload("json"), "du-lieu/don-vi.json"},
			{tt.table.Page("gioi-thieu/"), p + "gioi-thieu/"},
			{tt.table.Unprefixed(p + "gioi-thieu/"), "gioi-thieu/"},
			{tt.table.NotFound(), p + "404.html"},
		}
		for _, pw := range paths {
			if got, want := pw[0], pw[1]; got != want {
				t.Errorf("prefix %q: %q, want %q", p, got, want)
			}
		}
		if m, ok := tt.table.UpdateMonth(tt.table.Update(march)); !ok || m != march {
			t.Errorf("prefix %q: UpdateMonth of the March update = %v %v", p, m, ok)
		}
		for _, url := range []string{p + "cap-nhat/", p + "cap-nhat/tin/", p + "cap-nhat/2017-03", p + "chi-tieu/2017-03/", tt.table.Bulletin(march)} {
			if _, ok := tt.table.UpdateMonth(url); ok {
				t.Errorf("prefix %q: UpdateMonth(%q) says it is an update", p, url)
			}
		}
	}
	if got := (Table{}).Unit("don-vi/a/", "b"); got != "don-vi/a/b/" {
		t.Errorf("a unit below another: %q", got)
	}
	for url, want := range map[string]string{"": "index.html", "chi-tieu/": "chi-tieu/index.html", "404.html": "404.html"} {
		if got := File(url); got != want {
			t.Errorf("File(%q) = %q, want %q", url, got, want)
		}
	}
}

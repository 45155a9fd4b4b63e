package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestShareMinMonthsWording checks that the figure and the about page of a
// share target with min_months say how many months a unit needs, and that
// a target without it reads as before.
func TestShareMinMonthsWording(t *testing.T) {
	const target = "[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"xã\"\nrule = \"share\"\nrecords = \"outreach\"\nthreshold = 60\n"
	// A one-month period: with min_months = 1 the January record counts.
	report := "[[outreach]]\nunit = \"10001\"\ndate = 2020-01-10\n"
	tests := []struct {
		name, keys, calc, rule string
	}{
		{"without", "", "1 trên 5 xã (20%) — chỉ tiêu ít nhất 60%", "số đơn vị có ít nhất một ghi nhận từ đầu kỳ"},
		{"one month", "min_months = 1\n", "1 trên 5 xã (20%) — chỉ tiêu ít nhất 60%", "số đơn vị có ít nhất một ghi nhận từ đầu kỳ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := renderTargetSite(t, target+tt.keys, report)
			if want := "<p class=\"verdict__calc\">" + tt.calc + "</p>"; !strings.Contains(string(files[rt.Target("x")+"index.html"]), want) {
				t.Errorf("target page lacks %q", want)
			}
			if !strings.Contains(string(files["gioi-thieu/index.html"]), tt.rule) {
				t.Errorf("about page lacks %q", tt.rule)
			}
		})
	}
}

// TestShareMinMonthsTwo checks the figure, the units listed and the about
// page of a share target that needs records in two months, over January
// and February: 10001 has records in both, 10002 twice in January only.
func TestShareMinMonthsTwo(t *testing.T) {
	const target = "[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"xã\"\nrule = \"share\"\nrecords = \"outreach\"\nthreshold = 60\nmin_months = 2\n"
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") || strings.HasPrefix(name, "content/cap-nhat/") {
			delete(fsys, name)
		}
	}
	site := strings.Replace(string(fsys["site.toml"].Data), `end = "2020-04"`, `end = "2020-02"`, 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(target)}
	fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte("published = 2020-02-03\n" +
		"[[outreach]]\nunit = \"10001\"\ndate = 2020-01-10\n[[outreach]]\nunit = \"10002\"\ndate = 2020-01-11\n[[outreach]]\nunit = \"10002\"\ndate = 2020-01-12\n")}
	fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte("published = 2020-03-03\n[[outreach]]\nunit = \"10001\"\ndate = 2020-02-10\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatalf("render: %v", err)
	}
	page := string(m.Files[rt.Target("x")+"index.html"])
	if want := "<p class=\"verdict__calc\">1 trên 5 xã có ghi nhận ở ít nhất 2 tháng khác nhau (20%) — chỉ tiêu ít nhất 60%</p>"; !strings.Contains(page, want) {
		t.Errorf("target page lacks %q", want)
	}
	for _, want := range []string{"Đã được tính: 1 xã", "Chưa được tính: 4 xã"} {
		if !strings.Contains(page, want) {
			t.Errorf("target page lacks %q", want)
		}
	}
	if want := "số đơn vị có ít nhất một ghi nhận ở ít nhất 2 tháng khác nhau từ đầu kỳ"; !strings.Contains(string(m.Files["gioi-thieu/index.html"]), want) {
		t.Errorf("about page lacks %q", want)
	}
}

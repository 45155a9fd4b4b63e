package render

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// renderPeriodicSite renders the small site over start to end with one
// periodic target "x" with keys, and a report per entry of records (month
// → number of outreach records).
func renderPeriodicSite(t *testing.T, start, end, keys string, records map[string]int) Files {
	t.Helper()
	return renderPeriodic(t, sitetest.Bare(t, start, end), keys, records)
}

// renderPeriodic renders fsys with one periodic target "x" with keys, and
// a report per entry of records (month → number of outreach records).
func renderPeriodic(t *testing.T, fsys fstest.MapFS, keys string, records map[string]int) Files {
	t.Helper()
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte("[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"tin\"\nrule = \"periodic\"\nrecords = \"outreach\"\n" + keys)}
	for month, n := range records {
		var b strings.Builder
		b.WriteString("published = 2022-01-01\n")
		for i := range n {
			fmt.Fprintf(&b, "[[outreach]]\nunit = \"10001\"\ndate = %s-%02d\n", month, i+1)
		}
		fsys["data/reports/"+month+".toml"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatalf("render: %v", err)
	}
	return m.Files
}

// cells returns the grid cells of page, label and state, in order.
func cells(page string) []string {
	var out []string
	for _, c := range strings.Split(page, `<span class="month-grid__month">`)[1:] {
		label, rest, _ := strings.Cut(c, "</span>")
		_, state, _ := strings.Cut(rest, `</span> `)
		state, _, _ = strings.Cut(state, "</span>")
		out = append(out, label+": "+state)
	}
	return out
}

// TestQuarterlyGrid checks that the home and target pages of a quarterly
// target show one cell per quarter, labelled from layouts/strings.toml,
// with a partial first quarter (February and March) as a whole quarter,
// and that the sentences speak of quarters.
func TestQuarterlyGrid(t *testing.T) {
	files := renderPeriodicSite(t, "2020-02", "2020-11", "every = \"quarter\"\nthreshold = 2\n",
		map[string]int{"2020-02": 1, "2020-03": 1, "2020-04": 1, "2020-05": 0, "2020-06": 0, "2020-07": 1})
	want := []string{"Q1/2020: Đạt · 2 tin", "Q2/2020: Không đạt · 1 tin", "Q3/2020: Đang thực hiện · 1 tin", "Q4/2020: Chưa có báo cáo"}
	for _, page := range []string{"index.html", rt.Target("x") + "index.html"} {
		if got := cells(string(files[page])); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: grid %q, want %q", page, got, want)
		}
	}
	home, target := string(files["index.html"]), string(files[rt.Target("x")+"index.html"])
	for _, want := range []string{"X: từng quý</h2>"} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	for _, want := range []string{"Từng quý</h2>", "<p class=\"verdict__calc\">1 trên 2 quý có ít nhất 2 tin; 1 quý không đạt; 0 quý thiếu báo cáo; Q3/2020 đang thực hiện: 1 tin</p>"} {
		if !strings.Contains(target, want) {
			t.Errorf("target page lacks %q", want)
		}
	}
	if want := "mỗi quý có ít nhất 2 tin"; !strings.Contains(string(files["gioi-thieu/index.html"]), want) {
		t.Errorf("about page lacks %q", want)
	}
}

// TestYearlyGrid checks the labels of a yearly grid over a period that
// starts in November: 2020 is a partial year.
func TestYearlyGrid(t *testing.T) {
	files := renderPeriodicSite(t, "2020-11", "2021-02", "every = \"year\"\nthreshold = 2\n",
		map[string]int{"2020-11": 1, "2020-12": 1, "2021-01": 1})
	want := []string{"2020: Đạt · 2 tin", "2021: Đang thực hiện · 1 tin"}
	if got := cells(string(files[rt.Target("x")+"index.html"])); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("grid %q, want %q", got, want)
	}
}

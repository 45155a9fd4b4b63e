package render

import (
	"regexp"
	"strings"
	"testing"
)

// TestQuarterlyGridByYear checks that a quarterly grid longer than a year
// is grouped by year, the year of the latest report unfolded, each year's
// heading counting the quarters met, missed and without a report.
func TestQuarterlyGridByYear(t *testing.T) {
	files := renderPeriodicSite(t, "2020-01", "2021-12", "every = \"quarter\"\nthreshold = 2\n",
		map[string]int{"2020-01": 2, "2020-04": 1, "2020-05": 0, "2020-06": 0, "2021-01": 2, "2021-04": 1})
	home := string(files["index.html"])
	got := regexp.MustCompile(`<details class="month-years__year"( open)?>\s*<summary>(.*)</summary>`).FindAllStringSubmatch(home, -1)
	var years []string
	for _, y := range got {
		years = append(years, y[2]+y[1])
	}
	want := []string{
		`2020: 1/4 quý đạt <span class="month-years__more">(1 không đạt; 2 chưa có báo cáo)</span>`,
		`2021: 1/4 quý đạt <span class="month-years__more">(2 chưa có báo cáo)</span> open`,
	}
	if strings.Join(years, "\n") != strings.Join(want, "\n") {
		t.Errorf("years:\n%s\nwant:\n%s", strings.Join(years, "\n"), strings.Join(want, "\n"))
	}
	if n := len(cells(home)); n != 8 {
		t.Errorf("%d cells, want 8", n)
	}
}

package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// yearHeadingRE matches a year's heading of a grid grouped by year.
var yearHeadingRE = regexp.MustCompile(`<details class="month-years__year"(?: open)?>\s*<summary>(.*)</summary>`)

// TestGridYearsEnglishOne checks the English headings of a grid grouped by
// year when a year holds one month or one quarter of the plan, met: the
// singular (layouts/strings.en.toml: grid.year.month.one,
// grid.year.quarter.one).
func TestGridYearsEnglishOne(t *testing.T) {
	tests := []struct {
		name, start, end, every string
		records                 map[string]int
		want                    []string
	}{
		{"month", "2020-01", "2021-01", "month", map[string]int{"2020-03": 1, "2020-04": 0, "2021-01": 1}, []string{
			`2020: 1 of 12 months met <span class="month-years__more">(1 missed; 10 without a report)</span>`,
			`2021: 1 of 1 month met`,
		}},
		{"quarter", "2020-01", "2021-03", "quarter", map[string]int{"2020-02": 1, "2021-02": 1}, []string{
			`2020: 1 of 4 quarters met <span class="month-years__more">(3 without a report)</span>`,
			`2021: 1 of 1 quarter met`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := renderEnglishPeriodic(t, tt.start, tt.end, tt.every, tt.records)
			home := string(files["en/index.html"])
			if home == "" {
				t.Fatal("no English home page")
			}
			var got []string
			for _, m := range yearHeadingRE.FindAllStringSubmatch(home, -1) {
				got = append(got, m[1])
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("the English home page's years:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// renderEnglishPeriodic renders the small test site in Vietnamese and
// English over start to end, with one periodic target (one record a
// period, every month or quarter) and a report for each month of records
// (month → records; the month's other reports are absent).
func renderEnglishPeriodic(t *testing.T, start, end, every string, records map[string]int) Files {
	t.Helper()
	fsys := sitetest.Bare(t, start, end)
	fsys["site.toml"] = &fstest.MapFile{Data: append([]byte("languages = [\"vi\", \"en\"]\n"), fsys["site.toml"].Data...)}
	return renderPeriodic(t, fsys, fmt.Sprintf("every = %q\nthreshold = 1\n", every), records)
}

package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
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
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") || strings.HasPrefix(name, "content/cap-nhat/") {
			delete(fsys, name)
		}
	}
	site := string(fsys["site.toml"].Data)
	for _, r := range [][2]string{
		{`start = "2020-01"`, fmt.Sprintf("start = %q", start)},
		{`end = "2020-04"`, fmt.Sprintf("end = %q", end)},
	} {
		if !strings.Contains(site, r[0]) {
			t.Fatalf("the small site's site.toml has no %s: update the test", r[0])
		}
		site = strings.Replace(site, r[0], r[1], 1)
	}
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("languages = [\"vi\", \"en\"]\n" + site)}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"tin\"\nrule = \"periodic\"\nrecords = \"outreach\"\nevery = %q\nthreshold = 1\n", every))}
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

package progress_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// minMonthsSite is the small site reduced to one share target "x" of its 5
// communes with min_months (none when 0), and three reports: commune 10001
// has two records in January and one in March, 10002 one in January and
// one in February, 10003 one in January.
func minMonthsSite(t *testing.T, minMonths int) fstest.MapFS {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") || strings.HasPrefix(name, "content/cap-nhat/") {
			delete(fsys, name)
		}
	}
	target := "[[targets]]\nid = \"x\"\nname = \"X\"\nunit = \"xã\"\nrule = \"share\"\nrecords = \"outreach\"\nthreshold = 60\n"
	if minMonths > 0 {
		target += fmt.Sprintf("min_months = %d\n", minMonths)
	}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(target)}
	outreach := func(month string, units ...string) string {
		var b strings.Builder
		for i, u := range units {
			fmt.Fprintf(&b, "[[outreach]]\nunit = %q\ndate = %s-%02d\n", u, month, i+1)
		}
		return b.String()
	}
	fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte("published = 2020-02-03\n" + outreach("2020-01", "10001", "10001", "10002", "10003"))}
	fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte("published = 2020-03-03\n" + outreach("2020-02", "10002"))}
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-03\n" + outreach("2020-03", "10001"))}
	return fsys
}

// TestShareMinMonths checks that with min_months = N a unit counts only
// from the month in which it has records in N distinct months, that two
// records in one month are one month, and that the units listed as counted
// agree with the figure.
func TestShareMinMonths(t *testing.T) {
	tests := []struct {
		minMonths int
		num       [3]float64 // January to March
		counted   string     // at March
	}{
		{0, [3]float64{3, 3, 3}, "10001 10002 10003"},
		{1, [3]float64{3, 3, 3}, "10001 10002 10003"},
		// 10001's two January records are one month; 10002 has its second
		// month in February, 10001 in March; 10003 stays at one (N-1).
		{2, [3]float64{0, 1, 2}, "10001 10002"},
		// Nobody reaches three months: 10001 and 10002 stop at N-1.
		{3, [3]float64{0, 0, 0}, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.minMonths), func(t *testing.T) {
			r := result(t, compute(t, minMonthsSite(t, tt.minMonths)), "x")
			for i, want := range tt.num {
				got := r.Months[i]
				if got.Num != want || got.Den != 5 || !near(got.Value, 100*want/5) {
					t.Errorf("%s: %v/%v (%v%%), want %v/5", got.Month, got.Num, got.Den, got.Value, want)
				}
			}
			if got := codes(r.Counted); got != tt.counted {
				t.Errorf("counted %q, want %q", got, tt.counted)
			}
		})
	}
}

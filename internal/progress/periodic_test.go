package progress_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// periodicSite is the small site over the plan period start to end,
// reduced to one periodic target "x" with the given keys, and one report
// per entry of records (month "2020-01" → number of outreach records).
func periodicSite(t *testing.T, start, end, keys string, records map[string]int) fstest.MapFS {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") || strings.HasPrefix(name, "content/cap-nhat/") {
			delete(fsys, name)
		}
	}
	site := string(fsys["site.toml"].Data)
	site = strings.Replace(site, `start = "2020-01"`, fmt.Sprintf("start = %q", start), 1)
	site = strings.Replace(site, `end = "2020-04"`, fmt.Sprintf("end = %q", end), 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte("[[targets]]\nid = \"x\"\nname = \"X\"\nunit = \"tin\"\nrule = \"periodic\"\nrecords = \"outreach\"\n" + keys)}
	for month, n := range records {
		var b strings.Builder
		b.WriteString("published = 2022-01-01\n")
		for i := range n {
			fmt.Fprintf(&b, "[[outreach]]\nunit = \"10001\"\ndate = %s-%02d\n", month, i+1)
		}
		fsys["data/reports/"+month+".toml"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// TestPeriodicBoundaries checks a periodic target's records and status in
// every month of the plan period at the boundaries of its periods.
func TestPeriodicBoundaries(t *testing.T) {
	const (
		met, on, risk, not, none = progress.Met, progress.OnTrack, progress.AtRisk, progress.NotMet, progress.NoData
	)
	quarter := "every = \"quarter\"\nthreshold = 3\n"
	tests := []struct {
		name       string
		start, end string
		keys       string
		records    map[string]int
		num        []float64 // each month's records in its period so far
		status     []progress.Status
	}{
		{"exactly the threshold in a quarter", "2020-01", "2020-06", quarter,
			map[string]int{"2020-01": 1, "2020-02": 1, "2020-03": 1},
			[]float64{1, 2, 3, 0, 0, 0}, []progress.Status{on, on, met, none, none, none}},
		{"one below in a quarter", "2020-01", "2020-06", quarter,
			map[string]int{"2020-01": 1, "2020-02": 1, "2020-03": 0, "2020-04": 3},
			[]float64{1, 2, 2, 3, 0, 0}, []progress.Status{on, on, not, not, none, none}},
		{"a quarter with no reports", "2020-01", "2020-06", quarter,
			map[string]int{"2020-04": 3, "2020-05": 0, "2020-06": 0},
			[]float64{0, 0, 0, 3, 3, 3}, []progress.Status{none, none, none, risk, risk, not}},
		{"an unreported month in a running quarter", "2020-01", "2020-06", quarter,
			map[string]int{"2020-01": 1, "2020-03": 1, "2020-04": 3},
			[]float64{1, 0, 2, 3, 0, 0}, []progress.Status{on, none, risk, risk, none, none}},
		{"reached despite an unreported month", "2020-01", "2020-06", quarter,
			map[string]int{"2020-01": 1, "2020-03": 2, "2020-04": 3},
			[]float64{1, 0, 3, 3, 0, 0}, []progress.Status{on, none, met, met, none, none}},
		{"the last quarter below", "2020-01", "2020-06", quarter,
			map[string]int{"2020-01": 3, "2020-04": 1, "2020-05": 1, "2020-06": 0},
			[]float64{3, 0, 0, 1, 2, 2}, []progress.Status{met, none, none, on, on, not}},
		{"the last quarter met", "2020-01", "2020-06", quarter,
			map[string]int{"2020-01": 3, "2020-02": 0, "2020-03": 0, "2020-04": 1, "2020-05": 1, "2020-06": 1},
			[]float64{3, 3, 3, 1, 2, 3}, []progress.Status{met, met, met, on, on, met}},
		{"a one-quarter period met", "2020-01", "2020-03", quarter,
			map[string]int{"2020-01": 2, "2020-02": 0, "2020-03": 1},
			[]float64{2, 2, 3}, []progress.Status{on, on, met}},
		{"a one-quarter period one below", "2020-01", "2020-03", quarter,
			map[string]int{"2020-01": 2, "2020-02": 0, "2020-03": 0},
			[]float64{2, 2, 2}, []progress.Status{on, on, not}},
		// February and March are the first quarter, with the whole threshold.
		{"a partial first quarter", "2020-02", "2020-06", quarter,
			map[string]int{"2020-02": 1, "2020-03": 2, "2020-04": 1},
			[]float64{1, 3, 1, 0, 0}, []progress.Status{on, met, on, none, none}},
		{"a partial first quarter one below", "2020-02", "2020-06", quarter,
			map[string]int{"2020-02": 1, "2020-03": 1, "2020-04": 3},
			[]float64{1, 2, 3, 0, 0}, []progress.Status{on, not, not, none, none}},
		{"years", "2020-11", "2021-02", "every = \"year\"\nthreshold = 2\n",
			map[string]int{"2020-11": 1, "2020-12": 1, "2021-01": 1, "2021-02": 0},
			[]float64{1, 2, 1, 1}, []progress.Status{on, met, on, not}},
		{"a quarterly ceiling", "2020-01", "2020-06", "every = \"quarter\"\ncompare = \"at_most\"\nthreshold = 1\n",
			map[string]int{"2020-01": 1, "2020-02": 0, "2020-03": 0, "2020-04": 1, "2020-05": 1},
			[]float64{1, 1, 1, 1, 2, 0}, []progress.Status{on, on, on, on, not, none}},
		{"every month by default", "2020-01", "2020-03", "threshold = 1\n",
			map[string]int{"2020-01": 1, "2020-02": 2, "2020-03": 1},
			[]float64{1, 2, 1}, []progress.Status{met, met, met}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := result(t, compute(t, periodicSite(t, tt.start, tt.end, tt.keys, tt.records)), "x")
			if len(r.Months) != len(tt.status) {
				t.Fatalf("%d months, want %d", len(r.Months), len(tt.status))
			}
			for i, m := range r.Months {
				if m.Reported && m.Num != tt.num[i] || m.Status != tt.status[i] {
					t.Errorf("%s: %v records, %s; want %v, %s", m.Month, m.Num, m.Status, tt.num[i], tt.status[i])
				}
			}
		})
	}
}

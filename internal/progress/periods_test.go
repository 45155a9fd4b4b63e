package progress_test

import (
	"testing"

	"github.com/minhbach/minhbach/internal/progress"
)

// TestPeriodStates checks the grid of a quarterly target: each quarter's
// state and the month whose records it shows, decided in progress so that
// the layouts only lay them out.
func TestPeriodStates(t *testing.T) {
	const (
		met, missed, running, incomplete, none = progress.PeriodMet, progress.PeriodMissed, progress.PeriodRunning, progress.PeriodIncomplete, progress.PeriodNone
	)
	quarter := "every = \"quarter\"\nthreshold = 3\n"
	ceiling := "every = \"quarter\"\nthreshold = 1\ncompare = \"at_most\"\n"
	tests := []struct {
		name    string
		keys    string
		records map[string]int
		states  []progress.PeriodState
		last    []string // the month each period shows, "" for none
	}{
		{"met at once, then no report", quarter,
			map[string]int{"2020-01": 3},
			[]progress.PeriodState{met, none, none}, []string{"2020-01", "", ""}},
		{"ended below, then running", quarter,
			map[string]int{"2020-01": 1, "2020-02": 1, "2020-03": 0, "2020-04": 1},
			[]progress.PeriodState{missed, running, none}, []string{"2020-03", "2020-04", ""}},
		{"a month unreported in an ended quarter", quarter,
			map[string]int{"2020-01": 1, "2020-03": 1, "2020-04": 0},
			[]progress.PeriodState{incomplete, running, none}, []string{"2020-03", "2020-04", ""}},
		{"a ceiling exceeded at once", ceiling,
			map[string]int{"2020-01": 2},
			[]progress.PeriodState{missed, none, none}, []string{"2020-01", "", ""}},
		{"a ceiling kept to the end", ceiling,
			map[string]int{"2020-01": 1, "2020-02": 0, "2020-03": 0, "2020-04": 0},
			[]progress.PeriodState{met, running, none}, []string{"2020-03", "2020-04", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := compute(t, periodicSite(t, "2020-01", "2020-09", tt.keys, tt.records))
			res := result(t, p, "x")
			if len(res.Periods) != len(tt.states) {
				t.Fatalf("%d periods, want %d", len(res.Periods), len(tt.states))
			}
			for i, per := range res.Periods {
				last := ""
				if per.Last != nil {
					last = per.Last.Month.String()
				}
				if per.State != tt.states[i] || last != tt.last[i] {
					t.Errorf("period %d: %s showing %q, want %s showing %q", i+1, per.State, last, tt.states[i], tt.last[i])
				}
				if len(per.Months) != 3 {
					t.Errorf("period %d: %d months, want 3", i+1, len(per.Months))
				}
			}
		})
	}
}

// TestMonthReached checks that every month says whether its value
// satisfies the threshold, which the month grid shows as met or missed.
func TestMonthReached(t *testing.T) {
	p := compute(t, periodicSite(t, "2020-01", "2020-03", "every = \"month\"\nthreshold = 2\n", map[string]int{"2020-01": 2, "2020-02": 1, "2020-03": 5}))
	want := []bool{true, false, true}
	for i, m := range result(t, p, "x").Months {
		if m.Reached != want[i] {
			t.Errorf("%s: Reached = %v, want %v", m.Month, m.Reached, want[i])
		}
	}
	if got := result(t, p, "x").Periods; got != nil {
		t.Errorf("a monthly target has %d periods, want none (its grid is its months)", len(got))
	}
}

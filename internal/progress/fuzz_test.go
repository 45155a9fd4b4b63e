package progress_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// FuzzRules builds four monthly reports from the fuzzer's bytes — which
// communes hold outreach, which press items, cases, list changes — and checks
// what every computation must satisfy.
func FuzzRules(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Add([]byte{0, 0, 0, 0})
	f.Add([]byte{255, 128, 64, 32, 16, 8, 4, 2, 1})
	base := sitetest.Load(f, "small")
	communes := []string{"10001", "10002", "10003", "10004", "10005"}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			if !strings.HasPrefix(k, "data/reports/") {
				fsys[k] = v
			}
		}
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return int(b)
		}
		var detected, handled int
		on := map[string]bool{"10001": true, "10003": true} // the list's baseline
		for month := 1; month <= 4; month++ {
			b := next()
			if b%5 == 0 {
				continue // no report this month
			}
			var r strings.Builder
			for i, c := range communes {
				if b&(1<<i) != 0 {
					fmt.Fprintf(&r, "[[outreach]]\nunit = %q\ndate = 2020-%02d-10\n\n", c, month)
				}
			}
			for i := range next() % 3 {
				fmt.Fprintf(&r, "[[press]]\ndate = 2020-%02d-%02d\ntitle = \"t%d\"\n\n", month, i+1, i)
			}
			d := next() % 4
			h := min(next()%4, detected+d-handled)
			detected, handled = detected+d, handled+h
			fmt.Fprintf(&r, "[[cases]]\nunit = \"001\"\ndetected = %d\nhandled = %d\n\n", d, h)
			if c := next(); c%6 < 5 {
				// One change of the list: add a unit off it, remove one on it.
				u := communes[c%6]
				change := "added"
				if on[u] {
					change = "removed"
				}
				on[u] = !on[u]
				fmt.Fprintf(&r, "[[list_changes]]\nlist = \"lanh-manh\"\nunit = %q\nchange = %q\ndate = 2020-%02d-20\n\n", u, change, month)
			}
			fsys[fmt.Sprintf("data/reports/2020-%02d.toml", month)] = &fstest.MapFile{Data: []byte(r.String())}
		}
		s, err := load.Site(fsys)
		if err != nil {
			t.Fatalf("generated site does not load: %v", err)
		}
		p := progress.Compute(s)
		for _, r := range p.Results {
			if len(r.Months) != 4 {
				t.Fatalf("%s: %d months", r.Target.ID, len(r.Months))
			}
			for i, m := range r.Months {
				if !slices.Contains(progress.Statuses, m.Status) {
					t.Errorf("%s %s: status %q", r.Target.ID, m.Month, m.Status)
				}
				if !m.Reported && (m.HasValue || m.Status != progress.NoData) {
					t.Errorf("%s %s: unreported month has value %v status %s", r.Target.ID, m.Month, m.HasValue, m.Status)
				}
				if r.Target.IsPercent() && m.HasValue && (m.Value < 0 || m.Value > 100) {
					t.Errorf("%s %s: %v%%", r.Target.ID, m.Month, m.Value)
				}
				// Cumulative rules never go down.
				if i > 0 && m.HasValue && r.Months[i-1].HasValue && (r.Target.ID == "tuyen-truyen" || r.Target.ID == "mo-hinh") && m.Value < r.Months[i-1].Value {
					t.Errorf("%s: %v after %v", r.Target.ID, m.Value, r.Months[i-1].Value)
				}
				if r.Target.ID == "bao-chi" && m.MonthsMissed > 0 && m.Reported && m.Status != progress.NotMet {
					t.Errorf("monthly target with a missed month is %s", m.Status)
				}
			}
			if r.Latest != nil && r.Status() != r.Latest.Status {
				t.Errorf("%s: Status %s, latest %s", r.Target.ID, r.Status(), r.Latest.Status)
			}
			// The membership target and the list count the same units.
			if r.Target.ID == "lanh-manh" && r.Latest != nil {
				l := p.Lists[0]
				if r.Latest.Num != float64(l.Added) || r.Latest.Den != float64(l.Removed) {
					t.Errorf("target counts %v new %v removed, list %d and %d", r.Latest.Num, r.Latest.Den, l.Added, l.Removed)
				}
				var held int
				for _, u := range communes {
					if on[u] {
						held++
					}
				}
				if p.Latest == r.Latest.Month && l.Held != held {
					t.Errorf("list holds %d units, want %d", l.Held, held)
				}
			}
		}
	})
}

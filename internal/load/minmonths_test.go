package load_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestMinMonths checks the range of a share target's min_months, from 1 to
// the months of the period (4 in the small site), and that no other rule
// takes it.
func TestMinMonths(t *testing.T) {
	const share = "[[targets]]\nid = \"a\"\nname = \"A\"\nunit = \"xã\"\nthreshold = 60\nrule = \"share\"\nrecords = \"outreach\"\n"
	tests := []struct {
		name, target, want string
	}{
		{"one", share + "min_months = 1\n", ""},
		{"the whole period", share + "min_months = 4\n", ""},
		{"zero", share + "min_months = 0\n", `data/targets.toml:8:1: min_months 0 is out of range: use 1 or more, the months in which a unit must have records to count`},
		{"negative", share + "min_months = -1\n", `data/targets.toml:8:1: min_months -1 is out of range`},
		{"more than the period", share + "min_months = 5\n", `data/targets.toml:8:1: min_months 5 is more than the 4 months of the period, so no unit could ever count: use at most 4`},
		{"on count", "[[targets]]\nid = \"a\"\nname = \"A\"\nunit = \"xã\"\nthreshold = 1\nrule = \"count\"\nrecords = \"outreach\"\nmin_months = 2\n",
			`data/targets.toml:8:1: "min_months" is not used by rule count: remove it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Load(t, "small")
			fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(tt.target)}
			_, err := load.Site(fsys)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}

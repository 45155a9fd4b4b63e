package load_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestPartOfWhole checks that only a ratio with part_of_whole is held to
// 100%: its numerator may not exceed its denominator, nor its threshold
// 100; other ratios may pass both; and no other rule takes the key.
func TestPartOfWhole(t *testing.T) {
	const ratio = "[[targets]]\nid = \"a\"\nname = \"A\"\nunit = \"vụ\"\nrule = \"ratio\"\nrecords = \"cases\"\nnumerator = \"handled\"\ndenominator = \"detected\"\n"
	const over = "[[cases]]\nunit = \"002\"\ndetected = 0\nhandled = 2\n"
	tests := []struct {
		name, target, report, want string
	}{
		{"exceeded with the key", ratio + "threshold = 100\npart_of_whole = true\n", over,
			`data/reports/2020-02.toml:4:1: handled (Đã xử lý) adds up to 3 since the period started, more than the 2 of detected (Phát hiện): check the figures of this record`},
		{"exceeded without it", ratio + "threshold = 100\n", over, ""},
		{"threshold over 100 with the key", ratio + "threshold = 120\npart_of_whole = true\n", "",
			`data/targets.toml:9:1: threshold 120 is out of range: use a value from 0 to 100 for a percentage`},
		{"threshold over 100 without it", ratio + "threshold = 120\n", "", ""},
		{"on share", "[[targets]]\nid = \"a\"\nname = \"A\"\nunit = \"xã\"\nthreshold = 1\nrule = \"share\"\nrecords = \"outreach\"\npart_of_whole = true\n", "",
			`data/targets.toml:8:1: "part_of_whole" is not used by rule share: remove it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Load(t, "small")
			fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(tt.target)}
			if tt.report != "" {
				fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte(tt.report)}
			}
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

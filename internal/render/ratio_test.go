package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// ratioTarget is a ratio target "x" of the small site's cases; extra adds
// keys.
const ratioTarget = "[[targets]]\nid = \"x\"\nnumber = 1\nname = \"X\"\nunit = \"vụ\"\nrule = \"ratio\"\nrecords = \"cases\"\nnumerator = \"handled\"\ndenominator = \"detected\"\n"

// TestRatioOverWhole checks that a ratio whose numerator is not part of its
// denominator may pass 100%, against a threshold over 100%, and that the
// page and the about page say so.
func TestRatioOverWhole(t *testing.T) {
	report := "[[cases]]\nunit = \"001\"\ndetected = 5\nhandled = 6\n"
	tests := []struct {
		threshold, status, calc string
	}{
		{"100", "met", "6 trên 5 vụ (120%) — chỉ tiêu ít nhất 100%"},
		{"120", "met", "6 trên 5 vụ (120%) — chỉ tiêu ít nhất 120%"},
		{"150", "not_met", "6 trên 5 vụ (120%) — chỉ tiêu ít nhất 150%"},
	}
	for _, tt := range tests {
		t.Run(tt.threshold, func(t *testing.T) {
			files := renderTargetSite(t, ratioTarget+"threshold = "+tt.threshold+"\n", report)
			page := string(files[rt.Target("x")+"index.html"])
			for _, want := range []string{
				"<p class=\"verdict__calc\">" + tt.calc + "</p>",
				"verdict verdict--" + tt.status,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("target page lacks %q", want)
				}
			}
			// The chart's axis is not capped at 100%, or 120% would be cut off.
			if strings.Contains(page, `"max":100`) {
				t.Errorf("chart axis capped at 100%%")
			}
			if want := "có thể vượt 100%"; !strings.Contains(string(files["gioi-thieu/index.html"]), want) {
				t.Errorf("about page lacks %q", want)
			}
		})
	}
	t.Run("part of whole", func(t *testing.T) {
		files := renderTargetSite(t, ratioTarget+"threshold = 100\npart_of_whole = true\n", "[[cases]]\nunit = \"001\"\ndetected = 5\nhandled = 5\n")
		if !strings.Contains(string(files[rt.Target("x")+"index.html"]), `"yAxis":[{"type":"value","min":0,"max":100}`) {
			t.Errorf("chart axis of a part-of-whole ratio not capped at 100%%")
		}
		if want := "không thể vượt 100%"; !strings.Contains(string(files["gioi-thieu/index.html"]), want) {
			t.Errorf("about page lacks %q", want)
		}
	})
	t.Run("part of whole exceeded", func(t *testing.T) {
		fsys := sitetest.Load(t, "small")
		fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(ratioTarget + "threshold = 100\npart_of_whole = true\n")}
		fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte("[[cases]]\nunit = \"001\"\ndetected = 0\nhandled = 100\n")}
		_, err := load.Site(fsys)
		want := "data/reports/2020-02.toml:4:1: handled (Đã xử lý) adds up to"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error %q…", err, want)
		}
	})
}

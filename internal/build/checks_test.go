package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestReportingLevelPages checks that the update page counts the units of
// the plan's reporting level, by default the top level.
func TestReportingLevelPages(t *testing.T) {
	tests := []struct {
		name, level, units string
		want               string
	}{
		{"default top level", "", `["001"]`, "1 trên 2 huyện gửi báo cáo đúng hạn"},
		{"commune level", "commune", `["10001"]`, "1 trên 5 xã gửi báo cáo đúng hạn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := sitetest.Load(t, "small")
			if tt.level != "" {
				cfg := strings.Replace(string(site["site.toml"].Data), "end = \"2020-04\"\n", "end = \"2020-04\"\nreporting_level = \""+tt.level+"\"\n", 1)
				site["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
			}
			for _, name := range []string{"data/reports/2020-01.toml", "data/reports/2020-02.toml"} {
				r := strings.NewReplacer(`units = ["001", "002"]`, "units = []", `units = ["001"]`, "units = "+tt.units).Replace(string(site[name].Data))
				site[name] = &fstest.MapFile{Data: []byte(r)}
			}
			res, err := build.Render(t.Context(), site, render.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			page := string(res.Files["cap-nhat/2020-02/index.html"])
			if !strings.Contains(page, tt.want) {
				t.Errorf("the update page does not say %q", tt.want)
			}
		})
	}
}

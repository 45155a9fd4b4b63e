package build_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/routes"
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
			page := string(res.Files[rt.Updates()+"2020-02/index.html"])
			if !strings.Contains(page, tt.want) {
				t.Errorf("the update page does not say %q", tt.want)
			}
		})
	}
}

// TestOptionalFiles builds the small site without each optional file or
// folder, with the references to what it held taken out: each must build.
func TestOptionalFiles(t *testing.T) {
	membership := regexp.MustCompile(`(?s)\[\[targets\]\]\nid = "lanh-manh".*`)
	listChange := regexp.MustCompile(`(?s)\[\[list_changes\]\].*?\n\n`)
	recordTables := regexp.MustCompile(`(?s)\[\[(outreach|press|cases)\]\].*?\n\n`)
	tests := []struct {
		name   string
		remove []string // paths, or folders ending in /
		edit   map[string]func(string) string
	}{
		{"agencies", []string{"data/agencies.toml"}, map[string]func(string) string{
			"data/reports/2020-01.toml": func(s string) string { return strings.Replace(s, `agencies = ["so"]`, "agencies = []", 1) },
			"data/reports/2020-02.toml": func(s string) string { return strings.Replace(s, `agencies = ["so", "huyen"]`, "agencies = []", 1) },
		}},
		{"record kinds", []string{"data/records.toml"}, map[string]func(string) string{
			"data/targets.toml":         func(s string) string { return membership.FindString(s) },
			"data/reports/2020-01.toml": func(s string) string { return recordTables.ReplaceAllString(s, "") },
			"data/reports/2020-02.toml": func(s string) string { return recordTables.ReplaceAllString(s, "") },
		}},
		{"lists", []string{"data/lists/"}, map[string]func(string) string{
			"data/targets.toml":         func(s string) string { return membership.ReplaceAllString(s, "") },
			"data/reports/2020-02.toml": func(s string) string { return listChange.ReplaceAllString(s, "") },
		}},
		{"rubrics", []string{"data/rubrics/"}, map[string]func(string) string{
			"data/lists/lanh-manh.toml": func(s string) string {
				return strings.NewReplacer("rubric = \"thang-diem\"\n", "", "scores = { \"1.1\" = 40, \"1.2\" = 45 }\n", "").Replace(s)
			},
			"data/reports/2020-02.toml": func(s string) string { return strings.Replace(s, "scores = { \"1.1\" = 45, \"1.2\" = 40 }\n", "", 1) },
		}},
		{"context", []string{"data/context.toml"}, nil},
		{"reports", []string{"data/reports/", "content/" + routes.UpdatesSection + "/"}, nil},
		{"home introduction", []string{"content/_index.md"}, nil},
		{"other pages", []string{"content/gioi-thieu.md"}, nil},
		{"update posts", []string{"content/" + routes.UpdatesSection + "/"}, nil},
		{"all content", []string{"content/"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := sitetest.Load(t, "small")
			for name := range site {
				for _, p := range tt.remove {
					if name == p || strings.HasSuffix(p, "/") && strings.HasPrefix(name, p) {
						delete(site, name)
					}
				}
			}
			for name, edit := range tt.edit {
				site[name] = &fstest.MapFile{Data: []byte(edit(string(site[name].Data)))}
			}
			res, err := build.Render(t.Context(), site, render.Options{}, nil)
			if err != nil {
				t.Fatalf("without %v: %v", tt.remove, err)
			}
			if len(res.Files["index.html"]) == 0 {
				t.Errorf("without %v: no home page", tt.remove)
			}
		})
	}
}

// TestRequiredFiles checks that a missing required file is named.
func TestRequiredFiles(t *testing.T) {
	for _, name := range []string{"site.toml", "data/units.toml", "data/targets.toml"} {
		site := sitetest.Load(t, "small")
		delete(site, name)
		_, err := build.Render(t.Context(), site, render.Options{}, nil)
		if want := name + ": cannot read file: file does not exist"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("without %s: got %v, want %q", name, err, want)
		}
	}
	site := sitetest.Load(t, "small")
	delete(site, "data/records.toml")
	_, err := build.Render(t.Context(), site, render.Options{}, nil)
	if want := `data/reports/2020-01.toml:3:3: unknown record kind "outreach": define it in data/records.toml, or use published, list_changes, submitted, assessments`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("records without kinds: got %v, want %q", err, want)
	}
}

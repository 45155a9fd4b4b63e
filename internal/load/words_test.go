package load_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestLevelSingular checks a level's singular name: as written, or its
// name when units.toml does not give one, and held to the length of names.
func TestLevelSingular(t *testing.T) {
	tests := []struct {
		name, singular, want, err string
	}{
		{"absent", "", "xã", ""},
		{"given", `singular = "xã, phường"` + "\n", "xã, phường", ""},
		{"blank", `singular = "  "` + "\n", "xã", ""},
		{"too long", `singular = "` + strings.Repeat("x", 201) + `"` + "\n", "", `data/units.toml:10:1: "singular" is 201 characters long: shorten it to at most 200`},
		{"not text", "singular = 1\n", "", `data/units.toml:10:1: "singular" must be text in quotes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.Load(t, "small")
			units := string(fsys["data/units.toml"].Data)
			units = strings.Replace(units, "name = \"xã\"\n", "name = \"xã\"\n"+tt.singular, 1)
			fsys["data/units.toml"] = &fstest.MapFile{Data: []byte(units)}
			s, err := load.Site(fsys)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got:\n%v\nwant a line:\n%s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Units.Level("commune").Singular; got != tt.want {
				t.Errorf("singular %q, want %q", got, tt.want)
			}
			if got := s.Units.Level("district").Singular; got != "huyện" {
				t.Errorf("a level without singular: %q, want its name", got)
			}
		})
	}
}

// TestPlanSections checks the plan's optional section references.
func TestPlanSections(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Config.Plan; p.TargetsSection != "" || p.TasksSection != "" {
		t.Errorf("sections %q and %q where site.toml states none", p.TargetsSection, p.TasksSection)
	}
	cfg := strings.Replace(string(fsys["site.toml"].Data), "[plan]\n", "[plan]\ntargets_section = \" mục I.2 \"\ntasks_section = \"phần III\"\n", 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	if s, err = load.Site(fsys); err != nil {
		t.Fatal(err)
	}
	if p := s.Config.Plan; p.TargetsSection != "mục I.2" || p.TasksSection != "phần III" {
		t.Errorf("sections %q and %q, want \"mục I.2\" and \"phần III\"", p.TargetsSection, p.TasksSection)
	}
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(cfg, `"phần III"`, "4", 1))}
	if _, err = load.Site(fsys); err == nil || !strings.Contains(err.Error(), `site.toml:7:1: "tasks_section" must be text in quotes`) {
		t.Errorf("a number for tasks_section: %v", err)
	}
}

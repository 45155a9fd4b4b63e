package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/render"
)

// checkSite runs check and a build on the site in dir, through the code
// the commands use, and fails t on any problem, warnings included.
func checkSite(t *testing.T, dir string) *build.Result {
	t.Helper()
	fsys, closeSite, err := load.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	problems, err := build.Check(t.Context(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("check: %v", p)
	}
	res, err := build.Render(t.Context(), fsys, render.Options{}, nil)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// TestNewSite checks that a new site, of one level or two, builds and
// passes check with no warning, has no theme files of its own, and says
// nothing of any real plan.
func TestNewSite(t *testing.T) {
	start := model.Month{Year: 2026, Mon: 7}
	for _, levels := range []int{1, 2} {
		t.Run(strings.Repeat("level", 1)+string(rune('0'+levels)), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			files, err := Site(dir, NewSite{Levels: levels, Start: start})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"content/_index.md", "content/cap-nhat/2026-07.md", "content/gioi-thieu.md", "content/ke-hoach.md",
				"data/agencies.toml", "data/records.toml", "data/reports/2026-07.toml", "data/targets.toml", "data/units.toml", "site.toml"}
			if strings.Join(files, " ") != strings.Join(want, " ") {
				t.Errorf("wrote %q, want %q", files, want)
			}
			res := checkSite(t, dir)
			for _, page := range []string{"index.html", "ke-hoach/index.html", "gioi-thieu/index.html", "cap-nhat/2026-07/index.html", "chi-tieu/vi-du-ty-le/index.html"} {
				if len(res.Files[page]) == 0 {
					t.Errorf("no page %s", page)
				}
			}
			units, _ := os.ReadFile(filepath.Join(dir, "data", "units.toml"))
			if got := strings.Count(string(units), "[[levels]]"); got != levels {
				t.Errorf("%d levels in data/units.toml, want %d", got, levels)
			}
			site, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
			for _, want := range []string{`start = "2026-07"`, `end = "2027-06"`, "illustrative = true", "https://example.org/"} {
				if !strings.Contains(string(site), want) {
					t.Errorf("site.toml lacks %s", want)
				}
			}
			// Words of the example plan, or of its place.
			plan := regexp.MustCompile(`(?i)ninh bình|ninh binh|mại dâm|31/KH|138|Kim Sơn|Yên Khánh`)
			for _, name := range files {
				b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if m := plan.Find(b); m != nil {
					t.Errorf("%s says %q, a word of the example plan", name, m)
				}
			}
		})
	}
}

// TestNewSiteExamples checks that every commented example target of a new
// site's data/targets.toml works once uncommented: the site still passes
// check with no error.
func TestNewSiteExamples(t *testing.T) {
	for _, levels := range []int{1, 2} {
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := Site(dir, NewSite{Levels: levels, Start: model.Month{Year: 2026, Mon: 1}}); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "data", "targets.toml")
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		in, rules := false, map[string]bool{}
		for line := range strings.SplitSeq(string(b), "\n") {
			if line == "# [[targets]]" {
				in = true
			}
			if in && strings.HasPrefix(line, "# ") {
				line = strings.TrimPrefix(line, "# ")
				if r, ok := strings.CutPrefix(line, "rule = "); ok {
					rules[strings.Fields(r)[0]] = true
				}
			} else {
				in = false
			}
			out = append(out, line)
		}
		for _, r := range []string{`"count"`, `"sum"`, `"share"`, `"ratio"`, `"periodic"`, `"assessed"`} {
			if !rules[r] {
				t.Errorf("no commented example of rule %s", r)
			}
		}
		if err := os.WriteFile(name, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		fsys, closeSite, err := load.Dir(dir)
		if err != nil {
			t.Fatal(err)
		}
		problems, err := build.Check(t.Context(), fsys)
		closeSite()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			if !p.Warning {
				t.Errorf("%d levels, with the examples: %v", levels, p)
			}
		}
	}
}

// TestNewSiteRefusesFolder checks that a new site is never written into a
// folder that holds anything, nor over a file.
func TestNewSiteRefusesFolder(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	os.WriteFile(keep, []byte("mine"), 0o644)
	_, err := Site(dir, NewSite{Levels: 2, Start: model.Month{Year: 2026, Mon: 1}})
	if err == nil || !strings.Contains(err.Error(), "exists and is not empty: choose a new or empty folder; nothing was written") {
		t.Errorf("got %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if b, _ := os.ReadFile(keep); len(entries) != 1 || string(b) != "mine" {
		t.Errorf("the folder was changed: %d entries", len(entries))
	}
	if _, err := Site(keep, NewSite{Levels: 2, Start: model.Month{Year: 2026, Mon: 1}}); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("over a file: got %v", err)
	}
	if _, err := Site(filepath.Join(dir, "new"), NewSite{Levels: 3, Start: model.Month{Year: 2026, Mon: 1}}); err == nil {
		t.Error("3 levels accepted")
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	if _, err := Site(empty, NewSite{Levels: 1, Start: model.Month{Year: 2026, Mon: 1}}); err != nil {
		t.Errorf("an empty folder: %v", err)
	}
}

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/theme"
)

// TestBrokenSites builds every site of testdata/broken with check and with
// build: check must report an error exactly when build fails, and both must
// show the fixture's expected messages.
//
// A fixture is the small test site changed by the txtar files it holds
// (added or replaced) and by the lines of its comment:
//
//	want: TEXT            a message check and build must both show
//	edit: FILE: OLD => NEW  replace the first OLD of FILE with NEW; a FILE
//	                      the site lacks is first copied from the stock
//	                      theme, as the site's override
//	pending: BRANCH       the branch that makes it an error; until then
//	                      only the agreement of check and build is tested
func TestBrokenSites(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join(sitetest.Root(), "testdata", "broken", "*.txtar"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, fixture := range fixtures {
		name := strings.TrimSuffix(filepath.Base(fixture), ".txtar")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(fixture)
			if err != nil {
				t.Fatal(err)
			}
			dir, wants, pending := brokenSite(t, string(b))
			checkCode, checkOut, _ := runCLI("check", "-src", dir)
			buildCode, _, buildErr := runCLI("build", "-src", dir, "-out", filepath.Join(t.TempDir(), "out"))
			if (checkCode != 0) != (buildCode != 0) {
				t.Fatalf("check and build disagree: check exit %d, build exit %d\ncheck:\n%s\nbuild:\n%s", checkCode, buildCode, checkOut, buildErr)
			}
			var missing []string
			if checkCode == 0 {
				missing = append(missing, "an error")
			}
			for _, want := range wants {
				if !strings.Contains(checkOut, want) || !strings.Contains(buildErr, want) {
					missing = append(missing, want)
				}
			}
			switch {
			case pending != "" && len(missing) > 0:
				t.Skipf("needs the %s branch: check exit %d, build exit %d, missing %q", pending, checkCode, buildCode, missing)
			case pending != "":
				t.Errorf("passes now: remove the line \"pending: %s\"", pending)
			case len(missing) > 0:
				t.Errorf("missing %q\ncheck (exit %d):\n%s\nbuild (exit %d):\n%s", missing, checkCode, checkOut, buildCode, buildErr)
			}
		})
	}
}

// brokenSite writes the small site changed as the fixture says into a new
// folder, and returns it with the fixture's expectations.
func brokenSite(t *testing.T, fixture string) (dir string, wants []string, pending string) {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	for name, f := range sitetest.Parse(fixture) {
		fsys[name] = f
	}
	comment, _, _ := strings.Cut(fixture, "\n-- ")
	for line := range strings.SplitSeq(comment, "\n") {
		key, value, ok := strings.Cut(line, ": ")
		switch {
		case !ok:
		case key == "want":
			wants = append(wants, value)
		case key == "pending":
			pending = value
		case key == "edit":
			edit(t, fsys, value)
		}
	}
	dir = t.TempDir()
	for p, f := range fsys {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, wants, pending
}

// edit applies "FILE: OLD => NEW" to fsys.
func edit(t *testing.T, fsys fstest.MapFS, spec string) {
	t.Helper()
	name, change, _ := strings.Cut(spec, ": ")
	old, repl, ok := strings.Cut(change, " =>")
	f := fsys[name]
	if f == nil {
		if b, err := fs.ReadFile(theme.FS(), name); err == nil {
			f = &fstest.MapFile{Data: b, Mode: 0o644}
		}
	}
	if !ok || f == nil || !strings.Contains(string(f.Data), old) {
		t.Fatalf("edit %q: no %q in %s", spec, old, name)
	}
	repl = strings.TrimPrefix(repl, " ")
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, repl, 1)), Mode: 0o644}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNewSite runs "new site" and then check and build on what it wrote:
// no error and no warning, and a second run refuses the folder.
func TestNewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "portal")
	code, out, errout := runCLI("new", "site", "-levels", "1", "-start", "2026-03", dir)
	if code != 0 {
		t.Fatalf("new site: exit %d\n%s", code, errout)
	}
	if !strings.Contains(out, "created "+filepath.Join(dir, "data", "reports", "2026-03.toml")) {
		t.Errorf("new site does not list the first report:\n%s", out)
	}
	code, out, _ = runCLI("check", "-src", dir)
	if code != 0 || !strings.HasSuffix(out, "0 errors, 0 warnings\n") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	code, _, errout = runCLI("build", "-src", dir, "-out", filepath.Join(t.TempDir(), "public"))
	if code != 0 {
		t.Errorf("build: exit %d\n%s", code, errout)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	code, _, errout = runCLI("new", "site", dir)
	if code != 1 || !strings.Contains(errout, "exists and is not empty") {
		t.Errorf("a second new site: exit %d\n%s", code, errout)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(after) != string(before) {
		t.Error("a second new site changed site.toml")
	}
}

// TestNewSiteArguments checks the usage errors of "new site" and that the
// period starts this month by default.
func TestNewSiteArguments(t *testing.T) {
	for _, args := range [][]string{
		{"new", "site"},
		{"new", "site", "a", "b"},
		{"new", "site", "-levels", "3", "x"},
		{"new", "site", "-start", "2026-13", "x"},
		{"new", "site", "-nope", "x"},
	} {
		if code, _, errout := runCLI(args...); code != 2 || !strings.Contains(errout, "usage: minhbach new") {
			t.Errorf("%q: exit %d\n%s", args, code, errout)
		}
	}
	var out, errout strings.Builder
	dir := filepath.Join(t.TempDir(), "portal")
	if err := newSite([]string{dir}, time.Date(2031, 5, 20, 0, 0, 0, 0, time.UTC), &out, &errout); err != nil {
		t.Fatal(err)
	}
	site, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	if !strings.Contains(string(site), `start = "2031-05"`) || !strings.Contains(string(site), `end = "2032-04"`) {
		t.Errorf("the period does not start in the month of now:\n%s", site)
	}
	units, _ := os.ReadFile(filepath.Join(dir, "data", "units.toml"))
	if strings.Count(string(units), "[[levels]]") != 2 {
		t.Error("the default is not two levels")
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestCheckStaleOverrides checks that check warns, with the file's path,
// about a site file that replaces no stock file, and about no other.
func TestCheckStaleOverrides(t *testing.T) {
	dir := sitetest.WriteDir(t, "small")
	for name, data := range map[string]string{
		"layouts/tong-quan.html": `{{define "main"}}{{end}}`,
		"layouts/about.html":     `{{define "main"}}{{end}}`,
		"static/js/filters.js":   "",
		"static/images/logo.png": "",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, _ := runCLI("check", "-src", dir)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	for _, want := range []string{
		"layouts/tong-quan.html: warning: no stock layout is named like this file, so it replaces nothing",
		"static/js/filters.js: warning: no stock file is named like this file in the theme's folder static/js/, so it replaces nothing",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check does not say %q:\n%s", want, out)
		}
	}
	for _, not := range []string{"about.html", "logo.png"} {
		if strings.Contains(out, not) {
			t.Errorf("check warns about %s:\n%s", not, out)
		}
	}
}

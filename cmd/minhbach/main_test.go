package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/sitetest"
)

var update = sitetest.Update // -update: rewrite the golden files

// golden compares got with testdata/cli/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(sitetest.Root(), "testdata", "cli", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update and review the diff):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI("help")
	if code != 0 {
		t.Errorf("help: exit %d", code)
	}
	golden(t, "help.txt", out)
	code, out, _ = runCLI("help", "build")
	if code != 0 {
		t.Errorf("help build: exit %d", code)
	}
	golden(t, "help-build.txt", out)
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, "minhbach frobnicate: unknown command"},
		{[]string{"build", "-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, "usage: minhbach build"},
		{[]string{"help", "nope"}, 2, "unknown command"},
		{[]string{"version"}, 0, ""},
		{[]string{"build", "-src", "/nonexistent-minhbach"}, 1, "/nonexistent-minhbach: cannot open the site folder: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, stderr, tt.code, tt.inStderr)
			}
		})
	}
}

func writeSite(t *testing.T) string { return sitetest.WriteDir(t, "small") }

func TestBuild(t *testing.T) {
	dir := writeSite(t)
	code, out, stderr := runCLI("build", "-src", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "built ") || !strings.Contains(out, " pages, ") || stderr != "" {
		t.Errorf("stdout %q stderr %q", out, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Errorf("no public/index.html: %v", err)
	}

	// Bad input: exit 1, the problem on stderr, the output untouched.
	before, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"x\"\nbase_url = 3\n"), 0o644)
	code, out, stderr = runCLI("build", "-src", dir)
	if code != 1 || out != "" || !strings.Contains(stderr, `site.toml:2:1: "base_url" must be text in quotes, not a whole number`) {
		t.Errorf("bad input: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed public/index.html")
	}
}

func TestBuildRefusesDangerousOutput(t *testing.T) {
	dir := writeSite(t)
	for _, out := range []string{dir, filepath.Dir(dir), filepath.Join(dir, "data", "out"), filepath.Join(dir, "content"), "/"} {
		code, _, stderr := runCLI("build", "-src", dir, "-out", out)
		if code != 1 || !strings.Contains(stderr, "-out") {
			t.Errorf("-out %s: exit %d, stderr %q; want a refusal", out, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		t.Fatalf("the site was damaged: %v", err)
	}
}

func TestCheckSummary(t *testing.T) {
	var b strings.Builder
	printText(&b, []*diag.Error{{Msg: "a"}, {Msg: "b", Warning: true}, {Msg: "c", Warning: true}})
	if got := b.String(); !strings.HasSuffix(got, "\n1 error, 2 warnings\n") {
		t.Errorf("got %q, want it to end with the line \"1 error, 2 warnings\"", got)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRelease runs the release command on a copy of the small site, whose
// reports of January and February are published.
func TestRelease(t *testing.T) {
	dir := writeSite(t)
	ledger := filepath.Join(dir, "data", "releases.toml")

	// Without a ledger, check does not ask for releases.
	if code, out, _ := runCLI("check", "-src", dir); code != 0 || strings.Contains(out, "release") {
		t.Errorf("check without a ledger: exit %d\n%s", code, out)
	}
	// February waits for January: releases go in order.
	code, _, stderr := runCLI("release", "-src", dir, "2020-02")
	if code != 1 || !strings.Contains(stderr, "release: data/reports/2020-01.toml: 2020-01 is published but not released, and months are released in order: release 2020-01 first") {
		t.Errorf("release 2020-02 first: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(ledger); err == nil {
		t.Fatal("a refused release wrote the ledger")
	}
	code, out, stderr := runCLI("release", "-src", dir, "2020-01")
	if code != 0 || !strings.HasPrefix(out, "released 2020-01 on 2020-02-03: data/releases.toml, entry 1, hash ") {
		t.Fatalf("release 2020-01: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	first, _ := os.ReadFile(ledger)
	if !bytes.Contains(first, []byte("[[releases]]\nmonth = \"2020-01\"\ndate = 2020-02-03\n")) {
		t.Errorf("the ledger:\n%s", first)
	}
	// Now check asks for February's release.
	code, out, _ = runCLI("check", "-src", dir)
	if code != 0 || !strings.Contains(out, "data/reports/2020-02.toml: warning: the report for 2020-02 is published but not released: run minhbach release 2020-02 to record its figures in data/releases.toml") {
		t.Errorf("check after one release: exit %d\n%s", code, out)
	}
	// The same month twice is refused, and the ledger is left as it was.
	code, _, stderr = runCLI("release", "-src", dir, "2020-01")
	if code != 1 || !strings.Contains(stderr, "release: data/releases.toml:4:1: 2020-01 is already released, on 2020-02-03: the ledger is append-only") {
		t.Errorf("release 2020-01 twice: exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(ledger); !bytes.Equal(b, first) {
		t.Error("a refused release changed the ledger")
	}
	// Without a month: the latest published report, on the -date given.
	code, out, stderr = runCLI("release", "-src", dir, "-date", "2020-03-05")
	if code != 0 || !strings.HasPrefix(out, "released 2020-02 on 2020-03-05: data/releases.toml, entry 2, hash ") {
		t.Fatalf("release: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	both, _ := os.ReadFile(ledger)
	if !bytes.HasPrefix(both, first) {
		t.Error("the second release did not keep the bytes of the first")
	}
	if code, out, _ := runCLI("check", "-src", dir); code != 0 || strings.Contains(out, "release") {
		t.Errorf("check after both releases: exit %d\n%s", code, out)
	}
	code, _, stderr = runCLI("release", "-src", dir)
	if code != 1 || !strings.Contains(stderr, "2020-02 is already released, on 2020-03-05") {
		t.Errorf("release again: exit %d, stderr %q", code, stderr)
	}

	// A released report changed without a correction fails check and
	// build; the previous output stays.
	report := filepath.Join(dir, "data", "reports", "2020-01.toml")
	was, _ := os.ReadFile(report)
	os.WriteFile(report, bytes.Replace(was, []byte("handled = 1"), []byte("handled = 2"), 1), 0o644)
	code, out, _ = runCLI("check", "-src", dir)
	if code != 1 || !strings.Contains(out, "data/releases.toml:4:1: data/reports/2020-01.toml has changed in what the figures depend on (a record or a value: all of a report counts but its [[corrections]]; content hash ") ||
		!strings.Contains(out, `data/releases.toml:4:1: target "vu-viec" of 2020-01 was released on 2020-02-03 as 50 (1/2), at_risk and is now 100 (2/2), met`) {
		t.Errorf("check of an uncovered change: exit %d\n%s", code, out)
	}
	if code, _, stderr := runCLI("build", "-src", dir); code != 1 || !strings.Contains(stderr, "data/reports/2020-01.toml has changed") {
		t.Errorf("build of an uncovered change: exit %d, stderr %q", code, stderr)
	}
	// A released site cannot be released further while check fails.
	code, out, stderr = runCLI("release", "-src", dir, "2020-03")
	if code != 1 || !strings.Contains(out, "data/reports/2020-01.toml has changed") || !strings.Contains(stderr, "release: the site does not pass check") {
		t.Errorf("release of a failing site: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	// Declared in the latest report, the change builds.
	feb := filepath.Join(dir, "data", "reports", "2020-02.toml")
	b, _ := os.ReadFile(feb)
	os.WriteFile(feb, append(b, "\n[[corrections]]\nmonth = \"2020-01\"\ndate = 2020-03-10\nwhat = \"Vụ việc đã xử lý tháng 1: 2, không phải 1\"\nwhy = \"Nhập sai\"\n"...), 0o644)
	if code, out, _ := runCLI("check", "-src", dir); code != 0 {
		t.Errorf("check of a covered change: exit %d\n%s", code, out)
	}
	if code, _, stderr := runCLI("build", "-src", dir); code != 0 {
		t.Errorf("build of a covered change: exit %d: %s", code, stderr)
	}
}

func TestReleaseUsage(t *testing.T) {
	dir := writeSite(t)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"2020-1"}, 2, `release: "2020-1" is not a month: write it YYYY-MM`},
		{[]string{"-date", "2020-3-5"}, 2, `release: -date "2020-3-5" is not a date: write it YYYY-MM-DD`},
		{[]string{"2020-01", "2020-02"}, 2, "usage: minhbach release [-src DIR] [-date YYYY-MM-DD] [YYYY-MM]"},
		{[]string{"2020-03"}, 1, "release: data/reports/2020-03.toml: there is no report for 2020-03"},
		{[]string{"-date", "2020-01-31", "2020-01"}, 1, "release: the release date 2020-01-31 is before 2020-02-03, the published date of the report for 2020-01"},
		{[]string{"-date", "2020-02-02", "2020-01"}, 1, "release: the release date 2020-02-02 is before 2020-02-03, the published date of the report for 2020-01"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(append([]string{"release", "-src", dir}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("release %v: exit %d, stderr %q; want exit %d with %q", tt.args, code, stderr, tt.code, tt.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "releases.toml")); err == nil {
		t.Error("a refused release wrote the ledger")
	}
}

func TestHelpRelease(t *testing.T) {
	code, out, _ := runCLI("help", "release")
	if code != 0 {
		t.Errorf("help release: exit %d", code)
	}
	golden(t, "help-release.txt", out)
}

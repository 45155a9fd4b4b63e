package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	dir := writeSite(t)
	code, out, _ := runCLI("check", "-src", dir)
	// The small site: March and April have no report yet (not warned: after
	// the latest), February has no press item, January no update post.
	want := strings.Join([]string{
		"content/cap-nhat/2020-01.md: warning: no update post for 2020-01: readers get the figures without an explanation",
		"data/reports/2020-02.toml: warning: only 0 press record(s) in 2020-02: target 2 (Báo chí) needs at least 1 every month, so it is not met",
		"0 errors, 2 warnings",
		"",
	}, "\n")
	if code != 0 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}

	// An http link is a warning; an unknown unit is an error, with exit 1.
	report := filepath.Join(dir, "data", "reports", "2020-01.toml")
	b, _ := os.ReadFile(report)
	s := strings.Replace(string(b), "https://example.org/tin-1", "http://example.org/tin-1", 1)
	os.WriteFile(report, []byte(s), 0o644)
	code, out, _ = runCLI("check", "-src", dir)
	if code != 0 || !strings.Contains(out, "data/reports/2020-01.toml:14:1: warning: url is not https") {
		t.Errorf("http link: exit %d, output:\n%s", code, out)
	}
	os.WriteFile(report, []byte(strings.Replace(s, `unit = "10003"`, `unit = "10009"`, 1)), 0o644)
	code, out, _ = runCLI("check", "-src", dir, "-json")
	var problems []map[string]any
	if err := json.Unmarshal([]byte(out), &problems); err != nil {
		t.Fatalf("-json output is not JSON: %v\n%s", err, out)
	}
	if code != 1 || len(problems) != 1 || problems[0]["severity"] != "error" || problems[0]["line"] != 8.0 ||
		problems[0]["message"] != `unknown unit code "10009": it is not in data/units.toml` {
		t.Errorf("exit %d, problems %v", code, problems)
	}
}

// TestCheckCeiling checks that a monthly target with a ceiling is warned
// about when a month exceeds it, not when a month stays below it.
func TestCheckCeiling(t *testing.T) {
	dir := writeSite(t)
	targets := filepath.Join(dir, "data", "targets.toml")
	b, _ := os.ReadFile(targets)
	s := strings.Replace(string(b), "rule = \"monthly\"\nrecords = \"press\"\nthreshold = 1\n", "rule = \"monthly\"\nrecords = \"press\"\nthreshold = 0\ncompare = \"at_most\"\n", 1)
	if s == string(b) {
		t.Fatal("the small site's monthly target is not where the test expects it")
	}
	os.WriteFile(targets, []byte(s), 0o644)
	code, out, _ := runCLI("check", "-src", dir)
	want := "data/reports/2020-01.toml: warning: 1 press record(s) in 2020-01: target 2 (Báo chí) allows at most 0 every month, so it is not met"
	if code != 0 || !strings.Contains(out, want) || strings.Contains(out, "2020-02.toml: warning: only") {
		t.Errorf("exit %d, output:\n%s\nwant a line:\n%s", code, out, want)
	}
}

func TestNewMonth(t *testing.T) {
	dir := writeSite(t)
	code, out, stderr := runCLI("new", "-src", dir, "month")
	if code != 0 || out != "created data/reports/2020-03.toml\ncreated content/cap-nhat/2020-03.md\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	report, _ := os.ReadFile(filepath.Join(dir, "data", "reports", "2020-03.toml"))
	for _, want := range []string{
		"# [[outreach]]", "# [[press]]", "# [[cases]]", "# [[models]]", "# [[list_changes]]",
		"#   10001  Xã Khánh An", "#   10002  Xã Khánh Hòa", "#   10003  Xã Đồng Hướng",
		`# Tháng 02/2020: agencies = ["so", "huyen"]`, "agencies = []",
		`chạy "minhbach release 2020-03"`, "# [[corrections]]",
	} {
		if !strings.Contains(string(report), want) {
			t.Errorf("the new report lacks %q:\n%s", want, report)
		}
	}
	if post, _ := os.ReadFile(filepath.Join(dir, "content", "cap-nhat", "2020-03.md")); !strings.Contains(string(post), `chạy "minhbach release 2020-03"`) {
		t.Errorf("the new post does not mention the release step:\n%s", post)
	}
	// The new files pass check (the unwritten post is a warning) and build.
	code, out, _ = runCLI("check", "-src", dir)
	if code != 0 || !strings.Contains(out, "content/cap-nhat/2020-03.md:7: warning: the update for 2020-03 still has the template's text") {
		t.Errorf("check after new month: exit %d\n%s", code, out)
	}
	if code, _, stderr = runCLI("build", "-src", dir); code != 0 {
		t.Errorf("build after new month: exit %d: %s", code, stderr)
	}
	// Never overwrite; refuse months outside the period.
	code, _, stderr = runCLI("new", "-src", dir, "month", "2020-03")
	if code != 1 || !strings.Contains(stderr, "data/reports/2020-03.toml already exists") {
		t.Errorf("second run: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI("new", "-src", dir, "month", "2021-01")
	if code != 1 || !strings.Contains(stderr, "outside the plan period 2020-01 to 2020-04") {
		t.Errorf("month outside the period: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ = runCLI("new", "-src", dir, "year"); code != 2 {
		t.Errorf("new year: exit %d, want 2", code)
	}
}

// TestNewMonthArgument checks that the month is read strictly: a malformed
// one is a usage error that says how to write it, never another month.
func TestNewMonthArgument(t *testing.T) {
	dir := writeSite(t)
	for _, arg := range []string{
		"0000-01", "0000-00", "2020-00", "2020-13", "2020-1", "20-01", "2020-003", "+020-01", "-020-01",
		"2020-03x", " 2020-03", "2020/03", "２０２０-03", "2020-", "",
	} {
		code, out, stderr := runCLI("new", "-src", dir, "month", arg)
		if code != 2 || out != "" || !strings.Contains(stderr, "new month: "+strconv.Quote(arg)+" is not a month: write it YYYY-MM") {
			t.Errorf("new month %q: exit %d, stdout %q, stderr %q", arg, code, out, stderr)
		}
	}
	for _, arg := range []string{"0001-01", "2019-12", "2020-05", "9999-12"} {
		code, _, stderr := runCLI("new", "-src", dir, "month", arg)
		if code != 1 || !strings.Contains(stderr, "new month: month "+arg+" is outside the plan period 2020-01 to 2020-04") {
			t.Errorf("new month %q: exit %d, stderr %q", arg, code, stderr)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "data", "reports")); len(entries) != 2 {
		t.Errorf("data/reports holds %d files, want the 2 of the site", len(entries))
	}
}

// TestNewMonthUnpublished checks that a new month's report counts only once
// its published date is set: until then no target is judged on its empty
// report, check says it is not published, and its post is not built. The
// post's date is then the report's, not the day the files were made.
func TestNewMonthUnpublished(t *testing.T) {
	dir := writeSite(t)
	if code, _, stderr := runCLI("new", "-src", dir, "month"); code != 0 {
		t.Fatalf("new month: exit %d: %s", code, stderr)
	}
	post, _ := os.ReadFile(filepath.Join(dir, "content", "cap-nhat", "2020-03.md"))
	if strings.Contains(string(post), "\ndate =") {
		t.Errorf("the new post is dated by the clock:\n%s", post)
	}
	code, out, _ := runCLI("check", "-src", dir)
	if code != 0 || !strings.Contains(out, "data/reports/2020-03.toml: warning: the report for 2020-03 is not published yet") ||
		strings.Contains(out, "in 2020-03: target") {
		t.Errorf("check of the untouched month: exit %d\n%s", code, out)
	}
	if code, _, stderr := runCLI("build", "-src", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "cap-nhat", "2020-03", "index.html")); err == nil {
		t.Error("the post of an unpublished report is built")
	}
	home, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if strings.Contains(string(home), "Cập nhật tháng 3/2020") {
		t.Error("the home page shows the unpublished month")
	}

	report := filepath.Join(dir, "data", "reports", "2020-03.toml")
	b, _ := os.ReadFile(report)
	os.WriteFile(report, append([]byte("published = 2020-04-03\n"), b...), 0o644)
	code, out, _ = runCLI("check", "-src", dir)
	if code != 0 || strings.Contains(out, "not published") ||
		!strings.Contains(out, "only 0 press record(s) in 2020-03: target 2 (Báo chí)") {
		t.Errorf("check of the published month: exit %d\n%s", code, out)
	}
	if code, _, stderr := runCLI("build", "-src", dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "public", "cap-nhat", "2020-03", "index.html"))
	if !strings.Contains(string(page), "Đăng ngày 03/04/2020") {
		t.Errorf("the post is not dated by the report's published date")
	}
}

// TestCheckQuarter checks that a quarterly target is warned about once,
// at the end of a quarter below its threshold, naming the quarter; the
// small site's period is cut to January and February, a partial quarter.
func TestCheckQuarter(t *testing.T) {
	dir := writeSite(t)
	targets := filepath.Join(dir, "data", "targets.toml")
	b, _ := os.ReadFile(targets)
	s := strings.Replace(string(b), "rule = \"monthly\"\nrecords = \"press\"\nthreshold = 1\n", "rule = \"periodic\"\nevery = \"quarter\"\nrecords = \"press\"\nthreshold = 5\n", 1)
	if s == string(b) {
		t.Fatal("the small site's monthly target is not where the test expects it")
	}
	os.WriteFile(targets, []byte(s), 0o644)
	site := filepath.Join(dir, "site.toml")
	b, _ = os.ReadFile(site)
	os.WriteFile(site, []byte(strings.Replace(string(b), `end = "2020-04"`, `end = "2020-02"`, 1)), 0o644)
	code, out, _ := runCLI("check", "-src", dir)
	want := "data/reports/2020-02.toml: warning: only 1 press record(s) in the quarter 2020-01 to 2020-02: target 2 (Báo chí) needs at least 5 every quarter, so it is not met"
	if code != 0 || !strings.Contains(out, want) || strings.Count(out, "press record(s)") != 1 {
		t.Errorf("exit %d, output:\n%s\nwant a line:\n%s", code, out, want)
	}
}

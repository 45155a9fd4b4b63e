package load_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// assessedTarget is a qualitative target with no threshold, appended to the
// targets of the small site.
const assessedTarget = "\n[[targets]]\nid = \"dang-tai\"\nname = \"Đăng tải\"\nrule = \"assessed\"\n"

// withAssessed returns the small site with assessedTarget added.
func withAssessed(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	targets := string(fsys["data/targets.toml"].Data) + assessedTarget
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(targets)}
	return fsys
}

// TestAssessedLoads checks that an assessed target needs no threshold, record
// kind or unit, and that its assessments are read with their links.
func TestAssessedLoads(t *testing.T) {
	fsys := withAssessed(t)
	fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte("published = 2020-03-03\n\n[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"on_track\"\nnote = \"Đăng đều hằng tuần\"\nlinks = [\"https://example.org/a\"]\n")}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range s.Reports {
		for _, a := range r.Assessments {
			got = append(got, r.Month.String()+" "+a.Target.ID+" "+a.Status+" "+a.Note+" "+strings.Join(a.Links, ","))
		}
	}
	if want := "2020-02 dang-tai on_track Đăng đều hằng tuần https://example.org/a"; strings.Join(got, "|") != want {
		t.Errorf("assessments %q, want %q", got, want)
	}
}

// TestAssessedErrors checks every problem an assessed target or an
// assessment can have, at its file, line and column.
func TestAssessedErrors(t *testing.T) {
	const a = "[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"on_track\"\n"
	tests := []struct {
		name, file, content string
		want                string
	}{
		{
			"threshold on an assessed target", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"assessed\"\n  threshold = 1\n",
			`data/targets.toml:5:3: "threshold" is not used by rule assessed: remove it`,
		},
		{
			"records on an assessed target", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"assessed\"\nrecords = \"press\"\n",
			`data/targets.toml:5:1: "records" is not used by rule assessed: remove it`,
		},
		{
			"compare on an assessed target", "data/targets.toml",
			"[[targets]]\nid = \"a\"\nname = \"A\"\nrule = \"assessed\"\ncompare = \"at_most\"\n",
			`data/targets.toml:5:1: "compare" is not used by rule assessed: remove it`,
		},
		{
			"unknown target", "data/reports/2020-02.toml",
			"[[assessments]]\ntarget = \"dang-tia\"\nstatus = \"met\"\n",
			`data/reports/2020-02.toml:2:1: unknown target "dang-tia": use the id of a target in data/targets.toml`,
		},
		{
			"assessment of a computed target", "data/reports/2020-02.toml",
			"[[assessments]]\ntarget = \"bao-chi\"\nstatus = \"met\"\n",
			`data/reports/2020-02.toml:2:1: target "bao-chi" has rule monthly, so its status is computed from the records: only a target with rule = "assessed" takes an assessment`,
		},
		{
			"unknown status", "data/reports/2020-02.toml",
			"[[assessments]]\ntarget = \"dang-tai\"\n status = \"good\"\n",
			`data/reports/2020-02.toml:3:2: unknown status "good": use one of met, on_track, at_risk, not_met, no_data`,
		},
		{
			"missing status", "data/reports/2020-02.toml",
			"[[assessments]]\ntarget = \"dang-tai\"\n",
			`data/reports/2020-02.toml:1:3: missing "status": use one of met, on_track, at_risk, not_met, no_data`,
		},
		{
			"assessed twice", "data/reports/2020-02.toml",
			a + "\n" + a,
			`data/reports/2020-02.toml:6:1: target "dang-tai" is assessed twice in this report: it is already assessed on line 1`,
		},
		{
			"unknown key", "data/reports/2020-02.toml",
			a + "link = \"https://example.org\"\n",
			`data/reports/2020-02.toml:4:1: unknown key "link" in an assessment: use target, status, note, links`,
		},
		{
			"http link", "data/reports/2020-02.toml",
			a + "links = [\"https://example.org/a\", \"http://example.org/b\"]\n",
			`data/reports/2020-02.toml:4:35: "http://example.org/b" is not a web address starting with https://`,
		},
		{
			"script link", "data/reports/2020-02.toml",
			a + "links = [\"javascript:alert(1)\"]\n",
			`data/reports/2020-02.toml:4:10: "javascript:alert(1)" is not a web address starting with https://`,
		},
		{
			"control character in the status", "data/reports/2020-02.toml",
			"[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"met\\u0007\"\n",
			`data/reports/2020-02.toml:3:1: "status" holds a control character (U+0007): remove it`,
		},
		{
			"control character in a link", "data/reports/2020-02.toml",
			a + "links = [\"https://example.org/\\u001b\"]\n",
			`"links" holds a control character (U+001B): remove it`,
		},
		{
			"assessments not tables", "data/reports/2020-02.toml",
			"assessments = 1\n",
			`data/reports/2020-02.toml:1:1: "assessments" must be written as [[assessments]] tables`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := withAssessed(t)
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.content)}
			_, err := load.Site(fsys)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}

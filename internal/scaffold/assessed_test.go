package scaffold

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestReportAssessedExample checks that a new report shows, for each
// assessed target, a commented [[assessments]] example with the previous
// assessment, and that the example, uncommented, is a valid assessment.
func TestReportAssessedExample(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	fsys["data/targets.toml"] = &fstest.MapFile{Data: append(append([]byte{}, fsys["data/targets.toml"].Data...), "\n[[targets]]\nid = \"dang-tai\"\nname = \"Đăng tải\"\nrule = \"assessed\"\n"...)}
	fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: append(append([]byte{}, fsys["data/reports/2020-02.toml"].Data...), "\n[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"at_risk\"\n"...)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report(s, progress.Compute(s), model.Month{Year: 2020, Mon: 3})
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	example := regexp.MustCompile(`(?m)^# \[\[assessments\]\]\n(# .*\n)+`).FindString(text)
	if !strings.Contains(example, `# target = "dang-tai"`) || !strings.Contains(text, `(tháng 02/2020): "at_risk"`) {
		t.Fatalf("no assessment example with the previous assessment in:\n%s", text)
	}
	live := regexp.MustCompile(`(?m)^# `).ReplaceAllString(example, "")
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-02\n" + live)}
	s, err = load.Site(fsys)
	if err != nil {
		t.Fatalf("the uncommented example does not load: %v\n%s", err, live)
	}
	if r := s.Reports[len(s.Reports)-1]; len(r.Assessments) != 1 || r.Assessments[0].Status != "on_track" {
		t.Errorf("the uncommented example gives %v", r.Assessments)
	}
}

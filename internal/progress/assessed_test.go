package progress_test

import (
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestAssessed checks that an assessed target's status in a month is the
// latest assessment in a published report up to that month: none before
// the first, carried over a report that does not assess it, and no draft's.
func TestAssessed(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	targets := string(fsys["data/targets.toml"].Data) + "\n[[targets]]\nid = \"dang-tai\"\nname = \"Đăng tải\"\nrule = \"assessed\"\n"
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(targets)}
	add := func(name, text string) {
		fsys[name] = &fstest.MapFile{Data: append(fsys[name].Data, text...)}
	}
	add("data/reports/2020-02.toml", "\n[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"at_risk\"\nnote = \"Chưa đều\"\n")
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-02\n")}
	fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"met\"\n")} // a draft
	r := result(t, compute(t, fsys), "dang-tai")
	want := []progress.Status{progress.NoData, progress.AtRisk, progress.AtRisk, progress.NoData}
	for i, m := range r.Months {
		if m.Status != want[i] || m.HasValue {
			t.Errorf("%s: status %s, has value %v; want %s and no value", m.Month, m.Status, m.HasValue, want[i])
		}
	}
	if r.Status() != progress.AtRisk || len(r.Assessments) != 1 || r.Assessments[0].Note != "Chưa đều" {
		t.Errorf("status %s, %d assessments; want at_risk from one assessment", r.Status(), len(r.Assessments))
	}
	// A later assessment replaces the earlier one, whatever it says.
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-02\n[[assessments]]\ntarget = \"dang-tai\"\nstatus = \"not_met\"\n")}
	r = result(t, compute(t, fsys), "dang-tai")
	if r.Status() != progress.NotMet || len(r.Assessments) != 2 || r.Months[1].Status != progress.AtRisk {
		t.Errorf("status %s, %d assessments, February %s; want not_met, 2, at_risk", r.Status(), len(r.Assessments), r.Months[1].Status)
	}
}

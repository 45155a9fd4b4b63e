package progress_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

func compute(t *testing.T, fsys fstest.MapFS) *progress.Progress {
	t.Helper()
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return progress.Compute(s)
}

func result(t *testing.T, p *progress.Progress, id string) *progress.Result {
	t.Helper()
	for _, r := range p.Results {
		if r.Target.ID == id {
			return r
		}
	}
	t.Fatalf("no result for target %q", id)
	return nil
}

// month is what a test expects of one month: value, figures and status.
type month struct {
	value    float64
	hasValue bool
	num, den float64
	status   progress.Status
}

func TestRules(t *testing.T) {
	p := compute(t, sitetest.Load(t, "small"))
	if got := p.Latest.String(); got != "2020-02" {
		t.Errorf("Latest = %s, want 2020-02", got)
	}
	noReport := month{status: progress.NoData}
	tests := []struct {
		target string
		months []month
	}{
		{"tuyen-truyen", []month{
			{40, true, 2, 5, progress.OnTrack},
			{60, true, 3, 5, progress.Met},
			noReport, noReport,
		}},
		{"bao-chi", []month{
			{1, true, 1, 0, progress.Met},
			{0, true, 0, 0, progress.NotMet},
			noReport, noReport,
		}},
		{"vu-viec", []month{
			{50, true, 1, 2, progress.AtRisk},
			{200.0 / 3, true, 2, 3, progress.AtRisk},
			noReport, noReport,
		}},
		{"mo-hinh", []month{
			{0, true, 0, 0, progress.OnTrack},
			{0, true, 0, 0, progress.OnTrack},
			noReport, noReport,
		}},
		{"lanh-manh", []month{
			{0, true, 0, 0, progress.OnTrack},
			{1, true, 1, 0, progress.Met},
			noReport, noReport,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r := result(t, p, tt.target)
			if len(r.Months) != 4 {
				t.Fatalf("got %d months, want 4", len(r.Months))
			}
			for i, want := range tt.months {
				got := r.Months[i]
				if got.Status != want.status || got.HasValue != want.hasValue ||
					(want.hasValue && (!near(got.Value, want.value) || got.Num != want.num || got.Den != want.den)) {
					t.Errorf("%s: got value %v (has %v) %v/%v %s, want %v (has %v) %v/%v %s",
						got.Month, got.Value, got.HasValue, got.Num, got.Den, got.Status,
						want.value, want.hasValue, want.num, want.den, want.status)
				}
			}
			if r.Latest == nil || r.Latest.Month.String() != "2020-02" {
				t.Errorf("Latest month = %v, want 2020-02", r.Latest)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestShareBreakdown(t *testing.T) {
	r := result(t, compute(t, sitetest.Load(t, "small")), "tuyen-truyen")
	var got []string
	for _, g := range r.Groups {
		got = append(got, g.Unit.Code+":"+itoa(g.Num)+"/"+itoa(g.Den))
	}
	want := []string{"001:1/2", "002:2/3"}
	if !equal(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
	if codes(r.Counted) != "10001 10003 10005" || codes(r.Missing) != "10002 10004" {
		t.Errorf("counted %q missing %q", codes(r.Counted), codes(r.Missing))
	}
}

func TestListState(t *testing.T) {
	p := compute(t, sitetest.Load(t, "small"))
	l := p.Lists[0]
	if l.Held != 3 || l.Added != 1 || l.Removed != 0 {
		t.Errorf("held %d added %d removed %d, want 3 1 0", l.Held, l.Added, l.Removed)
	}
	var got []string
	for _, e := range l.Entries {
		got = append(got, e.Unit.Code+":"+e.Grade)
	}
	want := []string{"10001:Lành mạnh", "10002:Lành mạnh", "10003:"}
	if !equal(got, want) {
		t.Errorf("entries = %v, want %v", got, want)
	}
}

// TestEdgeCases covers the cases where there is nothing to compute from.
func TestEdgeCases(t *testing.T) {
	t.Run("no reports", func(t *testing.T) {
		fsys := sitetest.Load(t, "small")
		delete(fsys, "data/reports/2020-01.toml")
		delete(fsys, "data/reports/2020-02.toml")
		p := compute(t, fsys)
		if !p.Latest.IsZero() {
			t.Errorf("Latest = %v, want none", p.Latest)
		}
		for _, r := range p.Results {
			if r.Status() != progress.NoData || r.Latest != nil {
				t.Errorf("%s: status %s, want no_data", r.Target.ID, r.Status())
			}
			for _, m := range r.Months {
				if m.HasValue || m.Status != progress.NoData {
					t.Errorf("%s %s: has value %v status %s", r.Target.ID, m.Month, m.HasValue, m.Status)
				}
			}
		}
	})
	t.Run("zero denominator", func(t *testing.T) {
		fsys := sitetest.Load(t, "small")
		fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte("published = 2020-02-03\n")}
		fsys["data/reports/2020-02.toml"] = &fstest.MapFile{Data: []byte("published = 2020-03-02\n[[cases]]\nunit = \"001\"\ndetected = 0\nhandled = 0\n")}
		p := compute(t, fsys)
		r := result(t, p, "vu-viec")
		if r.Status() != progress.NoData || r.Latest.HasValue {
			t.Errorf("ratio with no cases: status %s has value %v, want no_data without value", r.Status(), r.Latest.HasValue)
		}
		if s := result(t, p, "tuyen-truyen").Months[0]; s.Status != progress.AtRisk || s.Value != 0 {
			t.Errorf("share with no records in a reported month: %s %v, want at_risk 0", s.Status, s.Value)
		}
	})
	t.Run("no units at level", func(t *testing.T) {
		fsys := sitetest.Load(t, "small")
		fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(`
[[targets]]
id = "x"
name = "x"
rule = "share"
records = "ghost"
level = "empty"
threshold = 50
unit = "xã"
`)}
		units := string(fsys["data/units.toml"].Data)
		fsys["data/units.toml"] = &fstest.MapFile{Data: []byte(units + "\n[[levels]]\nid = \"empty\"\nname = \"trống\"\nparent = \"commune\"\n")}
		// Records of a level above it would be refused: a kind of that level.
		kinds := string(fsys["data/records.toml"].Data)
		fsys["data/records.toml"] = &fstest.MapFile{Data: []byte(kinds + "\n[[kinds]]\nid = \"ghost\"\nname = \"G\"\nlevel = \"empty\"\n")}
		r := result(t, compute(t, fsys), "x")
		if m := r.Months[0]; m.HasValue || m.Den != 0 || m.Status != progress.NoData {
			t.Errorf("share over no units: has value %v den %v status %s, want no value, no_data", m.HasValue, m.Den, m.Status)
		}
	})
	t.Run("last month decides", func(t *testing.T) {
		fsys := sitetest.Load(t, "small")
		fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("published = 2020-05-04\n[[press]]\ndate = 2020-04-02\ntitle = \"t\"\n")}
		p := compute(t, fsys)
		want := map[string]progress.Status{
			"tuyen-truyen": progress.Met,    // reached in February, cumulative
			"bao-chi":      progress.NotMet, // February had none
			"vu-viec":      progress.NotMet, // 2 of 3 at the end
			"mo-hinh":      progress.NotMet, // none by the end
			"lanh-manh":    progress.Met,
		}
		for id, st := range want {
			if got := result(t, p, id).Status(); got != st {
				t.Errorf("%s: %s, want %s", id, got, st)
			}
		}
	})
	t.Run("membership loss", func(t *testing.T) {
		fsys := sitetest.Load(t, "small")
		fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-02\n[[list_changes]]\nlist = \"lanh-manh\"\nunit = \"10003\"\nchange = \"removed\"\ndate = 2020-03-05\nnote = \"tái phát\"\n")}
		p := compute(t, fsys)
		r := result(t, p, "lanh-manh")
		if r.Status() != progress.NotMet || r.Latest.Den != 1 {
			t.Errorf("after a loss: %s removed %v, want not_met 1", r.Status(), r.Latest.Den)
		}
		l := p.Lists[0]
		if l.Held != 2 || l.Removed != 1 {
			t.Errorf("held %d removed %d, want 2 1", l.Held, l.Removed)
		}
	})
}

func TestMonthsOfPeriod(t *testing.T) {
	p := model.Plan{Start: model.Month{Year: 2017, Mon: 11}, End: model.Month{Year: 2018, Mon: 2}}
	var got []string
	for _, m := range p.Months() {
		got = append(got, m.String())
	}
	if want := []string{"2017-11", "2017-12", "2018-01", "2018-02"}; !equal(got, want) {
		t.Errorf("months = %v, want %v", got, want)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + itoa(n%10)
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func codes(us []*model.Unit) string {
	s := ""
	for i, u := range us {
		if i > 0 {
			s += " "
		}
		s += u.Code
	}
	return s
}

// TestRubricTotalInCriterionOrder checks that a unit's total adds its scores
// in the rubric's criterion order, every time: floating-point addition
// depends on order, so map order gives 4.999999999999999 in one build and 5
// in the next.
func TestRubricTotalInCriterionOrder(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	var rubric, scores strings.Builder
	rubric.WriteString("name = \"r\"\n\n[[contents]]\nid = \"1\"\nname = \"n\"\n")
	values := []float64{0.1, 0.7, 0.2, 0.9, 0.3, 0.35, 0.6, 0.15, 0.45, 1.1}
	for i, v := range values {
		fmt.Fprintf(&rubric, "\n[[contents.criteria]]\nid = \"1.%d\"\nname = \"c\"\nmax = 2\n", i+1)
		if i > 0 {
			scores.WriteString(", ")
		}
		fmt.Fprintf(&scores, "\"1.%d\" = %v", i+1, v)
	}
	fsys["data/rubrics/thang-diem.toml"] = &fstest.MapFile{Data: []byte(rubric.String())}
	delete(fsys, "data/reports/2020-02.toml") // scores of the old rubric
	fsys["data/lists/lanh-manh.toml"] = &fstest.MapFile{Data: []byte("name = \"L\"\nlevel = \"commune\"\nrubric = \"thang-diem\"\n\n[[members]]\nunit = \"10001\"\nscores = { " + scores.String() + " }\n")}
	var want float64
	for _, v := range values {
		want += v
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for range 50 {
		p := progress.Compute(s)
		e := p.Lists[0].Entries[0]
		if e.Total != want {
			t.Fatalf("total = %v, want %v (the scores added in criterion order)", e.Total, want)
		}
	}
}

// TestMembershipCountsUnits checks that a membership target counts units,
// not changes: a unit is new in a month if it holds the status at the end of
// that month and did not hold it at the baseline; it is removed if it does
// not hold it at the end of the month while it held it at the baseline or
// since.
func TestMembershipCountsUnits(t *testing.T) {
	change := func(unit, kind string, day int) string {
		return fmt.Sprintf("[[list_changes]]\nlist = \"lanh-manh\"\nunit = %q\nchange = %q\ndate = 2020-%02d-%02d\n\n", unit, kind, 3+day/100, day%100)
	}
	fsys := sitetest.Load(t, "small")
	// Baseline: 10001 and 10003. February adds 10002.
	fsys["data/reports/2020-03.toml"] = &fstest.MapFile{Data: []byte("published = 2020-04-02\n" +
		change("10001", "removed", 2) + // a baseline member leaves…
		change("10002", "removed", 3))} // …and so does the new one
	fsys["data/reports/2020-04.toml"] = &fstest.MapFile{Data: []byte("published = 2020-05-04\n" +
		change("10001", "added", 102) + // back: not new
		change("10002", "added", 103))} // back: new once, not twice
	p := compute(t, fsys)
	r := result(t, p, "lanh-manh")
	want := []struct {
		added, removed float64
		status         progress.Status
	}{
		{0, 0, progress.OnTrack},
		{1, 0, progress.Met},
		{0, 2, progress.NotMet},
		{1, 0, progress.Met},
	}
	for i, w := range want {
		m := r.Months[i]
		if m.Num != w.added || m.Den != w.removed || m.Status != w.status {
			t.Errorf("%s: new %v removed %v %s, want new %v removed %v %s", m.Month, m.Num, m.Den, m.Status, w.added, w.removed, w.status)
		}
	}
	l := p.Lists[0]
	if l.Held != 3 || l.Added != 1 || l.Removed != 0 {
		t.Errorf("list: held %d added %d removed %d, want 3 1 0", l.Held, l.Added, l.Removed)
	}
	var got []string
	for _, e := range l.Entries {
		got = append(got, fmt.Sprintf("%s new=%v lost=%v", e.Unit.Code, e.New, e.Lost))
	}
	if w := []string{"10001 new=false lost=false", "10002 new=true lost=false", "10003 new=false lost=false"}; !equal(got, w) {
		t.Errorf("entries = %q, want %q", got, w)
	}
}

// boundarySite is the small site reduced to one target (written by target,
// compare is added to it) and one report for January holding report, over
// a period that ends in end.
func boundarySite(t *testing.T, target, compare, end, report string) fstest.MapFS {
	t.Helper()
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") {
			delete(fsys, name)
		}
	}
	site := strings.Replace(string(fsys["site.toml"].Data), `end = "2020-04"`, `end = "`+end+`"`, 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte("[[targets]]\nid = \"x\"\nname = \"X\"\nunit = \"u\"\ncompare = \"" + compare + "\"\n" + target)}
	fsys["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte("published = 2020-02-03\n" + report)}
	return fsys
}

// TestCompareBoundaries checks every rule that reads records under every
// comparison, with a value one below the threshold, exactly at it, one
// above it and with no records, in a month inside the period ("mid", of
// four months) and in the last month (a period of one month).
func TestCompareBoundaries(t *testing.T) {
	communes := []string{"10001", "10002", "10003", "10004", "10005"}
	rules := []struct {
		name, target string
		// records returns the report text for n = 1 (below), 2 (at), 3
		// (above) or 0 (no records).
		records func(n int) string
		// want is, per compare, the statuses below, at, above and with no
		// records, mid-period then in the last month.
		want map[string][2]string
	}{
		{"count", "rule = \"count\"\nrecords = \"models\"\nthreshold = 2\n",
			func(n int) string {
				var b strings.Builder
				for i := range n {
					fmt.Fprintf(&b, "[[models]]\nunit = \"001\"\nname = \"m%d\"\n", i)
				}
				return b.String()
			},
			map[string][2]string{
				// pace in January is floor(2 × 1/4) = 0
				"at_least":  {"on_track met met on_track", "not_met met met not_met"},
				"more_than": {"on_track on_track met on_track", "not_met not_met met not_met"},
				"at_most":   {"on_track on_track not_met on_track", "met met not_met met"},
				"less_than": {"on_track not_met not_met on_track", "met not_met not_met met"},
			}},
		{"sum", "rule = \"sum\"\nrecords = \"cases\"\nfield = \"detected\"\nthreshold = 200\n",
			func(n int) string {
				if n == 0 {
					return ""
				}
				// 199, 200 or 201 in two records
				return fmt.Sprintf("[[cases]]\nunit = \"001\"\ndetected = 100\nhandled = 0\n[[cases]]\nunit = \"002\"\ndetected = %d\nhandled = 0\n", 98+n)
			},
			map[string][2]string{
				// pace in January is floor(200 × 1/4) = 50
				"at_least":  {"on_track met met at_risk", "not_met met met not_met"},
				"more_than": {"on_track on_track met at_risk", "not_met not_met met not_met"},
				"at_most":   {"on_track on_track not_met on_track", "met met not_met met"},
				"less_than": {"on_track not_met not_met on_track", "met not_met not_met met"},
			}},
		{"share", "rule = \"share\"\nrecords = \"outreach\"\nlevel = \"commune\"\nthreshold = 40\n",
			func(n int) string {
				var b strings.Builder
				for _, c := range communes[:n] {
					fmt.Fprintf(&b, "[[outreach]]\nunit = %q\ndate = 2020-01-10\n", c)
				}
				return b.String()
			},
			map[string][2]string{
				// 1, 2, 3 of 5 communes: 20%, 40%, 60%; pace 10%
				"at_least":  {"on_track met met at_risk", "not_met met met not_met"},
				"more_than": {"on_track on_track met at_risk", "not_met not_met met not_met"},
				"at_most":   {"on_track on_track not_met on_track", "met met not_met met"},
				"less_than": {"on_track not_met not_met on_track", "met not_met not_met met"},
			}},
		{"ratio", "rule = \"ratio\"\nrecords = \"cases\"\nnumerator = \"handled\"\ndenominator = \"detected\"\nthreshold = 50\n",
			func(n int) string {
				if n == 0 {
					return ""
				}
				return fmt.Sprintf("[[cases]]\nunit = \"001\"\ndetected = 4\nhandled = %d\n", n)
			},
			map[string][2]string{
				// 1, 2, 3 of 4: 25%, 50%, 75%; no cases: nothing to compute
				"at_least":  {"at_risk met met no_data", "not_met met met no_data"},
				"more_than": {"at_risk at_risk met no_data", "not_met not_met met no_data"},
				"at_most":   {"on_track on_track not_met no_data", "met met not_met no_data"},
				"less_than": {"on_track not_met not_met no_data", "met not_met not_met no_data"},
			}},
		{"monthly", "rule = \"monthly\"\nrecords = \"press\"\nthreshold = 2\n",
			func(n int) string {
				var b strings.Builder
				for i := range n {
					fmt.Fprintf(&b, "[[press]]\ndate = 2020-01-05\ntitle = \"t%d\"\n", i)
				}
				return b.String()
			},
			map[string][2]string{
				"at_least":  {"not_met met met not_met", "not_met met met not_met"},
				"more_than": {"not_met not_met met not_met", "not_met not_met met not_met"},
				"at_most":   {"on_track on_track not_met on_track", "met met not_met met"},
				"less_than": {"on_track not_met not_met on_track", "met not_met not_met met"},
			}},
	}
	for _, rule := range rules {
		for _, cmp := range []string{"at_least", "more_than", "at_most", "less_than"} {
			for i, end := range []string{"2020-04", "2020-01"} {
				var got []string
				for _, n := range []int{1, 2, 3, 0} {
					p := compute(t, boundarySite(t, rule.target, cmp, end, rule.records(n)))
					got = append(got, string(result(t, p, "x").Months[0].Status))
				}
				if g, w := strings.Join(got, " "), rule.want[cmp][i]; g != w {
					t.Errorf("%s %s, period to %s: below, at, above, none = %s, want %s", rule.name, cmp, end, g, w)
				}
			}
		}
	}
}

// TestWhere checks that every rule that reads records counts only the
// records its where keeps.
func TestWhere(t *testing.T) {
	kind := `
[[kinds]]
id = "people"
name = "Người được tuyên truyền"
level = "commune"
[[kinds.fields]]
id = "doi_tuong"
name = "Đối tượng"
type = "choice"
choices = ["cong-nhan", "hoc-sinh", "khac"]
[[kinds.fields]]
id = "so_nguoi"
name = "Số người"
type = "int"
[[kinds.fields]]
id = "dat"
name = "Đạt"
type = "int"
`
	report := `
[[people]]
unit = "10001"
doi_tuong = "cong-nhan"
so_nguoi = 100
dat = 50
[[people]]
unit = "10002"
doi_tuong = "hoc-sinh"
so_nguoi = 40
dat = 40
[[people]]
unit = "10003"
doi_tuong = "cong-nhan"
so_nguoi = 7
dat = 0
[[people]]
unit = "10004"
doi_tuong = "khac"
so_nguoi = 1000
dat = 1000
`
	tests := []struct {
		name, target string
		num, den     float64
	}{
		{"sum", `rule = "sum"` + "\nfield = \"so_nguoi\"\nwhere = { doi_tuong = \"cong-nhan\" }", 107, 0},
		{"sum of a list of values", `rule = "sum"` + "\nfield = \"so_nguoi\"\nwhere = { doi_tuong = [\"cong-nhan\", \"hoc-sinh\"] }", 147, 0},
		{"sum of two conditions", `rule = "sum"` + "\nfield = \"so_nguoi\"\nwhere = { doi_tuong = \"cong-nhan\", so_nguoi = 7 }", 7, 0},
		{"sum without where", `rule = "sum"` + "\nfield = \"so_nguoi\"", 1147, 0},
		{"count", `rule = "count"` + "\nwhere = { doi_tuong = \"cong-nhan\" }", 2, 0},
		{"monthly", `rule = "monthly"` + "\nwhere = { doi_tuong = \"hoc-sinh\" }", 1, 0},
		{"share", `rule = "share"` + "\nlevel = \"commune\"\nwhere = { doi_tuong = \"cong-nhan\" }", 2, 5},
		{"ratio", `rule = "ratio"` + "\nnumerator = \"dat\"\ndenominator = \"so_nguoi\"\nwhere = { doi_tuong = \"cong-nhan\" }", 50, 107},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := boundarySite(t, "records = \"people\"\nthreshold = 1\n"+tt.target+"\n", "at_least", "2020-04", report)
			fsys["data/records.toml"] = &fstest.MapFile{Data: append(fsys["data/records.toml"].Data, kind...)}
			r := result(t, compute(t, fsys), "x")
			if m := r.Months[0]; m.Num != tt.num || m.Den != tt.den {
				t.Errorf("num/den = %v/%v, want %v/%v", m.Num, m.Den, tt.num, tt.den)
			}
			if tt.name == "share" {
				if got := codes(r.Counted); got != "10001 10003" {
					t.Errorf("counted units %q, want 10001 10003", got)
				}
				return
			}
			if strings.HasPrefix(tt.name, "sum") {
				return
			}
			for _, rec := range r.Records {
				if rec.Values["doi_tuong"].Text == "khac" {
					t.Errorf("records shown include one the where drops: %v", rec.Unit.Code)
				}
			}
		})
	}
}

// TestListBelow checks a list's entries and counts under every unit above
// its level, and each entry's standing: what unit pages and the list's
// groups show, counted once here.
func TestListBelow(t *testing.T) {
	l := compute(t, sitetest.Load(t, "small")).Lists[0]
	got := map[string]string{}
	for code, sub := range l.Below {
		var entries []string
		for _, e := range sub.Entries {
			entries = append(entries, e.Unit.Code+":"+string(e.State()))
		}
		got[code] = fmt.Sprintf("%s held %d added %d removed %d: %s", sub.Unit.Code, sub.Held, sub.Added, sub.Removed, strings.Join(entries, " "))
	}
	want := map[string]string{
		"001": "001 held 2 added 1 removed 0: 10001:kept 10002:added",
		"002": "002 held 1 added 0 removed 0: 10003:kept",
	}
	if len(got) != len(want) {
		t.Errorf("Below has %d units, want %d: %v", len(got), len(want), got)
	}
	for code, w := range want {
		if got[code] != w {
			t.Errorf("Below[%s] = %q, want %q", code, got[code], w)
		}
	}
	if e := l.Entry["10002"]; e == nil || e.State() != progress.Added {
		t.Errorf("Entry[10002] = %v, want an added entry", e)
	}
	if e := l.Entry["10004"]; e != nil {
		t.Errorf("Entry[10004] = %v, want none (not on the list)", e)
	}
}

// TestOnTime checks who reported on time, month by month: listed in the
// month's report, false without a report.
func TestOnTime(t *testing.T) {
	p := compute(t, sitetest.Load(t, "small"))
	tests := []struct {
		name string
		got  []bool
		want string
	}{
		{"agency so", p.OnTime.Agencies["so"], "[true true false false]"},
		{"agency huyen", p.OnTime.Agencies["huyen"], "[false true false false]"},
		{"unit 001", p.OnTime.Units["001"], "[true true false false]"},
		{"unit 002", p.OnTime.Units["002"], "[true false false false]"},
		{"unit 10001, not of the reporting level", p.OnTime.Units["10001"], "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(tt.got); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

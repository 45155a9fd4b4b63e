package view

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// summarySite builds the views of the small test site over start to end,
// with the given targets and reports (month → report).
func summarySite(t *testing.T, start, end, targets string, reports map[string]string) *Site {
	t.Helper()
	fsys := sitetest.Bare(t, start, end)
	fsys["data/targets.toml"] = &fstest.MapFile{Data: []byte(targets)}
	for month, body := range reports {
		fsys["data/reports/"+month+".toml"] = &fstest.MapFile{Data: []byte(body)}
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return Build(s, progress.Compute(s), nil, routes.Table{}, func(path string, line, col int, format string, args ...any) {
		t.Errorf("%s:%d:%d: %s", path, line, col, fmt.Sprintf(format, args...))
	})
}

// counts writes a period's counts as "03/2020 met 1 on_track 2 …",
// leaving out the statuses no target is in.
func counts(p *SummaryPeriod) string {
	out := p.Label
	for _, c := range p.Counts {
		if c.N > 0 {
			out += fmt.Sprintf(" %s %d", c.Status, c.N)
		}
	}
	return out
}

// halfYear is a half-year plan with a count target, a quarterly target, a
// ceiling and an assessed target: January reported, February not, March
// reported.
const halfYearTargets = `[[targets]]
id = "mo-hinh"
number = 1
name = "Mô hình"
text = "2 mô hình"
rule = "count"
records = "models"
threshold = 2
unit = "mô hình"

[[targets]]
id = "quy"
number = 2
name = "Mỗi quý"
text = "mỗi quý 1 xã tuyên truyền"
rule = "periodic"
every = "quarter"
records = "outreach"
threshold = 1
unit = "lượt"

[[targets]]
id = "tin"
number = 3
name = "Tin"
text = "tối đa 2 tin"
rule = "count"
records = "press"
compare = "at_most"
threshold = 2
unit = "tin"

[[targets]]
id = "dang-tai"
number = 4
name = "Đăng tải"
text = "đăng tải đầy đủ"
rule = "assessed"
`

var halfYearReports = map[string]string{
	"2020-01": `published = 2020-02-01
[[models]]
unit = "001"
name = "Mô hình A"
[[outreach]]
unit = "10001"
date = 2020-01-05
[[press]]
date = 2020-01-06
title = "Tin 1"
[[assessments]]
target = "dang-tai"
status = "at_risk"
`,
	"2020-03": `published = 2020-04-01
[[press]]
date = 2020-03-06
title = "Tin 2"
[[press]]
date = 2020-03-07
title = "Tin 3"
`,
}

// TestSummaryCounts checks the number of targets in each status, month by
// month, on plans of other shapes than the example's: a half-year plan
// with a quarterly target, a ceiling and an assessed target, and a month
// without a report.
func TestSummaryCounts(t *testing.T) {
	s := summarySite(t, "2020-01", "2020-06", halfYearTargets, halfYearReports)
	sum := s.Summary()
	var got []string
	for _, p := range sum.Periods {
		got = append(got, counts(p))
	}
	want := []string{
		// The count is on track (1 of 2, pace 0), the quarter met, the
		// ceiling kept so far, the assessment at risk.
		"01/2020 met 1 on_track 2 at_risk 1",
		"02/2020 no_data 4",
		// Three news items break the ceiling of 2.
		"03/2020 met 1 on_track 1 at_risk 1 not_met 1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("periods:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(sum.Recent) != 3 || sum.Years != nil {
		t.Errorf("%d recent periods, %d years; want 3 and none (a short plan)", len(sum.Recent), len(sum.Years))
	}
	wantSentence := "1 trên 4 chỉ tiêu đạt trong tháng 03/2020; 1 đúng tiến độ; 1 có nguy cơ không đạt; 1 không đạt"
	if sum.Sentence != wantSentence {
		t.Errorf("sentence %q, want %q", sum.Sentence, wantSentence)
	}
	if sum.StatusChart == nil || sum.StatusChart.Summary != wantSentence || sum.StatusChart.File != "chi-tieu-trang-thai-2020-03" {
		t.Errorf("status chart %+v", sum.StatusChart)
	}
}

// TestSummaryValues checks every target's latest value as a share of its
// threshold: a ceiling beyond its limit is not reached, an assessed target
// has no share and no bar.
func TestSummaryValues(t *testing.T) {
	s := summarySite(t, "2020-01", "2020-06", halfYearTargets, halfYearReports)
	sum := s.Summary()
	var got []string
	for _, v := range sum.Values {
		got = append(got, fmt.Sprintf("%s %v %s reached=%v ceiling=%v %s", v.Target.Target.ID, v.HasShare, v.ShareText, v.Reached, v.Ceiling, v.Status))
	}
	want := []string{
		"mo-hinh true 50% reached=false ceiling=false on_track",
		"quy true 100% reached=true ceiling=false met",
		"tin true 150% reached=false ceiling=true not_met",
		"dang-tai false  reached=false ceiling=false at_risk",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("values:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantSentence := "Giá trị mới nhất của 1 trên 3 chỉ tiêu có số liệu đạt mức chỉ tiêu (với chỉ tiêu mức tối đa: không vượt quá mức đó). 1 chỉ tiêu do cơ quan báo cáo tự đánh giá, không có cột."
	if sum.ValuesSentence != wantSentence {
		t.Errorf("values sentence %q, want %q", sum.ValuesSentence, wantSentence)
	}
	c := sum.ValueChart
	if c == nil {
		t.Fatal("no chart of values")
	}
	// Three bars, none for the assessed target; the ceiling's axis label
	// says it is a ceiling; the line of the threshold at 100.
	for _, frag := range []string{`"data":["Chỉ tiêu 1","Chỉ tiêu 2","Chỉ tiêu 3 (tối đa)"]`, `"formatter":"150% · Không đạt"`, `"value":100`} {
		if !strings.Contains(string(c.Options), frag) {
			t.Errorf("chart options lack %s:\n%s", frag, c.Options)
		}
	}
	if strings.Contains(string(c.Options), "Chỉ tiêu 4") {
		t.Errorf("the assessed target has a bar:\n%s", c.Options)
	}
}

// TestSummaryLongPlan checks that a plan longer than a year draws only its
// latest 12 months and groups the full table by year, newest first.
func TestSummaryLongPlan(t *testing.T) {
	targets := "[[targets]]\nid = \"mo-hinh\"\nnumber = 1\nname = \"Mô hình\"\ntext = \"1\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = 1\nunit = \"mô hình\"\n"
	s := summarySite(t, "2019-01", "2020-12", targets, map[string]string{
		"2019-01": "published = 2019-02-01\n",
		"2020-06": "published = 2020-07-01\n[[models]]\nunit = \"001\"\nname = \"A\"\n",
	})
	sum := s.Summary()
	if len(sum.Periods) != 18 || len(sum.Recent) != 12 || sum.Recent[0].Label != "07/2019" || sum.Latest.Label != "06/2020" {
		t.Fatalf("%d periods, %d recent from %s; want 18, 12 from 07/2019 to 06/2020", len(sum.Periods), len(sum.Recent), sum.Recent[0].Label)
	}
	if len(sum.Years) != 2 || sum.Years[0].Year != 2020 || len(sum.Years[0].Periods) != 6 || len(sum.Years[1].Periods) != 12 {
		t.Errorf("years %+v; want 2020 (6 months) then 2019 (12)", sum.Years)
	}
	if got := counts(sum.Latest); got != "06/2020 met 1" {
		t.Errorf("latest %q", got)
	}
	if !strings.Contains(sum.StatusChart.Label, "12 tháng gần nhất") {
		t.Errorf("chart label %q does not say it shows the latest 12 months", sum.StatusChart.Label)
	}
}

// TestSummaryNoReport checks a plan before its first report: no period,
// no chart, and a sentence for the values.
func TestSummaryNoReport(t *testing.T) {
	s := summarySite(t, "2020-01", "2020-06", halfYearTargets, nil)
	sum := s.Summary()
	if len(sum.Periods) != 0 || sum.StatusChart != nil || sum.ValueChart != nil || sum.Sentence != "" {
		t.Errorf("before any report: %d periods, chart %v, values chart %v, sentence %q", len(sum.Periods), sum.StatusChart, sum.ValueChart, sum.Sentence)
	}
	if sum.ValuesSentence != "Chưa có chỉ tiêu nào có số liệu." {
		t.Errorf("values sentence %q", sum.ValuesSentence)
	}
}

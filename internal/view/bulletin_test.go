package view

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// provinceViews builds the views of testdata/sites/province.txtar, a
// half-year plan with a quarterly target, with February's report taken
// out and an update for June, which has no report, put in; extra files
// are added or replace the site's.
func provinceViews(t *testing.T, extra map[string]string) *Site {
	t.Helper()
	fsys := sitetest.Load(t, "province")
	delete(fsys, "data/reports/2026-02.toml")
	fsys["content/cap-nhat/2026-06.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Cập nhật tháng 6/2026\"\ndate = 2026-07-04\n+++\nChưa có báo cáo.\n")}
	for name, body := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return Build(s, progress.Compute(s), nil, routes.Table{}, func(path string, line, col int, format string, args ...any) {
		t.Errorf("%s:%d:%d: %s", path, line, col, fmt.Sprintf(format, args...))
	})
}

// bulletinOf returns the bulletin of month m of s.
func bulletinOf(t *testing.T, s *Site, m model.Month) *Bulletin {
	t.Helper()
	for _, u := range s.Updates {
		if u.Month == m {
			return s.Bulletin(u)
		}
	}
	t.Fatalf("no update for %s", m)
	return nil
}

// TestBulletinChart checks the months and counts the bulletins' chart is
// drawn from, on a plan of another shape than the example's: six months,
// four targets (one quarterly), February and the months after April
// without a report. The statuses are progress's (see the comments); the
// chart must draw every month up to the bulletin's, and a segment for
// each status of each (package chart draws them; its tests read them
// back).
func TestBulletinChart(t *testing.T) {
	s := provinceViews(t, nil)
	tests := []struct {
		month  model.Month
		bars   []string // a bar's statuses and counts, from the foot up
		labels []string
	}{
		// January: the monthly news met (4 items), the share (40%), the
		// quarter (1 of 2) and the count (1 of 6) on track.
		{model.Month{Year: 2026, Mon: 1}, []string{"met 1 on_track 3"}, []string{"01/2026"}},
		{model.Month{Year: 2026, Mon: 3}, []string{
			"met 1 on_track 3",
			// No report: every target without data.
			"no_data 4",
			// The quarter met (2 reports); the share on track (50%);
			// the count behind its pace (1 of 3) and the news (February
			// unreported) at risk.
			"met 1 on_track 1 at_risk 2",
		}, []string{"01/2026", "02/2026", "03/2026"}},
		{model.Month{Year: 2026, Mon: 6}, []string{
			"met 1 on_track 3",
			"no_data 4",
			"met 1 on_track 1 at_risk 2",
			// A new quarter under way, on track with the share.
			"on_track 2 at_risk 2",
			// May and June have no report.
			"no_data 4",
			"no_data 4",
		}, []string{"01/2026", "02/2026", "03/2026", "04/2026", "05/2026", "06/2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.month.String(), func(t *testing.T) {
			b := bulletinOf(t, s, tt.month)
			if b.Chart == nil {
				t.Fatal("no chart")
			}
			var labels []string
			segments := map[progress.Status]int{}
			for i, p := range b.Chart.Periods {
				labels = append(labels, p.Label)
				var got []string
				for _, st := range progress.Statuses {
					if n := p.Count(st); n > 0 {
						got = append(got, fmt.Sprintf("%s %d", st, n))
						segments[st]++
					}
				}
				if g := strings.Join(got, " "); g != tt.bars[i] {
					t.Errorf("bar %d (%s): %s, want %s", i+1, p.Label, g, tt.bars[i])
				}
				if p.Total != 4 {
					t.Errorf("bar %d: %d targets, want 4", i+1, p.Total)
				}
			}
			if !slices.Equal(labels, tt.labels) {
				t.Errorf("months %q, want %q", labels, tt.labels)
			}
			// The SVG draws those counts: a segment a status a month.
			svg := string(b.Chart.SVG)
			for _, st := range progress.Statuses {
				if got := strings.Count(svg, `bchart__seg--`+string(st)+`"`); got != segments[st] {
					t.Errorf("%d segments of %s drawn, want %d", got, st, segments[st])
				}
			}
			// The legend's counts are the month's: the table's row.
			for _, l := range b.Chart.Legend {
				if l.N != b.Period.Count(l.Status) {
					t.Errorf("legend: %s %d, the month's row %d", l.Status, l.N, b.Period.Count(l.Status))
				}
			}
			if !strings.Contains(svg, `aria-labelledby="`+b.Chart.CaptionID+" "+b.Chart.SentenceID+`"`) || !strings.Contains(svg, `role="img"`) {
				t.Errorf("the chart is not an image named by its caption and sentence: %.300s", svg)
			}
		})
	}
	// Deterministic.
	a, b := bulletinOf(t, s, model.Month{Year: 2026, Mon: 6}).Chart.SVG, bulletinOf(t, provinceViews(t, nil), model.Month{Year: 2026, Mon: 6}).Chart.SVG
	if a != b {
		t.Error("two builds drew different charts")
	}
}

// TestBulletinChartRecent checks that a plan longer than a year draws the
// twelve months up to the bulletin's, not the months after it.
func TestBulletinChartRecent(t *testing.T) {
	targets := "[[targets]]\nid = \"mo-hinh\"\nnumber = 1\nname = \"Mô hình\"\ntext = \"1\"\nrule = \"count\"\nrecords = \"models\"\nthreshold = 1\nunit = \"mô hình\"\n"
	s := summarySite(t, "2019-01", "2020-12", targets, map[string]string{
		"2019-01": "published = 2019-02-01\n",
		"2020-06": "published = 2020-07-01\n[[models]]\nunit = \"001\"\nname = \"A\"\n",
		"2020-09": "published = 2020-10-01\n",
	})
	c := s.bulletinChart(model.Month{Year: 2020, Mon: 6}, s.Summary().Statuses)
	if c == nil {
		t.Fatal("no chart")
	}
	if len(c.Periods) != RecentPeriods || c.Periods[0].Label != "07/2019" || c.Periods[11].Label != "06/2020" {
		t.Fatalf("%d periods from %s to %s; want 12, 07/2019 to 06/2020", len(c.Periods), c.Periods[0].Label, c.Periods[len(c.Periods)-1].Label)
	}
	last := c.Periods[11]
	if last.Count(progress.Met) != 1 || last.Total != 1 || c.Periods[10].Count(progress.NoData) != 1 {
		t.Errorf("the last month %+v, the one before %+v; want the last met, the others without data", last.Counts, c.Periods[10].Counts)
	}
	if c.Label != "Số chỉ tiêu theo trạng thái, từ tháng 07/2019 đến tháng 06/2020 (cột cuối, viền đậm)" {
		t.Errorf("label %q", c.Label)
	}
	if one := s.bulletinChart(model.Month{Year: 2019, Mon: 1}, s.Summary().Statuses); one == nil || len(one.Periods) != 1 || one.Label != "Số chỉ tiêu theo trạng thái, tháng 01/2019" {
		t.Errorf("the first month's chart: %+v", one)
	}
}

// TestBulletinChartHostile draws the chart of the hostile test site with
// a payload in every text the chart holds (the statuses' icons, drawn on
// the bars, and words): nothing is injected, the icons are drawn escaped,
// and the caption is left for the layout to escape. (Package chart's
// TestBulletinHostile reads such a drawing back element by element.)
func TestBulletinChartHostile(t *testing.T) {
	fsys := sitetest.Load(t, "hostile")
	// The icons are one character each, so that they fit on the bars and
	// are drawn; the words are the site's payloads.
	fsys["layouts/strings.toml"] = &fstest.MapFile{Data: []byte(`"icon.met" = "<"
"icon.on_track" = "&"
"icon.at_risk" = "'"
"icon.not_met" = '"'
"icon.no_data" = ">"
"status.met" = "</script><script>alert(1)</script>"
"status.on_track" = "\"><img src=x onerror=alert(1)>"
"status.not_met" = "]]><svg onload=alert(1)>"
"bulletin.chart" = "</svg><script>alert(1)</script>{from}{to}"
"bulletin.chart_single" = "</svg><script>alert(1)</script>{to}"
`)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	v := Build(s, progress.Compute(s), nil, routes.Table{}, func(path string, line, col int, format string, args ...any) {
		t.Errorf("%s:%d:%d: %s", path, line, col, fmt.Sprintf(format, args...))
	})
	drawn := 0
	for _, u := range v.Updates {
		b := v.Bulletin(u)
		if b.Chart == nil {
			t.Fatalf("%s: no chart", u.Month)
		}
		svg := string(b.Chart.SVG)
		for _, bad := range []string{"<script", "<img", "<svg onload", "]]>"} {
			if strings.Contains(svg, bad) {
				t.Errorf("%s: the chart holds %q unescaped", u.Month, bad)
			}
		}
		for _, icon := range []string{"&lt;", "&amp;", "&#39;", "&#34;", "&gt;"} {
			if strings.Contains(svg, ">"+icon+" ") {
				drawn++
			}
		}
		if !strings.Contains(b.Chart.Label, "</svg><script>") {
			t.Errorf("%s: label %q: the caption is the layout's to escape, as any text", u.Month, b.Chart.Label)
		}
	}
	if drawn == 0 {
		t.Error("no icon was drawn on a bar: the test checks nothing")
	}
}

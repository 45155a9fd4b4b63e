package view

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// svgChart is what a bulletin's chart draws, read back from its SVG.
type svgChart struct {
	bars   []svgBar
	marked float64  // the x of the mark's box
	months []string // the texts under the bars, in order
	texts  []string // every text, in order
	names  []string // every element's name, in order
}

// svgBar is one bar: its x and its segments' heights by status.
type svgBar struct {
	x       float64
	heights map[string]float64
}

// readChart parses the SVG of a chart with encoding/xml: it must be
// well-formed XML with one root element.
func readChart(t *testing.T, svg string) svgChart {
	t.Helper()
	var c svgChart
	d := xml.NewDecoder(strings.NewReader(svg))
	depth, roots := 0, 0
	var inText, inMonth bool
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the chart is not valid XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
			c.names = append(c.names, tok.Name.Local)
			a := map[string]string{}
			for _, at := range tok.Attr {
				a[at.Name.Local] = at.Value
			}
			class := strings.Fields(a["class"])
			switch {
			case tok.Name.Local == "g" && slices.Contains(class, "bchart__bar"):
				c.bars = append(c.bars, svgBar{x: -1, heights: map[string]float64{}})
			case tok.Name.Local == "rect" && slices.Contains(class, "bchart__seg"):
				b := &c.bars[len(c.bars)-1]
				b.x = atof(t, a["x"])
				for _, cl := range class {
					if st, ok := strings.CutPrefix(cl, "bchart__seg--"); ok {
						b.heights[st] += atof(t, a["height"])
					}
				}
			case tok.Name.Local == "rect" && slices.Contains(class, "bchart__mark"):
				c.marked = atof(t, a["x"])
			case tok.Name.Local == "text":
				inText, inMonth = true, slices.Contains(class, "bchart__month")
			}
		case xml.EndElement:
			depth--
			inText = false
		case xml.CharData:
			if inText {
				c.texts = append(c.texts, string(tok))
				if inMonth {
					c.months = append(c.months, string(tok))
				}
			}
		}
	}
	if roots != 1 || len(c.names) == 0 || c.names[0] != "svg" {
		t.Fatalf("the chart has %d root elements, first %q; want one svg", roots, c.names)
	}
	return c
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("coordinate %q: %v", s, err)
	}
	return v
}

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

// TestBulletinChart reads back the bars of the bulletins' chart on a plan
// of another shape than the example's: six months, four targets (one
// quarterly), February and the months after April without a report. The
// statuses are progress's (see the comments); the chart must draw each as
// a segment of its count's height.
func TestBulletinChart(t *testing.T) {
	s := provinceViews(t, nil)
	const perTarget = bchartPlot / 4.0 // 4 targets share a full bar
	tests := []struct {
		month  model.Month
		bars   []string // a bar's statuses and counts, from the foot up
		months []string
	}{
		// January: the monthly news met (4 items), the share (40%), the
		// quarter (1 of 2) and the count (1 of 6) on track.
		{model.Month{Year: 2026, Mon: 1}, []string{"met 1 on_track 3"}, []string{"01", "2026"}},
		{model.Month{Year: 2026, Mon: 3}, []string{
			"met 1 on_track 3",
			// No report: every target without data.
			"no_data 4",
			// The quarter met (2 reports); the share on track (50%);
			// the count behind its pace (1 of 3) and the news (February
			// unreported) at risk.
			"met 1 on_track 1 at_risk 2",
		}, []string{"01", "2026", "02", "03", "2026"}},
		{model.Month{Year: 2026, Mon: 6}, []string{
			"met 1 on_track 3",
			"no_data 4",
			"met 1 on_track 1 at_risk 2",
			// A new quarter under way, on track with the share.
			"on_track 2 at_risk 2",
			// May and June have no report.
			"no_data 4",
			"no_data 4",
		}, []string{"01", "2026", "02", "03", "04", "05", "06", "2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.month.String(), func(t *testing.T) {
			b := bulletinOf(t, s, tt.month)
			if b.Chart == nil {
				t.Fatal("no chart")
			}
			c := readChart(t, string(b.Chart.SVG))
			if len(c.bars) != len(tt.bars) {
				t.Fatalf("%d bars, want %d", len(c.bars), len(tt.bars))
			}
			for i, bar := range c.bars {
				var got []string
				total := 0.0
				for _, st := range progress.Statuses {
					if h, ok := bar.heights[string(st)]; ok {
						got = append(got, fmt.Sprintf("%s %g", st, h/perTarget))
						total += h
					}
				}
				if g := strings.Join(got, " "); !sameCounts(g, tt.bars[i]) {
					t.Errorf("bar %d (%s): %s, want %s", i+1, b.Chart.Periods[i].Label, g, tt.bars[i])
				}
				if total < bchartPlot-0.01 || total > bchartPlot+0.01 {
					t.Errorf("bar %d: %g px high, want %d (every target)", i+1, total, bchartPlot)
				}
			}
			if last := c.bars[len(c.bars)-1]; c.marked != last.x-2.5 {
				t.Errorf("the mark is at x %g, the last bar at %g: the bulletin's month is not the one marked", c.marked, last.x)
			}
			if !slices.Equal(c.months, tt.months) {
				t.Errorf("months %q, want %q", c.months, tt.months)
			}
			// The legend's counts are the month's: the table's row.
			for _, l := range b.Chart.Legend {
				if l.N != b.Period.Count(l.Status) {
					t.Errorf("legend: %s %d, the month's row %d", l.Status, l.N, b.Period.Count(l.Status))
				}
			}
			if !strings.Contains(string(b.Chart.SVG), `aria-labelledby="`+b.Chart.CaptionID+" "+b.Chart.SentenceID+`"`) || !strings.Contains(string(b.Chart.SVG), `role="img"`) {
				t.Errorf("the chart is not an image named by its caption and sentence: %.300s", b.Chart.SVG)
			}
		})
	}
	// Deterministic.
	a, b := bulletinOf(t, s, model.Month{Year: 2026, Mon: 6}).Chart.SVG, bulletinOf(t, provinceViews(t, nil), model.Month{Year: 2026, Mon: 6}).Chart.SVG
	if a != b {
		t.Error("two builds drew different charts")
	}
}

// sameCounts compares "met 1 on_track 2" with counts that are heights
// divided by a target's height, to within rounding.
func sameCounts(got, want string) bool {
	g, w := strings.Fields(got), strings.Fields(want)
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		if i%2 == 0 {
			if g[i] != w[i] {
				return false
			}
			continue
		}
		gv, err1 := strconv.ParseFloat(g[i], 64)
		wv, err2 := strconv.ParseFloat(w[i], 64)
		if err1 != nil || err2 != nil || gv < wv-0.01 || gv > wv+0.01 {
			return false
		}
	}
	return true
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
	r := readChart(t, string(c.SVG))
	if len(r.bars) != 12 || r.bars[11].heights["met"] != bchartPlot || r.bars[10].heights["no_data"] != bchartPlot {
		t.Errorf("bars %+v; want 12, the last met, the others without data", r.bars)
	}
	// The year under the first month, January and the marked month.
	want := []string{"07", "2019", "08", "09", "10", "11", "12", "01", "2020", "02", "03", "04", "05", "06", "2020"}
	if !slices.Equal(r.months, want) {
		t.Errorf("months %q, want %q", r.months, want)
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
// the bars, and words), and reads it back: the same elements, the texts
// intact, nothing injected.
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
		c := readChart(t, svg)
		for _, name := range c.names {
			if !slices.Contains([]string{"svg", "defs", "pattern", "rect", "path", "line", "text", "g"}, name) {
				t.Errorf("%s: element <%s> in the chart", u.Month, name)
			}
		}
		for _, text := range c.texts {
			icon, _, _ := strings.Cut(text, " ")
			if _, err := strconv.Atoi(text); err == nil || slices.Contains(c.months, text) {
				continue
			}
			if !slices.Contains([]string{"<", "&", "'", `"`, ">"}, icon) {
				t.Errorf("%s: text %q is none of the chart's", u.Month, text)
			}
			drawn++
		}
		if !strings.Contains(b.Chart.Label, "</svg><script>") {
			t.Errorf("%s: label %q: the caption is the layout's to escape, as any text", u.Month, b.Chart.Label)
		}
	}
	if drawn == 0 {
		t.Error("no icon was drawn on a bar: the test checks nothing")
	}
}

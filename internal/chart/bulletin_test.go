package chart

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
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

// statuses are the statuses in display order, with icons.
var statuses = []Status{
	{Status: progress.Met, Icon: "✓"},
	{Status: progress.OnTrack, Icon: "↗"},
	{Status: progress.AtRisk, Icon: "!"},
	{Status: progress.NotMet, Icon: "✗"},
	{Status: progress.NoData, Icon: "–"},
}

// bars returns the bars of the months from start, one a count string
// such as "met 1 on_track 3", labelled as the Vietnamese site labels
// months (MM/YYYY).
func bars(t *testing.T, start model.Month, counts ...string) []Bar {
	t.Helper()
	var out []Bar
	m := start
	for _, c := range counts {
		b := Bar{Month: m, Label: format.Month(m), Counts: map[progress.Status]int{}}
		f := strings.Fields(c)
		for i := 0; i+1 < len(f); i += 2 {
			n, err := strconv.Atoi(f[i+1])
			if err != nil {
				t.Fatal(err)
			}
			b.Counts[progress.Status(f[i])] = n
			b.Total += n
		}
		out = append(out, b)
		m = m.Next()
	}
	return out
}

// TestBulletin draws bars of known counts and reads them back: each
// status a segment of its count's height, every bar full height (every
// target), the last bar marked, the year under the first month, January
// and the marked month only.
func TestBulletin(t *testing.T) {
	const perTarget = bchartPlot / 4.0 // 4 targets share a full bar
	tests := []struct {
		name   string
		start  model.Month
		bars   []string // a bar's statuses and counts, from the foot up
		months []string
	}{
		{"one month", model.Month{Year: 2026, Mon: 1}, []string{"met 1 on_track 3"}, []string{"01", "2026"}},
		{"half a year", model.Month{Year: 2026, Mon: 1}, []string{
			"met 1 on_track 3",
			"no_data 4",
			"met 1 on_track 1 at_risk 2",
			"on_track 2 at_risk 2",
			"no_data 4",
			"not_met 1 no_data 3",
		}, []string{"01", "2026", "02", "03", "04", "05", "06", "2026"}},
		{"across a new year", model.Month{Year: 2019, Mon: 7}, []string{
			"no_data 4", "no_data 4", "no_data 4", "no_data 4", "no_data 4", "no_data 4",
			"no_data 4", "no_data 4", "no_data 4", "no_data 4", "no_data 4", "met 4",
		}, []string{"07", "2019", "08", "09", "10", "11", "12", "01", "2020", "02", "03", "04", "05", "06", "2020"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Bulletin{Bars: bars(t, tt.start, tt.bars...), Statuses: statuses, LabelledBy: "caption sentence", Format: format.For("vi")}
			svg := string(c.SVG())
			r := readChart(t, svg)
			if len(r.bars) != len(tt.bars) {
				t.Fatalf("%d bars, want %d", len(r.bars), len(tt.bars))
			}
			for i, bar := range r.bars {
				var got []string
				total := 0.0
				for _, st := range progress.Statuses {
					if h, ok := bar.heights[string(st)]; ok {
						got = append(got, fmt.Sprintf("%s %g", st, h/perTarget))
						total += h
					}
				}
				if g := strings.Join(got, " "); !sameCounts(g, tt.bars[i]) {
					t.Errorf("bar %d (%s): %s, want %s", i+1, c.Bars[i].Label, g, tt.bars[i])
				}
				if total < bchartPlot-0.01 || total > bchartPlot+0.01 {
					t.Errorf("bar %d: %g px high, want %d (every target)", i+1, total, bchartPlot)
				}
			}
			if last := r.bars[len(r.bars)-1]; r.marked != last.x-2.5 {
				t.Errorf("the mark is at x %g, the last bar at %g: the last month is not the one marked", r.marked, last.x)
			}
			if !slices.Equal(r.months, tt.months) {
				t.Errorf("months %q, want %q", r.months, tt.months)
			}
			if !strings.Contains(svg, `aria-labelledby="caption sentence"`) || !strings.Contains(svg, `role="img"`) {
				t.Errorf("the chart is not an image named by its caption and sentence: %.300s", svg)
			}
			for _, st := range statuses {
				if !strings.Contains(svg, `<pattern id="bchart-`+string(st.Status)+`"`) {
					t.Errorf("no pattern for %s", st.Status)
				}
				if strings.Contains(svg, "bchart__seg--"+string(st.Status)+`"`) && !strings.Contains(svg, `fill="`+BulletinFill(st.Status)+`"`) {
					t.Errorf("the bars of %s are not filled with its pattern", st.Status)
				}
			}
			if again := c.SVG(); string(again) != svg {
				t.Error("two drawings of the same chart differ")
			}
		})
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

// TestBulletinHostile draws a chart with a payload in every text it
// holds (the statuses' icons, drawn on the bars, the months' labels and
// the ids that name it) and reads it back: the same elements, the texts
// intact, nothing injected.
func TestBulletinHostile(t *testing.T) {
	// The icons are one character each, so that they fit on the bars and
	// are drawn.
	icons := []string{"<", "&", "'", `"`, ">"}
	var hostile []Status
	for i, st := range statuses {
		hostile = append(hostile, Status{Status: st.Status, Icon: icons[i]})
	}
	labels := []string{"</svg><script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "]]><svg onload=alert(1)>"}
	var all []string
	for _, st := range progress.Statuses {
		all = append(all, string(st)+" 2")
	}
	b := bars(t, model.Month{Year: 2026, Mon: 1}, strings.Join(all, " "), strings.Join(all, " "), strings.Join(all, " "))
	for i := range b {
		b[i].Label = labels[i]
	}
	c := &Bulletin{Bars: b, Statuses: hostile, LabelledBy: `"><script>alert(1)</script>`, Format: format.For("vi")}
	svg := string(c.SVG())
	for _, bad := range []string{"<script", "<img", "<svg onload", "]]>"} {
		if strings.Contains(svg, bad) {
			t.Errorf("the chart holds %q unescaped", bad)
		}
	}
	r := readChart(t, svg)
	for _, name := range r.names {
		if !slices.Contains([]string{"svg", "defs", "pattern", "rect", "path", "line", "text", "g"}, name) {
			t.Errorf("element <%s> in the chart", name)
		}
	}
	drawn := 0
	for _, text := range r.texts {
		icon, _, _ := strings.Cut(text, " ")
		if _, err := strconv.Atoi(text); err == nil {
			continue
		}
		if slices.Contains(r.months, text) {
			if !slices.Contains(labels, text) {
				t.Errorf("month %q is none of the labels", text)
			}
			continue
		}
		if !slices.Contains(icons, icon) {
			t.Errorf("text %q is none of the chart's", text)
		}
		drawn++
	}
	if drawn == 0 {
		t.Error("no icon was drawn on a bar: the test checks nothing")
	}
	if len(r.months) != len(labels) {
		t.Errorf("months %q, want the %d labels intact", r.months, len(labels))
	}
}

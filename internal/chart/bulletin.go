package chart

import (
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// A printed page cannot run the script that draws the site's charts, so
// the bulletin's summary chart is an SVG written here, in Go: a stacked
// bar a month, ending with the bulletin's month, which is marked.
//
// Every text is escaped as encoding/xml escapes it (see svgWriter), which
// also replaces what XML cannot hold; the markup is valid XML and HTML
// alike. Colours are the stylesheet's: a bar's fill is a pattern whose
// shapes carry the status's class (bchart__fill--met …), so the site's
// palette applies and no colour is written here. The patterns differ by
// status (plain, stripes, dots, crosses, lines), so that the bars read in
// black and white too; a segment tall enough is also labelled with its
// status's icon and count.

// Bulletin is the summary chart of a bulletin.
type Bulletin struct {
	// Bars are its months, oldest first; the last, the bulletin's, is
	// marked.
	Bars []Bar
	// Statuses are the statuses drawn, from the foot of the bars up.
	Statuses []Status
	// LabelledBy are the ids of the elements that name the chart, its
	// caption and sentence, separated by a space (aria-labelledby).
	LabelledBy string
	// Format writes the counts, as the page's language writes numbers.
	Format format.Formatter
}

// Bar is a month's bar of a bulletin's chart.
type Bar struct {
	Month  model.Month
	Label  string // the month as the site writes it, such as "09/2017"
	Counts map[progress.Status]int
	Total  int // every target: Counts add up to it
}

// bulletinPattern is the start of the id of a status's pattern; one chart
// a page, so the ids are fixed.
const bulletinPattern = "bchart-"

// BulletinFill returns the fill of the bars of status st, for the swatches
// of a legend beside the chart: its pattern.
func BulletinFill(st progress.Status) string {
	return "url(#" + bulletinPattern + string(st) + ")"
}

// The chart's geometry, in CSS pixels: it is drawn at its size (the
// stylesheet only shrinks it to a narrow screen), so that its type is as
// large as the bulletin's smallest. Twelve months are 416 px wide: with
// the legend beside them, inside A4's printable width.
const (
	bchartAxis  = 28 // room left of the bars for the axis's numbers
	bchartSlot  = 32 // a month's column
	bchartBar   = 24 // a bar's width
	bchartTop   = 5  // room above the bars for the month's mark
	bchartPlot  = 72 // the height of a full bar: every target
	bchartBelow = 24 // room under the bars for the months: two lines
	bchartFont  = 10 // the font size of its texts
	bchartRight = 4
)

// bchartPatterns are the shapes drawn over each status's colour, on a 6 px
// tile: none for met, so that the best status is the plainest.
var bchartPatterns = map[progress.Status]string{
	progress.OnTrack: "M-1 1L1-1M0 6L6 0M5 7L7 5",
	progress.AtRisk:  "M2 3a1 1 0 1 0 2 0a1 1 0 1 0-2 0",
	progress.NotMet:  "M0 0L6 6M6 0L0 6",
	progress.NoData:  "M0 3H6",
}

// SVG writes chart c as SVG; c has a bar at least, with a target.
func (c *Bulletin) SVG() template.HTML {
	var b strings.Builder
	b.Grow(16 << 10) // a year's chart is about 12 KB
	w := &svgWriter{b: &b}
	n := len(c.Bars)
	width := bchartAxis + n*bchartSlot + bchartRight
	height := bchartTop + bchartPlot + bchartBelow
	bottom := float64(bchartTop + bchartPlot)
	w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "bchart",
		"width", strconv.Itoa(width), "height", strconv.Itoa(height),
		"viewBox", "0 0 "+strconv.Itoa(width)+" "+strconv.Itoa(height),
		"role", "img", "aria-labelledby", c.LabelledBy, "focusable", "false",
		"font-size", strconv.Itoa(bchartFont))
	w.open("defs")
	for _, l := range c.Statuses {
		st := string(l.Status)
		w.open("pattern", "id", bulletinPattern+st, "width", "6", "height", "6", "patternUnits", "userSpaceOnUse")
		w.leaf("rect", "class", "bchart__fill bchart__fill--"+st, "width", "6", "height", "6")
		if d := bchartPatterns[l.Status]; d != "" {
			w.leaf("path", "class", "bchart__hatch", "d", d)
		}
		w.close("pattern")
	}
	w.close("defs")

	// The axis: 0 at the foot, every target at the top.
	total := c.Bars[0].Total
	w.leaf("line", "class", "bchart__axis", "x1", strconv.Itoa(bchartAxis-2), "x2", strconv.Itoa(width-bchartRight), "y1", num(bottom), "y2", num(bottom))
	w.textAt(c.Format.Number(0, 0), "bchart__tick", float64(bchartAxis-5), bottom, "end", 0)
	w.textAt(c.Format.Number(float64(total), 0), "bchart__tick", float64(bchartAxis-5), float64(bchartTop)+bchartFont*0.7, "end", 0)

	for i, p := range c.Bars {
		x := float64(bchartAxis + i*bchartSlot + (bchartSlot-bchartBar)/2)
		current := i == n-1
		w.open("g", "class", "bchart__bar")
		// From the foot up, in display order: met at the bottom, as on
		// the site's chart.
		done := 0
		for _, st := range c.Statuses {
			k := p.Counts[st.Status]
			if k == 0 {
				continue
			}
			y0 := bottom - bchartPlot*float64(done)/float64(p.Total)
			done += k
			y1 := bottom - bchartPlot*float64(done)/float64(p.Total)
			y0, y1 = round2(y0), round2(y1)
			w.leaf("rect", "class", "bchart__seg bchart__seg--"+string(st.Status), "x", num(x), "y", num(y1),
				"width", strconv.Itoa(bchartBar), "height", num(y0-y1), "fill", BulletinFill(st.Status))
			label := st.Icon + " " + c.Format.Number(float64(k), 0)
			if y0-y1 >= bchartFont+2 && textWidth(label) <= bchartBar-2 {
				w.textAt(label, "bchart__count bchart__count--"+string(st.Status), x+bchartBar/2, (y0+y1)/2+bchartFont*0.35, "middle", 0)
			}
		}
		w.close("g")
		class := "bchart__month"
		if current {
			class += " bchart__month--current"
			w.leaf("rect", "class", "bchart__mark", "x", num(x-2.5), "y", num(float64(bchartTop)-2.5),
				"width", strconv.Itoa(bchartBar+5), "height", strconv.Itoa(bchartPlot+5))
		}
		month, year := monthLines(p.Month, p.Label)
		if year != "" && i > 0 && !current && p.Month.Mon != 1 {
			year = "" // the year under the first month, January and the marked month
		}
		w.textAt(month, class, x+bchartBar/2, bottom+bchartFont+2, "middle", fitTo(month, bchartSlot-3))
		if year != "" {
			w.textAt(year, class, x+bchartBar/2, bottom+2*bchartFont+4, "middle", fitTo(year, bchartSlot-1))
		}
	}
	w.close("svg")
	return template.HTML(b.String())
}

// monthLines splits the label of month m in two lines, the month and its
// year ("09" and "2017" for "09/2017", "Sep" and "2017" for "Sep 2017"),
// so that a column can be narrower than the label; a label without the
// year's digits stays on one line.
func monthLines(m model.Month, label string) (month, year string) {
	y := strconv.Itoa(m.Year)
	if i := strings.LastIndex(label, y); i >= 0 {
		if short := strings.Trim(label[:i]+label[i+len(y):], " /-.,"); short != "" {
			return short, y
		}
	}
	return label, ""
}

// fitTo returns width if text s may be wider (the text is then squeezed
// to it), else 0.
func fitTo(s string, width float64) float64 {
	if textWidth(s) > width {
		return width
	}
	return 0
}

// textWidth estimates the width of s in the chart's font: a digit's
// width (0.56 em) a character.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * bchartFont * 0.56 }

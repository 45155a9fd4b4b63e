package view

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// A printed page cannot run the script that draws the site's charts, so
// the bulletin's summary chart is an SVG written here, in Go: the same
// figures as the home page's chart of targets by status (Summary's
// periods), a stacked bar a month, ending with the bulletin's month.
//
// Every text goes through encoding/xml's escaping (an Encoder writes the
// whole SVG), which also replaces what XML cannot hold; the markup is
// valid XML and HTML alike. Colours are the stylesheet's: a bar's fill is
// a pattern whose shapes carry the status's class (bchart__fill--met …),
// so the site's palette applies and no colour is written here. The
// patterns differ by status (plain, stripes, dots, crosses, lines), so
// that the bars read in black and white too; a segment tall enough is
// also labelled with its status's icon and count.

// BulletinChart is the summary chart of a bulletin.
type BulletinChart struct {
	// Periods are its bars, oldest first: the plan's months up to the
	// bulletin's, which is the last and marked, RecentPeriods at most.
	Periods []*SummaryPeriod
	// Label says what it shows: the figure's caption, and with the
	// bulletin's sentence its accessible name.
	Label string
	// CaptionID and SentenceID are the ids the layout gives the caption
	// and the sentence: the SVG is named by them (aria-labelledby).
	CaptionID, SentenceID string
	// Legend are the statuses drawn, in display order, each with the
	// fill of its bars, for the legend's swatches, and its count in the
	// marked month: the legend says the last bar's figures too.
	Legend []*ChartStatus
	SVG    template.HTML
}

// ChartStatus is a status of a chart's legend.
type ChartStatus struct {
	*StatusName
	Fill string // "url(#bchart-met)"
	N    int    // the targets in the status in the marked month
}

// The ids of the bulletin's chart; one chart a page, so they are fixed.
const (
	bchartCaptionID  = "tom-tat-bieu-do"
	bchartSentenceID = "tom-tat-cau"
	bchartPattern    = "bchart-" // and the status
)

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

// bulletinChart draws the statuses of the months of the plan up to month
// m, the last RecentPeriods of them at most; nil if the plan has no
// target or m is before its start.
func (s *Site) bulletinChart(m model.Month, statuses []*StatusName) *BulletinChart {
	periods := s.periodsTo(m)
	periods = periods[max(0, len(periods)-RecentPeriods):]
	if len(periods) == 0 || periods[0].Total == 0 {
		return nil
	}
	first, last := periods[0], periods[len(periods)-1]
	key := "bulletin.chart"
	if len(periods) == 1 {
		key = "bulletin.chart_single"
	}
	c := &BulletinChart{
		Periods:    periods,
		Label:      s.Sentence(key, map[string]string{"from": first.Label, "to": last.Label}),
		CaptionID:  bchartCaptionID,
		SentenceID: bchartSentenceID,
	}
	for _, st := range statuses {
		for _, p := range periods {
			if p.Count(st.Status) > 0 {
				c.Legend = append(c.Legend, &ChartStatus{StatusName: st, Fill: "url(#" + bchartPattern + string(st.Status) + ")", N: last.Count(st.Status)})
				break
			}
		}
	}
	c.SVG = s.bulletinSVG(c)
	return c
}

// bulletinSVG writes the chart c as SVG.
func (s *Site) bulletinSVG(c *BulletinChart) template.HTML {
	var b strings.Builder
	b.Grow(16 << 10) // a year's chart is about 12 KB
	w := &svgWriter{b: &b}
	n := len(c.Periods)
	width := bchartAxis + n*bchartSlot + bchartRight
	height := bchartTop + bchartPlot + bchartBelow
	bottom := float64(bchartTop + bchartPlot)
	w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "bchart",
		"width", strconv.Itoa(width), "height", strconv.Itoa(height),
		"viewBox", "0 0 "+strconv.Itoa(width)+" "+strconv.Itoa(height),
		"role", "img", "aria-labelledby", c.CaptionID+" "+c.SentenceID, "focusable", "false",
		"font-size", strconv.Itoa(bchartFont))
	w.open("defs")
	for _, l := range c.Legend {
		st := string(l.Status)
		w.open("pattern", "id", bchartPattern+st, "width", "6", "height", "6", "patternUnits", "userSpaceOnUse")
		w.leaf("rect", "class", "bchart__fill bchart__fill--"+st, "width", "6", "height", "6")
		if d := bchartPatterns[l.Status]; d != "" {
			w.leaf("path", "class", "bchart__hatch", "d", d)
		}
		w.close("pattern")
	}
	w.close("defs")

	// The axis: 0 at the foot, every target at the top.
	total := c.Periods[0].Total
	w.leaf("line", "class", "bchart__axis", "x1", strconv.Itoa(bchartAxis-2), "x2", strconv.Itoa(width-bchartRight), "y1", num(bottom), "y2", num(bottom))
	w.textAt(s.f.Number(0, 0), "bchart__tick", float64(bchartAxis-5), bottom, "end", 0)
	w.textAt(s.f.Number(float64(total), 0), "bchart__tick", float64(bchartAxis-5), float64(bchartTop)+bchartFont*0.7, "end", 0)

	for i, p := range c.Periods {
		x := float64(bchartAxis + i*bchartSlot + (bchartSlot-bchartBar)/2)
		current := i == n-1
		w.open("g", "class", "bchart__bar")
		// From the foot up, in display order: met at the bottom, as on
		// the site's chart.
		done := 0
		for _, st := range c.Legend {
			k := p.Count(st.Status)
			if k == 0 {
				continue
			}
			y0 := bottom - bchartPlot*float64(done)/float64(p.Total)
			done += k
			y1 := bottom - bchartPlot*float64(done)/float64(p.Total)
			y0, y1 = round2(y0), round2(y1)
			w.leaf("rect", "class", "bchart__seg bchart__seg--"+string(st.Status), "x", num(x), "y", num(y1),
				"width", strconv.Itoa(bchartBar), "height", num(y0-y1), "fill", st.Fill)
			label := st.Icon + " " + s.f.Number(float64(k), 0)
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

// round2 rounds v to hundredths of a pixel: the output stays the same
// from one build to the next, and adjacent segments share their edge.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// num writes a coordinate.
func num(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

// svgWriter writes SVG elements into a buffer, escaping every attribute
// value and text exactly as encoding/xml's Encoder does (xml.EscapeText
// for attributes; text the same without escaping newlines), without its
// cost per token: a province's bulletins draw thousands of elements.
type svgWriter struct {
	b *strings.Builder
}

// open writes a start tag with attributes given as name, value pairs.
func (w *svgWriter) open(name string, attrs ...string) {
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		xmlEscape(w.b, attrs[i+1], true)
		w.b.WriteByte('"')
	}
	w.b.WriteByte('>')
}

// close writes the end tag of the element open last.
func (w *svgWriter) close(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// leaf writes an element without content.
func (w *svgWriter) leaf(name string, attrs ...string) {
	w.open(name, attrs...)
	w.close(name)
}

// textAt writes text s at x, y (its baseline), anchored at its start,
// middle or end; squeezed to width fit if fit is not 0.
func (w *svgWriter) textAt(s, class string, x, y float64, anchor string, fit float64) {
	attrs := []string{"class", class, "x", num(x), "y", num(y), "text-anchor", anchor}
	if fit > 0 {
		attrs = append(attrs, "textLength", num(fit), "lengthAdjust", "spacingAndGlyphs")
	}
	w.open("text", attrs...)
	xmlEscape(w.b, s, false)
	w.close("text")
}

// xmlEscape writes s escaped as encoding/xml escapes it: the five markup
// characters, tab and carriage return as references (newline too if nl),
// and a character XML does not allow as U+FFFD.
func xmlEscape(b *strings.Builder, s string, nl bool) {
	if xmlPlain(s) {
		b.WriteString(s)
		return
	}
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			if nl {
				esc = "&#xA;"
			}
		case '\r':
			esc = "&#xD;"
		default:
			if !xmlChar(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b.WriteString(s[last:i])
			b.WriteString(esc)
			last = i + width
		}
		i += width
	}
	b.WriteString(s[last:])
}

// xmlPlain reports whether s needs no escaping at all: valid UTF-8 with no
// markup character, no control character and no U+FFFE or U+FFFF (the
// labels and numbers of a chart, nearly always).
func xmlPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\'', c == '&', c == '<', c == '>':
			return false
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF):
			return false
		}
	}
	return utf8.ValidString(s)
}

// xmlChar reports whether r is a character XML allows.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

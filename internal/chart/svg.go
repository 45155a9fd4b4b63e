package chart

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// svgWriter writes SVG elements into a buffer, escaping every attribute
// value and text exactly as encoding/xml's Encoder does (xml.EscapeText
// for attributes; text the same without escaping newlines), without its
// cost per token: a province's bulletins draw thousands of elements.
type svgWriter struct {
	b *strings.Builder
}

// round2 rounds v to hundredths of a pixel: the output stays the same
// from one build to the next, and adjacent segments share their edge.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// num writes a coordinate.
func num(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

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

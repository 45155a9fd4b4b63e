// Package format writes the figures and dates that pages, charts and
// downloads show: numbers, percentages, dates and months, with the decimals
// that keep a figure on the side of the threshold it is compared with.
// Packages view and render use it.
//
// A [Formatter] writes them for one language: Vietnamese 1.245,5,
// 03/03/2017 and 03/2017; English 1,245.5, 3 March 2017 and Mar 2017 (the
// month short, as it fits a grid's cell and a chart's axis). The functions
// of the package write the Vietnamese forms, which are also those of every
// language the package does not know.
package format

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/minhbach/minhbach/internal/model"
)

// Formatter writes figures and dates for one language. The zero
// Formatter writes them the Vietnamese way.
type Formatter struct {
	english bool
}

// For returns the Formatter of the language tag lang: English forms for
// "en" and its variants ("en-GB"), Vietnamese forms for any other.
func For(lang string) Formatter {
	base, _, _ := strings.Cut(lang, "-")
	return Formatter{english: base == "en"}
}

// Number writes n with the formatter's separators: 1245.5 → "1.245,5" in
// Vietnamese, "1,245.5" in English (see the package function Number).
func (f Formatter) Number(n float64, decimals int) string {
	if !f.english {
		return Number(n, decimals)
	}
	return number(n, decimals, ',', '.')
}

// Percent writes a percentage with one decimal at most: "64,8%", "64.8%".
func (f Formatter) Percent(n float64) string { return f.Number(n, 1) + "%" }

// englishMonths are the names of the months in English.
var englishMonths = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Date writes a date: "03/03/2017" in Vietnamese, "3 March 2017" in
// English; the zero date as "".
func (f Formatter) Date(t time.Time) string {
	if !f.english || t.IsZero() {
		return Date(t)
	}
	return strconv.Itoa(t.Day()) + " " + englishMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Month writes a month: "03/2017" in Vietnamese, "Mar 2017" in English;
// the zero month as "".
func (f Formatter) Month(m model.Month) string {
	if !f.english || m.IsZero() || m.Mon < 1 || m.Mon > 12 {
		return Month(m)
	}
	return englishMonths[m.Mon-1][:3] + " " + strconv.Itoa(m.Year)
}

// Bytes writes a file size: "1,5 MB" in Vietnamese, "1.5 MB" in English.
func (f Formatter) Bytes(n int) string {
	switch {
	case n >= 1<<20:
		return f.Number(float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return f.Number(float64(n)/(1<<10), 0) + " KB"
	}
	return strconv.Itoa(n) + " B"
}

// Number writes n the Vietnamese way: "." between thousands, "," before
// decimals, at most the given number of decimals, trailing zeros dropped:
// 1245 → "1.245", 64.83 → "64,8". Decimals below 0 write n exactly, with
// the fewest digits that read back as n.
func Number(n float64, decimals int) string { return number(n, decimals, '.', ',') }

func number(n float64, decimals int, thousands, point byte) string {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return "–"
	}
	// Round halves away from zero, as Round does for charts and
	// downloads, so that a page and its chart show the same figure.
	s := strconv.FormatFloat(Round(n, decimals), 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if neg && (strings.Trim(whole, "0") != "" || frac != "") {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(point)
		b.WriteString(frac)
	}
	return b.String()
}

// Round rounds x to the given number of decimals, halves away from zero;
// decimals below 0 leave x as it is.
func Round(x float64, decimals int) float64 {
	if decimals < 0 {
		return x
	}
	p := math.Pow10(decimals)
	r := math.Round(x*p) / p
	if math.IsInf(x*p, 0) {
		return x // too large to have decimals
	}
	return r
}

// maxDecimals bounds the decimals SideDecimals and ExactDecimals try; past
// it a figure is written exactly.
const maxDecimals = 12

// SideDecimals returns the fewest decimals, min or more, at which v rounds
// to a figure on the same side of threshold as v itself under c: 99.995
// against 100 needs 3, so that a target that failed never shows "100%",
// and 70.04 against 70.01 needs 2, so that one that was met never shows
// less than its threshold. Every figure a status depends on is written with
// it: on pages, in charts and in downloads.
func SideDecimals(v, threshold float64, c model.Compare, min int) int {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.IsNaN(threshold) {
		return min
	}
	want := c.Reached(v, threshold)
	for d := min; d <= maxDecimals; d++ {
		if c.Reached(Round(v, d), threshold) == want {
			return d
		}
	}
	return -1
}

// ExactDecimals returns the fewest decimals, min or more, that write v
// exactly: a threshold is shown as the plan states it, not rounded.
func ExactDecimals(v float64, min int) int {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return min
	}
	for d := min; d <= maxDecimals; d++ {
		if Round(v, d) == v {
			return d
		}
	}
	return -1
}

// Percent writes a percentage with one decimal at most: "64,8%".
func Percent(n float64) string { return Number(n, 1) + "%" }

// Date writes a date as dd/mm/yyyy.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// MoreDecimals returns the larger of two decimal counts, where -1 (exact)
// is the largest.
func MoreDecimals(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return max(a, b)
}

// Month writes a month as mm/yyyy, and the zero month as "".
func Month(m model.Month) string {
	if m.IsZero() {
		return ""
	}
	b := make([]byte, 0, 7)
	if m.Mon < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(m.Mon), 10)
	b = append(b, '/')
	return string(strconv.AppendInt(b, int64(m.Year), 10))
}

// ISODate writes a date as yyyy-mm-dd, for downloads, and the zero date
// as "".
func ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Bytes writes a file size: 12 KB, 1,5 MB.
func Bytes(n int) string {
	switch {
	case n >= 1<<20:
		return Number(float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return Number(float64(n)/(1<<10), 0) + " KB"
	}
	return strconv.Itoa(n) + " B"
}

// Capital writes the first letter of s in upper case: "huyện, thành phố" →
// "Huyện, thành phố".
func Capital(s string) string {
	// A text shown in the default language in place of a translation is
	// marked (see package view): capitalize what follows the mark.
	if rest, ok := strings.CutPrefix(s, FallbackOpen); ok {
		return FallbackOpen + Capital(rest)
	}
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// FallbackOpen and FallbackClose enclose a text of the data shown in the
// default language on a page of another, because it has no translation.
// They are characters of Unicode's private use area, which no text of the
// data means to show; package render turns them into an element with the
// default language's lang attribute, or removes them where markup cannot
// go (attributes, titles, scripts).
const (
	FallbackOpen  = "\uE000"
	FallbackClose = "\uE001"
)

// Unmark removes the marks of texts shown in the default language from s,
// where there is no markup to mark a text's language (the feed, the search
// index).
func Unmark(s string) string {
	if !strings.Contains(s, FallbackOpen) {
		return s
	}
	return strings.NewReplacer(FallbackOpen, "", FallbackClose, "").Replace(s)
}

// One reports whether n takes the singular, the plural form "one", in the
// language tag lang, by the cardinal plural rules of the Unicode CLDR
// (golang.org/x/text/feature/plural): in English only n == 1 exactly, a
// whole number; in Vietnamese never, since it has no plural forms; a tag
// the rules do not know takes "other", never "one". Texts with a variant
// for "one" (a strings key KEY.one, a target's unit_one) use it then.
func One(lang string, n float64) bool {
	if n != math.Trunc(n) || n < 0 || n > math.MaxInt32 || lang == "" {
		return false
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	return plural.Cardinal.MatchPlural(tag, int(n), 0, 0, 0, 0) == plural.One
}

package render

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/model"
)

// formatNumber writes n the Vietnamese way: "." between thousands, "," before
// decimals, at most the given number of decimals, trailing zeros dropped:
// 1245 → "1.245", 64.83 → "64,8". Decimals below 0 write n exactly, with
// the fewest digits that read back as n.
func formatNumber(n float64, decimals int) string {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return "–"
	}
	// Round halves away from zero, as roundTo does for charts and
	// downloads, so that a page and its chart show the same figure.
	s := strconv.FormatFloat(roundTo(n, decimals), 'f', decimals, 64)
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
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// roundTo rounds x to the given number of decimals, halves away from zero;
// decimals below 0 leave x as it is.
func roundTo(x float64, decimals int) float64 {
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

// maxDecimals bounds the decimals sideDecimals and exactDecimals try; past
// it a figure is written exactly.
const maxDecimals = 12

// sideDecimals returns the fewest decimals, min or more, at which v rounds
// to a figure on the same side of threshold as v itself under c: 99.995
// against 100 needs 3, so that a target that failed never shows "100%",
// and 70.04 against 70.01 needs 2, so that one that was met never shows
// less than its threshold. Every figure a status depends on is written with
// it: on pages, in charts and in downloads.
func sideDecimals(v, threshold float64, c model.Compare, min int) int {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.IsNaN(threshold) {
		return min
	}
	want := c.Reached(v, threshold)
	for d := min; d <= maxDecimals; d++ {
		if c.Reached(roundTo(v, d), threshold) == want {
			return d
		}
	}
	return -1
}

// exactDecimals returns the fewest decimals, min or more, that write v
// exactly: a threshold is shown as the plan states it, not rounded.
func exactDecimals(v float64, min int) int {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return min
	}
	for d := min; d <= maxDecimals; d++ {
		if roundTo(v, d) == v {
			return d
		}
	}
	return -1
}

// formatPercent writes a percentage with one decimal at most: "64,8%".
func formatPercent(n float64) string { return formatNumber(n, 1) + "%" }

// formatDate writes a date as dd/mm/yyyy.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

package render

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// formatNumber writes n the Vietnamese way: "." between thousands, "," before
// decimals, at most the given number of decimals, trailing zeros dropped:
// 1245 → "1.245", 64.83 → "64,8".
func formatNumber(n float64, decimals int) string {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return "–"
	}
	// Round halves away from zero, as round1 does for charts and downloads,
	// so that a page and its chart show the same figure.
	p := math.Pow10(decimals)
	s := strconv.FormatFloat(math.Round(n*p)/p, 'f', decimals, 64)
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

// formatPercent writes a percentage with one decimal at most: "64,8%".
func formatPercent(n float64) string { return formatNumber(n, 1) + "%" }

// formatDate writes a date as dd/mm/yyyy.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

package render

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		name     string
		n        float64
		decimals int
		want     string
	}{
		{"thousands", 1245, 0, "1.245"},
		{"millions", 1234567, 0, "1.234.567"},
		{"millions with decimals", 1234567.25, 2, "1.234.567,25"},
		{"below a thousand", 999, 0, "999"},
		{"exactly a thousand", 1000, 1, "1.000"},
		{"one decimal", 64.8276, 1, "64,8"},
		{"rounds up", 64.86, 1, "64,9"},
		{"rounding carries into thousands", 999.95, 1, "1.000"},
		{"trailing zero dropped", 100, 1, "100"},
		{"whole number without decimals", 100, 0, "100"},
		{"zero", 0, 1, "0"},
		// 0.05 is stored as 0.05000000000000000277, so it rounds up.
		{"small rounds up", 0.05, 1, "0,1"},
		{"small rounds to zero", 0.04, 1, "0"},
		{"small with no decimals", 0.05, 0, "0"},
		{"negative", -1245.5, 1, "-1.245,5"},
		{"negative millions", -1234567, 0, "-1.234.567"},
		{"negative small", -0.05, 1, "-0,1"},
		{"negative rounding to zero has no sign", -0.04, 1, "0"},
		{"negative zero has no sign", math.Copysign(0, -1), 1, "0"},
		{"NaN", math.NaN(), 1, "–"},
		{"infinity", math.Inf(1), 1, "–"},
		{"minus infinity", math.Inf(-1), 0, "–"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatNumber(tt.n, tt.decimals); got != tt.want {
				t.Errorf("formatNumber(%v, %d) = %q, want %q", tt.n, tt.decimals, got, tt.want)
			}
		})
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		n    float64
		want string
	}{
		{64.8276, "64,8%"},
		{100, "100%"},
		{0, "0%"},
		{60, "60%"},
		{33.3333, "33,3%"},
		{66.6667, "66,7%"},
		{1234.5, "1.234,5%"},
		{-12.34, "-12,3%"},
	}
	for _, tt := range tests {
		t.Run(formatNumber(tt.n, 4), func(t *testing.T) {
			if got := formatPercent(tt.n); got != tt.want {
				t.Errorf("formatPercent(%v) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	hanoi := time.FixedZone("ICT", 7*60*60)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"zero padded", time.Date(2020, 2, 3, 0, 0, 0, 0, time.UTC), "03/02/2020"},
		{"two-digit day and month", time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), "31/12/2024"},
		{"time of day ignored", time.Date(2020, 1, 1, 23, 59, 0, 0, time.UTC), "01/01/2020"},
		{"date in its own zone", time.Date(2020, 1, 1, 1, 0, 0, 0, hanoi), "01/01/2020"},
		{"zero time", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatDate(tt.t); got != tt.want {
				t.Errorf("formatDate(%v) = %q, want %q", tt.t, got, tt.want)
			}
		})
	}
}

// TestFormatMatchesChartRounding checks that a page shows the value its
// chart and its downloads hold: both round to one decimal.
func TestFormatMatchesChartRounding(t *testing.T) {
	for _, v := range []float64{64.8276, 66.6667, 0.05, 2.45, 99.95, 6.25, 12.25, 0.25} {
		t.Run(formatNumber(v, 4), func(t *testing.T) {
			want := strings.Replace(strconv.FormatFloat(round1(v), 'f', -1, 64), ".", ",", 1)
			if got := formatNumber(v, 1); got != want {
				t.Errorf("formatNumber(%v, 1) = %q, chart value %v", v, got, round1(v))
			}
		})
	}
}

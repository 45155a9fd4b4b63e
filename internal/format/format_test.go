package format

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	_ "github.com/minhbach/minhbach/internal/sitetest" // the -update flag of go test ./...
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
			if got := Number(tt.n, tt.decimals); got != tt.want {
				t.Errorf("Number(%v, %d) = %q, want %q", tt.n, tt.decimals, got, tt.want)
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
		t.Run(Number(tt.n, 4), func(t *testing.T) {
			if got := Percent(tt.n); got != tt.want {
				t.Errorf("Percent(%v) = %q, want %q", tt.n, got, tt.want)
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
			if got := Date(tt.t); got != tt.want {
				t.Errorf("Date(%v) = %q, want %q", tt.t, got, tt.want)
			}
		})
	}
}

// TestFormatMatchesChartRounding checks that a page shows the value its
// chart and its downloads hold: both round to one decimal.
func TestFormatMatchesChartRounding(t *testing.T) {
	for _, v := range []float64{64.8276, 66.6667, 0.05, 2.45, 99.95, 6.25, 12.25, 0.25} {
		t.Run(Number(v, 4), func(t *testing.T) {
			want := strings.Replace(strconv.FormatFloat(Round(v, 1), 'f', -1, 64), ".", ",", 1)
			if got := Number(v, 1); got != want {
				t.Errorf("Number(%v, 1) = %q, chart value %v", v, got, Round(v, 1))
			}
		})
	}
}

// TestSideDecimals checks that a figure is written with enough decimals to
// stay on the side of the threshold it is on: 99,995% never reads "100%"
// against a 100% target it failed.
func TestSideDecimals(t *testing.T) {
	tests := []struct {
		name         string
		v, threshold float64
		c            model.Compare
		min          int
		want         string // the figure written with the decimals found
	}{
		{"19,999 of 20,000 against 100", 100 * 19999.0 / 20000, 100, model.AtLeast, 1, "99,995"},
		{"99.995 against 100", 99.995, 100, model.AtLeast, 1, "99,995"},
		{"99.9999 against 100", 99.9999, 100, model.AtLeast, 1, "99,9999"},
		{"69.99 against 70", 69.99, 70, model.AtLeast, 1, "69,99"},
		{"69.96 against 70", 69.96, 70, model.AtLeast, 1, "69,96"},
		{"69.94 against 70: one decimal is enough", 69.94, 70, model.AtLeast, 1, "69,9"},
		{"met exactly", 70, 70, model.AtLeast, 1, "70"},
		{"met, rounds down below", 70.04, 70.01, model.AtLeast, 1, "70,04"},
		{"met, one decimal is enough", 70.06, 70, model.AtLeast, 1, "70,1"},
		{"far below", 12.3456, 70, model.AtLeast, 1, "12,3"},
		{"far below with no decimals", 12.3456, 70, model.AtLeast, 0, "12"},
		{"more than: 70.0001 passes 70", 70.0001, 70, model.MoreThan, 1, "70,0001"},
		{"more than: 70 does not pass 70", 70, 70, model.MoreThan, 1, "70"},
		{"more than: 69.96 does not pass 70", 69.96, 70, model.MoreThan, 1, "70"},
		{"at most: 5.04 exceeds 5", 5.04, 5, model.AtMost, 1, "5,04"},
		{"at most: 4.96 stays within 5", 4.96, 5, model.AtMost, 1, "5"},
		{"at most: 5 is within 5", 5, 5, model.AtMost, 1, "5"},
		{"less than: 4.96 stays below 5", 4.96, 5, model.LessThan, 1, "4,96"},
		{"less than: 5.04 is not below 5", 5.04, 5, model.LessThan, 1, "5"},
		{"less than: 0.004 below 0.01", 0.004, 0.01, model.LessThan, 1, "0"},
		{"a pace shown against a value: 8.333 above 8.3", 100.0 / 12, 8.3, model.MoreThan, 1, "8,33"},
		{"tiny gap beyond the decimals bound", 70 - 1e-13, 70, model.AtLeast, 1, "69,9999999999999"},
		{"negative", -0.04, 0, model.AtLeast, 1, "-0,04"},
		{"zero threshold met", 0, 0, model.AtLeast, 1, "0"},
		{"NaN", math.NaN(), 70, model.AtLeast, 1, "–"},
		{"NaN threshold", 69.99, math.NaN(), model.AtLeast, 1, "70"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := SideDecimals(tt.v, tt.threshold, tt.c, tt.min)
			got := Number(tt.v, d)
			if got != tt.want {
				t.Errorf("SideDecimals(%v, %v) = %d: %q, want %q", tt.v, tt.threshold, d, got, tt.want)
			}
			// Whatever the case, the figure read back is on the same side.
			shown, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(got, ".", ""), ",", "."), 64)
			if err == nil && !math.IsNaN(tt.threshold) && tt.c.Reached(shown, tt.threshold) != tt.c.Reached(tt.v, tt.threshold) {
				t.Errorf("%q is on the other side of %v from %v", got, tt.threshold, tt.v)
			}
		})
	}
}

// TestExactDecimals checks that a threshold is written as it is, not rounded.
func TestExactDecimals(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{100, "100"},
		{66.67, "66,67"},
		{2.5, "2,5"},
		{99.995, "99,995"},
		{1.0 / 3, "0,3333333333333333"},
	}
	for _, tt := range tests {
		if got := Number(tt.v, ExactDecimals(tt.v, 1)); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestMonth checks months as mm/yyyy, and the zero month as nothing.
func TestMonth(t *testing.T) {
	tests := []struct {
		m    model.Month
		want string
	}{
		{model.Month{Year: 2017, Mon: time.March}, "03/2017"},
		{model.Month{Year: 2026, Mon: time.December}, "12/2026"},
		{model.Month{Year: 999, Mon: time.January}, "01/999"},
		{model.Month{}, ""},
	}
	for _, tt := range tests {
		if got := Month(tt.m); got != tt.want {
			t.Errorf("Month(%v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestFormatterLanguages(t *testing.T) {
	march3 := time.Date(2017, 3, 3, 0, 0, 0, 0, time.UTC)
	march := model.Month{Year: 2017, Mon: time.March}
	for _, tt := range []struct {
		lang                        string
		number, neg, pct, date, mon string
		bytes                       string
	}{
		{"vi", "1.245,5", "-1.234.567", "64,8%", "03/03/2017", "03/2017", "1,5 MB"},
		{"en", "1,245.5", "-1,234,567", "64.8%", "3 March 2017", "Mar 2017", "1.5 MB"},
		{"en-GB", "1,245.5", "-1,234,567", "64.8%", "3 March 2017", "Mar 2017", "1.5 MB"},
		{"fr", "1.245,5", "-1.234.567", "64,8%", "03/03/2017", "03/2017", "1,5 MB"}, // unknown: the Vietnamese forms
	} {
		f := For(tt.lang)
		got := []string{f.Number(1245.5, 1), f.Number(-1234567, 0), f.Percent(64.83), f.Date(march3), f.Month(march), f.Bytes(3 << 19)}
		want := []string{tt.number, tt.neg, tt.pct, tt.date, tt.mon, tt.bytes}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", tt.lang, got, want)
		}
		if f.Date(time.Time{}) != "" || f.Month(model.Month{}) != "" {
			t.Errorf("%s: the zero date or month is not empty", tt.lang)
		}
	}
	if got := Capital(FallbackOpen + "xã" + FallbackClose); got != FallbackOpen+"Xã"+FallbackClose {
		t.Errorf("Capital of a marked text: %q", got)
	}
}

func TestOne(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    float64
		want bool
	}{
		{"en", 1, true}, {"en-GB", 1, true}, {"en", 2, false}, {"en", 0, false},
		{"en", 1.5, false}, {"en", 21, false}, {"vi", 1, false}, {"vi", 2, false},
		{"fr", 0, true}, {"", 1, false}, {"xx-??", 1, false},
	} {
		if got := One(c.lang, c.n); got != c.want {
			t.Errorf("One(%q, %v) = %v, want %v", c.lang, c.n, got, c.want)
		}
	}
}

package opendata

import (
	"math"
	"testing"

	_ "github.com/minhbach/minhbach/internal/sitetest" // the -update flag of go test ./...
)

// TestAppendJSONCellMatchesEncoding checks the fast JSON writer of download
// cells against encoding/json, which it must match byte for byte.
func TestAppendJSONCellMatchesEncoding(t *testing.T) {
	cells := []any{
		nil, true, false, 0, -5, 123456789,
		0.0, math.Copysign(0, -1), 1.5, -2.25, 64.8, 1e-6, 9.99e-7, 1e20, 1e21, 123456789012345678901234.0, 1.0 / 3,
		"", "Hội nghị", `a "quoted" \\ path`, "line\nbreak", "tab\there", "<b>&amp;</b>", "\u2028sep\u2029", "bad \xff utf-8", "\ufffd", "=1+1",
	}
	for _, c := range cells {
		got := string(appendJSONCell(nil, c))
		want := string(jsonValue(c))
		if c == nil {
			want = "null"
		}
		if got != want {
			t.Errorf("appendJSONCell(%#v) = %s, want %s", c, got, want)
		}
	}
}

func FuzzAppendJSONCell(f *testing.F) {
	f.Add("Hội nghị", 64.8)
	f.Fuzz(func(t *testing.T, s string, x float64) {
		for _, c := range []any{s, x} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				continue
			}
			if got, want := string(appendJSONCell(nil, c)), string(jsonValue(c)); got != want {
				t.Errorf("appendJSONCell(%#v) = %s, want %s", c, got, want)
			}
		}
	})
}

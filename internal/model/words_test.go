package model_test

import (
	"testing"

	"github.com/minhbach/minhbach/internal/model"
	_ "github.com/minhbach/minhbach/internal/sitetest"
)

// TestLocale checks the Open Graph locale of a site's language.
func TestLocale(t *testing.T) {
	tests := []struct{ language, want string }{
		{"vi", "vi_VN"},
		{"en", "en_US"},
		{"en-GB", "en_GB"},
		{"fr", "fr_FR"},
		{"zh-Hant", "zh_TW"},
		{"km", "km_KH"},
		{"not a language", "not a language"},
	}
	for _, tt := range tests {
		c := model.Config{Language: tt.language}
		if got := c.Locale(); got != tt.want {
			t.Errorf("Locale of %q = %q, want %q", tt.language, got, tt.want)
		}
	}
}

// TestPaceExample checks the worked example of pace of the about page over
// periods of several lengths.
func TestPaceExample(t *testing.T) {
	tests := []struct {
		start, end string
		halfway    int
		pace       float64 // of a threshold of 75
	}{
		{"2017-01", "2017-12", 6, 37.5},
		{"2026-01", "2026-06", 3, 37.5},
		{"2025-07", "2025-11", 2, 30},
		{"2025-07", "2025-07", 1, 75},
		{"2016-01", "2025-12", 60, 37.5},
	}
	for _, tt := range tests {
		start, _ := model.ParseMonth(tt.start)
		end, _ := model.ParseMonth(tt.end)
		p := model.Plan{Start: start, End: end}
		k := p.Halfway()
		if k != tt.halfway {
			t.Errorf("%s to %s: half-way at month %d, want %d", tt.start, tt.end, k, tt.halfway)
		}
		if got := p.Pace(75, k); got != tt.pace {
			t.Errorf("%s to %s: pace %v, want %v", tt.start, tt.end, got, tt.pace)
		}
	}
}

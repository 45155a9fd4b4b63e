package view

import (
	"testing"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	_ "github.com/minhbach/minhbach/internal/sitetest" // the -update flag of go test ./...
)

// TestRubricTotalKeepsGrade checks that a total just short of a grade's
// minimum is not written as the minimum.
func TestRubricTotalKeepsGrade(t *testing.T) {
	v := &List{Rubric: &model.Rubric{Grades: []model.Grade{{Name: "a", Min: 80}, {Name: "b", Min: 50}}}}
	tests := []struct {
		total float64
		want  string
	}{
		{79.96, "79,96"},
		{49.999, "49,999"},
		{80, "80"},
		{64.83, "64,8"},
	}
	for _, tt := range tests {
		if got := v.Total(&progress.Entry{Total: tt.total}); got != tt.want {
			t.Errorf("Total(%v) = %q, want %q", tt.total, got, tt.want)
		}
	}
}

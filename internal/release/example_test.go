package release_test

import (
	"fmt"

	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
)

// A figure is written as check writes it: value (num/den), status.
func ExampleFigure_String() {
	first := release.Figure{Target: "vu-viec", Status: progress.AtRisk, Value: 50, HasValue: true, Num: 1, Den: 2}
	now := release.Figure{Target: "vu-viec", Status: progress.Met, Value: 100, HasValue: true, Num: 2, Den: 2}
	fmt.Println(first)
	fmt.Println(now)
	fmt.Println(first.Equal(now))
	fmt.Println(release.Figure{Target: "bao-chi", Status: progress.NotMet, Value: 0, HasValue: true})
	// Output:
	// 50 (1/2), at_risk
	// 100 (2/2), met
	// false
	// 0, not_met
}

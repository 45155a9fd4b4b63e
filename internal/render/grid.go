package render

import "github.com/minhbach/minhbach/internal/model"

// GridYear is one calendar year of a target's month grid.
type GridYear struct {
	Year     int
	Target   *model.Target
	Months   []*MonthRow
	Reported int  // months with a report
	Open     bool // the year of the latest report, or the first year if none: shown unfolded
}

// gridMonths is the longest period whose month grid is one list of
// cells; a longer one is laid out a year to a row, so that a five-year
// programme reads as five rows rather than sixty cells in one flow.
const gridMonths = 12

// Years splits the target's months by calendar year when the period is
// longer than a year, and returns nil otherwise. Only the year of the
// latest report is unfolded.
func (v *TargetView) Years() []*GridYear {
	if len(v.Months) <= gridMonths {
		return nil
	}
	var out []*GridYear
	for _, m := range v.Months {
		if len(out) == 0 || out[len(out)-1].Year != m.Month.Month.Year {
			out = append(out, &GridYear{Year: m.Month.Month.Year, Target: v.Target})
		}
		y := out[len(out)-1]
		y.Months = append(y.Months, m)
		if m.Report {
			y.Reported++
		}
	}
	open := out[0]
	if v.Latest != nil {
		for _, y := range out {
			if y.Year == v.Latest.Month.Year {
				open = y
			}
		}
	}
	open.Open = true
	return out
}

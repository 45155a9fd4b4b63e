package view

import (
	"strconv"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// GridYear is one calendar year of a target's grid: its months, or its
// quarters, with how many of them met the target, missed it and had no
// report, as progress decided them. The year's heading says these counts
// (layouts/strings.toml: grid.year.*), so that a folded year still tells
// how it went.
type GridYear struct {
	Year    int
	Target  *model.Target
	Months  []*Month      // a grid of months
	Periods []*PeriodCell // a grid of quarters
	// Cells counts the year's months or quarters in the plan period; Met,
	// Missed and Unreported those met, missed and without a report (a
	// quarter under way or ended with a month unreported is none of them).
	Cells, Met, Missed, Unreported int
	Reported                       int  // months with a report
	Open                           bool // the year of the latest report, or the first year if none: shown unfolded
}

// gridMonths is the longest period whose month grid is one list of
// cells; a longer one is laid out a year to a row, so that a five-year
// programme reads as five rows rather than sixty cells in one flow.
const gridMonths = 12

// Years splits the target's months by calendar year when the period is
// longer than a year, and returns nil otherwise. Only the year of the
// latest report is unfolded.
func (v *Target) Years() []*GridYear {
	if len(v.Months) <= gridMonths || v.Periods != nil {
		return nil
	}
	var out []*GridYear
	for _, m := range v.Months {
		if len(out) == 0 || out[len(out)-1].Year != m.Month.Month.Year {
			out = append(out, &GridYear{Year: m.Month.Month.Year, Target: v.Target})
		}
		y := out[len(out)-1]
		y.Months = append(y.Months, m)
		y.Cells++
		switch {
		case !m.Report:
			y.Unreported++
		case m.Reached:
			y.Reported++
			y.Met++
		default:
			y.Reported++
			y.Missed++
		}
	}
	v.openYear(out)
	return out
}

// PeriodYears splits the quarters of a quarterly target by calendar year
// when there are more than four, and returns nil otherwise.
func (v *Target) PeriodYears() []*GridYear {
	if v.Target.Every != model.EveryQuarter || len(v.Periods) <= 4 {
		return nil
	}
	var out []*GridYear
	for _, p := range v.Periods {
		year := p.months[0].Year
		if len(out) == 0 || out[len(out)-1].Year != year {
			out = append(out, &GridYear{Year: year, Target: v.Target})
		}
		y := out[len(out)-1]
		y.Periods = append(y.Periods, p)
		y.Cells++
		switch p.State {
		case progress.PeriodMet:
			y.Met++
		case progress.PeriodMissed:
			y.Missed++
		case progress.PeriodNone:
			y.Unreported++
		}
		if p.Reported {
			y.Reported++
		}
	}
	v.openYear(out)
	return out
}

// openYear unfolds the year of the latest report, or the first year if
// there is none.
func (v *Target) openYear(years []*GridYear) {
	open := years[0]
	if v.Latest != nil {
		for _, y := range years {
			if y.Year == v.Latest.Month.Year {
				open = y
			}
		}
	}
	open.Open = true
}

// PeriodCell is one period (quarter or year) of a periodic target's grid,
// chart, data table and record list.
type PeriodCell struct {
	Label string // from layouts/strings.toml: "Q1/2026", "2026"
	ID    string // the anchor of its records on the target page: "ky-2026-q1"
	// State is "met", "missed", "running" (under way, not yet decided),
	// "incomplete" (ended undecided with a month unreported) or "none"
	// (no report in it): see progress.PeriodState.
	State progress.PeriodState
	Value string // the period's records so far, formatted
	Unit  string // the target's unit for Value: its unit_one for 1 in English
	// Reported is true if a month of the period has a report; Table
	// then holds the period's records (nil if none), month by month.
	Reported bool
	Table    *RecordTable
	// Revision is set if a figure of a month in the period was corrected
	// after its release: the latest such month's, whose note gives the
	// period's figure first published and now.
	Revision *Revision
	last     *Month        // the period's last reported month, for the chart
	months   []model.Month // the months of the period
}

// periods labels and formats the periods progress decided, for the grid,
// chart, data table and record lists of a target whose periods are
// quarters or years.
func (s *Site) periods(v *Target) []*PeriodCell {
	t := v.Target
	row := make(map[*progress.Month]*Month, len(v.Months))
	for _, m := range v.Months {
		row[m.Month] = m
	}
	var out []*PeriodCell
	for _, p := range v.Result.Periods {
		first := p.Months[0].Month
		c := &PeriodCell{Label: s.periodLabel(t.Every, first), ID: "ky-" + strconv.Itoa(first.Year), State: p.State}
		for _, m := range p.Months {
			c.months = append(c.months, m.Month)
		}
		if t.Every == model.EveryQuarter {
			c.ID += "-q" + strconv.Itoa((int(first.Mon)-1)/3+1)
		}
		if p.Last != nil {
			var recs []*model.Record
			for _, m := range p.Months {
				if rep := s.report[m.Month]; m.Reported && rep != nil {
					recs = append(recs, t.Records(rep.Records[t.Kind.ID])...)
				}
			}
			c.last = row[p.Last]
			c.Value, c.Unit, c.Reported = c.last.Value, c.last.Unit, true
			c.Table = s.recordTable(t.Kind, recs, true, true)
		}
		out = append(out, c)
	}
	return out
}

// periodLabel names the quarter or year of month m, from
// layouts/strings.toml: "Q1/2026", "2026".
func (s *Site) periodLabel(e model.Every, m model.Month) string {
	return s.Sentence("grid."+string(e), map[string]string{"year": strconv.Itoa(m.Year), "quarter": strconv.Itoa((int(m.Mon)-1)/3 + 1)})
}

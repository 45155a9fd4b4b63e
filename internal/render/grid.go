package render

import (
	"strconv"

	"github.com/minhbach/minhbach/internal/model"
)

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

// PeriodCell is one period (quarter or year) of a periodic target's grid,
// chart, data table and record list.
type PeriodCell struct {
	Label string // from layouts/strings.toml: "Q1/2026", "2026"
	ID    string // the anchor of its records on the target page: "ky-2026-q1"
	// State is "met", "missed", "running" (under way, not yet decided),
	// "incomplete" (ended undecided with a month unreported) or "none"
	// (no report in it).
	State string
	Value string // the period's records so far, formatted
	// Reported is true if a month of the period has a report; Table
	// then holds the period's records (nil if none), month by month.
	Reported bool
	Table    *RecordTable
	last     *MonthRow // the period's last reported month, for the chart
}

// periods returns the cells of a periodic target's grid: one per period
// of Every, cut to the plan period.
func (r *renderer) periods(v *TargetView) []*PeriodCell {
	t := v.Target
	var out []*PeriodCell
	for i := 0; i < len(v.Months); {
		key := t.Every.Key(v.Months[i].Month.Month)
		j := i
		for j < len(v.Months) && t.Every.Key(v.Months[j].Month.Month) == key {
			j++
		}
		out = append(out, r.period(v, v.Months[i:j]))
		i = j
	}
	return out
}

// period returns the cell of the period of months rows.
func (r *renderer) period(v *TargetView, rows []*MonthRow) *PeriodCell {
	t := v.Target
	first := rows[0].Month.Month
	c := &PeriodCell{Label: r.periodLabel(t.Every, first), ID: "ky-" + strconv.Itoa(first.Year), State: "none"}
	if t.Every == model.EveryQuarter {
		c.ID += "-q" + strconv.Itoa((int(first.Mon)-1)/3+1)
	}
	var last *MonthRow // the last reported month of the period
	var recs []*model.Record
	complete := true
	for _, m := range rows {
		if m.Report {
			last = m
			if rep := r.report[m.Month.Month]; rep != nil {
				recs = append(recs, t.Records(rep.Records[t.Kind.ID])...)
			}
		} else {
			complete = false
		}
	}
	if last == nil {
		return c
	}
	c.Value, c.Reported, c.last = last.Value, true, last
	c.Table = r.recordTable(t.Kind, recs, true, true)
	reached := t.Compare.Reached(last.Num, t.Threshold)
	ended := complete || v.Latest != nil && rows[len(rows)-1].Month.Month.Before(v.Latest.Month)
	switch {
	case reached != t.Compare.Ceiling():
		// A floor reached, or a ceiling exceeded, is decided at once.
		c.State = map[bool]string{false: "met", true: "missed"}[t.Compare.Ceiling()]
	case !ended:
		c.State = "running"
	case !complete:
		c.State = "incomplete"
	case reached:
		c.State = "met"
	default:
		c.State = "missed"
	}
	return c
}

// periodLabel names the quarter or year of month m, from
// layouts/strings.toml: "Q1/2026", "2026".
func (r *renderer) periodLabel(e model.Every, m model.Month) string {
	return r.sentence("grid."+string(e), map[string]string{"year": strconv.Itoa(m.Year), "quarter": strconv.Itoa((int(m.Mon)-1)/3 + 1)})
}

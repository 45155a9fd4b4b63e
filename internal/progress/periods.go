package progress

import "github.com/minhbach/minhbach/internal/model"

// PeriodState is where one period of a periodic target's grid stands.
type PeriodState string

// The states of a period.
const (
	PeriodMet     PeriodState = "met"
	PeriodMissed  PeriodState = "missed"
	PeriodRunning PeriodState = "running" // under way, not yet decided
	// PeriodIncomplete is a period that ended undecided with a month
	// unreported.
	PeriodIncomplete PeriodState = "incomplete"
	PeriodNone       PeriodState = "none" // no report in it
)

// Period is one period (quarter or year, cut to the plan period) of a
// periodic target, as of the latest report.
type Period struct {
	Months []*Month // its months
	Last   *Month   // its last reported month, whose Num is the period's records; nil if none
	State  PeriodState
}

// periods cuts a periodic target's months into its periods and decides
// each one as of latest, the month the target is reported as of (nil if
// none). A floor reached or a ceiling exceeded is decided at once; an
// ended period is met or missed, or incomplete if a month of it has no
// report; a period that has not ended runs.
func periods(t *model.Target, months []*Month, latest *Month) []*Period {
	var out []*Period
	for i := 0; i < len(months); {
		key := t.Every.Key(months[i].Month)
		j := i
		for j < len(months) && t.Every.Key(months[j].Month) == key {
			j++
		}
		out = append(out, period(t, months[i:j], latest))
		i = j
	}
	return out
}

func period(t *model.Target, months []*Month, latest *Month) *Period {
	p := &Period{Months: months, State: PeriodNone}
	complete := true
	for _, m := range months {
		if m.Reported {
			p.Last = m
		} else {
			complete = false
		}
	}
	if p.Last == nil {
		return p
	}
	reached := t.Compare.Reached(p.Last.Num, t.Threshold)
	ended := complete || latest != nil && months[len(months)-1].Month.Before(latest.Month)
	switch {
	case reached != t.Compare.Ceiling():
		// A floor reached, or a ceiling exceeded, is decided at once.
		p.State = PeriodMet
		if t.Compare.Ceiling() {
			p.State = PeriodMissed
		}
	case !ended:
		p.State = PeriodRunning
	case !complete:
		p.State = PeriodIncomplete
	case reached:
		p.State = PeriodMet
	default:
		p.State = PeriodMissed
	}
	return p
}

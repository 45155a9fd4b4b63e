package load

import "github.com/minhbach/minhbach/internal/model"

// crossCheck finds problems that only show across files: a list change that
// contradicts the list, a ratio whose parts contradict each other.
func (l *loader) crossCheck(s *model.Site) {
	l.checkLists(s)
	l.checkRatios(s)
}

// checkLists replays every list's changes month by month: a unit added must
// not hold the status already, a unit removed must hold it, and a unit
// changes at most once per report.
func (l *loader) checkLists(s *model.Site) {
	for _, list := range s.Lists {
		on := map[string]bool{}
		for _, m := range list.Members {
			on[m.Unit.Code] = true
			if !m.Since.IsZero() && !model.MonthOf(m.Since).Before(s.Config.Plan.Start) && !s.Config.Plan.Start.IsZero() {
				l.errs.Add(m.Pos.Path, m.Pos.Line, m.Pos.Col, "%s joined on %s, after the period starts (%s): list it as a list change in that month's report instead",
					m.Unit.FullName(), m.Since.Format("2006-01-02"), s.Config.Plan.Start)
			}
		}
		for _, r := range s.Reports {
			changed := map[string]bool{}
			for _, c := range r.Changes {
				if c.List != list {
					continue
				}
				code := c.Unit.Code
				switch {
				case changed[code]:
					l.errAt(c.Where.Pos(), "%s changes twice on list %q in one report: keep one change", c.Unit.FullName(), list.ID)
				case c.Change == model.Added && on[code]:
					l.errAt(c.Where.Pos(), "%s is already on list %q: it cannot be added again", c.Unit.FullName(), list.ID)
				case c.Change == model.Removed && !on[code]:
					l.errAt(c.Where.Pos(), "%s is not on list %q: it cannot be removed", c.Unit.FullName(), list.ID)
				}
				changed[code] = true
				on[code] = c.Change == model.Added
			}
		}
	}
}

// checkRatios checks, for every ratio target, that its numerator never
// exceeds its denominator from the start of the period: 100% of cases
// detected can be handled, not more.
func (l *loader) checkRatios(s *model.Site) {
	for _, t := range s.Targets {
		if t.Rule != model.Ratio || t.Kind == nil {
			continue
		}
		var num, den float64
		for _, r := range s.Reports {
			for _, rec := range r.Records[t.Kind.ID] {
				num += rec.Values[t.Numerator].Number
				den += rec.Values[t.Denominator].Number
				if num > den {
					l.errAt(rec.Where.Field(t.Numerator), "%s (%s) adds up to %v since the period started, more than the %v of %s (%s): check the figures of this record",
						t.Numerator, t.Kind.Field(t.Numerator).Name, num, den, t.Denominator, t.Kind.Field(t.Denominator).Name)
					num = den // report each excess once
				}
			}
		}
	}
}

// errAt records a problem at a position.
func (l *loader) errAt(p model.Pos, format string, args ...any) {
	l.errs.Add(p.Path, p.Line, p.Col, format, args...)
}

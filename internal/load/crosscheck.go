package load

import (
	"cmp"
	"slices"

	"github.com/minhbach/minhbach/internal/model"
)

// crossCheck finds problems that only show across files: a list change that
// contradicts the list, a ratio whose parts contradict each other.
//
// Draft reports are checked with the published ones, in month order: their
// mistakes are found before they are published.
func (l *loader) crossCheck(s *model.Site) {
	reports := slices.SortedFunc(slices.Values(slices.Concat(s.Reports, s.Drafts.Reports)), func(a, b *model.Report) int {
		return cmp.Compare(a.Month.String(), b.Month.String())
	})
	l.checkLists(s, reports)
	l.checkRatios(s, reports)
	l.checkMinMonths(s)
}

// checkMinMonths finds share targets that ask for records in more months
// than the period has: no unit could ever count.
func (l *loader) checkMinMonths(s *model.Site) {
	n := len(s.Config.Plan.Months())
	if n == 0 {
		return
	}
	for _, t := range s.Targets {
		if t.Rule == model.Share && t.MinMonths > n {
			l.errAt(t.Where.Field("min_months"), "min_months %d is more than the %d months of the period, so no unit could ever count: use at most %d", t.MinMonths, n, n)
		}
	}
}

// checkLists replays every list's changes month by month: a unit added must
// not hold the status already, a unit removed must hold it, and a unit
// changes at most once per report.
func (l *loader) checkLists(s *model.Site, reports []*model.Report) {
	for _, list := range s.Lists {
		on := map[string]bool{}
		for _, m := range list.Members {
			on[m.Unit.Code] = true
			if !m.Since.IsZero() && !model.MonthOf(m.Since).Before(s.Config.Plan.Start) && !s.Config.Plan.Start.IsZero() {
				l.errs.Add(m.Pos.Path, m.Pos.Line, m.Pos.Col, "%s joined on %s, after the period starts (%s): list it as a list change in that month's report instead",
					m.Unit.FullName(), m.Since.Format("2006-01-02"), s.Config.Plan.Start)
			}
		}
		for _, r := range reports {
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

// checkRatios checks, for every ratio target whose numerator is part of its
// denominator (part_of_whole), that the numerator never exceeds the
// denominator from the start of the period: 100% of cases detected can be
// handled, not more. Other ratios may pass 100%.
func (l *loader) checkRatios(s *model.Site, reports []*model.Report) {
	for _, t := range s.Targets {
		if t.Rule != model.Ratio || !t.PartOfWhole || t.Kind == nil {
			continue
		}
		var num, den float64
		for _, r := range reports {
			for _, rec := range t.Records(r.Records[t.Kind.ID]) {
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

// checkTargetLevels finds targets that count units of a level from records
// that name units of a level above it (or beside it): a district's records
// never make one commune count, so the target would stay at 0% all period.
func (l *loader) checkTargetLevels(units *model.Registry, targets []*model.Target) {
	if l.broken.units {
		return
	}
	for _, t := range targets {
		if t.Kind == nil || t.Level == "" || t.Kind.Level == "" || t.Kind.Level == t.Level {
			continue
		}
		want, have := units.Level(t.Level), units.Level(t.Kind.Level)
		if want == nil || have == nil || levelAbove(units, t.Level, t.Kind.Level) {
			continue
		}
		where := "beside"
		if levelAbove(units, t.Kind.Level, t.Level) {
			where = "above"
		}
		l.errAt(t.Where.Field("level"), "kind %q records %s, a level %s the %s this target counts, so no %s would ever count: use records of the %s or of a level below it, or set level = %q",
			t.Kind.ID, have.Name, where, want.Name, want.Name, want.Name, have.ID)
	}
}

// levelAbove reports whether level up is an ancestor of level down.
func levelAbove(units *model.Registry, up, down string) bool {
	lv := units.Level(down)
	for range len(units.Levels) { // bounded: a cycle is reported elsewhere
		if lv == nil || lv.Parent == "" {
			return false
		}
		if lv.Parent == up {
			return true
		}
		lv = units.Level(lv.Parent)
	}
	return false
}

// errAt records a problem at a position.
func (l *loader) errAt(p model.Pos, format string, args ...any) {
	l.errs.Add(p.Path, p.Line, p.Col, format, args...)
}

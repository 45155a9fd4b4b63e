package load

import (
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/report"
)

// crossCheck finds problems that only show across files (see
// report.Check), and share targets that ask for more months than the period
// has.
func (l *loader) crossCheck(s *model.Site) {
	report.Check(s, l.errs)
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

// checkTargetLevels finds targets that count units of a level from records
// that name units of a level above it (or beside it): a district's records
// never make one commune count, so the target would stay at 0% all period.
func (l *loader) checkTargetLevels(units *model.Registry, targets []*model.Target) {
	if l.broken.Units {
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

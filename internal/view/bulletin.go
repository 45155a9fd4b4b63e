package view

import (
	"github.com/minhbach/minhbach/internal/progress"
)

// Bulletin is the print view of a monthly update: what communications
// staff send up the chain each month, on one A4 sheet. Everything in it
// stands as of the update's month, as progress computed it for that month
// (not as of the latest report).
type Bulletin struct {
	*Update
	Targets []*BulletinTarget
	// Summary counts the targets by status in the month, in the order of
	// the statuses (met first); statuses no target has are left out.
	Summary []*StatusCount
}

// BulletinTarget is one target's line of a bulletin.
type BulletinTarget struct {
	*TargetMonth
	Status progress.Status
	Calc   string // the calculation in words, as of the month
}

// StatusCount is how many targets have a status.
type StatusCount struct {
	Status progress.Status
	N      int
}

// statusOrder is the order of the statuses in a bulletin's summary.
var statusOrder = []progress.Status{progress.Met, progress.OnTrack, progress.AtRisk, progress.NotMet, progress.NoData}

// Bulletin returns the print view of update u.
func (s *Site) Bulletin(u *Update) *Bulletin {
	b := &Bulletin{Update: u}
	count := map[progress.Status]int{}
	for _, tm := range u.Statuses {
		bt := &BulletinTarget{TargetMonth: tm, Status: tm.Month.Status}
		if tm.Target.Assessed {
			bt.Calc = s.assessedCalc(tm.Month)
		} else {
			bt.Calc = s.calc(tm.Target.Target, tm.Month)
		}
		b.Targets = append(b.Targets, bt)
		count[bt.Status]++
	}
	for _, st := range statusOrder {
		if count[st] > 0 {
			b.Summary = append(b.Summary, &StatusCount{Status: st, N: count[st]})
		}
	}
	return b
}

// assessedCalc words an assessed target's standing in month m: its latest
// assessment up to m, with its note.
func (s *Site) assessedCalc(m *progress.Month) string {
	args := map[string]string{}
	if m == nil || m.Assessment == nil {
		return s.Sentence("calc.assessed_none", args)
	}
	a := m.Assessment
	args["month"] = s.f.Month(a.Month)
	args["status"] = s.Sentence("status."+a.Status, nil)
	args["note"] = a.Note
	if a.Note != "" {
		return s.Sentence("calc.assessed_note", args)
	}
	return s.Sentence("calc.assessed", args)
}

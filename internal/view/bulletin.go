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
	// Statuses are the statuses in display order, with their words, and
	// Period how many targets stood in each in the month: the row of the
	// plan's summary (see Summary) for the month, and Sentence says it.
	Statuses []*StatusName
	Period   *SummaryPeriod
	Sentence string
	// Chart is the plan's summary chart up to the month, which the
	// page prints without a script; nil if the plan has no target.
	Chart *BulletinChart
}

// BulletinTarget is one target's line of a bulletin.
type BulletinTarget struct {
	*TargetMonth
	Status progress.Status
	Calc   string // the calculation in words, as of the month
}

// Bulletin returns the print view of update u.
func (s *Site) Bulletin(u *Update) *Bulletin {
	b := &Bulletin{Update: u, Statuses: s.statusNames(), Period: &SummaryPeriod{Month: u.Month, Label: s.f.Month(u.Month)}}
	for _, st := range progress.Statuses {
		b.Period.Counts = append(b.Period.Counts, &StatusCount{Status: st})
	}
	for _, tm := range u.Statuses {
		bt := &BulletinTarget{TargetMonth: tm, Status: tm.Month.Status}
		if tm.Target.Assessed {
			bt.Calc = s.assessedCalc(tm.Month)
		} else {
			bt.Calc = s.calc(tm.Target.Target, tm.Month)
		}
		b.Targets = append(b.Targets, bt)
		for _, c := range b.Period.Counts {
			if c.Status == bt.Status {
				c.N++
			}
		}
		b.Period.Total++
	}
	if b.Period.Total > 0 {
		b.Sentence = s.summarySentence(b.Period)
		b.Chart = s.bulletinChart(u.Month, b.Statuses)
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

package view

import (
	"html/template"

	"github.com/minhbach/minhbach/internal/chart"
	"github.com/minhbach/minhbach/internal/model"
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

// BulletinChart is the summary chart of a bulletin: the same figures as
// the home page's chart of targets by status (Summary's periods), up to
// the bulletin's month, drawn as SVG (package chart), which prints
// without a script.
type BulletinChart struct {
	// Periods are its bars, oldest first: the plan's months up to the
	// bulletin's, which is the last and marked, RecentPeriods at most.
	Periods []*SummaryPeriod
	// Label says what it shows: the figure's caption, and with the
	// bulletin's sentence its accessible name.
	Label string
	// CaptionID and SentenceID are the ids the layout gives the caption
	// and the sentence: the SVG is named by them (aria-labelledby).
	CaptionID, SentenceID string
	// Legend are the statuses drawn, in display order, each with the
	// fill of its bars, for the legend's swatches, and its count in the
	// marked month: the legend says the last bar's figures too.
	Legend []*ChartStatus
	SVG    template.HTML
}

// ChartStatus is a status of a chart's legend.
type ChartStatus struct {
	*StatusName
	Fill string // "url(#bchart-met)"
	N    int    // the targets in the status in the marked month
}

// The ids of the bulletin chart's caption and sentence; one chart a page,
// so they are fixed.
const (
	bchartCaptionID  = "tom-tat-bieu-do"
	bchartSentenceID = "tom-tat-cau"
)

// bulletinChart draws the statuses of the months of the plan up to month
// m, the last RecentPeriods of them at most; nil if the plan has no
// target or m is before its start.
func (s *Site) bulletinChart(m model.Month, statuses []*StatusName) *BulletinChart {
	periods := s.periodsTo(m)
	periods = periods[max(0, len(periods)-RecentPeriods):]
	if len(periods) == 0 || periods[0].Total == 0 {
		return nil
	}
	first, last := periods[0], periods[len(periods)-1]
	key := "bulletin.chart"
	if len(periods) == 1 {
		key = "bulletin.chart_single"
	}
	c := &BulletinChart{
		Periods:    periods,
		Label:      s.Sentence(key, map[string]string{"from": first.Label, "to": last.Label}),
		CaptionID:  bchartCaptionID,
		SentenceID: bchartSentenceID,
	}
	draw := &chart.Bulletin{LabelledBy: c.CaptionID + " " + c.SentenceID, Format: s.f}
	for _, st := range statuses {
		for _, p := range periods {
			if p.Count(st.Status) > 0 {
				c.Legend = append(c.Legend, &ChartStatus{StatusName: st, Fill: chart.BulletinFill(st.Status), N: last.Count(st.Status)})
				draw.Statuses = append(draw.Statuses, chart.Status{Status: st.Status, Icon: st.Icon})
				break
			}
		}
	}
	for _, p := range periods {
		bar := chart.Bar{Month: p.Month, Label: p.Label, Total: p.Total, Counts: make(map[progress.Status]int, len(p.Counts))}
		for _, n := range p.Counts {
			bar.Counts[n.Status] = n.N
		}
		draw.Bars = append(draw.Bars, bar)
	}
	c.SVG = draw.SVG()
	return c
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

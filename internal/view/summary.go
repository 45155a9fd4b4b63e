package view

import (
	"math"
	"strconv"
	"strings"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
)

// Summary is the plan at a glance: how many targets stood in each status
// month by month, and every target's latest value against its threshold.
// Every status in it is package progress's; nothing is recomputed here.
type Summary struct {
	Statuses []*StatusName // the statuses in display order, with their words
	// Periods are the months of the plan period from its start to the
	// latest month with a report (none before the first report).
	Periods []*SummaryPeriod
	// Recent are the last RecentPeriods of Periods, which the chart of
	// statuses draws: a ten-year plan's 120 bars would be unreadable.
	Recent []*SummaryPeriod
	// Years groups Periods by calendar year, newest first, for the full
	// table of a long plan; nil when Recent is all of Periods.
	Years  []*SummaryYear
	Latest *SummaryPeriod // the last of Periods; nil before the first report
	// Sentence says the latest period's counts in words, for readers
	// without JavaScript and screen readers.
	Sentence string
	// StatusChart is the stacked bars of Recent; nil without periods.
	StatusChart *Chart
	// Values are the targets' latest values as shares of their
	// thresholds, in target order, assessed targets included (with no
	// share).
	Values         []*SummaryValue
	ValuesSentence string
	// ValueChart is the bars of Values with a share; nil if none has.
	ValueChart *Chart
}

// RecentPeriods is how many periods the chart of statuses draws at most.
const RecentPeriods = 12

// StatusName is a status with its words.
type StatusName struct {
	Status progress.Status
	Label  string // "Đạt"
	Icon   string // "✓": the status is never told by colour alone
}

// SummaryPeriod is how many targets stood in each status in one month.
type SummaryPeriod struct {
	Month  model.Month
	Label  string         // the month, formatted
	Counts []*StatusCount // one per status, in display order
	Total  int
}

// StatusCount is the number of targets in a status.
type StatusCount struct {
	Status progress.Status
	N      int
}

// Count returns the number of targets in status st.
func (p *SummaryPeriod) Count(st progress.Status) int {
	for _, c := range p.Counts {
		if c.Status == st {
			return c.N
		}
	}
	return 0
}

// SummaryYear is the periods of one calendar year, in month order.
type SummaryYear struct {
	Year    int
	Periods []*SummaryPeriod
}

// SummaryValue is one target's latest value against its threshold.
type SummaryValue struct {
	Target *Target
	Status progress.Status
	// HasShare is set when the target has a value and a threshold other
	// than 0: Share is then the value as a percentage of the threshold,
	// and ShareText that share formatted.
	HasShare  bool
	Share     float64
	ShareText string
	// Reached says whether the value satisfies the threshold as its
	// compare reads it (progress.Month.Reached): for a ceiling, a share
	// of 100% or less.
	Reached bool
	Ceiling bool   // the threshold is a limit (at_most, less_than)
	Label   string // the target's short label on the chart's axis
}

// Summary returns the summary of the site's targets, made on the first
// call; the home and targets pages share it and must not change it.
func (s *Site) Summary() *Summary { return s.summary() }

// buildSummary makes the Summary; Build makes Summary call it once.
func (s *Site) buildSummary() *Summary {
	sum := &Summary{Statuses: s.statusNames()}
	if latest := s.prog.Latest; !latest.IsZero() {
		sum.Periods = s.periodsTo(latest)
	}
	sum.Recent = sum.Periods[max(0, len(sum.Periods)-RecentPeriods):]
	if len(sum.Recent) < len(sum.Periods) {
		for _, p := range sum.Periods {
			if n := len(sum.Years); n == 0 || sum.Years[n-1].Year != p.Month.Year {
				sum.Years = append(sum.Years, &SummaryYear{Year: p.Month.Year})
			}
			y := sum.Years[len(sum.Years)-1]
			y.Periods = append(y.Periods, p)
		}
		// Newest first: the reader looks for the latest year.
		for i, j := 0, len(sum.Years)-1; i < j; i, j = i+1, j-1 {
			sum.Years[i], sum.Years[j] = sum.Years[j], sum.Years[i]
		}
	}
	if n := len(sum.Periods); n > 0 {
		sum.Latest = sum.Periods[n-1]
		sum.Sentence = s.summarySentence(sum.Latest)
	}
	sum.Values = s.summaryValues()
	sum.ValuesSentence = s.valuesSentence(sum.Values)
	sum.StatusChart = s.statusChart(sum)
	sum.ValueChart = s.valueChart(sum)
	return sum
}

// statusNames returns the statuses in display order, with their words.
func (s *Site) statusNames() []*StatusName {
	var out []*StatusName
	for _, st := range progress.Statuses {
		out = append(out, &StatusName{
			Status: st,
			Label:  s.Sentence("status."+string(st), nil),
			Icon:   s.Sentence("icon."+string(st), nil),
		})
	}
	return out
}

// periodsTo returns the months of the plan period from its start to month
// to, each with how many targets stood in each status. They are counted
// once, by Build, for the summary and every bulletin; a caller must not
// change them.
func (s *Site) periodsTo(to model.Month) []*SummaryPeriod {
	n := 0
	for n < len(s.monthCounts) && !to.Before(s.monthCounts[n].Month) {
		n++
	}
	return s.monthCounts[:n:n]
}

// summaryPeriods returns the months of the plan period, each with how
// many targets stood in each status (a month without a report has them
// all without data).
func (s *Site) summaryPeriods() []*SummaryPeriod {
	var out []*SummaryPeriod
	for i, m := range s.prog.Months {
		p := &SummaryPeriod{Month: m, Label: s.f.Month(m)}
		for _, st := range progress.Statuses {
			p.Counts = append(p.Counts, &StatusCount{Status: st})
		}
		for _, v := range s.Targets {
			st := progress.NoData
			if i < len(v.Result.Months) {
				st = v.Result.Months[i].Status
			}
			for _, c := range p.Counts {
				if c.Status == st {
					c.N++
				}
			}
			p.Total++
		}
		out = append(out, p)
	}
	return out
}

// summarySentence says the counts of period p in words: "3 trên 6 chỉ
// tiêu đạt trong tháng 12/2017; 2 không đạt; 1 đúng tiến độ".
func (s *Site) summarySentence(p *SummaryPeriod) string {
	parts := []string{s.SentenceN("summary.sentence", float64(p.Total), map[string]string{
		"met":   s.f.Number(float64(p.Count(progress.Met)), 0),
		"n":     s.f.Number(float64(p.Total), 0),
		"month": p.Label,
	})}
	for _, c := range p.Counts {
		if c.Status == progress.Met || c.N == 0 {
			continue
		}
		parts = append(parts, s.SentenceN("summary.part."+string(c.Status), float64(c.N), map[string]string{
			"n": s.f.Number(float64(c.N), 0),
		}))
	}
	return strings.Join(parts, s.Sentence("summary.join", nil))
}

// summaryValues returns every target's latest value against its
// threshold.
func (s *Site) summaryValues() []*SummaryValue {
	var out []*SummaryValue
	for _, v := range s.Targets {
		t := v.Target
		sv := &SummaryValue{
			Target:  v,
			Status:  v.Status,
			Ceiling: t.Compare.Ceiling(),
			Label:   s.Sentence("summary.axis", map[string]string{"number": strconv.Itoa(t.Number)}),
		}
		if sv.Ceiling {
			sv.Label = s.Sentence("summary.axis_ceiling", map[string]string{"number": strconv.Itoa(t.Number), "compare": s.Sentence("compare."+string(t.Compare), nil)})
		}
		if m := v.Result.Latest; !v.Assessed && m != nil && m.HasValue && t.Threshold != 0 {
			sv.HasShare = true
			sv.Share = 100 * m.Value / t.Threshold
			sv.ShareText = s.f.Number(sv.Share, format.ExactDecimals(math.Round(sv.Share), 0)) + "%"
			sv.Reached = m.Reached
		}
		out = append(out, sv)
	}
	return out
}

// valuesSentence says in words what the chart of values shows: how many
// targets with a figure reach their threshold, and which are assessed.
func (s *Site) valuesSentence(vs []*SummaryValue) string {
	var n, reached, assessed int
	for _, v := range vs {
		switch {
		case v.HasShare:
			n++
			if v.Reached {
				reached++
			}
		case v.Target.Assessed:
			assessed++
		}
	}
	if n == 0 {
		return s.Sentence("summary.values_none", nil)
	}
	text := s.SentenceN("summary.values", float64(n), map[string]string{
		"reached": s.f.Number(float64(reached), 0),
		"n":       s.f.Number(float64(n), 0),
	})
	if assessed > 0 {
		text += " " + s.SentenceN("summary.values_assessed", float64(assessed), map[string]string{
			"n": s.f.Number(float64(assessed), 0),
		})
	}
	if rest := len(vs) - n - assessed; rest > 0 {
		text += " " + s.SentenceN("summary.values_missing", float64(rest), map[string]string{
			"n": s.f.Number(float64(rest), 0),
		})
	}
	return text
}

// summaryData returns the open-data files that hold the figures of the
// summary charts: the table of every target, month by month.
func (s *Site) summaryData() []*DataFile { return s.dataFiles(routes.TargetData("")) }

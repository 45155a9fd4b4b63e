// Package progress computes, for every target and every month of the plan
// period, the target's value, its status and the evidence behind it.
//
// It is the third stage of the pipeline (load → model → compute → render →
// write). It only computes: it reads a checked model.Site and returns plain
// numbers and lists, which package render words and formats.
//
// # Statuses
//
// A month without a report has status NoData: nothing is claimed without
// evidence. For a month with a report, let pace be the threshold times the
// share of the period elapsed at the end of that month (rounded down for
// count, sum and membership: 1 pilot model over 10 months is on track
// until the last month):
//
//   - share, count, sum: Met if value reaches the threshold (see below);
//     otherwise NotMet in the last month of the period, OnTrack if value ≥
//     pace, else AtRisk.
//   - ratio: NoData if the denominator is 0; Met if value reaches the
//     threshold; otherwise NotMet in the last month, else AtRisk.
//   - periodic (and monthly, its alias with every month): the records of
//     each period (calendar month, quarter or year, cut to the plan
//     period) are compared with the threshold. NotMet if any period so far
//     ended below it; AtRisk if a month so far is unreported (NotMet once
//     the plan period has ended); OnTrack while the running period is
//     below it; Met if every period so far reached it. A partial first or
//     last period counts as a whole one, with the same threshold.
//   - membership: NotMet if more than max_removed units are removed;
//     Met if the number of new units reaches the threshold; otherwise as
//     share.
//   - assessed: no value and no threshold; the status of the latest
//     assessment in a report up to that month, NoData before the first.
//
// A target's compare says what reaching the threshold means: at_least
// (value ≥ threshold, the default), more_than (>), at_most (≤) or
// less_than (<). The last two are ceilings: a value within the limit is
// OnTrack until the last month of the period and Met in it, a value beyond
// it is NotMet at once; a ceiling has no pace (Pace is the threshold). A
// monthly ceiling is OnTrack rather than Met until the period ends.
//
// # Membership
//
// A membership target counts units, not changes. At the end of a month a
// unit holds the status if its latest change so far added it, or if it has
// no change and is a baseline member (on the list when the period starts).
// A unit is new if it holds the status and is not a baseline member; it is
// removed if it does not hold the status but held it at some time (its
// latest change removed it). So a unit removed and added back is neither
// removed nor new if it is a baseline member, and new once if it is not.
package progress

import (
	"math"
	"sync"

	"github.com/minhbach/minhbach/internal/model"
)

// Status is a target's standing in a month.
type Status string

// The statuses, from best to worst; NoData means there is no evidence.
const (
	Met     Status = "met"
	OnTrack Status = "on_track"
	AtRisk  Status = "at_risk"
	NotMet  Status = "not_met"
	NoData  Status = "no_data"
)

// Statuses lists every status in display order.
var Statuses = []Status{Met, OnTrack, AtRisk, NotMet, NoData}

// Progress is the computed state of a whole plan.
type Progress struct {
	Months  []model.Month // the plan period
	Latest  model.Month   // the latest month with a report; zero if none
	Results []*Result     // one per target, in target order
	Lists   []*ListState  // one per list, in list order
	// Activity counts, per record kind with a level, the records of each
	// unit from the start of the period to Latest. Units above the kind's
	// level get the sum of their descendants.
	Activity map[string]map[string]int
	// OnTime says who reported on time in each month of the period.
	OnTime Reporting
}

// Reporting is who reported on time, month by month: for every month of
// the period, true if the month's report lists them as on time (false
// also when there is no report).
type Reporting struct {
	Agencies map[string][]bool // by agency id
	Units    map[string][]bool // by code, the units of the reporting level
}

// Result is one target's computed state.
type Result struct {
	Target *model.Target
	Months []*Month // every month of the period
	// Latest is the month the target is reported as of: the latest month
	// with a report, or nil if there is none.
	Latest *Month
	// Groups breaks a share target down by the units one level up (for
	// communes, by district), as of Latest.
	Groups []*Group
	// Counted and Missing are, for a share target, the units that have a
	// record and those that have none, as of Latest.
	Counted, Missing []*model.Unit
	// Records are the records the target counts, to Latest, in month order.
	Records []*model.Record
	// Changes are, for a membership target, the list changes to Latest.
	Changes []*model.ListChange
	// Assessments are, for an assessed target, its assessments to Latest,
	// in month order.
	Assessments []*model.Assessment
	// Periods are, for a periodic target whose periods are quarters or
	// years, its periods with their states, for a grid.
	Periods []*Period
}

// Status returns the target's current status.
func (r *Result) Status() Status {
	if r.Latest == nil {
		return NoData
	}
	return r.Latest.Status
}

// Month is a target's state in one month.
type Month struct {
	Month    model.Month
	Reported bool    // a report exists for this month
	Value    float64 // percent for share and ratio, otherwise a count
	HasValue bool    // false when there is no report or no denominator
	// Num and Den are the figures behind Value: units with records and all
	// units (share), the two sums (ratio), the field's total to date (sum),
	// records in the month or to date (monthly, count), new and removed
	// units (membership: see the package documentation).
	Num, Den float64
	Pace     float64 // the value expected by this month for OnTrack
	// Reached says whether Value satisfies the threshold (see Compare);
	// for a periodic target, whether the month's records do.
	Reached bool
	Status  Status
	// MonthsMet, MonthsMissed and MonthsUnreported count, for a periodic
	// target, the periods (months, quarters or years) to this month in
	// each state; the running period counts once decided (a floor
	// reached, a ceiling exceeded, a month unreported). Num is then the
	// records of the running period to this month.
	MonthsMet, MonthsMissed, MonthsUnreported int
	// PeriodEnds is true, for a periodic target, in the last month of
	// each period.
	PeriodEnds bool
	// Pending is true while the running period is undecided.
	Pending bool
	// Assessment is, for an assessed target, the latest assessment in a
	// report up to this month; nil before the first.
	Assessment *model.Assessment
}

// Group is one row of a share target's breakdown.
type Group struct {
	Unit     *model.Unit
	Num, Den int
	Value    float64
	HasValue bool
}

// Compute computes the progress of every target of s.
func Compute(s *model.Site) *Progress {
	p := &Progress{Months: s.Config.Plan.Months(), Activity: map[string]map[string]int{}}
	reported := map[model.Month]*model.Report{}
	for _, r := range s.Reports {
		reported[r.Month] = r
		if p.Latest.Before(r.Month) {
			p.Latest = r.Month
		}
	}
	c := &computer{site: s, months: p.Months, reports: reported, latest: p.Latest}
	// Each target, list and kind is computed on its own: several at once,
	// each into its own place, read only once all are done.
	p.Results = make([]*Result, len(s.Targets))
	p.Lists = make([]*ListState, len(s.Lists))
	activity := make([]map[string]int, len(s.Kinds))
	var wg sync.WaitGroup
	for i, t := range s.Targets {
		wg.Go(func() { p.Results[i] = c.target(t) })
	}
	for i, l := range s.Lists {
		wg.Go(func() { p.Lists[i] = c.list(l) })
	}
	for i, k := range s.Kinds {
		if k.Level != "" {
			wg.Go(func() { activity[i] = c.activity(k) })
		}
	}
	wg.Go(func() { p.OnTime = c.onTime() })
	wg.Wait()
	for i, k := range s.Kinds {
		if k.Level != "" {
			p.Activity[k.ID] = activity[i]
		}
	}
	return p
}

// onTime reads, month by month, who each report lists as on time.
func (c *computer) onTime() Reporting {
	out := Reporting{Agencies: map[string][]bool{}, Units: map[string][]bool{}}
	for _, a := range c.site.Agencies {
		out.Agencies[a.ID] = make([]bool, len(c.months))
	}
	for _, u := range c.site.Units.AtLevel(c.site.Config.Plan.ReportingLevel) {
		out.Units[u.Code] = make([]bool, len(c.months))
	}
	for i, m := range c.months {
		rep := c.reports[m]
		if rep == nil {
			continue
		}
		for _, id := range rep.OnTimeAgencies {
			if months, ok := out.Agencies[id]; ok {
				months[i] = true
			}
		}
		for _, code := range rep.OnTimeUnits {
			if months, ok := out.Units[code]; ok {
				months[i] = true
			}
		}
	}
	return out
}

type computer struct {
	site    *model.Site
	months  []model.Month
	reports map[model.Month]*model.Report
	latest  model.Month
}

// recordsTo returns the records of kind k from the start of the period to m.
func (c *computer) recordsTo(k *model.Kind, m model.Month) []*model.Record {
	var out []*model.Record
	for _, mm := range c.months {
		if m.Before(mm) {
			break
		}
		if r := c.reports[mm]; r != nil {
			out = append(out, r.Records[k.ID]...)
		}
	}
	return out
}

// target computes one target month by month. Cumulative figures are carried
// from one month to the next, so the cost is linear in records plus months.
func (c *computer) target(t *model.Target) *Result {
	res := &Result{Target: t}
	n := len(c.months)
	var (
		has      = map[string]bool{} // share: units that count so far
		months   = map[string]int{}  // share: months with a record, per unit
		total    float64             // share: units of the level
		count    float64             // count: records so far; sum: the field's total
		num, den float64             // ratio: sums so far
		members  *membership         // membership: who holds the status
		assessed *model.Assessment   // assessed: the latest assessment so far
		period   periodState         // periodic: the current period so far
		done     [3]int              // periodic: finished periods met, missed, unreported
	)
	if t.Rule == model.Membership {
		members = newMembership(t.List)
	}
	if t.Rule == model.Share {
		total = float64(len(c.site.Units.AtLevel(t.Level)))
	}
	for i, m := range c.months {
		mr := &Month{Month: m, Reported: c.reports[m] != nil}
		elapsed := float64(i+1) / float64(n)
		last := i == n-1
		rep := c.reports[m]
		switch t.Rule {
		case model.Share:
			if rep != nil {
				for code := range c.countMonths(t, rep, months) {
					if months[code] >= t.MinMonths {
						has[code] = true
					}
				}
			}
			mr.Num, mr.Den = float64(len(has)), total
			if total > 0 {
				mr.Value, mr.HasValue = 100*mr.Num/mr.Den, true
			}
		case model.Count:
			if rep != nil {
				count += float64(len(t.Records(rep.Records[t.Kind.ID])))
			}
			mr.Num = count
			mr.Value, mr.HasValue = mr.Num, true
		case model.Sum:
			if rep != nil {
				for _, r := range t.Records(rep.Records[t.Kind.ID]) {
					count += r.Values[t.Field].Number
				}
			}
			mr.Num = count
			mr.Value, mr.HasValue = mr.Num, true
		case model.Ratio:
			if rep != nil {
				for _, r := range t.Records(rep.Records[t.Kind.ID]) {
					num += r.Values[t.Numerator].Number
					den += r.Values[t.Denominator].Number
				}
			}
			mr.Num, mr.Den = num, den
			if den > 0 {
				mr.Value, mr.HasValue = 100*num/den, true
			}
		case model.Monthly, model.Periodic:
			if i > 0 && t.Every.Key(c.months[i-1]) != t.Every.Key(m) {
				period = periodState{}
			}
			if rep != nil {
				period.count += float64(len(t.Records(rep.Records[t.Kind.ID])))
			} else {
				period.unreported = true
			}
			mr.Num = period.count
			mr.Value, mr.HasValue = mr.Num, true
		case model.Assessed:
			if rep != nil {
				for _, a := range rep.Assessments {
					if a.Target == t {
						assessed = a
						res.Assessments = append(res.Assessments, a)
					}
				}
			}
			mr.Assessment = assessed
		case model.Membership:
			if rep != nil {
				for _, ch := range rep.Changes {
					if ch.List == t.List {
						members.change(ch)
					}
				}
			}
			mr.Num, mr.Den = float64(members.added), float64(members.removed)
			mr.Value, mr.HasValue = mr.Num, true
		}
		mr.Pace = t.Threshold * elapsed
		if t.Rule == model.Count || t.Rule == model.Sum || t.Rule == model.Membership {
			mr.Pace = math.Floor(mr.Pace + 1e-9)
		}
		if t.Compare.Ceiling() {
			mr.Pace = t.Threshold // a limit holds all along
		}
		if !mr.Reported {
			mr.HasValue = false
		}
		if t.IsPeriodic() {
			ends := last || t.Every.Key(c.months[i+1]) != t.Every.Key(m)
			counts := done
			state := period.state(t, ends)
			if state >= 0 {
				counts[state]++
			}
			if ends {
				done = counts
			}
			mr.MonthsMet, mr.MonthsMissed, mr.MonthsUnreported = counts[0], counts[1], counts[2]
			mr.PeriodEnds, mr.Pending = ends, state < 0
		}
		mr.Reached = t.Compare.Reached(mr.Value, t.Threshold)
		mr.Status = status(t, mr, last)
		res.Months = append(res.Months, mr)
		if mr.Reported {
			res.Latest = mr
		}
	}
	if t.IsPeriodic() && t.Every != model.EveryMonth {
		res.Periods = periods(t, res.Months, res.Latest)
	}
	if res.Latest != nil {
		m := res.Latest.Month
		switch t.Rule {
		case model.Share:
			res.Counted, res.Missing = c.split(t, m)
			res.Groups = c.groups(t, res.Counted)
		case model.Membership:
			res.Changes = c.changesTo(t.List, m)
		case model.Assessed:
		default:
			res.Records = t.Records(c.recordsTo(t.Kind, m))
		}
	}
	return res
}

// periodState is a periodic target's current period so far.
type periodState struct {
	count      float64 // records kept
	unreported bool    // some month of it has no report
}

// state classifies the period so far as met (0), missed (1) or unreported
// (2), or returns -1 while it runs undecided. A floor reached is met at
// once, a ceiling exceeded is missed at once; otherwise a period is decided
// only when it ends, unless a month of it is unreported, which puts it at
// risk while it runs.
func (p periodState) state(t *model.Target, ends bool) int {
	reached := t.Compare.Reached(p.count, t.Threshold)
	switch {
	case !t.Compare.Ceiling() && reached:
		return 0
	case t.Compare.Ceiling() && !reached:
		return 1
	case p.unreported:
		return 2
	case !ends:
		return -1
	case reached:
		return 0
	}
	return 1
}

func status(t *model.Target, m *Month, last bool) Status {
	if !m.Reported {
		return NoData
	}
	switch t.Rule {
	case model.Assessed:
		// The reporting body's word, not a computation.
		if m.Assessment == nil {
			return NoData
		}
		return Status(m.Assessment.Status)
	case model.Monthly, model.Periodic:
		switch {
		case m.MonthsMissed > 0:
			return NotMet
		case m.MonthsUnreported > 0 && last:
			return NotMet
		case m.MonthsUnreported > 0:
			return AtRisk
		case m.Pending, t.Compare.Ceiling() && !last:
			return OnTrack
		}
		return Met
	case model.Membership:
		if m.Den > float64(t.MaxRemoved) {
			return NotMet
		}
	}
	if !m.HasValue {
		return NoData
	}
	reached := t.Compare.Reached(m.Value, t.Threshold)
	if t.Compare.Ceiling() {
		// A ceiling can be broken at any time, and kept only once the
		// period is over.
		switch {
		case !reached:
			return NotMet
		case last:
			return Met
		}
		return OnTrack
	}
	switch {
	case reached:
		return Met
	case last:
		return NotMet
	case t.Rule == model.Ratio:
		// A ratio has no pace: it is not built up month by month.
		return AtRisk
	case m.Value >= m.Pace:
		return OnTrack
	}
	return AtRisk
}

// countMonths adds one to months[code] for every unit of a share target's
// level with at least one record kept in report rep: a unit's records in
// the same month count once. It returns the units it added to.
func (c *computer) countMonths(t *model.Target, rep *model.Report, months map[string]int) map[string]bool {
	seen := map[string]bool{}
	for _, r := range t.Records(rep.Records[t.Kind.ID]) {
		if u := c.site.Units.Ancestor(r.Unit, t.Level); u != nil && !seen[u.Code] {
			seen[u.Code] = true
			months[u.Code]++
		}
	}
	return seen
}

// split divides the units of a share target's level into those that count
// at m (records in at least MinMonths months, one if unset) and the others,
// each in registry order.
func (c *computer) split(t *model.Target, m model.Month) (counted, missing []*model.Unit) {
	months := map[string]int{}
	for _, mm := range c.months {
		if m.Before(mm) {
			break
		}
		if rep := c.reports[mm]; rep != nil {
			c.countMonths(t, rep, months)
		}
	}
	for _, u := range c.site.Units.AtLevel(t.Level) {
		if months[u.Code] > 0 && months[u.Code] >= t.MinMonths {
			counted = append(counted, u)
		} else {
			missing = append(missing, u)
		}
	}
	return counted, missing
}

// groups breaks counted units down by the units of the top level (for
// communes: by district, or by province in a national registry).
func (c *computer) groups(t *model.Target, counted []*model.Unit) []*Group {
	reg := c.site.Units
	lv := reg.Level(t.Level)
	if lv == nil || lv.Parent == "" {
		return nil
	}
	top := reg.Levels[0].ID
	isCounted := make(map[string]bool, len(counted))
	for _, u := range counted {
		isCounted[u.Code] = true
	}
	byTop := map[string]*Group{}
	var out []*Group
	for _, u := range reg.AtLevel(top) {
		g := &Group{Unit: u}
		byTop[u.Code] = g
		out = append(out, g)
	}
	for _, u := range reg.AtLevel(t.Level) {
		g := byTop[reg.Ancestor(u, top).Code]
		g.Den++
		if isCounted[u.Code] {
			g.Num++
		}
	}
	for _, g := range out {
		if g.Den > 0 {
			g.Value, g.HasValue = 100*float64(g.Num)/float64(g.Den), true
		}
	}
	return out
}

func (c *computer) changesTo(l *model.List, m model.Month) []*model.ListChange {
	var out []*model.ListChange
	for _, mm := range c.months {
		if m.Before(mm) {
			break
		}
		if r := c.reports[mm]; r != nil {
			for _, ch := range r.Changes {
				if ch.List == l {
					out = append(out, ch)
				}
			}
		}
	}
	return out
}

// activity counts the records of kind k per unit, to the latest report,
// adding each record to its unit and every unit above it.
func (c *computer) activity(k *model.Kind) map[string]int {
	out := map[string]int{}
	if c.latest.IsZero() {
		return out
	}
	for _, r := range c.recordsTo(k, c.latest) {
		for u := r.Unit; u != nil; u = c.site.Units.Unit(u.Parent) {
			out[u.Code]++
		}
	}
	return out
}

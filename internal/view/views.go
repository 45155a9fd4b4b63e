package view

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
)

// Target is a target ready to show.
type Target struct {
	*progress.Result
	URL       string
	Status    progress.Status
	Calc      string // the calculation in words
	Value     string // the current value, formatted
	Threshold string // the threshold with its comparison, e.g. "ít nhất 75%"
	Rule      string // how the target is computed and when it is met, in words
	Months    []*Month
	Chart     *Chart
	Table     *RecordTable // the records counted
	Downloads []*Download
	List      *List // membership targets
	Pace      bool  // the rule has a pace (on track / at risk)
	// Monthly is set for a periodic target whose periods are months: a
	// month without records misses it.
	Monthly bool
	// Periodic is set for a target whose threshold applies to each
	// period (rules periodic and monthly); Periods are then its periods,
	// for a grid of quarters or years (nil when every month).
	Periodic bool
	Periods  []*PeriodCell
	// Assessed is set for a target whose status is the reporting body's
	// own assessment (rule assessed): it has no value, threshold or chart.
	Assessed bool
	// Statement says that an assessed target's status is an assessment,
	// not a computation from records.
	Statement string
	// Assessment is the latest assessment of an assessed target; nil
	// before the first.
	Assessment *model.Assessment
	// Revisions are its figures revised since their first release, by
	// month.
	Revisions []*Revision
}

// Month is one month of a target's data table.
type Month struct {
	*progress.Month
	Value    string       // the value, formatted; "" if none
	Unit     string       // the target's unit for Value: its unit_one for 1 in English
	PaceText string       // the pace, formatted
	Table    *RecordTable // monthly targets: the month's records
	Report   bool
	Decimals int       // of Value, also used by the chart and the downloads
	Revision *Revision // set if the month's figures were corrected after their release
}

// List is a list ready to show.
type List struct {
	*progress.ListState
	URL       string
	Groups    []*ListGroup // by the units of the top level
	Chart     *Chart
	Rubric    *model.Rubric
	Target    *Target // the membership target counting it, if any
	Downloads []*Download

	f format.Formatter
}

// Total writes an entry's rubric total with the decimals that keep it on
// the side of every grade's minimum: 79.96 points short of 80 does not read
// "80" next to the lower grade.
func (v *List) Total(e *progress.Entry) string {
	d := 1
	if v.Rubric != nil {
		for _, g := range v.Rubric.Grades {
			d = format.MoreDecimals(d, format.SideDecimals(e.Total, g.Min, model.AtLeast, 1))
		}
	}
	return v.f.Number(e.Total, d)
}

// ListGroup is the entries of a list under one unit of the top level.
type ListGroup struct {
	*progress.Subtotal
	Units int // units of the list's level below this one
	// Rows is the table rows of Entries, as HTML: a national list holds
	// thousands of units, a dozen actions each.
	Rows template.HTML
}

// Update is a monthly update post with its month's report.
type Update struct {
	Page     *model.Page
	URL      string
	Month    model.Month
	Report   *model.Report
	Content  string
	Kinds    []*KindCount
	Changes  []*Change
	Agencies []*model.Agency // reported on time
	Late     []*model.Agency // did not
	Units    []*model.Unit   // reported on time
	// UnitNames is the full names of Units, separated by commas, as
	// HTML: a province's update names a hundred units or more, which
	// would cost three actions each.
	UnitNames template.HTML
	Reporters int // units expected to report: the reporting level
	Statuses  []*TargetMonth
}

// Change is a change of a list in a month's report.
type Change struct {
	*model.ListChange
	Added bool // the unit joined the list (else it left)
}

// KindCount is how many records of a kind a report holds.
type KindCount struct {
	Kind    *model.Kind
	Count   int
	Records []*model.Record
	Table   *RecordTable
}

// TargetMonth is one target's state in one month.
type TargetMonth struct {
	Target   *Target
	Month    *progress.Month
	Value    string
	Revision *Revision // set if corrected after its release
}

// Agency is an agency with its monthly reporting.
type Agency struct {
	*model.Agency
	OnTime []bool // per month of the period; false also when no report
}

func (s *Site) views() {
	s.unitURL = unitURLs(s.site.Units, s.routes)
	s.byUnit = sync.OnceValue(func() map[string]map[string][]*model.Record { return recordsByUnit(s.site) })
	go s.byUnit()
	s.report = make(map[model.Month]*model.Report, len(s.site.Reports))
	for _, rep := range s.site.Reports {
		s.report[rep.Month] = rep
		if rep.Published.After(s.Published) {
			s.Published = rep.Published
		}
	}
	for _, l := range s.prog.Lists {
		s.Lists = append(s.Lists, s.listView(l))
	}
	for _, res := range s.prog.Results {
		s.Targets = append(s.Targets, s.targetView(res))
	}
	for _, pg := range s.site.Pages {
		if pg.Section == routes.UpdatesSection {
			s.Updates = append(s.Updates, s.updateView(pg))
		}
	}
	for _, u := range s.Updates {
		u.Statuses = s.statusesIn(u.Month)
	}
	// Newest first.
	slices.Reverse(s.Updates)
}

// formatValue writes a figure of target t, a percentage or a count, with
// the given decimals.
func (s *Site) formatValue(t *model.Target, v float64, decimals int) string {
	if t.IsPercent() {
		return s.f.Number(v, decimals) + "%"
	}
	return s.f.Number(v, decimals)
}

// formatThreshold writes a target's threshold as the plan states it.
func (s *Site) formatThreshold(t *model.Target) string {
	return s.formatValue(t, t.Threshold, format.ExactDecimals(t.Threshold, 1))
}

// valueDecimals returns the decimals that write a target's value in month m
// on the same side of every figure its status compares it with: the
// threshold and the pace (see package progress). Without them 19,999 of
// 20,000 against 100% would read "100%" next to "not met".
func valueDecimals(t *model.Target, m *progress.Month) int {
	return format.MoreDecimals(format.SideDecimals(m.Value, t.Threshold, t.Compare, 1), format.SideDecimals(m.Value, m.Pace, model.AtLeast, 1))
}

// paceDecimals returns the decimals that write the pace of month m on the
// side of the value it is compared with: a value is on track when it is at
// least the pace, so the pace shown must not exceed a value that is on
// track, nor fall to one that is not.
func paceDecimals(m *progress.Month) int {
	if !m.HasValue {
		return 1
	}
	return format.SideDecimals(m.Pace, m.Value, model.MoreThan, 1)
}

func (s *Site) targetView(res *progress.Result) *Target {
	t := res.Target
	v := &Target{
		Result:    res,
		URL:       s.routes.Target(t.ID),
		Status:    res.Status(),
		Threshold: s.Sentence("threshold", s.thresholdArgs(t)),
		Rule:      s.Sentence("rule."+string(t.Rule), s.thresholdArgs(t)),
		Pace:      !t.IsPeriodic() && t.Rule != model.Ratio && !t.Compare.Ceiling(),
		Periodic:  t.IsPeriodic(),
		Monthly:   t.IsPeriodic() && t.Every == model.EveryMonth,
	}
	if t.Rule == model.Assessed {
		return s.assessedView(v)
	}
	if t.Kind != nil && !t.IsPeriodic() {
		v.Table = s.recordTable(t.Kind, res.Records, true, true)
	}
	if res.Latest != nil && res.Latest.HasValue {
		v.Value = s.formatValue(t, res.Latest.Value, valueDecimals(t, res.Latest))
	}
	v.Calc = s.calc(t, res.Latest)
	for _, m := range res.Months {
		row := &Month{Month: m, Report: m.Reported, Decimals: valueDecimals(t, m), Unit: t.Unit}
		if m.HasValue {
			row.Value = s.formatValue(t, m.Value, row.Decimals)
			if !t.IsPercent() {
				row.Unit = s.unit(t, format.Round(m.Value, row.Decimals))
			}
		}
		row.PaceText = s.formatValue(t, m.Pace, paceDecimals(m))
		if rep := s.report[m.Month]; t.IsPeriodic() && rep != nil {
			row.Table = s.recordTable(t.Kind, t.Records(rep.Records[t.Kind.ID]), false, true)
		}
		v.Months = append(v.Months, row)
	}
	if t.List != nil {
		for _, l := range s.Lists {
			if l.List == t.List {
				v.List = l
				l.Target = v
			}
		}
	}
	v.Periods = s.periods(v)
	v.Chart = s.targetChart(v)
	return v
}

// assessedView completes the view of an assessed target: no value, no
// threshold, no pace and no chart, only the reporting body's assessments.
func (s *Site) assessedView(v *Target) *Target {
	v.Assessed, v.Threshold, v.Pace = true, "", false
	v.Statement = s.Sentence("assessed.statement", nil)
	for _, m := range v.Result.Months {
		v.Months = append(v.Months, &Month{Month: m, Report: m.Reported})
	}
	if m := v.Result.Latest; m != nil {
		v.Assessment = m.Assessment
	}
	v.Calc = s.assessedCalc(v.Result.Latest)
	return v
}

// thresholdArgs returns the placeholders every sentence about target t may
// use: its threshold, the words of its comparison ("ít nhất"), what meeting
// it means ("đạt khi bằng hoặc vượt chỉ tiêu"), its unit, the names of the
// field a sum adds up and of a ratio's numerator and denominator fields, the records it keeps (where), the months a share
// needs (min_months, counted), whether a ratio may pass 100% (whole) and,
// for membership, the removals allowed.
func (s *Site) thresholdArgs(t *model.Target) map[string]string {
	c := string(cmp.Or(t.Compare, model.AtLeast))
	args := map[string]string{
		"threshold": s.formatThreshold(t),
		"compare":   s.Sentence("compare."+c, nil),
		"reached":   s.Sentence("reached."+c, nil),
		"unit":      t.Unit,
		"max":       s.f.Number(float64(t.MaxRemoved), 0),
	}
	// The unit follows the threshold ("at least 1 news item") unless the
	// threshold is a percentage; calc makes it follow the figure counted.
	if t.Rule != model.Share && t.Rule != model.Ratio {
		args["unit"] = s.unit(t, t.Threshold)
	}
	args["unit_threshold"] = args["unit"]
	if t.Kind != nil {
		for key, id := range map[string]string{"field": t.Field, "numerator": t.Numerator, "denominator": t.Denominator} {
			if f := t.Kind.Field(id); f != nil {
				args[key] = f.Name
			}
		}
	}
	args["min_months"], args["counted"] = "", ""
	if t.Rule == model.Share && t.MinMonths > 1 {
		n := map[string]string{"n": s.f.Number(float64(t.MinMonths), 0)}
		args["min_months"] = s.SentenceN("share.min_months", float64(t.MinMonths), n)
		args["counted"] = s.SentenceN("share.counted", float64(t.MinMonths), n)
	}
	if t.IsPeriodic() {
		args["every"] = s.Sentence("every."+string(t.Every), nil)
	}
	args["whole"] = ""
	if t.Rule == model.Ratio {
		args["whole"] = s.Sentence("ratio.open", nil)
		if t.PartOfWhole {
			args["whole"] = s.Sentence("ratio.part_of_whole", args)
		}
	}
	args["where"] = ""
	if len(t.Filter) > 0 {
		var conds []string
		for _, c := range t.Filter {
			name := c.Field
			if f := t.Kind.Field(c.Field); f != nil {
				name = f.Name
			}
			conds = append(conds, s.Sentence("where.condition", map[string]string{"field": name, "values": strings.Join(c.Values, ", ")}))
		}
		args["where"] = s.Sentence("where", map[string]string{"conditions": strings.Join(conds, "; ")})
	}
	return args
}

// calc words a target's calculation in a month, e.g. "94 trên 145 xã
// (64,8%) — chỉ tiêu 75%".
func (s *Site) calc(t *model.Target, m *progress.Month) string {
	if m == nil {
		return s.Sentence("calc.no_report", nil)
	}
	// The two figures of a ratio keep their order: 19,999.96 of 20,000 does
	// not read "20.000 trên 20.000".
	numDecimals, denDecimals := 1, 1
	switch t.Rule {
	case model.Ratio, model.Share:
		numDecimals = format.SideDecimals(m.Num, m.Den, model.AtLeast, 1)
		denDecimals = format.SideDecimals(m.Den, m.Num, model.MoreThan, 1)
	case model.Sum:
		numDecimals = valueDecimals(t, m) // the total is the value
	}
	args := s.thresholdArgs(t)
	args["num"] = s.f.Number(m.Num, numDecimals)
	args["den"] = s.f.Number(m.Den, denDecimals)
	args["month"] = s.f.Month(m.Month)
	// The unit follows the figure counted: "1 record", "94 of 145 communes";
	// unit_threshold still follows the threshold ("target: at least 5 tonnes").
	switch t.Rule {
	case model.Count, model.Sum:
		args["unit"] = s.unit(t, format.Round(m.Num, numDecimals))
	case model.Share, model.Ratio:
		args["unit"] = s.unit(t, format.Round(m.Den, denDecimals))
	case model.Membership:
		args["unit"] = t.Unit // "communes newly holding the title: 1"
	}
	if m.HasValue {
		args["value"] = s.formatValue(t, m.Value, valueDecimals(t, m))
	}
	switch t.Rule {
	case model.Monthly, model.Periodic:
		args["met"] = s.f.Number(float64(m.MonthsMet), 0)
		args["missed"] = s.f.Number(float64(m.MonthsMissed), 0)
		args["unreported"] = s.f.Number(float64(m.MonthsUnreported), 0)
		args["months"] = s.f.Number(float64(m.MonthsMet+m.MonthsMissed+m.MonthsUnreported), 0)
		if t.Rule == model.Periodic && m.Pending {
			// The running quarter or year is in none of the counts: say
			// where it stands, or "0 trên 0 năm" reads as nothing done.
			args["period"] = s.periodLabel(t.Every, m.Month)
			return s.Sentence("calc.periodic_running", args)
		}
	case model.Ratio:
		if !m.HasValue {
			return s.Sentence("calc.ratio_none", args)
		}
	case model.Share:
		if !m.HasValue {
			return s.Sentence("calc.share_none", args)
		}
	}
	return s.Sentence("calc."+string(t.Rule), args)
}

func (s *Site) listView(st *progress.ListState) *List {
	l := st.List
	v := &List{ListState: st, URL: s.routes.List(l.ID), Rubric: l.Rubric, f: s.f}
	units := s.site.Units
	// Grouped by the top level, so that a national list has one group per
	// province, not one per district.
	lv := units.Level(l.Level)
	if lv != nil && lv.Parent != "" {
		for _, parent := range units.AtLevel(units.Levels[0].ID) {
			sub := st.Below[parent.Code]
			if sub == nil {
				sub = &progress.Subtotal{Unit: parent}
			}
			v.Groups = append(v.Groups, &ListGroup{Subtotal: sub, Units: countBelow(units, parent, l.Level)})
		}
	} else {
		v.Groups = []*ListGroup{{Subtotal: &progress.Subtotal{Entries: st.Entries, Tally: st.Tally}}}
	}
	for _, g := range v.Groups {
		g.Rows = s.listRows(v, g.Entries)
	}
	v.Chart = s.listChart(v)
	return v
}

func (s *Site) updateView(pg *model.Page) *Update {
	m, _ := s.routes.UpdateMonth(pg.URL)
	v := &Update{Page: pg, URL: pg.URL, Month: m, Report: s.report[m]}
	if v.Report != nil {
		for _, k := range s.site.Kinds {
			recs := v.Report.Records[k.ID]
			kc := &KindCount{Kind: k, Count: len(recs), Records: recs}
			if k.Level == "" {
				kc.Table = s.recordTable(k, recs, false, false)
			}
			v.Kinds = append(v.Kinds, kc)
		}
		for _, ch := range v.Report.Changes {
			v.Changes = append(v.Changes, &Change{ListChange: ch, Added: ch.Change == model.Added})
		}
		i := slices.Index(s.prog.Months, m)
		for _, a := range s.site.Agencies {
			if i >= 0 && s.prog.OnTime.Agencies[a.ID][i] {
				v.Agencies = append(v.Agencies, a)
			} else {
				v.Late = append(v.Late, a)
			}
		}
		v.Reporters = len(s.site.Units.AtLevel(s.site.Config.Plan.ReportingLevel))
		var names fragment
		for i, code := range v.Report.OnTimeUnits {
			u := s.site.Units.Unit(code)
			v.Units = append(v.Units, u)
			if i > 0 {
				names.raw(", ")
			}
			names.text(s.orig(u.FullName()))
		}
		v.UnitNames = names.HTML()
	}
	return v
}

// statusesIn returns every target's state in month m.
func (s *Site) statusesIn(m model.Month) []*TargetMonth {
	var out []*TargetMonth
	for _, t := range s.Targets {
		for _, mm := range t.Months {
			if mm.Month.Month == m {
				out = append(out, &TargetMonth{Target: t, Month: mm.Month, Value: mm.Value})
			}
		}
	}
	return out
}

func (s *Site) Agencies() []*Agency {
	var out []*Agency
	for _, a := range s.site.Agencies {
		out = append(out, &Agency{Agency: a, OnTime: s.prog.OnTime.Agencies[a.ID]})
	}
	return out
}

// Reporter is a unit with its monthly reporting.
type Reporter struct {
	Unit   *model.Unit
	URL    string // the unit's page
	OnTime []bool // per month of the period
}

// reporterViews returns the units of the reporting level with their monthly
// reporting.
func (s *Site) Reporters() []*Reporter {
	var out []*Reporter
	for _, u := range s.site.Units.AtLevel(s.site.Config.Plan.ReportingLevel) {
		out = append(out, &Reporter{Unit: u, URL: s.unitURL[u.Code], OnTime: s.prog.OnTime.Units[u.Code]})
	}
	return out
}

// RecordTable is records laid out as a table, formatted in Go so that a page
// with many records costs few template actions.
type RecordTable struct {
	Head []HeadCell
	Rows [][]Cell
}

// HeadCell is a column heading.
type HeadCell struct {
	Name string
	Num  bool // right-aligned figures
}

// Cell is one cell of a record table.
type Cell struct {
	Text string
	Link string // the first text column links to the record's url field
	Num  bool
}

// recordTable lays out records of kind k, with a month column and a unit
// column if asked.
func (s *Site) recordTable(k *model.Kind, recs []*model.Record, withMonth, withUnit bool) *RecordTable {
	if len(recs) == 0 {
		return nil
	}
	t := &RecordTable{}
	if withMonth {
		name, _ := s.Text("records.month")
		t.Head = append(t.Head, HeadCell{Name: name})
	}
	withUnit = withUnit && k.Level != ""
	if withUnit {
		name, _ := s.Text("records.unit")
		t.Head = append(t.Head, HeadCell{Name: name})
	}
	var link *model.Field
	for _, f := range k.Fields {
		if f.Type == model.URL {
			if link == nil {
				link = f
			}
			continue
		}
		t.Head = append(t.Head, HeadCell{Name: f.Name, Num: f.Type == model.Int || f.Type == model.Number})
	}
	for _, rec := range recs {
		row := make([]Cell, 0, len(t.Head))
		if withMonth {
			row = append(row, Cell{Text: s.f.Month(rec.Month)})
		}
		if withUnit {
			row = append(row, Cell{Text: s.orig(rec.Unit.FullName())})
		}
		linked := false
		for _, f := range k.Fields {
			v := rec.Values[f.ID]
			switch f.Type {
			case model.URL:
				continue
			case model.Date:
				row = append(row, Cell{Text: s.f.Date(v.Date)})
			case model.Int, model.Number:
				c := Cell{Num: true}
				if v.Text != "" {
					c.Text = s.f.Number(v.Number, 1)
				}
				row = append(row, c)
			default:
				c := Cell{Text: s.orig(v.Text)}
				if !linked && link != nil && f.Type == model.Text {
					c.Link, linked = rec.Values[link.ID].Text, true
				}
				row = append(row, c)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

package render

import (
	"cmp"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// TargetView is a target ready to show.
type TargetView struct {
	*progress.Result
	URL       string
	Status    progress.Status
	Calc      string // the calculation in words
	Value     string // the current value, formatted
	Threshold string // the threshold with its comparison, e.g. "ít nhất 75%"
	Rule      string // how the target is computed and when it is met, in words
	Months    []*MonthRow
	Chart     *Chart
	Table     *RecordTable // the records counted
	Downloads []*Download
	List      *ListView // membership targets
	Pace      bool      // the rule has a pace (on track / at risk)
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
}

// MonthRow is one month of a target's data table.
type MonthRow struct {
	*progress.Month
	Value    string       // the value, formatted; "" if none
	PaceText string       // the pace, formatted
	Table    *RecordTable // monthly targets: the month's records
	Report   bool
	Reached  bool // monthly targets: the month's value satisfies the threshold
	decimals int  // of Value, also used by the chart and the downloads
}

// ListView is a list ready to show.
type ListView struct {
	*progress.ListState
	URL       string
	Groups    []*ListGroup               // by the units one level above the list's
	byUnit    map[string]*ListGroup      // by every unit above the list's level
	entry     map[string]*progress.Entry // by unit code
	Chart     *Chart
	Rubric    *model.Rubric
	Target    *TargetView // the membership target counting it, if any
	Downloads []*Download
}

// Total writes an entry's rubric total with the decimals that keep it on
// the side of every grade's minimum: 79.96 points short of 80 does not read
// "80" next to the lower grade.
func (v *ListView) Total(e *progress.Entry) string {
	d := 1
	if v.Rubric != nil {
		for _, g := range v.Rubric.Grades {
			d = moreDecimals(d, sideDecimals(e.Total, g.Min, model.AtLeast, 1))
		}
	}
	return formatNumber(e.Total, d)
}

// ListGroup is the entries of a list under one parent unit.
type ListGroup struct {
	Unit                 *model.Unit
	Entries              []*progress.Entry
	Held, Added, Removed int
	Units                int // units of the list's level below this one
}

// UpdateView is a monthly update post with its month's report.
type UpdateView struct {
	Page      *model.Page
	URL       string
	Month     model.Month
	Report    *model.Report
	Content   string
	Kinds     []*KindCount
	Changes   []*model.ListChange
	Agencies  []*model.Agency // reported on time
	Late      []*model.Agency // did not
	Units     []*model.Unit   // reported on time
	Reporters int             // units expected to report: the reporting level
	Statuses  []*TargetMonth
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
	Target *TargetView
	Month  *progress.Month
	Value  string
}

// AgencyView is an agency with its monthly reporting.
type AgencyView struct {
	*model.Agency
	OnTime []bool // per month of the period; false also when no report
}

func (r *renderer) views() {
	r.unitURL = unitURLs(r.site.Units)
	r.byUnit = recordsByUnit(r.site)
	r.report = make(map[model.Month]*model.Report, len(r.site.Reports))
	for _, rep := range r.site.Reports {
		r.report[rep.Month] = rep
		if rep.Published.After(r.published) {
			r.published = rep.Published
		}
	}
	for _, l := range r.prog.Lists {
		r.lists = append(r.lists, r.listView(l))
	}
	for _, res := range r.prog.Results {
		r.targets = append(r.targets, r.targetView(res))
	}
	for _, pg := range r.site.Pages {
		if pg.Section == "cap-nhat" {
			r.updates = append(r.updates, r.updateView(pg))
		}
	}
	// Newest first.
	slices.Reverse(r.updates)
}

// formatValue writes a figure of target t, a percentage or a count, with
// the given decimals.
func (r *renderer) formatValue(t *model.Target, v float64, decimals int) string {
	if t.IsPercent() {
		return formatNumber(v, decimals) + "%"
	}
	return formatNumber(v, decimals)
}

// formatThreshold writes a target's threshold as the plan states it.
func (r *renderer) formatThreshold(t *model.Target) string {
	return r.formatValue(t, t.Threshold, exactDecimals(t.Threshold, 1))
}

// valueDecimals returns the decimals that write a target's value in month m
// on the same side of every figure its status compares it with: the
// threshold and the pace (see package progress). Without them 19,999 of
// 20,000 against 100% would read "100%" next to "not met".
func valueDecimals(t *model.Target, m *progress.Month) int {
	return moreDecimals(sideDecimals(m.Value, t.Threshold, t.Compare, 1), sideDecimals(m.Value, m.Pace, model.AtLeast, 1))
}

// paceDecimals returns the decimals that write the pace of month m on the
// side of the value it is compared with: a value is on track when it is at
// least the pace, so the pace shown must not exceed a value that is on
// track, nor fall to one that is not.
func paceDecimals(m *progress.Month) int {
	if !m.HasValue {
		return 1
	}
	return sideDecimals(m.Pace, m.Value, model.MoreThan, 1)
}

// moreDecimals returns the larger of two decimal counts, where -1 (exact)
// is the largest.
func moreDecimals(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return max(a, b)
}

func (r *renderer) targetView(res *progress.Result) *TargetView {
	t := res.Target
	v := &TargetView{
		Result:    res,
		URL:       link("chi-tieu", t.ID),
		Status:    res.Status(),
		Threshold: r.sentence("threshold", r.thresholdArgs(t)),
		Rule:      r.sentence("rule."+string(t.Rule), r.thresholdArgs(t)),
		Pace:      !t.IsPeriodic() && t.Rule != model.Ratio && !t.Compare.Ceiling(),
		Periodic:  t.IsPeriodic(),
	}
	if t.Rule == model.Assessed {
		return r.assessedView(v)
	}
	if t.Kind != nil && !t.IsPeriodic() {
		v.Table = r.recordTable(t.Kind, res.Records, true, true)
	}
	if res.Latest != nil && res.Latest.HasValue {
		v.Value = r.formatValue(t, res.Latest.Value, valueDecimals(t, res.Latest))
	}
	v.Calc = r.calc(t, res.Latest)
	for _, m := range res.Months {
		row := &MonthRow{Month: m, Report: m.Reported, decimals: valueDecimals(t, m), Reached: t.Compare.Reached(m.Value, t.Threshold)}
		if m.HasValue {
			row.Value = r.formatValue(t, m.Value, row.decimals)
		}
		row.PaceText = r.formatValue(t, m.Pace, paceDecimals(m))
		if rep := r.report[m.Month]; t.IsPeriodic() && rep != nil {
			row.Table = r.recordTable(t.Kind, t.Records(rep.Records[t.Kind.ID]), false, true)
		}
		v.Months = append(v.Months, row)
	}
	if t.List != nil {
		for _, l := range r.lists {
			if l.List == t.List {
				v.List = l
				l.Target = v
			}
		}
	}
	if t.IsPeriodic() && t.Every != model.EveryMonth {
		v.Periods = r.periods(v)
	}
	v.Chart = r.targetChart(v)
	return v
}

// assessedView completes the view of an assessed target: no value, no
// threshold, no pace and no chart, only the reporting body's assessments.
func (r *renderer) assessedView(v *TargetView) *TargetView {
	v.Assessed, v.Threshold, v.Pace = true, "", false
	v.Statement = r.sentence("assessed.statement", nil)
	for _, m := range v.Result.Months {
		v.Months = append(v.Months, &MonthRow{Month: m, Report: m.Reported})
	}
	args := map[string]string{}
	if m := v.Result.Latest; m != nil && m.Assessment != nil {
		v.Assessment = m.Assessment
		args["month"] = r.monthLabel(m.Assessment.Month)
		args["status"] = r.sentence("status."+m.Assessment.Status, nil)
		args["note"] = m.Assessment.Note
		v.Calc = r.sentence("calc.assessed", args)
		if m.Assessment.Note != "" {
			v.Calc = r.sentence("calc.assessed_note", args)
		}
	} else {
		v.Calc = r.sentence("calc.assessed_none", args)
	}
	return v
}

// thresholdArgs returns the placeholders every sentence about target t may
// use: its threshold, the words of its comparison ("ít nhất"), what meeting
// it means ("đạt khi bằng hoặc vượt chỉ tiêu"), its unit, the names of the
// field a sum adds up and of a ratio's numerator and denominator fields, the records it keeps (where), the months a share
// needs (min_months, counted), whether a ratio may pass 100% (whole) and,
// for membership, the removals allowed.
func (r *renderer) thresholdArgs(t *model.Target) map[string]string {
	c := string(cmp.Or(t.Compare, model.AtLeast))
	args := map[string]string{
		"threshold": r.formatThreshold(t),
		"compare":   r.sentence("compare."+c, nil),
		"reached":   r.sentence("reached."+c, nil),
		"unit":      t.Unit,
		"max":       formatNumber(float64(t.MaxRemoved), 0),
	}
	if t.Kind != nil {
		for key, id := range map[string]string{"field": t.Field, "numerator": t.Numerator, "denominator": t.Denominator} {
			if f := t.Kind.Field(id); f != nil {
				args[key] = f.Name
			}
		}
	}
	args["min_months"], args["counted"] = "", ""
	if t.Rule == model.Share && t.MinMonths > 1 {
		n := map[string]string{"n": formatNumber(float64(t.MinMonths), 0)}
		args["min_months"] = r.sentence("share.min_months", n)
		args["counted"] = r.sentence("share.counted", n)
	}
	if t.IsPeriodic() {
		args["every"] = r.sentence("every."+string(t.Every), nil)
	}
	args["whole"] = ""
	if t.Rule == model.Ratio {
		args["whole"] = r.sentence("ratio.open", nil)
		if t.PartOfWhole {
			args["whole"] = r.sentence("ratio.part_of_whole", args)
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
			conds = append(conds, r.sentence("where.condition", map[string]string{"field": name, "values": strings.Join(c.Values, ", ")}))
		}
		args["where"] = r.sentence("where", map[string]string{"conditions": strings.Join(conds, "; ")})
	}
	return args
}

// calc words a target's calculation in a month, e.g. "94 trên 145 xã
// (64,8%) — chỉ tiêu 75%".
func (r *renderer) calc(t *model.Target, m *progress.Month) string {
	if m == nil {
		return r.sentence("calc.no_report", nil)
	}
	// The two figures of a ratio keep their order: 19,999.96 of 20,000 does
	// not read "20.000 trên 20.000".
	numDecimals, denDecimals := 1, 1
	switch t.Rule {
	case model.Ratio, model.Share:
		numDecimals = sideDecimals(m.Num, m.Den, model.AtLeast, 1)
		denDecimals = sideDecimals(m.Den, m.Num, model.MoreThan, 1)
	case model.Sum:
		numDecimals = valueDecimals(t, m) // the total is the value
	}
	args := r.thresholdArgs(t)
	args["num"] = formatNumber(m.Num, numDecimals)
	args["den"] = formatNumber(m.Den, denDecimals)
	args["month"] = r.monthLabel(m.Month)
	if m.HasValue {
		args["value"] = r.formatValue(t, m.Value, valueDecimals(t, m))
	}
	switch t.Rule {
	case model.Monthly, model.Periodic:
		args["met"] = formatNumber(float64(m.MonthsMet), 0)
		args["missed"] = formatNumber(float64(m.MonthsMissed), 0)
		args["unreported"] = formatNumber(float64(m.MonthsUnreported), 0)
		args["months"] = formatNumber(float64(m.MonthsMet+m.MonthsMissed+m.MonthsUnreported), 0)
		if t.Rule == model.Periodic && m.Pending {
			// The running quarter or year is in none of the counts: say
			// where it stands, or "0 trên 0 năm" reads as nothing done.
			args["period"] = r.periodLabel(t.Every, m.Month)
			return r.sentence("calc.periodic_running", args)
		}
	case model.Ratio:
		if !m.HasValue {
			return r.sentence("calc.ratio_none", args)
		}
	case model.Share:
		if !m.HasValue {
			return r.sentence("calc.share_none", args)
		}
	}
	return r.sentence("calc."+string(t.Rule), args)
}

func (r *renderer) listView(st *progress.ListState) *ListView {
	l := st.List
	v := &ListView{ListState: st, URL: link("danh-sach", l.ID), Rubric: l.Rubric,
		byUnit: map[string]*ListGroup{}, entry: map[string]*progress.Entry{}}
	units := r.site.Units
	for _, e := range st.Entries {
		v.entry[e.Unit.Code] = e
		for p := units.Unit(e.Unit.Parent); p != nil; p = units.Unit(p.Parent) {
			g := v.byUnit[p.Code]
			if g == nil {
				g = &ListGroup{Unit: p}
				v.byUnit[p.Code] = g
			}
			g.Entries = append(g.Entries, e)
			switch {
			case e.Lost:
				g.Removed++
			case e.New:
				g.Added++
				g.Held++
			default:
				g.Held++
			}
		}
	}
	// Grouped by the top level, so that a national list has one group per
	// province, not one per district.
	lv := units.Level(l.Level)
	if lv != nil && lv.Parent != "" {
		for _, parent := range units.AtLevel(units.Levels[0].ID) {
			g := v.byUnit[parent.Code]
			if g == nil {
				g = &ListGroup{Unit: parent}
			}
			g.Units = countBelow(units, parent, l.Level)
			v.Groups = append(v.Groups, g)
		}
	} else {
		v.Groups = []*ListGroup{{Entries: st.Entries, Held: st.Held, Added: st.Added, Removed: st.Removed}}
	}
	v.Chart = r.listChart(v)
	return v
}

func (r *renderer) updateView(pg *model.Page) *UpdateView {
	m, _ := model.ParseMonth(strings.TrimSuffix(strings.TrimPrefix(pg.URL, "cap-nhat/"), "/"))
	v := &UpdateView{Page: pg, URL: pg.URL, Month: m, Report: r.report[m]}
	if v.Report != nil {
		for _, k := range r.site.Kinds {
			recs := v.Report.Records[k.ID]
			kc := &KindCount{Kind: k, Count: len(recs), Records: recs}
			if k.Level == "" {
				kc.Table = r.recordTable(k, recs, false, false)
			}
			v.Kinds = append(v.Kinds, kc)
		}
		v.Changes = v.Report.Changes
		for _, a := range r.site.Agencies {
			if slices.Contains(v.Report.OnTimeAgencies, a.ID) {
				v.Agencies = append(v.Agencies, a)
			} else {
				v.Late = append(v.Late, a)
			}
		}
		v.Reporters = len(r.site.Units.AtLevel(r.site.Config.Plan.ReportingLevel))
		for _, code := range v.Report.OnTimeUnits {
			v.Units = append(v.Units, r.site.Units.Unit(code))
		}
	}
	return v
}

// statusesIn returns every target's state in month m.
func (r *renderer) statusesIn(m model.Month) []*TargetMonth {
	var out []*TargetMonth
	for _, t := range r.targets {
		for _, mm := range t.Months {
			if mm.Month.Month == m {
				out = append(out, &TargetMonth{Target: t, Month: mm.Month, Value: mm.Value})
			}
		}
	}
	return out
}

// entryState names an entry's standing on its list: a key of the strings
// table under "list.".
func entryState(e *progress.Entry) string {
	switch {
	case e.Lost:
		return "removed"
	case e.New:
		return "added"
	}
	return "kept"
}

func (r *renderer) agencyViews() []*AgencyView {
	var out []*AgencyView
	for _, a := range r.site.Agencies {
		out = append(out, &AgencyView{Agency: a, OnTime: r.onTime(func(rep *model.Report) []string { return rep.OnTimeAgencies }, a.ID)})
	}
	return out
}

// ReporterView is a unit with its monthly reporting.
type ReporterView struct {
	Unit   *model.Unit
	OnTime []bool // per month of the period
}

// reporterViews returns the units of the reporting level with their monthly
// reporting.
func (r *renderer) reporterViews() []*ReporterView {
	var out []*ReporterView
	for _, u := range r.site.Units.AtLevel(r.site.Config.Plan.ReportingLevel) {
		out = append(out, &ReporterView{Unit: u, OnTime: r.onTime(func(rep *model.Report) []string { return rep.OnTimeUnits }, u.Code)})
	}
	return out
}

// onTime says, for every month of the period, whether id is among the ones
// the month's report lists as on time.
func (r *renderer) onTime(ids func(*model.Report) []string, id string) []bool {
	var out []bool
	for _, m := range r.prog.Months {
		rep := r.report[m]
		out = append(out, rep != nil && slices.Contains(ids(rep), id))
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
func (r *renderer) recordTable(k *model.Kind, recs []*model.Record, withMonth, withUnit bool) *RecordTable {
	if len(recs) == 0 {
		return nil
	}
	t := &RecordTable{}
	if withMonth {
		name, _ := r.text("records.month")
		t.Head = append(t.Head, HeadCell{Name: name})
	}
	withUnit = withUnit && k.Level != ""
	if withUnit {
		name, _ := r.text("records.unit")
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
			row = append(row, Cell{Text: r.monthLabel(rec.Month)})
		}
		if withUnit {
			row = append(row, Cell{Text: rec.Unit.FullName()})
		}
		linked := false
		for _, f := range k.Fields {
			v := rec.Values[f.ID]
			switch f.Type {
			case model.URL:
				continue
			case model.Date:
				row = append(row, Cell{Text: formatDate(v.Date)})
			case model.Int, model.Number:
				c := Cell{Num: true}
				if v.Text != "" {
					c.Text = formatNumber(v.Number, 1)
				}
				row = append(row, c)
			default:
				c := Cell{Text: v.Text}
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

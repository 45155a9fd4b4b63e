package opendata

import (
	"cmp"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// Tables returns the tables of the downloads of site s, whose views are v,
// with the vintages of its history of releases h (nil for a site without
// a ledger), in the order of the data page: every target's figures, each
// target's, each record kind's records, each list's entries, the units,
// who reported on time, and the vintages. In an edition other than the
// default language's, whose downloads are the default language's, only
// the titles are needed: titlesOnly leaves the records out.
func Tables(s *model.Site, v *view.Site, h *release.History, titlesOnly bool) []*Table {
	var tables []*Table
	all := &Table{Name: routes.TargetData(""), Title: v.Sentence("data.targets", nil), Columns: targetColumns}
	for _, t := range v.Targets {
		tt := targetTable(t)
		all.Rows = append(all.Rows, tt.Rows...)
		if t.Assessed {
			tt = assessmentTable(t) // its own download is the history
		}
		tables = append(tables, tt)
	}
	tables = append([]*Table{all}, tables...)
	for _, k := range s.Kinds {
		tables = append(tables, recordTable(s, k, titlesOnly))
	}
	for _, l := range v.Lists {
		tables = append(tables, listTable(s, l))
	}
	tables = append(tables, unitTable(s, v), submittedTable(s, v))
	return append(tables, vintageTables(v, h)...)
}

// targetColumns are the columns of a target's data. numerator and
// denominator are the two figures of a share or a ratio (units with records
// and all units; the two sums); removed is, for a list, the units that left
// it. Each is empty where it does not apply. compare says how the value
// is held against the threshold (at_least, more_than, at_most, less_than):
// without it a row "70, 70, not_met" would read as a contradiction.
var targetColumns = []Column{
	{"target", Text}, {"rule", Text}, {"month", Text}, {"reported", Bool},
	{"value", Number}, {"numerator", Number}, {"denominator", Number}, {"removed", Number},
	{"threshold", Number}, {"compare", Text}, {"status", Text},
}

func targetTable(v *view.Target) *Table {
	t := &Table{Name: routes.TargetData(v.Target.ID), Title: v.Target.Name, Columns: targetColumns}
	rule := v.Target.Rule
	for _, m := range v.Months {
		var value, num, den, removed any
		if m.HasValue {
			value = format.Round(m.Month.Value, m.Decimals) // as the page shows it
			switch rule {
			case model.Share, model.Ratio:
				num, den = m.Num, m.Den
			case model.Membership:
				removed = m.Den
			}
		}
		var threshold, compare any = v.Target.Threshold, string(cmp.Or(v.Target.Compare, model.AtLeast))
		if v.Assessed {
			threshold, compare = nil, nil // it has none
		}
		t.Rows = append(t.Rows, []any{v.Target.ID, string(rule), m.Month.Month.String(), m.Reported, value, num, den, removed, threshold, compare, string(m.Status)})
	}
	return t
}

// assessmentColumns are the columns of an assessed target's data: one row
// per assessment, links separated by spaces.
var assessmentColumns = TextColumns("target", "month", "status", "note", "links")

// assessmentTable is the history of an assessed target's assessments, to
// the latest report.
func assessmentTable(v *view.Target) *Table {
	t := &Table{Name: routes.TargetData(v.Target.ID), Title: v.Target.Name, Columns: assessmentColumns}
	for _, a := range v.Assessments {
		t.Rows = append(t.Rows, []any{v.Target.ID, a.Month.String(), a.Status, a.Note, strings.Join(a.Links, " ")})
	}
	return t
}

// recordTable is the records of kind k, month by month.
func recordTable(s *model.Site, k *model.Kind, titlesOnly bool) *Table {
	t := &Table{Name: k.ID, Title: k.Name, Columns: TextColumns("month")}
	if k.Level != "" {
		t.Columns = append(t.Columns, TextColumns("unit_code", "unit_name")...)
	}
	for _, f := range k.Fields {
		c := Column{f.ID, Text}
		if f.Type == model.Int || f.Type == model.Number {
			c.Kind = Number
		}
		t.Columns = append(t.Columns, c)
	}
	if titlesOnly {
		return t
	}
	for _, rep := range s.Reports {
		for _, rec := range rep.Records[k.ID] {
			row := make([]any, 0, len(t.Columns))
			row = append(row, rep.Month.String())
			if k.Level != "" {
				row = append(row, rec.Unit.Code, rec.Unit.FullName())
			}
			for _, f := range k.Fields {
				v, ok := rec.Values[f.ID]
				switch {
				case !ok:
					row = append(row, nil)
				case f.Type == model.Int || f.Type == model.Number:
					row = append(row, v.Number)
				default:
					row = append(row, v.Text)
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

func listTable(s *model.Site, l *view.List) *Table {
	t := &Table{Name: routes.ListData(l.List.ID), Title: l.List.Name,
		Columns: append(TextColumns("unit_code", "unit_name", "parent_name", "status", "since", "lost_on"),
			Column{"total_score", Number}, Column{"grade", Text}, Column{"note", Text})}
	for _, e := range l.Entries {
		parent := ""
		if p := s.Units.Unit(e.Unit.Parent); p != nil {
			parent = p.FullName()
		}
		var total any
		if len(e.Scores) > 0 {
			total = e.Total
		}
		t.Rows = append(t.Rows, []any{e.Unit.Code, e.Unit.FullName(), parent, string(e.State()), format.ISODate(e.Since), format.ISODate(e.LostOn), total, e.Grade, e.Note})
	}
	return t
}

func unitTable(s *model.Site, v *view.Site) *Table {
	t := &Table{Name: routes.UnitData, Title: v.Sentence("data.units", nil),
		Columns: TextColumns("code", "name", "type", "level", "parent_code")}
	for _, u := range s.Units.Units {
		t.Rows = append(t.Rows, []any{u.Code, u.Name, u.Type, u.Level, u.Parent})
	}
	return t
}

func submittedTable(s *model.Site, v *view.Site) *Table {
	t := &Table{Name: "bao-cao-dung-han", Title: v.Sentence("data.submitted", nil),
		Columns: append(TextColumns("month", "kind", "id", "name"), Column{"on_time", Bool})}
	for _, rep := range s.Reports {
		for _, a := range s.Agencies {
			t.Rows = append(t.Rows, []any{rep.Month.String(), "agency", a.ID, a.Name, slices.Contains(rep.OnTimeAgencies, a.ID)})
		}
		for _, u := range s.Units.AtLevel(s.Config.Plan.ReportingLevel) {
			t.Rows = append(t.Rows, []any{rep.Month.String(), "unit", u.Code, u.FullName(), slices.Contains(rep.OnTimeUnits, u.Code)})
		}
	}
	return t
}

// vintageColumns are the columns of a vintage table: a target's figures of
// a month as published on the day of release (the month's release, or a
// correction: revised). The figures are the ledger's, exact, not rounded
// for display, so that they reproduce what each release recorded.
var vintageColumns = []Column{
	{"target", Text}, {"month", Text}, {"release", Text}, {"value", Number}, {"status", Text},
	{"numerator", Number}, {"denominator", Number}, {"revised", Bool},
}

// vintageTables returns the vintage table of every target and one of each,
// for a site with a ledger.
func vintageTables(v *view.Site, h *release.History) []*Table {
	if h == nil || h.Ledger == nil {
		return nil
	}
	row := func(vt release.Vintage) []any {
		var value any
		if vt.Figure.HasValue {
			value = vt.Figure.Value
		}
		return []any{vt.Target, vt.Month.String(), format.ISODate(vt.Release), value, string(vt.Figure.Status), vt.Figure.Num, vt.Figure.Den, vt.Revised}
	}
	all := &Table{Name: routes.VintageData(""), Title: v.Sentence("data.vintages", nil), Columns: vintageColumns}
	out := []*Table{all}
	for _, tv := range v.Targets {
		t := &Table{Name: routes.VintageData(tv.Target.ID), Title: v.Sentence("data.vintage", map[string]string{"name": tv.Target.Name}), Columns: vintageColumns}
		for _, vt := range h.Vintages {
			if vt.Target == tv.Target.ID {
				t.Rows = append(t.Rows, row(vt))
			}
		}
		out = append(out, t)
	}
	// The table of every target keeps the ledger's order: by release, then
	// target.
	for _, vt := range h.Vintages {
		all.Rows = append(all.Rows, row(vt))
	}
	return out
}

// ColumnDoc is a column of the downloads with what it holds, for the data
// page of a site in several languages.
type ColumnDoc struct {
	Name string // the column's stable machine name, e.g. "unit_code"
	Text string // what it holds, in the page's language
}

// Docs describes the columns of tables, each once, in the order they
// first appear: a column of minhbach by its text data.col.NAME (text
// returns the text of a key), a field of a record kind of s by the
// field's name.
func Docs(tables []*Table, s *model.Site, text func(key string) (string, error)) []ColumnDoc {
	fields := map[string]string{}
	for _, k := range s.Kinds {
		for _, f := range k.Fields {
			if _, ok := fields[f.ID]; !ok {
				fields[f.ID] = f.Name
			}
		}
	}
	var out []ColumnDoc
	seen := map[string]bool{}
	for _, t := range tables {
		for _, c := range t.Columns {
			if seen[c.Name] {
				continue
			}
			seen[c.Name] = true
			desc, err := text("data.col." + c.Name)
			if err != nil {
				desc = fields[c.Name]
			}
			out = append(out, ColumnDoc{Name: c.Name, Text: desc})
		}
	}
	return out
}

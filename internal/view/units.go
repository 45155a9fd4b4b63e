package view

import (
	"cmp"
	"html/template"
	"strings"

	"github.com/minhbach/minhbach/internal/markdown"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/search"
)

// Unit is one unit's page: where it stands, what was recorded in it and
// below it, and its units one level down.
type Unit struct {
	Unit       *model.Unit
	URL        string
	Level      *model.Level
	Ancestors  []*UnitLink // from the top down
	Children   []*UnitRow
	ChildLevel *model.Level
	Activity   []*KindCount // records in and below the unit, per kind, to the latest report
	RowKinds   []*model.Kind
	RowLists   []*List      // the lists shown for each child
	Lists      []*UnitList  // lists of units below this one: how many hold the status
	Standing   []*UnitEntry // lists of units of this level: this unit's place
	Records    []*KindCount // records naming this unit itself

	// Crumbs, Summary and Rows are parts of the unit's page written as
	// HTML (see fragment), from the fields above, with links relative to
	// the page: the breadcrumb's items after the page of all units (a
	// link to each of the Ancestors), the summary's items (its Standing,
	// Activity and Lists in words) and the rows of the table of its
	// Children.
	Crumbs, Summary, Rows template.HTML
	// Breadcrumb is the whole breadcrumb's items as HTML: the link to the
	// page of all units (the text unit.units), then Crumbs.
	Breadcrumb template.HTML
	// SummaryTitle is the heading of the summary: the text unit.summary,
	// followed by the latest report's month in the words of
	// home.status_to when there is a report; the same on every unit's page.
	SummaryTitle string
}

// UnitLink is a unit with the path of its page.
type UnitLink struct {
	*model.Unit
	URL string
}

// UnitRow is a unit below another, with its figures.
type UnitRow struct {
	Unit     *model.Unit
	URL      string
	Activity []int       // per kind of Unit.RowKinds
	Lists    []*RowStand // per list of Unit.RowLists
}

// RowStand is where a child stands on a list: its own standing if the list
// is of its level, else how many units below it hold the status.
type RowStand struct {
	State   progress.EntryState // its own standing; "" when it has a count
	Label   string              // State in words (the text list.STATE)
	Count   int
	IsCount bool
}

// UnitList is a list and where a unit's descendants stand on it.
type UnitList struct {
	List  *List
	Group *progress.Subtotal
}

// UnitEntry is a unit's own place on a list.
type UnitEntry struct {
	List  *List
	Entry *progress.Entry     // nil if the unit is not on it
	State progress.EntryState // "" if it is not on the list
	Label string              // State in words (the text list.STATE); "" if not on the list
}

// maxSlug is the longest folder name of a unit's page, in bytes.
const maxSlug = 80

// unitURLs gives every unit its page below its parent's:
// don-vi/huyen-kim-son/xa-kim-chinh/. A unit whose slug its sibling already
// has gets its code added.
func unitURLs(reg *model.Registry, rt routes.Table) map[string]string {
	out := map[string]string{}
	taken := map[string]bool{}
	for _, u := range reg.Units {
		parent := rt.Units()
		if p := reg.Unit(u.Parent); p != nil {
			parent = out[p.Code]
		}
		slug := markdown.Slug(u.FullName())
		if len(slug) > maxSlug {
			// A long name makes a long folder name: keep whole words.
			slug = slug[:maxSlug]
			if i := strings.LastIndexByte(slug, '-'); i > 0 {
				slug = slug[:i]
			}
		}
		if slug == "" || taken[rt.Unit(parent, slug)] {
			slug = strings.Trim(slug+"-"+markdown.Slug(u.Code), "-")
		}
		out[u.Code] = rt.Unit(parent, slug)
		taken[out[u.Code]] = true
	}
	return out
}

// recordsByUnit indexes every record by the unit it names and its kind.
func recordsByUnit(s *model.Site) map[string]map[string][]*model.Record {
	out := map[string]map[string][]*model.Record{}
	for _, r := range s.Reports {
		for kind, recs := range r.Records {
			for _, rec := range recs {
				if rec.Unit == nil {
					continue
				}
				m := out[rec.Unit.Code]
				if m == nil {
					m = map[string][]*model.Record{}
					out[rec.Unit.Code] = m
				}
				m[kind] = append(m[kind], rec)
			}
		}
	}
	return out
}

// depth returns the position of a level from the top, -1 if unknown.
func depth(reg *model.Registry, level string) int {
	for i, l := range reg.Levels {
		if l.ID == level {
			return i
		}
	}
	return -1
}

func (s *Site) Unit(u *model.Unit) *Unit {
	reg := s.site.Units
	v := &Unit{Unit: u, URL: s.unitURL[u.Code], Level: reg.Level(u.Level)}
	for p := reg.Unit(u.Parent); p != nil; p = reg.Unit(p.Parent) {
		v.Ancestors = append([]*UnitLink{{Unit: p, URL: s.unitURL[p.Code]}}, v.Ancestors...)
	}
	d := depth(reg, u.Level)
	children := reg.Children(u.Code)
	childDepth := d + 1
	if len(children) > 0 {
		v.ChildLevel = reg.Level(children[0].Level)
		childDepth = depth(reg, children[0].Level)
	}
	byUnit := s.byUnit()
	for _, k := range s.site.Kinds {
		kd := depth(reg, k.Level)
		if k.Level == "" || kd < d {
			continue
		}
		v.Activity = append(v.Activity, &KindCount{Kind: k, Count: s.prog.Activity[k.ID][u.Code]})
		if len(children) > 0 && kd >= childDepth {
			v.RowKinds = append(v.RowKinds, k)
		}
		if recs := byUnit[u.Code][k.ID]; len(recs) > 0 {
			v.Records = append(v.Records, &KindCount{Kind: k, Count: len(recs), Records: recs, Table: s.recordTable(k, recs, true, false)})
		}
	}
	for _, l := range s.Lists {
		ld := depth(reg, l.List.Level)
		switch {
		case ld == d:
			e := l.Entry[u.Code]
			ue := &UnitEntry{List: l, Entry: e}
			if e != nil {
				ue.State = e.State()
				ue.Label = s.Sentence("list."+string(ue.State), nil)
			}
			v.Standing = append(v.Standing, ue)
		case ld > d:
			sub := l.Below[u.Code]
			if sub == nil {
				sub = &progress.Subtotal{Unit: u}
			}
			v.Lists = append(v.Lists, &UnitList{List: l, Group: sub})
		}
	}
	for _, l := range s.Lists {
		if len(children) > 0 && depth(reg, l.List.Level) >= childDepth {
			v.RowLists = append(v.RowLists, l)
		}
	}
	for _, c := range children {
		row := &UnitRow{Unit: c, URL: s.unitURL[c.Code]}
		for _, k := range v.RowKinds {
			row.Activity = append(row.Activity, s.prog.Activity[k.ID][c.Code])
		}
		for _, l := range v.RowLists {
			st := &RowStand{}
			if depth(reg, l.List.Level) == childDepth {
				if e := l.Entry[c.Code]; e != nil {
					st.State = e.State()
					st.Label = s.Sentence("list."+string(st.State), nil)
				}
			} else if g := l.Below[c.Code]; g != nil {
				st.Count, st.IsCount = g.Held, true
			} else {
				st.IsCount = true
			}
			row.Lists = append(row.Lists, st)
		}
		v.Children = append(v.Children, row)
	}
	root := Root(v.URL)
	v.Crumbs = s.unitCrumbs(v, root)
	var b fragment
	b.raw("\n    <li><a href=\"")
	b.url(cmp.Or(root+s.routes.Units(), "./"))
	b.raw("\">")
	b.text(s.Sentence("unit.units", nil))
	b.raw("</a></li>")
	b.raw(string(v.Crumbs))
	v.Breadcrumb = b.HTML()
	v.SummaryTitle = s.summaryTitle
	v.Summary = s.unitSummary(v, root)
	v.Rows = s.unitRows(v, root)
	return v
}

// unitCrumbs writes the breadcrumb's links to the Ancestors of v.
func (s *Site) unitCrumbs(v *Unit, root string) template.HTML {
	var f fragment
	for _, a := range v.Ancestors {
		f.raw("\n    <li>")
		f.link(root+a.URL, s.orig(a.FullName()))
		f.raw("</li>")
	}
	return f.HTML()
}

// unitSummary writes the items of the summary of v: where it stands on the
// lists of its level, how many records name it and its units below, and
// how many of those hold the status of each list of a lower level.
func (s *Site) unitSummary(v *Unit, root string) template.HTML {
	var f fragment
	for _, e := range v.Standing {
		f.raw("\n  <li>")
		f.link(root+e.List.URL, e.List.List.Name)
		f.raw(": ")
		switch {
		case e.State == "":
			f.text(s.Sentence("unit.not_listed", nil))
		case e.Entry.Since.Year() != 0:
			f.text(e.Label + " (" + s.Sentence("unit.since", map[string]string{"date": s.f.Date(e.Entry.Since)}) + ")")
		default:
			f.text(e.Label)
		}
		f.raw("</li>")
	}
	for _, a := range v.Activity {
		f.raw("\n  <li>")
		f.text(a.Kind.Name + ": " + s.count("unit.records", a.Count))
		f.raw("</li>")
	}
	for _, l := range v.Lists {
		f.raw("\n  <li>")
		f.link(root+l.List.URL, l.List.List.Name)
		f.raw(": ")
		f.text(s.count("list.lead_held", l.Group.Held))
		if l.Group.Removed != 0 {
			f.text(", " + s.count("unit.lost", l.Group.Removed))
		}
		f.raw("</li>")
	}
	return f.HTML()
}

// unitRows writes the rows of the table of the units below v.
func (s *Site) unitRows(v *Unit, root string) template.HTML {
	var f fragment
	f.Grow(len(v.Children) * (160 + len(root) + 32*(len(v.RowKinds)+len(v.RowLists))))
	for _, c := range v.Children {
		f.raw("\n    <tr>\n      <th scope=\"row\">")
		f.link(root+c.URL, s.orig(c.Unit.FullName()))
		f.raw(`</th><td class="num">`)
		f.text(c.Unit.Code)
		f.raw("</td>\n      ")
		for _, n := range c.Activity {
			f.raw(`<td class="num">`)
			f.text(s.f.Number(float64(n), 0))
			f.raw("</td>")
		}
		f.raw("\n      ")
		for _, l := range c.Lists {
			switch {
			case l.IsCount:
				f.raw(`<td class="num">`)
				f.text(s.f.Number(float64(l.Count), 0))
				f.raw("</td>")
			case l.State != "":
				f.raw("<td>")
				f.text(l.Label)
				f.raw("</td>")
			default:
				f.raw(`<td><span class="muted">–</span></td>`)
			}
		}
		f.raw("\n    </tr>")
	}
	return f.HTML()
}

// count returns the text key about the number n, its placeholder {n}
// filled.
func (s *Site) count(key string, n int) string {
	return s.SentenceN(key, float64(n), map[string]string{"n": s.f.Number(float64(n), 0)})
}

// countBelow counts the units of a level below u.
func countBelow(reg *model.Registry, u *model.Unit, level string) int {
	n := 0
	for _, c := range reg.Children(u.Code) {
		if c.Level == level {
			n++
		} else {
			n += countBelow(reg, c, level)
		}
	}
	return n
}

// listRows writes the table rows of entries of list v: the unit, its
// standing, since when, its score and grade if the list has a rubric, and
// the note. Each row carries the folded names of the unit and its parent
// for the page's filter.
func (s *Site) listRows(v *List, entries []*progress.Entry) template.HTML {
	var f fragment
	for _, e := range entries {
		name := e.Unit.FullName()
		f.raw("\n      <tr data-search=\"")
		f.text(search.Fold(name))
		f.raw(" | ")
		f.text(search.Fold(s.ParentName(e.Unit)))
		f.raw("\">\n        <th scope=\"row\">")
		f.text(s.orig(name))
		f.raw("</th>\n        <td>")
		switch {
		case e.Lost:
			f.raw(`<span class="status status--not_met"><span aria-hidden="true">✗</span> `)
			f.text(s.Sentence("list.removed", nil))
			f.raw("</span> (")
			f.text(s.f.Date(e.LostOn))
			f.raw(")")
		case e.New:
			f.raw(`<span class="status status--met"><span aria-hidden="true">★</span> `)
			f.text(s.Sentence("list.added", nil))
			f.raw("</span>")
		default:
			f.raw(`<span class="status status--kept"><span aria-hidden="true">✓</span> `)
			f.text(s.Sentence("list.kept", nil))
			f.raw("</span>")
		}
		f.raw("</td>\n        <td>")
		f.text(s.f.Date(e.Since))
		f.raw("</td>\n        ")
		if v.Rubric != nil {
			f.raw(`<td class="num">`)
			if len(e.Scores) > 0 {
				f.text(v.Total(e))
			} else {
				f.raw("–")
			}
			f.raw("</td><td>")
			f.text(e.Grade)
			f.raw("</td>")
		}
		f.raw("\n        <td>")
		f.text(s.orig(e.Note))
		f.raw("</td>\n      </tr>")
	}
	return f.HTML()
}

// RegistryRows writes a row of the registry's table for each unit: its
// code, its full name and, when the registry has more than one level, its
// parent's full name.
func (s *Site) RegistryRows() template.HTML {
	var f fragment
	reg := s.site.Units
	nested := len(reg.Levels) > 1
	for _, u := range reg.Units {
		f.raw("\n        <tr><td class=\"num\">")
		f.text(u.Code)
		f.raw("</td><td>")
		f.text(s.orig(u.FullName()))
		f.raw("</td>")
		if nested {
			f.raw("<td>")
			f.text(s.orig(s.ParentName(u)))
			f.raw("</td>")
		}
		f.raw("</tr>")
	}
	return f.HTML()
}

// ParentName returns the full name of u's parent, or "".
func (s *Site) ParentName(u *model.Unit) string {
	if p := s.site.Units.Unit(u.Parent); p != nil {
		return p.FullName()
	}
	return ""
}

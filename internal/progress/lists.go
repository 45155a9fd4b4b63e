package progress

import (
	"maps"
	"slices"
	"time"

	"github.com/minhbach/minhbach/internal/model"
)

// ListState is a list as of the latest report: who holds the status, who
// joined and who lost it.
type ListState struct {
	List    *model.List
	Entries []*Entry // baseline members, then units added, in registry order
	Tally            // the entries of each standing
	// Entry is the entry of each unit on the list, by unit code.
	Entry map[string]*Entry
	// Below are, for every unit above the list's level with an entry
	// below it, by unit code, those entries and their tally.
	Below map[string]*Subtotal
}

// Tally counts the entries of a list by standing: Held includes Added.
type Tally struct {
	Held, Added, Removed int
}

// count adds e to the tally.
func (t *Tally) count(e *Entry) {
	switch e.State() {
	case Removed:
		t.Removed++
	case Added:
		t.Added++
		t.Held++
	default:
		t.Held++
	}
}

// Subtotal is the entries of a list below one unit.
type Subtotal struct {
	Unit    *model.Unit
	Entries []*Entry
	Tally
}

// EntryState is an entry's standing on its list.
type EntryState string

// The standings of an entry.
const (
	Kept    EntryState = "kept"    // held the status all along (a baseline member)
	Added   EntryState = "added"   // holds it and was not a baseline member
	Removed EntryState = "removed" // left during the period
)

// State returns the entry's standing.
func (e *Entry) State() EntryState {
	switch {
	case e.Lost:
		return Removed
	case e.New:
		return Added
	}
	return Kept
}

// Entry is one unit that is or was on a list during the period.
type Entry struct {
	Unit   *model.Unit
	Since  time.Time // when it joined; zero if unknown
	New    bool      // holds the status and was not a baseline member
	Lost   bool      // left during the period
	LostOn time.Time
	Note   string // the reason given for the latest change
	Scores map[string]float64
	Total  float64 // sum of Scores, in the rubric's criterion order
	Grade  string  // the rubric's grade for Total, if scored
}

func (c *computer) list(l *model.List) *ListState {
	st := &ListState{List: l, Entry: map[string]*Entry{}, Below: map[string]*Subtotal{}}
	byCode := map[string]*Entry{}
	baseline := map[string]bool{}
	for _, m := range l.Members {
		e := &Entry{Unit: m.Unit, Since: m.Since, Scores: m.Scores}
		byCode[m.Unit.Code] = e
		baseline[m.Unit.Code] = true
	}
	if !c.latest.IsZero() {
		for _, ch := range c.changesTo(l, c.latest) {
			e := byCode[ch.Unit.Code]
			switch {
			case ch.Change == model.Added:
				if e == nil || e.Lost {
					e = &Entry{Unit: ch.Unit}
					byCode[ch.Unit.Code] = e
				}
				// A baseline member added back is not new: it held the
				// status when the period started.
				e.Since, e.New, e.Lost, e.LostOn = ch.Date, !baseline[ch.Unit.Code], false, time.Time{}
				if ch.Scores != nil {
					e.Scores = ch.Scores
				}
			case e != nil:
				e.Lost, e.LostOn = true, ch.Date
			default:
				// Removing a unit that was never on the list: load reports
				// nothing for it, so keep it visible as lost.
				e = &Entry{Unit: ch.Unit, Lost: true, LostOn: ch.Date}
				byCode[ch.Unit.Code] = e
			}
			e.Note = ch.Note
		}
	}
	for _, u := range c.site.Units.Units {
		e := byCode[u.Code]
		if e == nil {
			continue
		}
		e.Total = total(l.Rubric, e.Scores)
		// A unit that lost its status keeps its old scores, but not the
		// grade they earned.
		if l.Rubric != nil && len(e.Scores) > 0 && !e.Lost {
			e.Grade = l.Rubric.Grade(e.Total)
		}
		st.count(e)
		st.Entries = append(st.Entries, e)
		st.Entry[u.Code] = e
		units := c.site.Units
		for p := units.Unit(u.Parent); p != nil; p = units.Unit(p.Parent) {
			sub := st.Below[p.Code]
			if sub == nil {
				sub = &Subtotal{Unit: p}
				st.Below[p.Code] = sub
			}
			sub.Entries = append(sub.Entries, e)
			sub.count(e)
		}
	}
	return st
}

// membership follows who holds a list's status, change by change, and keeps
// the counts of new and removed units (see the package documentation).
type membership struct {
	baseline map[string]bool // unit code → a member when the period starts
	holds    map[string]bool // unit code → holds the status, for units with a change
	added    int             // units that hold the status and are not baseline members
	removed  int             // units whose latest change removed them
}

func newMembership(l *model.List) *membership {
	m := &membership{baseline: map[string]bool{}, holds: map[string]bool{}}
	for _, mem := range l.Members {
		m.baseline[mem.Unit.Code] = true
	}
	return m
}

// change applies one change to the counts.
func (m *membership) change(ch *model.ListChange) {
	code := ch.Unit.Code
	m.count(code, -1)
	m.holds[code] = ch.Change == model.Added
	m.count(code, +1)
}

// count adds sign to the count code falls in.
func (m *membership) count(code string, sign int) {
	holds, changed := m.holds[code]
	switch {
	case !changed:
	case holds && !m.baseline[code]:
		m.added += sign
	case !holds:
		m.removed += sign
	}
}

// total adds scores in the rubric's criterion order. Floating-point addition
// depends on order: in map order the same scores make 4.999999999999999 in
// one build and 5 in the next. Load accepts scores only for criteria of the
// rubric; any other would be added last, in key order.
func total(r *model.Rubric, scores map[string]float64) float64 {
	var sum float64
	inRubric := map[string]bool{}
	if r != nil {
		for _, c := range r.Contents {
			for _, k := range c.Criteria {
				if v, ok := scores[k.ID]; ok && !inRubric[k.ID] {
					sum += v
				}
				inRubric[k.ID] = true
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(scores)) {
		if !inRubric[id] {
			sum += scores[id]
		}
	}
	return sum
}

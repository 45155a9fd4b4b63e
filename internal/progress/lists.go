package progress

import (
	"time"

	"github.com/minhbach/minhbach/internal/model"
)

// ListState is a list as of the latest report: who holds the status, who
// joined and who lost it.
type ListState struct {
	List    *model.List
	Entries []*Entry // baseline members, then units added, in registry order
	// Held, Added and Removed count the entries of each kind; Held includes
	// Added.
	Held, Added, Removed int
}

// Entry is one unit that is or was on a list during the period.
type Entry struct {
	Unit   *model.Unit
	Since  time.Time // when it joined; zero if unknown
	New    bool      // joined during the period
	Lost   bool      // left during the period
	LostOn time.Time
	Note   string // the reason given for the latest change
	Scores map[string]float64
	Total  float64 // sum of Scores
	Grade  string  // the rubric's grade for Total, if scored
}

func (c *computer) list(l *model.List) *ListState {
	st := &ListState{List: l}
	byCode := map[string]*Entry{}
	for _, m := range l.Members {
		e := &Entry{Unit: m.Unit, Since: m.Since, Scores: m.Scores}
		byCode[m.Unit.Code] = e
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
				e.Since, e.New, e.Lost, e.LostOn = ch.Date, true, false, time.Time{}
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
		for _, v := range e.Scores {
			e.Total += v
		}
		// A unit that lost its status keeps its old scores, but not the
		// grade they earned.
		if l.Rubric != nil && len(e.Scores) > 0 && !e.Lost {
			e.Grade = l.Rubric.Grade(e.Total)
		}
		switch {
		case e.Lost:
			st.Removed++
		case e.New:
			st.Added++
			st.Held++
		default:
			st.Held++
		}
		st.Entries = append(st.Entries, e)
	}
	return st
}

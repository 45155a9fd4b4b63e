package view

import (
	"slices"
	"time"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/routes"
)

// Releases is what the site's ledger of releases says to readers: the page
// of releases, the date of the latest correction on the home page. It is
// nil for a site without a ledger.
type Releases struct {
	Releases []*Release // newest first
	// Pending are the corrections declared in a published report that has
	// no release yet: they count, and are released with it.
	Pending        []*Correction
	LastCorrection time.Time // zero if there is none
	// Corrected says when the figures were last corrected, or that they
	// never were.
	Corrected string
	Latest    *Release // the latest release
	// Unreleased are the published months after the latest release.
	Unreleased []model.Month
}

// Release is one release of a month's figures.
type Release struct {
	Month       model.Month
	Date        time.Time
	ID          string // the anchor on the page of releases
	Title       string // e.g. "Số liệu tháng 08/2017"
	Released    string // e.g. "phát hành ngày 07/09/2017"
	Records     string // the heading of Kinds
	First       bool   // the first release
	Kinds       []*KindCount
	Moves       []*Move
	Corrections []*Correction // declared in the month's report
}

// Move is a target whose status a release changed, from the release before.
type Move struct {
	Target   *Target
	From, To progress.Status
	Text     string // e.g. "Chỉ tiêu 2: Đúng tiến độ → Không đạt"
}

// Correction is a declared correction with the figures it changed.
type Correction struct {
	*model.Correction
	Text    string // what, when and why, in one sentence
	Figures []*Revision
}

// Revision is a target's figure of a month revised after its first
// release: the layouts show it as text wherever the figure appears.
type Revision struct {
	Target      *Target
	Month       model.Month
	First, Now  string // the values as first published and now; "–" for none
	FirstStatus progress.Status
	NowStatus   progress.Status
	Released    time.Time // the first publication
	Date        time.Time // of the latest correction covering it
	What, Why   string    // of that correction
	ID          string    // the anchor of its note on the target's page
	// Cell is the short mark beside a value in a table, Text the whole
	// note: the value now, the first-published value, the date, the
	// reason.
	Cell, Text string
}

// releasesView builds the views of the ledger h; targets are already built.
func (s *Site) releasesView(h *release.History) {
	if h == nil || h.Ledger == nil {
		return
	}
	byID := map[string]*Target{}
	for _, t := range s.Targets {
		byID[t.Target.ID] = t
	}
	rs := &Releases{LastCorrection: h.LastCorrection(), Unreleased: h.Unreleased}
	rs.Corrected = s.Sentence("home.no_correction", nil)
	if !rs.LastCorrection.IsZero() {
		rs.Corrected = s.Sentence("home.last_correction", map[string]string{"date": s.f.Date(rs.LastCorrection)})
	}
	// Revisions first: the corrections list the figures they changed.
	covered := map[*model.Correction][]*Revision{}
	for _, r := range h.Revisions {
		t := byID[r.Target]
		if t == nil || len(r.Corrections) == 0 {
			continue // a target removed since has no page to mark
		}
		v := s.revisionView(t, r)
		for _, m := range t.Months {
			if m.Month.Month == r.Month {
				m.Revision = v
			}
		}
		for _, p := range t.Periods {
			for _, m := range p.months {
				if m == r.Month && (p.Revision == nil || p.Revision.Month.Before(m)) {
					p.Revision = v
				}
			}
		}
		t.Revisions = append(t.Revisions, v)
		for _, c := range r.Corrections {
			covered[c] = append(covered[c], v)
		}
	}
	for _, u := range s.Updates {
		for _, tm := range u.Statuses {
			for _, m := range tm.Target.Months {
				if m.Month == tm.Month {
					tm.Revision = m.Revision
				}
			}
		}
	}
	byReport := map[model.Month][]*Correction{}
	for _, c := range h.Corrections {
		args := map[string]string{"month": s.f.Month(c.Month), "date": s.f.Date(c.Date), "what": s.orig(c.What), "why": s.orig(c.Why)}
		cv := &Correction{Correction: c, Text: s.Sentence("releases.correction", args), Figures: covered[c]}
		if h.Ledger.Entry(c.Report.Month) == nil {
			rs.Pending = append(rs.Pending, cv)
			continue
		}
		byReport[c.Report.Month] = append(byReport[c.Report.Month], cv)
	}
	for _, e := range h.Ledger.Entries {
		rv := &Release{Month: e.Month, Date: e.Date, ID: routes.Release(e.Month), Corrections: byReport[e.Month],
			Title:    s.Sentence("releases.release", map[string]string{"month": s.f.Month(e.Month)}),
			Released: s.Sentence("releases.date", map[string]string{"date": s.f.Date(e.Date)}),
			Records:  s.Sentence("releases.records", map[string]string{"month": s.f.Month(e.Month)}),
			First:    e == h.Ledger.Entries[0]}
		if rep := s.report[e.Month]; rep != nil {
			for _, k := range s.site.Kinds {
				rv.Kinds = append(rv.Kinds, &KindCount{Kind: k, Count: len(rep.Records[k.ID])})
			}
		}
		for _, mv := range h.Ledger.StatusMoves(e) {
			t := byID[mv.Target]
			if t == nil {
				continue
			}
			rv.Moves = append(rv.Moves, &Move{Target: t, From: mv.From, To: mv.To, Text: s.Sentence("releases.move", map[string]string{
				"number": s.f.Number(float64(t.Target.Number), 0), "name": t.Target.Name,
				"from": s.Sentence("status."+string(mv.From), nil), "to": s.Sentence("status."+string(mv.To), nil),
			})})
		}
		rs.Releases = append(rs.Releases, rv)
	}
	if n := len(rs.Releases); n > 0 {
		rs.Latest = rs.Releases[n-1]
	}
	slices.Reverse(rs.Releases)
	s.Releases = rs
}

// revisionView words the revision r of target t's figures.
func (s *Site) revisionView(t *Target, r *release.Revision) *Revision {
	c := r.Corrections[len(r.Corrections)-1]
	v := &Revision{Target: t, Month: r.Month, Released: r.Release.Date, Date: c.Date, What: c.What, Why: c.Why,
		ID: "dinh-chinh-" + r.Month.String(), First: "–", Now: "–", FirstStatus: progress.NoData, NowStatus: progress.NoData}
	var pace float64
	for _, m := range t.Months {
		if m.Month.Month == r.Month {
			pace = m.Pace
		}
	}
	value := func(f *release.Figure) string {
		if f == nil || !f.HasValue || t.Assessed {
			return "–"
		}
		m := &progress.Month{Value: f.Value, Pace: pace}
		return s.formatValue(t.Target, f.Value, valueDecimals(t.Target, m))
	}
	if r.First != nil {
		v.First, v.FirstStatus = value(r.First), r.First.Status
	}
	if r.Current != nil {
		v.Now, v.NowStatus = value(r.Current), r.Current.Status
	}
	args := map[string]string{
		"month": s.f.Month(r.Month), "first": v.First, "now": v.Now,
		"first_status": s.Sentence("status."+string(v.FirstStatus), nil),
		"status":       s.Sentence("status."+string(v.NowStatus), nil),
		"released":     s.f.Date(v.Released), "date": s.f.Date(v.Date),
		"what": s.orig(v.What), "why": s.orig(v.Why), "number": s.f.Number(float64(t.Target.Number), 0), "name": t.Target.Name,
	}
	v.Cell = s.Sentence("revision.cell", args)
	v.Text = s.Sentence("revision.text", args)
	return v
}

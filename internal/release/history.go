package release

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// History is what the ledger says of a site's data now: its releases, the
// figures revised since, and the corrections that explain them.
type History struct {
	Ledger *Ledger
	// Revisions are the figures that moved since their release, by month,
	// then in the order of the release's targets.
	Revisions []*Revision
	// Corrections are the valid corrections of every published report, by
	// date, then month.
	Corrections []*model.Correction
	// Vintages are every figure as released, and every revised figure as
	// corrected: the vintage table of the open data.
	Vintages []Vintage
	// Unreleased are the published months after the latest release.
	Unreleased []model.Month
}

// Revision is one target's figures of one released month that moved since
// the release.
type Revision struct {
	Target  string
	Month   model.Month
	Release *Entry
	First   *Figure // as released; nil for a target added since
	Current *Figure // as computed now; nil for a target removed since
	// Corrections are the corrections that cover the change, by date.
	Corrections []*model.Correction
}

// Vintage is one row of the vintage table: a target's figures of a month
// as published on a day.
type Vintage struct {
	Target  string
	Month   model.Month
	Release time.Time // the day these figures were published
	Figure  Figure
	Revised bool // published by a correction, not by the month's release
}

// Revision returns the revision of the target's figures of month m, or nil
// if they are as released (or were never released).
func (h *History) Revision(target string, m model.Month) *Revision {
	if h == nil {
		return nil
	}
	for _, r := range h.Revisions {
		if r.Target == target && r.Month == m {
			return r
		}
	}
	return nil
}

// LastCorrection returns the date of the latest correction, or the zero
// time if there is none.
func (h *History) LastCorrection() time.Time {
	if h == nil || len(h.Corrections) == 0 {
		return time.Time{}
	}
	return dateOf(h.Corrections[len(h.Corrections)-1].Date)
}

// Figures returns every target's figures of month m, in target order: what
// a release of m records. A month outside the plan period has no data.
func Figures(p *progress.Progress, m model.Month) []Figure {
	out := make([]Figure, 0, len(p.Results))
	i := slices.Index(p.Months, m)
	for _, r := range p.Results {
		f := Figure{Target: r.Target.ID, Status: progress.NoData}
		if i >= 0 && i < len(r.Months) {
			mr := r.Months[i]
			f.Status, f.Num, f.Den = mr.Status, mr.Num, mr.Den
			f.Value, f.HasValue = mr.Value, mr.HasValue
		}
		out = append(out, f)
	}
	return out
}

// fileChange is a dependency of a release whose content differs now.
type fileChange struct {
	old, now string // hashes; "" when absent
}

// Check reads the ledger of the site s, read from fsys, and compares the
// data with it: the problems are a *diag.ListError (see the package
// documentation for what must be covered by a correction). It returns nil
// and no error for a site without a ledger and without corrections.
func Check(fsys fs.FS, s *model.Site, p *progress.Progress) (*History, error) {
	l, err := Read(fsys)
	if err != nil {
		return nil, err
	}
	var corrections []*model.Correction
	for _, r := range s.Reports {
		corrections = append(corrections, r.Corrections...)
	}
	var errs diag.List
	if l == nil {
		for _, c := range corrections {
			at := c.Where.Field("month")
			errs.Add(at.Path, at.Line, at.Col, "%s has no release: the site has no %s, and only released figures are corrected; remove this correction (a month not yet released is simply edited)", c.Month, Path)
		}
		return nil, errs.Err()
	}
	h := &History{Ledger: l}
	hs := newHasher(fsys)
	moved := map[model.Month][]*Revision{}
	changed := map[model.Month]map[string]fileChange{}
	for _, e := range l.Entries {
		now, err := hs.deps(s, e.Month)
		if err != nil {
			errs.AddError(Path, err)
			continue
		}
		changed[e.Month] = diffFiles(e.Files, now)
		moved[e.Month] = diffFigures(e, Figures(p, e.Month))
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}

	reportChanged := func(m model.Month) bool {
		_, ok := changed[m][reportPath(m)]
		return ok
	}
	movedTarget := func(m model.Month, id string) bool {
		return slices.ContainsFunc(moved[m], func(r *Revision) bool { return r.Target == id })
	}
	corrected := map[model.Month][]*model.Correction{}
	for _, c := range corrections {
		e := l.Entry(c.Month)
		switch {
		case e == nil:
			at := c.Where.Field("month")
			errs.Add(at.Path, at.Line, at.Col, "%s has no release in %s: only released figures are corrected; remove this correction (a month not yet released is simply edited)", c.Month, Path)
		case dateOf(c.Date).Before(e.Date):
			at := c.Where.Field("date")
			errs.Add(at.Path, at.Line, at.Col, "date %s is before %s, the day %s was released: a correction is made after the release", c.Date.Format(time.DateOnly), e.Date.Format(time.DateOnly), c.Month)
		case len(moved[c.Month]) == 0 && len(changed[c.Month]) == 0, len(moved[c.Month]) == 0 && !reportChanged(c.Month) && onlyReports(changed[c.Month]):
			at := c.Where.Pos()
			errs.Add(at.Path, at.Line, at.Col, "this correction of %s changes nothing: the figures of %s, its report and the other files its release depended on are as released on %s; remove it, or make the change it declares", c.Month, c.Month, e.Date.Format(time.DateOnly))
		default:
			corrected[c.Month] = append(corrected[c.Month], c)
			h.Corrections = append(h.Corrections, c)
		}
	}
	slices.SortStableFunc(h.Corrections, func(a, b *model.Correction) int {
		return cmp.Or(a.Date.Compare(b.Date), cmpMonth(a.Month, b.Month))
	})
	latest := "the latest report"
	if n := len(s.Reports); n > 0 {
		latest = s.Reports[n-1].Path
	}
	// A correction in a draft does not count yet: say so where it would.
	waiting := map[model.Month]string{}
	for _, r := range s.Drafts.Reports {
		for _, c := range r.Corrections {
			waiting[c.Month] = fmt.Sprintf(" (the correction of %s in %s counts once that report is published)", c.Month, r.Path)
		}
	}

	// Moved figures: covered by a correction of their month, or of an
	// earlier month in which the same target moved or whose report changed.
	uncovered := map[string][]*Revision{} // by target
	var order []string
	for _, e := range l.Entries {
		for _, r := range moved[e.Month] {
			for _, m := range slices.SortedFunc(maps.Keys(corrected), cmpMonth) {
				if e.Month.Before(m) {
					continue
				}
				if m == e.Month || movedTarget(m, r.Target) || reportChanged(m) {
					r.Corrections = append(r.Corrections, corrected[m]...)
				}
			}
			slices.SortStableFunc(r.Corrections, func(a, b *model.Correction) int { return a.Date.Compare(b.Date) })
			h.Revisions = append(h.Revisions, r)
			if len(r.Corrections) == 0 {
				if _, seen := uncovered[r.Target]; !seen {
					order = append(order, r.Target)
				}
				uncovered[r.Target] = append(uncovered[r.Target], r)
			}
		}
	}
	for _, id := range order {
		rs := uncovered[id]
		r := rs[0]
		later := ""
		if n := len(rs) - 1; n > 0 {
			later = fmt.Sprintf(" (and its figures of %d later released month(s))", n)
		}
		pos := r.Release.Pos
		errs.Add(Path, pos.Line, pos.Col, "target %q of %s was released on %s as %s and is now %s%s, since %s changed: no correction declares it; undo the change, or declare it in [[corrections]] of %s with month = %q, date, what and why%s",
			id, r.Month, r.Release.Date.Format(time.DateOnly), describe(r.First), describe(r.Current), later, changedList(changed[r.Month]), latest, r.Month.String(), waiting[r.Month])
	}

	// Changed files: a month's report is covered by a correction of its
	// month, or of an earlier month whose report changed too; another
	// file by a correction of a month whose release recorded it as it was,
	// or of an earlier month whose report changed.
	byFile := map[string][]model.Month{}
	for _, e := range l.Entries {
		for p := range changed[e.Month] {
			byFile[p] = append(byFile[p], e.Month)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(byFile)) {
		months := byFile[p]
		if m, ok := reportMonth(p); ok && slices.Contains(months, m) {
			months = []model.Month{m}
		}
		first := months[0]
		covered := false
		for m := range corrected {
			if slices.Contains(months, m) || m.Before(first) && reportChanged(m) {
				covered = true
			}
		}
		if covered {
			continue
		}
		e := l.Entry(first)
		errs.Add(Path, e.Pos.Line, e.Pos.Col, "%s %s since the release of %s on %s: no correction declares it; undo the change, or declare it in [[corrections]] of %s with month = %q, date, what and why%s",
			p, changed[first][p].words(p), first, e.Date.Format(time.DateOnly), latest, first.String(), waiting[first])
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}

	for _, e := range l.Entries {
		for _, f := range e.Figures {
			h.Vintages = append(h.Vintages, Vintage{Target: f.Target, Month: e.Month, Release: e.Date, Figure: f})
		}
		for _, r := range moved[e.Month] {
			if r.Current != nil && len(r.Corrections) > 0 {
				day := dateOf(r.Corrections[len(r.Corrections)-1].Date)
				h.Vintages = append(h.Vintages, Vintage{Target: r.Target, Month: e.Month, Release: day, Figure: *r.Current, Revised: true})
			}
		}
	}
	last := l.Last()
	for _, r := range s.Reports {
		if last == nil || last.Month.Before(r.Month) {
			h.Unreleased = append(h.Unreleased, r.Month)
		}
	}
	return h, nil
}

func diffFiles(was, now map[string]string) map[string]fileChange {
	out := map[string]fileChange{}
	for p, h := range was {
		if now[p] != h {
			out[p] = fileChange{old: h, now: now[p]}
		}
	}
	for p, h := range now {
		if _, ok := was[p]; !ok {
			out[p] = fileChange{now: h}
		}
	}
	return out
}

func diffFigures(e *Entry, now []Figure) []*Revision {
	var out []*Revision
	cur := map[string]int{}
	for i, f := range now {
		cur[f.Target] = i
	}
	released := map[string]bool{}
	for _, f := range e.Figures {
		released[f.Target] = true
		first := f
		i, ok := cur[f.Target]
		switch {
		case !ok:
			out = append(out, &Revision{Target: f.Target, Month: e.Month, Release: e, First: &first})
		case !f.Equal(now[i]):
			current := now[i]
			out = append(out, &Revision{Target: f.Target, Month: e.Month, Release: e, First: &first, Current: &current})
		}
	}
	for _, f := range now {
		if !released[f.Target] {
			current := f
			out = append(out, &Revision{Target: f.Target, Month: e.Month, Release: e, Current: &current})
		}
	}
	return out
}

// onlyReports reports whether every changed file is a report (of other
// months: those of later months are not a release's dependencies).
func onlyReports(files map[string]fileChange) bool {
	for p := range files {
		if _, ok := reportMonth(p); !ok {
			return false
		}
	}
	return true
}

// words says how the file p changed, and for a data file what of it
// counts.
func (c fileChange) words(p string) string {
	switch {
	case c.old == "":
		return "was added (a report published, or a file created, after the release)"
	case c.now == "":
		return "was removed or is no longer published"
	}
	what := "a record or a value: all of a report counts but its [[corrections]]"
	if k := countedOf(p); k != nil {
		what = k.what
	}
	return fmt.Sprintf("has changed in what the figures depend on (%s; content hash %s… at the release, %s… now)", what, short(c.old), short(c.now))
}

func changedList(files map[string]fileChange) string {
	if len(files) == 0 {
		return "no data file (a new version of minhbach computes it otherwise)"
	}
	return strings.Join(slices.Sorted(maps.Keys(files)), ", ")
}

func describe(f *Figure) string {
	if f == nil {
		return "absent"
	}
	return f.String()
}

func reportPath(m model.Month) string { return "data/reports/" + m.String() + ".toml" }

func reportMonth(p string) (model.Month, bool) {
	name, ok := strings.CutPrefix(p, "data/reports/")
	if !ok {
		return model.Month{}, false
	}
	m, err := model.ParseMonth(strings.TrimSuffix(name, ".toml"))
	return m, err == nil
}

func cmpMonth(a, b model.Month) int {
	switch {
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// Released returns the target's figures of month m as released, and
// whether m was released with a figure of that target.
func (h *History) Released(target string, m model.Month) (Figure, bool) {
	if h == nil {
		return Figure{}, false
	}
	if e := h.Ledger.Entry(m); e != nil {
		for _, f := range e.Figures {
			if f.Target == target {
				return f, true
			}
		}
	}
	return Figure{}, false
}

// StatusMove is a target whose status a release changed: its status in the
// released month and in the month of the release before.
type StatusMove struct {
	Target   string
	From, To progress.Status
}

// StatusMoves returns, in target order, the targets whose status in the
// release e differs from their status in the release before it; none for
// the first release. A target new in e moves from no_data.
func (l *Ledger) StatusMoves(e *Entry) []StatusMove {
	i := slices.Index(l.Entries, e)
	if i <= 0 {
		return nil
	}
	before := map[string]progress.Status{}
	for _, f := range l.Entries[i-1].Figures {
		before[f.Target] = f.Status
	}
	var out []StatusMove
	for _, f := range e.Figures {
		from, ok := before[f.Target]
		if !ok {
			from = progress.NoData
		}
		if from != f.Status {
			out = append(out, StatusMove{Target: f.Target, From: from, To: f.Status})
		}
	}
	return out
}

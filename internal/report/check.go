package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// Published splits reports into those with a published date and the
// drafts: a report made by "new month" and not yet filled in must not count
// as a month reported with no records.
func Published(reports []*model.Report) (done, drafts []*model.Report) {
	for _, r := range reports {
		if r.Published.IsZero() {
			drafts = append(drafts, r)
		} else {
			done = append(done, r)
		}
	}
	return done, drafts
}

// Duplicates records in errs the records entered twice in one report: the
// same kind, unit and values. (Two months may well hold equal records, such
// as the same count of cases in one district.)
func Duplicates(reports []*model.Report, errs *diag.List) {
	for _, r := range reports {
		n := 0
		for _, recs := range r.Records {
			n += len(recs)
		}
		seen := make(map[string]*model.Record, n)
		var key []byte
		for _, k := range sortedKeys(r.Records) {
			for _, rec := range r.Records[k] {
				key = recordKey(key[:0], rec)
				if first, ok := seen[string(key)]; ok {
					at := rec.Where.Pos()
					errs.Add(at.Path, at.Line, at.Col, "this %s record repeats the one on line %d: remove one of them", k, first.Where.Pos().Line)
					continue
				}
				seen[string(key)] = rec
			}
		}
	}
}

// recordKey appends to b what makes two records of one report the same.
func recordKey(b []byte, rec *model.Record) []byte {
	b = append(b, rec.Kind.ID...)
	if rec.Unit != nil {
		b = append(append(b, 0), rec.Unit.Code...)
	}
	for _, f := range rec.Kind.Fields {
		b = append(append(b, 0), rec.Values[f.ID].Text...)
	}
	return b
}

// CheckUnit looks up a unit code of the given level, recording a problem at
// key of f if there is none: the unit of a record, a list change or a
// list's member.
// Nothing is recorded if the registry is broken: the units file's own
// problems come first.
func CheckUnit(f *tomlfile.File, key, code, level string, units *model.Registry, broken bool) *model.Unit {
	code = strings.TrimSpace(code)
	if code == "" {
		f.At(key, "missing \"unit\": the code of a unit in %s", unitsPath)
		return nil
	}
	if broken {
		return nil
	}
	u := units.Unit(code)
	switch {
	case u == nil:
		f.At(key, "unknown unit code %q: it is not in %s", code, unitsPath)
	case level != "" && u.Level != level:
		if lv := units.Level(level); lv != nil {
			f.At(key, "unit %q (%s) is not one of the %s counted here", code, u.FullName(), lv.Name)
		}
		return nil
	}
	return u
}

// CheckScores checks that scores name criteria of the rubric within their
// maximum points, recording the problems at key of f.
func CheckScores(f *tomlfile.File, key string, scores map[string]float64, r *model.Rubric) {
	if len(scores) == 0 {
		return
	}
	if r == nil {
		f.At(key, "scores need a rubric: add rubric = \"NAME\" to the list file")
		return
	}
	max := map[string]float64{}
	for _, c := range r.Contents {
		for _, k := range c.Criteria {
			max[k.ID] = k.Max
		}
	}
	for _, id := range sortedKeys(scores) {
		m, ok := max[id]
		switch {
		case !ok:
			f.At(keyPath(key, id), "unknown criterion %q: it is not in rubric %q", id, r.ID)
		case scores[id] < 0 || scores[id] > m:
			f.At(keyPath(key, id), "score %v for criterion %q is out of range: use 0 to %v", scores[id], id, m)
		}
	}
}

// Check records in errs the problems that only show across the reports and
// the data files: a list change that contradicts the list, a ratio whose
// parts contradict each other.
//
// Draft reports are checked with the published ones, in month order: their
// mistakes are found before they are published.
func Check(s *model.Site, errs *diag.List) {
	reports := slices.SortedFunc(slices.Values(slices.Concat(s.Reports, s.Drafts.Reports)), func(a, b *model.Report) int {
		return cmp.Compare(a.Month.String(), b.Month.String())
	})
	checkLists(s, reports, errs)
	checkRatios(s, reports, errs)
}

// checkLists replays every list's changes month by month: a unit added must
// not hold the status already, a unit removed must hold it, and a unit
// changes at most once per report.
func checkLists(s *model.Site, reports []*model.Report, errs *diag.List) {
	for _, list := range s.Lists {
		on := map[string]bool{}
		for _, m := range list.Members {
			on[m.Unit.Code] = true
			if !m.Since.IsZero() && !model.MonthOf(m.Since).Before(s.Config.Plan.Start) && !s.Config.Plan.Start.IsZero() {
				errs.Add(m.Pos.Path, m.Pos.Line, m.Pos.Col, "%s joined on %s, after the period starts (%s): list it as a list change in that month's report instead",
					m.Unit.FullName(), m.Since.Format("2006-01-02"), s.Config.Plan.Start)
			}
		}
		for _, r := range reports {
			changed := map[string]bool{}
			for _, c := range r.Changes {
				if c.List != list {
					continue
				}
				code := c.Unit.Code
				switch {
				case changed[code]:
					errAt(errs, c.Where.Pos(), "%s changes twice on list %q in one report: keep one change", c.Unit.FullName(), list.ID)
				case c.Change == model.Added && on[code]:
					errAt(errs, c.Where.Pos(), "%s is already on list %q: it cannot be added again", c.Unit.FullName(), list.ID)
				case c.Change == model.Removed && !on[code]:
					errAt(errs, c.Where.Pos(), "%s is not on list %q: it cannot be removed", c.Unit.FullName(), list.ID)
				}
				changed[code] = true
				on[code] = c.Change == model.Added
			}
		}
	}
}

// checkRatios checks, for every ratio target whose numerator is part of its
// denominator (part_of_whole), that the numerator never exceeds the
// denominator from the start of the period: 100% of cases detected can be
// handled, not more. Other ratios may pass 100%.
func checkRatios(s *model.Site, reports []*model.Report, errs *diag.List) {
	for _, t := range s.Targets {
		if t.Rule != model.Ratio || !t.PartOfWhole || t.Kind == nil {
			continue
		}
		var num, den float64
		for _, r := range reports {
			for _, rec := range t.Records(r.Records[t.Kind.ID]) {
				num += rec.Values[t.Numerator].Number
				den += rec.Values[t.Denominator].Number
				if num > den {
					errAt(errs, rec.Where.Field(t.Numerator), "%s (%s) adds up to %v since the period started, more than the %v of %s (%s): check the figures of this record",
						t.Numerator, t.Kind.Field(t.Numerator).Name, num, den, t.Denominator, t.Kind.Field(t.Denominator).Name)
					num = den // report each excess once
				}
			}
		}
	}
}

// errAt records a problem at a position.
func errAt(errs *diag.List, p model.Pos, format string, args ...any) {
	errs.Add(p.Path, p.Line, p.Col, format, args...)
}

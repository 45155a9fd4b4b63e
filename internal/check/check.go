// Package check finds what an editor should know before publishing, beyond
// the errors that stop a build: months without a report, months that miss a
// monthly target, links that are not https, reports not yet published,
// update posts missing or still holding the template's text, files of
// the site's layouts/ and static/ that replace no file of the stock theme,
// texts and pages with no translation in a language of the site, and, in a
// site that keeps a ledger of releases, the latest published report not
// released yet.
//
// It writes nothing. The check command runs it from build.Check, after the
// whole pipeline has rendered the site into a sink that keeps nothing, so
// that the errors check reports are exactly those that stop a build.
package check

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/routes"
)

// Placeholder is the text a new update post starts with; a post that still
// holds it has not been written.
const Placeholder = "(Viết tóm tắt của tháng ở đây.)"

// Warnings returns the warnings about a site, sorted by file and line.
func Warnings(s *model.Site, p *progress.Progress) []*diag.Error {
	var l diag.List
	reports := map[model.Month]*model.Report{}
	for _, r := range s.Reports {
		reports[r.Month] = r
	}
	posts := map[string]*model.Page{}
	for _, pg := range s.Pages {
		if m, ok := (routes.Table{}).UpdateMonth(pg.URL); ok && pg.Section == routes.UpdatesSection {
			posts[m.String()] = pg
		}
	}

	for _, m := range p.Months {
		if p.Latest.Before(m) {
			break
		}
		if reports[m] == nil && !slices.ContainsFunc(s.Drafts.Reports, func(r *model.Report) bool { return r.Month == m }) {
			l.Warn("data/reports/"+m.String()+".toml", 0, 0, "no report for %s: the targets show no data for that month; add the file, even with no records", m)
		} else if posts[m.String()] == nil {
			l.Warn("content/"+routes.UpdatesSection+"/"+m.String()+".md", 0, 0, "no update post for %s: readers get the figures without an explanation", m)
		}
	}

	for _, res := range p.Results {
		t := res.Target
		if !t.IsPeriodic() {
			continue
		}
		var start model.Month // the first month of the running period
		for i, m := range res.Months {
			if i == 0 || t.Every.Key(res.Months[i-1].Month) != t.Every.Key(m.Month) {
				start = m.Month
			}
			if !m.Reported || t.Compare.Reached(m.Value, t.Threshold) {
				continue
			}
			// A floor is missed when its period ends below it; a ceiling
			// the first month it is exceeded.
			if !t.Compare.Ceiling() && !m.PeriodEnds {
				continue
			}
			if t.Compare.Ceiling() && m.Month != start && !t.Compare.Reached(res.Months[i-1].Value, t.Threshold) && res.Months[i-1].Reported {
				continue
			}
			period, every := m.Month.String(), "month"
			if t.Every != model.EveryMonth {
				period, every = fmt.Sprintf("the %s %s to %s", t.Every, start, m.Month), string(t.Every)
			}
			if t.Compare.Ceiling() {
				l.Warn(reports[m.Month].Path, 0, 0, "%v %s record(s) in %s: target %d (%s) allows %s %v every %s, so it is not met",
					m.Value, t.Kind.ID, period, t.Number, t.Name, compareWords[t.Compare], t.Threshold, every)
			} else {
				l.Warn(reports[m.Month].Path, 0, 0, "only %v %s record(s) in %s: target %d (%s) needs %s %v every %s, so it is not met",
					m.Value, t.Kind.ID, period, t.Number, t.Name, compareWords[t.Compare], t.Threshold, every)
			}
		}
	}

	for _, r := range s.Reports {
		for _, recs := range r.Records {
			for _, rec := range recs {
				for _, f := range rec.Kind.Fields {
					v, ok := rec.Values[f.ID]
					if f.Type != model.URL || !ok || v.Text == "" {
						continue
					}
					if u, err := url.Parse(v.Text); err == nil && u.Scheme == "http" {
						at := rec.Where.Field(f.ID)
						l.Warn(at.Path, at.Line, at.Col, "%s is not https: use the https:// address if the site has one", f.ID)
					}
				}
			}
		}
	}

	for _, r := range s.Drafts.Reports {
		l.Warn(r.Path, 0, 0, "the report for %s is not published yet: the month does not count and its update is not shown until you set published = %d-%02d-05 (the date it was compiled, without quotes)",
			r.Month, r.Month.Next().Year, int(r.Month.Next().Mon))
	}
	for _, pg := range s.Drafts.Pages {
		if m, ok := (routes.Table{}).UpdateMonth(pg.URL); ok {
			posts[m.String()] = pg
		}
	}

	for month, pg := range posts {
		if strings.Contains(string(pg.Body), Placeholder) {
			l.Warn(pg.Path, pg.BodyLine+lineOf(string(pg.Body), Placeholder), 0, "the update for %s still has the template's text: write the month's summary", month)
		}
	}
	for _, f := range s.StaleOverrides {
		if strings.HasPrefix(f, "layouts/") {
			l.Warn(f, 0, 0, "no stock layout is named like this file, so it replaces nothing: the theme may have renamed the layout since you overrode it; rename the file after the layout it replaces, or remove it")
		} else {
			l.Warn(f, 0, 0, "no stock file is named like this file in the theme's folder %s/, so it replaces nothing: the theme may have renamed it since you overrode it; rename the file after the one it replaces, or move a file of your own out of the theme's folders", path.Dir(f))
		}
	}
	def := model.LanguageName(s.Config.Language)
	for _, u := range s.Untranslated {
		if u.Page {
			l.Warn(u.Path, 0, 0, "no %s translation (%s); the page will be shown in %s", model.LanguageName(u.Lang), translationPath(u.Path, u.Lang), languageWord(def))
			continue
		}
		texts, they := "texts have", "they"
		if u.Count == 1 {
			texts, they = "text has", "it"
		}
		l.Warn(u.Path, 0, 0, "%d %s no %s translation; %s will be shown in %s", u.Count, texts, model.LanguageName(u.Lang), they, languageWord(def))
	}
	return l.Errors()
}

// translationPath names the translation of a content page: content/x.en.md.
func translationPath(p, lang string) string {
	return strings.TrimSuffix(p, ".md") + "." + lang + ".md"
}

// languageWord names a language without its tag: "Vietnamese".
func languageWord(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

func lineOf(body, s string) int {
	i := strings.Index(body, s)
	return strings.Count(body[:i], "\n")
}

// Releases returns the warnings about a site's releases, h (nil for a site
// without a ledger): the latest published report not released yet. A site
// without a ledger gets none: releases are a step a site takes up, not one
// every site must.
func Releases(s *model.Site, h *release.History) []*diag.Error {
	if h == nil || len(h.Unreleased) == 0 {
		return nil
	}
	var l diag.List
	r := s.Reports[len(s.Reports)-1]
	l.Warn(r.Path, 0, 0, "the report for %s is published but not released: run minhbach release %s to record its figures in %s", r.Month, r.Month, release.Path)
	return l.Errors()
}

// compareWords are the comparisons in the words of the command's messages.
var compareWords = map[model.Compare]string{
	model.AtLeast:  "at least",
	model.MoreThan: "more than",
	model.AtMost:   "at most",
	model.LessThan: "fewer than",
}

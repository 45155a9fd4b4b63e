// Package view builds what the layouts show, from a site's model and its
// computed progress: one value per page kind (a target, a list, a monthly
// update, a unit, the agencies), every figure formatted (package format)
// and every state a layout tests decided, by package progress or here, so
// that the layouts only lay them out.
//
// It is the first half of the render stage (load → model → compute →
// render → write): package render builds a [Site] and executes the layouts
// with its views.
package view

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/routes"
)

// Site is the views of a whole site.
type Site struct {
	Targets   []*Target // in target order
	Lists     []*List   // in list order
	Updates   []*Update // the monthly update posts, newest first
	Published time.Time // date of the latest report, the data's "as of" date
	Releases  *Releases // nil for a site without a ledger of releases

	site    *model.Site
	prog    *progress.Progress
	f       format.Formatter // the figures and dates of the site's language
	routes  routes.Table
	fail    Fail
	unitURL map[string]string             // unit code → its page
	report  map[model.Month]*model.Report // the report of each month
	// byUnit returns every record by the unit it names and its kind
	// (unit code → kind id → records). Only the units' pages need it:
	// Build starts it on its own goroutine, so that the pages made
	// before the units' are not kept waiting.
	byUnit       func() map[string]map[string][]*model.Record
	monthCounts  []*SummaryPeriod         // every month of the plan period with its counts, see summaryPeriods
	summaryTitle string                   // see Unit.SummaryTitle
	badges       map[string]template.HTML // the StatusBadge of each of progress.Statuses
	summary      func() *Summary          // made once, for every page that shows it
}

// Fail records a problem at a file, line and column; it may be called from
// several goroutines at once.
type Fail func(path string, line, col int, format string, args ...any)

// Build builds the views of site s with its progress p and its history of
// releases h (nil for a site without a ledger), its pages at the paths of
// rt, its figures and dates in the language of s (its Config.Language).
// Problems, such as a text missing from layouts/strings.toml, go to fail.
func Build(s *model.Site, p *progress.Progress, h *release.History, rt routes.Table, fail Fail) *Site {
	v := &Site{site: s, prog: p, routes: rt, fail: fail, f: format.For(s.Config.Language)}
	v.summaryTitle = v.Sentence("unit.summary", nil)
	if !p.Latest.IsZero() {
		v.summaryTitle += " " + v.Sentence("home.status_to", map[string]string{"month": v.f.Month(p.Latest)})
	}
	v.badges = map[string]template.HTML{}
	for _, st := range progress.Statuses {
		if b, err := v.statusBadge(string(st)); err == nil {
			v.badges[string(st)] = b
		}
	}
	v.summary = sync.OnceValue(v.buildSummary)
	v.views()
	v.monthCounts = v.summaryPeriods()
	v.releasesView(h)
	return v
}

// Download is one open-data file, as the pages list it.
type Download struct {
	Path   string // relative to the site root
	Title  string
	Format string // "CSV", "JSON" or "ZIP"
	Size   int
	Date   time.Time
}

// Text returns the user-interface text key of layouts/strings.toml.
func (s *Site) Text(key string) (string, error) {
	t, ok := s.site.Strings[key]
	if !ok {
		return "", fmt.Errorf("missing text %q: the theme has no such text: check the key's spelling", key)
	}
	return t, nil
}

// Sentence returns the text key with its {name} placeholders filled from
// args; a missing text is reported, and is "".
func (s *Site) Sentence(key string, args map[string]string) string {
	t, err := s.Text(key)
	if err != nil {
		s.fail("layouts/strings.toml", 0, 0, "%v", err)
		return ""
	}
	for _, k := range slices.Sorted(maps.Keys(args)) {
		t = strings.ReplaceAll(t, "{"+k+"}", args[k])
	}
	return t
}

// SentenceN is Sentence of the text key about the number n: its variant
// KEY.one, if the table has one, when n takes the singular in the site's
// language (format.One: in English n == 1; in Vietnamese never).
func (s *Site) SentenceN(key string, n float64, args map[string]string) string {
	return s.Sentence(OneKey(s.site.Strings, s.site.Config.Language, key, n), args)
}

// OneKey returns key, or its variant key+".one" when str has it and n
// takes the singular in the language lang.
func OneKey(str model.Strings, lang, key string, n float64) string {
	if _, ok := str[key+".one"]; ok && format.One(lang, n) {
		return key + ".one"
	}
	return key
}

// unit returns the unit of count of target t for the number n: its
// singular unit_one when n takes the singular in the site's language and
// the target has one, else its unit.
func (s *Site) unit(t *model.Target, n float64) string {
	if t.UnitOne != "" && format.One(s.site.Config.Language, n) {
		return t.UnitOne
	}
	return t.Unit
}

// UnitURL returns the path of unit u's page.
func (s *Site) UnitURL(u *model.Unit) string { return s.unitURL[u.Code] }

// orig marks text, a text of the data that is never translated (a unit's
// name, a value of a report), as the default language's in an edition of
// another language (see package edition).
func (s *Site) orig(text string) string {
	c := &s.site.Config
	if text == "" || len(c.Languages) == 0 || c.Language == c.Languages[0] {
		return text
	}
	return format.FallbackOpen + text + format.FallbackClose
}

// Format returns the formatter of the figures and dates of the views.
func (s *Site) Format() format.Formatter { return s.f }

// Package model defines the typed form of a site's input: the plan, its
// units, targets, record kinds, lists, rubrics, monthly reports and content
// pages.
//
// It is the second stage of the pipeline (load → model → compute → render →
// write): package load fills these types from files and checks them, package
// progress computes from them, package render shows them. Nothing here reads
// files or knows about HTML.
package model

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Site is everything a build reads, after validation.
type Site struct {
	Config   Config
	Units    *Registry
	Agencies []*Agency
	Kinds    []*Kind
	Targets  []*Target
	Lists    []*List
	Rubrics  []*Rubric
	Context  Context
	Reports  []*Report // sorted by month; published ones only
	Pages    []*Page   // sorted by path; without the posts of Drafts
	// Drafts are the reports that have no published date yet, and their
	// update posts: checked like the others, but neither counted nor shown
	// until the report is published.
	Drafts    Drafts
	Strings   Strings
	Templates map[string]string // layout file name → source
	Static    map[string][]byte // path under static/ → content
	// StaleOverrides are the site's files of layouts/ and static/ that
	// replace no file of the stock theme, such as a layout the theme has
	// renamed since the site overrode it.
	StaleOverrides []string

	// Translations is the catalog of the data's texts in the languages
	// after the first: language → text in the default language → its
	// translation (see CatalogKey for a text used in a context). Every
	// text field of the model holds the default language's text; Tr and
	// TrIn find it in another.
	Translations map[string]map[string]string
	// Untranslated counts, by file, the texts that have no translation in
	// a language, for check to warn about; sorted by file, then language in
	// the order of Config.Languages.
	Untranslated []Untranslated
	// PagesByLang are the content pages in the languages after the first
	// (NAME.LANG.md beside NAME.md), sorted by path; Pages holds the
	// default language's.
	PagesByLang map[string][]*Page
	// StringsByLang are the user-interface texts in the languages after
	// the first; Strings holds the default language's.
	StringsByLang map[string]Strings
}

// Tr returns the text, written in the default language, in language lang,
// and whether it has a translation there. A text with no translation is
// returned as it is, to be shown in the default language. In the default
// language every text is its own translation. Blanks around text are not
// part of it.
func (s *Site) Tr(lang, text string) (string, bool) { return s.TrIn(lang, "", text) }

// TrIn is Tr for a text used in the context ctx, such as ContextSingular:
// the translation given for that context, or else the text's own. A
// language may need two words where the default language has one.
func (s *Site) TrIn(lang, ctx, text string) (string, bool) {
	if lang == s.Config.Language || text == "" {
		return text, true
	}
	text = strings.TrimSpace(text)
	if ctx != "" {
		if t, ok := s.Translations[lang][CatalogKey(ctx, text)]; ok {
			return t, true
		}
	}
	if t, ok := s.Translations[lang][text]; ok {
		return t, true
	}
	return text, false
}

// ContextSingular is the context of a level's singular (Level.Singular):
// Vietnamese "xã" is both the communes and one commune.
const ContextSingular = "singular"

// CatalogKey is the key of a text used in the context ctx in
// Translations: the text itself without a context, else ctx, the byte 4
// and the text, as gettext writes a message's context.
func CatalogKey(ctx, text string) string {
	if ctx == "" {
		return text
	}
	return ctx + "\x04" + text
}

// SplitCatalogKey returns the context and the text of a key of
// Translations.
func SplitCatalogKey(key string) (ctx, text string) {
	if ctx, text, ok := strings.Cut(key, "\x04"); ok {
		return ctx, text
	}
	return "", key
}

// Untranslated is the number of texts of one file that have no
// translation in one language.
type Untranslated struct {
	Path  string
	Lang  string
	Count int
	// Page is set when Path is a content page, which has no NAME.LANG.md
	// (Count is then 1).
	Page bool
}

// Drafts are a site's unpublished reports and update posts.
type Drafts struct {
	Reports []*Report // sorted by month
	Pages   []*Page   // sorted by path
}

// Config is site.toml.
type Config struct {
	Title       string
	Description string
	BaseURL     string
	// Language is the default language, the first of Languages.
	Language string
	// Languages are the languages of the site, the default first: a
	// BCP 47 tag each, such as "vi" or "en".
	Languages    []string
	Illustrative bool
	// IllustrativeNote says on the banner what is illustrative and what is
	// real; the layout has a general sentence if it is empty.
	IllustrativeNote string
	Plan             Plan
	Menu             []MenuItem
}

// Locale returns the site's language as Open Graph writes a locale,
// language_TERRITORY, with the territory where the language is most likely
// spoken unless the language names one: "vi" → "vi_VN", "en" → "en_US",
// "en-GB" → "en_GB". A language it does not know is returned as it is,
// with "_" for "-".
func (c *Config) Locale() string {
	tag, err := language.Parse(c.Language)
	if err != nil {
		return strings.ReplaceAll(c.Language, "-", "_")
	}
	base, conf := tag.Base()
	region, _ := tag.Region()
	if conf == language.No || region.String() == "ZZ" {
		return base.String()
	}
	return base.String() + "_" + region.String()
}

// Plan identifies the action plan the site reports on.
type Plan struct {
	// Document is the kind of document the plan is, as its number is
	// written after it: "Kế hoạch", "Chương trình", "Quyết định"; "" when
	// site.toml does not say, and the pages then write the stock text
	// plan.document of layouts/strings.toml.
	Document    string
	Number      string
	Title       string
	Date        time.Time
	Issuer      string
	Signer      string
	SignerTitle string
	Start, End  Month
	Basis       []string
	// TargetsSection and TasksSection say where the plan states its targets
	// and assigns its tasks, in the plan's words, e.g. "mục I.2" and
	// "mục IV"; "" when site.toml does not say, and then no page does.
	TargetsSection string
	TasksSection   string
	// ReportingLevel is the id of the level whose units send reports, the
	// units a report's [submitted] lists: the top level unless site.toml
	// says otherwise.
	ReportingLevel string
}

// Months returns every month of the plan's period, in order.
func (p Plan) Months() []Month {
	var ms []Month
	for m := p.Start; !p.End.Before(m); m = m.Next() {
		ms = append(ms, m)
	}
	return ms
}

// Halfway returns how many months of the period have passed half-way
// through it, rounded down and at least one: the month of the worked
// example of pace on the about page.
func (p Plan) Halfway() int { return max(1, len(p.Months())/2) }

// Pace returns the threshold times the share of the period elapsed at the
// end of its k-th month (1 for the first): the value a target must reach
// by then to be on track, before any rounding (see package progress).
func (p Plan) Pace(threshold float64, k int) float64 {
	n := len(p.Months())
	if n == 0 {
		return 0
	}
	return threshold * float64(k) / float64(n)
}

// MenuItem is one entry of the site navigation.
type MenuItem struct {
	Label string
	Path  string // relative to the site root, e.g. "ke-hoach/"
}

// Month is a calendar month.
type Month struct {
	Year int
	Mon  time.Month
}

// ParseMonth parses "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("%q is not a month written YYYY-MM", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MonthOf returns the month that contains t.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Mon)) }

// Next returns the month after m.
func (m Month) Next() Month {
	if m.Mon == time.December {
		return Month{m.Year + 1, time.January}
	}
	return Month{m.Year, m.Mon + 1}
}

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || m.Year == o.Year && m.Mon < o.Mon
}

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m.Year == 0 }

// Contains reports whether t falls inside m.
func (m Month) Contains(t time.Time) bool { return MonthOf(t) == m }

// Agency is a body with responsibilities under the plan (section IV).
type Agency struct {
	ID     string
	Number int
	Name   string
	Lead   bool
	Tasks  []string
	Parts  []AgencyPart
	Where  Place // where the agency is defined
}

// AgencyPart is one body of a group of agencies, with its own tasks.
type AgencyPart struct {
	Name  string
	Tasks []string
}

// Context holds real context figures, each with its citation.
type Context struct {
	Note  string
	Facts []Fact
}

// Fact is one cited figure.
type Fact struct {
	Label  string
	Value  string
	AsOf   string
	Source string
	URL    string
}

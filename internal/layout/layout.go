// Package layout holds the values the layouts are executed with: a [Page]
// for what is a page's own, a [Frame] for what surrounds it and is shared
// by many pages (the start of the page, banner, header, footer, scripts),
// and the page's methods for use by the templates: its links
// ({{.Link .Routes.Targets}}), its head ({{.Meta}}), the links under a
// chart ({{$.Share .Chart}}), the code that frames a chart in another site
// ({{$.EmbedCode .Target}}), downloads and revised figures with their links
// from the page ({{$.DownloadLinks .Downloads}}, {{$.CorrectionLinks .}}).
//
// It sits between view and render in the pipeline: package view decides
// what each page shows, package render fills a Page with it and executes
// the layouts. Nothing here executes a template or depends on the page
// being rendered alongside: a Page and its Frame are plain values, which
// any number of goroutines may execute at once.
package layout

import (
	"cmp"
	"html/template"
	"time"

	"github.com/minhbach/minhbach/internal/markdown"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/opendata"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// Page is what a layout is executed with. What it shares with the pages
// of its kind, depth and menu entry is rendered once, in its [Frame].
type Page struct {
	Frame       *Frame
	Site        *model.Config
	Root        string       // relative link to the site root, e.g. "../../"
	Routes      routes.Table // the paths of the generated pages, for .Link
	Published   time.Time    // the data's "as of" date
	LatestMonth model.Month
	Kind        string // the layout, e.g. "target"
	URL         string // relative to the site root, "" for home
	Title       string
	Description string
	Canonical   string
	Charts      bool         // the page draws charts: load the chart library
	Dataset     template.JS  // the data page: the schema.org Dataset of the downloads
	Top         *model.Level // the top level of the registry, e.g. districts
	Reporting   *model.Level // the level whose units send reports

	Content template.HTML // rendered Markdown, for content pages
	TOC     []markdown.TOCEntry
	Source  *model.Page

	// Lang is the page's language; Alternates are the page in every
	// language of the site, for hreflang links and the language switch
	// (nil for a site in one language).
	Lang       string
	Alternates []Alternate
	// Official is, on the plan's page in a language other than the
	// default, the plan's page in the default language, where its text is
	// official; Unofficial is set when the page holds a translation of the
	// text (content/ke-hoach.LANG.md), which is then not official.
	Official   *Alternate
	Unofficial bool

	// One of these, by kind.
	Targets   []*view.Target
	Target    *view.Target
	List      *view.List
	Updates   []*view.Update
	Update    *view.Update
	Bulletin  *view.Bulletin // the print view of an update
	Units     []*view.Unit
	Unit      *view.Unit
	Agencies  []*view.Agency
	Reporters []*view.Reporter
	Downloads []*view.Download
	Columns   []opendata.ColumnDoc // the data page of a site in several languages
	Releases  *view.Releases       // the page of releases and home; nil without a ledger
	Context   model.Context
	Registry  *model.Registry
	// RegistryRows is the rows of the registry's table (content pages):
	// its units' codes, names and parents' names, as HTML.
	RegistryRows template.HTML
	Summary      *view.Summary // the home page and the targets page
}

// Link returns a link to target, a path relative to the site root, from
// the page: {{.Link .Routes.Targets}}.
func (p *Page) Link(target string) string {
	return cmp.Or(p.Root+target, "./")
}

// Meta returns the elements of the page's head that name it: its title,
// description and canonical address, and their Open Graph properties (see
// view.Head); an update is an article.
func (p *Page) Meta() template.HTML {
	return view.Head(p.Title, p.Site.Title, p.Description, p.Canonical, p.URL == "", p.Kind == "update")
}

// Frame is what the pages of one layout, one depth, one current menu entry
// and with or without charts share: the site, the way to its root, the
// navigation, the data's date, the scripts. The parts of layouts/_base.html
// around a page's own (its head links, the banner and header, the footer
// and scripts) are executed with a Frame, not with a page, so their HTML,
// rendered once per frame, can depend on nothing a frame does not hold.
type Frame struct {
	Site        *model.Config
	Root        string // relative link to the site root, e.g. "../../"
	Nav         []NavItem
	Published   time.Time // the data's "as of" date
	LatestMonth model.Month
	Routes      routes.Table // the paths of the generated pages, for .Link
	Kind        string       // the layout of its pages
	Charts      bool         // its pages draw charts
	Inject      template.HTML
	// Released is set when the site has a ledger of releases: Published
	// and LatestMonth are then those of the latest release.
	Released bool

	// Top, Head, Open, Main and Close are the templates "frame-top",
	// "frame-head", "frame-open", "frame-main" and "frame-close" of
	// layouts/_base.html executed with the frame: Top is the page's start
	// up to its title; on a site in several languages, the page's language
	// switch goes between Open (ending with the header) and Main. A
	// _base.html of an earlier version, without "frame-top" or
	// "frame-main", has them empty.
	Top, Head, Open, Main, Close template.HTML
}

// Link returns a link to target, a path relative to the site root, from the
// pages of the frame: {{.Link .Routes.Targets}}.
func (f *Frame) Link(target string) string {
	return cmp.Or(f.Root+target, "./")
}

// NavItem is one entry of the navigation.
type NavItem struct {
	Label   string
	Path    string
	Current bool
}

// Alternate is one edition of a page: the same page in a language of the
// site, for the hreflang links of its head and the language switch.
type Alternate struct {
	Lang    string // the language tag, e.g. "en"
	Name    string // the language's name in itself, e.g. "English" (its edition's text lang.name)
	URL     string // the absolute address, for hreflang
	Link    string // the link from the page
	Current bool   // the page itself
}

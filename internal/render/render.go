// Package render turns a site's model and computed progress into the files
// of the published site: HTML pages from the layouts, charts, open-data
// downloads, the Atom feed, the sitemap.
//
// It is the fourth stage of the pipeline (load → model → compute → render →
// write). It builds the views of the pages (package view), executes the
// layouts with them, has the downloads made by package opendata and the
// feed and sitemap by package feed, and hands every file to a Sink as soon
// as it is made; it writes nothing itself: package write puts files on
// disk. Every path
// comes from package routes; every user-interface text from the layouts or
// from layouts/strings.toml, none from Go code.
//
// # Layouts
//
// layouts/_base.html defines the page frame and calls the blocks "main" and
// "head"; files whose names start with "_" hold shared definitions; every
// other layout defines "main" for one page kind: home, page, plan, about,
// targets, target, list, updates, update, bulletin (an update's print
// view), units, unit, agencies, data and 404. Templates are executed with a
// *layout.Page (see package layout); a page's links are its methods: {{.Link PATH}} is a
// link to PATH (relative to the site root) from the page, and .Routes names
// the generated pages, so that {{.Link .Routes.Targets}} links to the page
// of all targets (see package routes); {{.Meta}} is the title,
// description, canonical address and Open Graph properties of the page,
// written as HTML (html/template would run a dozen actions on each of ten
// thousand pages for them). What surrounds a page's own head
// and main — the templates "frame-top", "frame-head", "frame-open" and
// "frame-close" of _base.html, with the start of the page, the banner,
// header, footer and scripts — is executed once per [layout.Frame], with the
// frame as data. One parsed template set per page kind serves every
// page of that kind, on every worker at once; the functions depend on the
// site alone:
//
//	t KEY                 the text KEY of layouts/strings.toml (strings.LANG.toml)
//	tf KEY NAME V …       the text KEY with its {NAME} placeholders filled
//	num N, int N          N in the page's language: 1.245; 64,8 or 1,245; 64.8
//	pct N                 a percentage: 64,8% or 64.8%
//	date T, month M       a date and a month: 03/03/2017, 03/2017 or 3 March 2017, Mar 2017
//	locale LANG           the Open Graph locale of a language: vi_VN
//	orig S                S, a text of the data never translated (a unit's name, a
//	                      note of a report), marked as the default language's
//	                      on the pages of another language
//	status S              the label of a status, e.g. "Đạt"
//	badge S               a status's badge: its icon and label, as HTML
//	fold S                S lowercased without diacritics, for filters
//	capital S             S with its first letter in upper case
//	bytes N               a file size: 12 KB
//	parentName U          the full name of the unit above U
//	add A B, sub A B      sums and differences of counts
//	inlineCSS FILE        a file of static/ as an inline stylesheet (404 page)
package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/edition"
	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/layout"
	"github.com/minhbach/minhbach/internal/markdown"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/opendata"
	"github.com/minhbach/minhbach/internal/outputs"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/search"
	"github.com/minhbach/minhbach/internal/theme"
	"github.com/minhbach/minhbach/internal/view"
)

// Files maps output paths (slash-separated, relative to the site root) to
// their contents.
type Files map[string][]byte

// Sink receives the files of a site as they are rendered. Put is called
// from several goroutines at once. It must not keep data once it returns:
// the pages are executed into a buffer that is then reused, so that
// writing a site to disk copies no page.
type Sink interface {
	Put(name string, data []byte) error
}

// Memory is a Sink that keeps (copies of) the files in memory.
type Memory struct {
	mu    sync.Mutex
	Files Files
}

// Put stores a copy of a file.
func (m *Memory) Put(name string, data []byte) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = Files{}
	}
	m.Files[name] = data
	return nil
}

// Options change how a site is rendered.
type Options struct {
	// Inject is HTML added at the end of every page's body; the preview
	// server uses it for live reload. Empty for published builds.
	Inject template.HTML
	// History is what the site's ledger of releases says of its data
	// (package release): the page of releases, the marks of revised
	// figures, the vintage tables. Nil for a site without a ledger, which
	// renders as before ledgers existed.
	History *release.History
	// Preview adds a banner to every page while a published month has no
	// release yet (the preview server); never set for a build.
	Preview bool
}

// Stats counts what a render produced.
type Stats struct {
	Pages, Files int
}

// Site renders every file of the site into sink. Pages are executed in
// parallel, one worker per CPU. If ctx is cancelled, Site stops between
// pages and returns ctx's error.
//
// Every output path has exactly one producer: two of them (a generated page
// or download, a content page, a file of static/) for one path are an
// error naming both, at the input file that can be changed (package
// outputs).
func Site(ctx context.Context, s *model.Site, p *progress.Progress, opt Options, sink Sink) (Stats, error) {
	out := &output{sink: sink, errs: &diag.List{}}
	if len(s.Units.Levels) == 0 {
		// Pages and downloads group units by their top level.
		out.errs.Add("data/units.toml", 0, 0, "no [[levels]]: list the levels of the registry, such as district and commune")
	}
	// The default language's edition first: the others link to its
	// downloads.
	var base *renderer
	for _, lang := range languages(&s.Config) {
		es, ep := s, p
		if base != nil {
			es = edition.Site(s, lang)
			ep = edition.Progress(p, s, es)
		}
		r := &renderer{site: es, prog: ep, opt: opt, output: out, base: base,
			lang: lang, defLang: s.Config.Language, langs: languages(&s.Config),
			routes: routes.For(lang, s.Config.Language), f: format.For(lang)}
		if err := r.edition(ctx); err != nil {
			return Stats{}, err
		}
		if base == nil {
			base = r
		}
	}
	base.shared()
	base.static()
	outputs.Check(base.outputs, out.errs)
	if err := out.errs.Err(); err != nil {
		return Stats{}, err
	}
	return out.stats, nil
}

// languages returns the languages of the site, the default first.
func languages(c *model.Config) []string {
	if len(c.Languages) == 0 {
		return []string{c.Language}
	}
	return c.Languages
}

// edition renders the pages of one language, its downloads in the
// default language, and its feed.
func (r *renderer) edition(ctx context.Context) error {
	r.parseTemplates()
	if err := r.errs.Err(); err != nil {
		return err
	}
	r.reserveIDs()
	if r.base == nil {
		r.checkAgencyIDs()
		r.claimDownloads()
	}
	r.view = view.Build(r.site, r.prog, r.opt.History, r.routes, r.fail)
	// Pages are executed as soon as they are made. The downloads are
	// encoded meanwhile: only the pages that list them wait for them, and
	// are queued among the units' pages once the downloads are ready, so
	// that the workers share them out rather than end on them.
	done := r.execute(ctx)
	data := make(chan struct{})
	go func() {
		r.openData()
		close(data)
	}()
	r.pages(data)
	// Once the pages are queued, the producer renders no more Markdown:
	// the feed, which does, takes its turn beside the workers.
	r.side.Go(r.atom)
	close(r.jobs)
	done.Wait()
	r.side.Wait()
	return ctx.Err()
}

// static copies the files of static/.
func (r *renderer) static() {
	for _, name := range slices.Sorted(maps.Keys(r.site.Static)) {
		r.putFrom(name, outputs.Origin{Path: "static/" + name, What: "the file static/" + name, Fix: "rename or remove the file"}, r.site.Static[name])
	}
}

// put hands a generated file to the sink.
func (r *renderer) put(name string, b []byte) {
	r.putFrom(name, outputs.Origin{}, b)
}

// putFrom hands a file to the sink and records who produced it. A file
// whose producer is not given is generated, or is the download of a record
// kind claimed by claimDownloads.
func (r *renderer) putFrom(name string, by outputs.Origin, b []byte) {
	key := path.Clean(name)
	r.mu.Lock()
	if by == (outputs.Origin{}) {
		if c, ok := r.claims[name]; ok {
			by = c
			delete(r.claims, name)
		}
	}
	if r.outputs == nil {
		r.outputs = map[string][]outputs.Origin{}
	}
	r.outputs[key] = append(r.outputs[key], by)
	r.stats.Files++
	if strings.HasSuffix(name, ".html") {
		r.stats.Pages++
		r.pageNames = append(r.pageNames, name)
	}
	r.mu.Unlock()
	if err := r.sink.Put(name, b); err != nil {
		r.fail("", 0, 0, "cannot write %s: %v", name, err)
	}
}

// fail records a problem; safe from several goroutines.
func (r *output) fail(path string, line, col int, format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs.Add(path, line, col, format, args...)
}

type renderer struct {
	*output // shared by the editions of every language

	site    *model.Site // in the edition's language (see edition.Site)
	prog    *progress.Progress
	routes  routes.Table // the paths of the pages and files
	f       format.Formatter
	lang    string    // the edition's language
	defLang string    // the site's default language
	langs   []string  // the site's languages, the default first
	base    *renderer // the default language's edition; nil in it
	opt     Options
	tmpl    map[string]*template.Template // page kind → base + kind, parsed once
	jobs    chan *page                    // pages for the workers of execute
	ctx     context.Context               // stops emit once cancelled

	// queued counts the content pages queued and not yet executed; side
	// is the work done beside the pages' (the feed, the search index).
	queued sync.WaitGroup
	side   sync.WaitGroup

	reserved []string            // element ids the layouts use, kept from headings
	frames   map[frameKey]*frame // the frames of the queued pages

	view      *view.Site                    // what the pages show
	contents  map[*model.Page]template.HTML // content pages' HTML as executed, for the search index
	downloads []*view.Download
	columns   []opendata.ColumnDoc // the columns of the downloads, described
}

// output is what the editions of a site share: where files go, and what
// was produced.
type output struct {
	sink Sink
	errs *diag.List

	mu        sync.Mutex // guards errs, stats, pageNames, outputs and claims once pages are executed
	stats     Stats
	pageNames []string
	outputs   map[string][]outputs.Origin // output path → its producers
	claims    map[string]outputs.Origin   // downloads named after record kinds, until put
	mdMu      sync.Mutex                  // one Markdown render at a time, see markdownOnce
}

const baseLayout = "_base.html"

func (r *renderer) parseTemplates() {
	r.tmpl = map[string]*template.Template{}
	src := make(map[string]string, len(r.site.Templates))
	for name, text := range r.site.Templates {
		src[name] = theme.InlineTexts(text, r.site.Strings, r.lang == r.defLang)
	}
	baseSrc, ok := src[baseLayout]
	if !ok {
		r.fail("layouts/"+baseLayout, 0, 0, "missing base layout: create layouts/%s", baseLayout)
		return
	}
	// The base layout and the partials are parsed once; each page kind's
	// set is a copy of them (Clone copies the parsed trees, which cost
	// less than parsing them again) with the kind's layout.
	base, err := template.New(baseLayout).Funcs(r.funcs()).Parse(baseSrc)
	for _, partial := range slices.Sorted(maps.Keys(src)) {
		if err == nil && strings.HasPrefix(partial, "_") && partial != baseLayout {
			_, err = base.New(partial).Parse(src[partial])
		}
	}
	if err != nil {
		r.templateError(err)
		return
	}
	for _, name := range slices.Sorted(maps.Keys(src)) {
		if name == baseLayout || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(name).Parse(src[name])
		}
		if err != nil {
			r.templateError(err)
			continue
		}
		r.tmpl[strings.TrimSuffix(name, ".html")] = t
	}
}

// templateError reports a template error at its layout's file and line.
// html/template errors read "template: NAME:LINE:COL: msg" or
// "html/template:NAME:LINE:COL: msg".
func (r *renderer) templateError(err error) {
	msg := err.Error()
	for _, prefix := range []string{"template: ", "html/template:"} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	name, rest, _ := strings.Cut(msg, ":")
	var line, col int
	if n, _ := fmt.Sscanf(rest, "%d:%d:", &line, &col); n == 2 {
		_, rest, _ = strings.Cut(rest, ":")
		_, rest, _ = strings.Cut(rest, ":")
	} else if n, _ := fmt.Sscanf(rest, "%d:", &line); n == 1 {
		_, rest, _ = strings.Cut(rest, ":")
	}
	src, ok := r.site.Templates[name]
	if !ok {
		name, line, col, rest = baseLayout, 0, 0, err.Error()
	}
	// Template columns are 0-based byte offsets; ours count characters
	// from 1.
	if lines := strings.Split(src, "\n"); col > 0 && line > 0 && line <= len(lines) && col <= len(lines[line-1]) {
		col = utf8.RuneCountInString(lines[line-1][:col]) + 1
	}
	msg = strings.TrimSpace(rest)
	for fn, use := range removedFuncs {
		if strings.Contains(msg, `function "`+fn+`" not defined`) {
			msg += ": " + use
		}
	}
	r.fail("layouts/"+name, line, col, "%s", msg)
}

// removedFuncs are the template functions of earlier versions, with what
// a layout copied from one writes instead.
var removedFuncs = map[string]string{
	"url":     `links are page methods now: write {{$.Link "path/"}} (and {{$.Link $.Routes.Targets}} for a generated page)`,
	"unitURL": "a unit's view has its page's path: write {{$.Link .URL}}",
	"cached":  `the header and footer are rendered once per frame: copy the stock _base.html of this version`,
	"dataset": "the data page has it: write {{.Dataset}}",
}

// page is a page being made: the value its layout is executed with, and
// what render alone needs of it.
type page struct {
	*layout.Page
	from    outputs.Origin // a content page, or zero for a generated page
	current int            // the current menu entry, -1 for none
	frame   *frame         // set by emit
	// prepare, if set, completes the page's view; the worker that
	// executes the page calls it, so that views that cost much (a
	// bulletin's chart) are made in parallel, not by the one goroutine
	// that queues the pages.
	prepare func()
}

// frame is a layout.Frame, whose parts the first worker to execute a page
// of the frame renders.
type frame struct {
	*layout.Frame
	once sync.Once
}

// frameKey is what tells frames apart; every field of a Frame follows from
// it and the site.
type frameKey struct {
	kind, root string
	current    int // the current menu entry, -1 for none
	charts     bool
}

// newPage starts a page at url with the common fields set.
func (r *renderer) newPage(kind, url, title, description string) *page {
	cfg := &r.site.Config
	depth := strings.Count(url, "/")
	if !strings.HasSuffix(url, "/") && url != "" {
		depth = strings.Count(url, "/")
	}
	p := &page{Page: &layout.Page{
		Kind:        kind,
		URL:         url,
		Title:       title,
		Description: cmp.Or(description, cfg.Description),
		Canonical:   absURL(cfg.BaseURL, url),
		Top:         &model.Level{},
		Reporting:   &model.Level{},
	}}
	if len(r.site.Units.Levels) > 0 {
		p.Top = r.site.Units.Levels[0]
	}
	if lv := r.site.Units.Level(cfg.Plan.ReportingLevel); lv != nil {
		p.Reporting = lv
	}
	best := -1
	rel := r.routes.Unprefixed(url)
	for i, m := range cfg.Menu {
		mp := r.routes.Unprefixed(m.Path)
		if mp == rel || (mp != "" && strings.HasPrefix(rel, mp)) {
			if best < 0 || len(m.Path) > len(cfg.Menu[best].Path) {
				best = i
			}
		}
	}
	p.Root = strings.Repeat("../", depth)
	if kind == "404" {
		// The server shows 404.html at any address, so nothing on it can be
		// relative: its links are absolute (base_url) and its stylesheet is
		// inlined (see layouts/_base.html).
		p.Root = cfg.BaseURL
	}
	p.Site, p.Routes, p.Published, p.LatestMonth, p.current = cfg, r.routes, r.view.Published, r.prog.Latest, best
	p.Lang, p.Alternates = r.lang, r.alternates(url, p.Root)
	return p
}

// frame returns the frame of key, made on first use.
func (r *renderer) frame(key frameKey) *frame {
	if f, ok := r.frames[key]; ok {
		return f
	}
	cfg := &r.site.Config
	f := &layout.Frame{Site: cfg, Root: key.root, Published: r.view.Published, LatestMonth: r.prog.Latest, Routes: r.routes,
		Kind: key.kind, Charts: key.charts, Inject: r.opt.Inject}
	if rs := r.view.Releases; rs != nil && rs.Latest != nil {
		f.Released, f.Published, f.LatestMonth = true, rs.Latest.Date, rs.Latest.Month
		if r.opt.Preview && len(rs.Unreleased) > 0 {
			f.Inject = r.previewBanner(rs.Unreleased) + f.Inject
		}
	}
	for i, m := range cfg.Menu {
		f.Nav = append(f.Nav, layout.NavItem{Label: m.Label, Path: m.Path, Current: i == key.current})
	}
	if r.frames == nil {
		r.frames = map[frameKey]*frame{}
	}
	r.frames[key] = &frame{Frame: f}
	return r.frames[key]
}

// render executes the parts of the frame, with the layouts of its kind,
// the first time a page of the frame is executed.
func (f *frame) render(r *renderer) {
	f.once.Do(func() {
		for _, part := range []struct {
			name string
			html *template.HTML
		}{{"frame-top", &f.Top}, {"frame-head", &f.Head}, {"frame-open", &f.Open}, {"frame-main", &f.Main}, {"frame-close", &f.Close}} {
			if (part.name == "frame-top" || part.name == "frame-main") && r.tmpl[f.Kind].Lookup(part.name) == nil {
				continue // a _base.html of an earlier version
			}
			var b strings.Builder
			if err := r.tmpl[f.Kind].ExecuteTemplate(&b, part.name, f.Frame); err != nil {
				r.templateError(err)
				continue
			}
			*part.html = template.HTML(b.String())
		}
	})
}

// emit hands a page to the workers of execute; it drops the page once ctx
// is cancelled.
func (r *renderer) emit(p *page) {
	if r.tmpl[p.Kind] == nil {
		r.fail("layouts/"+p.Kind+".html", 0, 0, "missing layout for %s pages: create layouts/%s.html", p.Kind, p.Kind)
		return
	}
	p.frame = r.frame(frameKey{kind: p.Kind, root: p.Root, current: p.current, charts: p.Charts})
	p.Frame = p.frame.Frame
	if p.Source != nil {
		r.queued.Add(1)
	}
	select {
	case r.jobs <- p:
	case <-r.ctx.Done():
		r.executed(p)
	}
}

// executed is called once a queued page is executed, or dropped.
func (r *renderer) executed(p *page) {
	if p.Source != nil {
		r.queued.Done()
	}
}

// contentQueued is called once every content page is queued: the search
// index, which holds their HTML as executed, is then made beside the
// pages that follow.
func (r *renderer) contentQueued() {
	r.side.Go(func() {
		r.queued.Wait()
		if r.ctx.Err() == nil {
			r.searchIndex()
		}
	})
}

// execute starts one worker per CPU that renders the pages emit hands it,
// until r.jobs is closed; the returned group is done when all have
// stopped. All workers use the same parsed templates (html/template may
// execute a template on several goroutines at once).
func (r *renderer) execute(ctx context.Context) *sync.WaitGroup {
	r.ctx = ctx
	r.jobs = make(chan *page, 64)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range r.jobs {
				r.executePage(ctx, p, &buf)
				r.executed(p)
			}
		})
	}
	return &wg
}

// executePage executes page p with the buffer buf, and hands its file to the sink.
func (r *renderer) executePage(ctx context.Context, p *page, buf *bytes.Buffer) {
	if ctx.Err() != nil {
		return
	}
	if p.prepare != nil {
		p.prepare()
	}
	p.frame.render(r)
	buf.Reset()
	t := r.tmpl[p.Kind]
	err := t.ExecuteTemplate(buf, entry(p), p.Page)
	if err == nil && r.renumberHeadings(p, buf.Bytes()) {
		buf.Reset()
		err = t.ExecuteTemplate(buf, entry(p), p.Page)
	}
	if err != nil {
		r.templateError(err)
		return
	}
	b := buf.Bytes()
	if r.lang != r.defLang {
		b = format.ResolveFallback(b, r.defLang)
	}
	r.keepContent(p)
	out := routes.File(p.URL)
	by := p.from
	if by == (outputs.Origin{}) {
		by = outputs.Origin{What: "the " + p.Kind + " page"}
	}
	r.putFrom(out, by, b)
}

// funcs returns the template functions. They depend on the site alone,
// never on the page being executed: what differs between pages is reached
// through the page (.Link, .Routes).
func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"t": r.text,
		"tf": func(key string, args ...string) (string, error) {
			// The placeholder n is the number the sentence is about: its
			// variant KEY.one, if any, is used when n takes the singular.
			for i := 0; i+1 < len(args); i += 2 {
				if n, err := strconv.Atoi(args[i+1]); args[i] == "n" && err == nil {
					key = view.OneKey(r.site.Strings, r.lang, key, float64(n))
				}
			}
			t, err := r.text(key)
			for i := 0; i+1 < len(args); i += 2 {
				t = strings.ReplaceAll(t, "{"+args[i]+"}", args[i+1])
			}
			return t, err
		},
		"locale":  func(lang string) string { return (&model.Config{Language: lang}).Locale() },
		"orig":    r.orig,
		"num":     func(n float64) string { return r.f.Number(n, 1) },
		"int":     func(n int) string { return r.f.Number(float64(n), 0) },
		"pct":     r.f.Percent,
		"date":    r.f.Date,
		"month":   r.f.Month,
		"status":  func(s any) (string, error) { return r.text("status." + fmt.Sprint(s)) },
		"badge":   func(s any) (template.HTML, error) { return r.view.StatusBadge(fmt.Sprint(s)) },
		"fold":    search.Fold,
		"bytes":   r.f.Bytes,
		"capital": format.Capital,
		"inlineCSS": func(name string) (template.CSS, error) {
			b, ok := r.site.Static[name]
			if !ok {
				return "", fmt.Errorf("no file static/%s to inline", name)
			}
			return inlineStyle(b), nil
		},
		"parentName": func(u *model.Unit) string { return r.view.ParentName(u) },
		"add":        func(a, b int) int { return a + b },
		"sub":        func(a, b int) int { return a - b },
	}
}

// text returns the user-interface text key.
func (r *renderer) text(key string) (string, error) { return r.view.Text(key) }

// sentence fills the {name} placeholders of the text key.
func (r *renderer) sentence(key string, args map[string]string) string {
	return r.view.Sentence(key, args)
}

// pageByURL returns the content page at url, or nil.
func (r *renderer) pageByURL(url string) *model.Page {
	i := slices.IndexFunc(r.site.Pages, func(p *model.Page) bool { return p.URL == url })
	if i < 0 {
		return nil
	}
	return r.site.Pages[i]
}

// markdownOnce renders Markdown, one text at a time: pages are made and
// executed on several goroutines, goldmark does not say its parser may be
// shared between them, and Markdown is rendered for few pages.
func (r *renderer) markdownOnce(src []byte, reserved []string) (template.HTML, []markdown.TOCEntry, error) {
	r.mdMu.Lock()
	defer r.mdMu.Unlock()
	return markdown.Render(src, reserved...)
}

// markdown renders a content page's body; problems are reported at the page.
func (r *renderer) markdown(pg *model.Page) (template.HTML, []markdown.TOCEntry) {
	html, toc, err := r.markdownOnce(pg.Body, r.reserved)
	if me, ok := errors.AsType[*markdown.Error](err); ok {
		r.fail(pg.Path, pg.BodyLine+me.Line-1, me.Col, "%s", me.Msg)
	} else if err != nil {
		r.fail(pg.Path, pg.BodyLine, 0, "cannot render Markdown: %v", err)
	}
	return html, toc
}

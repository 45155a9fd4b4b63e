// Package render turns a site's model and computed progress into the files
// of the published site: HTML pages from the layouts, charts, open-data
// downloads, the Atom feed, the sitemap.
//
// It is the fourth stage of the pipeline (load → model → compute → render →
// write). It returns files in memory and writes nothing: package write puts
// them on disk. Every user-interface text comes from the layouts or from
// layouts/strings.toml, none from Go code.
//
// # Layouts
//
// layouts/_base.html defines the page frame and calls the blocks "main" and
// "head"; files whose names start with "_" hold shared definitions; every
// other layout defines "main" for one page kind: home, page, plan, about,
// targets, target, list, updates, update, units, unit, agencies, data and
// 404. Templates are executed with a *Page (see [Page]) and may call these
// functions:
//
//	t KEY                 the text KEY of layouts/strings.toml
//	url PATH              a link to PATH (relative to the site root) from this page
//	num N, int N          N the Vietnamese way: 1.245; 64,8
//	pct N                 a percentage: 64,8%
//	date T, month M       a date as dd/mm/yyyy, a month as mm/yyyy
//	status S              the label of a status, e.g. "Đạt"
//	fold S                S lowercased without diacritics, for filters
//	capital S             S with its first letter in upper case
//	bytes N               a file size: 12 KB
//	unitURL U             the page of unit U
//	parentName U          the full name of the unit above U
//	add A B, sub A B      sums and differences of counts
//	cached NAME KEY DATA  the template NAME executed once per KEY and reused
//	inlineCSS FILE        a file of static/ as an inline stylesheet (404 page)
//	dataset PAGE          the schema.org Dataset of the downloads, as JSON
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
	"time"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
)

// Files maps output paths (slash-separated, relative to the site root) to
// their contents.
type Files map[string][]byte

// Sink receives the files of a site as they are rendered. Put is called
// from several goroutines at once.
type Sink interface {
	Put(name string, data []byte) error
}

// Memory is a Sink that keeps the files in memory.
type Memory struct {
	mu    sync.Mutex
	Files Files
}

// Put stores a file.
func (m *Memory) Put(name string, data []byte) error {
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
// error naming both, at the input file that can be changed.
func Site(ctx context.Context, s *model.Site, p *progress.Progress, opt Options, sink Sink) (Stats, error) {
	r := &renderer{site: s, prog: p, opt: opt, sink: sink, errs: &diag.List{}}
	if len(s.Units.Levels) == 0 {
		// Pages and downloads group units by their top level.
		r.errs.Add("data/units.toml", 0, 0, "no [[levels]]: list the levels of the registry, such as district and commune")
	}
	r.parseTemplates()
	if err := r.errs.Err(); err != nil {
		return Stats{}, err
	}
	r.reserveIDs()
	r.checkAgencyIDs()
	r.claimDownloads()
	steps := []func(){r.views, r.openData, r.pages, func() { r.execute(ctx) }, r.feeds, r.static}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return Stats{}, err
		}
		step()
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	r.checkOutputs()
	if err := r.errs.Err(); err != nil {
		return Stats{}, err
	}
	return r.stats, nil
}

// static copies the files of static/.
func (r *renderer) static() {
	for _, name := range slices.Sorted(maps.Keys(r.site.Static)) {
		r.putFrom(name, origin{path: "static/" + name, what: "the file static/" + name, fix: "rename or remove the file"}, r.site.Static[name])
	}
}

// put hands a generated file to the sink.
func (r *renderer) put(name string, b []byte) {
	r.putFrom(name, origin{}, b)
}

// putFrom hands a file to the sink and records who produced it. A file
// whose producer is not given is generated, or is the download of a record
// kind claimed by claimDownloads.
func (r *renderer) putFrom(name string, by origin, b []byte) {
	key := path.Clean(name)
	r.mu.Lock()
	if by == (origin{}) {
		if c, ok := r.claims[name]; ok {
			by = c
			delete(r.claims, name)
		}
	}
	if r.outputs == nil {
		r.outputs = map[string][]origin{}
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
func (r *renderer) fail(path string, line, col int, format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs.Add(path, line, col, format, args...)
}

type renderer struct {
	site *model.Site
	prog *progress.Progress
	opt  Options
	sink Sink
	errs *diag.List
	tmpl map[string]*template.Template // page kind → base + kind, parsed once
	jobs []*Page                       // pages waiting to be executed

	mu        sync.Mutex // guards errs, stats, pageNames, outputs and claims during execute
	stats     Stats
	pageNames []string
	outputs   map[string][]origin // output path → its producers
	claims    map[string]origin   // downloads named after record kinds, until put
	reserved  []string            // element ids the layouts use, kept from headings

	targets   []*TargetView
	lists     []*ListView
	updates   []*UpdateView
	downloads []*Download
	published time.Time                             // date of the latest report, the data's "as of" date
	unitURL   map[string]string                     // unit code → its page
	report    map[model.Month]*model.Report         // the report of each month
	byUnit    map[string]map[string][]*model.Record // unit code → kind id → records naming it
}

const baseLayout = "_base.html"

func (r *renderer) parseTemplates() {
	r.tmpl = map[string]*template.Template{}
	src := r.site.Templates
	baseSrc, ok := src[baseLayout]
	if !ok {
		r.errs.Add("layouts/"+baseLayout, 0, 0, "missing base layout: create layouts/%s", baseLayout)
		return
	}
	base, err := template.New(baseLayout).Funcs(r.funcs(nil)).Parse(baseSrc)
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
			for _, partial := range slices.Sorted(maps.Keys(src)) {
				if strings.HasPrefix(partial, "_") && partial != baseLayout {
					if _, err = t.New(partial).Parse(src[partial]); err != nil {
						break
					}
				}
			}
		}
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
	r.errs.Add("layouts/"+name, line, col, "%s", strings.TrimSpace(rest))
}

// Page is what a layout is executed with.
type Page struct {
	Kind        string // the layout, e.g. "target"
	URL         string // relative to the site root, "" for home
	Root        string // relative link to the site root, e.g. "../../"
	Title       string
	Description string
	Canonical   string
	Site        *model.Config
	Nav         []NavItem
	Charts      bool // the page draws charts: load the chart library
	Inject      template.HTML
	Published   time.Time // the data's "as of" date
	LatestMonth model.Month
	Top         *model.Level // the top level of the registry, e.g. districts
	Reporting   *model.Level // the level whose units send reports

	Content template.HTML // rendered Markdown, for content pages
	TOC     []TOCEntry
	Source  *model.Page

	// One of these, by kind.
	Targets   []*TargetView
	Target    *TargetView
	List      *ListView
	Updates   []*UpdateView
	Update    *UpdateView
	Units     []*UnitView
	Unit      *UnitView
	Agencies  []*AgencyView
	Reporters []*ReporterView
	Downloads []*Download
	Context   model.Context
	Registry  *model.Registry

	from origin // a content page, or zero for a generated page
}

// HeaderKey says which pages share the same banner and header: those of
// one depth with the same current menu entry.
func (p *Page) HeaderKey() string {
	current := -1
	for i, n := range p.Nav {
		if n.Current {
			current = i
		}
	}
	return p.Root + "\x00" + strconv.Itoa(current)
}

// NavItem is one entry of the navigation.
type NavItem struct {
	Label   string
	Path    string
	Current bool
}

// newPage starts a page at url with the common fields set.
func (r *renderer) newPage(kind, url, title, description string) *Page {
	cfg := &r.site.Config
	depth := strings.Count(url, "/")
	if !strings.HasSuffix(url, "/") && url != "" {
		depth = strings.Count(url, "/")
	}
	p := &Page{
		Kind:        kind,
		URL:         url,
		Root:        strings.Repeat("../", depth),
		Title:       title,
		Description: cmp.Or(description, cfg.Description),
		Canonical:   absURL(cfg.BaseURL, url),
		Site:        cfg,
		Inject:      r.opt.Inject,
		Published:   r.published,
		LatestMonth: r.prog.Latest,
		Top:         &model.Level{},
		Reporting:   &model.Level{},
	}
	if len(r.site.Units.Levels) > 0 {
		p.Top = r.site.Units.Levels[0]
	}
	if lv := r.site.Units.Level(cfg.Plan.ReportingLevel); lv != nil {
		p.Reporting = lv
	}
	best := -1
	for i, m := range cfg.Menu {
		if m.Path == url || (m.Path != "" && strings.HasPrefix(url, m.Path)) {
			if best < 0 || len(m.Path) > len(cfg.Menu[best].Path) {
				best = i
			}
		}
	}
	for i, m := range cfg.Menu {
		p.Nav = append(p.Nav, NavItem{Label: m.Label, Path: m.Path, Current: i == best})
	}
	return p
}

// emit queues a page; execute renders the queue.
func (r *renderer) emit(p *Page) {
	if r.tmpl[p.Kind] == nil {
		r.errs.Add("layouts/"+p.Kind+".html", 0, 0, "missing layout for %s pages: create layouts/%s.html", p.Kind, p.Kind)
		return
	}
	r.jobs = append(r.jobs, p)
}

// worker executes pages with its own copy of the templates, whose functions
// know the page being executed (url needs its depth). Copies, because
// html/template sets cannot change their functions once executed.
type worker struct {
	page  *Page
	tmpl  map[string]*template.Template
	cache map[string]template.HTML // "cached" results, by template and key
}

// execute renders the queued pages on one worker per CPU; it stops handing
// out pages once ctx is cancelled.
func (r *renderer) execute(ctx context.Context) {
	n := min(runtime.GOMAXPROCS(0), max(1, len(r.jobs)/8))
	workers := make([]*worker, n)
	for i := range workers {
		w := &worker{tmpl: map[string]*template.Template{}, cache: map[string]template.HTML{}}
		for kind, t := range r.tmpl {
			c, err := t.Clone()
			if err != nil {
				r.errs.Add("layouts/"+kind+".html", 0, 0, "cannot copy the layout: %v", err)
				return
			}
			w.tmpl[kind] = c.Funcs(r.funcs(w))
		}
		workers[i] = w
	}
	jobs := make(chan *Page)
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range jobs {
				if ctx.Err() != nil {
					continue
				}
				buf.Reset()
				w.page = p
				err := w.tmpl[p.Kind].ExecuteTemplate(&buf, baseLayout, p)
				if err == nil && r.renumberHeadings(p, buf.Bytes()) {
					buf.Reset()
					err = w.tmpl[p.Kind].ExecuteTemplate(&buf, baseLayout, p)
				}
				if err != nil {
					r.mu.Lock()
					r.templateError(err)
					r.mu.Unlock()
					continue
				}
				out := p.URL + "index.html"
				if strings.HasSuffix(p.URL, ".html") {
					out = p.URL
				}
				by := p.from
				if by == (origin{}) {
					by = origin{what: "the " + p.Kind + " page"}
				}
				r.putFrom(out, by, bytes.Clone(buf.Bytes()))
			}
		})
	}
queue:
	for _, p := range r.jobs {
		select {
		case jobs <- p:
		case <-ctx.Done():
			break queue
		}
	}
	close(jobs)
	wg.Wait()
	r.jobs = nil
}

// funcs returns the template functions; w is nil when parsing.
func (r *renderer) funcs(w *worker) template.FuncMap {
	return template.FuncMap{
		"cached": func(name, key string, data any) (template.HTML, error) {
			if w == nil || w.page == nil {
				return "", nil
			}
			k := w.page.Kind + "\x00" + name + "\x00" + key
			if h, ok := w.cache[k]; ok {
				return h, nil
			}
			var b strings.Builder
			if err := w.tmpl[w.page.Kind].ExecuteTemplate(&b, name, data); err != nil {
				return "", err
			}
			w.cache[k] = template.HTML(b.String())
			return w.cache[k], nil
		},
		"t": r.text,
		"url": func(target string) string {
			if w == nil || w.page == nil {
				return target
			}
			return cmp.Or(w.page.Root+target, "./")
		},
		"num":     func(n float64) string { return formatNumber(n, 1) },
		"int":     func(n int) string { return formatNumber(float64(n), 0) },
		"pct":     formatPercent,
		"date":    formatDate,
		"month":   r.monthLabel,
		"status":  func(s any) (string, error) { return r.text("status." + fmt.Sprint(s)) },
		"fold":    Fold,
		"bytes":   r.byteSize,
		"capital": capital,
		"inlineCSS": func(name string) (template.CSS, error) {
			b, ok := r.site.Static[name]
			if !ok {
				return "", fmt.Errorf("no file static/%s to inline", name)
			}
			return inlineStyle(b), nil
		},
		"unitURL": func(u *model.Unit) string { return r.unitURL[u.Code] },
		"dataset": func(p *Page) template.JS { return r.dataset(p) },
		"parentName": func(u *model.Unit) string {
			if p := r.site.Units.Unit(u.Parent); p != nil {
				return p.FullName()
			}
			return ""
		},
		"add": func(a, b int) int { return a + b },
		"sub": func(a, b int) int { return a - b },
	}
}

// text returns the user-interface text key.
func (r *renderer) text(key string) (string, error) {
	s, ok := r.site.Strings[key]
	if !ok {
		return "", fmt.Errorf("missing text %q: the theme has no such text: check the key's spelling", key)
	}
	return s, nil
}

// sentence fills the {name} placeholders of the text key.
func (r *renderer) sentence(key string, args map[string]string) string {
	s, err := r.text(key)
	if err != nil {
		r.errs.Add("layouts/strings.toml", 0, 0, "%v", err)
		return ""
	}
	for _, k := range slices.Sorted(maps.Keys(args)) {
		s = strings.ReplaceAll(s, "{"+k+"}", args[k])
	}
	return s
}

func (r *renderer) monthLabel(m model.Month) string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%d", int(m.Mon), m.Year)
}

func (r *renderer) byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return formatNumber(float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return formatNumber(float64(n)/(1<<10), 0) + " KB"
	}
	return strconv.Itoa(n) + " B"
}

// pageByURL returns the content page at url, or nil.
func (r *renderer) pageByURL(url string) *model.Page {
	i := slices.IndexFunc(r.site.Pages, func(p *model.Page) bool { return p.URL == url })
	if i < 0 {
		return nil
	}
	return r.site.Pages[i]
}

// markdown renders a content page's body; problems are reported at the page.
func (r *renderer) markdown(pg *model.Page) (template.HTML, []TOCEntry) {
	html, toc, err := Markdown(pg.Body, r.reserved...)
	if me, ok := errors.AsType[*MarkdownError](err); ok {
		r.fail(pg.Path, pg.BodyLine+me.Line-1, me.Col, "%s", me.Msg)
	} else if err != nil {
		r.fail(pg.Path, pg.BodyLine, 0, "cannot render Markdown: %v", err)
	}
	return html, toc
}

// link returns the path of a page relative to the site root.
func link(parts ...string) string { return path.Join(parts...) + "/" }

// capital writes the first letter of s in upper case: "huyện, thành phố" →
// "Huyện, thành phố".
func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// Package content reads a site's content pages, content/**/*.md: their
// TOML front matter and their Markdown bodies, in the site's languages.
//
// It is a part of the load stage of the pipeline (load → model → compute →
// render → write): package load calls Read once the data files and the
// reports are read, since an update post without a date of its own takes
// its month's report's. Bodies are kept as written; package render turns
// them into HTML. Every problem is recorded with its file, line and column
// (the front matter's lines are the Markdown file's).
package content

import (
	"cmp"
	"context"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/tomlfile"
	"golang.org/x/text/language"
)

// reader reads the pages of one site.
type reader struct {
	ctx    context.Context
	fsys   fs.FS
	errs   *diag.List
	unsure bool // site.toml's languages have a problem, reported there
}

// Pages is what Read returns: the pages shown, by language.
type Pages struct {
	// Shown are the pages of the default language, by URL, but the update
	// posts whose month's report is a draft (Waiting).
	Shown, Waiting []*model.Page
	// ByLang are the translations of the shown pages, by language, each
	// by URL.
	ByLang map[string][]*model.Page
	// Untranslated lists the pages without a translation in a language.
	Untranslated []model.Untranslated
}

// Read reads the content pages of fsys in the site's languages langs (the
// default first), recording problems in errs; unsure says that site.toml's
// languages have a problem, reported there, so that a page in a language
// the site lacks is left out without a word. reports and drafts are the
// published and draft reports, which date the update posts. It stops
// between two files once ctx is cancelled.
func Read(ctx context.Context, fsys fs.FS, errs *diag.List, langs []string, unsure bool, reports, drafts []*model.Report) Pages {
	l := &reader{ctx: ctx, fsys: fsys, errs: errs, unsure: unsure}
	pages, byLang := l.pages(langs)
	var out Pages
	out.Shown, out.Waiting = l.datePosts(pages, reports, drafts)
	out.ByLang = datePages(byLang, out.Shown)
	if len(langs) > 1 {
		out.Untranslated = untranslatedPages(langs, out.Shown, out.ByLang)
	}
	return out
}

// files lists the regular files below dir with the given extension, sorted.
func (l *reader) files(dir, ext string) []string {
	return source.Files(l.ctx, l.fsys, l.errs, dir, ext)
}

// readFile is source.ReadFile of the site, unless the load is cancelled:
// ctx is checked between files, which is cheap.
func (l *reader) readFile(name string, limit int64) ([]byte, error) {
	if err := l.ctx.Err(); err != nil {
		return nil, err
	}
	return source.ReadFile(l.fsys, name, limit)
}

// The files content refers to in messages.
const (
	configPath = "site.toml"
	reportsDir = "data/reports"
)

// Dir is the folder of the content pages.
const Dir = "content"

// Layouts a content page may name in its front matter.
var pageLayouts = []string{"page", "plan", "about"}

// FrontMatter is the TOML front matter of a page, between +++ lines.
type FrontMatter struct {
	Title       string
	Description string
	Date        time.Time
	Layout      string
	TOC         bool `toml:"toc"`
}

// pages reads the content pages: those of the default language, and, by
// language, their translations (NAME.LANG.md beside NAME.md).
func (l *reader) pages(langs []string) (pages []*model.Page, byLang map[string][]*model.Page) {
	paths := l.files(Dir, ".md")
	for _, p := range paths {
		lang, orig := pageLang(p, langs)
		switch {
		case lang == "":
			lang = langs[0]
		case lang == langs[0]:
			l.errs.Add(p, 0, 0, "a page in the default language %s is named without its language: rename it %s", model.LanguageName(lang), orig)
			continue
		case !slices.Contains(langs, lang) && l.unsure:
			continue // site.toml's languages have a problem, reported there
		case !slices.Contains(langs, lang):
			l.errs.Add(p, 0, 0, "%s is not a language of the site (languages in %s: %s): add it there, or rename the file", model.LanguageName(lang), configPath, tomlfile.QuoteAll(langs))
			continue
		case !slices.Contains(paths, orig):
			l.errs.Add(p, 0, 0, "a translation of %s, which does not exist: add that page in the default language, or remove this one", orig)
			continue
		}
		pg := l.page(p, orig, lang)
		switch {
		case pg == nil:
		case lang == langs[0]:
			pages = append(pages, pg)
		default:
			if byLang == nil {
				byLang = map[string][]*model.Page{}
			}
			byLang[lang] = append(byLang[lang], pg)
		}
	}
	byURL := func(a, b *model.Page) int { return strings.Compare(a.URL, b.URL) }
	slices.SortFunc(pages, byURL)
	for _, ps := range byLang {
		slices.SortFunc(ps, byURL)
	}
	return pages, byLang
}

// langSuffix matches what may be a language tag at the end of a page's
// name: NAME.en.md, NAME.pt-BR.md.
var langSuffix = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// pageLang returns the language a page's file name gives (NAME.LANG.md),
// or "", and the name of the page it translates. LANG is a language of the
// site, or one of the major languages that have a two-letter code (a
// language the site lacks, or a misspelt one: reported); any other last
// part (notes.old.md, old being a rare language's code) is part of the
// page's name.
func pageLang(p string, langs []string) (lang, orig string) {
	name := strings.TrimSuffix(p, ".md")
	i := strings.LastIndexByte(name, '.')
	if i < 0 || strings.Contains(name[i:], "/") || !langSuffix.MatchString(name[i+1:]) {
		return "", p
	}
	lang = name[i+1:]
	tag, err := language.Parse(lang)
	base, _ := tag.Base()
	if !slices.Contains(langs, lang) && (err != nil || len(base.String()) != 2) {
		return "", p
	}
	return lang, name[:i] + ".md"
}

// page reads the page p, which is orig in language lang (p is orig in the
// default language).
func (l *reader) page(p, orig, lang string) *model.Page {
	b, err := l.readFile(p, source.MaxFileSize)
	if err != nil {
		source.ReadError(l.errs, p, err, source.MaxFileSize)
		return nil
	}
	src, ok := source.Text(p, b, l.errs)
	if !ok {
		return nil
	}
	fm, body, bodyLine, ok := splitFrontMatter(p, src, l.errs)
	if !ok || !checkBody(p, body, bodyLine, l.errs) {
		return nil
	}
	// Decode the front matter as a TOML file of its own, then shift its lines
	// so that messages point at the line of the Markdown file.
	inner := &diag.List{}
	f := tomlfile.New(p, fm, inner)
	var m FrontMatter
	if f.Decode(&m, func() bool { return f.CheckText("", "", reflect.ValueOf(&m)) }) {
		f.Require("", map[string]string{"title": m.Title})
		if m.Layout != "" && !slices.Contains(pageLayouts, m.Layout) {
			f.At("layout", "unknown layout %q: use %s", m.Layout, strings.Join(pageLayouts, ", "))
		}
	}
	rel := strings.TrimPrefix(orig, Dir+"/")
	section, _, _ := strings.Cut(rel, "/")
	if section == rel {
		section = ""
	}
	if section == routes.UpdatesSection {
		if _, err := model.ParseMonth(baseName(orig)); err != nil {
			f.At("", "an update is named by its month, such as content/"+routes.UpdatesSection+"/2017-03.md")
		}
	}
	if err := inner.Err(); err != nil {
		for _, e := range err.(*diag.ListError).Errs {
			if e.Line > 0 {
				e.Line++ // the opening +++ line
			} else {
				e.Line = 1
			}
			l.errs.AddError(p, e)
		}
		return nil
	}
	u := strings.TrimSuffix(rel, ".md") + "/"
	if u == "_index/" {
		u = ""
	}
	return &model.Page{
		Path:        p,
		URL:         u,
		Title:       strings.TrimSpace(m.Title),
		Description: strings.TrimSpace(m.Description),
		Date:        m.Date,
		Layout:      cmp.Or(m.Layout, "page"),
		TOC:         m.TOC,
		Section:     section,
		Body:        []byte(body),
		BodyLine:    bodyLine,
		Lang:        lang,
	}
}

// splitFrontMatter splits `+++` TOML front matter from the Markdown body.
func splitFrontMatter(p, src string, errs *diag.List) (fm, body string, bodyLine int, ok bool) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	if !strings.HasPrefix(src, "+++\n") {
		errs.Add(p, 1, 1, "a content file starts with front matter between +++ lines, such as:\n+++\ntitle = \"…\"\n+++")
		return "", "", 0, false
	}
	rest := src[4:]
	end := strings.Index(rest, "\n+++")
	if end < 0 || (len(rest) > end+4 && rest[end+4] != '\n') {
		errs.Add(p, 1, 1, "the front matter is not closed: add a line with +++ after it")
		return "", "", 0, false
	}
	fm = rest[:end+1]
	body = strings.TrimPrefix(rest[end+4:], "\n")
	bodyLine = strings.Count(fm, "\n") + 3
	return fm, body, bodyLine, true
}

// datePages gives every translated update post without a date of its own
// the date of the post it translates, and leaves out those whose post is
// not shown (its report is a draft).
func datePages(byLang map[string][]*model.Page, shown []*model.Page) map[string][]*model.Page {
	orig := map[string]*model.Page{}
	for _, pg := range shown {
		orig[pg.URL] = pg
	}
	for lang, pages := range byLang {
		var out []*model.Page
		for _, pg := range pages {
			o := orig[pg.URL]
			if o == nil {
				continue
			}
			if pg.Date.IsZero() {
				pg.Date = o.Date
			}
			out = append(out, pg)
		}
		byLang[lang] = out
	}
	return byLang
}

// untranslatedPages lists the pages with no translation in a language,
// but for the plan (official in the default language only) and the
// update posts (each month's news, translated if the editors wish).
func untranslatedPages(langs []string, pages []*model.Page, byLang map[string][]*model.Page) []model.Untranslated {
	var out []model.Untranslated
	for _, pg := range pages {
		if pg.Layout == "plan" || pg.Section == routes.UpdatesSection {
			continue
		}
		for _, lang := range langs[1:] {
			if !slices.ContainsFunc(byLang[lang], func(x *model.Page) bool { return x.URL == pg.URL }) {
				out = append(out, model.Untranslated{Path: pg.Path, Lang: lang, Count: 1, Page: true})
			}
		}
	}
	return out
}

// datePosts gives every update post without a date of its own the published
// date of its month's report, and sets apart the posts whose report is a
// draft. A post with neither date nor report is an error.
func (l *reader) datePosts(pages []*model.Page, reports, drafts []*model.Report) (shown, waiting []*model.Page) {
	for _, pg := range pages {
		if pg.Section != routes.UpdatesSection || !pg.Date.IsZero() {
			shown = append(shown, pg)
			continue
		}
		m, err := model.ParseMonth(baseName(pg.Path))
		if err != nil {
			continue // reported by page
		}
		switch r := reportOf(reports, m); {
		case reportOf(drafts, m) != nil:
			waiting = append(waiting, pg)
		case r != nil:
			pg.Date = r.Published
			shown = append(shown, pg)
		default:
			l.errs.Add(pg.Path, 1, 0, "missing \"date\": an update is dated by the published date of %s/%s.toml, which does not exist: add the report, or date = %d-%02d-05 here", reportsDir, m, m.Next().Year, int(m.Next().Mon))
		}
	}
	return shown, waiting
}

func reportOf(reports []*model.Report, m model.Month) *model.Report {
	i := slices.IndexFunc(reports, func(r *model.Report) bool { return r.Month == m })
	if i < 0 {
		return nil
	}
	return reports[i]
}

// checkBody records the first control character of a Markdown body, other
// than line breaks and tabs, at its line and column.
func checkBody(p, body string, bodyLine int, errs *diag.List) bool {
	line, lineStart := bodyLine, 0
	for i, r := range body {
		switch {
		case r == '\n':
			line, lineStart = line+1, i+1
		case r == '\t' || !unicode.IsControl(r):
		default:
			errs.Add(p, line, utf8.RuneCountInString(body[lineStart:i])+1, "a control character (U+%04X): remove it", r)
			return false
		}
	}
	return true
}

// baseName returns the file name of p without its extension.
func baseName(p string) string {
	b := path.Base(p)
	return strings.TrimSuffix(b, path.Ext(b))
}

package load

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/tomlfile"
	"golang.org/x/text/language"
)

const contentDir = "content"

// Layouts a content page may name in its front matter.
var pageLayouts = []string{"page", "plan", "about"}

type frontMatter struct {
	Title       string
	Description string
	Date        time.Time
	Layout      string
	TOC         bool `toml:"toc"`
}

// pages reads the content pages: those of the default language, and, by
// language, their translations (NAME.LANG.md beside NAME.md).
func (l *loader) pages(langs []string) (pages []*model.Page, byLang map[string][]*model.Page) {
	paths := l.files(contentDir, ".md")
	for _, p := range paths {
		lang, orig := pageLang(p, langs)
		switch {
		case lang == "":
			lang = langs[0]
		case lang == langs[0]:
			l.errs.Add(p, 0, 0, "a page in the default language %s is named without its language: rename it %s", model.LanguageName(lang), orig)
			continue
		case !slices.Contains(langs, lang) && l.tr.Unsure:
			continue // site.toml's languages have a problem, reported there
		case !slices.Contains(langs, lang):
			l.errs.Add(p, 0, 0, "%s is not a language of the site (languages in %s: %s): add it there, or rename the file", model.LanguageName(lang), configPath, quoteAll(langs))
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
func (l *loader) page(p, orig, lang string) *model.Page {
	b, err := l.readFile(p, MaxFileSize)
	if err != nil {
		source.ReadError(l.errs, p, err, MaxFileSize)
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
	f := &tomlFile{tomlfile.New(p, fm, inner)}
	var m frontMatter
	if f.decode(&m) {
		f.Require("", map[string]string{"title": m.Title})
		if m.Layout != "" && !slices.Contains(pageLayouts, m.Layout) {
			f.At("layout", "unknown layout %q: use %s", m.Layout, strings.Join(pageLayouts, ", "))
		}
	}
	rel := strings.TrimPrefix(orig, contentDir+"/")
	section, _, _ := strings.Cut(rel, "/")
	if section == rel {
		section = ""
	}
	if section == routes.UpdatesSection {
		if _, err := model.ParseMonth(baseName(orig)); err != nil {
			f.At("", "an update is named by its month, such as content/cap-nhat/2017-03.md")
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

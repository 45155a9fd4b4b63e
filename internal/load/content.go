package load

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/tomlfile"
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

func (l *loader) pages() []*model.Page {
	var out []*model.Page
	for _, p := range l.files(contentDir, ".md") {
		if pg := l.page(p); pg != nil {
			out = append(out, pg)
		}
	}
	slices.SortFunc(out, func(a, b *model.Page) int { return strings.Compare(a.URL, b.URL) })
	return out
}

func (l *loader) page(p string) *model.Page {
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
	rel := strings.TrimPrefix(p, contentDir+"/")
	section, _, _ := strings.Cut(rel, "/")
	if section == rel {
		section = ""
	}
	if section == "cap-nhat" {
		if _, err := model.ParseMonth(baseName(p)); err != nil {
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

package search

import (
	"cmp"
	"html"
	"strings"

	"github.com/minhbach/minhbach/internal/model"
)

// Kinds of documents, which search.js labels with the texts the search
// page gives it.
const (
	KindPage   = "page"
	KindTarget = "target"
	KindUnit   = "unit"
	KindRecord = "record"
)

// Links says where the site shows what Collect indexes: the routes are
// render's to decide. A nil function leaves its documents out.
type Links struct {
	Target func(*model.Target) string // the target's page
	Unit   func(*model.Unit) string   // the unit's page
	// Record returns the page that lists the record, or "" to leave it
	// out; records are indexed by their title, the first text field.
	Record func(*model.Record) string
	// Content returns a content page's body as rendered HTML, whose h2 and
	// h3 carry the ids the page's sections are linked by. Without it the
	// Markdown is indexed whole, as one section.
	Content func(*model.Page) string
	// Lang is the language of the index: the site's default when empty.
	// In another, data texts are indexed in their translation (the
	// default language's where there is none) and the content pages are
	// that language's.
	Lang string
}

// Collect returns the documents of site s in the order results of equal
// rank are shown: targets, content pages by path (update posts among
// them), units from the top level down, records by month.
func Collect(s *model.Site, links Links) []Doc {
	var docs []Doc
	tr := func(text string) string { return text }
	pages := s.Pages
	if links.Lang != "" && links.Lang != s.Config.Language {
		tr = func(text string) string { t, _ := s.Tr(links.Lang, text); return t }
		pages = s.PagesByLang[links.Lang]
	}
	fullName := func(u *model.Unit) string {
		typ, _ := s.TrIn(cmp.Or(links.Lang, s.Config.Language), "", u.Type)
		return typ + " " + tr(u.Name)
	}
	if links.Target != nil {
		for _, t := range s.Targets {
			docs = append(docs, Doc{URL: links.Target(t), Title: tr(t.Name), Kind: KindTarget, Text: tr(t.Text)})
		}
	}
	for _, pg := range pages {
		if links.Content == nil {
			docs = append(docs, Doc{URL: pg.URL, Title: pg.Title, Kind: KindPage, Text: strings.Join(strings.Fields(string(pg.Body)), " ")})
			continue
		}
		secs := Sections(links.Content(pg))
		if len(secs) == 0 {
			// A page without text is still found by its title.
			secs = []Section{{Text: pg.Description}}
		}
		for _, sec := range secs {
			d := Doc{URL: pg.URL, Title: pg.Title, Section: sec.Heading, Kind: KindPage, Text: sec.Text}
			if sec.ID != "" {
				d.URL += "#" + sec.ID
			}
			docs = append(docs, d)
		}
	}
	if links.Unit != nil && s.Units != nil {
		units := s.Units.Units
		for _, lv := range s.Units.Levels {
			for _, u := range units {
				if u.Level == lv.ID {
					docs = append(docs, Doc{URL: links.Unit(u), Title: fullName(u), Section: parents(s.Units, u, fullName), Kind: KindUnit})
				}
			}
		}
	}
	if links.Record != nil {
		for _, rep := range s.Reports {
			for _, k := range s.Kinds {
				title := titleField(k)
				if title == "" {
					continue
				}
				for _, rec := range rep.Records[k.ID] {
					url := links.Record(rec)
					name := rec.Values[title].Text
					if url == "" || name == "" {
						continue
					}
					sec := tr(k.Name)
					if rec.Unit != nil {
						sec += " · " + fullName(rec.Unit)
					}
					docs = append(docs, Doc{URL: url, Title: name, Section: sec, Kind: KindRecord})
				}
			}
		}
	}
	return docs
}

// parents names the units above u, nearest first: "Huyện Yên Mô, Tỉnh
// Ninh Bình". Two communes of one name are told apart by them.
func parents(reg *model.Registry, u *model.Unit, fullName func(*model.Unit) string) string {
	var names []string
	for p := reg.Unit(u.Parent); p != nil && len(names) < 8; p = reg.Unit(p.Parent) {
		names = append(names, fullName(p))
	}
	return strings.Join(names, ", ")
}

// titleField returns the id of the first text field of kind k, the
// record's title, or "".
func titleField(k *model.Kind) string {
	for _, f := range k.Fields {
		if f.Type == model.Text {
			return f.ID
		}
	}
	return ""
}

// Section is the part of a page from one heading to the next.
type Section struct {
	ID      string // the heading's id; "" for the text before the first heading
	Heading string // the heading's text
	Text    string // the section's text, without markup
}

// Sections splits a page's HTML at its h2 and h3 headings that have an id.
// The text before the first heading is a section without a heading, left
// out if empty.
func Sections(h string) []Section {
	var out []Section
	cur := Section{}
	rest := h
	for {
		i := nextHeading(rest)
		if i < 0 {
			break
		}
		cur.Text = plain(rest[:i])
		if cur.ID != "" || cur.Text != "" {
			out = append(out, cur)
		}
		rest = rest[i:]
		// rest starts with <hN id="…">, the quote and the tag closed (see
		// nextHeading).
		idStart := len(`<h2 id="`)
		idEnd := idStart + strings.IndexByte(rest[idStart:], '"')
		closeTag := "</h" + rest[2:3] + ">"
		open := strings.IndexByte(rest, '>') + 1
		end := strings.Index(rest[open:], closeTag)
		if end < 0 {
			end = len(rest) - open
		}
		end += open
		cur = Section{ID: html.UnescapeString(rest[idStart:idEnd]), Heading: plain(rest[open:end])}
		rest = rest[min(len(rest), end+len(closeTag)):]
	}
	cur.Text = plain(rest)
	if cur.ID != "" || cur.Text != "" {
		out = append(out, cur)
	}
	return out
}

// nextHeading returns where the next <h2 id="…"> or <h3 id="…"> starts in
// s, or -1.
func nextHeading(s string) int {
	at := 0
	for {
		i := strings.Index(s[at:], "<h")
		if i < 0 {
			return -1
		}
		i += at
		t := s[i:]
		if len(t) > 4 && (t[2] == '2' || t[2] == '3') && strings.HasPrefix(t[3:], ` id="`) {
			q := strings.IndexByte(t[len(`<h2 id="`):], '"')
			if q >= 0 && strings.IndexByte(t[len(`<h2 id="`)+q:], '>') >= 0 {
				return i
			}
		}
		at = i + 2
	}
}

// blockTags end a run of words: the text on either side is not one word.
var blockTags = []string{"p", "li", "td", "th", "tr", "br", "div", "table", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dt", "dd"}

// plain returns the text of an HTML fragment, its blanks collapsed.
func plain(h string) string {
	var b strings.Builder
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		tag := strings.TrimPrefix(h[i+1:i+j], "/")
		if k := strings.IndexAny(tag, " \t\n/"); k >= 0 {
			tag = tag[:k]
		}
		for _, bt := range blockTags {
			if strings.EqualFold(tag, bt) {
				b.WriteByte(' ')
				break
			}
		}
		h = h[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

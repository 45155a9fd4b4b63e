package view

import (
	"html/template"
	"strings"
)

// Some parts of the pages are written here as HTML, where a layout would
// execute dozens of actions for each of ten thousand pages: the heading
// row and the rows of record tables, a unit's breadcrumb, summary and
// table of the units below it. html/template calls every function and
// escaper of an action by reflection, about a microsecond each; the rows of a national site's unit
// pages took a third of its render. The fragments are values that the
// layouts place ({{.Unit.Crumbs}}, {{.Table.Body}}), so a site's own layout
// still decides where they go, and the views keep the fields they are
// made from, for a layout that lays them out itself.
//
// A fragment escapes exactly as html/template would have in its place
// (FuzzEscape compares them): text, and a link's address.

// fragment is HTML being written.
type fragment struct{ strings.Builder }

// raw writes markup, written by the view itself.
func (f *fragment) raw(s string) { f.WriteString(s) }

// text writes s as text of an element or of a quoted attribute's value,
// escaped as html/template escapes a string there.
func (f *fragment) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		f.WriteString(s[last:i])
		f.WriteString(repl)
		last = i + 1
	}
	f.WriteString(s[last:])
}

// url writes s as the value of a quoted href attribute, as html/template
// writes a string there: an address of a scheme other than http, https
// and mailto becomes "#ZgotmplZ"; bytes that an address may not hold are
// percent-encoded (a valid %XX is kept); then it is escaped as text.
func (f *fragment) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		f.WriteString("#ZgotmplZ")
		return
	}
	var b fragment
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[last:i])
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
		last = i + 1
	}
	if last == 0 {
		f.text(s)
		return
	}
	b.WriteString(s[last:])
	f.text(b.String())
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// link writes an a element to href with text.
func (f *fragment) link(href, text string) {
	f.raw(`<a href="`)
	f.url(href)
	f.raw(`">`)
	f.text(text)
	f.raw(`</a>`)
}

// HTML returns what was written.
func (f *fragment) HTML() template.HTML { return template.HTML(f.String()) }

// Head returns the elements of a page's head that name the page, as
// HTML: its title (title, then the site's; the site's alone on the home
// page), its description and canonical address, and their Open Graph
// properties, of type article for an article, else website. They are the
// same on no two pages, and would cost a dozen actions on each.
func Head(title, site, description, canonical string, home, article bool) template.HTML {
	var f fragment
	f.Grow(256 + 2*(len(title)+len(description)+len(canonical)) + len(site))
	f.raw("<title>")
	if !home {
		f.text(title)
		f.raw(" | ")
	}
	f.text(site)
	f.raw("</title>\n<meta name=\"description\" content=\"")
	f.text(description)
	f.raw("\">\n<link rel=\"canonical\" href=\"")
	f.url(canonical)
	if article {
		f.raw("\">\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"")
	} else {
		f.raw("\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:title\" content=\"")
	}
	f.text(title)
	f.raw("\">\n<meta property=\"og:description\" content=\"")
	f.text(description)
	f.raw("\">\n<meta property=\"og:url\" content=\"")
	f.text(canonical)
	f.raw("\">")
	return f.HTML()
}

// Root returns the relative link from the page at url (a path relative to
// the site root, "" for the home page) to the site root: "../../".
func Root(url string) string { return strings.Repeat("../", strings.Count(url, "/")) }

// Header returns the cells of the table's heading row as HTML, for the
// head of the table (the template "records" of the layouts).
func (t *RecordTable) Header() template.HTML {
	var f fragment
	f.Grow(len(t.Head) * 40)
	for _, h := range t.Head {
		if h.Num {
			f.raw(`<th scope="col" class="num">`)
		} else {
			f.raw(`<th scope="col">`)
		}
		f.text(h.Name)
		f.raw("</th>")
	}
	return f.HTML()
}

// Body returns the rows of the table as HTML, each on a line of its own,
// for the body of the table (the template "records" of the layouts).
func (t *RecordTable) Body() template.HTML {
	var f fragment
	f.Grow(len(t.Rows) * (16 + 32*len(t.Head)))
	for _, row := range t.Rows {
		f.raw("\n    <tr>")
		for _, c := range row {
			if c.Num {
				f.raw(`<td class="num">`)
			} else {
				f.raw("<td>")
			}
			if c.Link != "" {
				f.raw(`<a href="`)
				f.url(c.Link)
				f.raw(`" rel="noopener nofollow">`)
				f.text(c.Text)
				f.raw("</a>")
			} else {
				f.text(c.Text)
			}
			f.raw("</td>")
		}
		f.raw("</tr>")
	}
	return f.HTML()
}

// StatusBadge returns a status's badge as HTML, as the template "status" of
// the layouts writes it: the status's icon (the text icon.STATUS) and word
// (status.STATUS) in an element of class status--STATUS. It is one call
// where the template's three actions cost six; a target's page shows
// a badge for every month. A missing text is an error.
func (s *Site) StatusBadge(status string) (template.HTML, error) {
	if b, ok := s.badges[status]; ok {
		return b, nil
	}
	return s.statusBadge(status)
}

func (s *Site) statusBadge(status string) (template.HTML, error) {
	icon, err := s.Text("icon." + status)
	if err != nil {
		return "", err
	}
	word, err := s.Text("status." + status)
	if err != nil {
		return "", err
	}
	var f fragment
	f.raw(`<span class="status status--`)
	f.text(status)
	f.raw(`"><span class="status__icon" aria-hidden="true">`)
	f.text(icon)
	f.raw(`</span> `)
	f.text(word)
	f.raw(`</span>`)
	return f.HTML(), nil
}

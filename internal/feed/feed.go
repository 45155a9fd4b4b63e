// Package feed writes what the site says of itself to machines: the Atom
// feed of an edition (its monthly update posts and the releases of its
// ledger) and the sitemap of every page.
//
// It is part of the render stage (load → model → compute → render →
// write): package render puts the files it makes into the output.
package feed

import (
	"bytes"
	"encoding/xml"
	"html"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/markdown"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// AbsURL returns the address of p, a path relative to the site root as it
// is on disk, under base (base_url), percent-encoded: a page of
// content/tin tức.md is at base + "tin%20t%E1%BB%A9c/". The sitemap, the
// feed and canonical links need valid URLs; html/template encodes href
// attributes, but not the sitemap or og:url.
func AbsURL(base, p string) string {
	if plainPath(p) {
		if prefix, ok := prefixes.Load(base); ok {
			return prefix.(string) + p
		}
		// Resolving a plain path only appends it to base's folder: the
		// folder is resolved once per base.
		const probe = "x"
		prefix := strings.TrimSuffix(resolve(base, probe), probe)
		prefixes.Store(base, prefix)
		return prefix + p
	}
	return resolve(base, p)
}

// prefixes holds, for each base of AbsURL, the address its plain paths
// are appended to.
var prefixes sync.Map

func resolve(base, p string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base + p // load has checked base_url
	}
	return u.ResolveReference(&url.URL{Path: p}).String()
}

// plainPath reports whether p is a path that resolves against a base
// by being appended to its folder, unchanged: not empty, not absolute, of
// ASCII letters, digits and -_~./ only (none percent-encoded), and no
// segment that starts with a dot ("." and ".." are resolved).
func plainPath(p string) bool {
	if p == "" || p[0] == '/' {
		return false
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '~', c == '/':
		case c == '.' && i > 0 && p[i-1] != '/':
		default:
			return false
		}
	}
	return true
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary,omitempty"`
	Content struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	} `xml:"content"`
}

// atomTime writes a date as an Atom timestamp at midnight UTC: dates in the
// data have no time of day, and the feed must not depend on the build's.
func atomTime(t time.Time) string {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
}

// Atom returns the Atom feed of the edition of the site configured by cfg
// whose views are v, its pages at the paths of rt: an entry per monthly
// update post, then one per release. unmark removes the marks of texts
// shown in the default language (an edition of another language: the feed
// has no markup to mark them).
func Atom(cfg *model.Config, v *view.Site, rt routes.Table, unmark bool) ([]byte, error) {
	f := atomFeed{
		Lang:   cfg.Language,
		Title:  format.Unmark(cfg.Title + " — " + v.Sentence("title.updates", nil)),
		ID:     AbsURL(cfg.BaseURL, rt.Updates()),
		Author: atomAuthor{Name: format.Unmark(cfg.Plan.Issuer)},
		Links: []atomLink{
			{Href: AbsURL(cfg.BaseURL, rt.Feed()), Rel: "self", Type: "application/atom+xml"},
			{Href: AbsURL(cfg.BaseURL, rt.Updates()), Rel: "alternate", Type: "text/html"},
		},
	}
	var latest time.Time
	for _, u := range v.Updates {
		e := atomEntry{
			Title:   format.Unmark(u.Page.Title),
			ID:      AbsURL(cfg.BaseURL, u.URL),
			Updated: atomTime(u.Page.Date),
			Link:    atomLink{Href: AbsURL(cfg.BaseURL, u.URL), Rel: "alternate", Type: "text/html"},
			Summary: format.Unmark(u.Page.Description),
		}
		html, _, _ := markdown.Render(u.Page.Body)
		e.Content.Type = "html"
		e.Content.Body = string(html)
		f.Entries = append(f.Entries, e)
		if u.Page.Date.After(latest) {
			latest = u.Page.Date
		}
	}
	for _, e := range releaseEntries(cfg.BaseURL, v, rt) {
		f.Entries = append(f.Entries, e)
		if t, _ := time.Parse(time.RFC3339, e.Updated); t.After(latest) {
			latest = t
		}
	}
	if latest.IsZero() {
		latest = cfg.Plan.Date
	}
	f.Updated = atomTime(latest)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	err := enc.Encode(f)
	buf.WriteByte('\n')
	b := buf.Bytes()
	if unmark {
		b = []byte(format.Unmark(string(b)))
	}
	return b, err
}

// releaseEntries returns an Atom entry per release, newest first: what it
// published, the statuses it moved, the corrections it carried.
func releaseEntries(base string, v *view.Site, rt routes.Table) []atomEntry {
	rs := v.Releases
	if rs == nil {
		return nil
	}
	f := v.Format()
	var out []atomEntry
	for _, rel := range rs.Releases {
		link := AbsURL(base, rt.Releases()) + "#" + rel.ID
		e := atomEntry{
			Title:   rel.Title + " — " + v.Sentence("releases.date", map[string]string{"date": f.Date(rel.Date)}),
			ID:      link,
			Updated: atomTime(rel.Date),
			Link:    atomLink{Href: link, Rel: "alternate", Type: "text/html"},
		}
		var b strings.Builder
		para := func(s string) { b.WriteString("<p>" + html.EscapeString(s) + "</p>") }
		var kinds []string
		for _, k := range rel.Kinds {
			kinds = append(kinds, k.Kind.Name+": "+f.Number(float64(k.Count), 0))
		}
		if len(kinds) > 0 {
			para(v.Sentence("releases.records", map[string]string{"month": f.Month(rel.Month)}) + " " + strings.Join(kinds, "; "))
		}
		for _, m := range rel.Moves {
			para(m.Text)
		}
		for _, c := range rel.Corrections {
			para(c.Text)
			for _, fig := range c.Figures {
				para(fig.Text)
			}
		}
		e.Content.Type = "html"
		e.Content.Body = b.String()
		out = append(out, e)
	}
	return out
}

// Sitemap returns the sitemap of the pages (paths relative to the site
// root) under base: the folders of its index.html files, sorted.
func Sitemap(base string, pages []string) []byte {
	var urls []string
	for _, name := range pages {
		if strings.HasSuffix(name, "index.html") {
			urls = append(urls, strings.TrimSuffix(name, "index.html"))
		}
	}
	slices.Sort(urls)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(AbsURL(base, u)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

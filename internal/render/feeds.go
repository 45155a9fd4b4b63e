package render

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/minhbach/minhbach/internal/markdown"
	"github.com/minhbach/minhbach/internal/routes"
)

// shared writes the files that are one for all editions: the sitemap
// and robots.txt.
func (r *renderer) shared() {
	r.sitemap()
	base := r.site.Config.BaseURL
	r.put(r.routes.Robots(), []byte("User-agent: *\nAllow: /\nSitemap: "+absURL(base, r.routes.Sitemap())+"\n"))
	r.headers()
}

// absURL returns the address of p, a path relative to the site root as it
// is on disk, under base (base_url), percent-encoded: a page of
// content/tin tức.md is at base + "tin%20t%E1%BB%A9c/". The sitemap, the
// feed and canonical links need valid URLs; html/template encodes href
// attributes, but not the sitemap or og:url.
func absURL(base, p string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base + p // load has checked base_url
	}
	return u.ResolveReference(&url.URL{Path: p}).String()
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

func (r *renderer) atom() {
	cfg := r.site.Config
	f := atomFeed{
		Lang:   cfg.Language,
		Title:  stripFallback(cfg.Title + " — " + r.sentence("title.updates", nil)),
		ID:     absURL(cfg.BaseURL, r.routes.Updates()),
		Author: atomAuthor{Name: stripFallback(cfg.Plan.Issuer)},
		Links: []atomLink{
			{Href: absURL(cfg.BaseURL, r.routes.Feed()), Rel: "self", Type: "application/atom+xml"},
			{Href: absURL(cfg.BaseURL, r.routes.Updates()), Rel: "alternate", Type: "text/html"},
		},
	}
	var latest time.Time
	for _, u := range r.view.Updates {
		e := atomEntry{
			Title:   stripFallback(u.Page.Title),
			ID:      absURL(cfg.BaseURL, u.URL),
			Updated: atomTime(u.Page.Date),
			Link:    atomLink{Href: absURL(cfg.BaseURL, u.URL), Rel: "alternate", Type: "text/html"},
			Summary: stripFallback(u.Page.Description),
		}
		html, _, _ := markdown.Render(u.Page.Body)
		e.Content.Type = "html"
		e.Content.Body = string(html)
		f.Entries = append(f.Entries, e)
		if u.Page.Date.After(latest) {
			latest = u.Page.Date
		}
	}
	for _, e := range r.releaseEntries() {
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
	if err := enc.Encode(f); err != nil {
		r.fail("", 0, 0, "cannot write the Atom feed: %v", err)
	}
	buf.WriteByte('\n')
	b := buf.Bytes()
	if r.lang != r.defLang {
		b = []byte(stripFallback(string(b))) // the feed has no markup to mark a text's language
	}
	r.put(r.routes.Feed(), b)
}

func (r *renderer) sitemap() {
	var urls []string
	for _, name := range r.pageNames {
		if strings.HasSuffix(name, "index.html") && !r.isEmbed(name) {
			urls = append(urls, strings.TrimSuffix(name, "index.html"))
		}
	}
	slices.Sort(urls)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString("  <url><loc>")
		_ = xml.EscapeText(&b, []byte(absURL(r.site.Config.BaseURL, u)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	r.put(r.routes.Sitemap(), b.Bytes())
}

// isEmbed reports whether the output file name is an embed page, which
// the sitemap leaves out: it is a fragment for other sites' frames, and
// the target's own page is the one to list (the embed pages carry
// noindex).
func (r *renderer) isEmbed(name string) bool {
	for _, lang := range r.langs {
		if strings.HasPrefix(name, routes.For(lang, r.defLang).Embeds()) {
			return true
		}
	}
	return false
}

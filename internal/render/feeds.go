package render

import (
	"strings"

	"github.com/minhbach/minhbach/internal/feed"
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

// absURL returns the address of p under base (see feed.AbsURL).
func absURL(base, p string) string { return feed.AbsURL(base, p) }

// atom writes the edition's Atom feed (package feed).
func (r *renderer) atom() {
	b, err := feed.Atom(&r.site.Config, r.view, r.routes, r.lang != r.defLang)
	if err != nil {
		r.fail("", 0, 0, "cannot write the Atom feed: %v", err)
	}
	r.put(r.routes.Feed(), b)
}

// sitemap writes the sitemap of every page of every edition.
func (r *renderer) sitemap() {
	var pages []string
	for _, name := range r.pageNames {
		if !r.isEmbed(name) {
			pages = append(pages, name)
		}
	}
	r.put(r.routes.Sitemap(), feed.Sitemap(r.site.Config.BaseURL, pages))
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

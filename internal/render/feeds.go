package render

import (
	"strings"
	"sync"

	"github.com/minhbach/minhbach/internal/feed"
	"github.com/minhbach/minhbach/internal/routes"
)

// shared writes the files that are one for all editions: the sitemap
// and robots.txt.
func (r *renderer) shared() {
	// The sitemap and the table of headers both read every output's
	// name: they are made side by side, then put.
	var sitemap []byte
	var wg sync.WaitGroup
	wg.Go(func() { sitemap = r.sitemap() })
	table := r.headers(r.routes.Sitemap(), r.routes.Robots())
	wg.Wait()
	r.put(r.routes.Sitemap(), sitemap)
	base := r.site.Config.BaseURL
	r.put(r.routes.Robots(), []byte("User-agent: *\nAllow: /\nSitemap: "+absURL(base, r.routes.Sitemap())+"\n"))
	r.put(r.routes.Headers(), table)
}

// absURL returns the address of p under base (see feed.AbsURL).
func absURL(base, p string) string { return feed.AbsURL(base, p) }

// atom writes the edition's Atom feed (package feed). It renders the
// update posts' Markdown, so it holds the Markdown lock (see markdownOnce).
func (r *renderer) atom() {
	r.mdMu.Lock()
	b, err := feed.Atom(&r.site.Config, r.view, r.routes, r.lang != r.defLang)
	r.mdMu.Unlock()
	if err != nil {
		r.fail("", 0, 0, "cannot write the Atom feed: %v", err)
	}
	r.put(r.routes.Feed(), b)
}

// sitemap returns the sitemap of every page of every edition.
func (r *renderer) sitemap() []byte {
	var pages []string
	for _, name := range r.pageNames {
		if !r.isEmbed(name) {
			pages = append(pages, name)
		}
	}
	return feed.Sitemap(r.site.Config.BaseURL, pages)
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

package render

import (
	"fmt"

	"github.com/minhbach/minhbach/internal/outputs"
)

// embedKind is the layout of the embed pages. It is executed alone, not
// in the frame of layouts/_base.html: an embed page has no banner,
// navigation or footer, only the chart, its status and its source.
const embedKind = "embed"

// entry returns the template a page is executed with: the base layout,
// or the embed layout itself.
func entry(p *page) string {
	if p.Kind == embedKind {
		return embedKind + ".html"
	}
	return baseLayout
}

// embedPages renders the embed page of every target's chart.
func (r *renderer) embedPages() {
	for _, v := range r.view.Targets {
		if v.Chart == nil {
			continue
		}
		p := r.newPage(embedKind, r.routes.Embed(v.Target.ID), r.sentence("embed.title", map[string]string{"name": v.Target.Name}), v.Target.Text)
		p.from = outputs.Origin{Path: "data/targets.toml", What: fmt.Sprintf("the embed page of target %q", v.Target.ID), Fix: fmt.Sprintf("give target %q another id", v.Target.ID), Where: v.Target.Where, Field: "id"}
		p.Target = v
		p.Charts = true
		// The page it comes from, which search engines should list.
		p.Canonical = absURL(r.site.Config.BaseURL, v.URL)
		r.emit(p)
	}
}

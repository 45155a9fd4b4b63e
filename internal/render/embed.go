package render

import (
	"fmt"
	"strings"

	"github.com/minhbach/minhbach/internal/view"
)

// embedKind is the layout of the embed pages. It is executed alone, not
// in the frame of layouts/_base.html: an embed page has no banner,
// navigation or footer, only the chart, its status and its source.
const embedKind = "embed"

// entry returns the template a page is executed with: the base layout,
// or the embed layout itself.
func entry(p *Page) string {
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
		p.from = origin{path: "data/targets.toml", what: fmt.Sprintf("the embed page of target %q", v.Target.ID), fix: fmt.Sprintf("give target %q another id", v.Target.ID), where: v.Target.Where, field: "id"}
		p.Target = v
		p.Charts = true
		// The page it comes from, which search engines should list.
		p.Canonical = absURL(r.site.Config.BaseURL, v.URL)
		r.emit(p)
	}
}

// Share is what sits under a chart: links to its data, and the PNG and
// SVG downloads that charts.js offers once it has drawn the chart.
type Share struct {
	Chart string // the chart's element id
	Name  string // the chart's name, which tells its links from another chart's
	File  string // the downloads' name, without extension
	Data  []ShareLink
}

// ShareLink is a link to one data file of a chart.
type ShareLink struct {
	Format string
	Link   string
}

// Share returns the links under chart c, from the page: {{template
// "share" ($.Share .Chart)}}.
func (p *Page) Share(c *view.Chart) *Share {
	if c == nil {
		return nil
	}
	s := &Share{Chart: c.ID, Name: c.Label, File: c.File}
	for _, d := range c.Data {
		s.Data = append(s.Data, ShareLink{Format: d.Format, Link: p.Link(d.Path)})
	}
	return s
}

// EmbedCode returns the HTML that frames the embed page of target v's
// chart in another site, or "" if it has no chart.
func (p *Page) EmbedCode(v *view.Target) string {
	if v == nil || v.Chart == nil {
		return ""
	}
	src := absURL(p.Site.BaseURL, p.Routes.Embed(v.Target.ID))
	title := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", "<", "&lt;").Replace(v.Chart.Label)
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="520" style="border:0" loading="lazy"></iframe>`, src, title)
}

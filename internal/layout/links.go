package layout

import (
	"fmt"
	"strings"

	"github.com/minhbach/minhbach/internal/feed"
	"github.com/minhbach/minhbach/internal/view"
)

// DownloadLink is a download with its link from the page that shows it.
type DownloadLink struct {
	*view.Download
	Link string
}

// DownloadLinks returns downloads with their links from the page p.
func (p *Page) DownloadLinks(ds []*view.Download) []DownloadLink {
	out := make([]DownloadLink, len(ds))
	for i, d := range ds {
		out[i] = DownloadLink{d, p.Link(d.Path)}
	}
	return out
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
	src := feed.AbsURL(p.Site.BaseURL, p.Routes.Embed(v.Target.ID))
	title := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", "<", "&lt;").Replace(v.Chart.Label)
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="520" style="border:0" loading="lazy"></iframe>`, src, title)
}

// RevisionLink is a revised figure with the link to its note on its
// target's page, from the page that shows it.
type RevisionLink struct {
	*view.Revision
	Link string
}

// CorrectionLinks returns the figures a correction changed, with their
// links from the page p.
func (p *Page) CorrectionLinks(c *view.Correction) []RevisionLink {
	out := make([]RevisionLink, len(c.Figures))
	for i, f := range c.Figures {
		out[i] = RevisionLink{f, p.Link(f.Target.URL) + "#" + f.ID}
	}
	return out
}

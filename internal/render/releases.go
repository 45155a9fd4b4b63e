package render

import (
	"html"
	"html/template"
	"strings"

	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// releasesPage renders the page of releases, for a site with a ledger.
func (r *renderer) releasesPage() {
	if r.view.Releases == nil {
		return
	}
	p := r.newPage("releases", r.routes.Releases(), r.sentence("title.releases", nil), r.sentence("releases.description", nil))
	p.Releases = r.view.Releases
	r.emit(p)
}

// previewBanner is the banner the preview server shows on every page while
// the published months are not all released.
func (r *renderer) previewBanner(months []model.Month) template.HTML {
	names := make([]string, len(months))
	for i, m := range months {
		names[i] = r.f.Month(m)
	}
	text := r.sentence("preview.unreleased", map[string]string{"months": strings.Join(names, ", "), "month": months[len(months)-1].String()})
	return template.HTML(`<div class="preview-banner" role="status" style="position:sticky;bottom:0;margin:0;padding:.5rem 1rem;background:#fff3cd;color:#3d2e00;border-top:2px solid #8a6d00"><p style="margin:0">` +
		html.EscapeString(text) + "</p></div>\n")
}

// ledgerFile is the ledger as a download, and in the zip of everything:
// whoever keeps it can check the releases of the published figures.
func (r *renderer) ledgerFile() []file {
	h := r.opt.History
	if h == nil || h.Ledger == nil {
		return nil
	}
	p := r.routes.Download(routes.LedgerData)
	if r.base != nil { // the default language's edition has written it
		return []file{{r.base.download(p, r.sentence("data.ledger", nil)), nil}}
	}
	r.put(p, h.Ledger.Src)
	return []file{{&view.Download{Path: p, Title: r.sentence("data.ledger", nil), Format: "TOML", Size: len(h.Ledger.Src), Date: r.view.Published}, h.Ledger.Src}}
}

package render

import (
	"cmp"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/opendata"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// openData writes the downloads (package opendata) and lists them for the
// pages that show them.
func (r *renderer) openData() {
	tables := opendata.Tables(r.site, r.view, r.opt.History, r.base != nil)
	if len(r.langs) > 1 {
		r.columns = opendata.Docs(tables, r.site, r.text)
	}

	// Encoding the tables is independent work: at national scale the
	// records of ten years make tables of tens of thousands of rows.
	written := make([][]file, len(tables))
	var wg sync.WaitGroup
	for i, t := range tables {
		wg.Go(func() { written[i] = r.writeTable(t) })
	}
	wg.Wait()
	var zipped []file
	for _, fs := range written {
		for _, f := range fs {
			r.downloads = append(r.downloads, f.Download)
		}
		zipped = append(zipped, fs...)
	}
	for _, f := range r.ledgerFile() {
		r.downloads = append(r.downloads, f.Download)
		zipped = append(zipped, f)
	}
	r.downloads = append(r.downloads, r.writeZip(zipped))
	for _, v := range r.view.Targets {
		for _, d := range r.downloads {
			if strings.HasPrefix(d.Path, r.routes.Download(routes.TargetData(v.Target.ID)+".")) {
				v.Downloads = append(v.Downloads, d)
			}
		}
	}
	for _, l := range r.view.Lists {
		for _, d := range r.downloads {
			if strings.HasPrefix(d.Path, r.routes.Download(routes.ListData(l.List.ID)+".")) {
				l.Downloads = append(l.Downloads, d)
			}
		}
	}
}

// download returns a copy of the download at path p titled title.
func (r *renderer) download(p, title string) *view.Download {
	for _, d := range r.downloads {
		if d.Path == p {
			c := *d
			c.Title = title
			return &c
		}
	}
	return &view.Download{Path: p, Title: title}
}

// file is a download with its contents.
type file struct {
	*view.Download
	data []byte
}

// writeTable writes t as CSV and JSON and returns both downloads. In an
// edition other than the default language's, the downloads are those the
// default language's edition wrote, titled in the edition's language: the
// data is one set for all languages.
func (r *renderer) writeTable(t *opendata.Table) []file {
	if r.base != nil {
		var out []file
		for _, ext := range []string{"csv", "json"} {
			out = append(out, file{r.base.download(r.routes.Download(t.Name+"."+ext), t.Title), nil})
		}
		return out
	}
	var out []file
	for _, f := range []struct {
		ext, format string
		b           []byte
	}{{"csv", "CSV", t.CSV()}, {"json", "JSON", t.JSON()}} {
		p := r.routes.Download(t.Name + "." + f.ext)
		r.put(p, f.b)
		out = append(out, file{&view.Download{Path: p, Title: t.Title, Format: f.format, Size: len(f.b), Date: r.view.Published}, f.b})
	}
	return out
}

// writeZip bundles every download in one archive (opendata.Zip).
func (r *renderer) writeZip(files []file) *view.Download {
	if r.base != nil {
		return r.base.download(r.routes.Download(routes.AllData+".zip"), r.sentence("data.all", nil))
	}
	entries := make([]opendata.Entry, len(files))
	for i, d := range files {
		entries[i] = opendata.Entry{Name: strings.TrimPrefix(d.Path, r.routes.Data()), Data: d.data}
	}
	b, err := opendata.Zip(entries, r.view.Published)
	if err != nil {
		r.fail("", 0, 0, "cannot write the zip archive: %v", err)
	}
	p := r.routes.Download(routes.AllData + ".zip")
	r.put(p, b)
	return &view.Download{Path: p, Title: r.sentence("data.all", nil), Format: "ZIP", Size: len(b), Date: r.view.Published}
}

// dataset describes the downloads as a schema.org Dataset, for search
// engines' dataset search.
func (r *renderer) dataset(p *page) template.JS {
	cfg := r.site.Config
	var dist []map[string]any
	for _, d := range r.downloads {
		mime := map[string]string{"CSV": "text/csv", "JSON": "application/json", "ZIP": "application/zip", "TOML": "application/toml"}[d.Format]
		dist = append(dist, map[string]any{
			"@type":          "DataDownload",
			"name":           d.Title,
			"encodingFormat": mime,
			"contentUrl":     absURL(cfg.BaseURL, d.Path),
			"contentSize":    strconv.Itoa(d.Size) + " B",
		})
	}
	ds := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Dataset",
		"name":                cfg.Title,
		"description":         cmp.Or(cfg.Description, cfg.Title),
		"url":                 absURL(cfg.BaseURL, p.URL),
		"inLanguage":          r.defLang, // the downloads are in the default language
		"creator":             map[string]any{"@type": "GovernmentOrganization", "name": cfg.Plan.Issuer},
		"temporalCoverage":    cfg.Plan.Start.String() + "/" + cfg.Plan.End.String(),
		"isAccessibleForFree": true,
		"distribution":        dist,
	}
	if !r.view.Published.IsZero() {
		ds["dateModified"] = format.ISODate(r.view.Published)
	}
	b, err := json.Marshal(ds)
	if err != nil {
		r.fail("", 0, 0, "cannot encode the dataset description: %v", err)
	}
	return template.JS(b)
}

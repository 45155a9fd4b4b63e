package render

import (
	"archive/zip"
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/json"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/opendata"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/view"
)

// Download is one open-data file.
type Download struct {
	Path   string // relative to the site root
	Title  string
	Format string // "CSV", "JSON" or "ZIP"
	Size   int
	Date   time.Time
	data   []byte // for the zip of everything
}

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

// table is a data set written both as CSV and as JSON.
type table struct {
	name    string // file name without extension
	title   string
	columns []column
	rows    [][]any // cells of their column's kind; nil for empty
}

// column is one column of a table: its name and the kind of its cells,
// which decides how they are written (see package opendata).
type column struct {
	name string
	kind opendata.Kind
}

// The kinds of cells.
const (
	textCell   = opendata.Text
	numberCell = opendata.Number
	boolCell   = opendata.Bool
)

// textColumns returns text columns of the given names.
func textColumns(names ...string) []column {
	out := make([]column, len(names))
	for i, n := range names {
		out[i] = column{n, textCell}
	}
	return out
}

func (r *renderer) openData() {
	var tables []*table
	all := &table{name: routes.TargetData(""), title: r.sentence("data.targets", nil), columns: targetColumns}
	for _, v := range r.view.Targets {
		t := r.targetTable(v)
		all.rows = append(all.rows, t.rows...)
		if v.Assessed {
			t = r.assessmentTable(v) // its own download is the history
		}
		tables = append(tables, t)
	}
	tables = append([]*table{all}, tables...)
	for _, k := range r.site.Kinds {
		tables = append(tables, r.recordData(k))
	}
	for _, l := range r.view.Lists {
		tables = append(tables, r.listTable(l))
	}
	tables = append(tables, r.unitTable(), r.submittedTable())
	tables = append(tables, r.vintageTables()...)
	r.columns = r.columnDocs(tables)

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

// targetColumns are the columns of a target's data. numerator and
// denominator are the two figures of a share or a ratio (units with records
// and all units; the two sums); removed is, for a list, the units that left
// it. Each is empty where it does not apply. compare says how the value
// is held against the threshold (at_least, more_than, at_most, less_than):
// without it a row "70, 70, not_met" would read as a contradiction.
var targetColumns = []column{
	{"target", textCell}, {"rule", textCell}, {"month", textCell}, {"reported", boolCell},
	{"value", numberCell}, {"numerator", numberCell}, {"denominator", numberCell}, {"removed", numberCell},
	{"threshold", numberCell}, {"compare", textCell}, {"status", textCell},
}

func (r *renderer) targetTable(v *view.Target) *table {
	t := &table{name: routes.TargetData(v.Target.ID), title: v.Target.Name, columns: targetColumns}
	rule := v.Target.Rule
	for _, m := range v.Months {
		var value, num, den, removed any
		if m.HasValue {
			value = format.Round(m.Month.Value, m.Decimals) // as the page shows it
			switch rule {
			case model.Share, model.Ratio:
				num, den = m.Num, m.Den
			case model.Membership:
				removed = m.Den
			}
		}
		var threshold, compare any = v.Target.Threshold, string(cmp.Or(v.Target.Compare, model.AtLeast))
		if v.Assessed {
			threshold, compare = nil, nil // it has none
		}
		t.rows = append(t.rows, []any{v.Target.ID, string(rule), m.Month.Month.String(), m.Reported, value, num, den, removed, threshold, compare, string(m.Status)})
	}
	return t
}

// assessmentColumns are the columns of an assessed target's data: one row
// per assessment, links separated by spaces.
var assessmentColumns = textColumns("target", "month", "status", "note", "links")

// assessmentTable is the history of an assessed target's assessments, to
// the latest report.
func (r *renderer) assessmentTable(v *view.Target) *table {
	t := &table{name: routes.TargetData(v.Target.ID), title: v.Target.Name, columns: assessmentColumns}
	for _, a := range v.Assessments {
		t.rows = append(t.rows, []any{v.Target.ID, a.Month.String(), a.Status, a.Note, strings.Join(a.Links, " ")})
	}
	return t
}

func (r *renderer) recordData(k *model.Kind) *table {
	t := &table{name: k.ID, title: k.Name, columns: textColumns("month")}
	if k.Level != "" {
		t.columns = append(t.columns, textColumns("unit_code", "unit_name")...)
	}
	for _, f := range k.Fields {
		c := column{f.ID, textCell}
		if f.Type == model.Int || f.Type == model.Number {
			c.kind = numberCell
		}
		t.columns = append(t.columns, c)
	}
	if r.base != nil {
		return t // the download is the default language's: only its title is needed
	}
	for _, rep := range r.site.Reports {
		for _, rec := range rep.Records[k.ID] {
			row := []any{rep.Month.String()}
			if k.Level != "" {
				row = append(row, rec.Unit.Code, rec.Unit.FullName())
			}
			for _, f := range k.Fields {
				v, ok := rec.Values[f.ID]
				switch {
				case !ok:
					row = append(row, nil)
				case f.Type == model.Int || f.Type == model.Number:
					row = append(row, v.Number)
				default:
					row = append(row, v.Text)
				}
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

func (r *renderer) listTable(l *view.List) *table {
	t := &table{name: routes.ListData(l.List.ID), title: l.List.Name,
		columns: append(textColumns("unit_code", "unit_name", "parent_name", "status", "since", "lost_on"),
			column{"total_score", numberCell}, column{"grade", textCell}, column{"note", textCell})}
	for _, e := range l.Entries {
		parent := ""
		if p := r.site.Units.Unit(e.Unit.Parent); p != nil {
			parent = p.FullName()
		}
		var total any
		if len(e.Scores) > 0 {
			total = e.Total
		}
		t.rows = append(t.rows, []any{e.Unit.Code, e.Unit.FullName(), parent, string(e.State()), format.ISODate(e.Since), format.ISODate(e.LostOn), total, e.Grade, e.Note})
	}
	return t
}

func (r *renderer) unitTable() *table {
	t := &table{name: routes.UnitData, title: r.sentence("data.units", nil),
		columns: textColumns("code", "name", "type", "level", "parent_code")}
	for _, u := range r.site.Units.Units {
		t.rows = append(t.rows, []any{u.Code, u.Name, u.Type, u.Level, u.Parent})
	}
	return t
}

func (r *renderer) submittedTable() *table {
	t := &table{name: "bao-cao-dung-han", title: r.sentence("data.submitted", nil),
		columns: append(textColumns("month", "kind", "id", "name"), column{"on_time", boolCell})}
	for _, rep := range r.site.Reports {
		for _, a := range r.site.Agencies {
			t.rows = append(t.rows, []any{rep.Month.String(), "agency", a.ID, a.Name, slices.Contains(rep.OnTimeAgencies, a.ID)})
		}
		for _, u := range r.site.Units.AtLevel(r.site.Config.Plan.ReportingLevel) {
			t.rows = append(t.rows, []any{rep.Month.String(), "unit", u.Code, u.FullName(), slices.Contains(rep.OnTimeUnits, u.Code)})
		}
	}
	return t
}

// ColumnDoc is a column of the downloads with what it holds, for the data
// page of a site in several languages.
type ColumnDoc struct {
	Name string // the column's stable machine name, e.g. "unit_code"
	Text string // what it holds, in the page's language
}

// columnDocs describes the columns of tables, each once, in the order
// they first appear: a column of minhbach by its text data.col.NAME, a
// field of a record kind by the field's name. A site in one language
// keeps its data page as it was: nil.
func (r *renderer) columnDocs(tables []*table) []ColumnDoc {
	if len(r.langs) < 2 {
		return nil
	}
	fields := map[string]string{}
	for _, k := range r.site.Kinds {
		for _, f := range k.Fields {
			if _, ok := fields[f.ID]; !ok {
				fields[f.ID] = f.Name
			}
		}
	}
	var out []ColumnDoc
	seen := map[string]bool{}
	for _, t := range tables {
		for _, c := range t.columns {
			if seen[c.name] {
				continue
			}
			seen[c.name] = true
			text, err := r.text("data.col." + c.name)
			if err != nil {
				text = fields[c.name]
			}
			out = append(out, ColumnDoc{Name: c.name, Text: text})
		}
	}
	return out
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
func (r *renderer) writeTable(t *table) []file {
	if r.base != nil {
		var out []file
		for _, ext := range []string{"csv", "json"} {
			out = append(out, file{r.base.download(r.routes.Download(t.name+"."+ext), t.title), nil})
		}
		return out
	}
	enc := opendata.Table{Title: t.title, Rows: t.rows}
	for _, c := range t.columns {
		enc.Columns = append(enc.Columns, opendata.Column{Name: c.name, Kind: c.kind})
	}
	var out []file
	for _, f := range []struct {
		ext, format string
		b           []byte
	}{{"csv", "CSV", enc.CSV()}, {"json", "JSON", enc.JSON()}} {
		p := r.routes.Download(t.name + "." + f.ext)
		r.put(p, f.b)
		out = append(out, file{&view.Download{Path: p, Title: t.title, Format: f.format, Size: len(f.b), Date: r.view.Published}, f.b})
	}
	return out
}

// writeZip bundles every download in one archive. Entries carry the data's
// date, not the build's, so that the archive is byte-identical between
// builds of the same input.
func (r *renderer) writeZip(files []file) *view.Download {
	if r.base != nil {
		return r.base.download(r.routes.Download(routes.AllData+".zip"), r.sentence("data.all", nil))
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// The fastest level: the archive is a convenience, and at national scale
	// the default level costs as much as rendering a thousand pages. One
	// compressor serves every entry in turn: making one costs a megabyte.
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(w, flate.BestSpeed)
			return fw, err
		}
		fw.Reset(w)
		return fw, nil
	})
	mod := r.view.Published
	if mod.IsZero() {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	for _, d := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: strings.TrimPrefix(d.Path, r.routes.Data()), Method: zip.Deflate, Modified: mod})
		if err == nil {
			_, err = w.Write(d.data)
		}
		if err != nil {
			r.fail("", 0, 0, "cannot write the zip archive: %v", err)
		}
	}
	_ = zw.Close()
	p := r.routes.Download(routes.AllData + ".zip")
	r.put(p, buf.Bytes())
	return &view.Download{Path: p, Title: r.sentence("data.all", nil), Format: "ZIP", Size: buf.Len(), Date: r.view.Published}
}

// dataset describes the downloads as a schema.org Dataset, for search
// engines' dataset search.
func (r *renderer) dataset(p *Page) template.JS {
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

// Package scaffold creates the files of a new site (Site: a working site of
// placeholders, whose templates are under site/) and of a new monthly update
// (Month: the month's report data, pre-filled with what carries forward and
// with a commented example of every record kind, and the update post).
package scaffold

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"text/template"
	"time"

	"github.com/minhbach/minhbach/internal/check"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

var (
	//go:embed report.toml.tmpl
	reportSrc string
	//go:embed post.md.tmpl
	postSrc string

	// The report is written from a template, so that it keeps its commented
	// examples; every text it takes from the site goes through tomlfile.
	reportTmpl = template.Must(template.New("report.toml.tmpl").Funcs(template.FuncMap{
		"str": tomlfile.Quote, "strs": tomlfile.Strings, "key": tomlfile.Key, "text": tomlfile.Comment,
	}).Parse(reportSrc))
	postTmpl = template.Must(template.New("post.md.tmpl").Parse(postSrc))
)

// Month creates the report and the update post for month m of the site in
// folder dir; a zero m means the month after the latest report, published
// or not. The report is left without a published date, so the month does
// not count until the editor sets it; the post takes its date from it. It
// returns the paths written, relative to dir, and refuses to overwrite a
// file.
func Month(dir string, m model.Month) ([]string, error) {
	fsys, closeSite, err := load.Dir(dir)
	if err != nil {
		return nil, err
	}
	defer closeSite()
	s, err := load.Site(fsys)
	if err != nil {
		return nil, fmt.Errorf("fix these problems first:\n%w", err)
	}
	p := progress.Compute(s)
	plan := s.Config.Plan
	if m.IsZero() {
		m = plan.Start
		if !p.Latest.IsZero() {
			m = p.Latest.Next()
		}
		for _, r := range s.Drafts.Reports {
			if !r.Month.Before(m) {
				m = r.Month.Next()
			}
		}
	}
	if m.Before(plan.Start) || plan.End.Before(m) {
		return nil, fmt.Errorf("month %s is outside the plan period %s to %s: to report on it, change start or end in site.toml", m, plan.Start, plan.End)
	}
	reportFile := filepath.Join("data", "reports", m.String()+".toml")
	postFile := filepath.Join("content", routes.UpdatesSection, m.String()+".md")
	for _, f := range []string{reportFile, postFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return nil, fmt.Errorf("%s already exists: it is not overwritten", filepath.ToSlash(f))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}

	rb, err := report(s, p, m)
	if err != nil {
		return nil, err
	}
	var pb bytes.Buffer
	err = postTmpl.Execute(&pb, map[string]any{
		"Mon": int(m.Mon), "Year": m.Year, "Month": m.String(), "Placeholder": check.Placeholder,
	})
	if err != nil {
		return nil, err
	}
	for f, b := range map[string][]byte{reportFile: rb, postFile: pb.Bytes()} {
		full := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		// O_EXCL: never overwrite, even a file created since the check above.
		fh, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = fh.Write(b)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	return []string{filepath.ToSlash(reportFile), filepath.ToSlash(postFile)}, nil
}

// report writes the report of month m. Every text of the site in it is
// escaped (see tomlfile.Quote and tomlfile.Comment): the report's only data is the
// empty list of on-time submissions, whatever the names.
func report(s *model.Site, p *progress.Progress, m model.Month) ([]byte, error) {
	var b bytes.Buffer
	if err := reportTmpl.Execute(&b, reportData(s, p, m)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type kindData struct {
	ID, Name, LevelName string
	Level               string
	Unit                *model.Unit
	Fields              []fieldData
}

type fieldData struct {
	ID, Name string
	Example  string // TOML, written
	Choices  []string
	Required bool
}

type listData struct {
	ID, Name string
	Held     []*model.Unit
	Example  *model.Unit
}

func reportData(s *model.Site, p *progress.Progress, m model.Month) map[string]any {
	example := time.Date(m.Year, m.Mon, 15, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	var kinds []kindData
	for _, k := range s.Kinds {
		kd := kindData{ID: k.ID, Name: k.Name, Level: k.Level}
		if k.Level != "" {
			if units := s.Units.AtLevel(k.Level); len(units) > 0 {
				kd.Unit = units[0]
			}
			if lv := s.Units.Level(k.Level); lv != nil {
				kd.LevelName = lv.Name
			}
		}
		for _, f := range k.Fields {
			fd := fieldData{ID: f.ID, Name: f.Name, Required: f.Required}
			switch f.Type {
			case model.Int, model.Number:
				fd.Example = "0"
			case model.Date:
				fd.Example = example
			case model.URL:
				fd.Example = `"https://…"`
			case model.Choice:
				fd.Example = tomlfile.Quote(f.Choices[0])
				fd.Choices = f.Choices
			default:
				fd.Example = `"…"`
			}
			kd.Fields = append(kd.Fields, fd)
		}
		if kd.Unit != nil || k.Level == "" {
			kinds = append(kinds, kd)
		}
	}
	var lists []listData
	for _, st := range p.Lists {
		ld := listData{ID: st.List.ID, Name: st.List.Name}
		for _, e := range st.Entries {
			if !e.Lost {
				ld.Held = append(ld.Held, e.Unit)
			}
		}
		if units := s.Units.AtLevel(st.List.Level); len(units) > 0 {
			ld.Example = units[0]
		}
		if ld.Example != nil {
			lists = append(lists, ld)
		}
	}
	type assessedData struct {
		ID, Name                string
		Previous, PreviousMonth string // the latest assessment before m
	}
	var assessed []assessedData
	for _, res := range p.Results {
		t := res.Target
		if t.Rule != model.Assessed {
			continue
		}
		ad := assessedData{ID: t.ID, Name: t.Name}
		for _, a := range res.Assessments {
			if a.Month.Before(m) {
				ad.Previous, ad.PreviousMonth = a.Status, fmt.Sprintf("%02d/%d", int(a.Month.Mon), a.Month.Year)
			}
		}
		assessed = append(assessed, ad)
	}
	data := map[string]any{
		"Assessed": assessed, "Statuses": model.AssessmentStatuses,
		"Month": m.String(), "Label": fmt.Sprintf("%02d/%d", int(m.Mon), m.Year), "Example": example,
		"Kinds": kinds, "Lists": lists, "Previous": "",
		"Reporting": "",
	}
	if lv := s.Units.Level(s.Config.Plan.ReportingLevel); lv != nil {
		data["Reporting"] = lv.Name
	}
	for _, r := range s.Reports {
		if r.Month.Before(m) {
			data["Previous"] = fmt.Sprintf("%02d/%d", int(r.Month.Mon), r.Month.Year)
			data["PreviousAgencies"] = r.OnTimeAgencies
			data["PreviousUnits"] = r.OnTimeUnits
		}
	}
	return data
}

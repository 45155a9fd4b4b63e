package view

import (
	"html/template"

	"github.com/minhbach/minhbach/internal/chart"
	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/routes"
)

// Chart is a chart's options, ready to embed in a page as JSON data that
// static/js/charts.js draws, with the words and files around it. Package
// chart draws the options (see there why they are data, never script);
// the view decides what they show.
type Chart struct {
	ID      string      // fixed, so that output is deterministic
	Label   string      // the chart's accessible name
	Summary string      // one sentence saying what it shows
	Options template.JS // JSON
	Legend  []chart.LegendItem
	// File is the name, without extension, of the chart's PNG and SVG
	// downloads: its data's download and the month it is as of, such as
	// chi-tieu-tuyen-truyen-2017-12.
	File string
	// Data are the open-data files that hold its figures.
	Data []*DataFile
}

// DataFile is an open-data file a chart's figures come from.
type DataFile struct {
	Format string // "CSV" or "JSON"
	Path   string // relative to the site root
}

// draw returns a chart's options and legend, as package chart drew them;
// options that cannot be encoded fail the build.
func (s *Site) draw(options template.JS, legend []chart.LegendItem, err error) (template.JS, []chart.LegendItem) {
	if err != nil {
		s.fail("", 0, 0, "cannot encode chart options: %v", err)
	}
	return options, legend
}

// targetChart is the chart of target v's figures against its threshold:
// its months, or its periods for a quarterly or yearly target.
func (s *Site) targetChart(v *Target) *Chart {
	t := v.Target
	c := &chart.Target{ID: "chart-" + t.ID, Threshold: t.Threshold, Bars: t.IsPeriodic()}
	point := func(label string, m *Month) {
		c.Labels = append(c.Labels, label)
		p := chart.Point{Missing: true}
		if m != nil && m.HasValue {
			p = chart.Point{Value: format.Round(m.Month.Value, m.Decimals)}
		}
		c.Values = append(c.Values, p)
	}
	if v.Periods != nil {
		// One bar per quarter or year: the period's total, as its
		// threshold applies to it.
		for _, p := range v.Periods {
			point(p.Label, p.last)
		}
	} else {
		for _, m := range v.Months {
			point(s.f.Month(m.Month.Month), m)
		}
	}
	c.ValueName = s.Sentence("chart.value", map[string]string{"unit": t.Unit})
	if t.IsPercent() {
		c.ValueName = s.Sentence("chart.percent", nil)
	}
	c.ThresholdName = s.Sentence("chart.threshold", s.thresholdArgs(t))
	if t.Rule == model.Share || t.PartOfWhole {
		c.Max = 100 // a ratio that is not part of a whole may pass it
	}
	options, legend := s.draw(c.Draw())
	label := s.Sentence("chart.target_label", map[string]string{"name": t.Name})
	if v.Periods != nil {
		label = s.Sentence("chart.target_label_period", map[string]string{"name": t.Name, "every": s.Sentence("every."+string(t.Every), nil)})
	}
	file := routes.TargetData(t.ID)
	if v.Result.Latest != nil {
		file += "-" + v.Result.Latest.Month.String()
	}
	return &Chart{
		ID:      c.ID,
		Label:   label,
		Summary: s.chartSummary(v),
		Options: options,
		Legend:  legend,
		File:    file,
		Data:    s.dataFiles(routes.TargetData(t.ID)),
	}
}

// dataFiles returns the CSV and JSON downloads named name.
func (s *Site) dataFiles(name string) []*DataFile {
	return []*DataFile{
		{Format: "CSV", Path: s.routes.Download(name + ".csv")},
		{Format: "JSON", Path: s.routes.Download(name + ".json")},
	}
}

// chartSummary says in one sentence what a target's chart shows.
func (s *Site) chartSummary(v *Target) string {
	if v.Periods != nil {
		return s.periodSummary(v)
	}
	var first, last *Month
	for _, m := range v.Months {
		if m.HasValue {
			if first == nil {
				first = m
			}
			last = m
		}
	}
	if first == nil {
		return s.Sentence("chart.summary_empty", nil)
	}
	return s.Sentence("chart.summary", map[string]string{
		"from":       s.f.Month(first.Month.Month),
		"from_value": first.Value,
		"to":         s.f.Month(last.Month.Month),
		"to_value":   last.Value,
		"threshold":  v.Threshold,
	})
}

func (s *Site) listChart(v *List) *Chart {
	if len(v.Groups) < 2 {
		return nil
	}
	c := &chart.List{ID: "chart-list-" + v.List.ID, HeldName: s.Sentence("chart.list_held", nil), RemovedName: s.Sentence("chart.list_removed", nil)}
	most, mostName := -1, ""
	for _, g := range v.Groups {
		c.Labels = append(c.Labels, g.Unit.Name)
		c.Held = append(c.Held, g.Held)
		c.Removed = append(c.Removed, g.Removed)
		if g.Held > most {
			most, mostName = g.Held, g.Unit.FullName()
		}
	}
	options, legend := s.draw(c.Draw())
	file := routes.ListData(v.List.ID)
	if !s.prog.Latest.IsZero() {
		file += "-" + s.prog.Latest.String()
	}
	return &Chart{
		ID:    c.ID,
		File:  file,
		Data:  s.dataFiles(routes.ListData(v.List.ID)),
		Label: s.Sentence("chart.list_label", map[string]string{"name": v.List.Name, "level": s.site.Units.Levels[0].Name}),
		Summary: s.Sentence("chart.list_summary", map[string]string{
			"held":  s.f.Number(float64(v.Held), 0),
			"most":  s.orig(mostName),
			"count": s.f.Number(float64(most), 0),
		}),
		Options: options,
		Legend:  legend,
	}
}

// periodSummary says in one sentence what the chart of a quarterly or
// yearly target shows: its first and last periods with a report.
func (s *Site) periodSummary(v *Target) string {
	var first, last *PeriodCell
	for _, p := range v.Periods {
		if p.Reported {
			if first == nil {
				first = p
			}
			last = p
		}
	}
	if first == nil {
		return s.Sentence("chart.summary_empty", nil)
	}
	key := "chart.summary_period"
	if first == last {
		key = "chart.summary_period_one"
	}
	return s.Sentence(key, map[string]string{
		"from":       first.Label,
		"from_value": first.Value,
		"to":         last.Label,
		"to_value":   last.Value,
		"threshold":  v.Threshold,
		"unit":       v.Target.Unit,
		"every":      s.Sentence("every."+string(v.Target.Every), nil),
	})
}

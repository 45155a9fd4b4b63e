package view

import (
	"encoding/json"
	"html/template"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/routes"
)

// Chart is a chart's options, ready to embed in a page as JSON data that
// static/js/charts.js draws.
//
// go-echarts renders options with its own templates, which neither escape
// `</script>` nor leave strings wrapped in __f__ alone (it turns them into
// live JavaScript). So it only builds the options here; they are marshalled
// with encoding/json, which escapes <, > and &, and placed in a
// <script type="application/json"> element that is parsed with JSON.parse,
// never evaluated.
type Chart struct {
	ID      string      // fixed, so that output is deterministic
	Label   string      // the chart's accessible name
	Summary string      // one sentence saying what it shows
	Options template.JS // JSON
	Legend  []LegendItem
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

// LegendItem names one series of a chart. The legend is HTML, not drawn by
// ECharts: it is readable without JavaScript and the chart library stays
// small.
type LegendItem struct {
	Label  string
	Color  string
	Dashed bool // a dashed line (a threshold) rather than a filled mark
}

// The colours of the charts' series, with contrast of at least 3:1 on white.
const (
	valueColor     = "#1f5f8b"
	thresholdColor = "#8a5a00"
	heldColor      = "#2e7d4f"
	removedColor   = "#b3261e"
)

// chartKeys are the option keys the vendored ECharts build uses; go-echarts
// also writes legend, tooltip and title, which that build does not have.
var chartKeys = []string{"series", "xAxis", "yAxis", "grid", "animation"}

// NoValue is how ECharts marks a missing point.
const NoValue = "-"

func (s *Site) chartJSON(c interface {
	Validate()
	JSON() map[string]any
}) template.JS {
	c.Validate()
	all := c.JSON()
	options := make(map[string]any, len(chartKeys))
	for _, k := range chartKeys {
		if v, ok := all[k]; ok {
			options[k] = v
		}
	}
	b, err := json.Marshal(options)
	if err != nil {
		s.fail("", 0, 0, "cannot encode chart options: %v", err)
	}
	return template.JS(b)
}

func (s *Site) targetChart(v *Target) *Chart {
	t := v.Target
	var labels []string
	var values, line []opts.LineData
	var bars []opts.BarData
	point := func(label string, m *Month) {
		labels = append(labels, label)
		var val any = NoValue
		if m != nil && m.HasValue {
			val = format.Round(m.Month.Value, m.Decimals)
		}
		values = append(values, opts.LineData{Value: val})
		bars = append(bars, opts.BarData{Value: val})
		line = append(line, opts.LineData{Value: t.Threshold})
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
	id := "chart-" + t.ID
	name := s.Sentence("chart.value", map[string]string{"unit": t.Unit})
	if t.IsPercent() {
		name = s.Sentence("chart.percent", nil)
	}
	thresholdName := s.Sentence("chart.threshold", s.thresholdArgs(t))
	yAxis := opts.YAxis{Type: "value", Min: 0}
	if t.Rule == model.Share || t.PartOfWhole {
		yAxis.Max = 100 // a ratio that is not part of a whole may pass it
	}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithYAxisOpts(yAxis),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "16", Top: "16", Bottom: "32"}),
		charts.WithAnimation(false),
	}
	dashed := charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: thresholdColor})
	var options template.JS
	if t.IsPeriodic() {
		c := charts.NewBar()
		c.SetGlobalOptions(global...)
		c.SetXAxis(labels).AddSeries(name, bars, charts.WithItemStyleOpts(opts.ItemStyle{Color: valueColor}))
		l := charts.NewLine()
		l.SetXAxis(labels).AddSeries(thresholdName, line, dashed, charts.WithItemStyleOpts(opts.ItemStyle{Color: thresholdColor}), charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
		c.Overlap(l)
		options = s.chartJSON(c)
	} else {
		c := charts.NewLine()
		c.SetGlobalOptions(global...)
		c.SetXAxis(labels).
			AddSeries(name, values, charts.WithLineStyleOpts(opts.LineStyle{Width: 3, Color: valueColor}), charts.WithItemStyleOpts(opts.ItemStyle{Color: valueColor})).
			AddSeries(thresholdName, line, dashed, charts.WithItemStyleOpts(opts.ItemStyle{Color: thresholdColor}), charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
		options = s.chartJSON(c)
	}
	label := s.Sentence("chart.target_label", map[string]string{"name": t.Name})
	if v.Periods != nil {
		label = s.Sentence("chart.target_label_period", map[string]string{"name": t.Name, "every": s.Sentence("every."+string(t.Every), nil)})
	}
	file := routes.TargetData(t.ID)
	if v.Result.Latest != nil {
		file += "-" + v.Result.Latest.Month.String()
	}
	return &Chart{
		ID:      id,
		Label:   label,
		Summary: s.chartSummary(v),
		Options: options,
		Legend:  []LegendItem{{Label: name, Color: valueColor}, {Label: thresholdName, Color: thresholdColor, Dashed: true}},
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
	var labels []string
	var held, removed []opts.BarData
	most, mostName := -1, ""
	for _, g := range v.Groups {
		labels = append(labels, g.Unit.Name)
		held = append(held, opts.BarData{Value: g.Held})
		removed = append(removed, opts.BarData{Value: g.Removed})
		if g.Held > most {
			most, mostName = g.Held, g.Unit.FullName()
		}
	}
	id := "chart-list-" + v.List.ID
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id}),
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 30}}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "16", Top: "16", Bottom: "64"}),
		charts.WithAnimation(false),
	)
	heldName, removedName := s.Sentence("chart.list_held", nil), s.Sentence("chart.list_removed", nil)
	c.SetXAxis(labels).
		AddSeries(heldName, held, charts.WithItemStyleOpts(opts.ItemStyle{Color: heldColor})).
		AddSeries(removedName, removed, charts.WithItemStyleOpts(opts.ItemStyle{Color: removedColor}))
	file := routes.ListData(v.List.ID)
	if !s.prog.Latest.IsZero() {
		file += "-" + s.prog.Latest.String()
	}
	return &Chart{
		ID:    id,
		File:  file,
		Data:  s.dataFiles(routes.ListData(v.List.ID)),
		Label: s.Sentence("chart.list_label", map[string]string{"name": v.List.Name, "level": s.site.Units.Levels[0].Name}),
		Summary: s.Sentence("chart.list_summary", map[string]string{
			"held":  s.f.Number(float64(v.Held), 0),
			"most":  s.orig(mostName),
			"count": s.f.Number(float64(most), 0),
		}),
		Options: s.chartJSON(c),
		Legend:  []LegendItem{{Label: heldName, Color: heldColor}, {Label: removedName, Color: removedColor}},
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

// Package chart draws the site's charts from plain figures: the options
// of the charts that static/js/charts.js draws with ECharts (a target's
// figures against its threshold, a list's entries by unit, the summary's
// statuses and shares), and the SVG of the bulletin's chart, which prints
// without a script. Package view calls it: view decides what is charted
// and in which words (the months, the labels, the texts of strings.toml)
// and passes them here as values; this package decides how they are
// drawn (colours, axes, patterns, geometry) and knows nothing of pages.
//
// go-echarts renders options with its own templates, which neither escape
// `</script>` nor leave strings wrapped in __f__ alone (it turns them into
// live JavaScript). So it only builds the options here; they are
// marshalled with encoding/json, which escapes <, > and &, for a
// <script type="application/json"> element that is parsed with
// JSON.parse, never evaluated.
package chart

import (
	"encoding/json"
	"html/template"

	"github.com/minhbach/minhbach/internal/progress"
)

// LegendItem names one series of a chart. The legend is HTML, not drawn by
// ECharts: it is readable without JavaScript and the chart library stays
// small.
type LegendItem struct {
	Label  string
	Color  string
	Dashed bool // a dashed line (a threshold) rather than a filled mark
}

// Point is one point or bar of a series.
type Point struct {
	Value   float64
	Missing bool // no figure: nothing is drawn
}

// Status is a status as a chart names it.
type Status struct {
	Status progress.Status
	Icon   string // "✓": drawn on its bars, so that colour never tells it alone
	Name   string // the icon and the status's words: the legend's label
}

// The colours of the charts' series, with contrast of at least 3:1 on white.
const (
	valueColor     = "#1f5f8b"
	thresholdColor = "#8a5a00"
	heldColor      = "#2e7d4f"
	removedColor   = "#b3261e"
)

// statusColors are the colours of the statuses in the summary charts, the
// same hues as the stylesheet's status badges, each with contrast of at
// least 3:1 on white. Every bar also carries its status's icon or words:
// colour never tells a status alone.
var statusColors = map[progress.Status]string{
	progress.Met:     "#1d6b3a",
	progress.OnTrack: "#0b5394",
	progress.AtRisk:  "#a36800",
	progress.NotMet:  "#a1201a",
	progress.NoData:  "#6b7580",
}

// NoValue is how ECharts marks a missing point.
const NoValue = "-"

// value is p as ECharts reads it.
func (p Point) value() any {
	if p.Missing {
		return NoValue
	}
	return p.Value
}

// chartKeys are the option keys the vendored ECharts build uses; go-echarts
// also writes legend, tooltip and title, which that build does not have.
var chartKeys = []string{"series", "xAxis", "yAxis", "grid", "animation"}

// encode returns the options of chart c that the site's ECharts build
// reads, as JSON.
func encode(c interface {
	Validate()
	JSON() map[string]any
}) (template.JS, error) {
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
		return "", err
	}
	return template.JS(b), nil
}

package view

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
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

// The ids of the summary charts: no target's chart ("chart-" and its id)
// can take them.
const (
	statusChartID = "summary-statuses"
	valueChartID  = "summary-values"
)

// shareAxisMax is the most the chart of values draws, in percent of the
// threshold: a count ten times its threshold would flatten every other
// bar. Its label still gives the share.
const shareAxisMax = 200

// statusChart is the stacked bars of the targets in each status, for the
// recent periods of sum.
func (s *Site) statusChart(sum *Summary) *Chart {
	if len(sum.Recent) == 0 || sum.Recent[0].Total == 0 {
		return nil
	}
	var labels []string
	for _, p := range sum.Recent {
		labels = append(labels, p.Label)
	}
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: statusChartID}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: sum.Recent[0].Total, MinInterval: 1}),
		charts.WithGridOpts(opts.Grid{Left: "32", Right: "8", Top: "16", Bottom: "32"}),
		charts.WithAnimation(false),
	)
	c.SetXAxis(labels)
	var legend []LegendItem
	for _, st := range sum.Statuses {
		var data []opts.BarData
		for _, p := range sum.Recent {
			var v any = NoValue // no bar, and no label "0"
			if n := p.Count(st.Status); n > 0 {
				v = n
			}
			data = append(data, opts.BarData{Value: v})
		}
		name := st.Icon + " " + st.Label
		c.AddSeries(name, data,
			charts.WithBarChartOpts(opts.BarChart{Stack: "statuses", BarCategoryGap: "30%"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColors[st.Status], BorderColor: "#ffffff", BorderWidth: 1}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "inside", Color: "#ffffff", FontSize: 11, Formatter: st.Icon + "{c}"}),
		)
		legend = append(legend, LegendItem{Label: name, Color: statusColors[st.Status]})
	}
	key := "summary.status_label"
	if len(sum.Recent) < len(sum.Periods) {
		key = "summary.status_label_recent"
	}
	last := sum.Recent[len(sum.Recent)-1]
	return &Chart{
		ID: statusChartID,
		Label: s.SentenceN(key, float64(len(sum.Recent)), map[string]string{
			"n":    s.f.Number(float64(len(sum.Recent)), 0),
			"from": sum.Recent[0].Label,
			"to":   last.Label,
		}),
		Summary: sum.Sentence,
		Options: s.chartJSON(c),
		Legend:  legend,
		File:    s.summaryFile("summary.file_statuses", last),
		Data:    s.summaryData(),
	}
}

// valueChart is the horizontal bars of the targets' latest values as
// shares of their thresholds, with the threshold's line at 100%. Targets
// without a share (assessed ones, or without a figure) have no bar.
func (s *Site) valueChart(sum *Summary) *Chart {
	var labels []string
	var bars []opts.BarData
	var line []opts.LineData
	top := 120.0
	for _, v := range sum.Values {
		if v.HasShare {
			top = max(top, math.Min(v.Share, shareAxisMax))
		}
	}
	for _, v := range sum.Values {
		if !v.HasShare {
			continue
		}
		labels = append(labels, v.Label)
		bars = append(bars, opts.BarData{
			Value:     format.Round(math.Min(v.Share, shareAxisMax), 1),
			ItemStyle: &opts.ItemStyle{Color: statusColors[v.Status]},
			Label: &opts.Label{Show: opts.Bool(true), Position: "right", Color: "#1b1f24", FontSize: 11,
				Formatter: v.ShareText + " · " + s.Sentence("status."+string(v.Status), nil)},
		})
		line = append(line, opts.LineData{Value: 100})
	}
	if len(bars) == 0 {
		return nil
	}
	threshold := s.Sentence("summary.threshold_line", nil)
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: valueChartID}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: math.Ceil(top/20) * 20}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		// Room on the right for the share and status after each bar.
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "136", Top: "8", Bottom: "24", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
	)
	c.SetXAxis(labels).AddSeries(s.Sentence("summary.share", nil), bars, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "35%"}))
	c.XYReversal()
	l := charts.NewLine()
	l.SetXAxis(labels).AddSeries(threshold, line,
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: thresholdColor}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: thresholdColor}),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	c.Overlap(l)
	var legend []LegendItem
	for _, st := range sum.Statuses {
		for _, v := range sum.Values {
			if v.HasShare && v.Status == st.Status {
				legend = append(legend, LegendItem{Label: st.Icon + " " + st.Label, Color: statusColors[st.Status]})
				break
			}
		}
	}
	legend = append(legend, LegendItem{Label: threshold, Color: thresholdColor, Dashed: true})
	return &Chart{
		ID:      valueChartID,
		Label:   s.Sentence("summary.values_label", nil),
		Summary: sum.ValuesSentence,
		Options: s.chartJSON(c),
		Legend:  legend,
		File:    s.summaryFile("summary.file_values", sum.Latest),
		Data:    s.summaryData(),
	}
}

// summaryFile names the PNG and SVG downloads of a summary chart: the
// download of every target, the chart's word (text key) and the month of
// p, e.g. chi-tieu-trang-thai-2017-12.
func (s *Site) summaryFile(key string, p *SummaryPeriod) string {
	name := routes.TargetData("") + "-" + s.Sentence(key, nil)
	if p != nil {
		name += "-" + p.Month.String()
	}
	return name
}

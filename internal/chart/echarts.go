package chart

import (
	"html/template"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/progress"
)

// Target is the chart of a target: its figures, month by month (a line)
// or period by period (a bar each), against its threshold (a dashed line).
type Target struct {
	ID            string   // the chart's element id, fixed so that output is deterministic
	Labels        []string // the months or periods, in order
	Values        []Point  // the figure of each
	Threshold     float64
	Max           float64 // the top of the value axis, such as 100 for a share; 0 lets ECharts choose
	Bars          bool    // a bar a period rather than a line
	ValueName     string  // the words of the figures' series
	ThresholdName string  // and of the threshold's
}

// Draw returns the options and the legend of chart t.
func (t *Target) Draw() (template.JS, []LegendItem, error) {
	var values, line []opts.LineData
	var bars []opts.BarData
	for _, p := range t.Values {
		values = append(values, opts.LineData{Value: p.value()})
		bars = append(bars, opts.BarData{Value: p.value()})
		line = append(line, opts.LineData{Value: t.Threshold})
	}
	yAxis := opts.YAxis{Type: "value", Min: 0}
	if t.Max != 0 {
		yAxis.Max = t.Max
	}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: t.ID}),
		charts.WithYAxisOpts(yAxis),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "16", Top: "16", Bottom: "32"}),
		charts.WithAnimation(false),
	}
	dashed := charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: thresholdColor})
	var options template.JS
	var err error
	if t.Bars {
		c := charts.NewBar()
		c.SetGlobalOptions(global...)
		c.SetXAxis(t.Labels).AddSeries(t.ValueName, bars, charts.WithItemStyleOpts(opts.ItemStyle{Color: valueColor}))
		l := charts.NewLine()
		l.SetXAxis(t.Labels).AddSeries(t.ThresholdName, line, dashed, charts.WithItemStyleOpts(opts.ItemStyle{Color: thresholdColor}), charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
		c.Overlap(l)
		options, err = encode(c)
	} else {
		c := charts.NewLine()
		c.SetGlobalOptions(global...)
		c.SetXAxis(t.Labels).
			AddSeries(t.ValueName, values, charts.WithLineStyleOpts(opts.LineStyle{Width: 3, Color: valueColor}), charts.WithItemStyleOpts(opts.ItemStyle{Color: valueColor})).
			AddSeries(t.ThresholdName, line, dashed, charts.WithItemStyleOpts(opts.ItemStyle{Color: thresholdColor}), charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
		options, err = encode(c)
	}
	legend := []LegendItem{{Label: t.ValueName, Color: valueColor}, {Label: t.ThresholdName, Color: thresholdColor, Dashed: true}}
	return options, legend, err
}

// List is the chart of a list's entries by unit: those held and those
// removed, a pair of bars a unit.
type List struct {
	ID                    string   // the chart's element id
	Labels                []string // the units
	Held, Removed         []int    // the entries of each unit
	HeldName, RemovedName string   // the words of the two series
}

// Draw returns the options and the legend of chart l.
func (l *List) Draw() (template.JS, []LegendItem, error) {
	var held, removed []opts.BarData
	for i := range l.Labels {
		held = append(held, opts.BarData{Value: l.Held[i]})
		removed = append(removed, opts.BarData{Value: l.Removed[i]})
	}
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: l.ID}),
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Interval: "0", Rotate: 30}}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "16", Top: "16", Bottom: "64"}),
		charts.WithAnimation(false),
	)
	c.SetXAxis(l.Labels).
		AddSeries(l.HeldName, held, charts.WithItemStyleOpts(opts.ItemStyle{Color: heldColor})).
		AddSeries(l.RemovedName, removed, charts.WithItemStyleOpts(opts.ItemStyle{Color: removedColor}))
	options, err := encode(c)
	return options, []LegendItem{{Label: l.HeldName, Color: heldColor}, {Label: l.RemovedName, Color: removedColor}}, err
}

// Statuses is the summary's chart of statuses: how many targets stood in
// each status, a stacked bar a period.
type Statuses struct {
	ID     string   // the chart's element id
	Labels []string // the periods
	Total  int      // every target: the top of the axis
	// Series are the statuses, from the foot of the bars up, each with
	// its count in every period.
	Series []StatusSeries
}

// StatusSeries is a status's segments of the chart of statuses.
type StatusSeries struct {
	Status
	Counts []int // one a period
}

// Draw returns the options and the legend of chart c.
func (c *Statuses) Draw() (template.JS, []LegendItem, error) {
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: c.Total, MinInterval: 1}),
		charts.WithGridOpts(opts.Grid{Left: "32", Right: "8", Top: "16", Bottom: "32"}),
		charts.WithAnimation(false),
	)
	b.SetXAxis(c.Labels)
	var legend []LegendItem
	for _, st := range c.Series {
		var data []opts.BarData
		for _, n := range st.Counts {
			var v any = NoValue // no bar, and no label "0"
			if n > 0 {
				v = n
			}
			data = append(data, opts.BarData{Value: v})
		}
		b.AddSeries(st.Name, data,
			charts.WithBarChartOpts(opts.BarChart{Stack: "statuses", BarCategoryGap: "30%"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: statusColors[st.Status.Status], BorderColor: "#ffffff", BorderWidth: 1}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "inside", Color: "#ffffff", FontSize: 11, Formatter: st.Icon + "{c}"}),
		)
		legend = append(legend, LegendItem{Label: st.Name, Color: statusColors[st.Status.Status]})
	}
	options, err := encode(b)
	return options, legend, err
}

// Shares is the summary's chart of values: horizontal bars of the
// targets' latest values as shares of their thresholds, with the
// threshold's line at 100%.
type Shares struct {
	ID            string // the chart's element id
	Bars          []ShareBar
	Name          string   // the words of the bars' series
	ThresholdName string   // and of the threshold's line
	Statuses      []Status // in display order, for the legend
}

// ShareBar is a target's bar of the chart of values.
type ShareBar struct {
	Label  string  // the target's short label on the axis
	Share  float64 // its value, in percent of its threshold
	Status progress.Status
	Text   string // the label after the bar: the share and status in words
}

// shareAxisMax is the most the chart of values draws, in percent of the
// threshold: a count ten times its threshold would flatten every other
// bar. Its label still gives the share.
const shareAxisMax = 200

// Draw returns the options and the legend of chart c.
func (c *Shares) Draw() (template.JS, []LegendItem, error) {
	var labels []string
	var bars []opts.BarData
	var line []opts.LineData
	top := 120.0
	for _, v := range c.Bars {
		top = max(top, math.Min(v.Share, shareAxisMax))
	}
	for _, v := range c.Bars {
		labels = append(labels, v.Label)
		bars = append(bars, opts.BarData{
			Value:     format.Round(math.Min(v.Share, shareAxisMax), 1),
			ItemStyle: &opts.ItemStyle{Color: statusColors[v.Status]},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "right", Color: "#1b1f24", FontSize: 11, Formatter: v.Text},
		})
		line = append(line, opts.LineData{Value: 100})
	}
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: math.Ceil(top/20) * 20}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		// Room on the right for the share and status after each bar.
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "136", Top: "8", Bottom: "24", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
	)
	b.SetXAxis(labels).AddSeries(c.Name, bars, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "35%"}))
	b.XYReversal()
	l := charts.NewLine()
	l.SetXAxis(labels).AddSeries(c.ThresholdName, line,
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: thresholdColor}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: thresholdColor}),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	b.Overlap(l)
	var legend []LegendItem
	for _, st := range c.Statuses {
		for _, v := range c.Bars {
			if v.Status == st.Status {
				legend = append(legend, LegendItem{Label: st.Name, Color: statusColors[st.Status]})
				break
			}
		}
	}
	legend = append(legend, LegendItem{Label: c.ThresholdName, Color: thresholdColor, Dashed: true})
	options, err := encode(b)
	return options, legend, err
}

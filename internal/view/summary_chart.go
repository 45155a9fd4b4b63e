package view

import (
	"github.com/minhbach/minhbach/internal/chart"
	"github.com/minhbach/minhbach/internal/routes"
)

// The ids of the summary charts: no target's chart ("chart-" and its id)
// can take them.
const (
	statusChartID = "summary-statuses"
	valueChartID  = "summary-values"
)

// statusChart is the stacked bars of the targets in each status, for the
// recent periods of sum.
func (s *Site) statusChart(sum *Summary) *Chart {
	if len(sum.Recent) == 0 || sum.Recent[0].Total == 0 {
		return nil
	}
	c := &chart.Statuses{ID: statusChartID, Total: sum.Recent[0].Total}
	for _, p := range sum.Recent {
		c.Labels = append(c.Labels, p.Label)
	}
	for _, st := range sum.Statuses {
		series := chart.StatusSeries{Status: chart.Status{Status: st.Status, Icon: st.Icon, Name: st.Icon + " " + st.Label}}
		for _, p := range sum.Recent {
			series.Counts = append(series.Counts, p.Count(st.Status))
		}
		c.Series = append(c.Series, series)
	}
	options, legend := s.draw(c.Draw())
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
		Options: options,
		Legend:  legend,
		File:    s.summaryFile("summary.file_statuses", last),
		Data:    s.summaryData(),
	}
}

// valueChart is the horizontal bars of the targets' latest values as
// shares of their thresholds, with the threshold's line at 100%. Targets
// without a share (assessed ones, or without a figure) have no bar.
func (s *Site) valueChart(sum *Summary) *Chart {
	c := &chart.Shares{ID: valueChartID}
	for _, v := range sum.Values {
		if v.HasShare {
			c.Bars = append(c.Bars, chart.ShareBar{Label: v.Label, Share: v.Share, Status: v.Status,
				Text: v.ShareText + " · " + s.Sentence("status."+string(v.Status), nil)})
		}
	}
	if len(c.Bars) == 0 {
		return nil
	}
	c.Name, c.ThresholdName = s.Sentence("summary.share", nil), s.Sentence("summary.threshold_line", nil)
	for _, st := range sum.Statuses {
		c.Statuses = append(c.Statuses, chart.Status{Status: st.Status, Icon: st.Icon, Name: st.Icon + " " + st.Label})
	}
	options, legend := s.draw(c.Draw())
	return &Chart{
		ID:      valueChartID,
		Label:   s.Sentence("summary.values_label", nil),
		Summary: sum.ValuesSentence,
		Options: options,
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

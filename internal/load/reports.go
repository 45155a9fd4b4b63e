package load

import (
	"runtime"
	"sync"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/report"
)

const reportsDir = "data/reports"

// reports reads the monthly reports, several at once: they are independent
// and, at national scale, most of the input.
func (l *loader) reports(s *model.Site) []*model.Report {
	paths := l.files(reportsDir, ".toml")
	reports := make([]*model.Report, len(paths))
	errs := make([]diag.List, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(paths))) {
		wg.Go(func() {
			for i := range next {
				reports[i] = l.report(paths[i], s, &errs[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []*model.Report
	for i, r := range reports {
		for _, e := range errs[i].Errors() {
			l.errs.AddError(e.Path, e)
		}
		if r != nil {
			out = append(out, r)
		}
	}
	report.Duplicates(out, l.errs)
	return out
}

// report reads one report file, recording its problems in errs.
func (l *loader) report(p string, s *model.Site, errs *diag.List) *model.Report {
	m, err := model.ParseMonth(baseName(p))
	if err != nil {
		errs.Add(p, 0, 0, "a report file is named by its month, such as data/reports/2017-03.toml")
		return nil
	}
	plan := s.Config.Plan
	if !plan.Start.IsZero() && (m.Before(plan.Start) || plan.End.Before(m)) {
		errs.Add(p, 0, 0, "month %s is outside the plan period %s to %s set in site.toml", m, plan.Start, plan.End)
	}
	f := l.readTOML(p, errs)
	if f == nil {
		return nil
	}
	return report.Read(f.File, m, s, &l.broken.Broken)
}

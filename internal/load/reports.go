package load

import (
	"runtime"
	"slices"
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

// datePosts gives every update post without a date of its own the published
// date of its month's report, and sets apart the posts whose report is a
// draft. A post with neither date nor report is an error.
func (l *loader) datePosts(pages []*model.Page, reports, drafts []*model.Report) (shown, waiting []*model.Page) {
	for _, pg := range pages {
		if pg.Section != "cap-nhat" || !pg.Date.IsZero() {
			shown = append(shown, pg)
			continue
		}
		m, err := model.ParseMonth(baseName(pg.Path))
		if err != nil {
			continue // reported by page
		}
		switch r := reportOf(reports, m); {
		case reportOf(drafts, m) != nil:
			waiting = append(waiting, pg)
		case r != nil:
			pg.Date = r.Published
			shown = append(shown, pg)
		default:
			l.errs.Add(pg.Path, 1, 0, "missing \"date\": an update is dated by the published date of %s/%s.toml, which does not exist: add the report, or date = %d-%02d-05 here", reportsDir, m, m.Next().Year, int(m.Next().Mon))
		}
	}
	return shown, waiting
}

func reportOf(reports []*model.Report, m model.Month) *model.Report {
	i := slices.IndexFunc(reports, func(r *model.Report) bool { return r.Month == m })
	if i < 0 {
		return nil
	}
	return reports[i]
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

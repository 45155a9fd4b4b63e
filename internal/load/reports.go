package load

import (
	"runtime"
	"sync"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/report"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

const reportsDir = "data/reports"

// decodedReports are the monthly reports being read and decoded, which
// needs nothing of the site but its plan period: they are decoded while
// the data files are read (at national scale, the reports are most of the
// input, and data/units.toml most of the rest), then checked against them.
type decodedReports struct {
	done  chan struct{}
	errs  diag.List // problems of the folder's listing
	paths []string
	items []decodedReport
}

// decodedReport is one report file decoded, and its problems so far.
type decodedReport struct {
	month model.Month
	f     *tomlfile.File
	raw   map[string]any // nil if the file could not be decoded
	errs  diag.List
}

// decodeReports starts reading and decoding the reports, several at once,
// for plan, the plan period of site.toml.
func (l *loader) decodeReports(plan model.Plan) *decodedReports {
	d := &decodedReports{done: make(chan struct{})}
	go func() {
		defer close(d.done)
		d.paths = l.filesTo(&d.errs, reportsDir, ".toml")
		d.items = make([]decodedReport, len(d.paths))
		parallel(len(d.paths), func(i int) {
			l.decodeReport(d.paths[i], plan, &d.items[i])
		})
	}()
	return d
}

// decodeReport reads and decodes one report file into it, recording its
// problems in it.
func (l *loader) decodeReport(p string, plan model.Plan, it *decodedReport) {
	m, err := model.ParseMonth(baseName(p))
	if err != nil {
		it.errs.Add(p, 0, 0, "a report file is named by its month, such as data/reports/2017-03.toml")
		return
	}
	if !plan.Start.IsZero() && (m.Before(plan.Start) || plan.End.Before(m)) {
		it.errs.Add(p, 0, 0, "month %s is outside the plan period %s to %s set in site.toml", m, plan.Start, plan.End)
	}
	f := l.readTOML(p, &it.errs)
	if f == nil {
		return
	}
	raw, ok := report.Decode(f.File)
	if !ok {
		return
	}
	it.month, it.f, it.raw = m, f.File, raw
}

// reports checks the reports decoded against the site's data files, several
// at once.
func (l *loader) reports(d *decodedReports, s *model.Site) []*model.Report {
	<-d.done
	for _, e := range d.errs.Errors() {
		l.errs.AddError(e.Path, e)
	}
	reports := make([]*model.Report, len(d.items))
	parallel(len(d.items), func(i int) {
		if it := &d.items[i]; it.raw != nil {
			reports[i] = report.FromRaw(it.f, it.raw, it.month, s, &l.broken.Broken)
			it.raw = nil
			if reports[i] != nil {
				report.Duplicates(reports[i:i+1], &it.errs)
			}
		}
	})
	var out []*model.Report
	for i, r := range reports {
		for _, e := range d.items[i].errs.Errors() {
			l.errs.AddError(e.Path, e)
		}
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// parallel calls do(i) for every i below n, on as many goroutines as there
// are processors.
func parallel(n int, do func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, n)) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Package build runs the whole pipeline — load → model → compute → render →
// write — for the build command and the preview server alike, so that both
// produce the same site.
package build

import (
	"context"
	"io/fs"

	"github.com/minhbach/minhbach/internal/check"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/release"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/write"
)

// Result is what a build produced: the files, when rendered in memory.
type Result struct {
	Files render.Files // nil when written to disk
	render.Stats
}

// Render loads the site in src, computes its progress and renders it into
// memory, writing nothing. A cache, if not nil, keeps parsed files for the
// next call. Once ctx is cancelled, every stage stops soon and Render
// returns ctx's error.
func Render(ctx context.Context, src fs.FS, opt render.Options, cache *load.Cache) (*Result, error) {
	var mem render.Memory
	_, _, _, stats, err := run(ctx, src, opt, &mem, cache)
	if err != nil {
		return nil, err
	}
	return &Result{Files: mem.Files, Stats: stats}, nil
}

// Build renders the site in src and replaces the folder out with it, writing
// each file as soon as it is rendered. On any error, or if ctx is cancelled
// first, out is left as it was.
func Build(ctx context.Context, src fs.FS, out string) (*Result, error) {
	tx, err := write.Begin(out)
	if err != nil {
		return nil, err
	}
	_, _, _, stats, err := run(ctx, src, render.Options{}, tx, nil)
	if err != nil {
		tx.Abort()
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, err
	}
	return &Result{Stats: stats}, nil
}

// Check runs the whole pipeline as Build does, render included, into a sink
// that keeps nothing, and returns every problem of the site: the errors
// that stop a build and the warnings of package check, sorted by file and
// line. So a site with no error builds. The error is not nil only if ctx
// was cancelled.
func Check(ctx context.Context, src fs.FS) ([]*diag.Error, error) {
	s, p, h, _, err := run(ctx, src, render.Options{}, discard{}, nil)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, ctxErr
	}
	var l diag.List
	l.AddError("", err)
	if s != nil && p != nil {
		for _, w := range check.Warnings(s, p) {
			l.AddError("", w)
		}
		for _, w := range check.Releases(s, h) {
			l.AddError("", w)
		}
	}
	return l.Errors(), nil
}

// discard is a Sink that keeps nothing.
type discard struct{}

func (discard) Put(string, []byte) error { return nil }

// run is the pipeline: load → model → compute → render, into sink. The
// data is checked against the site's ledger of releases after compute: a
// change no correction declares stops the build like any input error. It
// returns the site, its progress and its history of releases if they
// loaded, even when render fails.
func run(ctx context.Context, src fs.FS, opt render.Options, sink render.Sink, cache *load.Cache) (*model.Site, *progress.Progress, *release.History, render.Stats, error) {
	s, err := load.SiteCached(ctx, src, cache)
	if err != nil {
		return nil, nil, nil, render.Stats{}, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, render.Stats{}, err
	}
	p := progress.Compute(s)
	h, err := release.Check(src, s, p)
	if err != nil {
		return nil, nil, nil, render.Stats{}, err
	}
	opt.History = h
	stats, err := render.Site(ctx, s, p, opt, sink)
	return s, p, h, stats, err
}

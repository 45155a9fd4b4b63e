// Package build runs the whole pipeline — load → model → compute → render →
// write — for the build command and the preview server alike, so that both
// produce the same site.
package build

import (
	"context"
	"io/fs"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
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
// next call.
func Render(src fs.FS, opt render.Options, cache *load.Cache) (*Result, error) {
	var mem render.Memory
	stats, err := run(src, opt, &mem, cache)
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
	stats, err := run(src, render.Options{}, tx, nil)
	if err != nil {
		tx.Abort()
		return nil, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, err
	}
	return &Result{Stats: stats}, nil
}

// run is the pipeline: load → model → compute → render, into sink.
func run(src fs.FS, opt render.Options, sink render.Sink, cache *load.Cache) (render.Stats, error) {
	s, err := load.SiteCached(src, cache)
	if err != nil {
		return render.Stats{}, err
	}
	return render.Site(s, progress.Compute(s), opt, sink)
}

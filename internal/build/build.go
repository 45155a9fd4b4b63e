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

// Result is a rendered site held in memory.
type Result struct {
	Files render.Files
}

// Render loads the site in src, computes its progress and renders it, without
// writing anything.
func Render(src fs.FS, opt render.Options) (*Result, error) {
	s, err := load.Site(src)
	if err != nil {
		return nil, err
	}
	p := progress.Compute(s)
	files, err := render.Site(s, p, opt)
	if err != nil {
		return nil, err
	}
	return &Result{Files: files}, nil
}

// Build renders the site in src and replaces the folder out with it. On any
// error, or if ctx is cancelled first, out is left as it was.
func Build(ctx context.Context, src fs.FS, out string) (*Result, error) {
	res, err := Render(src, render.Options{})
	if err != nil {
		return nil, err
	}
	if err := write.Dir(ctx, out, res.Files); err != nil {
		return nil, err
	}
	return res, nil
}

// Pages counts the HTML pages of a result.
func (r *Result) Pages() int {
	n := 0
	for name := range r.Files {
		if len(name) >= 5 && name[len(name)-5:] == ".html" {
			n++
		}
	}
	return n
}

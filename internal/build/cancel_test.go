package build_test

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// countSink counts the pages put into it and calls after once the count
// reaches n.
type countSink struct {
	mu    sync.Mutex
	pages int
	n     int
	after func()
}

func (c *countSink) Put(name string, _ []byte) error {
	if !strings.HasSuffix(name, ".html") {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages++
	if c.pages == c.n && c.after != nil {
		c.after()
	}
	return nil
}

// provinceSite loads a generated site of a province: some 300 pages.
func provinceSite(t *testing.T) (*model.Site, *progress.Progress, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := gensite.Write(dir, gensite.Scales["province"], 1); err != nil {
		t.Fatal(err)
	}
	fsys, closeSite, err := load.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeSite() })
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return s, progress.Compute(s), dir
}

// TestCancelStopsRender cancels a render after its tenth page: it must
// return the context's error having rendered far fewer pages than the site
// has, and a cancelled check or build must not render at all.
func TestCancelStopsRender(t *testing.T) {
	s, p, dir := provinceSite(t)
	all := &countSink{}
	stats, err := render.Site(t.Context(), s, p, render.Options{}, all)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Pages < 200 || all.pages != stats.Pages {
		t.Fatalf("the generated site has %d pages (sink saw %d); want hundreds", stats.Pages, all.pages)
	}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	cut := &countSink{n: 10, after: cancel}
	_, err = render.Site(ctx, s, p, render.Options{}, cut)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled render: error %v, want context.Canceled", err)
	}
	// Each worker may finish the page it holds.
	if cut.pages > 10+runtime.GOMAXPROCS(0) {
		t.Errorf("cancelled after 10 pages, the render went on to %d of %d", cut.pages, stats.Pages)
	}

	ctx, cancel = context.WithCancel(t.Context())
	cancel()
	fsys, closeSite, err := load.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	if problems, err := build.Check(ctx, fsys); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled check: %v, %v; want context.Canceled", problems, err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build.Build(ctx, fsys, out); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: %v; want context.Canceled", err)
	}
}

// TestRenderCancelled gives Render, which the preview server runs, a
// cancelled context: it must return the context's error, not a site.
func TestRenderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	res, err := build.Render(ctx, sitetest.Load(t, "small"), render.Options{}, nil)
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("cancelled render: %v, %v; want no result and context.Canceled", res, err)
	}
}

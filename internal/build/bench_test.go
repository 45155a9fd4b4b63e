package build_test

import (
	"os"
	"testing"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// BenchmarkRebuild measures what the preview server does after an edit: load,
// compute and render the whole example site in memory.
func BenchmarkRebuild(b *testing.B) {
	src := os.DirFS(sitetest.Root())
	for b.Loop() {
		if _, err := build.Render(b.Context(), src, render.Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild measures a full build of the example site, written to disk.
func BenchmarkBuild(b *testing.B) {
	src := os.DirFS(sitetest.Root())
	out := b.TempDir() + "/public"
	for b.Loop() {
		if _, err := build.Build(b.Context(), src, out); err != nil {
			b.Fatal(err)
		}
	}
}

package gensite

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/render"
	_ "github.com/minhbach/minhbach/internal/sitetest"
)

// TestProvinceSite checks that a generated site is valid, builds into a page
// per unit, and that the same seed writes the same bytes.
func TestProvinceSite(t *testing.T) {
	sc := Scales["province"]
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Write(dir, sc, 7); err != nil {
			t.Fatal(err)
		}
	}
	filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", rel)
		}
		return nil
	})
	fsys, closeSite, err := load.Dir(a)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	res, err := build.Render(t.Context(), fsys, render.Options{}, nil)
	if err != nil {
		t.Fatalf("the generated site does not build: %v", err)
	}
	units := sc.Provinces * (1 + sc.Districts*(1+sc.Communes))
	if res.Pages < units+sc.Months {
		t.Errorf("%d pages for %d units and %d months", res.Pages, units, sc.Months)
	}
}

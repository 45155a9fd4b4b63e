package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/gensite"
	"github.com/minhbach/minhbach/internal/report"
)

// nationalSite writes the national synthetic site into a temporary folder
// and opens it.
func nationalSite(b *testing.B) (dir string) {
	b.Helper()
	dir = filepath.Join(b.TempDir(), "national")
	if err := gensite.Write(dir, gensite.Scales["national"], 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkNational measures the load of the national synthetic site (the
// same as internal/build's Stages/national/load, without its setup):
// go test -run '^$' -bench National ./internal/load/
func BenchmarkNational(b *testing.B) {
	fsys, closeSite, err := Dir(nationalSite(b))
	if err != nil {
		b.Fatal(err)
	}
	defer closeSite()
	for b.Loop() {
		if _, err := Site(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReport measures the reading of one monthly report of the
// national synthetic site (about 26 KB, 430 records), against the site's
// data files read once.
func BenchmarkReport(b *testing.B) {
	dir := nationalSite(b)
	fsys, closeSite, err := Dir(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer closeSite()
	s, err := Site(fsys)
	if err != nil {
		b.Fatal(err)
	}
	p := reportsDir + "/2020-06.toml"
	if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
		b.SetBytes(fi.Size())
	}
	l := &loader{ctx: context.Background(), fsys: fsys, errs: &diag.List{},
		broken: broken{Broken: report.Broken{Lists: map[string]bool{}}, rubrics: map[string]bool{}}}
	for b.Loop() {
		var it decodedReport
		l.decodeReport(p, s.Config.Plan, &it)
		if it.raw == nil || report.FromRaw(it.f, it.raw, it.month, s, &l.broken.Broken) == nil || it.errs.Len() > 0 {
			b.Fatal(it.errs.Err())
		}
	}
}

package edition

import (
	"io/fs"
	"os"
	"reflect"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestProgress checks that the progress of the default language,
// carried over to another edition, is the progress computed on that
// edition: the same figures, pointing at the edition's targets, lists and
// assessments, with the grades of scored lists in the edition's words.
func TestProgress(t *testing.T) {
	for _, name := range []string{"bilingual", "city", "hostile", "province", "single", "small", "example"} {
		t.Run(name, func(t *testing.T) {
			var fsys fs.FS
			if name == "example" {
				fsys = os.DirFS(sitetest.Root())
			} else {
				fsys = sitetest.Load(t, name)
			}
			s, err := load.Site(fsys)
			if err != nil {
				t.Fatal(err)
			}
			p := progress.Compute(s)
			if got := Progress(p, s, s); got != p {
				t.Errorf("default language: got another progress")
			}
			e := Site(s, "en")
			got, want := Progress(p, s, e), progress.Compute(e)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("the carried-over progress differs from the edition's")
			}
			for i, r := range got.Results {
				if r.Target != e.Targets[i] {
					t.Errorf("result %d: target is not the edition's", i)
				}
				for j, a := range r.Assessments {
					if a != want.Results[i].Assessments[j] {
						t.Errorf("result %d: assessment %d is not the edition's", i, j)
					}
				}
				for j, m := range r.Months {
					if m.Assessment != want.Results[i].Months[j].Assessment {
						t.Errorf("result %d, month %d: assessment is not the edition's", i, j)
					}
				}
			}
			for i, l := range got.Lists {
				if l.List != e.Lists[i] {
					t.Errorf("list %d is not the edition's", i)
				}
			}
		})
	}
}

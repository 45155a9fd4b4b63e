package edit

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// sites are the sites the round trip is tried on: the example and every
// test site that loads.
func sites(t *testing.T) map[string]fs.FS {
	t.Helper()
	out := map[string]fs.FS{}
	fsys, closeSite, err := load.Dir(sitetest.Root())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeSite() })
	out["example"] = fsys
	for _, name := range []string{"bilingual", "city", "hostile", "province", "single", "small"} {
		out[name] = sitetest.Load(t, name)
	}
	return out
}

// summary writes every record, list change, assessment, correction and
// submission of a site's reports, published or not, as text to compare.
func summary(s *model.Site) string {
	var b strings.Builder
	for _, r := range slices.Concat(s.Reports, s.Drafts.Reports) {
		fmt.Fprintf(&b, "report %s published %s\n", r.Month, r.Published.Format("2006-01-02"))
		for _, k := range s.Kinds {
			for _, rec := range r.Records[k.ID] {
				fmt.Fprintf(&b, "  %s", k.ID)
				if rec.Unit != nil {
					fmt.Fprintf(&b, " unit=%s", rec.Unit.Code)
				}
				for _, f := range k.Fields {
					if v, ok := rec.Values[f.ID]; ok {
						fmt.Fprintf(&b, " %s=%q", f.ID, v.Text)
					}
				}
				b.WriteByte('\n')
			}
		}
		for _, c := range r.Changes {
			fmt.Fprintf(&b, "  change %s %s %s %s %q %v\n", c.List.ID, c.Unit.Code, c.Change, c.Date.Format("2006-01-02"), c.Note, c.Scores)
		}
		for _, a := range r.Assessments {
			fmt.Fprintf(&b, "  assessment %s %s %q %q\n", a.Target.ID, a.Status, a.Note, a.Links)
		}
		for _, c := range r.Corrections {
			fmt.Fprintf(&b, "  correction %s %s %q %q\n", c.Month, c.Date.Format("2006-01-02"), c.What, c.Why)
		}
		fmt.Fprintf(&b, "  submitted %q %q\n", r.OnTimeAgencies, r.OnTimeUnits)
	}
	return b.String()
}

// TestRoundTrip loads every report of the sites into the form, writes it
// back and loads the site again: the same records, and the same values in
// the files.
func TestRoundTrip(t *testing.T) {
	for name, fsys := range sites(t) {
		t.Run(name, func(t *testing.T) {
			before, err := load.Site(fsys)
			if err != nil {
				t.Skipf("the site does not load: %v", err)
			}
			st, err := readState(context.Background(), fsys)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{}
			reports, _ := fs.Glob(fsys, reportsDir+"/*.toml")
			if len(reports) == 0 {
				t.Fatal("no reports")
			}
			for _, p := range reports {
				m, _ := model.ParseMonth(strings.TrimSuffix(path.Base(p), ".toml"))
				src, _, err := readFile(fsys, p)
				if err != nil {
					t.Fatal(err)
				}
				d := st.decode(m, src)
				if len(d.problems) > 0 {
					t.Fatalf("%s: %v", p, d.problems)
				}
				w, probs := st.check(m, d.values, d.header)
				for _, pr := range probs {
					if !pr.Warning {
						t.Errorf("%s: %+v", p, pr)
					}
				}
				if !sameFigures(src, []byte(w.Text)) {
					t.Errorf("%s: the values changed:\n%s", p, w.Text)
				}
				if w.Text != Encode(d.values, d.header, st.site.Kinds, st.site.Units).Text {
					t.Errorf("%s: not deterministic", p)
				}
				files[p] = []byte(w.Text)
			}
			after, err := load.Site(patched{base: fsys, files: files})
			if err != nil {
				t.Fatalf("the site written by the form does not load: %v", err)
			}
			if got, want := summary(after), summary(before); got != want {
				t.Errorf("records differ after the round trip:\n got %s\nwant %s", got, want)
			}
		})
	}
}

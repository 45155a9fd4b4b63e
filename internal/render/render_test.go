package render

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

var update = sitetest.Update // -update: rewrite the golden files

// renderSite renders testdata/sites/NAME.txtar with the repository's theme.
func renderSite(t *testing.T, name string) Files {
	t.Helper()
	s, err := load.Site(sitetest.Load(t, name))
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	var m Memory
	if _, err := Site(t.Context(), s, progress.Compute(s), Options{}, &m); err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	return m.Files
}

// goldenFiles are the outputs of the small site kept under
// testdata/golden/small/: one page of each main kind, the downloads and the
// feeds.
var goldenFiles = []string{
	"index.html",
	rt.Target("tuyen-truyen") + "index.html",
	rt.Target("bao-chi") + "index.html",
	rt.List("lanh-manh") + "index.html",
	rt.Updates() + "2020-02/index.html",
	rt.Updates() + "2020-02/in/index.html", // its print view
	rt.Download(routes.TargetData("") + ".csv"),
	rt.Download("press.json"),
	rt.Feed(),
	rt.Sitemap(),
}

func TestGolden(t *testing.T) { compareGolden(t, "small", goldenFiles) }

// compareGolden renders the test site named site and compares each of names
// with its copy under testdata/golden/SITE/, or rewrites the copies with
// -update.
func compareGolden(t *testing.T, site string, names []string) {
	t.Helper()
	files := renderSite(t, site)
	dir := filepath.Join(sitetest.Root(), "testdata", "golden", site)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got, ok := files[name]
			if !ok {
				t.Fatalf("no output file %s", name)
			}
			golden := filepath.Join(dir, filepath.FromSlash(name))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/render -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (rerun with -update and review the diff):\n%s", name, golden, firstDiff(got, want))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(same lines, different bytes)"
}

// TestDeterministic renders the site twice: the outputs must be
// byte-identical.
func TestDeterministic(t *testing.T) {
	a, b := renderSite(t, "small"), renderSite(t, "small")
	for name, ab := range a {
		if !bytes.Equal(ab, b[name]) {
			t.Errorf("%s differs between two renders", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("two renders made %d and %d files", len(a), len(b))
	}
}

func TestCSVDownloads(t *testing.T) {
	files := renderSite(t, "small")
	var csvs []string
	for name := range files {
		if strings.HasPrefix(name, dataDir) && strings.HasSuffix(name, ".csv") {
			csvs = append(csvs, name)
		}
	}
	slices.Sort(csvs)
	if !slices.Contains(csvs, rt.Download(routes.TargetData("")+".csv")) {
		t.Fatalf("no du-lieu/chi-tieu.csv among %q", csvs)
	}
	for _, name := range csvs {
		t.Run(name, func(t *testing.T) {
			b := files[name]
			if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
				t.Errorf("does not start with the UTF-8 byte order mark: % x", b[:min(len(b), 8)])
			}
			if !bytes.HasSuffix(b, []byte("\r\n")) {
				t.Errorf("last line does not end with CRLF")
			}
			lines := bytes.Count(b, []byte("\n"))
			if crlf := bytes.Count(b, []byte("\r\n")); crlf != lines || lines == 0 {
				t.Errorf("%d line ends, %d of them CRLF", lines, crlf)
			}
		})
	}
}

func TestZip(t *testing.T) {
	files := renderSite(t, "small")
	b, ok := files[dataDir+"minhbach-du-lieu.zip"]
	if !ok {
		t.Fatal("no du-lieu/minhbach-du-lieu.zip")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	inZip := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		inZip[f.Name] = data
	}
	n := 0
	for name, want := range files {
		ext := path.Ext(name)
		if !strings.HasPrefix(name, dataDir) || (ext != ".csv" && ext != ".json") {
			continue
		}
		n++
		base := strings.TrimPrefix(name, dataDir)
		got, ok := inZip[base]
		switch {
		case !ok:
			t.Errorf("the zip lacks %s", base)
		case !bytes.Equal(got, want):
			t.Errorf("the zip's %s differs from %s", base, name)
		}
	}
	if n == 0 {
		t.Fatal("no .csv or .json under du-lieu/")
	}
	if len(inZip) != n {
		t.Errorf("the zip has %d files, du-lieu/ has %d .csv and .json files", len(inZip), n)
	}
}

package outputs

import (
	"slices"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/diag"
)

// TestCheck checks each problem Check reports, at the producer the editor
// can change, whatever order the producers finished in.
func TestCheck(t *testing.T) {
	content := Origin{Path: "content/chi-tieu.md", What: "the page content/chi-tieu.md", Fix: "rename or move the page"}
	static := Origin{Path: "static/a.html", What: "the file static/a.html", Fix: "rename or remove the file"}
	targets := Origin{What: "the targets page"}
	feed := Origin{}
	for _, tt := range []struct {
		name  string
		files map[string][]Origin
		want  []string
	}{
		{"one producer each", map[string][]Origin{"index.html": {targets}, "a/b.html": {static}}, nil},
		{"a content page over a generated page",
			map[string][]Origin{"chi-tieu/index.html": {targets, content}},
			[]string{"content/chi-tieu.md: the output file chi-tieu/index.html is also the targets page: rename or move the page"}},
		{"two generated files",
			map[string][]Origin{"index.xml": {feed, targets}},
			[]string{"the output file index.xml is produced by a file minhbach generates and by the targets page: two ids in data/ name the same page"}},
		{"paths that differ in case",
			map[string][]Origin{"A.html": {targets}, "a.html": {static}},
			[]string{"static/a.html: the output files A.html and a.html differ only in case, and are one file on Windows and macOS: rename or remove the file"}},
		{"outside the output folder",
			map[string][]Origin{"../x.html": {static}},
			[]string{"static/a.html: the file static/a.html would write ../x.html, outside the output folder: rename or remove the file"}},
		{"a name too long",
			map[string][]Origin{strings.Repeat("x", 256) + "/index.html": {targets}},
			[]string{"the targets page would write a file or folder name of 256 bytes, more than 255 that file systems allow: shorten the id"}},
		{"a file that is also a folder",
			map[string][]Origin{"a": {static}, "a/index.html": {targets}},
			[]string{"static/a.html: the output file a is also a folder, needed by the targets page (a/index.html): rename or remove the file"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			Check(tt.files, &errs)
			var got []string
			for _, e := range errs.Errors() {
				got = append(got, e.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

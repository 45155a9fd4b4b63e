package render

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/theme"
)

// TestFrameSeesNoPage checks that the parts rendered once per frame (the
// header here) cannot reach a page's own fields: a header that shows the
// page's title is an error at the layout, not the first page's title
// repeated on every page of the frame.
func TestFrameSeesNoPage(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	base, err := fs.ReadFile(theme.FS(), theme.LayoutsDir+"/_base.html")
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Replace(string(base), `<span class="brand__title">{{.Site.Plan.Title}}</span>`, `<span class="brand__title">{{.Title}}</span>`, 1)
	if header == string(base) {
		t.Fatal("the stock header has changed: update the test")
	}
	fsys["layouts/_base.html"] = &fstest.MapFile{Data: []byte(header)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Site(t.Context(), s, progress.Compute(s), Options{}, &Memory{})
	if err == nil || !strings.Contains(err.Error(), "layouts/_base.html") || !strings.Contains(err.Error(), "Title") {
		t.Errorf("a header that uses the page's title: error %v, want one at layouts/_base.html naming Title", err)
	}
}

// TestFramesFollowDepthAndMenu checks that pages of different depths and
// menu entries get their own frame: links relative to their own folder
// and their own current menu entry (the small site's menu has only the
// targets).
func TestFramesFollowDepthAndMenu(t *testing.T) {
	files, _ := renderFS(t, sitetest.Load(t, "small"))
	current := regexp.MustCompile(`<a href="([^"]*)" aria-current="page">`)
	tests := []struct {
		page, css, current string
	}{
		{"index.html", `href="css/site.css"`, ""},
		{rt.Targets() + "index.html", `href="../css/site.css"`, "../" + rt.Targets()},
		{rt.Target("tuyen-truyen") + "index.html", `href="../../css/site.css"`, "../../" + rt.Targets()},
		{rt.Units() + "index.html", `href="../css/site.css"`, ""}, // not in the small site's menu
		{"404.html", `<style>`, ""},
	}
	for _, tt := range tests {
		html := string(files[tt.page])
		if html == "" {
			t.Errorf("%s: no such page", tt.page)
			continue
		}
		if !strings.Contains(html, tt.css) {
			t.Errorf("%s: no %s", tt.page, tt.css)
		}
		got := ""
		if m := current.FindStringSubmatch(html); m != nil {
			got = m[1]
		}
		if got != tt.current {
			t.Errorf("%s: current menu entry %q, want %q", tt.page, got, tt.current)
		}
	}
}

// TestOldLayoutFunctionsExplained checks that a layout copied from a
// version with the url function says what to write instead.
func TestOldLayoutFunctionsExplained(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	fsys["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<a href="{{url "chi-tieu/"}}">x</a>{{end}}`)}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Site(t.Context(), s, progress.Compute(s), Options{}, &Memory{})
	want := `layouts/404.html:1: function "url" not defined: links are page methods now: write {{$.Link "path/"}}`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

package load_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/theme"
)

// TestStockTheme checks that a site with no layouts/ or static/ of its own
// gets every file and text of the stock theme.
func TestStockTheme(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "layouts/") || strings.HasPrefix(name, "static/") {
			t.Fatalf("the small site has %s: it must rely on the stock theme alone", name)
		}
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	stock := theme.FS()
	for _, name := range []string{"_base.html", "_partials.html", "home.html", "target.html"} {
		b, err := fs.ReadFile(stock, "layouts/"+name)
		if err != nil {
			t.Fatal(err)
		}
		if s.Templates[name] != string(b) {
			t.Errorf("layout %s is not the stock one", name)
		}
	}
	for _, name := range []string{"favicon.svg", "css/site.css", "js/charts.js"} {
		b, err := fs.ReadFile(stock, "static/"+name)
		if err != nil {
			t.Fatal(err)
		}
		if string(s.Static[name]) != string(b) {
			t.Errorf("static file %s is not the stock one", name)
		}
	}
	if _, ok := s.Templates["strings.toml"]; ok {
		t.Error("strings.toml is taken for a layout")
	}
	if s.Strings["status.met"] == "" {
		t.Error(`no stock text "status.met"`)
	}
	if len(s.StaleOverrides) != 0 {
		t.Errorf("stale overrides %q in a site with none", s.StaleOverrides)
	}
}

// TestOverrides checks that a site's file replaces the stock file of the
// same name and its texts replace the stock texts of the same keys, and
// nothing else.
func TestOverrides(t *testing.T) {
	stock, err := load.Site(sitetest.Load(t, "small"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := sitetest.Load(t, "small")
	add := func(name, data string) { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	add("layouts/about.html", `{{define "main"}}own{{end}}`)
	add("static/favicon.svg", "<svg/>")
	add("static/images/logo.svg", "<svg/>")
	add("layouts/strings.toml", "# the site's own words\n\"status.met\" = \"Hoàn thành\"\n")
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Templates["about.html"]; got != `{{define "main"}}own{{end}}` {
		t.Errorf("about.html = %q, want the site's", got)
	}
	if got := string(s.Static["favicon.svg"]); got != "<svg/>" {
		t.Errorf("favicon.svg = %q, want the site's", got)
	}
	if got := string(s.Static["images/logo.svg"]); got != "<svg/>" {
		t.Errorf("images/logo.svg = %q, want the site's", got)
	}
	if got := s.Strings["status.met"]; got != "Hoàn thành" {
		t.Errorf("status.met = %q, want the site's", got)
	}
	for k, v := range stock.Strings {
		if k != "status.met" && s.Strings[k] != v {
			t.Errorf("text %q = %q, want the stock %q", k, s.Strings[k], v)
		}
	}
	if len(s.Strings) != len(stock.Strings) {
		t.Errorf("%d texts, want the stock %d", len(s.Strings), len(stock.Strings))
	}
	for name, src := range stock.Templates {
		if name != "about.html" && s.Templates[name] != src {
			t.Errorf("layout %s changed", name)
		}
	}
	for name, b := range stock.Static {
		if name != "favicon.svg" && string(s.Static[name]) != string(b) {
			t.Errorf("static file %s changed", name)
		}
	}
	if len(s.StaleOverrides) != 0 {
		t.Errorf("stale overrides %q, want none", s.StaleOverrides)
	}
}

// TestStringsOverrideRefused checks that the site's layouts/strings.toml
// may only replace stock texts, with texts.
func TestStringsOverrideRefused(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"misspelt key", "\"status.met\" = \"x\"\n\n  \"status.mett\" = \"Đạt\"\n",
			[]string{`layouts/strings.toml:3:3: unknown key "status.mett": the stock theme has no such text, so it would never be shown; check its spelling or remove it`}},
		{"keys that look like numbers", "nan = \"x\"\n1e400 = \"y\"\n9223372036854775807 = \"z\"\n",
			[]string{`layouts/strings.toml:1:1: unknown key "nan"`, `layouts/strings.toml:2:1: unknown key "1e400"`, `layouts/strings.toml:3:1: unknown key "9223372036854775807"`}},
		{"a number for a text", "\"status.met\" = 1\n",
			[]string{`layouts/strings.toml:1:1: "status.met" must be text in quotes, not a whole number`}},
		{"a table", "[status]\nmet = \"x\"\n",
			[]string{`layouts/strings.toml:1:`}},
		{"syntax", "\"status.met\" = \n",
			[]string{`layouts/strings.toml:1:`, `TOML syntax`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := loadWith(t, map[string]string{"layouts/strings.toml": tt.src})
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("got:\n%v\nwant a line:\n%s", err, want)
				}
			}
		})
	}
}

// TestStaleOverrides checks which of a site's files are listed as
// replacing no stock file.
func TestStaleOverrides(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	for _, name := range []string{
		"layouts/home.html", "layouts/tong-quan.html", "static/css/site.css", "static/css/old.css",
		"static/js/filters.js", "static/vendor/echarts/echarts.min.js", "static/docs/plan.pdf",
		"static/images/logo.png", "static/favicon.svg",
	} {
		fsys[name] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	s, err := load.Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"layouts/tong-quan.html", "static/css/old.css", "static/js/filters.js", "static/vendor/echarts/echarts.min.js"}
	if !slices.Equal(s.StaleOverrides, want) {
		t.Errorf("stale overrides %q, want %q", s.StaleOverrides, want)
	}
}

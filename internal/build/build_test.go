package build_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/build"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/render"
	"github.com/minhbach/minhbach/internal/routes"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// example renders the repository's own site once for the tests below.
func example(t *testing.T) *build.Result {
	t.Helper()
	res, err := build.Render(t.Context(), os.DirFS(sitetest.Root()), render.Options{}, nil)
	if err != nil {
		t.Fatalf("the example site does not build:\n%v", err)
	}
	return res
}

var (
	attrRE = regexp.MustCompile(`<(a|link|script|img|source|iframe)\b[^>]*?\s(href|src)="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]+)"`)
)

// TestExampleLinks checks that every internal link of the example site
// resolves to a file (and, with a fragment, to an element id), and that no
// script, stylesheet, image or font comes from another host.
func TestExampleLinks(t *testing.T) {
	res := example(t)
	ids := map[string]map[string]bool{}
	for name, b := range res.Files {
		if strings.HasSuffix(name, ".html") {
			ids[name] = map[string]bool{}
			for _, m := range idRE.FindAllSubmatch(b, -1) {
				ids[name][html.UnescapeString(string(m[1]))] = true
			}
		}
	}
	checked := 0
	for name, b := range res.Files {
		if !strings.HasSuffix(name, ".html") || path.Base(name) == rt.NotFound() { // 404 pages link absolutely
			continue
		}
		for _, m := range attrRE.FindAllSubmatch(b, -1) {
			tag, ref := string(m[1]), html.UnescapeString(string(m[3]))
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q", name, ref)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				if tag != "a" && !(tag == "link" && (strings.Contains(string(m[0]), `rel="canonical"`) || strings.Contains(string(m[0]), `hreflang=`))) {
					t.Errorf("%s: <%s> loads %q from another host", name, tag, ref)
				}
				continue
			}
			target := name
			if u.Path != "" {
				target = path.Join(path.Dir(name), u.Path)
				if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == "./" {
					target = path.Join(target, "index.html")
				}
			}
			if _, ok := res.Files[target]; !ok {
				t.Errorf("%s: link %q: no file %s", name, ref, target)
				continue
			}
			if u.Fragment != "" && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", name, ref, target, u.Fragment)
			}
			checked++
		}
	}
	if checked < 500 {
		t.Errorf("checked only %d links; the link pattern is probably broken", checked)
	}
}

// TestExamplePages checks that the example site has every page kind.
func TestExamplePages(t *testing.T) {
	res := example(t)
	for _, name := range []string{
		"index.html", "ke-hoach/index.html", "gioi-thieu/index.html", rt.Targets() + "index.html",
		rt.Target("tuyen-truyen") + "index.html", rt.Target("bao-chi") + "index.html", rt.List("xa-lanh-manh") + "index.html",
		rt.Updates() + "index.html", rt.Updates() + "2017-03/index.html", rt.Feed(), rt.Units() + "index.html",
		rt.Unit("", "huyen-yen-khanh") + "index.html", rt.Agencies() + "index.html", rt.Data() + "index.html",
		rt.Download(routes.AllData + ".zip"), rt.NotFound(), rt.Sitemap(), rt.Robots(),
	} {
		if _, ok := res.Files[name]; !ok {
			t.Errorf("missing %s", name)
		}
	}
	if n := res.Pages; n < 30 {
		t.Errorf("only %d pages", n)
	}
	for name, b := range res.Files {
		banner := "Dữ liệu minh họa"
		if strings.HasPrefix(name, "en/") {
			banner = "Illustrative data"
		}
		if strings.HasSuffix(name, ".html") && !bytes.Contains(b, []byte(banner)) {
			t.Errorf("%s: no illustrative-data banner", name)
		}
	}
}

var scriptRE = regexp.MustCompile(`<script\b([^>]*)>`)

// TestStrictCSP checks that every page carries a Content-Security-Policy
// that allows scripts only from the site itself, and has no inline script
// for it to block: every <script> has a src or holds JSON data.
func TestStrictCSP(t *testing.T) {
	res := example(t)
	for name, b := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if !bytes.Contains(b, []byte(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';`)) {
			t.Errorf("%s: no strict Content-Security-Policy", name)
		}
		for _, m := range scriptRE.FindAllSubmatch(b, -1) {
			attrs := string(m[1])
			if !strings.Contains(attrs, "src=") && !strings.Contains(attrs, `type="application/json"`) && !strings.Contains(attrs, `type="application/ld+json"`) {
				t.Errorf("%s: inline script <script%s>", name, attrs)
			}
		}
	}
}

// TestDeterministic renders the example site twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a, b := example(t), example(t)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for name, x := range a.Files {
		if !bytes.Equal(x, b.Files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFailedBuildKeepsOutput checks that a build with bad input leaves the
// previous output exactly as it was, and that a good build removes the files
// of pages that no longer exist.
func TestFailedBuildKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := sitetest.Load(t, "small")
	if _, err := build.Build(t.Context(), site, out); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	if _, ok := before[rt.Updates()+"2020-02/index.html"]; !ok {
		t.Fatal("the first build has no update page")
	}

	broken := sitetest.Load(t, "small")
	broken["data/targets.toml"] = &fstest.MapFile{Data: []byte("[[targets]]\nid = \"x\"\nthresold = 3\n")}
	_, err := build.Build(t.Context(), broken, out)
	var list *diag.ListError
	if !errors.As(err, &list) {
		t.Fatalf("broken build: got %v, want a list of input problems", err)
	}
	if !strings.Contains(err.Error(), `data/targets.toml:3:1: unknown key "thresold"`) {
		t.Errorf("error does not name the unknown key's place:\n%v", err)
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("failed build changed the output: %d files, then %d", len(before), len(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Errorf("failed build changed %s", name)
		}
	}

	delete(site, "content/"+routes.UpdatesSection+"/2020-02.md")
	if _, err := build.Build(t.Context(), site, out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rt.Updates()), "2020-02", "index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the page of a removed update is still there (err %v)", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("temporary folders left beside the output: %v", names)
	}
}

// TestTemplateErrors checks that layout problems name the layout's file and
// line, at parse time and at execution time.
func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"parse", "layouts/targets.html", "{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n",
			`layouts/targets.html:2: bad character U+007D '}'`},
		{"execution", "layouts/targets.html", "{{define \"main\"}}\n\n<h1>{{.Nope}}</h1>\n{{end}}\n",
			`layouts/targets.html:3:7: executing "main" at <.Nope>: can't evaluate field Nope in type *layout.Page`},
		{"missing text", "layouts/targets.html", "{{define \"main\"}}\n{{t \"khong.co\"}}\n{{end}}\n",
			`layouts/targets.html:2:3: executing "main" at <t "khong.co">: error calling t: missing text "khong.co": the theme has no such text: check the key's spelling`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := sitetest.Load(t, "small")
			site[tt.file] = &fstest.MapFile{Data: []byte(tt.content)}
			_, err := build.Render(t.Context(), site, render.Options{}, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}

// TestErrorsCapped checks that a long list of problems is cut with a count
// of the rest.
func TestErrorsCapped(t *testing.T) {
	site := sitetest.Load(t, "small")
	var b strings.Builder
	for i := range 60 {
		b.WriteString("[[press]]\ndate = 2020-01-" + fmt.Sprintf("%02d", i%28+1) + "\nbogus" + strconv.Itoa(i) + " = 1\ntitle = \"t\"\n\n")
	}
	site["data/reports/2020-01.toml"] = &fstest.MapFile{Data: []byte(b.String())}
	_, err := build.Render(t.Context(), site, render.Options{}, nil)
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 51 || lines[50] != "… and 10 more problems" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
	if !strings.HasPrefix(lines[0], "data/reports/2020-01.toml:3:1: unknown field \"bogus0\"") {
		t.Errorf("first line %q", lines[0])
	}
}

var (
	titleRE     = regexp.MustCompile(`<title>([^<]+)</title>`)
	metaRE      = regexp.MustCompile(`<meta (?:name|property)="(description|og:title|og:description|og:url|og:type)" content="([^"]*)">`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="(https://[^"]+)">`)
)

// TestSharing checks that every page can be shared: its own title, a
// description, a canonical address under base_url and Open Graph tags; and
// that the open-data page describes its downloads as a schema.org Dataset.
func TestSharing(t *testing.T) {
	res := example(t)
	titles := map[string]string{}
	for name, b := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		m := titleRE.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s: no title", name)
			continue
		}
		if other, dup := titles[string(m[1])]; dup && name != rt.NotFound() {
			t.Errorf("%s and %s have the same title %q", name, other, m[1])
		}
		titles[string(m[1])] = name
		metas := map[string]string{}
		for _, mm := range metaRE.FindAllSubmatch(b, -1) {
			metas[string(mm[1])] = string(mm[2])
		}
		for _, k := range []string{"description", "og:title", "og:description", "og:url", "og:type"} {
			if strings.TrimSpace(metas[k]) == "" {
				t.Errorf("%s: no %s", name, k)
			}
		}
		c := canonicalRE.FindSubmatch(b)
		if c == nil || !strings.HasPrefix(string(c[1]), "https://example.org/ninh-binh-31-kh-bcd/") {
			t.Errorf("%s: canonical %q", name, c)
		}
	}
	data := string(res.Files[rt.Data()+"index.html"])
	i := strings.Index(data, `<script type="application/ld+json">`)
	if i < 0 {
		t.Fatal("the open-data page has no JSON-LD")
	}
	body := data[i+len(`<script type="application/ld+json">`):]
	body = body[:strings.Index(body, "</script>")]
	var ds struct {
		Type         string `json:"@type"`
		Distribution []struct {
			ContentURL string `json:"contentUrl"`
		} `json:"distribution"`
	}
	if err := json.Unmarshal([]byte(body), &ds); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	if ds.Type != "Dataset" || len(ds.Distribution) < 20 {
		t.Errorf("JSON-LD @type %q with %d downloads", ds.Type, len(ds.Distribution))
	}
}

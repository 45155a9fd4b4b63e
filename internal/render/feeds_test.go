package render

import (
	"encoding/xml"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestURLsEncoded checks that a page whose path has Vietnamese letters and
// spaces gets valid, percent-encoded URLs in the sitemap, in its canonical
// link and in og:url.
func TestURLsEncoded(t *testing.T) {
	fsys := sitetest.Load(t, "small")
	fsys["content/tin tức/bài một.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Bài một\"\n+++\nVăn bản.\n")}
	files, _ := renderFS(t, fsys)
	const want = "/portal/tin tức/bài một/"

	// valid reports whether s is a URL as net/url writes it: parsed and
	// written back unchanged, nothing to encode left.
	valid := func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && u.String() == s && !strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r > '~' })
	}

	var sitemap struct {
		URLs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(files[rt.Sitemap()], &sitemap); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, loc := range sitemap.URLs {
		if !valid(loc) {
			t.Errorf("sitemap: %q is not a valid URL", loc)
		}
		if u, err := url.Parse(loc); err == nil && u.Path == want {
			found = true
		}
	}
	if !found {
		t.Errorf("sitemap has no URL of path %q: %q", want, sitemap.URLs)
	}

	page, ok := files["tin tức/bài một/index.html"]
	if !ok {
		t.Fatal("no page tin tức/bài một/index.html")
	}
	for _, re := range []string{`<link rel="canonical" href="([^"]*)">`, `<meta property="og:url" content="([^"]*)">`} {
		m := regexp.MustCompile(re).FindSubmatch(page)
		if m == nil {
			t.Errorf("no %s", re)
			continue
		}
		s := html.UnescapeString(string(m[1]))
		u, err := url.Parse(s)
		if !valid(s) || err != nil || u.Path != want {
			t.Errorf("%s: %q, want a valid URL of path %q", re, s, want)
		}
	}
}

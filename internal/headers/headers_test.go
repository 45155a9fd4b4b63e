package headers

import (
	"reflect"
	"strings"
	"testing"
)

// TestNew checks that the table of headers covers every file with
// exactly one rule (hosts merge the headers of overlapping rules, which
// would forbid framing the embed pages too), that only the embed pages may
// be framed, and that the _headers file reads back as the same table.
func TestNew(t *testing.T) {
	names := []string{"index.html", "404.html", "_headers", "sitemap.xml", "css/site.css",
		"chi-tieu/index.html", "chi-tieu/a/index.html", "nhung/a/index.html", "nhung/b/index.html",
		"en/index.html", "en/chi-tieu/a/index.html", "en/nhung/a/index.html", "en/404.html"}
	h := New(names, []string{"nhung/", "en/nhung/"})
	for _, p := range append([]string{"/", "/en/"}, prefixed(names)...) {
		var n int
		for _, r := range h {
			if (Table{r}).Match(p) != nil {
				n++
			}
		}
		rule := h.Match(p)
		if n != 1 || rule == nil {
			t.Errorf("%s: %d rules match, want 1", p, n)
			continue
		}
		embed := strings.HasPrefix(p, "/nhung/") || strings.HasPrefix(p, "/en/nhung/")
		if got := reflect.DeepEqual(rule.Headers, embedHeaders); got != embed {
			t.Errorf("%s: headers %v", p, rule.Headers)
		}
	}
	back, err := Parse([]byte(h.String()))
	if err != nil || !reflect.DeepEqual(back, h) {
		t.Errorf("read back: %v, %v; want %v", back, err, h)
	}
	if h := New(names, nil); len(h) != 1 || h[0].Pattern != "/*" {
		t.Errorf("without embed pages: %v, want one rule /*", h)
	}
}

func prefixed(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, "/"+n)
	}
	return out
}

// TestRead checks that the table is read back from the files of a built
// site, and that a site without a _headers file has none.
func TestRead(t *testing.T) {
	h := New([]string{"index.html", "nhung/a/index.html"}, []string{"nhung/"})
	if got := Read(map[string][]byte{"_headers": []byte(h.String())}); !reflect.DeepEqual(got, h) {
		t.Errorf("Read: %v, want %v", got, h)
	}
	if got := Read(map[string][]byte{"index.html": nil}); got != nil {
		t.Errorf("Read without _headers: %v, want nil", got)
	}
}

package render

import (
	"regexp"
	"slices"
	"testing"
)

// htmlIDPattern is what htmlIDs finds, as a regular expression.
var htmlIDPattern = regexp.MustCompile(`\sid="([^"]*)"`)

func regexpIDs(html string) []string {
	var ids []string
	for _, m := range htmlIDPattern.FindAllStringSubmatch(html, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// TestHTMLIDs checks the scan of id attributes against the regular
// expression it replaces.
func TestHTMLIDs(t *testing.T) {
	for _, html := range []string{
		``, `<h2 id="a">`, `<h2 id="a"><p id="b">`, `id="start"`, `<p data-id="x">`, "<p\nid=\"nl\">",
		`<p id="">`, `<p id="open`, `<p  id="x" id="y">`, `<p id="a"id="b">`, "<p\tid=\"t\"\fid=\"f\"\rid=\"r\">",
	} {
		if got, want := htmlIDs(html), regexpIDs(html); !slices.Equal(got, want) {
			t.Errorf("htmlIDs(%q) = %q, want %q", html, got, want)
		}
	}
}

func FuzzHTMLIDs(f *testing.F) {
	f.Add(`<h2 id="a"><p id="b">`)
	f.Fuzz(func(t *testing.T, html string) {
		if got, want := htmlIDs(html), regexpIDs(html); !slices.Equal(got, want) {
			t.Errorf("htmlIDs(%q) = %q, want %q", html, got, want)
		}
	})
}

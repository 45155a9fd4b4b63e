package view

import (
	"html/template"
	"strings"
	"testing"
)

// escapeCases are texts and addresses at the edges of what html/template
// escapes.
var escapeCases = []string{
	"", "plain", "Xã Hải Hải", `a "b" & 'c' <d> 1+1`, "nul\x00byte", "bad \xff utf-8",
	"../../don-vi/huyen-kim-son/", "https://example.org/a b?q=1&r=ư#x", "HTTP://x", "mailto:a@b.c",
	"javascript:alert(1)", "data:text/html,x", "/a:b", "a/b:c", "%41%zz%4", "100%", "x'y\"z", "\u00a0\ufffd\uE000",
	"tel:123", ":x", "a\tb\nc", "[]!$*,;=@~", "(){}|\\^`",
}

// TestEscape checks the fragments' escaping against html/template.
func TestEscape(t *testing.T) {
	for _, s := range escapeCases {
		checkEscape(t, s)
	}
}

// FuzzEscape checks the fragments' escaping against html/template with any
// text.
func FuzzEscape(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	f.Fuzz(checkEscape)
}

var escapeTmpl = template.Must(template.New("").Parse(`<td>{{.}}</td><a href="{{.}}">{{.}}</a>`))

func checkEscape(t *testing.T, s string) {
	var want strings.Builder
	if err := escapeTmpl.Execute(&want, s); err != nil {
		t.Fatal(err)
	}
	var got fragment
	got.raw("<td>")
	got.text(s)
	got.raw("</td>")
	got.link(s, s)
	if got.String() != want.String() {
		t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
	}
}

// earlierHead is how layouts/_base.html wrote what Head writes.
var earlierHead = template.Must(template.New("").Parse(`<title>{{if .URL}}{{.Title}} | {{end}}{{.Site}}</title>
<meta name="description" content="{{.Description}}">
<link rel="canonical" href="{{.Canonical}}">
<meta property="og:type" content="{{if .Article}}article{{else}}website{{end}}">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Description}}">
<meta property="og:url" content="{{.Canonical}}">`))

// TestHead checks Head against the layout it replaces, with the texts and
// addresses at the edges of escaping in every place.
func TestHead(t *testing.T) {
	for i, s := range escapeCases {
		other := escapeCases[(i+1)%len(escapeCases)]
		for _, c := range []struct {
			URL, Title, Site, Description, Canonical string
			Article                                  bool
		}{
			{"a/", s, other, s, s, false},
			{"a/", other, s, other, s, true},
			{"", s, s, s, other, false},
		} {
			var want strings.Builder
			if err := earlierHead.Execute(&want, c); err != nil {
				t.Fatal(err)
			}
			if got := Head(c.Title, c.Site, c.Description, c.Canonical, c.URL == "", c.Article); string(got) != want.String() {
				t.Errorf("%+v:\n got %s\nwant %s", c, got, want.String())
			}
		}
	}
}

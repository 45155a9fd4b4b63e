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

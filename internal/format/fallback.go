package format

import (
	"bytes"
	"strings"
)

// The bytes of the marks of a fallback text (see FallbackOpen).
var (
	fallbackOpen  = []byte(FallbackOpen)
	fallbackClose = []byte(FallbackClose)
)

// rawElements are the elements whose content is text, not markup: a mark
// inside them is removed, not turned into a span.
var rawElements = []string{"script", "style", "title", "textarea"}

// ResolveFallback turns the marks of the texts of a page that are shown
// in the default language lang, for want of a translation, into a span
// with lang="…" around them where text can hold markup. Inside a tag (an
// attribute such as a title or aria-label) and inside script, style,
// title and textarea, where markup cannot go, the marks are removed and
// the text is left as it is. html/template escapes "<" and ">" in text
// and attributes, so every "<" of a page opens a tag.
func ResolveFallback(b []byte, lang string) []byte {
	if !bytes.Contains(b, fallbackOpen) && !bytes.Contains(b, fallbackClose) {
		return b
	}
	out := make([]byte, 0, len(b)+256)
	span := []byte(`<span lang="` + lang + `">`)
	inTag, raw, pending := false, "", ""
	for i := 0; i < len(b); {
		switch {
		case bytes.HasPrefix(b[i:], fallbackOpen):
			if !inTag && raw == "" {
				out = append(out, span...)
			}
			i += len(fallbackOpen)
			continue
		case bytes.HasPrefix(b[i:], fallbackClose):
			if !inTag && raw == "" {
				out = append(out, "</span>"...)
			}
			i += len(fallbackClose)
			continue
		}
		c := b[i]
		switch {
		case raw != "":
			if c == '<' && hasTag(b[i+1:], "/"+raw) {
				raw, inTag = "", true
			}
		case !inTag && c == '<':
			inTag = true
			for _, name := range rawElements {
				if hasTag(b[i+1:], name) {
					pending = name
				}
			}
		case inTag && c == '>':
			inTag, raw, pending = false, pending, ""
		}
		out = append(out, c)
		i++
	}
	return out
}

// hasTag reports whether b starts with the tag name, ended by a space,
// "/" or ">", in any case.
func hasTag(b []byte, name string) bool {
	if len(b) <= len(name) || !strings.EqualFold(string(b[:len(name)]), name) {
		return false
	}
	switch b[len(name)] {
	case ' ', '\t', '\n', '\r', '\f', '/', '>':
		return true
	}
	return false
}

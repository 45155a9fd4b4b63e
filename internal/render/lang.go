package render

import (
	"bytes"
	"strings"

	"github.com/minhbach/minhbach/internal/format"
	"github.com/minhbach/minhbach/internal/routes"
)

// Alternate is one edition of a page: the same page in a language of the
// site, for the hreflang links of its head and the language switch.
type Alternate struct {
	Lang    string // the language tag, e.g. "en"
	Name    string // the language's name in itself, e.g. "English" (its edition's text lang.name)
	URL     string // the absolute address, for hreflang
	Link    string // the link from the page
	Current bool   // the page itself
}

// alternates returns the editions of the page at url, in the order of the
// site's languages; nil for a site in one language.
func (r *renderer) alternates(url, root string) []Alternate {
	if len(r.langs) < 2 {
		return nil
	}
	rel := r.routes.Unprefixed(url)
	out := make([]Alternate, len(r.langs))
	for i, lang := range r.langs {
		page := routes.For(lang, r.defLang).Page(rel)
		name := r.langName(lang)
		out[i] = Alternate{Lang: lang, Name: name, URL: absURL(r.site.Config.BaseURL, page), Link: root + page, Current: lang == r.lang}
		if out[i].Link == "" {
			out[i].Link = "./"
		}
	}
	return out
}

// langName returns the name of language lang in itself: the text
// lang.name of its edition.
func (r *renderer) langName(lang string) string {
	e := r
	for e.base != nil {
		e = e.base
	}
	str := e.site.Strings
	if lang != r.defLang {
		str = e.site.StringsByLang[lang]
	}
	if n, ok := str["lang.name"]; ok {
		return n
	}
	return lang
}

// The bytes of the marks of a fallback text (see format.FallbackOpen).
var (
	fallbackOpen  = []byte(format.FallbackOpen)
	fallbackClose = []byte(format.FallbackClose)
)

// rawElements are the elements whose content is text, not markup: a mark
// inside them is removed, not turned into a span.
var rawElements = []string{"script", "style", "title", "textarea"}

// resolveFallback turns the marks of the texts of a page that are shown
// in the default language lang, for want of a translation, into a span
// with lang="…" around them where text can hold markup. Inside a tag (an
// attribute such as a title or aria-label) and inside script, style,
// title and textarea, where markup cannot go, the marks are removed and
// the text is left as it is. html/template escapes "<" and ">" in text
// and attributes, so every "<" of a page opens a tag.
func resolveFallback(b []byte, lang string) []byte {
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

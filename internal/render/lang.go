package render

import (
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

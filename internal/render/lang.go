package render

import (
	"github.com/minhbach/minhbach/internal/layout"
	"github.com/minhbach/minhbach/internal/routes"
)

// alternates returns the editions of the page at url, in the order of the
// site's languages; nil for a site in one language.
func (r *renderer) alternates(url, root string) []layout.Alternate {
	if len(r.langs) < 2 {
		return nil
	}
	rel := r.routes.Unprefixed(url)
	out := make([]layout.Alternate, len(r.langs))
	for i, lang := range r.langs {
		target := routes.For(lang, r.defLang).Page(rel)
		name := r.langName(lang)
		out[i] = layout.Alternate{Lang: lang, Name: name, URL: absURL(r.site.Config.BaseURL, target), Link: root + target, Current: lang == r.lang}
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

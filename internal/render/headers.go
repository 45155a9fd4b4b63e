package render

import (
	"maps"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/headers"
	"github.com/minhbach/minhbach/internal/routes"
)

// headers writes the table of headers of every file of the site (package
// headers): only the embed pages may be framed.
func (r *renderer) headers() {
	names := slices.Collect(maps.Keys(r.outputs))
	names = append(names, slices.Collect(maps.Keys(r.site.Static))...)
	var embeds []string
	for _, lang := range r.langs {
		e := routes.For(lang, r.defLang).Embeds()
		if slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, e) }) {
			embeds = append(embeds, e)
		}
	}
	r.put(r.routes.Headers(), []byte(headers.New(names, embeds).String()))
}

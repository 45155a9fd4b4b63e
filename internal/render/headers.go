package render

import (
	"maps"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/headers"
	"github.com/minhbach/minhbach/internal/routes"
)

// headers returns the table of headers of every file of the site (package
// headers), those put so far and the files named more: only the embed
// pages may be framed.
func (r *renderer) headers(more ...string) []byte {
	names := slices.Collect(maps.Keys(r.outputs))
	names = append(names, slices.Collect(maps.Keys(r.site.Static))...)
	names = append(names, more...)
	var embeds []string
	for _, lang := range r.langs {
		e := routes.For(lang, r.defLang).Embeds()
		if slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, e) }) {
			embeds = append(embeds, e)
		}
	}
	return []byte(headers.New(names, embeds).String())
}

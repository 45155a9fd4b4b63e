package render

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/outputs"
)

// agenciesFile is where agencies are defined (see package load).
const agenciesFile = "data/agencies.toml"

// layoutID matches an id attribute written literally in a layout.
var layoutID = regexp.MustCompile(`\sid="([^"{}]+)"`)

// htmlIDs returns the values of the id attributes of a rendered page:
// every id="…" after a space. Text and attribute values never hold id="
// unescaped: html/template and goldmark escape quotes. (A scan, not a
// regular expression: the about page of a national site is a megabyte.)
func htmlIDs(html string) []string {
	var ids []string
	for i := 0; ; {
		j := strings.Index(html[i:], `id="`)
		if j < 0 {
			return ids
		}
		start := i + j
		i = start + 1
		if start == 0 || !strings.ContainsRune(" \t\n\f\r", rune(html[start-1])) {
			continue
		}
		end := strings.IndexByte(html[start+4:], '"')
		if end < 0 {
			return ids
		}
		ids = append(ids, html[start+4:start+4+end])
		i = start + 4 + end + 1
	}
}

// reserveIDs collects the element ids the layouts write literally (the
// skip link's target, the table of contents, sections), so that headings of
// content pages never take one of them.
func (r *renderer) reserveIDs() {
	seen := map[string]bool{}
	for _, src := range r.site.Templates {
		for _, m := range layoutID.FindAllStringSubmatch(src, -1) {
			seen[m[1]] = true
		}
	}
	r.reserved = slices.Sorted(maps.Keys(seen))
}

// checkAgencyIDs reports an agency whose id is one the layouts write
// literally: the agencies page gives each agency's section its id, and two
// elements of one page with one id break links to it (the skip link's
// target is one of them).
func (r *renderer) checkAgencyIDs() {
	for _, a := range r.site.Agencies {
		if _, ok := slices.BinarySearch(r.reserved, a.ID); ok {
			r.add(outputs.Origin{Path: agenciesFile, Where: a.Where, Field: "id"}, "the id %q of agency %q is also an element id of the layouts: give the agency another id", a.ID, a.Name)
		}
	}
}

// renumberHeadings gives new ids to the headings of p's Markdown if one of
// them has an id that the page, rendered as html, has elsewhere too: an id
// a layout makes from the data, such as "luoi-" and a target's id, cannot
// be reserved before the page is rendered. The headings then avoid every id
// of the rest of the page. It reports whether p must be rendered again.
func (r *renderer) renumberHeadings(p *page, html []byte) bool {
	if p.Source == nil || p.Content == "" {
		return false
	}
	outside := map[string]int{} // ids of the page, less those of the Markdown
	for _, id := range htmlIDs(string(html)) {
		outside[id]++
	}
	inside := htmlIDs(string(p.Content))
	for _, id := range inside {
		outside[id]--
	}
	clash := false
	for _, id := range inside {
		clash = clash || outside[id] > 0
	}
	if !clash {
		return false
	}
	reserved := slices.Clone(r.reserved)
	for _, id := range slices.Sorted(maps.Keys(outside)) {
		if outside[id] > 0 {
			reserved = append(reserved, id)
		}
	}
	content, toc, err := r.markdownOnce(p.Source.Body, reserved)
	if err != nil {
		return false // reported when the page was first rendered
	}
	p.Content = content
	if p.TOC != nil {
		p.TOC = toc
	}
	if p.Source.Lang != r.lang {
		r.fallbackContent(p, p.Source) // mark it again
	}
	return true
}

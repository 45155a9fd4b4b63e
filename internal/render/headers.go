package render

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/routes"
)

// Headers is the table of the HTTP headers a host sends with the site's
// files, written as the _headers file of Netlify and Cloudflare Pages and
// applied by the preview server (package serve). It says who may frame a
// page: a meta element cannot (browsers ignore frame-ancestors there).
//
// Its patterns never overlap, so that no host has to merge two rules: a
// pattern ending in "*" matches every path below it, any other pattern
// only itself.
type Headers []HeaderRule

// HeaderRule is the headers of the paths Pattern matches, relative to the
// output folder's root: "/chi-tieu/*", or "/" for the home page alone.
type HeaderRule struct {
	Pattern string
	Headers []Header
}

// Header is one HTTP header.
type Header struct{ Name, Value string }

// The headers of the embed pages, which any site may frame, and of every
// other file, which none may (X-Frame-Options for browsers without CSP
// level 2).
var (
	embedHeaders = []Header{{"Content-Security-Policy", "frame-ancestors *"}}
	denyHeaders  = []Header{{"Content-Security-Policy", "frame-ancestors 'none'"}, {"X-Frame-Options", "DENY"}}
)

// Match returns the rule whose pattern matches the path p (starting with
// "/"), or nil.
func (h Headers) Match(p string) *HeaderRule {
	for i, r := range h {
		if prefix, ok := strings.CutSuffix(r.Pattern, "*"); ok && strings.HasPrefix(p, prefix) || r.Pattern == p {
			return &h[i]
		}
	}
	return nil
}

// String writes the table in the format of the _headers file.
func (h Headers) String() string {
	var b strings.Builder
	b.WriteString("# Written by minhbach: the HTTP headers of the site's files (Netlify, Cloudflare Pages).\n")
	b.WriteString("# The embed pages may be framed by any site; no other page may.\n")
	for _, r := range h {
		b.WriteString(r.Pattern + "\n")
		for _, x := range r.Headers {
			fmt.Fprintf(&b, "  %s: %s\n", x.Name, x.Value)
		}
	}
	return b.String()
}

// ParseHeaders reads a _headers file: a path pattern at the start of a
// line, its headers indented below it as "Name: value"; "#" starts a
// comment line.
func ParseHeaders(b []byte) (Headers, error) {
	var h Headers
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		text := strings.TrimSpace(line)
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
		case line[0] != ' ' && line[0] != '\t':
			h = append(h, HeaderRule{Pattern: text})
		default:
			name, value, ok := strings.Cut(text, ":")
			if !ok || len(h) == 0 {
				return nil, fmt.Errorf("_headers:%d:1: want a path, or an indented \"Name: value\" below one", n)
			}
			r := &h[len(h)-1]
			r.Headers = append(r.Headers, Header{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	return h, sc.Err()
}

// HostHeaders returns the table of headers of the built site files (its
// _headers file), or nil if it has none.
func HostHeaders(files Files) Headers {
	h, _ := ParseHeaders(files[routes.Table{}.Headers()]) // written by headers: well formed
	return h
}

// headerTable returns the table of the files names (paths relative to the
// output folder) whose embed pages are in the folders embeds ("nhung/",
// "en/nhung/"): the embed folders first, then patterns that cover every
// other file without reaching into them.
func headerTable(names, embeds []string) Headers {
	var h Headers
	for _, e := range embeds {
		h = append(h, HeaderRule{Pattern: "/" + e + "*", Headers: embedHeaders})
	}
	deny := func(p string) { h = append(h, HeaderRule{Pattern: p, Headers: denyHeaders}) }
	var cover func(dir string)
	cover = func(dir string) {
		if !slices.ContainsFunc(embeds, func(e string) bool { return strings.HasPrefix(e, dir) }) {
			deny("/" + dir + "*")
			return
		}
		deny("/" + dir)               // the folder's own address: its index.html
		children := map[string]bool{} // name → is a folder
		for _, n := range names {
			rest, ok := strings.CutPrefix(n, dir)
			if !ok || rest == "" {
				continue
			}
			child, _, folder := strings.Cut(rest, "/")
			children[child] = children[child] || folder
		}
		for _, c := range slices.Sorted(maps.Keys(children)) {
			switch {
			case !children[c]:
				deny("/" + dir + c)
			case !slices.Contains(embeds, dir+c+"/"):
				cover(dir + c + "/")
			}
		}
	}
	cover("")
	return h
}

// headers writes the table of headers of every file of the site.
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
	r.put(r.routes.Headers(), []byte(headerTable(names, embeds).String()))
}

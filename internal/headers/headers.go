// Package headers is the table of the HTTP headers a host sends with the
// files of a built site: the _headers file of Netlify and Cloudflare Pages.
// It says who may frame a page: a meta element cannot (browsers ignore
// frame-ancestors there).
//
// Package render makes the table from the names of the files it wrote
// ([New]) and writes it with the site; the preview server (package serve)
// reads it back from the build ([Read]) and sends what it says, so that what
// may be framed in the preview is what may be framed online.
package headers

import (
	"bufio"
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/routes"
)

// Table is the headers of a site's files, rule by rule.
//
// Its patterns never overlap, so that no host has to merge two rules: a
// pattern ending in "*" matches every path below it, any other pattern
// only itself.
type Table []Rule

// Rule is the headers of the paths Pattern matches, relative to the
// output folder's root: "/chi-tieu/*", or "/" for the home page alone.
type Rule struct {
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
func (t Table) Match(p string) *Rule {
	for i, r := range t {
		if prefix, ok := strings.CutSuffix(r.Pattern, "*"); ok && strings.HasPrefix(p, prefix) || r.Pattern == p {
			return &t[i]
		}
	}
	return nil
}

// String writes the table in the format of the _headers file.
func (t Table) String() string {
	var b strings.Builder
	b.WriteString("# Written by minhbach: the HTTP headers of the site's files (Netlify, Cloudflare Pages).\n")
	b.WriteString("# The embed pages may be framed by any site; no other page may.\n")
	for _, r := range t {
		b.WriteString(r.Pattern + "\n")
		for _, x := range r.Headers {
			fmt.Fprintf(&b, "  %s: %s\n", x.Name, x.Value)
		}
	}
	return b.String()
}

// Parse reads a _headers file: a path pattern at the start of a line, its
// headers indented below it as "Name: value"; "#" starts a comment line.
func Parse(b []byte) (Table, error) {
	var t Table
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		text := strings.TrimSpace(line)
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
		case line[0] != ' ' && line[0] != '\t':
			t = append(t, Rule{Pattern: text})
		default:
			name, value, ok := strings.Cut(text, ":")
			if !ok || len(t) == 0 {
				return nil, fmt.Errorf("_headers:%d:1: want a path, or an indented \"Name: value\" below one", n)
			}
			r := &t[len(t)-1]
			r.Headers = append(r.Headers, Header{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	return t, sc.Err()
}

// Read returns the table of the files of a built site (output path →
// contents): its _headers file, or nil if it has none.
func Read(files map[string][]byte) Table {
	t, _ := Parse(files[routes.Table{}.Headers()]) // written by render from New: well formed
	return t
}

// New returns the table of the files names (paths relative to the output
// folder) whose embed pages are in the folders embeds ("nhung/",
// "en/nhung/"): the embed folders first, then patterns that cover every
// other file without reaching into them.
func New(names, embeds []string) Table {
	var t Table
	for _, e := range embeds {
		t = append(t, Rule{Pattern: "/" + e + "*", Headers: embedHeaders})
	}
	deny := func(p string) { t = append(t, Rule{Pattern: p, Headers: denyHeaders}) }
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
	return t
}

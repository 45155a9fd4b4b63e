package render

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/model"
)

// origin is what produced an output file: a generated page or download
// (path empty), or an input file the editor can change.
type origin struct {
	path string // the input file, relative to the site folder; "" if generated
	what string // e.g. "the home page", "the file static/index.html"
	fix  string // what the editor can do, for an input file
	// where and field locate the entry of path that names the file, such
	// as a kind's id; looked up only when a message needs them.
	where model.Place
	field string
}

// pos returns the line and column of the entry that names the file, or
// zeros when the producer is a whole file or minhbach itself.
func (o origin) pos() (line, col int) {
	p := o.where.Field(o.field)
	return p.Line, p.Col
}

// add records a problem at the producer o.
func (r *renderer) add(o origin, format string, args ...any) {
	line, col := o.pos()
	r.fail(o.path, line, col, format, args...)
}

func (o origin) String() string {
	if o.what == "" {
		return "a file minhbach generates"
	}
	return o.what
}

// maxNameBytes is the longest file name most file systems accept.
const maxNameBytes = 255

// Where record kinds and agencies are defined (see package load).
const (
	kindsFile    = "data/records.toml"
	agenciesFile = "data/agencies.toml"
)

// claimDownloads records that the downloads named after record kinds come
// from the kinds, so that a kind named like another download is blamed on
// the kind.
func (r *renderer) claimDownloads() {
	r.claims = map[string]origin{}
	for _, k := range r.site.Kinds {
		for _, ext := range []string{".csv", ".json"} {
			r.claims[r.routes.Download(k.ID+ext)] = origin{
				path:  kindsFile,
				what:  fmt.Sprintf("the download of record kind %q", k.ID),
				fix:   "give the kind another id",
				where: k.Where,
				field: "id",
			}
		}
	}
}

// checkOutputs reports every output path with more than one producer, and
// every output file that another output needs as a folder. Without it, the
// last producer to finish would silently win, and which one that is changes
// between builds.
func (r *renderer) checkOutputs() {
	folders := map[string]bool{}
	folded := map[string]string{} // lowercased output path → the first with it
	for _, name := range slices.Sorted(maps.Keys(r.outputs)) {
		by := r.outputs[name]
		if len(by) > 1 {
			r.clash(name, by)
		}
		// Windows and macOS, where editors build, do not tell case apart.
		if other, ok := folded[strings.ToLower(name)]; ok {
			o := append(slices.Clone(r.outputs[other]), by...)
			slices.SortStableFunc(o, func(a, b origin) int { return cmp.Compare(rank(a), rank(b)) })
			r.add(o[0], "the output files %s and %s differ only in case, and are one file on Windows and macOS: %s", other, name, cmp.Or(o[0].fix, "rename one"))
		} else {
			folded[strings.ToLower(name)] = name
		}
		if !fs.ValidPath(name) {
			r.add(by[0], "%s would write %s, outside the output folder: %s", by[0], name, cmp.Or(by[0].fix, "use ids of letters, digits and dashes"))
			continue
		}
		for seg := range strings.SplitSeq(name, "/") {
			if len(seg) > maxNameBytes {
				r.add(by[0], "%s would write a file or folder name of %d bytes, more than %d that file systems allow: %s", by[0], len(seg), maxNameBytes, cmp.Or(by[0].fix, "shorten the id"))
				break
			}
		}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if file, ok := r.outputs[dir]; ok && !folders[dir] {
				folders[dir] = true // one error per file, not one per file inside
				f, n := file[0], r.outputs[name][0]
				switch {
				case f.path != "":
					r.add(f, "the output file %s is also a folder, needed by %s (%s): %s", dir, n, name, f.fix)
				case n.path != "":
					r.add(n, "the output file %s needs a folder %s, which is also %s: %s", name, dir, f, n.fix)
				default:
					r.errs.Add("", 0, 0, "the output file %s of %s is also a folder, needed by %s (%s)", dir, f, n, name)
				}
				break
			}
		}
	}
}

// clash reports the producers of name, at the first of them the editor can
// change, in an order that does not depend on which finished first.
func (r *renderer) clash(name string, by []origin) {
	by = slices.Clone(by)
	slices.SortStableFunc(by, func(a, b origin) int {
		// Input files first: the error is reported at one of them.
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.path, b.path), cmp.Compare(a.what, b.what))
	})
	first, others := by[0], by[1:]
	names := make([]string, len(others))
	for i, o := range others {
		names[i] = o.String()
	}
	if first.path == "" {
		r.errs.Add("", 0, 0, "the output file %s is produced by %s and by %s: two ids in data/ name the same page", name, first, strings.Join(names, " and by "))
		return
	}
	r.add(first, "the output file %s is also %s: %s", name, strings.Join(names, " and "), first.fix)
}

// rank orders the producers of one file by which to blame: an id of data/
// that names a page, then a content page or a static file, then minhbach.
func rank(o origin) int {
	switch {
	case o.path == "":
		return 2
	case strings.HasPrefix(o.path, "data/"):
		return 0
	}
	return 1
}

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
			r.add(origin{path: agenciesFile, where: a.Where, field: "id"}, "the id %q of agency %q is also an element id of the layouts: give the agency another id", a.ID, a.Name)
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

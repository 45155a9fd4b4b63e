// Package outputs checks the output paths of a site against each other,
// once every file is rendered: every path has exactly one producer, no two
// differ only in case, none leaves the output folder or has a name longer
// than file systems allow, and no file is also a folder another file needs.
//
// Package render records the [Origin] of every file it hands on (a page or
// download it generates, a content page, a file of static/, an id of data/
// that names a page) and calls [Check] at the end; each problem is reported
// at the input file the editor can change, in an order that does not depend
// on which producer finished first.
package outputs

import (
	"cmp"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
)

// Origin is what produced an output file: a generated page or download
// (Path empty), or an input file the editor can change.
type Origin struct {
	Path string // the input file, relative to the site folder; "" if generated
	What string // e.g. "the home page", "the file static/index.html"
	Fix  string // what the editor can do, for an input file
	// Where and Field locate the entry of Path that names the file, such
	// as a kind's id; looked up only when a message needs them.
	Where model.Place
	Field string
}

// Pos returns the line and column of the entry that names the file, or
// zeros when the producer is a whole file or minhbach itself.
func (o Origin) Pos() (line, col int) {
	p := o.Where.Field(o.Field)
	return p.Line, p.Col
}

// String names the producer in a message.
func (o Origin) String() string {
	if o.What == "" {
		return "a file minhbach generates"
	}
	return o.What
}

// maxNameBytes is the longest file name most file systems accept.
const maxNameBytes = 255

// Check reports to errs every output path of files (output path → its
// producers) with more than one producer, every two paths that differ only
// in case, every path outside the output folder or with a name too long,
// and every output file that another output needs as a folder. Without it,
// the last producer to finish would silently win, and which one that is
// changes between builds.
func Check(files map[string][]Origin, errs *diag.List) {
	folders := map[string]bool{}
	folded := map[string]string{} // lowercased output path → the first with it
	for _, name := range slices.Sorted(maps.Keys(files)) {
		by := files[name]
		if len(by) > 1 {
			clash(errs, name, by)
		}
		// Windows and macOS, where editors build, do not tell case apart.
		if other, ok := folded[strings.ToLower(name)]; ok {
			o := append(slices.Clone(files[other]), by...)
			slices.SortStableFunc(o, func(a, b Origin) int { return cmp.Compare(rank(a), rank(b)) })
			add(errs, o[0], "the output files %s and %s differ only in case, and are one file on Windows and macOS: %s", other, name, cmp.Or(o[0].Fix, "rename one"))
		} else {
			folded[strings.ToLower(name)] = name
		}
		if !fs.ValidPath(name) {
			add(errs, by[0], "%s would write %s, outside the output folder: %s", by[0], name, cmp.Or(by[0].Fix, "use ids of letters, digits and dashes"))
			continue
		}
		for seg := range strings.SplitSeq(name, "/") {
			if len(seg) > maxNameBytes {
				add(errs, by[0], "%s would write a file or folder name of %d bytes, more than %d that file systems allow: %s", by[0], len(seg), maxNameBytes, cmp.Or(by[0].Fix, "shorten the id"))
				break
			}
		}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if file, ok := files[dir]; ok && !folders[dir] {
				folders[dir] = true // one error per file, not one per file inside
				f, n := file[0], files[name][0]
				switch {
				case f.Path != "":
					add(errs, f, "the output file %s is also a folder, needed by %s (%s): %s", dir, n, name, f.Fix)
				case n.Path != "":
					add(errs, n, "the output file %s needs a folder %s, which is also %s: %s", name, dir, f, n.Fix)
				default:
					errs.Add("", 0, 0, "the output file %s of %s is also a folder, needed by %s (%s)", dir, f, n, name)
				}
				break
			}
		}
	}
}

// clash reports the producers of name, at the first of them the editor can
// change, in an order that does not depend on which finished first.
func clash(errs *diag.List, name string, by []Origin) {
	by = slices.Clone(by)
	slices.SortStableFunc(by, func(a, b Origin) int {
		// Input files first: the error is reported at one of them.
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Path, b.Path), cmp.Compare(a.What, b.What))
	})
	first, others := by[0], by[1:]
	names := make([]string, len(others))
	for i, o := range others {
		names[i] = o.String()
	}
	if first.Path == "" {
		errs.Add("", 0, 0, "the output file %s is produced by %s and by %s: two ids in data/ name the same page", name, first, strings.Join(names, " and by "))
		return
	}
	add(errs, first, "the output file %s is also %s: %s", name, strings.Join(names, " and "), first.Fix)
}

// rank orders the producers of one file by which to blame: an id of data/
// that names a page, then a content page or a static file, then minhbach.
func rank(o Origin) int {
	switch {
	case o.Path == "":
		return 2
	case strings.HasPrefix(o.Path, "data/"):
		return 0
	}
	return 1
}

// add records a problem at the producer o.
func add(errs *diag.List, o Origin, format string, args ...any) {
	line, col := o.Pos()
	errs.Add(o.Path, line, col, format, args...)
}

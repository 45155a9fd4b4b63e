package load

import (
	"github.com/minhbach/minhbach/internal/catalog"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// The limits on input that keep a build fast and small whatever it is
// given, and keep every name fit to be part of a file name. The README's
// "Trust" section lists them. The limits on files are those of packages
// source and tomlfile, and so are those on names and ids, which tomlfile
// checks in every string it decodes (File.CheckText): they are named here
// too.
const (
	// MaxFileSize is the largest input file read (TOML, Markdown, layout),
	// in bytes: 10 MB.
	MaxFileSize = source.MaxFileSize
	// MaxStaticSize is the largest file of static/ copied, in bytes: 50 MB.
	MaxStaticSize = source.MaxStaticSize
	// MaxDepth is how deeply TOML values may nest: arrays, inline tables
	// and the parts of a dotted key each count one level.
	MaxDepth = tomlfile.MaxDepth
	// MaxNameLength is the most characters a name, title or label may have.
	MaxNameLength = tomlfile.MaxNameLength
	// MaxUnitNameLength is the most characters a unit's type and name may
	// have together: they make the file name of its page, which may get the
	// unit's code too and must stay within the 255 bytes file systems allow.
	MaxUnitNameLength = 150
	// MaxIDLength is the most characters an id or a code may have.
	MaxIDLength = tomlfile.MaxIDLength
)

// text is a text readers see, as written: a string or a table of
// languages (see package catalog).
type text = catalog.Text

// isSlug reports whether s may be used as an id in web addresses and file
// names: a-z, 0-9 and -, with a letter or digit at either end.
func isSlug(s string) bool {
	if s == "" || len(s) > MaxIDLength || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

const slugRule = "must be made of a-z, 0-9 and -, such as \"item-1\": it is used in web addresses"

// checkSlug records a problem at the key path if id is set and not a slug.
func (f *tomlFile) checkSlug(at, id string) {
	if id != "" && !isSlug(id) {
		f.At(at, "id %q %s", id, slugRule)
	}
}

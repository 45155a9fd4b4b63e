package load

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/catalog"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// The limits on input that keep a build fast and small whatever it is
// given, and keep every name fit to be part of a file name. The README's
// "Trust" section lists them. The limits on files are those of packages
// source and tomlfile, named here too.
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
	MaxNameLength = 200
	// MaxUnitNameLength is the most characters a unit's type and name may
	// have together: they make the file name of its page, which may get the
	// unit's code too and must stay within the 255 bytes file systems allow.
	MaxUnitNameLength = 150
	// MaxIDLength is the most characters an id or a code may have.
	MaxIDLength = 64
)

// text is a text readers see, as written: a string or a table of
// languages (see package catalog).
type text = catalog.Text

// Keys whose text may span lines, and keys that are names.
var (
	multiLineKeys = []string{"description", "text", "note", "illustrative_note", "tasks"}
	nameKeys      = []string{"name", "singular", "short", "title", "label", "type", "signer", "signer_title", "targets_section", "tasks_section"}
	idKeys        = []string{"id", "code"}
)

// checkText checks every string of a decoded value v, found at the key
// path at: no control characters (but line breaks and tabs in text that may
// span lines), names and ids not too long. It reports whether all were
// fine.
func (f *tomlFile) checkText(at, key string, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return true
		}
		return f.checkText(at, key, v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[text]() {
			return v.Interface().(text).Check(f.File, at, key, textProblem)
		}
		if v.Type() == reflect.TypeFor[time.Time]() {
			return true
		}
		ok := true
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			if !sf.IsExported() {
				continue
			}
			k, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
			if k == "" {
				k = strings.ToLower(sf.Name)
			}
			ok = f.checkText(keyPath(at, k), k, v.Field(i)) && ok
		}
		return ok
	case reflect.Slice, reflect.Array:
		ok := true
		for i := range v.Len() {
			el := v.Index(i)
			for el.Kind() == reflect.Interface && !el.IsNil() {
				el = el.Elem()
			}
			p := at
			if el.Kind() == reflect.Struct || el.Kind() == reflect.Map {
				p = keyPath(at, i)
			}
			ok = f.checkText(p, key, el) && ok
		}
		return ok
	case reflect.Map:
		ok := true
		var names []string
		for it := v.MapRange(); it.Next(); {
			names = append(names, it.Key().String())
		}
		slices.Sort(names)
		for _, name := range names {
			ok = f.checkText(keyPath(at, name), name, v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))) && ok
		}
		return ok
	case reflect.String:
		if msg := textProblem(key, v.String()); msg != "" {
			f.At(at, "%s", msg)
			return false
		}
	}
	return true
}

// textProblem returns what is wrong with the text s of the key, or "".
func textProblem(key, s string) string {
	multiLine := slices.Contains(multiLineKeys, key)
	for i, r := range s {
		if !unicode.IsControl(r) || multiLine && (r == '\n' || r == '\t' || r == '\r' && strings.HasPrefix(s[i:], "\r\n")) {
			continue
		}
		return fmt.Sprintf("%q holds a control character (U+%04X): remove it", key, r)
	}
	limit := 0
	switch {
	case slices.Contains(nameKeys, key):
		limit = MaxNameLength
	case slices.Contains(idKeys, key):
		limit = MaxIDLength
	}
	if n := utf8.RuneCountInString(s); limit > 0 && n > limit {
		return fmt.Sprintf("%q is %d characters long: shorten it to at most %d", key, n, limit)
	}
	return ""
}

// checkBody records the first control character of a Markdown body, other
// than line breaks and tabs, at its line and column.
func checkBody(p, body string, bodyLine int, errs *diag.List) bool {
	line, lineStart := bodyLine, 0
	for i, r := range body {
		switch {
		case r == '\n':
			line, lineStart = line+1, i+1
		case r == '\t' || !unicode.IsControl(r):
		default:
			errs.Add(p, line, utf8.RuneCountInString(body[lineStart:i])+1, "a control character (U+%04X): remove it", r)
			return false
		}
	}
	return true
}

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

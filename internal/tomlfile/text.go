package tomlfile

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The limits on the strings of an input file, which keep every name fit to
// be part of a file name. Package load names them among its limits.
const (
	// MaxNameLength is the most characters a name, title or label may have.
	MaxNameLength = 200
	// MaxIDLength is the most characters an id or a code may have.
	MaxIDLength = 64
)

// Keys whose text may span lines, and keys that are names.
var (
	multiLineKeys = []string{"description", "text", "note", "illustrative_note", "tasks"}
	nameKeys      = []string{"name", "singular", "short", "title", "label", "type", "signer", "signer_title", "targets_section", "tasks_section"}
	idKeys        = []string{"id", "code"}
)

// A Checker is a decoded value that checks its own strings, such as a text
// written in several languages (package catalog): it records a problem in
// f at the key path at for every string for which problem, given the key,
// returns a message, and reports whether there was none.
type Checker interface {
	Check(f *File, at, key string, problem func(key, s string) string) bool
}

var checkerType = reflect.TypeFor[Checker]()

// CheckText checks every string of a decoded value v, found at the key
// path at: no control characters (but line breaks and tabs in text that may
// span lines), names and ids not too long. It reports whether all were
// fine.
func (f *File) CheckText(at, key string, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return true
		}
		return f.CheckText(at, key, v.Elem())
	case reflect.Struct:
		if v.Type().Implements(checkerType) {
			return v.Interface().(Checker).Check(f, at, key, TextProblem)
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
			ok = f.CheckText(KeyPath(at, k), k, v.Field(i)) && ok
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
				p = KeyPath(at, i)
			}
			ok = f.CheckText(p, key, el) && ok
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
			ok = f.CheckText(KeyPath(at, name), name, v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))) && ok
		}
		return ok
	case reflect.String:
		if msg := TextProblem(key, v.String()); msg != "" {
			f.At(at, "%s", msg)
			return false
		}
	}
	return true
}

// TextProblem returns what is wrong with the text s of the key, or "".
func TextProblem(key, s string) string {
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

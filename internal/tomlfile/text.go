package tomlfile

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
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
	c := textCheck{f: f, base: at}
	return c.value(key, v)
}

// textCheck walks a decoded value for CheckText. It keeps the key path of
// the value being checked as a stack of parts, and writes it out (as
// KeyPath would) only for a problem or a Checker: the national site's
// reports hold some 50,000 strings, and almost none has a problem.
type textCheck struct {
	f    *File
	base string
	path []pathPart
}

// pathPart is a part of a key path: a key, or the index of an array
// element.
type pathPart struct {
	key     string
	index   int
	isIndex bool
}

// at returns the key path of the value being checked.
func (c *textCheck) at() string {
	var b strings.Builder
	b.WriteString(c.base)
	for _, p := range c.path {
		if p.isIndex {
			b.WriteString("[" + strconv.Itoa(p.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if isBare(p.key) {
			b.WriteString(p.key)
		} else {
			b.WriteString(strconv.Quote(p.key))
		}
	}
	return b.String()
}

func (c *textCheck) push(p pathPart) { c.path = append(c.path, p) }
func (c *textCheck) pop()            { c.path = c.path[:len(c.path)-1] }

// raw checks a value of a map decoded without a struct, the most common
// case, without reflection. It reports false for handled if v is of a type
// the decoder does not give.
func (c *textCheck) raw(key string, v any) (ok, handled bool) {
	switch v := v.(type) {
	case string:
		return c.text(key, v), true
	case int64, float64, bool, time.Time:
		return true, true
	case map[string]any:
		return c.rawMap(v), true
	case []map[string]any:
		ok := true
		for i, el := range v {
			c.push(pathPart{index: i, isIndex: true})
			ok = c.rawMap(el) && ok
			c.pop()
		}
		return ok, true
	case []any:
		ok := true
		for i, el := range v {
			if k := reflect.ValueOf(el).Kind(); k == reflect.Struct || k == reflect.Map {
				c.push(pathPart{index: i, isIndex: true})
				ok = c.any(key, el) && ok
				c.pop()
				continue
			}
			ok = c.any(key, el) && ok
		}
		return ok, true
	}
	return false, false
}

func (c *textCheck) rawMap(m map[string]any) bool {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	ok := true
	for _, name := range names {
		c.push(pathPart{key: name})
		ok = c.any(name, m[name]) && ok
		c.pop()
	}
	return ok
}

// any checks v, a value held in an interface.
func (c *textCheck) any(key string, v any) bool {
	if ok, handled := c.raw(key, v); handled {
		return ok
	}
	return c.value(key, reflect.ValueOf(v))
}

func (c *textCheck) text(key, s string) bool {
	if msg := TextProblem(key, s); msg != "" {
		c.f.At(c.at(), "%s", msg)
		return false
	}
	return true
}

func (c *textCheck) value(key string, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return true
		}
		return c.value(key, v.Elem())
	case reflect.Struct:
		if v.Type().Implements(checkerType) {
			return v.Interface().(Checker).Check(c.f, c.at(), key, TextProblem)
		}
		if v.Type() == timeType {
			return true
		}
		ok := true
		t := v.Type()
		for i := range v.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			k, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
			if k == "" {
				k = strings.ToLower(sf.Name)
			}
			c.push(pathPart{key: k})
			ok = c.value(k, v.Field(i)) && ok
			c.pop()
		}
		return ok
	case reflect.Slice, reflect.Array:
		ok := true
		for i := range v.Len() {
			el := v.Index(i)
			for el.Kind() == reflect.Interface && !el.IsNil() {
				el = el.Elem()
			}
			if el.Kind() == reflect.Struct || el.Kind() == reflect.Map {
				c.push(pathPart{index: i, isIndex: true})
				ok = c.value(key, el) && ok
				c.pop()
				continue
			}
			ok = c.value(key, el) && ok
		}
		return ok
	case reflect.Map:
		if m, isRaw := v.Interface().(map[string]any); isRaw {
			return c.rawMap(m)
		}
		ok := true
		var names []string
		for it := v.MapRange(); it.Next(); {
			names = append(names, it.Key().String())
		}
		slices.Sort(names)
		for _, name := range names {
			c.push(pathPart{key: name})
			ok = c.value(name, v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))) && ok
			c.pop()
		}
		return ok
	case reflect.String:
		return c.text(key, v.String())
	}
	return true
}

var timeType = reflect.TypeFor[time.Time]()

// TextProblem returns what is wrong with the text s of the key, or "".
func TextProblem(key, s string) string {
	if hasControl(s) {
		multiLine := slices.Contains(multiLineKeys, key)
		for i, r := range s {
			if !unicode.IsControl(r) || multiLine && (r == '\n' || r == '\t' || r == '\r' && strings.HasPrefix(s[i:], "\r\n")) {
				continue
			}
			return fmt.Sprintf("%q holds a control character (U+%04X): remove it", key, r)
		}
	}
	limit := 0
	switch {
	case slices.Contains(nameKeys, key):
		limit = MaxNameLength
	case slices.Contains(idKeys, key):
		limit = MaxIDLength
	}
	// A text has at most as many characters as bytes.
	if limit > 0 && len(s) > limit {
		if n := utf8.RuneCountInString(s); n > limit {
			return fmt.Sprintf("%q is %d characters long: shorten it to at most %d", key, n, limit)
		}
	}
	return ""
}

// hasControl reports whether s may hold a control character
// (unicode.IsControl): a byte below 0x20, DEL, or U+0080 to U+009F, which
// UTF-8 writes as 0xC2 followed by 0x80 to 0x9F. It is a scan of bytes,
// which TextProblem does for every string of every file.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return true
		}
	}
	return false
}

// QuoteAll quotes every string of ss, as Go does, and joins them with
// commas: the form messages list allowed values in.
func QuoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

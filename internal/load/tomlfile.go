package load

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"

	"github.com/minhbach/minhbach/internal/diag"
)

// tomlFile is one TOML input file with the means to say where its keys are.
type tomlFile struct {
	path  string
	src   string
	ix    *lazyIndex
	errs  *diag.List
	cache *Cache
	entry *cached // what the cache knows of this content, or nil
}

// readTOML reads path from the site. It returns nil after recording a
// problem in errs if the file cannot be read or is not UTF-8.
func (l *loader) readTOML(path string, errs *diag.List) *tomlFile {
	b, err := l.readFile(path, MaxFileSize)
	if err != nil {
		readError(errs, path, err, MaxFileSize)
		return nil
	}
	return l.parseTOML(path, b, errs)
}

// parseTOML is readTOML for the content b of path, read already.
func (l *loader) parseTOML(path string, b []byte, errs *diag.List) *tomlFile {
	cache := l.cache
	if e, _ := cache.lookup(path, b); e != nil {
		return &tomlFile{path: path, src: e.src, ix: e.ix, errs: errs, cache: cache, entry: e}
	}
	src, ok := text(path, b, errs)
	if !ok {
		return nil
	}
	sum := sha256.Sum256(b)
	f := &tomlFile{path: path, src: src, ix: &lazyIndex{path: path, src: src}, errs: errs, cache: cache}
	if cache != nil {
		f.entry = &cached{sum: sum, src: src, ix: f.ix}
	}
	return f
}

// text checks that b is UTF-8 and drops a leading byte-order mark.
func text(path string, b []byte, errs *diag.List) (string, bool) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalid(b)], []byte("\n"))
		errs.Block(path, line, 0, "the file is not UTF-8 text: save it with the UTF-8 encoding")
		return "", false
	}
	// Text typed or pasted in decomposed form (NFD) is composed (NFC), so
	// that "Yên" typed either way is the same name.
	return norm.NFC.String(string(b)), true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// errOutside replaces the error of a path that leaves the site folder
// through a symbolic link.
var errOutside = errors.New("it is a symbolic link to a file outside the site folder: copy the file here instead")

func unwrapPathError(err error) error {
	if err != nil && strings.Contains(err.Error(), "escapes from parent") {
		return errOutside
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// typeError matches the messages BurntSushi/toml gives for a value of the
// wrong type, which carry a line and the key but are plain strings.
// typeError is the decoder's message for a value of the wrong type; the
// last key is quoted as a Go string, and holds quotes itself when a part of
// the key is quoted, such as "\"status.met\"".
var typeError = regexp.MustCompile(`^toml: line (\d+) \(last key ("(?:[^"\\]|\\.)*")\): incompatible types: TOML value has type (\S+); destination has type (\S+)`)

// decode decodes the file strictly into v: syntax errors, values of the wrong
// type and unknown keys are recorded with their places. It reports whether v
// may be used.
func (f *tomlFile) decode(v any) bool {
	if f.entry.value(v) {
		return true // decoded before, without problems
	}
	if !f.prescan() {
		return false
	}
	md, err := toml.Decode(f.src, v)
	if err != nil {
		f.decodeError(err)
		return false
	}
	ok := true
	seen := map[string]int{}
	for _, key := range md.Undecoded() {
		name := key.String()
		places := f.ix.get().bare[bareKey(key)]
		i := seen[name]
		seen[name]++
		line, col := 0, 0
		if i < len(places) {
			line, col = places[i].line, places[i].col
		}
		f.errs.Add(f.path, line, col, "unknown key %q: check its spelling against the README", key[len(key)-1])
		ok = false
	}
	ok = f.checkText("", "", reflect.ValueOf(v)) && ok
	if ok {
		f.entry.keep(v, f.cache, f.path)
	}
	return ok
}

// decodeRaw decodes the file into a map without checking keys, for reports
// whose keys come from the data.
func (f *tomlFile) decodeRaw() (map[string]any, bool) {
	var raw map[string]any
	if f.entry.value(&raw) {
		return raw, true
	}
	if !f.prescan() {
		return nil, false
	}
	if _, err := toml.Decode(f.src, &raw); err != nil {
		f.decodeError(err)
		return nil, false
	}
	if !f.checkText("", "", reflect.ValueOf(raw)) {
		return nil, false
	}
	f.entry.keep(&raw, f.cache, f.path)
	return raw, true
}

// bareKey writes a toml.Key the way keyIndex.bare does.
func bareKey(k toml.Key) string { return joinPath(k) }

func (f *tomlFile) decodeError(err error) {
	if pe, ok := errors.AsType[toml.ParseError](err); ok {
		start := pe.Position.Start
		// The reported range may start with the blank before the culprit.
		for start < len(f.src)-1 && pe.Position.Len > 1 && (f.src[start] == ' ' || f.src[start] == '\t') {
			start++
		}
		col := f.runeCol(pe.Position.Line, start)
		msg := pe.Message
		if pe.Usage != "" {
			msg += " (" + strings.TrimSpace(strings.SplitN(pe.Usage, "\n", 2)[0]) + ")"
		}
		f.errs.Block(f.path, pe.Position.Line, col, "TOML syntax: %s", msg)
		return
	}
	if m := typeError.FindStringSubmatch(err.Error()); m != nil {
		// The line BurntSushi/toml gives is not always the key's (with arrays
		// of tables it can be a later one), so find the first place of the
		// key whose value has the reported TOML type.
		line, _ := strconv.Atoi(m[1])
		key, err := strconv.Unquote(m[2])
		if err != nil {
			key = m[2]
		}
		parts, _ := parseKey(key)
		if len(parts) == 0 {
			parts = []string{key}
		}
		last := parts[len(parts)-1]
		col := 0
		for _, p := range f.ix.get().bare[joinPath(parts)] {
			if valueType(f.ix.get().lines[p.line-1]) == typeName(m[3]) {
				line, col = p.line, p.col
				break
			}
		}
		f.errs.Add(f.path, line, col, "%q must be %s, not %s", last, typeName(m[4]), typeName(m[3]))
		return
	}
	f.errs.Add(f.path, 0, 0, "%v", err)
}

// typeName names a TOML or Go type in an editor's words.
func typeName(t string) string {
	switch strings.TrimPrefix(t, "*") {
	case "string", "String":
		return "text in quotes"
	case "integer", "Integer", "int", "int64", "int32":
		return "a whole number"
	case "float", "Float", "float64":
		return "a number"
	case "bool", "Bool", "boolean":
		return "true or false"
	case "time.Time", "Datetime", "Date", "LocalDate", "DateTime", "datetime":
		return "a date such as 2017-03-15"
	case "Array", "array", "slice":
		return "a list in [ ]"
	case "Hash", "map", "struct", "Table", "table":
		return "a table"
	}
	return t
}

// runeCol converts a byte offset in the file into a column counted in
// characters on the given line.
func (f *tomlFile) runeCol(line, offset int) int {
	start := 0
	for n := 1; n < line; n++ {
		i := strings.IndexByte(f.src[start:], '\n')
		if i < 0 {
			break
		}
		start += i + 1
	}
	if offset < start || offset > len(f.src) {
		return 0
	}
	// The decoder's offset can lie past the end of the line it names.
	if end := strings.IndexByte(f.src[start:], '\n'); end >= 0 && offset > start+end {
		offset = start + end
	}
	// The decoder's offsets can fall inside a multi-byte character.
	for offset > start && offset < len(f.src) && !utf8.RuneStart(f.src[offset]) {
		offset--
	}
	return utf8.RuneCountInString(f.src[start:offset]) + 1
}

// at records a problem at the key path (see keyPath).
func (f *tomlFile) at(path string, format string, args ...any) {
	line, col := f.ix.get().find(path)
	f.errs.Add(f.path, line, col, format, args...)
}

// atValue records a problem at one element of an array value.
func (f *tomlFile) atValue(path, literal string, format string, args ...any) {
	line, col := f.ix.get().value(path, literal)
	f.errs.Add(f.path, line, col, format, args...)
}

// require records a problem for every named field that is empty.
func (f *tomlFile) require(path string, fields map[string]string) {
	for _, name := range sortedKeys(fields) {
		if strings.TrimSpace(fields[name]) == "" {
			f.at(path, "missing %q: add %s = \"…\"", name, name)
		}
	}
}

func (f *tomlFile) String() string { return fmt.Sprintf("toml file %s", f.path) }

// valueType names the type of the value on a "key = value" line as
// typeName does.
func valueType(line string) string {
	_, v, ok := strings.Cut(line, "=")
	if !ok {
		return ""
	}
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return ""
	case v[0] == '"' || v[0] == '\'':
		return typeName("string")
	case v[0] == '[':
		return typeName("array")
	case v[0] == '{':
		return typeName("table")
	case strings.HasPrefix(v, "true") || strings.HasPrefix(v, "false"):
		return typeName("bool")
	case len(v) >= 10 && v[4] == '-' && v[7] == '-':
		return typeName("datetime")
	case strings.ContainsAny(strings.Fields(v)[0], ".eE") && !strings.HasPrefix(v, "0x"):
		return typeName("float")
	}
	return typeName("integer")
}

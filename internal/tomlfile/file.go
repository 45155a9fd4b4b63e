// Package tomlfile reads TOML input files strictly and says where things
// are in them: syntax errors, values of the wrong type and unknown keys are
// recorded with their line and column (in characters), and any key path,
// such as `targets[2].threshold`, can be located to report a problem with
// its value.
//
// It is a layer of the load stage (see package load), between package
// source, which reads files safely, and the decoders that turn files into
// the model. Before the decoder sees a file, prescan refuses what would
// exhaust or mislead it (see MaxDepth). Files written in plain TOML, such
// as the monthly reports and the registry of units, are read by a small
// reader of their own, several times faster; anything else, valid or not,
// goes to the decoder, whose messages are the ones shown (see
// decodeSimple). A Cache keeps parsed files between builds.
package tomlfile

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/source"
)

// File is one TOML input file with the means to say where its keys are.
type File struct {
	// Path names the file in messages.
	Path  string
	src   string
	ix    *lazyIndex
	errs  *diag.List
	cache *Cache
	entry *cached // what the cache knows of this content, or nil
}

// Read reads path from fsys (at most source.MaxFileSize bytes) and parses
// it as Parse does. It returns nil after recording a problem in errs if the
// file cannot be read or is not UTF-8.
func Read(fsys fs.FS, path string, errs *diag.List, cache *Cache) *File {
	b, err := source.ReadFile(fsys, path, source.MaxFileSize)
	if err != nil {
		source.ReadError(errs, path, err, source.MaxFileSize)
		return nil
	}
	return Parse(path, b, errs, cache)
}

// Parse is Read for the content b of path, read already. Problems found in
// the file later are recorded in errs; cache, which may be nil, keeps what
// is decoded for the next build.
func Parse(path string, b []byte, errs *diag.List, cache *Cache) *File {
	e, sum := cache.lookup(path, b)
	if e != nil {
		return &File{Path: path, src: e.src, ix: e.ix, errs: errs, cache: cache, entry: e}
	}
	src, ok := source.Text(path, b, errs)
	if !ok {
		return nil
	}
	f := New(path, src, errs)
	if cache != nil {
		f.cache = cache
		f.entry = &cached{sum: sum, src: src, ix: f.ix}
	}
	return f
}

// New returns the file path of text src, checked for UTF-8 already, with
// no cache: a part of a larger file, such as a page's front matter, or an
// example.
func New(path, src string, errs *diag.List) *File {
	return &File{Path: path, src: src, ix: &lazyIndex{path: path, src: src}, errs: errs}
}

// Locator returns what finds the positions of the file's key paths, for
// the model's places.
func (f *File) Locator() model.Locator { return f.ix }

// Find returns the place of an indexed key path such as `units[3].code`. If
// the key itself is not written, it returns the place of its nearest
// written parent (a missing key is reported where its table starts).
func (f *File) Find(path string) (line, col int) { return f.ix.get().find(path) }

// FindValue returns the place of a literal string inside the value of the
// key path: one element of an array such as `agencies = ["a", "b"]`, or a
// text inside an array written over several lines, whose keys are not
// indexed.
func (f *File) FindValue(path, literal string) (line, col int) {
	return f.ix.get().value(path, literal)
}

// Place returns the place of the i-th occurrence of key k in the file,
// counting occurrences without array indices (the way toml.MetaData names
// keys), or 0, 0.
func (f *File) Place(k toml.Key, i int) (line, col int) {
	places := f.ix.get().bare[bareKey(k)]
	if i < len(places) {
		return places[i].line, places[i].col
	}
	return 0, 0
}

// Written returns the first key written at path or under it (a dotted key
// such as where.doi_tuong = "x" writes no key where).
func (f *File) Written(path string) (string, bool) {
	ix := f.ix.get()
	if _, ok := ix.exact[path]; ok {
		return path, true
	}
	first, line, col := "", 0, 0
	for k, p := range ix.exact {
		if strings.HasPrefix(k, path+".") && (first == "" || p.line < line || p.line == line && p.col < col) {
			first, line, col = k, p.line, p.col
		}
	}
	return first, first != ""
}

// Src returns the text of the file.
func (f *File) Src() string { return f.src }

// Errs returns the list the file's problems are recorded in.
func (f *File) Errs() *diag.List { return f.errs }

// typeError matches the messages BurntSushi/toml gives for a value of the
// wrong type, which carry a line and the key but are plain strings.
// typeError is the decoder's message for a value of the wrong type; the
// last key is quoted as a Go string, and holds quotes itself when a part of
// the key is quoted, such as "\"status.met\"".
var typeError = regexp.MustCompile(`^toml: line (\d+) \(last key ("(?:[^"\\]|\\.)*")\): incompatible types: TOML value has type (\S+); destination has type (\S+)`)

// Decode decodes the file strictly into v: syntax errors, values of the
// wrong type and unknown keys are recorded with their places. check, if not
// nil, then checks the values decoded and records their problems; only a
// value without problems is kept in the cache. Decode reports whether v may
// be used.
func (f *File) Decode(v any, check func() bool) bool {
	if f.entry.value(v) {
		return true // decoded before, without problems
	}
	if !f.prescan() {
		return false
	}
	return f.decode(v, check)
}

// decode is Decode after the prescan.
func (f *File) decode(v any, check func() bool) bool {
	md, err := toml.Decode(f.src, v)
	if err != nil {
		f.decodeError(err)
		return false
	}
	ok := true
	seen := map[string]int{}
	for _, key := range md.Undecoded() {
		name := key.String()
		line, col := f.Place(key, seen[name])
		seen[name]++
		f.errs.Add(f.Path, line, col, "unknown key %q: check its spelling against the README", key[len(key)-1])
		ok = false
	}
	if check != nil {
		ok = check() && ok
	}
	if ok {
		f.entry.keep(v, f.cache, f.Path)
	}
	return ok
}

// DecodeSimple is Decode for a large file, such as the registry of units,
// with fill, which fills v from the file as decodeSimple reads it (see
// there), and reports false for any key or value it does not expect; the
// decoder then decodes the file as Decode does. fill must fill v exactly as
// the decoder would: it is for a file of plain strings in plain tables,
// where that is easy to see, and which the decoder takes long to read (a
// tenth of a second for the 1 MB of units of the national site).
func (f *File) DecodeSimple(v any, fill func(raw map[string]any) bool, check func() bool) bool {
	if f.entry.value(v) {
		return true
	}
	if !f.prescan() {
		return false
	}
	if raw, ok := decodeSimple(f.src); !ok || !fill(raw) {
		reflect.ValueOf(v).Elem().SetZero()
		return f.decode(v, check)
	}
	ok := check == nil || check()
	if ok {
		f.entry.keep(v, f.cache, f.Path)
	}
	return ok
}

// DecodeRaw decodes the file into a map without checking keys, for files
// whose keys come from the data; check is as for Decode, run on the map.
func (f *File) DecodeRaw(check func(raw map[string]any) bool) (map[string]any, bool) {
	var raw map[string]any
	if f.entry.value(&raw) {
		return raw, true
	}
	if !f.prescan() {
		return nil, false
	}
	raw, simple := decodeSimple(f.src)
	if !simple {
		if _, err := toml.Decode(f.src, &raw); err != nil {
			f.decodeError(err)
			return nil, false
		}
	}
	if check != nil && !check(raw) {
		return nil, false
	}
	f.entry.keep(&raw, f.cache, f.Path)
	return raw, true
}

// bareKey writes a toml.Key the way keyIndex.bare does.
func bareKey(k toml.Key) string { return JoinPath(k) }

func (f *File) decodeError(err error) {
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
		f.errs.Block(f.Path, pe.Position.Line, col, "TOML syntax: %s", msg)
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
		for _, p := range f.ix.get().bare[JoinPath(parts)] {
			if valueType(f.ix.get().lines[p.line-1]) == typeName(m[3]) {
				line, col = p.line, p.col
				break
			}
		}
		f.errs.Add(f.Path, line, col, "%q must be %s, not %s", last, typeName(m[4]), typeName(m[3]))
		return
	}
	f.errs.Add(f.Path, 0, 0, "%v", err)
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
func (f *File) runeCol(line, offset int) int {
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

// At records a problem at the key path (see KeyPath).
func (f *File) At(path string, format string, args ...any) {
	line, col := f.ix.get().find(path)
	f.errs.Add(f.Path, line, col, format, args...)
}

// AtValue records a problem at one element of an array value.
func (f *File) AtValue(path, literal string, format string, args ...any) {
	line, col := f.ix.get().value(path, literal)
	f.errs.Add(f.Path, line, col, format, args...)
}

// Require records a problem for every named field that is empty.
func (f *File) Require(path string, fields map[string]string) {
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if strings.TrimSpace(fields[name]) == "" {
			f.At(path, "missing %q: add %s = \"…\"", name, name)
		}
	}
}

func (f *File) String() string { return fmt.Sprintf("toml file %s", f.Path) }

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

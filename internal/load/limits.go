package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/diag"
)

// The limits on input that keep a build fast and small whatever it is
// given, and keep every name fit to be part of a file name. The README's
// "Trust" section lists them.
const (
	// MaxFileSize is the largest input file read (TOML, Markdown, layout),
	// in bytes: 10 MB.
	MaxFileSize = 10 << 20
	// MaxStaticSize is the largest file of static/ copied, in bytes: 50 MB.
	MaxStaticSize = 50 << 20
	// MaxDepth is how deeply TOML values may nest: arrays, inline tables
	// and the parts of a dotted key each count one level.
	MaxDepth = 32
	// MaxNameLength is the most characters a name, title or label may have.
	MaxNameLength = 200
	// MaxUnitNameLength is the most characters a unit's type and name may
	// have together: they make the file name of its page, which may get the
	// unit's code too and must stay within the 255 bytes file systems allow.
	MaxUnitNameLength = 150
	// MaxIDLength is the most characters an id or a code may have.
	MaxIDLength = 64
)

// maxExact is the largest whole number a float64 holds exactly: the figures
// are computed as float64, so a larger one would be shown rounded.
const maxExact = 1 << 53

var (
	errNotRegular = errors.New("not a regular file or folder: remove it")
	errIsDir      = errors.New("a folder where a file is expected: remove or rename it")
	errTooLarge   = errors.New("the file is too large")
)

// readFile is readFile of the site, unless the load is cancelled: ctx is
// checked between files, which is cheap.
func (l *loader) readFile(name string, limit int64) ([]byte, error) {
	if err := l.ctx.Err(); err != nil {
		return nil, err
	}
	return readFile(l.fsys, name, limit)
}

// readFile reads a regular file of at most limit bytes. It opens nothing
// else (see OpenRegular): opening a FIFO or a device for reading can wait
// forever.
func readFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, info, err := OpenRegular(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, errTooLarge
	}
	// The file may have grown since Stat.
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(b)) > limit {
		return nil, errTooLarge
	}
	return b, err
}

// readError records why name could not be read.
func readError(errs *diag.List, name string, err error, limit int64) {
	switch {
	case errors.Is(err, errNotRegular) || errors.Is(err, errIsDir):
		errs.Block(name, 0, 0, "%v", err)
	case errors.Is(err, errTooLarge):
		errs.Block(name, 0, 0, "the file is larger than %d MB: split it or make it smaller", limit>>20)
	default:
		errs.Block(name, 0, 0, "cannot read file: %v", unwrapPathError(err))
	}
}

// scanProblem is a problem prescan found at a byte offset.
type scanProblem struct {
	off int
	msg string
}

// maxScanProblems bounds the problems prescan reports for one file.
const maxScanProblems = 20

// prescan finds, before the TOML decoder sees src, what would exhaust it or
// mislead: values nested more than MaxDepth levels (the decoder's time,
// memory and stack grow with the depth, to the point of a crash), and
// numbers that are not finite or too large to be shown exactly. It is a
// linear scan that knows strings, comments, keys and values, and nothing
// else: syntax errors are left to the decoder.
func prescan(src string) []scanProblem {
	type frame struct {
		table bool // an inline table; else an array
		level int
	}
	var (
		out       []scanProblem
		stack     []frame
		expectKey = true // a key starts here
		pending   = 0    // levels added by the dotted key of the coming value
	)
	level := func() int {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1].level
	}
	tooDeep := func(off int) []scanProblem {
		return append(out, scanProblem{off, fmt.Sprintf("more than %d levels of nested tables and lists: flatten this value", MaxDepth)})
	}
	for i := 0; i < len(src) && len(out) < maxScanProblems; {
		c := src[i]
		switch {
		case c == '\n':
			if len(stack) == 0 {
				expectKey = true
			}
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '[' && expectKey && len(stack) == 0: // a table header
			i++
			if i < len(src) && src[i] == '[' {
				i++
			}
			end, deep := readKey(src, i, 1)
			if deep >= 0 {
				return tooDeep(deep)
			}
			i = max(end, i)
			expectKey = false
		case c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			i++
		case c == ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].table
			pending = 0
			i++
		case c == '=':
			expectKey = false
			i++
		case expectKey:
			end, deep := readKey(src, i, level())
			if deep >= 0 {
				return tooDeep(deep)
			}
			if end == i {
				i++ // not a key: the decoder will say so
				continue
			}
			pending = countParts(src[i:end]) - 1
			expectKey = false
			i = end
		case c == '[' || c == '{':
			f := frame{table: c == '{', level: level() + 1 + pending}
			if f.level > MaxDepth {
				return tooDeep(i)
			}
			stack = append(stack, f)
			pending = 0
			expectKey = f.table
			i++
		case c == '"' || c == '\'':
			i = skipString(src, i)
			pending = 0
		default:
			j := i
			for j < len(src) && !strings.ContainsRune(" \t\r\n,[]{}#=\"'", rune(src[j])) {
				j++
			}
			if msg := checkNumber(src[i:j]); msg != "" {
				out = append(out, scanProblem{i, msg})
			}
			pending = 0
			i = j
		}
	}
	return out
}

// readKey reads a possibly dotted key at src[i:], inside values nested
// base levels deep: each part after the first adds a level. It returns
// where the key ends, and the offset of the part that passes MaxDepth, or
// -1.
func readKey(src string, i, base int) (end, deep int) {
	parts := 0
	for {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		start := i
		switch {
		case i < len(src) && (src[i] == '"' || src[i] == '\''):
			i = skipString(src, i)
		default:
			for i < len(src) && isBareByte(src[i]) {
				i++
			}
		}
		if i == start {
			return i, -1
		}
		parts++
		if base+parts-1 > MaxDepth {
			return i, start
		}
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if j >= len(src) || src[j] != '.' {
			return i, -1
		}
		i = j + 1
	}
}

// countParts counts the parts of a dotted key that readKey has read.
func countParts(key string) int {
	n, i := 0, 0
	for {
		_, i = readKeyPart(key, i)
		n++
		for i < len(key) && (key[i] == ' ' || key[i] == '\t') {
			i++
		}
		if i >= len(key) || key[i] != '.' {
			return n
		}
		i++
	}
}

func readKeyPart(key string, i int) (start, end int) {
	for i < len(key) && (key[i] == ' ' || key[i] == '\t') {
		i++
	}
	start = i
	if i < len(key) && (key[i] == '"' || key[i] == '\'') {
		return start, skipString(key, i)
	}
	for i < len(key) && isBareByte(key[i]) {
		i++
	}
	return start, i
}

func isBareByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// skipString returns the offset after the string that starts at src[i]: a
// basic or literal string, on one line or several. An unclosed one-line
// string ends at the end of its line.
func skipString(src string, i int) int {
	q := src[i]
	if strings.HasPrefix(src[i:], string([]byte{q, q, q})) {
		j := i + 3
		for j < len(src) {
			switch {
			case q == '"' && src[j] == '\\':
				j += 2
			case strings.HasPrefix(src[j:], string([]byte{q, q, q})):
				j += 3
				// Up to two quotes of the content may come before the
				// closing three: """a""""".
				for k := 0; k < 2 && j < len(src) && src[j] == q; k++ {
					j++
				}
				return j
			default:
				j++
			}
		}
		return len(src)
	}
	j := i + 1
	for j < len(src) && src[j] != '\n' {
		switch {
		case q == '"' && src[j] == '\\':
			j += 2
			continue
		case src[j] == q:
			return j + 1
		}
		j++
	}
	return min(j, len(src))
}

// checkNumber returns a problem with a value token if it is a number that
// is not finite or is beyond ±2^53.
func checkNumber(tok string) string {
	if tok == "" {
		return ""
	}
	switch strings.TrimLeft(tok, "+-") {
	case "nan", "inf":
		return fmt.Sprintf("%s is not a number: write a finite number", tok)
	}
	if c := tok[0]; !(c >= '0' && c <= '9' || c == '+' || c == '-') || strings.Contains(tok, ":") {
		return ""
	}
	tooLarge := fmt.Sprintf("%s is too large to be shown exactly: use a number from -%d to %d", tok, maxExact, maxExact)
	s := strings.ReplaceAll(tok, "_", "")
	body := strings.TrimLeft(s, "+-")
	base := 10
	if len(body) > 2 && body[0] == '0' {
		switch body[1] {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base != 10 {
			body = body[2:]
		}
	}
	if n, ok := new(big.Int).SetString(body, base); ok {
		if n.CmpAbs(big.NewInt(maxExact)) > 0 {
			return tooLarge
		}
		return ""
	}
	if base != 10 {
		return ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return "" // a date, or not a number: the decoder's to judge
	}
	if math.Abs(f) > maxExact {
		return tooLarge
	}
	return ""
}

// prescan records the problems prescan finds in the file and reports
// whether there were none.
func (f *tomlFile) prescan() bool {
	probs := prescan(f.src)
	line, lineStart, at := 1, 0, 0
	for _, p := range probs {
		for ; at < p.off; at++ {
			if f.src[at] == '\n' {
				line, lineStart = line+1, at+1
			}
		}
		col := utf8.RuneCountInString(f.src[lineStart:p.off]) + 1
		f.errs.Block(f.path, line, col, "%s", p.msg)
	}
	return len(probs) == 0
}

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
			f.at(at, "%s", msg)
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
		f.at(at, "id %q %s", id, slugRule)
	}
}

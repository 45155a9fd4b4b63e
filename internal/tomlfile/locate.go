package tomlfile

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/minhbach/minhbach/internal/model"
)

// keyIndex records where every key of a TOML file is written.
//
// BurntSushi/toml reports syntax errors with a position but gives none for
// keys, so messages about unknown keys, wrong types or bad values would have
// no line. keyIndex finds them with a line scanner that understands as much
// TOML as locating keys needs: table headers, arrays of tables, dotted and
// quoted keys, inline tables, multi-line strings and arrays.
type keyIndex struct {
	lines []string
	// exact maps an indexed path such as `targets[2].threshold` to its place.
	exact map[string]place
	// bare maps a path without indices, such as `targets.threshold`, to its
	// places in file order; toml.MetaData names keys that way.
	bare map[string][]place
}

type place struct{ line, col int }

// lazyIndex builds the keyIndex of a file the first time a position is
// asked for; it is a model.Locator.
type lazyIndex struct {
	path string
	src  string
	once sync.Once
	ix   *keyIndex
}

func (l *lazyIndex) get() *keyIndex {
	l.once.Do(func() { l.ix = newKeyIndex(l.src) })
	return l.ix
}

// Find returns the position of an indexed key path.
func (l *lazyIndex) Find(key string) model.Pos {
	line, col := l.get().find(key)
	return model.Pos{Path: l.path, Line: line, Col: col}
}

func newKeyIndex(src string) *keyIndex {
	ix := &keyIndex{
		lines: strings.Split(src, "\n"),
		exact: make(map[string]place),
		bare:  make(map[string][]place),
	}
	ix.scan()
	return ix
}

// count of elements seen so far for each array-of-tables path (indexed).
func (ix *keyIndex) scan() {
	arrays := map[string]int{} // indexed path of an array of tables → elements so far
	var table []string         // current table, indexed parts
	var bareTable []string
	inString := "" // closing delimiter of a multi-line string we are inside
	depth := 0     // bracket depth of a multi-line array value
	for n, line := range ix.lines {
		lineNo := n + 1
		if inString != "" {
			if i := strings.Index(line, inString); i >= 0 {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDelta(line)
			continue
		}
		trimmed := strings.TrimLeft(line, " \t\ufeff")
		indent := len(line) - len(trimmed)
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			parts, _ := parseKey(trimmed[2:])
			if len(parts) == 0 {
				continue // not a header; the decoder reports the syntax
			}
			idx := ix.resolve(parts, arrays)
			path := JoinPath(idx)
			i := arrays[path]
			arrays[path] = i + 1
			if i == 0 {
				ix.add(idx, nil, lineNo, indent+3) // the array itself
			}
			idx[len(idx)-1] += "[" + strconv.Itoa(i) + "]"
			table, bareTable = idx, parts
			ix.add(table, bareTable, lineNo, indent+3)
			continue
		case trimmed[0] == '[':
			parts, _ := parseKey(trimmed[1:])
			if len(parts) == 0 {
				continue
			}
			table, bareTable = ix.resolve(parts, arrays), parts
			ix.add(table, bareTable, lineNo, indent+2)
			continue
		}
		parts, rest := parseKey(trimmed)
		rest = strings.TrimLeft(rest, " \t")
		if len(parts) == 0 || !strings.HasPrefix(rest, "=") {
			continue
		}
		col := utf8.RuneCountInString(line[:indent]) + 1
		full := append(append([]string{}, table...), parts...)
		bare := append(append([]string{}, bareTable...), parts...)
		ix.add(full, bare, lineNo, col)
		value := strings.TrimLeft(rest[1:], " \t")
		switch {
		case strings.HasPrefix(value, `"""`) && strings.Count(value, `"""`) == 1:
			inString = `"""`
		case strings.HasPrefix(value, `'''`) && strings.Count(value, `'''`) == 1:
			inString = `'''`
		case strings.HasPrefix(value, "{"):
			valueCol := col + utf8.RuneCountInString(trimmed) - utf8.RuneCountInString(value)
			ix.inlineTable(value, full, bare, lineNo, valueCol)
		case strings.HasPrefix(value, "["):
			depth = bracketDelta(value)
		}
	}
}

// resolve turns a header's bare parts into indexed parts: a part naming an
// array of tables refers to its latest element.
func (ix *keyIndex) resolve(parts []string, arrays map[string]int) []string {
	idx := make([]string, len(parts))
	for i, p := range parts {
		idx[i] = p
		prefix := JoinPath(idx[:i+1])
		if n, ok := arrays[prefix]; ok && i < len(parts)-1 {
			idx[i] = p + "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return idx
}

// inlineTable records the keys of `{ a = 1, b = "x" }` starting at col.
func (ix *keyIndex) inlineTable(s string, full, bare []string, line, col int) {
	runes := []rune(s)
	depth := 0
	expectKey := false
	for i := 0; i < len(runes); i++ {
		switch r := runes[i]; {
		case r == '"' || r == '\'':
			j := i + 1
			for j < len(runes) && runes[j] != r {
				if runes[j] == '\\' && r == '"' {
					j++
				}
				j++
			}
			if expectKey && depth == 1 {
				ix.inlineKey(string(runes[i:]), full, bare, line, col+i)
			}
			expectKey = false
			i = j
		case r == '{':
			depth++
			expectKey = depth == 1
		case r == '}':
			depth--
		case r == '[':
			depth++
		case r == ']':
			depth--
		case r == ',':
			expectKey = depth == 1
		case r == ' ' || r == '\t':
		default:
			if expectKey && depth == 1 {
				ix.inlineKey(string(runes[i:]), full, bare, line, col+i)
			}
			expectKey = false
		}
	}
}

func (ix *keyIndex) inlineKey(s string, full, bare []string, line, col int) {
	parts, _ := parseKey(s)
	if len(parts) == 0 {
		return
	}
	ix.add(append(append([]string{}, full...), parts...), append(append([]string{}, bare...), parts...), line, col)
}

func (ix *keyIndex) add(full, bare []string, line, col int) {
	p := place{line, col}
	key := JoinPath(full)
	if _, ok := ix.exact[key]; !ok {
		ix.exact[key] = p
	}
	if bare == nil {
		return
	}
	b := JoinPath(bare)
	ix.bare[b] = append(ix.bare[b], p)
}

// find returns the place of an indexed key path such as `units[3].code`. If
// the key itself is not written, it returns the place of its nearest written
// parent (a missing key is reported where its table starts).
func (ix *keyIndex) find(path string) (line, col int) {
	for {
		if p, ok := ix.exact[path]; ok {
			return p.line, p.col
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return 0, 0
		}
		if path[i] == '[' {
			// `a[3]` is written as a header of the array `a`; try its
			// element first, then the array.
			path = path[:i]
			continue
		}
		path = path[:i]
	}
}

// value returns the place of a literal inside the value of key: used for
// one element of an array such as `agencies = ["a", "b"]`.
func (ix *keyIndex) value(path, literal string) (line, col int) {
	line, col = ix.find(path)
	if line == 0 {
		return 0, 0
	}
	for n := line - 1; n < len(ix.lines) && n < line+200; n++ {
		s := ix.lines[n]
		if n == line-1 {
			s = string([]rune(s)[col-1:])
		}
		if i := strings.Index(s, strconv.Quote(literal)); i >= 0 {
			c := utf8.RuneCountInString(s[:i]) + 1
			if n == line-1 {
				c += col - 1
			}
			return n + 1, c
		}
	}
	return line, col
}

// JoinPath joins key parts with dots, quoting parts that need it so that
// `scores."1.1"` stays one key.
func JoinPath(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		name := p
		if i := strings.IndexByte(p, '['); i > 0 && strings.HasSuffix(p, "]") {
			name = p[:i] // an element of an array of tables: "units[3]"
		}
		if isBare(name) {
			b.WriteString(p)
		} else {
			b.WriteString(strconv.Quote(p))
		}
	}
	return b.String()
}

// KeyPath builds an indexed path from parts, such as KeyPath("units", 3,
// "code") = `units[3].code`. The first part is taken as it is, so it may be
// a path already built; later string parts are single keys, quoted if needed.
func KeyPath(parts ...any) string {
	var b strings.Builder
	for i, p := range parts {
		switch p := p.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(p) + "]")
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			if i == 0 || isBare(p) {
				b.WriteString(p)
			} else {
				b.WriteString(strconv.Quote(p))
			}
		}
	}
	return b.String()
}

func isBare(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// parseKey reads a possibly dotted, possibly quoted key from the start of s
// and returns its parts and what follows.
func parseKey(s string) (parts []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return parts, s
		}
		switch s[0] {
		case '"':
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(s) {
				return parts, s
			}
			u, err := strconv.Unquote(s[:end+1])
			if err != nil {
				u = s[1:end]
			}
			parts = append(parts, u)
			s = s[end+1:]
		case '\'':
			end := strings.IndexByte(s[1:], '\'')
			if end < 0 {
				return parts, s
			}
			parts = append(parts, s[1:end+1])
			s = s[end+2:]
		default:
			end := 0
			for end < len(s) && isBare(s[end:end+1]) {
				end++
			}
			if end == 0 {
				return parts, s
			}
			parts = append(parts, s[:end])
			s = s[end:]
		}
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return parts, s
		}
		s = s[1:]
	}
}

// bracketDelta counts [ minus ] in s outside strings and comments.
func bracketDelta(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}

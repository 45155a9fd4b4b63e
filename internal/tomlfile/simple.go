package tomlfile

import (
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decodeSimple decodes src into a map as toml.Decode does, if src is
// written in the plain subset of TOML that monthly reports use: comments,
// `[name]` and `[[name]]` headers and `key = value` lines with bare keys,
// whose values are strings without escapes, whole numbers, true or false,
// dates, or one-line arrays of these. It reports false for anything else,
// valid or not, and the caller then runs the decoder, which says what is
// wrong: decodeSimple never judges a file, it only reads the common case
// fast (the decoder takes some 4 ms for a national report of 26 KB, most
// of the load).
//
// FuzzDecodeSimple checks that whatever decodeSimple reads, the decoder
// reads the same, without error.
func decodeSimple(src string) (map[string]any, bool) {
	if !utf8.ValidString(src) {
		return nil, false
	}
	p := simpleParser{src: src}
	top := map[string]any{}
	table := top
	for p.i < len(src) {
		p.blanks()
		if p.i >= len(src) {
			break
		}
		switch src[p.i] {
		case '\n':
			p.i++
			continue
		case '#':
			if !p.comment() {
				return nil, false
			}
			continue
		case '[':
			t, ok := p.header(top)
			if !ok {
				return nil, false
			}
			table = t
		default:
			key := p.bareKey()
			if key == "" {
				return nil, false
			}
			p.blanks()
			if !p.byte('=') {
				return nil, false
			}
			p.blanks()
			v, ok := p.value()
			if !ok {
				return nil, false
			}
			if _, dup := table[key]; dup {
				return nil, false
			}
			table[key] = v
		}
		if !p.endOfLine() {
			return nil, false
		}
	}
	return top, true
}

type simpleParser struct {
	src string
	i   int
	// arrays are the arrays of tables met so far: the decoder lets no
	// other header or key name them.
	arrays map[string]bool
}

func (p *simpleParser) blanks() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t') {
		p.i++
	}
}

func (p *simpleParser) byte(c byte) bool {
	if p.i < len(p.src) && p.src[p.i] == c {
		p.i++
		return true
	}
	return false
}

// comment skips a comment up to the end of its line, and reports false if
// it holds a control character other than a tab.
func (p *simpleParser) comment() bool {
	for p.i < len(p.src) && p.src[p.i] != '\n' {
		if c := p.src[p.i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
		p.i++
	}
	return true
}

// endOfLine reads blanks and a comment to the end of the line.
func (p *simpleParser) endOfLine() bool {
	p.blanks()
	if p.i < len(p.src) && p.src[p.i] == '#' && !p.comment() {
		return false
	}
	if p.i == len(p.src) {
		return true
	}
	return p.byte('\n')
}

func (p *simpleParser) bareKey() string {
	start := p.i
	for p.i < len(p.src) && isBareByte(p.src[p.i]) {
		p.i++
	}
	return p.src[start:p.i]
}

// header reads a `[name]` or `[[name]]` header at the top level and returns
// the table that the following keys go into.
func (p *simpleParser) header(top map[string]any) (map[string]any, bool) {
	p.i++
	array := p.byte('[')
	name := p.bareKey()
	if name == "" || !p.byte(']') || array && !p.byte(']') {
		return nil, false
	}
	prev, exists := top[name]
	if !array {
		if exists {
			return nil, false // a table defined twice, or a key redefined
		}
		t := map[string]any{}
		top[name] = t
		return t, true
	}
	t := map[string]any{}
	switch {
	case !exists:
		top[name] = []map[string]any{t}
		if p.arrays == nil {
			p.arrays = map[string]bool{}
		}
		p.arrays[name] = true
	case p.arrays[name]:
		top[name] = append(prev.([]map[string]any), t)
	default:
		return nil, false // a key or a table of that name
	}
	return t, true
}

// value reads a value of the subset.
func (p *simpleParser) value() (any, bool) {
	if p.i >= len(p.src) {
		return nil, false
	}
	switch c := p.src[p.i]; {
	case c == '"':
		return p.string()
	case c == '[':
		return p.array()
	case c == 't' || c == 'f':
		for _, b := range []string{"true", "false"} {
			if len(p.src)-p.i >= len(b) && p.src[p.i:p.i+len(b)] == b {
				p.i += len(b)
				return b == "true", p.endsValue()
			}
		}
		return nil, false
	case c == '-' || c >= '0' && c <= '9':
		return p.numberOrDate()
	}
	return nil, false
}

// endsValue reports whether a value may end here: at a blank, a comma, a
// bracket, a comment or the end of the line.
func (p *simpleParser) endsValue() bool {
	if p.i == len(p.src) {
		return true
	}
	switch p.src[p.i] {
	case ' ', '\t', '\n', ',', ']', '#':
		return true
	}
	return false
}

// string reads a one-line basic string without escapes or control
// characters.
func (p *simpleParser) string() (any, bool) {
	start := p.i + 1
	for j := start; j < len(p.src); j++ {
		switch c := p.src[j]; {
		case c == '"':
			if j == start && j+1 < len(p.src) && p.src[j+1] == '"' {
				return nil, false // """, a multi-line string
			}
			p.i = j + 1
			return p.src[start:j], true
		case c == '\\' || c < 0x20 || c == 0x7f:
			return nil, false
		case c == 0xc2 && j+1 < len(p.src) && p.src[j+1] <= 0x9f:
			return nil, false // U+0080 to U+009F: left to the decoder
		}
	}
	return nil, false
}

// array reads a one-line array of values of the subset, without a
// trailing comma.
func (p *simpleParser) array() (any, bool) {
	p.i++
	out := []any{}
	p.blanks()
	if p.byte(']') {
		return out, true
	}
	for {
		p.blanks()
		if p.i < len(p.src) && p.src[p.i] == '[' {
			return nil, false // nested arrays: left to the decoder
		}
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		out = append(out, v)
		p.blanks()
		switch {
		case p.byte(','):
		case p.byte(']'):
			return out, true
		default:
			return nil, false
		}
	}
}

// numberOrDate reads a whole number without underscores, signs other than
// a leading minus or leading zeros, or a date such as 2017-03-15.
func (p *simpleParser) numberOrDate() (any, bool) {
	start := p.i
	if len(p.src)-start >= 10 && p.src[start+4] == '-' {
		s := p.src[start : start+10]
		if s[7] != '-' || !digitsAt(s, 0, 4) || !digitsAt(s, 5, 7) || !digitsAt(s, 8, 10) {
			return nil, false
		}
		p.i += 10
		// A date followed by a blank and a time is a date and time.
		if p.i < len(p.src) && p.src[p.i] != '\n' && p.src[p.i] != '#' {
			j := p.i
			for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
				j++
			}
			if j == p.i || j < len(p.src) && p.src[j] != '\n' && p.src[j] != '#' {
				return nil, false
			}
		}
		t, err := time.ParseInLocation("2006-01-02", s, localDate())
		return t, err == nil
	}
	j := start
	if p.src[j] == '-' {
		j++
	}
	digits := j
	for j < len(p.src) && p.src[j] >= '0' && p.src[j] <= '9' {
		j++
	}
	n := j - digits
	if n == 0 || n > 18 || n > 1 && p.src[digits] == '0' {
		return nil, false
	}
	p.i = j
	if !p.endsValue() {
		return nil, false // a float, an underscore, a date of another form…
	}
	v, err := strconv.ParseInt(p.src[start:j], 10, 64)
	return v, err == nil
}

func digitsAt(s string, from, to int) bool {
	for i := from; i < to; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// localDate returns the location the decoder gives a local date, such as
// 2017-03-15, which is its own.
var localDate = sync.OnceValue(func() *time.Location {
	var v map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &v); err != nil {
		panic(err)
	}
	return v["d"].(time.Time).Location()
})

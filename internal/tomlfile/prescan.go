package tomlfile

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth is how deeply TOML values may nest: arrays, inline tables and
// the parts of a dotted key each count one level.
const MaxDepth = 32

// maxExact is the largest whole number a float64 holds exactly: the figures
// are computed as float64, so a larger one would be shown rounded.
const maxExact = 1 << 53

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
	if plainNumberOrDate(tok) {
		return "" // most tokens: a small whole number, or a date
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

// plainNumberOrDate reports whether tok is a whole number of at most 15
// digits, which a float64 holds exactly, or a date such as 2017-03-15,
// which is not a number: checkNumber passes both, without parsing.
func plainNumberOrDate(tok string) bool {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return s != ""
	}
	if len(tok) == 10 && tok[4] == '-' && tok[7] == '-' {
		return digits(tok[:4]) && digits(tok[5:7]) && digits(tok[8:])
	}
	return len(tok) <= 15 && digits(tok)
}

// prescan records the problems prescan finds in the file and reports
// whether there were none.
func (f *File) prescan() bool {
	probs := prescan(f.src)
	line, lineStart, at := 1, 0, 0
	for _, p := range probs {
		for ; at < p.off; at++ {
			if f.src[at] == '\n' {
				line, lineStart = line+1, at+1
			}
		}
		col := utf8.RuneCountInString(f.src[lineStart:p.off]) + 1
		f.errs.Block(f.Path, line, col, "%s", p.msg)
	}
	return len(probs) == 0
}

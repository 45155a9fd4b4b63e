package scaffold

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The report is written from a template, so that it keeps its commented
// examples; every text it takes from the site goes through one of these.
// Names are data of the site and may hold anything: a newline in a unit's
// name must not end the comment it is shown in and start a live record.

// tomlString writes s as a TOML basic string, in quotes.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	escape(&b, s, true)
	b.WriteByte('"')
	return b.String()
}

// tomlStrings writes ss as the items of a TOML array, without brackets.
func tomlStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = tomlString(s)
	}
	return strings.Join(q, ", ")
}

// tomlKey writes s as a TOML key: bare if it can be, else quoted.
func tomlKey(s string) string {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-')
	}) {
		return tomlString(s)
	}
	return s
}

// commentText writes s for a comment line: as it is, but for the characters
// that would end the line or that TOML refuses in a comment, written as
// escapes.
func commentText(s string) string {
	var b strings.Builder
	escape(&b, s, false)
	return b.String()
}

// escape writes s to b with control characters, line separators and
// invalid UTF-8 escaped; in a string, quotes and backslashes too.
func escape(b *strings.Builder, s string, inString bool) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalid(s[i:]):
			b.WriteString(`\uFFFD`)
		case r == '"' && inString:
			b.WriteString(`\"`)
		case r == '\\' && inString:
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || 0x7f <= r && r <= 0x9f || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
}

func isInvalid(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size == 1
}

package tomlfile

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Files written from code (package scaffold's report, package edit's form)
// take texts that are data of the site and may hold anything: a newline in
// a unit's name must not end the comment it is shown in and start a live
// record. Every such text goes through one of these.

// Quote writes s as a TOML basic string, in quotes: quotes, backslashes,
// control characters, line separators and invalid UTF-8 are escaped.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	escape(&b, s, true)
	b.WriteByte('"')
	return b.String()
}

// Strings writes ss as the items of a TOML array of strings, each as
// Quote writes it, without the brackets.
func Strings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = Quote(s)
	}
	return strings.Join(q, ", ")
}

// Key writes s as a TOML key: bare if it can be, else quoted.
func Key(s string) string {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-')
	}) {
		return Quote(s)
	}
	return s
}

// Comment writes s for a comment line: as it is, but for the characters
// that would end the line or that TOML refuses in a comment, written as
// escapes.
func Comment(s string) string {
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
		case (r == '"' || r == '\\') && inString:
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t' && inString:
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 && r != '\t' || r == 0x7f || 0x80 <= r && r <= 0x9f || r == '\u2028' || r == '\u2029':
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

package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and removes its diacritics, so that what a reader types
// without them finds the text: "Khánh Hội" → "khanh hoi", "Đông" → "dong".
// It is the fold of search.js, character by character: decompose (NFD),
// drop the nonspacing marks, lowercase, and write đ as d.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	table := foldTable()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r < foldTableEnd:
			b.WriteString(table[r])
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// foldTableEnd bounds the runes whose folds are computed once: the Latin,
// Greek and Cyrillic letters and the marks, which Vietnamese and the names
// of other languages use; the rest, rarer, are folded as they come.
const foldTableEnd = 0x2000

var foldTable = sync.OnceValue(func() []string {
	t := make([]string, foldTableEnd)
	for r := range rune(foldTableEnd) {
		t[r] = foldRune(r)
	}
	return t
})

// foldRune folds one character, as search.js does.
func foldRune(r rune) string {
	var b strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		c = unicode.ToLower(c)
		if c == 'đ' {
			c = 'd'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// isWordRune reports whether r is part of a word: a letter or a number, as
// search.js's [\p{L}\p{N}].
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Words returns the folded words of s, in order. A Vietnamese word is
// written as syllables separated by spaces, so a syllable is a word here:
// "Xã Khánh Hội" → "xa", "khanh", "hoi".
func Words(s string) []string {
	return appendWords(nil, Fold(s))
}

// appendWords appends the words of the folded text f.
func appendWords(dst []string, f string) []string {
	start := -1
	for i, r := range f {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = append(dst, f[start:i])
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, f[start:])
	}
	return dst
}

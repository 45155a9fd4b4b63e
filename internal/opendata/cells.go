package opendata

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// csvCell writes one cell of a column of the given kind as CSV text.
// Numbers of number columns are written as numbers, so -5 stays a number a
// spreadsheet can add; every other cell is text, cleaned by csvText.
func csvCell(kind Kind, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		if kind == Number {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return csvText(strconv.FormatFloat(v, 'f', -1, 64))
	case int:
		if kind == Number {
			return strconv.Itoa(v)
		}
		return csvText(strconv.Itoa(v))
	case bool:
		return strconv.FormatBool(v)
	case string:
		return csvText(v)
	}
	return ""
}

// appendJSONCell appends one cell of a table as JSON: numbers and booleans
// as JSON numbers and booleans, text as strings, an empty cell as null. It
// writes what encoding/json writes (without HTML escaping), and asks it
// only for the rare text that needs escapes: a national site's downloads
// hold millions of cells.
func appendJSONCell(dst []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		return strconv.AppendBool(dst, v)
	case int:
		return strconv.AppendInt(dst, int64(v), 10)
	case float64:
		// encoding/json writes 'e' notation outside this range.
		if a := math.Abs(v); a == 0 || a >= 1e-6 && a < 1e21 {
			return strconv.AppendFloat(dst, v, 'f', -1, 64)
		}
	case string:
		if plainJSON(v) {
			dst = append(dst, '"')
			dst = append(dst, v...)
			return append(dst, '"')
		}
	}
	return append(dst, jsonValue(v)...)
}

// plainJSON says whether s is written in a JSON string as it is: valid
// UTF-8 with no control character, quote, backslash, or line or paragraph
// separator (which encoding/json escapes).
func plainJSON(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// lineBreaks turns Windows and old Mac line breaks into "\n"; a Replacer
// is safe for concurrent use and costly to build, so there is one.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// csvText cleans a text cell for spreadsheets. Line breaks become "\n" and
// tabs spaces; every other control character (C0, DEL, C1) is removed. Then
// a cell that a spreadsheet would read as a formula (OWASP "CSV injection")
// gets a leading apostrophe: one whose first character other than spaces
// (any Unicode space, no-break space included) and invisible format
// characters is = + - or @, or their full-width forms.
func csvText(s string) string {
	clean := s
	if strings.ContainsFunc(s, unicode.IsControl) {
		clean = cleanControls(s)
	}
	lead := strings.TrimLeftFunc(clean, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
	if r, _ := utf8.DecodeRuneInString(lead); lead != "" && strings.ContainsRune("=+-@＝＋－＠", r) {
		return "'" + clean
	}
	return clean
}

// cleanControls turns line breaks into "\n" and tabs into spaces, and
// removes every other control character.
func cleanControls(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, lineBreaks.Replace(s))
}

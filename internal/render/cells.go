package render

import (
	"strconv"
	"strings"
	"unicode"
)

// csvCell writes one cell of a column of the given kind as CSV text.
// Numbers of number columns are written as numbers, so -5 stays a number a
// spreadsheet can add; every other cell is text, cleaned by csvText.
func csvCell(kind cellKind, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		if kind == numberCell {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return csvText(strconv.FormatFloat(v, 'f', -1, 64))
	case int:
		if kind == numberCell {
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

// jsonCell encodes one cell of a column of the given kind: numbers and
// booleans as JSON numbers and booleans, text as strings, an empty cell as
// null.
func jsonCell(kind cellKind, v any) []byte {
	if v == nil {
		return []byte("null")
	}
	return jsonValue(v)
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
	clean := strings.Map(func(r rune) rune {
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
	lead := strings.TrimLeftFunc(clean, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
	if lead != "" && strings.ContainsRune("=+-@＝＋－＠", []rune(lead)[0]) {
		return "'" + clean
	}
	return clean
}

package theme

import (
	"html/template"
	"regexp"
	"strings"
)

// textAction matches a call of t or tf with a constant key that is a whole
// action: {{t "home.latest"}}, {{tf "update.on" "date" (date .Date)}}.
var textAction = regexp.MustCompile(`\{\{t "([^"{}]+)"\}\}|\{\{tf "([^"{}]+)"((?: +(?:"[^"{}]*"|[^ "{}()]+|\((?:[^(){}]|\([^(){}]*\))*\)))+)\}\}`)

// actionArgs splits the arguments of a tf action, " "name" value …", into
// the names and the pipelines of their values: each a quoted name followed
// by a value (a field, a variable, a quoted text or a call in
// parentheses). It returns nil for anything else.
func actionArgs(s string) []string {
	var out []string
	for s = strings.TrimLeft(s, " "); s != ""; s = strings.TrimLeft(s, " ") {
		n := 0
		switch s[0] {
		case '"':
			n = strings.IndexByte(s[1:], '"') + 2
		case '(':
			depth := 0
			for i, c := range s {
				if c == '(' {
					depth++
				} else if c == ')' {
					depth--
				}
				if depth == 0 {
					n = i + 1
					break
				}
			}
		default:
			n = strings.IndexByte(s, ' ')
			if n < 0 {
				n = len(s)
			}
		}
		if n <= 0 {
			return nil
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	if len(out)%2 != 0 {
		return nil
	}
	for i := 0; i < len(out); i += 2 {
		if !strings.HasPrefix(out[i], `"`) {
			return nil
		}
		out[i] = strings.Trim(out[i], `"`)
	}
	return out
}

// fillAction writes text with each {NAME} placeholder of args (names and
// value pipelines in turn) as an action that writes the value: the
// sentence as tf would write it, with the values escaped each on its own.
func fillAction(text string, args []string) string {
	var b strings.Builder
	for text != "" {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		name, pipe := text[i+1:i+j], ""
		for k := 0; k < len(args); k += 2 {
			if args[k] == name {
				pipe = args[k+1]
			}
		}
		if pipe == "" {
			b.WriteString(template.HTMLEscapeString(text[:i+1]))
			text = text[i+1:]
			continue
		}
		if strings.HasPrefix(pipe, "(") && actionArgs(`"" `+pipe) != nil {
			pipe = pipe[1 : len(pipe)-1] // one call in parentheses: the call, as the layout would write it
		}
		b.WriteString(template.HTMLEscapeString(text[:i]))
		b.WriteString("{{" + pipe + "}}")
		text = text[i+j+1:]
	}
	b.WriteString(template.HTMLEscapeString(text))
	return b.String()
}

// origAction matches a call of orig that is a whole action: {{orig .Note}}.
var origAction = regexp.MustCompile(`\{\{orig ([^{}]+)\}\}`)

// InlineTexts writes into src, the source of a layout, the texts its
// {{t "KEY"}} and {{tf "KEY" …}} actions would write, taken from texts (the
// user-interface texts of one language) and escaped as html/template
// escapes them, and, in the default language (defaultLang), drops orig
// (which returns its text there): a layout
// holds dozens of texts and a national site has ten thousand pages, and a
// template function call costs a reflective call and an escaping pass per
// page, where literal text costs nothing. Inside script and style
// elements, where a text would be escaped differently, and for a key with
// no text or a text across lines, the action is left as it is (and a
// missing key fails when executed, as before). The lines of the source do
// not change, so that an error still names the line.
func InlineTexts(src string, texts map[string]string, defaultLang bool) string {
	raw := inRawText(src)
	var b strings.Builder
	last := 0
	for _, m := range textAction.FindAllStringSubmatchIndex(src, -1) {
		key := m[2:4] // {{t "KEY"}}
		if m[2] < 0 {
			key = m[4:6] // {{tf "KEY" …}}
		}
		text, ok := texts[src[key[0]:key[1]]]
		if _, one := texts[src[key[0]:key[1]]+".one"]; one {
			continue // its form depends on its number n: chosen when executed
		}
		if !ok || strings.ContainsAny(text, "\r\n") || raw(m[0]) {
			continue
		}
		b.WriteString(src[last:m[0]])
		if m[6] >= 0 {
			args := actionArgs(src[m[6]:m[7]])
			if args == nil {
				b.WriteString(src[m[0]:m[1]]) // not a list of names and values: leave it
				last = m[1]
				continue
			}
			b.WriteString(fillAction(text, args))
		} else {
			b.WriteString(template.HTMLEscapeString(text))
		}
		last = m[1]
	}
	if last == 0 && !defaultLang {
		return src
	}
	b.WriteString(src[last:])
	out := b.String()
	if defaultLang {
		out = origAction.ReplaceAllString(out, "{{$1}}")
	}
	return out
}

// inRawText returns a function that reports whether position at of src is
// inside a script or style element: after the last start tag of one
// (<script, <style, in any case) that no end tag follows before at. It
// must be called with positions in increasing order; each part of src is
// read once, where looking back from every position would read the start
// of a long layout once per action.
func inRawText(src string) func(at int) bool {
	type tag struct {
		open, close         string // lower case
		lastOpen, lastClose int    // -1 if none yet
		openFrom, closeFrom int    // where the next search starts
	}
	tags := []*tag{{open: "<script", close: "</script", lastOpen: -1, lastClose: -1}, {open: "<style", close: "</style", lastOpen: -1, lastClose: -1}}
	// last returns the start of the last occurrence of pat in src[:at]
	// found from *from on, or last if none, and moves *from past what was
	// read: an occurrence that starts before at-len(pat)+1 lies within
	// src[:at] and was found.
	last := func(pat string, from *int, prev, at int) int {
		for *from < at {
			i := indexFoldASCII(src[*from:at], pat)
			if i < 0 {
				*from = max(*from, at-len(pat)+1)
				break
			}
			prev = *from + i
			*from = prev + 1
		}
		return prev
	}
	return func(at int) bool {
		inside := false
		for _, t := range tags {
			t.lastOpen = last(t.open, &t.openFrom, t.lastOpen, at)
			t.lastClose = last(t.close, &t.closeFrom, t.lastClose, at)
			inside = inside || t.lastOpen > t.lastClose
		}
		return inside
	}
}

// indexFoldASCII returns the index of the first occurrence of pat (lower
// case ASCII) in s, compared without regard to ASCII case, or -1.
func indexFoldASCII(s, pat string) int {
	for i := 0; i+len(pat) <= len(s); {
		j := strings.IndexByte(s[i:], pat[0])
		if j < 0 {
			return -1
		}
		i += j
		if i+len(pat) > len(s) {
			return -1
		}
		k := 1
		for k < len(pat) && lowerASCII(s[i+k]) == pat[k] {
			k++
		}
		if k == len(pat) {
			return i
		}
		i++
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

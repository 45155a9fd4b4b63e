package edit

import (
	"slices"
	"strings"
)

// Header returns the first comment block of a report: its lines that
// start with # from the top, up to the first line that does not. A save
// keeps it; a form has no field for it.
func Header(src string) string {
	src = strings.TrimPrefix(strings.ReplaceAll(src, "\r\n", "\n"), "\ufeff")
	var b strings.Builder
	for _, l := range strings.SplitAfter(src, "\n") {
		if !strings.HasPrefix(l, "#") {
			break
		}
		b.WriteString(strings.TrimRight(l, "\n"))
		b.WriteByte('\n')
	}
	return b.String()
}

// Dropped returns the comments of the TOML text was that the text now
// does not have, in their order: those a save would drop.
func Dropped(was, now string) []string {
	have := map[string]int{}
	for _, c := range comments(now) {
		have[c]++
	}
	var out []string
	for _, c := range comments(was) {
		if have[c] > 0 {
			have[c]--
			continue
		}
		out = append(out, c)
	}
	return out
}

// comments returns the comments of a TOML text, without their # and
// surrounding blanks; empty ones are left out. A # inside a string is not
// a comment. Multi-line strings are skipped as a whole.
func comments(src string) []string {
	var out []string
	inMulti := "" // the closing delimiter of the multi-line string we are in
	for _, l := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		i := 0
		for i < len(l) {
			if inMulti != "" {
				j := strings.Index(l[i:], inMulti)
				if j < 0 {
					i = len(l)
					break
				}
				i += j + 3
				inMulti = ""
				continue
			}
			switch c := l[i]; {
			case strings.HasPrefix(l[i:], `"""`) || strings.HasPrefix(l[i:], `'''`):
				inMulti = l[i : i+3]
				i += 3
			case c == '"' || c == '\'':
				i = stringEnd(l, i)
			case c == '#':
				if t := strings.TrimSpace(l[i+1:]); t != "" {
					out = append(out, t)
				}
				i = len(l)
			default:
				i++
			}
		}
	}
	return slices.Clip(out)
}

// stringEnd returns the index after the one-line string starting at i.
func stringEnd(l string, i int) int {
	q := l[i]
	for j := i + 1; j < len(l); j++ {
		switch {
		case l[j] == '\\' && q == '"':
			j++
		case l[j] == q:
			return j + 1
		}
	}
	return len(l)
}

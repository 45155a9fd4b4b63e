package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestMarkdownLimits checks that texts beyond the limits are refused at
// the line and column (in characters) of the problem, and texts within
// them are not.
func TestMarkdownLimits(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"dashes", "# a\n\n" + strings.Repeat("- ", 40) + "x\n", 3, 33, "more than 16 nested list items or quotes on one line"},
		{"quotes", strings.Repeat("> ", 40) + "x\n", 1, 33, "more than 16 nested"},
		{"quotes without spaces", "é " + strings.Repeat(">", 40) + "x\n", 0, 0, ""},
		{"tight quotes", strings.Repeat(">", 40) + "x\n", 1, 17, "more than 16 nested"},
		{"mixed", "Đây:\n\n" + strings.Repeat("> 1. * ", 10) + "x\n", 3, 38, "more than 16 nested"},
		{"ordered", strings.Repeat("1) ", 17) + "x\n", 1, 49, "more than 16 nested"},
		{"sixteen", strings.Repeat("- ", 16) + "x\n", 0, 0, ""},
		{"thematic break", "* * * * *\n", 0, 0, ""},
		{"indented list", indentedList(40), 33, 67, "the text starts 66 columns in"},
		{"fenced code", "```\n" + strings.Repeat(" ", 200) + "x\n```\n", 0, 0, ""},
		{"unclosed links", strings.Repeat("[a](b ", 2001), 1, 12001, `more than 2000 "[" in one paragraph`},
		{"nested brackets", "Ý " + strings.Repeat("[", 40) + "a", 1, 35, `more than 32 "[" open at once`},
		{"links in paragraphs", strings.Repeat("[a](b) [c](d)\n\n", 3000), 0, 0, ""},
		{"size", strings.Repeat("a\n", MaxMarkdown/2+1), 1, 1, "more than 512 KB: split the page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Render([]byte(tt.src))
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			me, ok := errors.AsType[*Error](err)
			if !ok || me.Line != tt.line || me.Col != tt.col || !strings.Contains(me.Msg, tt.msg) {
				t.Errorf("error %v; want %d:%d: %s", err, tt.line, tt.col, tt.msg)
			}
		})
	}
}

// indentedList nests a list n deep through indentation, one item a line.
func indentedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// TestHeadingIDsAvoidReserved checks that headings never take an id the
// layout uses, e.g. the skip link's target or the table of contents.
func TestHeadingIDsAvoidReserved(t *testing.T) {
	html, toc, err := Render([]byte("## Nội dung\n\n## Mục lục\n\n## Nội dung 1\n"), "noi-dung", "muc-luc")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`id="noi-dung"`, `id="muc-luc"`} {
		if strings.Contains(string(html), id) {
			t.Errorf("a heading took the layout's %s:\n%s", id, html)
		}
	}
	var ids []string
	for _, e := range toc {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, " "); got != "noi-dung-1 muc-luc-1 noi-dung-1-1" {
		t.Errorf("ids %s", got)
	}
}

// worstMarkdown are the costliest texts within the limits, each as large
// as a page may be.
var worstMarkdown = map[string][]byte{
	"nested lines":    fill(strings.Repeat("- ", MaxNesting) + "x\n"),
	"nested quotes":   fill(strings.Repeat("> ", MaxNesting) + "x\n"),
	"indented lists":  fill(indentedList(MaxIndent/2) + "\n"),
	"unclosed links":  fill(strings.Repeat("[a](b ", MaxBrackets) + "\n\n"),
	"nested brackets": fill(strings.Repeat(strings.Repeat("[", MaxBracketDepth)+"a"+strings.Repeat("]", MaxBracketDepth), MaxBrackets/MaxBracketDepth) + "\n\n"),
}

// fill repeats s up to the size limit.
func fill(s string) []byte {
	return bytes.Repeat([]byte(s), MaxMarkdown/len(s))
}

// BenchmarkMarkdownWorst renders the costliest texts the limits let through:
// go test -run '^$' -bench MarkdownWorst -benchtime 1x ./internal/markdown/
func BenchmarkMarkdownWorst(b *testing.B) {
	for name, src := range worstMarkdown {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Render(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

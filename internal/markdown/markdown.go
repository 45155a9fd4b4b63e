// Package markdown renders the Markdown of content pages to HTML, safely:
// raw HTML is left out, links with dangerous schemes are dropped, and texts
// whose parsing cost would explode are refused with the line and column
// of the cause. It also makes the slugs of headings (their ids) and of
// unit pages, from Vietnamese text without diacritics.
//
// Render does part of the render stage's work (see package render) for
// the pages written in Markdown.
package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

type astKind = ast.NodeKind

// engine converts content Markdown to HTML. Raw HTML is omitted and links
// with dangerous schemes are dropped: goldmark does both unless told to be
// unsafe, and it never is here.
var engine = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// TOCEntry is one heading of a page's table of contents.
type TOCEntry struct {
	Level int
	ID    string
	Text  string
}

// Limits on what a content page's Markdown may hold. goldmark's time grows
// with the square of some inputs (nested list or quote markers on one line,
// deeply indented lists, unclosed links in one paragraph), so these are
// refused before parsing; within them any page renders in well under a
// second.
const (
	// MaxMarkdown is the size of a page's Markdown, in bytes: the plan of
	// the example site is 26 KB.
	MaxMarkdown = 512 << 10
	// MaxNesting is how many list items and block quotes a line may open:
	// "- - x" opens two, "> 1. x" two.
	MaxNesting = 16
	// MaxIndent is how far, in columns, a line's text may start after its
	// indentation and markers, outside fenced code: a list nested through
	// indentation costs as much as one nested on one line.
	MaxIndent = 4 * MaxNesting
	// MaxBrackets is how many "[" one paragraph may hold, and
	// MaxBracketDepth how many may be open at once ("[[[a]]]" has three).
	MaxBrackets     = 2000
	MaxBracketDepth = 32
)

// Error is a Markdown text beyond one of the limits, at a line
// and column of the text (both from 1, columns in characters).
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Render renders src and returns its HTML and its level-2 and level-3
// headings. Headings never take an id of reserved. A text beyond the limits
// above returns a *Error.
func Render(src []byte, reserved ...string) (template.HTML, []TOCEntry, error) {
	if err := checkLimits(src); err != nil {
		return "", nil, err
	}
	ids := newSlugIDs()
	for _, id := range reserved {
		ids.Put([]byte(id))
	}
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := engine.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var toc []TOCEntry
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if h.Level == 2 || h.Level == 3 {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			toc = append(toc, TOCEntry{Level: h.Level, ID: string(idb), Text: plainText(h, src)})
		}
		return ast.WalkSkipChildren, nil
	})
	var buf bytes.Buffer
	if err := engine.Renderer().Render(&buf, src, doc); err != nil {
		return "", nil, err
	}
	return template.HTML(buf.String()), toc, nil
}

// plainText returns the text of n's inline content, without markup.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		default:
			b.WriteString(plainText(c, src))
		}
	}
	return b.String()
}

// checkLimits refuses, with its line and column, a text that goldmark
// would take too long on.
func checkLimits(src []byte) error {
	if len(src) > MaxMarkdown {
		return &Error{1, 1, fmt.Sprintf("the text is %d KB, more than %d KB: split the page", len(src)>>10, MaxMarkdown>>10)}
	}
	var fence string       // the fence of the code block the line is in
	brackets, open := 0, 0 // in the paragraph
	for i, line := range strings.Split(string(src), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" {
			brackets, open = 0, 0
			continue
		}
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		depth, col, at := 0, 0, 0
		for at < len(line) {
			c := line[at]
			switch {
			case c == ' ':
				col++
				at++
				continue
			case c == '\t':
				col += 4 - col%4
				at++
				continue
			}
			n := containerMarker(line[at:])
			if n == 0 {
				break
			}
			depth++
			if depth > MaxNesting {
				return &Error{i + 1, utf8.RuneCountInString(line[:at]) + 1,
					fmt.Sprintf("more than %d nested list items or quotes on one line: write the text with less nesting", MaxNesting)}
			}
			col += n
			at += n
		}
		if col > MaxIndent {
			return &Error{i + 1, utf8.RuneCountInString(line[:at]) + 1,
				fmt.Sprintf("the text starts %d columns in, after indentation and list or quote markers (at most %d): indent less, or nest lists less deeply", col, MaxIndent)}
		}
		for j, c := range line {
			switch c {
			case '[':
				brackets++
				open++
			case ']':
				open = max(0, open-1)
			default:
				continue
			}
			if brackets > MaxBrackets {
				return &Error{i + 1, utf8.RuneCountInString(line[:j]) + 1, fmt.Sprintf("more than %d \"[\" in one paragraph: add blank lines between paragraphs", MaxBrackets)}
			}
			if open > MaxBracketDepth {
				return &Error{i + 1, utf8.RuneCountInString(line[:j]) + 1, fmt.Sprintf("more than %d \"[\" open at once: close the brackets", MaxBracketDepth)}
			}
		}
	}
	return nil
}

// containerMarker returns the length of the block quote or list marker
// that s starts with ("> ", "- ", "12. "), or 0.
func containerMarker(s string) int {
	switch {
	case s[0] == '>':
		return 1
	case s[0] == '-' || s[0] == '+' || s[0] == '*':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
		return 0
	}
	n := 0
	for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n == len(s) || (s[n] != '.' && s[n] != ')') {
		return 0
	}
	if n+1 == len(s) || s[n+1] == ' ' || s[n+1] == '\t' {
		return n + 1
	}
	return 0
}

// Package diag reports problems in a site's input files: where each one is
// (file, line, column) and what to do about it.
//
// Every stage of the pipeline returns its input problems as a [List], so a
// build shows all of them at once, sorted by file and line, instead of
// stopping at the first.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem at one place in an input file.
//
// Line and Col start at 1; zero means unknown. Col counts characters (runes),
// not bytes, because Vietnamese text is multi-byte and editors count
// characters.
type Error struct {
	Path    string // slash-separated, relative to the site folder
	Line    int
	Col     int
	Msg     string // lowercase, no trailing period
	Warning bool   // the site still builds, but the editor should know
	// Blocking marks a file that could not be read or parsed: it is listed
	// first, since other problems may follow from it and would hide it.
	Blocking bool
	Err      error // the underlying error, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// List collects the problems found in a site's input.
type List struct {
	errs []*Error
}

// Add records a problem at path:line:col.
func (l *List) Add(path string, line, col int, format string, args ...any) {
	l.errs = append(l.errs, &Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Warn records a warning at path:line:col.
func (l *List) Warn(path string, line, col int, format string, args ...any) {
	l.errs = append(l.errs, &Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// Block records a problem at path:line:col that keeps the file from being
// read or parsed; Sorted lists such problems first.
func (l *List) Block(path string, line, col int, format string, args ...any) {
	l.errs = append(l.errs, &Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Blocking: true})
}

// AddError records err: an *Error as it is, anything else as a problem of path.
func (l *List) AddError(path string, err error) {
	if err == nil {
		return
	}
	if list, ok := errors.AsType[*ListError](err); ok {
		l.errs = append(l.errs, list.Errs...)
		return
	}
	if e, ok := errors.AsType[*Error](err); ok {
		l.errs = append(l.errs, e)
		return
	}
	l.errs = append(l.errs, &Error{Path: path, Msg: err.Error(), Err: err})
}

// Errors returns the recorded problems, sorted as Err sorts them.
func (l *List) Errors() []*Error { return Sorted(l.errs) }

// Len reports how many problems have been recorded.
func (l *List) Len() int { return len(l.errs) }

// Err returns the recorded problems sorted by file, line and column, or nil
// if there are none.
func (l *List) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return &ListError{Errs: Sorted(l.errs)}
}

// Sorted returns errs sorted by file, line, column and message, without
// repeats, problems that block a file first.
func Sorted(errs []*Error) []*Error {
	errs = slices.Clone(errs)
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(
			-cmp.Compare(boolInt(a.Blocking), boolInt(b.Blocking)),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(errs, func(a, b *Error) bool { return a.Error() == b.Error() })
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ListError is the error a List returns: one or more sorted problems.
type ListError struct {
	Errs []*Error
}

// MaxShown is how many problems ListError.Error spells out before it only
// counts the rest.
const MaxShown = 50

func (e *ListError) Error() string {
	var b strings.Builder
	for i, err := range e.Errs {
		if i == MaxShown {
			fmt.Fprintf(&b, "\n… and %d more problems", len(e.Errs)-MaxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

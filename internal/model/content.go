package model

import "time"

// Page is one Markdown file of content/.
type Page struct {
	Path        string // source path, e.g. "content/ke-hoach.md"
	URL         string // output path relative to the site root, e.g. "ke-hoach/"; "" for home
	Title       string
	Description string
	Date        time.Time
	Layout      string
	TOC         bool
	Section     string // first folder below content/, e.g. "cap-nhat"
	Body        []byte // Markdown, without front matter
	BodyLine    int    // line of the file where Body starts
	// Lang is the page's language: that of its name (NAME.LANG.md), or
	// the site's default.
	Lang string
}

// Strings is the table of user-interface texts, by key.
type Strings map[string]string

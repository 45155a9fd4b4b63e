// Package theme is the stock theme, embedded in the binary: the layouts
// (html/template files), the user-interface texts of layouts/strings.toml
// and the static files (style sheet, scripts, icon) that every site gets.
//
// Package load reads it under a site's own files: a site's layouts/ and
// static/ hold only what it replaces, file by file, and its
// layouts/strings.toml only the texts it replaces, key by key. A site with
// neither folder builds with the stock theme alone, so a fix to the theme
// reaches every site with the next minhbach, with nothing to copy.
//
// InlineTexts writes a language's constant texts into a layout's source
// before package render parses it, so that they cost nothing per page.
package theme

import (
	"embed"
	"io/fs"
)

// The _*.html pattern is needed because a folder pattern leaves out the
// files whose names start with "_", such as _base.html.
//
//go:embed layouts static layouts/_*.html
var files embed.FS

// The folders of the theme, as a site's own override folders are named.
const (
	LayoutsDir  = "layouts"
	StaticDir   = "static"
	StringsPath = "layouts/strings.toml"
)

// FS returns the stock theme: layouts/ with layouts/strings.toml, and
// static/, named as in a site folder.
func FS() fs.FS { return files }

// Package overlay reads a site's theme: the stock theme of package theme
// with the site's own files over it. A site's layouts/ and static/ hold
// only what it replaces, file by file, and its layouts/strings.toml (and
// strings.LANG.toml) only the texts it replaces, key by key; a site's file
// that replaces nothing is listed, for check to warn about.
//
// It is part of the load stage (load → model → compute → render → write):
// package load calls Read, and puts what it returns in the model.
package overlay

import (
	"context"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/theme"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// Theme is the theme of one site: the stock theme with the site's own
// files over it.
type Theme struct {
	Strings       model.Strings            // the texts of the default language
	StringsByLang map[string]model.Strings // the texts of the languages after the first
	Templates     map[string]string        // layout file name → source
	Static        map[string][]byte        // path under static/ → content
	// Stale are the site's files of layouts/ and static/ that replace no
	// stock file (see static), sorted.
	Stale []string
}

// Read reads the theme of the site in fsys, whose languages are langs,
// the default first. Problems go to errs, each with its file, line and
// column; a strings file with a problem gives no texts. It reads nothing
// more once ctx is cancelled; cache, which may be nil, keeps the TOML
// files parsed between builds.
func Read(ctx context.Context, fsys fs.FS, errs *diag.List, cache *tomlfile.Cache, langs []string) *Theme {
	r := &reader{ctx: ctx, fsys: fsys, errs: errs, cache: cache}
	s := &Theme{}
	s.Strings, s.StringsByLang = r.strings(langs)
	s.Templates = r.templates()
	s.Static = r.static()
	s.Stale = slices.Sorted(slices.Values(r.stale))
	return s
}

// stockPrefix names the stock theme's files in the rare problem found in
// them (a theme that does not load is a bug of minhbach).
const stockPrefix = "(stock theme) "

type reader struct {
	ctx   context.Context
	fsys  fs.FS
	errs  *diag.List
	cache *tomlfile.Cache
	// stale lists the site's layouts and static files that replace no file
	// of the stock theme (see static).
	stale []string
}

// files lists the site's regular files below dir with the extension ext,
// sorted; none if dir is missing.
func (r *reader) files(dir, ext string) []string {
	return source.Files(r.ctx, r.fsys, r.errs, dir, ext)
}

// readFile reads the site's file name, unless the build is cancelled.
func (r *reader) readFile(name string, limit int64) ([]byte, error) {
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	return source.ReadFile(r.fsys, name, limit)
}

// readTOML reads the site's TOML file p; nil after recording a problem.
func (r *reader) readTOML(p string) *tomlfile.File {
	b, err := r.readFile(p, source.MaxFileSize)
	if err != nil {
		source.ReadError(r.errs, p, err, source.MaxFileSize)
		return nil
	}
	return r.parseTOML(p, b)
}

func (r *reader) parseTOML(p string, b []byte) *tomlfile.File {
	return tomlfile.Parse(p, b, r.errs, r.cache)
}

// decode decodes f strictly into v and checks its strings against the
// limits on text (tomlfile.File.CheckText), as every input file is.
func decode(f *tomlfile.File, v any) bool {
	return f.Decode(v, func() bool { return f.CheckText("", "", reflect.ValueOf(v)) })
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// strings reads the tables of user-interface texts: the stock theme's
// layouts/strings.toml, a flat TOML table of key = "text", with the texts
// the site's own layouts/strings.toml replaces; and for every language
// after the first, layouts/strings.LANG.toml the same way, which must give
// every key of the first. The site may replace any stock text, but not add
// one: a key the stock table lacks is a misspelling or a text the theme no
// longer uses. The exception is KEY.one, the form of the text KEY for a
// number that takes the singular, which any file may add to a known KEY.
func (r *reader) strings(langs []string) (model.Strings, map[string]model.Strings) {
	def := r.stringsOf(theme.StringsPath, nil)
	if def == nil || len(langs) < 2 {
		return def, nil
	}
	byLang := map[string]model.Strings{}
	for _, lang := range langs[1:] {
		p := strings.TrimSuffix(theme.StringsPath, ".toml") + "." + lang + ".toml"
		if st := r.stringsOf(p, def); st != nil {
			byLang[lang] = st
		}
	}
	return def, byLang
}

// stringsOf reads the texts of the strings file p, stock and the site's
// own. keys, if not nil, are the texts of the default language, which p
// must all give.
func (r *reader) stringsOf(p string, keys model.Strings) model.Strings {
	stock, found := r.stockStrings(p)
	if stock == nil {
		return nil
	}
	known := stock
	if !found && keys != nil {
		known = keys // a language the theme does not have: the site gives it all
	}
	out := maps.Clone(stock)
	if _, err := fs.Stat(r.fsys, p); !source.IsNotExist(err) {
		f := r.readTOML(p)
		if f == nil {
			return nil
		}
		var own map[string]string
		if !decode(f, &own) {
			return nil
		}
		ok := true
		for _, k := range sortedKeys(own) {
			_, isKnown := known[k]
			if base, one := strings.CutSuffix(k, ".one"); one && !isKnown {
				_, isKnown = known[base] // a text's form for one (see format.One)
			}
			if !isKnown {
				f.At(tomlfile.JoinPath([]string{k}), "unknown key %q: the stock theme has no such text, so it would never be shown; check its spelling or remove it", k)
				ok = false
				continue
			}
			out[k] = own[k]
		}
		if !ok {
			return nil
		}
	}
	var missing []string
	for _, k := range sortedKeys(keys) {
		if _, ok := out[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		at := p
		if found {
			at = stockPrefix + p // a bug of the theme
		}
		n, more := len(missing), ""
		if n > 5 {
			missing, more = missing[:5], ", …"
		}
		r.errs.Add(at, 0, 0, "%d texts of %s have no translation here: add %s%s", n, theme.StringsPath, tomlfile.QuoteAll(missing), more)
		return nil
	}
	return out
}

// stockStrings decodes the stock theme's texts of the strings file p, and
// reports whether the theme has that file: it has none for most languages,
// and then gives no text.
func (r *reader) stockStrings(p string) (model.Strings, bool) {
	b, err := fs.ReadFile(theme.FS(), p)
	if source.IsNotExist(err) && p != theme.StringsPath {
		return model.Strings{}, false
	}
	if err != nil {
		r.errs.Add(stockPrefix+p, 0, 0, "cannot read file: %v", err)
		return nil, false
	}
	f := r.parseTOML(stockPrefix+p, b)
	if f == nil {
		return nil, false
	}
	var m map[string]string
	if !decode(f, &m) {
		return nil, false
	}
	return model.Strings(m), true
}

// templates reads the layouts' sources, stock and the site's own; package
// render parses them.
func (r *reader) templates() map[string]string {
	out := map[string]string{}
	stock := stockFiles(r.errs, theme.LayoutsDir, ".html")
	for name, b := range stock {
		if src, ok := source.Text(stockPrefix+theme.LayoutsDir+"/"+name, b, r.errs); ok {
			out[name] = src
		}
	}
	for _, p := range r.files(theme.LayoutsDir, ".html") {
		if _, ok := stock[strings.TrimPrefix(p, theme.LayoutsDir+"/")]; !ok {
			r.stale = append(r.stale, p)
		}
		b, err := r.readFile(p, source.MaxFileSize)
		if err != nil {
			source.ReadError(r.errs, p, err, source.MaxFileSize)
			continue
		}
		if src, ok := source.Text(p, b, r.errs); ok {
			out[strings.TrimPrefix(p, theme.LayoutsDir+"/")] = src
		}
	}
	return out
}

// static reads every file below static/, stock and the site's own, copied
// to the output as it is.
//
// Both templates and static record in r.stale the site's files that replace
// no stock file: a layout the theme does not have (renamed or removed by a
// newer theme, it is never used unless another of the site's layouts calls
// it), and a file of static/ inside one of the theme's folders (css/, js/,
// …) that the theme does not have. A file the site adds elsewhere in
// static/ (images/…, a downloadable document) is an addition, not an override.
func (r *reader) static() map[string][]byte {
	out := stockFiles(r.errs, theme.StaticDir, "")
	dirs := map[string]bool{}
	for name := range out {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for _, p := range r.files(theme.StaticDir, "") {
		if path.Ext(p) == ".go" {
			continue
		}
		if name := strings.TrimPrefix(p, theme.StaticDir+"/"); out[name] == nil && dirs[path.Dir(name)] {
			r.stale = append(r.stale, p)
		}
		b, err := r.readFile(p, source.MaxStaticSize)
		if err != nil {
			source.ReadError(r.errs, p, err, source.MaxStaticSize)
			continue
		}
		out[strings.TrimPrefix(p, theme.StaticDir+"/")] = b
	}
	return out
}

// stockFiles reads the stock theme's files below dir whose names end in
// ext, by their path under dir.
func stockFiles(errs *diag.List, dir, ext string) map[string][]byte {
	out := map[string][]byte{}
	err := fs.WalkDir(theme.FS(), dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ext) || p == theme.StringsPath {
			return err
		}
		b, err := fs.ReadFile(theme.FS(), p)
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(p, dir+"/")] = b
		return nil
	})
	if err != nil {
		errs.Add(stockPrefix+dir, 0, 0, "cannot read folder: %v", err)
	}
	return out
}

package load

import (
	"io/fs"
	"maps"
	"path"
	"strings"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/theme"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// The stock theme (package theme) lies under the site's own layouts/ and
// static/: a site file replaces the stock file of the same name, and the
// site's layouts/strings.toml replaces stock texts key by key.
const (
	layoutsDir  = theme.LayoutsDir
	stringsPath = theme.StringsPath
	staticDir   = theme.StaticDir
	// stockPrefix names the stock theme's files in the rare problem found
	// in them (a theme that does not load is a bug of minhbach).
	stockPrefix = "(stock theme) "
)

// strings reads the tables of user-interface texts: the stock theme's
// layouts/strings.toml, a flat TOML table of key = "text", with the texts
// the site's own layouts/strings.toml replaces; and for every language
// after the first, layouts/strings.LANG.toml the same way, which must give
// every key of the first. The site may replace any stock text, but not add
// one: a key the stock table lacks is a misspelling or a text the theme no
// longer uses. The exception is KEY.one, the form of the text KEY for a
// number that takes the singular, which any file may add to a known KEY.
func (l *loader) strings(langs []string) (model.Strings, map[string]model.Strings) {
	def := l.stringsOf(stringsPath, nil)
	if def == nil || len(langs) < 2 {
		return def, nil
	}
	byLang := map[string]model.Strings{}
	for _, lang := range langs[1:] {
		p := strings.TrimSuffix(stringsPath, ".toml") + "." + lang + ".toml"
		if st := l.stringsOf(p, def); st != nil {
			byLang[lang] = st
		}
	}
	return def, byLang
}

// stringsOf reads the texts of the strings file p, stock and the site's
// own. keys, if not nil, are the texts of the default language, which p
// must all give.
func (l *loader) stringsOf(p string, keys model.Strings) model.Strings {
	stock, found := l.stockStrings(p)
	if stock == nil {
		return nil
	}
	known := stock
	if !found && keys != nil {
		known = keys // a language the theme does not have: the site gives it all
	}
	out := maps.Clone(stock)
	if _, err := fs.Stat(l.fsys, p); !source.IsNotExist(err) {
		f := l.readTOML(p, l.errs)
		if f == nil {
			return nil
		}
		var own map[string]string
		if !f.decode(&own) {
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
		l.errs.Add(at, 0, 0, "%d texts of %s have no translation here: add %s%s", n, stringsPath, tomlfile.QuoteAll(missing), more)
		return nil
	}
	return out
}

// stockStrings decodes the stock theme's texts of the strings file p, and
// reports whether the theme has that file: it has none for most languages,
// and then gives no text.
func (l *loader) stockStrings(p string) (model.Strings, bool) {
	b, err := fs.ReadFile(theme.FS(), p)
	if source.IsNotExist(err) && p != stringsPath {
		return model.Strings{}, false
	}
	if err != nil {
		l.errs.Add(stockPrefix+p, 0, 0, "cannot read file: %v", err)
		return nil, false
	}
	f := l.parseTOML(stockPrefix+p, b)
	if f == nil {
		return nil, false
	}
	var m map[string]string
	if !f.decode(&m) {
		return nil, false
	}
	return model.Strings(m), true
}

// templates reads the layouts' sources, stock and the site's own; package
// render parses them.
func (l *loader) templates() map[string]string {
	out := map[string]string{}
	stock := stockFiles(l.errs, layoutsDir, ".html")
	for name, b := range stock {
		if src, ok := source.Text(stockPrefix+layoutsDir+"/"+name, b, l.errs); ok {
			out[name] = src
		}
	}
	for _, p := range l.files(layoutsDir, ".html") {
		if _, ok := stock[strings.TrimPrefix(p, layoutsDir+"/")]; !ok {
			l.stale = append(l.stale, p)
		}
		b, err := l.readFile(p, MaxFileSize)
		if err != nil {
			source.ReadError(l.errs, p, err, MaxFileSize)
			continue
		}
		if src, ok := source.Text(p, b, l.errs); ok {
			out[strings.TrimPrefix(p, layoutsDir+"/")] = src
		}
	}
	return out
}

// static reads every file below static/, stock and the site's own, copied
// to the output as it is.
//
// Both templates and static record in l.stale the site's files that replace
// no stock file: a layout the theme does not have (renamed or removed by a
// newer theme, it is never used unless another of the site's layouts calls
// it), and a file of static/ inside one of the theme's folders (css/, js/,
// …) that the theme does not have. A file the site adds elsewhere in
// static/ (images/…, a downloadable document) is an addition, not an override.
func (l *loader) static() map[string][]byte {
	out := stockFiles(l.errs, staticDir, "")
	dirs := map[string]bool{}
	for name := range out {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for _, p := range l.files(staticDir, "") {
		if path.Ext(p) == ".go" {
			continue
		}
		if name := strings.TrimPrefix(p, staticDir+"/"); out[name] == nil && dirs[path.Dir(name)] {
			l.stale = append(l.stale, p)
		}
		b, err := l.readFile(p, MaxStaticSize)
		if err != nil {
			source.ReadError(l.errs, p, err, MaxStaticSize)
			continue
		}
		out[strings.TrimPrefix(p, staticDir+"/")] = b
	}
	return out
}

// stockFiles reads the stock theme's files below dir whose names end in
// ext, by their path under dir.
func stockFiles(errs *diag.List, dir, ext string) map[string][]byte {
	out := map[string][]byte{}
	err := fs.WalkDir(theme.FS(), dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ext) || p == stringsPath {
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

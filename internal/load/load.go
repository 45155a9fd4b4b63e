// Package load reads a site folder into a checked model.Site.
//
// It is the first stage of the pipeline (load → model → compute → render →
// write). It reads from an fs.FS, so tests build whole sites in memory, and
// it never stops at the first problem: every problem found is recorded with
// its file, line and column, and Site returns them all at once.
//
// Load turns files into the model: site.toml and its languages, the
// registry of units, the agencies, record kinds, targets, lists and
// rubrics, and the checks across data files; package overlay reads the
// site's theme (the stock texts, layouts and static files under the
// site's own). It reads files through package source, which opens
// them safely within their limits, and decodes TOML with package tomlfile,
// which says where every key is and checks every string. It reads the
// monthly reports, in parallel, and gives each to package report, which
// decodes and checks it against the data files; then the content pages,
// with package content.
package load

import (
	"context"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/catalog"
	"github.com/minhbach/minhbach/internal/content"
	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/overlay"
	"github.com/minhbach/minhbach/internal/report"
	"github.com/minhbach/minhbach/internal/source"
	"github.com/minhbach/minhbach/internal/tomlfile"
)

// Dir opens the site folder dir as a file system confined to it: a symbolic
// link that points outside the folder cannot be followed. Call close when
// done.
func Dir(dir string) (fsys fs.FS, close func() error, err error) { return source.Dir(dir) }

// OpenRegular opens the file name of fsys for reading if it is a regular
// file; see source.OpenRegular.
func OpenRegular(fsys fs.FS, name string) (fs.File, fs.FileInfo, error) {
	return source.OpenRegular(fsys, name)
}

// Cache keeps what was parsed from TOML files between builds; see
// tomlfile.Cache.
type Cache = tomlfile.Cache

// NewCache returns an empty cache.
func NewCache() *Cache { return tomlfile.NewCache() }

// Site reads and checks the site in fsys. The error, if any, is a
// *diag.ListError listing every problem found.
func Site(fsys fs.FS) (*model.Site, error) { return SiteCached(context.Background(), fsys, nil) }

// SiteCached is Site with a cache of parsed files kept between calls: the
// preview server's rebuilds parse only the files that changed. It stops
// between two files once ctx is cancelled, and returns ctx's error.
func SiteCached(ctx context.Context, fsys fs.FS, cache *Cache) (*model.Site, error) {
	l := &loader{ctx: ctx, fsys: fsys, errs: &diag.List{}, cache: cache,
		broken: broken{Broken: report.Broken{Lists: map[string]bool{}}, rubrics: map[string]bool{}}}
	s := l.site()
	if err := ctx.Err(); err != nil {
		return nil, err // the problems found are those of files not read
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

type loader struct {
	ctx    context.Context
	fsys   fs.FS
	errs   *diag.List
	cache  *Cache
	broken broken
	// configFile is site.toml, for problems found once other files are read.
	configFile *tomlFile
	// tr collects the translations of the data's texts.
	tr *catalog.Catalog
}

// broken records the files that could not be read or decoded. What other
// files say about their content is not checked: every reference to a unit
// would be "unknown" when data/units.toml has a syntax error, and the one
// problem to fix would drown among them.
type broken struct {
	report.Broken                 // units, agencies, kinds, targets, lists
	rubrics       map[string]bool // by id
}

func (l *loader) site() *model.Site {
	s := &model.Site{}
	s.Config = l.config()
	decoded := l.decodeReports(s.Config.Plan)
	s.Units = l.units()
	l.reportingLevel(&s.Config.Plan, s.Units)
	s.Agencies = l.agencies()
	s.Kinds = l.kinds(s.Units)
	s.Rubrics = l.rubrics()
	s.Lists = l.lists(s.Units, s.Rubrics)
	s.Targets = l.targets(s.Units, s.Kinds, s.Lists)
	l.checkTargetLevels(s.Units, s.Targets)
	s.Context = l.context()
	s.Reports, s.Drafts.Reports = report.Published(l.reports(decoded, s))
	if l.errs.Len() == 0 {
		l.crossCheck(s)
	}
	langs := s.Config.Languages
	pages := content.Read(l.ctx, l.fsys, l.errs, langs, l.tr.Unsure, s.Reports, s.Drafts.Reports)
	s.Pages, s.Drafts.Pages, s.PagesByLang = pages.Shown, pages.Waiting, pages.ByLang
	th := overlay.Read(l.ctx, l.fsys, l.errs, l.cache, langs)
	s.Strings, s.StringsByLang = th.Strings, th.StringsByLang
	if len(langs) > 1 {
		s.Translations = l.tr.Translations()
		s.Untranslated = append(l.tr.Untranslated(), pages.Untranslated...)
		slices.SortStableFunc(s.Untranslated, func(a, b model.Untranslated) int { return strings.Compare(a.Path, b.Path) })
	}
	s.Templates, s.Static, s.StaleOverrides = th.Templates, th.Static, th.Stale
	return s
}

// files lists the regular files below dir with the given extension, sorted.
// A missing dir is not an error: the caller decides whether it is required.
func (l *loader) files(dir, ext string) []string {
	return source.Files(l.ctx, l.fsys, l.errs, dir, ext)
}

// filesTo is files, recording problems in errs.
func (l *loader) filesTo(errs *diag.List, dir, ext string) []string {
	return source.Files(l.ctx, l.fsys, errs, dir, ext)
}

// readFile is source.ReadFile of the site, unless the load is cancelled:
// ctx is checked between files, which is cheap.
func (l *loader) readFile(name string, limit int64) ([]byte, error) {
	if err := l.ctx.Err(); err != nil {
		return nil, err
	}
	return source.ReadFile(l.fsys, name, limit)
}

// tomlFile is a TOML input file as load reads it: its strings are checked
// against the limits on names, ids and text (see tomlfile.File.CheckText).
type tomlFile struct{ *tomlfile.File }

// readTOML reads path from the site. It returns nil after recording a
// problem in errs if the file cannot be read or is not UTF-8.
func (l *loader) readTOML(path string, errs *diag.List) *tomlFile {
	b, err := l.readFile(path, MaxFileSize)
	if err != nil {
		source.ReadError(errs, path, err, MaxFileSize)
		return nil
	}
	return l.parseTOMLTo(path, b, errs)
}

// parseTOML is readTOML for the content b of path, read already.
func (l *loader) parseTOML(path string, b []byte) *tomlFile {
	return l.parseTOMLTo(path, b, l.errs)
}

func (l *loader) parseTOMLTo(path string, b []byte, errs *diag.List) *tomlFile {
	f := tomlfile.Parse(path, b, errs, l.cache)
	if f == nil {
		return nil
	}
	return &tomlFile{f}
}

// decode decodes the file strictly into v, and checks its strings.
func (f *tomlFile) decode(v any) bool {
	return f.Decode(v, func() bool { return f.CheckText("", "", reflect.ValueOf(v)) })
}

// decodeSimple is decode with a fill function for plain files; see
// tomlfile.File.DecodeSimple.
func (f *tomlFile) decodeSimple(v any, fill func(raw map[string]any) bool) bool {
	return f.DecodeSimple(v, fill, func() bool { return f.CheckText("", "", reflect.ValueOf(v)) })
}

// decodeRaw decodes the file into a map without checking keys, for reports
// whose keys come from the data, and checks its strings.
func (f *tomlFile) decodeRaw() (map[string]any, bool) {
	return f.DecodeRaw(func(raw map[string]any) bool { return f.CheckText("", "", reflect.ValueOf(raw)) })
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// baseName returns the file name of p without its extension.
func baseName(p string) string {
	b := path.Base(p)
	return strings.TrimSuffix(b, path.Ext(b))
}

// keyPath is tomlfile.KeyPath, which load writes on almost every line.
func keyPath(parts ...any) string { return tomlfile.KeyPath(parts...) }

// checkUnique records a problem for every id seen before, at the key path
// given by where(i).
func checkUnique[T any](f *tomlFile, items []T, id func(T) string, where func(i int) string) {
	seen := map[string]int{}
	for i, it := range items {
		k := id(it)
		if k == "" {
			continue
		}
		if j, ok := seen[k]; ok {
			line, _ := f.Find(where(j))
			f.At(where(i), "duplicate id %q: it is already used on line %d", k, line)
			continue
		}
		seen[k] = i
	}
}

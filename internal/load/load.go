// Package load reads a site folder into a checked model.Site.
//
// It is the first stage of the pipeline (load → model → compute → render →
// write). It reads from an fs.FS, so tests build whole sites in memory, and
// it never stops at the first problem: every problem found is recorded with
// its file, line and column, and Site returns them all at once.
package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/diag"
	"github.com/minhbach/minhbach/internal/model"
)

// Dir opens the site folder dir as a file system confined to it: a symbolic
// link that points outside the folder cannot be followed. Call close when
// done.
func Dir(dir string) (fsys fs.FS, close func() error, err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot open the site folder: %w", dir, unwrapPathError(err))
	}
	return rootFS{FS: root.FS(), root: root}, root.Close, nil
}

// Site reads and checks the site in fsys. The error, if any, is a
// *diag.ListError listing every problem found.
func Site(fsys fs.FS) (*model.Site, error) { return SiteCached(context.Background(), fsys, nil) }

// SiteCached is Site with a cache of parsed files kept between calls: the
// preview server's rebuilds parse only the files that changed. It stops
// between two files once ctx is cancelled, and returns ctx's error.
func SiteCached(ctx context.Context, fsys fs.FS, cache *Cache) (*model.Site, error) {
	l := &loader{ctx: ctx, fsys: fsys, errs: &diag.List{}, cache: cache,
		broken: broken{lists: map[string]bool{}, rubrics: map[string]bool{}}}
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
	// stale lists the site's layouts and static files that replace no file
	// of the stock theme (see static).
	stale []string
}

// broken records the files that could not be read or decoded. What other
// files say about their content is not checked: every reference to a unit
// would be "unknown" when data/units.toml has a syntax error, and the one
// problem to fix would drown among them.
type broken struct {
	units, agencies, kinds bool
	targets                bool            // data/targets.toml could not be read
	lists, rubrics         map[string]bool // by id
}

func (l *loader) site() *model.Site {
	s := &model.Site{}
	s.Config = l.config()
	s.Units = l.units()
	l.reportingLevel(&s.Config.Plan, s.Units)
	s.Agencies = l.agencies()
	s.Kinds = l.kinds(s.Units)
	s.Rubrics = l.rubrics()
	s.Lists = l.lists(s.Units, s.Rubrics)
	s.Targets = l.targets(s.Units, s.Kinds, s.Lists)
	l.checkTargetLevels(s.Units, s.Targets)
	s.Context = l.context()
	s.Reports, s.Drafts.Reports = published(l.reports(s))
	if l.errs.Len() == 0 {
		l.crossCheck(s)
	}
	s.Pages, s.Drafts.Pages = l.datePosts(l.pages(), s.Reports, s.Drafts.Reports)
	s.Strings = l.strings()
	s.Templates = l.templates()
	s.Static = l.static()
	s.StaleOverrides = slices.Sorted(slices.Values(l.stale))
	return s
}

// files lists the regular files below dir with the given extension, sorted.
// A missing dir is not an error: the caller decides whether it is required.
func (l *loader) files(dir, ext string) []string {
	var out []string
	err := fs.WalkDir(l.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := l.ctx.Err(); err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Followed only while it stays inside the site folder.
			info, err := fs.Stat(l.fsys, p)
			switch {
			case err != nil:
				l.errs.Block(p, 0, 0, "cannot read file: %v", unwrapPathError(err))
				return nil
			case info.IsDir():
				l.errs.Add(p, 0, 0, "a symbolic link to a folder is not followed: move the folder here")
				return nil
			case !info.Mode().IsRegular():
				l.errs.Block(p, 0, 0, "%v", errNotRegular)
				return nil
			case !strings.HasSuffix(p, ext):
				return nil
			}
			out = append(out, p)
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			// A FIFO, socket or device: opening it could wait forever.
			l.errs.Block(p, 0, 0, "%v", errNotRegular)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !strings.HasSuffix(p, ext) {
			return nil
		}
		out = append(out, p)
		return nil
	})
	if err != nil && !isNotExist(err) && l.ctx.Err() == nil {
		l.errs.Add(dir, 0, 0, "cannot read folder: %v", unwrapPathError(err))
	}
	slices.Sort(out)
	return out
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// baseName returns the file name of p without its extension.
func baseName(p string) string {
	b := path.Base(p)
	return strings.TrimSuffix(b, path.Ext(b))
}

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
			line, _ := f.ix.get().find(where(j))
			f.at(where(i), "duplicate id %q: it is already used on line %d", k, line)
			continue
		}
		seen[k] = i
	}
}

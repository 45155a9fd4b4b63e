package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"text/template"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/model"
	"github.com/minhbach/minhbach/internal/progress"
	"github.com/minhbach/minhbach/internal/routes"
)

// The files of a new site, as templates named by where they go; "all:"
// keeps content/_index.md.tmpl, which a plain folder pattern leaves out.
//
//go:embed all:site
var siteFiles embed.FS

// siteUpdate is the template of the first month's update post, written to
// content/cap-nhat/YYYY-MM.md.
const siteUpdate = "site/update.md.tmpl"

// NewSite describes a site for Site to write.
type NewSite struct {
	// Levels is the number of levels of the unit registry: 1 (the units
	// side by side) or 2 (units within units).
	Levels int
	// Start is the first month of the plan period, which lasts twelve
	// months. Its report is written, published and without records.
	Start model.Month
}

// Site writes a new, working site into folder dir, which must not exist or
// be empty: site.toml, the data files with placeholders (a commented
// example of every rule in data/targets.toml), the home, plan and about
// pages, and the report and update post of the first month. The site has
// no layouts/ or static/: it uses the stock theme. It loads and builds as
// it is, with no warning from check, and it says on every page that its
// data is illustrative (illustrative = true) until the editor says
// otherwise. Site returns the paths written, relative to dir, and writes
// nothing if dir holds anything.
func Site(dir string, ns NewSite) ([]string, error) {
	if ns.Levels != 1 && ns.Levels != 2 {
		return nil, fmt.Errorf("%d levels: a new site has 1 or 2 levels of units", ns.Levels)
	}
	if ns.Start.Year < 1 || ns.Start.Year > 9998 {
		return nil, fmt.Errorf("start %s: choose a year from 0001 to 9998", ns.Start)
	}
	if err := emptyDir(dir); err != nil {
		return nil, err
	}
	files, err := siteSources(ns)
	if err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := create(filepath.Join(dir, filepath.FromSlash(name)), files[name].Data); err != nil {
			return nil, err
		}
	}
	return slices.Sorted(maps.Keys(files)), nil
}

// siteSources returns the files of a new site by path. It checks that they
// load: a new site that does not is a bug of this package.
func siteSources(ns NewSite) (fstest.MapFS, error) {
	end := ns.Start
	for range 11 {
		end = end.Next()
	}
	data := map[string]any{
		"Levels": ns.Levels,
		"Start":  ns.Start.String(), "End": end.String(),
		"Date": fmt.Sprintf("%04d-%02d-01", ns.Start.Year, int(ns.Start.Mon)),
		"Top":  "district", "Bottom": "commune", "BottomName": "xã",
		"Month": ns.Start.String(), "Mon": int(ns.Start.Mon), "Year": ns.Start.Year,
	}
	if ns.Levels == 1 {
		data["Top"], data["BottomName"] = "commune", "xã, phường"
	}
	files := fstest.MapFS{}
	err := fs.WalkDir(siteFiles, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if p == siteUpdate {
			return nil // dated by the report, written below
		}
		out := strings.TrimSuffix(strings.TrimPrefix(p, "site/"), ".tmpl")
		b, err := execute(p, data)
		files[out] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		return nil, err
	}
	s, err := load.Site(files)
	if err != nil {
		return nil, fmt.Errorf("the new site does not load (a bug of minhbach):\n%w", err)
	}
	rd := reportData(s, progress.Compute(s), ns.Start)
	next := ns.Start.Next()
	rd["Published"] = fmt.Sprintf("%04d-%02d-05", next.Year, int(next.Mon))
	var rb bytes.Buffer
	if err := reportTmpl.Execute(&rb, rd); err != nil {
		return nil, err
	}
	files[path.Join("data", "reports", ns.Start.String()+".toml")] = &fstest.MapFile{Data: rb.Bytes(), Mode: 0o644}
	post, err := execute(siteUpdate, data)
	if err != nil {
		return nil, err
	}
	files[path.Join("content", routes.UpdatesSection, ns.Start.String()+".md")] = &fstest.MapFile{Data: post, Mode: 0o644}
	if _, err := load.Site(files); err != nil {
		return nil, fmt.Errorf("the new site does not load (a bug of minhbach):\n%w", err)
	}
	return files, nil
}

func execute(name string, data any) ([]byte, error) {
	src, err := fs.ReadFile(siteFiles, name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(path.Base(name)).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, data)
	return b.Bytes(), err
}

// emptyDir checks that dir does not exist or is an empty folder: a new
// site never overwrites or mixes with anything.
func emptyDir(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is a file: choose a new folder for the site", dir)
	}
	if _, err := f.Readdirnames(1); err != io.EOF {
		if err != nil {
			return err
		}
		return fmt.Errorf("%s exists and is not empty: choose a new or empty folder; nothing was written", dir)
	}
	return nil
}

// create writes a new file, making its folder; it never overwrites one,
// even a file created since emptyDir looked.
func create(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

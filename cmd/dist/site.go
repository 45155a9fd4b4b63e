package main

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/minhbach/minhbach/internal/serve"
)

// siteFiles lists the files of the site in fsys, slash-separated and
// sorted: every file of the inputs the preview server watches
// (serve.Inputs: site.toml, content/, data/, layouts/ and static/), so that
// a file added to the example site is in the archives with no change here,
// and the Go source and test sites beside it never are. Hidden files and
// folders (.DS_Store, an editor's swap file) are left out.
func siteFiles(fsys fs.FS) ([]string, error) {
	var files []string
	for _, in := range serve.Inputs {
		if _, err := fs.Stat(fsys, in); errors.Is(err, fs.ErrNotExist) {
			continue // layouts/ and static/ are optional
		}
		err := fs.WalkDir(fsys, in, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.IsDir():
			case d.Type().IsRegular():
				files = append(files, name)
			default:
				return fmt.Errorf("%s: not a regular file: the example site must hold only files and folders", name)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if !slices.Contains(files, "site.toml") {
		return nil, errors.New("no site.toml: the example site is missing")
	}
	slices.Sort(files)
	return files, nil
}

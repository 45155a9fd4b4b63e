package edit

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing/fstest"
	"time"
)

// patched is a site folder seen with some files replaced, added or hidden:
// the site as a save would leave it, checked before anything is written,
// or the site without its reports, whose data model the form is made from
// even while a report is broken. Files are slash paths relative to the
// site; a nil content hides the file.
type patched struct {
	base  fs.FS
	files map[string][]byte
	// hide hides every file of these folders that files does not name.
	hide []string
}

func (o patched) over(name string) (b []byte, ok bool) {
	if b, ok := o.files[name]; ok {
		return b, true
	}
	if slices.Contains(o.hide, path.Dir(name)) {
		return nil, true
	}
	return nil, false
}

func (o patched) mem(name string) fstest.MapFS {
	return fstest.MapFS{name: &fstest.MapFile{Data: o.files[name], Mode: 0o644, ModTime: time.Time{}}}
}

func (o patched) Open(name string) (fs.File, error) {
	if b, ok := o.over(name); ok {
		if b == nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return o.mem(name).Open(name)
	}
	if o.isDir(name) {
		// A folder that holds added files: listed by ReadDir.
		return fstest.MapFS{name: &fstest.MapFile{Mode: fs.ModeDir | 0o755}}.Open(name)
	}
	return o.base.Open(name)
}

func (o patched) Stat(name string) (fs.FileInfo, error) {
	if b, ok := o.over(name); ok {
		if b == nil {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
		}
		return fs.Stat(o.mem(name), name)
	}
	info, err := fs.Stat(o.base, name)
	if err != nil && o.isDir(name) {
		return fs.Stat(fstest.MapFS{name: &fstest.MapFile{Mode: fs.ModeDir | 0o755}}, name)
	}
	return info, err
}

func (o patched) Lstat(name string) (fs.FileInfo, error) {
	if _, ok := o.over(name); ok {
		return o.Stat(name)
	}
	if l, ok := o.base.(fs.ReadLinkFS); ok {
		info, err := l.Lstat(name)
		if err != nil && o.isDir(name) {
			return o.Stat(name)
		}
		return info, err
	}
	return o.Stat(name)
}

func (o patched) ReadLink(name string) (string, error) {
	if _, ok := o.over(name); ok {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return fs.ReadLink(o.base, name)
}

func (o patched) ReadFile(name string) ([]byte, error) {
	if b, ok := o.over(name); ok {
		if b == nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return slices.Clone(b), nil
	}
	return fs.ReadFile(o.base, name)
}

func (o patched) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	if err != nil && !o.isDir(name) {
		return nil, err
	}
	var out []fs.DirEntry
	for _, e := range entries {
		if _, ok := o.over(path.Join(name, e.Name())); !ok {
			out = append(out, e)
		}
	}
	for p, b := range o.files {
		if b != nil && path.Dir(p) == name {
			info, _ := fs.Stat(o.mem(p), p)
			out = append(out, fs.FileInfoToDirEntry(info))
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// isDir reports whether name is a folder above an added file.
func (o patched) isDir(name string) bool {
	for p, b := range o.files {
		if b != nil && strings.HasPrefix(p, name+"/") {
			return true
		}
	}
	return false
}

// Package source opens and reads the files of a site folder safely: it
// follows no symbolic link out of the folder, opens nothing that could wait
// forever (a FIFO, a device), reads no file larger than its limit, and
// accepts only UTF-8 text.
//
// It is the lowest layer of the load stage (see package load); package
// tomlfile reads TOML files through it.
package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir opens the site folder dir as a file system confined to it: a symbolic
// link that points outside the folder cannot be followed. Call close when
// done.
func Dir(dir string) (fsys fs.FS, close func() error, err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot open the site folder: %w", dir, UnwrapPathError(err))
	}
	return rootFS{FS: root.FS(), root: root}, root.Close, nil
}

// rootFS is a site folder opened with os.Root. Its files are those of the
// root's own fs.FS; the root itself serves OpenRegular, which opens a file
// without waiting on it.
type rootFS struct {
	fs.FS
	root *os.Root
}

// The root's fs.FS implements these; without them, fs.Stat and the others
// would fall back to Open, which waits forever on a FIFO.

func (r rootFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(r.FS, name) }
func (r rootFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(r.FS, name) }
func (r rootFS) ReadLink(name string) (string, error)       { return fs.ReadLink(r.FS, name) }
func (r rootFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.FS, name) }
func (r rootFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(r.FS, name) }

// noWaitOpener is a file system that can open a file without waiting on it.
type noWaitOpener interface {
	openNoWait(name string) (fs.File, error)
}

func (r rootFS) openNoWait(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return r.root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|openNoWait, 0)
}

// OpenRegular opens the file name of fsys for reading if it is a regular
// file, and returns it with what Stat says of it. Anything else — a folder,
// a FIFO, a socket, a device — is refused with an error whose text says what
// to do.
//
// It looks at the file before opening it, and, in a site folder opened with
// Dir, opens it in a way that never waits (non-blocking, where the system
// has it) and looks again at what it opened: the file may have been
// swapped for a FIFO in between, and opening a FIFO for reading waits for a
// writer forever.
func OpenRegular(fsys fs.FS, name string) (fs.File, fs.FileInfo, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(info); err != nil {
		return nil, nil, err
	}
	var f fs.File
	if o, ok := fsys.(noWaitOpener); ok {
		f, err = o.openNoWait(name)
	} else {
		f, err = fsys.Open(name)
	}
	if err != nil {
		return nil, nil, err
	}
	info, err = f.Stat()
	if err == nil {
		err = regular(info)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// regular refuses anything but a regular file.
func regular(info fs.FileInfo) error {
	switch {
	case info.IsDir():
		return ErrIsDir
	case !info.Mode().IsRegular():
		return ErrNotRegular
	}
	return nil
}

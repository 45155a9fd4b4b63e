package source

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/minhbach/minhbach/internal/diag"
)

// The limits on the size of input files, which keep a build fast and small
// whatever it is given. The README's "Trust" section lists them.
const (
	// MaxFileSize is the largest input file read (TOML, Markdown, layout),
	// in bytes: 10 MB.
	MaxFileSize = 10 << 20
	// MaxStaticSize is the largest file of static/ copied, in bytes: 50 MB.
	MaxStaticSize = 50 << 20
)

// The errors of a file that is not one to read.
var (
	ErrNotRegular = errors.New("not a regular file or folder: remove it")
	ErrIsDir      = errors.New("a folder where a file is expected: remove or rename it")
	ErrTooLarge   = errors.New("the file is too large")
)

// ReadFile reads a regular file of at most limit bytes. It opens nothing
// else (see OpenRegular): opening a FIFO or a device for reading can wait
// forever.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, info, err := OpenRegular(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > limit {
		return nil, ErrTooLarge
	}
	// The file may have grown since Stat: read to its end, past the size
	// Stat gave (the buffer is that size, so that it is read in one go).
	b, err := readAll(io.LimitReader(f, limit+1), info.Size())
	if err == nil && int64(len(b)) > limit {
		return nil, ErrTooLarge
	}
	return b, err
}

// readAll is io.ReadAll, starting with a buffer for size bytes.
func readAll(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size, 0)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow
		}
	}
}

// ReadError records why name could not be read.
func ReadError(errs *diag.List, name string, err error, limit int64) {
	switch {
	case errors.Is(err, ErrNotRegular) || errors.Is(err, ErrIsDir):
		errs.Block(name, 0, 0, "%v", err)
	case errors.Is(err, ErrTooLarge):
		errs.Block(name, 0, 0, "the file is larger than %d MB: split it or make it smaller", limit>>20)
	default:
		errs.Block(name, 0, 0, "cannot read file: %v", UnwrapPathError(err))
	}
}

// Text checks that b is UTF-8 and drops a leading byte-order mark. It
// returns false after recording a problem in errs if b is not UTF-8.
func Text(path string, b []byte, errs *diag.List) (string, bool) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalid(b)], []byte("\n"))
		errs.Block(path, line, 0, "the file is not UTF-8 text: save it with the UTF-8 encoding")
		return "", false
	}
	// Text typed or pasted in decomposed form (NFD) is composed (NFC), so
	// that "Yên" typed either way is the same name.
	return norm.NFC.String(string(b)), true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// errOutside replaces the error of a path that leaves the site folder
// through a symbolic link.
var errOutside = errors.New("it is a symbolic link to a file outside the site folder: copy the file here instead")

// UnwrapPathError returns the cause of err in an editor's words, without
// the operation and path that the message already names.
func UnwrapPathError(err error) error {
	if err != nil && strings.Contains(err.Error(), "escapes from parent") {
		return errOutside
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// IsNotExist reports whether err says a file does not exist.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// Files lists the regular files below dir of fsys with the given extension,
// sorted, recording in errs the entries it cannot list or refuses. A
// missing dir is not an error: the caller decides whether it is required.
// It stops once ctx is cancelled.
func Files(ctx context.Context, fsys fs.FS, errs *diag.List, dir, ext string) []string {
	var out []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Followed only while it stays inside the site folder.
			info, err := fs.Stat(fsys, p)
			switch {
			case err != nil:
				errs.Block(p, 0, 0, "cannot read file: %v", UnwrapPathError(err))
				return nil
			case info.IsDir():
				errs.Add(p, 0, 0, "a symbolic link to a folder is not followed: move the folder here")
				return nil
			case !info.Mode().IsRegular():
				errs.Block(p, 0, 0, "%v", ErrNotRegular)
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
			errs.Block(p, 0, 0, "%v", ErrNotRegular)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !strings.HasSuffix(p, ext) {
			return nil
		}
		out = append(out, p)
		return nil
	})
	if err != nil && !IsNotExist(err) && ctx.Err() == nil {
		errs.Add(dir, 0, 0, "cannot read folder: %v", UnwrapPathError(err))
	}
	slices.Sort(out)
	return out
}

package write

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file that every build writes at the top of its output. A
// folder that has it is a previous output, which the next build may
// replace; any other folder that is not empty is refused.
const Marker = ".minhbach-output"

// markerText is the marker's content, for people who find the file.
const markerText = `This folder was written by "minhbach build". The next build replaces all of
it: keep no other files here.
`

// Resolve returns the absolute path of the folder that writing to path
// would replace, with every symbolic link resolved: in the part of the path
// that exists, including path itself when it is a link. The part that does
// not exist yet is added as it is. A link that leads nowhere is an error.
func Resolve(path string) (string, error) {
	p := path
	if !filepath.IsAbs(p) {
		if filepath.VolumeName(p) != "" { // C:x on Windows
			abs, err := filepath.Abs(p)
			if err != nil {
				return "", err
			}
			p = abs
		} else {
			// Not filepath.Abs: it cleans "link/.." away lexically,
			// while the system follows the link first.
			wd, err := os.Getwd()
			if err != nil {
				return "", err
			}
			p = wd + string(filepath.Separator) + p
		}
	}
	var missing []string // the part that does not exist, innermost last
	for {
		if trimmed := strings.TrimRight(p, separators); len(trimmed) > len(filepath.VolumeName(p)) {
			p = trimmed // "www/" would follow the link www
		}
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, missing...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("%s: %w", path, unwrap(err))
		}
		if _, lerr := os.Lstat(p); lerr == nil {
			// p exists, so it is a link to something missing.
			target, _ := os.Readlink(p)
			return "", fmt.Errorf("%s: %s is a symbolic link to %s, which does not exist; create that folder or remove the link", path, p, target)
		}
		i := strings.LastIndexAny(p, separators)
		if i < len(filepath.VolumeName(p)) {
			return "", fmt.Errorf("%s: %w", path, unwrap(err))
		}
		missing = append([]string{p[i+1:]}, missing...)
		p = p[:i+1]
	}
}

// separators are the characters that end a path element.
const separators = string(filepath.Separator) + "/"

// checkReplaceable refuses to replace the folder real unless it is missing,
// empty, or a previous output. name is how the user spelled it.
func checkReplaceable(name, real string) error {
	if filepath.Dir(real) == real {
		return fmt.Errorf("%s: refusing to replace the root folder; choose a new folder with -out", name)
	}
	if hasGit(real) {
		return fmt.Errorf("%s: refusing to write into a .git folder, a Git repository's own data; choose another folder with -out", name)
	}
	info, err := os.Lstat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, unwrap(err))
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: this is a file, not a folder, and a build never replaces a file; choose a folder with -out", name)
	}
	d, err := os.Open(real)
	if err != nil {
		return fmt.Errorf("%s: cannot read the output folder: %w", name, unwrap(err))
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil && err != io.EOF {
		return fmt.Errorf("%s: cannot read the output folder: %w", name, unwrap(err))
	}
	if len(names) == 0 {
		return nil
	}
	for _, n := range names {
		if strings.EqualFold(n, ".git") {
			return fmt.Errorf("%s: the output folder holds a .git folder, which a build would delete; keep the repository elsewhere and copy the built site into it, or choose another folder with -out", name)
		}
	}
	if m, err := os.Lstat(filepath.Join(real, Marker)); err != nil || !m.Mode().IsRegular() {
		return fmt.Errorf("%s: the folder is not empty and was not written by minhbach (it has no %s file), and a build replaces the whole output folder; choose a new or empty folder with -out, or delete this one yourself if nothing in it is needed (an output of an earlier minhbach version has no such file either: delete it once)", name, Marker)
	}
	return nil
}

// unwrap drops the paths from a *fs.PathError or *os.LinkError, for
// messages that already name the folder.
func unwrap(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	if le, ok := errors.AsType[*os.LinkError](err); ok {
		return le.Err
	}
	return err
}

// hasGit reports whether a folder of path is named .git.
func hasGit(path string) bool {
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return strings.ContainsRune(separators, r) }) {
		if strings.EqualFold(part, ".git") {
			return true
		}
	}
	return false
}

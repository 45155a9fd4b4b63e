// Package write puts a rendered site on disk, all or nothing.
//
// It is the last stage of the pipeline (load → model → compute → render →
// write). The files are written into a new folder beside the destination,
// which is then swapped in — in one atomic step on Linux, with two renames
// elsewhere — so a failed or interrupted build leaves the previous output as
// it was, and files of pages that no longer exist disappear.
package write

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Prefixes of the temporary folders made beside the destination.
const (
	newSuffix = ".minhbach-new-"
	oldSuffix = ".minhbach-old-"
)

// Dir replaces the folder dest with exactly files. If ctx is cancelled
// before the new folder is swapped in, nothing changes.
func Dir(ctx context.Context, dest string, files map[string][]byte) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	cleanLeftovers(dest)
	tmp, err := os.MkdirTemp(parent, filepath.Base(dest)+newSuffix)
	if err != nil {
		return fmt.Errorf("cannot create a temporary folder beside %s: %w", dest, err)
	}
	if err := writeAll(ctx, tmp, files); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := ctx.Err(); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("build interrupted: %s left as it was", dest)
	}
	if _, err := os.Lstat(dest); err == nil && exchange(tmp, dest) {
		// tmp now holds the previous output.
		return os.RemoveAll(tmp)
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = dest + oldSuffix + filepath.Base(tmp)[len(filepath.Base(dest)+newSuffix):]
		if err := os.Rename(dest, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("cannot move the previous output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		os.RemoveAll(tmp)
		return fmt.Errorf("cannot move the new output into place: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// cleanLeftovers removes what an interrupted earlier build left beside dest.
// If dest itself is missing but an old copy exists, the interruption came
// between the two renames: the old copy is put back first.
func cleanLeftovers(dest string) {
	base := filepath.Base(dest)
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(filepath.Dir(dest), name)
		switch {
		case strings.HasPrefix(name, base+oldSuffix):
			if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
				if os.Rename(full, dest) == nil {
					continue
				}
			}
			os.RemoveAll(full)
		case strings.HasPrefix(name, base+newSuffix):
			os.RemoveAll(full)
		}
	}
}

func writeAll(ctx context.Context, root string, files map[string][]byte) error {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("build interrupted: the output was left as it was")
		}
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("refusing to write %q outside the output folder", name)
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

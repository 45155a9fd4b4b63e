// Package write puts a rendered site on disk, all or nothing.
//
// It is the last stage of the pipeline (load → model → compute → render →
// write). The files are written into a new folder beside the destination,
// which is then swapped in — in one atomic step on Linux, with two renames
// elsewhere — so a failed or interrupted build leaves the previous output as
// it was, and files of pages that no longer exist disappear.
package write

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Prefixes of the temporary folders made beside the destination.
const (
	newSuffix = ".minhbach-new-"
	oldSuffix = ".minhbach-old-"
)

// Tx writes a new version of an output folder beside it; Commit swaps it
// in, Abort throws it away. Put may be called from several goroutines.
type Tx struct {
	dest, tmp string
	mu        sync.Mutex
	dirs      map[string]bool // folders already made
}

// Begin starts replacing the folder dest, after cleaning up what an
// interrupted earlier build left beside it.
func Begin(dest string) (*Tx, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	cleanLeftovers(dest)
	tmp, err := os.MkdirTemp(parent, filepath.Base(dest)+newSuffix)
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary folder beside %s: %w", dest, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Tx{dest: dest, tmp: tmp, dirs: map[string]bool{}}, nil
}

// Put writes one file of the new output; name is slash-separated and must
// stay inside the folder.
func (tx *Tx) Put(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	p := filepath.Join(tx.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	tx.mu.Lock()
	made := tx.dirs[dir]
	tx.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		tx.mu.Lock()
		tx.dirs[dir] = true
		tx.mu.Unlock()
	}
	// A file that the previous output already has, byte for byte, is
	// hard-linked instead of written: no data is written now, and none is
	// freed when the previous output is removed. Most files of a monthly
	// update do not change.
	old := filepath.Join(tx.dest, filepath.FromSlash(name))
	if info, err := os.Lstat(old); err == nil && info.Mode().IsRegular() && info.Size() == int64(len(data)) {
		if b, err := os.ReadFile(old); err == nil && bytes.Equal(b, data) && os.Link(old, p) == nil {
			return nil
		}
	}
	return os.WriteFile(p, data, 0o644)
}

// Abort throws the new output away.
func (tx *Tx) Abort() { os.RemoveAll(tx.tmp) }

// Commit swaps the new output in, unless ctx is cancelled first.
func (tx *Tx) Commit(ctx context.Context) error {
	dest, tmp := tx.dest, tx.tmp
	if err := ctx.Err(); err != nil {
		tx.Abort()
		return fmt.Errorf("build interrupted: %s left as it was", dest)
	}
	if _, err := os.Lstat(dest); err == nil && exchange(tmp, dest) {
		// tmp now holds the previous output.
		removeTree(tmp)
		return nil
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = dest + oldSuffix + filepath.Base(tmp)[len(filepath.Base(dest)+newSuffix):]
		if err := os.Rename(dest, old); err != nil {
			tx.Abort()
			return fmt.Errorf("cannot move the previous output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		tx.Abort()
		return fmt.Errorf("cannot move the new output into place: %w", err)
	}
	if old != "" {
		removeTree(old)
	}
	return nil
}

// removeTree removes a previous output, its top folders in parallel: with
// ten thousand pages, removing them one after another costs as much as
// writing them.
func removeTree(dir string) {
	entries, _ := os.ReadDir(dir)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, e := range entries {
		wg.Go(func() {
			sem <- struct{}{}
			os.RemoveAll(filepath.Join(dir, e.Name()))
			<-sem
		})
	}
	wg.Wait()
	os.RemoveAll(dir)
}

// Dir replaces the folder dest with exactly files. If ctx is cancelled
// before the new folder is swapped in, nothing changes.
func Dir(ctx context.Context, dest string, files map[string][]byte) error {
	tx, err := Begin(dest)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := ctx.Err(); err != nil {
			tx.Abort()
			return fmt.Errorf("build interrupted: the output was left as it was")
		}
		if err := tx.Put(name, files[name]); err != nil {
			tx.Abort()
			return err
		}
	}
	return tx.Commit(ctx)
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

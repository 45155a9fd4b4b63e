// Package write puts a rendered site on disk, all or nothing, and never in
// place of files it did not write.
//
// It is the last stage of the pipeline (load → model → compute → render →
// write). The files are written into a new folder beside the destination,
// which is then swapped in — in one atomic step on Linux, with two renames
// elsewhere — so a failed or interrupted build leaves the previous output as
// it was, and files of pages that no longer exist disappear.
//
// The destination is replaced only if it is missing, empty, or a previous
// output, which every build marks with the Marker file; it is compared
// after resolving symbolic links, and a link to a folder stays a link. A
// lock file beside the destination keeps a second build out while one runs.
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
	"sync"
)

// Suffixes of the temporary folders made beside the output.
const (
	newSuffix = ".minhbach-new-"
	oldSuffix = ".minhbach-old-"
)

// Seams for tests: exchange is what swaps the folders in one step, rename
// what moves them where exchange cannot.
var (
	exchange = renameExchange
	rename   = os.Rename
)

// TestHook, when not nil, is called at each step of writing an output:
// "put" after each file, "commit" once all are written, "aside" between
// the two renames of a swap made without an atomic exchange, and "swapped"
// before the previous output is removed. Tests set it to stop a build at a
// chosen moment; it is nil otherwise.
var TestHook func(step string)

func hook(step string) {
	if TestHook != nil {
		TestHook(step)
	}
}

// Tx writes a new version of an output folder beside it; Commit swaps it
// in, Abort throws it away. Put may be called from several goroutines.
type Tx struct {
	name string    // the output as the user spelled it, for messages
	dest string    // the output folder, every symbolic link resolved
	tmp  string    // the new output, beside dest
	prev *previous // the previous output, nil if none
	lock *lock

	mu   sync.Mutex
	dirs map[string]bool // folders already made
	done bool            // committed or aborted
}

// Begin starts replacing the output folder dest. It refuses a dest that is
// not a folder minhbach may replace: one that is not missing, empty, or a
// previous output (which has the Marker file), a .git folder or one inside
// it, or the root. If dest is a symbolic link, the folder it leads to is
// the output, and the link stays. Only one build at a time may write an
// output: Begin refuses while another holds it. Before starting, it cleans
// up what an interrupted earlier build left beside the output.
func Begin(dest string) (*Tx, error) {
	real, err := Resolve(dest)
	if err != nil {
		return nil, err
	}
	if filepath.Dir(real) == real || hasGit(real) {
		// Refused before the folders around it are made, inside .git.
		return nil, checkReplaceable(dest, real)
	}
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		return nil, fmt.Errorf("%s: cannot create the folder around the output: %w", dest, unwrap(err))
	}
	lk, err := lockOutput(dest, real)
	if err != nil {
		return nil, err
	}
	// Checked under the lock: no other build changes the folder meanwhile.
	if err := checkReplaceable(dest, real); err != nil {
		lk.release()
		return nil, err
	}
	cleanLeftovers(real)
	tmp, err := os.MkdirTemp(filepath.Dir(real), filepath.Base(real)+newSuffix)
	if err != nil {
		lk.release()
		return nil, fmt.Errorf("%s: cannot create a temporary folder beside the output: %w", dest, unwrap(err))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		lk.release()
		return nil, err
	}
	return &Tx{name: dest, dest: real, tmp: tmp, prev: openPrevious(real), lock: lk, dirs: map[string]bool{}}, nil
}

// Put writes one file of the new output; name is slash-separated and must
// stay inside the folder. It keeps nothing of data once it returns.
func (tx *Tx) Put(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	if name == Marker {
		return fmt.Errorf("refusing to write %q: the name is kept for the file that marks minhbach's output", name)
	}
	p := filepath.Join(tx.tmp, filepath.FromSlash(name))
	if err := tx.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	defer hook("put")
	if tx.prev != nil && tx.prev.link(name, p, data) {
		return nil
	}
	return os.WriteFile(p, data, 0o644)
}

// mkdir makes the folder dir of the new output, and the folders above it
// that are missing: one call per folder, where os.MkdirAll would first
// look at each.
func (tx *Tx) mkdir(dir string) error {
	if dir == tx.tmp {
		return nil
	}
	tx.mu.Lock()
	made := tx.dirs[dir]
	tx.mu.Unlock()
	if made {
		return nil
	}
	if err := tx.mkdir(filepath.Dir(dir)); err != nil {
		return err
	}
	// Another Put may have made it meanwhile.
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	tx.mu.Lock()
	tx.dirs[dir] = true
	tx.mu.Unlock()
	return nil
}

// Abort throws the new output away.
func (tx *Tx) Abort() {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.done {
		return
	}
	tx.done = true
	os.RemoveAll(tx.tmp)
	tx.finish()
}

// finish closes the previous output and gives the lock up.
func (tx *Tx) finish() {
	if tx.prev != nil {
		tx.prev.close()
	}
	tx.lock.release()
}

// Commit marks the new output as minhbach's and swaps it in, unless ctx is
// cancelled first.
func (tx *Tx) Commit(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		tx.Abort()
		return fmt.Errorf("build interrupted: %s left as it was", tx.name)
	}
	if err := os.WriteFile(filepath.Join(tx.tmp, Marker), []byte(markerText), 0o644); err != nil {
		tx.Abort()
		return err
	}
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.done {
		return fmt.Errorf("%s: the build was already finished", tx.name)
	}
	tx.done = true
	defer tx.finish()
	var known []string // the previous output's files, as found by Put
	if tx.prev != nil {
		// The previous output is removed below; close it first, as
		// Windows does not rename a folder that is open.
		tx.prev.close()
		known = tx.prev.known
		tx.prev = nil
	}
	dest, tmp := tx.dest, tx.tmp
	hook("commit")
	if _, err := os.Lstat(dest); err == nil && exchange(tmp, dest) {
		// tmp now holds the previous output.
		hook("swapped")
		removeKnown(tmp, known)
		removeTree(tmp)
		return nil
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = dest + oldSuffix + strings.TrimPrefix(filepath.Base(tmp), filepath.Base(dest)+newSuffix)
		if err := rename(dest, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("%s: cannot move the previous output aside: %w", tx.name, unwrap(err))
		}
		hook("aside")
	}
	if err := rename(tmp, dest); err != nil {
		if old != "" {
			rename(old, dest)
		}
		os.RemoveAll(tmp)
		return fmt.Errorf("%s: cannot move the new output into place: %w", tx.name, unwrap(err))
	}
	if old != "" {
		hook("swapped")
		removeTree(old)
	}
	return nil
}

// removeTree removes a previous output, in parallel: with ten thousand
// pages, removing them one after another costs as much as writing them. A
// national site has one folder per unit under a few top folders, so the
// work is shared out two levels down. It never follows a symbolic link:
// one put in dir's place is removed, not followed, and everything inside
// is removed through an os.Root.
func removeTree(dir string) {
	if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
		os.Remove(dir)
		return
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		os.RemoveAll(dir)
		return
	}
	var top, below []string
	for _, e := range readDir(root, ".") {
		top = append(top, e.Name())
		if e.IsDir() { // the entry's own type: a link is not a folder
			for _, sub := range readDir(root, e.Name()) {
				below = append(below, e.Name()+"/"+sub.Name())
			}
		}
	}
	for _, names := range [][]string{below, top} {
		inParallel(names, func(name string) { root.RemoveAll(name) })
	}
	root.Close() // before removing the folder: Windows keeps an open one
	os.RemoveAll(dir)
}

// removers is how many removals inParallel runs at once: more than the
// processors, as each spends most of its time in the kernel.
const removers = 4

// inParallel calls do for every name, several at once, and returns once
// all are done.
func inParallel(names []string, do func(name string)) {
	var wg sync.WaitGroup
	next := make(chan string)
	for range removers {
		wg.Go(func() {
			for name := range next {
				do(name)
			}
		})
	}
	for _, name := range names {
		next <- name
	}
	close(next)
	wg.Wait()
}

// readDir lists the folder name of root, or returns nil.
func readDir(root *os.Root, name string) []fs.DirEntry {
	d, err := root.Open(name)
	if err != nil {
		return nil
	}
	defer d.Close()
	entries, _ := d.ReadDir(-1)
	return entries
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
			return fmt.Errorf("build interrupted: %s left as it was", dest)
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
// between the two renames: the old copy is put back first. It is called
// with the output's lock held, so no build that is still running has a
// folder there.
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

// Package watch reports changes to a site's input files in batches, for the
// preview server.
//
// It wraps fsnotify with what editors need: folders are watched
// recursively, including folders created later (mkdir -p with files already
// in it); chmod-only events and editor temporary files are ignored; the
// events of one save (write a temp file, rename it over the original) or of
// a burst of saves are batched into one; and when the kernel's event queue
// overflows, a batch with Overflow set asks for a full rebuild.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batch is a set of changes that settled together.
type Batch struct {
	Paths    []string // changed paths relative to the root, slash-separated, sorted
	Overflow bool     // events were lost: rebuild everything
}

// Watcher watches some folders of a root folder.
type Watcher struct {
	root    string
	skip    func(rel string) bool
	delay   time.Duration
	after   func(time.Duration) <-chan time.Time // starts the wait that ends a batch
	fsw     *fsnotify.Watcher
	batches chan Batch
	errs    chan error
	done    chan struct{}
}

// DefaultDelay is how long a batch waits for more events after the last one.
const DefaultDelay = 100 * time.Millisecond

// New watches the files and folders named by paths (relative to root) and
// everything below them. skip, if not nil, excludes paths (relative,
// slash-separated) such as the output folder.
func New(root string, paths []string, skip func(rel string) bool, delay time.Duration) (*Watcher, error) {
	return newWatcher(root, paths, skip, delay, time.After)
}

// newWatcher is New with the clock that ends batches: tests pass one that
// fires only when they say, so that a batch boundary is an event they
// control rather than a race against the scheduler.
func newWatcher(root string, paths []string, skip func(rel string) bool, delay time.Duration, after func(time.Duration) <-chan time.Time) (*Watcher, error) {
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	if skip == nil {
		skip = func(string) bool { return false }
	}
	w := &Watcher{
		root:    root,
		skip:    skip,
		delay:   delay,
		after:   after,
		fsw:     fsw,
		batches: make(chan Batch, 1),
		errs:    make(chan error, 1),
		done:    make(chan struct{}),
	}
	// Watch the root itself (not recursively) so that site.toml and
	// top-level folders created later are seen.
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, p := range paths {
		if err := w.addTree(filepath.Join(root, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fsw.Close()
			return nil, err
		}
	}
	go w.loop()
	return w, nil
}

// Batches delivers the settled changes.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers watch errors other than overflows.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching.
func (w *Watcher) Close() error {
	select {
	case <-w.done:
	default:
		close(w.done)
	}
	return w.fsw.Close()
}

// addTree watches dir and every folder below it.
func (w *Watcher) addTree(dir string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return nil
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (Ignored(d.Name()) || w.skip(w.rel(p))) {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// Ignored reports whether a file name is an editor's or the system's
// temporary or hidden file.
func Ignored(name string) bool {
	switch {
	case name == "4913", // vim's write test
		strings.HasPrefix(name, "."), // .file.swp, .#lock, .DS_Store
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".bak"),
		strings.HasPrefix(name, "~$"): // office lock files
		return true
	}
	return false
}

func (w *Watcher) loop() {
	var (
		pending  = map[string]bool{}
		overflow bool
		due      <-chan time.Time // nil while nothing is pending
	)
	// Every event restarts the wait: a batch ends once the events have
	// settled for w.delay.
	arm := func() { due = w.after(w.delay) }
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			rel := w.rel(ev.Name)
			if rel == "." || Ignored(filepath.Base(ev.Name)) || w.skip(rel) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder, perhaps with files already in it: watch it
				// and count what it holds as changed.
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name)
					filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
						if err == nil && !d.IsDir() && !Ignored(d.Name()) {
							pending[w.rel(p)] = true
						}
						return nil
					})
				}
			}
			pending[rel] = true
			arm()
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				overflow = true
				arm()
				continue
			}
			select {
			case w.errs <- err:
			default:
			}
		case <-due:
			due = nil
			b := Batch{Overflow: overflow}
			for p := range pending {
				b.Paths = append(b.Paths, p)
			}
			slices.Sort(b.Paths)
			pending, overflow = map[string]bool{}, false
			if len(b.Paths) > 0 || b.Overflow {
				select {
				case w.batches <- b:
				case <-w.done:
					return
				}
			}
		}
	}
}

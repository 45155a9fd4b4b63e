package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

func newWatcher(t *testing.T) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content", "data/reports", "public"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "data/reports/2017-03.toml", "a")
	w, err := New(root, []string{"content", "data"}, func(rel string) bool {
		return rel == "public" || strings.HasPrefix(rel, "public/")
	}, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}

func write(t *testing.T, root, rel, s string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for one batch.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
	}
	return Batch{}
}

// quiet checks that no batch arrives for a while.
func quiet(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Errorf("unexpected batch %+v", b)
	case <-time.After(300 * time.Millisecond):
	}
}

func TestSaveByRename(t *testing.T) {
	root, w := newWatcher(t)
	// What vim and many editors do: write a temporary file, rename it over
	// the original.
	write(t, root, "data/reports/.2017-03.toml.swp", "x")
	write(t, root, "data/reports/2017-03.toml.tmp", "b")
	if err := os.Rename(filepath.Join(root, "data/reports/2017-03.toml.tmp"), filepath.Join(root, "data/reports/2017-03.toml")); err != nil {
		t.Fatal(err)
	}
	b := next(t, w)
	if !slices.Equal(b.Paths, []string{"data/reports/2017-03.toml"}) {
		t.Errorf("paths %v, want the saved file only", b.Paths)
	}
	quiet(t, w)
}

func TestNewNestedFolder(t *testing.T) {
	root, w := newWatcher(t)
	// mkdir -p with files in it before a watch can be set on the new folder.
	dir := filepath.Join(root, "data", "lists", "nested")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, root, "data/lists/nested/a.toml", "a")
	b := next(t, w)
	if !slices.Contains(b.Paths, "data/lists/nested/a.toml") {
		t.Errorf("paths %v, want data/lists/nested/a.toml", b.Paths)
	}
	// The new folder is watched from now on.
	time.Sleep(100 * time.Millisecond)
	write(t, root, "data/lists/nested/b.toml", "b")
	b = next(t, w)
	if !slices.Equal(b.Paths, []string{"data/lists/nested/b.toml"}) {
		t.Errorf("paths %v, want data/lists/nested/b.toml", b.Paths)
	}
}

func TestDeleteAndRecreate(t *testing.T) {
	root, w := newWatcher(t)
	p := filepath.Join(root, "data/reports/2017-03.toml")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	b := next(t, w)
	if !slices.Equal(b.Paths, []string{"data/reports/2017-03.toml"}) {
		t.Errorf("after delete: paths %v", b.Paths)
	}
	write(t, root, "data/reports/2017-03.toml", "again")
	b = next(t, w)
	if !slices.Equal(b.Paths, []string{"data/reports/2017-03.toml"}) {
		t.Errorf("after recreate: paths %v", b.Paths)
	}
}

func TestBurstIsBatched(t *testing.T) {
	root, w := newWatcher(t)
	for i := range 200 {
		write(t, root, "content/post.md", strings.Repeat("x", i))
	}
	b := next(t, w)
	if !slices.Equal(b.Paths, []string{"content/post.md"}) {
		t.Errorf("paths %v", b.Paths)
	}
	// 200 writes in a few milliseconds: at most one more batch may trail.
	extra := 0
	for {
		select {
		case <-w.Batches():
			extra++
			continue
		case <-time.After(300 * time.Millisecond):
		}
		break
	}
	if extra > 1 {
		t.Errorf("200 rapid writes gave %d batches, want 1 or 2", 1+extra)
	}
}

func TestIgnored(t *testing.T) {
	root, w := newWatcher(t)
	for _, name := range []string{"content/.post.md.swp", "content/post.md~", "content/4913", "content/#post.md#", "content/.#post.md", "public/index.html"} {
		write(t, root, name, "x")
	}
	if err := os.Chmod(filepath.Join(root, "data/reports/2017-03.toml"), 0o600); err != nil {
		t.Fatal(err)
	}
	quiet(t, w)
}

func TestOverflow(t *testing.T) {
	_, w := newWatcher(t)
	// The kernel's queue overflow arrives on fsnotify's error channel.
	w.fsw.Errors <- fsnotify.ErrEventOverflow
	if b := next(t, w); !b.Overflow {
		t.Errorf("batch %+v, want Overflow", b)
	}
}

package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The tests never wait for time to pass. The watcher's clock is a fake
// whose timers fire only when the test fires them, and the test knows the
// watcher has taken in every earlier event once it has seen a marker: a
// folder created after them, whose event the kernel queues after theirs.
// So a batch boundary is an event the test controls, whatever the
// scheduling.

// wait bounds every wait for the watcher: reaching it is a failure, it is
// never slept.
const wait = 10 * time.Second

// markPrefix names the marker folders.
const markPrefix = "content/mark-"

// fakeClock hands out timers that fire only when the test says.
type fakeClock struct {
	mu     sync.Mutex
	timers []chan time.Time // by the order the watcher asked for them
	delays []time.Duration  // what it asked for
}

// after is the watcher's clock.
func (c *fakeClock) after(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.delays = append(c.delays, d)
	return c.timerLocked(len(c.delays) - 1)
}

func (c *fakeClock) timerLocked(i int) chan time.Time {
	for len(c.timers) <= i {
		c.timers = append(c.timers, make(chan time.Time, 1))
	}
	return c.timers[i]
}

// fire fires the i-th timer the watcher asked for (or will ask for).
func (c *fakeClock) fire(i int) {
	c.mu.Lock()
	ch := c.timerLocked(i)
	c.mu.Unlock()
	select {
	case ch <- time.Time{}:
	default: // fired already
	}
}

// count returns how many timers the watcher has asked for.
func (c *fakeClock) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.delays)
}

// site is a watched site folder.
type site struct {
	t     *testing.T
	root  string
	w     *Watcher
	clock *fakeClock
	seen  chan int // per marker: the timers asked for before it
	marks int
}

func newSite(t *testing.T) *site {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content", "data/reports", "public"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	s := &site{t: t, root: root, clock: &fakeClock{}, seen: make(chan int, 100)}
	s.write("data/reports/2017-03.toml", "a")
	// skip is asked about every event's path, in the watcher's goroutine,
	// before the event is counted: for a marker, it tells the test how
	// many timers the events before the marker started.
	skip := func(rel string) bool {
		if strings.HasPrefix(rel, markPrefix) {
			s.seen <- s.clock.count()
		}
		return rel == "public" || strings.HasPrefix(rel, "public/")
	}
	w, err := newWatcher(root, []string{"content", "data"}, skip, DefaultDelay, s.clock.after)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	s.w = w
	return s
}

func (s *site) write(rel, text string) {
	s.t.Helper()
	if err := os.WriteFile(filepath.Join(s.root, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// mark creates a marker folder and waits until the watcher has taken in
// every event before it. It returns the marker's path and the index of
// the timer the marker's event starts.
func (s *site) mark() (string, int) {
	s.t.Helper()
	s.marks++
	rel := fmt.Sprintf("%s%d", markPrefix, s.marks)
	if err := os.Mkdir(filepath.Join(s.root, filepath.FromSlash(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	select {
	case n := <-s.seen:
		return rel, n
	case <-time.After(wait):
		s.t.Fatalf("the watcher never saw %s", rel)
	}
	return "", 0
}

// next waits for one batch.
func (s *site) next() Batch {
	s.t.Helper()
	select {
	case b := <-s.w.Batches():
		return b
	case <-time.After(wait):
		s.t.Fatalf("no batch within %v", wait)
	}
	return Batch{}
}

// settle lets everything done so far settle: it marks, fires the marker's
// timer and returns the batch that ends, without the marker, which it must
// hold.
func (s *site) settle() []string {
	s.t.Helper()
	rel, n := s.mark()
	s.clock.fire(n)
	b := s.next()
	i := slices.Index(b.Paths, rel)
	if i < 0 {
		s.t.Fatalf("batch %v misses the marker %s", b.Paths, rel)
	}
	return slices.Delete(slices.Clone(b.Paths), i, i+1)
}

func TestSaveByRename(t *testing.T) {
	s := newSite(t)
	// What vim and many editors do: write a temporary file, rename it over
	// the original.
	s.write("data/reports/.2017-03.toml.swp", "x")
	s.write("data/reports/2017-03.toml.tmp", "b")
	if err := os.Rename(filepath.Join(s.root, "data/reports/2017-03.toml.tmp"), filepath.Join(s.root, "data/reports/2017-03.toml")); err != nil {
		t.Fatal(err)
	}
	if got := s.settle(); !slices.Equal(got, []string{"data/reports/2017-03.toml"}) {
		t.Errorf("paths %v, want the saved file only", got)
	}
	if got := s.settle(); len(got) > 0 {
		t.Errorf("then %v, want nothing", got)
	}
}

func TestNewNestedFolder(t *testing.T) {
	s := newSite(t)
	// mkdir -p with files in it before a watch can be set on the new folder.
	if err := os.MkdirAll(filepath.Join(s.root, "data", "lists", "nested"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.write("data/lists/nested/a.toml", "a")
	if got := s.settle(); !slices.Contains(got, "data/lists/nested/a.toml") {
		t.Errorf("paths %v, want data/lists/nested/a.toml", got)
	}
	// The new folder is watched from now on.
	s.write("data/lists/nested/b.toml", "b")
	if got := s.settle(); !slices.Equal(got, []string{"data/lists/nested/b.toml"}) {
		t.Errorf("paths %v, want data/lists/nested/b.toml", got)
	}
}

func TestDeleteAndRecreate(t *testing.T) {
	s := newSite(t)
	if err := os.Remove(filepath.Join(s.root, "data/reports/2017-03.toml")); err != nil {
		t.Fatal(err)
	}
	if got := s.settle(); !slices.Equal(got, []string{"data/reports/2017-03.toml"}) {
		t.Errorf("after delete: paths %v", got)
	}
	s.write("data/reports/2017-03.toml", "again")
	if got := s.settle(); !slices.Equal(got, []string{"data/reports/2017-03.toml"}) {
		t.Errorf("after recreate: paths %v", got)
	}
}

// TestBurstIsBatched: 200 saves with no time passing between them are one
// batch, and nothing trails it.
func TestBurstIsBatched(t *testing.T) {
	s := newSite(t)
	for i := range 200 {
		s.write("content/post.md", strings.Repeat("x", i))
	}
	if got := s.settle(); !slices.Equal(got, []string{"content/post.md"}) {
		t.Errorf("paths %v, want content/post.md", got)
	}
	if got := s.settle(); len(got) > 0 {
		t.Errorf("a batch %v trailed the burst", got)
	}
	s.clock.mu.Lock()
	defer s.clock.mu.Unlock()
	for i, d := range s.clock.delays {
		if d != DefaultDelay {
			t.Fatalf("timer %d waits %v, want %v", i, d, DefaultDelay)
		}
	}
}

// TestEachEventRestartsTheWait: a batch ends when the events have settled
// for the delay, not at a fixed time after the first one. A timer started
// by an earlier event firing ends nothing.
func TestEachEventRestartsTheWait(t *testing.T) {
	s := newSite(t)
	s.write("content/a.md", "a")
	first, n := s.mark()
	if n == 0 {
		t.Fatal("the save started no timer")
	}
	for i := range n { // the timers of content/a.md, superseded by the marker's
		s.clock.fire(i)
	}
	s.write("content/b.md", "b")
	got := s.settle()
	want := []string{"content/a.md", "content/b.md", first}
	if !slices.Equal(got, want) {
		t.Errorf("paths %v, want one batch %v", got, want)
	}
}

func TestIgnored(t *testing.T) {
	s := newSite(t)
	for _, name := range []string{"content/.post.md.swp", "content/post.md~", "content/4913", "content/#post.md#", "content/.#post.md", "public/index.html"} {
		s.write(name, "x")
	}
	if err := os.Chmod(filepath.Join(s.root, "data/reports/2017-03.toml"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := s.settle(); len(got) > 0 {
		t.Errorf("paths %v, want none", got)
	}
}

// The tests below use the real clock, as the preview server does; they wait
// for the batch, however long the scheduler takes to deliver it.

func TestOverflow(t *testing.T) {
	w, err := New(t.TempDir(), nil, nil, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// The kernel's queue overflow arrives on fsnotify's error channel.
	w.fsw.Errors <- fsnotify.ErrEventOverflow
	select {
	case b := <-w.Batches():
		if !b.Overflow {
			t.Errorf("batch %+v, want Overflow", b)
		}
	case <-time.After(wait):
		t.Fatalf("no batch within %v", wait)
	}
}

func TestRealClock(t *testing.T) {
	root := t.TempDir()
	w, err := New(root, nil, nil, DefaultDelay)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := os.WriteFile(filepath.Join(root, "site.toml"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The save's events may end up in more than one batch if the
	// scheduler stalls: the first holds the file and nothing else.
	select {
	case b := <-w.Batches():
		if !slices.Equal(b.Paths, []string{"site.toml"}) || b.Overflow {
			t.Errorf("batch %+v, want site.toml", b)
		}
	case <-time.After(wait):
		t.Fatalf("no batch within %v", wait)
	}
}

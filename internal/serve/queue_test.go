package serve

import (
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// gateFS is a site whose first file read waits until release is closed,
// after saying so on started.
type gateFS struct {
	fs.FS
	once    sync.Once
	started chan struct{}
	release chan struct{}
}

func (g *gateFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".toml") {
		g.once.Do(func() {
			close(g.started)
			<-g.release
		})
	}
	return g.FS.Open(name)
}

// lines sends every line written to it.
type lines chan string

func (l lines) Write(p []byte) (int, error) {
	for line := range strings.Lines(string(p)) {
		l <- line
	}
	return len(p), nil
}

// TestNewerChangeCancelsBuild changes the site while a build runs: the
// running build is dropped, and the next one builds its changes with the
// newer ones, so the first page reload shows the newest site.
func TestNewerChangeCancelsBuild(t *testing.T) {
	gate := &gateFS{FS: sitetest.Load(t, "small"), started: make(chan struct{}), release: make(chan struct{})}
	log := make(lines, 16)
	s := New(t.TempDir(), log, io.Discard)
	var gens []int // the number of builds shown when each build starts
	s.open = func() (fs.FS, func() error, error) {
		s.mu.Lock()
		gens = append(gens, s.gen)
		s.mu.Unlock()
		return gate, func() error { return nil }, nil
	}
	q := &queue{kick: make(chan struct{}, 1)}
	q.add(nil, true)
	go q.loop(t.Context(), s)

	<-gate.started
	q.add([]string{"static/css/site.css"}, false)
	close(gate.release)

	select {
	case line := <-log:
		if !strings.HasPrefix(line, "built ") {
			t.Fatalf("log: %q, want a build", line)
		}
	case <-t.Context().Done():
		t.Fatal("no build")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen != 1 || !slices.Equal(gens, []int{0, 0}) {
		t.Errorf("first build shown: number %d, with builds started after %v shown; want the second build shown first, the first dropped ([0 0])", s.gen, gens)
	}
}

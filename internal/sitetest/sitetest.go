// Package sitetest builds whole sites in memory for tests: a site written as
// one txtar archive, which the stock theme (package theme) completes when it
// is loaded, like any site.
//
// A txtar archive is a comment followed by files, each introduced by a line
// "-- NAME --" (the format of golang.org/x/tools/txtar, which this reads
// without depending on it).
//
// It also defines the -update flag for every test package: go test passes
// the flags it does not know to every test binary, so go test ./... -update
// works only if each one defines it. Every package with tests imports this
// one, if need be for that alone (import _ ".../internal/sitetest"); .ci/run
// checks it.
package sitetest

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/minhbach/minhbach/internal/theme"
)

// Update is the -update flag: tests that compare their output with golden
// files under testdata/ rewrite those files instead (review the diff
// before committing). In a package without golden files it does nothing.
var Update = flag.Bool("update", false, "rewrite the golden files under testdata/ instead of comparing with them")

// Parse reads a txtar archive into a file system.
func Parse(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(body.String()), Mode: 0o644}
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return fsys
}

// Root returns the repository's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// WithTheme adds a copy of every file of the stock theme to fsys, as if
// the site overrode them all, keeping any file fsys already has: for tests
// that change a stock file in place.
func WithTheme(t testing.TB, fsys fstest.MapFS) fstest.MapFS {
	t.Helper()
	root := theme.FS()
	for _, dir := range []string{theme.LayoutsDir, theme.StaticDir} {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if _, ok := fsys[p]; ok {
				return nil
			}
			b, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// Load reads testdata/sites/NAME.txtar of the repository.
func Load(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Root(), "testdata", "sites", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(string(b))
}

// Bare returns the small test site without its reports, lists and
// posts, its period set to start–end (months "YYYY-MM"), for tests that
// write their own targets and reports.
func Bare(t testing.TB, start, end string) fstest.MapFS {
	t.Helper()
	fsys := Load(t, "small")
	for name := range fsys {
		if strings.HasPrefix(name, "data/reports/") || strings.HasPrefix(name, "data/lists/") || strings.HasPrefix(name, "content/cap-nhat/") {
			delete(fsys, name)
		}
	}
	site := string(fsys["site.toml"].Data)
	for _, r := range [][2]string{
		{`start = "2020-01"`, `start = "` + start + `"`},
		{`end = "2020-04"`, `end = "` + end + `"`},
	} {
		if !strings.Contains(site, r[0]) {
			t.Fatalf("the small site's site.toml has no %s: update the test", r[0])
		}
		site = strings.Replace(site, r[0], r[1], 1)
	}
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	return fsys
}

// WriteDir writes testdata/sites/NAME.txtar into a new
// temporary folder and returns it, for tests that need a site on disk.
func WriteDir(t testing.TB, name string) string {
	t.Helper()
	dir := t.TempDir()
	for p, f := range Load(t, name) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// CopyExample copies the example site's inputs (the repository's own
// site.toml, content, data, layouts and static) into a new temporary folder
// and returns it, for tests that write into a site: never into the
// repository.
func CopyExample(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, in := range []string{"site.toml", "content", "data", "layouts", "static"} {
		src := filepath.Join(Root(), in)
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(Root(), p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return dir
}

// SyncBuffer is a bytes.Buffer that one goroutine may write while another
// reads or waits, for the output of a server under test.
type SyncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{} // closed by the next Write, for Wait
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Wait waits until what was written so far matches re and returns the
// match and its submatches. It wakes up on every write, and fails t if
// nothing matches within d.
func (s *SyncBuffer) Wait(t testing.TB, re *regexp.Regexp, d time.Duration) []string {
	t.Helper()
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		m := re.FindStringSubmatch(s.b.String())
		if m == nil && s.changed == nil {
			s.changed = make(chan struct{})
		}
		changed := s.changed
		s.mu.Unlock()
		if m != nil {
			return m
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("nothing matching %q was written within %v; got:\n%s", re, d, s.String())
			return nil
		}
	}
}

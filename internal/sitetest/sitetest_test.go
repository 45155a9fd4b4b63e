package sitetest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestEveryTestPackageDefinesUpdate: go test ./... -update fails with "flag
// provided but not defined" in any test binary that does not import this
// package.
func TestEveryTestPackageDefinesUpdate(t *testing.T) {
	const self = "github.com/minhbach/minhbach/internal/sitetest"
	imports := map[string]bool{} // folder with tests: whether one imports self
	root := Root()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, "_test.go") {
			return nil
		}
		dir, _ := filepath.Rel(root, filepath.Dir(p))
		dir = filepath.ToSlash(dir)
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		found := imports[dir] || dir == "internal/sitetest"
		for _, im := range f.Imports {
			if path, _ := strconv.Unquote(im.Path.Value); path == self {
				found = true
			}
		}
		imports[dir] = found
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 5 {
		t.Fatalf("found tests in only %d folders under %s", len(imports), root)
	}
	var missing []string
	for dir, ok := range imports {
		if !ok {
			missing = append(missing, dir)
		}
	}
	slices.Sort(missing)
	for _, dir := range missing {
		t.Errorf("%s: no test file imports internal/sitetest, so go test ./... -update fails there: add a file update_test.go with import _ %q", dir, self)
	}
}

func TestSyncBufferWait(t *testing.T) {
	var b SyncBuffer
	re := regexp.MustCompile(`Preview: (http://\S+)/`)
	go func() {
		b.Write([]byte("Building…\n"))
		b.Write([]byte("Preview: http://127.0.0.1:4"))
		b.Write([]byte("321/\n"))
	}()
	if m := b.Wait(t, re, 10*time.Second); m[1] != "http://127.0.0.1:4321" {
		t.Errorf("match %q", m)
	}
}

// fatalTB records Fatalf instead of stopping the test.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = format
}

func TestSyncBufferWaitFails(t *testing.T) {
	var b SyncBuffer
	b.Write([]byte("Building…\n"))
	tb := &fatalTB{TB: t}
	if m := b.Wait(tb, regexp.MustCompile(`Preview`), time.Millisecond); m != nil || tb.msg == "" {
		t.Errorf("Wait returned %q and reported %q for output that never matches", m, tb.msg)
	}
}

package load_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxLines is the size past which a package asks to be split by what it
// does (STYLE.md): load reads the data files; package overlay reads the
// site's theme, package report the reports, package content the pages.
const maxLines = 1500

// TestPackageSize counts the lines of load's non-test files.
func TestPackageSize(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n += bytes.Count(b, []byte("\n"))
	}
	if n > maxLines {
		t.Errorf("package load has %d lines of non-test code, more than %d: move a part that does one thing into its own package", n, maxLines)
	}
}

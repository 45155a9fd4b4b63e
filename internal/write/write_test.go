package write

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// snapshot returns the files of dir, but the marker, by their paths.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != filepath.Join(dir, Marker) {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// swaps runs test with the atomic exchange, where the system has one, and
// with the two renames used elsewhere.
func swaps(t *testing.T, test func(t *testing.T)) {
	t.Run("exchange", test)
	t.Run("renames", func(t *testing.T) {
		exchange = func(a, b string) bool { return false }
		t.Cleanup(func() { exchange = renameExchange })
		test(t)
	})
}

func TestReplace(t *testing.T) { swaps(t, testReplace) }

func testReplace(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("1"), "old/index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("2"), "new/a.css": []byte("y")}); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, dest)
	if len(got) != 2 || got["index.html"] != "2" || got[filepath.Join("new", "a.css")] != "y" {
		t.Errorf("output %v: want exactly the second build", got)
	}
	if b, err := os.ReadFile(filepath.Join(dest, Marker)); err != nil || !strings.Contains(string(b), "minhbach") {
		t.Errorf("no marker in the output: %q, %v", b, err)
	}
	if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
	}
}

// TestFailedWriteKeepsOutput makes the writing fail half-way, as a full disk
// would, and checks that the previous output is untouched.
func TestFailedWriteKeepsOutput(t *testing.T) { swaps(t, testFailedWriteKeepsOutput) }

func testFailedWriteKeepsOutput(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("old")})
	// "a" is written as a file, then "a/b" needs it to be a folder.
	err := Dir(context.Background(), dest, map[string][]byte{"a": []byte("1"), "a/b": []byte("2"), "index.html": []byte("new")})
	if err == nil {
		t.Fatal("no error")
	}
	if got := snapshot(t, dest); len(got) != 1 || got["index.html"] != "old" {
		t.Errorf("output %v after a failed write", got)
	}
	if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
	}
}

func TestCancelledKeepsOutput(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("old")})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Dir(ctx, dest, map[string][]byte{"index.html": []byte("new")}); err == nil {
		t.Fatal("no error")
	}
	if got := snapshot(t, dest); got["index.html"] != "old" {
		t.Errorf("output %v after a cancelled build", got)
	}
	if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
	}
}

// TestLeftovers puts back what a build killed between two renames left (the
// previous output moved aside, a half-written new one) and cleans up.
func TestLeftovers(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	os.MkdirAll(dest+oldSuffix+"1", 0o755)
	os.WriteFile(filepath.Join(dest+oldSuffix+"1", "index.html"), []byte("old"), 0o644)
	os.MkdirAll(dest+newSuffix+"2", 0o755)
	cleanLeftovers(dest)
	if got := snapshot(t, dest); got["index.html"] != "old" {
		t.Errorf("the previous output was not put back: %v", got)
	}
	if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
	}
}

func TestRefusesPathsOutside(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := Dir(context.Background(), dest, map[string][]byte{"../escape.html": []byte("x")}); err == nil {
		t.Error("wrote outside the output folder")
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
		t.Error("escape.html exists")
	}
}

// TestUnchangedFilesLinked checks that a file the previous output has byte
// for byte is kept (the same file), and a changed one is written anew.
func TestUnchangedFilesLinked(t *testing.T) { swaps(t, testUnchangedFilesLinked) }

func testUnchangedFilesLinked(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	stat := func(name string) os.FileInfo {
		info, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	if err := Dir(context.Background(), dest, map[string][]byte{"same.html": []byte("a"), "changed.html": []byte("b")}); err != nil {
		t.Fatal(err)
	}
	same, changed := stat("same.html"), stat("changed.html")
	if err := Dir(context.Background(), dest, map[string][]byte{"same.html": []byte("a"), "changed.html": []byte("c")}); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(stat("same.html"), same) {
		t.Error("an unchanged file was written again")
	}
	if os.SameFile(stat("changed.html"), changed) {
		t.Error("a changed file was written in place")
	}
	if got := snapshot(t, dest); got["changed.html"] != "c" || got["same.html"] != "a" {
		t.Errorf("output %v", got)
	}
}

// TestSecondRenameFails makes the move of the new output into place fail,
// on the path without an atomic exchange, and checks that the previous
// output is put back.
func TestSecondRenameFails(t *testing.T) {
	exchange = func(a, b string) bool { return false }
	t.Cleanup(func() { exchange, rename = renameExchange, os.Rename })
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	rename = func(from, to string) error {
		if strings.Contains(from, newSuffix) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("disk on fire")}
		}
		return os.Rename(from, to)
	}
	err := Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("new")})
	if err == nil || !strings.Contains(err.Error(), "cannot move the new output into place: disk on fire") {
		t.Errorf("error %v", err)
	}
	if got := snapshot(t, dest); got["index.html"] != "old" {
		t.Errorf("output %v: want the previous output back", got)
	}
	if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
	}
}

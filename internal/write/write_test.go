package write

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
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

func TestReplace(t *testing.T) {
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
	if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
	}
}

// TestFailedWriteKeepsOutput makes the writing fail half-way, as a full disk
// would, and checks that the previous output is untouched.
func TestFailedWriteKeepsOutput(t *testing.T) {
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
// for byte is kept (the same inode), and a changed one is written anew.
func TestUnchangedFilesLinked(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	inode := func(name string) uint64 {
		info, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		return info.Sys().(*syscall.Stat_t).Ino
	}
	Dir(context.Background(), dest, map[string][]byte{"same.html": []byte("a"), "changed.html": []byte("b")})
	same := inode("same.html")
	if err := Dir(context.Background(), dest, map[string][]byte{"same.html": []byte("a"), "changed.html": []byte("c")}); err != nil {
		t.Fatal(err)
	}
	if inode("same.html") != same {
		t.Error("an unchanged file was written again")
	}
	if got := snapshot(t, dest); got["changed.html"] != "c" || got["same.html"] != "a" {
		t.Errorf("output %v", got)
	}
}

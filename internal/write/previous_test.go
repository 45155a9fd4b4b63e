package write

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/minhbach/minhbach/internal/testproc"
)

// TestPreviousLink checks which files of a previous output are linked into
// a new one: a regular file inside it holding the same bytes, at any depth;
// never a changed file, a symbolic link, or a file reached through a link
// out of the folder. It runs with openat2 where the system has it and with
// the portable reads through an os.Root.
func TestPreviousLink(t *testing.T) {
	for _, mode := range []string{"beneath", "root"} {
		t.Run(mode, func(t *testing.T) {
			root := t.TempDir()
			prevDir := filepath.Join(root, "prev")
			testproc.MkFile(t, filepath.Join(prevDir, "same.html"), "same")
			testproc.MkFile(t, filepath.Join(prevDir, "a", "b", "c", "index.html"), "deep")
			testproc.MkFile(t, filepath.Join(prevDir, "changed.html"), "old!")
			testproc.MkFile(t, filepath.Join(prevDir, "big.json"), string(make([]byte, 100<<10)))
			testproc.MkFile(t, filepath.Join(root, "outside", "page.html"), "out")
			symlink(t, "same.html", filepath.Join(prevDir, "link.html"))
			symlink(t, filepath.Join(root, "outside"), filepath.Join(prevDir, "out"))
			pv := openPrevious(prevDir)
			if pv == nil {
				t.Fatal("no previous output")
			}
			defer pv.close()
			if mode == "root" {
				pv.noBeneath.Store(true)
			} else if pv.fd < 0 {
				t.Skip("no openat2 on this system")
			}
			big := make([]byte, 100<<10)
			bigChanged := make([]byte, 100<<10)
			bigChanged[len(bigChanged)-1] = 1
			tests := []struct {
				name string
				data []byte
				want bool
			}{
				{"same.html", []byte("same"), true},
				{"a/b/c/index.html", []byte("deep"), true},
				{"big.json", big, true},
				{"big.json", bigChanged, false},
				{"changed.html", []byte("new!"), false},
				{"changed.html", []byte("longer"), false},
				{"link.html", []byte("same"), false},
				{"out/page.html", []byte("out"), false},
				{"missing.html", []byte("x"), false},
			}
			for i, tt := range tests {
				path := filepath.Join(root, "new", filepath.FromSlash(tt.name)) + string(rune('0'+i))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if got := pv.link(tt.name, path, tt.data); got != tt.want {
					t.Errorf("%s: linked %v, want %v", tt.name, got, tt.want)
				}
				info, err := os.Lstat(path)
				if !tt.want {
					if err == nil {
						t.Errorf("%s: something left at the new path", tt.name)
					}
					continue
				}
				old, err2 := os.Lstat(filepath.Join(prevDir, filepath.FromSlash(tt.name)))
				if err != nil || err2 != nil || !os.SameFile(info, old) {
					t.Errorf("%s: the new path is not the previous file: %v %v", tt.name, err, err2)
				}
			}
		})
	}
}

// TestRemoveKnown checks the removal of a previous output by the names of
// its files: every file and folder goes, the ones it was not told of with
// removeTree after it, and nothing is removed through a symbolic link, even
// one named as the folder of a known file.
func TestRemoveKnown(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	testproc.MkFile(t, filepath.Join(outside, "keep.txt"), "precious")
	testproc.MkFile(t, filepath.Join(outside, "deeper", "keep.txt"), "precious")
	old := filepath.Join(root, "old")
	known := []string{"index.html", "a/index.html", "a/b/index.html", "a/b/c/index.html", "a/b/c/data.csv", "d/e/index.html"}
	for _, n := range known {
		testproc.MkFile(t, filepath.Join(old, filepath.FromSlash(n)), "x")
	}
	testproc.MkFile(t, filepath.Join(old, "a", "b", "unknown.html"), "x")
	testproc.MkFile(t, filepath.Join(old, "f", "g", "index.html"), "x")
	symlink(t, outside, filepath.Join(old, "a", "link"))
	known = append(known, "a/link/keep.txt", "a/link/deeper/keep.txt")
	removeKnown(old, known)
	left := snapshot(t, old)
	if runtime.GOOS == "linux" {
		want := []string{"a/b/unknown.html", "a/link", "f/g/index.html"}
		if got := slices.Sorted(maps.Keys(left)); !slices.Equal(got, want) {
			t.Errorf("left after removeKnown: %v, want %v", got, want)
		}
	}
	removeTree(old)
	if _, err := os.Lstat(old); err == nil {
		t.Error("the old tree is still there")
	}
	if got := snapshot(t, outside); got["keep.txt"] != "precious" || got["deeper/keep.txt"] != "precious" {
		t.Errorf("a file outside was removed: %v", got)
	}
}

package write

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/testproc"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
}

// TestRefusesForeignOutput checks that an output folder that is not
// missing, empty or marked is refused with a message saying what to do,
// that nothing under the test's folder changes, and that nothing is left
// beside it.
func TestRefusesForeignOutput(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root string) (dest string)
		want  string
	}{
		{"a folder of unrelated files", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "Documents", "letter.txt"), "dear")
			return filepath.Join(root, "Documents")
		}, "was not written by minhbach (it has no .minhbach-output file), and a build replaces the whole output folder; choose a new or empty folder with -out, or delete this one yourself"},
		{"a folder with only a hidden file", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "out", ".htaccess"), "Deny from all")
			return filepath.Join(root, "out")
		}, "was not written by minhbach"},
		{"a regular file", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "notes.txt"), "remember")
			return filepath.Join(root, "notes.txt")
		}, "this is a file, not a folder, and a build never replaces a file"},
		{"a link to a regular file", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "notes.txt"), "remember")
			symlink(t, filepath.Join(root, "notes.txt"), filepath.Join(root, "out"))
			return filepath.Join(root, "out")
		}, "this is a file, not a folder"},
		{"a link to a folder of unrelated files", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "www", "portal", "index.php"), "<?php")
			symlink(t, filepath.Join(root, "www", "portal"), filepath.Join(root, "public"))
			return filepath.Join(root, "public")
		}, "was not written by minhbach"},
		{"a .git folder", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "repo", ".git", "HEAD"), "ref: refs/heads/main\n")
			return filepath.Join(root, "repo", ".git")
		}, "refusing to write into a .git folder"},
		{"a new folder inside .git", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "repo", ".git", "HEAD"), "ref: refs/heads/main\n")
			return filepath.Join(root, "repo", ".git", "public")
		}, "refusing to write into a .git folder"},
		{"a marked output holding .git", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "out", Marker), "")
			testproc.MkFile(t, filepath.Join(root, "out", ".git", "HEAD"), "ref: refs/heads/gh-pages\n")
			return filepath.Join(root, "out")
		}, "the output folder holds a .git folder, which a build would delete"},
		{"a marker that is a folder", func(t *testing.T, root string) string {
			testproc.MkFile(t, filepath.Join(root, "out", Marker, "x"), "")
			return filepath.Join(root, "out")
		}, "was not written by minhbach"},
		{"a dangling link", func(t *testing.T, root string) string {
			symlink(t, filepath.Join(root, "gone"), filepath.Join(root, "public"))
			return filepath.Join(root, "public")
		}, "is a symbolic link to " + string(filepath.Separator)},
		{"inside a dangling link", func(t *testing.T, root string) string {
			symlink(t, filepath.Join(root, "gone"), filepath.Join(root, "www"))
			return filepath.Join(root, "www", "public")
		}, "which does not exist; create that folder or remove the link"},
		{"the root", func(t *testing.T, root string) string {
			return filepath.VolumeName(root) + string(filepath.Separator)
		}, "refusing to replace the root folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := tt.setup(t, root)
			before := snapshot(t, root)
			beside := names(t, root)
			err := Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("new")})
			if err == nil || !strings.HasPrefix(err.Error(), dest+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error naming %s and saying %q", err, dest, tt.want)
			}
			if after := snapshot(t, root); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a refused write changed files:\n%v\n%v", before, after)
			}
			if n := names(t, root); !slices.Equal(n, beside) {
				t.Errorf("left behind: %v, was %v", n, beside)
			}
		})
	}
}

// TestReplacesEmptyOrMarked checks the folders that may be replaced: a
// missing one (with missing parents), an empty one, and a previous output.
func TestReplacesEmptyOrMarked(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{"index.html": []byte("new")}
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	marked := filepath.Join(root, "marked")
	testproc.MkFile(t, filepath.Join(marked, Marker), "")
	testproc.MkFile(t, filepath.Join(marked, "stale.html"), "old")
	for _, dest := range []string{filepath.Join(root, "a", "b", "public"), empty, marked} {
		if err := Dir(context.Background(), dest, files); err != nil {
			t.Errorf("%s: %v", dest, err)
			continue
		}
		if got := snapshot(t, dest); len(got) != 1 || got["index.html"] != "new" {
			t.Errorf("%s: output %v", dest, got)
		}
	}
}

// TestOutputThroughLink writes through public -> www/portal, as a deploy
// set-up does: the folder the link leads to is replaced, the link stays a
// link, and the temporary folders are made beside the folder.
func TestOutputThroughLink(t *testing.T) { swaps(t, testOutputThroughLink) }

func testOutputThroughLink(t *testing.T) {
	root := t.TempDir()
	webroot := filepath.Join(root, "www", "portal")
	if err := os.MkdirAll(webroot, 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(root, "site")
	os.Mkdir(site, 0o755)
	link := filepath.Join(site, "public")
	symlink(t, filepath.Join("..", "www", "portal"), link) // a relative link
	for i, content := range []string{"one", "two"} {
		if err := Dir(context.Background(), link, map[string][]byte{"index.html": []byte(content)}); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d: the link was replaced (%v)", i, err)
		}
		if got := snapshot(t, webroot); len(got) != 1 || got["index.html"] != content {
			t.Errorf("build %d: web root %v", i, got)
		}
		if n := names(t, filepath.Dir(webroot)); !slices.Equal(n, []string{"portal"}) {
			t.Errorf("build %d: left beside the web root: %v", i, n)
		}
		if n := names(t, site); !slices.Equal(n, []string{"public"}) {
			t.Errorf("build %d: left beside the link: %v", i, n)
		}
	}
}

// TestRemovalStaysInside checks that removing a previous output never
// follows a symbolic link out of it: neither one inside it, nor one put in
// its place.
func TestRemovalStaysInside(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	testproc.MkFile(t, filepath.Join(outside, "keep.txt"), "precious")
	old := filepath.Join(root, "old")
	testproc.MkFile(t, filepath.Join(old, "index.html"), "x")
	symlink(t, outside, filepath.Join(old, "link"))
	testproc.MkFile(t, filepath.Join(old, "sub", "deeper", "index.html"), "x")
	symlink(t, outside, filepath.Join(old, "sub", "link"))
	symlink(t, outside, filepath.Join(old, "sub", "deeper", "link"))
	removeTree(old)
	if _, err := os.Lstat(old); err == nil {
		t.Error("the old tree is still there")
	}
	link := filepath.Join(root, "swapped-in")
	symlink(t, outside, link)
	removeTree(link)
	if _, err := os.Lstat(link); err == nil {
		t.Error("the link is still there")
	}
	if got := snapshot(t, outside); got["keep.txt"] != "precious" {
		t.Errorf("a file outside was removed: %v", got)
	}
}

// TestNoLinkToOutside puts a symbolic link in a previous output, leading to
// a file of the same content as a new one: the new file must be written,
// not hard-linked to the file outside, which must stay as it was.
func TestNoLinkToOutside(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	testproc.MkFile(t, filepath.Join(outside, "page.html"), "same")
	dest := filepath.Join(root, "public")
	if err := Dir(context.Background(), dest, map[string][]byte{"index.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	symlink(t, outside, filepath.Join(dest, "sub"))
	if err := Dir(context.Background(), dest, map[string][]byte{"sub/page.html": []byte("same")}); err != nil {
		t.Fatal(err)
	}
	a, err1 := os.Stat(filepath.Join(dest, "sub", "page.html"))
	b, err2 := os.Stat(filepath.Join(outside, "page.html"))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if os.SameFile(a, b) {
		t.Error("the output's file is a hard link to a file outside the output")
	}
}

// TestMarkerNameKept checks that the site cannot write a file in place of
// the marker.
func TestMarkerNameKept(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Dir(context.Background(), dest, map[string][]byte{Marker: []byte("x")}); err == nil {
		t.Error("wrote the marker's name")
	}
}

// TestSecondBuildRefused begins two writes into one output, as two builds
// at once do: the second is refused while the first runs, and does not
// touch its temporary folder; once the first is done, a third may begin.
func TestSecondBuildRefused(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	first, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Put("index.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	_, err = Begin(dest)
	want := fmt.Sprintf("%s: another minhbach build (process %d) is writing this output folder; wait for it to finish, then build again", dest, os.Getpid())
	if err == nil || err.Error() != want {
		t.Errorf("second build: got %v, want %q", err, want)
	}
	if err := first.Put("a/b.html", []byte("first")); err != nil {
		t.Fatalf("the first build could not go on: %v", err)
	}
	if err := first.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dest); len(got) != 2 || got["index.html"] != "first" {
		t.Errorf("output %v", got)
	}
	third, err := Begin(dest)
	if err != nil {
		t.Fatalf("a build after the first: %v", err)
	}
	third.Abort()
	if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
	}
}

// TestResolve checks the spellings of one folder that Resolve must bring
// together.
func TestResolve(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(root, "srv", "site")
	os.MkdirAll(filepath.Join(site, "data"), 0o755)
	symlink(t, filepath.Join(root, "srv"), filepath.Join(root, "alias"))
	symlink(t, filepath.Join("..", "srv", "site", "data"), filepath.Join(root, "srv", "d"))
	t.Chdir(filepath.Join(root, "alias", "site")) // entered through the alias
	sep := string(filepath.Separator)
	tests := []struct{ path, want string }{
		{filepath.Join(root, "alias", "site"), site},
		{filepath.Join(root, "alias", "site") + sep + sep, site},
		{filepath.Join(root, "alias", "site", "public"), filepath.Join(site, "public")},
		{filepath.Join(root, "alias", "site", "new", "deeper"), filepath.Join(site, "new", "deeper")},
		{".", site},
		{"public", filepath.Join(site, "public")},
		{filepath.Join("..", "d", "x"), filepath.Join(site, "data", "x")},
		// The system follows the link before "..": d/.. is srv/site.
		{filepath.Join(root, "srv", "d") + sep + ".." + sep + "x", filepath.Join(site, "x")},
	}
	for _, tt := range tests {
		if got, err := Resolve(tt.path); err != nil || got != tt.want {
			t.Errorf("Resolve(%s) = %s, %v; want %s", tt.path, got, err, tt.want)
		}
	}
}

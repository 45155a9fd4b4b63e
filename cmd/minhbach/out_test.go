package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/testproc"
)

// tree sums every file under dir, and records symbolic links as their
// targets, to check that a refused build changed nothing.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		switch {
		case err != nil:
			out[rel] = "error " + err.Error()
		case d.Type()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "-> " + target
		case !d.IsDir():
			b, _ := os.ReadFile(p)
			sum := sha256.Sum256(b)
			out[rel] = hex.EncodeToString(sum[:8])
		}
		return nil
	})
	return out
}

// changed lists the paths that differ between two trees.
func changed(before, after map[string]string) []string {
	var out []string
	for p, sum := range before {
		if after[p] != sum {
			out = append(out, p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			out = append(out, p+" (new)")
		}
	}
	slices.Sort(out)
	return out
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
}

// TestBuildRefusesOutput runs the builds that used to delete folders
// minhbach did not write, however the output is spelled, and checks that
// each is refused with a message saying what to do and that no file under
// the test's folder changed.
func TestBuildRefusesOutput(t *testing.T) {
	tests := []struct {
		name string
		// setup prepares root (which holds the site at root/srv/site) and
		// returns the arguments after "build" and the folder to run in ("" for
		// no change).
		setup func(t *testing.T, root, site string) (args []string, cwd string)
		want  string
	}{
		{"out is a link to the site", func(t *testing.T, root, site string) ([]string, string) {
			symlink(t, site, filepath.Join(root, "link"))
			return []string{"-src", site, "-out", filepath.Join(root, "link")}, ""
		}, "is the site folder"},
		{"out through an alias of the site's parent", func(t *testing.T, root, site string) ([]string, string) {
			symlink(t, filepath.Join(root, "srv"), filepath.Join(root, "alias"))
			return []string{"-src", site, "-out", filepath.Join(root, "alias", "site")}, ""
		}, "is the site folder"},
		{"out is the parent through an alias", func(t *testing.T, root, site string) ([]string, string) {
			symlink(t, filepath.Join(root, "srv"), filepath.Join(root, "alias"))
			return []string{"-src", site, "-out", filepath.Join(root, "alias")}, ""
		}, "would contain the site folder"},
		{"current folder entered through an alias", func(t *testing.T, root, site string) ([]string, string) {
			symlink(t, filepath.Join(root, "srv"), filepath.Join(root, "alias"))
			return []string{"-src", site, "-out", "."}, filepath.Join(root, "alias", "site")
		}, "is the site folder"},
		{"src entered through an alias", func(t *testing.T, root, site string) ([]string, string) {
			symlink(t, filepath.Join(root, "srv"), filepath.Join(root, "alias"))
			return []string{"-src", ".", "-out", site}, filepath.Join(root, "alias", "site")
		}, "is the site folder"},
		{"out inside data through a link", func(t *testing.T, root, site string) ([]string, string) {
			symlink(t, filepath.Join(site, "data"), filepath.Join(root, "d"))
			return []string{"-src", site, "-out", filepath.Join(root, "d", "out")}, ""
		}, "inside the site's data/ folder"},
		{".git", func(t *testing.T, root, site string) ([]string, string) {
			testproc.MkFile(t, filepath.Join(site, ".git", "HEAD"), "ref: refs/heads/main\n")
			return []string{"-out", ".git"}, site
		}, ".git"},
		{"new folder inside .git", func(t *testing.T, root, site string) ([]string, string) {
			testproc.MkFile(t, filepath.Join(site, ".git", "HEAD"), "ref: refs/heads/main\n")
			return []string{"-out", ".git/public"}, site
		}, ".git"},
		{"a folder of the repository", func(t *testing.T, root, site string) ([]string, string) {
			testproc.MkFile(t, filepath.Join(site, "internal", "write", "write.go"), "package write\n")
			return []string{"-out", "internal"}, site
		}, "was not written by minhbach"},
		{"a folder of unrelated files", func(t *testing.T, root, site string) ([]string, string) {
			testproc.MkFile(t, filepath.Join(root, "Documents", "letter.txt"), "dear")
			testproc.MkFile(t, filepath.Join(root, "Documents", "taxes", "2025.pdf"), "%PDF")
			return []string{"-src", site, "-out", filepath.Join(root, "Documents")}, ""
		}, "was not written by minhbach"},
		{"a link to a folder of unrelated files", func(t *testing.T, root, site string) ([]string, string) {
			testproc.MkFile(t, filepath.Join(root, "www", "portal", "index.php"), "<?php")
			symlink(t, filepath.Join(root, "www", "portal"), filepath.Join(site, "public"))
			return []string{"-src", site}, ""
		}, "was not written by minhbach"},
		{"a regular file", func(t *testing.T, root, site string) ([]string, string) {
			testproc.MkFile(t, filepath.Join(site, "notes.txt"), "remember")
			return []string{"-out", "notes.txt"}, site
		}, "is a file, not a folder"},
		{"an output holding a repository", func(t *testing.T, root, site string) ([]string, string) {
			testproc.MkFile(t, filepath.Join(root, "deploy", ".minhbach-output"), "")
			testproc.MkFile(t, filepath.Join(root, "deploy", ".git", "HEAD"), "ref: refs/heads/gh-pages\n")
			return []string{"-src", site, "-out", filepath.Join(root, "deploy")}, ""
		}, ".git"},
		{"a dangling link", func(t *testing.T, root, site string) ([]string, string) {
			symlink(t, filepath.Join(root, "gone"), filepath.Join(root, "out"))
			return []string{"-src", site, "-out", filepath.Join(root, "out")}, ""
		}, "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "srv", "site")
			if err := os.MkdirAll(filepath.Dir(site), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(writeSite(t), site); err != nil {
				t.Fatal(err)
			}
			args, cwd := tt.setup(t, root, site)
			if cwd != "" {
				t.Chdir(cwd)
			}
			before := tree(t, root)
			code, stdout, stderr := runCLI(append([]string{"build"}, args...)...)
			if code != 1 || stdout != "" || !strings.Contains(stderr, tt.want) {
				t.Errorf("build %s: exit %d, stdout %q, stderr %q; want exit 1 and %q", strings.Join(args, " "), code, stdout, stderr, tt.want)
			}
			if c := changed(before, tree(t, root)); len(c) > 0 {
				t.Errorf("a refused build changed %d files: %v", len(c), c[:min(len(c), 5)])
			}
		})
	}
}

// TestBuildThroughLink builds into public -> a web root, as deployments
// do: the web root gets the site, the link stays a link, nothing is left
// beside either, and the next build replaces the web root's files again.
func TestBuildThroughLink(t *testing.T) {
	root := t.TempDir()
	site := writeSite(t)
	www := filepath.Join(root, "www")
	webroot := filepath.Join(www, "portal")
	if err := os.MkdirAll(webroot, 0o755); err != nil { // empty, as on a new server
		t.Fatal(err)
	}
	link := filepath.Join(site, "public")
	symlink(t, webroot, link)
	for i := range 2 {
		if code, _, stderr := runCLI("build", "-src", site); code != 0 {
			t.Fatalf("build %d: exit %d: %s", i, code, stderr)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("build %d: public is no longer a symbolic link (%v)", i, err)
		}
		if _, err := os.Stat(filepath.Join(webroot, "index.html")); err != nil {
			t.Errorf("build %d: the web root has no index.html: %v", i, err)
		}
		if n := names(t, www); !slices.Equal(n, []string{"portal"}) {
			t.Errorf("build %d: left beside the web root: %v", i, n)
		}
		testproc.MkFile(t, filepath.Join(webroot, "stale.html"), "from an older build")
	}
}

// TestBuildEmptyOutput checks that an existing empty folder is accepted.
func TestBuildEmptyOutput(t *testing.T) {
	site := writeSite(t)
	out := filepath.Join(t.TempDir(), "empty")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI("build", "-src", site, "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
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

// TestConcurrentBuilds starts three builds into the same folder at once:
// each must either build or be refused because another is running, and the
// published folder must be one complete build.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs builds as separate processes")
	}
	site := sitetest.Root()
	ref := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI("build", "-src", site, "-out", ref); code != 0 {
		t.Fatalf("reference build: %s", stderr)
	}
	want := digest(t, ref)
	out := filepath.Join(t.TempDir(), "public")
	for round := range 3 {
		var wg sync.WaitGroup
		results := make([]string, 3)
		for i := range results {
			wg.Go(func() {
				cmd := exec.Command(os.Args[0], "build", "-src", site, "-out", out)
				cmd.Env = append(os.Environ(), "MINHBACH_TEST_MAIN=1")
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				switch {
				case err == nil && strings.HasPrefix(stdout.String(), "built "):
				case err != nil && strings.Contains(stderr.String(), "another minhbach build"):
					results[i] = "refused"
				default:
					results[i] = "unexpected: " + stdout.String() + stderr.String()
				}
			})
		}
		wg.Wait()
		for i, r := range results {
			if strings.HasPrefix(r, "unexpected") {
				t.Errorf("round %d, build %d: %s", round, i, r)
			}
		}
		if got := digest(t, out); got != want {
			t.Fatalf("round %d: the published folder is not one complete build", round)
		}
		if n := names(t, filepath.Dir(out)); !slices.Equal(n, []string{"public"}) {
			t.Errorf("round %d: left beside the output: %v", round, n)
		}
	}
}

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/minhbach/minhbach/internal/sitetest"
	"github.com/minhbach/minhbach/internal/testproc"
	"github.com/minhbach/minhbach/internal/write"
)

// TestMain lets the test binary act as minhbach itself when asked, so that
// tests can run it as a separate process and kill it. With
// MINHBACH_TEST_STOP set to a step of the write stage ("put:40" for the
// 40th file, "commit", "swapped"), the build says so on stderr when it
// gets there and waits to be killed.
func TestMain(m *testing.M) {
	if os.Getenv("MINHBACH_TEST_MAIN") == "1" {
		if stop := os.Getenv("MINHBACH_TEST_STOP"); stop != "" {
			write.TestHook = testproc.StopHook(stop)
		}
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// digest sums every file of a folder, to compare outputs.
func digest(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(b)
		lines = append(lines, rel+" "+hex.EncodeToString(sum[:]))
		return err
	})
	if err != nil {
		return "unreadable: " + err.Error()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestKilledBuildKeepsOutput kills builds with SIGKILL at chosen steps of
// writing the output — after the first file, in the middle, with every
// file written, and after the swap — and checks that the output folder is
// then the complete previous build, or the complete new one once swapped,
// never a mix or nothing, and that the next build cleans up what the
// killed one left.
func TestKilledBuildKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 12 builds")
	}
	siteA := sitetest.Root()               // the example site
	siteB := sitetest.WriteDir(t, "small") // another site, of 62 files
	out := filepath.Join(t.TempDir(), "public")
	build := func(site string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "build", "-src", site, "-out", out)
		cmd.Env = append(os.Environ(), "MINHBACH_TEST_MAIN=1")
		return cmd
	}
	complete := map[string]string{}
	for _, site := range []string{siteB, siteA} {
		if b, err := build(site).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", site, err, b)
		}
		complete[site] = digest(t, out)
	}
	current := siteA // the site the output now holds
	steps := []string{"put:1", "put:30", "put:60", "commit", "swapped", "put:5"}
	for i := range 2 * len(steps) {
		site, stop := []string{siteB, siteA}[i%2], steps[i/2]
		cmd := build(site)
		cmd.Env = append(cmd.Env, "MINHBACH_TEST_STOP="+stop)
		testproc.KillAt(t, cmd, stop)
		if stop == "swapped" {
			current = site
		}
		if digest(t, out) != complete[current] {
			t.Fatalf("after build %d was killed at %s the output is not the complete build of %s", i, stop, current)
		}
	}
	if b, err := build(siteA).CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, b)
	}
	if digest(t, out) != complete[siteA] {
		t.Error("the last build did not produce site A")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if !slices.Equal(left, []string{"public"}) {
		t.Errorf("left beside the output after a good build: %v", left)
	}
}

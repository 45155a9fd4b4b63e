package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestMain lets the test binary act as minhbach itself when asked, so that
// tests can run it as a separate process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("MINHBACH_TEST_MAIN") == "1" {
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

// TestKilledBuildKeepsOutput kills builds with SIGKILL at random moments and
// checks that the output folder is always one complete build, never a mix
// or nothing, and that the next build cleans up what the killed one left.
func TestKilledBuildKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 25 builds")
	}
	siteA := sitetest.Root()               // the example site
	siteB := sitetest.WriteDir(t, "small") // another site
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
		complete[digest(t, out)] = site
	}
	// The output is now site A's.
	rng := rand.New(rand.NewPCG(1, 2))
	killed := 0
	for i := range 25 {
		site := []string{siteA, siteB}[i%2]
		cmd := build(site)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err != nil {
			killed++
		}
		if _, ok := complete[digest(t, out)]; !ok {
			t.Fatalf("after kill %d the output is neither complete build", i)
		}
	}
	if killed < 5 {
		t.Errorf("only %d of 25 builds were killed before they finished: the delays are too long", killed)
	}
	if b, err := build(siteA).CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, b)
	}
	if complete[digest(t, out)] != siteA {
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

package write

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/minhbach/minhbach/internal/testproc"
)

// The child process of TestKilledWrite: it writes version MINHBACH_WRITE
// ("old" or "new") of a small site into MINHBACH_WRITE_DEST and, at the
// step MINHBACH_WRITE_STOP ("put:3"), says so and waits to be killed.
// MINHBACH_WRITE_RENAMES=1 makes it swap with two renames.
func TestMain(m *testing.M) {
	if version := os.Getenv("MINHBACH_WRITE"); version != "" {
		os.Exit(child(version))
	}
	os.Exit(m.Run())
}

func child(version string) int {
	if os.Getenv("MINHBACH_WRITE_RENAMES") == "1" {
		exchange = func(a, b string) bool { return false }
	}
	if stop := os.Getenv("MINHBACH_WRITE_STOP"); stop != "" {
		TestHook = testproc.StopHook(stop)
	}
	if err := Dir(context.Background(), os.Getenv("MINHBACH_WRITE_DEST"), siteVersion(version)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// siteVersion returns the files of a small site in two versions that
// share some files, unchanged, and differ in others.
func siteVersion(version string) map[string][]byte {
	files := map[string][]byte{}
	for i := range 12 {
		files[fmt.Sprintf("same/%d.html", i)] = []byte("unchanged " + strconv.Itoa(i))
		files[fmt.Sprintf("%s/%d.html", version, i)] = []byte(version + " " + strconv.Itoa(i))
	}
	files["index.html"] = []byte("home, " + version)
	return files
}

// TestKilledWrite kills writes at each step, with the atomic exchange and
// with the two renames, and checks that the output is then the previous
// or the new version, complete — or, between the two renames, missing and
// put back by the next write — and that the next write cleans up.
func TestKilledWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs writes as separate processes")
	}
	tests := []struct {
		renames bool
		stop    string
		after   string // the version in place after the kill, "" for none
	}{
		{false, "put:1", "old"},
		{false, "put:13", "old"},
		{false, "put:25", "old"},
		{false, "commit", "old"},
		{false, "swapped", "new"},
		{true, "put:7", "old"},
		{true, "commit", "old"},
		{true, "aside", ""},
		{true, "swapped", "new"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("renames=%v/%s", tt.renames, tt.stop), func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if err := Dir(context.Background(), dest, siteVersion("old")); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "MINHBACH_WRITE=new", "MINHBACH_WRITE_DEST="+dest, "MINHBACH_WRITE_STOP="+tt.stop)
			if tt.renames {
				cmd.Env = append(cmd.Env, "MINHBACH_WRITE_RENAMES=1")
			}
			testproc.KillAt(t, cmd, tt.stop)

			if got := version(t, dest); got != tt.after {
				t.Errorf("after the kill the output is %q, want %q", got, tt.after)
			}
			// The next write puts back what the kill left and cleans up.
			tx, err := Begin(dest)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := version(t, dest), cmp.Or(tt.after, "old"); got != want {
				t.Errorf("after the next write began the output is %q, want %q", got, want)
			}
			tx.Abort()
			if n := names(t, parent); !slices.Equal(n, []string{"public"}) {
				t.Errorf("left beside the output: %v", n)
			}
		})
	}
}

// version returns which complete version of siteVersion is in dest, "" if
// it is missing, or a description of what is wrong.
func version(t *testing.T, dest string) string {
	t.Helper()
	if _, err := os.Lstat(dest); err != nil {
		return ""
	}
	got := snapshot(t, dest)
	for _, v := range []string{"old", "new"} {
		want := map[string]string{}
		for name, b := range siteVersion(v) {
			want[filepath.FromSlash(name)] = string(b)
		}
		if fmt.Sprint(got) == fmt.Sprint(want) {
			if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
				return v + " without its marker"
			}
			return v
		}
	}
	return fmt.Sprintf("neither version (%d files)", len(got))
}

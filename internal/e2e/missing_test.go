package e2e

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestMissingTools runs parts of this suite again, as a child process,
// without Chromium and without axe-core: locally a missing tool skips only
// the steps that need it, in CI (CI=true) it fails.
func TestMissingTools(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "CI=") || strings.HasPrefix(kv, "PATH=")
	})
	// run runs the tests that match pattern in folder dir, with PATH set
	// to path, in CI or not.
	run := func(t *testing.T, dir, path string, ci bool, pattern string) (string, bool) {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), exe, "-test.v", "-test.count=1", "-test.run", pattern)
		cmd.Dir = dir
		cmd.Env = append(slices.Clone(env), "PATH="+path)
		if ci {
			cmd.Env = append(cmd.Env, "CI=true")
		}
		out, err := cmd.CombinedOutput()
		if _, failed := err.(*exec.ExitError); err != nil && !failed {
			t.Fatal(err)
		}
		return string(out), err == nil
	}
	expect := func(t *testing.T, out string, lines ...string) {
		t.Helper()
		for _, l := range lines {
			if !strings.Contains(out, l) {
				t.Errorf("the output has no %q:\n%s", l, out)
			}
		}
	}

	t.Run("chromium", func(t *testing.T) {
		noBrowser := t.TempDir() // an empty PATH
		out, ok := run(t, ".", noBrowser, false, "^TestHarnessDetects$")
		if !ok {
			t.Errorf("locally, without Chromium, the test failed:\n%s", out)
		}
		expect(t, out, "--- SKIP: TestHarnessDetects", "Chromium is not installed")
		out, ok = run(t, ".", noBrowser, true, "^TestHarnessDetects$")
		if ok {
			t.Errorf("in CI, without Chromium, the test passed:\n%s", out)
		}
		expect(t, out, "--- FAIL: TestHarnessDetects", "Chromium is not installed")
	})

	t.Run("axe-core", func(t *testing.T) {
		chromium(t)
		// Run from an empty folder, which has no node_modules.
		noAxe := t.TempDir()
		out, ok := run(t, noAxe, os.Getenv("PATH"), false, "^TestPages$/^home$")
		if !ok {
			t.Errorf("locally, without axe-core, the test failed:\n%s", out)
		}
		expect(t, out, "--- PASS: TestPages/home ", "--- SKIP: TestPages/home/axe-1280", "--- SKIP: TestPages/home/axe-360", "axe-core is not installed")
		out, ok = run(t, noAxe, os.Getenv("PATH"), true, "^TestPages$/^home$")
		if ok {
			t.Errorf("in CI, without axe-core, the test passed:\n%s", out)
		}
		expect(t, out, "--- FAIL: TestPages ", "axe-core is not installed", "--- PASS: TestPages/home ")
	})
}

// Package testproc helps tests run their own test binary as a child process
// that stops at a chosen step of its work, so that they can kill it there
// and look at what it left; and lay out the files such a child starts
// from.
//
// It is for tests only: no package of the pipeline imports it.
package testproc

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// StopHook returns a hook for the steps of a child's work (such as
// write.TestHook) that stops at stop: a step name, or a step name and a
// count, "put:40" for the 40th "put". There it says "stopped at STOP" on
// stderr and waits, reading stdin, until it is killed.
func StopHook(stop string) func(step string) {
	want, n, _ := strings.Cut(stop, ":")
	count, _ := strconv.Atoi(n)
	var seen atomic.Int64
	return func(step string) {
		if step == want && seen.Add(1) == int64(max(count, 1)) {
			fmt.Fprintln(os.Stderr, "stopped at", stop)
			os.Stdin.Read(make([]byte, 1)) // until killed
		}
	}
}

// KillAt starts cmd, whose child uses StopHook(stop), waits until the child
// says it stopped there, kills it and waits for it to end. It stops the
// test, with what the child said, if the child stopped elsewhere or ended
// first.
func KillAt(t testing.TB, cmd *exec.Cmd, stop string) {
	t.Helper()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stderr)
	line, _ := r.ReadString('\n')
	// Killed before reading the rest: a child that did not stop would
	// otherwise have to end on its own first.
	cmd.Process.Kill()
	if line != "stopped at "+stop+"\n" {
		rest, _ := io.ReadAll(r)
		cmd.Wait()
		t.Fatalf("the child did not stop at %s: %s%s", stop, line, rest)
	}
	cmd.Wait()
}

// MkFile writes content to the file path, making its folder first.
func MkFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

//go:build linux || darwin || freebsd

package serve

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestRunStopsWithFIFO checks that cancelling stops the preview even when
// the site holds a FIFO, which a build that opens it for reading would wait
// on forever.
func TestRunStopsWithFIFO(t *testing.T) {
	dir := writeSite(t)
	fifo := filepath.Join(dir, "content", "treo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// Let a build stuck on the FIFO go on once the test is over.
	t.Cleanup(func() {
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	out := newNotifyBuffer()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, dir, "127.0.0.1:0", out, out) }()
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("Run did not stop: %q", out.String())
	}
}

//go:build unix

package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// swapped is a site folder in which every file was a regular file when
// looked at, and is a FIFO by the time it is opened.
type swapped struct{ rootFS }

func (s swapped) Stat(name string) (fs.FileInfo, error) {
	return regularInfo{name: filepath.Base(name)}, nil
}

type regularInfo struct{ name string }

func (i regularInfo) Name() string       { return i.name }
func (i regularInfo) Size() int64        { return 1 }
func (i regularInfo) Mode() fs.FileMode  { return 0o644 }
func (i regularInfo) ModTime() time.Time { return time.Time{} }
func (i regularInfo) IsDir() bool        { return false }
func (i regularInfo) Sys() any           { return nil }

// TestFIFOSwappedIn reads a file that turned into a FIFO after it was looked
// at: the read must be refused at once, not wait for a writer forever.
func TestFIFOSwappedIn(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "site.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFO here:", err)
	}
	fsys, closeSite, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(swapped{fsys.(rootFS)}, "site.toml", MaxFileSize)
		done <- err
	}()
	ctx := t.Context()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-time.Until(d)/10))
		defer cancel()
	}
	select {
	case err = <-done:
	case <-ctx.Done():
		// Release the read blocked in open, so that the test ends.
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("reading waits on a FIFO swapped in after the look")
	}
	if !errors.Is(err, ErrNotRegular) {
		t.Errorf("got %v, want %q", err, ErrNotRegular)
	}
}

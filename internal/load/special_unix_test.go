//go:build unix

package load_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// TestSpecialFiles puts a FIFO in place of input files: loading must refuse
// it without opening it, which would wait for a writer forever.
func TestSpecialFiles(t *testing.T) {
	for _, name := range []string{
		"site.toml", "data/units.toml", "data/context.toml", "data/reports/2020-03.toml",
		"data/lists/x.toml", "content/x.md", "content/notes.txt", "layouts/x.html", "layouts/strings.toml", "static/x.css",
	} {
		t.Run(name, func(t *testing.T) {
			dir := sitetest.WriteDir(t, "small")
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.Remove(p)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip("no FIFO here:", err)
			}
			fsys, closeSite, err := load.Dir(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer closeSite()
			done := make(chan error, 1)
			go func() {
				_, err := load.Site(fsys)
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
				// Release the load blocked in open, so that the test ends.
				if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
				t.Fatalf("loading hangs on the FIFO %s", name)
			}
			want := name + ": not a regular file or folder: remove it"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("got:\n%v\nwant a line:\n%s", err, want)
			}
		})
	}
}

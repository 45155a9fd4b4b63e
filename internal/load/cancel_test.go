package load_test

import (
	"context"
	"errors"
	"io/fs"
	"sync"
	"testing"

	"github.com/minhbach/minhbach/internal/load"
	"github.com/minhbach/minhbach/internal/sitetest"
)

// openCounter is a file system that counts the opens of files in it and
// calls after when the first one is.
type openCounter struct {
	fs.FS
	mu    sync.Mutex
	files int
	after func()
}

func (o *openCounter) Open(name string) (fs.File, error) {
	f, err := o.FS.Open(name)
	if err != nil {
		return f, err
	}
	if info, err := f.Stat(); err == nil && !info.IsDir() {
		o.mu.Lock()
		o.files++
		if o.files == 1 && o.after != nil {
			o.after()
		}
		o.mu.Unlock()
	}
	return f, err
}

// TestCancelStopsLoad cancels a load once its first file is opened: the load
// must stop reading files and return the context's error, not the problems
// of files it did not read.
func TestCancelStopsLoad(t *testing.T) {
	all := &openCounter{FS: sitetest.Load(t, "small")}
	if _, err := load.SiteCached(t.Context(), all, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	cut := &openCounter{FS: sitetest.Load(t, "small"), after: cancel}
	_, err := load.SiteCached(ctx, cut, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled load: error %v, want context.Canceled", err)
	}
	// The file being read when ctx is cancelled is opened twice: to check
	// its type, and to read it.
	if cut.files > 2 {
		t.Errorf("cancelled at the first file, the load went on to open files %d times of %d", cut.files, all.files)
	}
}

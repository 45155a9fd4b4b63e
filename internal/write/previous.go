package write

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// previous is the previous output, read to find the files a build need not
// write again: a file it has byte for byte is hard-linked into the new
// output instead. No data is written then, and none is freed when the
// previous output is removed; most files of a monthly update do not
// change, and a link keeps a file's time, so that copies to a web server
// skip it.
//
// It never follows a symbolic link, and never reads or links a file
// outside the folder.
type previous struct {
	dir  string   // the folder, every link resolved
	root *os.Root // reads that cannot leave the folder, on every system
	// fd is the folder open for openat2 on Linux, which checks a whole
	// path in one call where root opens each folder of it in turn (a
	// national site's page is four folders down); -1 elsewhere.
	fd int
	// noBeneath is set once the system refuses openat2 (a kernel before
	// 5.6, or a sandbox that blocks the call): root serves from then on.
	noBeneath atomic.Bool

	mu    sync.Mutex
	known []string // files found in the folder (linked or not), for removeOld
}

// openPrevious opens the previous output dir, or returns nil when there is
// none.
func openPrevious(dir string) *previous {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	return &previous{dir: dir, root: root, fd: openBeneath(dir)}
}

// close closes the folder; Windows does not rename a folder that is open.
func (pv *previous) close() {
	pv.root.Close()
	closeBeneath(pv.fd)
}

// link hard-links the file name of the previous output (slash-separated)
// to path, if it is a regular file holding data byte for byte, and reports
// whether it did.
func (pv *previous) link(name, path string, data []byte) bool {
	if pv.fd >= 0 && !pv.noBeneath.Load() {
		linked, found, ok := linkBeneath(pv.fd, name, path, data)
		if ok {
			if found {
				pv.mu.Lock()
				pv.known = append(pv.known, name)
				pv.mu.Unlock()
			}
			return linked
		}
		pv.noBeneath.Store(true)
	}
	info, err := pv.root.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	b, err := pv.root.ReadFile(name)
	return err == nil && bytes.Equal(b, data) && os.Link(filepath.Join(pv.dir, filepath.FromSlash(name)), path) == nil
}

package write

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
)

// lockSuffix names the lock file beside an output folder.
const lockSuffix = ".minhbach-lock"

// errLocked reports that another process holds a lock.
var errLocked = errors.New("locked")

// A lock keeps other builds out of one output folder. It is an operating
// system lock on a file beside the folder, so it dies with its process,
// even one killed outright, and never needs cleaning up by hand.
type lock struct {
	f    *os.File
	path string
}

// lockOutput takes the lock of the output folder real, or reports that
// another build holds it. name is how the user spelled the folder.
func lockOutput(name, real string) (*lock, error) {
	path := real + lockSuffix
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot create the lock file %s: %w", name, path, unwrap(err))
		}
		if err := tryLock(f); err != nil {
			pid := readPID(f)
			f.Close()
			if errors.Is(err, errLocked) {
				return nil, fmt.Errorf("%s: another minhbach build%s is writing this output folder; wait for it to finish, then build again", name, pid)
			}
			return nil, fmt.Errorf("%s: cannot lock %s: %w", name, path, err)
		}
		// The build that held the lock may have removed the file just
		// before giving the lock up: then this lock guards nothing, and
		// the file now at path must be locked instead.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			f.Truncate(0)
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			return &lock{f: f, path: path}, nil
		}
		f.Close()
	}
}

// readPID returns " (process N)" from a lock file, or "" if it holds none.
func readPID(f *os.File) string {
	b := make([]byte, 20)
	n, _ := f.ReadAt(b, 0)
	b, _, _ = bytes.Cut(b[:n], []byte("\n"))
	if pid, err := strconv.Atoi(string(b)); err == nil && pid > 0 {
		return fmt.Sprintf(" (process %d)", pid)
	}
	return ""
}

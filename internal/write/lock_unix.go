//go:build unix

package write

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive flock on f without waiting.
func tryLock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errLocked
	}
	return err
}

// release removes the lock file, then gives the lock up. Removing it while
// still holding the lock is what lets the next build tell, in lockOutput,
// that the file it locked is the current one.
func (l *lock) release() {
	os.Remove(l.path)
	l.f.Close()
}

//go:build windows

package write

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is where the locked byte lies: far past the process id
// written at the start, which other builds read for their message. Windows
// locks bar reading the bytes they cover.
const lockOffset = 1 << 40

// tryLock takes an exclusive LockFileEx lock on f without waiting.
func tryLock(f *os.File) error {
	ol := windows.Overlapped{Offset: lockOffset & 0xffffffff, OffsetHigh: lockOffset >> 32}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}
	return err
}

// release gives the lock up, then removes the lock file. Windows does not
// remove a file that another process has open, so the file goes only if no
// other build is about to lock it.
func (l *lock) release() {
	l.f.Close()
	os.Remove(l.path)
}

package write

import (
	"bytes"
	"errors"
	"sync"

	"golang.org/x/sys/unix"
)

// openBeneath opens the folder dir for linkBeneath, or returns -1.
func openBeneath(dir string) int {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1
	}
	return fd
}

// closeBeneath closes what openBeneath opened.
func closeBeneath(fd int) {
	if fd >= 0 {
		unix.Close(fd)
	}
}

// compareBuffers hold the parts of previous files read for comparison.
var compareBuffers = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// linkBeneath is previous.link on Linux: it opens name below the folder
// dirfd with openat2, which refuses in one call any symbolic link on the
// way and any path that leaves the folder, compares the file with data,
// and links it to path. ok is false when the system refuses openat2, and
// the caller then checks the portable way.
//
// After linking, the new name must lead to the very file that was
// compared: if a folder of the previous output was replaced by a link in
// between, the link to whatever it led to is removed again.
func linkBeneath(dirfd int, name, path string, data []byte) (linked, ok bool) {
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	fd, err := openat2(dirfd, name, &how)
	switch {
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM), errors.Is(err, unix.EINVAL):
		return false, false
	case err != nil:
		return false, true // missing, a link, outside: written anew
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != int64(len(data)) {
		return false, true
	}
	buf := compareBuffers.Get().(*[32 << 10]byte)
	defer compareBuffers.Put(buf)
	for off := 0; off < len(data); {
		n, err := unix.Read(fd, buf[:min(len(buf), len(data)-off)])
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false, true
		}
		off += n
	}
	if unix.Linkat(dirfd, name, unix.AT_FDCWD, path, 0) != nil {
		return false, true
	}
	var got unix.Stat_t
	if unix.Fstatat(unix.AT_FDCWD, path, &got, unix.AT_SYMLINK_NOFOLLOW) != nil || got.Dev != st.Dev || got.Ino != st.Ino {
		unix.Unlink(path)
		return false, true
	}
	return true, true
}

// openat2 is unix.Openat2, retried a few times when a signal interrupts it
// or a rename elsewhere on the system makes the kernel ask for a retry.
func openat2(dirfd int, name string, how *unix.OpenHow) (fd int, err error) {
	for range 8 {
		fd, err = unix.Openat2(dirfd, name, how)
		if err != unix.EINTR && err != unix.EAGAIN {
			break
		}
	}
	return fd, err
}

package write

import (
	"bytes"
	"errors"
	"path"
	"strings"
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
// and links it to path. found is set when name is a regular file of the
// folder, linked or not. ok is false when the system refuses openat2, and
// the caller then checks the portable way.
//
// After linking, the new name must lead to the very file that was
// compared: if a folder of the previous output was replaced by a link in
// between, the link to whatever it led to is removed again.
func linkBeneath(dirfd int, name, path string, data []byte) (linked, found, ok bool) {
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	fd, err := openat2(dirfd, name, &how)
	switch {
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM), errors.Is(err, unix.EINVAL):
		return false, false, false
	case err != nil:
		return false, false, true // missing, a link, outside: written anew
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return false, false, true
	}
	if st.Size != int64(len(data)) {
		return false, true, true
	}
	buf := compareBuffers.Get().(*[32 << 10]byte)
	defer compareBuffers.Put(buf)
	for off := 0; off < len(data); {
		n, err := unix.Read(fd, buf[:min(len(buf), len(data)-off)])
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false, true, true
		}
		off += n
	}
	if unix.Linkat(dirfd, name, unix.AT_FDCWD, path, 0) != nil {
		return false, true, true
	}
	var got unix.Stat_t
	if unix.Fstatat(unix.AT_FDCWD, path, &got, unix.AT_SYMLINK_NOFOLLOW) != nil || got.Dev != st.Dev || got.Ino != st.Ino {
		unix.Unlink(path)
		return false, true, true
	}
	return true, true, true
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

// removeKnown removes from the folder dir the files names (slash-separated,
// each found in it as a regular file) and then the folders that held them,
// deepest first, each folder opened once with openat2, which follows no
// symbolic link: where os.RemoveAll would first try each folder as a
// file, then list it, then remove what it holds. The folders of one depth
// are removed in parallel. Anything it cannot remove (a file it was not
// told of, a folder changed meanwhile) is left for removeTree.
func removeKnown(dir string, names []string) {
	rootfd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	defer unix.Close(rootfd)
	files := map[string][]string{"": nil} // folder ("" for dir itself) → its files' names
	folders := map[string][]string{}      // folder → the names of its folders
	split := func(p string) (parent, base string) {
		parent, base = path.Split(p)
		return strings.TrimSuffix(parent, "/"), base
	}
	for _, name := range names {
		folder, file := split(name)
		// The folder and those above it not seen yet, each once.
		for f := folder; f != ""; {
			if _, seen := files[f]; seen {
				break
			}
			files[f] = nil
			parent, base := split(f)
			folders[parent] = append(folders[parent], base)
			f = parent
		}
		files[folder] = append(files[folder], file)
	}
	byDepth := map[int][]string{}
	deepest := 0
	for f := range files {
		d := 0
		if f != "" {
			d = strings.Count(f, "/") + 1
		}
		byDepth[d] = append(byDepth[d], f)
		deepest = max(deepest, d)
	}
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	empty := func(folder string) {
		fd := rootfd
		if folder != "" {
			var err error
			if fd, err = openat2(rootfd, folder, &how); err != nil {
				return
			}
			defer unix.Close(fd)
		}
		for _, f := range files[folder] {
			unix.Unlinkat(fd, f, 0)
		}
		for _, sub := range folders[folder] {
			unix.Unlinkat(fd, sub, unix.AT_REMOVEDIR)
		}
	}
	for d := deepest; d >= 0; d-- {
		inParallel(byDepth[d], empty)
	}
}

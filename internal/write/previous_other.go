//go:build !linux

package write

// openBeneath returns -1: only Linux has openat2; previous.link reads
// through an os.Root instead.
func openBeneath(dir string) int { return -1 }

func closeBeneath(fd int) {}

func linkBeneath(dirfd int, name, path string, data []byte) (linked, found, ok bool) {
	return false, false, false
}

// removeKnown does nothing: removeTree removes the whole folder.
func removeKnown(dir string, names []string) {}

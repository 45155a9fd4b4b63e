package write

import "golang.org/x/sys/unix"

// renameExchange swaps two folders in one atomic step (renameat2 with
// RENAME_EXCHANGE), so that no moment exists where the destination is
// missing or half-written. It reports false if the file system cannot.
func renameExchange(a, b string) bool {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE) == nil
}

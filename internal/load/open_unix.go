//go:build unix

package load

import "syscall"

// openNoWait makes opening a FIFO return at once instead of waiting for a
// writer; it changes nothing for a regular file.
const openNoWait = syscall.O_NONBLOCK

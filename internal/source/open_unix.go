//go:build unix

package source

import "syscall"

// openNoWait makes opening a FIFO return at once instead of waiting for a
// writer; it changes nothing for a regular file.
const openNoWait = syscall.O_NONBLOCK

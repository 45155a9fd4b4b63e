//go:build !unix

package source

// openNoWait is zero where opening a file has no non-blocking mode; there
// the site folder cannot hold a FIFO.
const openNoWait = 0

//go:build !linux

package write

// renameExchange cannot swap folders atomically on this system; Commit
// falls back to two renames.
func renameExchange(a, b string) bool { return false }

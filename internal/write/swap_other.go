//go:build !linux

package write

// exchange cannot swap folders atomically on this system; Dir falls back to
// two renames.
func exchange(a, b string) bool { return false }

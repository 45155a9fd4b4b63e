//go:build unix

package build_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system, on
// all cores: a steadier figure than wall time on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

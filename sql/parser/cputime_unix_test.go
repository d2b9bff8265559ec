//go:build unix

package parser

import (
	"syscall"
	"time"
)

// processCPUTime returns the user and system CPU time of the process: a
// measure of the benchmarks' work that other processes on a busy machine
// do not inflate.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

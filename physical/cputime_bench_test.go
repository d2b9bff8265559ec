package physical

import (
	"syscall"
	"testing"
)

// cpuClock reads the process's CPU time (user and system, every thread) in nanoseconds.
// Benchmarks on a shared machine report it besides wall time: "cpu-ns/row" is what the
// work costs, whatever else the machine runs.
func cpuClock() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// cpuPerRow reports the CPU time since start per row of rows per iteration.
func cpuPerRow(b *testing.B, start int64, rows int) {
	b.ReportMetric(float64(cpuClock()-start)/float64(b.N)/float64(rows), "cpu-ns/row")
}

//go:build race

package leakcheck

// raceEnabled: the race detector slows the engine down several times, so the TPC-H test
// runs a subset of the queries under it.
const raceEnabled = true

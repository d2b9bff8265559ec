//go:build !unix

package tpchgen

func cpuTime() float64 { return -1 }

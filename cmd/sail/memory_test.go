package main

import "testing"

func TestGCPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 200},
		{64 << 20, 200},
		{128 << 20, 200},
		{192 << 20, 133},
		{256 << 20, 100},
		{320 << 20, 80},
		{512 << 20, 50},
		{4 << 30, 50},
	} {
		if got := gcPercent(c.live); got != c.want {
			t.Errorf("gcPercent(%d MB) = %d, want %d", c.live>>20, got, c.want)
		}
	}
}

func TestGoMemoryLimit(t *testing.T) {
	const gb = int64(1) << 30
	for _, c := range []struct {
		engine, system, want int64
	}{
		{4 * gb, 24 * gb, 5 * gb},
		{0, 20 * gb, 18 * gb},       // no engine limit: 90% of the machine
		{16 * gb, 20 * gb, 18 * gb}, // capped at 90% of the machine
		{gb, 20 * gb, gb + gb/4},
	} {
		if got := goMemoryLimit(c.engine, c.system); got != c.want {
			t.Errorf("goMemoryLimit(%d, %d) = %d, want %d", c.engine, c.system, got, c.want)
		}
	}
}

func TestShouldRelease(t *testing.T) {
	const mb = uint64(1) << 20
	for _, c := range []struct {
		live, free uint64
		want       bool
	}{
		{40 * mb, 900 * mb, true},   // after a large query
		{500 * mb, 300 * mb, false}, // a large query running: its headroom
		{10 * mb, 100 * mb, false},  // too little to bother
		{64 * mb, 256 * mb, true},
		{65 * mb, 256 * mb, false},
	} {
		if got := shouldRelease(c.live, c.free); got != c.want {
			t.Errorf("shouldRelease(%d MB, %d MB) = %v, want %v", c.live/mb, c.free/mb, got, c.want)
		}
	}
}

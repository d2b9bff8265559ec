package main

import (
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/memory"
)

// The Go runtime's memory settings for the server. Operators account what they hold in
// each query's memory pool (execution.memory_limit) and spill past it, but the process
// also needs room for what is not accounted (batches in flight, scans' buffers) and for
// the garbage collector's headroom: with the default GOGC=100 the heap grows to twice the
// live data before a collection, so a query holding 500 MB of hash tables showed 1.1 GB
// of RSS. Collections are cheap here (the bulk of the heap is Arrow buffers, which hold
// no pointers and are not scanned), so the server trades a little GC time for a smaller
// peak:
//
//   - GOGC adapts to the live heap so that the headroom stays about 256 MB: 200 while
//     the live heap is small (up to 128 MB; TPC-H at SF1 ran 11% faster than with 100),
//     100 at 256 MB, down to 50 (half the live heap) for large heaps. An explicit GOGC in
//     the environment wins.
//   - The soft memory limit (debug.SetMemoryLimit) is the engine's limit plus a quarter
//     (the unaccounted memory), at most 90% of the machine's memory, so that the
//     collector works harder instead of letting the process outgrow the machine or the
//     configured limit. An explicit GOMEMLIMIT in the environment wins.
//   - After a large query the heap is mostly free pages the runtime returns to the system
//     only slowly; when a collection finds the live heap small next to the free memory
//     (at most a quarter of it, and at least 256 MB free), the memory goes back at once
//     (debug.FreeOSMemory, at most every few seconds).
//   - Arrow's default allocator moves buffers that shrink by much (memory.TightAllocator):
//     the Parquet reader's batches held up to twice their size otherwise. It is set in
//     init, before any goroutine allocates.

func init() {
	arrowmem.DefaultAllocator = memory.NewTightAllocator(arrowmem.DefaultAllocator)
}

const (
	// headroom is the heap growth between collections the controller aims for.
	headroom = 256 << 20
	// maxGCPercent is the highest GOGC the controller sets (small heaps).
	maxGCPercent = 200
	// minGCPercent is the lowest GOGC the controller sets.
	minGCPercent = 50
)

var tuneOnce sync.Once

// tuneRuntime applies the memory settings above for an engine limit of limitBytes (0: no
// limit). It is safe to call more than once; only the first call takes effect.
func tuneRuntime(limitBytes int64, log *slog.Logger) {
	tuneOnce.Do(func() {
		if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
			if l := goMemoryLimit(limitBytes, memory.SystemMemory()); l > 0 {
				debug.SetMemoryLimit(l)
				log.Debug("go memory limit", "bytes", l)
			}
		}
		if _, set := os.LookupEnv("GOGC"); !set {
			startGCController()
		}
	})
}

// goMemoryLimit is the runtime's soft limit for an engine limit and the machine's memory.
func goMemoryLimit(engine, system int64) int64 {
	ceiling := system / 10 * 9
	if engine <= 0 {
		return ceiling
	}
	return min(engine+engine/4, ceiling)
}

// gcPercent is the GOGC for a live heap of live bytes.
func gcPercent(live uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	return max(minGCPercent, int(min(maxGCPercent, headroom*100/live)))
}

// gcController sets GOGC after every collection from the live heap it measured, and
// returns free memory to the system after large queries.
type gcController struct {
	sample      []metrics.Sample
	percent     int
	lastRelease time.Time
	releasing   atomic.Bool
}

const (
	// releaseFree is the free heap memory worth returning to the system at once.
	releaseFree = 256 << 20
	// releaseEvery is the shortest interval between two such returns.
	releaseEvery = 5 * time.Second
)

// startGCController registers the controller: a finalizer on an unreachable object runs
// after each collection and re-arms itself.
func startGCController() {
	c := &gcController{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/heap/free:bytes"}}, percent: 100}
	c.arm()
}

type gcSentinel struct{ _ [16]byte }

func (c *gcController) arm() {
	s := new(gcSentinel)
	runtime.SetFinalizer(s, func(*gcSentinel) {
		c.adjust()
		c.arm()
	})
}

func (c *gcController) adjust() {
	metrics.Read(c.sample)
	if c.sample[0].Value.Kind() != metrics.KindUint64 || c.sample[1].Value.Kind() != metrics.KindUint64 {
		return
	}
	live, free := c.sample[0].Value.Uint64(), c.sample[1].Value.Uint64()
	if p := gcPercent(live); p != c.percent {
		c.percent = p
		debug.SetGCPercent(p)
	}
	if shouldRelease(live, free) && time.Since(c.lastRelease) >= releaseEvery && c.releasing.CompareAndSwap(false, true) {
		c.lastRelease = time.Now()
		// Not on the finalizer goroutine: FreeOSMemory runs a collection.
		go func() {
			defer c.releasing.Store(false)
			debug.FreeOSMemory()
		}()
	}
}

// shouldRelease reports whether free heap memory is worth returning to the system now.
func shouldRelease(live, free uint64) bool {
	return free >= releaseFree && live <= free/4
}

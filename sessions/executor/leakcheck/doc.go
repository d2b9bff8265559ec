// Package leakcheck holds only a test: it swaps Arrow's memory.DefaultAllocator for a
// checked allocator in TestMain (this package has no other tests, so nothing else sees the
// swap), runs queries end to end through the executor, as the Spark Connect service does,
// and asserts that every buffer the engine allocated was released when each query ended,
// whether it ran to its end, stopped early (LIMIT), failed or was cancelled.
//
// Run it with ARROW_CHECKED_MAX_RETAINED_FRAMES=30 to see the whole stack of each leaked
// allocation.
package leakcheck

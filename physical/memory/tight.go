package memory

import (
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"
)

// TightAllocator wraps an Arrow allocator so that a buffer shrunk by much is moved to a
// buffer of its new size. Arrow's Go allocator keeps the old backing array when a buffer
// shrinks, and readers reserve generously: the Parquet record reader reserves up to twice
// the batch and then shrinks each column's buffer to the rows it read, so every scanned
// batch held twice its size in memory (and twice what the memory pool accounts for it)
// for as long as an operator kept it. Moving costs a copy of the kept bytes, once per
// buffer.
type TightAllocator struct {
	arrowmem.Allocator
}

// NewTightAllocator wraps a.
func NewTightAllocator(a arrowmem.Allocator) *TightAllocator { return &TightAllocator{Allocator: a} }

// tightSlack is the unused capacity a shrunk buffer may keep: a quarter of its size, and
// always 4 KiB.
func tightSlack(size int) int { return max(size/4, 4<<10) }

// Reallocate resizes b to size bytes, moving it when it shrinks and would keep more than
// tightSlack(size) bytes unused.
func (a *TightAllocator) Reallocate(size int, b []byte) []byte {
	if size < cap(b) && cap(b)-size > tightSlack(size) {
		nb := a.Allocator.Allocate(size)
		copy(nb, b[:min(size, len(b))])
		a.Allocator.Free(b)
		return nb
	}
	return a.Allocator.Reallocate(size, b)
}

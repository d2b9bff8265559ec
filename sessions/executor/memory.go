package executor

import (
	"context"

	"github.com/sailgo/sail/physical/memory"
)

// queryContext gives one query its memory pool (MemoryLimit, no limit when 0) and its spill
// directory under SpillDir; done removes the directory with whatever the query left in it.
func (x *Executor) queryContext(ctx context.Context) (_ context.Context, done func()) {
	dir := memory.NewSpillDir(x.SpillDir)
	ctx = memory.WithSpillDir(memory.WithPool(ctx, memory.NewPool(x.MemoryLimit)), dir)
	return ctx, func() { dir.Close() }
}

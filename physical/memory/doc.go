// Package memory accounts the memory a query's operators hold and gives them a place to
// spill to disk.
//
//   - Pool is one query's memory budget (NewPool(limitBytes), 0 = unlimited). Operators that
//     buffer data (sort, hash aggregate, hash join build side, exchanges) take a Reservation
//     from it and grow it before they hold more; TryGrow fails with Spark's
//     UNABLE_TO_ACQUIRE_MEMORY error (SQLSTATE 53200) when the pool is full, and the operator
//     then spills or reports the error.
//   - SpillDir is a directory of temporary files removed on Close; SpillWriter and SpillFile
//     write and read back Arrow IPC files of record batches in it, in order or (BatchAt)
//     by batch number.
//   - WithPool / FromContext and WithSpillDir / SpillDirFromContext carry both through the
//     context.Context that Execute receives.
//   - TightAllocator wraps an Arrow allocator so that buffers shrunk by much give their
//     unused capacity back (the server installs it as Arrow's default allocator).
//
// It imports the standard library, arrow-go (for the IPC spill files) and sql/sparkerror.
package memory

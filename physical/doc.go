// Package physical holds the execution contract and the vectorized Arrow operators.
//
// An ExecutionPlan has an output schema, a number of output partitions, children, and
// Execute(ctx, partition), which returns a stream of Arrow record batches. Local mode runs
// every partition of a plan concurrently (Collect); cluster mode will cut the same plans at
// exchanges. Cancellation travels through the context, and so do the query's memory pool
// and spill directory (physical/memory).
//
// Operators:
//
//   - sources: Range, Values (NewOneRow);
//   - row-wise: Project, Rename, Filter, Expand;
//   - Limit (NewLimit, NewLimitOffset): a global LIMIT/OFFSET over the partitions in order;
//   - Sort: a global sort into one partition (per-partition sort, spill to Arrow IPC files,
//     k-way merge), or a top-k with fetch (ORDER BY ... LIMIT);
//   - HashAggregate (Partial, Final, Single; NewAggregate plans the two-phase form; no
//     calls = DISTINCT); under memory pressure Partial emits early, and Final and Single
//     spill their states as runs sorted by key and merge them at the end;
//   - Window (NewWindow): ranking, offset and aggregate window functions over ROWS/RANGE frames;
//   - HashJoin (equi-joins: inner, left/right/full outer, left semi/anti, null-aware anti),
//     which turns into a grace hash join (both sides partitioned to spill files by a hash
//     of the keys, joined partition by partition) when the build side does not fit, and
//     NestedLoopJoin (cross and non-equi joins);
//   - Union, Coalesce, Repartition (hash, NewRepartition) and round robin (NewRoundRobin);
//   - ShowString;
//   - ScriptTransform (SELECT TRANSFORM ... USING 'command'): runs the command once per
//     partition with /bin/bash -c, feeding it the rows as lines of text and parsing the
//     lines it prints.
//
// Security: a script transformation runs an arbitrary shell command, as the server's user,
// on the machine that executes the partition (the driver in local mode, a worker in a
// cluster), exactly as Spark does. Anyone who can send SQL to the server can run
// commands there; deploy the server only where its clients are trusted to that extent.
//
// Operators count output rows, batches and compute time, and those that spill their spills,
// spilled rows and bytes and peak memory (MetricsReporter); ExplainMetrics and
// ExplainAnalyze print them.
//
// It imports arrow-go, the project's sql/types and sql/sparkerror, and its subpackages
// physical/expr (expression evaluation), physical/aggregate (aggregate functions, row
// encoding, group tables, gathers), physical/memory (memory pool, spill files) and
// physical/format (value formatting).
package physical

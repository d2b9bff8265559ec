// Package physical holds the execution contract and the vectorized Arrow operators.
//
// An ExecutionPlan has an output schema, a number of output partitions, children, and
// Execute(ctx, partition), which returns a stream of Arrow record batches. Local mode runs
// every partition of a plan concurrently (Collect); cluster mode will cut the same plans at
// exchanges. Cancellation travels through the context.
//
// It imports arrow-go and the project's sql/sparkerror; subpackages hold expression
// evaluation (physical/expr) and value formatting (physical/format).
package physical

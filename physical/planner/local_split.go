package planner

import "github.com/sailgo/sail/physical"

// localParallelism is the number of partitions Spark's LocalTableScan spreads a local
// relation's rows over in local mode (its default parallelism of 2, under which Spark's
// golden answers were produced).
const localParallelism = 2

// localPartitions spreads the rows of a VALUES list (one single-row plan each, in order)
// over localParallelism partitions of consecutive rows, as Spark's LocalTableScan does:
// partition i holds rows [i*n/k, (i+1)*n/k). Aggregates then merge partial states as
// Spark does, so floating-point sums, moments and collect_list orders agree with it.
func localPartitions(rows []physical.ExecutionPlan) (physical.ExecutionPlan, error) {
	if len(rows) == 1 {
		return rows[0], nil
	}
	k := min(len(rows), localParallelism)
	parts := make([]physical.ExecutionPlan, k)
	for i := range k {
		lo, hi := i*len(rows)/k, (i+1)*len(rows)/k
		if hi-lo == 1 {
			parts[i] = rows[lo]
			continue
		}
		u, err := physical.NewUnion(rows[lo:hi]...)
		if err != nil {
			return nil, err
		}
		parts[i] = physical.NewCoalesce(u)
	}
	return physical.NewUnion(parts...)
}

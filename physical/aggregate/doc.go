// Package aggregate holds Spark's aggregate functions, vectorized over groups, and the
// key machinery the physical operators share:
//
//   - Call (a function call of a query: Spark name, argument expressions, DISTINCT,
//     FILTER, IGNORE NULLS, ANSI) and New, which resolves it to a Function with Spark's
//     result type, its intermediate state columns and an Accumulator factory. An
//     Accumulator keeps the state of every group of a hash aggregate in typed slices and
//     is updated, merged and evaluated a batch at a time (Update / Merge / State /
//     Evaluate). Supported: count, count_if, sum, avg/mean, min, max, bool_and/every,
//     bool_or/some/any, first/first_value, last/last_value, any_value, collect_list/
//     array_agg, collect_set, stddev/std/stddev_samp, stddev_pop, variance/var_samp,
//     var_pop, skewness, kurtosis, each also with DISTINCT; and (acc_stats.go and its
//     siblings) try_sum, try_avg, covar_pop, covar_samp, corr, the regr_* family,
//     bit_and/bit_or/bit_xor, percentile, median, percentile_cont, percentile_disc, mode,
//     listagg/string_agg, histogram_numeric and approx_count_distinct (HyperLogLog++).
//     WITHIN GROUP keys arrive as trailing (expression, ordering flags) argument pairs.
//   - RowEncoder: Spark's ordering of one or more columns as comparable byte strings
//     (sort keys, merges, and canonical keys for grouping, joins and partitioning).
//   - GroupTable: key tuples to dense group ids (typed fast paths for single fixed-width
//     and string keys; fixed-seed xxhash), used by hash aggregates, DISTINCT, collect_set
//     and the hash join build side; RowHasher and Partition for hash partitioning.
//   - Take / Interleave: typed gathers of rows from one or several arrays of any Spark type.
//
// It imports arrow-go, xxhash (github.com/cespare/xxhash/v2), sql/types, sql/sparkerror,
// sql/variant (schema_of_variant_agg) and physical/expr; it may import physical/memory,
// nothing else of the project.
package aggregate

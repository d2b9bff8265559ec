// Package optimizer rewrites resolved logical plans (sql/plan, after sql/analyzer) into
// equivalent plans that run better or at all:
//   - decorrelation: subqueries in predicates become semi, anti and outer joins;
//   - predicate pushdown: filters move through projections, aliases, aggregates and into
//     joins, so that a comma join with an equality in WHERE is an equi-join;
//   - join ordering: inner joins are ordered to avoid cartesian products, each building its
//     hash table on the side estimated smaller;
//   - DISTINCT aggregates over one argument list become two plain aggregates.
//
// Rules keep every node's output columns (names, types, expression IDs) as they were.
//
// It imports sql/plan, sql/types and sql/sparkerror.
package optimizer

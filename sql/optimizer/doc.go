// Package optimizer rewrites resolved logical plans (sql/plan, after sql/analyzer) into
// equivalent plans that run better or at all: subqueries in predicates become semi, anti
// and outer joins (decorrelation). Rules keep every node's output columns (names, types,
// expression IDs) as they were.
//
// It imports sql/plan, sql/types and sql/sparkerror.
package optimizer

// Package analyzer resolves an unresolved logical plan (sql/plan) with Spark's rules:
// column names bound case-insensitively to the child's output, operator types by Spark's
// coercion rules, Spark's auto-generated column names, and Spark's error classes. This first
// version covers projections of literals, columns and arithmetic; the rest of Spark's
// analyzer grows here. It imports sql/plan, sql/types, sql/sparkerror and sql/sqlconf.
package analyzer

// Package astlower lowers the SQL syntax tree (sql/ast) into the unresolved logical plan
// (sql/plan), the way Spark's AstBuilder builds its unresolved plan: a SELECT becomes a
// Project (or an Aggregate) over a Filter over the FROM relations, operators become calls
// by name, typed literals become casts that keep their written form, and interval
// literals become ANSI interval values. It only shapes; names, types and errors about them
// are the analyzer's. It imports sql/ast, sql/plan, sql/interval, sql/types and
// sql/sparkerror.
package astlower

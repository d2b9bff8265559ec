// Package connect lowers Spark Connect messages into the engine's own forms: DataType
// messages to and from sql/types, and relations and expressions into the unresolved
// logical plan of sql/plan, as Spark's SparkConnectPlanner maps them onto logical nodes.
// SQL text inside a relation goes through sql/parser and sql/astlower, so both doors meet
// in one plan form.
//
// Relations map onto plan nodes directly (read, project, filter, join, set operations,
// sort, limit, offset, tail, aggregate with grouping sets, SQL with bound parameters,
// local data, range, subquery alias, deduplicate, sample, repartition, toDF, show) or are
// rewritten the way Spark's Dataset methods build them: pivot as two aggregates (or IF
// inside the aggregates), withColumns, withColumnsRenamed, drop, to(schema), colRegex,
// na.fill/drop/replace and describe/summary/cov/corr as projections, filters and
// aggregates. Those rewrites need the input's columns, so lowering resolves the input
// with the session's analyzer settings (Lowering.Analysis) and builds a plain unresolved
// plan over it, referring to columns by name, by qualified name, or by position after a
// rename when names repeat. WithRelations makes its references visible to SQL text (as
// WITH-clause queries) or to scalar and EXISTS subquery expressions (by plan id).
//
// What the plan form cannot express fails with NOT_IMPLEMENTED naming it (unpivot,
// HtmlString, crosstab, pivot without values, range partitioning, withField/dropFields,
// UDFs, streaming, ...); a malformed message fails with INVALID_PLAN_INPUT, never a
// panic.
//
// It imports proto/connectpb, sql/types, sql/plan, sql/parser, sql/ast, sql/astlower,
// sql/analyzer (to read input schemas), sql/coercion, sql/interval, sql/sparkerror,
// physical/format (literal text) and transport/arrowbatch (local data).
package connect

// Package sql groups the front half of the engine: the SQL parser (sql/parser, sql/ast),
// Spark's types (sql/types), configuration (sql/sqlconf), errors (sql/sparkerror), the one
// logical plan form (sql/plan), the lowering of Spark Connect messages into it
// (sql/connect), and the analyzer (sql/analyzer). It imports nothing itself.
package sql

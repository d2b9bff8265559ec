// Package plan is the engine's one logical plan form. Spark Connect relations and SQL text
// both lower into it (unresolved: names not yet bound, functions not yet typed); the
// analyzer (sql/analyzer) rewrites it into the resolved form, where every expression has a
// type, every column an ExprID, and every node its Output; the physical planner reads only
// the resolved form. Commands (DDL, DML, SET, SHOW) are nodes the executor runs eagerly.
// It imports sql/types and arrow-go (local data rides in Arrow batches).
package plan

// Package plan is the engine's one logical plan form. Spark Connect relations and SQL text
// both lower into it (unresolved: names not yet bound, functions not yet typed); the
// analyzer (sql/analyzer) rewrites it into the resolved form, where every expression has a
// type and every node a schema; the physical planner reads only the resolved form.
// It imports sql/types, sql/sparkerror and arrow-go (local data rides in Arrow batches).
package plan

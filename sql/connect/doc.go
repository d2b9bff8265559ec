// Package connect lowers Spark Connect messages into the engine's own forms: DataType
// messages to and from sql/types, and relations and expressions into the unresolved
// logical plan of sql/plan. SQL text inside a relation goes through sql/parser and the
// same lowering, so both doors meet in one plan form. It imports proto/connectpb, sql/types,
// sql/plan, sql/parser, sql/ast and sql/sparkerror.
package connect

// Package textdata reads JSON and CSV text the way Spark's JSON and CSV functions do
// (from_json, get_json_object, json_tuple, schema_of_json, from_csv, schema_of_csv): a JSON
// parser with the syntax Jackson accepts under Spark's JSONOptions, a writer of Jackson's
// compact output, a CSV record splitter with Spark's CSV options, and the schema inference
// of schema_of_json and schema_of_csv. The analyzer uses the inference to evaluate
// schema_of_json / schema_of_csv arguments of from_json / from_csv; physical/expr runs the
// functions. It imports sql/types and sql/sparkerror only.
package textdata

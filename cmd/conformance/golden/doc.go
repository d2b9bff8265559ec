// Package golden reads Spark's SQL golden files (the format of Spark's SQLQueryTestSuite):
// an input file's directives and statements, and a results file's blocks of query, schema and
// output, including expected errors. It knows the harness's rules for splitting statements,
// --SET, --IMPORT and the per-directory session settings, so a runner can replay a file the
// way Spark's own suite does. It imports only the standard library.
package golden

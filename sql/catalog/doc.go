// Package catalog holds the databases, tables and views that sessions share, the global
// temporary views, and each session's current database and temporary views. It resolves
// names for the analyzer (it implements analyzer.Catalog), including Spark's SQL on files
// (SELECT ... FROM parquet.`path`, files.go).
//
// With OpenWarehouse the catalog is persistent (warehouse.go): databases and tables of
// the file providers (parquet, csv, json, text) are stored as JSON metadata under
// <warehouse>/.sail-catalog and their rows as files written through physical/sink, so
// they survive a restart; tables found on disk are read through file scans. Persistent
// views keep their query text, captured namespace and SQL configs there and are parsed
// again at start (views.go); a view's query resolves in its captured namespace and with
// its captured configs. Temporary views and tables of other providers live in memory.
// The cache of CACHE TABLE and df.cache() is the executor's (sessions/executor/cache.go).
//
// It imports arrow-go, physical (Values) and physical/sink (writing table files),
// sql/analyzer, sql/parser and sql/astlower (stored views), sql/plan, sql/types and
// sql/sparkerror.
package catalog

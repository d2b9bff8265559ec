// Package catalog holds the databases, tables and views that sessions share, the global
// temporary views, and each session's current database and temporary views. It resolves
// names for the analyzer (it implements analyzer.Catalog), including Spark's SQL on files
// (SELECT ... FROM parquet.`path`, files.go).
//
// With OpenWarehouse the catalog is persistent (warehouse.go): databases and tables of
// the file providers (parquet, csv, json, text) are stored as JSON metadata under
// <warehouse>/.sail-catalog and their rows as files written through physical/sink, so
// they survive a restart; tables found on disk are read through file scans. Views,
// temporary views and tables of other providers live in memory. cache.go records the
// relations spark.catalog.cacheTable cached.
//
// It imports arrow-go, physical (Values) and physical/sink (writing table files),
// sql/analyzer, sql/plan, sql/types and sql/sparkerror.
package catalog

// Package catalog holds the databases, tables and views that sessions share, the global
// temporary views, and each session's current database and temporary views. It resolves
// names for the analyzer (it implements analyzer.Catalog). Table data lives in memory for
// now; the persistent warehouse comes with the data sources work. It imports arrow-go,
// sql/analyzer, sql/plan, sql/types and sql/sparkerror.
package catalog

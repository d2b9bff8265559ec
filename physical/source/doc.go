// Package source holds the file data sources: Parquet, CSV, JSON and text files read into
// Arrow batches with Spark's semantics.
//
// Open resolves a relation as spark.read.format(f).options(o).schema(s).load(paths) does:
//
//   - paths are local files, directories (listed recursively, skipping names that start
//     with '_' or '.'), or globs (Hadoop syntax, {a,b} included); a missing path or a glob
//     matching nothing is PATH_NOT_FOUND. The options recursiveFileLookup and
//     pathGlobFilter apply; Hive-style key=value directories become partition columns
//     (types inferred from the values, or taken from the user schema) after the data
//     columns;
//   - the schema is the user's (nullable, CHAR/VARCHAR as STRING) or inferred: Parquet from
//     the first footer (or all with mergeSchema) by Spark's Parquet-to-Spark type mapping,
//     or the Spark schema stored in the footer; CSV by CSVInferSchema (header, inferSchema,
//     _c0... names); JSON by JsonInferSchema (fields sorted by name, _corrupt_record for
//     malformed records in PERMISSIVE mode); text is one string column "value".
//
// Table.Scan plans the physical operator (Scan, a physical.ExecutionPlan): the selected
// columns, with files cut into splits (Parquet row groups, byte ranges of line-oriented
// text files) spread over at most the requested number of partitions, balancing bytes.
// Batches carry exactly the Arrow types types.ToArrow gives for the Spark types
// (timestamps in microseconds with zone UTC, dates date32, decimals decimal128, strings
// utf8): Parquet data is converted where the file's physical type differs (units,
// dictionaries, large offsets, unsigned integers). Predicates (column op literal) prune
// files by partition values and Parquet row groups by their min/max/null-count statistics.
//
// Text values parse with Spark's rules for the target type (Integer.parseInt,
// Double.parseDouble with NaN/Infinity, case-insensitive booleans, BigDecimal decimals
// rounded half up, dates and timestamps in the default lenient forms or dateFormat /
// timestampFormat patterns, in the timeZone option's zone); malformed records follow the
// mode option: PERMISSIVE (nulls, the record in the corrupt record column if the schema has
// it), DROPMALFORMED, or FAILFAST (MALFORMED_RECORD_IN_PARSING). Errors met while reading
// a file are wrapped in FAILED_READ_FILE.NO_HINT as Spark's file scan does; unreadable
// Parquet footers are FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER.
//
// Only UTF-8 text is read (the encoding option fails otherwise); .gz, .bz2 and .deflate
// text files are decompressed (and not split).
//
// It imports arrow-go (arrow, compute, parquet, pqarrow), the project's sql/types,
// sql/sparkerror and sql/datetime (date and timestamp strings, zone ids), physical (the
// operator contract) and physical/memory (the query's memory pool, from the context).
package source

// Package sink writes the output of a physical plan to files, as Spark's
// InsertIntoHadoopFsRelationCommand and FileFormatWriter do for df.write.save(path),
// saveAsTable and INSERT into file-based tables.
//
// Write runs every input partition as one task in parallel. Each task writes Parquet
// (pqarrow, snappy by default), CSV (the to_csv renderer: sep, quote, escape, nullValue,
// emptyValue, dateFormat, timestampFormat, header), JSON lines (the to_json renderer:
// ignoreNullFields, dateFormat, timestampFormat) or text (one string column) files named
// part-<task>-<job uuid>-c<file>.<codec>.<ext> like Spark's. partitionBy columns become
// Hive-style directories col=value with Spark's path escaping and __HIVE_DEFAULT_PARTITION__
// for NULL (and the empty string); they are left out of the files. maxRecordsPerFile
// starts a new file when one has that many rows.
//
// Writes are atomic: the files go to a hidden staging directory next to the target
// (.sail-staging-<job>, skipped by readers as every name starting with '.' is), which is
// committed by rename when every task succeeded: moved into the target for append, or
// swapped with the target for overwrite and new paths. A _SUCCESS marker is written as
// Spark's committer does. A failed or cancelled write removes the staging directory and
// leaves the previous data as it was. Two writes to the same path at the same time are
// refused: the second fails with CONCURRENT_WRITE (a class of ours).
//
// Save modes follow Spark: append, overwrite, errorifexists (PATH_ALREADY_EXISTS when the
// path exists) and ignore (nothing happens when it exists).
package sink

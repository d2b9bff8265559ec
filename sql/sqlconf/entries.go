package sqlconf

// This file is the table of known keys. Each entry follows the declaration in Spark 4.0
// (SQLConf.scala, StaticSQLConf.scala, the Connect server's config/Connect.scala, and core's
// internal/config): same key, value kind, default, checks and scope. Docs are our own.
//
// Defaults are written as Spark declares them (its defaultValueString); Get renders them
// through the entry's kind, so "10MB" on a byte entry reads back as "10485760b" and "300"
// on a time entry in seconds reads back as "300000ms", exactly as spark.conf.get does.
//
// To add a key: append an entry here (or pass WithEntries to NewRegistry), and add the
// default string Spark returns to the table test in entries_test.go.

import "strconv"

// Key names the engine and the client use often.
const (
	KeyANSIEnabled                   = "spark.sql.ansi.enabled"
	KeyCaseSensitive                 = "spark.sql.caseSensitive"
	KeySessionTimeZone               = "spark.sql.session.timeZone"
	KeyShufflePartitions             = "spark.sql.shuffle.partitions"
	KeyTimestampType                 = "spark.sql.timestampType"
	KeyArrowPySparkEnabled           = "spark.sql.execution.arrow.pyspark.enabled"
	KeyArrowMaxRecordsPerBatch       = "spark.sql.execution.arrow.maxRecordsPerBatch"
	KeyLocalRelationCacheThreshold   = "spark.sql.session.localRelationCacheThreshold"
	KeySetCommandRejectsSparkCore    = "spark.sql.legacy.setCommandRejectsSparkCoreConfs"
	KeyWarehouseDir                  = "spark.sql.warehouse.dir"
	KeyCatalogImplementation         = "spark.sql.catalogImplementation"
	KeyDefaultParallelism            = "spark.default.parallelism"
	KeyLegacyTimeParserPolicy        = "spark.sql.legacy.timeParserPolicy"
	KeyMapKeyDedupPolicy             = "spark.sql.mapKeyDedupPolicy"
	KeyStoreAssignmentPolicy         = "spark.sql.storeAssignmentPolicy"
	KeyServerStacktraceEnabled       = "spark.sql.connect.serverStacktrace.enabled"
	KeyPySparkJVMStacktraceEnabled   = "spark.sql.pyspark.jvmStacktrace.enabled"
	KeyStackTracesInDataFrameContext = "spark.sql.stackTracesInDataFrameContext"
)

func boolEntry(key string, def bool, doc string) Entry {
	return Entry{Key: key, Kind: KindBool, HasDefault: true, Default: strconv.FormatBool(def), Doc: doc}
}

func intEntry(key string, def int64, doc string) Entry {
	return Entry{Key: key, Kind: KindInt, HasDefault: true, Default: strconv.FormatInt(def, 10), Doc: doc}
}

func optIntEntry(key, doc string) Entry {
	return Entry{Key: key, Kind: KindInt, Doc: doc}
}

func doubleEntry(key, def, doc string) Entry {
	return Entry{Key: key, Kind: KindDouble, HasDefault: true, Default: def, Doc: doc}
}

func stringEntry(key, def, doc string) Entry {
	return Entry{Key: key, Kind: KindString, HasDefault: true, Default: def, Doc: doc}
}

func optStringEntry(key, doc string) Entry {
	return Entry{Key: key, Kind: KindString, Doc: doc}
}

// enumEntry is stringConf.transform(case).checkValues(allowed). allowed must be in the
// order Spark prints the set: declaration order for literal sets of up to four values,
// alphabetical for Enumeration values (a SortedSet), hash order for larger literal sets.
func enumEntry(key, def string, c Case, allowed []string, doc string) Entry {
	return Entry{Key: key, Kind: KindEnum, HasDefault: true, Default: def, Case: c, Allowed: allowed, Doc: doc}
}

func bytesEntry(key, def, doc string) Entry {
	return Entry{Key: key, Kind: KindBytes, ByteUnit: Byte, HasDefault: true, Default: def, Doc: doc}
}

func timeEntry(key, def string, unit TimeUnit, doc string) Entry {
	return Entry{Key: key, Kind: KindTime, TimeUnit: unit, HasDefault: true, Default: def, Doc: doc}
}

func fallbackEntry(key, parent, doc string) Entry {
	return Entry{Key: key, Fallback: parent, Doc: doc}
}

func coreEntry(key, doc string) Entry {
	return Entry{Key: key, Scope: Core, Kind: KindString, Doc: doc}
}

func (e Entry) static() Entry { e.Scope = Static; return e }

func (e Entry) check(fn func(Value) bool, msg string) Entry {
	e.Check, e.CheckMessage = fn, msg
	return e
}

func (e Entry) withAlternative(key string) Entry {
	e.Alternatives = append(e.Alternatives, key)
	return e
}

func (e Entry) withCase(c Case) Entry { e.Case = c; return e }

func positive(v Value) bool    { return v.Int > 0 }
func nonNegative(v Value) bool { return v.Int >= 0 }

var (
	legacyBehaviorPolicies = []string{"CORRECTED", "EXCEPTION", "LEGACY"}
	timestampTypes         = []string{"TIMESTAMP_LTZ", "TIMESTAMP_NTZ"}
)

func builtinEntries(env environment) []Entry {
	return []Entry{
		// ---- Read by the PySpark Connect client ----
		func() Entry {
			e := stringEntry(KeySessionTimeZone, env.timeZone,
				"Session time zone: a region id such as America/Los_Angeles or an offset such as +01:00.")
			e.Check = func(v Value) bool { return IsValidTimeZone(v.Str) }
			e.CheckClass = "TIME_ZONE"
			return e
		}(),
		boolEntry("spark.sql.execution.arrow.enabled", false,
			"Deprecated name of spark.sql.execution.arrow.pyspark.enabled."),
		fallbackEntry(KeyArrowPySparkEnabled, "spark.sql.execution.arrow.enabled",
			"Use Arrow for toPandas and createDataFrame from pandas in PySpark."),
		boolEntry("spark.sql.execution.arrow.fallback.enabled", true,
			"Deprecated name of spark.sql.execution.arrow.pyspark.fallback.enabled."),
		fallbackEntry("spark.sql.execution.arrow.pyspark.fallback.enabled", "spark.sql.execution.arrow.fallback.enabled",
			"Fall back to the non-Arrow path when the Arrow path fails."),
		boolEntry("spark.sql.execution.arrow.pyspark.selfDestruct.enabled", false,
			"Free Arrow buffers while converting to pandas in toPandas."),
		boolEntry("spark.sql.execution.pandas.convertToArrowArraySafely", false,
			"Check for unsafe conversions (overflow, truncation) when converting pandas to Arrow."),
		enumEntry("spark.sql.execution.pandas.structHandlingMode", "legacy", CaseKeep,
			[]string{"legacy", "row", "dict"},
			"How struct columns become pandas values: legacy, row or dict."),
		boolEntry("spark.sql.execution.pandas.inferPandasDictAsMap", false,
			"Infer dict values of a pandas DataFrame as MapType rather than StructType."),
		boolEntry("spark.sql.pyspark.inferNestedDictAsStruct.enabled", false,
			"Infer nested dicts as structs rather than maps in createDataFrame."),
		boolEntry("spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled", false,
			"Infer an array's element type from its first element only."),
		boolEntry("spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled", false,
			"Infer a map's key and value types from its first non-null pair only."),
		enumEntry(KeyTimestampType, "TIMESTAMP_LTZ", CaseUpper, timestampTypes,
			"Default timestamp type: TIMESTAMP_LTZ or TIMESTAMP_NTZ."),
		intEntry(KeyLocalRelationCacheThreshold, 64*1024*1024,
			"Size in bytes above which the client caches a local relation on the server.").
			check(nonNegative, "The threshold of cached local relations must not be negative"),
		boolEntry("spark.sql.repl.eagerEval.enabled", false,
			"Show the first rows of a DataFrame eagerly in REPLs and notebooks."),
		intEntry("spark.sql.repl.eagerEval.maxNumRows", 20,
			"Rows shown by eager evaluation."),
		intEntry("spark.sql.repl.eagerEval.truncate", 20,
			"Characters per cell shown by eager evaluation."),
		boolEntry("spark.sql.execution.pythonUDF.arrow.enabled", false,
			"Use Arrow for regular Python UDFs."),
		boolEntry("spark.sql.execution.pythonUDTF.arrow.enabled", false,
			"Use Arrow for Python UDTFs."),
		boolEntry(KeyServerStacktraceEnabled, true,
			"Include the server-side stack trace in errors sent to the client."),
		boolEntry("spark.sql.connect.enrichError.enabled", true,
			"Let the client fetch full error details through FetchErrorDetails."),
		boolEntry(KeyPySparkJVMStacktraceEnabled, env.testing,
			"Show the JVM stack trace in PySpark exceptions."),
		boolEntry("spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled", !env.testing,
			"Hide worker internals in tracebacks of Python UDF failures."),
		intEntry(KeyArrowMaxRecordsPerBatch, 10000,
			"Maximum rows per Arrow record batch; zero or negative means no limit."),
		boolEntry("spark.sql.execution.arrow.useLargeVarTypes", false,
			"Use Arrow large string and binary types."),
		intEntry(KeyStackTracesInDataFrameContext, 1,
			"Number of user stack frames kept in a DataFrame query context.").
			check(positive, "The number of stack traces in the DataFrame context must be positive."),
		intEntry("spark.sql.pyspark.plotting.max_rows", 1000,
			"Rows used by DataFrame.plot."),
		boolEntry("spark.sql.legacy.execution.pandas.groupedMap.assignColumnsByName", true,
			"Match grouped-map pandas UDF result columns by name rather than position."),
		enumEntry(KeyCatalogImplementation, "in-memory", CaseKeep, []string{"hive", "in-memory"},
			"Session catalog implementation: hive or in-memory.").static(),
		enumEntry(KeyMapKeyDedupPolicy, "EXCEPTION", CaseUpper, []string{"EXCEPTION", "LAST_WIN"},
			"What map-building functions do with duplicate keys: EXCEPTION or LAST_WIN."),
		boolEntry("spark.sql.parser.escapedStringLiterals", false,
			"Keep string literals escaped as before Spark 2.0."),
		stringEntry("spark.sql.streaming.stateStore.providerClass",
			"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",
			"Class managing state of stateful streaming queries."),
		optIntEntry("spark.sql.leafNodeDefaultParallelism",
			"Default parallelism of leaf nodes such as scans and ranges.").
			check(positive, "The value of spark.sql.leafNodeDefaultParallelism must be positive."),

		// ---- Consulted by the engine ----
		boolEntry(KeyANSIEnabled, env.ansiEnabled,
			"Use ANSI SQL semantics: errors instead of nulls on invalid input, stricter casts."),
		boolEntry(KeyCaseSensitive, false,
			"Resolve identifiers case-sensitively."),
		intEntry(KeyShufflePartitions, 200,
			"Default number of partitions for shuffles in joins and aggregations.").
			check(positive, "The value of spark.sql.shuffle.partitions must be positive"),
		bytesEntry("spark.sql.autoBroadcastJoinThreshold", "10MB",
			"Largest table size broadcast in joins; -1 disables broadcasting."),
		boolEntry("spark.sql.adaptive.enabled", true,
			"Re-optimize query plans with runtime statistics."),
		boolEntry("spark.sql.adaptive.coalescePartitions.enabled", true,
			"Coalesce small shuffle partitions under adaptive execution."),
		bytesEntry("spark.sql.adaptive.shuffle.targetPostShuffleInputSize", "64MB",
			"Deprecated target size of post-shuffle partitions.").
			check(positive, "advisoryPartitionSizeInBytes must be positive"),
		fallbackEntry("spark.sql.adaptive.advisoryPartitionSizeInBytes",
			"spark.sql.adaptive.shuffle.targetPostShuffleInputSize",
			"Advisory shuffle partition size under adaptive execution."),
		bytesEntry("spark.sql.adaptive.coalescePartitions.minPartitionSize", "1MB",
			"Minimum partition size after coalescing.").
			check(positive, "minPartitionSize must be positive"),
		optIntEntry("spark.sql.adaptive.coalescePartitions.minPartitionNum",
			"Deprecated suggested minimum number of partitions after coalescing.").
			check(positive, "The minimum number of partitions must be positive."),
		boolEntry("spark.sql.adaptive.skewJoin.enabled", true,
			"Split skewed partitions in shuffled joins under adaptive execution."),
		doubleEntry("spark.sql.adaptive.skewJoin.skewedPartitionFactor", "5.0",
			"A partition is skewed when larger than this factor times the median.").
			check(func(v Value) bool { return v.Float >= 0 }, "The skew factor cannot be negative."),
		boolEntry("spark.sql.crossJoin.enabled", true,
			"Allow implicit cartesian products."),
		enumEntry(KeyLegacyTimeParserPolicy, "CORRECTED", CaseUpper, legacyBehaviorPolicies,
			"Datetime parsing and formatting policy: CORRECTED, EXCEPTION or LEGACY."),
		enumEntry(KeyStoreAssignmentPolicy, "ANSI", CaseUpper, []string{"ANSI", "LEGACY", "STRICT"},
			"Type coercion policy when storing values into a table: ANSI, LEGACY or STRICT."),
		bytesEntry("spark.sql.files.maxPartitionBytes", "128MB",
			"Maximum bytes packed into one partition when reading files."),
		bytesEntry("spark.sql.files.openCostInBytes", "4MB",
			"Estimated cost of opening a file, in bytes that could be read meanwhile."),
		boolEntry("spark.sql.files.ignoreCorruptFiles", false,
			"Skip corrupt files while reading."),
		boolEntry("spark.sql.files.ignoreMissingFiles", false,
			"Skip files that disappear while reading."),
		stringEntry("spark.sql.sources.default", "parquet",
			"Default data source format."),
		boolEntry("spark.sql.sources.bucketing.enabled", true,
			"Use bucketing information of bucketed tables."),
		enumEntry("spark.sql.sources.partitionOverwriteMode", "STATIC", CaseUpper, []string{"DYNAMIC", "STATIC"},
			"INSERT OVERWRITE of partitioned tables: STATIC or DYNAMIC."),
		enumEntry("spark.sql.parquet.compression.codec", "snappy", CaseLower,
			// Spark lists this nine-value literal Set in Scala's HashSet iteration order.
			[]string{"brotli", "uncompressed", "lzo", "snappy", "lz4_raw", "none", "zstd", "lz4", "gzip"},
			"Compression codec for writing Parquet files."),
		boolEntry("spark.sql.parquet.mergeSchema", false,
			"Merge the schemas of all Parquet files read."),
		boolEntry("spark.sql.parquet.binaryAsString", false,
			"Read Parquet binary columns as strings."),
		boolEntry("spark.sql.parquet.int96AsTimestamp", true,
			"Read Parquet INT96 columns as timestamps."),
		boolEntry("spark.sql.parquet.filterPushdown", true,
			"Push filters down into Parquet reads."),
		enumEntry("spark.sql.parquet.outputTimestampType", "INT96", CaseUpper,
			[]string{"INT96", "TIMESTAMP_MICROS", "TIMESTAMP_MILLIS"},
			"Parquet type used to write timestamps."),
		enumEntry("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED", CaseUpper, legacyBehaviorPolicies,
			"Calendar rebasing of old dates read from Parquet files of unknown writers.").
			withAlternative("spark.sql.legacy.parquet.datetimeRebaseModeInRead"),
		enumEntry("spark.sql.orc.compression.codec", "zstd", CaseLower,
			// Spark lists this eight-value literal Set in Scala's HashSet iteration order.
			[]string{"brotli", "uncompressed", "lz4", "lzo", "snappy", "zlib", "none", "zstd"},
			"Compression codec for writing ORC files."),
		boolEntry("spark.sql.decimalOperations.allowPrecisionLoss", true,
			"Round decimal arithmetic results that cannot be represented exactly."),
		boolEntry("spark.sql.legacy.allowNegativeScaleOfDecimal", false,
			"Allow decimal types with a negative scale."),
		intEntry("spark.sql.optimizer.maxIterations", 100,
			"Maximum optimizer iterations."),
		optStringEntry("spark.sql.optimizer.excludedRules",
			"Comma-separated optimizer rules to disable."),
		boolEntry("spark.sql.optimizer.metadataOnly", false,
			"Deprecated metadata-only query optimization."),
		intEntry("spark.sql.maxMetadataStringLength", 100,
			"Maximum length of metadata strings in plan output.").
			check(func(v Value) bool { return v.Int > 3 }, "This value must be bigger than 3."),
		intEntry("spark.sql.debug.maxToStringFields", 25,
			"Maximum fields rendered for sequence-like values in debug output."),
		boolEntry("spark.sql.variable.substitute", true,
			"Substitute ${var}, ${system:var} and ${env:var} in SQL text."),
		boolEntry("spark.sql.parser.quotedRegexColumnNames", false,
			"Treat backquoted identifiers in SELECT lists as regular expressions."),
		bytesEntry("spark.sql.execution.arrow.localRelationThreshold", "48MB",
			"Arrow batches smaller than this become local relations on the driver.").
			check(nonNegative, "This value must be equal to or greater than 0."),
		boolEntry(KeySetCommandRejectsSparkCore, true,
			"Reject setting Spark core configs from a session."),
		timeEntry("spark.sql.broadcastTimeout", "300", Seconds,
			"Timeout in seconds of the broadcast wait in broadcast joins."),
		boolEntry("spark.sql.inMemoryColumnarStorage.compressed", true,
			"Compress cached columnar data."),
		intEntry("spark.sql.inMemoryColumnarStorage.batchSize", 10000,
			"Rows per batch of cached columnar data."),
		boolEntry("spark.sql.codegen.wholeStage", true,
			"Compile whole stages of operators into single functions."),
		boolEntry("spark.sql.cbo.enabled", false,
			"Use cost-based optimization."),
		boolEntry("spark.sql.join.preferSortMergeJoin", true,
			"Prefer sort-merge join over shuffled hash join."),
		stringEntry("spark.sql.defaultCatalog", "spark_catalog",
			"Catalog used when none is set."),
		boolEntry("spark.sql.legacy.sizeOfNull", true,
			"size(NULL) returns -1 rather than NULL when ANSI mode is off."),
		boolEntry("spark.sql.datetime.java8API.enabled", false,
			"Use java.time types as external datetime types."),
		boolEntry("spark.sql.jsonGenerator.ignoreNullFields", true,
			"Omit null fields when generating JSON."),
		boolEntry("spark.sql.groupByOrdinal", true,
			"Treat integer literals in GROUP BY as select-list positions."),
		boolEntry("spark.sql.orderByOrdinal", true,
			"Treat integer literals in ORDER BY as select-list positions."),
		boolEntry("spark.sql.groupByAliases", true,
			"Allow select-list aliases in GROUP BY."),
		intEntry("spark.sql.pivotMaxValues", 10000,
			"Maximum distinct values collected for a pivot without explicit values."),
		boolEntry("spark.sql.ansi.enforceReservedKeywords", false,
			"Forbid ANSI reserved keywords as identifiers in ANSI mode."),
		boolEntry("spark.sql.ansi.doubleQuotedIdentifiers", false,
			"Read double-quoted text as identifiers in ANSI mode."),
		optStringEntry("spark.sql.streaming.checkpointLocation",
			"Default checkpoint location of streaming queries."),
		boolEntry("spark.sql.legacy.createHiveTableByDefault", env.createHive,
			"CREATE TABLE without USING creates a Hive table."),
		boolEntry("spark.sql.hive.convertCTAS", false,
			"Deprecated: create data source tables for Hive CTAS without storage properties."),
		boolEntry("spark.sql.legacy.replaceDatabricksSparkAvro.enabled", true,
			"Map the com.databricks.spark.avro provider to the built-in Avro source."),
		optIntEntry("spark.sql.hive.tablePropertyLengthThreshold",
			"Maximum length of one table property cell in the Hive metastore."),
		boolEntry("spark.sql.legacy.allowZeroIndexInFormatString", false,
			"Allow 0$ to refer to the first argument in format_string."),
		boolEntry("spark.sql.legacy.viewSchemaBindingMode", true,
			"Allow CREATE VIEW ... WITH SCHEMA and give views a schema binding mode."),
		Entry{Key: "spark.sql.artifact.copyFromLocalToFs.allowDestLocal", Kind: KindBool,
			Doc: "Allow copyFromLocalToFs to write to the driver's local file system."},

		// ---- Static SQL configs ----
		stringEntry(KeyWarehouseDir, env.warehouseDir,
			"Default location of managed databases and tables.").static(),
		stringEntry("spark.sql.globalTempDatabase", "global_temp",
			"Database holding global temporary views.").withCase(CaseLower).static(),
		stringEntry("spark.sql.catalog.spark_catalog.defaultDatabase", "default",
			"Default database of the session catalog.").static(),
		Entry{Key: "spark.sql.extensions", Kind: KindStringList, Scope: Static,
			Doc: "Comma-separated SparkSessionExtensions configurator classes."},
		intEntry("spark.connect.grpc.binding.port", 15002,
			"Port the Spark Connect server listens on.").static(),
		bytesEntry("spark.connect.grpc.arrow.maxBatchSize", "134217728b",
			"Maximum size of one Arrow batch sent to the client.").static(),
		bytesEntry("spark.connect.grpc.maxInboundMessageSize", "134217728b",
			"Maximum size of an inbound gRPC message.").static(),
		bytesEntry("spark.connect.grpc.maxMetadataSize", "1024b",
			"Maximum size of gRPC error metadata fields.").static(),
		intEntry("spark.connect.session.planCache.maxSize", 16,
			"Resolved plans cached per Spark Connect session.").static(),
		boolEntry("spark.connect.copyFromLocalToFs.allowDestLocal", false,
			"Deprecated name of spark.sql.artifact.copyFromLocalToFs.allowDestLocal.").static(),

		// ---- Runtime Spark Connect configs ----
		timeEntry("spark.connect.progress.reportInterval", "2s", Milliseconds,
			"Interval of query progress reports; negative disables them."),
		boolEntry("spark.connect.session.planCache.enabled", true,
			"Cache resolved plans in the session."),

		// ---- Spark core configs (not SQL configs; only their names matter here) ----
		coreEntry(KeyDefaultParallelism, "Default number of RDD partitions (settable from a session)."),
		coreEntry("spark.driver.memory", "Driver memory."),
		coreEntry("spark.driver.cores", "Driver cores."),
		coreEntry("spark.driver.maxResultSize", "Limit of results collected to the driver."),
		coreEntry("spark.driver.host", "Driver host name."),
		coreEntry("spark.driver.port", "Driver port."),
		coreEntry("spark.driver.extraJavaOptions", "Extra JVM options of the driver."),
		coreEntry("spark.driver.extraClassPath", "Extra class path of the driver."),
		coreEntry("spark.executor.memory", "Executor memory."),
		coreEntry("spark.executor.cores", "Executor cores."),
		coreEntry("spark.executor.instances", "Number of executors."),
		coreEntry("spark.executor.memoryOverhead", "Executor memory overhead."),
		coreEntry("spark.executor.extraJavaOptions", "Extra JVM options of executors."),
		coreEntry("spark.executor.extraClassPath", "Extra class path of executors."),
		coreEntry("spark.executor.pyspark.memory", "Python worker memory per executor."),
		coreEntry("spark.cores.max", "Maximum cores of the application."),
		coreEntry("spark.task.cpus", "Cores per task."),
		coreEntry("spark.serializer", "Serializer class."),
		coreEntry("spark.dynamicAllocation.enabled", "Dynamic executor allocation."),
		coreEntry("spark.shuffle.service.enabled", "External shuffle service."),
		coreEntry("spark.memory.fraction", "Fraction of heap for execution and storage."),
		coreEntry("spark.memory.offHeap.enabled", "Off-heap memory."),
		coreEntry("spark.memory.offHeap.size", "Off-heap memory size."),
		coreEntry("spark.eventLog.enabled", "Event logging."),
		coreEntry("spark.rdd.compress", "Compress serialized RDD partitions."),
		coreEntry("spark.jars", "Jars of the application."),
		coreEntry("spark.files", "Files of the application."),
		coreEntry("spark.submit.deployMode", "Deploy mode."),
		coreEntry("spark.submit.pyFiles", "Python files of the application."),
		coreEntry("spark.speculation", "Speculative execution of tasks."),
		coreEntry("spark.python.worker.reuse", "Reuse Python workers."),
	}
}

// deprecatedConfigs is SQLConf.deprecatedSQLConfigs.
var deprecatedConfigs = []Deprecation{
	{"spark.sql.legacy.execution.pandas.groupedMap.assignColumnsByName", "2.4",
		"The config allows to switch to the behaviour before Spark 2.4 and will be removed in the future releases."},
	{"spark.sql.execution.arrow.enabled", "3.0",
		"Use 'spark.sql.execution.arrow.pyspark.enabled' instead of it."},
	{"spark.sql.execution.arrow.fallback.enabled", "3.0",
		"Use 'spark.sql.execution.arrow.pyspark.fallback.enabled' instead of it."},
	{"spark.sql.adaptive.shuffle.targetPostShuffleInputSize", "3.0",
		"Use 'spark.sql.adaptive.advisoryPartitionSizeInBytes' instead of it."},
	{"spark.sql.optimizer.metadataOnly", "3.0",
		"Avoid to depend on this optimization to prevent a potential correctness issue. " +
			"If you must use, use 'SparkSessionExtensions' instead to inject it as a custom rule."},
	{"spark.sql.hive.convertCTAS", "3.1",
		"Set 'spark.sql.legacy.createHiveTableByDefault' to false instead."},
	{"spark.sql.sources.schemaStringLengthThreshold", "3.2",
		"Use 'spark.sql.hive.tablePropertyLengthThreshold' instead."},
	{"spark.sql.legacy.replaceDatabricksSparkAvro.enabled", "3.2",
		"Use `.format(\"avro\")` in `DataFrameWriter` or `DataFrameReader` instead."},
	{"spark.sql.adaptive.coalescePartitions.minPartitionNum", "3.2",
		"Use 'spark.sql.adaptive.coalescePartitions.minPartitionSize' instead."},
	{"spark.sql.legacy.parquet.datetimeRebaseModeInRead", "3.2",
		"Use 'spark.sql.parquet.datetimeRebaseModeInRead' instead."},
	{"spark.sql.parser.escapedStringLiterals", "4.0",
		"Use raw string literals with the `r` prefix instead. "},
	{"spark.connect.copyFromLocalToFs.allowDestLocal", "4.0",
		"Use 'spark.sql.artifact.copyFromLocalToFs.allowDestLocal' instead."},
	{"spark.sql.legacy.allowZeroIndexInFormatString", "4.0",
		"Increase indexes by 1 in `strfmt` of the `format_string` function. Refer to the first argument by \"1$\"."},
}

// removedConfigs is SQLConf.removedSQLConfigs.
var removedConfigs = []Removal{
	{"spark.sql.fromJsonForceNullableSchema", "3.0.0", "true",
		"It was removed to prevent errors like SPARK-23173 for non-default value."},
	{"spark.sql.legacy.allowCreatingManagedTableUsingNonemptyLocation", "3.0.0", "false",
		"It was removed to prevent loss of user data for non-default value."},
	{"spark.sql.legacy.compareDateTimestampInTimestamp", "3.0.0", "true",
		"It was removed to prevent errors like SPARK-23549 for non-default value."},
	{"spark.sql.parquet.int64AsTimestampMillis", "3.0.0", "false",
		"The config was deprecated since Spark 2.3. Use 'spark.sql.parquet.outputTimestampType' instead of it."},
	{"spark.sql.execution.pandas.respectSessionTimeZone", "3.0.0", "true",
		"The non-default behavior is considered as a bug, see SPARK-22395. The config was deprecated since Spark 2.3."},
	{"spark.sql.optimizer.planChangeLog.level", "3.1.0", "trace",
		"Please use `spark.sql.planChangeLog.level` instead."},
	{"spark.sql.optimizer.planChangeLog.rules", "3.1.0", "",
		"Please use `spark.sql.planChangeLog.rules` instead."},
	{"spark.sql.optimizer.planChangeLog.batches", "3.1.0", "",
		"Please use `spark.sql.planChangeLog.batches` instead."},
	{"spark.sql.ansi.strictIndexOperator", "3.4.0", "true",
		"This was an internal configuration. It is not needed anymore since Spark SQL always returns null " +
			"when getting a map value with a non-existing key. See SPARK-40066 for more details."},
	{"spark.sql.hive.verifyPartitionPath", "4.0.0", "false",
		"This config was replaced by 'spark.sql.files.ignoreMissingFiles'."},
	{"spark.sql.optimizer.runtimeFilter.semiJoinReduction.enabled", "4.0.0", "false",
		"This optimizer config is useless as runtime filter cannot be an IN subquery now."},
	{"spark.sql.legacy.parquet.int96RebaseModeInWrite", "4.0.0", "CORRECTED",
		"Use 'spark.sql.parquet.int96RebaseModeInWrite' instead."},
	{"spark.sql.legacy.parquet.int96RebaseModeInRead", "4.0.0", "CORRECTED",
		"Use 'spark.sql.parquet.int96RebaseModeInRead' instead."},
	{"spark.sql.legacy.parquet.datetimeRebaseModeInWrite", "4.0.0", "CORRECTED",
		"Use 'spark.sql.parquet.datetimeRebaseModeInWrite' instead."},
	{"spark.sql.legacy.avro.datetimeRebaseModeInWrite", "4.0.0", "CORRECTED",
		"Use 'spark.sql.avro.datetimeRebaseModeInWrite' instead."},
	{"spark.sql.legacy.avro.datetimeRebaseModeInRead", "4.0.0", "CORRECTED",
		"Use 'spark.sql.avro.datetimeRebaseModeInRead' instead."},
}

// unsupportedInConnect is SparkConnectConfigHandler.unsupportedConfigurations: keys whose
// every config operation carries a "NOT supported in Spark Connect" warning.
var unsupportedInConnect = []string{
	"spark.sql.execution.arrow.enabled",
	"spark.sql.execution.arrow.pyspark.fallback.enabled",
}

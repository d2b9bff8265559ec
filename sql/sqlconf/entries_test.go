package sqlconf

import (
	"slices"
	"strings"
	"testing"
)

// testEnv is a fixed process environment so defaults that depend on it are deterministic.
var testEnv = environment{
	timeZone:     "America/Los_Angeles",
	ansiEnabled:  true,
	testing:      false,
	warehouseDir: "file:/srv/spark-warehouse",
}

func newTestRegistry(t testing.TB, opts ...Option) *Registry {
	t.Helper()
	r, err := newRegistry(testEnv, opts...)
	if err != nil {
		t.Fatalf("newRegistry: %v", err)
	}
	return r
}

func newTestConf(t testing.TB, opts ...Option) *Conf {
	t.Helper()
	return New(newTestRegistry(t, opts...))
}

// TestDefaultsAsSparkReturnsThem asserts the exact string spark.conf.get returns in Spark
// 4.0 for keys nobody has set, worked out from each entry's declaration: non-string
// defaults pass through the entry's stringConverter (bytes as "<n>b", times as "<n>ms",
// doubles as Java renders them).
func TestDefaultsAsSparkReturnsThem(t *testing.T) {
	c := newTestConf(t)
	want := map[string]string{
		// Read by the PySpark Connect client.
		"spark.sql.session.timeZone":                                       "America/Los_Angeles",
		"spark.sql.execution.arrow.pyspark.enabled":                        "false",
		"spark.sql.execution.arrow.enabled":                                "false",
		"spark.sql.execution.arrow.pyspark.fallback.enabled":               "true",
		"spark.sql.execution.arrow.fallback.enabled":                       "true",
		"spark.sql.execution.arrow.pyspark.selfDestruct.enabled":           "false",
		"spark.sql.execution.pandas.convertToArrowArraySafely":             "false",
		"spark.sql.execution.pandas.structHandlingMode":                    "legacy",
		"spark.sql.execution.pandas.inferPandasDictAsMap":                  "false",
		"spark.sql.pyspark.inferNestedDictAsStruct.enabled":                "false",
		"spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled":  "false",
		"spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled":       "false",
		"spark.sql.timestampType":                                          "TIMESTAMP_LTZ",
		"spark.sql.session.localRelationCacheThreshold":                    "67108864",
		"spark.sql.repl.eagerEval.enabled":                                 "false",
		"spark.sql.repl.eagerEval.maxNumRows":                              "20",
		"spark.sql.repl.eagerEval.truncate":                                "20",
		"spark.sql.execution.pythonUDF.arrow.enabled":                      "false",
		"spark.sql.execution.pythonUDTF.arrow.enabled":                     "false",
		"spark.sql.connect.serverStacktrace.enabled":                       "true",
		"spark.sql.pyspark.jvmStacktrace.enabled":                          "false",
		"spark.sql.execution.arrow.maxRecordsPerBatch":                     "10000",
		"spark.sql.execution.arrow.useLargeVarTypes":                       "false",
		"spark.sql.stackTracesInDataFrameContext":                          "1",
		"spark.sql.pyspark.plotting.max_rows":                              "1000",
		"spark.sql.legacy.execution.pandas.groupedMap.assignColumnsByName": "true",
		"spark.sql.catalogImplementation":                                  "in-memory",
		"spark.sql.ansi.enabled":                                           "true",
		"spark.sql.mapKeyDedupPolicy":                                      "EXCEPTION",
		"spark.sql.shuffle.partitions":                                     "200",
		"spark.sql.parser.escapedStringLiterals":                           "false",
		"spark.sql.sources.default":                                        "parquet",
		"spark.sql.streaming.stateStore.providerClass":                     "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",
		"spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled":      "true",
		// Consulted by the engine.
		"spark.sql.caseSensitive":                                "false",
		"spark.sql.autoBroadcastJoinThreshold":                   "10485760b",
		"spark.sql.adaptive.enabled":                             "true",
		"spark.sql.adaptive.advisoryPartitionSizeInBytes":        "67108864b",
		"spark.sql.adaptive.coalescePartitions.minPartitionSize": "1048576b",
		"spark.sql.adaptive.skewJoin.skewedPartitionFactor":      "5.0",
		"spark.sql.crossJoin.enabled":                            "true",
		"spark.sql.legacy.timeParserPolicy":                      "CORRECTED",
		"spark.sql.storeAssignmentPolicy":                        "ANSI",
		"spark.sql.files.maxPartitionBytes":                      "134217728b",
		"spark.sql.files.openCostInBytes":                        "4194304b",
		"spark.sql.parquet.compression.codec":                    "snappy",
		"spark.sql.parquet.outputTimestampType":                  "INT96",
		"spark.sql.parquet.datetimeRebaseModeInRead":             "CORRECTED",
		"spark.sql.orc.compression.codec":                        "zstd",
		"spark.sql.warehouse.dir":                                "file:/srv/spark-warehouse",
		"spark.sql.globalTempDatabase":                           "global_temp",
		"spark.sql.catalog.spark_catalog.defaultDatabase":        "default",
		"spark.sql.decimalOperations.allowPrecisionLoss":         "true",
		"spark.sql.legacy.allowNegativeScaleOfDecimal":           "false",
		"spark.sql.optimizer.maxIterations":                      "100",
		"spark.sql.maxMetadataStringLength":                      "100",
		"spark.sql.debug.maxToStringFields":                      "25",
		"spark.sql.variable.substitute":                          "true",
		"spark.sql.parser.quotedRegexColumnNames":                "false",
		"spark.sql.execution.arrow.localRelationThreshold":       "50331648b",
		"spark.sql.legacy.setCommandRejectsSparkCoreConfs":       "true",
		"spark.sql.broadcastTimeout":                             "300000ms",
		"spark.sql.defaultCatalog":                               "spark_catalog",
		"spark.sql.sources.partitionOverwriteMode":               "STATIC",
		"spark.sql.legacy.createHiveTableByDefault":              "false",
		"spark.connect.grpc.binding.port":                        "15002",
		"spark.connect.grpc.arrow.maxBatchSize":                  "134217728b",
		"spark.connect.grpc.maxMetadataSize":                     "1024b",
		"spark.connect.progress.reportInterval":                  "2000ms",
		"spark.connect.session.planCache.enabled":                "true",
	}
	for key, w := range want {
		got, err := c.Get(key)
		if err != nil {
			t.Errorf("Get(%q): %v", key, err)
			continue
		}
		if got != w {
			t.Errorf("Get(%q) = %q, want %q", key, got, w)
		}
	}
}

// Entries Spark creates without a default read as null, not as an error.
func TestOptionalEntriesReadAsNull(t *testing.T) {
	c := newTestConf(t)
	for _, key := range []string{
		"spark.sql.leafNodeDefaultParallelism",
		"spark.sql.optimizer.excludedRules",
		"spark.sql.streaming.checkpointLocation",
		"spark.sql.extensions",
		"spark.sql.adaptive.coalescePartitions.minPartitionNum",
		"spark.sql.artifact.copyFromLocalToFs.allowDestLocal",
	} {
		v, ok, err := c.GetNullable(key)
		if err != nil || ok || v != "" {
			t.Errorf("GetNullable(%q) = %q, %v, %v; want null", key, v, ok, err)
		}
		if _, ok, err := c.GetOption(key); ok || err != nil {
			t.Errorf("GetOption(%q) = %v, %v; want none", key, ok, err)
		}
	}
}

// Core keys are not SQL configs: Spark's getConfString knows no default for them.
func TestCoreKeysHaveNoReadableDefault(t *testing.T) {
	c := newTestConf(t)
	for _, key := range []string{"spark.executor.memory", KeyDefaultParallelism, "spark.driver.host"} {
		_, err := c.Get(key)
		assertClass(t, err, "SQL_CONF_NOT_FOUND")
		if c.IsModifiable(key) {
			t.Errorf("IsModifiable(%q) = true", key)
		}
	}
}

func TestRegistryTable(t *testing.T) {
	r := newTestRegistry(t)
	keys := r.Keys()
	if !slices.IsSorted(keys) {
		t.Error("Keys() is not sorted")
	}
	if r.Len() != len(keys) || r.Len() < 100 {
		t.Errorf("Len() = %d, keys %d", r.Len(), len(keys))
	}
	for _, k := range keys {
		e, ok := r.Entry(k)
		if !ok || e.Key != k {
			t.Fatalf("Entry(%q) = %+v, %v", k, e, ok)
		}
		if e.Doc == "" {
			t.Errorf("%s has no doc", k)
		}
		if strings.Contains(e.Doc, "\n") {
			t.Errorf("%s doc is not one line", k)
		}
		if !strings.HasPrefix(k, "spark.") {
			t.Errorf("%s does not start with spark.", k)
		}
	}
	// Entry returns a copy.
	e, _ := r.Entry("spark.sql.parquet.datetimeRebaseModeInRead")
	e.Alternatives[0] = "changed"
	e2, _ := r.Entry("spark.sql.parquet.datetimeRebaseModeInRead")
	if e2.Alternatives[0] != "spark.sql.legacy.parquet.datetimeRebaseModeInRead" {
		t.Error("Entry does not copy Alternatives")
	}
	if fb, _ := r.Entry(KeyArrowPySparkEnabled); fb.Kind != KindBool || fb.Fallback != "spark.sql.execution.arrow.enabled" {
		t.Errorf("fallback entry = %+v", fb)
	}
	if !r.IsStatic("spark.sql.warehouse.dir") || r.IsStatic("spark.sql.ansi.enabled") || r.IsStatic("nope") {
		t.Error("IsStatic wrong")
	}
	if r.SessionTimeZoneDefault() != "America/Los_Angeles" {
		t.Errorf("SessionTimeZoneDefault = %q", r.SessionTimeZoneDefault())
	}
	// Every deprecation and removal refers to a key, and every fallback resolves.
	for _, d := range deprecatedConfigs {
		if _, ok := r.Deprecation(d.Key); !ok {
			t.Errorf("deprecation %s not indexed", d.Key)
		}
	}
	for _, rm := range removedConfigs {
		if _, ok := r.Removal(rm.Key); !ok {
			t.Errorf("removal %s not indexed", rm.Key)
		}
		if _, ok := r.Entry(rm.Key); ok {
			t.Errorf("removed key %s is registered", rm.Key)
		}
	}
}

func TestEnvironmentDependentDefaults(t *testing.T) {
	env := testEnv
	env.ansiEnabled = false
	env.testing = true
	env.createHive = true
	r, err := newRegistry(env)
	if err != nil {
		t.Fatal(err)
	}
	c := New(r)
	for key, want := range map[string]string{
		"spark.sql.ansi.enabled":                                      "false",
		"spark.sql.pyspark.jvmStacktrace.enabled":                     "true",
		"spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled": "false",
		"spark.sql.legacy.createHiveTableByDefault":                   "true",
	} {
		if got, _ := c.Get(key); got != want {
			t.Errorf("Get(%q) = %q, want %q", key, got, want)
		}
	}
	if c.ANSIEnabled() {
		t.Error("ANSIEnabled() = true")
	}
}

func TestNewRegistryReadsProcessEnvironment(t *testing.T) {
	t.Setenv("SPARK_ANSI_SQL_MODE", "false")
	t.Setenv("TZ", "Asia/Tokyo")
	r, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	c := New(r)
	if c.ANSIEnabled() {
		t.Error("SPARK_ANSI_SQL_MODE=false should turn the ANSI default off")
	}
	if tz := c.SessionTimeZone(); tz != "Asia/Tokyo" {
		t.Errorf("SessionTimeZone() = %q, want Asia/Tokyo from TZ", tz)
	}
	r, err = NewRegistry(WithSessionTimeZone("Europe/Paris"))
	if err != nil {
		t.Fatal(err)
	}
	if tz := New(r).SessionTimeZone(); tz != "Europe/Paris" {
		t.Errorf("pinned SessionTimeZone() = %q", tz)
	}
	if _, err := NewRegistry(WithSessionTimeZone("Mars/Olympus")); err == nil {
		t.Error("invalid pinned time zone accepted")
	}
}

func TestLocalTimeZoneID(t *testing.T) {
	t.Setenv("TZ", ":Europe/Berlin")
	if got := LocalTimeZoneID(); got != "Europe/Berlin" {
		t.Errorf("TZ=:Europe/Berlin gives %q", got)
	}
	t.Setenv("TZ", "/usr/share/zoneinfo/Asia/Kolkata")
	if got := LocalTimeZoneID(); got != "Asia/Kolkata" {
		t.Errorf("TZ=path gives %q", got)
	}
	t.Setenv("TZ", "Not/AZone")
	if got := LocalTimeZoneID(); got != "UTC" {
		t.Errorf("invalid TZ gives %q", got)
	}
}

func TestWithEntriesAndSettings(t *testing.T) {
	r := newTestRegistry(t,
		WithEntries(intEntry("spark.sql.custom.limit", 7, "A custom limit.")),
		WithSettings(map[string]string{"spark.app.name": "sail", "spark.sql.warehouse.dir": "/data/wh"}),
		WithSettings(map[string]string{"spark.master": "local[4]"}),
	)
	c := New(r)
	if v, _ := c.Get("spark.sql.custom.limit"); v != "7" {
		t.Errorf("custom entry default = %q", v)
	}
	if err := c.Set("spark.sql.custom.limit", "x"); err == nil {
		t.Error("custom entry not validated")
	}
	if v, _ := c.Get("spark.sql.warehouse.dir"); v != "/data/wh" {
		t.Errorf("initial static setting = %q", v)
	}
	all := c.GetAll("")
	want := []KV{{"spark.app.name", "sail"}, {"spark.master", "local[4]"}, {"spark.sql.warehouse.dir", "/data/wh"}}
	if !slices.Equal(all, want) {
		t.Errorf("GetAll = %v, want %v", all, want)
	}
	// Sessions start from the initial settings and do not share changes.
	c2 := New(r)
	if err := c.Set("spark.app.name", "changed"); err != nil {
		t.Fatal(err)
	}
	if v, _ := c2.Get("spark.app.name"); v != "sail" {
		t.Errorf("second session sees %q", v)
	}
	if got := r.Settings()["spark.app.name"]; got != "sail" {
		t.Errorf("registry settings changed: %q", got)
	}

	if _, err := newRegistry(testEnv, WithSettings(map[string]string{"spark.sql.shuffle.partitions": "zero"})); err == nil {
		t.Error("invalid initial setting accepted")
	}
	if _, err := newRegistry(testEnv, WithSettings(map[string]string{"spark.sql.fromJsonForceNullableSchema": "false"})); err == nil {
		t.Error("non-default removed config accepted")
	}
	if _, err := newRegistry(testEnv, WithEntries(Entry{Key: "spark.x", Kind: KindEnum, HasDefault: true, Default: "a"})); err == nil {
		t.Error("enum without allowed values accepted")
	}
	if _, err := newRegistry(testEnv, WithEntries(Entry{Key: "spark.x", Kind: KindInt, HasDefault: true, Default: "a"})); err == nil {
		t.Error("unparseable default accepted")
	}
	if _, err := newRegistry(testEnv, WithEntries(fallbackEntry("spark.x", "spark.missing", "doc"))); err == nil {
		t.Error("dangling fallback accepted")
	}
	if _, err := newRegistry(testEnv, WithEntries(fallbackEntry("spark.x", "spark.y", "d"), fallbackEntry("spark.y", "spark.x", "d"))); err == nil {
		t.Error("fallback cycle accepted")
	}
}

package sqlconf

import (
	"errors"
	"maps"
	"slices"
	"testing"
)

func assertClass(t *testing.T, err error, class string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *sqlconf.Error", err, err)
	}
	if e.Class != class {
		t.Fatalf("class = %q, want %q (message %q)", e.Class, class, e.Message)
	}
	return e
}

func mustSet(t *testing.T, c *Conf, key, value string) {
	t.Helper()
	if err := c.Set(key, value); err != nil {
		t.Fatalf("Set(%q, %q): %v", key, value, err)
	}
}

func mustGet(t *testing.T, c *Conf, key string) string {
	t.Helper()
	v, err := c.Get(key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	return v
}

const cannotModifyWarehouse = "[CANNOT_MODIFY_CONFIG] Cannot modify the value of the Spark config: " +
	"\"spark.sql.warehouse.dir\".\nSee also 'https://spark.apache.org/docs/latest/sql-migration-guide.html#ddl-statements'. " +
	"SQLSTATE: 46110"

func TestSetStoresRawStringAndGetReturnsIt(t *testing.T) {
	c := newTestConf(t)
	tests := []struct{ key, value string }{
		{"spark.sql.ansi.enabled", "FALSE"},
		{"spark.sql.caseSensitive", " true "},
		{"spark.sql.autoBroadcastJoinThreshold", "20MB"},
		{"spark.sql.autoBroadcastJoinThreshold", "-1"},
		{"spark.sql.timestampType", "timestamp_ntz"},
		{"spark.sql.session.timeZone", "+8:00"},
		{"spark.sql.broadcastTimeout", "5min"},
		{"my.own.key", "anything at all"},
		{"spark.app.name", "sail"},
		{"spark.master", "local[*]"}, // not a ConfigEntry in Spark, so settable
		{KeyDefaultParallelism, "8"},
	}
	for _, tc := range tests {
		mustSet(t, c, tc.key, tc.value)
		if got := mustGet(t, c, tc.key); got != tc.value {
			t.Errorf("Get(%q) = %q, want the raw %q", tc.key, got, tc.value)
		}
	}
	// Typed reads parse the stored strings.
	if c.ANSIEnabled() || !c.CaseSensitive() {
		t.Error("typed booleans do not follow the set values")
	}
	if got := c.Int("spark.sql.autoBroadcastJoinThreshold"); got != -1 {
		t.Errorf("Int(autoBroadcastJoinThreshold) = %d", got)
	}
	if got := c.String("spark.sql.timestampType"); got != "TIMESTAMP_NTZ" || !c.TimestampNTZPreferred() {
		t.Errorf("String(timestampType) = %q", got)
	}
	if got := c.Int("spark.sql.broadcastTimeout"); got != 300 {
		t.Errorf("Int(broadcastTimeout) = %d seconds, want 300", got)
	}
	if got := c.String("spark.sql.broadcastTimeout"); got != "300000ms" {
		t.Errorf("String(broadcastTimeout) = %q", got)
	}
	if got := c.SessionTimeZone(); got != "+8:00" {
		t.Errorf("SessionTimeZone() = %q", got)
	}
}

func TestSetValidationErrors(t *testing.T) {
	tests := []struct {
		key, value string
		exception  string
		class      string
		message    string
	}{
		{"spark.sql.caseSensitive", "10", ExcIllegalArgument, "",
			"spark.sql.caseSensitive should be boolean, but was 10"},
		{"spark.sql.shuffle.partitions", "abc", ExcIllegalArgument, "",
			"spark.sql.shuffle.partitions should be int, but was abc"},
		{"spark.sql.shuffle.partitions", "3000000000", ExcIllegalArgument, "",
			"spark.sql.shuffle.partitions should be int, but was 3000000000"},
		{"spark.sql.shuffle.partitions", "0", ExcIllegalArgument, "",
			"'0' in spark.sql.shuffle.partitions is invalid. The value of spark.sql.shuffle.partitions must be positive"},
		{"spark.sql.session.localRelationCacheThreshold", "-1", ExcIllegalArgument, "",
			"'-1' in spark.sql.session.localRelationCacheThreshold is invalid. The threshold of cached local relations must not be negative"},
		{"spark.sql.timestampType", "foo", ExcIllegalArgument, "",
			"The value of spark.sql.timestampType should be one of TIMESTAMP_LTZ, TIMESTAMP_NTZ, but was FOO"},
		{"spark.sql.legacy.timeParserPolicy", "new", ExcIllegalArgument, "",
			"The value of spark.sql.legacy.timeParserPolicy should be one of CORRECTED, EXCEPTION, LEGACY, but was NEW"},
		{"spark.sql.execution.pandas.structHandlingMode", "ROW", ExcIllegalArgument, "",
			"The value of spark.sql.execution.pandas.structHandlingMode should be one of legacy, row, dict, but was ROW"},
		{"spark.sql.parquet.compression.codec", "LZ5", ExcIllegalArgument, "",
			"The value of spark.sql.parquet.compression.codec should be one of brotli, uncompressed, lzo, snappy, lz4_raw, none, zstd, lz4, gzip, but was lz5"},
		{"spark.sql.session.timeZone", "Mars/Phobos", ExcSparkIllegalArg, "INVALID_CONF_VALUE.TIME_ZONE",
			"[INVALID_CONF_VALUE.TIME_ZONE] The value 'Mars/Phobos' in the config \"spark.sql.session.timeZone\" is invalid. Cannot resolve the given timezone. SQLSTATE: 22022"},
		{"spark.sql.autoBroadcastJoinThreshold", "10XB", ExcNumberFormat, "",
			byteError + "\nInvalid suffix: \"xb\""},
		{"spark.sql.autoBroadcastJoinThreshold", "1.5g", ExcNumberFormat, "",
			byteError + "\nFractional values are not supported. Input was: 1.5"},
		{"spark.sql.autoBroadcastJoinThreshold", "ten", ExcNumberFormat, "",
			byteError + "\nFailed to parse byte string: ten"},
		{"spark.sql.broadcastTimeout", "5 minutes", ExcNumberFormat, "",
			timeError + "\nFailed to parse time string: 5 minutes"},
		{"spark.sql.adaptive.skewJoin.skewedPartitionFactor", "-0.5", ExcIllegalArgument, "",
			"'-0.5' in spark.sql.adaptive.skewJoin.skewedPartitionFactor is invalid. The skew factor cannot be negative."},
		{"spark.sql.adaptive.skewJoin.skewedPartitionFactor", "lots", ExcIllegalArgument, "",
			"spark.sql.adaptive.skewJoin.skewedPartitionFactor should be double, but was lots"},
		// A fallback entry validates with its parent's converter, which names the parent.
		{"spark.sql.execution.arrow.pyspark.enabled", "maybe", ExcIllegalArgument, "",
			"spark.sql.execution.arrow.enabled should be boolean, but was maybe"},
		{"spark.sql.adaptive.advisoryPartitionSizeInBytes", "0", ExcIllegalArgument, "",
			"'0' in spark.sql.adaptive.shuffle.targetPostShuffleInputSize is invalid. advisoryPartitionSizeInBytes must be positive"},
		// Removed configs accept only their old default.
		{"spark.sql.fromJsonForceNullableSchema", "false", ExcAnalysis, "_LEGACY_ERROR_TEMP_1226",
			"The SQL config 'spark.sql.fromJsonForceNullableSchema' was removed in the version 3.0.0. " +
				"It was removed to prevent errors like SPARK-23173 for non-default value."},
		// Static and core keys.
		{"spark.sql.warehouse.dir", "/tmp/x", ExcAnalysis, "CANNOT_MODIFY_CONFIG", cannotModifyWarehouse},
		{"spark.executor.memory", "4g", ExcAnalysis, "CANNOT_MODIFY_CONFIG",
			"[CANNOT_MODIFY_CONFIG] Cannot modify the value of the Spark config: \"spark.executor.memory\".\n" +
				"See also 'https://spark.apache.org/docs/latest/sql-migration-guide.html#ddl-statements'. SQLSTATE: 46110"},
	}
	for _, tc := range tests {
		c := newTestConf(t)
		err := c.Set(tc.key, tc.value)
		e := assertClass(t, err, tc.class)
		if e.Message != tc.message || e.Error() != tc.message {
			t.Errorf("Set(%q, %q) message\n got %q\nwant %q", tc.key, tc.value, e.Message, tc.message)
		}
		if e.Exception != tc.exception {
			t.Errorf("Set(%q, %q) exception = %q, want %q", tc.key, tc.value, e.Exception, tc.exception)
		}
		if c.Contains(tc.key) {
			t.Errorf("failed Set(%q) stored a value", tc.key)
		}
	}
}

func TestErrorFields(t *testing.T) {
	c := newTestConf(t)

	_, err := c.Get("spark.nope")
	e := assertClass(t, err, "SQL_CONF_NOT_FOUND")
	if e.SQLState != "42K0I" || e.Exception != ExcNoSuchElement ||
		!maps.Equal(e.Params, map[string]string{"sqlConf": `"spark.nope"`}) ||
		e.Message != `[SQL_CONF_NOT_FOUND] The SQL config "spark.nope" cannot be found. Please verify that the config exists. SQLSTATE: 42K0I` {
		t.Errorf("SQL_CONF_NOT_FOUND error = %+v", e)
	}
	wantClasses := []string{ExcNoSuchElement, "java.util.NoSuchElementException", "java.lang.RuntimeException",
		"java.lang.Exception", "java.lang.Throwable", "java.lang.Object"}
	if !slices.Equal(e.Classes(), wantClasses) {
		t.Errorf("Classes() = %v", e.Classes())
	}

	e = assertClass(t, c.Set("spark.sql.warehouse.dir", "x"), "CANNOT_MODIFY_CONFIG")
	if e.SQLState != "46110" || !maps.Equal(e.Params, map[string]string{
		"key": `"spark.sql.warehouse.dir"`, "docroot": "https://spark.apache.org/docs/latest"}) {
		t.Errorf("CANNOT_MODIFY_CONFIG error = %+v", e)
	}
	if got := e.Classes(); !slices.Equal(got, []string{ExcAnalysis, "java.lang.Exception", "java.lang.Throwable", "java.lang.Object"}) {
		t.Errorf("Classes() = %v", got)
	}

	e = assertClass(t, c.Set(KeySessionTimeZone, "nowhere"), "INVALID_CONF_VALUE.TIME_ZONE")
	if e.SQLState != "22022" || !maps.Equal(e.Params, map[string]string{
		"confValue": "nowhere", "confName": KeySessionTimeZone}) {
		t.Errorf("INVALID_CONF_VALUE error = %+v", e)
	}

	e = assertClass(t, c.Set("spark.sql.ansi.enabled", "yes"), "")
	if e.SQLState != "" || e.Params != nil || e.Classes()[1] != "java.lang.RuntimeException" {
		t.Errorf("plain exception = %+v", e)
	}
	e = assertClass(t, c.Set("spark.sql.autoBroadcastJoinThreshold", "x"), "")
	if got := e.Classes()[:2]; !slices.Equal(got, []string{ExcNumberFormat, ExcIllegalArgument}) {
		t.Errorf("NumberFormatException classes = %v", got)
	}
	e = assertClass(t, c.Set("spark.sql.optimizer.planChangeLog.level", "debug"), "_LEGACY_ERROR_TEMP_1226")
	if e.SQLState != "" || e.Params["version"] != "3.1.0" || e.Params["comment"] != "Please use `spark.sql.planChangeLog.level` instead." {
		t.Errorf("removed config error = %+v", e)
	}
}

func TestRemovedConfigAcceptsItsOldDefault(t *testing.T) {
	c := newTestConf(t)
	mustSet(t, c, "spark.sql.fromJsonForceNullableSchema", "true")
	mustSet(t, c, "spark.sql.optimizer.planChangeLog.rules", "")
	if got := mustGet(t, c, "spark.sql.fromJsonForceNullableSchema"); got != "true" {
		t.Errorf("Get = %q", got)
	}
}

func TestStaticKeysCannotBeSetOrUnset(t *testing.T) {
	c := newTestConf(t, WithSettings(map[string]string{KeyCatalogImplementation: "hive"}))
	for _, key := range []string{
		KeyWarehouseDir, KeyCatalogImplementation, "spark.sql.globalTempDatabase",
		"spark.sql.extensions", "spark.connect.grpc.binding.port",
	} {
		assertClass(t, c.Set(key, "x"), "CANNOT_MODIFY_CONFIG")
		assertClass(t, c.Unset(key), "CANNOT_MODIFY_CONFIG")
		if c.IsModifiable(key) {
			t.Errorf("IsModifiable(%q) = true", key)
		}
	}
	// Static values are still readable; the initial setting survives the failed unset.
	if got := mustGet(t, c, KeyCatalogImplementation); got != "hive" {
		t.Errorf("catalogImplementation = %q", got)
	}
	// Setting a static key to its current value is rejected too.
	assertClass(t, c.Set(KeyCatalogImplementation, "hive"), "CANNOT_MODIFY_CONFIG")
}

func TestCoreKeysRejectedUnlessLegacyFlagOff(t *testing.T) {
	c := newTestConf(t)
	assertClass(t, c.Set("spark.executor.memory", "4g"), "CANNOT_MODIFY_CONFIG")
	assertClass(t, c.Unset("spark.executor.memory"), "CANNOT_MODIFY_CONFIG")
	// spark.default.parallelism is exempt.
	mustSet(t, c, KeyDefaultParallelism, "16")
	if err := c.Unset(KeyDefaultParallelism); err != nil {
		t.Fatal(err)
	}
	mustSet(t, c, KeySetCommandRejectsSparkCore, "false")
	mustSet(t, c, "spark.executor.memory", "not validated")
	if got := mustGet(t, c, "spark.executor.memory"); got != "not validated" {
		t.Errorf("Get = %q", got)
	}
	if err := c.Unset("spark.executor.memory"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get("spark.executor.memory"); err == nil {
		t.Error("core key readable after unset")
	}
}

func TestGetUnknownAndUnset(t *testing.T) {
	c := newTestConf(t)
	_, err := c.Get("spark.unknown.key")
	assertClass(t, err, "SQL_CONF_NOT_FOUND")

	mustSet(t, c, "spark.unknown.key", "v")
	if got := mustGet(t, c, "spark.unknown.key"); got != "v" {
		t.Errorf("Get = %q", got)
	}
	if err := c.Unset("spark.unknown.key"); err != nil {
		t.Fatal(err)
	}
	_, err = c.Get("spark.unknown.key")
	assertClass(t, err, "SQL_CONF_NOT_FOUND")

	mustSet(t, c, KeyShufflePartitions, "7")
	if c.ShufflePartitions() != 7 {
		t.Errorf("ShufflePartitions() = %d", c.ShufflePartitions())
	}
	if err := c.Unset(KeyShufflePartitions); err != nil {
		t.Fatal(err)
	}
	if got := mustGet(t, c, KeyShufflePartitions); got != "200" {
		t.Errorf("after Unset Get = %q, want default 200", got)
	}
	// Unsetting what is not set does nothing.
	if err := c.Unset("never.set"); err != nil {
		t.Fatal(err)
	}
}

// spark.sql.execution.arrow.pyspark.enabled is a fallback of spark.sql.execution.arrow.enabled,
// not an alias: each is stored under its own key.
func TestFallbackEntries(t *testing.T) {
	c := newTestConf(t)
	const old, cur = "spark.sql.execution.arrow.enabled", KeyArrowPySparkEnabled
	mustSet(t, c, old, "TRUE")
	if got := mustGet(t, c, cur); got != "true" {
		t.Errorf("Get(new) via parent = %q, want normalized true", got)
	}
	if got := mustGet(t, c, old); got != "TRUE" {
		t.Errorf("Get(old) = %q, want raw TRUE", got)
	}
	if !c.Bool(cur) {
		t.Error("Bool(new) = false")
	}
	if got, _ := c.GetWithDefault(cur, "false"); got != "TRUE" {
		t.Errorf("GetWithDefault(new) = %q, want the parent's raw value", got)
	}
	mustSet(t, c, cur, "false")
	if got := mustGet(t, c, cur); got != "false" || c.Bool(cur) {
		t.Errorf("own value does not win: %q", got)
	}
	if got := mustGet(t, c, old); got != "TRUE" {
		t.Errorf("setting new changed old: %q", got)
	}
	if !c.IsModifiable(cur) || !c.IsModifiable(old) {
		t.Error("fallback pair not modifiable")
	}
	kv := c.GetAll("")
	if len(kv) != 2 {
		t.Errorf("GetAll = %v, want both keys", kv)
	}
	// Bytes through a fallback.
	mustSet(t, c, "spark.sql.adaptive.shuffle.targetPostShuffleInputSize", "32m")
	if got := mustGet(t, c, "spark.sql.adaptive.advisoryPartitionSizeInBytes"); got != "33554432b" {
		t.Errorf("advisoryPartitionSizeInBytes = %q", got)
	}
	if got := c.Int("spark.sql.adaptive.advisoryPartitionSizeInBytes"); got != 32<<20 {
		t.Errorf("Int = %d", got)
	}
}

// Spark's withAlternative: the alternative is not a registered key; it is stored under its
// own name unvalidated, and reading the entry consults it while the entry is unset.
func TestAlternativeKeys(t *testing.T) {
	c := newTestConf(t)
	const key, alt = "spark.sql.parquet.datetimeRebaseModeInRead", "spark.sql.legacy.parquet.datetimeRebaseModeInRead"

	_, err := c.Get(alt)
	assertClass(t, err, "SQL_CONF_NOT_FOUND")
	if c.IsModifiable(alt) {
		t.Error("IsModifiable(alternative) = true")
	}

	mustSet(t, c, alt, "legacy")
	if got := mustGet(t, c, alt); got != "legacy" {
		t.Errorf("Get(alt) = %q", got)
	}
	if got := mustGet(t, c, key); got != "LEGACY" {
		t.Errorf("Get(key) through alternative = %q, want LEGACY", got)
	}
	if got, _ := c.GetWithDefault(key, "EXCEPTION"); got != "EXCEPTION" {
		t.Errorf("GetWithDefault ignores alternatives in Spark, got %q", got)
	}
	mustSet(t, c, key, "exception")
	if got := mustGet(t, c, key); got != "exception" {
		t.Errorf("own raw value should win, got %q", got)
	}
	if err := c.Unset(key); err != nil {
		t.Fatal(err)
	}
	if got := c.String(key); got != "LEGACY" {
		t.Errorf("after unsetting key the alternative applies again, got %q", got)
	}

	// The alternative is not validated on Set; reading the entry then fails as in Spark.
	mustSet(t, c, alt, "bogus")
	_, err = c.Get(key)
	e := assertClass(t, err, "")
	if e.Message != "The value of spark.sql.parquet.datetimeRebaseModeInRead should be one of CORRECTED, EXCEPTION, LEGACY, but was BOGUS" {
		t.Errorf("message = %q", e.Message)
	}
	if _, _, err := c.GetOption(key); err == nil {
		t.Error("GetOption hides a conversion failure; Spark only maps NoSuchElementException to None")
	}
	if got := c.String(key); got != "CORRECTED" {
		t.Errorf("typed read falls back to the default, got %q", got)
	}
}

func TestGetWithDefault(t *testing.T) {
	c := newTestConf(t)
	mustSet(t, c, "spark.sql.repl.eagerEval.maxNumRows", "5")
	tests := []struct {
		key, def, want string
	}{
		{"unknown.key", "dflt", "dflt"},
		{"unknown.key", "", ""},
		// The caller's default wins over the entry's own default.
		{KeyShufflePartitions, "10", "10"},
		{"spark.sql.execution.arrow.pyspark.selfDestruct.enabled", "false", "false"},
		{"spark.sql.execution.pandas.structHandlingMode", "legacy", "legacy"},
		{"spark.sql.catalogImplementation", "hive", "hive"},
		{"spark.sql.repl.eagerEval.maxNumRows", "100", "5"},
		// "<undefined>" is never validated.
		{KeyShufflePartitions, Undefined, Undefined},
		// The default is returned as given, not normalized.
		{"spark.sql.autoBroadcastJoinThreshold", "1MB", "1MB"},
	}
	for _, tc := range tests {
		got, err := c.GetWithDefault(tc.key, tc.def)
		if err != nil || got != tc.want {
			t.Errorf("GetWithDefault(%q, %q) = %q, %v; want %q", tc.key, tc.def, got, err, tc.want)
		}
	}
	// A registered entry validates the default.
	_, err := c.GetWithDefault(KeyShufflePartitions, "many")
	if e := assertClass(t, err, ""); e.Message != "spark.sql.shuffle.partitions should be int, but was many" {
		t.Errorf("message = %q", e.Message)
	}
	_, err = c.GetWithDefault(KeyArrowPySparkEnabled, "maybe")
	if e := assertClass(t, err, ""); e.Message != "spark.sql.execution.arrow.enabled should be boolean, but was maybe" {
		t.Errorf("fallback default validated by parent: %q", e.Message)
	}
	// Once set, the stored value is returned and the default is not looked at.
	if got, err := c.GetWithDefault("spark.sql.repl.eagerEval.maxNumRows", "many"); err != nil || got != "5" {
		t.Errorf("GetWithDefault on a set key = %q, %v", got, err)
	}
	// A null default stays null.
	if v, ok, err := c.getWithDefault(KeyShufflePartitions, nil); ok || err != nil || v != "" {
		t.Errorf("null default = %q, %v, %v", v, ok, err)
	}
}

func TestGetOption(t *testing.T) {
	c := newTestConf(t)
	if _, ok, err := c.GetOption("unknown.key"); ok || err != nil {
		t.Errorf("GetOption(unknown) = %v, %v", ok, err)
	}
	if v, ok, err := c.GetOption(KeyShufflePartitions); !ok || err != nil || v != "200" {
		t.Errorf("GetOption(default) = %q, %v, %v", v, ok, err)
	}
	mustSet(t, c, "unknown.key", "x")
	if v, ok, _ := c.GetOption("unknown.key"); !ok || v != "x" {
		t.Errorf("GetOption(set) = %q, %v", v, ok)
	}
}

func TestGetAllListsOnlySetValues(t *testing.T) {
	c := newTestConf(t)
	if got := c.GetAll(""); len(got) != 0 {
		t.Fatalf("fresh GetAll = %v, want empty (defaults are not listed)", got)
	}
	mustSet(t, c, "spark.sql.shuffle.partitions", "5")
	mustSet(t, c, "spark.sql.ansi.enabled", "false")
	mustSet(t, c, "zzz", "1")
	mustSet(t, c, "spark.sqlx", "2")
	tests := []struct {
		prefix string
		want   []KV
	}{
		{"", []KV{{"spark.sql.ansi.enabled", "false"}, {"spark.sql.shuffle.partitions", "5"}, {"spark.sqlx", "2"}, {"zzz", "1"}}},
		{"spark.sql.", []KV{{"ansi.enabled", "false"}, {"shuffle.partitions", "5"}}},
		{"spark.sql", []KV{{".ansi.enabled", "false"}, {".shuffle.partitions", "5"}, {"x", "2"}}},
		{"zzz", []KV{{"", "1"}}},
		{"nothing", []KV{}},
	}
	for _, tc := range tests {
		if got := c.GetAll(tc.prefix); !slices.Equal(got, tc.want) {
			t.Errorf("GetAll(%q) = %v, want %v", tc.prefix, got, tc.want)
		}
	}
}

func TestIsModifiable(t *testing.T) {
	c := newTestConf(t)
	for key, want := range map[string]bool{
		KeyShufflePartitions:                                true,
		KeyANSIEnabled:                                      true,
		KeySessionTimeZone:                                  true,
		KeyArrowPySparkEnabled:                              true,
		"spark.sql.connect.serverStacktrace.enabled":        true,
		"spark.connect.progress.reportInterval":             true,
		"spark.sql.leafNodeDefaultParallelism":              true,
		KeyWarehouseDir:                                     false,
		KeyCatalogImplementation:                            false,
		"spark.connect.grpc.binding.port":                   false,
		"spark.executor.memory":                             false,
		KeyDefaultParallelism:                               false,
		"spark.sql.legacy.parquet.datetimeRebaseModeInRead": false,
		"unknown.key":                                       false,
		"":                                                  false,
	} {
		if got := c.IsModifiable(key); got != want {
			t.Errorf("IsModifiable(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestTypedAccessors(t *testing.T) {
	c := newTestConf(t)
	if !c.ANSIEnabled() || c.CaseSensitive() || c.SessionTimeZone() != "America/Los_Angeles" {
		t.Error("typed defaults wrong")
	}
	if got := c.Int("spark.sql.autoBroadcastJoinThreshold"); got != 10<<20 {
		t.Errorf("Int(autoBroadcastJoinThreshold) = %d", got)
	}
	if got := c.Int("spark.connect.progress.reportInterval"); got != 2000 {
		t.Errorf("Int(reportInterval) = %d ms", got)
	}
	if got := c.Float("spark.sql.adaptive.skewJoin.skewedPartitionFactor"); got != 5 {
		t.Errorf("Float = %v", got)
	}
	if got := c.Float(KeyShufflePartitions); got != 200 {
		t.Errorf("Float(int) = %v", got)
	}
	if got := c.String("spark.sql.autoBroadcastJoinThreshold"); got != "10485760b" {
		t.Errorf("String(bytes) = %q", got)
	}
	if got := c.Int("spark.sql.leafNodeDefaultParallelism"); got != 0 {
		t.Errorf("Int(optional unset) = %d", got)
	}
	if got := c.String("spark.sql.extensions"); got != "" {
		t.Errorf("String(optional unset) = %q", got)
	}
	if c.Bool("unknown.flag") || c.Int("unknown.n") != 0 || c.String("unknown.s") != "" {
		t.Error("unset unknown keys should read as zero values")
	}
	if c.Bool(KeyShufflePartitions) {
		t.Error("Bool of an int entry should be false")
	}
	mustSet(t, c, "unknown.flag", " TRUE ")
	mustSet(t, c, "unknown.n", "42")
	mustSet(t, c, "unknown.s", " raw ")
	if !c.Bool("unknown.flag") || c.Int("unknown.n") != 42 || c.String("unknown.s") != " raw " {
		t.Error("unknown keys should parse their stored strings")
	}
	mustSet(t, c, "spark.sql.globalTempDatabase.x", "1") // unrelated key, no effect
	mustSet(t, c, "spark.sql.extensions.x", "1")
	r := newTestRegistry(t, WithSettings(map[string]string{
		"spark.sql.extensions":         " a.B , ,c.D ",
		"spark.sql.globalTempDatabase": "GT",
	}))
	c2 := New(r)
	if got := c2.String("spark.sql.extensions"); got != "a.B,c.D" {
		t.Errorf("String(list) = %q", got)
	}
	v, ok, err := c2.Value("spark.sql.extensions")
	if err != nil || !ok || !slices.Equal(v.List, []string{"a.B", "c.D"}) {
		t.Errorf("Value(list) = %+v, %v, %v", v, ok, err)
	}
	if got := mustGet(t, c2, "spark.sql.globalTempDatabase"); got != "GT" {
		t.Errorf("Get keeps the raw string, got %q", got)
	}
	if got := c2.String("spark.sql.globalTempDatabase"); got != "gt" {
		t.Errorf("String applies the lower-case transform, got %q", got)
	}
	if v, ok, err := c2.Value("unknown"); ok || err != nil || v.Kind != KindString {
		t.Errorf("Value(unknown) = %+v, %v, %v", v, ok, err)
	}
}

func TestSessionsAndClonesAreIndependent(t *testing.T) {
	r := newTestRegistry(t)
	a, b := New(r), New(r)
	mustSet(t, a, KeyShufflePartitions, "3")
	if got := mustGet(t, b, KeyShufflePartitions); got != "200" {
		t.Errorf("other session sees %q", got)
	}
	cl := a.Clone()
	mustSet(t, cl, KeyShufflePartitions, "4")
	if got := mustGet(t, a, KeyShufflePartitions); got != "3" {
		t.Errorf("clone changed origin: %q", got)
	}
	if got := mustGet(t, cl, KeyShufflePartitions); got != "4" {
		t.Errorf("clone = %q", got)
	}
	if cl.Registry() != r || New(nil).Registry() == nil {
		t.Error("Registry() wrong")
	}
}

func TestTimeZoneValidation(t *testing.T) {
	valid := []string{
		"America/Los_Angeles", "Europe/Amsterdam", "Asia/Kolkata", "Etc/GMT+8", "EST5EDT",
		"UTC", "GMT", "UT", "Z", "+08:00", "-08:00", "+8:00", "-8:00", "+1", "+01", "+0130",
		"+01:30", "+01:30:15", "+013015", "+1:5", "+18:00", "-18", "GMT+8", "UTC-03:30", "UT+1",
		"PST", "EST", "MST", "HST", "CTT", "IST",
	}
	invalid := []string{
		"", "A", "+", "Mars/Olympus", "america/los_angeles", "Local", "GMT+", "UTC+25",
		"+18:01", "+19", "12:00", "Z1", "+1:60", "UTC+ab", "America/Los_Angeles ", "posixrules",
		"+01:30:60", "-0130:", "GMT0x",
	}
	for _, id := range valid {
		if !IsValidTimeZone(id) {
			t.Errorf("IsValidTimeZone(%q) = false, Spark accepts it", id)
		}
	}
	for _, id := range invalid {
		if IsValidTimeZone(id) {
			t.Errorf("IsValidTimeZone(%q) = true, Spark rejects it", id)
		}
	}
}

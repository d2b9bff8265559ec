package sqlconf

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func sp(s string) *string { return &s }

func pairsString(ps []Pair) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Value == nil {
			fmt.Fprintf(&b, "%s=<none>;", p.Key)
		} else {
			fmt.Fprintf(&b, "%s=%s;", p.Key, *p.Value)
		}
	}
	return b.String()
}

const (
	warnArrowUnsupported = "The SQL config 'spark.sql.execution.arrow.enabled' is NOT supported in Spark Connect"
	warnEscaped          = "The SQL config 'spark.sql.parser.escapedStringLiterals' has been deprecated in Spark v4.0 " +
		"and may be removed in the future. Use raw string literals with the `r` prefix instead. "
	warnRebase = "The SQL config 'spark.sql.legacy.parquet.datetimeRebaseModeInRead' has been deprecated in " +
		"Spark v3.2 and may be removed in the future. Use 'spark.sql.parquet.datetimeRebaseModeInRead' instead."
)

func TestWarnings(t *testing.T) {
	r := newTestRegistry(t)
	tests := map[string]string{
		"spark.sql.execution.arrow.enabled":                  warnArrowUnsupported,
		"spark.sql.execution.arrow.pyspark.fallback.enabled": "The SQL config 'spark.sql.execution.arrow.pyspark.fallback.enabled' is NOT supported in Spark Connect",
		"spark.sql.parser.escapedStringLiterals":             warnEscaped,
		"spark.sql.legacy.parquet.datetimeRebaseModeInRead":  warnRebase,
		"spark.sql.execution.arrow.fallback.enabled": "The SQL config 'spark.sql.execution.arrow.fallback.enabled' has been deprecated " +
			"in Spark v3.0 and may be removed in the future. Use 'spark.sql.execution.arrow.pyspark.fallback.enabled' instead of it.",
		"spark.sql.sources.schemaStringLengthThreshold": "The SQL config 'spark.sql.sources.schemaStringLengthThreshold' has been " +
			"deprecated in Spark v3.2 and may be removed in the future. Use 'spark.sql.hive.tablePropertyLengthThreshold' instead.",
	}
	for key, want := range tests {
		got, ok := r.Warning(key)
		if !ok || got != want {
			t.Errorf("Warning(%q) = %q, %v\nwant %q", key, got, ok, want)
		}
	}
	for _, key := range []string{KeyArrowPySparkEnabled, KeyShufflePartitions, "unknown"} {
		if w, ok := r.Warning(key); ok {
			t.Errorf("Warning(%q) = %q, want none", key, w)
		}
	}
}

func TestHandleSet(t *testing.T) {
	c := newTestConf(t)
	resp, err := c.HandleSet([]Pair{
		{"spark.sql.execution.arrow.enabled", sp("true")},
		{KeyShufflePartitions, sp("10")},
		{"spark.sql.parser.escapedStringLiterals", sp("false")},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Pairs) != 0 || !slices.Equal(resp.Warnings, []string{warnArrowUnsupported, warnEscaped}) {
		t.Errorf("response = %+v", resp)
	}
	if got := mustGet(t, c, KeyShufflePartitions); got != "10" {
		t.Errorf("shuffle partitions = %q", got)
	}

	// Without silent the first failure fails the request; earlier pairs stay set.
	_, err = c.HandleSet([]Pair{
		{"a.key", sp("1")},
		{KeyWarehouseDir, sp("/x")},
		{"b.key", sp("2")},
	}, false)
	assertClass(t, err, "CANNOT_MODIFY_CONFIG")
	if !c.Contains("a.key") || c.Contains("b.key") {
		t.Error("pairs around the failure handled wrongly")
	}

	// With silent each failure becomes a warning and the rest go on.
	resp, err = c.HandleSet([]Pair{
		{KeyWarehouseDir, sp("/x")},
		{"c.key", nil},
		{KeyShufflePartitions, sp("zero")},
		{"d.key", sp("4")},
		{"spark.sql.legacy.parquet.datetimeRebaseModeInRead", sp("LEGACY")},
	}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Failed to set spark.sql.warehouse.dir to Some(/x) due to " + cannotModifyWarehouse,
		"Failed to set c.key to None due to requirement failed: value cannot be null for key: c.key",
		"Failed to set spark.sql.shuffle.partitions to Some(zero) due to spark.sql.shuffle.partitions should be int, but was zero",
		warnRebase,
	}
	if !slices.Equal(resp.Warnings, want) {
		t.Errorf("warnings:\n%q\nwant\n%q", resp.Warnings, want)
	}
	if !c.Contains("d.key") || c.Contains("c.key") {
		t.Error("silent set did not go on after failures")
	}
	if got := mustGet(t, c, KeyShufflePartitions); got != "10" {
		t.Errorf("failed set changed the value to %q", got)
	}

	// A null value for a static key fails on the static check first.
	_, err = c.HandleSet([]Pair{{KeyWarehouseDir, nil}}, false)
	assertClass(t, err, "CANNOT_MODIFY_CONFIG")
	_, err = c.HandleSet([]Pair{{"e.key", nil}}, false)
	if e := assertClass(t, err, ""); e.Exception != ExcIllegalArgument {
		t.Errorf("null value exception = %q", e.Exception)
	}
}

func TestHandleGet(t *testing.T) {
	c := newTestConf(t)
	mustSet(t, c, "spark.sql.execution.arrow.enabled", "true")
	resp, err := c.HandleGet([]string{
		KeySessionTimeZone,
		"spark.sql.leafNodeDefaultParallelism",
		"spark.sql.execution.arrow.enabled",
		KeyArrowPySparkEnabled,
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pairsString(resp.Pairs),
		"spark.sql.session.timeZone=America/Los_Angeles;spark.sql.leafNodeDefaultParallelism=<none>;"+
			"spark.sql.execution.arrow.enabled=true;spark.sql.execution.arrow.pyspark.enabled=true;"; got != want {
		t.Errorf("pairs = %s\nwant %s", got, want)
	}
	if !slices.Equal(resp.Warnings, []string{warnArrowUnsupported}) {
		t.Errorf("warnings = %q", resp.Warnings)
	}
	_, err = c.HandleGet([]string{KeySessionTimeZone, "no.such.key"})
	assertClass(t, err, "SQL_CONF_NOT_FOUND")
}

// The calls the PySpark client makes, with the answers Spark gives a fresh session.
func TestHandleClientCalls(t *testing.T) {
	c := newTestConf(t)
	resp, err := c.HandleGet([]string{
		"spark.sql.repl.eagerEval.enabled", "spark.sql.repl.eagerEval.maxNumRows", "spark.sql.repl.eagerEval.truncate",
	})
	if err != nil || pairsString(resp.Pairs) != "spark.sql.repl.eagerEval.enabled=false;spark.sql.repl.eagerEval.maxNumRows=20;spark.sql.repl.eagerEval.truncate=20;" {
		t.Errorf("eager eval = %s, %v", pairsString(resp.Pairs), err)
	}
	resp, err = c.HandleGet([]string{
		"spark.sql.pyspark.inferNestedDictAsStruct.enabled",
		"spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled",
		"spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled",
		"spark.sql.timestampType",
	})
	if err != nil || pairsString(resp.Pairs) != "spark.sql.pyspark.inferNestedDictAsStruct.enabled=false;"+
		"spark.sql.pyspark.legacy.inferArrayTypeFromFirstElement.enabled=false;"+
		"spark.sql.pyspark.legacy.inferMapTypeFromFirstPair.enabled=false;spark.sql.timestampType=TIMESTAMP_LTZ;" {
		t.Errorf("infer = %s, %v", pairsString(resp.Pairs), err)
	}
	resp, err = c.HandleGetWithDefault([]Pair{
		{"spark.sql.execution.arrow.pyspark.selfDestruct.enabled", sp("false")},
		{"spark.sql.execution.pandas.structHandlingMode", sp("legacy")},
		{"spark.local.connect", sp("0")},
		{"pandas_on_Spark.compute.max_rows", sp("1000")},
	})
	if err != nil || pairsString(resp.Pairs) != "spark.sql.execution.arrow.pyspark.selfDestruct.enabled=false;"+
		"spark.sql.execution.pandas.structHandlingMode=legacy;spark.local.connect=0;pandas_on_Spark.compute.max_rows=1000;" {
		t.Errorf("with defaults = %s, %v", pairsString(resp.Pairs), err)
	}
	resp, err = c.HandleGet([]string{"spark.sql.session.localRelationCacheThreshold"})
	if err != nil || pairsString(resp.Pairs) != "spark.sql.session.localRelationCacheThreshold=67108864;" {
		t.Errorf("cache threshold = %s, %v", pairsString(resp.Pairs), err)
	}
}

func TestHandleGetWithDefaultAndOption(t *testing.T) {
	c := newTestConf(t)
	mustSet(t, c, "x.set", "v")
	resp, err := c.HandleGetWithDefault([]Pair{
		{"x.set", sp("d")},
		{"x.unset", sp("d")},
		{"x.unset", nil},
		{KeyShufflePartitions, nil},
		{"spark.sql.execution.arrow.enabled", sp("false")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := pairsString(resp.Pairs); got != "x.set=v;x.unset=d;x.unset=<none>;spark.sql.shuffle.partitions=<none>;spark.sql.execution.arrow.enabled=false;" {
		t.Errorf("pairs = %s", got)
	}
	if !slices.Equal(resp.Warnings, []string{warnArrowUnsupported}) {
		t.Errorf("warnings = %q", resp.Warnings)
	}
	_, err = c.HandleGetWithDefault([]Pair{{KeyShufflePartitions, sp("x")}})
	assertClass(t, err, "")

	resp, err = c.HandleGetOption([]string{"x.set", "x.unset", KeyShufflePartitions, "spark.sql.extensions"})
	if err != nil {
		t.Fatal(err)
	}
	if got := pairsString(resp.Pairs); got != "x.set=v;x.unset=<none>;spark.sql.shuffle.partitions=200;spark.sql.extensions=<none>;" {
		t.Errorf("option pairs = %s", got)
	}
}

func TestHandleGetAllUnsetIsModifiable(t *testing.T) {
	c := newTestConf(t)
	mustSet(t, c, "spark.sql.execution.arrow.enabled", "true")
	mustSet(t, c, KeyShufflePartitions, "3")
	resp := c.HandleGetAll(nil)
	if got := pairsString(resp.Pairs); got != "spark.sql.execution.arrow.enabled=true;spark.sql.shuffle.partitions=3;" {
		t.Errorf("all = %s", got)
	}
	if !slices.Equal(resp.Warnings, []string{warnArrowUnsupported}) {
		t.Errorf("warnings = %q", resp.Warnings)
	}
	// With a prefix, keys are cut and warnings are looked up by the cut key.
	resp = c.HandleGetAll(sp("spark.sql."))
	if got := pairsString(resp.Pairs); got != "execution.arrow.enabled=true;shuffle.partitions=3;" {
		t.Errorf("prefixed = %s", got)
	}
	if len(resp.Warnings) != 0 {
		t.Errorf("prefixed warnings = %q", resp.Warnings)
	}
	if got := pairsString(c.HandleGetAll(sp("")).Pairs); got != "spark.sql.execution.arrow.enabled=true;spark.sql.shuffle.partitions=3;" {
		t.Errorf("empty prefix = %s", got)
	}

	resp, err := c.HandleUnset([]string{"spark.sql.execution.arrow.enabled", KeyShufflePartitions, "never.set"})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Pairs) != 0 || !slices.Equal(resp.Warnings, []string{warnArrowUnsupported}) {
		t.Errorf("unset response = %+v", resp)
	}
	if len(c.GetAll("")) != 0 {
		t.Errorf("after unset GetAll = %v", c.GetAll(""))
	}
	_, err = c.HandleUnset([]string{KeyWarehouseDir})
	assertClass(t, err, "CANNOT_MODIFY_CONFIG")

	resp = c.HandleIsModifiable([]string{KeyShufflePartitions, KeyWarehouseDir, "unknown", "spark.sql.execution.arrow.enabled"})
	if got := pairsString(resp.Pairs); got != "spark.sql.shuffle.partitions=true;spark.sql.warehouse.dir=false;unknown=false;spark.sql.execution.arrow.enabled=true;" {
		t.Errorf("is modifiable = %s", got)
	}
	if !slices.Equal(resp.Warnings, []string{warnArrowUnsupported}) {
		t.Errorf("warnings = %q", resp.Warnings)
	}
}

func TestRenderTemplate(t *testing.T) {
	tests := []struct {
		tmpl   string
		params map[string]string
		want   string
	}{
		{"a <x> b", map[string]string{"x": "1"}, "a 1 b"},
		{"<x><y>", map[string]string{"x": "1", "y": "2"}, "12"},
		{"a <missing> b", nil, "a <missing> b"},
		{"<x>", map[string]string{"x": "<y>", "y": "no"}, "<y>"}, // values are not substituted again
		{"1 < 2 > 0 <x>", map[string]string{"x": "ok"}, "1 < 2 > 0 ok"},
		{"a <", nil, "a <"},
	}
	for _, tc := range tests {
		if got := renderTemplate(tc.tmpl, tc.params); got != tc.want {
			t.Errorf("renderTemplate(%q) = %q, want %q", tc.tmpl, got, tc.want)
		}
	}
	e := &Error{Exception: "com.example.Unknown", Message: "m"}
	if got := e.Classes(); !slices.Equal(got, []string{"com.example.Unknown", "java.lang.Throwable", "java.lang.Object"}) {
		t.Errorf("unknown exception classes = %v", got)
	}
}

func TestConcurrentUse(t *testing.T) {
	r := newTestRegistry(t)
	c := New(r)
	var wg sync.WaitGroup
	const workers, rounds = 8, 300
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			own := fmt.Sprintf("worker.%d", w)
			for i := 0; i < rounds; i++ {
				v := fmt.Sprint(i + 1)
				if err := c.Set(own, v); err != nil {
					t.Error(err)
					return
				}
				if got, err := c.Get(own); err != nil || got != v {
					t.Errorf("worker %d read %q, %v; want %q", w, got, err, v)
					return
				}
				_ = c.Set(KeyShufflePartitions, v)
				if n := c.ShufflePartitions(); n < 1 || n > rounds {
					t.Errorf("ShufflePartitions() = %d", n)
					return
				}
				_, _ = c.GetWithDefault(KeyArrowPySparkEnabled, "false")
				_, _, _ = c.GetOption("spark.sql.extensions")
				_ = c.GetAll("worker.")
				_ = c.IsModifiable(own)
				_, _ = c.HandleGet([]string{KeySessionTimeZone})
				_ = c.Clone()
				if i%10 == 0 {
					_ = c.Unset(own)
				}
			}
		}(w)
	}
	wg.Wait()
	if got := c.GetAll("worker."); len(got) != workers {
		t.Errorf("GetAll(worker.) = %v", got)
	}
}

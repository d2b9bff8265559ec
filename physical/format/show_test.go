package format

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The expected layouts below are Spark's own goldens from
// DataFrameShowSuite and DatasetSuite (4.0 branch point) unless a comment
// says the case is derived from Dataset.showString's code.

// testDataRows is Spark's TestData.testData: key = i, value = i.toString
// for i in 1..100, of which show() fetches the first n.
func testDataRows(n int) [][]string {
	n = min(n, 100)
	rows := make([][]string, n)
	for i := range rows {
		s := strconv.Itoa(i + 1)
		rows[i] = []string{s, s}
	}
	return rows
}

var testDataNames = []string{"key", "value"}

func checkShow(t *testing.T, name, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n--- got ---\n%s\n--- want ---\n%s\n(got %q)", name, got, want, got)
	}
}

func TestShowTruncate0And20(t *testing.T) {
	long := strings.Repeat("1", 21)
	rows := [][]string{{"1"}, {long}}
	checkShow(t, "truncate=0", ShowString([]string{"value"}, rows, 10, 0, false), `+---------------------+
|value                |
+---------------------+
|1                    |
|111111111111111111111|
+---------------------+
`)
	checkShow(t, "truncate=20", ShowString([]string{"value"}, rows, 10, 20, false), `+--------------------+
|               value|
+--------------------+
|                   1|
|11111111111111111...|
+--------------------+
`)
	checkShow(t, "truncate=0 vertical", ShowString([]string{"value"}, rows, 10, 0, true),
		"-RECORD 0----------------------\n"+
			" value | 1                     \n"+
			"-RECORD 1----------------------\n"+
			" value | 111111111111111111111 \n")
	checkShow(t, "truncate=20 vertical", ShowString([]string{"value"}, rows, 10, 20, true),
		"-RECORD 0---------------------\n"+
			" value | 1                    \n"+
			"-RECORD 1---------------------\n"+
			" value | 11111111111111111... \n")
}

func TestShowTruncate3And17(t *testing.T) {
	long := strings.Repeat("1", 21)
	rows := [][]string{{"1"}, {long}}
	checkShow(t, "truncate=3", ShowString([]string{"value"}, rows, 10, 3, false), `+-----+
|value|
+-----+
|    1|
|  111|
+-----+
`)
	checkShow(t, "truncate=17", ShowString([]string{"value"}, rows, 10, 17, false), `+-----------------+
|            value|
+-----------------+
|                1|
|11111111111111...|
+-----------------+
`)
	checkShow(t, "truncate=3 vertical", ShowString([]string{"value"}, rows, 10, 3, true),
		"-RECORD 0----\n"+
			" value | 1   \n"+
			"-RECORD 1----\n"+
			" value | 111 \n")
	checkShow(t, "truncate=17 vertical", ShowString([]string{"value"}, rows, 10, 17, true),
		"-RECORD 0------------------\n"+
			" value | 1                 \n"+
			"-RECORD 1------------------\n"+
			" value | 11111111111111... \n")
}

func TestShowZeroAndNegativeRows(t *testing.T) {
	want := `+---+-----+
|key|value|
+---+-----+
+---+-----+
only showing top 0 rows`
	for _, n := range []int{-1, 0} {
		rows := testDataRows(RowsToFetch(n))
		checkShow(t, "showString("+strconv.Itoa(n)+")", ShowString(testDataNames, rows, n, 20, false), want)
		checkShow(t, "showString("+strconv.Itoa(n)+") vertical", ShowString(testDataNames, rows, n, 20, true), "(0 rows)")
	}
}

func TestShowFooter(t *testing.T) {
	// SPARK-7319.
	rows := testDataRows(RowsToFetch(1))
	checkShow(t, "one row", ShowString(testDataNames, rows, 1, 20, false), `+---+-----+
|key|value|
+---+-----+
|  1|    1|
+---+-----+
only showing top 1 row`)
	checkShow(t, "one row vertical", ShowString(testDataNames, rows, 1, 20, true),
		"-RECORD 0----\n"+
			" key   | 1   \n"+
			" value | 1   \n"+
			"only showing top 1 row")

	// Derived from showString's code: the plural for any count but one, and
	// rows past numRows + 1 are ignored.
	checkShow(t, "two rows", ShowString(testDataNames, testDataRows(100), 2, 20, false), `+---+-----+
|key|value|
+---+-----+
|  1|    1|
|  2|    2|
+---+-----+
only showing top 2 rows`)
	// Exactly numRows rows: no footer.
	checkShow(t, "no footer", ShowString(testDataNames, testDataRows(2), 2, 20, false), `+---+-----+
|key|value|
+---+-----+
|  1|    1|
|  2|    2|
+---+-----+
`)
}

func TestShowIntMaxValue(t *testing.T) {
	rows := [][]string{{"1", "2"}, {"3", "4"}}
	checkShow(t, "Int.MaxValue", ShowString([]string{"a", "b"}, rows, math.MaxInt32, 20, false), `+---+---+
|  a|  b|
+---+---+
|  1|  2|
|  3|  4|
+---+---+
`)
	if got := RowsToFetch(math.MaxInt32); got != math.MaxInt32-15 {
		t.Errorf("RowsToFetch(Int.MaxValue) = %d", got)
	}
}

func TestShowMinimumColumnWidth(t *testing.T) {
	rows := [][]string{{"1", "1"}, {"2", "2"}}
	checkShow(t, "minimum width", ShowString([]string{"_1", "_2"}, rows, 10, 20, false), `+---+---+
| _1| _2|
+---+---+
|  1|  1|
|  2|  2|
+---+---+
`)
	checkShow(t, "minimum width vertical", ShowString([]string{"_1", "_2"}, rows, 10, 20, true),
		"-RECORD 0--\n"+
			" _1  | 1   \n"+
			" _2  | 1   \n"+
			"-RECORD 1--\n"+
			" _1  | 2   \n"+
			" _2  | 2   \n")
}

func recordBatch(t *testing.T, fields []arrow.Field, cols ...arrow.Array) (*arrow.Schema, arrow.RecordBatch) {
	t.Helper()
	schema := arrow.NewSchema(fields, nil)
	rb := array.NewRecordBatch(schema, cols, int64(cols[0].Len()))
	t.Cleanup(rb.Release)
	return schema, rb
}

func showBatches(t *testing.T, schema *arrow.Schema, batches []arrow.RecordBatch, numRows, truncate int, vertical bool, opts Options) string {
	t.Helper()
	s, err := ShowRecordBatches(schema, batches, numRows, truncate, vertical, opts)
	if err != nil {
		t.Fatalf("ShowRecordBatches: %v", err)
	}
	return s
}

func TestShowArrays(t *testing.T) {
	lt := arrow.ListOf(arrow.PrimitiveTypes.Int32)
	col := fromJSON(t, lt, `[[1, 2, 3], [2, 3, 4]]`)
	schema, rb := recordBatch(t, []arrow.Field{{Name: "_1", Type: lt}, {Name: "_2", Type: lt}}, col, col)
	checkShow(t, "array", showBatches(t, schema, []arrow.RecordBatch{rb}, 10, 20, false, Options{}), `+---------+---------+
|       _1|       _2|
+---------+---------+
|[1, 2, 3]|[1, 2, 3]|
|[2, 3, 4]|[2, 3, 4]|
+---------+---------+
`)
	checkShow(t, "array vertical", showBatches(t, schema, []arrow.RecordBatch{rb}, 10, 20, true, Options{}),
		"-RECORD 0--------\n"+
			" _1  | [1, 2, 3] \n"+
			" _2  | [1, 2, 3] \n"+
			"-RECORD 1--------\n"+
			" _1  | [2, 3, 4] \n"+
			" _2  | [2, 3, 4] \n")
}

func TestShowBinary(t *testing.T) {
	c1 := fromJSON(t, arrow.BinaryTypes.Binary, `["MTI=", "MzQ="]`)         // "12", "34"
	c2 := fromJSON(t, arrow.BinaryTypes.Binary, `["QUJDLg==", "MTIzNDY="]`) // "ABC.", "12346"
	schema, rb := recordBatch(t, []arrow.Field{{Name: "_1", Type: c1.DataType()}, {Name: "_2", Type: c2.DataType()}}, c1, c2)
	for _, style := range []BinaryStyle{BinaryDefault, BinaryHexDiscrete} {
		opts := Options{BinaryStyle: style}
		checkShow(t, "binary", showBatches(t, schema, []arrow.RecordBatch{rb}, 10, 20, false, opts), `+-------+----------------+
|     _1|              _2|
+-------+----------------+
|[31 32]|   [41 42 43 2E]|
|[33 34]|[31 32 33 34 36]|
+-------+----------------+
`)
		checkShow(t, "binary vertical", showBatches(t, schema, []arrow.RecordBatch{rb}, 10, 20, true, opts),
			"-RECORD 0---------------\n"+
				" _1  | [31 32]          \n"+
				" _2  | [41 42 43 2E]    \n"+
				"-RECORD 1---------------\n"+
				" _1  | [33 34]          \n"+
				" _2  | [31 32 33 34 36] \n")
	}
}

func TestShowEscapesMetaCharacters(t *testing.T) {
	// SPARK-33690.
	raw := "aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh"
	checkShow(t, "string", ShowString([]string{raw}, [][]string{{raw}}, 1, 0, false),
		`+--------------------------------------+
|aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh|
+--------------------------------------+
|aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh|
+--------------------------------------+
`)

	arr := fromJSON(t, arrow.ListOf(arrow.BinaryTypes.String), `[["aaa\nbbb\tccc\rddd\feee\bfff\u000Bggg\u0007hhh"]]`)
	name := "array(" + raw + ")"
	schema, rb := recordBatch(t, []arrow.Field{{Name: name, Type: arr.DataType()}}, arr)
	checkShow(t, "array", showBatches(t, schema, []arrow.RecordBatch{rb}, 1, 0, false, Options{}),
		`+---------------------------------------------+
|array(aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh)|
+---------------------------------------------+
|[aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh]     |
+---------------------------------------------+
`)

	m := fromJSON(t, arrow.MapOf(arrow.BinaryTypes.String, arrow.BinaryTypes.String),
		`[[{"key": "aaa\nbbb\tccc", "value": "aaa\nbbb\tccc\rddd\feee\bfff\u000Bggg\u0007hhh"}]]`)
	schema, rb = recordBatch(t, []arrow.Field{{Name: "map(aaa\nbbb\tccc, " + raw + ")", Type: m.DataType()}}, m)
	checkShow(t, "map", showBatches(t, schema, []arrow.RecordBatch{rb}, 1, 0, false, Options{}),
		`+----------------------------------------------------------+
|map(aaa\nbbb\tccc, aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh)|
+----------------------------------------------------------+
|{aaa\nbbb\tccc -> aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh} |
+----------------------------------------------------------+
`)

	st := fromJSON(t, arrow.StructOf(arrow.Field{Name: "v", Type: arrow.BinaryTypes.String}),
		`[{"v": "aaa\nbbb\tccc\rddd\feee\bfff\u000Bggg\u0007hhh"}]`)
	schema, rb = recordBatch(t, []arrow.Field{{Name: "named_struct(v, " + raw + ")", Type: st.DataType()}}, st)
	checkShow(t, "struct", showBatches(t, schema, []arrow.RecordBatch{rb}, 1, 0, false, Options{}),
		`+-------------------------------------------------------+
|named_struct(v, aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh)|
+-------------------------------------------------------+
|{aaa\nbbb\tccc\rddd\feee\bfff\vggg\ahhh}               |
+-------------------------------------------------------+
`)
}

func TestShowNestedCasts(t *testing.T) {
	// SPARK-23023.
	a := fromJSON(t, arrow.ListOf(arrow.PrimitiveTypes.Int32), `[[1, 2, 3, 4]]`)
	schema, rb := recordBatch(t, []arrow.Field{{Name: "a", Type: a.DataType()}}, a)
	checkShow(t, "array", showBatches(t, schema, []arrow.RecordBatch{rb}, 10, 20, false, Options{}), `+------------+
|           a|
+------------+
|[1, 2, 3, 4]|
+------------+
`)
	m := fromJSON(t, arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String),
		`[[{"key": 1, "value": "a"}, {"key": 2, "value": "b"}]]`)
	schema, rb = recordBatch(t, []arrow.Field{{Name: "a", Type: m.DataType()}}, m)
	checkShow(t, "map", showBatches(t, schema, []arrow.RecordBatch{rb}, 10, 20, false, Options{}), `+----------------+
|               a|
+----------------+
|{1 -> a, 2 -> b}|
+----------------+
`)
	st := fromJSON(t, arrow.StructOf(
		arrow.Field{Name: "_1", Type: arrow.PrimitiveTypes.Int32},
		arrow.Field{Name: "_2", Type: arrow.BinaryTypes.String}),
		`[{"_1": 1, "_2": "a"}, {"_1": 2, "_2": "b"}]`)
	b := fromJSON(t, arrow.PrimitiveTypes.Int32, `[0, 0]`)
	schema, rb = recordBatch(t, []arrow.Field{{Name: "a", Type: st.DataType()}, {Name: "b", Type: b.DataType()}}, st, b)
	checkShow(t, "struct", showBatches(t, schema, []arrow.RecordBatch{rb}, 10, 20, false, Options{}), `+------+---+
|     a|  b|
+------+---+
|{1, a}|  0|
|{2, b}|  0|
+------+---+
`)

	// DatasetSuite SPARK-15550: inner nested products as structs.
	f := fromJSON(t, arrow.StructOf(
		arrow.Field{Name: "a", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "b", Type: arrow.PrimitiveTypes.Int32}),
		`[{"a": "foo", "b": 1}, {"a": "bar", "b": 2}]`)
	schema, rb = recordBatch(t, []arrow.Field{{Name: "f", Type: f.DataType()}}, f)
	checkShow(t, "nested struct", showBatches(t, schema, []arrow.RecordBatch{rb}, 2, 20, false, Options{}), `+--------+
|       f|
+--------+
|{foo, 1}|
|{bar, 2}|
+--------+
`)
}

func TestShowEmpty(t *testing.T) {
	// SPARK-7327.
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "key", Type: arrow.PrimitiveTypes.Int32},
		{Name: "value", Type: arrow.BinaryTypes.String},
	}, nil)
	want := `+---+-----+
|key|value|
+---+-----+
+---+-----+
`
	checkShow(t, "empty", showBatches(t, schema, nil, 1, 20, false, Options{}), want)
	checkShow(t, "empty vertical", showBatches(t, schema, nil, 1, 20, true, Options{}), "(0 rows)")

	// An empty batch is the same as none.
	k := fromJSON(t, arrow.PrimitiveTypes.Int32, `[]`)
	v := fromJSON(t, arrow.BinaryTypes.String, `[]`)
	rb := array.NewRecordBatch(schema, []arrow.Array{k, v}, 0)
	defer rb.Release()
	checkShow(t, "empty batch", showBatches(t, nil, []arrow.RecordBatch{rb}, 1, 20, false, Options{}), want)
	checkShow(t, "ShowString empty", ShowString(testDataNames, nil, 20, 20, false), want)
}

func TestShowSessionTimeZone(t *testing.T) {
	// SPARK-18350: Date.valueOf("2016-12-01") and
	// Timestamp.valueOf("2016-12-01 00:00:00") made in America/Los_Angeles.
	la := mustZone(t, "America/Los_Angeles")
	d := fromJSON(t, arrow.FixedWidthTypes.Date32, `[`+strconv.FormatInt(epochDay(2016, 12, 1), 10)+`]`)
	tsType := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "America/Los_Angeles"}
	ts := fromJSON(t, tsType, `["`+strconv.FormatInt(time.Date(2016, 12, 1, 0, 0, 0, 0, la).UnixMicro(), 10)+`"]`)
	schema, rb := recordBatch(t, []arrow.Field{{Name: "d", Type: d.DataType()}, {Name: "ts", Type: tsType}}, d, ts)
	batches := []arrow.RecordBatch{rb}

	checkShow(t, "LA", showBatches(t, schema, batches, 1, 0, false, Options{TimeZone: la}), `+----------+-------------------+
|d         |ts                 |
+----------+-------------------+
|2016-12-01|2016-12-01 00:00:00|
+----------+-------------------+
`)
	checkShow(t, "UTC", showBatches(t, schema, batches, 1, 0, false, Options{TimeZone: time.UTC}), `+----------+-------------------+
|d         |ts                 |
+----------+-------------------+
|2016-12-01|2016-12-01 08:00:00|
+----------+-------------------+
`)
	checkShow(t, "LA vertical", showBatches(t, schema, batches, 1, 0, true, Options{TimeZone: la}),
		"-RECORD 0------------------\n"+
			" d   | 2016-12-01          \n"+
			" ts  | 2016-12-01 00:00:00 \n")
	checkShow(t, "UTC vertical", showBatches(t, schema, batches, 1, 0, true, Options{TimeZone: time.UTC}),
		"-RECORD 0------------------\n"+
			" d   | 2016-12-01          \n"+
			" ts  | 2016-12-01 08:00:00 \n")
}

func TestShowFullWidthCharacters(t *testing.T) {
	// DatasetSuite SPARK-25108.
	strs := []string{"", "ab c", "1098", "mø", "γύρ", "pê", "ー", "测", "か", "걸", "à", "焼", "羍む", "뺭ᾘ", "\u0967\u0968\u0969"}
	mem := memory.NewGoAllocator()
	sb := array.NewStringBuilder(mem)
	defer sb.Release()
	sb.AppendNull()
	sb.AppendValues(strs, nil)
	a := sb.NewArray()
	defer a.Release()
	zeros := fromJSON(t, arrow.PrimitiveTypes.Int32, `[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]`)
	ones := fromJSON(t, arrow.PrimitiveTypes.Int32, `[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]`)
	schema, rb := recordBatch(t, []arrow.Field{
		{Name: "b", Type: arrow.PrimitiveTypes.Int32},
		{Name: "a", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "c", Type: arrow.PrimitiveTypes.Int32},
	}, zeros, a, ones)
	want := `+---+----+---+
|  b|   a|  c|
+---+----+---+
|  0|NULL|  1|
|  0|    |  1|
|  0|ab c|  1|
|  0|1098|  1|
|  0|  mø|  1|
|  0| γύρ|  1|
|  0|  pê|  1|
|  0|  ー|  1|
|  0|  测|  1|
|  0|  か|  1|
|  0|  걸|  1|
|  0|   à|  1|
|  0|  焼|  1|
|  0|羍む|  1|
|  0| 뺭ᾘ|  1|
|  0| १२३|  1|
+---+----+---+
`
	checkShow(t, "full width", showBatches(t, schema, []arrow.RecordBatch{rb}, 16, 20, false, Options{}), want)
}

func TestHalfWidth(t *testing.T) {
	// UtilsSuite "stringHalfWidth".
	cases := map[string]int{
		"": 0, "ab c": 4, "1098": 4, "mø": 2, "γύρ": 3, "pê": 2, "ー": 2, "测": 2, "か": 2,
		"걸": 2, "à": 1, "焼": 2, "羍む": 4, "뺭ᾘ": 3, "\u0967\u0968\u0969": 3,
	}
	for s, want := range cases {
		if got := HalfWidth(s); got != want {
			t.Errorf("HalfWidth(%q) = %d, want %d", s, got, want)
		}
	}
	// Derived from the regex ranges and Java's UTF-16 length: range ends,
	// and a supplementary character counting as its two surrogates.
	derived := map[string]int{
		"\u1100": 2, "\u115F": 2, "\u1160": 1, "\u2E7F": 1, "\u2E80": 2, "\uA4CF": 2, "\uA4D0": 1,
		"\uAC00": 2, "\uD7A3": 2, "\uD7A4": 1, "\uF900": 2, "\uFAFF": 2, "\uFE10": 2, "\uFE19": 2,
		"\uFE1A": 1, "\uFE30": 2, "\uFE6F": 2, "\uFF00": 2, "\uFF60": 2, "\uFF61": 1, "\uFFE0": 2,
		"\uFFE6": 2, "\uFFE7": 1, "😀": 2, "𠀀": 2,
	}
	for s, want := range derived {
		if got := HalfWidth(s); got != want {
			t.Errorf("HalfWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestShowDerivedEdgeCases(t *testing.T) {
	// Derived from Dataset.showString's code.

	// No columns: only borders.
	checkShow(t, "no columns", ShowString(nil, [][]string{{}, {}}, 20, 20, false), "++\n||\n++\n||\n||\n++\n")

	// Full-width cells are padded by display width, left-justified when
	// truncate = 0.
	checkShow(t, "wide left", ShowString([]string{"名前"}, [][]string{{"测试数据"}, {"a"}}, 20, 0, false),
		"+--------+\n|名前    |\n+--------+\n|测试数据|\n|a       |\n+--------+\n")

	// Truncation counts UTF-16 units, not display width: "测试数据测试" is
	// six units, cut to three plus "...".
	checkShow(t, "wide truncated", ShowString([]string{"x"}, [][]string{{"测试数据测试"}}, 20, 6, false),
		"+------------+\n|           x|\n+------------+\n|测试数据测试|\n+------------+\n")
	checkShow(t, "wide truncated 2", ShowString([]string{"x"}, [][]string{{"测试数据测试数"}}, 20, 6, false),
		"+---------+\n|        x|\n+---------+\n|测试数...|\n+---------+\n")

	// Java's substring can split a surrogate pair; the lone surrogate
	// reaches the client as '?' (String.getBytes(UTF_8)).
	checkShow(t, "split surrogate", ShowString([]string{"x"}, [][]string{{"😀😀"}}, 20, 3, false),
		"+---+\n|  x|\n+---+\n|😀?|\n+---+\n")
	checkShow(t, "split surrogate ellipsis", ShowString([]string{"x"}, [][]string{{"a😀bcdef"}}, 20, 5, false),
		"+-----+\n|    x|\n+-----+\n|a?...|\n+-----+\n")

	// Column names are escaped but never truncated; a negative truncate
	// means no truncation and left-justified cells.
	checkShow(t, "long name", ShowString([]string{"a_long_column_name"}, [][]string{{"abcdef"}}, 20, 4, false),
		"+------------------+\n|a_long_column_name|\n+------------------+\n|"+strings.Repeat(" ", 14)+"a...|\n+------------------+\n")
	checkShow(t, "negative truncate", ShowString([]string{"v"}, [][]string{{"abcdef"}}, 20, -1, false),
		"+------+\n|v     |\n+------+\n|abcdef|\n+------+\n")

	// Vertical mode pads names and values by display width.
	checkShow(t, "vertical wide", ShowString([]string{"名", "value"}, [][]string{{"测试", "a"}}, 20, 20, true),
		"-RECORD 0-----\n"+
			" 名    | 测试 \n"+
			" value | a    \n")
	// Vertical footer after the records.
	checkShow(t, "vertical footer", ShowString([]string{"v"}, [][]string{{"a"}, {"b"}, {"c"}}, 2, 20, true),
		"-RECORD 0--\n v   | a   \n-RECORD 1--\n v   | b   \nonly showing top 2 rows")
}

func TestShowRecordBatchesAcrossBatches(t *testing.T) {
	k1 := fromJSON(t, arrow.PrimitiveTypes.Int64, `[1, 2]`)
	k2 := fromJSON(t, arrow.PrimitiveTypes.Int64, `[3, null, 5]`)
	fields := []arrow.Field{{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}
	schema, rb1 := recordBatch(t, fields, k1)
	_, rb2 := recordBatch(t, fields, k2)
	got := showBatches(t, schema, []arrow.RecordBatch{rb1, rb2}, 3, 20, false, Options{})
	checkShow(t, "two batches", got, `+---+
| id|
+---+
|  1|
|  2|
|  3|
+---+
only showing top 3 rows`)
	got = showBatches(t, schema, []arrow.RecordBatch{rb1, rb2}, 20, 20, false, Options{})
	checkShow(t, "two batches all", got, `+----+
|  id|
+----+
|   1|
|   2|
|   3|
|NULL|
|   5|
+----+
`)
	rows, err := FormatRows([]arrow.RecordBatch{rb1, rb2}, 4, Options{})
	if err != nil || len(rows) != 4 || rows[3][0] != "NULL" {
		t.Fatalf("FormatRows = %q, %v", rows, err)
	}
	if _, err := ShowRecordBatches(nil, nil, 20, 20, false, Options{}); err == nil {
		t.Fatal("ShowRecordBatches without schema or batches did not fail")
	}
}

package expr

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The xpath family, with the cases of Spark's XPathExpressionSuite and the functions'
// documented examples.
func TestXPathFunctions(t *testing.T) {
	str, boolean := types.String, types.Boolean
	short, integer, long, float, double := types.Short, types.Integer, types.Long, types.Float, types.Double
	list := types.NewArray(types.String, true)
	odd := `<a><b class="odd">10000</b><b class="even">2</b><b class="odd">4</b><c>8</c></a>`
	abc := "<a><b>b1</b><b>b2</b><b>b3</b><c>c1</c><c>c2</c></a>"
	runFnCases(t, []fnCase{
		{fn: "xpath_boolean", result: boolean, args: []lv{s("<a><b>1</b></a>"), s("a/b")}, want: "true"},
		{fn: "xpath_boolean", result: boolean, args: []lv{s("<a><b>b</b></a>"), s("a/c")}, want: "false"},
		{fn: "xpath_boolean", result: boolean, args: []lv{s("<a><b>b</b></a>"), s(`a/b = "b"`)}, want: "true"},
		{fn: "xpath_boolean", result: boolean, args: []lv{s("<a><b>b</b></a>"), s(`a/b = "c"`)}, want: "false"},
		{fn: "xpath_boolean", result: boolean, args: []lv{s("<a><b>10</b></a>"), s("a/b < 10")}, want: "false"},
		{fn: "xpath_boolean", result: boolean, args: []lv{s("<a><b>10</b></a>"), s("a/b = 10")}, want: "true"},
		{fn: "xpath_short", result: short, args: []lv{s("<a>this is not a number</a>"), s("a")}, want: "0"},
		{fn: "xpath_short", result: short, args: []lv{s("<a>try a boolean</a>"), s("a = 10")}, want: "0"},
		{fn: "xpath_short", result: short, args: []lv{s(odd), s(`sum(a/b[@class="odd"])`)}, want: "10004"},
		{fn: "xpath_int", result: integer, args: []lv{s("<a><b>1</b><b>2</b></a>"), s("sum(a/b)")}, want: "3"},
		{fn: "xpath_int", result: integer, args: []lv{s("<a>this is not a number</a>"), s("a")}, want: "0"},
		{fn: "xpath_int", result: integer, args: []lv{s("<a>1e5</a>"), s("a")}, want: "0"},
		{fn: "xpath_long", result: long, args: []lv{s(`<a><b class="odd">9000000000</b><b class="odd">4</b></a>`), s(`sum(a/b[@class="odd"])`)}, want: "9000000004"},
		{fn: "xpath_long", result: long, args: []lv{s("<a>try a boolean</a>"), s("a = 10")}, want: "0"},
		{fn: "xpath_float", result: float, args: []lv{s("<a>this is not a number</a>"), s("a")}, want: "NaN"},
		{fn: "xpath_float", result: float, args: []lv{s("<a><b>1</b><b>2</b></a>"), s("sum(a/b)")}, want: "3.0"},
		{fn: "xpath_double", result: double, args: []lv{s("<a>try a boolean</a>"), s("a = 10")}, want: "0.0"},
		{fn: "xpath_double", result: double, args: []lv{s(" <a> 1.5 </a>"), s("a")}, want: "1.5"},
		{fn: "xpath_number", result: double, args: []lv{s("<a><b>1</b><b>2</b></a>"), s("sum(a/b)")}, want: "3.0"},
		{fn: "xpath_string", result: str, args: []lv{s("<a><b>b</b><c>cc</c></a>"), s("a/c")}, want: "cc"},
		{fn: "xpath_string", result: str, args: []lv{s("<a><b>bb</b><c>cc</c></a>"), s("a")}, want: "bbcc"},
		{fn: "xpath_string", result: str, args: []lv{s("<a><b>bb</b><c>cc</c></a>"), s("a/d")}, want: ""},
		{fn: "xpath_string", result: str, args: []lv{s("<a><b>b1</b><b>b2</b></a>"), s("//b")}, want: "b1"},
		{fn: "xpath_string", result: str, args: []lv{s("<a><b>b1</b><b>b2</b></a>"), s("a/b[1]")}, want: "b1"},
		{fn: "xpath_string", result: str, args: []lv{s("<a><b>b1</b><b id='b_2'>b2</b></a>"), s("a/b[@id='b_2']")}, want: "b2"},
		{fn: "xpath_string", result: str, args: []lv{s("<a><![CDATA[x<]]>y</a>"), s("a/text()")}, want: "x<y"},
		{fn: "xpath_string", result: str, args: []lv{s("<a><b>1</b></a>"), s("string(1 div 4)")}, want: "0.25"},
		{fn: "xpath", result: list, args: []lv{s(abc), s("a/b/text()")}, want: "[b1, b2, b3]"},
		{fn: "xpath", result: list, args: []lv{s(abc), s("a/b")}, want: "[NULL, NULL, NULL]"},
		{fn: "xpath", result: list, args: []lv{s(abc), s("a/text()")}, want: "[]"},
		{fn: "xpath", result: list, args: []lv{s(abc), s("a/*/text()")}, want: "[b1, b2, b3, c1, c2]"},
		{fn: "xpath", result: list, args: []lv{s("<a><b class='bb'>b1</b><b>b2</b><c class='bb'>c1</c></a>"), s("a/*[@class='bb']/text()")}, want: "[b1, c1]"},
		{fn: "xpath", result: list, args: []lv{s("<a x='1' y='2'/>"), s("a/@*")}, want: "[1, 2]"},
	})
	for _, fn := range []string{"xpath", "xpath_boolean", "xpath_short", "xpath_int", "xpath_long", "xpath_float", "xpath_double", "xpath_string"} {
		// NULL and empty inputs give NULL.
		for _, args := range [][]lv{{s("<a><b>b1</b></a>"), null(str)}, {null(str), s("a")}, {s(""), s("a")}, {s("<a></a>"), s("")}} {
			if got := evalFn(t, fn, args); got != "NULL" {
				t.Errorf("%s%v = %s, want NULL", fn, args, got)
			}
		}
		// A document that is not well-formed and an invalid path fail.
		for _, args := range [][]lv{{s("<a>/a>"), s("a")}, {s("<a></a>"), s("!#$")}, {s("<a></a><b/>"), s("a")}, {s("x<a/>"), s("a")}} {
			if err := evalFnErr(t, fn, args); err == nil {
				t.Errorf("%s%v: no error", fn, args)
			} else if se, ok := sparkerror.As(err); !ok || se.Kind != sparkerror.Runtime {
				t.Errorf("%s%v: %v, want a runtime error", fn, args, err)
			}
		}
	}
	if err := evalFnErr(t, "xpath", []lv{s("<a/>"), s("count(a)")}); err == nil || !strings.Contains(err.Error(), "NodeList") {
		t.Errorf("xpath of a number: %v", err)
	}
}

func evalFnExpr(t *testing.T, fn string, args []lv) Expr {
	t.Helper()
	f, ok := Lookup(fn)
	if !ok {
		t.Fatalf("no function %s", fn)
	}
	xs := make([]Expr, len(args))
	ts := make([]types.DataType, len(args))
	for k, a := range args {
		xs[k], ts[k] = litOf(t, a.t, a.v), a.t
	}
	result := map[string]types.DataType{"xpath": types.NewArray(types.String, true), "xpath_boolean": types.Boolean,
		"xpath_short": types.Short, "xpath_int": types.Integer, "xpath_long": types.Long, "xpath_float": types.Float,
		"xpath_double": types.Double, "xpath_string": types.String}[fn]
	e, err := f(xs, ts, result, FuncOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func evalFn(t *testing.T, fn string, args []lv) string {
	t.Helper()
	return evalStrs(t, evalFnExpr(t, fn, args), emptyBatch(1))[0]
}

func evalFnErr(t *testing.T, fn string, args []lv) error {
	t.Helper()
	res, err := evalFnExpr(t, fn, args).Eval(emptyBatch(1))
	if err == nil {
		res.Release()
	}
	return err
}

// The bitmap functions, with Spark's documented examples and the bucket edges.
func TestBitmapFunctions(t *testing.T) {
	long := types.Long
	runFnCases(t, []fnCase{
		{fn: "bitmap_bucket_number", result: long, args: []lv{l(123)}, want: "1"},
		{fn: "bitmap_bucket_number", result: long, args: []lv{l(0)}, want: "0"},
		{fn: "bitmap_bucket_number", result: long, args: []lv{l(32768)}, want: "1"},
		{fn: "bitmap_bucket_number", result: long, args: []lv{l(32769)}, want: "2"},
		{fn: "bitmap_bucket_number", result: long, args: []lv{l(-1)}, want: "0"},
		{fn: "bitmap_bucket_number", result: long, args: []lv{l(-32768)}, want: "-1"},
		{fn: "bitmap_bucket_number", result: long, args: []lv{null(long)}, want: "NULL"},
		{fn: "bitmap_bit_position", result: long, args: []lv{l(1)}, want: "0"},
		{fn: "bitmap_bit_position", result: long, args: []lv{l(123)}, want: "122"},
		{fn: "bitmap_bit_position", result: long, args: []lv{l(32768)}, want: "32767"},
		{fn: "bitmap_bit_position", result: long, args: []lv{l(32769)}, want: "0"},
		{fn: "bitmap_bit_position", result: long, args: []lv{l(0)}, want: "0"},
		{fn: "bitmap_bit_position", result: long, args: []lv{l(-32769)}, want: "1"},
		{fn: "bitmap_count", result: long, args: []lv{b([]byte{0x10, 0x10})}, want: "2"},
		{fn: "bitmap_count", result: long, args: []lv{b([]byte{0xff, 0xff})}, want: "16"},
		{fn: "bitmap_count", result: long, args: []lv{b([]byte{0})}, want: "0"},
		{fn: "bitmap_count", result: long, args: []lv{b([]byte{1, 2, 3, 4, 5, 6, 7, 8, 255})}, want: "21"},
		{fn: "bitmap_count", result: long, args: []lv{null(types.Binary)}, want: "NULL"},
	})
}

// The task-context functions read the partition, row offset and file of a batch wrapped
// by WithTask, and survive encoding.
func TestTaskContextFunctions(t *testing.T) {
	build := func(fn string, result types.DataType) Expr {
		f, ok := Lookup(fn)
		if !ok {
			t.Fatalf("no function %s", fn)
		}
		e, err := f(nil, nil, result, FuncOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := Encode(e)
		if err != nil {
			t.Fatalf("encode %s: %v", fn, err)
		}
		d, err := Decode(m)
		if err != nil {
			t.Fatalf("decode %s: %v", fn, err)
		}
		return d
	}
	pid := build("spark_partition_id", types.Integer)
	mid := build("monotonically_increasing_id", types.Long)
	name := build("input_file_name", types.String)
	start := build("input_file_block_start", types.Long)
	length := build("input_file_block_length", types.Long)
	if !NeedsTask(pid) || !NeedsTask(mid) || NeedsTask(litOf(t, types.Long, int64(1))) {
		t.Errorf("NeedsTask is wrong")
	}
	plus := &Arith{Op: "+", Left: mid, Right: litOf(t, types.Long, int64(1)), Type: arrow.PrimitiveTypes.Int64}
	if !NeedsTask(plus) {
		t.Errorf("NeedsTask misses a nested call")
	}
	b := WithTask(emptyBatch(3), TaskInfo{Partition: 2, RowOffset: 5, File: "file:///x/y.parquet", BlockStart: 4, BlockLength: 100})
	want := map[Expr][]string{
		pid:    {"2", "2", "2"},
		mid:    {"17179869189", "17179869190", "17179869191"},
		plus:   {"17179869190", "17179869191", "17179869192"},
		name:   {"file:///x/y.parquet", "file:///x/y.parquet", "file:///x/y.parquet"},
		start:  {"4", "4", "4"},
		length: {"100", "100", "100"},
	}
	for e, w := range want {
		wantStrs(t, e, b, w...)
	}
	// Without a task: partition 0, offset 0, no file.
	plain := emptyBatch(2)
	wantStrs(t, mid, plain, "0", "1")
	wantStrs(t, name, plain, "", "")
	wantStrs(t, start, plain, "-1", "-1")
	if WithoutTask(b) == b {
		t.Errorf("WithoutTask kept the wrapper")
	}
}

// The time-window kernels: Spark's TimeWindowing arithmetic (windows aligned to the slide
// from the start offset, counting back from the latest), session ends, window_time.
func TestTimeWindowKernels(t *testing.T) {
	ts := types.Timestamp
	win := types.NewStruct(types.NewField("start", ts, true), types.NewField("end", ts, true))
	build := func(fn string, result types.DataType, args ...lv) Expr {
		f, ok := Lookup(fn)
		if !ok {
			t.Fatalf("no function %s", fn)
		}
		xs := make([]Expr, len(args))
		at := make([]types.DataType, len(args))
		for k, a := range args {
			xs[k], at[k] = litOf(t, a.t, a.v), a.t
		}
		e, err := f(xs, at, result, FuncOptions{TimeZone: mustZone("UTC")})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	const minute = int64(60_000_000)
	at := func(m int64) lv { return lv{ts, int64(1609459200000000) + m*minute} } // 2021-01-01 00:00 + m minutes
	cases := []struct {
		args []lv
		want string
	}{
		// 00:04:30 in 5-minute windows: [00:00, 00:05).
		{[]lv{lv{ts, int64(1609459200000000 + 270_000_000)}, l(5 * minute), l(5 * minute), l(0), l(0)}, "{2021-01-01 00:00:00, 2021-01-01 00:05:00}"},
		// 00:06 in 10-minute windows sliding by 5: the latest [00:05, 00:15), then [00:00, 00:10).
		{[]lv{at(6), l(10 * minute), l(5 * minute), l(0), l(0)}, "{2021-01-01 00:05:00, 2021-01-01 00:15:00}"},
		{[]lv{at(6), l(10 * minute), l(5 * minute), l(0), l(1)}, "{2021-01-01 00:00:00, 2021-01-01 00:10:00}"},
		// A start offset of one minute.
		{[]lv{at(0), l(5 * minute), l(5 * minute), l(minute), l(0)}, "{2020-12-31 23:56:00, 2021-01-01 00:01:00}"},
		// Before the epoch the remainder is negative and is wrapped.
		{[]lv{lv{ts, int64(-1)}, l(minute), l(minute), l(0), l(0)}, "{1969-12-31 23:59:00, 1970-01-01 00:00:00}"},
		{[]lv{null(ts), l(minute), l(minute), l(0), l(0)}, "{NULL, NULL}"},
	}
	for _, c := range cases {
		if got := evalStrs(t, build("__time_window", win, c.args...), emptyBatch(1))[0]; got != c.want {
			t.Errorf("__time_window%v = %s, want %s", c.args, got, c.want)
		}
	}
	day := lv{types.DayTimeIntervalType{StartField: types.Day, EndField: types.Second}, int64(5 * minute)}
	if got := evalStrs(t, build("__session_window", win, at(1), day), emptyBatch(1))[0]; got != "{2021-01-01 00:01:00, 2021-01-01 00:06:00}" {
		t.Errorf("__session_window = %s", got)
	}
}

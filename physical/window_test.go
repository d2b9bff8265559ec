package physical

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/types"
)

// ---- helpers ----

// checkedMem returns an allocator for test input whose buffers must all be released by the
// end of the test (the source's own references are dropped by releaseSource).
func checkedMem(t *testing.T) *arrowmem.CheckedAllocator {
	mem := arrowmem.NewCheckedAllocator(arrowmem.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}

// goSource builds a memSource from Go rows (one [][]any per batch, batches per partition),
// in the checked allocator; the source's batches are released at the end of the test.
func goSource(t *testing.T, mem arrowmem.Allocator, schema *arrow.Schema, parts ...[][][]any) *memSource {
	t.Helper()
	m := &memSource{schema: schema}
	for _, p := range parts {
		var bs []arrow.RecordBatch
		for _, rows := range p {
			bs = append(bs, buildBatch(t, mem, schema, rows))
		}
		m.parts = append(m.parts, bs)
	}
	t.Cleanup(func() {
		for _, p := range m.parts {
			for _, b := range p {
				b.Release()
			}
		}
	})
	return m
}

func buildBatch(t testing.TB, mem arrowmem.Allocator, schema *arrow.Schema, rows [][]any) arrow.RecordBatch {
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	for _, r := range rows {
		for c, v := range r {
			fb := b.Field(c)
			if v == nil {
				fb.AppendNull()
				continue
			}
			switch fb := fb.(type) {
			case *array.Int32Builder:
				fb.Append(int32(v.(int)))
			case *array.Int64Builder:
				fb.Append(int64(v.(int)))
			case *array.Float64Builder:
				fb.Append(v.(float64))
			case *array.StringBuilder:
				fb.Append(v.(string))
			case *array.BooleanBuilder:
				fb.Append(v.(bool))
			case *array.Date32Builder:
				d, err := time.Parse("2006-01-02", v.(string))
				if err != nil {
					t.Fatal(err)
				}
				fb.Append(arrow.Date32(d.Unix() / 86400))
			case *array.TimestampBuilder: // seconds
				fb.Append(arrow.Timestamp(int64(v.(int)) * 1000000))
			case *array.Decimal128Builder:
				dt := fb.Type().(*arrow.Decimal128Type)
				n, err := decimal128.FromString(v.(string), dt.Precision, dt.Scale)
				if err != nil {
					t.Fatal(err)
				}
				fb.Append(n)
			default:
				t.Fatalf("buildBatch: unsupported builder %T", fb)
			}
		}
	}
	return b.NewRecordBatch()
}

var laZone, _ = time.LoadLocation("America/Los_Angeles")

// hiveRows runs a plan and renders the chosen output columns as the spark-sql golden
// files do (tab separated, NULL, Java doubles, timestamps in America/Los_Angeles).
func hiveRows(t testing.TB, p ExecutionPlan, cols ...int) []string {
	t.Helper()
	out, err := tryHiveRows(context.Background(), p, cols...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tryHiveRows(ctx context.Context, p ExecutionPlan, cols ...int) ([]string, error) {
	var out []string
	opts := format.Options{Style: format.StyleHive, TimeZone: laZone}
	err := Collect(ctx, p, func(b arrow.RecordBatch) error {
		defer b.Release()
		if !b.Schema().Equal(p.Schema()) {
			return fmt.Errorf("batch schema %s differs from plan schema %s", b.Schema(), p.Schema())
		}
		fs := make([]*format.Formatter, len(cols))
		for i, c := range cols {
			f, err := format.NewFormatter(b.Column(c), opts)
			if err != nil {
				return err
			}
			fs[i] = f
		}
		for r := range int(b.NumRows()) {
			vals := make([]string, len(cols))
			for i, f := range fs {
				vals[i] = f.Value(r)
			}
			out = append(out, strings.Join(vals, "\t"))
		}
		return nil
	})
	return out, err
}

// golden splits a golden file's output block into lines.
func golden(s string) []string {
	return strings.Split(strings.TrimSpace(s), "\n")
}

func lit(t types.DataType, v any) expr.Expr {
	e, err := expr.NewLiteral(t, v)
	if err != nil {
		panic(err)
	}
	return e
}

func rowsBetween(lo, hi FrameBound) WindowFrame {
	return WindowFrame{Type: RowsFrame, Lower: lo, Upper: hi}
}

func rangeBetween(lo, hi FrameBound) WindowFrame {
	return WindowFrame{Type: RangeFrame, Lower: lo, Upper: hi}
}

var (
	unbPre = FrameBound{Kind: UnboundedPreceding}
	unbFol = FrameBound{Kind: UnboundedFollowing}
	curRow = FrameBound{Kind: CurrentRow}
)

func pre(v expr.Expr) FrameBound { return FrameBound{Kind: Preceding, Offset: v} }
func fol(v expr.Expr) FrameBound { return FrameBound{Kind: Following, Offset: v} }

func mustWindow(t testing.TB, child ExecutionPlan, partitionBy []expr.Expr, orderBy []SortKey, funcs ...WindowFunc) *Window {
	t.Helper()
	w, err := NewWindow(child, partitionBy, orderBy, funcs)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// ---- golden: window.sql ----

var testDataSchema = arrow.NewSchema([]arrow.Field{
	{Name: "val", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "val_long", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "val_double", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "val_date", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "val_timestamp", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
	{Name: "cate", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// testData is window.sql's view, in three input batches over two partitions, hash
// distributed by cate (or by val) as the planner would.
func testData(t *testing.T, key int) ExecutionPlan {
	mem := checkedMem(t)
	src := goSource(t, mem, testDataSchema,
		[][][]any{
			{{nil, 1, 1.0, "2017-08-01", 1501545600, "a"}, {1, 1, 1.0, "2017-08-01", 1501545600, "a"},
				{1, 2, 2.5, "2017-08-02", 1502000000, "a"}},
			{{2, 2147483650, 100.001, "2020-12-31", 1609372800, "a"}, {1, nil, 1.0, "2017-08-01", 1501545600, "b"}},
		},
		[][][]any{
			{{2, 3, 3.3, "2017-08-03", 1503000000, "b"}, {3, 2147483650, 100.001, "2020-12-31", 1609372800, "b"},
				{nil, nil, nil, nil, nil, nil}, {3, 1, 1.0, "2017-08-01", 1501545600, nil}},
		})
	rp, err := NewRepartition(src, []expr.Expr{tdCol(key)}, 3)
	if err != nil {
		t.Fatal(err)
	}
	return rp
}

func tdCol(i int) expr.Expr {
	return col(i, testDataSchema.Field(i).Type)
}

const (
	tdVal = iota
	tdLong
	tdDouble
	tdDate
	tdTS
	tdCate
)

func TestWindowGoldenTestData(t *testing.T) {
	asc := func(c int) []SortKey { return []SortKey{{Expr: tdCol(c), NullsFirst: true}} }
	byCate := []expr.Expr{tdCol(tdCate)}
	agg := func(fn string, arg expr.Expr, fr WindowFrame) WindowFunc {
		return WindowFunc{Fn: fn, Args: []expr.Expr{arg}, Frame: fr}
	}
	tsDouble, err := expr.NewCast(tdCol(tdTS), types.Timestamp, types.Double, expr.CastOptions{TimeZone: laZone})
	if err != nil {
		t.Fatal(err)
	}
	dayHours := lit(types.DayTimeIntervalType{StartField: 0, EndField: 1}, int64((23*24+4)*3600*1000000))
	cases := []struct {
		name    string
		byVal   bool
		part    []expr.Expr
		order   []SortKey
		f       WindowFunc
		cols    []int
		want    string
		wantErr string
	}{
		{name: "count ROWS CURRENT ROW", part: byCate, order: asc(tdVal),
			f: agg("count", tdCol(tdVal), rowsBetween(curRow, curRow)), cols: []int{tdVal, tdCate, 6}, want: `
NULL	NULL	0
3	NULL	1
NULL	a	0
1	a	1
1	a	1
2	a	1
1	b	1
2	b	1
3	b	1`},
		{name: "sum ROWS UNBOUNDED PRECEDING AND 1 FOLLOWING", part: byCate, order: asc(tdVal),
			f: agg("sum", tdCol(tdVal), rowsBetween(unbPre, OffsetBound(Following, 1))), cols: []int{tdVal, tdCate, 6}, want: `
NULL	NULL	3
3	NULL	3
NULL	a	1
1	a	2
1	a	4
2	a	4
1	b	3
2	b	6
3	b	6`},
		{name: "count RANGE 1 PRECEDING", part: byCate, order: asc(tdVal),
			f: agg("count", tdCol(tdVal), rangeBetween(pre(lit(types.Integer, int32(1))), curRow)), cols: []int{tdVal, tdCate, 6}, want: `
NULL	NULL	0
3	NULL	1
NULL	a	0
1	a	2
1	a	2
2	a	3
1	b	1
2	b	2
3	b	2`},
		{name: "sum RANGE CURRENT ROW AND 1 FOLLOWING", part: byCate, order: asc(tdVal),
			f: agg("sum", tdCol(tdVal), rangeBetween(curRow, fol(lit(types.Integer, int32(1))))), cols: []int{tdVal, tdCate, 6}, want: `
NULL	NULL	NULL
3	NULL	3
NULL	a	NULL
1	a	4
1	a	4
2	a	2
1	b	3
2	b	5
3	b	3`},
		{name: "sum bigint RANGE CURRENT ROW AND 2147483648 FOLLOWING", part: byCate, order: asc(tdLong),
			f: agg("sum", tdCol(tdLong), rangeBetween(curRow, OffsetBound(Following, 2147483648))), cols: []int{tdLong, tdCate, 6}, want: `
NULL	NULL	NULL
1	NULL	1
1	a	4
1	a	4
2	a	2147483652
2147483650	a	2147483650
NULL	b	NULL
3	b	2147483653
2147483650	b	2147483650`},
		{name: "sum double RANGE CURRENT ROW AND 2.5 FOLLOWING", part: byCate, order: asc(tdDouble),
			f: agg("sum", tdCol(tdDouble), rangeBetween(curRow, fol(lit(types.Double, 2.5)))), cols: []int{tdDouble, tdCate, 6}, want: `
NULL	NULL	NULL
1.0	NULL	1.0
1.0	a	4.5
1.0	a	4.5
2.5	a	2.5
100.001	a	100.001
1.0	b	4.3
3.3	b	3.3
100.001	b	100.001`},
		{name: "max date RANGE CURRENT ROW AND 2 FOLLOWING", part: byCate, order: asc(tdDate),
			f: agg("max", tdCol(tdDate), rangeBetween(curRow, fol(lit(types.Integer, int32(2))))), cols: []int{tdDate, tdCate, 6}, want: `
NULL	NULL	NULL
2017-08-01	NULL	2017-08-01
2017-08-01	a	2017-08-02
2017-08-01	a	2017-08-02
2017-08-02	a	2017-08-02
2020-12-31	a	2020-12-31
2017-08-01	b	2017-08-03
2017-08-03	b	2017-08-03
2020-12-31	b	2020-12-31`},
		{name: "avg timestamp RANGE CURRENT ROW AND interval 23 days 4 hours FOLLOWING", part: byCate, order: asc(tdTS),
			f: agg("avg", tsDouble, rangeBetween(curRow, fol(dayHours))), cols: []int{tdTS, tdCate, 6}, want: `
NULL	NULL	NULL
2017-07-31 17:00:00	NULL	1.5015456E9
2017-07-31 17:00:00	a	1.5016970666666667E9
2017-07-31 17:00:00	a	1.5016970666666667E9
2017-08-05 23:13:20	a	1.502E9
2020-12-30 16:00:00	a	1.6093728E9
2017-07-31 17:00:00	b	1.5022728E9
2017-08-17 13:00:00	b	1.503E9
2020-12-30 16:00:00	b	1.6093728E9`},
		{name: "avg timestamp RANGE CURRENT ROW AND interval '1-1' year to month FOLLOWING", part: byCate, order: asc(tdTS),
			f: agg("avg", tsDouble, WindowFrame{Type: RangeFrame, Lower: curRow,
				Upper: fol(lit(types.YearMonthIntervalType{StartField: 0, EndField: 1}, int32(13))), TimeZone: laZone}),
			cols: []int{tdTS, tdCate, 6}, want: `
NULL	NULL	NULL
2017-07-31 17:00:00	NULL	1.5015456E9
2017-07-31 17:00:00	a	1.5016970666666667E9
2017-07-31 17:00:00	a	1.5016970666666667E9
2017-08-05 23:13:20	a	1.502E9
2020-12-30 16:00:00	a	1.6093728E9
2017-07-31 17:00:00	b	1.5022728E9
2017-08-17 13:00:00	b	1.503E9
2020-12-30 16:00:00	b	1.6093728E9`},
		{name: "avg timestamp ORDER BY date RANGE CURRENT ROW AND interval '1-1' year to month FOLLOWING", part: byCate, order: asc(tdDate),
			f:    agg("avg", tsDouble, rangeBetween(curRow, fol(lit(types.YearMonthIntervalType{StartField: 0, EndField: 1}, int32(13))))),
			cols: []int{tdDate, tdCate, 6}, want: `
NULL	NULL	NULL
2017-08-01	NULL	1.5015456E9
2017-08-01	a	1.5016970666666667E9
2017-08-01	a	1.5016970666666667E9
2017-08-02	a	1.502E9
2020-12-31	a	1.6093728E9
2017-08-01	b	1.5022728E9
2017-08-03	b	1.503E9
2020-12-31	b	1.6093728E9`},
		{name: "sum DESC RANGE CURRENT ROW AND 1 FOLLOWING", part: byCate,
			order: []SortKey{{Expr: tdCol(tdVal), Descending: true}},
			f:     agg("sum", tdCol(tdVal), rangeBetween(curRow, fol(lit(types.Integer, int32(1))))), cols: []int{tdVal, tdCate, 6}, want: `
NULL	NULL	NULL
3	NULL	3
NULL	a	NULL
1	a	2
1	a	2
2	a	4
1	b	1
2	b	3
3	b	5`},
		{name: "avg(null) default frame", part: byCate, order: asc(tdVal),
			f: agg("avg", lit(types.Null, nil), WindowFrame{}), cols: []int{tdVal, tdCate, 6}, want: `
NULL	NULL	NULL
3	NULL	NULL
NULL	a	NULL
1	a	NULL
1	a	NULL
2	a	NULL
1	b	NULL
2	b	NULL
3	b	NULL`},
		{name: "mean RANGE INTERVAL '5' DAY PRECEDING", byVal: true, part: []expr.Expr{tdCol(tdVal)}, order: asc(tdDate),
			f:    agg("mean", tdCol(tdDouble), rangeBetween(pre(lit(types.DayTimeIntervalType{}, int64(5*86400*1000000))), curRow)),
			cols: []int{tdVal, tdLong, tdDouble, tdDate, tdTS, tdCate, 6}, want: `
1	1	1.0	2017-08-01	2017-07-31 17:00:00	a	1.0
1	2	2.5	2017-08-02	2017-08-05 23:13:20	a	1.5
1	NULL	1.0	2017-08-01	2017-07-31 17:00:00	b	1.0
2	2147483650	100.001	2020-12-31	2020-12-30 16:00:00	a	100.001
2	3	3.3	2017-08-03	2017-08-17 13:00:00	b	3.3
3	1	1.0	2017-08-01	2017-07-31 17:00:00	NULL	1.0
3	2147483650	100.001	2020-12-31	2020-12-30 16:00:00	b	100.001
NULL	1	1.0	2017-08-01	2017-07-31 17:00:00	a	1.0
NULL	NULL	NULL	NULL	NULL	NULL	NULL`},
		{name: "RANGE with two order keys", part: byCate, order: append(asc(tdVal), asc(tdCate)...),
			f:       agg("count", tdCol(tdVal), rangeBetween(curRow, fol(lit(types.Integer, int32(1))))),
			wantErr: "RANGE_FRAME_MULTI_ORDER"},
		{name: "RANGE date with a day-time interval", part: byCate, order: asc(tdDate),
			f:       agg("count", tdCol(tdVal), rangeBetween(curRow, fol(lit(types.DayTimeIntervalType{StartField: 0, EndField: 3}, int64(93784001000))))),
			wantErr: "RANGE_FRAME_INVALID_TYPE"},
		{name: "RANGE timestamp with an integer", part: byCate, order: asc(tdTS),
			f:       agg("count", tdCol(tdVal), rangeBetween(curRow, fol(lit(types.Integer, int32(1))))),
			wantErr: "RANGE_FRAME_INVALID_TYPE"},
		{name: "UNBOUNDED FOLLOWING lower bound", part: byCate, order: asc(tdVal),
			f:       agg("count", tdCol(tdVal), rowsBetween(unbFol, OffsetBound(Following, 1))),
			wantErr: "SPECIFIED_WINDOW_FRAME_INVALID_BOUND"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			key := tdCate
			if c.byVal {
				key = tdVal
			}
			w, err := NewWindow(testData(t, key), c.part, c.order, []WindowFunc{c.f})
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("want error %s, got %v", c.wantErr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			eqSet(t, c.name, hiveRows(t, w, c.cols...), golden(c.want))
		})
	}
}

func TestWindowWholeInputNoKeys(t *testing.T) {
	// SELECT val, cate, sum(val) OVER(), avg(val) OVER(): one window partition, no sort.
	src := testData(t, tdCate)
	w := mustWindow(t, NewCoalesce(src), nil, nil,
		WindowFunc{Fn: "sum", Args: []expr.Expr{tdCol(tdVal)}},
		WindowFunc{Fn: "avg", Args: []expr.Expr{tdCol(tdVal)}},
		WindowFunc{Fn: "first_value", Args: []expr.Expr{lit(types.Boolean, false)}},
		WindowFunc{Fn: "last_value", Args: []expr.Expr{lit(types.Boolean, true), lit(types.Boolean, true)}})
	eqSet(t, "OVER ()", hiveRows(t, w, tdVal, tdCate, 6, 7, 8, 9), golden(`
NULL	NULL	13	1.8571428571428572	false	true
3	NULL	13	1.8571428571428572	false	true
NULL	a	13	1.8571428571428572	false	true
1	a	13	1.8571428571428572	false	true
1	a	13	1.8571428571428572	false	true
2	a	13	1.8571428571428572	false	true
1	b	13	1.8571428571428572	false	true
2	b	13	1.8571428571428572	false	true
3	b	13	1.8571428571428572	false	true`))
}

// ---- golden: postgreSQL/window_part1.sql over tenk1 WHERE unique2 < 10 ----

var tenkSchema = schemaOf("ten", arrow.PrimitiveTypes.Int32, "four", arrow.PrimitiveTypes.Int32)

func tenk(t *testing.T) ExecutionPlan {
	mem := checkedMem(t)
	// (ten, four); peers of ten are in the order Spark's results imply.
	return goSource(t, mem, tenkSchema,
		[][][]any{{{0, 0}, {1, 3}, {0, 0}, {1, 1}}, {{3, 3}, {4, 0}}},
		[][][]any{{{7, 1}, {0, 2}, {9, 1}}, {}, {{1, 1}}})
}

func TestWindowGoldenRankingAndOffsets(t *testing.T) {
	ten, four := col(0, arrow.PrimitiveTypes.Int32), col(1, arrow.PrimitiveTypes.Int32)
	byFour, err := NewRepartition(tenk(t), []expr.Expr{four}, 2)
	if err != nil {
		t.Fatal(err)
	}
	tenAsc := []SortKey{{Expr: ten, NullsFirst: true}}
	ten2, err := expr.NewArith("*", ten, lit(types.Integer, int32(2)), types.Integer, false)
	if err != nil {
		t.Fatal(err)
	}
	w := mustWindow(t, byFour, []expr.Expr{four}, tenAsc,
		WindowFunc{Fn: "rank"},
		WindowFunc{Fn: "dense_rank"},
		WindowFunc{Fn: "percent_rank"},
		WindowFunc{Fn: "cume_dist"},
		WindowFunc{Fn: "lag", Args: []expr.Expr{ten}},
		WindowFunc{Fn: "lead", Args: []expr.Expr{ten}},
		WindowFunc{Fn: "lead", Args: []expr.Expr{ten2, lit(types.Integer, int32(1))}},
		WindowFunc{Fn: "lead", Args: []expr.Expr{ten2, lit(types.Integer, int32(1)), lit(types.Integer, int32(-1))}},
		WindowFunc{Fn: "first", Args: []expr.Expr{ten}},
		WindowFunc{Fn: "last", Args: []expr.Expr{ten}, Frame: WholePartition},
		WindowFunc{Fn: "count", Frame: WholePartition},
	)
	if got := w.Schema().Field(2); got.Type.ID() != arrow.INT32 || got.Nullable {
		t.Fatalf("rank's column %v", got)
	}
	if got := w.Schema().Field(4).Type.ID(); got != arrow.FLOAT64 {
		t.Fatalf("percent_rank is %v", got)
	}
	eqSet(t, "rank", hiveRows(t, w, 2, 0, 1), golden(`
1	0	0
1	0	0
1	0	2
1	1	1
1	1	1
1	1	3
2	3	3
3	4	0
3	7	1
4	9	1`))
	eqSet(t, "dense_rank", hiveRows(t, w, 3, 0, 1), golden(`
1	0	0
1	0	0
1	0	2
1	1	1
1	1	1
1	1	3
2	3	3
2	4	0
2	7	1
3	9	1`))
	eqSet(t, "percent_rank", hiveRows(t, w, 4, 0, 1), golden(`
0.0	0	0
0.0	0	0
0.0	0	2
0.0	1	1
0.0	1	1
0.0	1	3
0.6666666666666666	7	1
1.0	3	3
1.0	4	0
1.0	9	1`))
	eqSet(t, "cume_dist", hiveRows(t, w, 5, 0, 1), golden(`
0.5	1	1
0.5	1	1
0.5	1	3
0.6666666666666666	0	0
0.6666666666666666	0	0
0.75	7	1
1.0	0	2
1.0	3	3
1.0	4	0
1.0	9	1`))
	eqSet(t, "lag", hiveRows(t, w, 6, 0, 1), golden(`
0	0	0
0	4	0
1	1	1
1	3	3
1	7	1
7	9	1
NULL	0	0
NULL	0	2
NULL	1	1
NULL	1	3`))
	eqSet(t, "lead", hiveRows(t, w, 7, 0, 1), golden(`
0	0	0
1	1	1
3	1	3
4	0	0
7	1	1
9	7	1
NULL	0	2
NULL	3	3
NULL	4	0
NULL	9	1`))
	eqSet(t, "lead(ten * 2, 1)", hiveRows(t, w, 8, 0, 1), golden(`
0	0	0
14	1	1
18	7	1
2	1	1
6	1	3
8	0	0
NULL	0	2
NULL	3	3
NULL	4	0
NULL	9	1`))
	eqSet(t, "lead(ten * 2, 1, -1)", hiveRows(t, w, 9, 0, 1), golden(`
-1	0	2
-1	3	3
-1	4	0
-1	9	1
0	0	0
14	1	1
18	7	1
2	1	1
6	1	3
8	0	0`))
	eqSet(t, "first", hiveRows(t, w, 10, 0, 1), golden(`
0	0	0
0	0	0
0	0	2
0	4	0
1	1	1
1	1	1
1	1	3
1	3	3
1	7	1
1	9	1`))
	eqSet(t, "last over the partition", hiveRows(t, w, 11, 0, 1), golden(`
4	0	0
4	0	0
4	4	0
9	1	1
9	1	1
9	7	1
9	9	1
0	0	2
3	1	3
3	3	3`))
	eqSet(t, "count(*) over the partition", hiveRows(t, w, 12, 1), golden(`
3	0
3	0
3	0
4	1
4	1
4	1
4	1
1	2
2	3
2	3`))

	// No PARTITION BY: one partition, ordered by ten (peers in input order).
	w2 := mustWindow(t, NewCoalesce(tenk(t)), nil, []SortKey{{Expr: ten, NullsFirst: true}, {Expr: four, NullsFirst: true}},
		WindowFunc{Fn: "ntile", Args: []expr.Expr{lit(types.Integer, int32(3))}},
		WindowFunc{Fn: "row_number"})
	eqSet(t, "ntile(3)", hiveRows(t, w2, 2, 0, 1), golden(`
1	0	0
1	0	0
1	0	2
1	1	1
2	1	1
2	1	3
2	3	3
3	4	0
3	7	1
3	9	1`))
	eqStrings(t, "row_number", hiveRows(t, w2, 3), golden("1\n2\n3\n4\n5\n6\n7\n8\n9\n10"))
	w3 := mustWindow(t, NewCoalesce(tenk(t)), nil, tenAsc, WindowFunc{Fn: "last", Args: []expr.Expr{four}})
	eqSet(t, "last(four) OVER (ORDER BY ten): peers included", hiveRows(t, w3, 2, 0, 1), golden(`
0	4	0
1	1	1
1	1	1
1	1	3
1	7	1
1	9	1
2	0	0
2	0	0
2	0	2
3	3	3`))
}

// ---- golden: window.sql's test_ignore_null ----

func TestWindowGoldenIgnoreNulls(t *testing.T) {
	mem := checkedMem(t)
	schema := schemaOf("content", arrow.BinaryTypes.String, "id", arrow.PrimitiveTypes.Int32, "v", arrow.BinaryTypes.String)
	src := goSource(t, mem, schema, [][][]any{
		{{"a", 0, nil}, {"a", 1, "x"}, {"b", 2, nil}},
		{{"c", 3, nil}, {"a", 4, "y"}, {"b", 5, nil}, {"a", 6, "z"}},
		{{"a", 7, "v"}, {"a", 8, nil}},
	})
	v := col(2, arrow.BinaryTypes.String)
	id := []SortKey{{Expr: col(1, arrow.PrimitiveTypes.Int32), NullsFirst: true}}
	n := func(k int32) expr.Expr { return lit(types.Integer, k) }
	ign := func(fn string, fr WindowFrame, args ...expr.Expr) WindowFunc {
		return WindowFunc{Fn: fn, Args: args, IgnoreNulls: true, Frame: fr}
	}
	var def WindowFrame
	w := mustWindow(t, src, nil, id,
		ign("lead", def, v, n(0)), ign("lead", def, v, n(1)), ign("lead", def, v, n(2)), ign("lead", def, v, n(3)),
		ign("lag", def, v, n(0)), ign("lag", def, v, n(1)), ign("lag", def, v, n(2)), ign("lag", def, v, n(3)),
		ign("lag", def, v, n(3)),
		ign("nth_value", def, v, n(1)), ign("nth_value", def, v, n(2)), ign("nth_value", def, v, n(3)),
		ign("first_value", def, v), ign("any_value", def, v), ign("last_value", def, v))
	all := []int{0, 1, 2}
	for i := 3; i < 18; i++ {
		all = append(all, i)
	}
	eqStrings(t, "lead/lag/nth_value/first/last IGNORE NULLS", hiveRows(t, w, all...), golden(`
a	0	NULL	NULL	x	y	z	NULL	NULL	NULL	NULL	NULL	NULL	NULL	NULL	NULL	NULL	NULL
a	1	x	x	y	z	v	x	NULL	NULL	NULL	NULL	x	NULL	NULL	x	x	x
b	2	NULL	NULL	y	z	v	NULL	x	NULL	NULL	NULL	x	NULL	NULL	x	x	x
c	3	NULL	NULL	y	z	v	NULL	x	NULL	NULL	NULL	x	NULL	NULL	x	x	x
a	4	y	y	z	v	NULL	y	x	NULL	NULL	NULL	x	y	NULL	x	x	y
b	5	NULL	NULL	z	v	NULL	NULL	y	x	NULL	NULL	x	y	NULL	x	x	y
a	6	z	z	v	NULL	NULL	z	y	x	NULL	NULL	x	y	z	x	x	z
a	7	v	v	NULL	NULL	NULL	v	z	y	x	x	x	y	z	x	x	v
a	8	NULL	NULL	NULL	NULL	NULL	NULL	v	z	y	y	x	y	z	x	x	v`))

	two := OffsetBound(Preceding, 2)
	frames := []struct {
		fr   WindowFrame
		want string
	}{
		{rangeBetween(unbPre, curRow), `
a	0	NULL	NULL	NULL	NULL	NULL	NULL	NULL
a	1	x	x	NULL	NULL	x	x	x
b	2	NULL	x	NULL	NULL	x	x	x
c	3	NULL	x	NULL	NULL	x	x	x
a	4	y	x	y	NULL	x	x	y
b	5	NULL	x	y	NULL	x	x	y
a	6	z	x	y	z	x	x	z
a	7	v	x	y	z	x	x	v
a	8	NULL	x	y	z	x	x	v`},
		{rangeBetween(pre(n(2)), fol(n(2))), `
a	0	NULL	x	NULL	NULL	x	x	x
a	1	x	x	NULL	NULL	x	x	x
b	2	NULL	x	y	NULL	x	x	y
c	3	NULL	x	y	NULL	x	x	y
a	4	y	y	z	NULL	y	y	z
b	5	NULL	y	z	v	y	y	v
a	6	z	y	z	v	y	y	v
a	7	v	z	v	NULL	z	z	v
a	8	NULL	z	v	NULL	z	z	v`},
		{rowsBetween(two, OffsetBound(Following, 2)), `
a	0	NULL	x	NULL	NULL	x	x	x
a	1	x	x	NULL	NULL	x	x	x
b	2	NULL	x	y	NULL	x	x	y
c	3	NULL	x	y	NULL	x	x	y
a	4	y	y	z	NULL	y	y	z
b	5	NULL	y	z	v	y	y	v
a	6	z	y	z	v	y	y	v
a	7	v	z	v	NULL	z	z	v
a	8	NULL	z	v	NULL	z	z	v`},
		{rangeBetween(curRow, unbFol), `
a	0	NULL	x	y	z	x	x	v
a	1	x	x	y	z	x	x	v
b	2	NULL	y	z	v	y	y	v
c	3	NULL	y	z	v	y	y	v
a	4	y	y	z	v	y	y	v
b	5	NULL	z	v	NULL	z	z	v
a	6	z	z	v	NULL	z	z	v
a	7	v	v	NULL	NULL	v	v	v
a	8	NULL	NULL	NULL	NULL	NULL	NULL	NULL`},
		{rangeBetween(unbPre, unbFol), `
a	0	NULL	x	y	z	x	x	v
a	1	x	x	y	z	x	x	v
b	2	NULL	x	y	z	x	x	v
c	3	NULL	x	y	z	x	x	v
a	4	y	x	y	z	x	x	v
b	5	NULL	x	y	z	x	x	v
a	6	z	x	y	z	x	x	v
a	7	v	x	y	z	x	x	v
a	8	NULL	x	y	z	x	x	v`},
		{rowsBetween(unbPre, OffsetBound(Following, 1)), `
a	0	NULL	x	NULL	NULL	x	x	x
a	1	x	x	NULL	NULL	x	x	x
b	2	NULL	x	NULL	NULL	x	x	x
c	3	NULL	x	y	NULL	x	x	y
a	4	y	x	y	NULL	x	x	y
b	5	NULL	x	y	z	x	x	z
a	6	z	x	y	z	x	x	v
a	7	v	x	y	z	x	x	v
a	8	NULL	x	y	z	x	x	v`},
	}
	for _, fc := range frames {
		w := mustWindow(t, src, nil, id,
			ign("nth_value", fc.fr, v, n(1)), ign("nth_value", fc.fr, v, n(2)), ign("nth_value", fc.fr, v, n(3)),
			ign("first_value", fc.fr, v), ign("any_value", fc.fr, v), ign("last_value", fc.fr, v))
		eqStrings(t, fc.fr.String(), hiveRows(t, w, 0, 1, 2, 3, 4, 5, 6, 7, 8), golden(fc.want))
	}
}

// ---- golden: window.sql's basic_pays ----

func TestWindowGoldenFirstNthValue(t *testing.T) {
	mem := checkedMem(t)
	schema := schemaOf("employee_name", arrow.BinaryTypes.String, "department", arrow.BinaryTypes.String,
		"salary", arrow.PrimitiveTypes.Int32)
	rows := [][]any{
		{"Diane Murphy", "Accounting", 8435}, {"Mary Patterson", "Accounting", 9998},
		{"Jeff Firrelli", "Accounting", 8992}, {"William Patterson", "Accounting", 8870},
		{"Gerard Bondur", "Accounting", 11472}, {"Anthony Bow", "Accounting", 6627},
		{"Leslie Jennings", "IT", 8113}, {"Leslie Thompson", "IT", 5186},
		{"Julie Firrelli", "Sales", 9181}, {"Steve Patterson", "Sales", 9441},
		{"Foon Yue Tseng", "Sales", 6660}, {"George Vanauf", "Sales", 10563},
		{"Loui Bondur", "SCM", 10449}, {"Gerard Hernandez", "SCM", 6949},
		{"Pamela Castillo", "SCM", 11303}, {"Larry Bott", "SCM", 11798}, {"Barry Jones", "SCM", 10586},
	}
	src := goSource(t, mem, schema, [][][]any{rows[:5], rows[5:6], rows[6:]})
	name, dept, salary := col(0, arrow.BinaryTypes.String), col(1, arrow.BinaryTypes.String), col(2, arrow.PrimitiveTypes.Int32)
	desc := []SortKey{{Expr: salary, Descending: true}}
	three := func(fr WindowFrame) []WindowFunc {
		return []WindowFunc{{Fn: "first_value", Args: []expr.Expr{name}, Frame: fr},
			{Fn: "any_value", Args: []expr.Expr{name}, Frame: fr},
			{Fn: "nth_value", Args: []expr.Expr{name, lit(types.Integer, int32(2))}, Frame: fr}}
	}
	const running = `
Larry Bott	11798	Larry Bott	Larry Bott	NULL
Gerard Bondur	11472	Larry Bott	Larry Bott	Gerard Bondur
Pamela Castillo	11303	Larry Bott	Larry Bott	Gerard Bondur
Barry Jones	10586	Larry Bott	Larry Bott	Gerard Bondur
George Vanauf	10563	Larry Bott	Larry Bott	Gerard Bondur
Loui Bondur	10449	Larry Bott	Larry Bott	Gerard Bondur
Mary Patterson	9998	Larry Bott	Larry Bott	Gerard Bondur
Steve Patterson	9441	Larry Bott	Larry Bott	Gerard Bondur
Julie Firrelli	9181	Larry Bott	Larry Bott	Gerard Bondur
Jeff Firrelli	8992	Larry Bott	Larry Bott	Gerard Bondur
William Patterson	8870	Larry Bott	Larry Bott	Gerard Bondur
Diane Murphy	8435	Larry Bott	Larry Bott	Gerard Bondur
Leslie Jennings	8113	Larry Bott	Larry Bott	Gerard Bondur
Gerard Hernandez	6949	Larry Bott	Larry Bott	Gerard Bondur
Foon Yue Tseng	6660	Larry Bott	Larry Bott	Gerard Bondur
Anthony Bow	6627	Larry Bott	Larry Bott	Gerard Bondur
Leslie Thompson	5186	Larry Bott	Larry Bott	Gerard Bondur`
	const whole = `
Larry Bott	11798	Larry Bott	Larry Bott	Gerard Bondur
Gerard Bondur	11472	Larry Bott	Larry Bott	Gerard Bondur
Pamela Castillo	11303	Larry Bott	Larry Bott	Gerard Bondur
Barry Jones	10586	Larry Bott	Larry Bott	Gerard Bondur
George Vanauf	10563	Larry Bott	Larry Bott	Gerard Bondur
Loui Bondur	10449	Larry Bott	Larry Bott	Gerard Bondur
Mary Patterson	9998	Larry Bott	Larry Bott	Gerard Bondur
Steve Patterson	9441	Larry Bott	Larry Bott	Gerard Bondur
Julie Firrelli	9181	Larry Bott	Larry Bott	Gerard Bondur
Jeff Firrelli	8992	Larry Bott	Larry Bott	Gerard Bondur
William Patterson	8870	Larry Bott	Larry Bott	Gerard Bondur
Diane Murphy	8435	Larry Bott	Larry Bott	Gerard Bondur
Leslie Jennings	8113	Larry Bott	Larry Bott	Gerard Bondur
Gerard Hernandez	6949	Larry Bott	Larry Bott	Gerard Bondur
Foon Yue Tseng	6660	Larry Bott	Larry Bott	Gerard Bondur
Anthony Bow	6627	Larry Bott	Larry Bott	Gerard Bondur
Leslie Thompson	5186	Larry Bott	Larry Bott	Gerard Bondur`
	cases := []struct {
		fr   WindowFrame
		want string
	}{
		{WindowFrame{}, running},
		{rangeBetween(unbPre, curRow), running},
		{rowsBetween(unbPre, curRow), running},
		{rowsBetween(OffsetBound(Preceding, 2), OffsetBound(Following, 2)), `
Larry Bott	11798	Larry Bott	Larry Bott	Gerard Bondur
Gerard Bondur	11472	Larry Bott	Larry Bott	Gerard Bondur
Pamela Castillo	11303	Larry Bott	Larry Bott	Gerard Bondur
Barry Jones	10586	Gerard Bondur	Gerard Bondur	Pamela Castillo
George Vanauf	10563	Pamela Castillo	Pamela Castillo	Barry Jones
Loui Bondur	10449	Barry Jones	Barry Jones	George Vanauf
Mary Patterson	9998	George Vanauf	George Vanauf	Loui Bondur
Steve Patterson	9441	Loui Bondur	Loui Bondur	Mary Patterson
Julie Firrelli	9181	Mary Patterson	Mary Patterson	Steve Patterson
Jeff Firrelli	8992	Steve Patterson	Steve Patterson	Julie Firrelli
William Patterson	8870	Julie Firrelli	Julie Firrelli	Jeff Firrelli
Diane Murphy	8435	Jeff Firrelli	Jeff Firrelli	William Patterson
Leslie Jennings	8113	William Patterson	William Patterson	Diane Murphy
Gerard Hernandez	6949	Diane Murphy	Diane Murphy	Leslie Jennings
Foon Yue Tseng	6660	Leslie Jennings	Leslie Jennings	Gerard Hernandez
Anthony Bow	6627	Gerard Hernandez	Gerard Hernandez	Foon Yue Tseng
Leslie Thompson	5186	Foon Yue Tseng	Foon Yue Tseng	Anthony Bow`},
		{rangeBetween(curRow, unbFol), `
Larry Bott	11798	Larry Bott	Larry Bott	Gerard Bondur
Gerard Bondur	11472	Gerard Bondur	Gerard Bondur	Pamela Castillo
Pamela Castillo	11303	Pamela Castillo	Pamela Castillo	Barry Jones
Barry Jones	10586	Barry Jones	Barry Jones	George Vanauf
George Vanauf	10563	George Vanauf	George Vanauf	Loui Bondur
Loui Bondur	10449	Loui Bondur	Loui Bondur	Mary Patterson
Mary Patterson	9998	Mary Patterson	Mary Patterson	Steve Patterson
Steve Patterson	9441	Steve Patterson	Steve Patterson	Julie Firrelli
Julie Firrelli	9181	Julie Firrelli	Julie Firrelli	Jeff Firrelli
Jeff Firrelli	8992	Jeff Firrelli	Jeff Firrelli	William Patterson
William Patterson	8870	William Patterson	William Patterson	Diane Murphy
Diane Murphy	8435	Diane Murphy	Diane Murphy	Leslie Jennings
Leslie Jennings	8113	Leslie Jennings	Leslie Jennings	Gerard Hernandez
Gerard Hernandez	6949	Gerard Hernandez	Gerard Hernandez	Foon Yue Tseng
Foon Yue Tseng	6660	Foon Yue Tseng	Foon Yue Tseng	Anthony Bow
Anthony Bow	6627	Anthony Bow	Anthony Bow	Leslie Thompson
Leslie Thompson	5186	Leslie Thompson	Leslie Thompson	NULL`},
		{rangeBetween(unbPre, unbFol), whole},
		{rowsBetween(unbPre, unbFol), whole},
		{rowsBetween(unbPre, OffsetBound(Following, 1)), whole},
	}
	// All frames in one Window (one sort, frames shared by the functions that use them).
	var funcs []WindowFunc
	for _, c := range cases {
		funcs = append(funcs, three(c.fr)...)
	}
	w := mustWindow(t, src, nil, desc, funcs...)
	for i, c := range cases {
		eqStrings(t, c.fr.String(), hiveRows(t, w, 0, 2, 3+3*i, 4+3*i, 5+3*i), golden(c.want))
	}
	if len(w.frames) != 7 {
		t.Fatalf("%d distinct frames, want 7 (the zero frame is RANGE UNBOUNDED PRECEDING AND CURRENT ROW)", len(w.frames))
	}

	asc := mustWindow(t, src, nil, []SortKey{{Expr: salary}},
		three(rangeBetween(pre(lit(types.Integer, int32(2000))), fol(lit(types.Integer, int32(1000)))))...)
	eqStrings(t, "RANGE BETWEEN 2000 PRECEDING AND 1000 FOLLOWING", hiveRows(t, asc, 0, 2, 3, 4, 5), golden(`
Leslie Thompson	5186	Leslie Thompson	Leslie Thompson	NULL
Anthony Bow	6627	Leslie Thompson	Leslie Thompson	Anthony Bow
Foon Yue Tseng	6660	Leslie Thompson	Leslie Thompson	Anthony Bow
Gerard Hernandez	6949	Leslie Thompson	Leslie Thompson	Anthony Bow
Leslie Jennings	8113	Anthony Bow	Anthony Bow	Foon Yue Tseng
Diane Murphy	8435	Anthony Bow	Anthony Bow	Foon Yue Tseng
William Patterson	8870	Gerard Hernandez	Gerard Hernandez	Leslie Jennings
Jeff Firrelli	8992	Leslie Jennings	Leslie Jennings	Diane Murphy
Julie Firrelli	9181	Leslie Jennings	Leslie Jennings	Diane Murphy
Steve Patterson	9441	Leslie Jennings	Leslie Jennings	Diane Murphy
Mary Patterson	9998	Leslie Jennings	Leslie Jennings	Diane Murphy
Loui Bondur	10449	William Patterson	William Patterson	Jeff Firrelli
George Vanauf	10563	William Patterson	William Patterson	Jeff Firrelli
Barry Jones	10586	William Patterson	William Patterson	Jeff Firrelli
Pamela Castillo	11303	Steve Patterson	Steve Patterson	Mary Patterson
Gerard Bondur	11472	Mary Patterson	Mary Patterson	Loui Bondur
Larry Bott	11798	Mary Patterson	Mary Patterson	Loui Bondur`))

	byDept, err := NewRepartition(src, []expr.Expr{dept}, 3)
	if err != nil {
		t.Fatal(err)
	}
	pw := mustWindow(t, byDept, []expr.Expr{dept}, desc,
		WindowFunc{Fn: "FIRST_VALUE", Args: []expr.Expr{name}, Frame: rangeBetween(unbPre, unbFol)},
		WindowFunc{Fn: "NTH_VALUE", Args: []expr.Expr{name, lit(types.Integer, int32(2))}, Frame: rangeBetween(unbPre, unbFol)})
	eqSet(t, "PARTITION BY department", hiveRows(t, pw, 0, 1, 2, 3, 4), golden(`
Gerard Bondur	Accounting	11472	Gerard Bondur	Mary Patterson
Mary Patterson	Accounting	9998	Gerard Bondur	Mary Patterson
Jeff Firrelli	Accounting	8992	Gerard Bondur	Mary Patterson
William Patterson	Accounting	8870	Gerard Bondur	Mary Patterson
Diane Murphy	Accounting	8435	Gerard Bondur	Mary Patterson
Anthony Bow	Accounting	6627	Gerard Bondur	Mary Patterson
Leslie Jennings	IT	8113	Leslie Jennings	Leslie Thompson
Leslie Thompson	IT	5186	Leslie Jennings	Leslie Thompson
Larry Bott	SCM	11798	Larry Bott	Pamela Castillo
Pamela Castillo	SCM	11303	Larry Bott	Pamela Castillo
Barry Jones	SCM	10586	Larry Bott	Pamela Castillo
Loui Bondur	SCM	10449	Larry Bott	Pamela Castillo
Gerard Hernandez	SCM	6949	Larry Bott	Pamela Castillo
George Vanauf	Sales	10563	George Vanauf	Steve Patterson
Steve Patterson	Sales	9441	George Vanauf	Steve Patterson
Julie Firrelli	Sales	9181	George Vanauf	Steve Patterson
Foon Yue Tseng	Sales	6660	George Vanauf	Steve Patterson`))
}

// ---- randomized data against a reference implementation ----

var genSchema = schemaOf("id", arrow.PrimitiveTypes.Int64, "p", arrow.PrimitiveTypes.Int64,
	"o", arrow.PrimitiveTypes.Int64, "o2", arrow.PrimitiveTypes.Int64, "x", arrow.PrimitiveTypes.Float64,
	"y", arrow.PrimitiveTypes.Int32, "s", arrow.BinaryTypes.String)

type genRow struct {
	id, p, o, o2 int64
	pNull        bool
	x            float64
	xNull        bool
	y            int32
	yNull        bool
	s            string
}

// genData makes n rows in batches of odd sizes: ~n/parts window partitions (one NULL
// partition), unique order keys o, coarse keys o2 with many peers, doubles with fractions
// and NULLs, ints with NULLs.
func genData(n, parts int) []genRow {
	rows := make([]genRow, n)
	seed := uint64(42)
	rnd := func() uint64 {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return seed
	}
	for i := range rows {
		r := &rows[i]
		r.id = int64(i)
		r.p = int64(rnd() % uint64(parts))
		r.pNull = i%997 == 5
		r.o = int64(i)*7919%1000003 - 500000
		r.o2 = r.o / 20000
		r.x = float64(int64(rnd()%2000000)-1000000) / 7.0
		r.xNull = rnd()%11 == 0
		r.y = int32(rnd()%2001) - 1000
		r.yNull = rnd()%13 == 0
		r.s = fmt.Sprintf("s%05d", rnd()%50000)
	}
	return rows
}

func genSource(t *testing.T, mem arrowmem.Allocator, rows []genRow, batch int) *memSource {
	b := array.NewRecordBuilder(mem, genSchema)
	defer b.Release()
	m := &memSource{schema: genSchema, parts: [][]arrow.RecordBatch{nil}}
	for lo := 0; lo < len(rows); lo += batch {
		for _, r := range rows[lo:min(lo+batch, len(rows))] {
			b.Field(0).(*array.Int64Builder).Append(r.id)
			if r.pNull {
				b.Field(1).AppendNull()
			} else {
				b.Field(1).(*array.Int64Builder).Append(r.p)
			}
			b.Field(2).(*array.Int64Builder).Append(r.o)
			b.Field(3).(*array.Int64Builder).Append(r.o2)
			if r.xNull {
				b.Field(4).AppendNull()
			} else {
				b.Field(4).(*array.Float64Builder).Append(r.x)
			}
			if r.yNull {
				b.Field(5).AppendNull()
			} else {
				b.Field(5).(*array.Int32Builder).Append(r.y)
			}
			b.Field(6).(*array.StringBuilder).Append(r.s)
		}
		m.parts[0] = append(m.parts[0], b.NewRecordBatch())
	}
	t.Cleanup(func() {
		for _, b := range m.parts[0] {
			b.Release()
		}
	})
	return m
}

// refPartitions groups rows by p (NULL first) and sorts each group by key, stably.
func refPartitions(rows []genRow, key func(r *genRow) int64) [][]*genRow {
	groups := map[int64][]*genRow{}
	var keys []int64
	for i := range rows {
		r := &rows[i]
		k := r.p
		if r.pNull {
			k = -1
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	var out [][]*genRow
	for _, k := range keys {
		g := groups[k]
		sortStable(g, func(a, b *genRow) bool { return key(a) < key(b) })
		out = append(out, g)
	}
	return out
}

func sortStable(g []*genRow, less func(a, b *genRow) bool) {
	// insertion-free stable sort via merge sort
	if len(g) < 2 {
		return
	}
	mid := len(g) / 2
	a := append([]*genRow(nil), g[:mid]...)
	b := append([]*genRow(nil), g[mid:]...)
	sortStable(a, less)
	sortStable(b, less)
	i, j := 0, 0
	for k := range g {
		if j >= len(b) || (i < len(a) && !less(b[j], a[i])) {
			g[k] = a[i]
			i++
		} else {
			g[k] = b[j]
			j++
		}
	}
}

// collectByID runs the plan and maps each row's id (column 0) to its rendered columns.
func collectByID(t *testing.T, ctx context.Context, p ExecutionPlan, cols ...int) map[int64][]string {
	t.Helper()
	out := map[int64][]string{}
	err := Collect(ctx, p, func(b arrow.RecordBatch) error {
		defer b.Release()
		ids := b.Column(0).(*array.Int64)
		for r := range int(b.NumRows()) {
			vals := make([]string, len(cols))
			for i, c := range cols {
				vals[i] = renderValue(b.Column(c), r)
			}
			out[ids.Value(r)] = vals
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// renderValue prints doubles by their bits, so comparisons are exact.
func renderValue(a arrow.Array, i int) string {
	if a.IsNull(i) {
		return "NULL"
	}
	if f, ok := a.(*array.Float64); ok {
		return fmt.Sprintf("%x", f.Value(i))
	}
	return a.ValueStr(i)
}

func fbits(v float64) string { return fmt.Sprintf("%x", v) }

func TestWindowAgainstReference(t *testing.T) {
	for _, c := range []struct{ rows, parts, batch int }{
		{20000, 150, 1237}, // partitions of ~130 rows, many per batch
		{7000, 3, 500},     // partitions spanning many batches
		{3000, 2500, 64},   // mostly one- and two-row partitions
	} {
		t.Run(fmt.Sprintf("%d_rows_%d_partitions_batches_of_%d", c.rows, c.parts, c.batch), func(t *testing.T) {
			testWindowAgainstReference(t, c.rows, c.parts, c.batch)
		})
	}
}

func testWindowAgainstReference(t *testing.T, rows, parts, batch int) {
	mem := checkedMem(t)
	data := genData(rows, parts)
	src := genSource(t, mem, data, batch)
	id, p, o, o2 := col(0, arrow.PrimitiveTypes.Int64), col(1, arrow.PrimitiveTypes.Int64),
		col(2, arrow.PrimitiveTypes.Int64), col(3, arrow.PrimitiveTypes.Int64)
	x, y, s := col(4, arrow.PrimitiveTypes.Float64), col(5, arrow.PrimitiveTypes.Int32), col(6, arrow.BinaryTypes.String)
	_ = id
	n := func(k int64) FrameBound { return OffsetBound(Following, k) }
	b := func(k int64) FrameBound { return OffsetBound(Preceding, k) }

	// ORDER BY o (unique): ROWS frames are deterministic.
	w := mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o}},
		WindowFunc{Fn: "row_number"}, // 7
		WindowFunc{Fn: "sum", Args: []expr.Expr{y}, Frame: rowsBetween(b(3), n(2))},                                                              // 8
		WindowFunc{Fn: "sum", Args: []expr.Expr{x}, Frame: rowsBetween(b(5), curRow)},                                                            // 9
		WindowFunc{Fn: "avg", Args: []expr.Expr{x}, Frame: rowsBetween(unbPre, curRow)},                                                          // 10
		WindowFunc{Fn: "min", Args: []expr.Expr{s}, Frame: rowsBetween(b(10), n(10))},                                                            // 11
		WindowFunc{Fn: "max", Args: []expr.Expr{x}, Frame: rowsBetween(b(4), b(1))},                                                              // 12
		WindowFunc{Fn: "count", Args: []expr.Expr{x}, Frame: rangeBetween(pre(lit(types.Long, int64(3000))), fol(lit(types.Long, int64(1500))))}, // 13
		WindowFunc{Fn: "lag", Args: []expr.Expr{y, lit(types.Integer, int32(2)), lit(types.Integer, int32(-1))}},                                 // 14
		WindowFunc{Fn: "lead", Args: []expr.Expr{x, lit(types.Integer, int32(3))}},                                                               // 15
		WindowFunc{Fn: "first_value", Args: []expr.Expr{x}, IgnoreNulls: true, Frame: rowsBetween(b(3), n(3))},                                   // 16
		WindowFunc{Fn: "collect_list", Args: []expr.Expr{y}, Frame: rowsBetween(b(2), curRow)},                                                   // 17
		WindowFunc{Fn: "sum", Args: []expr.Expr{x}, Frame: rowsBetween(curRow, unbFol)},                                                          // 18
	)
	got := collectByID(t, context.Background(), w, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18)
	if len(got) != len(data) {
		t.Fatalf("%d rows out, want %d", len(got), len(data))
	}
	for _, g := range refPartitions(data, func(r *genRow) int64 { return r.o }) {
		m := len(g)
		for i, r := range g {
			want := make([]string, 12)
			want[0] = fmt.Sprint(i + 1)
			// sum(y) ROWS 3 PRECEDING AND 2 FOLLOWING
			var si int64
			has := false
			for j := max(0, i-3); j <= min(m-1, i+2); j++ {
				if !g[j].yNull {
					si += int64(g[j].y)
					has = true
				}
			}
			want[1] = "NULL"
			if has {
				want[1] = fmt.Sprint(si)
			}
			seqSum := func(lo, hi int) (float64, int) {
				s, c := 0.0, 0
				for j := lo; j < hi; j++ {
					if !g[j].xNull {
						s += g[j].x
						c++
					}
				}
				return s, c
			}
			want[2] = "NULL"
			if s, c := seqSum(max(0, i-5), i+1); c > 0 {
				want[2] = fbits(s)
			}
			want[3] = "NULL"
			if s, c := seqSum(0, i+1); c > 0 {
				want[3] = fbits(s / float64(c))
			}
			mn := ""
			for j := max(0, i-10); j <= min(m-1, i+10); j++ {
				if mn == "" || g[j].s < mn {
					mn = g[j].s
				}
			}
			want[4] = mn
			want[5] = "NULL"
			found := false
			var mx float64
			for j := max(0, i-4); j <= i-1; j++ {
				if !g[j].xNull && (!found || g[j].x > mx) {
					mx, found = g[j].x, true
				}
			}
			if found {
				want[5] = fbits(mx)
			}
			cnt := 0
			for _, q := range g {
				if q.o >= r.o-3000 && q.o <= r.o+1500 && !q.xNull {
					cnt++
				}
			}
			want[6] = fmt.Sprint(cnt)
			want[7] = "-1"
			if i >= 2 {
				want[7] = "NULL"
				if !g[i-2].yNull {
					want[7] = fmt.Sprint(g[i-2].y)
				}
			}
			want[8] = "NULL"
			if i+3 < m && !g[i+3].xNull {
				want[8] = fbits(g[i+3].x)
			}
			want[9] = "NULL"
			for j := max(0, i-3); j <= min(m-1, i+3); j++ {
				if !g[j].xNull {
					want[9] = fbits(g[j].x)
					break
				}
			}
			var lst []string
			for j := max(0, i-2); j <= i; j++ {
				if !g[j].yNull {
					lst = append(lst, fmt.Sprint(g[j].y))
				}
			}
			want[10] = "[" + strings.Join(lst, ",") + "]"
			want[11] = "NULL"
			if s, c := seqSum(i, m); c > 0 {
				want[11] = fbits(s)
			}
			if gotRow := got[r.id]; strings.Join(gotRow, "|") != strings.Join(want, "|") {
				t.Fatalf("row id %d (partition %d, position %d):\ngot  %v\nwant %v", r.id, r.p, i, gotRow, want)
			}
		}
	}

	// ORDER BY o2 (many peers): RANGE frames and ranks.
	w2 := mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o2, Descending: true}},
		WindowFunc{Fn: "rank"},                      // 7
		WindowFunc{Fn: "dense_rank"},                // 8
		WindowFunc{Fn: "avg", Args: []expr.Expr{x}}, // 9: RANGE UNBOUNDED PRECEDING AND CURRENT ROW
		WindowFunc{Fn: "sum", Args: []expr.Expr{y}, Frame: rangeBetween(pre(lit(types.Long, int64(2))), fol(lit(types.Long, int64(1))))}, // 10
		WindowFunc{Fn: "cume_dist"}, // 11
		WindowFunc{Fn: "max", Args: []expr.Expr{y}, Frame: rangeBetween(curRow, fol(lit(types.Long, int64(3))))}, // 12
	)
	got = collectByID(t, context.Background(), w2, 7, 8, 9, 10, 11, 12)
	for _, g := range refPartitions(data, func(r *genRow) int64 { return -r.o2 }) {
		m := len(g)
		rank, dense := 0, 0
		for i, r := range g {
			if i == 0 || g[i-1].o2 != r.o2 {
				rank, dense = i+1, dense+1
			}
			end := i
			for end < m && g[end].o2 == r.o2 {
				end++
			}
			want := []string{fmt.Sprint(rank), fmt.Sprint(dense), "NULL", "NULL", "", "NULL"}
			s, c := 0.0, 0
			for j := 0; j < end; j++ {
				if !g[j].xNull {
					s += g[j].x
					c++
				}
			}
			if c > 0 {
				want[2] = fbits(s / float64(c))
			}
			var si int64
			has := false
			mx, found := int32(0), false
			for _, q := range g {
				// DESC: 2 PRECEDING are keys up to o2+2, 1 FOLLOWING down to o2-1
				if q.o2 <= r.o2+2 && q.o2 >= r.o2-1 && !q.yNull {
					si += int64(q.y)
					has = true
				}
				if q.o2 <= r.o2 && q.o2 >= r.o2-3 && !q.yNull && (!found || q.y > mx) {
					mx, found = q.y, true
				}
			}
			if has {
				want[3] = fmt.Sprint(si)
			}
			want[4] = fbits(float64(end) / float64(m))
			if found {
				want[5] = fmt.Sprint(mx)
			}
			if gotRow := got[r.id]; strings.Join(gotRow, "|") != strings.Join(want, "|") {
				t.Fatalf("RANGE: row id %d (partition %d, position %d):\ngot  %v\nwant %v", r.id, r.p, i, gotRow, want)
			}
		}
	}
}

// The native kernels (prefix sums, extend-or-recompute, monotonic queues, moments) must
// give exactly what the aggregate's own accumulator gives over each frame (the generic
// path, forced here with a FILTER that keeps every row).
func TestWindowNativeMatchesAccumulator(t *testing.T) {
	mem := checkedMem(t)
	data := genData(3000, 20)
	src := genSource(t, mem, data, 997)
	p, o := col(1, arrow.PrimitiveTypes.Int64), col(2, arrow.PrimitiveTypes.Int64)
	x, y, s := col(4, arrow.PrimitiveTypes.Float64), col(5, arrow.PrimitiveTypes.Int32), col(6, arrow.BinaryTypes.String)
	dec, err := expr.NewCast(x, types.Double, types.DecimalType{Precision: 12, Scale: 3}, expr.CastOptions{})
	if err != nil {
		t.Fatal(err)
	}
	positive, err := expr.NewCompare(expr.GT, y, lit(types.Integer, int32(0)))
	if err != nil {
		t.Fatal(err)
	}
	frames := []WindowFrame{
		rowsBetween(OffsetBound(Preceding, 7), OffsetBound(Following, 3)),
		rowsBetween(unbPre, curRow),
		rowsBetween(curRow, unbFol),
		rowsBetween(OffsetBound(Following, 2), OffsetBound(Following, 5)),
		WholePartition,
		rangeBetween(pre(lit(types.Long, int64(3000))), fol(lit(types.Long, int64(1500)))),
	}
	type agg struct {
		fn   string
		args []expr.Expr
		ansi bool
	}
	aggs := []agg{
		{"sum", []expr.Expr{x}, false}, {"avg", []expr.Expr{x}, false}, {"avg", []expr.Expr{y}, false},
		{"sum", []expr.Expr{y}, true}, {"count", []expr.Expr{x, y}, false}, {"count", nil, false},
		{"sum", []expr.Expr{dec}, false}, {"avg", []expr.Expr{dec}, true},
		{"stddev", []expr.Expr{x}, false}, {"var_pop", []expr.Expr{y}, false},
		{"skewness", []expr.Expr{x}, false}, {"kurtosis", []expr.Expr{dec}, false},
		{"min", []expr.Expr{x}, false}, {"max", []expr.Expr{s}, false}, {"max", []expr.Expr{y}, false},
		{"bool_and", []expr.Expr{positive}, false}, {"count_if", []expr.Expr{positive}, false},
	}
	var native, generic []WindowFunc
	keep := lit(types.Boolean, true)
	for _, fr := range frames {
		for _, a := range aggs {
			native = append(native, WindowFunc{Fn: a.fn, Args: a.args, Frame: fr, ANSI: a.ansi})
			generic = append(generic, WindowFunc{Fn: a.fn, Args: a.args, Frame: fr, ANSI: a.ansi, Filter: keep})
		}
	}
	wn := mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o}}, native...)
	wg := mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o}}, generic...)
	for i, f := range wn.funcs {
		if f.aggKind == aggGeneric {
			t.Fatalf("%s is not evaluated natively", f.name)
		}
		if wg.funcs[i].aggKind != aggGeneric {
			t.Fatalf("%s with FILTER is not generic", f.name)
		}
	}
	cols := make([]int, len(native))
	for i := range cols {
		cols[i] = 7 + i
	}
	gn := collectByID(t, context.Background(), wn, cols...)
	gg := collectByID(t, context.Background(), wg, cols...)
	if len(gn) != len(data) || len(gg) != len(data) {
		t.Fatalf("rows: %d native, %d generic, want %d", len(gn), len(gg), len(data))
	}
	for id, rn := range gn {
		rg := gg[id]
		for c := range rn {
			if rn[c] != rg[c] {
				t.Fatalf("row %d, %s: native %s, accumulator %s", id, wn.funcs[c].describe(wn), rn[c], rg[c])
			}
		}
	}
}

func TestWindowNullKeysAndOffsets(t *testing.T) {
	mem := checkedMem(t)
	schema := schemaOf("g", arrow.BinaryTypes.String, "k", arrow.PrimitiveTypes.Int32, "v", arrow.PrimitiveTypes.Int64)
	// One input partition, so that the order of peers (the input order) is known.
	rp := goSource(t, mem, schema,
		[][][]any{{{"a", 1, 10}, {nil, 5, 1}, {"a", nil, 20}, {"a", 3, 30}}, {{"b", 2, nil}, {"a", 3, 40}},
			{{nil, nil, 2}, {"a", 6, 50}, {"a", nil, 60}, {"b", 4, 70}}})
	g, k, v := col(0, arrow.BinaryTypes.String), col(1, arrow.PrimitiveTypes.Int32), col(2, arrow.PrimitiveTypes.Int64)
	one := lit(types.Integer, int32(1))
	two := lit(types.Integer, int32(2))
	// lag's default must have the input's type.
	if _, err := NewWindow(rp, []expr.Expr{g}, []SortKey{{Expr: k}}, []WindowFunc{{Fn: "lag", Args: []expr.Expr{v, two, k}}}); err == nil {
		t.Fatal("lag with a default of another type must fail")
	}
	kLong, err := expr.NewCast(k, types.Integer, types.Long, expr.CastOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// ORDER BY k DESC NULLS LAST: a's rows are 6, 3, 3, 1, NULL, NULL.
	w := mustWindow(t, rp, []expr.Expr{g}, []SortKey{{Expr: k, Descending: true}},
		WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Frame: rangeBetween(pre(one), fol(two))},
		WindowFunc{Fn: "count", Frame: rangeBetween(unbPre, pre(two))},
		WindowFunc{Fn: "sum", Args: []expr.Expr{v}},
		WindowFunc{Fn: "rank"},
		WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Frame: rowsBetween(curRow, OffsetBound(Following, 1))},
		WindowFunc{Fn: "lag", Args: []expr.Expr{v, two, kLong}},
		WindowFunc{Fn: "lead", Args: []expr.Expr{v, lit(types.Integer, int32(-1)), lit(types.Long, int64(-9))}},
		WindowFunc{Fn: "lag", Args: []expr.Expr{v, lit(types.Integer, int32(0))}},
		WindowFunc{Fn: "lead", Args: []expr.Expr{v, lit(types.Integer, int32(100)), lit(types.Long, int64(-7))}},
	)
	// a: k=6 v=50 | 3 30 | 3 40 | 1 10 | NULL 20 | NULL 60   (peers in input order)
	// sum RANGE 1 PRECEDING AND 2 FOLLOWING (DESC): keys in [k-2, k+1]
	// count RANGE UNBOUNDED PRECEDING AND 2 PRECEDING (DESC): keys >= k+2; NULL rows: the NULL rows
	eqSet(t, "DESC NULLS LAST", hiveRows(t, w, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), golden(`
a	6	50	50	0	50	1	80	6	-9	50	-7
a	3	30	80	1	120	2	70	3	50	30	-7
a	3	40	80	1	120	2	50	50	30	40	-7
a	1	10	10	3	130	4	30	30	40	10	-7
a	NULL	20	80	6	210	5	80	40	10	20	-7
a	NULL	60	80	6	210	5	60	10	20	60	-7
b	4	70	70	0	70	1	70	4	-9	70	-7
b	2	NULL	NULL	1	70	2	NULL	2	70	NULL	-7
NULL	5	1	1	0	1	1	3	5	-9	1	-7
NULL	NULL	2	2	2	3	2	2	NULL	1	2	-7`))

	// ASC NULLS FIRST, ROWS offsets past the partition and an empty frame.
	w = mustWindow(t, rp, []expr.Expr{g}, []SortKey{{Expr: k, NullsFirst: true}},
		WindowFunc{Fn: "count", Args: []expr.Expr{k}, Frame: rangeBetween(pre(one), curRow)},
		WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Frame: rowsBetween(OffsetBound(Following, 5), unbFol)},
		WindowFunc{Fn: "max", Args: []expr.Expr{v}, Frame: rowsBetween(OffsetBound(Preceding, 100), OffsetBound(Preceding, 1))},
		WindowFunc{Fn: "percent_rank"},
		WindowFunc{Fn: "ntile", Args: []expr.Expr{lit(types.Integer, int32(4))}},
	)
	// a: NULL 20 | NULL 60 | 1 10 | 3 30 | 3 40 | 6 50
	eqSet(t, "ASC NULLS FIRST", hiveRows(t, w, 0, 1, 2, 3, 4, 5, 6, 7), golden(`
a	NULL	20	0	50	NULL	0.0	1
a	NULL	60	0	NULL	20	0.0	1
a	1	10	1	NULL	60	0.4	2
a	3	30	2	NULL	60	0.6	2
a	3	40	2	NULL	60	0.6	3
a	6	50	1	NULL	60	1.0	4
b	2	NULL	1	NULL	NULL	0.0	1
b	4	70	1	NULL	NULL	1.0	2
NULL	NULL	2	0	NULL	NULL	0.0	1
NULL	5	1	1	NULL	2	1.0	2`))
}

func TestWindowEmptyInput(t *testing.T) {
	mem := checkedMem(t)
	schema := schemaOf("g", arrow.PrimitiveTypes.Int64, "v", arrow.PrimitiveTypes.Int64)
	g, v := col(0, arrow.PrimitiveTypes.Int64), col(1, arrow.PrimitiveTypes.Int64)
	src := goSource(t, mem, schema, [][][]any{}, [][][]any{{}, {}}, [][][]any{{{1, 2}}})
	funcs := []WindowFunc{{Fn: "row_number"}, {Fn: "sum", Args: []expr.Expr{v}, Frame: WholePartition},
		{Fn: "lag", Args: []expr.Expr{v}}}
	w := mustWindow(t, src, []expr.Expr{g}, []SortKey{{Expr: v}}, funcs...)
	eqStrings(t, "empty partitions", rows(t, w), []string{"1|2|1|2|null"})
	w = mustWindow(t, src, nil, nil, funcs...)
	eqStrings(t, "no keys", rows(t, w), []string{"1|2|1|2|null"})
	empty := goSource(t, mem, schema, [][][]any{}, [][][]any{{}})
	w = mustWindow(t, empty, []expr.Expr{g}, nil, funcs...)
	eqStrings(t, "empty input", rows(t, w), nil)
	w = mustWindow(t, empty, nil, nil, funcs...)
	eqStrings(t, "empty input, no keys", rows(t, w), nil)
	if m := w.Metrics(); m["output_rows"] != 0 {
		t.Fatalf("metrics %v", m)
	}
}

func TestWindowErrors(t *testing.T) {
	mem := checkedMem(t)
	schema := schemaOf("g", arrow.PrimitiveTypes.Int64, "v", arrow.PrimitiveTypes.Int64)
	g, v := col(0, arrow.PrimitiveTypes.Int64), col(1, arrow.PrimitiveTypes.Int64)
	src := goSource(t, mem, schema, [][][]any{{{1, 9223372036854775000}, {1, 1000}, {1, -5}, {1, 7}}})
	ord := []SortKey{{Expr: g}}
	bad := []struct {
		f    WindowFunc
		want string
	}{
		{WindowFunc{Fn: "no_such_fn"}, "no_such_fn"},
		{WindowFunc{Fn: "ntile", Args: []expr.Expr{lit(types.Integer, int32(0))}}, "VALUE_OUT_OF_RANGE"},
		{WindowFunc{Fn: "nth_value", Args: []expr.Expr{v, lit(types.Integer, int32(0))}}, "VALUE_OUT_OF_RANGE"},
		{WindowFunc{Fn: "nth_value", Args: []expr.Expr{v, v}}, "constant"},
		{WindowFunc{Fn: "lag", Args: []expr.Expr{v, lit(types.Integer, nil)}}, "non-null"},
		{WindowFunc{Fn: "lead"}, "WRONG_NUM_ARGS"},
		{WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Frame: rowsBetween(pre(lit(types.Double, 1.5)), curRow)}, "UNACCEPTED_TYPE"},
		{WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Frame: rowsBetween(curRow, unbPre)}, "INVALID_BOUND"},
		{WindowFunc{Fn: "sum", Args: []expr.Expr{v}, ResultType: types.Double}, "result type"},
	}
	for _, b := range bad {
		if _, err := NewWindow(src, nil, ord, []WindowFunc{b.f}); err == nil || !strings.Contains(err.Error(), b.want) {
			t.Fatalf("%s: want an error with %q, got %v", b.f.Fn, b.want, err)
		}
	}
	if rt, err := WindowResultType(WindowFunc{Fn: "percent_rank"}); err != nil || rt != types.Double {
		t.Fatalf("percent_rank result type %v %v", rt, err)
	}
	if rt, err := WindowResultType(WindowFunc{Fn: "avg", Args: []expr.Expr{v}}); err != nil || rt != types.Double {
		t.Fatalf("avg result type %v %v", rt, err)
	}
	// ANSI: the running sum overflows where Spark's would; non-ANSI wraps.
	w := mustWindow(t, src, []expr.Expr{g}, nil, WindowFunc{Fn: "sum", Args: []expr.Expr{v}, ANSI: true,
		Frame: rowsBetween(OffsetBound(Preceding, 1), curRow)})
	if _, err := tryRows(context.Background(), w); err == nil || !strings.Contains(err.Error(), "ARITHMETIC_OVERFLOW") {
		t.Fatalf("ANSI sum overflow: %v", err)
	}
	w = mustWindow(t, src, []expr.Expr{g}, nil, WindowFunc{Fn: "sum", Args: []expr.Expr{v},
		Frame: rowsBetween(OffsetBound(Preceding, 1), curRow)})
	eqStrings(t, "wrapping sum", rows(t, w), []string{"1|9223372036854775000|9223372036854775000",
		"1|1000|-9223372036854775616", "1|-5|995", "1|7|2"})
}

func TestWindowSpillsUnderSmallPool(t *testing.T) {
	mem := checkedMem(t)
	data := genData(120000, 3000)
	src := genSource(t, mem, data, 8192)
	p, o := col(1, arrow.PrimitiveTypes.Int64), col(2, arrow.PrimitiveTypes.Int64)
	y := col(5, arrow.PrimitiveTypes.Int32)
	w := mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o}},
		WindowFunc{Fn: "row_number"},
		WindowFunc{Fn: "sum", Args: []expr.Expr{y}, Frame: rowsBetween(OffsetBound(Preceding, 2), curRow)},
		WindowFunc{Fn: "count", Frame: WholePartition})
	pool := memory.NewPool(3 << 20)
	dir := memory.NewSpillDir(t.TempDir())
	defer dir.Close()
	ctx := memory.WithSpillDir(memory.WithPool(context.Background(), pool), dir)
	got := collectByID(t, ctx, w, 7, 8, 9)
	if len(got) != len(data) {
		t.Fatalf("%d rows, want %d", len(got), len(data))
	}
	for _, g := range refPartitions(data, func(r *genRow) int64 { return r.o }) {
		for i, r := range g {
			var s int64
			has := false
			for j := max(0, i-2); j <= i; j++ {
				if !g[j].yNull {
					s, has = s+int64(g[j].y), true
				}
			}
			want := []string{fmt.Sprint(i + 1), "NULL", fmt.Sprint(len(g))}
			if has {
				want[1] = fmt.Sprint(s)
			}
			if strings.Join(got[r.id], "|") != strings.Join(want, "|") {
				t.Fatalf("row %d: got %v, want %v", r.id, got[r.id], want)
			}
		}
	}
	m := w.Metrics()
	if m["spill_count"] == 0 || m["spilled_rows"] == 0 || m["output_rows"] != int64(len(data)) || m["peak_mem_used"] == 0 {
		t.Fatalf("expected the window's sort to spill: %v", m)
	}
	if pool.Used() != 0 {
		t.Fatalf("%d bytes still reserved: %s", pool.Used(), pool)
	}
	if pool.Peak() > 3<<20 {
		t.Fatalf("peak %d over the limit", pool.Peak())
	}

	// A window partition larger than the pool spills its rows and keeps only the order key
	// and the argument in memory: no out-of-memory error, the same sums.
	bigData := genData(100000, 1)
	big := genSource(t, mem, bigData, 8192)
	w = mustWindow(t, big, nil, []SortKey{{Expr: o}}, WindowFunc{Fn: "sum", Args: []expr.Expr{y}, Frame: WholePartition})
	smallPool := memory.NewPool(1 << 20)
	small := memory.WithSpillDir(memory.WithPool(context.Background(), smallPool), dir)
	sums := collectByID(t, small, w, 7)
	var total int64
	for _, r := range bigData {
		if !r.yNull {
			total += int64(r.y)
		}
	}
	if len(sums) != len(bigData) {
		t.Fatalf("big partition: %d rows, want %d", len(sums), len(bigData))
	}
	for id, v := range sums {
		if v[0] != fmt.Sprint(total) {
			t.Fatalf("big partition: row %d sum %v, want %d", id, v, total)
		}
	}
	if m := w.OpMetrics.Metrics(); m["spilled_rows"] != int64(len(bigData)) {
		t.Fatalf("big partition: expected the window to spill its %d rows: %v", len(bigData), m)
	}
	if smallPool.Used() != 0 {
		t.Fatalf("%d bytes still reserved: %s", smallPool.Used(), smallPool)
	}
}

func TestWindowDescribeMetricsAndEarlyClose(t *testing.T) {
	mem := checkedMem(t)
	src := genSource(t, mem, genData(30000, 50), 4096)
	p, o := col(1, arrow.PrimitiveTypes.Int64), col(2, arrow.PrimitiveTypes.Int64)
	x := col(4, arrow.PrimitiveTypes.Float64)
	w := mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o, Descending: true}},
		WindowFunc{Fn: "rank"},
		WindowFunc{Fn: "avg", Args: []expr.Expr{x}, Frame: rowsBetween(OffsetBound(Preceding, 1), OffsetBound(Following, 1))},
		WindowFunc{Fn: "lag", Args: []expr.Expr{x, lit(types.Integer, int32(2))}, IgnoreNulls: true},
		WindowFunc{Fn: "sum", Args: []expr.Expr{x}, Name: "total"})
	want := "Window: [rank(), avg(#4) ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING, lag(#4, 2) IGNORE NULLS, " +
		"sum(#4) RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW], partitionBy=[#1], orderBy=[#2 DESC NULLS LAST]"
	if d := w.Describe(); d != want {
		t.Fatalf("describe:\n%s\nwant\n%s", d, want)
	}
	if f := w.Schema().Field(10); f.Name != "total" || f.Type.ID() != arrow.FLOAT64 {
		t.Fatalf("named column %v", f)
	}
	out, err := ExplainAnalyze(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "output_rows=30000") {
		t.Fatalf("explain analyze:\n%s", out)
	}
	// Early close (a limit) and cancellation release everything.
	pool := memory.NewPool(0)
	ctx := memory.WithPool(context.Background(), pool)
	got, err := tryRows(ctx, NewLimit(w, 5))
	if err != nil || len(got) != 5 {
		t.Fatalf("limit: %d rows, %v", len(got), err)
	}
	cctx, cancel := context.WithCancel(ctx)
	n := 0
	err = Collect(cctx, w, func(b arrow.RecordBatch) error {
		b.Release()
		if n++; n == 2 {
			cancel()
		}
		return nil
	})
	cancel()
	if err == nil {
		t.Fatal("a cancelled window must fail")
	}
	if pool.Used() != 0 {
		t.Fatalf("%d bytes still reserved after close", pool.Used())
	}
	s, err := w.Execute(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Next()
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	s.Close()
	s.Close()
	if _, err := s.Next(); err == nil {
		t.Fatal("Next after Close must not return rows")
	}
	if pool.Used() != 0 {
		t.Fatalf("%d bytes still reserved after close", pool.Used())
	}
}

func BenchmarkWindow(b *testing.B) {
	r := uint64(7)
	src := int64Source(b, 1, func(int) int64 {
		r = r*6364136223846793005 + 1442695040888963407
		return int64(r>>33) % 1000
	})
	k, v := col(0, arrow.PrimitiveTypes.Int64), col(1, arrow.PrimitiveTypes.Int64)
	vd, _ := expr.NewCast(v, types.Long, types.Double, expr.CastOptions{})
	cases := []struct {
		name string
		part []expr.Expr
		f    WindowFunc
	}{
		{"row_number", []expr.Expr{k}, WindowFunc{Fn: "row_number"}},
		{"rank", []expr.Expr{k}, WindowFunc{Fn: "rank"}},
		{"running_sum_long", []expr.Expr{k}, WindowFunc{Fn: "sum", Args: []expr.Expr{v}}},
		{"running_avg_double", []expr.Expr{k}, WindowFunc{Fn: "avg", Args: []expr.Expr{vd}}},
		{"sliding10_sum_long", []expr.Expr{k}, WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Frame: rowsBetween(OffsetBound(Preceding, 10), curRow)}},
		{"sliding10_stddev", []expr.Expr{k}, WindowFunc{Fn: "stddev", Args: []expr.Expr{vd}, Frame: rowsBetween(OffsetBound(Preceding, 10), curRow)}},
		{"sliding10_max", []expr.Expr{k}, WindowFunc{Fn: "max", Args: []expr.Expr{v}, Frame: rowsBetween(OffsetBound(Preceding, 10), curRow)}},
		{"whole_sum", []expr.Expr{k}, WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Frame: WholePartition}},
		{"lag", []expr.Expr{k}, WindowFunc{Fn: "lag", Args: []expr.Expr{v}}},
		{"one_partition_running_sum", nil, WindowFunc{Fn: "sum", Args: []expr.Expr{v}}},
		{"sliding10_collect_list", []expr.Expr{k}, WindowFunc{Fn: "collect_list", Args: []expr.Expr{v}, Frame: rowsBetween(OffsetBound(Preceding, 10), curRow)}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			w, err := NewWindow(src, c.part, []SortKey{{Expr: v}}, []WindowFunc{c.f})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				drain(b, w)
			}
			report(b, benchRows)
		})
	}
}

func TestWindowRangeKeyTypes(t *testing.T) {
	mem := checkedMem(t)
	dec := &arrow.Decimal128Type{Precision: 10, Scale: 2}
	schema := arrow.NewSchema([]arrow.Field{{Name: "d", Type: dec, Nullable: true},
		{Name: "f", Type: arrow.PrimitiveTypes.Float64, Nullable: true}}, nil)
	src := goSource(t, mem, schema, [][][]any{{{"1.00", 1.0}, {"1.50", math.Copysign(0, -1)}, {"2.25", 0.0}},
		{{nil, nil}, {"3.00", 2.5}, {"-1.00", -1.5}}})
	d, f := col(0, dec), col(1, arrow.PrimitiveTypes.Float64)
	half := lit(types.DecimalType{Precision: 3, Scale: 1}, decimal128.FromI64(5))
	w := mustWindow(t, src, nil, []SortKey{{Expr: d}},
		WindowFunc{Fn: "count", Frame: rangeBetween(pre(half), fol(lit(types.Integer, int32(1))))},
		WindowFunc{Fn: "collect_list", Args: []expr.Expr{d}, Frame: rangeBetween(curRow, fol(half))})
	// d ASC NULLS LAST: -1.00, 1.00, 1.50, 2.25, 3.00, NULL
	eqSet(t, "decimal keys", hiveRows(t, w, 0, 2, 3), golden(`
-1.00	1	[-1.00]
1.00	2	[1.00,1.50]
1.50	3	[1.50]
2.25	2	[2.25]
3.00	1	[3.00]
NULL	1	[]`))
	// f DESC NULLS FIRST with -0.0 = 0.0 as peers: NULL, 2.5, 1.0, -0.0, 0.0, -1.5
	w = mustWindow(t, src, nil, []SortKey{{Expr: f, Descending: true, NullsFirst: true}},
		WindowFunc{Fn: "sum", Args: []expr.Expr{f}, Frame: rangeBetween(pre(lit(types.Double, 1.0)), curRow)},
		WindowFunc{Fn: "rank"})
	eqSet(t, "double keys", hiveRows(t, w, 1, 2, 3), golden(`
NULL	NULL	1
2.5	2.5	2
1.0	1.0	3
-0.0	1.0	4
0.0	1.0	4
-1.5	-1.5	6`))
	// A frame offset that reads a column is a plan error, not a panic.
	plus, err := expr.NewArith("+", d, lit(types.DecimalType{Precision: 10, Scale: 2}, decimal128.FromI64(1)),
		types.DecimalType{Precision: 11, Scale: 2}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewWindow(src, nil, []SortKey{{Expr: d}}, []WindowFunc{{Fn: "count", Frame: rangeBetween(curRow, fol(plus))}}); err == nil ||
		!strings.Contains(err.Error(), "constant") {
		t.Fatalf("want a constant error, got %v", err)
	}
}

// Aggregates evaluated through the accumulator: DISTINCT, FILTER, collect_set, and frames
// large enough to be passed as slices.
func TestWindowGenericAggregates(t *testing.T) {
	mem := checkedMem(t)
	schema := schemaOf("g", arrow.BinaryTypes.String, "o", arrow.PrimitiveTypes.Int32, "v", arrow.PrimitiveTypes.Int64)
	src := goSource(t, mem, schema, [][][]any{{{"a", 1, 3}, {"a", 2, 1}, {"a", 3, 3}, {"b", 1, nil}},
		{{"a", 4, 2}, {"a", 5, nil}, {"b", 2, 5}, {"a", 6, 3}}})
	g, o, v := col(0, arrow.BinaryTypes.String), col(1, arrow.PrimitiveTypes.Int32), col(2, arrow.PrimitiveTypes.Int64)
	gt1, err := expr.NewCompare(expr.GT, v, lit(types.Long, int64(1)))
	if err != nil {
		t.Fatal(err)
	}
	w := mustWindow(t, src, []expr.Expr{g}, []SortKey{{Expr: o}},
		WindowFunc{Fn: "count", Args: []expr.Expr{v}, Distinct: true, Frame: rowsBetween(OffsetBound(Preceding, 2), curRow)},
		WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Filter: gt1},
		WindowFunc{Fn: "collect_set", Args: []expr.Expr{v}, Frame: WholePartition},
		WindowFunc{Fn: "collect_list", Args: []expr.Expr{v}, Frame: rowsBetween(curRow, OffsetBound(Following, 1))},
		WindowFunc{Fn: "sum", Args: []expr.Expr{v}, Distinct: true, Frame: rowsBetween(unbPre, curRow)},
	)
	eqStrings(t, "generic aggregates", hiveRows(t, w, 0, 1, 2, 3, 4, 5, 6, 7), golden(`
a	1	3	1	3	[3,1,2]	[3,1]	3
a	2	1	2	3	[3,1,2]	[1,3]	4
a	3	3	2	6	[3,1,2]	[3,2]	4
a	4	2	3	8	[3,1,2]	[2]	6
a	5	NULL	2	8	[3,1,2]	[3]	6
a	6	3	2	11	[3,1,2]	[3]	6
b	1	NULL	0	NULL	[5]	[5]	NULL
b	2	5	1	5	[5]	[5]	5`))

	// Partitions of thousands of rows: whole-partition frames go to the accumulator as slices.
	data := genData(12000, 2)
	big := genSource(t, mem, data, 1000)
	p, y := col(1, arrow.PrimitiveTypes.Int64), col(5, arrow.PrimitiveTypes.Int32)
	w = mustWindow(t, big, []expr.Expr{p}, nil,
		WindowFunc{Fn: "count", Args: []expr.Expr{y}, Distinct: true},
		WindowFunc{Fn: "collect_list", Args: []expr.Expr{y}, Frame: rowsBetween(OffsetBound(Preceding, 1), curRow)})
	distinct := map[int64]map[int32]bool{}
	for _, r := range data {
		k := r.p
		if r.pNull {
			k = -1
		}
		if distinct[k] == nil {
			distinct[k] = map[int32]bool{}
		}
		if !r.yNull {
			distinct[k][r.y] = true
		}
	}
	got := collectByID(t, context.Background(), w, 7)
	for _, r := range data {
		k := r.p
		if r.pNull {
			k = -1
		}
		if want := fmt.Sprint(len(distinct[k])); got[r.id][0] != want {
			t.Fatalf("row %d: count(DISTINCT y) %s, want %s", r.id, got[r.id][0], want)
		}
	}
}

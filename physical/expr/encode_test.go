package expr

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/types"
)

// exprRoundTrip encodes e, marshals it to bytes and back, and decodes it.
func exprRoundTrip(t *testing.T, e Expr) Expr {
	t.Helper()
	m, err := Encode(e)
	if err != nil {
		t.Fatalf("encode %s: %v", e, err)
	}
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back physicalpb.Expr
	if err := proto.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	d, err := Decode(&back)
	if err != nil {
		t.Fatalf("decode %s: %v", e, err)
	}
	return d
}

// evalString renders e's result over b, or its error.
func evalString(e Expr, b arrow.RecordBatch) string {
	a, err := e.Eval(b)
	if err != nil {
		return "error: " + err.Error()
	}
	defer a.Release()
	return a.DataType().String() + " " + a.String()
}

func TestEncodeExpressions(t *testing.T) {
	i64, f64, str := types.Long, types.Double, types.String
	dec := types.DecimalType{Precision: 10, Scale: 2}
	ym := types.YearMonthIntervalType{StartField: types.Year, EndField: types.Month}
	dt := types.DayTimeIntervalType{StartField: types.Day, EndField: types.Second}
	arrT := types.NewArray(types.Long, true)
	b := batchOf(
		arr(t, i64, int64(1), nil, int64(-3), int64(math.MaxInt64)),
		arr(t, f64, 1.5, math.NaN(), nil, -0.0),
		arr(t, str, "abc", "a%c", nil, "ABC"),
		arr(t, types.Boolean, true, false, nil, true),
		arr(t, dec, decimal128.FromI64(125), decimal128.FromI64(-1), nil, decimal128.FromI64(0)),
		arr(t, ym, int32(14), nil, int32(-1), int32(0)),
		arr(t, dt, int64(90061000001), int64(0), nil, int64(-5)),
		arr(t, types.Integer, int32(2), int32(0), int32(7), nil),
	)
	defer b.Release()
	c := func(i int, dt types.DataType) Expr { return must(NewColumn(i, dt)) }
	l := func(dt types.DataType, v any) Expr { return must(NewLiteral(dt, v)) }
	long, dbl, s, bo, de, yi, di, in := c(0, i64), c(1, f64), c(2, str), c(3, types.Boolean), c(4, dec), c(5, ym), c(6, dt), c(7, types.Integer)
	nested := must(NewLiteral(arrT, arr(t, arrT, nil)))
	listLit, err := NewLiteral(arrT, listOf(t, arrT, []any{int64(1), nil, int64(3)}))
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(name string, args []Expr, argTypes []types.DataType, result types.DataType) Expr {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("no function %s", name)
		}
		return must(f(args, argTypes, result, FuncOptions{ANSI: true, TimeZone: time.FixedZone("+05:30", 19800)}))
	}
	// transform(arr, x -> x + #0): the lambda reads its parameter (column 8) and column 0.
	body := must(NewArith("+", c(8, i64), long, i64, false))
	lambda, err := NewLambda(body, 8, []types.DataType{i64})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		e    Expr
	}{
		{"column", long},
		{"literal null", l(types.Null, nil)},
		{"literal typed null", l(i64, nil)},
		{"literal bool", l(types.Boolean, true)},
		{"literal byte", l(types.Byte, int8(-5))},
		{"literal short", l(types.Short, int16(300))},
		{"literal int", l(types.Integer, int32(7))},
		{"literal long", l(i64, int64(math.MinInt64))},
		{"literal float", l(types.Float, float32(0.1))},
		{"literal double", l(f64, math.Inf(-1))},
		{"literal string", l(str, "héllo")},
		{"literal binary", l(types.Binary, []byte{0, 1, 255})},
		{"literal decimal", l(dec, decimal128.FromI64(-12345))},
		{"literal date", l(types.Date, int32(19000))},
		{"literal timestamp", l(types.Timestamp, int64(1700000000123456))},
		{"literal timestamp_ntz", l(types.TimestampNTZ, int64(-1))},
		{"literal year-month interval", l(ym, int32(-13))},
		{"literal day-time interval", l(dt, int64(86400000000))},
		{"literal calendar interval", l(types.CalendarInterval, arrow.MonthDayNanoInterval{Months: 1, Days: -2, Nanoseconds: 3000})},
		{"literal array", listLit},
		{"literal null array", nested},
		{"spark cast", must(NewCast(s, str, types.Integer, CastOptions{ANSI: false}))},
		{"try cast", must(NewCast(s, str, types.Date, CastOptions{ANSI: true, Try: true, TimeZone: time.UTC}))},
		{"cast timestamp", must(NewCast(long, i64, types.Timestamp, CastOptions{ANSI: true, TimeZone: mustZone("America/New_York")}))},
		{"cast to a collation", must(NewCast(s, str, mustType(t, "STRING COLLATE UTF8_LCASE"), CastOptions{}))},
		{"cast to the indeterminate collation", must(NewCast(s, str, types.IndeterminateString, CastOptions{}))},
		{"numeric cast", &Cast{Child: in, To: arrow.PrimitiveTypes.Float64}},
		{"arith", must(NewArith("*", long, in, i64, false))},
		{"arith ansi overflow", must(NewArith("+", long, l(i64, int64(1)), i64, true))},
		{"arith pmod", must(NewArith("pmod", long, in, i64, false))},
		{"arith sql text", &Arith{Op: "/", Left: dbl, Right: dbl, Type: arrow.PrimitiveTypes.Float64, SQL: "(a / a)"}},
		{"interval add", must(NewArith("+", yi, yi, ym, true))},
		{"interval subtract", must(NewArith("-", di, di, dt, true))},
		{"decimal arith", must(NewDecimalArith("*", de, de, types.DecimalType{Precision: 21, Scale: 4}, true))},
		{"integral divide", must(NewIntegralDivide(de, de, false))},
		{"integral divide intervals", must(NewIntegralDivide(intervalAsLong(yi), intervalAsLong(yi), false))},
		{"negate", must(NewNegate(long, false))},
		{"compare", must(NewCompare(LE, long, l(i64, int64(1))))},
		{"compare null-safe", must(NewCompare(NullSafeEQ, s, s))},
		{"and", must(NewAnd(bo, must(NewCompare(GT, long, l(i64, int64(0))))))},
		{"or", must(NewOr(bo, l(types.Boolean, nil)))},
		{"not", must(NewNot(bo))},
		{"is null", must(NewIsNull(s))},
		{"is not null", must(NewIsNotNull(s))},
		{"isnan", must(NewIsNaN(dbl))},
		{"in", must(NewIn(long, []Expr{l(i64, int64(1)), in0(t, in), l(i64, nil)}))},
		{"in set ints", must(NewInSet(long, []any{int64(1), int64(-3)}, true))},
		{"in set floats", must(NewInSet(dbl, []any{math.NaN(), 0.0}, false))},
		{"in set strings", must(NewInSet(s, []any{"abc", "zz"}, false))},
		{"in set decimals", must(NewInSet(de, []any{decimal128.FromI64(125)}, false))},
		{"in set bools", must(NewInSet(bo, []any{false}, false))},
		{"case when", must(NewCaseWhen([]Expr{bo, must(NewIsNull(s))}, []Expr{s, l(str, "null!")}, l(str, "else"), str))},
		{"case without else", must(NewCaseWhen([]Expr{bo}, []Expr{long}, nil, i64))},
		{"if", must(NewIf(bo, long, l(i64, int64(0)), i64))},
		{"coalesce", must(NewCoalesce([]Expr{long, in0(t, in)}, i64))},
		{"nullif", must(NewNullIf(s, l(str, "abc")))},
		{"concat", must(NewConcat([]Expr{s, l(str, "-"), s}))},
		{"like literal", must(NewLike(s, l(str, "a\\%%"), '\\', false))},
		{"ilike column", must(NewLike(s, s, '!', true))},
		{"try", NewTry(must(NewArith("+", long, long, i64, true)))},
		{"call", lookup("upper", []Expr{s}, []types.DataType{str}, str)},
		{"call with options", lookup("date_format", []Expr{must(NewCast(long, i64, types.Timestamp, CastOptions{})), l(str, "yyyy-MM-dd HH:mm")},
			[]types.DataType{types.Timestamp, str}, str)},
		{"call nested in call", lookup("length", []Expr{lookup("concat_ws", []Expr{l(str, ","), s, s}, []types.DataType{str, str, str}, str)},
			[]types.DataType{str}, types.Integer)},
		{"call of a seeded random", lookup("rand", []Expr{l(types.Integer, int32(42))}, []types.DataType{types.Integer}, f64)},
		{"higher-order", must(NewHigherOrder("transform", []Expr{listLit}, []types.DataType{arrT}, []*Lambda{lambda}, arrT))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := exprRoundTrip(t, tc.e)
			if d.String() != tc.e.String() {
				t.Fatalf("String after round trip %q, want %q", d.String(), tc.e.String())
			}
			if !arrow.TypeEqual(d.DataType(), tc.e.DataType()) {
				t.Fatalf("type after round trip %s, want %s", d.DataType(), tc.e.DataType())
			}
			if mayFail(d) != mayFail(tc.e) {
				t.Fatalf("mayFail after round trip %t, want %t", mayFail(d), mayFail(tc.e))
			}
			if got, want := evalString(d, b), evalString(tc.e, b); got != want {
				t.Fatalf("result after round trip:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func in0(t *testing.T, e Expr) Expr {
	t.Helper()
	return must(NewCast(e, types.Integer, types.Long, CastOptions{}))
}

// listOf builds a one-element list array holding vals.
func listOf(t *testing.T, dt types.ArrayType, vals []any) arrow.Array {
	t.Helper()
	at, err := types.ToArrow(dt)
	if err != nil {
		t.Fatal(err)
	}
	js := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			js[i] = "null"
		} else {
			js[i] = fmt.Sprint(v)
		}
	}
	a, _, err := array.FromJSON(mem, at, strings.NewReader("[["+strings.Join(js, ",")+"]]"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestEncodeExpressionErrors(t *testing.T) {
	// An expression from outside the package is named in the error.
	if _, err := Encode(foreign{}); err == nil || !strings.Contains(err.Error(), "expr.foreign") {
		t.Fatalf("encoding a foreign expression: %v", err)
	}
	// A function built without Lookup is refused.
	f := &funcExpr{name: "secret", t: arrow.PrimitiveTypes.Int64}
	if _, err := Encode(f); err == nil || !strings.Contains(err.Error(), "secret") {
		t.Fatalf("encoding an internal function: %v", err)
	}
	// Decoding checks what it is given.
	bad := []*physicalpb.Expr{
		{},
		{Kind: &physicalpb.Expr_Call{Call: &physicalpb.CallExpr{Name: "no_such_function"}}},
		{Kind: &physicalpb.Expr_Call{Call: &physicalpb.CallExpr{Name: "upper", Args: []*physicalpb.Expr{{}}}}},
		{Kind: &physicalpb.Expr_Column{Column: &physicalpb.ColumnExpr{Index: -1}}},
		{Kind: &physicalpb.Expr_Literal{Literal: &physicalpb.LiteralExpr{Type: &physicalpb.ArrowType{Id: 999}}}},
		{Kind: &physicalpb.Expr_Literal{Literal: &physicalpb.LiteralExpr{Type: &physicalpb.ArrowType{Id: int32(arrow.LIST)},
			Value: &physicalpb.Scalar{Value: &physicalpb.Scalar_IpcArray{IpcArray: []byte("junk")}}}}},
		{Kind: &physicalpb.Expr_Compare{Compare: &physicalpb.CompareExpr{Op: 99}}},
	}
	for i, m := range bad {
		if _, err := Decode(m); err == nil {
			t.Errorf("bad message %d decoded", i)
		}
	}
}

type foreign struct{}

func (foreign) Eval(arrow.RecordBatch) (arrow.Array, error) { return nil, nil }
func (foreign) DataType() arrow.DataType                    { return arrow.Null }
func (foreign) String() string                              { return "foreign" }

func FuzzDecodeExpr(f *testing.F) {
	for _, e := range []Expr{
		must(NewCompare(LT, &Column{Index: 0, Type: arrow.PrimitiveTypes.Int64}, must(NewLiteral(types.Long, int64(3))))),
		must(NewCast(&Column{Index: 1, Type: arrow.BinaryTypes.String}, types.String, types.Date, CastOptions{})),
	} {
		m, err := Encode(e)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := proto.Marshal(m)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m physicalpb.Expr
		if proto.Unmarshal(b, &m) != nil {
			return
		}
		if e, err := Decode(&m); err == nil {
			_ = e.String()
		}
	})
}

func TestEncodeArrowTypes(t *testing.T) {
	st := types.NewStruct(types.NewField("a", types.Long, false), types.NewField("b", types.NewArray(types.String, false), true))
	sparkTypes := []types.DataType{types.Null, types.Boolean, types.Byte, types.Short, types.Integer, types.Long, types.Float,
		types.Double, types.String, types.Binary, types.Date, types.Timestamp, types.TimestampNTZ, types.CalendarInterval,
		types.DecimalType{Precision: 38, Scale: 10}, types.TimeType{Precision: 6}, types.Variant,
		types.YearMonthIntervalType{StartField: types.Year, EndField: types.Month},
		types.DayTimeIntervalType{StartField: types.Day, EndField: types.Second},
		types.NewArray(types.Long, true), types.NewArray(types.Long, false),
		types.NewMap(types.String, types.NewMap(types.Integer, types.Double, false), true), st, types.NewArray(st, true)}
	for _, dt := range sparkTypes {
		at, err := types.ToArrow(dt)
		if err != nil {
			t.Fatalf("%s: %v", dt.SQL(), err)
		}
		m, err := EncodeArrowType(at)
		if err != nil {
			t.Fatalf("%s: %v", at, err)
		}
		b, _ := proto.Marshal(m)
		var back physicalpb.ArrowType
		if err := proto.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		got, err := DecodeArrowType(&back)
		if err != nil {
			t.Fatalf("%s: %v", at, err)
		}
		if !arrow.TypeEqual(got, at, arrow.CheckMetadata()) || got.String() != at.String() {
			t.Errorf("Arrow type %s came back as %s", at, got)
		}
	}
	s, err := types.ToArrowSchema(types.NewStruct(types.NewField("v", types.Variant, true), types.NewField("m", types.NewMap(types.String, types.Long, false), false)))
	if err != nil {
		t.Fatal(err)
	}
	md := arrow.NewMetadata([]string{"k"}, []string{"v"})
	s = arrow.NewSchema(s.Fields(), &md)
	m, err := EncodeSchema(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeSchema(m)
	if err != nil || !back.Equal(s) || !back.Metadata().Equal(s.Metadata()) {
		t.Fatalf("schema %s came back as %v (%v)", s, back, err)
	}
	if _, err := EncodeArrowType(&arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}); err == nil {
		t.Fatal("a dictionary type was encoded")
	}
}

func TestEncodeSparkTypes(t *testing.T) {
	for _, s := range []string{"STRING COLLATE UTF8_LCASE", "ARRAY<STRING COLLATE UNICODE_CI>", "MAP<STRING, STRING COLLATE UTF8_LCASE>",
		"CHAR(3)", "VARCHAR(5)", "STRUCT<a: STRING COLLATE UTF8_LCASE NOT NULL COMMENT 'x', `b c`: DECIMAL(7,2)>", "TIME(3)",
		"INTERVAL DAY", "INTERVAL HOUR TO MINUTE", "INTERVAL YEAR", "TIMESTAMP_NTZ", "VARIANT", "BINARY", "VOID"} {
		dt, err := types.ParseDataType(s)
		if err != nil {
			t.Fatal(s, err)
		}
		back, err := DecodeSparkType(EncodeSparkType(dt))
		if err != nil || back.SQL() != dt.SQL() || !types.Equal(back, dt) {
			t.Errorf("%s came back as %v (%v)", dt.SQL(), back, err)
		}
	}
	ind := types.NewArray(types.IndeterminateString, true)
	back, err := DecodeSparkType(EncodeSparkType(ind))
	if err != nil || back.SQL() != ind.SQL() {
		t.Errorf("%s came back as %v (%v)", ind.SQL(), back, err)
	}
}

func mustType(t *testing.T, s string) types.DataType {
	t.Helper()
	dt, err := types.ParseDataType(s)
	if err != nil {
		t.Fatal(err)
	}
	return dt
}

// newRepeat is a test constructor outside Lookup: a kernel with a captured setting.
func newRepeat(x Expr, times string) (Expr, error) {
	n := len(times)
	e := &funcExpr{name: "repeat_test", args: []Expr{x}, t: arrow.BinaryTypes.String, strict: true,
		k: func(a []arrow.Array, rows int) (arrow.Array, error) {
			in := a[0].(*array.String)
			b := array.NewStringBuilder(mem)
			defer b.Release()
			for i := range rows {
				if in.IsNull(i) {
					b.AppendNull()
					continue
				}
				b.Append(strings.Repeat(in.Value(i), n))
			}
			return b.NewArray(), nil
		}}
	return Built(e, "repeat_test", []Expr{x}, times), nil
}

func TestEncodeBuilt(t *testing.T) {
	RegisterBuilder("repeat_test", func(args []Expr, params []string) (Expr, error) {
		if len(args) != 1 || len(params) != 1 {
			return nil, fmt.Errorf("repeat_test of %d arguments", len(args))
		}
		return newRepeat(args[0], params[0])
	})
	b := batchOf(arr(t, types.String, "ab", nil, ""))
	defer b.Release()
	x := must(newRepeat(&Column{Index: 0, Type: arrow.BinaryTypes.String}, "xyz"))
	d := exprRoundTrip(t, x)
	if d.String() != x.String() || evalString(d, b) != evalString(x, b) || evalString(d, b) != `utf8 ["ababab" (null) ""]` {
		t.Fatalf("built expression came back as %s = %s, want %s = %s", d, evalString(d, b), x, evalString(x, b))
	}
	// A structural result is returned as it is.
	c := &Column{Index: 0, Type: arrow.BinaryTypes.String}
	if Built(c, "repeat_test", nil) != Expr(c) {
		t.Fatal("Built wrapped a column")
	}
	// An unknown builder is an error.
	if _, err := Decode(&physicalpb.Expr{Kind: &physicalpb.Expr_Call{Call: &physicalpb.CallExpr{Name: "$nope"}}}); err == nil {
		t.Fatal("decoded an unknown internal expression")
	}
}

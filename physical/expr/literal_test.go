package expr

import (
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/types"
)

func TestLiteralKinds(t *testing.T) {
	b := emptyBatch(3)
	defer b.Release()
	cases := []struct {
		t    types.DataType
		v    any
		want string
	}{
		{types.Boolean, true, "true"},
		{types.Byte, int8(-1), "-1"},
		{types.Short, int16(300), "300"},
		{types.Integer, int32(7), "7"},
		{types.Long, int64(-9), "-9"},
		{types.Float, float32(1.5), "1.5"},
		{types.Double, 1e10, "1.0E10"},
		{types.String, "héllo", "héllo"},
		{types.Binary, []byte{1, 2}, "[01 02]"},
		{dec(10, 2), decimal128.FromI64(-150), "-1.50"},
		{types.Date, int32(19000), "2022-01-08"},
		{types.Timestamp, int64(1_500_000), "1970-01-01 00:00:01.5"},
		{types.TimestampNTZ, int64(0), "1970-01-01 00:00:00"},
		{dt(types.Day, types.Second), int64(90_000_000), "INTERVAL '0 00:01:30' DAY TO SECOND"},
		{ym(types.Year, types.Month), int32(14), "INTERVAL '1-2' YEAR TO MONTH"},
		{types.CalendarInterval, arrow.MonthDayNanoInterval{Months: 1, Days: 2}, "1 months 2 days"},
		{types.Integer, nil, "NULL"},
		{types.Null, nil, "NULL"},
	}
	for _, c := range cases {
		l := litOf(t, c.t, c.v)
		wantStrs(t, l, b, c.want, c.want, c.want)
	}
	// Nested literals come as arrays of length one.
	at := types.NewArray(types.Integer, true)
	one := listArr(t, at, [][]any{{int32(1), nil}})
	defer one.Release()
	wantStrs(t, litOf(t, at, one), b, "[1, NULL]", "[1, NULL]", "[1, NULL]")
	if _, err := NewLiteral(types.Integer, "x"); err == nil {
		t.Fatal("a string for an INT literal must be refused")
	}
}

// A literal builds its array once and slices it for smaller batches; concurrent use is safe.
func TestLiteralCacheAndConcurrency(t *testing.T) {
	l := litOf(t, types.String, "abc").(*Literal)
	big, small := emptyBatch(100), emptyBatch(10)
	defer big.Release()
	defer small.Release()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				b := big
				if (i+g)%2 == 0 {
					b = small
				}
				out, err := l.Eval(b)
				if err != nil || out.Len() != int(b.NumRows()) || out.NullN() != 0 {
					t.Error("bad literal result")
					return
				}
				out.Release()
			}
		}(g)
	}
	wg.Wait()
	if l.cache == nil || l.cache.Len() < 100 {
		t.Fatal("cache not kept")
	}
	// The planner's struct literal works too (normalized lazily).
	pl := &Literal{Type: arrow.PrimitiveTypes.Int64, Value: int64(5)}
	wantStrs(t, pl, small, "5", "5", "5", "5", "5", "5", "5", "5", "5", "5")
}

// Kernels handle arrays with offsets (sliced batches).
func TestSlicedInputs(t *testing.T) {
	b := batchOf(arr(t, types.Integer, int32(1), nil, int32(3), int32(4), nil, int32(6)),
		arr(t, types.String, "a", "b", nil, "dd", "e", "f"))
	defer b.Release()
	s := b.NewSlice(1, 5)
	defer s.Release()
	x, y := col(0, types.Integer), col(1, types.String)
	wantStrs(t, must(NewIsNull(x)), s, "true", "false", "false", "true")
	wantStrs(t, must(NewCompare(GT, x, litOf(t, types.Integer, int32(3)))), s, "NULL", "false", "true", "NULL")
	wantStrs(t, call(t, "length", types.Integer, false, y), s, "1", "NULL", "2", "1")
	wantStrs(t, must(NewCoalesce([]Expr{x, litOf(t, types.Integer, int32(0))}, types.Integer)), s, "0", "3", "4", "0")
	div := &Arith{Op: "div", Left: litOf(t, types.Long, int64(12)), Right: must(NewCast(x, types.Integer, types.Long, CastOptions{ANSI: true})), Type: i64, ANSI: true}
	notNull := must(NewIsNotNull(x))
	wantStrs(t, must(NewIf(notNull, div, litOf(t, types.Long, int64(-1)), types.Long)), s, "-1", "4", "3", "-1")
	wantStrs(t, must(NewCast(y, types.String, types.String, CastOptions{})), s, "b", "NULL", "dd", "e")
	wantStrs(t, must(NewConcat([]Expr{y, y})), s, "bb", "NULL", "dddd", "ee")
}

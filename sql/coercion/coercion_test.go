package coercion

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// Type builders for the tests.
func arr(e types.DataType, containsNull bool) types.DataType {
	return types.ArrayType{ElementType: e, ContainsNull: containsNull}
}

func mp(k, v types.DataType, valueContainsNull bool) types.DataType {
	return types.MapType{KeyType: k, ValueType: v, ValueContainsNull: valueContainsNull}
}

func fld(name string, t types.DataType, nullable bool) types.StructField {
	return types.StructField{Name: name, DataType: t, Nullable: nullable}
}

func st(fs ...types.StructField) types.DataType { return &types.StructType{Fields: fs} }

func dec(p, s int) types.DataType { return types.DecimalType{Precision: p, Scale: s} }

func dt(s, e types.DayTimeField) types.DataType {
	return types.DayTimeIntervalType{StartField: s, EndField: e}
}

func ym(s, e types.YearMonthField) types.DataType {
	return types.YearMonthIntervalType{StartField: s, EndField: e}
}

var (
	ansi   = Mode{ANSI: true}
	legacy = Mode{}
	lcase  = types.StringType{Collation: "UTF8_LCASE"}
)

func name(t types.DataType) string {
	if t == nil {
		return "<none>"
	}
	return t.String()
}

// Spark's TypeCoercionSuite type lists.
var (
	integralTypes   = []types.DataType{types.Byte, types.Short, types.Integer, types.Long}
	fractionalTypes = []types.DataType{types.Double, types.Float, types.SystemDefaultDecimal, dec(10, 2)}
	numericTypes    = append(append([]types.DataType{}, integralTypes...), fractionalTypes...)
	datetimeTypes   = []types.DataType{types.Date, types.Timestamp, types.TimestampNTZ}
	intervalTypes   = []types.DataType{types.CalendarInterval, types.DefaultDayTimeInterval, types.DefaultYearMonthInterval}
	atomicTypes     = concat(numericTypes, datetimeTypes, []types.DataType{types.Binary, types.Boolean, types.String})
	complexTypes    = []types.DataType{arr(types.Integer, true), arr(types.String, true), mp(types.String, types.String, true),
		st(fld("a1", types.String, true)), st(fld("a1", types.String, true), fld("a2", types.Integer, true))}
	allTypes = concat(atomicTypes, intervalTypes, complexTypes, []types.DataType{types.Null})
)

func concat(ls ...[]types.DataType) []types.DataType {
	var out []types.DataType
	for _, l := range ls {
		out = append(out, l...)
	}
	return out
}

func contains(ts []types.DataType, t types.DataType) bool {
	for _, x := range ts {
		if types.Equal(x, t) {
			return true
		}
	}
	return false
}

func without(ts []types.DataType, drop ...[]types.DataType) []types.DataType {
	var out []types.DataType
	for _, t := range ts {
		skip := false
		for _, d := range drop {
			if contains(d, t) {
				skip = true
			}
		}
		if !skip {
			out = append(out, t)
		}
	}
	return out
}

func TestTightestCommonType(t *testing.T) {
	// From Spark's TypeCoercionSuite / AnsiTypeCoercionSuite "tightest common bound for types".
	cases := []struct {
		a, b       types.DataType
		want       types.DataType // nil: none
		ansiWant   types.DataType // when ANSI differs
		asymmetric bool
	}{
		{a: types.Null, b: types.Null, want: types.Null},
		{a: types.Null, b: types.Boolean, want: types.Boolean},
		{a: types.Boolean, b: types.Boolean, want: types.Boolean},
		{a: types.Integer, b: types.Boolean},
		{a: types.Long, b: types.Boolean},
		{a: types.Null, b: types.Byte, want: types.Byte},
		{a: types.Short, b: types.Integer, want: types.Integer},
		{a: types.Short, b: types.Long, want: types.Long},
		{a: types.Integer, b: types.Long, want: types.Long},
		{a: types.Byte, b: types.Short, want: types.Short},
		{a: types.Float, b: types.Double, want: types.Double},
		{a: types.Float, b: types.Float, want: types.Float},
		{a: types.Integer, b: types.Float, want: types.Float, ansiWant: types.Double},
		{a: types.Long, b: types.Float, want: types.Float, ansiWant: types.Double},
		{a: types.Byte, b: types.Float, want: types.Float, ansiWant: types.Double},
		{a: types.Integer, b: types.Double, want: types.Double},
		{a: dec(2, 1), b: dec(3, 2)},
		{a: dec(2, 1), b: types.Double},
		{a: dec(2, 1), b: types.Integer},
		{a: dec(10, 0), b: types.Integer, want: dec(10, 0)},
		{a: dec(12, 2), b: types.Integer, want: dec(12, 2)},
		{a: dec(9, 0), b: types.Integer},
		{a: dec(20, 0), b: types.Long, want: dec(20, 0)},
		{a: dec(3, 0), b: types.Byte, want: dec(3, 0)},
		{a: types.Null, b: types.String, want: types.String},
		{a: types.String, b: types.String, want: types.String},
		{a: types.Integer, b: types.String},
		{a: types.String, b: lcase},
		{a: lcase, b: lcase, want: lcase},
		{a: types.CharType{Length: 3}, b: types.VarcharType{Length: 5}, want: types.String},
		{a: types.Null, b: types.Timestamp, want: types.Timestamp},
		{a: types.Date, b: types.Timestamp, want: types.Timestamp},
		{a: types.Date, b: types.TimestampNTZ, want: types.TimestampNTZ},
		{a: types.Timestamp, b: types.TimestampNTZ, want: types.Timestamp},
		{a: types.Integer, b: types.Timestamp},
		{a: types.String, b: types.Timestamp},
		{a: dt(types.Day, types.Day), b: dt(types.Hour, types.Second), want: dt(types.Day, types.Second)},
		{a: dt(types.Hour, types.Hour), b: dt(types.Minute, types.Minute), want: dt(types.Hour, types.Minute)},
		{a: ym(types.Year, types.Year), b: ym(types.Month, types.Month), want: ym(types.Year, types.Month)},
		{a: ym(types.Year, types.Year), b: dt(types.Day, types.Day)},
		{a: types.CalendarInterval, b: types.CalendarInterval, want: types.CalendarInterval},
		{a: types.CalendarInterval, b: dt(types.Day, types.Day)},
		{a: types.Null, b: mp(types.Integer, types.String, false), want: mp(types.Integer, types.String, false)},
		{a: types.Null, b: st(), want: st()},
		{a: types.String, b: mp(types.Integer, types.String, true)},
		{a: arr(types.Integer, true), b: st()},
		{a: st(fld("a", types.Integer, true)), b: st(fld("b", types.Integer, true))},
		{a: st(fld("a", types.Integer, false)), b: st(fld("a", types.Double, false)), want: st(fld("a", types.Double, false))},
		{a: st(fld("a", types.Integer, false)), b: st(fld("a", types.Integer, true)), want: st(fld("a", types.Integer, true))},
		{a: st(fld("a", types.Integer, true), fld("B", types.Integer, true)), b: st(fld("A", types.Integer, true), fld("b", types.Integer, true)),
			want: st(fld("a", types.Integer, true), fld("B", types.Integer, true)), asymmetric: true},
		{a: arr(types.Integer, true), b: arr(types.Integer, false), want: arr(types.Integer, true)},
		{a: arr(types.Null, true), b: arr(types.Integer, false), want: arr(types.Integer, true)},
		{a: arr(types.Null, false), b: arr(types.Integer, false), want: arr(types.Integer, false)},
		{a: mp(types.Integer, types.String, true), b: mp(types.Integer, types.String, false), want: mp(types.Integer, types.String, true)},
		{a: mp(types.Null, types.Null, true), b: mp(types.Integer, types.String, false), want: mp(types.Integer, types.String, true)},
		{a: mp(types.Null, types.Null, false), b: mp(types.Integer, types.String, false), want: mp(types.Integer, types.String, false)},
		{a: st(fld("arr", arr(types.Integer, true), false)), b: st(fld("arr", arr(types.Integer, false), true)),
			want: st(fld("arr", arr(types.Integer, true), true))},
		{a: st(fld("null", types.Null, true)), b: st(fld("null", types.Integer, false)), want: st(fld("null", types.Integer, true))},
		{a: st(fld("null", types.Null, false)), b: st(fld("null", types.Integer, false)), want: st(fld("null", types.Integer, false))},
		// An int element widened to float can be exact; ANSI picks double.
		{a: arr(types.Integer, false), b: arr(types.Float, false), want: arr(types.Float, false), ansiWant: arr(types.Double, false)},
		{a: types.Variant, b: types.Variant, want: types.Variant},
		{a: types.Variant, b: types.String},
	}
	for _, c := range cases {
		for _, m := range []Mode{legacy, ansi} {
			want := c.want
			if m.ANSI && c.ansiWant != nil {
				want = c.ansiWant
			}
			got, ok := m.TightestCommonType(c.a, c.b)
			if (want == nil) != !ok || (ok && !types.Equal(got, want)) {
				t.Errorf("%+v TightestCommonType(%v, %v) = %v, %v; want %v", m, c.a, c.b, name(got), ok, name(want))
			}
			if c.asymmetric {
				continue
			}
			got, ok = m.TightestCommonType(c.b, c.a)
			if (want == nil) != !ok || (ok && !types.Equal(got, want)) {
				t.Errorf("%+v TightestCommonType(%v, %v) = %v, %v; want %v", m, c.b, c.a, name(got), ok, name(want))
			}
		}
	}
	cs := Mode{CaseSensitive: true}
	if _, ok := cs.TightestCommonType(st(fld("a", types.Integer, true)), st(fld("A", types.Integer, true))); ok {
		t.Errorf("case-sensitive struct fields a and A must not merge")
	}
}

func TestWiderType(t *testing.T) {
	// From Spark's "wider common type for decimal and array" and "wider data type of two for
	// string" tests. ansiWant "-" means no type in ANSI mode.
	ts := types.Timestamp
	cases := []struct {
		a, b       types.DataType
		want       types.DataType
		ansiWant   any // types.DataType, or "-" for none; nil: as want
		asymmetric bool
	}{
		{a: dec(2, 1), b: dec(3, 2), want: dec(3, 2)},
		{a: dec(2, 1), b: types.Double, want: types.Double},
		{a: dec(2, 1), b: types.Float, want: types.Double},
		{a: dec(2, 1), b: types.Integer, want: dec(11, 1)},
		{a: dec(2, 1), b: types.Long, want: dec(21, 1)},
		{a: dec(38, 10), b: dec(38, 20), want: dec(38, 10)},
		{a: dec(36, 0), b: dec(36, 35), want: dec(38, 2)},
		{a: dec(10, 2), b: types.Byte, want: dec(10, 2)},
		{a: arr(types.Short, true), b: arr(types.Double, false), want: arr(types.Double, true)},
		{a: arr(ts, false), b: arr(types.String, true), want: arr(types.String, true), ansiWant: arr(ts, true)},
		{a: arr(arr(types.Integer, true), false), b: arr(arr(types.Long, true), false), want: arr(arr(types.Long, true), false)},
		{a: arr(mp(types.Integer, types.Float, true), false), b: arr(mp(types.Long, types.Double, true), false),
			want: arr(mp(types.Long, types.Double, true), false)},
		{a: arr(st(fld("num", types.Short, true)), false), b: arr(st(fld("num", types.Long, true)), false),
			want: arr(st(fld("num", types.Long, true)), false)},
		{a: arr(types.Integer, false), b: arr(dec(10, 0), false), want: arr(dec(10, 0), false)},
		{a: arr(dec(36, 0), false), b: arr(dec(36, 35), false), want: arr(dec(38, 2), false)},
		{a: mp(types.Short, ts, true), b: mp(types.Double, types.String, false), want: mp(types.Double, types.String, true),
			ansiWant: mp(types.Double, ts, true)},
		{a: mp(types.Integer, arr(ts, true), false), b: mp(types.Long, arr(types.String, true), true),
			want: mp(types.Long, arr(types.String, true), true), ansiWant: mp(types.Long, arr(ts, true), true)},
		{a: mp(types.String, types.Integer, false), b: mp(types.String, dec(10, 0), false), want: mp(types.String, dec(10, 0), false)},
		{a: mp(dec(36, 0), types.String, false), b: mp(dec(36, 35), types.String, false), want: mp(dec(38, 2), types.String, false)},
		{a: st(fld("num", types.Short, true), fld("ts", types.String, false)), b: st(fld("num", types.Double, false), fld("ts", ts, true)),
			want: st(fld("num", types.Double, true), fld("ts", types.String, true)), ansiWant: st(fld("num", types.Double, true), fld("ts", ts, true))},
		{a: st(fld("num", types.Integer, true)), b: st(fld("num", types.Long, true), fld("str", types.String, true))},
		{a: st(fld("a", types.Integer, true)), b: st(fld("A", types.Long, true)), want: st(fld("a", types.Long, true)), asymmetric: true},
		// String promotion.
		{a: types.Integer, b: types.String, want: types.String, ansiWant: types.Long},
		{a: types.Byte, b: types.String, want: types.String, ansiWant: types.Long},
		{a: types.Float, b: types.String, want: types.String, ansiWant: types.Double},
		{a: dec(20, 10), b: types.String, want: types.String, ansiWant: types.Double},
		{a: types.String, b: ts, want: types.String, ansiWant: ts},
		{a: types.Date, b: types.String, want: types.String, ansiWant: types.Date},
		{a: types.Binary, b: types.String, ansiWant: types.Binary},
		{a: types.Boolean, b: types.String, ansiWant: types.Boolean},
		{a: dt(types.Day, types.Day), b: types.String, want: types.String, ansiWant: "-"},
		{a: types.Variant, b: types.String, want: types.String, ansiWant: types.Variant},
		{a: types.String, b: lcase},
		{a: types.Integer, b: lcase, want: lcase, ansiWant: types.Long},
		{a: arr(types.Long, true), b: arr(types.String, true), want: arr(types.String, true), ansiWant: arr(types.Long, true)},
		// A string key would become a (nullable) bigint key: no type in ANSI mode.
		{a: mp(types.Long, types.Integer, true), b: mp(types.String, types.Integer, true), want: mp(types.String, types.Integer, true),
			ansiWant: "-"},
		{a: st(fld("a", types.Integer, true)), b: st(fld("a", types.String, true)), want: st(fld("a", types.String, true)),
			ansiWant: st(fld("a", types.Long, true))},
		{a: types.Boolean, b: types.Integer},
		{a: types.Date, b: types.Integer},
	}
	for _, c := range cases {
		for _, m := range []Mode{legacy, ansi} {
			want := c.want
			if m.ANSI && c.ansiWant != nil {
				if s, ok := c.ansiWant.(string); ok && s == "-" {
					want = nil
				} else {
					want = c.ansiWant.(types.DataType)
				}
			}
			check := func(a, b types.DataType) {
				got, ok := m.WiderType(a, b)
				if (want == nil) != !ok || (ok && !types.Equal(got, want)) {
					t.Errorf("%+v WiderType(%v, %v) = %v, %v; want %v", m, a, b, name(got), ok, name(want))
				}
			}
			check(c.a, c.b)
			if !c.asymmetric {
				check(c.b, c.a)
			}
		}
	}
}

func TestWiderTypeWithoutStringPromotion(t *testing.T) {
	none := [][2]types.DataType{
		{types.Integer, types.String},
		{types.String, types.Timestamp},
		{arr(types.Long, true), arr(types.String, true)},
		{arr(types.String, true), arr(types.Timestamp, true)},
		{mp(types.Long, types.Integer, true), mp(types.String, types.Integer, true)},
		{mp(types.Integer, types.Long, true), mp(types.Integer, types.String, true)},
		{st(fld("a", types.Integer, true)), st(fld("a", types.String, true))},
	}
	for _, m := range []Mode{legacy, ansi} {
		for _, c := range none {
			if got, ok := m.WiderTypeWithoutStringPromotion(c[0], c[1]); ok {
				t.Errorf("%+v WiderTypeWithoutStringPromotion(%v, %v) = %v, want none", m, c[0], c[1], got)
			}
		}
		if got, ok := m.WiderTypeWithoutStringPromotion(dec(10, 2), types.Long); !ok || !types.Equal(got, dec(22, 2)) {
			t.Errorf("%+v WiderTypeWithoutStringPromotion(decimal(10,2), bigint) = %v", m, got)
		}
		got, ok := m.WiderCommonTypeWithoutStringPromotion([]types.DataType{types.Integer, dec(5, 2), types.Null})
		if !ok || !types.Equal(got, dec(12, 2)) {
			t.Errorf("%+v WiderCommonTypeWithoutStringPromotion = %v, %v", m, got, ok)
		}
	}
}

func TestWiderCommonType(t *testing.T) {
	cases := []struct {
		in         []types.DataType
		legacyWant types.DataType
		ansiWant   types.DataType
	}{
		{nil, types.Null, types.Null},
		{[]types.DataType{types.Integer, types.Long, types.Null}, types.Long, types.Long},
		{[]types.DataType{types.Byte, dec(5, 2), types.Double}, types.Double, types.Double},
		// Legacy folds strings first, so the order does not matter (SPARK-26977).
		{[]types.DataType{types.Timestamp, types.Integer, types.String}, types.String, nil},
		{[]types.DataType{types.Integer, types.Timestamp, types.String}, types.String, nil},
		{[]types.DataType{types.String, types.Integer, types.Date}, types.String, nil},
		{[]types.DataType{types.String, types.Integer, types.Long}, types.String, types.Long},
		{[]types.DataType{arr(types.Integer, false), arr(types.String, false), arr(types.Long, true)},
			arr(types.String, true), arr(types.Long, true)},
		{[]types.DataType{types.Boolean, types.Long}, nil, nil},
		{[]types.DataType{types.Date, types.Timestamp, types.Null}, types.Timestamp, types.Timestamp},
		{[]types.DataType{dec(38, 0), dec(38, 38)}, dec(38, 0), dec(38, 0)},
	}
	for _, c := range cases {
		for _, m := range []Mode{legacy, ansi} {
			want := c.legacyWant
			if m.ANSI {
				want = c.ansiWant
			}
			got, ok := m.WiderCommonType(c.in)
			if (want == nil) != !ok || (ok && !types.Equal(got, want)) {
				t.Errorf("%+v WiderCommonType(%v) = %v, %v; want %v", m, c.in, name(got), ok, name(want))
			}
		}
	}
}

func TestCommonTypeDifferentOnlyInNullFlags(t *testing.T) {
	got, ok := legacy.CommonTypeDifferentOnlyInNullFlags([]types.DataType{
		arr(st(fld("a", types.Integer, false)), false), arr(st(fld("a", types.Integer, true)), false), arr(st(fld("a", types.Integer, false)), true)})
	if !ok || !types.Equal(got, arr(st(fld("a", types.Integer, true)), true)) {
		t.Errorf("got %v, %v", got, ok)
	}
	if _, ok := legacy.CommonTypeDifferentOnlyInNullFlags([]types.DataType{types.Integer, types.Long}); ok {
		t.Errorf("int and bigint differ")
	}
	if _, ok := legacy.CommonTypeDifferentOnlyInNullFlags(nil); ok {
		t.Errorf("empty list")
	}
	if !legacy.HaveSameType([]types.DataType{arr(types.Integer, true), arr(types.Integer, false)}) ||
		legacy.HaveSameType([]types.DataType{types.Integer, types.Long}) || !legacy.HaveSameType(nil) {
		t.Errorf("HaveSameType")
	}
}

func TestImplicitCastMatrix(t *testing.T) {
	// Spark's TypeCoercionSuite / AnsiTypeCoercionSuite checkTypeCasting: the input converts
	// to exactly the castable types (as themselves) and to none of the other types.
	check := func(m Mode, in types.DataType, castable []types.DataType) {
		t.Helper()
		for _, to := range allTypes {
			got, ok := m.ImplicitCast(in, Exact(to))
			if contains(castable, to) {
				if !ok || !types.EqualIgnoreCompatibleNullability(got, to) {
					t.Errorf("ANSI=%v ImplicitCast(%v, %v) = %v, %v; want it", m.ANSI, in, to, name(got), ok)
				}
			} else if ok {
				t.Errorf("ANSI=%v ImplicitCast(%v, %v) = %v; want none", m.ANSI, in, to, got)
			}
		}
	}
	should := func(m Mode, in types.DataType, want Expected, expected types.DataType) {
		t.Helper()
		got, ok := m.ImplicitCast(in, want)
		if !ok || !types.EqualIgnoreCompatibleNullability(got, expected) {
			t.Errorf("ANSI=%v ImplicitCast(%v, %v) = %v, %v; want %v", m.ANSI, in, want, name(got), ok, expected)
		}
	}
	shouldNot := func(m Mode, in types.DataType, want Expected) {
		t.Helper()
		if got, ok := m.ImplicitCast(in, want); ok {
			t.Errorf("ANSI=%v ImplicitCast(%v, %v) = %v; want none", m.ANSI, in, want, got)
		}
	}
	for _, m := range []Mode{legacy, ansi} {
		for _, n := range numericTypes {
			check(m, n, concat(numericTypes, []types.DataType{types.String}))
			should(m, n, AnyDecimal, mustDecimalFor(n))
			should(m, n, AnyNumeric, n)
			if isIntegral(n) {
				should(m, n, AnyIntegral, n)
			} else {
				shouldNot(m, n, AnyIntegral)
			}
		}
		for _, b := range []types.DataType{types.Binary, types.Boolean} {
			check(m, b, []types.DataType{b, types.String})
			shouldNot(m, b, AnyDecimal)
			shouldNot(m, b, AnyNumeric)
			shouldNot(m, b, AnyIntegral)
		}
		for _, d := range datetimeTypes {
			check(m, d, concat([]types.DataType{types.String}, datetimeTypes))
			want := d
			if isDate(d) {
				want = types.Timestamp
			}
			should(m, d, AnyTimestamp, want)
			shouldNot(m, d, AnyNumeric)
		}
		check(m, types.Null, allTypes)
		should(m, types.Null, AnyDecimal, types.SystemDefaultDecimal)
		should(m, types.Null, AnyNumeric, types.Double)
		should(m, types.Null, AnyIntegral, types.Integer)
		should(m, types.Null, AnyArray, arr(types.Null, true))
		check(m, st(fld("a1", types.String, true)), []types.DataType{st(fld("a1", types.String, true))})

		// TypeCollection.
		strOrBin := OneOf(Exact(types.String), Exact(types.Binary))
		should(m, types.Null, strOrBin, types.String)
		should(m, types.String, strOrBin, types.String)
		should(m, types.Binary, strOrBin, types.Binary)
		should(m, types.String, OneOf(Exact(types.Binary), Exact(types.String)), types.String)
		should(m, types.Integer, OneOf(Exact(types.Integer), Exact(types.Binary)), types.Integer)
		should(m, types.Integer, OneOf(Exact(types.Binary), Exact(types.Integer)), types.Integer)
		should(m, types.Binary, OneOf(Exact(types.Integer), Exact(types.Binary)), types.Binary)
		should(m, types.Integer, strOrBin, types.String)
		should(m, types.Integer, OneOf(Exact(types.Binary), Exact(types.String)), types.String)
		should(m, types.SystemDefaultDecimal, OneOf(Exact(types.Integer), AnyDecimal), types.SystemDefaultDecimal)
		should(m, dec(10, 2), OneOf(Exact(types.Integer), AnyDecimal), dec(10, 2))
		should(m, dec(10, 2), OneOf(AnyDecimal, Exact(types.Integer)), dec(10, 2))
		should(m, types.Integer, OneOf(Exact(dec(10, 2)), Exact(types.String)), dec(10, 2))
		should(m, arr(types.String, false), OneOf(Exact(arr(types.String, true)), Exact(types.String)), arr(types.String, false))
		shouldNot(m, types.Integer, OneOf(Exact(types.Date), Exact(types.Timestamp)))
		should(m, types.String, OneOf(AnyNumeric, Exact(types.Binary)), types.Double)

		// Maps: int keys convert to numeric keys that never produce NULL.
		src := mp(types.Integer, types.Integer, true)
		for _, k := range allTypes {
			target := mp(k, types.Integer, true)
			got, ok := m.ImplicitCast(src, Exact(target))
			switch {
			case isNumeric(k) && !ForceNullable(types.Integer, k):
				if !ok || !types.Equal(got, target) {
					t.Errorf("ANSI=%v ImplicitCast(%v, %v) = %v, %v", m.ANSI, src, target, name(got), ok)
				}
			case !isNumeric(k) && !isString(k):
				if ok {
					t.Errorf("ANSI=%v ImplicitCast(%v, %v) = %v; want none", m.ANSI, src, target, got)
				}
			}
		}
		// Strings never change collation implicitly.
		shouldNot(m, types.String, Exact(lcase))
		should(m, lcase, AnyString, lcase)
	}

	// Legacy only.
	check(legacy, types.String, without(allTypes, intervalTypes, complexTypes, []types.DataType{types.Boolean, types.Null}))
	should(legacy, types.String, AnyDecimal, types.SystemDefaultDecimal)
	should(legacy, types.String, AnyNumeric, types.Double)
	should(legacy, types.String, AnyTimestamp, types.Timestamp)
	shouldNot(legacy, types.String, AnyIntegral)
	for _, x := range without(allTypes, intervalTypes, complexTypes, []types.DataType{types.Boolean, types.Null}) {
		should(legacy, arr(types.String, false), Exact(arr(x, true)), arr(x, true))
	}
	for _, x := range concat(intervalTypes, complexTypes, []types.DataType{types.Boolean, types.Null}) {
		shouldNot(legacy, arr(types.String, false), Exact(arr(x, true)))
	}
	shouldNot(legacy, arr(types.Double, false), Exact(arr(types.Long, false)))
	should(legacy, arr(types.Integer, false), Exact(arr(types.Long, false)), arr(types.Long, false))
	shouldNot(legacy, arr(types.Integer, true), Exact(arr(types.Long, false)))
	should(legacy, arr(types.Integer, true), ArrayOf(Exact(types.String)), arr(types.String, true))
	shouldNot(legacy, arr(types.String, false), AnyNumeric)
	check(legacy, types.CalendarInterval, []types.DataType{types.CalendarInterval})
	for _, k := range allTypes {
		if !types.Equal(k, types.Integer) {
			shouldNot(legacy, mp(types.Integer, types.Integer, true), Exact(mp(k, types.Integer, false)))
		}
	}
	should(legacy, mp(types.Integer, types.String, false), MapOf(AnyNumeric, AnyString), mp(types.Integer, types.String, false))
	should(legacy, mp(types.String, types.Integer, true), MapOf(AnyNumeric, AnyString), mp(types.Double, types.String, true))
	should(legacy, types.Timestamp, Exact(types.Date), types.Date)
	should(legacy, types.Double, Exact(types.Byte), types.Byte)
	should(legacy, types.Integer, AnyString, types.String)
	should(legacy, types.Date, AnyString, types.String)

	// ANSI only.
	check(ansi, types.String, without(allTypes, complexTypes, []types.DataType{types.Null, types.CalendarInterval}))
	should(ansi, types.String, AnyDecimal, types.SystemDefaultDecimal)
	should(ansi, types.String, AnyNumeric, types.Double)
	should(ansi, types.String, AnyTimestamp, types.Timestamp)
	shouldNot(ansi, types.String, AnyIntegral)
	for _, x := range allTypes {
		if !types.Equal(x, types.String) {
			shouldNot(ansi, arr(types.String, true), Exact(arr(x, true)))
		}
	}
	shouldNot(ansi, arr(types.String, true), AnyDecimal)
	shouldNot(ansi, arr(types.String, true), AnyNumeric)
	check(ansi, types.CalendarInterval, []types.DataType{types.CalendarInterval, types.String})
	// SPARK-49188: arrays convert element-wise to AbstractArrayType.
	should(ansi, arr(types.Integer, false), ArrayOf(Exact(types.Long)), arr(types.Long, true))
	should(ansi, arr(types.String, false), ArrayOf(Exact(types.Long)), arr(types.Long, true))
	shouldNot(ansi, arr(types.Boolean, false), ArrayOf(Exact(types.Long)))
	shouldNot(ansi, arr(types.Integer, true), Exact(arr(types.Long, false)))
	should(ansi, arr(types.Integer, false), Exact(arr(types.Long, true)), arr(types.Long, true))
	should(ansi, types.Integer, AnyString, types.String)
	should(ansi, types.Double, Exact(types.Byte), types.Byte)
}

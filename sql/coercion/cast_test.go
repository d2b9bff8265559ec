package coercion

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

func TestCanCast(t *testing.T) {
	s, i, l, b, by, sh := types.String, types.Integer, types.Long, types.Boolean, types.Byte, types.Short
	dbl, f, bin, date, ts, ntz := types.Double, types.Float, types.Binary, types.Date, types.Timestamp, types.TimestampNTZ
	cal, v, null := types.CalendarInterval, types.Variant, types.Null
	dtDay, dtAll, ymYear, ymAll := dt(types.Day, types.Day), dt(types.Day, types.Second), ym(types.Year, types.Year), ym(types.Year, types.Month)
	cases := []struct {
		from, to     types.DataType
		legacy, ansi bool
		try          bool // try_cast; same as ansi unless complex
	}{
		{i, i, true, true, true},
		{null, arr(i, false), true, true, true},
		{null, st(fld("a", i, false)), true, true, true},
		// Anything to string.
		{i, s, true, true, true}, {bin, s, true, true, true}, {date, s, true, true, true}, {cal, s, true, true, true},
		{arr(i, true), s, true, true, true}, {mp(s, i, true), s, true, true, true}, {st(fld("a", i, true)), s, true, true, true},
		{v, s, true, true, true}, {dtAll, lcase, true, true, true}, {i, types.CharType{Length: 3}, true, true, true},
		// Binary.
		{s, bin, true, true, true}, {i, bin, true, false, false}, {by, bin, true, false, false}, {l, bin, true, false, false},
		{dbl, bin, false, false, false}, {dec(10, 0), bin, false, false, false}, {b, bin, false, false, false},
		// Boolean.
		{s, b, true, true, true}, {i, b, true, true, true}, {dec(10, 2), b, true, true, true}, {dbl, b, true, true, true},
		{date, b, true, false, false}, {ts, b, true, false, false}, {ntz, b, false, false, false}, {bin, b, false, false, false},
		// Timestamp.
		{s, ts, true, true, true}, {b, ts, true, false, false}, {date, ts, true, true, true}, {i, ts, true, true, true},
		{dbl, ts, true, true, true}, {dec(10, 2), ts, true, true, true}, {ntz, ts, true, true, true}, {bin, ts, false, false, false},
		{dtAll, ts, false, false, false},
		// Timestamp without time zone.
		{s, ntz, true, true, true}, {date, ntz, true, true, true}, {ts, ntz, true, true, true}, {i, ntz, false, false, false},
		{b, ntz, false, false, false},
		// Date.
		{s, date, true, true, true}, {ts, date, true, true, true}, {ntz, date, true, true, true}, {i, date, false, false, false},
		{b, date, false, false, false},
		// Intervals.
		{s, cal, true, true, true}, {i, cal, false, false, false}, {dtAll, cal, false, false, false},
		{s, dtAll, true, true, true}, {s, ymAll, true, true, true}, {i, dtDay, true, true, true}, {i, dtAll, true, true, true},
		{l, ymYear, true, true, true}, {dec(10, 2), dtAll, true, true, true}, {dbl, dtAll, false, false, false},
		{dtDay, dtAll, true, true, true}, {ymYear, ymAll, true, true, true}, {dtAll, ymAll, false, false, false},
		{dtAll, l, true, true, true}, {ymAll, i, true, true, true}, {dtAll, dec(20, 6), true, true, true},
		{dtAll, dbl, false, false, false}, {cal, dtAll, false, false, false},
		// Numbers.
		{s, i, true, true, true}, {s, dec(10, 2), true, true, true}, {b, i, true, true, true}, {b, dbl, true, true, true},
		{date, i, true, false, false}, {date, dbl, true, false, false}, {ts, l, true, true, true}, {ts, dbl, true, true, true},
		{ntz, l, false, false, false}, {dbl, by, true, true, true}, {dec(38, 18), sh, true, true, true},
		{f, dec(3, 1), true, true, true}, {bin, i, false, false, false},
		// VARIANT.
		{v, i, true, true, true}, {v, b, true, true, true}, {v, date, true, true, true}, {v, bin, true, true, true},
		{v, dtAll, false, false, false}, {v, arr(i, true), true, true, true}, {v, mp(s, i, true), true, true, true},
		{v, mp(i, i, true), false, false, false}, {v, st(fld("a", i, true)), true, true, true},
		{i, v, true, true, true}, {s, v, true, true, true}, {arr(i, true), v, true, true, true},
		{mp(s, i, true), v, false, false, false}, {st(fld("a", i, true)), v, false, false, false},
		{dtAll, v, false, false, false}, {null, v, true, true, true},
		// Arrays.
		{arr(i, false), arr(l, false), true, true, true},
		{arr(i, true), arr(l, false), false, false, false},
		{arr(s, false), arr(i, false), false, true, false}, // legacy: '1a' -> NULL; ANSI fails instead
		{arr(s, false), arr(i, true), true, true, true},
		{arr(null, false), arr(i, false), true, true, true},
		{arr(dbl, false), arr(i, false), false, true, false},
		{arr(i, false), arr(date, true), false, false, false},
		{arr(v, false), arr(i, false), false, false, false}, // a variant element can be NULL in ANSI mode too
		{arr(v, false), arr(i, true), true, true, true},
		// Maps.
		{mp(i, i, false), mp(l, s, false), true, true, true},
		{mp(s, i, false), mp(i, i, true), false, true, false}, // keys must not become NULL (legacy)
		{mp(i, s, false), mp(i, i, false), false, true, false},
		{mp(i, i, true), mp(i, i, false), false, false, false},
		// Structs.
		{st(fld("a", i, false)), st(fld("b", l, false)), true, true, true},
		{st(fld("a", i, true)), st(fld("a", l, false)), false, false, false},
		{st(fld("a", s, false)), st(fld("a", i, false)), false, true, false},
		{st(fld("a", i, false)), st(fld("a", i, false), fld("b", i, true)), false, false, false},
		{st(fld("a", i, false)), arr(i, true), false, false, false},
		{s, arr(s, true), false, false, false},
	}
	for _, c := range cases {
		if got := legacy.CanCast(c.from, c.to); got != c.legacy {
			t.Errorf("legacy CanCast(%v, %v) = %v", c.from, c.to, got)
		}
		if got := ansi.CanCast(c.from, c.to); got != c.ansi {
			t.Errorf("ANSI CanCast(%v, %v) = %v", c.from, c.to, got)
		}
		if got := CanTryCast(c.from, c.to); got != c.try {
			t.Errorf("CanTryCast(%v, %v) = %v", c.from, c.to, got)
		}
	}
}

func TestCastError(t *testing.T) {
	cases := []struct {
		m        Mode
		from, to types.DataType
		kind     string
		params   map[string]string
	}{
		// cast.sql.out: SELECT HEX(CAST(123 AS binary)) in ANSI mode.
		{ansi, types.Integer, types.Binary, "CAST_WITH_CONF_SUGGESTION", map[string]string{
			"srcType": `"INT"`, "targetType": `"BINARY"`, "config": `"spark.sql.ansi.enabled"`, "configVal": "'false'"}},
		{ansi, types.Date, types.Integer, "CAST_WITH_FUNC_SUGGESTION", map[string]string{
			"srcType": `"DATE"`, "targetType": `"INT"`, "functionNames": "`UNIX_DATE`"}},
		{ansi, types.Integer, types.Date, "CAST_WITH_FUNC_SUGGESTION", map[string]string{
			"functionNames": "`DATE_FROM_UNIX_DATE`"}},
		{ansi, types.Binary, types.Integer, "CAST_WITHOUT_SUGGESTION", map[string]string{
			"srcType": `"BINARY"`, "targetType": `"INT"`}},
		{legacy, types.Binary, types.Integer, "CAST_WITHOUT_SUGGESTION", nil},
		{legacy, types.Integer, types.Date, "CAST_WITHOUT_SUGGESTION", nil},
		{ansi, types.Integer, types.Integer, "", nil},
	}
	for _, c := range cases {
		e := c.m.CastError(c.from, c.to)
		if c.kind == "" {
			if e != nil {
				t.Errorf("CastError(%v, %v) = %v", c.from, c.to, e)
			}
			continue
		}
		if e == nil || e.Kind != c.kind {
			t.Errorf("ANSI=%v CastError(%v, %v) = %v; want %s", c.m.ANSI, c.from, c.to, e, c.kind)
			continue
		}
		p := e.Parameters()
		for k, v := range c.params {
			if p[k] != v {
				t.Errorf("CastError(%v, %v) %s = %s; want %s", c.from, c.to, k, p[k], v)
			}
		}
		if e.ErrorClass() != "DATATYPE_MISMATCH."+c.kind || e.SQLState() != "42K09" || e.Error() == "" {
			t.Errorf("CastError(%v, %v): %s %s", c.from, c.to, e.ErrorClass(), e.SQLState())
		}
	}
	if e := TryCastError(types.Date, types.Integer); e == nil || e.Kind != "CAST_WITH_FUNC_SUGGESTION" {
		t.Errorf("TryCastError(date, int) = %v", e)
	}
	if e := TryCastError(types.Binary, types.Integer); e == nil || e.Kind != "CAST_WITHOUT_SUGGESTION" {
		t.Errorf("TryCastError(binary, int) = %v", e)
	}
	if e := TryCastError(types.String, types.Integer); e != nil {
		t.Errorf("TryCastError(string, int) = %v", e)
	}
}

func TestCanUpCast(t *testing.T) {
	// CastSuiteBase "up-cast": numeric targets are safe when wider (decimals by digits).
	safe := func(from, to types.DataType) bool {
		switch {
		case isDecimal(to):
			return decimalWiderThan(to.(types.DecimalType), from)
		case isDecimal(from):
			return decimalTighterThan(from.(types.DecimalType), to)
		}
		return numericRank(from) <= numericRank(to)
	}
	nums := []types.DataType{types.Byte, types.Short, types.Integer, types.Long, types.Float, types.Double,
		dec(10, 2), dec(38, 18), dec(10, 0), dec(5, 0), dec(4, 0), dec(3, 0)}
	complexOf := func(x types.DataType, nullable bool) []types.DataType {
		return []types.DataType{
			st(fld("a", x, nullable), fld("b", x, nullable)),
			arr(x, nullable),
			mp(x, x, nullable),
			arr(st(fld("a", x, nullable)), nullable),
			st(fld("a", arr(x, nullable), nullable)),
		}
	}
	for _, from := range nums {
		for _, to := range nums {
			want := safe(from, to)
			if got := CanUpCast(from, to); got != want {
				t.Errorf("CanUpCast(%v, %v) = %v", from, to, got)
			}
			if !want {
				continue
			}
			for _, fl := range [][2]bool{{true, true}, {false, false}, {false, true}} {
				cf, ct := complexOf(from, fl[0]), complexOf(to, fl[1])
				for k := range cf {
					if !CanUpCast(cf[k], ct[k]) {
						t.Errorf("CanUpCast(%v, %v) = false", cf[k], ct[k])
					}
				}
			}
			cf, ct := complexOf(from, true), complexOf(to, false)
			for k := range cf {
				if CanUpCast(cf[k], ct[k]) {
					t.Errorf("CanUpCast(%v, %v) = true", cf[k], ct[k])
				}
			}
		}
		for _, c := range complexOf(from, true) {
			if CanUpCast(c, types.String) {
				t.Errorf("CanUpCast(%v, string) = true", c)
			}
		}
	}
	// SPARK-40389: decimal to integral of the same digits may overflow.
	for _, it := range integralTypes {
		if CanUpCast(mustDecimalFor(it), it) || !CanUpCast(it, mustDecimalFor(it)) {
			t.Errorf("CanUpCast(decimal, %v)", it)
		}
	}
	cases := []struct {
		from, to types.DataType
		want     bool
	}{
		{types.Date, types.Timestamp, true}, {types.Date, types.TimestampNTZ, true},
		{types.Timestamp, types.TimestampNTZ, true}, {types.TimestampNTZ, types.Timestamp, true},
		{types.Integer, lcase, true}, {types.CalendarInterval, lcase, true},
		{types.Timestamp, types.Date, false}, {types.TimestampNTZ, types.Date, false},
		{types.Null, types.Date, true}, {types.Null, arr(types.Integer, false), true},
		{types.Timestamp, types.Long, true}, {types.Long, types.Timestamp, true}, {types.Integer, types.Timestamp, false},
		{dt(types.Day, types.Day), dt(types.Hour, types.Second), true}, {ym(types.Month, types.Month), ym(types.Year, types.Year), true},
		{types.String, types.Integer, false}, {types.Long, types.Integer, false}, {types.Variant, types.String, false},
		{types.Boolean, types.String, true}, {types.String, lcase, true},
		{types.String, types.VarcharType{Length: 3}, false}, {types.CharType{Length: 3}, types.String, true},
		{types.CharType{Length: 3}, types.VarcharType{Length: 5}, true}, {types.VarcharType{Length: 5}, types.CharType{Length: 5}, false},
		{types.VarcharType{Length: 5}, types.VarcharType{Length: 3}, false}, {types.Integer, types.CharType{Length: 20}, false},
		{st(fld("a", types.Integer, true)), st(fld("b", types.Long, true)), true},
		{st(fld("a", types.Integer, true)), st(fld("a", types.Long, true), fld("b", types.Long, true)), false},
	}
	for _, c := range cases {
		if got := CanUpCast(c.from, c.to); got != c.want {
			t.Errorf("CanUpCast(%v, %v) = %v", c.from, c.to, got)
		}
	}
}

func TestCanANSIStoreAssign(t *testing.T) {
	cases := []struct {
		from, to types.DataType
		want     bool
	}{
		{types.Long, types.Byte, true}, {types.Double, dec(5, 2), true}, {types.Integer, types.String, true},
		{types.Binary, types.String, true}, {types.Boolean, types.String, true}, {types.CalendarInterval, types.String, true},
		{dt(types.Day, types.Day), types.String, true}, {types.Variant, types.String, true},
		{types.String, types.Integer, false}, {types.Boolean, types.Integer, false}, {types.Integer, types.Boolean, false},
		{types.Timestamp, types.Date, true}, {types.Date, types.TimestampNTZ, true}, {types.String, types.Date, false},
		{types.Integer, types.Timestamp, false}, {types.Null, st(fld("a", types.Integer, false)), true},
		{dt(types.Day, types.Day), dt(types.Day, types.Second), false}, {types.Integer, dt(types.Day, types.Day), false},
		{arr(types.Integer, false), arr(types.Long, false), true}, {arr(types.Integer, true), arr(types.Long, false), false},
		{arr(types.Integer, false), arr(types.Long, true), true}, {arr(types.String, true), arr(types.Integer, true), false},
		{mp(types.Integer, types.Integer, true), mp(types.String, types.Long, true), true},
		{mp(types.Integer, types.Integer, true), mp(types.String, types.Long, false), false},
		{st(fld("a", types.Integer, true)), st(fld("b", types.Long, true)), true},
		{st(fld("a", types.Integer, true)), st(fld("b", types.Long, false)), false},
		{st(fld("a", types.Integer, true)), types.String, false},
	}
	for _, c := range cases {
		if got := CanANSIStoreAssign(c.from, c.to); got != c.want {
			t.Errorf("CanANSIStoreAssign(%v, %v) = %v", c.from, c.to, got)
		}
	}
}

func TestForceNullable(t *testing.T) {
	cases := []struct {
		from, to types.DataType
		want     bool
	}{
		{types.Null, types.Integer, false}, {types.Integer, types.Integer, false}, {types.Variant, types.String, true},
		{types.String, types.Binary, false}, {types.String, lcase, false}, {types.String, types.Integer, true},
		{types.Integer, types.String, false}, {types.Timestamp, types.Integer, true}, {types.Timestamp, types.Long, false},
		{types.Double, types.Timestamp, true}, {types.Integer, types.Timestamp, false}, {types.Timestamp, types.Date, false},
		{types.TimestampNTZ, types.Date, true}, {types.Date, types.Timestamp, false}, {types.Date, types.Integer, true},
		{types.String, types.CalendarInterval, true}, {types.Integer, dec(10, 0), false}, {types.Integer, dec(9, 0), true},
		{types.Long, dec(38, 18), false}, {dec(10, 2), dec(10, 2), false}, {dec(10, 2), dec(11, 2), false},
		{dec(10, 2), dec(10, 3), true}, {types.Boolean, dec(1, 0), false}, {types.Boolean, dec(1, 1), true},
		{types.Double, dec(38, 0), true}, {types.Double, types.Long, true}, {dec(10, 2), types.Integer, true},
		{types.Long, types.Integer, false}, {types.Long, types.Double, false},
	}
	for _, c := range cases {
		if got := ForceNullable(c.from, c.to); got != c.want {
			t.Errorf("ForceNullable(%v, %v) = %v", c.from, c.to, got)
		}
	}
}

func TestNeedsTimeZone(t *testing.T) {
	yes := [][2]types.DataType{{types.String, types.Timestamp}, {types.Timestamp, types.String}, {types.Date, types.Timestamp},
		{types.Timestamp, types.Date}, {types.Timestamp, types.TimestampNTZ}, {types.TimestampNTZ, types.Timestamp},
		{types.Variant, types.Integer}, {arr(types.Date, true), arr(types.Timestamp, true)},
		{st(fld("a", types.String, true)), st(fld("a", types.Timestamp, true))}}
	no := [][2]types.DataType{{types.String, types.Date}, {types.Date, types.TimestampNTZ}, {types.String, types.TimestampNTZ},
		{types.Integer, types.Timestamp}, {arr(types.Integer, true), arr(types.Long, true)}}
	for _, c := range yes {
		if !NeedsTimeZone(c[0], c[1]) {
			t.Errorf("NeedsTimeZone(%v, %v) = false", c[0], c[1])
		}
	}
	for _, c := range no {
		if NeedsTimeZone(c[0], c[1]) {
			t.Errorf("NeedsTimeZone(%v, %v) = true", c[0], c[1])
		}
	}
}

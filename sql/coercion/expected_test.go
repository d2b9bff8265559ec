package coercion

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/types"
)

func TestExpectedStrings(t *testing.T) {
	cases := []struct {
		e        Expected
		sql, str string
		def      types.DataType
	}{
		{NumericAndInterval, `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")`,
			"(numeric or interval day to second or interval year to month or interval)", types.Double},
		{NumericAndAnsiInterval, `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH")`, "", types.Double},
		{divideInput, `("DOUBLE" or "DECIMAL")`, "(double or decimal)", types.Double},
		{daysInput, `("INT" or "SMALLINT" or "TINYINT")`, "(int or smallint or tinyint)", types.Integer},
		{AnyTimestamp, `"(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)"`, "(timestamp or timestamp without time zone)", types.Timestamp},
		{AnyNumeric, `"NUMERIC"`, "numeric", types.Double},
		{AnyIntegral, `"INTEGRAL"`, "integral", types.Integer},
		{AnyDecimal, `"DECIMAL"`, "decimal", types.SystemDefaultDecimal},
		{AnyString, `"STRING"`, "string", types.String},
		{AnyBinary, `"BINARY"`, "binary", types.Binary},
		{AnyBoolean, `"BOOLEAN"`, "boolean", types.Boolean},
		{AnyDate, `"DATE"`, "date", types.Date},
		{AnyArray, `"ARRAY"`, "array", arr(types.Null, true)},
		{AnyMap, `"MAP"`, "map", mp(types.Null, types.Null, true)},
		{AnyStruct, `"STRUCT"`, "struct", st()},
		{AnyType, `"ANY"`, "any", types.Null},
		{AnyAnsiInterval, `"ANSI INTERVAL"`, "ANSI interval", types.DefaultDayTimeInterval},
		{AnyYearMonthInterval, `"INTERVAL YEAR TO MONTH"`, "interval year to month", types.DefaultYearMonthInterval},
		{Exact(dec(10, 2)), `"DECIMAL(10,2)"`, "decimal(10,2)", dec(10, 2)},
		{Exact(st(fld("a b", types.Integer, false))), "\"STRUCT<`a b`: INT NOT NULL>\"", "struct<a b:int>", st(fld("a b", types.Integer, false))},
		{ArrayOf(AnyString), `"ARRAY<STRING>"`, "array<string>", arr(types.String, true)},
		{MapOf(AnyString, AnyNumeric), `"MAP<STRING, NUMERIC>"`, "map<string, numeric>", mp(types.String, types.Double, true)},
	}
	for _, c := range cases {
		if got := c.e.SQL(); got != c.sql {
			t.Errorf("SQL() = %s; want %s", got, c.sql)
		}
		if c.str != "" && c.e.String() != c.str {
			t.Errorf("String() = %s; want %s", c.e.String(), c.str)
		}
		if !types.Equal(c.e.Default(), c.def) {
			t.Errorf("%s Default() = %v; want %v", c.str, c.e.Default(), c.def)
		}
	}
}

func TestExpectedAccepts(t *testing.T) {
	cases := []struct {
		e       Expected
		yes, no []types.DataType
	}{
		{AnyNumeric, []types.DataType{types.Byte, types.Double, dec(3, 1)}, []types.DataType{types.String, types.Null, types.Boolean}},
		{AnyIntegral, []types.DataType{types.Byte, types.Long}, []types.DataType{types.Float, dec(10, 0)}},
		{AnyFractional, []types.DataType{types.Float, dec(10, 0)}, []types.DataType{types.Integer}},
		{AnyDecimal, []types.DataType{dec(38, 0)}, []types.DataType{types.Double}},
		{AnyString, []types.DataType{types.String, lcase, types.VarcharType{Length: 3}}, []types.DataType{types.Binary}},
		{AnyTimestamp, []types.DataType{types.Timestamp, types.TimestampNTZ}, []types.DataType{types.Date}},
		{AnyDatetime, []types.DataType{types.Timestamp, types.TimestampNTZ, types.Date}, []types.DataType{types.String}},
		{AnyAtomic, []types.DataType{types.Integer, types.String, types.Variant, dt(types.Day, types.Day)},
			[]types.DataType{types.CalendarInterval, arr(types.Integer, true), types.Null}},
		{AnyArray, []types.DataType{arr(types.Null, false)}, []types.DataType{mp(types.Integer, types.Integer, true)}},
		{AnyMap, []types.DataType{mp(types.Integer, types.Integer, false)}, []types.DataType{st()}},
		{AnyStruct, []types.DataType{st(fld("a", types.Integer, true))}, []types.DataType{arr(types.Integer, true)}},
		{AnyType, []types.DataType{types.Null, types.CalendarInterval}, nil},
		{Exact(arr(st(fld("a", types.Integer, false)), false)), []types.DataType{arr(st(fld("A", types.Integer, true)), true)},
			[]types.DataType{arr(st(fld("b", types.Integer, true)), true), arr(types.Integer, true)}},
		{Exact(types.String), []types.DataType{types.String}, []types.DataType{lcase}},
		{ArrayOf(AnyNumeric), []types.DataType{arr(types.Integer, false)}, []types.DataType{arr(types.String, true)}},
		{MapOf(AnyString, AnyType), []types.DataType{mp(types.String, types.Null, true)}, []types.DataType{mp(types.Integer, types.Null, true)}},
		{OneOf(Exact(types.Long), AnyDecimal), []types.DataType{types.Long, dec(5, 0)}, []types.DataType{types.Integer}},
	}
	for _, c := range cases {
		for _, y := range c.yes {
			if !c.e.Accepts(y) {
				t.Errorf("%s should accept %v", c.e, y)
			}
		}
		for _, n := range c.no {
			if c.e.Accepts(n) {
				t.Errorf("%s should not accept %v", c.e, n)
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("OneOf() should panic")
		}
	}()
	OneOf()
}

func TestMismatchErrorMessages(t *testing.T) {
	_, err := ansi.Arithmetic("+", Operand{Type: types.String, Literal: true}, Operand{Type: types.String, Literal: true})
	me := err.(*MismatchError)
	want := `[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve <expr> due to data type mismatch: the binary operator ` +
		`requires the input type ("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL"), ` +
		`not "STRING". SQLSTATE: 42K09`
	if me.Error() != want || me.Fn != "+" {
		t.Errorf("Error() = %s", me.Error())
	}
	_, err = ansi.Arithmetic("+", Operand{Type: types.Date}, Operand{Type: types.Long})
	me = err.(*MismatchError)
	p := me.Parameters()
	if p["paramIndex"] != "second" || p["inputType"] != `"BIGINT"` || p["requiredType"] != `("INT" or "SMALLINT" or "TINYINT")` ||
		me.Fn != "date_add" || !strings.Contains(me.Error(), "The second parameter requires") {
		t.Errorf("UNEXPECTED_INPUT_TYPE: %v %s", p, me.Error())
	}
	_, err = ansi.Arithmetic("+", Operand{Type: types.Boolean}, Operand{Type: types.Integer})
	if p := err.(*MismatchError).Parameters(); p["left"] != `"BOOLEAN"` || p["right"] != `"INT"` ||
		!strings.Contains(err.Error(), "incompatible types") {
		t.Errorf("BINARY_OP_DIFF_TYPES: %v", p)
	}
	dd := DataDiffTypes("casewhen", []types.DataType{types.Boolean, types.Long})
	if p := dd.Parameters(); p["functionName"] != "`casewhen`" || p["dataType"] != `["BOOLEAN", "BIGINT"]` ||
		dd.ErrorClass() != "DATATYPE_MISMATCH.DATA_DIFF_TYPES" || !strings.Contains(dd.Error(), "should all be the same type") {
		t.Errorf("DATA_DIFF_TYPES: %v", p)
	}
	for i, w := range []string{"first", "second", "third", "4th", "11th"} {
		n := i
		if i == 4 {
			n = 10
		}
		if got := OrdinalNumber(n); got != w {
			t.Errorf("OrdinalNumber(%d) = %s", n, got)
		}
	}
	if SQLType(types.UserDefinedType{Class: "x.PointUDT", SQLType: arr(types.Double, false)}) != `UDT("ARRAY<DOUBLE>")` {
		t.Errorf("UDT SQLType")
	}
	for _, k := range []string{"INVALID_ORDERING_TYPE", "CAST_WITHOUT_SUGGESTION", "CAST_WITH_CONF_SUGGESTION", "CAST_WITH_FUNC_SUGGESTION"} {
		e := &MismatchError{Kind: k, Left: types.Integer, Right: types.Binary, Fn: "<", Config: "c", ConfigValue: "v", Functions: "`F`"}
		if !strings.HasPrefix(e.Error(), "[DATATYPE_MISMATCH."+k+"]") || len(e.Parameters()) < 2 {
			t.Errorf("%s: %s %v", k, e.Error(), e.Parameters())
		}
	}
}

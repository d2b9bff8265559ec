package types

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

type typeStrings struct {
	dt            DataType
	typeName      string
	simple        string
	catalog       string
	sql           string
	json          string
	defaultSize   int
	scalaToString string
}

func mustStruct(t *testing.T, ddl string) *StructType {
	t.Helper()
	st, err := ParseTableSchema(ddl)
	if err != nil {
		t.Fatalf("ParseTableSchema(%q): %v", ddl, err)
	}
	return st
}

func TestTypeStrings(t *testing.T) {
	nested := NewStruct(
		NewField("a", Integer, false),
		NewField("b c", NewArray(String, true), true).WithComment("it's"),
	)
	cases := []typeStrings{
		{Null, "void", "void", "void", "VOID", `"void"`, 1, "NullType"},
		{Boolean, "boolean", "boolean", "boolean", "BOOLEAN", `"boolean"`, 1, "BooleanType"},
		{Byte, "byte", "tinyint", "tinyint", "TINYINT", `"byte"`, 1, "ByteType"},
		{Short, "short", "smallint", "smallint", "SMALLINT", `"short"`, 2, "ShortType"},
		{Integer, "integer", "int", "int", "INT", `"integer"`, 4, "IntegerType"},
		{Long, "long", "bigint", "bigint", "BIGINT", `"long"`, 8, "LongType"},
		{Float, "float", "float", "float", "FLOAT", `"float"`, 4, "FloatType"},
		{Double, "double", "double", "double", "DOUBLE", `"double"`, 8, "DoubleType"},
		{DecimalType{10, 2}, "decimal(10,2)", "decimal(10,2)", "decimal(10,2)", "DECIMAL(10,2)", `"decimal(10,2)"`, 8, "DecimalType(10,2)"},
		{DefaultDecimal, "decimal(10,0)", "decimal(10,0)", "decimal(10,0)", "DECIMAL(10,0)", `"decimal(10,0)"`, 8, "DecimalType(10,0)"},
		{DecimalType{19, 0}, "decimal(19,0)", "decimal(19,0)", "decimal(19,0)", "DECIMAL(19,0)", `"decimal(19,0)"`, 16, "DecimalType(19,0)"},
		{SystemDefaultDecimal, "decimal(38,18)", "decimal(38,18)", "decimal(38,18)", "DECIMAL(38,18)", `"decimal(38,18)"`, 16, "DecimalType(38,18)"},
		{String, "string", "string", "string", "STRING", `"string"`, 20, "StringType"},
		{StringType{Collation: "UTF8_LCASE"}, "string collate UTF8_LCASE", "string collate UTF8_LCASE",
			"string collate UTF8_LCASE", "STRING COLLATE UTF8_LCASE", `"string"`, 20, "StringType(UTF8_LCASE)"},
		{CharType{3}, "char(3)", "char(3)", "char(3)", "CHAR(3)", `"char(3)"`, 3, "CharType(3)"},
		{VarcharType{20}, "varchar(20)", "varchar(20)", "varchar(20)", "VARCHAR(20)", `"varchar(20)"`, 20, "VarcharType(20)"},
		{Binary, "binary", "binary", "binary", "BINARY", `"binary"`, 100, "BinaryType"},
		{Date, "date", "date", "date", "DATE", `"date"`, 4, "DateType"},
		{Timestamp, "timestamp", "timestamp", "timestamp", "TIMESTAMP", `"timestamp"`, 8, "TimestampType"},
		{TimestampNTZ, "timestamp_ntz", "timestamp_ntz", "timestamp_ntz", "TIMESTAMP_NTZ", `"timestamp_ntz"`, 8, "TimestampNTZType"},
		{DefaultDayTimeInterval, "interval day to second", "interval day to second", "interval day to second",
			"INTERVAL DAY TO SECOND", `"interval day to second"`, 8, "DayTimeIntervalType(0,3)"},
		{DayTimeIntervalType{Hour, Hour}, "interval hour", "interval hour", "interval hour", "INTERVAL HOUR",
			`"interval hour"`, 8, "DayTimeIntervalType(1,1)"},
		{DayTimeIntervalType{Minute, Second}, "interval minute to second", "interval minute to second",
			"interval minute to second", "INTERVAL MINUTE TO SECOND", `"interval minute to second"`, 8, "DayTimeIntervalType(2,3)"},
		{DefaultYearMonthInterval, "interval year to month", "interval year to month", "interval year to month",
			"INTERVAL YEAR TO MONTH", `"interval year to month"`, 4, "YearMonthIntervalType(0,1)"},
		{YearMonthIntervalType{Month, Month}, "interval month", "interval month", "interval month", "INTERVAL MONTH",
			`"interval month"`, 4, "YearMonthIntervalType(1,1)"},
		{CalendarInterval, "interval", "interval", "interval", "INTERVAL", `"interval"`, 16, "CalendarIntervalType"},
		{Variant, "variant", "variant", "variant", "VARIANT", `"variant"`, 2048, "VariantType"},
		{NewArray(Integer, true), "array", "array<int>", "array<int>", "ARRAY<INT>",
			`{"type":"array","elementType":"integer","containsNull":true}`, 4, "ArrayType(IntegerType,true)"},
		{NewArray(Double, false), "array", "array<double>", "array<double>", "ARRAY<DOUBLE>",
			`{"type":"array","elementType":"double","containsNull":false}`, 8, "ArrayType(DoubleType,false)"},
		{NewMap(String, Integer, true), "map", "map<string,int>", "map<string,int>", "MAP<STRING, INT>",
			`{"type":"map","keyType":"string","valueType":"integer","valueContainsNull":true}`, 24,
			"MapType(StringType,IntegerType,true)"},
		{NewMap(Integer, NewArray(Double, true), false), "map", "map<int,array<double>>", "map<int,array<double>>",
			"MAP<INT, ARRAY<DOUBLE>>",
			`{"type":"map","keyType":"integer","valueType":{"type":"array","elementType":"double","containsNull":true},"valueContainsNull":false}`,
			12, "MapType(IntegerType,ArrayType(DoubleType,true),false)"},
		{nested, "struct", "struct<a:int,b c:array<string>>", "struct<a:int,b c:array<string>>",
			"STRUCT<a: INT NOT NULL, `b c`: ARRAY<STRING> COMMENT 'it\\'s'>",
			`{"type":"struct","fields":[{"name":"a","type":"integer","nullable":false,"metadata":{}},` +
				`{"name":"b c","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{"comment":"it's"}}]}`,
			24, "StructType(StructField(a,IntegerType,false),StructField(b c,ArrayType(StringType,true),true))"},
		{NewStruct(), "struct", "struct<>", "struct<>", "STRUCT<>", `{"type":"struct","fields":[]}`, 0, "StructType()"},
		{UserDefinedType{Class: "org.apache.spark.ml.linalg.VectorUDT", PyClass: "pyspark.ml.linalg.VectorUDT",
			SQLType: NewArray(Double, false)}, "vector", "vector", "array<double>", "ARRAY<DOUBLE>",
			`{"type":"udt","class":"org.apache.spark.ml.linalg.VectorUDT","pyClass":"pyspark.ml.linalg.VectorUDT","sqlType":{"type":"array","elementType":"double","containsNull":false}}`,
			8, "org.apache.spark.ml.linalg.VectorUDT"},
		{UserDefinedType{PyClass: "mod.PointUDT", SerializedClass: "gASV", SQLType: NewArray(Double, false)},
			"pythonuserdefined", "pythonuserdefined", "array<double>", "ARRAY<DOUBLE>",
			`{"type":"udt","pyClass":"mod.PointUDT","serializedClass":"gASV","sqlType":{"type":"array","elementType":"double","containsNull":false}}`,
			8, "PythonUserDefinedType(mod.PointUDT)"},
	}
	for _, c := range cases {
		t.Run(c.scalaToString, func(t *testing.T) {
			check := func(what, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("TypeName", c.dt.TypeName(), c.typeName)
			check("SimpleString", c.dt.SimpleString(), c.simple)
			check("CatalogString", c.dt.CatalogString(), c.catalog)
			check("SQL", c.dt.SQL(), c.sql)
			check("ToJSON", ToJSON(c.dt), c.json)
			check("String", c.dt.String(), c.scalaToString)
			if got := c.dt.DefaultSize(); got != c.defaultSize {
				t.Errorf("DefaultSize = %d, want %d", got, c.defaultSize)
			}
		})
	}
}

func TestStructSimpleStringTruncation(t *testing.T) {
	fields := make([]StructField, 30)
	for i := range fields {
		fields[i] = NewField(fmt.Sprintf("c%d", i), Integer, true)
	}
	st := NewStruct(fields...)
	got := st.SimpleString()
	if !strings.HasPrefix(got, "struct<c0:int,c1:int,") || !strings.HasSuffix(got, ",c24:int,... 5 more fields>") {
		t.Errorf("SimpleString = %q", got)
	}
	if strings.Contains(got, "c25:") {
		t.Errorf("SimpleString shows more than 25 fields: %q", got)
	}
	// CatalogString never truncates.
	if got := st.CatalogString(); !strings.HasSuffix(got, ",c29:int>") {
		t.Errorf("CatalogString = %q", got)
	}
	if got := TruncatedSimpleString(NewArray(st, true), 2); got != "array<struct<c0:int,c1:int,... 28 more fields>>" {
		t.Errorf("TruncatedSimpleString(2) = %q", got)
	}
	if got := TruncatedSimpleString(st, 0); got != "struct<... 30 more fields>" {
		t.Errorf("TruncatedSimpleString(0) = %q", got)
	}
}

func TestToDDL(t *testing.T) {
	cases := []struct {
		st   *StructType
		want string
	}{
		{NewStruct(NewField("a", Integer, true)), "a INT"},
		{NewStruct(NewField("metaData", NewStruct(NewField("eventId", String, true)), true)),
			"metaData STRUCT<eventId: STRING>"},
		{NewStruct(NewField("b", Boolean, true).WithComment("Field's comment")), `b BOOLEAN COMMENT 'Field\'s comment'`},
		{NewStruct(NewField("a b", String, true).WithComment("comment")), "`a b` STRING COMMENT 'comment'"},
		{NewStruct(
			NewField("b", NewStruct(NewField("c", String, false).WithComment("struct comment")), false),
			NewField("b", String, false),
			NewField("c", String, true).WithComment("nullable comment")),
			"b STRUCT<c: STRING NOT NULL COMMENT 'struct comment'> NOT NULL,b STRING NOT NULL,c STRING COMMENT 'nullable comment'"},
		{NewStruct(NewField("x`y", Long, true)), "`x``y` BIGINT"},
		{NewStruct(StructField{Name: "d", DataType: Integer, Nullable: true,
			Metadata: Metadata{}.WithString("CURRENT_DEFAULT", "42").WithString("comment", "c")}),
			"d INT DEFAULT 42 COMMENT 'c'"},
		{NewStruct(NewField("ymi", DefaultYearMonthInterval, true), NewField("i", CalendarInterval, true)),
			"ymi INTERVAL YEAR TO MONTH,i INTERVAL"},
		{NewStruct(NewField("s", StringType{Collation: "UNICODE_CI"}, true)), "s STRING COLLATE UNICODE_CI"},
	}
	for _, c := range cases {
		got := c.st.ToDDL()
		if got != c.want {
			t.Errorf("ToDDL = %q, want %q", got, c.want)
			continue
		}
		if strings.Contains(got, " DEFAULT ") {
			// The column-list grammar has no DEFAULT clause: Spark rejects it too.
			if _, err := ParseTableSchema(got); err == nil {
				t.Errorf("ParseTableSchema(%q) accepted DEFAULT", got)
			}
			continue
		}
		// Spark's round trip: fromDDL(toDDL) gives the struct back.
		back, err := ParseTableSchema(got)
		if err != nil {
			t.Errorf("ParseTableSchema(%q): %v", got, err)
		} else if !Equal(back, c.st) {
			t.Errorf("round trip of %q gave %v, want %v", got, back, c.st)
		}
	}
}

func TestConstructors(t *testing.T) {
	if d, err := NewDecimal(38, 38); err != nil || d != (DecimalType{38, 38}) {
		t.Errorf("NewDecimal(38,38) = %v, %v", d, err)
	}
	for _, c := range []struct {
		p, s      int
		class     string
		exception string
	}{
		{39, 0, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", ExceptionArithmetic},
		{2, 5, "_LEGACY_ERROR_TEMP_1228", ExceptionAnalysis},
		{10, -1, "INTERNAL_ERROR", ExceptionSpark},
	} {
		_, err := NewDecimal(c.p, c.s)
		var e *Error
		if !errors.As(err, &e) || e.Class != c.class || e.Exception != c.exception {
			t.Errorf("NewDecimal(%d,%d) error = %v, want class %s", c.p, c.s, err, c.class)
		}
	}
	if _, err := NewDayTimeInterval(Second, Day); err == nil {
		t.Error("NewDayTimeInterval(second, day) succeeded")
	}
	if d, err := NewDayTimeInterval(Hour, Minute); err != nil || d.SQL() != "INTERVAL HOUR TO MINUTE" {
		t.Errorf("NewDayTimeInterval(hour, minute) = %v, %v", d, err)
	}
	if _, err := NewYearMonthInterval(Month, Year); err == nil {
		t.Error("NewYearMonthInterval(month, year) succeeded")
	}
	if s, err := NewCollatedString("utf8_binary"); err != nil || s != String {
		t.Errorf("NewCollatedString(utf8_binary) = %#v, %v; want the plain string type", s, err)
	}
}

func TestStructHelpers(t *testing.T) {
	st := mustStruct(t, "a int, b string, a long")
	if got := st.FieldNames(); strings.Join(got, ",") != "a,b,a" {
		t.Errorf("FieldNames = %v", got)
	}
	if i, ok := st.FieldIndex("a"); !ok || i != 0 {
		t.Errorf("FieldIndex(a) = %d, %v", i, ok)
	}
	if _, ok := st.Field("z"); ok {
		t.Error("Field(z) found")
	}
	st2 := st.Add(NewField("c", Date, false))
	if st.Len() != 3 || st2.Len() != 4 || st2.Fields[3].Name != "c" {
		t.Errorf("Add changed the receiver or lost the field: %v / %v", st, st2)
	}
	n := AsNullable(mustStruct(t, "a array<int> not null, m map<string, struct<x: int not null>>"))
	if n.SQL() != "STRUCT<a: ARRAY<INT>, m: MAP<STRING, STRUCT<x: INT>>>" {
		t.Errorf("AsNullable = %s", n.SQL())
	}
	r := ReplaceCharVarcharWithString(mustStruct(t, "a char(3), b array<varchar(4)>, c map<char(1), int>"))
	if r.SimpleString() != "struct<a:string,b:array<string>,c:map<string,int>>" {
		t.Errorf("ReplaceCharVarcharWithString = %s", r.SimpleString())
	}
	if !ExistsRecursively(mustStruct(t, "a map<int, array<date>>"), func(d DataType) bool { return d == Date }) {
		t.Error("ExistsRecursively did not find date")
	}
	if ExistsRecursively(mustStruct(t, "a map<int, array<date>>"), func(d DataType) bool { return d == Long }) {
		t.Error("ExistsRecursively found long")
	}
}

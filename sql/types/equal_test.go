package types

import "testing"

func TestEqual(t *testing.T) {
	s := func(ddl string) DataType {
		dt, err := ParseDataType(ddl)
		if err != nil {
			t.Fatalf("ParseDataType(%q): %v", ddl, err)
		}
		return dt
	}
	cases := []struct {
		a, b                                     DataType
		equal, ignoreNull, ignoreCaseNull, struc bool
	}{
		{Integer, Integer, true, true, true, true},
		{Integer, Long, false, false, false, false},
		{String, StringType{Collation: "UTF8_BINARY"}, true, true, true, true},
		{String, StringType{Collation: "UTF8_LCASE"}, false, false, false, false},
		{String, CharType{3}, false, false, false, false},
		{CharType{3}, CharType{4}, false, false, false, false},
		{DecimalType{10, 2}, DecimalType{10, 2}, true, true, true, true},
		{DecimalType{10, 2}, DecimalType{10, 3}, false, false, false, false},
		{DayTimeIntervalType{Day, Second}, DayTimeIntervalType{Day, Hour}, false, false, false, false},
		{NewArray(Integer, true), NewArray(Integer, false), false, true, true, false},
		{NewMap(Integer, String, true), NewMap(Integer, String, false), false, true, true, false},
		{s("struct<a: int>"), s("struct<a: int not null>"), false, true, true, false},
		{s("struct<a: int>"), s("struct<A: int>"), false, false, true, true},
		{s("struct<a: int>"), s("struct<b: int>"), false, false, false, true},
		{s("struct<a: int>"), s("struct<a: int, b: int>"), false, false, false, false},
		{s("struct<a: array<struct<b: int>>>"), s("struct<a: array<struct<b: int>>>"), true, true, true, true},
		{s("struct<a: int>"), NewArray(Integer, true), false, false, false, false},
		{UserDefinedType{Class: "a.B", SQLType: Integer}, UserDefinedType{Class: "a.B", SQLType: Long}, true, true, true, true},
		{UserDefinedType{Class: "a.B", SQLType: Integer}, UserDefinedType{Class: "a.C", SQLType: Integer}, false, false, false, false},
		{UserDefinedType{PyClass: "p.Q", SQLType: Integer}, UserDefinedType{PyClass: "p.Q", SQLType: Integer}, true, true, true, true},
		{UserDefinedType{PyClass: "p.Q", SQLType: Integer}, UserDefinedType{Class: "p.Q", SQLType: Integer}, false, false, false, false},
		{nil, nil, true, true, true, true},
		{Integer, nil, false, false, false, false},
	}
	for _, c := range cases {
		if got := Equal(c.a, c.b); got != c.equal {
			t.Errorf("Equal(%v, %v) = %v", c.a, c.b, got)
		}
		if got := Equal(c.b, c.a); got != c.equal {
			t.Errorf("Equal(%v, %v) = %v (reversed)", c.b, c.a, got)
		}
		if got := EqualIgnoreNullability(c.a, c.b); got != c.ignoreNull {
			t.Errorf("EqualIgnoreNullability(%v, %v) = %v", c.a, c.b, got)
		}
		if got := EqualIgnoreCaseAndNullability(c.a, c.b); got != c.ignoreCaseNull {
			t.Errorf("EqualIgnoreCaseAndNullability(%v, %v) = %v", c.a, c.b, got)
		}
		if got := EqualStructurally(c.a, c.b, false); got != c.struc {
			t.Errorf("EqualStructurally(%v, %v) = %v", c.a, c.b, got)
		}
	}
	if !EqualStructurally(s("struct<a: int>"), s("struct<b: int not null>"), true) {
		t.Error("EqualStructurally ignoring nullability")
	}
}

func TestEqualIgnoreCompatibleNullability(t *testing.T) {
	cases := []struct {
		from, to DataType
		want     bool
	}{
		{NewArray(Double, true), NewArray(Double, true), true},
		{NewArray(Double, false), NewArray(Double, false), true},
		{NewArray(Double, false), NewArray(Double, true), true},
		{NewArray(Double, true), NewArray(Double, false), false},
		{NewArray(Double, false), NewArray(String, false), false},
		{NewMap(String, Double, true), NewMap(String, Double, true), true},
		{NewMap(String, Double, false), NewMap(String, Double, true), true},
		{NewMap(String, Double, true), NewMap(String, Double, false), false},
		{NewMap(String, NewArray(Integer, true), true), NewMap(String, NewArray(Integer, false), true), false},
		{NewMap(String, NewArray(Integer, false), true), NewMap(String, NewArray(Integer, true), true), true},
		{NewStruct(NewField("a", String, true)), NewStruct(NewField("a", String, true)), true},
		{NewStruct(NewField("a", String, false)), NewStruct(NewField("a", String, true)), true},
		{NewStruct(NewField("a", String, true)), NewStruct(NewField("a", String, false)), false},
		{NewStruct(NewField("a", String, false), NewField("b", String, true)),
			NewStruct(NewField("a", String, false), NewField("b", String, false)), false},
		{NewStruct(NewField("a", String, true)), NewStruct(NewField("b", String, true)), false},
	}
	for _, c := range cases {
		if got := EqualIgnoreCompatibleNullability(c.from, c.to); got != c.want {
			t.Errorf("EqualIgnoreCompatibleNullability(%v, %v) = %v", c.from, c.to, got)
		}
	}
}

package types

import (
	"math"
	"testing"
)

func TestMetadataJSON(t *testing.T) {
	in := `{"comment":"c","n":5,"big":99999999999999999999,"d":1.50,"e":1e10,"small":0.0001,"b":true,` +
		`"nul":null,"o":{"x":[1,2]},"ls":["a","b"],"ld":[1.0,2.5],"lb":[false],"lo":[{}],"empty":[],"comment":"last"}`
	md, err := ParseMetadata(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"comment":"last","n":5,"big":7766279631452241919,"d":1.5,"e":1.0E10,"small":1.0E-4,"b":true,` +
		`"nul":null,"o":{"x":[1,2]},"ls":["a","b"],"ld":[1.0,2.5],"lb":[false],"lo":[{}],"empty":[]}`
	if got := md.JSON(); got != want {
		t.Errorf("JSON =\n%s\nwant\n%s", got, want)
	}
	if v, ok := md.Get("empty"); !ok || len(v.([]int64)) != 0 {
		t.Errorf("empty array = %#v", v)
	}
	if c, ok := md.GetString("comment"); !ok || c != "last" {
		t.Errorf("comment = %q", c)
	}
	if _, ok := md.GetString("n"); ok {
		t.Error("GetString on a long succeeded")
	}
	if _, err := ParseMetadata(`[1]`); err == nil {
		t.Error("ParseMetadata of an array succeeded")
	}
}

func TestMetadataEqualAndEdit(t *testing.T) {
	a := Metadata{}.WithString("x", "1").WithLong("y", 2)
	b := Metadata{}.WithLong("y", 2).WithString("x", "1")
	if !a.Equal(b) {
		t.Error("key order must not matter")
	}
	if a.Equal(b.WithLong("y", 3)) || a.Equal(b.WithNull("z")) {
		t.Error("different metadata compared equal")
	}
	if !a.WithDouble("d", math.NaN()).Equal(a.WithDouble("d", math.NaN())) {
		t.Error("NaN must equal NaN (java.lang.Double.equals)")
	}
	if a.WithDouble("d", 0).Equal(a.WithDouble("d", math.Copysign(0, -1))) {
		t.Error("0.0 must differ from -0.0")
	}
	c := a.Without("x")
	if c.Len() != 1 || a.Len() != 2 {
		t.Errorf("Without changed the receiver or did not remove: %s / %s", a.JSON(), c.JSON())
	}
	arr, ok := a.WithArray("arr", []string{"p", "q"})
	if !ok || arr.JSON() != `{"x":"1","y":2,"arr":["p","q"]}` {
		t.Errorf("WithArray = %s, %v", arr.JSON(), ok)
	}
	if _, ok := a.WithArray("bad", []int{1}); ok {
		t.Error("WithArray accepted []int")
	}
	nested := Metadata{}.WithMetadata("m", Metadata{}.WithBoolean("t", true)).WithDouble("inf", math.Inf(1))
	if got := nested.JSON(); got != `{"m":{"t":true},"inf":"Infinity"}` {
		t.Errorf("JSON = %s", got)
	}
	// Field equality includes metadata, as in Spark.
	f1 := NewStruct(NewField("a", Integer, true).WithComment("x"))
	f2 := NewStruct(NewField("a", Integer, true))
	if Equal(f1, f2) {
		t.Error("fields with different metadata compared equal")
	}
	if !EqualIgnoreNullability(f1, f2) {
		t.Error("EqualIgnoreNullability must ignore metadata")
	}
}

func TestJavaDouble(t *testing.T) {
	for f, want := range map[float64]string{
		1: "1.0", 1.5: "1.5", 100: "100.0", 1e7: "1.0E7", 9999999: "9999999.0", 0.001: "0.001",
		0.0001: "1.0E-4", 123456789.125: "1.23456789125E8", -2.5e-10: "-2.5E-10", 0: "0.0",
	} {
		if got := javaDouble(f); got != want {
			t.Errorf("javaDouble(%v) = %s, want %s", f, got, want)
		}
	}
}

package expr

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/types"
)

// point12 is the WKB of POINT(1 2), st-functions.sql's value.
var point12 = []byte{0x01, 0x01, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40}

func stCall(t *testing.T, name string, result types.DataType, argTypes []types.DataType, args ...Expr) Expr {
	t.Helper()
	f, ok := Lookup(name)
	if !ok {
		t.Fatalf("no function %s", name)
	}
	e, err := f(args, argTypes, result, FuncOptions{ANSI: true})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return e
}

func evalArr(t *testing.T, e Expr, b arrow.RecordBatch) arrow.Array {
	t.Helper()
	out, err := e.Eval(b)
	if err != nil {
		t.Fatalf("%s: %v", e, err)
	}
	if out.Len() != int(b.NumRows()) {
		t.Fatalf("%s: %d rows for %d", e, out.Len(), b.NumRows())
	}
	if out.DataType().ID() != arrow.NULL && !arrow.TypeEqual(out.DataType(), e.DataType(), arrow.CheckMetadata()) {
		t.Fatalf("%s: result type %s, declared %s", e, out.DataType(), e.DataType())
	}
	return out
}

// checkSpatial compares spatial values with the wanted SRIDs and WKBs (nil WKB: NULL).
func checkSpatial(t *testing.T, what string, a arrow.Array, srids []int32, wkbs [][]byte) {
	t.Helper()
	s, ok := a.(*array.Struct)
	if !ok {
		t.Fatalf("%s: not a struct: %s", what, a.DataType())
	}
	sr, wk := s.Field(0).(*array.Int32), s.Field(1).(*array.Binary)
	for i := range wkbs {
		if wkbs[i] == nil {
			if s.IsValid(i) {
				t.Errorf("%s row %d: want NULL", what, i)
			}
			continue
		}
		if s.IsNull(i) || sr.Value(i) != srids[i] || !bytes.Equal(wk.Value(i), wkbs[i]) {
			t.Errorf("%s row %d: got valid=%v srid %d wkb %x, want %d %x", what, i, s.IsValid(i), sr.Value(i), wk.Value(i), srids[i], wkbs[i])
		}
	}
}

// WKB round trips through st_geogfromwkb / st_geomfromwkb and st_asbinary unchanged (Spark
// does not parse it), with the readers' default SRIDs; NULL stays NULL, also for sliced input.
func TestSpatialWKBRoundTrip(t *testing.T) {
	bin := types.Binary
	wkbs := [][]byte{point12, nil, {0x01}, {}, point12}
	vals := make([]any, len(wkbs))
	for i, w := range wkbs {
		if w != nil {
			vals[i] = w
		}
	}
	for _, c := range []struct {
		reader string
		typ    types.DataType
		srid   int32
	}{
		{"st_geogfromwkb", types.DefaultGeography, 4326},
		{"st_geomfromwkb", types.DefaultGeometry, 0},
	} {
		full := arr(t, bin, vals...)
		for _, off := range []int{0, 1} {
			in := array.NewSlice(full, int64(off), int64(full.Len()))
			want := wkbs[off:]
			b := batchOf(in)
			geo := stCall(t, c.reader, c.typ, []types.DataType{bin}, col(0, bin))
			g := evalArr(t, geo, b)
			srids := make([]int32, len(want))
			for i := range srids {
				srids[i] = c.srid
			}
			checkSpatial(t, c.reader, g, srids, want)
			g.Release()

			back := evalArr(t, stCall(t, "st_asbinary", bin, []types.DataType{c.typ}, geo), b)
			bb := back.(*array.Binary)
			for i, w := range want {
				if (w == nil) != bb.IsNull(i) || (w != nil && !bytes.Equal(bb.Value(i), w)) {
					t.Errorf("%s offset %d row %d: st_asbinary %x (null %v), want %x", c.reader, off, i, bb.Value(i), bb.IsNull(i), w)
				}
			}
			back.Release()

			srid := evalArr(t, stCall(t, "st_srid", types.Integer, []types.DataType{c.typ}, geo), b)
			got := strs(t, srid)
			for i, w := range want {
				exp := "NULL"
				if w != nil {
					exp = strconv.Itoa(int(c.srid))
				}
				if got[i] != exp {
					t.Errorf("%s offset %d row %d: st_srid %s, want %s", c.reader, off, i, got[i], exp)
				}
			}
			srid.Release()
			b.Release()
		}
		full.Release()
	}
}

// A NULL-typed argument gives NULL (st_srid(NULL), st_geogfromwkb(NULL)).
func TestSpatialNullArguments(t *testing.T) {
	runFnCases(t, []fnCase{
		{fn: "st_srid", result: types.Integer, args: []lv{null(types.Null)}, want: "NULL"},
		{fn: "st_asbinary", result: types.Binary, args: []lv{null(types.Null)}, want: "NULL"},
		{fn: "st_geogfromwkb", result: types.DefaultGeography, args: []lv{null(types.Null)}, want: "NULL"},
		{fn: "st_geomfromwkb", result: types.DefaultGeometry, args: []lv{b(point12)}, want: "{0, [01 01 00 00 00 00 00 00 00 00 00 F0 3F 00 00 00 00 00 00 00 40]}"},
	})
}

// st_setsrid: each non-NULL row's SRID must suit the value's kind (GEOGRAPHY: 4326;
// GEOMETRY: 0, 3857, 4326), else ST_INVALID_SRID_VALUE; NULL in either argument gives NULL.
func TestSpatialSetSRID(t *testing.T) {
	bin, i32 := types.Binary, types.Integer
	cases := []struct {
		kind   types.DataType // the input's type
		result types.DataType
		wkbs   []any
		srids  []any
		want   []int32 // SRIDs of the valid rows
		null   []bool
		err    string
	}{
		{types.DefaultGeometry, types.GeometryAny, []any{point12, point12, nil, point12}, []any{int32(3857), int32(0), int32(9999), nil},
			[]int32{3857, 0, 0, 0}, []bool{false, false, true, true}, ""},
		{types.DefaultGeometry, types.GeometryAny, []any{point12, point12}, []any{int32(4326), int32(4326)},
			[]int32{4326, 4326}, []bool{false, false}, ""},
		{types.DefaultGeometry, types.GeometryAny, []any{point12, point12}, []any{int32(3857), int32(9999)}, nil, nil, "9999"},
		{types.DefaultGeometry, types.GeometryAny, []any{point12}, []any{int32(-1)}, nil, nil, "-1"},
		{types.DefaultGeography, types.GeographyAny, []any{point12, nil}, []any{int32(4326), int32(3857)},
			[]int32{4326, 0}, []bool{false, true}, ""},
		{types.DefaultGeography, types.GeographyAny, []any{point12}, []any{int32(3857)}, nil, nil, "3857"},
		{types.DefaultGeography, types.GeographyAny, []any{point12}, []any{int32(0)}, nil, nil, "0"},
	}
	for _, c := range cases {
		reader := "st_geomfromwkb"
		if _, ok := c.kind.(types.GeographyType); ok {
			reader = "st_geogfromwkb"
		}
		b := batchOf(arr(t, bin, c.wkbs...), arr(t, i32, c.srids...))
		geo := stCall(t, reader, c.kind, []types.DataType{bin}, col(0, bin))
		e := stCall(t, "st_setsrid", c.result, []types.DataType{c.kind, i32}, geo, col(1, i32))
		if c.err != "" {
			wantErr(t, e, b, "ST_INVALID_SRID_VALUE", map[string]string{"srid": c.err})
			b.Release()
			continue
		}
		out := evalArr(t, e, b)
		wk := make([][]byte, len(c.want))
		for i := range wk {
			if !c.null[i] {
				wk[i] = point12
			}
		}
		checkSpatial(t, "st_setsrid", out, c.want, wk)
		out.Release()
		b.Release()
	}
	// A fixed SRID in the result type (a literal SRID) declares it in the Arrow metadata.
	b := batchOf(arr(t, bin, point12))
	e := stCall(t, "st_setsrid", types.GeometryType{SRID: 3857}, []types.DataType{types.DefaultGeometry, i32},
		stCall(t, "st_geomfromwkb", types.DefaultGeometry, []types.DataType{bin}, col(0, bin)), litOf(t, i32, int32(3857)))
	out := evalArr(t, e, b)
	checkSpatial(t, "st_setsrid literal", out, []int32{3857}, [][]byte{point12})
	out.Release()
	b.Release()
}

// The spatial casts keep every value's SRID and WKB, under the target type's Arrow form.
func TestSpatialCastKernel(t *testing.T) {
	bin := types.Binary
	b := batchOf(arr(t, bin, point12, nil))
	geog := stCall(t, "st_geogfromwkb", types.DefaultGeography, []types.DataType{bin}, col(0, bin))
	for _, to := range []types.DataType{types.GeographyAny, types.GeometryType{SRID: 4326}} {
		c, err := NewCast(geog, types.DefaultGeography, to, CastOptions{ANSI: true})
		if err != nil {
			t.Fatalf("cast to %s: %v", to.SQL(), err)
		}
		if mayFail(c) {
			t.Errorf("cast to %s may fail", to.SQL())
		}
		out := evalArr(t, c, b)
		checkSpatial(t, "cast to "+to.SQL(), out, []int32{4326, 0}, [][]byte{point12, nil})
		out.Release()
	}
	// Element-wise inside an array.
	arrGeom := types.ArrayType{ElementType: types.DefaultGeometry, ContainsNull: true}
	arrAny := types.ArrayType{ElementType: types.GeometryAny, ContainsNull: true}
	f, _ := Lookup("array")
	mk, err := f([]Expr{stCall(t, "st_geomfromwkb", types.DefaultGeometry, []types.DataType{bin}, col(0, bin))},
		[]types.DataType{types.DefaultGeometry}, arrGeom, FuncOptions{ANSI: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCast(mk, arrGeom, arrAny, CastOptions{ANSI: true})
	if err != nil {
		t.Fatal(err)
	}
	out := evalArr(t, c, b)
	elems := out.(*array.List).ListValues()
	checkSpatial(t, "array cast", elems, []int32{0, 0}, [][]byte{point12, nil})
	out.Release()
	b.Release()
}

// The ST calls and spatial casts survive encoding for the workers, types included.
func TestSpatialEncode(t *testing.T) {
	for _, dt := range []types.DataType{types.DefaultGeography, types.GeographyAny, types.GeometryType{SRID: 3857}, types.GeometryAny,
		types.NewArray(types.GeometryAny, true)} {
		back, err := DecodeSparkType(EncodeSparkType(dt))
		if err != nil || !types.Equal(back, dt) {
			t.Errorf("%s came back as %v (%v)", dt.SQL(), back, err)
		}
	}
	bin, i32 := types.Binary, types.Integer
	b := batchOf(arr(t, bin, point12, nil, point12), arr(t, i32, int32(3857), int32(0), nil))
	geom := stCall(t, "st_geomfromwkb", types.DefaultGeometry, []types.DataType{bin}, col(0, bin))
	set := stCall(t, "st_setsrid", types.GeometryAny, []types.DataType{types.DefaultGeometry, i32}, geom, col(1, i32))
	cast, err := NewCast(stCall(t, "st_geogfromwkb", types.DefaultGeography, []types.DataType{bin}, col(0, bin)),
		types.DefaultGeography, types.GeometryType{SRID: 4326}, CastOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Expr{
		set,
		stCall(t, "st_srid", i32, []types.DataType{types.GeometryAny}, set),
		stCall(t, "st_asbinary", bin, []types.DataType{types.GeometryAny}, set),
		cast,
	} {
		d := exprRoundTrip(t, e)
		if got, want := evalString(d, b), evalString(e, b); got != want {
			t.Errorf("%s after decoding: %s, want %s", e, got, want)
		}
		if !arrow.TypeEqual(d.DataType(), e.DataType(), arrow.CheckMetadata()) {
			t.Errorf("%s after decoding: type %s, want %s", e, d.DataType(), e.DataType())
		}
	}
	b.Release()
}

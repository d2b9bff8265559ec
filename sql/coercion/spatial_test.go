package coercion

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// Casts involving GEOGRAPHY and GEOMETRY (Cast.canCast / canAnsiCast of Spark 4.1 and
// st-functions.sql): nothing converts to or from another type, not even STRING; a fixed
// SRID casts to ANY of its kind, never back; GEOGRAPHY casts to GEOMETRY of the same SRID.
func TestSpatialCasts(t *testing.T) {
	geog, geogAny := types.GeographyType{SRID: 4326}, types.GeographyAny
	geom0, geom4326, geom3857, geomAny := types.GeometryType{SRID: 0}, types.GeometryType{SRID: 4326}, types.GeometryType{SRID: 3857}, types.GeometryAny
	cases := []struct {
		from, to types.DataType
		ok       bool
	}{
		{geog, geog, true}, {geogAny, geogAny, true}, {geom0, geom0, true},
		{geog, geogAny, true}, {geogAny, geog, false},
		{geom0, geomAny, true}, {geom3857, geomAny, true}, {geomAny, geom4326, false}, {geom0, geom3857, false},
		{geog, geom4326, true}, {geog, geomAny, false}, {geog, geom0, false}, {geogAny, geomAny, true}, // same SRID, -1
		{geogAny, geom4326, false},
		{geom4326, geog, false}, {geomAny, geogAny, false},
		{types.Null, geog, true}, {types.Null, geomAny, true},
		{geog, types.String, false}, {geom0, types.String, false}, {geog, types.Binary, false},
		{types.Binary, geom4326, false}, {types.String, geogAny, false}, {types.Integer, geom0, false},
		{geog, types.Variant, false}, {types.Variant, geog, false},
		// Element-wise inside arrays, maps and structs.
		{arr(geog, true), arr(geogAny, true), true}, {arr(geogAny, true), arr(geog, true), false},
		{mp(types.String, geom0, true), mp(types.String, geomAny, true), true},
		{st(fld("g", geog, true)), st(fld("g", geom4326, true)), true},
		{arr(geog, true), types.String, true}, // an array still casts to STRING as a whole
	}
	for _, c := range cases {
		for _, m := range []Mode{{ANSI: true}, {}} {
			if got := m.CanCast(c.from, c.to); got != c.ok {
				t.Errorf("ansi=%v CAST(%s AS %s): got %v, want %v", m.ANSI, c.from.SQL(), c.to.SQL(), got, c.ok)
			}
			err := m.CastError(c.from, c.to)
			if c.ok != (err == nil) {
				t.Errorf("ansi=%v CastError(%s, %s) = %v", m.ANSI, c.from.SQL(), c.to.SQL(), err)
			}
			if err != nil && err.Kind != "CAST_WITHOUT_SUGGESTION" {
				t.Errorf("ansi=%v CastError(%s, %s) kind %s", m.ANSI, c.from.SQL(), c.to.SQL(), err.Kind)
			}
		}
		if got := CanTryCast(c.from, c.to); got != c.ok {
			t.Errorf("try_cast(%s AS %s): got %v", c.from.SQL(), c.to.SQL(), got)
		}
	}
}

// Widening: two different types of one kind meet at the mixed-SRID type (array(...), map(...),
// CASE, coalesce, nvl, IF in st-functions.sql); GEOGRAPHY and GEOMETRY never meet.
func TestSpatialWidening(t *testing.T) {
	geog, geom0, geom3857 := types.GeographyType{SRID: 4326}, types.GeometryType{SRID: 0}, types.GeometryType{SRID: 3857}
	cases := []struct {
		in   []types.DataType
		want types.DataType // nil: none
	}{
		{[]types.DataType{geog, geog}, geog},
		{[]types.DataType{geog, types.GeographyAny}, types.GeographyAny},
		{[]types.DataType{types.GeographyAny, geog}, types.GeographyAny},
		{[]types.DataType{geom0, geom3857}, types.GeometryAny},
		{[]types.DataType{geom0, types.Null}, geom0},
		{[]types.DataType{geog, geom0}, nil},
		{[]types.DataType{geog, types.Binary}, nil},
		{[]types.DataType{geom0, types.String}, nil},
		{[]types.DataType{arr(geom0, false), arr(types.GeometryAny, true)}, arr(types.GeometryAny, true)},
		{[]types.DataType{st(fld("g1", geog, true), fld("g2", types.GeographyAny, true)), st(fld("g1", types.GeographyAny, true), fld("g2", geog, true))},
			st(fld("g1", types.GeographyAny, true), fld("g2", types.GeographyAny, true))},
	}
	for _, c := range cases {
		for _, m := range []Mode{{ANSI: true}, {}} {
			got, ok := m.WiderCommonType(c.in)
			if c.want == nil {
				if ok {
					t.Errorf("ansi=%v %v: got %v, want none", m.ANSI, c.in, got)
				}
				continue
			}
			if !ok || !types.Equal(got, c.want) {
				t.Errorf("ansi=%v %v: got %v (%v), want %v", m.ANSI, c.in, got, ok, c.want)
			}
		}
	}
}

// The ST functions' inputs: any GEOGRAPHY or GEOMETRY is accepted as is, NULL becomes
// GEOGRAPHY(ANY), and nothing else converts.
func TestSpatialImplicitCast(t *testing.T) {
	cases := []struct {
		in   types.DataType
		want types.DataType // nil: no conversion
	}{
		{types.GeographyType{SRID: 4326}, types.GeographyType{SRID: 4326}},
		{types.GeometryType{SRID: 3857}, types.GeometryType{SRID: 3857}},
		{types.GeometryAny, types.GeometryAny},
		{types.Null, types.GeographyAny},
		{types.Binary, nil},
		{types.String, nil},
		{types.Integer, nil},
		{st(fld("srid", types.Integer, false), fld("wkb", types.Binary, false)), nil},
	}
	for _, c := range cases {
		for _, m := range []Mode{{ANSI: true}, {}} {
			got, ok := m.ImplicitCast(c.in, AnySpatial)
			if c.want == nil {
				if ok {
					t.Errorf("ansi=%v %v: got %v, want none", m.ANSI, c.in, got)
				}
				continue
			}
			if !ok || !types.Equal(got, c.want) {
				t.Errorf("ansi=%v %v: got %v (%v), want %v", m.ANSI, c.in, got, ok, c.want)
			}
		}
	}
	if AnySpatial.SQL() != `("GEOGRAPHY" or "GEOMETRY")` || AnySpatial.String() != "(geography or geometry)" {
		t.Errorf("AnySpatial prints as %s / %s", AnySpatial.SQL(), AnySpatial.String())
	}
}

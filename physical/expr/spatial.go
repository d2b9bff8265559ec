package expr

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The geospatial (ST) functions over GEOGRAPHY and GEOMETRY values. A spatial value is held
// as Spark sends it over Arrow (types.ToArrow): a struct of "srid" (int32) and "wkb"
// (binary), the struct's validity being the value's. Reading and writing WKB keeps the
// bytes as they are, as Spark 4.1 does (it does not parse them), so st_geogfromwkb,
// st_geomfromwkb and st_asbinary share the binary buffers; st_srid shares the SRID child.

func init() {
	register(stFromWKB("st_geogfromwkb", types.DefaultGeographySRID), "st_geogfromwkb")
	register(stFromWKB("st_geomfromwkb", types.DefaultGeometrySRID), "st_geomfromwkb")
	register(stChild("st_asbinary", spatialWKB), "st_asbinary")
	register(stChild("st_srid", spatialSRID), "st_srid")
	register(stSetSRID, "st_setsrid")
}

// The children of the Arrow form of a spatial value.
const (
	spatialSRID = 0
	spatialWKB  = 1
)

// stInvalidSRID is ST_INVALID_SRID_VALUE, raised for a row whose new SRID is unsupported.
func stInvalidSRID(srid int32) error {
	return sparkerror.New(sparkerror.IllegalArgument, "ST_INVALID_SRID_VALUE", "22023",
		"Invalid or unsupported SRID (spatial reference identifier) value: <srid>.",
		map[string]string{"srid": strconv.Itoa(int(srid))})
}

// newSpatial builds spatial values of Arrow type t from n rows of SRIDs and WKB values.
func newSpatial(t arrow.DataType, n int, srid, wkb arrow.ArrayData, valid words) arrow.Array {
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(t, n, []*memory.Buffer{vb}, []arrow.ArrayData{srid, wkb}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// spatialStruct checks that a is a spatial value array.
func spatialStruct(name string, a arrow.Array) (*array.Struct, error) {
	s, ok := a.(*array.Struct)
	if !ok || s.NumField() != 2 {
		return nil, sparkerror.InternalError("%s expects a spatial value, got Arrow type %s", name, a.DataType())
	}
	return s, nil
}

// stFromWKB is st_geogfromwkb / st_geomfromwkb(wkb): the WKB with the reader's default SRID.
func stFromWKB(name string, srid int32) ScalarFunc {
	return func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		t, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		return newFunc(name, args, result, false, func(a []arrow.Array, n int) (arrow.Array, error) {
			wkb := a[0]
			if wkb.DataType().ID() != arrow.BINARY {
				return nil, sparkerror.InternalError("%s expects a binary array, got %s", name, wkb.DataType())
			}
			srids := make([]int32, n)
			for i := range srids {
				srids[i] = srid
			}
			sa := newFixed(arrow.PrimitiveTypes.Int32, srids, nil)
			defer sa.Release()
			return newSpatial(t, n, sa.Data(), wkb.Data(), validity(wkb)), nil
		})
	}
}

// stChild is st_asbinary / st_srid(geo): one child of the spatial values, null where the
// value is.
func stChild(name string, child int) ScalarFunc {
	return func(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc(name, args, result, false, func(a []arrow.Array, n int) (arrow.Array, error) {
			s, err := spatialStruct(name, a[0])
			if err != nil {
				return nil, err
			}
			c := s.Field(child)
			return withValidity(c, andValidity(s, c)), nil
		})
	}
}

// stSetSRID is st_setsrid(geo, srid): the values with the new SRIDs, each of which must be
// supported for the value's kind (geographic for GEOGRAPHY); a NULL SRID gives NULL.
func stSetSRID(args []Expr, argTypes []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("st_setsrid", args, 2, 2); err != nil {
		return nil, err
	}
	t, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	supported := types.GeometrySRIDSupported
	if _, ok := argTypes[0].(types.GeographyType); ok {
		supported = types.GeographySRIDSupported
	}
	e, err := newFunc("st_setsrid", args, result, true, func(a []arrow.Array, n int) (arrow.Array, error) {
		s, err := spatialStruct("st_setsrid", a[0])
		if err != nil {
			return nil, err
		}
		if a[1].DataType().ID() != arrow.INT32 {
			return nil, sparkerror.InternalError("st_setsrid expects an int32 SRID, got %s", a[1].DataType())
		}
		valid := andValidity(s, a[1])
		srids := fixedValues[int32](a[1])
		// Runs of one SRID are the common case: check each run once.
		last, checked := int32(0), false
		for i, v := range srids {
			if (checked && v == last) || (valid != nil && !valid.get(i)) {
				continue
			}
			if !supported(int(v)) {
				return nil, stInvalidSRID(v)
			}
			last, checked = v, true
		}
		sa := withValidity(a[1], valid)
		defer sa.Release()
		return newSpatial(t, n, sa.Data(), s.Field(spatialWKB).Data(), valid), nil
	})
	return e, err
}

// spatialCast is the conversion of the casts between spatial types the analyzer allows (a
// fixed SRID to ANY, GEOGRAPHY to GEOMETRY of the same SRID): every value keeps its SRID
// and WKB, so the arrays are shared under the target's Arrow type.
func spatialCast(from, to types.DataType, at arrow.DataType) (castFunc, bool) {
	if !types.IsSpatial(from) || !types.IsSpatial(to) {
		return nil, false
	}
	return func(a arrow.Array) (arrow.Array, error) { return retype(a, at), nil }, true
}

package analyzer

import (
	"strconv"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The geospatial (ST) functions of Spark 4.1 (expressions/st/stExpressions.scala):
//
//   - st_geogfromwkb(wkb) and st_geomfromwkb(wkb) read a BINARY in WKB format into a
//     GEOGRAPHY(4326) or GEOMETRY(0) value;
//   - st_asbinary(geo) gives a value's WKB;
//   - st_srid(geo) gives a value's SRID;
//   - st_setsrid(geo, srid) gives the value with another SRID: the result type has that
//     SRID when it is an INT literal (an unsupported one fails the query), and is the
//     mixed-SRID type otherwise (each row's SRID is then checked when it runs).
//
// Their arguments are implicitly cast (ImplicitCastInputTypes): NULL becomes BINARY,
// GEOGRAPHY(ANY) or INT; a NULL argument gives NULL.

// reqSpatial is how Spark prints TypeCollection(GeographyType, GeometryType).
const reqSpatial = `("GEOGRAPHY" or "GEOMETRY")`

func init() {
	binary := coercion.AnyBinary
	fixedSignature([]int{1}, []coercion.Expected{binary}, []string{`"BINARY"`},
		constType(types.DefaultGeography), "st_geogfromwkb")
	fixedSignature([]int{1}, []coercion.Expected{binary}, []string{`"BINARY"`},
		constType(types.DefaultGeometry), "st_geomfromwkb")
	fixedSignature([]int{1}, []coercion.Expected{coercion.AnySpatial}, []string{reqSpatial},
		constType(types.Binary), "st_asbinary")
	fixedSignature([]int{1}, []coercion.Expected{coercion.AnySpatial}, []string{reqSpatial},
		constType(types.Integer), "st_srid")
	register(ScalarFunction, resolveSetSRID, "st_setsrid")
}

// resolveSetSRID is st_setsrid(geo, srid).
func resolveSetSRID(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnySpatial, coercion.Exact(types.Integer)},
		[]string{reqSpatial, reqInt})
	if err != nil {
		return nil, err
	}
	t, err := setSRIDType(plan.TypeOf(x[0]), x[1])
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: name, Args: x, Type: t, Null: anyNull(x), Display: name, ANSI: a.opts.ANSI}, nil
}

// setSRIDType is STExpressionUtils.geospatialTypeWithSrid: the type of geo's kind with the
// SRID of a non-NULL INT literal, checked; the mixed-SRID type for any other expression.
func setSRIDType(geo types.DataType, srid plan.Expr) (types.DataType, error) {
	v, literal := int32(0), false
	if l, ok := srid.(*plan.Literal); ok {
		if _, isInt := l.Type.(types.IntegerType); isInt {
			v, literal = l.Value.(int32)
		}
	}
	if _, ok := geo.(types.GeometryType); ok {
		switch {
		case !literal:
			return types.GeometryAny, nil
		case !types.GeometrySRIDSupported(int(v)):
			return nil, invalidSRID(v)
		}
		return types.GeometryType{SRID: int(v)}, nil
	}
	switch {
	case !literal:
		return types.GeographyAny, nil
	case !types.GeographySRIDSupported(int(v)):
		return nil, invalidSRID(v)
	}
	return types.GeographyType{SRID: int(v)}, nil
}

// invalidSRID is ST_INVALID_SRID_VALUE, which Spark raises (a SparkIllegalArgumentException)
// when it builds the type of st_setsrid with an unsupported SRID literal.
func invalidSRID(srid int32) error {
	return sparkerror.New(sparkerror.IllegalArgument, "ST_INVALID_SRID_VALUE", "22023",
		"Invalid or unsupported SRID (spatial reference identifier) value: <srid>.",
		map[string]string{"srid": strconv.Itoa(int(srid))})
}

package coercion

import "github.com/sailgo/sail/sql/types"

// The geospatial types GEOGRAPHY(srid) and GEOMETRY(srid) and their mixed-SRID forms
// GEOGRAPHY(ANY) and GEOMETRY(ANY).

func isGeography(t types.DataType) bool { _, ok := t.(types.GeographyType); return ok }
func isGeometry(t types.DataType) bool  { _, ok := t.(types.GeometryType); return ok }

// The type classes of Spark's GeographyType and GeometryType objects: any SRID is accepted
// as is, and NULL becomes the mixed-SRID type.
var (
	AnyGeography = class(kindSpatial, "geography", types.GeographyAny, isGeography)
	AnyGeometry  = class(kindSpatial, "geometry", types.GeometryAny, isGeometry)
	// AnySpatial is TypeCollection(GeographyType, GeometryType), the input of the ST
	// functions; NULL becomes GEOGRAPHY(ANY).
	AnySpatial = OneOf(AnyGeography, AnyGeometry)
)

// spatialCast decides the casts involving a spatial type (besides NULL and identity, which
// the matrices allow first): a spatial type casts only to a spatial type, a fixed SRID to
// the mixed type of its kind, and a GEOGRAPHY to the GEOMETRY of the same SRID. The legacy
// and ANSI matrices agree.
func spatialCast(from, to types.DataType) (ok, decided bool) {
	fromSRID, fromSpatial := types.SpatialSRID(from)
	toSRID, toSpatial := types.SpatialSRID(to)
	switch {
	case !fromSpatial && !toSpatial:
		return false, false
	case fromSpatial != toSpatial:
		return false, true
	}
	switch {
	case isGeography(from) && isGeography(to), isGeometry(from) && isGeometry(to):
		return fromSRID != types.MixedSRID && toSRID == types.MixedSRID, true
	case isGeography(from) && isGeometry(to):
		return fromSRID == toSRID, true
	}
	return false, true
}

// spatialTightest is the spatial rule of findTightestCommonType: two different types of
// the same kind meet at the mixed-SRID type.
func spatialTightest(a, b types.DataType) (types.DataType, bool) {
	switch {
	case isGeography(a) && isGeography(b):
		return types.GeographyAny, true
	case isGeometry(a) && isGeometry(b):
		return types.GeometryAny, true
	}
	return nil, false
}

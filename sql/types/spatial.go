package types

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// The geospatial types of Spark 4.1: GEOGRAPHY(srid) and GEOMETRY(srid), spatial objects
// in a geographic (GEOGRAPHY) or Cartesian (GEOMETRY) coordinate system. A type either fixes
// one SRID (spatial reference identifier) for all its values, or is the "mixed" type
// GEOGRAPHY(ANY) / GEOMETRY(ANY) whose values each carry their own SRID.
//
// A value is its SRID and its Well-Known Binary (WKB) description. In Arrow, as Spark's
// ArrowUtils maps it (and as PySpark reads it), a value is a struct of two non-nullable
// children, "srid" (int32) and "wkb" (binary); the wkb child's field metadata tags the
// struct as a geography or geometry and records the type's SRID (-1 for ANY).

// MixedSRID is the SRID of the GEOGRAPHY(ANY) and GEOMETRY(ANY) types.
const MixedSRID = -1

// The default SRIDs of the ST reader functions and the default CRS of the storage formats.
const (
	DefaultGeographySRID = 4326
	DefaultGeometrySRID  = 0
	defaultSpatialCRS    = "OGC:CRS84" // storage formats' default CRS, SRID 4326
	defaultSpatialSRID   = 4326
	mixedCRS             = "SRID:ANY"
	sphericalAlgorithm   = "SPHERICAL"
)

// spatialRef is one supported spatial reference system.
type spatialRef struct {
	srid       int
	crs        string // the CRS string id storage formats use
	geographic bool   // usable by GEOGRAPHY (all are usable by GEOMETRY)
}

// spatialRefs is the set of reference systems Spark 4.1 supports.
var spatialRefs = []spatialRef{
	{0, "SRID:0", false},
	{3857, "EPSG:3857", false},
	{4326, "OGC:CRS84", true},
}

func refBySRID(srid int) (spatialRef, bool) {
	for _, r := range spatialRefs {
		if r.srid == srid {
			return r, true
		}
	}
	return spatialRef{}, false
}

func refByCRS(crs string) (spatialRef, bool) {
	for _, r := range spatialRefs {
		if r.crs == crs {
			return r, true
		}
	}
	return spatialRef{}, false
}

// GeographySRIDSupported reports whether srid is a geographic reference system a
// GEOGRAPHY value may have (GeographyType.isSridSupported).
func GeographySRIDSupported(srid int) bool {
	r, ok := refBySRID(srid)
	return ok && r.geographic
}

// GeometrySRIDSupported reports whether srid is a reference system a GEOMETRY value may
// have (GeometryType.isSridSupported).
func GeometrySRIDSupported(srid int) bool {
	_, ok := refBySRID(srid)
	return ok
}

// InvalidSRID is ST_INVALID_SRID_VALUE, Spark's SparkIllegalArgumentException for an
// unsupported SRID.
func InvalidSRID(srid int) *Error {
	return newError(ExceptionIllegalArgument, "ST_INVALID_SRID_VALUE", map[string]string{"srid": strconv.Itoa(srid)})
}

func invalidCRS(crs string) *Error {
	return newError(ExceptionIllegalArgument, "ST_INVALID_CRS_VALUE", map[string]string{"crs": crs})
}

// GeographyType is GEOGRAPHY(srid), or GEOGRAPHY(ANY) when SRID is MixedSRID. Build
// checked values with NewGeography.
type GeographyType struct{ SRID int }

// GeometryType is GEOMETRY(srid), or GEOMETRY(ANY) when SRID is MixedSRID. Build checked
// values with NewGeometry.
type GeometryType struct{ SRID int }

// The mixed-SRID types and the types the ST reader functions return.
var (
	GeographyAny     = GeographyType{SRID: MixedSRID}
	GeometryAny      = GeometryType{SRID: MixedSRID}
	DefaultGeography = GeographyType{SRID: DefaultGeographySRID}
	DefaultGeometry  = GeometryType{SRID: DefaultGeometrySRID}
)

// NewGeography is GeographyType(srid): the SRID must be geographic and supported (the
// mixed type is GeographyAny).
func NewGeography(srid int) (GeographyType, error) {
	if !GeographySRIDSupported(srid) {
		return GeographyType{}, InvalidSRID(srid)
	}
	return GeographyType{SRID: srid}, nil
}

// NewGeometry is GeometryType(srid): the SRID must be supported (the mixed type is
// GeometryAny).
func NewGeometry(srid int) (GeometryType, error) {
	if !GeometrySRIDSupported(srid) {
		return GeometryType{}, InvalidSRID(srid)
	}
	return GeometryType{SRID: srid}, nil
}

// geographyOf and geometryOf are the checked constructors; MixedSRID gives the ANY type.
func geographyOf(srid int) (GeographyType, *Error) {
	if srid != MixedSRID && !GeographySRIDSupported(srid) {
		return GeographyType{}, InvalidSRID(srid)
	}
	return GeographyType{SRID: srid}, nil
}

func geometryOf(srid int) (GeometryType, *Error) {
	if srid != MixedSRID && !GeometrySRIDSupported(srid) {
		return GeometryType{}, InvalidSRID(srid)
	}
	return GeometryType{SRID: srid}, nil
}

// IsSpatial reports whether t is a GEOGRAPHY or GEOMETRY type.
func IsSpatial(t DataType) bool {
	switch t.(type) {
	case GeographyType, GeometryType:
		return true
	}
	return false
}

// SpatialSRID is the SRID of a spatial type (MixedSRID for ANY); ok is false for other types.
func SpatialSRID(t DataType) (srid int, ok bool) {
	switch x := t.(type) {
	case GeographyType:
		return x.SRID, true
	case GeometryType:
		return x.SRID, true
	}
	return 0, false
}

// Mixed reports whether the type is GEOGRAPHY(ANY).
func (t GeographyType) Mixed() bool { return t.SRID == MixedSRID }

// Mixed reports whether the type is GEOMETRY(ANY).
func (t GeometryType) Mixed() bool { return t.SRID == MixedSRID }

func spatialName(kind string, srid int) string {
	if srid == MixedSRID {
		return kind + "(any)"
	}
	return kind + "(" + strconv.Itoa(srid) + ")"
}

func spatialString(kind string, srid int) string {
	if srid == MixedSRID {
		return kind + "(ANY)"
	}
	return kind + "(" + strconv.Itoa(srid) + ")"
}

func (t GeographyType) TypeName() string        { return spatialName("geography", t.SRID) }
func (t GeographyType) SimpleString() string    { return t.TypeName() }
func (t GeographyType) CatalogString() string   { return t.TypeName() }
func (t GeographyType) SQL() string             { return upper(t.TypeName()) }
func (GeographyType) DefaultSize() int          { return 2048 }
func (t GeographyType) String() string          { return spatialString("GeographyType", t.SRID) }
func (t GeographyType) simpleString(int) string { return t.TypeName() }
func (GeographyType) sealed()                   {}

func (t GeometryType) TypeName() string        { return spatialName("geometry", t.SRID) }
func (t GeometryType) SimpleString() string    { return t.TypeName() }
func (t GeometryType) CatalogString() string   { return t.TypeName() }
func (t GeometryType) SQL() string             { return upper(t.TypeName()) }
func (GeometryType) DefaultSize() int          { return 2048 }
func (t GeometryType) String() string          { return spatialString("GeometryType", t.SRID) }
func (t GeometryType) simpleString(int) string { return t.TypeName() }
func (GeometryType) sealed()                   {}

// crsOf is the CRS string of a type's SRID ("SRID:ANY" for the mixed types).
func crsOf(srid int) string {
	if srid == MixedSRID {
		return mixedCRS
	}
	if r, ok := refBySRID(srid); ok {
		return r.crs
	}
	return "SRID:" + strconv.Itoa(srid)
}

// spatialJSONName is the type's jsonValue: the CRS (and, for GEOGRAPHY, the edge
// interpolation algorithm) as storage formats record them.
func spatialJSONName(dt DataType) (string, bool) {
	switch t := dt.(type) {
	case GeographyType:
		return "geography(" + crsOf(t.SRID) + ", " + sphericalAlgorithm + ")", true
	case GeometryType:
		return "geometry(" + crsOf(t.SRID) + ")", true
	}
	return "", false
}

var (
	jsonGeometryCRS     = regexp.MustCompile(`^geometry\(\s*(\w+:-?\w+)\s*\)$`)
	jsonGeographyCRS    = regexp.MustCompile(`^geography\(\s*(\w+:-?\w+)\s*\)$`)
	jsonGeographyAlg    = regexp.MustCompile(`^geography\(\s*(\w+)\s*\)$`)
	jsonGeographyCRSAlg = regexp.MustCompile(`^geography\(\s*(\w+:-?\w+)\s*,\s*(\w+)\s*\)$`)
)

// sridOfCRS is GeographyType/GeometryType.toSrid.
func sridOfCRS(crs string, geographic bool) (int, *Error) {
	if strings.EqualFold(crs, mixedCRS) {
		return MixedSRID, nil
	}
	r, ok := refByCRS(crs)
	if !ok || (geographic && !r.geographic) {
		return 0, invalidCRS(crs)
	}
	return r.srid, nil
}

// spatialFromJSONName is the spatial part of DataType.nameToType: "geometry" and
// "geography" alone mean the storage default CRS (OGC:CRS84); otherwise the CRS and, for
// GEOGRAPHY, the algorithm (only SPHERICAL) are given. ok is false for other names.
func spatialFromJSONName(name string) (t DataType, ok bool, err *Error) {
	geography := func(crs, alg string) (DataType, bool, *Error) {
		if !strings.EqualFold(alg, sphericalAlgorithm) {
			return nil, true, newError(ExceptionIllegalArgument, "ST_INVALID_ALGORITHM_VALUE", map[string]string{"alg": alg})
		}
		srid, err := sridOfCRS(crs, true)
		if err != nil {
			return nil, true, err
		}
		return GeographyType{SRID: srid}, true, nil
	}
	switch {
	case name == "geometry":
		return GeometryType{SRID: defaultSpatialSRID}, true, nil
	case name == "geography":
		return GeographyType{SRID: defaultSpatialSRID}, true, nil
	}
	if m := jsonGeometryCRS.FindStringSubmatch(name); m != nil {
		srid, err := sridOfCRS(m[1], false)
		if err != nil {
			return nil, true, err
		}
		return GeometryType{SRID: srid}, true, nil
	}
	if m := jsonGeographyCRS.FindStringSubmatch(name); m != nil {
		return geography(m[1], sphericalAlgorithm)
	}
	if m := jsonGeographyAlg.FindStringSubmatch(name); m != nil {
		return geography(defaultSpatialCRS, m[1])
	}
	if m := jsonGeographyCRSAlg.FindStringSubmatch(name); m != nil {
		return geography(m[1], m[2])
	}
	return nil, false, nil
}

// spatialTypeFromParam builds GEOGRAPHY(...)/GEOMETRY(...) from the type parsers' keyword
// (upper case) and parameter: an SRID or "ANY". ok is false for other keywords.
func spatialTypeFromParam(kw, param string) (t DataType, ok bool, err *Error) {
	if kw != "GEOGRAPHY" && kw != "GEOMETRY" {
		return nil, false, nil
	}
	srid := MixedSRID
	if !strings.EqualFold(param, "ANY") {
		n, perr := javaParseInt(param)
		if perr != nil {
			return nil, true, perr
		}
		srid = n
	}
	return spatialOf(kw == "GEOGRAPHY", srid)
}

// spatialOf is the checked GEOGRAPHY (geographic) or GEOMETRY type of srid.
func spatialOf(geographic bool, srid int) (DataType, bool, *Error) {
	if geographic {
		g, err := geographyOf(srid)
		if err != nil {
			return nil, true, err
		}
		return g, true, nil
	}
	g, err := geometryOf(srid)
	if err != nil {
		return nil, true, err
	}
	return g, true, nil
}

// SpatialFromParam is the DataType of GEOGRAPHY(param) or GEOMETRY(param) for the SQL
// parser's lowering: kw is "GEOGRAPHY" or "GEOMETRY", param an SRID or "ANY".
func SpatialFromParam(kw, param string) (DataType, error) {
	t, ok, err := spatialTypeFromParam(strings.ToUpper(kw), param)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, internalError("not a spatial type: " + kw)
	}
	return t, nil
}

// Arrow form: struct<srid: int32 not null, wkb: binary not null> with the wkb field tagged.

// spatialArrowField is ArrowUtils.toArrowField for GEOGRAPHY and GEOMETRY.
func (o ArrowOptions) spatialArrowField(name string, dt DataType, nullable bool) (arrow.Field, bool) {
	var tag string
	var srid int
	switch t := dt.(type) {
	case GeographyType:
		tag, srid = "geography", t.SRID
	case GeometryType:
		tag, srid = "geometry", t.SRID
	default:
		return arrow.Field{}, false
	}
	wkbType := arrow.DataType(arrow.BinaryTypes.Binary)
	if o.LargeVarTypes {
		wkbType = arrow.BinaryTypes.LargeBinary
	}
	sridField := arrow.Field{Name: "srid", Type: arrow.PrimitiveTypes.Int32}
	wkbField := arrow.Field{Name: "wkb", Type: wkbType,
		Metadata: arrow.NewMetadata([]string{tag, "srid"}, []string{"true", strconv.Itoa(srid)})}
	return arrow.Field{Name: name, Type: arrow.StructOf(sridField, wkbField), Nullable: nullable}, true
}

// spatialFromArrow is ArrowUtils' isGeometryField/isGeographyField and the type they give:
// a struct with children "srid" and "wkb", the latter tagged geometry=true or
// geography=true, with the SRID in its "srid" metadata.
func spatialFromArrow(t *arrow.StructType) (DataType, bool, *Error) {
	var hasSRID bool
	var wkb *arrow.Field
	for i, f := range t.Fields() {
		switch f.Name {
		case "srid":
			hasSRID = true
		case "wkb":
			wkb = &t.Fields()[i]
		}
	}
	if !hasSRID || wkb == nil {
		return nil, false, nil
	}
	meta := func(key string) string {
		if i := wkb.Metadata.FindKey(key); i >= 0 {
			return wkb.Metadata.Values()[i]
		}
		return ""
	}
	geometry, geography := meta("geometry") == "true", meta("geography") == "true"
	if !geometry && !geography {
		return nil, false, nil
	}
	srid, err := javaParseInt(meta("srid"))
	if err != nil {
		return nil, true, err
	}
	return spatialOf(!geometry, srid)
}

func init() {
	errorTemplates["ST_INVALID_SRID_VALUE"] = struct{ message, sqlState string }{
		"Invalid or unsupported SRID (spatial reference identifier) value: <srid>.", "22023"}
	errorTemplates["ST_INVALID_CRS_VALUE"] = struct{ message, sqlState string }{
		"Invalid or unsupported CRS (coordinate reference system) value: '<crs>'.", "22023"}
	errorTemplates["ST_INVALID_ALGORITHM_VALUE"] = struct{ message, sqlState string }{
		"Invalid or unsupported edge interpolation algorithm value: '<alg>'.", "22023"}
	errorTemplates["GEO_ENCODER_SRID_MISMATCH_ERROR"] = struct{ message, sqlState string }{
		"Failed to encode <type> value because provided SRID <valueSrid> of a value to encode does not match type SRID: <typeSrid>.", "42K09"}
}

// isSpatialKeyword reports whether the type-string token is GEOGRAPHY or GEOMETRY.
func isSpatialKeyword(t token) bool {
	return t.kind == tkWord && (t.upper == "GEOGRAPHY" || t.upper == "GEOMETRY")
}

// CheckSpatialValues checks the spatial values of column a, of Spark type dt (at any depth),
// as Spark does when it reads spatial values from Arrow (GeometryType.assertSridAllowedForType):
// under a fixed-SRID type every value must have that SRID (GEO_ENCODER_SRID_MISMATCH_ERROR),
// under a mixed-SRID type a supported one (ST_INVALID_SRID_VALUE). Columns without spatial
// types are not looked at.
func CheckSpatialValues(a arrow.Array, dt DataType) error {
	if !ExistsRecursively(dt, IsSpatial) {
		return nil
	}
	if err := checkSpatialValues(a, dt); err != nil {
		return err
	}
	return nil
}

func checkSpatialValues(a arrow.Array, dt DataType) *Error {
	if a.DataType().ID() == arrow.NULL {
		return nil
	}
	switch t := dt.(type) {
	case GeographyType:
		return checkSRIDs(a, "GEOGRAPHY", t.SRID, GeographySRIDSupported)
	case GeometryType:
		return checkSRIDs(a, "GEOMETRY", t.SRID, GeometrySRIDSupported)
	case ArrayType:
		if l, ok := a.(array.ListLike); ok {
			elems := visibleElements(l, l.ListValues())
			defer elems.Release()
			return checkSpatialValues(elems, t.ElementType)
		}
	case MapType:
		if m, ok := a.(*array.Map); ok {
			keys, items := visibleElements(m, m.Keys()), visibleElements(m, m.Items())
			defer keys.Release()
			defer items.Release()
			if err := checkSpatialValues(keys, t.KeyType); err != nil {
				return err
			}
			return checkSpatialValues(items, t.ValueType)
		}
	case *StructType:
		if s, ok := a.(*array.Struct); ok && s.NumField() == len(t.Fields) {
			for i, f := range t.Fields {
				if err := checkSpatialValues(s.Field(i), f.DataType); err != nil {
					return err
				}
			}
			return nil
		}
	}
	// Another layout is not spatial data to check (whatever reads it reports the mismatch).
	return nil
}

// checkSRIDs checks the SRIDs of the non-NULL values of a spatial array.
func checkSRIDs(a arrow.Array, kind string, typeSRID int, supported func(int) bool) *Error {
	s, ok := a.(*array.Struct)
	if !ok || s.NumField() != 2 {
		return nil
	}
	srids, ok := s.Field(0).(*array.Int32)
	if !ok {
		return nil
	}
	for i := range s.Len() {
		if s.IsNull(i) {
			continue
		}
		v := int(srids.Value(i))
		switch {
		case typeSRID != MixedSRID && v != typeSRID:
			return newError(ExceptionRuntime, "GEO_ENCODER_SRID_MISMATCH_ERROR", map[string]string{
				"type": kind, "valueSrid": strconv.Itoa(v), "typeSrid": strconv.Itoa(typeSRID)})
		case typeSRID == MixedSRID && !supported(v):
			return InvalidSRID(v)
		}
	}
	return nil
}

// visibleElements is the part of a list's (or map's) child array its rows cover.
func visibleElements(l array.ListLike, child arrow.Array) arrow.Array {
	if l.Len() == 0 {
		return array.NewSlice(child, 0, 0)
	}
	start, _ := l.ValueOffsets(0)
	_, end := l.ValueOffsets(l.Len() - 1)
	return array.NewSlice(child, start, end)
}

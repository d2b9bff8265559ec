package types

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The spatial types' names and forms, as Spark 4.1's GeographyType and GeometryType give
// them (typeName, sql, toString, jsonValue).
func TestSpatialTypeForms(t *testing.T) {
	for _, c := range []struct {
		ddl                    string
		want                   DataType
		simple, sql, str, json string
	}{
		{"GEOGRAPHY(4326)", GeographyType{SRID: 4326}, "geography(4326)", "GEOGRAPHY(4326)", "GeographyType(4326)", "geography(OGC:CRS84, SPHERICAL)"},
		{"geography(any)", GeographyAny, "geography(any)", "GEOGRAPHY(ANY)", "GeographyType(ANY)", "geography(SRID:ANY, SPHERICAL)"},
		{"GEOMETRY(0)", GeometryType{SRID: 0}, "geometry(0)", "GEOMETRY(0)", "GeometryType(0)", "geometry(SRID:0)"},
		{"geometry(3857)", GeometryType{SRID: 3857}, "geometry(3857)", "GEOMETRY(3857)", "GeometryType(3857)", "geometry(EPSG:3857)"},
		{"Geometry(4326)", GeometryType{SRID: 4326}, "geometry(4326)", "GEOMETRY(4326)", "GeometryType(4326)", "geometry(OGC:CRS84)"},
		{"GEOMETRY(Any)", GeometryAny, "geometry(any)", "GEOMETRY(ANY)", "GeometryType(ANY)", "geometry(SRID:ANY)"},
	} {
		got, err := ParseDataType(c.ddl)
		if err != nil {
			t.Fatalf("%s: %v", c.ddl, err)
		}
		if got != c.want {
			t.Fatalf("%s: got %v, want %v", c.ddl, got, c.want)
		}
		if got.SimpleString() != c.simple || got.CatalogString() != c.simple || got.SQL() != c.sql || got.String() != c.str {
			t.Errorf("%s: %q %q %q %q", c.ddl, got.SimpleString(), got.CatalogString(), got.SQL(), got.String())
		}
		if got.DefaultSize() != 2048 {
			t.Errorf("%s: default size %d", c.ddl, got.DefaultSize())
		}
		if j := ToJSON(got); j != `"`+c.json+`"` {
			t.Errorf("%s: JSON %s, want %q", c.ddl, j, c.json)
		}
		back, jerr := ParseJSON(ToJSON(got))
		if jerr != nil || back != got {
			t.Errorf("%s: JSON round trip gave %v, %v", c.ddl, back, jerr)
		}
		// The SQL form parses back to the same type.
		again, err := ParseDataType(got.SQL())
		if err != nil || again != got {
			t.Errorf("%s: SQL form %s parses to %v, %v", c.ddl, got.SQL(), again, err)
		}
	}
}

// nameToType's spatial names: the bare names mean the storage default CRS (OGC:CRS84),
// GEOGRAPHY also takes an algorithm.
func TestSpatialJSONNames(t *testing.T) {
	for _, c := range []struct {
		name  string
		want  DataType
		class string
	}{
		{"geometry", GeometryType{SRID: 4326}, ""},
		{"geography", GeographyType{SRID: 4326}, ""},
		{"geometry(EPSG:3857)", GeometryType{SRID: 3857}, ""},
		{"geometry( SRID:0 )", GeometryType{SRID: 0}, ""},
		{"geometry(srid:any)", GeometryAny, ""},
		{"geography(OGC:CRS84)", GeographyType{SRID: 4326}, ""},
		{"geography(spherical)", GeographyType{SRID: 4326}, ""},
		{"geography(OGC:CRS84, spherical)", GeographyType{SRID: 4326}, ""},
		{"geography(SRID:ANY, SPHERICAL)", GeographyAny, ""},
		{"geography(OGC:CRS84, KARNEY)", nil, "ST_INVALID_ALGORITHM_VALUE"},
		{"geography(EPSG:3857)", nil, "ST_INVALID_CRS_VALUE"},
		{"geometry(EPSG:4269)", nil, "ST_INVALID_CRS_VALUE"},
		{"geometry(4326)", nil, "INVALID_JSON_DATA_TYPE"},
	} {
		got, err := typeFromName(c.name)
		if c.class != "" {
			if err == nil || err.Class != c.class || err.Exception == "" {
				t.Errorf("%s: got %v, %v; want %s", c.name, got, err, c.class)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: got %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

// Type strings: an unsupported SRID is ST_INVALID_SRID_VALUE (a SparkIllegalArgumentException),
// a bare GEOGRAPHY/GEOMETRY is an unsupported type, and GEOGRAPHY only takes geographic SRIDs.
func TestSpatialTypeStringErrors(t *testing.T) {
	for _, c := range []struct {
		ddl, class, message, exception string
	}{
		{"GEOGRAPHY(3857)", "ST_INVALID_SRID_VALUE",
			"[ST_INVALID_SRID_VALUE] Invalid or unsupported SRID (spatial reference identifier) value: 3857. SQLSTATE: 22023",
			ExceptionIllegalArgument},
		{"GEOGRAPHY(0)", "ST_INVALID_SRID_VALUE", "", ExceptionIllegalArgument},
		{"GEOMETRY(9999)", "ST_INVALID_SRID_VALUE", "", ExceptionIllegalArgument},
		{"GEOMETRY(-1)", "", "", ""}, // "-1" is not an INTEGER_VALUE token
		{"GEOMETRY", "UNSUPPORTED_DATATYPE", "", ExceptionParse},
		{"GEOGRAPHY", "UNSUPPORTED_DATATYPE", "", ExceptionParse},
	} {
		_, err := ParseDataType(c.ddl)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: got %v, want an error", c.ddl, err)
			continue
		}
		if c.class == "" {
			continue
		}
		if e.Class != c.class || e.Exception != c.exception {
			t.Errorf("%s: got %s (%s), want %s (%s)", c.ddl, e.Class, e.Exception, c.class, c.exception)
		}
		if c.message != "" && !strings.HasPrefix(e.Error(), c.message) {
			t.Errorf("%s: message %q", c.ddl, e.Error())
		}
	}
}

func TestSpatialConstructors(t *testing.T) {
	for _, c := range []struct {
		srid                int
		geography, geometry bool
	}{
		{0, false, true}, {3857, false, true}, {4326, true, true}, {4269, false, false}, {-1, false, false}, {9999, false, false},
	} {
		if GeographySRIDSupported(c.srid) != c.geography || GeometrySRIDSupported(c.srid) != c.geometry {
			t.Errorf("SRID %d: geography %v geometry %v", c.srid, GeographySRIDSupported(c.srid), GeometrySRIDSupported(c.srid))
		}
		g, err := NewGeography(c.srid)
		if c.geography != (err == nil) || (err == nil && g.SRID != c.srid) {
			t.Errorf("NewGeography(%d) = %v, %v", c.srid, g, err)
		}
		m, err := NewGeometry(c.srid)
		if c.geometry != (err == nil) || (err == nil && m.SRID != c.srid) {
			t.Errorf("NewGeometry(%d) = %v, %v", c.srid, m, err)
		}
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Class != "ST_INVALID_SRID_VALUE" || e.Params["srid"] == "" || e.SQLState != "22023" {
				t.Errorf("NewGeometry(%d) error %v", c.srid, err)
			}
		}
	}
	if !GeographyAny.Mixed() || !GeometryAny.Mixed() || DefaultGeography.Mixed() || DefaultGeometry.SRID != 0 || DefaultGeography.SRID != 4326 {
		t.Error("mixed/default types")
	}
	if !IsSpatial(GeometryAny) || IsSpatial(Binary) {
		t.Error("IsSpatial")
	}
	if s, ok := SpatialSRID(GeographyAny); !ok || s != MixedSRID {
		t.Error("SpatialSRID")
	}
}

// The Arrow form is ArrowUtils': struct<srid: int32 not null, wkb: binary not null>, the
// wkb field tagged with the kind and the type's SRID; it maps back to the same type.
func TestSpatialArrow(t *testing.T) {
	for _, c := range []struct {
		dt        DataType
		tag, srid string
	}{
		{GeographyType{SRID: 4326}, "geography", "4326"},
		{GeographyAny, "geography", "-1"},
		{GeometryType{SRID: 0}, "geometry", "0"},
		{GeometryType{SRID: 3857}, "geometry", "3857"},
		{GeometryAny, "geometry", "-1"},
	} {
		f, err := ToArrowField("g", c.dt, true)
		if err != nil {
			t.Fatalf("%v: %v", c.dt, err)
		}
		st, ok := f.Type.(*arrow.StructType)
		if !ok || st.NumFields() != 2 || !f.Nullable {
			t.Fatalf("%v: Arrow field %v", c.dt, f)
		}
		s, w := st.Field(0), st.Field(1)
		if s.Name != "srid" || s.Type.ID() != arrow.INT32 || s.Nullable || s.HasMetadata() {
			t.Errorf("%v: srid field %v", c.dt, s)
		}
		if w.Name != "wkb" || w.Type.ID() != arrow.BINARY || w.Nullable {
			t.Errorf("%v: wkb field %v", c.dt, w)
		}
		if keys, vals := w.Metadata.Keys(), w.Metadata.Values(); len(keys) != 2 || keys[0] != c.tag || vals[0] != "true" ||
			keys[1] != "srid" || vals[1] != c.srid {
			t.Errorf("%v: wkb metadata %v", c.dt, w.Metadata)
		}
		back, err := FromArrow(f.Type)
		if err != nil || back != c.dt {
			t.Errorf("%v: back from Arrow %v, %v", c.dt, back, err)
		}
		large, _ := ArrowOptions{LargeVarTypes: true}.ToArrow(c.dt)
		if large.(*arrow.StructType).Field(1).Type.ID() != arrow.LARGE_BINARY {
			t.Errorf("%v: large var types %v", c.dt, large)
		}
	}
	// Nested, and a schema: the spatial columns keep their form inside arrays and structs.
	schema := NewStruct(NewField("a", NewArray(GeographyAny, true), true), NewField("s", NewStruct(NewField("g", DefaultGeometry, false)), true))
	as, err := ToArrowSchema(schema)
	if err != nil {
		t.Fatal(err)
	}
	back, err := FromArrowSchema(as)
	if err != nil || !Equal(back, schema) {
		t.Errorf("schema round trip: %v, %v", back, err)
	}
	// A struct that merely has srid and wkb children stays a struct; a bad SRID tag fails.
	plain := arrow.StructOf(arrow.Field{Name: "srid", Type: arrow.PrimitiveTypes.Int32}, arrow.Field{Name: "wkb", Type: arrow.BinaryTypes.Binary})
	if dt, err := FromArrow(plain); err != nil || dt.TypeName() != "struct" {
		t.Errorf("plain struct: %v, %v", dt, err)
	}
	bad := arrow.StructOf(arrow.Field{Name: "srid", Type: arrow.PrimitiveTypes.Int32}, arrow.Field{Name: "wkb", Type: arrow.BinaryTypes.Binary,
		Metadata: arrow.NewMetadata([]string{"geography", "srid"}, []string{"true", "3857"})})
	if _, err := FromArrow(bad); err == nil || err.(*Error).Class != "ST_INVALID_SRID_VALUE" {
		t.Errorf("geography 3857 from Arrow: %v", err)
	}
}

// spatialColumn builds spatial values of type dt from SRIDs (a negative SRID after -1,
// i.e. -2, is a NULL value).
func spatialColumn(t *testing.T, dt DataType, srids ...int32) arrow.Array {
	t.Helper()
	at, err := ToArrow(dt)
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewStructBuilder(memory.DefaultAllocator, at.(*arrow.StructType))
	defer b.Release()
	sb, wb := b.FieldBuilder(0).(*array.Int32Builder), b.FieldBuilder(1).(*array.BinaryBuilder)
	for _, s := range srids {
		if s == -2 {
			b.AppendNull() // the children get NULLs too
			continue
		}
		b.Append(true)
		sb.Append(s)
		wb.Append([]byte{1})
	}
	return b.NewArray()
}

// Values read from Arrow must suit their type: the type's SRID under a fixed type
// (GEO_ENCODER_SRID_MISMATCH_ERROR), a supported SRID under ANY (ST_INVALID_SRID_VALUE).
func TestCheckSpatialValues(t *testing.T) {
	for _, c := range []struct {
		dt     DataType
		srids  []int32
		class  string
		params map[string]string
	}{
		{GeometryType{SRID: 3857}, []int32{3857, -2, 3857}, "", nil},
		{GeometryType{SRID: 3857}, []int32{3857, 0}, "GEO_ENCODER_SRID_MISMATCH_ERROR",
			map[string]string{"type": "GEOMETRY", "valueSrid": "0", "typeSrid": "3857"}},
		{DefaultGeography, []int32{4326, 0}, "GEO_ENCODER_SRID_MISMATCH_ERROR",
			map[string]string{"type": "GEOGRAPHY", "valueSrid": "0", "typeSrid": "4326"}},
		{GeometryAny, []int32{0, 3857, 4326, -2}, "", nil},
		{GeometryAny, []int32{0, 1234}, "ST_INVALID_SRID_VALUE", map[string]string{"srid": "1234"}},
		{GeographyAny, []int32{4326, 3857}, "ST_INVALID_SRID_VALUE", map[string]string{"srid": "3857"}},
	} {
		a := spatialColumn(t, c.dt, c.srids...)
		err := CheckSpatialValues(a, c.dt)
		a.Release()
		if c.class == "" {
			if err != nil {
				t.Errorf("%s %v: %v", c.dt.SQL(), c.srids, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Class != c.class {
			t.Errorf("%s %v: got %v, want %s", c.dt.SQL(), c.srids, err, c.class)
			continue
		}
		for k, v := range c.params {
			if e.Params[k] != v {
				t.Errorf("%s %v: %s = %q, want %q", c.dt.SQL(), c.srids, k, e.Params[k], v)
			}
		}
	}
	// Nested values are checked too; other columns are not looked at.
	elems := spatialColumn(t, DefaultGeometry, 0, 0, 3857)
	defer elems.Release()
	lt := NewArray(DefaultGeometry, true)
	at, _ := ToArrow(lt)
	offs := memory.NewBufferBytes(arrow.Int32Traits.CastToBytes([]int32{0, 2, 3}))
	d := array.NewData(at, 2, []*memory.Buffer{nil, offs}, []arrow.ArrayData{elems.Data()}, 0, 0)
	list := array.MakeFromData(d)
	d.Release()
	defer list.Release()
	if err := CheckSpatialValues(list, lt); err == nil || err.(*Error).Class != "GEO_ENCODER_SRID_MISMATCH_ERROR" {
		t.Errorf("array of geometries: %v", err)
	}
	first := array.NewSlice(list, 0, 1) // the row that holds only SRID 0 values
	defer first.Release()
	if err := CheckSpatialValues(first, lt); err != nil {
		t.Errorf("first row of the array column: %v", err)
	}
	if err := CheckSpatialValues(list, NewArray(Binary, true)); err != nil {
		t.Errorf("a non-spatial type: %v", err)
	}
}

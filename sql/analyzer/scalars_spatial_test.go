package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// spatialCatalog has st-functions.sql's table geodata(wkb BINARY) and a table of spatial
// columns.
func spatialCatalog(t *testing.T) *catalog.Session {
	t.Helper()
	cat := catalog.New().NewSession()
	for name, st := range map[string]*types.StructType{
		"geodata": types.NewStruct(types.NewField("wkb", types.Binary, true)),
		"shapes": types.NewStruct(types.NewField("g", types.GeographyType{SRID: 4326}, true),
			types.NewField("m", types.GeometryType{SRID: 3857}, false), types.NewField("s", types.Integer, true)),
	} {
		tn, _ := cat.Resolve([]string{name})
		if _, err := cat.CreateTable(tn, &catalog.Table{Schema: st}, false, false); err != nil {
			t.Fatal(err)
		}
	}
	return cat
}

// Names and types of the ST functions and of the spatial casts and coercions, as
// st-functions.sql.out shows them.
func TestSpatialSchemas(t *testing.T) {
	cat := spatialCatalog(t)
	const wkb = "X'0101000000000000000000F03F0000000000000040'"
	cases := []struct{ sql, want string }{
		{"SELECT hex(ST_AsBinary(ST_GeogFromWKB(X'0101000000000000000000f03f0000000000000040'))) AS result", "struct<result:string>"},
		{"SELECT ST_GeogFromWKB(" + wkb + "), st_geomfromwkb(wkb) FROM geodata",
			"struct<st_geogfromwkb(" + wkb + "):geography(4326),st_geomfromwkb(wkb):geometry(0)>"},
		{"SELECT ST_Srid(NULL)", "struct<st_srid(NULL):int>"},
		{"SELECT ST_Srid(ST_GeogFromWKB(" + wkb + "))", "struct<st_srid(st_geogfromwkb(" + wkb + ")):int>"},
		{"SELECT st_asbinary(NULL), st_asbinary(m)  FROM shapes", "struct<st_asbinary(NULL):binary,st_asbinary(m):binary>"},
		{"SELECT ST_Srid(ST_SetSrid(ST_GeomFromWKB(" + wkb + "), 3857))",
			"struct<st_srid(st_setsrid(st_geomfromwkb(" + wkb + "), 3857)):int>"},
		// st_setsrid's type has the SRID of an INT literal, else ANY.
		{"SELECT st_setsrid(g, 4326), st_setsrid(m, 0), st_setsrid(m, s), st_setsrid(g, NULL), st_setsrid(m, 4326L) FROM shapes",
			"struct<st_setsrid(g, 4326):geography(4326),st_setsrid(m, 0):geometry(0),st_setsrid(m, s):geometry(any)," +
				"st_setsrid(g, NULL):geography(any),st_setsrid(m, 4326):geometry(any)>"},
		{"SELECT COUNT(*) FROM geodata WHERE ST_Srid(ST_GeomFromWKB(wkb)) <> 0", "struct<count(1):bigint>"},
		// Casts.
		{"SELECT CAST(g AS GEOGRAPHY(ANY)), CAST(g AS GEOMETRY(4326)), CAST(m AS GEOMETRY(ANY)), g::GEOGRAPHY(4326) FROM shapes",
			"struct<g:geography(any),g:geometry(4326),m:geometry(any),g:geography(4326)>"},
		{"SELECT CAST(NULL AS GEOMETRY(3857)) AS n", "struct<n:geometry(3857)>"},
		// Coercion to the mixed type.
		{"SELECT typeof(array(ST_GeogFromWKB(wkb), ST_GeogFromWKB(wkb)::GEOGRAPHY(ANY))) FROM geodata",
			"struct<typeof(array(st_geogfromwkb(wkb), CAST(st_geogfromwkb(wkb) AS GEOGRAPHY(ANY)))):string>"},
		{"SELECT array(m, CAST(m AS GEOMETRY(ANY))) AS a, map('a', g, 'b', g::GEOGRAPHY(ANY)) AS b FROM shapes",
			"struct<a:array<geometry(any)>,b:map<string,geography(any)>>"},
		{"SELECT nvl(m, st_geomfromwkb(NULL)) AS a, coalesce(g, g::GEOGRAPHY(ANY)) AS b, IF(s > 0, m, st_setsrid(m, s)) AS c, " +
			"CASE WHEN s IS NULL THEN m::GEOMETRY(ANY) ELSE m END AS d FROM shapes",
			"struct<a:geometry(any),b:geography(any),c:geometry(any),d:geometry(any)>"},
		{"SELECT typeof(IF(wkb IS NOT NULL, ST_GeomFromWKB(wkb)::GEOMETRY(ANY), ST_GeomFromWKB(wkb))) FROM geodata",
			"struct<typeof((IF((wkb IS NOT NULL), CAST(st_geomfromwkb(wkb) AS GEOMETRY(ANY)), st_geomfromwkb(wkb)))):string>"},
		{"SELECT g FROM shapes UNION ALL SELECT st_geogfromwkb(X'01')", "struct<g:geography(4326)>"},
		{"SELECT m FROM shapes UNION ALL SELECT st_geomfromwkb(X'01')", "struct<m:geometry(any)>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

// The ST functions' nullability follows their arguments (StaticInvoke with null
// propagation).
func TestSpatialNullability(t *testing.T) {
	cat := spatialCatalog(t)
	n, err := analyze(t, cat, "SELECT st_srid(m), st_srid(g), st_asbinary(m), st_setsrid(m, 0), st_setsrid(m, s), st_geomfromwkb(X'01') FROM shapes")
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{false, true, false, false, true, false}
	for i, a := range n.Output() {
		if a.Nullable() != want[i] {
			t.Errorf("%s: nullable %v, want %v", a.Name, a.Nullable(), want[i])
		}
	}
}

// Errors of the spatial casts and ST functions, with Spark's classes and parameters.
func TestSpatialErrors(t *testing.T) {
	cat := spatialCatalog(t)
	const wkb = "X'0101000000000000000000f03f0000000000000040'"
	cases := []struct {
		sql, class string
		params     map[string]string
		kind       sparkerror.Kind
	}{
		{"SELECT CAST(ST_GeogFromWKB(" + wkb + ") AS STRING) AS result", "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
			map[string]string{"sqlExpr": `"CAST(st_geogfromwkb(X'0101000000000000000000F03F0000000000000040') AS STRING)"`,
				"srcType": `"GEOGRAPHY(4326)"`, "targetType": `"STRING"`}, sparkerror.Analysis},
		{"SELECT CAST(" + wkb + " AS GEOMETRY(4326)) AS result", "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
			map[string]string{"sqlExpr": `"CAST(X'0101000000000000000000F03F0000000000000040' AS GEOMETRY(4326))"`,
				"srcType": `"BINARY"`, "targetType": `"GEOMETRY(4326)"`}, sparkerror.Analysis},
		{"SELECT CAST(ST_GeogFromWKB(" + wkb + ")::GEOGRAPHY(ANY) AS GEOGRAPHY(4326)) AS result", "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
			map[string]string{"sqlExpr": `"CAST(CAST(st_geogfromwkb(X'0101000000000000000000F03F0000000000000040') AS GEOGRAPHY(ANY)) AS GEOGRAPHY(4326))"`,
				"srcType": `"GEOGRAPHY(ANY)"`, "targetType": `"GEOGRAPHY(4326)"`}, sparkerror.Analysis},
		{"SELECT CAST(ST_GeogFromWKB(" + wkb + ") AS GEOMETRY(ANY)) AS result", "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
			map[string]string{"srcType": `"GEOGRAPHY(4326)"`, "targetType": `"GEOMETRY(ANY)"`}, sparkerror.Analysis},
		{"SELECT CAST(m AS GEOGRAPHY(ANY)) FROM shapes", "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
			map[string]string{"srcType": `"GEOMETRY(3857)"`, "targetType": `"GEOGRAPHY(ANY)"`}, sparkerror.Analysis},
		{"SELECT ST_Srid(ST_SetSrid(ST_GeogFromWKB(" + wkb + "), 3857))", "ST_INVALID_SRID_VALUE",
			map[string]string{"srid": "3857"}, sparkerror.IllegalArgument},
		{"SELECT COUNT(*) FROM geodata WHERE ST_Srid(ST_SetSrid(ST_GeomFromWKB(wkb), 9999)) IS NOT NULL", "ST_INVALID_SRID_VALUE",
			map[string]string{"srid": "9999"}, sparkerror.IllegalArgument},
		{"SELECT st_asbinary(wkb) FROM geodata", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"st_asbinary(wkb)"`, "paramIndex": "first", "requiredType": `("GEOGRAPHY" or "GEOMETRY")`,
				"inputSql": `"wkb"`, "inputType": `"BINARY"`}, sparkerror.Analysis},
		{"SELECT st_srid(1)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `("GEOGRAPHY" or "GEOMETRY")`, "inputType": `"INT"`}, sparkerror.Analysis},
		{"SELECT st_geogfromwkb(1)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `"BINARY"`, "inputType": `"INT"`}, sparkerror.Analysis},
		{"SELECT st_geomfromwkb(g) FROM shapes", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"requiredType": `"BINARY"`, "inputType": `"GEOGRAPHY(4326)"`}, sparkerror.Analysis},
		{"SELECT st_setsrid(m, X'01') FROM shapes", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"paramIndex": "second", "requiredType": `"INT"`}, sparkerror.Analysis},
		{"SELECT st_setsrid(m) FROM shapes", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", nil, sparkerror.Analysis},
		{"SELECT st_srid(g, 1) FROM shapes", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", nil, sparkerror.Analysis},
		{"SELECT array(g, m) FROM shapes", "DATATYPE_MISMATCH.DATA_DIFF_TYPES", nil, sparkerror.Analysis},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class || se.Kind != c.kind {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
			continue
		}
		for k, v := range c.params {
			if se.Params[k] != v {
				t.Errorf("%s: %s = %s, want %s", c.sql, k, se.Params[k], v)
			}
		}
	}
}

package parser

import (
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

// transformOf parses a statement and returns its first script transformation.
func transformOf(t *testing.T, sql string) *ast.Transform {
	t.Helper()
	st, err := ParseStatement(sql)
	if err != nil {
		t.Fatalf("ParseStatement(%q): %v", sql, err)
	}
	var tr *ast.Transform
	ast.Inspect(st, func(n ast.Node) bool {
		if x, ok := n.(*ast.Transform); ok && tr == nil {
			tr = x
		}
		return tr == nil
	})
	if tr == nil {
		t.Fatalf("ParseStatement(%q): no TRANSFORM", sql)
	}
	if err := checkPositions(sql, st); err != nil {
		t.Errorf("ParseStatement(%q): %v", sql, err)
	}
	return tr
}

func TestTransformClause(t *testing.T) {
	tests := []struct {
		sql, want string
	}{
		// The forms of transform.sql: plain, schema-less, typed, MAP and REDUCE, FROM-first.
		{"SELECT TRANSFORM(a) USING 'cat' AS (a) FROM t", `(select (transform a (using "cat") (as a)) (from (table t)))`},
		{"SELECT TRANSFORM(a, b) USING 'cat' FROM t", `(select (transform a b (using "cat")) (from (table t)))`},
		{"SELECT TRANSFORM(a) USING 'cat' AS a, b FROM t", `(select (transform a (using "cat") (as a b)) (from (table t)))`},
		{"SELECT TRANSFORM(*) USING 'cat' AS (a int, b array<int>) FROM t",
			`(select (transform * (using "cat") (as a:INT b:ARRAY<INT>)) (from (table t)))`},
		{"MAP a, b USING 'cat' AS (a, b) FROM t", `(select (map a b (using "cat") (as a b)) (from (table t)))`},
		{"REDUCE a, b USING 'cat' AS (a, b) FROM t", `(select (reduce a b (using "cat") (as a b)) (from (table t)))`},
		{"FROM t SELECT TRANSFORM(a, b) USING 'cat' AS (`a` INT, b STRING) WHERE a > 1",
			`(from-query (from (table t)) (select (transform a b (using "cat") (as a:INT b:STRING)) (where (> a 1))))`},
		{"SELECT TRANSFORM(b, max(a)) USING 'cat' AS (a, b) FROM t GROUP BY b HAVING max(a) > 1",
			`(select (transform b (call max a) (using "cat") (as a b)) (from (table t)) (group-by b) (having (> (call max a) 1)))`},
	}
	for _, tt := range tests {
		st, err := ParseStatement(tt.sql)
		if err != nil {
			t.Errorf("ParseStatement(%q): %v", tt.sql, err)
			continue
		}
		if got := ast.Sexpr(st); got != tt.want {
			t.Errorf("ParseStatement(%q)\n got %s\nwant %s", tt.sql, got, tt.want)
		}
	}
}

func TestTransformRowFormats(t *testing.T) {
	tr := transformOf(t, `SELECT TRANSFORM(a, b, c, null)
  ROW FORMAT DELIMITED
  FIELDS TERMINATED BY '@'
  LINES TERMINATED BY '\n'
  NULL DEFINED AS 'NULL'
USING 'cat' AS (a, b, c, d)
  ROW FORMAT DELIMITED
  FIELDS TERMINATED BY ','
  COLLECTION ITEMS TERMINATED BY '|'
  MAP KEYS TERMINATED BY ':'
FROM t`)
	in, out := tr.InRowFormat, tr.OutRowFormat
	if in == nil || out == nil {
		t.Fatalf("row formats: in %v, out %v", in, out)
	}
	if in.FieldsTerm.Value != "@" || in.LinesTerm.Value != "\n" || in.NullDefined.Value != "NULL" {
		t.Errorf("input format: fields %q lines %q null %q", in.FieldsTerm.Value, in.LinesTerm.Value, in.NullDefined.Value)
	}
	if out.FieldsTerm.Value != "," || out.CollItems.Value != "|" || out.MapKeys.Value != ":" || out.LinesTerm != nil || out.NullDefined != nil {
		t.Errorf("output format: %+v", out)
	}
	if got := tr.Script.Value; got != "cat" {
		t.Errorf("script %q", got)
	}
	if len(tr.OutputNames) != 4 {
		t.Errorf("output names: %d", len(tr.OutputNames))
	}
}

// TestTransformErrors checks the errors Spark's AstBuilder and SparkSqlParser raise for a
// script transformation, each pointing at the whole query specification.
func TestTransformErrors(t *testing.T) {
	tests := []struct {
		sql    string
		class  string
		params map[string]string
		span   string // the text the error covers ("" to skip)
	}{
		{"SELECT TRANSFORM(DISTINCT b, a, c)\n  USING 'cat' AS (a, b, c)\nFROM script_trans\nWHERE a <= 4",
			"UNSUPPORTED_FEATURE.TRANSFORM_DISTINCT_ALL", nil, "SELECT TRANSFORM(DISTINCT b, a, c)\n  USING 'cat' AS (a, b, c)\nFROM script_trans\nWHERE a <= 4"},
		{"SELECT TRANSFORM(ALL b, a, c) USING 'cat' AS (a, b, c) FROM t",
			"UNSUPPORTED_FEATURE.TRANSFORM_DISTINCT_ALL", nil, "SELECT TRANSFORM(ALL b, a, c) USING 'cat' AS (a, b, c) FROM t"},
		// Inside a subquery the span is the inner block.
		{"SELECT * FROM (SELECT TRANSFORM(a) ROW FORMAT DELIMITED LINES TERMINATED BY '@' USING 'cat' FROM t) x",
			"_LEGACY_ERROR_TEMP_0064", map[string]string{"msg": "LINES TERMINATED BY only supports newline '\\n' right now: @"}, "SELECT TRANSFORM(a) ROW FORMAT DELIMITED LINES TERMINATED BY '@' USING 'cat' FROM t"},
		{"SELECT TRANSFORM(a) USING 'cat' AS (a) ROW FORMAT DELIMITED LINES TERMINATED BY '\\r' FROM t",
			"_LEGACY_ERROR_TEMP_0064", map[string]string{"msg": "LINES TERMINATED BY only supports newline '\\n' right now: \r"}, "SELECT TRANSFORM(a) USING 'cat' AS (a) ROW FORMAT DELIMITED LINES TERMINATED BY '\\r' FROM t"},
		{"SELECT TRANSFORM(a) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe' USING 'cat' FROM t",
			"UNSUPPORTED_FEATURE.TRANSFORM_NON_HIVE", nil, "*"},
		{"SELECT TRANSFORM(a) USING 'cat' AS (a) ROW FORMAT SERDE 'x' WITH SERDEPROPERTIES ('field.delim' = ',') FROM t",
			"UNSUPPORTED_FEATURE.TRANSFORM_NON_HIVE", nil, "*"},
		{"SELECT TRANSFORM(a) RECORDWRITER 'w' USING 'cat' FROM t", "_LEGACY_ERROR_TEMP_0048", nil, "*"},
		{"SELECT TRANSFORM(a) USING 'cat' RECORDREADER 'r' FROM t", "_LEGACY_ERROR_TEMP_0048", nil, "*"},
		// Spark's order: DISTINCT first, then record reader/writer, then the input format,
		// then the output format.
		{"SELECT TRANSFORM(DISTINCT a) ROW FORMAT SERDE 's' RECORDWRITER 'w' USING 'cat' FROM t",
			"UNSUPPORTED_FEATURE.TRANSFORM_DISTINCT_ALL", nil, "*"},
		{"SELECT TRANSFORM(a) ROW FORMAT DELIMITED LINES TERMINATED BY '@' RECORDWRITER 'w' USING 'cat' FROM t",
			"_LEGACY_ERROR_TEMP_0048", nil, "*"},
		{"SELECT TRANSFORM(a) ROW FORMAT DELIMITED LINES TERMINATED BY '@' USING 'cat' ROW FORMAT SERDE 's' FROM t",
			"_LEGACY_ERROR_TEMP_0064", nil, "*"},
		{"SELECT TRANSFORM(a) USING 'cat' ROW FORMAT DELIMITED LINES TERMINATED BY '@' FROM t WHERE x IN ()",
			"PARSE_SYNTAX_ERROR", nil, ""},
		// Aliases are not allowed among the inputs.
		{"SELECT TRANSFORM(b b_1, MAX(a), CAST(sum(c) AS STRING))\n  USING 'cat' AS (a, b, c)\nFROM script_trans\nWHERE a <= 2\nGROUP BY b",
			"PARSE_SYNTAX_ERROR", syntax("'b_1'", ""), ""},
		{"SELECT TRANSFORM(b, MAX(a) AS max_a, CAST(sum(c) AS STRING))\n  USING 'cat' AS (a, b, c)\nFROM script_trans\nWHERE a <= 2\nGROUP BY b",
			"PARSE_SYNTAX_ERROR", syntax("'AS'", ""), ""},
		// FROM-first and INSERT bodies.
		{"FROM t SELECT TRANSFORM(DISTINCT a) USING 'cat'", "UNSUPPORTED_FEATURE.TRANSFORM_DISTINCT_ALL", nil, "SELECT TRANSFORM(DISTINCT a) USING 'cat'"},
		{"FROM t INSERT INTO u SELECT TRANSFORM(a) USING 'cat' RECORDREADER 'r' WHERE a > 1", "_LEGACY_ERROR_TEMP_0048", nil, "SELECT TRANSFORM(a) USING 'cat' RECORDREADER 'r' WHERE a > 1"},
	}
	for _, tt := range tests {
		_, err := ParseStatement(tt.sql)
		e, ok := err.(*Error)
		if !ok || e == nil {
			t.Errorf("ParseStatement(%q): got %v, want %s", tt.sql, err, tt.class)
			continue
		}
		if e.Class != tt.class {
			t.Errorf("ParseStatement(%q): got %s (%v), want %s", tt.sql, e.Class, e.Params, tt.class)
			continue
		}
		for k, v := range tt.params {
			if e.Params[k] != v {
				t.Errorf("ParseStatement(%q): param %s = %q, want %q", tt.sql, k, e.Params[k], v)
			}
		}
		span := tt.span
		if span == "*" {
			span = tt.sql
		}
		if span != "" && tt.sql[e.Pos.Offset:e.End.Offset] != span {
			t.Errorf("ParseStatement(%q): covers %q, want %q", tt.sql, tt.sql[e.Pos.Offset:e.End.Offset], span)
		}
		if e.Class != "PARSE_SYNTAX_ERROR" && !e.Pos.IsValid() {
			t.Errorf("ParseStatement(%q): no position", tt.sql)
		}
	}
}

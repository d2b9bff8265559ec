package planner_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sailgo/sail/driver/jobgraph"
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Script transformations end to end (parse, analyze, plan, run), rendered as the golden
// files render them. The answers are Spark's: transform.sql where the case comes from
// there, otherwise what Spark's casts to and from strings give.
func TestScriptTransform(t *testing.T) {
	cases := []struct {
		sql  string
		want []string // sorted
		err  string
	}{
		// transform.sql: every type through cat, typed and as strings.
		{sql: `SELECT a, b, decode(c, 'UTF-8'), d, e, f, g, h, i, j, k, l FROM (
  SELECT TRANSFORM(a, b, c, d, e, f, g, h, i, j, k, l)
  USING 'cat' AS (a string, b boolean, c binary, d tinyint, e int, f smallint, g long, h float, i double,
    j decimal(38, 18), k timestamp, l date)
  FROM VALUES ('1', true, unhex('537061726B2053514C'), tinyint(1), 1, smallint(100), bigint(1), float(1.0), 1.0,
    Decimal(1.0), timestamp('1997-01-02'), date('2000-04-01')) AS t(a, b, c, d, e, f, g, h, i, j, k, l)) tmp`,
			want: []string{"1\ttrue\tSpark SQL\t1\t1\t100\t1\t1.0\t1.0\t1.000000000000000000\t1997-01-02 00:00:00\t2000-04-01"}},
		{sql: `SELECT TRANSFORM(a, b, c, d, e, f, g, h, i)
USING 'cat' AS (a int, b short, c long, d byte, e float, f double, g decimal(38, 18), h date, i timestamp)
FROM VALUES ('a','','1231a','a','213.21a','213.21a','0a.21d','2000-04-01123','1997-0102 00:00:') tmp(a, b, c, d, e, f, g, h, i)`,
			want: []string{"NULL\tNULL\tNULL\tNULL\tNULL\tNULL\tNULL\tNULL\tNULL"}},
		{sql: "SELECT TRANSFORM(b, max(a), sum(a)) USING 'cat' AS (a, b) FROM VALUES (1, true), (2, false), (3, true) t(a, b) GROUP BY b",
			want: []string{"false\t2", "true\t3"}},
		{sql: "MAP k / 10 USING 'cat' AS (one) FROM (SELECT 10 AS k)", want: []string{"1.0"}},
		{sql: "SELECT TRANSFORM(a) USING 'cat' FROM VALUES ('x') t(a)", want: []string{"x\tNULL"}},
		{sql: `SELECT TRANSFORM(a, b, c, null)
  ROW FORMAT DELIMITED FIELDS TERMINATED BY '@' LINES TERMINATED BY '\n'
USING 'cat' AS (a, b, c, d)
  ROW FORMAT DELIMITED FIELDS TERMINATED BY '@' LINES TERMINATED BY '\n' NULL DEFINED AS 'NULL'
FROM VALUES ('1', true, 'x') t(a, b, c)`, want: []string{"1\ttrue\tx\t\\N"}},
		// Values are written as CAST(... AS STRING) writes them, in the session time zone.
		{sql: `SELECT TRANSFORM(1.0D, CAST(1.5 AS FLOAT), 1.10BD, true, X'4142', TIMESTAMP'2020-01-01 00:00:00',
  DATE'2020-01-02', CAST(NULL AS INT), 1e20D, INTERVAL '1-2' YEAR TO MONTH)
USING 'cat' AS (a, b, c, d, e, f, g, h, i, j)`,
			want: []string{"1.0\t1.5\t1.10\ttrue\tAB\t2020-01-01 00:00:00\t2020-01-02\tNULL\t1.0E20\tINTERVAL '1-2' YEAR TO MONTH"}},
		// Arrays, maps and structs travel as JSON both ways.
		{sql: `SELECT TRANSFORM(array(1, 2), map('k', 1), named_struct('x', 1, 'y', 'a'))
USING 'cat' AS (a ARRAY<INT>, m MAP<STRING, INT>, s STRUCT<x: INT, y: STRING>)`,
			want: []string{"[1,2]\t{\"k\":1}\t{\"x\":1,\"y\":\"a\"}"}},
		{sql: "SELECT TRANSFORM(array(1, 2)) USING 'cat' AS (a)", want: []string{"[1,2]"}},
		// Dates, timestamps and intervals are read as a non-ANSI cast reads strings.
		// A string that CAST rejects with an error (an interval of other fields) is NULL too.
		{sql: `SELECT TRANSFORM(' 2000-04-01', '2001-02-03T04:05:06', INTERVAL '1-2' YEAR TO MONTH, INTERVAL '3' DAY,
  INTERVAL '3' DAY, 'x')
USING 'cat' AS (d DATE, ts TIMESTAMP_NTZ, ym INTERVAL YEAR TO MONTH, dt INTERVAL DAY, dts INTERVAL DAY TO SECOND, bad DATE)`,
			want: []string{"2000-04-01\t2001-02-03 04:05:06\t1-2\t3 00:00:00.000000000\tNULL\tNULL"}},
		// CHAR and VARCHAR outputs are strings.
		{sql: "SELECT TRANSFORM (a, b) USING 'cat' AS (a CHAR(10), b VARCHAR(10)) FROM VALUES('apache', 'spark') t(a, b)",
			want: []string{"apache\tspark"}},
		// A self-join of a CTE that holds a transformation: each reference has its own columns.
		{sql: "WITH temp AS (SELECT TRANSFORM(a) USING 'cat' AS (b string) FROM VALUES ('1'), ('2') t(a)) SELECT t1.b FROM temp t1 JOIN temp t2 ON t1.b = t2.b",
			want: []string{"1", "2"}},
		{sql: "SELECT TRANSFORM(a) USING 'tr a-z A-Z' AS (u) FROM VALUES ('spark'), ('sql') t(a)", want: []string{"SPARK", "SQL"}},
		// Errors.
		{sql: "SELECT TRANSFORM(1) USING 'cat >/dev/null; echo oops >&2; exit 2' AS (a)", err: "_LEGACY_ERROR_TEMP_2264"},
		{sql: "SELECT TRANSFORM(1) USING 'cat' AS (v VARIANT)", err: "_LEGACY_ERROR_TEMP_2265"},
		{sql: "SELECT TRANSFORM('10:00:00') USING 'cat' AS (v TIME)", err: "_LEGACY_ERROR_TEMP_2265"},
		{sql: "SELECT TRANSFORM(map(1, 2)) USING 'cat' AS (m ARRAY<MAP<INT, INT>>)", err: "DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE"},
		// Values of other types, maps with keys of any type, and variants are written too.
		{sql: `SELECT TRANSFORM(parse_json('{"a":1}'), map(1, array(named_struct('x', 1))), CAST(1 AS TINYINT), 2S, 3L,
  CAST('2020-01-01 10:00:00' AS TIMESTAMP_NTZ), '1 day 2 hours')
USING 'cat' AS (v STRING, m STRING, b BYTE, s SHORT, l LONG, ntz STRING, i INTERVAL)`,
			want: []string{"{\"a\":1}\t{\"1\":[{\"x\":1}]}\t1\t2\t3\t2020-01-01 10:00:00\t1 days 2 hours"}},
		{sql: "SELECT TRANSFORM(1) ROW FORMAT SERDE 'x' USING 'cat' AS (a)", err: "UNSUPPORTED_FEATURE.TRANSFORM_NON_HIVE"},
		{sql: "SELECT TRANSFORM(1) USING 'cat' RECORDREADER 'r' AS (a)", err: "PARSE_SYNTAX_ERROR"},
		{sql: "SELECT TRANSFORM(1) USING 'cat' AS (a) RECORDREADER 'r'", err: "_LEGACY_ERROR_TEMP_0048"},
		{sql: "SELECT TRANSFORM('123.4') USING 'cat' AS (d DECIMAL(2, 1))", err: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION"},
	}
	for _, c := range cases {
		got, err := runHive(c.sql)
		if c.err != "" {
			class := ""
			var pe *parser.Error
			if errors.As(err, &pe) {
				class = pe.Class
			} else if e, ok := sparkerror.As(err); ok {
				class = e.Class
			}
			if class != c.err {
				t.Errorf("%s:\n got %v (%v), want %s", c.sql, class, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		slices.Sort(got)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.sql, got, c.want)
		}
	}
}

// A script transformation ships to a worker with its settings.
func TestScriptTransformShips(t *testing.T) {
	sql := `SELECT TRANSFORM(a, b) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' NULL DEFINED AS 'N'
USING 'cat' AS (a INT, d DATE) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' FROM VALUES (1, DATE'2020-01-02'), (2, NULL) t(a, b)`
	p := planSQL(t, sql)
	m, err := physical.EncodePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	d, err := physical.DecodePlan(m, physical.DecodeContext{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rowsOf(t, d), rowsOf(t, p); got != want || got == "" {
		t.Errorf("shipped plan gives %s, want %s", got, want)
	}
	if got := physical.Explain(d); !strings.Contains(got, `ScriptTransformation: "cat"`) {
		t.Errorf("explain:\n%s", got)
	}
}

// In a cluster, the transformation runs in the stage of its input, also when a gather
// below it (the probe side of a full outer join) changes its number of partitions.
func TestScriptTransformCutsIntoStages(t *testing.T) {
	for _, sql := range []string{
		"SELECT TRANSFORM(a.id, b.id) USING 'cat' AS (x, y) FROM range(100) a FULL OUTER JOIN range(50, 150) b ON a.id = b.id",
		"SELECT TRANSFORM(k, count(*)) USING 'cat' AS (k, n) FROM (SELECT id % 3 AS k FROM range(10)) GROUP BY k",
	} {
		g, err := jobgraph.Cut(planSQL(t, sql))
		if err != nil {
			t.Errorf("%s: %v", sql, err)
			continue
		}
		if !strings.Contains(g.String(), "ScriptTransformation") {
			t.Errorf("%s: no stage runs the script:\n%s", sql, g)
		}
	}
}

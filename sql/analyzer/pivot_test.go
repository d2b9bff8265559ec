package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// PIVOT and UNPIVOT schemas and errors, as Spark's pivot.sql and unpivot.sql give them
// (over t(a INT, b STRING) and u(a INT, c DOUBLE)).
func TestPivotUnpivotSchemas(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, want string }{
		{"SELECT * FROM t PIVOT (count(*) FOR b IN ('x', 'y'))", "struct<a:int,x:bigint,y:bigint>"},
		{"SELECT * FROM u PIVOT (sum(c) AS s, max(c) FOR a IN (1 AS one, 2))", "struct<one_s:double,one_max(c):double,2_s:double,2_max(c):double>"},
		{"SELECT * FROM t PIVOT (collect_list(a) FOR b IN ('x'))", "struct<x:array<int>>"},
		{"SELECT * FROM (SELECT a, b, a AS k FROM t) PIVOT (max(k) FOR (a, b) IN ((1, 'x'), (2, NULL)))", "struct<{1, x}:int,{2, null}:int>"},
		{"SELECT * FROM u PIVOT (sum(a) FOR c IN (1.5, -2))", "struct<1.5:bigint,-2:bigint>"},
		{"SELECT * FROM t UNPIVOT (v FOR name IN (a))", "struct<b:string,name:string,v:int>"},
		{"SELECT * FROM u UNPIVOT INCLUDE NULLS (v FOR name IN (a AS first, c))", "struct<name:string,v:double>"},
		{"SELECT * FROM u UNPIVOT ((x, y) FOR name IN ((a, c)))", "struct<name:string,x:int,y:double>"},
	} {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
	for _, c := range []struct{ sql, class string }{
		{"SELECT * FROM t PIVOT (sum(a) FOR b IN (b))", "NON_LITERAL_PIVOT_VALUES"},
		{"SELECT * FROM t PIVOT (a FOR b IN ('x'))", "_LEGACY_ERROR_TEMP_1006"},
		{"SELECT * FROM t PIVOT (count(b) FOR a IN (array(1)))", "PIVOT_VALUE_DATA_TYPE_MISMATCH"},
		{"SELECT * FROM t PIVOT (sum(a) FOR z IN (1))", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT * FROM t UNPIVOT (v FOR name IN (a, b))", "UNPIVOT_VALUE_DATA_TYPE_MISMATCH"},
		{"SELECT * FROM u UNPIVOT ((x, y) FOR name IN ((a, c), (c)))", "UNPIVOT_VALUE_SIZE_MISMATCH"},
	} {
		_, err := analyze(t, cat, c.sql)
		se, ok := err.(*sparkerror.Error)
		if !ok || se.Class != c.class {
			t.Errorf("%s: error %v, want %s", c.sql, err, c.class)
		}
	}
}

package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/sparkerror"
)

// A select item may use the alias of an earlier item when no input column has the name.
func TestLateralColumnAliases(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, want string }{
		{"SELECT 1 AS x, x + 1 AS y", "struct<x:int,y:int>"},
		{"SELECT a + 1 AS x, x * 2 FROM t", "struct<x:int,(lateralAliasReference(x) * 2):int>"},
		// A chain: each alias reads the one before.
		{"SELECT a AS x, x + 1 AS y, y + 1 AS z FROM t", "struct<x:int,y:int,z:int>"},
		// Columns win over aliases.
		{"SELECT b AS a, a + 1 FROM t", "struct<a:string,(a + 1):int>"},
		{"SELECT sum(a) AS s, s + 1 FROM t GROUP BY b", "struct<s:bigint,(lateralAliasReference(s) + 1):bigint>"},
		{"SELECT b, sum(a) AS s, s + max(a) AS m FROM t GROUP BY b", "struct<b:string,s:bigint,m:bigint>"},
		{"SELECT sum(a) AS s, s * 2 AS d FROM t GROUP BY b HAVING max(a) > 1 ORDER BY d", "struct<s:bigint,d:bigint>"},
	} {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s: schema %s, want %s", c.sql, got, c.want)
		}
	}
	for _, c := range []struct{ sql, class string }{
		{"SELECT 1 AS x, 2 AS x, x + 1", "AMBIGUOUS_LATERAL_COLUMN_ALIAS"},
		// HAVING cannot read an input column that is not grouped.
		{"SELECT sum(a) FROM t GROUP BY b HAVING a > 1", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
	} {
		_, err := analyze(t, cat, c.sql)
		if e, ok := sparkerror.As(err); !ok || e.Class != c.class {
			t.Errorf("%s: %v, want %s", c.sql, err, c.class)
		}
	}
}

package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Script transformations: the output columns are the declared ones (strings without
// types, key and value without AS), and each resolution makes them afresh.
func TestScriptTransformSchemas(t *testing.T) {
	cat := genCatalog(t)
	cases := []struct{ sql, want, nulls string }{
		{"SELECT TRANSFORM(id) USING 'cat' FROM g", "struct<key:string,value:string>", "key,value"},
		{"SELECT TRANSFORM(id, arr) USING 'cat' AS (a, b) FROM g", "struct<a:string,b:string>", "a,b"},
		{"SELECT TRANSFORM(*) USING 'cat' AS a, b FROM g", "struct<a:string,b:string>", "a,b"},
		{"SELECT TRANSFORM(id) USING 'cat' AS (a INT NOT NULL, b CHAR(3), c ARRAY<VARCHAR(2)>) FROM g",
			"struct<a:int,b:string,c:array<string>>", "a!,b,c"},
		{"SELECT TRANSFORM(id, count(*)) USING 'cat' AS (a BIGINT, n BIGINT) FROM g GROUP BY id HAVING count(*) > 1",
			"struct<a:bigint,n:bigint>", "a,n"},
		{"SELECT a + 1 FROM (SELECT TRANSFORM(id) USING 'cat' AS (a INT) FROM g) t", "struct<(a + 1):int>", "(a + 1)"},
		{"FROM g SELECT TRANSFORM(id) USING 'cat' AS (x) WHERE id > 1", "struct<x:string>", "x"},
		{"MAP id USING 'cat' AS (x DATE) FROM g", "struct<x:date>", "x"},
		{"WITH w AS (SELECT TRANSFORM(id) USING 'cat' AS (b STRING) FROM g) SELECT t1.b FROM w t1 JOIN w t2 ON t1.b = t2.b",
			"struct<b:string>", "b"},
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
		if got := nullableString(n); got != c.nulls {
			t.Errorf("%s: nullability %s, want %s", c.sql, got, c.nulls)
		}
	}
	// The two references of the CTE have columns of their own.
	n, err := analyze(t, cat, "WITH w AS (SELECT TRANSFORM(id) USING 'cat' AS (b) FROM g) SELECT * FROM w t1, w t2")
	if err != nil {
		t.Fatal(err)
	}
	out := n.Output()
	if len(out) != 2 || out[0].ID == out[1].ID {
		t.Errorf("self-join columns %v", out)
	}
	var found int
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		if _, ok := n.(*plan.ScriptTransform); ok {
			found++
		}
		for _, c := range n.Children() {
			walk(c)
		}
	}
	walk(n)
	if found != 2 {
		t.Errorf("%d script transformations in the self-join", found)
	}
}

func TestScriptTransformResolutionErrors(t *testing.T) {
	cat := genCatalog(t)
	for _, c := range []struct{ sql, class string }{
		{"SELECT TRANSFORM(nope) USING 'cat' FROM g", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT TRANSFORM(id, max(id)) USING 'cat' FROM g", "MISSING_GROUP_BY"},
		{"SELECT TRANSFORM(a) USING 'cat' AS (x) FROM (SELECT TRANSFORM(id) USING 'cat' AS (b) FROM g)", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
	} {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
		}
	}
}

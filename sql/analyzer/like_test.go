package analyzer_test

import "testing"

// Names of quantified LIKEs (Spark's LikeAny/LikeAll family when every pattern is a
// string literal, ORs and ANDs of LIKEs otherwise), of ILIKE, and of casts to complex
// types, which Spark's Cast.sql prints as the bare child.
func TestLikeAndComplexCastNames(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT b LIKE ANY ('%a%', 'b%') FROM t", "struct<likeany(b):boolean>"},
		{"SELECT b LIKE SOME ('%a%') FROM t", "struct<likeany(b):boolean>"},
		{"SELECT b NOT LIKE ALL ('%a%', 'b%') FROM t", "struct<notlikeall(b):boolean>"},
		{"SELECT b ILIKE ALL ('%A%', 'b%') FROM t", "struct<likeall(lower(b)):boolean>"},
		{"SELECT b NOT ILIKE ANY ('%A%') FROM t", "struct<notlikeany(lower(b)):boolean>"},
		{"SELECT b LIKE ANY ('%a%', b) FROM t", "struct<(b LIKE %a% OR b LIKE b):boolean>"},
		{"SELECT b NOT LIKE ALL ('%a%', NULL) FROM t", "struct<((NOT b LIKE %a%) AND (NOT b LIKE NULL)):boolean>"},
		{"SELECT b ILIKE 'a%' FROM t", "struct<ilike(b, a%):boolean>"},
		{"SELECT b LIKE 'a%', b NOT LIKE 'a%' FROM t", "struct<b LIKE a%:boolean,(NOT b LIKE a%):boolean>"},
		{"SELECT b LIKE 'a#%' ESCAPE '#' FROM t", "struct<b LIKE a#% ESCAPE '#':boolean>"},
		{"SELECT b ILIKE 'a%#%' ESCAPE '#' FROM t", "struct<ilike(b, a%#%):boolean>"},
		{"SELECT CAST(NULL AS ARRAY<STRING>), CAST(NULL AS MAP<INT, INT>), CAST(NULL AS STRUCT<x: INT>)", "struct<NULL:array<string>,NULL:map<int,int>,NULL:struct<x:int>>"},
		{"SELECT CAST(NULL AS STRING)", "struct<CAST(NULL AS STRING):string>"},
		{"SELECT b RLIKE 'a', b REGEXP 'a', regexp_like(b, 'a'), regexp(b, 'a') FROM t", "struct<RLIKE(b, a):boolean,RLIKE(b, a):boolean,REGEXP_LIKE(b, a):boolean,REGEXP(b, a):boolean>"},
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

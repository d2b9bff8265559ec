package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// SQL_KEYWORDS() lists Spark's keywords (those the lexer spells one way, sorted) with
// whether each is reserved: only with spark.sql.ansi.enforceReservedKeywords in ANSI mode
// (keywords.sql, keywords-enforced.sql, nonansi/keywords.sql).
func TestSQLKeywords(t *testing.T) {
	reserved := func(ansi bool, enforce string) map[string]bool {
		n, err := analyzeWith(t, analyzer.Options{ANSI: ansi,
			Settings: mapSettings{"spark.sql.ansi.enforceReservedKeywords": enforce}}, "SELECT * FROM SQL_KEYWORDS()")
		if err != nil {
			t.Fatal(err)
		}
		if got := schemaString(n); got != "struct<keyword:string,reserved:boolean>" {
			t.Fatalf("schema %s", got)
		}
		for _, o := range n.Output() {
			if o.Null {
				t.Errorf("%s is nullable", o.Name)
			}
		}
		var v *plan.Values
		for x := n; v == nil && len(x.Children()) > 0; x = x.Children()[0] {
			v, _ = x.Children()[0].(*plan.Values)
		}
		if v == nil {
			t.Fatalf("SQL_KEYWORDS() resolved to %s", plan.Explain(n))
		}
		out := map[string]bool{}
		prev := ""
		for _, row := range v.Rows {
			w := row[0].(*plan.Literal).Value.(string)
			if w <= prev {
				t.Fatalf("%q after %q: not sorted", w, prev)
			}
			prev = w
			out[w] = row[1].(*plan.Literal).Value.(bool)
		}
		return out
	}
	enforced := reserved(true, "true")
	if len(enforced) != 395 {
		t.Errorf("%d keywords, want Spark's 395", len(enforced))
	}
	for w, want := range map[string]bool{"ALL": true, "SELECT": true, "WITHIN": true, "TIME": true, "ADD": false,
		"WITHOUT": false, "X": false, "MINUS": false, "IDENTIFIER": false, "ZONE": false} {
		if got, ok := enforced[w]; !ok || got != want {
			t.Errorf("enforced %s: reserved %v (listed %v), want %v", w, got, ok, want)
		}
	}
	for _, w := range []string{"TEMP", "TEMPORARY", "REGEXP", "RLIKE"} {
		if _, ok := enforced[w]; ok {
			t.Errorf("%s has two spellings: Spark does not list it", w)
		}
	}
	n := 0
	for _, r := range enforced {
		if r {
			n++
		}
	}
	if n != 77 {
		t.Errorf("%d reserved keywords, want Spark's 77", n)
	}
	for _, mode := range []struct {
		ansi    bool
		enforce string
	}{{true, "false"}, {false, "true"}, {true, ""}} {
		for w, r := range reserved(mode.ansi, mode.enforce) {
			if r {
				t.Errorf("ansi=%v enforce=%q: %s reserved", mode.ansi, mode.enforce, w)
			}
		}
	}
	if _, err := analyzeWith(t, analyzer.Options{ANSI: true}, "SELECT * FROM SQL_KEYWORDS(1)"); !hasClass(err, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION") {
		t.Errorf("SQL_KEYWORDS(1): %v", err)
	}
}

func hasClass(err error, class string) bool {
	se, ok := sparkerror.As(err)
	return ok && se.Class == class
}

// A WITH clause whose definitions do not resolve reports, as Spark's check of the plan
// does, the error of a definition nothing reads first (postgreSQL/with.sql: mutual
// recursion, where y's reference to x finds no columns), else the first definition's.
func TestCTEErrorPrecedence(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct {
		sql, class, object string
	}{
		{`WITH RECURSIVE
  x (id) AS (SELECT 1 UNION ALL SELECT id+1 FROM t WHERE id < 5),
  t (id) AS (SELECT 1 UNION ALL SELECT id+1 FROM x WHERE id < 5)
SELECT * FROM x`, "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "`id`"},
		{"WITH x AS (SELECT bad1 FROM t), y AS (SELECT bad2 FROM t) SELECT * FROM x", "UNRESOLVED_COLUMN.WITH_SUGGESTION", "`bad2`"},
		{"WITH x AS (SELECT bad1 FROM t), y AS (SELECT bad2 FROM t) SELECT * FROM x, y", "UNRESOLVED_COLUMN.WITH_SUGGESTION", "`bad1`"},
		{"WITH x AS (SELECT bad1 FROM t), y AS (SELECT * FROM x) SELECT * FROM y", "UNRESOLVED_COLUMN.WITH_SUGGESTION", "`bad1`"},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != c.class || se.Params["objectName"] != c.object {
			t.Errorf("%s:\n got %v\nwant %s on %s", c.sql, err, c.class, c.object)
		}
	}
}

// Projections pass the columns a USING join hid on, as Spark's Project passes its child's
// metadata output: pipe operators after the join still reach rhs.a (pipe-operators.sql).
func TestHiddenColumnsThroughProjections(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{`values (0), (1) lhs(a)
|> inner join values (1), (2) rhs(a) using (a)
|> extend lhs.a + rhs.a as z1
|> extend lhs.a - rhs.a as z2
|> drop z1
|> where z2 = 0
|> order by lhs.a, rhs.a, z2
|> set z2 = 4
|> limit 2
|> select lhs.a, rhs.a, z2`, "struct<a:int,a:int,z2:int>"},
		{"SELECT u.a FROM (SELECT * FROM t JOIN u USING (a) WHERE c > 0)", ""},
		{"SELECT x.a, u.a FROM t x JOIN u USING (a)", "struct<a:int,a:int>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if c.want == "" {
			// A subquery alias does not pass them.
			if !hasClass(err, "UNRESOLVED_COLUMN.WITH_SUGGESTION") {
				t.Errorf("%s: %v, want UNRESOLVED_COLUMN", c.sql, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s: %s, want %s", c.sql, got, c.want)
		}
	}
}

// Select items over a window function of aggregates read their other aggregates from the
// aggregate too: sum(x) * 100 / sum(sum(x)) OVER w (pipe-operators.sql, TPC-DS q12).
func TestWindowOverAggregateItems(t *testing.T) {
	cat := testCatalog(t)
	for _, sql := range []string{
		"SELECT b, sum(a) * 100 / sum(sum(a)) OVER (PARTITION BY b) AS r FROM t GROUP BY b, a",
		"SELECT b, a + sum(a) OVER (PARTITION BY b), max(a) - min(a) + count(*) OVER () FROM t GROUP BY b, a",
		"TABLE t |> AGGREGATE sum(a) AS s GROUP BY b |> EXTEND s * 100 / sum(s) OVER (PARTITION BY b) AS r",
	} {
		n, err := analyze(t, cat, sql)
		if err != nil {
			t.Errorf("%s: %v", sql, err)
			continue
		}
		var bad plan.Expr
		var walk func(plan.Node)
		walk = func(n plan.Node) {
			if _, isAgg := n.(*plan.Aggregate); !isAgg {
				for _, e := range plan.Expressions(n) {
					plan.Walk(e, func(x plan.Expr) bool {
						switch x.(type) {
						case *plan.WindowCall:
							return false
						case *plan.AggregateCall:
							bad = x
						}
						return true
					})
				}
			}
			for _, c := range n.Children() {
				walk(c)
			}
		}
		walk(n)
		if bad != nil {
			t.Errorf("%s: the aggregate %s is computed outside the aggregate", sql, bad)
		}
	}
}

// uuid(seed) keeps Spark's column name uuid(); the seed must be an integer literal.
func TestSeededUUIDName(t *testing.T) {
	cat := testCatalog(t)
	n, err := analyze(t, cat, "SELECT uuid(82374), uuid(NULL), uuid()")
	if err != nil {
		t.Fatal(err)
	}
	if got := schemaString(n); got != "struct<uuid():string,uuid():string,uuid():string>" {
		t.Errorf("schema %s", got)
	}
	_, err = analyze(t, cat, "SELECT uuid(a) FROM t")
	se, ok := sparkerror.As(err)
	if !ok || se.Class != "INVALID_PARAMETER_VALUE.LONG" || se.Params["functionName"] != "`UUID`" || se.Params["invalidValue"] != `"a"` {
		t.Errorf("uuid(a): %v", err)
	}
}

// LATERAL joins after Spark's join-lateral.sql: a subquery may start the FROM clause; a
// non-deterministic subquery needs a left side of at most one row; the join condition must
// be deterministic; outer references must sit where decorrelation reaches them; a star
// expands against the one query right outside; a LEFT JOIN LATERAL generator keeps the
// left rows its condition rejects.
func TestLateralJoins(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"SELECT * FROM LATERAL (SELECT * FROM t)", "struct<a:int,b:string>"},
		{"SELECT * FROM LATERAL (SELECT * FROM t) JOIN LATERAL (SELECT c FROM u)", "struct<a:int,b:string,c:double>"},
		{"SELECT * FROM (SELECT 1 AS a) s, LATERAL (SELECT a + rand(0) AS r)", "struct<a:int,r:double>"},
		{"SELECT * FROM t LEFT JOIN LATERAL explode(array(a, a + 1)) g(x) ON t.a = g.x", "struct<a:int,b:string,x:int>"},
		{"SELECT * FROM t, LATERAL (SELECT t.*)", "struct<a:int,b:string,a:int,b:string>"},
		// A lateral join's own correlation does not make the subquery around it correlated.
		{"SELECT (SELECT max(x) FROM u, LATERAL (SELECT u.a AS x)) FROM t", "struct<scalarsubquery():int>"},
		{"SELECT (SELECT max(x) FROM u, LATERAL (SELECT u.a AS x) WHERE u.a = t.a) FROM t", "struct<scalarsubquery(a):int>"},
		// A WITH definition no query reads still names the subquery after its outer columns.
		{"SELECT (WITH unused AS (SELECT a) SELECT 1) FROM t", "struct<scalarsubquery(a):int>"},
		{"SELECT (WITH used AS (SELECT 1 AS one) SELECT one FROM used) FROM t", "struct<scalarsubquery():int>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s: %s, want %s", c.sql, got, c.want)
		}
	}
	errs := []struct{ sql, class string }{
		{"SELECT * FROM t, LATERAL (SELECT a + rand(0) AS r)", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.NON_DETERMINISTIC_LATERAL_SUBQUERIES"},
		{"SELECT * FROM t, LATERAL (SELECT rand(0) FROM u)", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.NON_DETERMINISTIC_LATERAL_SUBQUERIES"},
		{"SELECT * FROM t JOIN LATERAL (SELECT * FROM u) s ON t.a + rand(0) = s.a", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.LATERAL_JOIN_CONDITION_NON_DETERMINISTIC"},
		{"SELECT * FROM t JOIN LATERAL (SELECT u.a - t.a FROM u GROUP BY u.a - t.a)", "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE"},
		{"SELECT * FROM t JOIN LATERAL (SELECT * FROM u LEFT SEMI JOIN (SELECT * FROM u WHERE u.a > t.a) r ON u.a = r.a)",
			"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED"},
		{"SELECT * FROM t, LATERAL (SELECT t.*, u.* FROM u, LATERAL (SELECT t.* FROM u AS v))", "CANNOT_RESOLVE_STAR_EXPAND"},
	}
	for _, c := range errs {
		if _, err := analyze(t, cat, c.sql); !hasClass(err, c.class) {
			t.Errorf("%s: %v, want %s", c.sql, err, c.class)
		}
	}
}

// Every read of a CTE draws the same random numbers, as Spark computes a non-deterministic
// CTE read twice only once (cte.sql, postgreSQL/with.sql): the reads get the seeds of the
// definition's first resolution.
func TestCTEReadsShareSeeds(t *testing.T) {
	cat := testCatalog(t)
	for _, sql := range []string{
		"WITH q AS (SELECT rand() AS r, uniform(1, 10) AS u FROM t) SELECT * FROM q UNION SELECT * FROM q",
		"WITH q AS (SELECT randn() AS r FROM t) SELECT count(*) FROM q a JOIN q b ON a.r = b.r",
		"WITH q AS (SELECT rand(7) AS r) SELECT (SELECT max(r) FROM q) + (SELECT min(r) FROM q)",
	} {
		n, err := analyze(t, cat, sql)
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		seeds := map[string][]any{}
		var visit func(plan.Node)
		visit = func(n plan.Node) {
			for _, e := range plan.Expressions(n) {
				plan.Walk(e, func(x plan.Expr) bool {
					if c, ok := x.(*plan.Call); ok {
						pos := map[string]int{"rand": 0, "randn": 0, "uniform": 2}
						if i, ok := pos[c.Fn]; ok && i < len(c.Args) {
							if l, ok := c.Args[i].(*plan.Literal); ok {
								seeds[c.Fn] = append(seeds[c.Fn], l.Value)
							}
						}
					}
					if q := plan.SubqueryOf(x); q != nil {
						visit(q.Plan)
					}
					return true
				})
			}
			for _, c := range n.Children() {
				visit(c)
			}
		}
		visit(n)
		if len(seeds) == 0 {
			t.Errorf("%s: no seeded call in %s", sql, plan.Explain(n))
		}
		for fn, vs := range seeds {
			if len(vs) != 2 || vs[0] != vs[1] {
				t.Errorf("%s: the reads of %s have seeds %v", sql, fn, vs)
			}
		}
	}
}

// A relation's column aliases must match its columns in number (table-aliases.sql).
func TestRelationColumnAliases(t *testing.T) {
	cat := testCatalog(t)
	n, err := analyze(t, cat, "SELECT * FROM t AS x(c1, c2), (SELECT 1, 2) AS y(p, q)")
	if err != nil {
		t.Fatal(err)
	}
	if got := schemaString(n); got != "struct<c1:int,c2:string,p:int,q:int>" {
		t.Errorf("schema %s", got)
	}
	for sql, want := range map[string][2]string{
		"SELECT * FROM t AS x(c1, c2, c3)":    {"3", "2"},
		"SELECT * FROM t AS x(c1)":            {"1", "2"},
		"SELECT * FROM (SELECT 1) AS y(p, q)": {"2", "1"},
	} {
		_, err := analyze(t, cat, sql)
		se, ok := sparkerror.As(err)
		if !ok || se.Class != "ASSIGNMENT_ARITY_MISMATCH" || se.Params["numExpr"] != want[0] || se.Params["numTarget"] != want[1] {
			t.Errorf("%s: %v, want ASSIGNMENT_ARITY_MISMATCH %v", sql, err, want)
		}
	}
}

package parser

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

func TestParseExpression(t *testing.T) {
	tests := []struct{ sql, want string }{
		// Column references, stars, field access, subscripts.
		{"a.b.c", "a.b.c"},
		{"`a.b`.c", "`a.b`.c"},
		{"a.*", "a.*"},
		{"a[1][2]", "([] ([] a 1) 2)"},
		{"m['k'].x", `(. ([] m "k") x)`},
		{"f(x).c", "(. (call f x) c)"},
		{"t.from", "t.from"},
		// Literals.
		{"NULL", "null"},
		{"true", "true"},
		{"'a' 'b' \"c\"", `"abc"`},
		{`r'\n'`, `"\\n"`},
		{"1e10", "1e10"},
		{"1.5BD", "1.5BD"},
		{"-1", "-1"},
		{"- 1 * 2", "(* -1 2)"},
		{"-1::int", "(:: -1 INT)"},
		{"X'1F'", `(x "1F")`},
		{"DATE '2020-01-01'", `(date "2020-01-01")`},
		{"TIMESTAMP_NTZ '2020-01-01 00:00:00'", `(timestamp_ntz "2020-01-01 00:00:00")`},
		{"INTERVAL '1 day'", `(interval "1 day")`},
		{"INTERVAL '1' DAY", `(interval ("1" DAY))`},
		{"INTERVAL 1 DAY 2 HOURS 3 MINUTES", "(interval (1 DAY) (2 HOURS) (3 MINUTES))"},
		{"INTERVAL -'1-2' YEAR TO MONTH", `(interval -"1-2" YEAR MONTH)`},
		{"interval", "interval"},
		{":name", ":name"},
		{"?", "?"},
		// Predicates.
		{"a BETWEEN 1 AND 2 AND b", "(and (between a 1 2) b)"},
		{"a NOT BETWEEN 1 + 1 AND 2", "(not-between a (+ 1 1) 2)"},
		{"a IN (1, 2, 3)", "(in a 1 2 3)"},
		{"a NOT IN (SELECT 1)", "(not-in a (select 1))"},
		{"a IN ((SELECT 1))", "(in a (subquery (select 1)))"},
		{"(a, b) IN (SELECT 1, 2)", "(in (row a b) (select 1 2))"},
		{"a LIKE 'x%' ESCAPE '/'", `(like a "x%" (escape "/"))`},
		{"a ILIKE ANY ('a', 'b')", `(ilike-any a "a" "b")`},
		{"a NOT LIKE ALL ('a')", `(not-like-all a "a")`},
		{"a NOT RLIKE 'x'", `(not-rlike a "x")`},
		{"a regexp 'x'", `(rlike a "x")`},
		{"a IS NOT DISTINCT FROM b", "(is-not-distinct-from a b)"},
		{"a IS TRUE", "(is-true a)"},
		{"a IS NOT UNKNOWN", "(is-not-unknown a)"},
		{"EXISTS (SELECT 1)", "(exists (select 1))"},
		{"NOT EXISTS (SELECT 1)", "(not (exists (select 1)))"},
		{"exists(a, x -> x > 1)", "(call exists a (lambda (x) (> x 1)))"},
		{"(SELECT max(a) FROM t)", "(subquery (select (call max a) (from (table t))))"},
		// Functions.
		{"count(*)", "(call count *)"},
		{"count(DISTINCT a, b)", "(call count distinct a b)"},
		{"count(distinct)", "(call count distinct)"},
		{"f(a => 1, b => 2)", "(call f (=> a 1) (=> b 2))"},
		{"a.b.c.d(1)", "(call a.b.c.d 1)"},
		{"first(a IGNORE NULLS)", "(call first a ignore-nulls)"},
		{"first_value(a) IGNORE NULLS OVER (ORDER BY b)", "(call first_value a ignore-nulls (over (order-by b)))"},
		{"percentile_cont(0.5) WITHIN GROUP (ORDER BY x DESC)", "(call percentile_cont 0.5 (within-group (sort x desc)))"},
		{"sum(a) FILTER (WHERE b > 0)", "(call sum a (filter (> b 0)))"},
		{"sum(a) OVER w", "(call sum a (over w))"},
		{"sum(a) OVER (w)", "(call sum a (over w))"},
		{"sum(a) OVER (PARTITION BY b, c ORDER BY d ROWS 1 PRECEDING)", "(call sum a (over (partition-by b c) (order-by d) (rows (preceding 1))))"},
		{"sum(a) OVER (DISTRIBUTE BY b SORT BY c)", "(call sum a (over (partition-by b) (order-by c)))"},
		{"sum(a) OVER (CLUSTER BY b)", "(call sum a (over (cluster-by b)))"},
		{"sum(a) OVER (ORDER BY b RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW)", "(call sum a (over (order-by b) (range (preceding (interval (1 DAY))) current-row)))"},
		{"sum(a) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)", "(call sum a (over (rows unbounded-preceding unbounded-following)))"},
		{"struct(a, b AS c)", "(call struct a (alias b c))"},
		{"IDENTIFIER('t')(1)", `(call (identifier "t") 1)`},
		{"identifier('x')", `(call identifier "x")`},
		{"left('abc', 2)", `(call left "abc" 2)`},
		{"current_date", "current_date"},
		{"current_date()", "(call current_date)"},
		{"user", "user"},
		// Special syntaxes.
		{"CASE WHEN a > 1 THEN 'x' WHEN a > 2 THEN 'y' END", `(case (when (> a 1) "x") (when (> a 2) "y"))`},
		{"CASE a WHEN 1 THEN 2 ELSE 3 END", "(case a (when 1 2) (else 3))"},
		{"case", "case"},
		{"CAST(a AS array<map<string,struct<x:int,y:decimal(10,2)>>>)", "(cast a ARRAY<MAP<STRING,STRUCT<x:INT,y:DECIMAL(10,2)>>>)"},
		{"TRY_CAST(a AS INTERVAL DAY TO SECOND)", "(try_cast a INTERVAL DAY TO SECOND)"},
		{"a :: string collate utf8_lcase", "(:: a STRING COLLATE utf8_lcase)"},
		{"a COLLATE unicode_ci", "(collate a unicode_ci)"},
		{"EXTRACT(YEAR FROM d)", "(extract YEAR d)"},
		{"SUBSTRING(s FROM 2 FOR 3)", "(substring s 2 3)"},
		{"substr(s, 2)", "(substring s 2)"},
		{"TRIM(BOTH 'x' FROM s)", `(trim both "x" from s)`},
		{"trim(LEADING FROM s)", "(trim leading from s)"},
		{"trim(s)", "(call trim s)"},
		{"OVERLAY(a PLACING b FROM 2 FOR 3)", "(overlay a b 2 3)"},
		{"POSITION('a' IN s)", `(position "a" s)`},
		{"position('a', s)", `(call position "a" s)`},
		{"TIMESTAMPADD(HOUR, 1, ts)", "(timestampadd HOUR 1 ts)"},
		{"datediff(DAY, a, b)", "(datediff DAY a b)"},
		{"date_add(d, 1)", "(call date_add d 1)"},
		{"x -> x + 1", "(lambda (x) (+ x 1))"},
		{"(x, y) -> x + y", "(lambda (x y) (+ x y))"},
		{"(a, b)", "(row a b)"},
		{"(a)", "(paren a)"},
		// Aliases.
		{"a AS b", "(alias a b)"},
		{"a b", "(alias a b)"},
		{"a AS (b, c)", "(alias a (b c))"},
		{"a from", "(alias a from)"},
	}
	for _, tt := range tests {
		e, err := ParseExpression(tt.sql)
		if err != nil {
			t.Errorf("ParseExpression(%q): %v", tt.sql, err)
			continue
		}
		if got := ast.Sexpr(e); got != tt.want {
			t.Errorf("ParseExpression(%q)\n got %s\nwant %s", tt.sql, got, tt.want)
		}
	}
}

// TestPrecedence checks operator precedence and associativity against
// Spark's grammar: OR < AND < NOT < predicates < comparison < | < ^ < & <
// shifts < + - || < * / % DIV < unary < postfix.
func TestPrecedence(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"a OR b AND c", "(or a (and b c))"},
		{"a AND b OR c", "(or (and a b) c)"},
		{"NOT a AND b", "(and (not a) b)"},
		{"NOT a OR b", "(or (not a) b)"},
		{"NOT a = b", "(not (= a b))"},
		{"NOT NOT a", "(not (not a))"},
		{"! a AND b", "(and (not a) b)"},
		{"a = b = c", "(= (= a b) c)"},
		{"a = b AND c <> d", "(and (= a b) (<> c d))"},
		{"a < b OR c IS NULL", "(or (< a b) (is-null c))"},
		{"a = 1 AND NOT b IS NULL", "(and (= a 1) (not (is-null b)))"},
		{"a + 1 BETWEEN b AND c * 2", "(between (+ a 1) b (* c 2))"},
		{"a | b = c", "(= (| a b) c)"},
		{"a | b & c", "(| a (& b c))"},
		{"a | b ^ c", "(| a (^ b c))"},
		{"a ^ b & c", "(^ a (& b c))"},
		{"~a & b | c ^ d", "(| (& (~ a) b) (^ c d))"},
		{"a & b << 1", "(& a (<< b 1))"},
		{"a << 1 + 2", "(<< a (+ 1 2))"},
		{"a >> b >>> c", "(>>> (>> a b) c)"},
		{"1 + 2 * 3", "(+ 1 (* 2 3))"},
		{"1 * 2 + 3", "(+ (* 1 2) 3)"},
		{"1 - 2 - 3", "(- (- 1 2) 3)"},
		{"8 / 2 / 2", "(/ (/ 8 2) 2)"},
		{"a || b + c", "(+ (|| a b) c)"},
		{"a || b = c", "(= (|| a b) c)"},
		{"1 DIV 2 * 3", "(* (div 1 2) 3)"},
		{"a % b - c", "(- (% a b) c)"},
		{"-a * b", "(* (- a) b)"},
		{"-a.b", "(- a.b)"},
		{"- a[0]", "(- ([] a 0))"},
		{"-x::int", "(- (:: x INT))"},
		{"+a - -b", "(- (+ a) (- b))"},
		{"2 - -1", "(- 2 -1)"},
		{"a::int + 1", "(+ (:: a INT) 1)"},
		{"a::array<int>[0]", "([] (:: a ARRAY<INT>) 0)"},
		{"a !> b", "(<= a b)"},
		{"a !< b", "(>= a b)"},
		{"a == b", "(= a b)"},
		{"a != b", "(<> a b)"},
		{"a <=> b", "(<=> a b)"},
	}
	for _, tt := range tests {
		e, err := ParseExpression(tt.sql)
		if err != nil {
			t.Errorf("ParseExpression(%q): %v", tt.sql, err)
			continue
		}
		if got := ast.Sexpr(e); got != tt.want {
			t.Errorf("ParseExpression(%q)\n got %s\nwant %s", tt.sql, got, tt.want)
		}
	}
}

func TestParseStatement(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"SELECT 1 + 2 AS a", "(select (alias (+ 1 2) a))"},
		{"SELECT DISTINCT a, b AS c, d e, f AS (g, h) FROM t", "(select distinct a (alias b c) (alias d e) (alias f (g h)) (from (table t)))"},
		{"SELECT ALL a FROM t", "(select all a (from (table t)))"},
		{"SELECT /*+ BROADCAST(t), REPARTITION(3, a) */ * FROM t", "(select (hint (BROADCAST t) (REPARTITION 3 a)) * (from (table t)))"},
		{"SELECT t.*, * EXCEPT (a) FROM db.t AS x (a, b)", "(select t.* (* (except a)) (from (table db.t (as x (a b)))))"},
		{"SELECT * EXCEPT (a.b, c) FROM t", "(select (* (except a.b c)) (from (table t)))"},
		{"SELECT 1 FROM", "(select (alias 1 FROM))"},
		{"SELECT a, FROM t", "(select a (alias FROM t))"},
		{"SELECT a FROM t WHERE (a, b) NOT IN (SELECT 1, 2)", "(select a (from (table t)) (where (not-in (row a b) (select 1 2))))"},
		// Relations and joins.
		{"SELECT * FROM t1, t2 CROSS JOIN t3 NATURAL LEFT JOIN t4 FULL OUTER JOIN t5 ON x LEFT SEMI JOIN t6 ON y LEFT ANTI JOIN t7 ON z RIGHT JOIN t8 USING (k)",
			"(select * (from (table t1) (join-right (join-anti (join-semi (join-full (natural-join-left (join-cross (table t2) (table t3)) (table t4)) (table t5) (on x)) (table t6) (on y)) (table t7) (on z)) (table t8) (using k))))"},
		{"SELECT * FROM a JOIN b JOIN c ON x", "(select * (from (join-inner (join-inner (table a) (table b)) (table c) (on x))))"},
		{"SELECT * FROM (SELECT 1) s, (t1 JOIN t2 ON a = b) j, LATERAL (SELECT a) l",
			"(select * (from (subquery (select 1) (as s)) (paren-rel (join-inner (table t1) (table t2) (on (= a b))) (as j)) (lateral-subquery (select a) (as l))))"},
		{"SELECT * FROM a JOIN LATERAL (SELECT 1) b", "(select * (from (join-inner-lateral (table a) (subquery (select 1) (as b)))))"},
		{"SELECT * FROM ((SELECT 1) t)", "(select * (from (paren-rel (subquery (select 1) (as t)))))"},
		{"SELECT * FROM ((SELECT 1))", "(select * (from (subquery (paren-query (select 1)))))"},
		{`SELECT * FROM range(10), range(1, 5) AS r(id), json_tuple(j, "a") t`,
			`(select * (from (tvf (call range 10)) (tvf (call range 1 5) (as r (id))) (tvf (call json_tuple j "a") (as t))))`},
		{"SELECT * FROM my_tvf(TABLE(t) PARTITION BY a ORDER BY b, x => 1)", "(select * (from (tvf (call my_tvf (table-arg t (partition-by a) (order-by b)) (=> x 1)))))"},
		{"SELECT * FROM f(TABLE(SELECT 1) WITH SINGLE PARTITION)", "(select * (from (tvf (call f (table-arg (select 1) single-partition)))))"},
		{"SELECT IDENTIFIER('a') FROM IDENTIFIER('t')", `(select (call IDENTIFIER "a") (from (table (identifier "t"))))`},
		{"SELECT * FROM t VERSION AS OF 3 a", "(select * (from (table t (as-of-version 3) (as a))))"},
		{"SELECT * FROM t FOR TIMESTAMP AS OF '2020-01-01'", `(select * (from (table t (as-of-timestamp "2020-01-01"))))`},
		{"SELECT * FROM t WITH (k = 'v', x 1)", `(select * (from (table t (options (= k "v") (= x 1)))))`},
		{"SELECT * FROM t TABLESAMPLE (10 PERCENT) REPEATABLE (3)", "(select * (from (table t (tablesample (percent 10) (repeatable 3)))))"},
		{"SELECT * FROM t TABLESAMPLE (5 ROWS)", "(select * (from (table t (tablesample (rows 5)))))"},
		{"SELECT * FROM t TABLESAMPLE (BUCKET 1 OUT OF 4)", "(select * (from (table t (tablesample (bucket 1 4)))))"},
		{"SELECT * FROM t LATERAL VIEW OUTER explode(a) e AS x LATERAL VIEW posexplode(b) p AS i, y",
			"(select * (from (table t) (lateral-view-outer (call explode a) e (x)) (lateral-view (call posexplode b) p (i y))))"},
		{"SELECT * FROM t PIVOT (sum(a) AS s FOR b IN (1 AS one, 2))", "(select * (from (pivot-rel (table t) (pivot (aggs (alias (call sum a) s)) (for b) (in (alias 1 one) 2)))))"},
		{"SELECT * FROM t UNPIVOT INCLUDE NULLS (v FOR k IN (a, b AS bb))", "(select * (from (unpivot-rel (table t) (unpivot include-nulls (values v) (for k) (in a (b (as bb)))))))"},
		{"SELECT * FROM t UNPIVOT ((v1, v2) FOR k IN ((a, b) AS ab, (c, d)))", "(select * (from (unpivot-rel (table t) (unpivot (values v1 v2) (for k) (in (a b (as ab)) (c d))))))"},
		// As in Spark, WHERE (x) right after a table reads as the alias WHERE
		// with a column alias, since both readings parse.
		{"SELECT * FROM t WHERE (x)", "(select * (from (table t (as WHERE (x)))))"},
		{"SELECT * FROM t WHERE (x) AND y", "(select * (from (table t)) (where (and (paren x) y)))"},
		{"SELECT * FROM t LIMIT 1", "(query (select * (from (table t))) (limit 1))"},
		// Grouping and ordering.
		{"SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1 ORDER BY 2 DESC NULLS FIRST, a LIMIT 5 OFFSET 1",
			"(query (select a (call count *) (from (table t)) (group-by a) (having (> (call count *) 1))) (order-by (sort 2 desc nulls-first) a) (limit 5) (offset 1))"},
		{"SELECT a FROM t GROUP BY ALL ORDER BY ALL", "(query (select a (from (table t)) (group-by ALL)) (order-by ALL))"},
		{"SELECT a FROM t GROUP BY 1, 2", "(select a (from (table t)) (group-by 1 2))"},
		{"SELECT a, b FROM t GROUP BY ROLLUP (a, b), CUBE ((a, b), c), GROUPING SETS ((a), (), a)",
			"(select a b (from (table t)) (group-by (rollup a b) (cube (set a b) c) (grouping-sets (set a) (set) a)))"},
		{"SELECT a FROM t GROUP BY (a + 1) * 2", "(select a (from (table t)) (group-by (* (paren (+ a 1)) 2)))"},
		{"SELECT a, b FROM t GROUP BY a, b WITH ROLLUP", "(select a b (from (table t)) (group-by a b with-rollup))"},
		{"SELECT a FROM t GROUP BY a, b GROUPING SETS ((a), (b))", "(select a (from (table t)) (group-by a b (grouping-sets (set a) (set b))))"},
		{"SELECT a FROM t WINDOW w AS (PARTITION BY b), w2 AS w", "(select a (from (table t)) (window w (over (partition-by b))) (window w2 (over w)))"},
		{"SELECT a FROM t CLUSTER BY a", "(query (select a (from (table t))) (cluster-by a))"},
		{"SELECT a FROM t DISTRIBUTE BY a SORT BY b", "(query (select a (from (table t))) (distribute-by a) (sort-by b))"},
		{"SELECT a FROM t LIMIT ALL", "(query (select a (from (table t))) (limit all))"},
		// VALUES, TABLE, FROM-first.
		{"VALUES (1, 2), (3, 4) AS t(a, b)", "(values (row 1 2) (row 3 4) (as t (a b)))"},
		{"VALUES 1, 2", "(values 1 2)"},
		{"SELECT * FROM VALUES (1), (2) AS v(x)", "(select * (from (values (paren 1) (paren 2) (as v (x)))))"},
		{"TABLE t", "(table t)"},
		{"FROM t SELECT a WHERE b > 1", "(from-query (from (table t)) (select a (where (> b 1))))"},
		{"FROM t", "(from-query (from (table t)))"},
		// Set operations: INTERSECT binds tighter than UNION and EXCEPT.
		{"SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3", "(union-distinct (union-all (select 1) (select 2)) (select 3))"},
		{"SELECT 1 UNION SELECT 2 INTERSECT SELECT 3", "(union (select 1) (intersect (select 2) (select 3)))"},
		{"SELECT 1 INTERSECT SELECT 2 UNION SELECT 3", "(union (intersect (select 1) (select 2)) (select 3))"},
		{"SELECT 1 EXCEPT SELECT 2 MINUS SELECT 3", "(except (except (select 1) (select 2)) (select 3))"},
		{"(SELECT 1) UNION ((SELECT 2) ORDER BY 1) LIMIT 3", "(query (union (paren-query (select 1)) (paren-query (query (paren-query (select 2)) (order-by 1)))) (limit 3))"},
		{"SELECT 1 x UNION SELECT 2", "(union (select (alias 1 x)) (select 2))"},
		// WITH.
		{"WITH a AS (SELECT 1), b (x) AS (SELECT 2) SELECT * FROM a, b", "(query (with (cte a (select 1)) (cte b (x) (select 2))) (select * (from (table a) (table b))))"},
		{"WITH a (SELECT 1) SELECT * FROM a", "(query (with (cte a (select 1))) (select * (from (table a))))"},
		{"WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r",
			"(query (with-recursive (cte r (union-all (select 1) (select (+ n 1) (from (table r)))))) (select * (from (table r))))"},
		// Pipe syntax and script transforms.
		{"TABLE t |> WHERE a > 1 |> SELECT a, b |> EXTEND a + 1 AS c |> SET c = 2 |> DROP b |> AS x |> LIMIT 3",
			"(|> order (|> as (|> drop (|> set (|> extend (|> select (|> where (table t) (select (where (> a 1)))) (select a b)) (alias (+ a 1) c)) (= c 2)) b) x) (limit 3))"},
		{"FROM t |> AGGREGATE sum(a) AS s GROUP BY b |> JOIN u ON x |> UNION ALL TABLE v |> TABLESAMPLE (1 ROWS)",
			"(|> tablesample (|> union (|> join (|> aggregate (from-query (from (table t))) (select (alias (call sum a) s) (group-by b))) (join-inner (table u) (on x))) (union-all (table v))) (tablesample (rows 1)))"},
		{"SELECT TRANSFORM(a, b) USING 'cat' AS (x STRING, y INT) FROM t", `(select (transform a b (using "cat") (as x:STRING y:INT)) (from (table t)))`},
		{"SELECT 1;;", "(select 1)"},
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
		if err := checkPositions(tt.sql, st); err != nil {
			t.Errorf("ParseStatement(%q): %v", tt.sql, err)
		}
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		opts      Options
		sql, want string
	}{
		{Options{}, `SELECT "a"`, `(select "a")`},
		{Options{DoubleQuotedIdentifiers: true}, `SELECT "a b" FROM "t"`, "(select `a b` (from (table t)))"},
		// A doubled quote inside a literal is an escaped quote.
		{Options{}, `SELECT 'it''s'`, `(select "it's")`},
		{Options{}, `SELECT "S""par""k"`, `(select "S\"par\"k")`},
		{Options{}, `SELECT 'a' 'b'`, `(select "ab")`},
		{Options{LegacyConsecutiveStringLiterals: true}, `SELECT 'it''s'`, `(select "its")`},
		{Options{DoubleQuotedIdentifiers: true}, `SELECT 1 AS "a""b"`, "(select (alias 1 `a\"b`))"},
		{Options{LegacySetOpsPrecedence: true}, "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3", "(intersect (union (select 1) (select 2)) (select 3))"},
		{Options{}, "SELECT from FROM t", "(select from (from (table t)))"},
		{Options{EscapedStringLiterals: true}, `SELECT '\n'`, `(select "\\n")`},
	}
	for _, tt := range tests {
		st, err := tt.opts.ParseStatement(tt.sql)
		if err != nil {
			t.Errorf("%+v ParseStatement(%q): %v", tt.opts, tt.sql, err)
			continue
		}
		if got := ast.Sexpr(st); got != tt.want {
			t.Errorf("%+v ParseStatement(%q)\n got %s\nwant %s", tt.opts, tt.sql, got, tt.want)
		}
	}
	// Reserved keywords are rejected as identifiers in ANSI keyword mode.
	_, err := Options{EnforceReservedKeywords: true}.ParseStatement("SELECT from FROM t")
	if e, ok := err.(*Error); !ok || e.Class != "PARSE_SYNTAX_ERROR" || e.Params["error"] != "'from'" {
		t.Errorf("reserved keyword as identifier: got %v", err)
	}
	if _, err := (Options{EnforceReservedKeywords: true}).ParseStatement("SELECT year FROM t"); err != nil {
		t.Errorf("non-reserved keyword as identifier: %v", err)
	}
}

func TestParseStatements(t *testing.T) {
	sts, err := ParseStatements("SELECT 1; ; SELECT 'a;b' -- c;\n; VALUES 2;")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sts {
		got = append(got, ast.Sexpr(s))
	}
	want := []string{"(select 1)", `(select "a;b")`, "(values 2)"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d: got %s, want %s", i, got[i], want[i])
		}
	}
	if sts[2].Pos().Offset != 33 {
		t.Errorf("third statement starts at %v, want offset 33", sts[2].Pos())
	}
	_, err = ParseStatements("SELECT 1; SELECT (; SELECT 2")
	if e, ok := err.(*Error); !ok || e.Params["error"] != "end of input" || e.Pos.Offset != 18 {
		t.Errorf("error in second statement: got %#v", err)
	}
}

// TestTypedLiteralsAccepted lists date, timestamp and interval strings
// Spark accepts.
func TestTypedLiteralsAccepted(t *testing.T) {
	for _, sql := range []string{
		"DATE '2020-01-01'", "DATE '2020'", "DATE '2020-1'", "DATE ' 2020-01-01 garbage'", "DATE '+12345-01-01'",
		"DATE '2020-01-01T10'", "DATE 'today'", "DATE 'epoch'", "DATE 'yesterday UTC'", "DATE '2020-02-29'",
		"TIMESTAMP '2020-01-01 10:11:12.123456'", "TIMESTAMP '2020-01-01T10:11:12Z'",
		"TIMESTAMP '2020-01-01 10:11:12 America/Los_Angeles'", "TIMESTAMP '2020-01-01 10:11:12+08:00'",
		"TIMESTAMP '2020-01-01 10:11:12 UTC+1'", "TIMESTAMP '10:11:12'", "TIMESTAMP 'now'",
		"TIMESTAMP_NTZ '2020-01-01 10:11:12.123456789'", "TIMESTAMP_LTZ '2020-01-01'", "TIMESTAMP '2020-01-01 10:11'",
		"X''", "X'ABC'", "INTERVAL '1 day 2 hours'", "INTERVAL 'interval 1 year 2 months'", "INTERVAL '-1 week'",
		"INTERVAL '1.5 seconds'", "INTERVAL '1 millisecond 2 microseconds'", "INTERVAL 1 YEAR 2 MONTHS",
		"INTERVAL -1 DAY '2' HOURS", "INTERVAL '1-2' YEAR TO MONTH", "INTERVAL '-1 2:03:04.5' DAY TO SECOND",
		"INTERVAL '12:30' HOUR TO MINUTE", "INTERVAL '30:15.123' MINUTE TO SECOND", "INTERVAL '1' DAY",
		"INTERVAL 1.5 SECONDS",
	} {
		if _, err := ParseExpression(sql); err != nil {
			t.Errorf("ParseExpression(%q): %v", sql, err)
		}
	}
}

func TestParseQueryAndDataType(t *testing.T) {
	q, err := ParseQuery("SELECT a FROM t ORDER BY a")
	if err != nil || ast.Sexpr(q) != "(query (select a (from (table t))) (order-by a))" {
		t.Errorf("ParseQuery: %v %v", ast.Sexpr(q), err)
	}
	if _, err := ParseQuery("SELECT 1; SELECT 2"); err == nil {
		t.Error("ParseQuery accepted two statements")
	}
	for _, tt := range []struct{ sql, want string }{
		{"int", "INT"},
		{"decimal(10, 2)", "DECIMAL(10,2)"},
		{"array<struct<a: int not null comment 'x', `b c` string>>", `ARRAY<STRUCT<a:INT NOT NULL COMMENT "x",` + "`b c`" + `:STRING>>`},
		{"map<string, array<int>>", "MAP<STRING,ARRAY<INT>>"},
		{"struct<>", "STRUCT<>"},
		{"interval year to month", "INTERVAL YEAR TO MONTH"},
		{"interval second", "INTERVAL SECOND"},
		{"string collate utf8_lcase", "STRING COLLATE utf8_lcase"},
		{"varchar(10)", "VARCHAR(10)"},
	} {
		dt, err := ParseDataType(tt.sql)
		if err != nil {
			t.Errorf("ParseDataType(%q): %v", tt.sql, err)
			continue
		}
		if got := ast.DataTypeString(dt); got != tt.want {
			t.Errorf("ParseDataType(%q) = %s, want %s", tt.sql, got, tt.want)
		}
	}
}

// TestLiteralTypes checks the Spark types given to literals.
func TestLiteralTypes(t *testing.T) {
	tests := []struct {
		sql         string
		kind        ast.LiteralKind
		typ         ast.LiteralType
		value       string
		prec, scale int
	}{
		{"1", ast.IntegerLit, ast.TypeInt, "1", 0, 0},
		{"-2147483648", ast.IntegerLit, ast.TypeInt, "-2147483648", 0, 0},
		{"2147483648", ast.IntegerLit, ast.TypeBigInt, "2147483648", 0, 0},
		{"-9223372036854775808", ast.IntegerLit, ast.TypeBigInt, "-9223372036854775808", 0, 0},
		{"9223372036854775808", ast.IntegerLit, ast.TypeDecimal, "9223372036854775808", 19, 0},
		{"10L", ast.BigIntLit, ast.TypeBigInt, "10", 0, 0},
		{"-10S", ast.SmallIntLit, ast.TypeSmallInt, "-10", 0, 0},
		{"-128Y", ast.TinyIntLit, ast.TypeTinyInt, "-128", 0, 0},
		{"1.5", ast.DecimalLit, ast.TypeDecimal, "1.5", 2, 1},
		{"0.001", ast.DecimalLit, ast.TypeDecimal, "0.001", 3, 3},
		{"1.", ast.DecimalLit, ast.TypeDecimal, "1.", 1, 0},
		{".5", ast.DecimalLit, ast.TypeDecimal, ".5", 1, 1},
		{"123.4500", ast.DecimalLit, ast.TypeDecimal, "123.4500", 7, 4},
		{"1e10", ast.ExponentLit, ast.TypeDouble, "1e10", 0, 0},
		{"-1.5E-3", ast.ExponentLit, ast.TypeDouble, "-1.5E-3", 0, 0},
		{"1.5D", ast.DoubleLit, ast.TypeDouble, "1.5", 0, 0},
		{"1.5F", ast.FloatLit, ast.TypeFloat, "1.5", 0, 0},
		{"1.5BD", ast.BigDecimalLit, ast.TypeDecimal, "1.5", 2, 1},
		{"1E10BD", ast.BigDecimalLit, ast.TypeDecimal, "1E10", 11, 0},
		{"1.20E-2BD", ast.BigDecimalLit, ast.TypeDecimal, "1.20E-2", 4, 4},
		{"'x'", ast.StringLit, ast.TypeString, "x", 0, 0},
		{"NULL", ast.NullLit, ast.TypeNull, "", 0, 0},
		{"FALSE", ast.BoolLit, ast.TypeBoolean, "false", 0, 0},
	}
	for _, tt := range tests {
		e, err := ParseExpression(tt.sql)
		if err != nil {
			t.Errorf("%s: %v", tt.sql, err)
			continue
		}
		l, ok := e.(*ast.Literal)
		if !ok {
			t.Errorf("%s: got %T", tt.sql, e)
			continue
		}
		if l.Kind != tt.kind || l.Type != tt.typ || l.Value != tt.value || l.Precision != tt.prec || l.Scale != tt.scale {
			t.Errorf("%s: got %v %v %q (%d,%d), want %v %v %q (%d,%d)", tt.sql, l.Kind, l.Type, l.Value,
				l.Precision, l.Scale, tt.kind, tt.typ, tt.value, tt.prec, tt.scale)
		}
	}
	o := Options{LegacyExponentLiteralAsDecimal: true}
	e, err := o.ParseExpression("1.5e3")
	if l, ok := e.(*ast.Literal); err != nil || !ok || l.Type != ast.TypeDecimal || l.Precision != 4 || l.Scale != 0 {
		t.Errorf("legacy exponent literal: %#v %v", e, err)
	}
}

// TestDenseTokens parses texts with more tokens than the token array is
// first sized for (a token every four bytes), so that it grows while the
// parentheses are matched. ParseStatements, which matches them once all
// tokens are scanned, gives the expected tree.
func TestDenseTokens(t *testing.T) {
	for _, n := range []int{10, 1000, 50000} {
		// Parentheses before and after the token array grows.
		sql := "SELECT ((SELECT 1) UNION (SELECT 2)) + " + strings.Repeat("(1)+", n) + "((SELECT 1) UNION (SELECT 2))"
		st, err := ParseStatement(sql)
		if err != nil {
			t.Fatalf("%d: %v", n, err)
		}
		got := ast.Sexpr(st)
		if strings.Count(got, "(subquery (union (paren-query (select 1)) (paren-query (select 2))))") != 2 {
			t.Errorf("%d: %.300s", n, got)
		}
		sts, err := ParseStatements(sql)
		if err != nil || len(sts) != 1 || ast.Sexpr(sts[0]) != got {
			t.Errorf("%d: ParseStatements differs: %v", n, err)
		}
	}
}

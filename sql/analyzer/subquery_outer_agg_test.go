package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// outcome is a resolved plan's schema line, or the class of the error resolving it.
func outcome(t *testing.T, n plan.Node, err error) string {
	t.Helper()
	if err != nil {
		e, ok := sparkerror.As(err)
		if !ok {
			t.Fatalf("not a Spark error: %v", err)
		}
		return e.Class
	}
	return schemaString(n)
}

// Subqueries in HAVING and their outer references, after Spark's golden files
// (exists-having.sql, having.sql, postgreSQL/aggregates_part1.sql, groupingsets.sql,
// negative-cases/invalid-correlation.sql).
func TestHavingSubqueryOuterAggregates(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, want string }{
		// An aggregate of outer columns is computed by the outer aggregate.
		{"SELECT a, count(*) FROM t GROUP BY a HAVING EXISTS (SELECT 1 FROM u WHERE u.c < min(t.a))", "struct<a:int,count(1):bigint>"},
		{"SELECT a FROM t GROUP BY a HAVING max(a) = (SELECT 1 WHERE max(a) = 1)", "struct<a:int>"},
		{"SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a)) HAVING EXISTS (SELECT 1 FROM u WHERE sum(DISTINCT t.a) = u.a)", "struct<a:int>"},
		// Two levels: each HAVING computes the aggregates of its own input.
		{"SELECT a FROM t GROUP BY a HAVING (SELECT max(u.a) FROM u WHERE u.a = max(t.a) GROUP BY u.a " +
			"HAVING (SELECT s.id FROM s WHERE s.id = max(u.a)) > 0) > 0", "struct<a:int>"},
		// Outer and local columns in one aggregate: neither query can compute it.
		{"SELECT a FROM t GROUP BY a HAVING EXISTS (SELECT 1 FROM u WHERE sum(t.a + u.a) = u.a)",
			"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.AGGREGATE_FUNCTION_MIXED_OUTER_LOCAL_REFERENCES"},
		// An outer column neither grouped nor aggregated is not there above the aggregate.
		{"SELECT a FROM t GROUP BY a HAVING EXISTS (SELECT 1 FROM u WHERE u.a = length(t.b))",
			"MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE_MISSING_FROM_INPUT"},
		// A grouping column is.
		{"SELECT count(*) FROM t GROUP BY a HAVING EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", "struct<count(1):bigint>"},
		// An aggregate of outer columns where no aggregate computes it.
		{"SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = max(t.a))", "INVALID_WHERE_CONDITION"},
		// Aggregates of the subquery's own columns stay invalid in its WHERE.
		{"SELECT a FROM t GROUP BY a HAVING EXISTS (SELECT 1 FROM u WHERE max(u.a) = 1)", "INVALID_WHERE_CONDITION"},
	} {
		n, err := analyze(t, cat, c.sql)
		if got := outcome(t, n, err); got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.sql, got, err, c.want)
		}
	}
}

// The lifted aggregate is an extra output of the outer aggregate, and the subquery reads
// it as an outer reference.
func TestHavingSubqueryReadsLiftedAggregate(t *testing.T) {
	cat := testCatalog(t)
	n, err := analyze(t, cat, "SELECT a FROM t GROUP BY a HAVING EXISTS (SELECT 1 FROM u WHERE u.c < min(t.a))")
	if err != nil {
		t.Fatal(err)
	}
	var agg *plan.Aggregate
	var ex *plan.Exists
	var find func(x plan.Node)
	find = func(x plan.Node) {
		switch v := x.(type) {
		case *plan.Aggregate:
			agg = v
		case *plan.Filter:
			if e, ok := v.Cond.(*plan.Exists); ok {
				ex = e
			}
		}
		for _, c := range x.Children() {
			find(c)
		}
	}
	find(n)
	if agg == nil || ex == nil {
		t.Fatalf("no aggregate or EXISTS filter in\n%s", plan.Explain(n))
	}
	outs := map[plan.ExprID]string{}
	for _, o := range agg.Output() {
		outs[o.ID] = o.Name
	}
	if len(ex.Query.Outer) != 1 || outs[ex.Query.Outer[0].ID] != "min(a)" {
		t.Fatalf("subquery outer references %v, want the aggregate's min(a) among %v", ex.Query.Outer, agg.Output())
	}
	var inSub func(x plan.Node)
	inSub = func(x plan.Node) {
		for _, e := range plan.Expressions(x) {
			plan.Walk(e, func(y plan.Expr) bool {
				if _, ok := y.(*plan.AggregateCall); ok {
					t.Errorf("the subquery still computes %v", y)
				}
				return true
			})
		}
		for _, c := range x.Children() {
			inSub(c)
		}
	}
	inSub(ex.Query.Plan)
	// The extra output does not show.
	if got := schemaString(n); got != "struct<a:int>" {
		t.Errorf("schema %s", got)
	}
}

// Spark resolves names one query level out only, and a name ambiguous there stays
// unresolved (postgreSQL/aggregates_part1.sql, invalid-correlation.sql).
func TestOuterReferencesOneLevel(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, want string }{
		{"SELECT (SELECT 1 FROM u WHERE u.a = t.a) FROM t", "struct<scalarsubquery(a):int>"},
		{"SELECT (SELECT max((SELECT s.id FROM s WHERE s.id = t.a))) FROM t", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT t.a FROM t JOIN t AS t2 ON EXISTS (SELECT 1 FROM u WHERE u.c > b)", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT t.a FROM t JOIN t AS t2 ON EXISTS (SELECT 1 FROM u WHERE u.c > t2.a)", "struct<a:int>"},
	} {
		n, err := analyze(t, cat, c.sql)
		if got := outcome(t, n, err); got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.sql, got, err, c.want)
		}
	}
}

// With spark.sql.optimizer.scalarSubqueryUseSingleJoin false, a correlated scalar subquery
// must be proven to return one row per outer row (scalar-subquery-group-by.sql).
func TestScalarSubqueryGroupByCheck(t *testing.T) {
	cat := testCatalog(t)
	noSingle := mapSettings{"spark.sql.optimizer.scalarSubqueryUseSingleJoin": "false"}
	legacy := mapSettings{"spark.sql.optimizer.scalarSubqueryUseSingleJoin": "false",
		"spark.sql.legacy.scalarSubqueryAllowGroupByNonEqualityCorrelatedPredicate": "true"}
	for _, c := range []struct {
		settings mapSettings
		sql      string
		want     string
	}{
		// By default the single join checks at run time.
		{nil, "SELECT (SELECT count(*) FROM u WHERE u.a > t.a GROUP BY u.a) FROM t", "struct<scalarsubquery(a):bigint>"},
		{noSingle, "SELECT (SELECT count(*) FROM u WHERE u.a > t.a GROUP BY u.a) FROM t",
			"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.NON_CORRELATED_COLUMNS_IN_GROUP_BY"},
		{noSingle, "SELECT (SELECT count(*) FROM u WHERE u.a + 1 = t.a AND u.c = 1 GROUP BY u.c) FROM t", "struct<scalarsubquery(a):bigint>"},
		{noSingle, "SELECT (SELECT count(*) FROM u WHERE u.a = t.a GROUP BY u.a) FROM t", "struct<scalarsubquery(a):bigint>"},
		// Grouping by an outer column is an outer reference outside WHERE/HAVING.
		{noSingle, "SELECT (SELECT count(*) FROM u WHERE u.a = t.a GROUP BY t.a) FROM t",
			"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE"},
		{noSingle, "SELECT (SELECT count(*) FROM (SELECT * FROM u WHERE u.a = t.a UNION ALL SELECT * FROM u) GROUP BY a) FROM t",
			"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.NON_CORRELATED_COLUMNS_IN_GROUP_BY"},
		{noSingle, "SELECT (SELECT u.c FROM u WHERE u.a = t.a) FROM t",
			"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY"},
		{noSingle, "SELECT (SELECT u.c FROM u WHERE u.a = t.a LIMIT 1) FROM t", "struct<scalarsubquery(a):double>"},
		// The legacy rule lets a grouping column of any correlated predicate through.
		{legacy, "SELECT (SELECT count(*) FROM u WHERE u.a > t.a GROUP BY u.a) FROM t", "struct<scalarsubquery(a):bigint>"},
		{legacy, "SELECT (SELECT count(*) FROM u WHERE u.a > t.a GROUP BY u.c) FROM t",
			"UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.NON_CORRELATED_COLUMNS_IN_GROUP_BY"},
	} {
		opts := analyzer.Options{ANSI: true, Catalog: cat}
		if c.settings != nil {
			opts.Settings = c.settings
		}
		n, err := analyzeWith(t, opts, c.sql)
		if got := outcome(t, n, err); got != c.want {
			t.Errorf("%v %s:\n got %s (%v)\nwant %s", c.settings, c.sql, got, err, c.want)
		}
	}
}

// A correlated scalar subquery of an aggregate's select list must be grouped by or
// aggregated (Spark's assertValidAggregation), group-by-all.sql.
func TestScalarSubqueryInAggregate(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct{ sql, want string }{
		{"SELECT a, (SELECT max(u.c) FROM u WHERE u.a = t.a) FROM t GROUP BY a", "SCALAR_SUBQUERY_IS_IN_GROUP_BY_OR_AGGREGATE_FUNCTION"},
		{"SELECT (SELECT max(u.c) FROM u WHERE u.a = t.a) + 1, count(*) FROM t", "SCALAR_SUBQUERY_IS_IN_GROUP_BY_OR_AGGREGATE_FUNCTION"},
		{"SELECT a, (SELECT max(u.c) FROM u WHERE u.a = t.a), count(*) FROM t GROUP BY ALL", "struct<a:int,scalarsubquery(a):double,count(1):bigint>"},
		{"SELECT a, max((SELECT max(u.c) FROM u WHERE u.a = t.a)) FROM t GROUP BY a", "struct<a:int,max(scalarsubquery(a)):double>"},
		{"SELECT a, (SELECT max(u.c) FROM u) FROM t GROUP BY a", "struct<a:int,scalarsubquery():double>"},
	} {
		n, err := analyze(t, cat, c.sql)
		if got := outcome(t, n, err); got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.sql, got, err, c.want)
		}
	}
}

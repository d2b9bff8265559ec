package analyzer_test

import (
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Column names that depend on resolution order, as Spark's golden files show them:
// an ordering comparison of an integral with a DECIMAL literal is named after Spark's
// rewrite (operators.sql: 1 > 0.00001 is (1 > 0)); CURRENT_DATE and friends without
// parentheses read a column of that name first (timestamp.sql: typeof(current_date) over a
// view with such a column is typeof(current_date)); to_char of a datetime is named
// date_format (datetime-formatting.sql).
func TestResolutionOrderNames(t *testing.T) {
	cat := testCatalog(t)
	cases := []struct{ sql, want string }{
		{"select 1 > 0.00001", "struct<(1 > 0):boolean>"},
		{"select 1 >= 0.5, 1 < 0.5, 1 <= 1.5, 0.5 > a, 0.5 >= a FROM t",
			"struct<(1 >= 1):boolean,(1 < 1):boolean,(1 <= 1):boolean,(1 > a):boolean,(0 >= a):boolean>"},
		// Equality and decimal columns keep their operands.
		{"select 1 = 0.5, 1.5 > 1.0", "struct<(1 = 0.5):boolean,(1.5 > 1.0):boolean>"},
		// Beyond BIGINT the comparison is a constant.
		{"select a < 100000000000000000000.5 FROM t", "struct<true:boolean>"},
		{"select typeof(current_date), typeof(current_timestamp) from values (1, 2) as v(current_date, current_timestamp)",
			"struct<typeof(current_date):string,typeof(current_timestamp):string>"},
		{"select current_date = current_date, current_timestamp IS NULL",
			"struct<(current_date() = current_date()):boolean,(current_timestamp() IS NULL):boolean>"},
		{"select typeof(user) from values ('x') as v(user)", "struct<typeof(user):string>"},
		// Without such a column the name is the call's (LiteralFunctionResolution's alias).
		{"select current_date, current_timestamp, user, session_user from t",
			"struct<current_date():date,current_timestamp():timestamp,current_user():string,current_user():string>"},
		{"select current_date from values (1) as v(current_date)", "struct<current_date:int>"},
		// A seed the call does not give is Spark's hidden random seed.
		{"select rand(), random(), randn(), uniform(1, 2), randstr(3), rand(0)",
			"struct<rand():double,random():double,randn():double,uniform(1, 2):int,randstr(3):string,rand(0):double>"},
		{"select to_char(date'2023-08-18', 'yyyy-MM-dd'), to_varchar(timestamp'2023-08-18 01:02:03', 'HH')",
			"struct<date_format(DATE '2023-08-18', yyyy-MM-dd):string,date_format(TIMESTAMP '2023-08-18 01:02:03', HH):string>"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		got := ""
		if err != nil {
			e, ok := sparkerror.As(err)
			if !ok {
				t.Errorf("%s: %v", c.sql, err)
				continue
			}
			got = e.Class
		} else {
			got = schemaString(n)
		}
		if got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.sql, got, err, c.want)
		}
	}
}

// spark.sql.legacy.timeParserPolicy is bound into the calls that parse or format with a
// pattern, as the function variant the kernels register.
func TestTimeParserPolicyBinding(t *testing.T) {
	cat := testCatalog(t)
	sql := "select to_timestamp('1', 'y'), to_date('1', 'y'), try_to_timestamp('1', 'y'), unix_timestamp('1', 'y'), " +
		"date_format(timestamp'2020-01-01 00:00:00', 'y'), from_unixtime(0), to_char(date'2020-01-01', 'y'), " +
		"from_json('{}', 'a int'), to_csv(named_struct('a', 1)), to_timestamp('2020-01-01')"
	for policy, suffix := range map[string]string{"": "", "CORRECTED": "", "legacy": "_time_legacy", "EXCEPTION": "_time_exception"} {
		opts := analyzer.Options{ANSI: true, Catalog: cat, Settings: mapSettings{"spark.sql.legacy.timeParserPolicy": policy}}
		n, err := analyzeWith(t, opts, sql)
		if err != nil {
			t.Fatal(err)
		}
		var fns []string
		for _, e := range plan.Expressions(n) {
			plan.Walk(e, func(x plan.Expr) bool {
				if c, ok := x.(*plan.Call); ok {
					fns = append(fns, c.Fn)
				}
				return true
			})
		}
		want := []string{"get_timestamp", "get_timestamp_to_date", "try_get_timestamp", "unix_timestamp", "date_format",
			"from_unixtime", "date_format", "from_json", "to_csv"}
		for _, w := range want {
			found := false
			for _, f := range fns {
				found = found || f == w+suffix
			}
			if !found {
				t.Errorf("policy %q: no call of %s in %v", policy, w+suffix, fns)
			}
		}
	}
}

// A call without a seed gets one when the query is analyzed: the same at each read of a
// CTE (cte.sql: a CTE of random() read twice gives the same rows), different for each call.
func TestHiddenRandomSeeds(t *testing.T) {
	cat := testCatalog(t)
	n, err := analyze(t, cat, "WITH q(x, y) AS (SELECT rand(), rand() FROM t) SELECT * FROM q UNION ALL SELECT * FROM q")
	if err != nil {
		t.Fatal(err)
	}
	var seeds []int64
	var visit func(plan.Node)
	visit = func(x plan.Node) {
		for _, e := range plan.Expressions(x) {
			plan.Walk(e, func(y plan.Expr) bool {
				if c, ok := y.(*plan.Call); ok && c.Fn == "rand" && len(c.Args) == 1 {
					if l, ok := c.Args[0].(*plan.Literal); ok {
						seeds = append(seeds, l.Value.(int64))
					}
				}
				return true
			})
		}
		for _, c := range x.Children() {
			visit(c)
		}
	}
	visit(n)
	if len(seeds) != 4 || seeds[0] != seeds[2] || seeds[1] != seeds[3] || seeds[0] == seeds[1] {
		t.Fatalf("seeds %v: want two reads of two distinct seeds", seeds)
	}
}

package optimizer_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/plan"
)

type mapSettings map[string]string

func (m mapSettings) String(key string) string { return m[key] }

func TestOptionsFrom(t *testing.T) {
	for _, c := range []struct {
		settings mapSettings
		want     optimizer.Options
	}{
		{mapSettings{}, optimizer.Options{}},
		{mapSettings{"spark.sql.ansi.enabled": "true"}, optimizer.Options{}},
		// Without ANSI mode, Spark keeps the legacy NULL IN (empty list) semantics.
		{mapSettings{"spark.sql.ansi.enabled": "false"}, optimizer.Options{LegacyNullInEmptyList: true}},
		{mapSettings{"spark.sql.ansi.enabled": "false", "spark.sql.legacy.nullInEmptyListBehavior": "false"}, optimizer.Options{}},
		{mapSettings{"spark.sql.legacy.nullInEmptyListBehavior": "TRUE",
			"spark.sql.optimizer.optimizeUncorrelatedInSubqueriesInJoinCondition.enabled": "true",
			"spark.sql.optimizer.decorrelateSubqueryLegacyIncorrectCountHandling.enabled": "true",
			"spark.sql.optimizer.scalarSubqueryUseSingleJoin":                             "false"},
			optimizer.Options{LegacyNullInEmptyList: true, InSubqueryJoinsInJoinConditions: true, LegacyCountBug: true, NoSingleJoin: true}},
	} {
		if got := optimizer.OptionsFrom(c.settings); got != c.want {
			t.Errorf("%v: %+v, want %+v", c.settings, got, c.want)
		}
	}
}

// spark.sql.legacy.nullInEmptyListBehavior (in-null-semantics.sql): a NULL IN (subquery)
// folds to NULL, and an uncorrelated IN a join condition keeps is NULL for a NULL value.
func TestLegacyNullInEmptyList(t *testing.T) {
	legacy := optimizer.Options{LegacyNullInEmptyList: true}
	_, out, err := optimizeWith(t, "SELECT CAST(NULL AS INT) IN (SELECT a FROM u)", legacy)
	if err != nil {
		t.Fatal(err)
	}
	folded := false
	if p, ok := out.(*plan.Project); ok {
		if al, ok := p.Exprs[0].(*plan.Alias); ok {
			lit, isLit := al.Child.(*plan.Literal)
			folded = isLit && lit.Value == nil
		}
	}
	if !folded || len(joins(out)) != 0 {
		t.Errorf("NULL IN (subquery) not folded:\n%s", plan.Explain(out))
	}
	_, out, err = optimizeWith(t, "SELECT CAST(NULL AS INT) IN (SELECT a FROM u)", optimizer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(joins(out)) == 0 {
		t.Errorf("without the legacy setting the IN subquery is evaluated:\n%s", plan.Explain(out))
	}

	const onIn = "SELECT * FROM t LEFT JOIN u ON (t.a IN (SELECT a FROM v)) IS NULL"
	condOf := func(opts optimizer.Options) string {
		_, out, err := optimizeWith(t, onIn, opts)
		if err != nil {
			t.Fatal(err)
		}
		var cond string
		var find func(plan.Node)
		find = func(n plan.Node) {
			if j, ok := n.(*plan.Join); ok && j.Cond != nil {
				cond = j.Cond.String()
			}
			for _, c := range n.Children() {
				find(c)
			}
		}
		find(out)
		return cond
	}
	if c := condOf(legacy); !strings.Contains(c, "CASE WHEN isnull(a)") {
		t.Errorf("legacy join condition %s", c)
	}
	if c := condOf(optimizer.Options{}); strings.Contains(c, "CASE") {
		t.Errorf("join condition %s", c)
	}
	if c := condOf(optimizer.Options{LegacyNullInEmptyList: true, InSubqueryJoinsInJoinConditions: true}); strings.Contains(c, "CASE") {
		t.Errorf("join condition %s", c)
	}
}

// spark.sql.optimizer.scalarSubqueryUseSingleJoin = false joins with a plain left join.
func TestNoSingleJoin(t *testing.T) {
	const q = "SELECT a, (SELECT b FROM u WHERE u.a = t.a) FROM t"
	for _, c := range []struct {
		opts optimizer.Options
		join string
	}{
		{optimizer.Options{}, "LeftSingle"},
		{optimizer.Options{NoSingleJoin: true}, "LeftOuter"},
	} {
		_, out, err := optimizeWith(t, q, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(joins(out), ","); got != c.join {
			t.Errorf("%+v: joins %q, want %q", c.opts, got, c.join)
		}
	}
}

// spark.sql.optimizer.decorrelateSubqueryLegacyIncorrectCountHandling.enabled gives a
// grouped count 0 for the outer rows no group matches (scalar-subquery-count-bug.sql).
func TestLegacyCountBug(t *testing.T) {
	const q = "SELECT a, (SELECT count(*) FROM u WHERE u.a = t.a GROUP BY u.a) FROM t"
	for _, c := range []struct {
		opts   optimizer.Options
		marker bool
	}{
		{optimizer.Options{}, false},
		{optimizer.Options{LegacyCountBug: true}, true},
	} {
		_, out, err := optimizeWith(t, q, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		if s := plan.Explain(out); strings.Contains(s, "alwaysTrue") != c.marker {
			t.Errorf("%+v: count-bug marker %v, want %v:\n%s", c.opts, !c.marker, c.marker, s)
		}
	}
}

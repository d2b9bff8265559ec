package optimizer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
)

// Options are the session settings the rules read. The zero value is Spark's defaults
// with ANSI mode on.
type Options struct {
	// LegacyNullInEmptyList is spark.sql.legacy.nullInEmptyListBehavior (on by default
	// when ANSI mode is off): NULL IN (subquery) is NULL, also when the subquery is empty,
	// where Spark evaluates the IN itself (a NULL value, an IN kept in a join condition).
	LegacyNullInEmptyList bool
	// InSubqueryJoinsInJoinConditions is
	// spark.sql.optimizer.optimizeUncorrelatedInSubqueriesInJoinCondition.enabled: Spark
	// then rewrites an uncorrelated IN of a join condition into a join, where the legacy
	// NULL semantics above do not show.
	InSubqueryJoinsInJoinConditions bool
	// LegacyCountBug is
	// spark.sql.optimizer.decorrelateSubqueryLegacyIncorrectCountHandling.enabled: a
	// correlated scalar subquery that aggregates with a GROUP BY also takes its aggregate's
	// value over no rows (0 for count) for the outer rows no group matches.
	LegacyCountBug bool
	// NoSingleJoin is spark.sql.optimizer.scalarSubqueryUseSingleJoin = false: a
	// correlated scalar subquery joins with a plain left outer join even where it may
	// return several rows for one outer row (the analyzer rejects the queries it cannot
	// prove safe, unless a legacy setting lets them through).
	NoSingleJoin bool
}

// Settings is the view of the session configuration OptionsFrom reads: *sqlconf.Conf
// satisfies it.
type Settings interface {
	// String is the value of key as the session shows it, "" when it has none.
	String(key string) string
}

// OptionsFrom reads the optimizer's options from a session configuration.
func OptionsFrom(s Settings) Options {
	flag := func(key string, def bool) bool {
		switch strings.ToLower(strings.TrimSpace(s.String(key))) {
		case "true":
			return true
		case "false":
			return false
		}
		return def
	}
	ansi := flag("spark.sql.ansi.enabled", true)
	return Options{
		LegacyNullInEmptyList:           flag("spark.sql.legacy.nullInEmptyListBehavior", !ansi),
		InSubqueryJoinsInJoinConditions: flag("spark.sql.optimizer.optimizeUncorrelatedInSubqueriesInJoinCondition.enabled", false),
		LegacyCountBug:                  flag("spark.sql.optimizer.decorrelateSubqueryLegacyIncorrectCountHandling.enabled", false),
		NoSingleJoin:                    !flag("spark.sql.optimizer.scalarSubqueryUseSingleJoin", true),
	}
}

// Optimize applies the rules with the default options (see OptimizeWith).
func Optimize(n plan.Node) (plan.Node, error) { return OptimizeWith(n, Options{}) }

// OptimizeWith applies the rules to a resolved plan: decorrelation first (subqueries in
// predicates become joins), then predicate pushdown, join ordering and the rewrite of
// DISTINCT aggregates into two aggregates, in the plan and in the subqueries that remain
// expressions; then limits are pushed down, repeated subexpressions computed once, and
// last, scans are pruned to the columns the plan reads.
func OptimizeWith(n plan.Node, opts Options) (plan.Node, error) {
	n, err := rewriteLateralJoins(n)
	if err != nil {
		return nil, err
	}
	n, err = rewriteSubqueries(n, &opts)
	if err != nil {
		return nil, err
	}
	return pruneColumns(eliminateCommonSubexpressions(pushLimits(optimizeJoins(n)))), nil
}

// optimizeJoins pushes predicates down, filters the inputs of aggregates that joins match
// on their keys, orders joins and splits DISTINCT aggregates in n
// and, in place, in the plans of the subquery expressions it holds (they are the
// analyzer's copies, owned by n).
func optimizeJoins(n plan.Node) plan.Node {
	n = rewriteDistinctAggregates(reorderJoins(reduceAggregateInputs(pushPredicates(n))))
	var visit func(plan.Node)
	visit = func(m plan.Node) {
		for _, e := range plan.Expressions(m) {
			plan.Walk(e, func(x plan.Expr) bool {
				if q := plan.SubqueryOf(x); q != nil {
					q.Plan = optimizeJoins(q.Plan)
				}
				return true
			})
		}
		for _, c := range m.Children() {
			visit(c)
		}
	}
	visit(n)
	return n
}

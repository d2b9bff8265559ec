package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
)

// having resolves the HAVING condition of an aggregate query, as Spark resolves
// UnresolvedHaving: following the SQL standard, names resolve against the aggregate's
// input first, where they stand only inside aggregate functions and grouping expressions
// (a name used elsewhere is resolved again against the select list's output), then against
// the output, then outer queries and variables. What the condition needs beyond the
// select list becomes extra outputs of the aggregate.
func (a *analyzer) having(q *aggQuery, cond plan.Expr, outer *scope) error {
	agg := q.blk.agg
	b := newNameBinder(a, cond)
	input := &nameSource{attrs: agg.Child.Output(), hidden: hiddenOf(agg.Child), temp: true}
	output := &nameSource{attrs: agg.Output()}
	if err := b.stage(input, stageSkip); err != nil {
		return err
	}
	rc, extras, err := a.conditionOverAggregate(cond, agg, b, output, outer)
	if err != nil {
		return err
	}
	q.blk.agg = extras.agg
	q.having = rc
	return nil
}

// conditionOverAggregate finishes the resolution of a condition over an aggregate once
// the binder holds the names of the stages before the output: the output (an error on a
// name is reported), outer queries and variables; then the condition is rewritten over
// the aggregate's outputs, repeating for the names whose temp bindings failed.
func (a *analyzer) conditionOverAggregate(cond plan.Expr, agg *plan.Aggregate, b *nameBinder, output *nameSource, outer *scope) (plan.Expr, *aggExtras, error) {
	for {
		if err := b.stage(output, stageThrow); err != nil {
			return nil, nil, err
		}
		if err := b.lastResort(outer, candidates(agg.Output())); err != nil {
			return nil, nil, err
		}
		r, err := a.expr(b.substitute(cond), &scope{attrs: agg.Output(), fallback: agg.Child.Output(), outer: outer})
		if err != nil {
			return nil, nil, err
		}
		if plan.Any(r, func(x plan.Expr) bool { _, ok := x.(*plan.WindowCall); return ok }) {
			return nil, nil, analysisError("_LEGACY_ERROR_TEMP_1034", "",
				"It is not allowed to use window functions inside <clauseName> clause.",
				map[string]string{"clauseName": "HAVING"})
		}
		x := newAggExtras(a, agg, b)
		if r, err = liftOuterAggregates(r, agg, x); err != nil {
			return nil, nil, err
		}
		rc, err := x.rewrite(r)
		if err != nil {
			return nil, nil, err
		}
		if len(x.failed) > 0 {
			for _, c := range x.failed {
				b.unbind(c)
			}
			continue
		}
		if err := checkHavingOuterRefs(rc, x.agg); err != nil {
			return nil, nil, err
		}
		if rc, err = a.castToBoolean(rc); err != nil {
			return nil, nil, err
		}
		return rc, x, nil
	}
}

// filterResolved resolves a filter over a resolved child. Over an aggregate (HAVING whose
// aggregate has window functions, a DataFrame filter over an aggregation) names resolve as
// in Spark's Filter: against the aggregate's output, then its input (as temp bindings),
// then outer queries and variables.
func (a *analyzer) filterResolved(cond plan.Expr, child plan.Node, outer *scope) (plan.Node, error) {
	agg, ok := child.(*plan.Aggregate)
	if !ok {
		r, err := a.expr(cond, &scope{attrs: child.Output(), outer: outer, hidden: hiddenOf(child)})
		if err != nil {
			return nil, err
		}
		if err := a.checkPredicate(r, "WHERE"); err != nil {
			return nil, err
		}
		return &plan.Filter{Child: child, Cond: r}, nil
	}
	b := newNameBinder(a, cond)
	output := &nameSource{attrs: agg.Output()}
	if err := b.stage(output, stageThrow); err != nil {
		return nil, err
	}
	if err := b.stage(&nameSource{attrs: agg.Child.Output(), hidden: hiddenOf(agg.Child), temp: true}, stageSkip); err != nil {
		return nil, err
	}
	rc, x, err := a.conditionOverAggregate(cond, agg, b, output, outer)
	if err != nil {
		return nil, err
	}
	f := &plan.Filter{Child: x.agg, Cond: rc}
	if !x.added(agg) {
		return f, nil
	}
	return projectAttrs(f, agg.Output()), nil
}

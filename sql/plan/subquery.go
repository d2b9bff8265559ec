package plan

// SubqueryOf is the query of a subquery expression (scalar, EXISTS or IN), nil for other
// expressions.
func SubqueryOf(e Expr) *Subquery {
	switch x := e.(type) {
	case *ScalarSubquery:
		return x.Query
	case *Exists:
		return x.Query
	case *InSubquery:
		return x.Query
	}
	return nil
}

// WithSubqueryPlan is the subquery expression e with its query's plan replaced by p (a
// fresh, uncorrelated Subquery, as the lowering builds them); e itself is not changed.
func WithSubqueryPlan(e Expr, p Node) Expr {
	switch x := e.(type) {
	case *ScalarSubquery:
		return &ScalarSubquery{Query: &Subquery{Plan: p}}
	case *Exists:
		return &Exists{Query: &Subquery{Plan: p}}
	case *InSubquery:
		return &InSubquery{Values: x.Values, Query: &Subquery{Plan: p}}
	}
	return e
}

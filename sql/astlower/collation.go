package astlower

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// collate lowers expr COLLATE name to collate(expr, 'name'), the name as written (Spark
// shows it so in column names: collate(col1, utf8_lcase)); the analyzer checks it.
func (o Options) collate(e *ast.Collate) (plan.Expr, error) {
	x, err := o.Expr(e.X)
	if err != nil {
		return nil, err
	}
	parts := names(e.Name)
	name := ""
	for i, p := range parts {
		if i > 0 {
			name += "."
		}
		name += p
	}
	return fn("collate", x, &plan.Literal{Type: types.String, Value: name, Text: name}), nil
}

// DefaultCollation applies a view's DEFAULT COLLATION to its query (Spark's
// ApplyDefaultCollationToStringType): string literals and casts to STRING without a
// collation take the collation, in subqueries and WITH clauses too.
func DefaultCollation(q plan.Node, name string) (plan.Node, error) {
	canon, err := types.ResolveCollationName(name)
	if err != nil {
		return nil, err
	}
	st, err := types.NewCollatedString(canon)
	if err != nil || st.IsDefaultCollation() {
		return q, err
	}
	return collateNode(q, st)
}

// collateNode rewrites the expressions of a lowered query and its children.
func collateNode(n plan.Node, st types.StringType) (plan.Node, error) {
	if n == nil {
		return nil, nil
	}
	if kids := n.Children(); len(kids) > 0 {
		nk := make([]plan.Node, len(kids))
		for i, k := range kids {
			x, err := collateNode(k, st)
			if err != nil {
				return nil, err
			}
			nk[i] = x
		}
		n = n.WithChildren(nk)
	}
	exprs := func(es []plan.Expr) ([]plan.Expr, error) {
		out := make([]plan.Expr, len(es))
		for i, e := range es {
			x, err := collateExpr(e, st)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	}
	var err error
	switch x := n.(type) {
	case *plan.Project:
		m := *x
		m.Exprs, err = exprs(x.Exprs)
		return &m, err
	case *plan.Filter:
		m := *x
		m.Cond, err = collateExpr(x.Cond, st)
		return &m, err
	case *plan.Aggregate:
		m := *x
		if m.Groups, err = exprs(x.Groups); err != nil {
			return nil, err
		}
		m.Exprs, err = exprs(x.Exprs)
		return &m, err
	case *plan.Sort:
		m := *x
		m.Orders = make([]*plan.SortOrder, len(x.Orders))
		for i, o := range x.Orders {
			c, err := collateExpr(o.Child, st)
			if err != nil {
				return nil, err
			}
			so := *o
			so.Child = c
			m.Orders[i] = &so
		}
		return &m, nil
	case *plan.Join:
		m := *x
		if x.Cond != nil {
			m.Cond, err = collateExpr(x.Cond, st)
		}
		return &m, err
	case *plan.Values:
		m := *x
		m.Rows = make([][]plan.Expr, len(x.Rows))
		for i, r := range x.Rows {
			if m.Rows[i], err = exprs(r); err != nil {
				return nil, err
			}
		}
		return &m, nil
	case *plan.WithCTE:
		m := *x
		m.CTEs = make([]*plan.CTEDef, len(x.CTEs))
		for i, d := range x.CTEs {
			q, err := collateNode(d.Query, st)
			if err != nil {
				return nil, err
			}
			c := *d
			c.Query = q
			m.CTEs[i] = &c
		}
		return &m, nil
	}
	return n, nil
}

// collateExpr gives the string literals and STRING casts of e the collation st.
func collateExpr(e plan.Expr, st types.StringType) (plan.Expr, error) {
	if e == nil {
		return nil, nil
	}
	return plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
		switch s := x.(type) {
		case *plan.Literal:
			if v, ok := s.Value.(string); ok && types.Equal(s.Type, types.String) {
				r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
				return &plan.Literal{Type: st, Value: v, Text: "'" + r.Replace(v) + "' collate " + st.Collation}, nil
			}
		case *plan.Cast:
			if types.Equal(s.To, types.String) {
				c := *s
				c.To = st
				return &c, nil
			}
		case *plan.ScalarSubquery, *plan.Exists, *plan.InSubquery:
			q, err := collateNode(plan.SubqueryOf(s).Plan, st)
			if err != nil {
				return nil, err
			}
			return plan.WithSubqueryPlan(s, q), nil
		}
		return x, nil
	})
}

// tableCollation resolves a table's DEFAULT COLLATION: the string type of it, ok false
// when there is none or it is UTF8_BINARY.
func tableCollation(name *ast.Ident) (types.StringType, bool, error) {
	if name == nil {
		return types.StringType{}, false, nil
	}
	canon, err := types.ResolveCollationName(name.Name)
	if err != nil {
		return types.StringType{}, false, err
	}
	st, err := types.NewCollatedString(canon)
	if err != nil {
		return types.StringType{}, false, err
	}
	return st, !st.IsDefaultCollation(), nil
}

// defaultCollatedType gives the strings of a column type written without COLLATE the
// table's default collation st; written is the type as written, t its lowered form.
func defaultCollatedType(written *ast.DataType, t types.DataType, st types.StringType) types.DataType {
	if written == nil {
		return t
	}
	switch x := t.(type) {
	case types.StringType:
		if written.Name == "STRING" && len(written.Collation) == 0 {
			return st
		}
	case types.ArrayType:
		x.ElementType = defaultCollatedType(written.Elem, x.ElementType, st)
		return x
	case types.MapType:
		x.KeyType = defaultCollatedType(written.Key, x.KeyType, st)
		x.ValueType = defaultCollatedType(written.Value, x.ValueType, st)
		return x
	case *types.StructType:
		if len(written.Fields) != len(x.Fields) {
			return t
		}
		fs := make([]types.StructField, len(x.Fields))
		for i, f := range x.Fields {
			f.DataType = defaultCollatedType(written.Fields[i].Type, f.DataType, st)
			fs[i] = f
		}
		return &types.StructType{Fields: fs}
	}
	return t
}

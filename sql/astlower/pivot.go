package astlower

import (
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
)

// pivot lowers PIVOT (aggregates FOR column IN (values)) over n as Spark's AstBuilder
// does: several pivot columns become one struct(c1, c2, ...) column.
func (o Options) pivot(n plan.Node, p *ast.PivotClause) (plan.Node, error) {
	aggs, err := o.exprs(p.Aggregates)
	if err != nil {
		return nil, err
	}
	values, err := o.exprs(p.Values)
	if err != nil {
		return nil, err
	}
	cols := make([]plan.Expr, len(p.Columns))
	for i, c := range p.Columns {
		// A pivot column is one identifier, never a qualified name.
		cols[i] = &plan.UnresolvedColumn{Parts: []string{c.Name}}
	}
	col := cols[0]
	if len(cols) > 1 {
		col = &plan.UnresolvedFunction{Name: []string{"struct"}, Args: cols}
	}
	return &plan.Pivot{Child: n, Column: col, Values: values, Aggregates: aggs}, nil
}

// unpivot lowers UNPIVOT over n as Spark's AstBuilder does: the value columns are the IN
// list (ids are the other columns); unless INCLUDE NULLS is given, a filter drops the rows
// whose values are all NULL; an alias names the result.
func (o Options) unpivot(n plan.Node, u *ast.UnpivotClause) (plan.Node, error) {
	up := &plan.Unpivot{Child: n, VariableName: u.NameColumn.Name, ValueNames: names(u.ValueColumns)}
	aliased := false
	for _, set := range u.Columns {
		vals := make([]plan.Expr, len(set.Columns))
		for i, c := range set.Columns {
			vals[i] = &plan.UnresolvedColumn{Parts: names(c)}
		}
		up.Values = append(up.Values, vals)
		alias := ""
		if set.Alias != nil {
			alias, aliased = set.Alias.Name, true
		}
		up.Aliases = append(up.Aliases, alias)
	}
	if !aliased {
		up.Aliases = nil
	}
	var out plan.Node = up
	if !u.IncludeNulls {
		refs := make([]plan.Expr, len(up.ValueNames))
		for i, name := range up.ValueNames {
			refs[i] = &plan.UnresolvedColumn{Parts: []string{name}}
		}
		cond := &plan.UnresolvedFunction{Name: []string{"isnotnull"},
			Args: []plan.Expr{&plan.UnresolvedFunction{Name: []string{"coalesce"}, Args: refs}}}
		out = &plan.Filter{Child: out, Cond: cond}
	}
	if u.Alias != nil {
		out = &plan.SubqueryAlias{Child: out, Alias: []string{u.Alias.Name}}
	}
	return out, nil
}

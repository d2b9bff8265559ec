package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// groupingKey is one grouping column of the aggregate over an Expand: its column in the
// Expand's output, the attribute the aggregate outputs for it, and the semantic key of the
// expression it stands for ("" for the grouping id, which nothing above refers to).
type groupingKey struct {
	col  expr.Expr
	attr *plan.AttributeRef
	key  string
}

// expandGroupingSets plans ROLLUP, CUBE and GROUPING SETS as Spark does: an Expand emits
// each input row once per grouping set, with the grouping columns the set leaves out set to
// NULL and a grouping id telling the sets apart; the aggregate then groups by all of them.
// grouping() and grouping_id() are constant within a set, so they are computed by the
// Expand too and carried as further keys.
func (p *planner) expandGroupingSets(n *plan.Aggregate, child physical.ExecutionPlan) (physical.ExecutionPlan, []groupingKey, error) {
	childOut := n.Child.Output()
	k := len(n.Groups)
	groupIndex := map[string]int{}
	for i, g := range n.Groups {
		if _, dup := groupIndex[plan.SemanticKey(g)]; !dup {
			groupIndex[plan.SemanticKey(g)] = i
		}
	}
	var calls []*plan.Call
	seen := map[string]bool{}
	for _, e := range n.Exprs {
		plan.Walk(e, func(x plan.Expr) bool {
			if c, ok := x.(*plan.Call); ok && (c.Fn == "grouping" || c.Fn == "grouping_id") && !seen[plan.SemanticKey(c)] {
				seen[plan.SemanticKey(c)] = true
				calls = append(calls, c)
			}
			return true
		})
	}

	fields := make([]arrow.Field, 0, len(childOut)+k+1+len(calls))
	schemaOf := func(name string, t types.DataType, null bool) error {
		at, err := types.ToArrow(t)
		if err != nil {
			return err
		}
		fields = append(fields, arrow.Field{Name: name, Type: at, Nullable: null})
		return nil
	}
	for _, a := range childOut {
		if err := schemaOf(a.Name, a.Type, a.Null); err != nil {
			return nil, nil, err
		}
	}
	var keys []groupingKey
	for i, g := range n.Groups {
		if err := schemaOf(g.String(), plan.TypeOf(g), true); err != nil {
			return nil, nil, err
		}
		key := plan.SemanticKey(g)
		if groupIndex[key] != i {
			key = "" // a repeated expression: the first copy answers for it
		}
		keys = append(keys, groupingKey{attr: &plan.AttributeRef{Name: g.String(), Type: plan.TypeOf(g), Null: true, ID: plan.NewExprID()}, key: key})
	}
	if err := schemaOf("spark_grouping_id", types.Long, false); err != nil {
		return nil, nil, err
	}
	keys = append(keys, groupingKey{attr: &plan.AttributeRef{Name: "spark_grouping_id", Type: types.Long, ID: plan.NewExprID()}})
	// A grouping set listed twice yields its groups twice, as in Spark: the position of
	// the set tells the copies apart.
	positions := hasDuplicateSets(n.GroupingSets)
	if positions {
		if err := schemaOf("_gen_grouping_pos", types.Integer, false); err != nil {
			return nil, nil, err
		}
		keys = append(keys, groupingKey{attr: &plan.AttributeRef{Name: "_gen_grouping_pos", Type: types.Integer, ID: plan.NewExprID()}})
	}
	for _, c := range calls {
		if err := schemaOf(c.String(), c.Type, false); err != nil {
			return nil, nil, err
		}
		keys = append(keys, groupingKey{attr: &plan.AttributeRef{Name: c.String(), Type: c.Type, ID: plan.NewExprID()}, key: plan.SemanticKey(c)})
	}
	for i := range keys {
		col, err := expr.NewColumn(len(childOut)+i, keys[i].attr.Type)
		if err != nil {
			return nil, nil, err
		}
		keys[i].col = col
	}

	projections := make([][]expr.Expr, len(n.GroupingSets))
	for s, set := range n.GroupingSets {
		in := make([]bool, k)
		for _, i := range set {
			in[i] = true
		}
		// Bit i (most significant first) is set when grouping column i is left out.
		bit := func(i int) int64 {
			if in[i] {
				return 0
			}
			return 1
		}
		var gid int64
		for i := range n.Groups {
			gid = gid<<1 | bit(i)
		}
		row := make([]expr.Expr, 0, len(fields))
		for i, a := range childOut {
			c, err := expr.NewColumn(i, a.Type)
			if err != nil {
				return nil, nil, err
			}
			row = append(row, c)
		}
		for i, g := range n.Groups {
			var x expr.Expr
			var err error
			if in[i] {
				x, err = p.expr(g, layoutOf(childOut))
			} else {
				x, err = expr.NewLiteral(plan.TypeOf(g), nil)
			}
			if err != nil {
				return nil, nil, err
			}
			row = append(row, x)
		}
		lit := func(t types.DataType, v any) error {
			x, err := expr.NewLiteral(t, v)
			row = append(row, x)
			return err
		}
		if err := lit(types.Long, gid); err != nil {
			return nil, nil, err
		}
		if positions {
			if err := lit(types.Integer, int32(s)); err != nil {
				return nil, nil, err
			}
		}
		for _, c := range calls {
			var v int64
			if c.Fn == "grouping_id" && len(c.Args) == 0 {
				v = gid
			}
			for _, arg := range c.Args {
				v = v<<1 | bit(groupIndex[plan.SemanticKey(arg)])
			}
			var err error
			if c.Fn == "grouping" {
				err = lit(types.Byte, int8(v))
			} else {
				err = lit(types.Long, v)
			}
			if err != nil {
				return nil, nil, err
			}
		}
		projections[s] = row
	}
	ex, err := physical.NewExpand(child, projections, arrow.NewSchema(fields, nil))
	if err != nil {
		return nil, nil, err
	}
	return ex, keys, nil
}

// hasDuplicateSets reports whether two grouping sets hold the same columns.
func hasDuplicateSets(sets [][]int) bool {
	seen := map[string]bool{}
	for _, set := range sets {
		var bits []byte
		for _, i := range set {
			for len(bits) <= i {
				bits = append(bits, 0)
			}
			bits[i] = 1
		}
		k := string(bits)
		for len(k) > 0 && k[len(k)-1] == 0 {
			k = k[:len(k)-1]
		}
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

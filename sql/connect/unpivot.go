package connect

import (
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
)

// unpivot lowers Unpivot (df.unpivot, df.melt) as Spark's planner does: the ids are
// always given (possibly none); without values, every other column is one. A DataFrame's
// unpivot keeps rows whose values are NULL.
func (l *lowerer) unpivot(u *connectpb.Unpivot) (plan.Node, error) {
	child, err := l.input(u.GetInput(), "unpivot")
	if err != nil {
		return nil, err
	}
	ids, err := l.exprs(u.GetIds())
	if err != nil {
		return nil, err
	}
	n := &plan.Unpivot{Child: child, Ids: append([]plan.Expr{}, ids...),
		VariableName: u.GetVariableColumnName(), ValueNames: []string{u.GetValueColumnName()}}
	if u.Values != nil {
		vals, err := l.exprs(u.GetValues().GetValues())
		if err != nil {
			return nil, err
		}
		n.Values = [][]plan.Expr{}
		for _, v := range vals {
			n.Values = append(n.Values, []plan.Expr{v})
		}
	}
	return n, nil
}

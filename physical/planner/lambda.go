package planner

import (
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// hasLambda reports whether a call takes lambdas (a higher-order function).
func hasLambda(c *plan.Call) bool {
	for _, a := range c.Args {
		if _, ok := a.(*plan.Lambda); ok {
			return true
		}
	}
	return false
}

// higherOrder compiles a higher-order function: its plain arguments over the input, its
// lambdas' bodies over the input's columns followed by the lambda's parameters.
func (p *planner) higherOrder(c *plan.Call, in layout) (expr.Expr, error) {
	var args []expr.Expr
	var argTypes []types.DataType
	var fns []*expr.Lambda
	for _, a := range c.Args {
		if l, ok := a.(*plan.Lambda); ok {
			f, err := p.lambda(l, in)
			if err != nil {
				return nil, err
			}
			fns = append(fns, f)
			continue
		}
		x, err := p.expr(a, in)
		if err != nil {
			return nil, err
		}
		args = append(args, x)
		argTypes = append(argTypes, plan.TypeOf(a))
	}
	return expr.NewHigherOrder(c.Fn, args, argTypes, fns, c.Type)
}

// lambda compiles a lambda's body with its parameters as the columns after the input's.
func (p *planner) lambda(l *plan.Lambda, in layout) (*expr.Lambda, error) {
	if len(l.Vars) != len(l.Params) {
		return nil, sparkerror.InternalError("unbound lambda %s", l.String())
	}
	width := 0
	for _, i := range in {
		width = max(width, i+1)
	}
	inner := make(layout, len(in)+len(l.Vars))
	for id, i := range in {
		inner[id] = i
	}
	params := make([]types.DataType, len(l.Vars))
	for k, v := range l.Vars {
		inner[v.ID] = width + k
		params[k] = v.Type
	}
	body, err := p.expr(l.Body, inner)
	if err != nil {
		return nil, err
	}
	return expr.NewLambda(body, width, params)
}

package planner

import (
	"math/big"

	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// layout maps the attributes of an operator's input to their column positions.
type layout map[plan.ExprID]int

func layoutOf(attrs []*plan.AttributeRef) layout {
	l := make(layout, len(attrs))
	for i, a := range attrs {
		if _, dup := l[a.ID]; !dup {
			l[a.ID] = i
		}
	}
	return l
}

// expr compiles a resolved expression over an input layout; constant parts are
// evaluated once, here (see fold).
func (p *planner) expr(e plan.Expr, in layout) (expr.Expr, error) {
	x, err := p.compile(e, in)
	if err != nil || !foldable(e) {
		return x, err
	}
	return fold(e, x), nil
}

// compile compiles a resolved expression over an input layout.
func (p *planner) compile(e plan.Expr, in layout) (expr.Expr, error) {
	switch e := e.(type) {
	case *plan.Alias:
		return p.expr(e.Child, in)
	case *plan.AttributeRef:
		idx, ok := in[e.ID]
		if !ok {
			return nil, sparkerror.InternalError("physical planner: column %s#%d is not in the input", e.Name, e.ID)
		}
		return expr.NewColumn(idx, e.Type)
	case *plan.Literal:
		v, err := literalValue(e)
		if err != nil {
			return nil, err
		}
		return expr.NewLiteral(e.Type, v)
	case *plan.Cast:
		c, err := p.expr(e.Child, in)
		if err != nil {
			return nil, err
		}
		from := plan.TypeOf(e.Child)
		if types.Equal(from, e.To) {
			return c, nil
		}
		return expr.NewCast(c, from, e.To, expr.CastOptions{ANSI: !e.Legacy && (e.ANSI || (e.Implicit && p.opts.ANSI)), Try: e.Try, TimeZone: p.opts.TimeZone})
	case *plan.CaseWhen:
		conds, err := p.exprs(e.Conds, in)
		if err != nil {
			return nil, err
		}
		vals, err := p.exprs(e.Values, in)
		if err != nil {
			return nil, err
		}
		var el expr.Expr
		if e.Else != nil {
			if el, err = p.expr(e.Else, in); err != nil {
				return nil, err
			}
		}
		return expr.NewCaseWhen(conds, vals, el, e.Type)
	case *plan.In:
		if x, ok, err := p.collatedIn(e, in); ok {
			return x, err
		}
		v, err := p.expr(e.Value, in)
		if err != nil {
			return nil, err
		}
		allLiterals := true
		for _, x := range e.List {
			if _, ok := x.(*plan.Literal); !ok {
				allLiterals = false
			}
		}
		if allLiterals {
			var vals []any
			hasNull := false
			for _, x := range e.List {
				lv, err := literalValue(x.(*plan.Literal))
				if err != nil {
					return nil, err
				}
				if lv == nil {
					hasNull = true
					continue
				}
				vals = append(vals, lv)
			}
			return expr.NewInSet(v, vals, hasNull)
		}
		list, err := p.exprs(e.List, in)
		if err != nil {
			return nil, err
		}
		return expr.NewIn(v, list)
	case *plan.Call:
		if hasLambda(e) {
			return p.higherOrder(e, in)
		}
		return p.call(p.shiftSeed(e), in)
	case *plan.LambdaVar:
		idx, ok := in[e.ID]
		if !ok {
			return nil, sparkerror.InternalError("physical planner: lambda variable %s#%d is not bound", e.Name, e.ID)
		}
		return expr.NewColumn(idx, e.Type)
	case *plan.ScalarSubquery:
		out := e.Query.Plan.Output()
		if len(out) != 1 {
			return nil, sparkerror.InternalError("scalar subquery with %d columns", len(out))
		}
		return p.subqueryValue(e.Query, false, out[0].Type, e.String())
	case *plan.Exists:
		return p.subqueryValue(e.Query, true, types.Boolean, e.String())
	case *plan.InSubquery:
		return p.inSubquery(e, in)
	}
	return nil, sparkerror.NotImplemented("running the expression " + e.String())
}

func (p *planner) exprs(es []plan.Expr, in layout) ([]expr.Expr, error) {
	out := make([]expr.Expr, len(es))
	for i, e := range es {
		x, err := p.expr(e, in)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

var compareOps = map[string]expr.CompareOp{"=": expr.EQ, "<": expr.LT, "<=": expr.LE, ">": expr.GT, ">=": expr.GE, "<=>": expr.NullSafeEQ}

func (p *planner) call(c *plan.Call, in layout) (expr.Expr, error) {
	args, err := p.exprs(c.Args, in)
	if err != nil {
		return nil, err
	}
	if x, ok, err := collationCall(c, args); ok {
		return x, err
	}
	if args, err = collationArgs(c, args); err != nil {
		return nil, err
	}
	switch c.Fn {
	case "+", "-", "*", "/", "%", "pmod":
		if d, ok := c.Type.(types.DecimalType); ok {
			return expr.NewDecimalArith(c.Fn, args[0], args[1], d, c.ANSI)
		}
		return expr.NewArith(c.Fn, args[0], args[1], c.Type, c.ANSI)
	case "div":
		return expr.NewIntegralDivide(args[0], args[1], c.ANSI)
	case "negative":
		return expr.NewNegate(args[0], c.ANSI)
	case "positive":
		return args[0], nil
	case "=", "<", "<=", ">", ">=", "<=>":
		return expr.NewCompare(compareOps[c.Fn], args[0], args[1])
	case "and":
		return expr.NewAnd(args[0], args[1])
	case "or":
		return expr.NewOr(args[0], args[1])
	case "not":
		return expr.NewNot(args[0])
	case "isnull":
		return expr.NewIsNull(args[0])
	case "isnotnull":
		return expr.NewIsNotNull(args[0])
	case "isnan":
		return expr.NewIsNaN(args[0])
	case "if":
		return expr.NewIf(args[0], args[1], args[2], c.Type)
	case "coalesce":
		return expr.NewCoalesce(args, c.Type)
	case "nullif":
		return expr.NewNullIf(args[0], args[1])
	}
	f, ok := expr.Lookup(c.Fn)
	if !ok {
		return nil, sparkerror.NotImplemented("running the function " + c.Fn)
	}
	argTypes := make([]types.DataType, len(c.Args))
	for i, a := range c.Args {
		argTypes[i] = plan.TypeOf(a)
	}
	return f(args, argTypes, c.Type, expr.FuncOptions{ANSI: !c.Legacy && (c.ANSI || p.opts.ANSI), TimeZone: p.opts.TimeZone})
}

// literalValue converts a plan literal's value to the form expr.NewLiteral takes.
func literalValue(l *plan.Literal) (any, error) {
	switch v := l.Value.(type) {
	case nil:
		return nil, nil
	case plan.Decimal:
		n, ok := new(big.Int).SetString(v.Digits, 10)
		if !ok {
			return nil, sparkerror.InternalError("bad decimal literal %q", v.Digits)
		}
		return decimal128.FromBigInt(n), nil
	case plan.CalendarValue:
		return expr.CalendarNanos(v.Months, v.Days, v.Micros)
	case []any, []plan.MapEntry:
		return nil, sparkerror.NotImplemented("nested literals")
	}
	return l.Value, nil
}

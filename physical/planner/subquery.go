package planner

import (
	"context"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// subqueryValue is an uncorrelated scalar subquery or EXISTS: its plan runs once, when a
// batch first needs it, and its value is a constant for every row after that.
type subqueryValue struct {
	ctx    context.Context
	plan   physical.ExecutionPlan
	exists bool // EXISTS: whether the plan has a row; otherwise its single value
	t      types.DataType
	at     arrow.DataType
	text   string

	once  sync.Once
	value expr.Expr
	err   error
}

func (p *planner) subqueryValue(q *plan.Subquery, exists bool, t types.DataType, text string) (expr.Expr, error) {
	if correlated(q) {
		return nil, sparkerror.NotImplemented("correlated subqueries here")
	}
	sub, err := p.node(q.Plan)
	if err != nil {
		return nil, err
	}
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	ctx := p.opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	v := &subqueryValue{ctx: ctx, plan: sub, exists: exists, t: t, at: at, text: text}
	if p.readsLoop(q.Plan) {
		return &loopSubquery{subqueryValue: v}, nil
	}
	return v, nil
}

func (s *subqueryValue) DataType() arrow.DataType { return s.at }
func (s *subqueryValue) String() string           { return s.text }

// Constant runs the subquery (once) and returns its value, so the plan can be shipped.
func (s *subqueryValue) Constant() (expr.Expr, error) {
	s.once.Do(s.run)
	return s.value, s.err
}

func (s *subqueryValue) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	s.once.Do(s.run)
	if s.err != nil {
		return nil, s.err
	}
	return s.value.Eval(b)
}

func (s *subqueryValue) run() {
	var first arrow.Array
	rows := 0
	err := physical.Collect(s.ctx, s.plan, func(b arrow.RecordBatch) error {
		defer b.Release()
		n := int(b.NumRows())
		if n == 0 {
			return nil
		}
		if s.exists {
			rows += n
			return nil
		}
		if rows+n > 1 {
			return sparkerror.New(sparkerror.Internal, "SCALAR_SUBQUERY_TOO_MANY_ROWS", "21000",
				"More than one row returned by a subquery used as an expression.", nil)
		}
		rows += n
		first = array.NewSlice(b.Column(0), 0, 1)
		return nil
	})
	if first != nil {
		defer first.Release()
	}
	if err != nil {
		s.err = err
		return
	}
	if s.exists {
		s.value, s.err = expr.NewLiteral(types.Boolean, rows > 0)
		return
	}
	var v any
	if first != nil {
		// A scalar travels as its Go value; a nested one as the array, which the literal
		// retains. A NULL is nil, never an array the literal would not hold.
		v, _ = scalarOf(first)
	}
	s.value, s.err = expr.NewLiteral(s.t, v)
}

// inSubqueryValue is an uncorrelated x IN (subquery) the optimizer leaves as an expression
// (in a join condition): the subquery runs once, when a batch first needs it, and its
// rows make the set of an IN list, with SQL's NULL semantics: NULL when x is NULL or the
// set holds a NULL and x is not found; FALSE over an empty set, whatever x is.
type inSubqueryValue struct {
	ctx   context.Context
	plan  physical.ExecutionPlan
	value expr.Expr
	t     types.DataType
	text  string

	once sync.Once
	in   expr.Expr
	err  error
}

func (p *planner) inSubquery(e *plan.InSubquery, in layout) (expr.Expr, error) {
	if correlated(e.Query) {
		return nil, sparkerror.NotImplemented("correlated IN subqueries here")
	}
	if len(e.Values) != 1 {
		return nil, sparkerror.NotImplemented("IN subqueries of several columns here")
	}
	v, err := p.expr(e.Values[0], in)
	if err != nil {
		return nil, err
	}
	sub, err := p.node(e.Query.Plan)
	if err != nil {
		return nil, err
	}
	ctx := p.opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return &inSubqueryValue{ctx: ctx, plan: sub, value: v, t: plan.TypeOf(e.Values[0]), text: e.String()}, nil
}

func (s *inSubqueryValue) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (s *inSubqueryValue) String() string           { return s.text }

// Constant runs the subquery (once) and returns the IN list it makes.
func (s *inSubqueryValue) Constant() (expr.Expr, error) {
	s.once.Do(s.run)
	return s.in, s.err
}

func (s *inSubqueryValue) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	s.once.Do(s.run)
	if s.err != nil {
		return nil, s.err
	}
	return s.in.Eval(b)
}

func (s *inSubqueryValue) run() {
	var vals []any
	hasNull, rows := false, 0
	err := physical.Collect(s.ctx, s.plan, func(b arrow.RecordBatch) error {
		defer b.Release()
		col := b.Column(0)
		for i := range int(b.NumRows()) {
			rows++
			if col.IsNull(i) {
				hasNull = true
				continue
			}
			one := array.NewSlice(col, int64(i), int64(i+1))
			v, nested := scalarOf(one)
			one.Release()
			if nested {
				return sparkerror.NotImplemented("IN subqueries of nested values here")
			}
			vals = append(vals, v)
		}
		return nil
	})
	if err != nil {
		s.err = err
		return
	}
	if rows == 0 {
		s.in, s.err = expr.NewLiteral(types.Boolean, false)
		return
	}
	s.in, s.err = expr.NewInSet(s.value, vals, hasNull)
}

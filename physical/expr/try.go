package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// tryExpr is Spark's TryEval: the rows whose evaluation raises an error are NULL. The child
// is evaluated on the whole batch first; when that fails, the batch is split in halves
// until the failing rows are isolated, so the cost is paid only by batches with errors.
type tryExpr struct {
	child Expr
}

// NewTry evaluates child, turning the rows that raise an error into NULL.
func NewTry(child Expr) Expr { return &tryExpr{child: child} }

func (t *tryExpr) DataType() arrow.DataType { return t.child.DataType() }
func (t *tryExpr) String() string           { return "try(" + t.child.String() + ")" }
func (t *tryExpr) children() []Expr         { return []Expr{t.child} }
func (t *tryExpr) mayFail() bool            { return false }

// tolerated reports whether err is a data error TryEval turns into NULL (not a missing
// feature nor a bug of ours, which must still surface).
func tolerated(err error) bool {
	se, ok := sparkerror.As(err)
	if !ok {
		return false
	}
	return se.Class != "NOT_IMPLEMENTED" && se.Class != "INTERNAL_ERROR" && se.Kind != sparkerror.Internal
}

func (t *tryExpr) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	out, err := t.child.Eval(b)
	if err == nil || !tolerated(err) {
		return out, err
	}
	n := int(b.NumRows())
	return t.evalSplit(b, identity(n))
}

// evalSplit evaluates the rows sel of b, isolating failing rows.
func (t *tryExpr) evalSplit(b arrow.RecordBatch, sel []int32) (arrow.Array, error) {
	dt := t.child.DataType()
	if len(sel) == 1 {
		out, err := evalRows(t.child, b, sel)
		if err == nil {
			return out, nil
		}
		if !tolerated(err) {
			return nil, err
		}
		return nullArray(dt, 1), nil
	}
	out, err := evalRows(t.child, b, sel)
	if err == nil {
		return out, nil
	}
	if !tolerated(err) {
		return nil, err
	}
	half := len(sel) / 2
	l, err := t.evalSplit(b, sel[:half])
	if err != nil {
		return nil, err
	}
	defer l.Release()
	r, err := t.evalSplit(b, sel[half:])
	if err != nil {
		return nil, err
	}
	defer r.Release()
	return array.Concatenate([]arrow.Array{l, r}, mem)
}

// tryArithFn is try_add / try_subtract / try_multiply / try_divide / try_mod on numbers:
// the arguments are evaluated as usual (their errors propagate) and the operation itself
// gives NULL where it would fail under ANSI.
func tryArithFn(op, name string) ScalarFunc {
	return func(args []Expr, argTypes []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		at, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		l := &Column{Index: 0, Type: args[0].DataType()}
		r := &Column{Index: 1, Type: args[1].DataType()}
		inner, err := NewArith(op, l, r, result, true)
		if err != nil {
			return nil, err
		}
		try := &tryExpr{child: inner}
		k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
			fields := []arrow.Field{{Name: "l", Type: arrs[0].DataType(), Nullable: true}, {Name: "r", Type: arrs[1].DataType(), Nullable: true}}
			b := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrs, int64(n))
			defer b.Release()
			return try.Eval(b)
		}
		return &funcExpr{name: name, args: args, t: at, k: k, strict: true}, nil
	}
}

// tryEvalFn wraps its single argument in TryEval (try_* functions whose whole evaluation,
// arguments included, tolerates errors).
func tryEvalFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("try_eval", args, 1, 1); err != nil {
		return nil, err
	}
	return NewTry(args[0]), nil
}

func init() {
	register(tryArithFn("+", "try_add"), "try_add")
	register(tryArithFn("-", "try_subtract"), "try_subtract")
	register(tryArithFn("*", "try_multiply"), "try_multiply")
	register(tryArithFn("/", "try_divide"), "try_divide")
	register(tryArithFn("%", "try_mod"), "try_mod")
	register(tryEvalFn, "try_eval")
}

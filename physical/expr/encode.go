package expr

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Expressions travel as physicalpb.Expr (proto/sail/physical.proto). Expressions with a
// structural form (columns, literals, casts, arithmetic, comparisons, logic, conditionals,
// IN, LIKE, concat, try, higher-order functions) are encoded field by field; expressions a
// registered scalar function built (Lookup) are encoded as the call that built them, and
// decoding calls Lookup again. Lookup keeps that call on the expressions it returns whose
// structure cannot be encoded (callExpr below).

// callDesc is how a registered scalar function was called.
type callDesc struct {
	name     string
	args     []Expr
	argTypes []types.DataType
	result   types.DataType
	opts     FuncOptions
	// params are the string parameters of an internal constructor's call (Built).
	params []string
}

// callExpr is an expression a registered scalar function built, with the call that built
// it; it evaluates as the expression it wraps.
type callExpr struct {
	Expr
	call *callDesc
}

func (c *callExpr) children() []Expr { return []Expr{c.Expr} }
func (c *callExpr) mayFail() bool    { return mayFail(c.Expr) }

// recordCall wraps the expression f built for a call, unless it can be encoded as it is.
func recordCall(e Expr, d *callDesc) Expr {
	if e == nil || structural(e) {
		return e
	}
	for _, a := range d.args {
		if sameExpr(a, e) {
			return e
		}
	}
	return &callExpr{Expr: e, call: d}
}

func sameExpr(a, b Expr) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() != reflect.Pointer || vb.Kind() != reflect.Pointer {
		return false
	}
	return va.Pointer() == vb.Pointer() && va.Type() == vb.Type()
}

// structural reports whether Encode can encode e field by field (recorded calls count as
// encodable; their arguments are checked when they are encoded).
func structural(e Expr) bool {
	switch e := e.(type) {
	case *Column, *Literal, *callExpr:
		return true
	case *funcExpr:
		return internalForm(e) && allStructural(e.args)
	case *castExpr:
		return structural(e.child)
	case *Cast:
		return structural(e.Child)
	case *Arith:
		return structural(e.Left) && structural(e.Right)
	case *DecimalArith:
		return structural(e.Left) && structural(e.Right)
	case *IntegralDivide:
		return structural(e.Left) && structural(e.Right)
	case *Negate:
		return structural(e.Child)
	case *Compare:
		return structural(e.Left) && structural(e.Right)
	case *Logic:
		return structural(e.Left) && structural(e.Right)
	case *Not:
		return structural(e.Child)
	case *NullTest:
		return structural(e.Child)
	case *IsNaN:
		return structural(e.Child)
	case *In:
		return structural(e.Value) && allStructural(e.List)
	case *InSet:
		return structural(e.Value)
	case *CaseWhen:
		return allStructural(e.Conds) && allStructural(e.Values) && (e.Else == nil || structural(e.Else))
	case *Coalesce:
		return allStructural(e.Args)
	case *NullIf:
		return structural(e.Left) && structural(e.Right)
	case *Concat:
		return allStructural(e.Args)
	case *Like:
		return structural(e.X) && structural(e.Pattern)
	case *tryExpr:
		return structural(e.child)
	case *higherOrder:
		if !allStructural(e.args) {
			return false
		}
		for _, f := range e.fns {
			if !structural(f.Body) {
				return false
			}
		}
		return true
	}
	return false
}

func allStructural(es []Expr) bool {
	for _, e := range es {
		if !structural(e) {
			return false
		}
	}
	return true
}

// Encode converts an expression to its message. An expression that cannot be shipped
// (one from outside this package, such as a subquery, or an internal one built without a
// recorded call) gives an error naming it.
func Encode(e Expr) (*physicalpb.Expr, error) {
	if e == nil {
		return nil, sparkerror.InternalError("encode: nil expression")
	}
	switch e := e.(type) {
	case *Column:
		t, err := EncodeArrowType(e.Type)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Column{Column: &physicalpb.ColumnExpr{Index: int32(e.Index), Type: t}}}, nil
	case *Literal:
		t, err := EncodeArrowType(e.Type)
		if err != nil {
			return nil, err
		}
		// A nested value travels as the array the literal was made of (NULL included, so
		// that the literal prints the same); others as their normalized Go value.
		v := e.Value
		if _, nested := v.(arrow.Array); !nested {
			var err error
			if v, err = e.scalar(); err != nil {
				return nil, err
			}
		}
		s, err := EncodeScalar(v)
		if err != nil {
			return nil, fmt.Errorf("encode literal %s: %w", e, err)
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Literal{Literal: &physicalpb.LiteralExpr{Type: t, Value: s}}}, nil
	case *callExpr:
		return encodeCall(e.call)
	case *castExpr:
		c, err := Encode(e.child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Cast{Cast: &physicalpb.CastExpr{Child: c, From: EncodeSparkType(e.from),
			To: EncodeSparkType(e.to), Ansi: e.opts.ANSI, Try: e.opts.Try, TimeZone: EncodeTimeZone(e.opts.TimeZone)}}}, nil
	case *Cast:
		c, err := Encode(e.Child)
		if err != nil {
			return nil, err
		}
		t, err := EncodeArrowType(e.To)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_NumericCast{NumericCast: &physicalpb.NumericCastExpr{Child: c, To: t}}}, nil
	case *Arith:
		l, r, err := encode2(e.Left, e.Right)
		if err != nil {
			return nil, err
		}
		t, err := EncodeArrowType(e.Type)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Arith{Arith: &physicalpb.ArithExpr{Op: e.Op, Left: l, Right: r, Type: t, Ansi: e.ANSI, Sql: e.SQL}}}, nil
	case *DecimalArith:
		l, r, err := encode2(e.Left, e.Right)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_DecimalArith{DecimalArith: &physicalpb.DecimalArithExpr{Op: e.Op, Left: l, Right: r,
			Precision: int32(e.Result.Precision), Scale: int32(e.Result.Scale), Ansi: e.ANSI}}}, nil
	case *IntegralDivide:
		l, r, err := encode2(e.Left, e.Right)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_IntegralDivide{IntegralDivide: &physicalpb.IntegralDivideExpr{Left: l, Right: r, Ansi: e.ANSI}}}, nil
	case *Negate:
		c, err := Encode(e.Child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Negate{Negate: &physicalpb.NegateExpr{Child: c, Ansi: e.ANSI, Sql: e.SQL}}}, nil
	case *Compare:
		l, r, err := encode2(e.Left, e.Right)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Compare{Compare: &physicalpb.CompareExpr{Op: int32(e.Op), Left: l, Right: r}}}, nil
	case *Logic:
		l, r, err := encode2(e.Left, e.Right)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Logic{Logic: &physicalpb.LogicExpr{Or: e.Or, Left: l, Right: r}}}, nil
	case *Not:
		c, err := Encode(e.Child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Not{Not: &physicalpb.NotExpr{Child: c}}}, nil
	case *NullTest:
		c, err := Encode(e.Child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_NullTest{NullTest: &physicalpb.NullTestExpr{Child: c, NotNull: e.NotNull}}}, nil
	case *IsNaN:
		c, err := Encode(e.Child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_IsNan{IsNan: &physicalpb.IsNaNExpr{Child: c}}}, nil
	case *In:
		v, err := Encode(e.Value)
		if err != nil {
			return nil, err
		}
		list, err := EncodeAll(e.List)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_In{In: &physicalpb.InExpr{Value: v, List: list}}}, nil
	case *InSet:
		v, err := Encode(e.Value)
		if err != nil {
			return nil, err
		}
		vals, err := e.setValues()
		if err != nil {
			return nil, err
		}
		m := &physicalpb.InSetExpr{Value: v, HasNull: e.HasNull}
		for _, x := range vals {
			s, err := EncodeScalar(x)
			if err != nil {
				return nil, err
			}
			m.Values = append(m.Values, s)
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_InSet{InSet: m}}, nil
	case *CaseWhen:
		conds, err := EncodeAll(e.Conds)
		if err != nil {
			return nil, err
		}
		vals, err := EncodeAll(e.Values)
		if err != nil {
			return nil, err
		}
		m := &physicalpb.CaseWhenExpr{Conds: conds, Values: vals}
		if e.Else != nil {
			if m.Else, err = Encode(e.Else); err != nil {
				return nil, err
			}
		}
		if m.Type, err = EncodeArrowType(e.Type); err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_CaseWhen{CaseWhen: m}}, nil
	case *Coalesce:
		args, err := EncodeAll(e.Args)
		if err != nil {
			return nil, err
		}
		t, err := EncodeArrowType(e.Type)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Coalesce{Coalesce: &physicalpb.CoalesceExpr{Args: args, Type: t}}}, nil
	case *NullIf:
		l, r, err := encode2(e.Left, e.Right)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_NullIf{NullIf: &physicalpb.NullIfExpr{Left: l, Right: r}}}, nil
	case *Concat:
		args, err := EncodeAll(e.Args)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Concat{Concat: &physicalpb.ConcatExpr{Args: args}}}, nil
	case *Like:
		x, p, err := encode2(e.X, e.Pattern)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Like{Like: &physicalpb.LikeExpr{X: x, Pattern: p, Escape: e.Escape,
			CaseInsensitive: e.CaseInsensitive}}}, nil
	case *tryExpr:
		c, err := Encode(e.child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Try{Try: &physicalpb.TryExpr{Child: c}}}, nil
	case *higherOrder:
		args, err := EncodeAll(e.args)
		if err != nil {
			return nil, err
		}
		m := &physicalpb.HigherOrderExpr{Name: e.name, Args: args, Result: EncodeSparkType(e.result)}
		for _, t := range e.argTypes {
			m.ArgTypes = append(m.ArgTypes, EncodeSparkType(t))
		}
		for _, f := range e.fns {
			body, err := Encode(f.Body)
			if err != nil {
				return nil, err
			}
			l := &physicalpb.Lambda{Body: body, Outer: int32(f.Outer)}
			for _, p := range f.Params {
				pt, err := EncodeArrowType(p)
				if err != nil {
					return nil, err
				}
				l.Params = append(l.Params, pt)
			}
			m.Lambdas = append(m.Lambdas, l)
		}
		return &physicalpb.Expr{Kind: &physicalpb.Expr_HigherOrder{HigherOrder: m}}, nil
	case *funcExpr:
		return encodeInternal(e)
	}
	if c, ok := e.(Constant); ok {
		v, err := c.Constant()
		if err != nil {
			return nil, err
		}
		return Encode(v)
	}
	return nil, sparkerror.InternalError("encode: the expression %T (%s) cannot be shipped", e, e.String())
}

// Constant is implemented by expressions that stand for one value computed on demand, such
// as an uncorrelated scalar subquery that runs once. Encode ships the value: the process
// that builds the plan runs the subquery before it ships tasks, as Spark's driver does.
type Constant interface {
	Expr
	Constant() (Expr, error)
}

func encode2(a, b Expr) (*physicalpb.Expr, *physicalpb.Expr, error) {
	x, err := Encode(a)
	if err != nil {
		return nil, nil, err
	}
	y, err := Encode(b)
	if err != nil {
		return nil, nil, err
	}
	return x, y, nil
}

// EncodeAll encodes a list of expressions.
func EncodeAll(es []Expr) ([]*physicalpb.Expr, error) {
	out := make([]*physicalpb.Expr, len(es))
	for i, e := range es {
		m, err := Encode(e)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}

func encodeCall(d *callDesc) (*physicalpb.Expr, error) {
	args, err := EncodeAll(d.args)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(d.name, internalPrefix) {
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Call{Call: &physicalpb.CallExpr{Name: d.name, Args: args, Params: d.params}}}, nil
	}
	m := &physicalpb.CallExpr{Name: d.name, Args: args, Result: EncodeSparkType(d.result),
		Options: &physicalpb.CallOptions{Ansi: d.opts.ANSI, TimeZone: EncodeTimeZone(d.opts.TimeZone)}}
	for _, t := range d.argTypes {
		m.ArgTypes = append(m.ArgTypes, EncodeSparkType(t))
	}
	return &physicalpb.Expr{Kind: &physicalpb.Expr_Call{Call: m}}, nil
}

// setValues lists the constants of the set (normalized Go values of the value's type) in
// sorted order, so that one plan always encodes to the same bytes (maps iterate at random).
func (e *InSet) setValues() ([]any, error) {
	var out []any
	switch s := e.set.(type) {
	case nil:
	case map[int64]struct{}:
		for _, v := range slices.Sorted(maps.Keys(s)) {
			out = append(out, v)
		}
	case map[uint64]struct{}:
		for _, v := range slices.Sorted(maps.Keys(s)) {
			out = append(out, math.Float64frombits(v))
		}
	case map[string]struct{}:
		for _, v := range slices.Sorted(maps.Keys(s)) {
			out = append(out, v)
		}
	case map[decimal128.Num]struct{}:
		for _, v := range slices.SortedFunc(maps.Keys(s), func(a, b decimal128.Num) int { return a.Cmp(b) }) {
			out = append(out, v)
		}
	case [2]bool:
		if s[0] {
			out = append(out, false)
		}
		if s[1] {
			out = append(out, true)
		}
	default:
		return nil, sparkerror.InternalError("encode: IN set of %T", e.set)
	}
	return out, nil
}

// Decode rebuilds an expression from its message.
func Decode(m *physicalpb.Expr) (Expr, error) { return DecodeWith(m, DecodeOptions{}) }

// DecodeAll decodes a list of expressions.
func DecodeAll(ms []*physicalpb.Expr) ([]Expr, error) { return DecodeAllWith(ms, DecodeOptions{}) }

// DecodeOptions adjust how expressions are rebuilt.
type DecodeOptions struct {
	// SeedShift is added to the literal seeds of the seeded functions, as the physical
	// planner does when it plans a recursive CTE's term again for a later step (Spark
	// shifts the seeds by the step's level, so that steps differ).
	SeedShift int64
}

// DecodeWith is Decode with options.
func DecodeWith(m *physicalpb.Expr, opts DecodeOptions) (Expr, error) {
	return exprDecoder{opts}.decode(m)
}

// DecodeAllWith is DecodeAll with options.
func DecodeAllWith(ms []*physicalpb.Expr, opts DecodeOptions) ([]Expr, error) {
	return exprDecoder{opts}.decodeAll(ms)
}

type exprDecoder struct{ opts DecodeOptions }

// seedArg is the position of the seed among the arguments of the functions whose results
// depend on a seed (as physical/planner shifts them).
var seedArg = map[string]int{"rand": 0, "randn": 0, "uuid": 0, "uniform": 2, "randstr": 1, "shuffle": 1}

// shiftSeed adds the decoder's seed shift to a seeded function's literal seed.
func (d exprDecoder) shiftSeed(name string, args []Expr) ([]Expr, error) {
	i, ok := seedArg[name]
	if !ok || d.opts.SeedShift == 0 || i >= len(args) {
		return args, nil
	}
	l, ok := args[i].(*Literal)
	if !ok {
		return args, nil
	}
	v, err := l.scalar()
	if err != nil {
		return nil, err
	}
	var shifted any
	switch x := v.(type) {
	case int32:
		shifted = x + int32(d.opts.SeedShift)
	case int64:
		shifted = x + d.opts.SeedShift
	default:
		return args, nil
	}
	out := append([]Expr(nil), args...)
	out[i] = &Literal{Type: l.Type, Value: shifted, norm: shifted, ready: true}
	return out, nil
}

func (d exprDecoder) decode(m *physicalpb.Expr) (Expr, error) {
	if m == nil {
		return nil, sparkerror.InternalError("decode: missing expression")
	}
	switch k := m.Kind.(type) {
	case *physicalpb.Expr_Column:
		t, err := DecodeArrowType(k.Column.GetType())
		if err != nil {
			return nil, err
		}
		if k.Column.Index < 0 {
			return nil, sparkerror.InternalError("decode: column index %d", k.Column.Index)
		}
		return &Column{Index: int(k.Column.Index), Type: t}, nil
	case *physicalpb.Expr_Literal:
		t, err := DecodeArrowType(k.Literal.GetType())
		if err != nil {
			return nil, err
		}
		v, err := DecodeScalar(k.Literal.GetValue(), t)
		if err != nil {
			return nil, err
		}
		norm, err := normalizeLiteral(t, v)
		if err != nil {
			return nil, err
		}
		if a, ok := v.(arrow.Array); ok && norm != nil && !arrow.TypeEqual(a.DataType(), t) {
			a.Release()
			return nil, sparkerror.InternalError("decode: literal array of %s for type %s", a.DataType(), t)
		}
		// The decoded value keeps its reference for the literal (Value and norm share it).
		return &Literal{Type: t, Value: v, norm: norm, ready: true}, nil
	case *physicalpb.Expr_Call:
		return d.decodeCall(k.Call)
	case *physicalpb.Expr_Cast:
		c := k.Cast
		child, err := d.decode(c.Child)
		if err != nil {
			return nil, err
		}
		from, err := DecodeSparkType(c.From)
		if err != nil {
			return nil, err
		}
		to, err := DecodeSparkType(c.To)
		if err != nil {
			return nil, err
		}
		tz, err := DecodeTimeZone(c.TimeZone)
		if err != nil {
			return nil, err
		}
		return NewCast(child, from, to, CastOptions{ANSI: c.Ansi, Try: c.Try, TimeZone: tz})
	case *physicalpb.Expr_NumericCast:
		child, err := d.decode(k.NumericCast.Child)
		if err != nil {
			return nil, err
		}
		t, err := DecodeArrowType(k.NumericCast.To)
		if err != nil {
			return nil, err
		}
		return &Cast{Child: child, To: t}, nil
	case *physicalpb.Expr_Arith:
		a := k.Arith
		l, r, err := d.decode2(a.Left, a.Right)
		if err != nil {
			return nil, err
		}
		t, err := DecodeArrowType(a.Type)
		if err != nil {
			return nil, err
		}
		switch a.Op {
		case "+", "-", "*", "/", "%", "div", "pmod":
		default:
			return nil, sparkerror.InternalError("decode: arithmetic operator %q", a.Op)
		}
		switch t.ID() {
		case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.FLOAT32, arrow.FLOAT64:
		case arrow.INTERVAL_MONTHS, arrow.DURATION:
			// NewArith's addition and subtraction of ANSI intervals.
			if a.Op != "+" && a.Op != "-" {
				return nil, sparkerror.InternalError("decode: interval arithmetic %q", a.Op)
			}
			return &funcExpr{name: a.Op, args: []Expr{l, r}, t: t, k: intervalAddK(a.Op, t), fails: true, strict: true}, nil
		default:
			return nil, sparkerror.InternalError("decode: arithmetic on %s", t)
		}
		return &Arith{Op: a.Op, Left: l, Right: r, Type: t, ANSI: a.Ansi, SQL: a.Sql}, nil
	case *physicalpb.Expr_DecimalArith:
		a := k.DecimalArith
		l, r, err := d.decode2(a.Left, a.Right)
		if err != nil {
			return nil, err
		}
		if a.Precision < 1 || a.Precision > 38 || a.Scale < 0 || a.Scale > a.Precision {
			return nil, sparkerror.InternalError("decode: decimal(%d, %d)", a.Precision, a.Scale)
		}
		return NewDecimalArith(a.Op, l, r, types.DecimalType{Precision: int(a.Precision), Scale: int(a.Scale)}, a.Ansi)
	case *physicalpb.Expr_IntegralDivide:
		l, r, err := d.decode2(k.IntegralDivide.Left, k.IntegralDivide.Right)
		if err != nil {
			return nil, err
		}
		return NewIntegralDivide(l, r, k.IntegralDivide.Ansi)
	case *physicalpb.Expr_Negate:
		c, err := d.decode(k.Negate.Child)
		if err != nil {
			return nil, err
		}
		return &Negate{Child: c, ANSI: k.Negate.Ansi, SQL: k.Negate.Sql}, nil
	case *physicalpb.Expr_Compare:
		l, r, err := d.decode2(k.Compare.Left, k.Compare.Right)
		if err != nil {
			return nil, err
		}
		if k.Compare.Op < int32(EQ) || k.Compare.Op > int32(NullSafeEQ) {
			return nil, sparkerror.InternalError("decode: comparison operator %d", k.Compare.Op)
		}
		return NewCompare(CompareOp(k.Compare.Op), l, r)
	case *physicalpb.Expr_Logic:
		l, r, err := d.decode2(k.Logic.Left, k.Logic.Right)
		if err != nil {
			return nil, err
		}
		return newLogic(k.Logic.Or, l, r)
	case *physicalpb.Expr_Not:
		c, err := d.decode(k.Not.Child)
		if err != nil {
			return nil, err
		}
		return NewNot(c)
	case *physicalpb.Expr_NullTest:
		c, err := d.decode(k.NullTest.Child)
		if err != nil {
			return nil, err
		}
		return &NullTest{Child: c, NotNull: k.NullTest.NotNull}, nil
	case *physicalpb.Expr_IsNan:
		c, err := d.decode(k.IsNan.Child)
		if err != nil {
			return nil, err
		}
		return NewIsNaN(c)
	case *physicalpb.Expr_In:
		v, err := d.decode(k.In.Value)
		if err != nil {
			return nil, err
		}
		list, err := d.decodeAll(k.In.List)
		if err != nil {
			return nil, err
		}
		return NewIn(v, list)
	case *physicalpb.Expr_InSet:
		v, err := d.decode(k.InSet.Value)
		if err != nil {
			return nil, err
		}
		vals := make([]any, len(k.InSet.Values))
		for i, s := range k.InSet.Values {
			if vals[i], err = DecodeScalar(s, nil); err != nil {
				return nil, err
			}
		}
		return NewInSet(v, vals, k.InSet.HasNull)
	case *physicalpb.Expr_CaseWhen:
		c := k.CaseWhen
		conds, err := d.decodeAll(c.Conds)
		if err != nil {
			return nil, err
		}
		vals, err := d.decodeAll(c.Values)
		if err != nil {
			return nil, err
		}
		if len(conds) != len(vals) || len(conds) == 0 {
			return nil, sparkerror.InternalError("decode: CASE with %d conditions and %d values", len(conds), len(vals))
		}
		var el Expr
		if c.Else != nil {
			if el, err = d.decode(c.Else); err != nil {
				return nil, err
			}
		}
		t, err := DecodeArrowType(c.Type)
		if err != nil {
			return nil, err
		}
		return &CaseWhen{Conds: conds, Values: vals, Else: el, Type: t}, nil
	case *physicalpb.Expr_Coalesce:
		args, err := d.decodeAll(k.Coalesce.Args)
		if err != nil {
			return nil, err
		}
		if len(args) == 0 {
			return nil, sparkerror.InternalError("decode: coalesce without arguments")
		}
		t, err := DecodeArrowType(k.Coalesce.Type)
		if err != nil {
			return nil, err
		}
		return &Coalesce{Args: args, Type: t}, nil
	case *physicalpb.Expr_NullIf:
		l, r, err := d.decode2(k.NullIf.Left, k.NullIf.Right)
		if err != nil {
			return nil, err
		}
		return NewNullIf(l, r)
	case *physicalpb.Expr_Concat:
		args, err := d.decodeAll(k.Concat.Args)
		if err != nil {
			return nil, err
		}
		return NewConcat(args)
	case *physicalpb.Expr_Like:
		x, p, err := d.decode2(k.Like.X, k.Like.Pattern)
		if err != nil {
			return nil, err
		}
		return NewLike(x, p, k.Like.Escape, k.Like.CaseInsensitive)
	case *physicalpb.Expr_Try:
		c, err := d.decode(k.Try.Child)
		if err != nil {
			return nil, err
		}
		return NewTry(c), nil
	case *physicalpb.Expr_HigherOrder:
		h := k.HigherOrder
		args, err := d.decodeAll(h.Args)
		if err != nil {
			return nil, err
		}
		argTypes, err := decodeSparkTypes(h.ArgTypes)
		if err != nil {
			return nil, err
		}
		result, err := DecodeSparkType(h.Result)
		if err != nil {
			return nil, err
		}
		fns := make([]*Lambda, len(h.Lambdas))
		for i, l := range h.Lambdas {
			body, err := d.decode(l.GetBody())
			if err != nil {
				return nil, err
			}
			if l.Outer < 0 {
				return nil, sparkerror.InternalError("decode: lambda over %d columns", l.Outer)
			}
			f := &Lambda{Body: body, Outer: int(l.Outer), used: map[int]bool{}}
			for _, p := range l.Params {
				pt, err := DecodeArrowType(p)
				if err != nil {
					return nil, err
				}
				f.Params = append(f.Params, pt)
			}
			f.all = !ColumnRefs(body, f.used)
			fns[i] = f
		}
		return NewHigherOrder(h.Name, args, argTypes, fns, result)
	}
	return nil, sparkerror.InternalError("decode: unknown expression kind %T", m.Kind)
}

func (d exprDecoder) decode2(a, b *physicalpb.Expr) (Expr, Expr, error) {
	x, err := d.decode(a)
	if err != nil {
		return nil, nil, err
	}
	y, err := d.decode(b)
	if err != nil {
		return nil, nil, err
	}
	return x, y, nil
}

func (d exprDecoder) decodeAll(ms []*physicalpb.Expr) ([]Expr, error) {
	out := make([]Expr, len(ms))
	for i, m := range ms {
		e, err := d.decode(m)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// internalPrefix marks the calls of internal expressions in CallExpr.name.
const internalPrefix = "$"

// internalForm reports whether a function expression built outside Lookup is one that
// encodeInternal knows.
func internalForm(f *funcExpr) bool {
	switch f.name {
	case "+", "-":
		return len(f.args) == 2 && (f.t.ID() == arrow.INTERVAL_MONTHS || f.t.ID() == arrow.DURATION)
	case "interval_value":
		return len(f.args) == 1
	}
	return false
}

// encodeInternal encodes the function expressions the constructors of this package build
// without Lookup: interval addition and subtraction (NewArith) and the interval-to-BIGINT
// view (intervalAsLong, as NewIntegralDivide uses it).
func encodeInternal(f *funcExpr) (*physicalpb.Expr, error) {
	if !internalForm(f) {
		return nil, sparkerror.InternalError("encode: the function call %s was not built through Lookup and cannot be shipped", f.String())
	}
	args, err := EncodeAll(f.args)
	if err != nil {
		return nil, err
	}
	if f.name == "interval_value" {
		return &physicalpb.Expr{Kind: &physicalpb.Expr_Call{Call: &physicalpb.CallExpr{Name: internalPrefix + "interval_value", Args: args}}}, nil
	}
	t, err := EncodeArrowType(f.t)
	if err != nil {
		return nil, err
	}
	return &physicalpb.Expr{Kind: &physicalpb.Expr_Arith{Arith: &physicalpb.ArithExpr{Op: f.name, Left: args[0], Right: args[1], Type: t}}}, nil
}

// A Builder rebuilds an expression an internal constructor made (see Built) from its
// expression arguments and string parameters.
type Builder func(args []Expr, params []string) (Expr, error)

var builders = map[string]Builder{}

// RegisterBuilder names the constructor Built records; call it from an init function.
func RegisterBuilder(name string, b Builder) { builders[name] = b }

// Built records that the constructor registered as name made e from args and params, so
// that Encode can ship e (as the call "$name") and Decode rebuild it with the Builder.
// Constructors that build expressions outside Lookup (kernels with captured settings, such
// as a collation) wrap their result with it; e is returned unchanged when it can be
// encoded field by field.
func Built(e Expr, name string, args []Expr, params ...string) Expr {
	if e == nil || structural(e) {
		return e
	}
	return &callExpr{Expr: e, call: &callDesc{name: internalPrefix + name, args: append([]Expr(nil), args...),
		params: append([]string(nil), params...)}}
}

func init() {
	RegisterBuilder("interval_value", func(args []Expr, params []string) (Expr, error) {
		if len(args) != 1 || len(params) != 0 || !isIntervalArrow(args[0].DataType()) {
			return nil, sparkerror.InternalError("decode: interval_value of %d arguments", len(args))
		}
		return intervalAsLong(args[0]), nil
	})
}

func (d exprDecoder) decodeBuilt(c *physicalpb.CallExpr) (e Expr, err error) {
	name := strings.TrimPrefix(c.Name, internalPrefix)
	b, ok := builders[name]
	if !ok {
		return nil, sparkerror.InternalError("decode: unknown internal expression %q", name)
	}
	args, err := d.decodeAll(c.Args)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, sparkerror.InternalError("decode: the internal expression %s does not match its builder: %v", name, r)
		}
	}()
	return b(args, c.Params)
}

func (d exprDecoder) decodeCall(c *physicalpb.CallExpr) (Expr, error) {
	if strings.HasPrefix(c.Name, internalPrefix) {
		return d.decodeBuilt(c)
	}
	f, ok := Lookup(c.Name)
	if !ok {
		return nil, sparkerror.InternalError("decode: unknown function %q", c.Name)
	}
	args, err := d.decodeAll(c.Args)
	if err != nil {
		return nil, err
	}
	argTypes, err := decodeSparkTypes(c.ArgTypes)
	if err != nil {
		return nil, err
	}
	if len(argTypes) != len(args) {
		return nil, sparkerror.InternalError("decode: %s with %d arguments and %d argument types", c.Name, len(args), len(argTypes))
	}
	result, err := DecodeSparkType(c.Result)
	if err != nil {
		return nil, err
	}
	// The builders trust that the arguments have the argument types; a message that says
	// otherwise would fail (or crash) only when the kernel runs.
	for i, a := range args {
		want, err := types.ToArrow(argTypes[i])
		if err != nil {
			return nil, err
		}
		if got := a.DataType(); got.ID() != want.ID() {
			return nil, sparkerror.InternalError("decode: argument %d of %s is %s, its type says %s", i, c.Name, got, want)
		}
	}
	if args, err = d.shiftSeed(strings.ToLower(c.Name), args); err != nil {
		return nil, err
	}
	tz, err := DecodeTimeZone(c.GetOptions().GetTimeZone())
	if err != nil {
		return nil, err
	}
	return safeCall(c.Name, f, args, argTypes, result, FuncOptions{ANSI: c.GetOptions().GetAnsi(), TimeZone: tz})
}

// safeCall runs a function builder on decoded (untrusted) input: builders expect the
// analyzer's well-typed calls, so a malformed message may trip them; that is an error here.
func safeCall(name string, f ScalarFunc, args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (e Expr, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, sparkerror.InternalError("decode: the call of %s does not match the function: %v", name, r)
		}
	}()
	return f(args, argTypes, result, opts)
}

// ---------------------------------------------------------------------------------------
// Types, time zones and values

// EncodeSparkType encodes a Spark type (nil gives nil).
func EncodeSparkType(t types.DataType) *physicalpb.SparkType {
	if t == nil {
		return nil
	}
	// Spark's JSON keeps string collations in the metadata of the enclosing struct field, so
	// the type travels as the one field of a struct.
	// Spark's JSON has no form for the indeterminate collation (STRING COLLATE NULL); it
	// travels as a marker struct.
	t = mapTypes(t, func(x types.DataType) types.DataType {
		if s, ok := x.(types.StringType); ok && s.IsIndeterminate() {
			return indeterminateMarker
		}
		return nil
	})
	return &physicalpb.SparkType{Json: types.ToJSON(types.NewStruct(types.NewField("t", t, true)))}
}

// indeterminateMarker stands for types.IndeterminateString in an encoded Spark type.
var indeterminateMarker = types.NewStruct(types.NewField("\x00sail.indeterminate_string", types.Null, true))

func isIndeterminateMarker(t types.DataType) bool {
	st, ok := t.(*types.StructType)
	return ok && len(st.Fields) == 1 && st.Fields[0].Name == indeterminateMarker.Fields[0].Name
}

// mapTypes rebuilds t bottom-up, replacing each type for which f gives a type.
func mapTypes(t types.DataType, f func(types.DataType) types.DataType) types.DataType {
	if r := f(t); r != nil {
		return r
	}
	switch x := t.(type) {
	case types.ArrayType:
		x.ElementType = mapTypes(x.ElementType, f)
		return x
	case types.MapType:
		x.KeyType, x.ValueType = mapTypes(x.KeyType, f), mapTypes(x.ValueType, f)
		return x
	case *types.StructType:
		out := &types.StructType{Fields: make([]types.StructField, len(x.Fields))}
		for i, fd := range x.Fields {
			fd.DataType = mapTypes(fd.DataType, f)
			out.Fields[i] = fd
		}
		return out
	}
	return t
}

// DecodeSparkType decodes a Spark type; a missing message is an error.
func DecodeSparkType(m *physicalpb.SparkType) (types.DataType, error) {
	if m == nil {
		return nil, sparkerror.InternalError("decode: missing Spark type")
	}
	t, err := types.ParseJSON(m.Json)
	if err != nil {
		return nil, fmt.Errorf("decode: Spark type %q: %w", m.Json, err)
	}
	st, ok := t.(*types.StructType)
	if !ok || len(st.Fields) != 1 {
		return nil, sparkerror.InternalError("decode: Spark type %q is not a one-field struct", m.Json)
	}
	return mapTypes(st.Fields[0].DataType, func(x types.DataType) types.DataType {
		if isIndeterminateMarker(x) {
			return types.IndeterminateString
		}
		return nil
	}), nil
}

func decodeSparkTypes(ms []*physicalpb.SparkType) ([]types.DataType, error) {
	out := make([]types.DataType, len(ms))
	for i, m := range ms {
		t, err := DecodeSparkType(m)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// EncodeTimeZone encodes a session time zone (nil: UTC).
func EncodeTimeZone(loc *time.Location) *physicalpb.TimeZone {
	if loc == nil {
		return nil
	}
	_, off := time.Unix(0, 0).In(loc).Zone()
	return &physicalpb.TimeZone{Name: loc.String(), OffsetSeconds: int32(off)}
}

// DecodeTimeZone decodes a time zone: by name when the time zone database knows it,
// otherwise as a fixed offset.
func DecodeTimeZone(m *physicalpb.TimeZone) (*time.Location, error) {
	if m == nil {
		return nil, nil
	}
	switch m.Name {
	case "UTC":
		return time.UTC, nil
	case "", "Local":
	default:
		if loc, err := time.LoadLocation(m.Name); err == nil {
			return loc, nil
		}
	}
	if m.OffsetSeconds < -18*3600 || m.OffsetSeconds > 18*3600 {
		return nil, sparkerror.InternalError("decode: time zone offset %d", m.OffsetSeconds)
	}
	return time.FixedZone(m.Name, int(m.OffsetSeconds)), nil
}

// EncodeScalar encodes a literal's or a predicate's Go value (nil: NULL): bool, Go
// integers, floats, string, []byte, decimal128.Num, arrow.MonthDayNanoInterval, or a
// one-element arrow.Array.
func EncodeScalar(v any) (*physicalpb.Scalar, error) {
	s := &physicalpb.Scalar{}
	switch x := v.(type) {
	case nil:
	case bool:
		s.Value = &physicalpb.Scalar_Bool{Bool: x}
	case int:
		s.Value = &physicalpb.Scalar_Int{Int: int64(x)}
	case int8:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 8
	case int16:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 16
	case int32:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 32
	case int64:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: x}, 64
	case arrow.Date32:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 32
	case arrow.MonthInterval:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 32
	case arrow.Timestamp:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 64
	case arrow.Duration:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 64
	case arrow.Time64:
		s.Value, s.IntBits = &physicalpb.Scalar_Int{Int: int64(x)}, 64
	case float32:
		s.Value = &physicalpb.Scalar_Float32{Float32: x}
	case float64:
		s.Value = &physicalpb.Scalar_Float64{Float64: x}
	case string:
		s.Value = &physicalpb.Scalar_String_{String_: x}
	case []byte:
		s.Value = &physicalpb.Scalar_Binary{Binary: append([]byte{}, x...)}
	case decimal128.Num:
		s.Value = &physicalpb.Scalar_Decimal{Decimal: &physicalpb.Decimal128{Low: x.LowBits(), High: x.HighBits()}}
	case arrow.MonthDayNanoInterval:
		s.Value = &physicalpb.Scalar_Interval{Interval: &physicalpb.MonthDayNano{Months: x.Months, Days: x.Days, Nanoseconds: x.Nanoseconds}}
	case arrow.Array:
		if x.Len() != 1 {
			return nil, sparkerror.InternalError("encode: literal array of length %d", x.Len())
		}
		schema := arrow.NewSchema([]arrow.Field{{Name: "v", Type: x.DataType(), Nullable: true}}, nil)
		rec := array.NewRecordBatch(schema, []arrow.Array{x}, 1)
		defer rec.Release()
		b, err := EncodeBatches(schema, []arrow.RecordBatch{rec})
		if err != nil {
			return nil, err
		}
		s.Value = &physicalpb.Scalar_IpcArray{IpcArray: b}
	default:
		return nil, sparkerror.InternalError("encode: value of Go type %T", v)
	}
	return s, nil
}

// DecodeScalar decodes a value EncodeScalar wrote; a nested value is a one-element
// arrow.Array of type t (nil: nested values are refused) the caller owns.
func DecodeScalar(m *physicalpb.Scalar, t arrow.DataType) (any, error) {
	if m == nil {
		return nil, nil
	}
	switch x := m.Value.(type) {
	case nil:
		return nil, nil
	case *physicalpb.Scalar_Bool:
		return x.Bool, nil
	case *physicalpb.Scalar_Int:
		switch m.IntBits {
		case 0:
			return int(x.Int), nil
		case 8:
			return int8(x.Int), nil
		case 16:
			return int16(x.Int), nil
		case 32:
			return int32(x.Int), nil
		case 64:
			return x.Int, nil
		}
		return nil, sparkerror.InternalError("decode: integer of %d bits", m.IntBits)
	case *physicalpb.Scalar_Float32:
		return x.Float32, nil
	case *physicalpb.Scalar_Float64:
		return x.Float64, nil
	case *physicalpb.Scalar_String_:
		return x.String_, nil
	case *physicalpb.Scalar_Binary:
		if x.Binary == nil {
			return []byte{}, nil
		}
		return x.Binary, nil
	case *physicalpb.Scalar_Decimal:
		return decimal128.New(x.Decimal.GetHigh(), x.Decimal.GetLow()), nil
	case *physicalpb.Scalar_Interval:
		iv := x.Interval
		return arrow.MonthDayNanoInterval{Months: iv.GetMonths(), Days: iv.GetDays(), Nanoseconds: iv.GetNanoseconds()}, nil
	case *physicalpb.Scalar_IpcArray:
		if t == nil {
			return nil, sparkerror.InternalError("decode: a nested value where a plain one is expected")
		}
		schema := arrow.NewSchema([]arrow.Field{{Name: "v", Type: t, Nullable: true}}, nil)
		recs, err := DecodeBatches(schema, x.IpcArray, nil)
		if err != nil {
			return nil, err
		}
		defer func() {
			for _, r := range recs {
				r.Release()
			}
		}()
		if len(recs) != 1 || recs[0].NumCols() != 1 || recs[0].NumRows() != 1 {
			return nil, sparkerror.InternalError("decode: a literal array must be one batch of one value")
		}
		a := recs[0].Column(0)
		a.Retain()
		return a, nil
	}
	return nil, sparkerror.InternalError("decode: unknown value kind %T", m.Value)
}

// CheckInput checks that the columns e reads exist in batches of schema in, with the types
// e expects; a decoded expression is checked against its operator's input before it runs.
func CheckInput(e Expr, in *arrow.Schema) error {
	fields := in.Fields()
	return checkColumns(e, fields, 0)
}

func checkColumns(e Expr, in []arrow.Field, depth int) error {
	if depth > 1000 {
		return sparkerror.InternalError("decode: expression nested deeper than 1000")
	}
	switch x := e.(type) {
	case nil:
		return nil
	case *Column:
		if x.Index < 0 || x.Index >= len(in) {
			return sparkerror.InternalError("decode: column #%d of an input of %d columns", x.Index, len(in))
		}
		if got := in[x.Index].Type; got.ID() != x.Type.ID() {
			return sparkerror.InternalError("decode: column #%d is %s, the expression reads %s", x.Index, got, x.Type)
		}
		return nil
	case *callExpr:
		for _, a := range x.call.args {
			if err := checkColumns(a, in, depth+1); err != nil {
				return err
			}
		}
		return nil
	case *higherOrder:
		for _, a := range x.args {
			if err := checkColumns(a, in, depth+1); err != nil {
				return err
			}
		}
		for _, f := range x.fns {
			if f.Outer > len(in) {
				return sparkerror.InternalError("decode: lambda over %d columns of an input of %d", f.Outer, len(in))
			}
			inner := append([]arrow.Field(nil), in[:f.Outer]...)
			for _, p := range f.Params {
				inner = append(inner, arrow.Field{Name: "_", Type: p, Nullable: true})
			}
			if err := checkColumns(f.Body, inner, depth+1); err != nil {
				return err
			}
		}
		return nil
	case parent:
		for _, c := range x.children() {
			if err := checkColumns(c, in, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

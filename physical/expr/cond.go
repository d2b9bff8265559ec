package expr

import (
	"math/bits"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The conditionals are lazy per row, as in Spark: a branch value is evaluated only for the
// rows that take the branch, so that CASE WHEN x = 0 THEN 0 ELSE 10 / x END does not divide
// by zero under ANSI mode. A branch that cannot fail is evaluated on the whole batch (cheaper
// than filtering it) and its rows picked afterwards; one that can fail is evaluated on a
// batch filtered to its rows. When all rows take one branch, its result is returned as is.

// CaseWhen is CASE WHEN c1 THEN v1 ... [ELSE e] END.
type CaseWhen struct {
	Conds, Values []Expr
	Else          Expr // nil: NULL
	Type          arrow.DataType
}

// NewCaseWhen is CASE WHEN conds[i] THEN values[i] ... ELSE elseValue END of type t;
// elseValue nil is ELSE NULL.
func NewCaseWhen(conds, values []Expr, elseValue Expr, t types.DataType) (Expr, error) {
	if len(conds) != len(values) || len(conds) == 0 {
		return nil, sparkerror.InternalError("CASE WHEN with %d conditions and %d values", len(conds), len(values))
	}
	for _, c := range conds {
		if id := c.DataType().ID(); id != arrow.BOOL && id != arrow.NULL {
			return nil, sparkerror.InternalError("CASE WHEN condition of type %s", c.DataType())
		}
	}
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	return &CaseWhen{Conds: conds, Values: values, Else: elseValue, Type: at}, nil
}

// NewIf is if(cond, a, b) of type t.
func NewIf(cond, a, b Expr, t types.DataType) (Expr, error) {
	return NewCaseWhen([]Expr{cond}, []Expr{a}, b, t)
}

// NewNvl2 is nvl2(x, a, b): a when x is not null, else b.
func NewNvl2(x, a, b Expr, t types.DataType) (Expr, error) {
	c, err := NewIsNotNull(x)
	if err != nil {
		return nil, err
	}
	return NewIf(c, a, b, t)
}

func (e *CaseWhen) DataType() arrow.DataType { return e.Type }
func (e *CaseWhen) String() string {
	var sb strings.Builder
	sb.WriteString("CASE")
	for i, c := range e.Conds {
		sb.WriteString(" WHEN " + c.String() + " THEN " + e.Values[i].String())
	}
	if e.Else != nil {
		sb.WriteString(" ELSE " + e.Else.String())
	}
	sb.WriteString(" END")
	return sb.String()
}
func (e *CaseWhen) children() []Expr {
	out := append(append([]Expr{}, e.Conds...), e.Values...)
	if e.Else != nil {
		out = append(out, e.Else)
	}
	return out
}
func (e *CaseWhen) mayFail() bool { return anyMayFail(e.children()...) }

func (e *CaseWhen) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	masks := make([]words, len(e.Conds)+1)
	rem := allOnes(n) // the rows no condition has taken yet
	for k, c := range e.Conds {
		cnt := rem.count(n)
		if cnt == 0 {
			break
		}
		truth, err := evalTruthMask(c, b, rem, cnt)
		if err != nil {
			return nil, err
		}
		taken := make(words, len(rem))
		for i := range rem {
			taken[i] = truth[i] & rem[i]
			rem[i] &^= truth[i]
		}
		masks[k] = taken
	}
	masks[len(e.Conds)] = rem
	values := append(append([]Expr{}, e.Values...), e.Else)
	return mergeMasked(b, e.Type, values, masks)
}

// evalTruthMask evaluates the predicate c for the rows of mask (cnt of them) and returns the
// rows where it is true (other rows are unspecified). A predicate that can fail is evaluated
// on the rows of mask only.
func evalTruthMask(c Expr, b arrow.RecordBatch, mask words, cnt int) (words, error) {
	n := int(b.NumRows())
	if cnt == n || !mayFail(c) {
		a, err := c.Eval(b)
		if err != nil {
			return nil, err
		}
		t, _ := truthWords(a)
		a.Release()
		return t, nil
	}
	rows := selected(mask, n)
	a, err := evalRows(c, b, rows)
	if err != nil {
		return nil, err
	}
	t, _ := truthWords(a)
	a.Release()
	out := newWords(n)
	for i, row := range rows {
		if t.get(i) {
			out.set(int(row))
		}
	}
	return out, nil
}

// mergeMasked evaluates values[k] (nil: NULL) for the rows of masks[k] (disjoint; rows in no
// mask are NULL) and assembles the result of type t.
func mergeMasked(b arrow.RecordBatch, t arrow.DataType, values []Expr, masks []words) (arrow.Array, error) {
	n := int(b.NumRows())
	counts := make([]int, len(masks))
	for k, m := range masks {
		if m == nil {
			continue
		}
		counts[k] = m.count(n)
		if counts[k] == n {
			if values[k] == nil {
				return nullArray(t, n), nil
			}
			return conform(values[k].Eval(b))(t)
		}
	}
	srcs := make([]arrow.Array, len(masks))
	rowsOf := make([][]int32, len(masks)) // set for branches evaluated on their rows only
	defer func() { releaseAll(srcs) }()
	aligned := true
	for k, m := range masks {
		if counts[k] == 0 || values[k] == nil {
			continue
		}
		var a arrow.Array
		var err error
		if !mayFail(values[k]) {
			a, err = values[k].Eval(b)
		} else {
			rowsOf[k] = selected(m, n)
			a, err = evalRows(values[k], b, rowsOf[k])
			aligned = false
		}
		if err != nil {
			return nil, err
		}
		srcs[k] = a
	}
	if aligned {
		if out, ok := maskMerge(t, n, srcs, masks); ok {
			return out, nil
		}
	}
	// General path: gather row by row from the branch results.
	src := make([]int32, n)
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = -1
	}
	gsrcs := make([]arrow.Array, 0, len(srcs))
	for k, m := range masks {
		if srcs[k] == nil {
			continue
		}
		s := int32(len(gsrcs))
		gsrcs = append(gsrcs, srcs[k])
		if rowsOf[k] != nil {
			for j, row := range rowsOf[k] {
				src[row], idx[row] = s, int32(j)
			}
			continue
		}
		for _, row := range selected(m, n) {
			src[row], idx[row] = s, row
		}
	}
	if len(gsrcs) == 0 {
		return nullArray(t, n), nil
	}
	return gather(t, gsrcs, src, idx)
}

// maskMerge assembles fixed-width and boolean results whose sources are aligned with the
// batch: row i comes from srcs[k] where masks[k] has bit i (a nil source is NULL).
func maskMerge(t arrow.DataType, n int, srcs []arrow.Array, masks []words) (arrow.Array, bool) {
	for _, a := range srcs {
		if a != nil && !isNullType(a) && a.DataType().ID() != t.ID() {
			return nil, false
		}
	}
	valid := newWords(n)
	for k, a := range srcs {
		if a == nil || isNullType(a) || masks[k] == nil {
			continue
		}
		sv := validity(a)
		for w, m := range masks[k] {
			if sv != nil {
				m &= sv[w]
			}
			valid[w] |= m
		}
	}
	if t.ID() == arrow.BOOL {
		out := newWords(n)
		for k, a := range srcs {
			if a == nil || isNullType(a) || masks[k] == nil {
				continue
			}
			bw := boolWords(a)
			for w, m := range masks[k] {
				out[w] |= m & bw[w]
			}
		}
		return newBool(n, out, valid), true
	}
	fw, ok := t.(arrow.FixedWidthDataType)
	if !ok {
		return nil, false
	}
	switch fw.BitWidth() {
	case 8:
		return maskMergeFixed[int8](t, n, srcs, masks, valid), true
	case 16:
		return maskMergeFixed[int16](t, n, srcs, masks, valid), true
	case 32:
		return maskMergeFixed[int32](t, n, srcs, masks, valid), true
	case 64:
		return maskMergeFixed[int64](t, n, srcs, masks, valid), true
	case 128:
		return maskMergeFixed[decimal128.Num](t, n, srcs, masks, valid), true
	}
	return nil, false
}

func maskMergeFixed[T arrow.FixedWidthType](t arrow.DataType, n int, srcs []arrow.Array, masks []words, valid words) arrow.Array {
	out := make([]T, n)
	for k, a := range srcs {
		if a == nil || isNullType(a) || masks[k] == nil {
			continue
		}
		v := fixedValues[T](a)
		for w, m := range masks[k] {
			base := w * 64
			switch {
			case m == 0:
			case m == ^uint64(0):
				copy(out[base:base+64], v[base:base+64])
			default:
				for m != 0 {
					j := base + bits.TrailingZeros64(m)
					out[j] = v[j]
					m &= m - 1
				}
			}
		}
	}
	return newFixed(t, out, valid)
}

// conform adapts a branch result to the declared type when only the Arrow spelling differs
// (a NULL-typed branch).
func conform(a arrow.Array, err error) func(t arrow.DataType) (arrow.Array, error) {
	return func(t arrow.DataType) (arrow.Array, error) {
		if err != nil {
			return nil, err
		}
		if isNullType(a) && t.ID() != arrow.NULL {
			n := a.Len()
			a.Release()
			return nullArray(t, n), nil
		}
		return a, nil
	}
}

// Coalesce is coalesce(args...): the first non-null argument, evaluating an argument only
// for the rows still null.
type Coalesce struct {
	Args []Expr
	Type arrow.DataType
}

// NewCoalesce is coalesce(args...) of type t.
func NewCoalesce(args []Expr, t types.DataType) (Expr, error) {
	if len(args) == 0 {
		return nil, sparkerror.InternalError("coalesce without arguments")
	}
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	return &Coalesce{Args: args, Type: at}, nil
}

// NewNvl is nvl(a, b), ifnull(a, b): coalesce of two arguments.
func NewNvl(a, b Expr, t types.DataType) (Expr, error) { return NewCoalesce([]Expr{a, b}, t) }

func (e *Coalesce) DataType() arrow.DataType { return e.Type }
func (e *Coalesce) String() string {
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		parts[i] = a.String()
	}
	return "coalesce(" + strings.Join(parts, ", ") + ")"
}
func (e *Coalesce) children() []Expr { return e.Args }
func (e *Coalesce) mayFail() bool    { return anyMayFail(e.Args...) }

func (e *Coalesce) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	first, err := e.Args[0].Eval(b)
	if err != nil {
		return nil, err
	}
	if first.NullN() == 0 || len(e.Args) == 1 {
		return conform(first, nil)(e.Type)
	}
	srcs := []arrow.Array{first}
	defer func() { releaseAll(srcs) }()
	src := make([]int32, n)
	idx := identity(n)
	var remaining []int32
	v := validity(first)
	for i := 0; i < n; i++ {
		if !v.get(i) {
			remaining = append(remaining, int32(i))
		}
	}
	for _, arg := range e.Args[1:] {
		if len(remaining) == 0 {
			break
		}
		s := int32(len(srcs))
		var a arrow.Array
		full := !mayFail(arg)
		if full {
			a, err = arg.Eval(b)
		} else {
			a, err = evalRows(arg, b, remaining)
		}
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, a)
		av := validity(a)
		var still []int32
		for i, row := range remaining {
			p := i
			if full {
				p = int(row)
			}
			if av != nil && !av.get(p) {
				still = append(still, row)
				continue
			}
			src[row], idx[row] = s, int32(p)
		}
		remaining = still
	}
	for _, row := range remaining {
		idx[row] = -1
	}
	return gather(e.Type, srcs, src, idx)
}

// NullIf is nullif(a, b): NULL when a = b, else a.
type NullIf struct{ Left, Right Expr }

// NewNullIf is nullif(a, b); a and b have the same type, the result a's.
func NewNullIf(a, b Expr) (Expr, error) {
	if _, err := NewCompare(EQ, a, b); err != nil {
		return nil, err
	}
	return &NullIf{Left: a, Right: b}, nil
}

func (e *NullIf) DataType() arrow.DataType { return e.Left.DataType() }
func (e *NullIf) String() string           { return "nullif(" + e.Left.String() + ", " + e.Right.String() + ")" }
func (e *NullIf) children() []Expr         { return []Expr{e.Left, e.Right} }
func (e *NullIf) mayFail() bool            { return anyMayFail(e.Left, e.Right) }
func (e *NullIf) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	l, err := e.Left.Eval(b)
	if err != nil {
		return nil, err
	}
	defer l.Release()
	r, err := e.Right.Eval(b)
	if err != nil {
		return nil, err
	}
	defer r.Release()
	c, err := compareArrays(EQ, l, r, n)
	if err != nil {
		return nil, err
	}
	eq, _ := truthWords(c)
	c.Release()
	if eq.count(n) == 0 {
		l.Retain()
		return l, nil
	}
	valid := validity(l)
	if valid == nil {
		valid = allOnes(n)
	}
	for i := range valid {
		valid[i] &^= eq[i]
	}
	return withValidity(l, valid), nil
}

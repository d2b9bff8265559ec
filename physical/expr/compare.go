package expr

//go:generate go run ./internal/gen

import (
	"bytes"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
)

// CompareOp is a comparison operator.
type CompareOp uint8

// The comparison operators; NullSafeEQ is <=>.
const (
	EQ CompareOp = iota
	NE
	LT
	LE
	GT
	GE
	NullSafeEQ
)

var compareSymbols = [...]string{"=", "!=", "<", "<=", ">", ">=", "<=>"}

func (op CompareOp) String() string {
	if int(op) < len(compareSymbols) {
		return compareSymbols[op]
	}
	return fmt.Sprintf("CompareOp(%d)", op)
}

// flip is the operator with its operands swapped: a < b is b > a.
func (op CompareOp) flip() CompareOp {
	switch op {
	case LT:
		return GT
	case LE:
		return GE
	case GT:
		return LT
	case GE:
		return LE
	}
	return op
}

// test tells whether a three-way comparison result c (-1, 0, 1) satisfies op, as a bit.
func (op CompareOp) table() [3]uint64 {
	switch op {
	case EQ, NullSafeEQ:
		return [3]uint64{0, 1, 0}
	case NE:
		return [3]uint64{1, 0, 1}
	case LT:
		return [3]uint64{1, 0, 0}
	case LE:
		return [3]uint64{1, 1, 0}
	case GT:
		return [3]uint64{0, 0, 1}
	}
	return [3]uint64{0, 1, 1} // GE
}

type intLike interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

type floatLike interface{ ~float32 | ~float64 }

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// Compare is a comparison of two values of the same type with Spark's semantics: NaN equals
// NaN and is greater than any other value, -0.0 equals 0.0, strings and binaries compare as
// unsigned bytes, structs and arrays lexicographically (a null element sorts first). A null
// operand gives null, except for <=>, which is never null.
type Compare struct {
	Op          CompareOp
	Left, Right Expr
}

// NewCompare compares l and r, which must have the same type (the analyzer casts them).
func NewCompare(op CompareOp, l, r Expr) (Expr, error) {
	if op > NullSafeEQ {
		return nil, sparkerror.InternalError("unknown comparison operator %d", op)
	}
	lt, rt := l.DataType(), r.DataType()
	if lt.ID() != arrow.NULL && rt.ID() != arrow.NULL && !comparableTypes(lt, rt) {
		return nil, sparkerror.InternalError("comparison of different types %s and %s", lt, rt)
	}
	t := lt
	if t.ID() == arrow.NULL {
		t = rt
	}
	if t.ID() != arrow.NULL {
		if _, err := newRowCmp(t); err != nil {
			return nil, err
		}
	}
	return &Compare{Op: op, Left: l, Right: r}, nil
}

func (c *Compare) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (c *Compare) String() string {
	return "(" + c.Left.String() + " " + c.Op.String() + " " + c.Right.String() + ")"
}
func (c *Compare) children() []Expr { return []Expr{c.Left, c.Right} }
func (c *Compare) mayFail() bool    { return anyMayFail(c.Left, c.Right) }

func (c *Compare) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	// A literal operand is compared as a scalar, without materializing it.
	if lit, ok := c.Right.(*Literal); ok {
		if out, done, err := c.evalScalar(b, c.Left, lit, c.Op); done || err != nil {
			return out, err
		}
	}
	if lit, ok := c.Left.(*Literal); ok {
		if out, done, err := c.evalScalar(b, c.Right, lit, c.Op.flip()); done || err != nil {
			return out, err
		}
	}
	l, err := c.Left.Eval(b)
	if err != nil {
		return nil, err
	}
	defer l.Release()
	r, err := c.Right.Eval(b)
	if err != nil {
		return nil, err
	}
	defer r.Release()
	return compareArrays(c.Op, l, r, n)
}

// evalScalar compares the column x with a literal; done is false when the literal's type has
// no scalar kernel.
func (c *Compare) evalScalar(b arrow.RecordBatch, x Expr, lit *Literal, op CompareOp) (arrow.Array, bool, error) {
	v, err := lit.scalar()
	if err != nil {
		return nil, true, err
	}
	n := int(b.NumRows())
	if v == nil || lit.Type.ID() == arrow.NULL {
		a, err := x.Eval(b)
		if err != nil {
			return nil, true, err
		}
		defer a.Release()
		if op == NullSafeEQ {
			// x <=> NULL is x IS NULL.
			out := validity(a)
			if out == nil {
				return newBool(n, newWords(n), nil), true, nil
			}
			for i := range out {
				out[i] = ^out[i]
			}
			return newBool(n, out, nil), true, nil
		}
		return nullArray(arrow.FixedWidthTypes.Boolean, n), true, nil
	}
	switch v.(type) {
	case int8, int16, int32, int64, float32, float64, string, []byte, bool, decimal128.Num:
	default:
		return nil, false, nil
	}
	a, err := x.Eval(b)
	if err != nil {
		return nil, true, err
	}
	defer a.Release()
	if isNullType(a) {
		if op == NullSafeEQ {
			return newBool(n, newWords(n), nil), true, nil
		}
		return nullArray(arrow.FixedWidthTypes.Boolean, n), true, nil
	}
	out := newWords(n)
	kop := op
	if op == NullSafeEQ {
		kop = EQ
	}
	switch y := v.(type) {
	case int8:
		cmpVS(kop, fixedValues[int8](a), y, out)
	case int16:
		cmpVS(kop, fixedValues[int16](a), y, out)
	case int32:
		cmpVS(kop, fixedValues[int32](a), y, out)
	case int64:
		cmpVS(kop, fixedValues[int64](a), y, out)
	case float32:
		cmpVSF(kop, fixedValues[float32](a), y, out)
	case float64:
		cmpVSF(kop, fixedValues[float64](a), y, out)
	case bool:
		av := boolWords(a)
		for i, x := range av {
			out[i] = boolOp(kop, x, boolMask(y))
		}
	case string:
		cmpVarScalar(kop, viewVar(a), []byte(y), out, n)
	case []byte:
		cmpVarScalar(kop, viewVar(a), y, out, n)
	case decimal128.Num:
		cmpDecimalScalar(kop, fixedValues[decimal128.Num](a), y, out)
	}
	valid := validity(a)
	if op == NullSafeEQ {
		if valid != nil {
			for i := range out {
				out[i] &= valid[i]
			}
		}
		return newBool(n, trim(out, n), nil), true, nil
	}
	return newBool(n, trim(out, n), valid), true, nil
}

func boolMask(b bool) uint64 {
	if b {
		return ^uint64(0)
	}
	return 0
}

// trim clears the bits past n of the last word.
func trim(w words, n int) words {
	if r := n % 64; r != 0 && len(w) > 0 {
		w[len(w)-1] &= (1 << r) - 1
	}
	return w
}

// boolOp compares 64 booleans at once (false < true).
func boolOp(op CompareOp, x, y uint64) uint64 {
	switch op {
	case EQ, NullSafeEQ:
		return ^(x ^ y)
	case NE:
		return x ^ y
	case LT:
		return ^x & y
	case LE:
		return ^x | y
	case GT:
		return x &^ y
	}
	return x | ^y // GE
}

// cmpDecimalScalar sets out's bits where x op y. Values of 18 digits or fewer (every
// decimal(p<=18) column) fit in their low word: those compare as int64 without branches.
func cmpDecimalScalar(op CompareOp, vals []decimal128.Num, y decimal128.Num, out []uint64) {
	tbl := op.table()
	yl := int64(y.LowBits())
	if y.HighBits() != yl>>63 {
		for i, x := range vals {
			out[i>>6] |= tbl[cmpDecimal(x, y)+1] << (uint(i) & 63)
		}
		return
	}
	for i, x := range vals {
		xl := int64(x.LowBits())
		var c int
		if x.HighBits() == xl>>63 {
			c = b2i(xl > yl) - b2i(xl < yl)
		} else {
			c = cmpDecimal(x, y)
		}
		out[i>>6] |= tbl[c+1] << (uint(i) & 63)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func cmpDecimal(x, y decimal128.Num) int {
	if x.HighBits() != y.HighBits() {
		if x.HighBits() < y.HighBits() {
			return -1
		}
		return 1
	}
	if x.LowBits() != y.LowBits() {
		if x.LowBits() < y.LowBits() {
			return -1
		}
		return 1
	}
	return 0
}

func cmpVarScalar(op CompareOp, v varView, y []byte, out words, n int) {
	if op == EQ || op == NE {
		want := b2u(op == EQ)
		for i := 0; i < n; i++ {
			s := v.data[v.offs[i]:v.offs[i+1]]
			out[i>>6] |= (b2u(bytes.Equal(s, y)) ^ want ^ 1) << (uint(i) & 63)
		}
		return
	}
	tbl := op.table()
	for i := 0; i < n; i++ {
		out[i>>6] |= tbl[bytes.Compare(v.data[v.offs[i]:v.offs[i+1]], y)+1] << (uint(i) & 63)
	}
}

// compareArrays compares two arrays of the same type row by row.
func compareArrays(op CompareOp, l, r arrow.Array, n int) (arrow.Array, error) {
	if isNullType(l) || isNullType(r) {
		if op != NullSafeEQ {
			return nullArray(arrow.FixedWidthTypes.Boolean, n), nil
		}
		// Only the null-ness matters: both null is true.
		lv, rv := validity(l), validity(r)
		out := newWords(n)
		for i := range out {
			var x, y uint64 = ^uint64(0), ^uint64(0)
			if lv != nil {
				x = lv[i]
			}
			if rv != nil {
				y = rv[i]
			}
			out[i] = ^x & ^y
		}
		return newBool(n, trim(out, n), nil), nil
	}
	kop := op
	if op == NullSafeEQ {
		kop = EQ
	}
	out := newWords(n)
	switch l.DataType().ID() {
	case arrow.INT8:
		cmpVV(kop, fixedValues[int8](l), fixedValues[int8](r), out)
	case arrow.INT16:
		cmpVV(kop, fixedValues[int16](l), fixedValues[int16](r), out)
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		cmpVV(kop, fixedValues[int32](l), fixedValues[int32](r), out)
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION, arrow.TIME64:
		cmpVV(kop, fixedValues[int64](l), fixedValues[int64](r), out)
	case arrow.FLOAT32:
		cmpVVF(kop, fixedValues[float32](l), fixedValues[float32](r), out)
	case arrow.FLOAT64:
		cmpVVF(kop, fixedValues[float64](l), fixedValues[float64](r), out)
	case arrow.BOOL:
		lw, rw := boolWords(l), boolWords(r)
		for i := range out {
			out[i] = boolOp(kop, lw[i], rw[i])
		}
		trim(out, n)
	case arrow.DECIMAL128:
		tbl := kop.table()
		lv, rv := fixedValues[decimal128.Num](l), fixedValues[decimal128.Num](r)
		for i := 0; i < n; i++ {
			out[i>>6] |= tbl[cmpDecimal(lv[i], rv[i])+1] << (uint(i) & 63)
		}
	case arrow.STRING, arrow.BINARY:
		lv, rv := viewVar(l), viewVar(r)
		if kop == EQ || kop == NE {
			flip := b2u(kop == NE)
			for i := 0; i < n; i++ {
				out[i>>6] |= (b2u(bytes.Equal(lv.at(i), rv.at(i))) ^ flip) << (uint(i) & 63)
			}
		} else {
			tbl := kop.table()
			for i := 0; i < n; i++ {
				out[i>>6] |= tbl[bytes.Compare(lv.at(i), rv.at(i))+1] << (uint(i) & 63)
			}
		}
	default:
		cmpf, err := newRowCmp(l.DataType())
		if err != nil {
			return nil, err
		}
		rc := cmpf(l, r)
		tbl := kop.table()
		lvalid, rvalid := validity(l), validity(r)
		for i := 0; i < n; i++ {
			if (lvalid != nil && !lvalid.get(i)) || (rvalid != nil && !rvalid.get(i)) {
				continue
			}
			out[i>>6] |= tbl[rc(i, i)+1] << (uint(i) & 63)
		}
	}
	if op == NullSafeEQ {
		lv, rv := validity(l), validity(r)
		if lv == nil && rv == nil {
			return newBool(n, out, nil), nil
		}
		if lv == nil {
			lv = allOnes(n)
		}
		if rv == nil {
			rv = allOnes(n)
		}
		for i := range out {
			both := lv[i] & rv[i]
			neither := ^lv[i] & ^rv[i]
			out[i] = (out[i] & both) | neither
		}
		return newBool(n, trim(out, n), nil), nil
	}
	return newBool(n, out, andValidity(l, r)), nil
}

// comparableTypes reports whether values of two Arrow types can be compared as they are:
// the same layout, decimals of the same scale (the precision does not matter), timestamps
// whatever zone the type names.
func comparableTypes(x, y arrow.DataType) bool {
	if x.ID() != y.ID() {
		return false
	}
	switch xt := x.(type) {
	case *arrow.Decimal128Type:
		return xt.Scale == y.(*arrow.Decimal128Type).Scale
	case *arrow.TimestampType:
		return xt.Unit == y.(*arrow.TimestampType).Unit
	case *arrow.ListType:
		return comparableTypes(xt.Elem(), y.(*arrow.ListType).Elem())
	case *arrow.MapType:
		yt := y.(*arrow.MapType)
		return comparableTypes(xt.KeyType(), yt.KeyType()) && comparableTypes(xt.ItemType(), yt.ItemType())
	case *arrow.StructType:
		yt := y.(*arrow.StructType)
		if xt.NumFields() != yt.NumFields() {
			return false
		}
		for i := range xt.Fields() {
			if !comparableTypes(xt.Field(i).Type, yt.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return arrow.TypeEqual(x, y)
}

// rowCmp compares row i of one array with row j of another (both non-null at the top).
type rowCmp func(i, j int) int

// newRowCmp prepares a comparator for arrays of type t; the returned function binds two
// arrays. Nested nulls compare equal to each other and below any value.
func newRowCmp(t arrow.DataType) (func(a, b arrow.Array) rowCmp, error) {
	switch t.ID() {
	case arrow.NULL:
		return func(a, b arrow.Array) rowCmp { return func(i, j int) int { return 0 } }, nil
	case arrow.BOOL:
		return func(a, b arrow.Array) rowCmp {
			x, y := a.(*array.Boolean), b.(*array.Boolean)
			return func(i, j int) int { return cmpBool(x.Value(i), y.Value(j)) }
		}, nil
	case arrow.INT8:
		return ordCmp[int8], nil
	case arrow.INT16:
		return ordCmp[int16], nil
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		return ordCmp[int32], nil
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION, arrow.TIME64:
		return ordCmp[int64], nil
	case arrow.FLOAT32:
		return floatCmp[float32], nil
	case arrow.FLOAT64:
		return floatCmp[float64], nil
	case arrow.DECIMAL128:
		return func(a, b arrow.Array) rowCmp {
			x, y := fixedValues[decimal128.Num](a), fixedValues[decimal128.Num](b)
			return func(i, j int) int { return cmpDecimal(x[i], y[j]) }
		}, nil
	case arrow.INTERVAL_MONTH_DAY_NANO:
		return func(a, b arrow.Array) rowCmp {
			x, y := fixedValues[arrow.MonthDayNanoInterval](a), fixedValues[arrow.MonthDayNanoInterval](b)
			return func(i, j int) int {
				p, q := x[i], y[j]
				switch {
				case p.Months != q.Months:
					return cmpOrd(p.Months, q.Months)
				case p.Days != q.Days:
					return cmpOrd(p.Days, q.Days)
				}
				return cmpOrd(p.Nanoseconds, q.Nanoseconds)
			}
		}, nil
	case arrow.STRING, arrow.BINARY:
		return func(a, b arrow.Array) rowCmp {
			x, y := viewVar(a), viewVar(b)
			return func(i, j int) int { return bytes.Compare(x.at(i), y.at(j)) }
		}, nil
	case arrow.STRUCT:
		st := t.(*arrow.StructType)
		fields := make([]func(a, b arrow.Array) rowCmp, st.NumFields())
		for k := range fields {
			f, err := newRowCmp(st.Field(k).Type)
			if err != nil {
				return nil, err
			}
			fields[k] = f
		}
		return func(a, b arrow.Array) rowCmp {
			x, y := a.(*array.Struct), b.(*array.Struct)
			cs := make([]rowCmp, len(fields))
			xs := make([]arrow.Array, len(fields))
			ys := make([]arrow.Array, len(fields))
			for k, f := range fields {
				xs[k], ys[k] = x.Field(k), y.Field(k)
				cs[k] = f(xs[k], ys[k])
			}
			return func(i, j int) int {
				for k, c := range cs {
					if r := cmpNested(xs[k], ys[k], i, j, c); r != 0 {
						return r
					}
				}
				return 0
			}
		}, nil
	case arrow.LIST, arrow.MAP:
		var elem arrow.DataType
		switch lt := t.(type) {
		case *arrow.ListType:
			elem = lt.Elem()
		case *arrow.MapType:
			elem = lt.Elem()
		}
		ec, err := newRowCmp(elem)
		if err != nil {
			return nil, err
		}
		return func(a, b arrow.Array) rowCmp {
			x, y := a.(array.ListLike), b.(array.ListLike)
			xv, yv := x.ListValues(), y.ListValues()
			c := ec(xv, yv)
			return func(i, j int) int {
				xs, xe := x.ValueOffsets(i)
				ys, ye := y.ValueOffsets(j)
				for p, q := xs, ys; p < xe && q < ye; p, q = p+1, q+1 {
					if r := cmpNested(xv, yv, int(p), int(q), c); r != 0 {
						return r
					}
				}
				return cmpOrd(xe-xs, ye-ys)
			}
		}, nil
	}
	return nil, sparkerror.NotImplemented("comparison of Arrow type " + t.String())
}

// cmpNested compares elements that may be null: null equals null and sorts first.
func cmpNested(x, y arrow.Array, i, j int, c rowCmp) int {
	xn, yn := x.IsNull(i), y.IsNull(j)
	switch {
	case xn && yn:
		return 0
	case xn:
		return -1
	case yn:
		return 1
	}
	return c(i, j)
}

func ordCmp[T intLike](a, b arrow.Array) rowCmp {
	x, y := fixedValues[T](a), fixedValues[T](b)
	return func(i, j int) int { return cmpOrd(x[i], y[j]) }
}

func floatCmp[T floatLike](a, b arrow.Array) rowCmp {
	x, y := fixedValues[T](a), fixedValues[T](b)
	return func(i, j int) int { return cmpFloat(x[i], y[j]) }
}

func cmpOrd[T intLike](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// cmpFloat is Spark's SQLOrderingUtil.compareDoubles: -0.0 equals 0.0, NaN equals NaN and
// is above everything else.
func cmpFloat[T floatLike](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	case x == y:
		return 0
	}
	xn, yn := x != x, y != y
	switch {
	case xn && yn:
		return 0
	case xn:
		return 1
	}
	return -1
}

func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

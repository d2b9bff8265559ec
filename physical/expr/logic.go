package expr

import (
	"encoding/binary"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
)

// truthWords splits a boolean array into its true and false rows (nulls are in neither).
func truthWords(a arrow.Array) (t, f words) {
	n := a.Len()
	if isNullType(a) {
		return newWords(n), newWords(n)
	}
	v := boolWords(a)
	valid := validity(a)
	f = make(words, len(v))
	if valid == nil {
		for i, x := range v {
			f[i] = ^x
		}
		return v, trim(f, n)
	}
	for i, x := range v {
		f[i] = valid[i] &^ x
		v[i] = x & valid[i]
	}
	return v, f
}

// Logic is AND or OR with Kleene's three-valued logic, evaluated a word (64 rows) at a time.
// As in Spark, the right operand only matters for the rows the left one does not decide;
// when it can fail it is evaluated only on those rows.
type Logic struct {
	Or          bool
	Left, Right Expr
}

// NewAnd is l AND r.
func NewAnd(l, r Expr) (Expr, error) { return newLogic(false, l, r) }

// NewOr is l OR r.
func NewOr(l, r Expr) (Expr, error) { return newLogic(true, l, r) }

func newLogic(or bool, l, r Expr) (Expr, error) {
	for _, e := range []Expr{l, r} {
		if id := e.DataType().ID(); id != arrow.BOOL && id != arrow.NULL {
			return nil, sparkerror.InternalError("logical operator on %s", e.DataType())
		}
	}
	return &Logic{Or: or, Left: l, Right: r}, nil
}

func (e *Logic) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (e *Logic) String() string {
	op := " AND "
	if e.Or {
		op = " OR "
	}
	return "(" + e.Left.String() + op + e.Right.String() + ")"
}
func (e *Logic) children() []Expr { return []Expr{e.Left, e.Right} }
func (e *Logic) mayFail() bool    { return anyMayFail(e.Left, e.Right) }

func (e *Logic) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	l, err := e.Left.Eval(b)
	if err != nil {
		return nil, err
	}
	lt, lf := truthWords(l)
	l.Release()
	// decided: the rows the left side settles (false for AND, true for OR).
	decided := lf
	if e.Or {
		decided = lt
	}
	nDecided := decided.count(n)
	var rt, rf words
	switch {
	case nDecided == n:
		rt, rf = newWords(n), newWords(n)
	case nDecided > 0 && mayFail(e.Right):
		need := make(words, len(decided))
		for i, x := range decided {
			need[i] = ^x
		}
		rows := selected(trim(need, n), n)
		r, err := evalRows(e.Right, b, rows)
		if err != nil {
			return nil, err
		}
		st, sf := truthWords(r)
		r.Release()
		rt, rf = newWords(n), newWords(n)
		for k, row := range rows {
			if st.get(k) {
				rt.set(int(row))
			} else if sf.get(k) {
				rf.set(int(row))
			}
		}
	default:
		r, err := e.Right.Eval(b)
		if err != nil {
			return nil, err
		}
		rt, rf = truthWords(r)
		r.Release()
	}
	val := newWords(n)
	valid := newWords(n)
	for i := range val {
		var t, f uint64
		if e.Or {
			t, f = lt[i]|rt[i], lf[i]&rf[i]
		} else {
			t, f = lt[i]&rt[i], lf[i]|rf[i]
		}
		val[i], valid[i] = t, t|f
	}
	return newBool(n, val, valid), nil
}

// Not is logical negation; NULL stays NULL.
type Not struct{ Child Expr }

// NewNot is NOT x.
func NewNot(x Expr) (Expr, error) {
	if id := x.DataType().ID(); id != arrow.BOOL && id != arrow.NULL {
		return nil, sparkerror.InternalError("NOT on %s", x.DataType())
	}
	return &Not{Child: x}, nil
}

func (e *Not) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (e *Not) String() string           { return "(NOT " + e.Child.String() + ")" }
func (e *Not) children() []Expr         { return []Expr{e.Child} }
func (e *Not) mayFail() bool            { return mayFail(e.Child) }
func (e *Not) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	x, err := e.Child.Eval(b)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	n := x.Len()
	if isNullType(x) {
		return nullArray(arrow.FixedWidthTypes.Boolean, n), nil
	}
	v := boolWords(x)
	for i := range v {
		v[i] = ^v[i]
	}
	return newBool(n, trim(v, n), validity(x)), nil
}

// NullTest is IS NULL or IS NOT NULL; it is never null.
type NullTest struct {
	Child   Expr
	NotNull bool
}

// NewIsNull is x IS NULL.
func NewIsNull(x Expr) (Expr, error) { return &NullTest{Child: x}, nil }

// NewIsNotNull is x IS NOT NULL.
func NewIsNotNull(x Expr) (Expr, error) { return &NullTest{Child: x, NotNull: true}, nil }

func (e *NullTest) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (e *NullTest) String() string {
	if e.NotNull {
		return "(" + e.Child.String() + " IS NOT NULL)"
	}
	return "(" + e.Child.String() + " IS NULL)"
}
func (e *NullTest) children() []Expr { return []Expr{e.Child} }
func (e *NullTest) mayFail() bool    { return mayFail(e.Child) }
func (e *NullTest) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	x, err := e.Child.Eval(b)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	n := x.Len()
	v := validity(x)
	if v == nil {
		v = allOnes(n)
	}
	if !e.NotNull {
		for i := range v {
			v[i] = ^v[i]
		}
		trim(v, n)
	}
	return newBool(n, v, nil), nil
}

// IsNaN is isnan(x) for floats: false for NULL.
type IsNaN struct{ Child Expr }

// NewIsNaN is isnan(x); x is a float or double.
func NewIsNaN(x Expr) (Expr, error) {
	switch x.DataType().ID() {
	case arrow.FLOAT32, arrow.FLOAT64, arrow.NULL:
		return &IsNaN{Child: x}, nil
	}
	return nil, sparkerror.InternalError("isnan on %s", x.DataType())
}

func (e *IsNaN) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (e *IsNaN) String() string           { return "isnan(" + e.Child.String() + ")" }
func (e *IsNaN) children() []Expr         { return []Expr{e.Child} }
func (e *IsNaN) mayFail() bool            { return mayFail(e.Child) }
func (e *IsNaN) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	x, err := e.Child.Eval(b)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	n := x.Len()
	out := newWords(n)
	switch x.DataType().ID() {
	case arrow.FLOAT32:
		for i, v := range fixedValues[float32](x) {
			out[i>>6] |= b2u(v != v) << (uint(i) & 63)
		}
	case arrow.FLOAT64:
		for i, v := range fixedValues[float64](x) {
			out[i>>6] |= b2u(v != v) << (uint(i) & 63)
		}
	}
	if valid := validity(x); valid != nil {
		for i := range out {
			out[i] &= valid[i]
		}
	}
	return newBool(n, out, nil), nil
}

// In is x IN (list...): NULL when x is NULL; true on a match; otherwise NULL when an element
// is NULL, else false. Elements are evaluated, as in Spark, only for the rows not matched
// yet when they can fail.
type In struct {
	Value Expr
	List  []Expr
}

// NewIn is x IN (list...), the elements of x's type.
func NewIn(x Expr, list []Expr) (Expr, error) {
	for _, e := range list {
		if e.DataType().ID() != arrow.NULL && x.DataType().ID() != arrow.NULL && !comparableTypes(e.DataType(), x.DataType()) {
			return nil, sparkerror.InternalError("IN list element of type %s, value of type %s", e.DataType(), x.DataType())
		}
	}
	if _, err := newRowCmp(x.DataType()); err != nil && x.DataType().ID() != arrow.NULL {
		return nil, err
	}
	return &In{Value: x, List: list}, nil
}

func (e *In) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (e *In) String() string {
	s := "(" + e.Value.String() + " IN ("
	for i, x := range e.List {
		if i > 0 {
			s += ", "
		}
		s += x.String()
	}
	return s + "))"
}
func (e *In) children() []Expr { return append([]Expr{e.Value}, e.List...) }
func (e *In) mayFail() bool    { return anyMayFail(e.children()...) }

func (e *In) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	if len(e.List) == 0 {
		return newBool(n, newWords(n), nil), nil
	}
	x, err := e.Value.Eval(b)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	valid := validity(x)
	if valid == nil {
		valid = allOnes(n)
	}
	found := newWords(n)
	sawNull := newWords(n)
	for _, el := range e.List {
		// open: rows with a non-null value not matched yet.
		open := make(words, len(valid))
		for i := range open {
			open[i] = valid[i] &^ found[i]
		}
		nOpen := open.count(n)
		if nOpen == 0 {
			break
		}
		var eq, elNull words
		if nOpen < n && mayFail(el) {
			rows := selected(open, n)
			xs, err := gather(x.DataType(), []arrow.Array{x}, nil, rows)
			if err != nil {
				return nil, err
			}
			ys, err := evalRows(el, b, rows)
			if err != nil {
				xs.Release()
				return nil, err
			}
			c, err := compareArrays(EQ, xs, ys, len(rows))
			yv := validity(ys)
			xs.Release()
			ys.Release()
			if err != nil {
				return nil, err
			}
			ct, _ := truthWords(c)
			c.Release()
			eq, elNull = newWords(n), newWords(n)
			for k, row := range rows {
				if ct.get(k) {
					eq.set(int(row))
				}
				if yv != nil && !yv.get(k) {
					elNull.set(int(row))
				}
			}
		} else {
			y, err := el.Eval(b)
			if err != nil {
				return nil, err
			}
			c, err := compareArrays(EQ, x, y, n)
			if v := validity(y); v != nil {
				elNull = v
				for i := range elNull {
					elNull[i] = ^elNull[i]
				}
			}
			y.Release()
			if err != nil {
				return nil, err
			}
			eq, _ = truthWords(c)
			c.Release()
		}
		for i := range found {
			found[i] |= eq[i] & open[i]
			if elNull != nil {
				sawNull[i] |= elNull[i] & open[i]
			}
		}
	}
	// Result: true where found; null where the value is null or (not found and a null was seen).
	outValid := make(words, len(valid))
	for i := range outValid {
		outValid[i] = valid[i] & (found[i] | ^sawNull[i])
	}
	return newBool(n, found, trim(outValid, n)), nil
}

// InSet is x IN (constants...) with a hash set of the constants, typed by x's physical type.
type InSet struct {
	Value   Expr
	HasNull bool
	set     any // map[int64]struct{}, map[uint64]struct{} (float bits), map[string]struct{}, map[decimal128.Num]struct{}, [2]bool
	size    int

	// Short lists (the usual IN ('MAIL', 'SHIP')) are scanned instead of hashed: small
	// lists the values, lens has bit k set when some value has length k (lengths of 64 or
	// more set bit 63), so most non-matching strings are rejected by their length alone.
	smallStr [][]byte
	lens     uint64
	smallInt []int64
}

// inSmall is the largest list scanned linearly rather than hashed.
const inSmall = 8

// NewInSet is x IN (values...), the values given as for NewLiteral of x's type; hasNull tells
// whether the list also held a NULL.
func NewInSet(x Expr, values []any, hasNull bool) (Expr, error) {
	t := x.DataType()
	e := &InSet{Value: x, HasNull: hasNull, size: len(values)}
	norm := make([]any, 0, len(values))
	for _, v := range values {
		nv, err := normalizeLiteral(t, v)
		if err != nil {
			return nil, err
		}
		if nv == nil {
			e.HasNull = true
			continue
		}
		norm = append(norm, nv)
	}
	switch t.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.DATE32, arrow.TIMESTAMP, arrow.DURATION, arrow.INTERVAL_MONTHS:
		s := make(map[int64]struct{}, len(norm))
		for _, v := range norm {
			i, _ := asInt64(v)
			s[i] = struct{}{}
		}
		e.set = s
		if len(s) <= inSmall {
			for k := range s {
				e.smallInt = append(e.smallInt, k)
			}
		}
	case arrow.FLOAT32, arrow.FLOAT64:
		s := make(map[uint64]struct{}, len(norm))
		for _, v := range norm {
			var f float64
			switch x := v.(type) {
			case float32:
				f = float64(x)
			case float64:
				f = x
			}
			s[floatKey(f)] = struct{}{}
		}
		e.set = s
	case arrow.STRING, arrow.BINARY:
		s := make(map[string]struct{}, len(norm))
		for _, v := range norm {
			switch x := v.(type) {
			case string:
				s[x] = struct{}{}
			case []byte:
				s[string(x)] = struct{}{}
			}
		}
		e.set = s
		if len(s) <= inSmall {
			for k := range s {
				e.smallStr = append(e.smallStr, []byte(k))
				e.lens |= 1 << min(len(k), 63)
			}
		}
	case arrow.DECIMAL128:
		s := make(map[decimal128.Num]struct{}, len(norm))
		for _, v := range norm {
			s[v.(decimal128.Num)] = struct{}{}
		}
		e.set = s
	case arrow.BOOL:
		var s [2]bool
		for _, v := range norm {
			if v.(bool) {
				s[1] = true
			} else {
				s[0] = true
			}
		}
		e.set = s
	case arrow.NULL:
		e.set = nil
	default:
		return nil, sparkerror.NotImplemented("IN set of Arrow type " + t.String())
	}
	return e, nil
}

// floatKey maps a float to a hash key under Spark's equality: NaNs are one key, -0.0 is 0.0.
func floatKey(f float64) uint64 {
	if f != f {
		return 0x7ff8000000000001
	}
	if f == 0 {
		return 0
	}
	return math.Float64bits(f)
}

func (e *InSet) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (e *InSet) String() string           { return "(" + e.Value.String() + " IN (...))" }
func (e *InSet) children() []Expr         { return []Expr{e.Value} }
func (e *InSet) mayFail() bool            { return mayFail(e.Value) }

func (e *InSet) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	x, err := e.Value.Eval(b)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	n := x.Len()
	if isNullType(x) {
		return nullArray(arrow.FixedWidthTypes.Boolean, n), nil
	}
	found := newWords(n)
	switch s := e.set.(type) {
	case map[int64]struct{}:
		if e.smallInt != nil {
			switch x.DataType().ID() {
			case arrow.INT8:
				scanInts(fixedValues[int8](x), e.smallInt, found)
			case arrow.INT16:
				scanInts(fixedValues[int16](x), e.smallInt, found)
			case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
				scanInts(fixedValues[int32](x), e.smallInt, found)
			default:
				scanInts(fixedValues[int64](x), e.smallInt, found)
			}
			break
		}
		switch x.DataType().ID() {
		case arrow.INT8:
			probeInts(fixedValues[int8](x), s, found)
		case arrow.INT16:
			probeInts(fixedValues[int16](x), s, found)
		case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
			probeInts(fixedValues[int32](x), s, found)
		default:
			probeInts(fixedValues[int64](x), s, found)
		}
	case map[uint64]struct{}:
		if x.DataType().ID() == arrow.FLOAT32 {
			for i, v := range fixedValues[float32](x) {
				if _, ok := s[floatKey(float64(v))]; ok {
					found.set(i)
				}
			}
		} else {
			for i, v := range fixedValues[float64](x) {
				if _, ok := s[floatKey(v)]; ok {
					found.set(i)
				}
			}
		}
	case map[string]struct{}:
		vv := viewVar(x)
		if e.smallStr != nil {
			e.scanStrings(vv, n, found)
			break
		}
		for i := 0; i < n; i++ {
			if _, ok := s[string(vv.at(i))]; ok {
				found.set(i)
			}
		}
	case map[decimal128.Num]struct{}:
		for i, v := range fixedValues[decimal128.Num](x) {
			if _, ok := s[v]; ok {
				found.set(i)
			}
		}
	case [2]bool:
		bw := boolWords(x)
		for i := range found {
			var w uint64
			if s[1] {
				w |= bw[i]
			}
			if s[0] {
				w |= ^bw[i]
			}
			found[i] = w
		}
		trim(found, n)
	}
	valid := validity(x)
	if valid == nil {
		valid = allOnes(n)
	}
	for i := range found {
		found[i] &= valid[i]
	}
	outValid := valid
	if e.HasNull {
		// Not found with a NULL in the list is NULL.
		outValid = make(words, len(valid))
		copy(outValid, found)
	}
	return newBool(n, found, outValid), nil
}

// scanStrings is the IN probe for a short list of strings. A value of at most 8 bytes
// whose 8-byte window lies inside the data buffer is compared as one masked word against
// the list's words; other values are compared as bytes.
func (e *InSet) scanStrings(vv varView, n int, found words) {
	var words [inSmall]uint64
	var wlen [inSmall]int
	for k, c := range e.smallStr {
		wlen[k] = -1
		if len(c) <= 8 {
			var w [8]byte
			copy(w[:], c)
			words[k], wlen[k] = binary.LittleEndian.Uint64(w[:]), len(c)
		}
	}
	words1, wlen1 := words[:len(e.smallStr)], wlen[:len(e.smallStr)]
	data := vv.data
	for i := 0; i < n; i++ {
		s, t := int(vv.offs[i]), int(vv.offs[i+1])
		l := t - s
		if e.lens&(1<<min(l, 63)) == 0 {
			continue
		}
		if l <= 8 && s+8 <= len(data) {
			w := binary.LittleEndian.Uint64(data[s:]) & (^uint64(0) >> (64 - 8*uint(l)))
			for k, c := range words1 {
				if wlen1[k] == l && w == c {
					found.set(i)
					break
				}
			}
			continue
		}
		v := data[s:t]
		for _, c := range e.smallStr {
			if string(v) == string(c) {
				found.set(i)
				break
			}
		}
	}
}

// scanInts is probeInts for a short list: compared in turn, no hashing.
func scanInts[T intLike](vals []T, list []int64, found words) {
	for i, v := range vals {
		x := int64(v)
		for _, c := range list {
			if x == c {
				found.set(i)
				break
			}
		}
	}
}

func probeInts[T intLike](vals []T, s map[int64]struct{}, found words) {
	for i, v := range vals {
		if _, ok := s[int64(v)]; ok {
			found.set(i)
		}
	}
}

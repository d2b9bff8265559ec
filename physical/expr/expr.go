package expr

import (
	"fmt"
	"math"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Expr computes one column from a batch. The caller releases the returned array.
type Expr interface {
	Eval(batch arrow.RecordBatch) (arrow.Array, error)
	DataType() arrow.DataType
	String() string
}

// parent is implemented by the expressions of this package that have children; it lets the
// lazy conditionals find the columns a branch reads.
type parent interface {
	children() []Expr
}

// failer is implemented by the expressions of this package; mayFail reports whether
// evaluating the expression can raise an error (ANSI overflow, malformed casts, ...).
// Expressions that cannot fail may be evaluated on rows whose result is then discarded,
// which is cheaper than filtering the batch first. Unknown expressions are assumed to fail.
type failer interface {
	mayFail() bool
}

func mayFail(e Expr) bool {
	if f, ok := e.(failer); ok {
		return f.mayFail()
	}
	return true
}

func anyMayFail(es ...Expr) bool {
	for _, e := range es {
		if e != nil && mayFail(e) {
			return true
		}
	}
	return false
}

// ColumnRefs marks in used the batch columns e reads. It reports false when e contains an
// expression from outside this package, whose columns are unknown (the caller then assumes
// e reads every column).
func ColumnRefs(e Expr, used map[int]bool) bool {
	switch e := e.(type) {
	case *Column:
		used[e.Index] = true
		return true
	case *Literal:
		return true
	case parent:
		for _, c := range e.children() {
			if c != nil && !ColumnRefs(c, used) {
				return false
			}
		}
		return true
	}
	return false
}

// EvalRows evaluates e over the rows sel of b (sorted, distinct positions): the result has
// len(sel) rows, and the other rows are never evaluated (they cannot raise errors).
func EvalRows(e Expr, b arrow.RecordBatch, sel []int32) (arrow.Array, error) {
	return evalRows(e, b, sel)
}

// evalRows evaluates e over the rows sel of b (sorted, distinct positions); the result has
// len(sel) rows. Columns e does not read are replaced by placeholders, so that filtering the
// batch costs only what e needs.
func evalRows(e Expr, b arrow.RecordBatch, sel []int32) (arrow.Array, error) {
	n := int(b.NumRows())
	if len(sel) == n {
		return e.Eval(b)
	}
	if len(sel) == 0 {
		return nullArray(e.DataType(), 0), nil
	}
	sub, err := selectRows(b, sel, e)
	if err != nil {
		return nil, err
	}
	defer sub.Release()
	return e.Eval(sub)
}

// selectRows filters b to the rows sel, materializing only the columns the expressions read.
func selectRows(b arrow.RecordBatch, sel []int32, es ...Expr) (arrow.RecordBatch, error) {
	used := map[int]bool{}
	all := false
	for _, e := range es {
		if e != nil && !ColumnRefs(e, used) {
			all = true
		}
	}
	schema := b.Schema()
	fields := make([]arrow.Field, b.NumCols())
	cols := make([]arrow.Array, b.NumCols())
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i := range cols {
		f := schema.Field(i)
		if all || used[i] {
			c, err := gather(f.Type, []arrow.Array{b.Column(i)}, nil, sel)
			if err != nil {
				return nil, err
			}
			cols[i] = c
		} else {
			f.Type = arrow.Null
			f.Nullable = true
			cols[i] = array.NewNull(len(sel))
		}
		fields[i] = f
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(len(sel))), nil
}

// Column returns column Index of the batch.
type Column struct {
	Index int
	Type  arrow.DataType
}

// NewColumn reads column index of the batch, of Spark type t.
func NewColumn(index int, t types.DataType) (Expr, error) {
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	return &Column{Index: index, Type: at}, nil
}

func (c *Column) DataType() arrow.DataType { return c.Type }
func (c *Column) String() string           { return fmt.Sprintf("#%d", c.Index) }
func (c *Column) mayFail() bool            { return false }
func (c *Column) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	col := b.Column(c.Index)
	col.Retain()
	return col, nil
}

// Literal repeats a constant (nil for NULL) for every row. Value holds the Go value of the
// Arrow type (see NewLiteral); the array built for one batch size is kept and sliced for
// later batches.
type Literal struct {
	Type  arrow.DataType
	Value any

	mu    sync.Mutex
	norm  any // Value normalized to the physical Go type; set on first use
	ready bool
	cache arrow.Array
}

// NewLiteral makes a constant of Spark type t. v is nil (NULL), bool, int8, int16, int32,
// int64, float32, float64, string, []byte, decimal128.Num (decimals), int32 days (DATE), int64
// microseconds (TIMESTAMP, TIMESTAMP_NTZ, DAY-TIME interval), int32 months (YEAR-MONTH
// interval), arrow.MonthDayNanoInterval (CalendarInterval), or an arrow.Array of length 1 for
// nested types.
func NewLiteral(t types.DataType, v any) (Expr, error) {
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	norm, err := normalizeLiteral(at, v)
	if err != nil {
		return nil, err
	}
	l := &Literal{Type: at, Value: v, norm: norm, ready: true}
	if a, ok := norm.(arrow.Array); ok {
		a.Retain()
	}
	return l, nil
}

func (l *Literal) DataType() arrow.DataType { return l.Type }
func (l *Literal) String() string {
	if l.Value == nil {
		return "NULL"
	}
	return fmt.Sprint(l.Value)
}
func (l *Literal) mayFail() bool { return false }

// scalar returns the normalized value (nil for NULL).
func (l *Literal) scalar() (any, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.scalarLocked()
}

func (l *Literal) scalarLocked() (any, error) {
	if !l.ready {
		v, err := normalizeLiteral(l.Type, l.Value)
		if err != nil {
			return nil, err
		}
		if a, ok := v.(arrow.Array); ok {
			a.Retain()
		}
		l.norm, l.ready = v, true
	}
	return l.norm, nil
}

func (l *Literal) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cache != nil && l.cache.Len() >= n {
		if l.cache.Len() == n {
			l.cache.Retain()
			return l.cache, nil
		}
		return array.NewSlice(l.cache, 0, int64(n)), nil
	}
	v, err := l.scalarLocked()
	if err != nil {
		return nil, err
	}
	arr, err := constArray(l.Type, v, n)
	if err != nil {
		return nil, err
	}
	if l.cache != nil {
		l.cache.Release()
	}
	l.cache = arr
	arr.Retain()
	return arr, nil
}

// normalizeLiteral converts a literal's Go value to the physical Go type of the Arrow type.
func normalizeLiteral(t arrow.DataType, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	bad := func() (any, error) {
		return nil, sparkerror.InternalError("literal of Arrow type %s cannot hold %T", t, v)
	}
	if a, ok := v.(arrow.Array); ok {
		if a.Len() != 1 {
			return nil, sparkerror.InternalError("literal array must have length 1, not %d", a.Len())
		}
		if a.IsNull(0) {
			return nil, nil
		}
		return a, nil
	}
	switch t.ID() {
	case arrow.NULL:
		return nil, nil
	case arrow.BOOL:
		if x, ok := v.(bool); ok {
			return x, nil
		}
	case arrow.INT8:
		if x, ok := asInt64(v); ok && x >= math.MinInt8 && x <= math.MaxInt8 {
			return int8(x), nil
		}
	case arrow.INT16:
		if x, ok := asInt64(v); ok && x >= math.MinInt16 && x <= math.MaxInt16 {
			return int16(x), nil
		}
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		if x, ok := asInt64(v); ok && x >= math.MinInt32 && x <= math.MaxInt32 {
			return int32(x), nil
		}
	case arrow.INT64, arrow.TIMESTAMP, arrow.DURATION, arrow.TIME64:
		if x, ok := asInt64(v); ok {
			return x, nil
		}
	case arrow.FLOAT32:
		switch x := v.(type) {
		case float32:
			return x, nil
		case float64:
			return float32(x), nil
		}
	case arrow.FLOAT64:
		switch x := v.(type) {
		case float64:
			return x, nil
		case float32:
			return float64(x), nil
		}
	case arrow.STRING:
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		}
	case arrow.BINARY:
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	case arrow.DECIMAL128:
		switch x := v.(type) {
		case decimal128.Num:
			return x, nil
		case int64:
			return decimal128.FromI64(x), nil
		}
	case arrow.INTERVAL_MONTH_DAY_NANO:
		if x, ok := v.(arrow.MonthDayNanoInterval); ok {
			return x, nil
		}
	}
	return bad()
}

func asInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	case arrow.Date32:
		return int64(x), true
	case arrow.Timestamp:
		return int64(x), true
	case arrow.Duration:
		return int64(x), true
	case arrow.Time64:
		return int64(x), true
	case arrow.MonthInterval:
		return int64(x), true
	}
	return 0, false
}

// constArray builds n copies of the normalized value v.
func constArray(t arrow.DataType, v any, n int) (arrow.Array, error) {
	if v == nil {
		// The Literal keeps this array for the plan's lifetime and plans are never released,
		// so it comes from the garbage-collected heap, not memory.DefaultAllocator.
		return array.MakeArrayOfNull(gcMem, t, n), nil
	}
	switch x := v.(type) {
	case bool:
		w := newWords(n)
		if x {
			w = allOnes(n)
		}
		return newBool(n, w, nil), nil
	case int8:
		return fillFixed(t, x, n), nil
	case int16:
		return fillFixed(t, x, n), nil
	case int32:
		return fillFixed(t, x, n), nil
	case int64:
		return fillFixed(t, x, n), nil
	case float32:
		return fillFixed(t, x, n), nil
	case float64:
		return fillFixed(t, x, n), nil
	case decimal128.Num:
		return fillFixed(t, x, n), nil
	case arrow.MonthDayNanoInterval:
		return fillFixed(t, x, n), nil
	case string:
		return repeatVar(t, []byte(x), n), nil
	case []byte:
		return repeatVar(t, x, n), nil
	case arrow.Array:
		return gather(t, []arrow.Array{x}, nil, make([]int32, n))
	}
	return nil, sparkerror.InternalError("literal value %T", v)
}

func fillFixed[T arrow.FixedWidthType](t arrow.DataType, v T, n int) arrow.Array {
	vals := make([]T, n)
	for i := range vals {
		vals[i] = v
	}
	return newFixed(t, vals, nil)
}

func repeatVar(t arrow.DataType, v []byte, n int) arrow.Array {
	offs := make([]int32, n+1)
	data := make([]byte, 0, n*len(v))
	for i := 0; i < n; i++ {
		data = append(data, v...)
		offs[i+1] = int32(len(data))
	}
	return newVar(t, offs, data, nil)
}

// evalAll evaluates the expressions in order, releasing what was built on failure.
func evalAll(b arrow.RecordBatch, es ...Expr) ([]arrow.Array, error) {
	out := make([]arrow.Array, len(es))
	for i, e := range es {
		a, err := e.Eval(b)
		if err != nil {
			releaseAll(out)
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

func releaseAll(arrs []arrow.Array) {
	for _, a := range arrs {
		if a != nil {
			a.Release()
		}
	}
}

// Number is a numeric Arrow value type the arithmetic kernels handle.
type Number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~float32 | ~float64
}

// bounds reports whether T is an integer type, and its bounds.
func bounds[T Number]() (isInt bool, lo, hi float64) {
	var z T
	switch any(z).(type) {
	case int8:
		return true, math.MinInt8, math.MaxInt8
	case int16:
		return true, math.MinInt16, math.MaxInt16
	case int32:
		return true, math.MinInt32, math.MaxInt32
	case int64:
		return true, math.MinInt64, math.MaxInt64
	}
	return false, 0, 0
}

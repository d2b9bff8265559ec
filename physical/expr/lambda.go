package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Lambdas are evaluated a batch at a time, never an element at a time. A higher-order
// function flattens the collections of all its rows into one array per lambda parameter
// (the elements, their indexes, the accumulators, ...), and the lambda's body runs once over
// a batch made of the enclosing batch's columns, gathered so that element k sees the
// columns of the row it came from, followed by the parameters. The physical planner
// compiles the body with the parameters as columns Outer, Outer+1, ... of that batch, so a
// body is an ordinary expression, and lambdas nest: an inner lambda's outer columns are the
// outer lambda's whole batch.

// Lambda is a compiled lambda function.
type Lambda struct {
	Body Expr
	// Outer is the number of columns of the enclosing batch; the parameters follow them.
	Outer  int
	Params []arrow.DataType

	used map[int]bool // outer columns the body reads
	all  bool         // the body reads columns we cannot see: keep all
}

// NewLambda compiles a lambda whose body reads the enclosing batch's first outer columns
// and the parameters, of Spark types params, at columns outer, outer+1, ...
func NewLambda(body Expr, outer int, params []types.DataType) (*Lambda, error) {
	l := &Lambda{Body: body, Outer: outer, used: map[int]bool{}}
	for _, p := range params {
		at, err := types.ToArrow(p)
		if err != nil {
			return nil, err
		}
		l.Params = append(l.Params, at)
	}
	l.all = !ColumnRefs(body, l.used)
	return l, nil
}

func (l *Lambda) String() string { return "lambda(" + l.Body.String() + ")" }

// apply evaluates the body for len(parent) element rows: parent[k] is the row of b element
// k belongs to (nil: the rows of b themselves); vars are the parameters' values.
func (l *Lambda) apply(b arrow.RecordBatch, parent []int32, vars []arrow.Array) (arrow.Array, error) {
	if len(vars) != len(l.Params) {
		return nil, sparkerror.InternalError("lambda takes %d parameters, not %d", len(l.Params), len(vars))
	}
	n := int(b.NumRows())
	if parent != nil {
		n = len(parent)
	}
	cols := make([]arrow.Array, 0, l.Outer+len(vars))
	defer func() { releaseAll(cols) }()
	fields := make([]arrow.Field, 0, l.Outer+len(vars))
	for i := 0; i < l.Outer; i++ {
		if i >= int(b.NumCols()) || (!l.all && !l.used[i]) {
			cols = append(cols, array.NewNull(n))
			fields = append(fields, arrow.Field{Name: "_", Type: arrow.Null, Nullable: true})
			continue
		}
		c := b.Column(i)
		if parent == nil {
			c.Retain()
		} else {
			g, err := gather(c.DataType(), []arrow.Array{c}, nil, parent)
			if err != nil {
				return nil, err
			}
			c = g
		}
		cols = append(cols, c)
		fields = append(fields, arrow.Field{Name: "_", Type: c.DataType(), Nullable: true})
	}
	for k, v := range vars {
		if v.Len() != n {
			return nil, sparkerror.InternalError("lambda parameter of %d rows for %d lamElements", v.Len(), n)
		}
		c := lamRelabel(v, l.Params[k])
		cols = append(cols, c)
		fields = append(fields, arrow.Field{Name: "_", Type: c.DataType(), Nullable: true})
	}
	batch := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(n))
	defer batch.Release()
	return l.Body.Eval(batch)
}

// lamRelabel gives a the type t when the two differ only in names and nullability flags of
// nested fields (struct field names, element nullability), sharing the buffers. Arrays of
// another layout are returned as they are (retained).
func lamRelabel(a arrow.Array, t arrow.DataType) arrow.Array {
	if arrow.TypeEqual(a.DataType(), t) {
		a.Retain()
		return a
	}
	if isNullType(a) && t.ID() != arrow.NULL {
		return nullArray(t, a.Len())
	}
	if !sameArrowShape(a.DataType(), t) {
		a.Retain()
		return a
	}
	d := lamRelabelData(a.Data(), t)
	defer d.Release()
	return array.MakeFromData(d)
}

func lamRelabelData(d arrow.ArrayData, t arrow.DataType) arrow.ArrayData {
	var childTypes []arrow.DataType
	switch tt := t.(type) {
	case *arrow.ListType:
		childTypes = []arrow.DataType{tt.Elem()}
	case *arrow.MapType:
		childTypes = []arrow.DataType{tt.Elem()}
	case *arrow.StructType:
		for _, f := range tt.Fields() {
			childTypes = append(childTypes, f.Type)
		}
	}
	children := d.Children()
	var nc []arrow.ArrayData
	if len(childTypes) == len(children) {
		nc = make([]arrow.ArrayData, len(children))
		for i, c := range children {
			nc[i] = lamRelabelData(c, childTypes[i])
		}
		defer func() {
			for _, c := range nc {
				c.Release()
			}
		}()
	} else {
		nc = children
	}
	return array.NewData(t, d.Len(), d.Buffers(), nc, d.NullN(), d.Offset())
}

// lamList reads a list or map array: the rows' element ranges in values (the child
// array, whole) and the rows' validity.
type lamList struct {
	n      int
	offs   []int32 // n+1 offsets into values
	valid  words   // nil: no NULL rows
	values arrow.Array
}

func viewLamList(a arrow.Array) lamList {
	n := a.Len()
	if isNullType(a) {
		return lamList{n: n, offs: make([]int32, n+1), valid: newWords(n), values: array.NewNull(0)}
	}
	d := a.Data()
	v := lamList{n: n, valid: validity(a), values: a.(array.ListLike).ListValues()}
	if n == 0 || len(d.Buffers()) < 2 || d.Buffers()[1] == nil {
		v.offs = make([]int32, n+1)
	} else {
		v.offs = arrow.GetData[int32](d.Buffers()[1].Bytes())[d.Offset() : d.Offset()+n+1]
	}
	return v
}

func (v lamList) ok(i int) bool { return v.valid == nil || v.valid.get(i) }
func (v lamList) size(i int) int {
	if !v.ok(i) {
		return 0
	}
	return int(v.offs[i+1] - v.offs[i])
}

// lamFlat is the elements of a list array's non-NULL rows, in order.
type lamFlat struct {
	parent []int32 // the row of each element
	idx    []int32 // the element's position in the list's values
	pos    []int32 // the element's index within its list
	offs   []int32 // the rows' ranges over the elements (NULL rows empty)
}

func (v lamList) flatten(withPos bool) lamFlat {
	total := 0
	for i := 0; i < v.n; i++ {
		total += v.size(i)
	}
	f := lamFlat{parent: make([]int32, total), idx: make([]int32, total), offs: make([]int32, v.n+1)}
	if withPos {
		f.pos = make([]int32, total)
	}
	j := 0
	for i := 0; i < v.n; i++ {
		if v.ok(i) {
			lo, hi := v.offs[i], v.offs[i+1]
			for k := lo; k < hi; k++ {
				f.parent[j], f.idx[j] = int32(i), k
				if withPos {
					f.pos[j] = k - lo
				}
				j++
			}
		}
		f.offs[i+1] = int32(j)
	}
	return f
}

// lamTake returns the rows idx of a (strictly increasing positions), sharing a's buffers
// when they are contiguous.
func lamTake(a arrow.Array, idx []int32) (arrow.Array, error) {
	if len(idx) > 0 && int(idx[len(idx)-1]-idx[0])+1 == len(idx) {
		if idx[0] == 0 && len(idx) == a.Len() {
			a.Retain()
			return a, nil
		}
		return array.NewSlice(a, int64(idx[0]), int64(idx[len(idx)-1])+1), nil
	}
	return gather(a.DataType(), []arrow.Array{a}, nil, idx)
}

// lamInt32s wraps positions as an INT array.
func lamInt32s(v []int32) arrow.Array { return newFixed(arrow.PrimitiveTypes.Int32, v, nil) }

// lamNewList builds a list array of type t over child, with the rows' offsets and validity.
func lamNewList(t arrow.DataType, offs []int32, valid words, child arrow.Array) arrow.Array {
	var elem arrow.DataType
	switch tt := t.(type) {
	case *arrow.ListType:
		elem = tt.Elem()
	case *arrow.MapType:
		elem = tt.Elem()
	}
	c := lamRelabel(child, elem)
	defer c.Release()
	n := len(offs) - 1
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(t, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{c.Data()}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// lamNewMap builds a map array of type t from its keys and values.
func lamNewMap(t arrow.DataType, offs []int32, valid words, keys, values arrow.Array) arrow.Array {
	mt := t.(*arrow.MapType)
	k := lamRelabel(keys, mt.KeyType())
	defer k.Release()
	v := lamRelabel(values, mt.ItemType())
	defer v.Release()
	sd := array.NewData(mt.Elem(), k.Len(), []*memory.Buffer{nil}, []arrow.ArrayData{k.Data(), v.Data()}, 0, 0)
	defer sd.Release()
	entries := array.MakeFromData(sd)
	defer entries.Release()
	return lamNewList(t, offs, valid, entries)
}

// lamMapParts splits a map's entries into keys and values.
func lamMapParts(entries arrow.Array) (keys, values arrow.Array) {
	if s, ok := entries.(*array.Struct); ok && s.NumField() == 2 {
		return s.Field(0), s.Field(1)
	}
	return array.NewNull(entries.Len()), array.NewNull(entries.Len())
}

// lamTrueRows lists the positions where the boolean array is true (not NULL).
func lamTrueRows(r arrow.Array) []int32 {
	n := r.Len()
	if isNullType(r) {
		return nil
	}
	bw := boolWords(r)
	valid := validity(r)
	out := make([]int32, 0, n)
	for k := 0; k < n; k++ {
		if bw.get(k) && (valid == nil || valid.get(k)) {
			out = append(out, int32(k))
		}
	}
	return out
}

package physical

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
)

// GeneratorKind is the table-generating function a Generate runs.
type GeneratorKind uint8

const (
	// ExplodeGenerator gives one row per element of an array (one column) or per entry of
	// a map (key and value columns).
	ExplodeGenerator GeneratorKind = iota
	// PosExplodeGenerator is explode with the element's position (int32, from 0) first.
	PosExplodeGenerator
	// InlineGenerator gives one row per struct of an array of structs, its fields as
	// columns; a NULL struct gives a row of NULLs.
	InlineGenerator
	// StackGenerator lays its k values out as n rows of ceil(k/n) columns, filling the
	// last row with NULLs.
	StackGenerator
)

func (k GeneratorKind) String() string {
	return [...]string{"explode", "posexplode", "inline", "stack"}[k]
}

// Generate applies a generator to each input row: the output has the row's columns
// followed by the generator's, once per generated row. With outer, a row whose
// collection is NULL or empty still gives one row, the generator's columns NULL.
//
// Each input batch is processed as a whole: the number of rows each input row gives is
// computed first, then the input columns are gathered with one index array and the
// collection's elements with another (list and map children are taken by element index,
// so no per-row work touches the values; when the elements are one run of the values, the
// output shares them). Output batches hold about DefaultBatchRows rows.
type Generate struct {
	OpMetrics
	child ExecutionPlan
	kind  GeneratorKind
	args  []expr.Expr
	rows  int // stack's n
	outer bool
	// keep are the child columns the output carries, in order.
	keep []int
	// width is the number of generator columns.
	width  int
	schema *arrow.Schema
}

// NewGenerate builds the operator. For explode, posexplode and inline args is the
// collection; for stack, the values (stackRows is n). schema is the child's columns at
// positions keep followed by the generator's, whose types must be what the generator
// gives for the arguments' types.
func NewGenerate(child ExecutionPlan, kind GeneratorKind, args []expr.Expr, stackRows int, outer bool, keep []int, schema *arrow.Schema) (*Generate, error) {
	in := len(keep)
	if schema.NumFields() < in {
		return nil, fmt.Errorf("generate: %d output columns for %d input columns", schema.NumFields(), in)
	}
	for i, c := range keep {
		if c < 0 || c >= child.Schema().NumFields() {
			return nil, fmt.Errorf("generate: no input column %d", c)
		}
		if !arrow.TypeEqual(child.Schema().Field(c).Type, schema.Field(i).Type) {
			return nil, fmt.Errorf("generate: input column %d is %s, not %s", c, child.Schema().Field(c).Type, schema.Field(i).Type)
		}
	}
	g := &Generate{child: child, kind: kind, args: args, rows: stackRows, outer: outer, keep: keep, width: schema.NumFields() - in, schema: schema}
	want, err := g.outputTypes()
	if err != nil {
		return nil, err
	}
	if len(want) != g.width {
		return nil, fmt.Errorf("generate: %s gives %d columns, the schema has %d", kind, len(want), g.width)
	}
	for i, t := range want {
		if have := schema.Field(in + i).Type; !arrow.TypeEqual(t, have) {
			return nil, fmt.Errorf("generate: %s column %d is %s, not %s", kind, i, t, have)
		}
	}
	return g, nil
}

// outputTypes are the Arrow types of the generator's columns for its arguments' types.
func (g *Generate) outputTypes() ([]arrow.DataType, error) {
	if g.kind == StackGenerator {
		if g.rows < 1 || len(g.args) == 0 {
			return nil, fmt.Errorf("generate: stack of %d rows over %d values", g.rows, len(g.args))
		}
		width := (len(g.args) + g.rows - 1) / g.rows
		out := make([]arrow.DataType, width)
		for i, a := range g.args {
			if i < width {
				out[i] = a.DataType()
			} else if !arrow.TypeEqual(a.DataType(), out[i%width]) {
				return nil, fmt.Errorf("generate: stack value %d is %s, its column is %s", i, a.DataType(), out[i%width])
			}
		}
		return out, nil
	}
	if len(g.args) != 1 {
		return nil, fmt.Errorf("generate: %s takes one argument, got %d", g.kind, len(g.args))
	}
	var out []arrow.DataType
	if g.kind == PosExplodeGenerator {
		out = append(out, arrow.PrimitiveTypes.Int32)
	}
	switch t := g.args[0].DataType().(type) {
	case *arrow.MapType:
		if g.kind == InlineGenerator {
			break
		}
		return append(out, t.KeyType(), t.ItemType()), nil
	case arrow.ListLikeType:
		if g.kind != InlineGenerator {
			return append(out, t.Elem()), nil
		}
		if st, ok := t.Elem().(*arrow.StructType); ok {
			for _, f := range st.Fields() {
				out = append(out, f.Type)
			}
			return out, nil
		}
	}
	return nil, fmt.Errorf("generate: %s cannot take %s", g.kind, g.args[0].DataType())
}

func (g *Generate) Schema() *arrow.Schema     { return g.schema }
func (g *Generate) Partitions() int           { return g.child.Partitions() }
func (g *Generate) Children() []ExecutionPlan { return []ExecutionPlan{g.child} }
func (g *Generate) Describe() string {
	args := make([]string, len(g.args))
	for i, a := range g.args {
		args[i] = a.String()
	}
	if g.kind == StackGenerator {
		args = append([]string{fmt.Sprint(g.rows)}, args...)
	}
	s := "Generate: " + g.kind.String() + "(" + strings.Join(args, ", ") + ")"
	if g.outer {
		s += ", outer"
	}
	return s
}

func (g *Generate) Execute(ctx context.Context, partition int) (Stream, error) {
	in, err := g.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	s := &generateStream{g: g, in: in}
	return g.meter(&funcStream{next: s.next, close: s.close}), nil
}

// generateStream walks the input batches, cutting each into ranges of rows that give
// about DefaultBatchRows output rows.
type generateStream struct {
	g  *Generate
	in Stream
	// The current input batch, its evaluated arguments, and per row the first element
	// of its collection and the number of rows it gives (before outer).
	batch  arrow.RecordBatch
	vals   []arrow.Array
	starts []int32
	counts []int32
	row    int // the next input row to generate from
	// Index buffers reused from one output batch to the next.
	childIdx, elemIdx, srcIdx, rowIdx []int32
}

func (s *generateStream) close() {
	s.release()
	s.in.Close()
}

func (s *generateStream) release() {
	if s.batch != nil {
		s.batch.Release()
		s.batch = nil
	}
	releaseArrays(s.vals)
	s.vals = nil
}

func (s *generateStream) next() (arrow.RecordBatch, error) {
	for {
		if s.batch == nil {
			b, err := s.in.Next()
			if err != nil {
				return nil, err
			}
			start := time.Now()
			err = s.load(b)
			s.g.since(start)
			if err != nil {
				return nil, err
			}
		}
		if s.row >= int(s.batch.NumRows()) {
			s.release()
			continue
		}
		start := time.Now()
		out, err := s.emit()
		s.g.since(start)
		if err != nil || out != nil {
			return out, err
		}
	}
}

// load evaluates the generator's arguments over a new input batch (taking ownership) and
// counts the rows each input row gives.
func (s *generateStream) load(b arrow.RecordBatch) error {
	s.batch, s.row = b, 0
	vals, err := evalAll(s.g.args, b)
	if err != nil {
		return err
	}
	s.vals = vals
	n := int(b.NumRows())
	s.starts = grow(s.starts, n)
	s.counts = grow(s.counts, n)
	if s.g.kind == StackGenerator {
		for i := range s.counts {
			s.counts[i] = int32(s.g.rows)
		}
		return nil
	}
	list, ok := vals[0].(array.ListLike)
	if !ok {
		return fmt.Errorf("generate: %s over %s", s.g.kind, vals[0].DataType())
	}
	for i := range n {
		if list.IsNull(i) {
			s.starts[i], s.counts[i] = 0, 0
			continue
		}
		lo, hi := list.ValueOffsets(i)
		if hi > math.MaxInt32 {
			return fmt.Errorf("generate: collections of more than %d elements in one batch", math.MaxInt32)
		}
		s.starts[i], s.counts[i] = int32(lo), int32(hi-lo)
	}
	return nil
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// emit generates the rows of the next range of input rows; nil when they give none.
func (s *generateStream) emit() (arrow.RecordBatch, error) {
	g := s.g
	n := int(s.batch.NumRows())
	r0 := s.row
	total := 0
	r1 := r0
	for r1 < n {
		c := int(s.counts[r1])
		if c == 0 && g.outer {
			c = 1
		}
		if total > 0 && total+c > DefaultBatchRows {
			break
		}
		total += c
		r1++
	}
	s.row = r1
	if total == 0 {
		return nil, nil
	}
	// Per output row: the input row, and the element (-1: the NULL row of outer).
	s.childIdx = grow(s.childIdx, total)
	s.elemIdx = grow(s.elemIdx, total)
	childIdx, elemIdx := s.childIdx, s.elemIdx
	k := 0
	outerRows := 0
	oneEach := true // every input row gives exactly one row
	// contiguous: the elements are one run of the collection's values (no NULL rows of
	// outer), which the output can share instead of copying.
	contiguous := g.kind != StackGenerator
	next := int32(-1)
	for r := r0; r < r1; r++ {
		c := int(s.counts[r])
		oneEach = oneEach && c == 1
		if c > 0 {
			if next >= 0 && s.starts[r] != next {
				contiguous = false
			}
			next = s.starts[r] + int32(c)
		}
		if c == 0 {
			if g.outer {
				childIdx[k], elemIdx[k] = int32(r), -1
				k++
				outerRows++
			}
			continue
		}
		st := s.starts[r]
		for j := range c {
			childIdx[k] = int32(r)
			elemIdx[k] = st + int32(j)
			k++
		}
	}
	cols := make([]arrow.Array, 0, g.schema.NumFields())
	fail := func(err error) (arrow.RecordBatch, error) {
		releaseArrays(cols)
		return nil, err
	}
	for _, k := range g.keep {
		c := s.batch.Column(k)
		if oneEach {
			cols = append(cols, array.NewSlice(c, int64(r0), int64(r1)))
			continue
		}
		t, err := aggregate.Take(c, childIdx)
		if err != nil {
			return fail(err)
		}
		cols = append(cols, t)
	}
	gen, err := s.generated(childIdx, elemIdx, outerRows > 0, contiguous && outerRows == 0)
	if err != nil {
		return fail(err)
	}
	cols = append(cols, gen...)
	out := array.NewRecordBatch(g.schema, cols, int64(total))
	releaseArrays(cols)
	return out, nil
}

// generated computes the generator's columns for the output rows.
func (s *generateStream) generated(childIdx, elemIdx []int32, nulls, contiguous bool) ([]arrow.Array, error) {
	g := s.g
	cols := make([]arrow.Array, 0, g.width)
	fail := func(err error) ([]arrow.Array, error) {
		releaseArrays(cols)
		return nil, err
	}
	take := func(a arrow.Array, idx []int32) error {
		if contiguous && len(idx) > 0 && &idx[0] == &elemIdx[0] {
			lo := int64(idx[0])
			cols = append(cols, array.NewSlice(a, lo, lo+int64(len(idx))))
			return nil
		}
		t, err := aggregate.Take(a, idx)
		if err != nil {
			return err
		}
		cols = append(cols, t)
		return nil
	}
	switch g.kind {
	case StackGenerator:
		return s.stack(childIdx)
	case PosExplodeGenerator:
		cols = append(cols, positions(childIdx, elemIdx, s.starts, nulls))
	}
	switch v := s.vals[0].(type) {
	case *array.Map:
		if err := take(v.Keys(), elemIdx); err != nil {
			return fail(err)
		}
		if err := take(v.Items(), elemIdx); err != nil {
			return fail(err)
		}
	case array.ListLike:
		values := v.ListValues()
		if g.kind != InlineGenerator {
			if err := take(values, elemIdx); err != nil {
				return fail(err)
			}
			break
		}
		st, ok := values.(*array.Struct)
		if !ok {
			return fail(fmt.Errorf("generate: inline over %s", values.DataType()))
		}
		idx := elemIdx
		if st.NullN() > 0 {
			// A NULL struct gives a row of NULLs.
			idx = make([]int32, len(elemIdx))
			for i, e := range elemIdx {
				if e >= 0 && st.IsNull(int(e)) {
					e = -1
				}
				idx[i] = e
			}
		}
		for f := range st.NumField() {
			if err := take(st.Field(f), idx); err != nil {
				return fail(err)
			}
		}
	}
	return cols, nil
}

// positions is posexplode's position column: each element's index in its collection,
// NULL on the rows outer added.
func positions(childIdx, elemIdx, starts []int32, nulls bool) arrow.Array {
	n := len(elemIdx)
	vals := make([]int32, n)
	var valid []byte
	nullN := 0
	if nulls {
		valid = make([]byte, bitutil.BytesForBits(int64(n)))
	}
	for i, e := range elemIdx {
		if e < 0 {
			nullN++
			continue
		}
		vals[i] = e - starts[childIdx[i]]
		if valid != nil {
			bitutil.SetBit(valid, i)
		}
	}
	var vbuf *memory.Buffer
	if valid != nil {
		vbuf = memory.NewBufferBytes(valid)
	}
	data := array.NewData(arrow.PrimitiveTypes.Int32, n,
		[]*memory.Buffer{vbuf, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(vals))}, nil, nullN, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

// stack computes stack's columns: output row k of input row r is stack row k mod n;
// column j of stack row i is value i*width+j (NULL past the last value).
func (s *generateStream) stack(childIdx []int32) ([]arrow.Array, error) {
	g := s.g
	n := len(childIdx)
	s.srcIdx, s.rowIdx = grow(s.srcIdx, n), grow(s.rowIdx, n)
	srcIdx, rowIdx := s.srcIdx, s.rowIdx
	cols := make([]arrow.Array, 0, g.width)
	for j := range g.width {
		var srcs []arrow.Array
		for i := j; i < len(s.vals); i += g.width {
			srcs = append(srcs, s.vals[i])
		}
		for k := range n {
			i := k % g.rows
			if i < len(srcs) {
				srcIdx[k], rowIdx[k] = int32(i), childIdx[k]
			} else {
				srcIdx[k], rowIdx[k] = 0, -1
			}
		}
		c, err := aggregate.Interleave(g.schema.Field(g.schema.NumFields()-g.width+j).Type, srcs, srcIdx, rowIdx)
		if err != nil {
			releaseArrays(cols)
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, nil
}

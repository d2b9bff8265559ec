package physical

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
)

// memSource is a test source with batches per partition.
type memSource struct {
	schema *arrow.Schema
	parts  [][]arrow.RecordBatch
}

func (m *memSource) Schema() *arrow.Schema     { return m.schema }
func (m *memSource) Partitions() int           { return len(m.parts) }
func (m *memSource) Children() []ExecutionPlan { return nil }
func (m *memSource) Describe() string          { return "memSource" }
func (m *memSource) Execute(_ context.Context, p int) (Stream, error) {
	out := make([]arrow.RecordBatch, len(m.parts[p]))
	for i, b := range m.parts[p] {
		b.Retain()
		out[i] = b
	}
	return &sliceStream{batches: out}, nil
}

// source builds a memSource from JSON arrays of rows, one string per batch, batches
// grouped per partition.
func source(t testing.TB, schema *arrow.Schema, parts ...[]string) *memSource {
	t.Helper()
	m := &memSource{schema: schema}
	for _, p := range parts {
		var bs []arrow.RecordBatch
		for _, js := range p {
			b, _, err := array.RecordFromJSON(arrowmem.DefaultAllocator, schema, strings.NewReader(js))
			if err != nil {
				t.Fatalf("bad test JSON %s: %v", js, err)
			}
			bs = append(bs, b)
		}
		m.parts = append(m.parts, bs)
	}
	return m
}

func schemaOf(fields ...any) *arrow.Schema {
	var fs []arrow.Field
	for i := 0; i < len(fields); i += 2 {
		fs = append(fs, arrow.Field{Name: fields[i].(string), Type: fields[i+1].(arrow.DataType), Nullable: true})
	}
	return arrow.NewSchema(fs, nil)
}

// rows collects a plan's output as "v1|v2|..." strings ("null" for NULL).
func rows(t testing.TB, p ExecutionPlan) []string {
	t.Helper()
	out, err := tryRows(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func tryRows(ctx context.Context, p ExecutionPlan) ([]string, error) {
	var out []string
	err := Collect(ctx, p, func(b arrow.RecordBatch) error {
		defer b.Release()
		if !b.Schema().Equal(p.Schema()) {
			return fmt.Errorf("batch schema %s differs from plan schema %s", b.Schema(), p.Schema())
		}
		for i := range int(b.NumRows()) {
			vals := make([]string, b.NumCols())
			for c, col := range b.Columns() {
				if col.IsNull(i) {
					vals[c] = "null"
				} else {
					vals[c] = col.ValueStr(i)
				}
			}
			out = append(out, strings.Join(vals, "|"))
		}
		return nil
	})
	return out, err
}

func col(i int, dt arrow.DataType) *expr.Column { return &expr.Column{Index: i, Type: dt} }

// cmpExpr is a test predicate "column <op> constant" over int64 columns.
type cmpExpr struct {
	col int
	op  string
	k   int64
}

func (c *cmpExpr) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (c *cmpExpr) String() string           { return fmt.Sprintf("#%d %s %d", c.col, c.op, c.k) }
func (c *cmpExpr) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	a := b.Column(c.col).(*array.Int64)
	bld := array.NewBooleanBuilder(arrowmem.DefaultAllocator)
	defer bld.Release()
	for i := range a.Len() {
		if a.IsNull(i) {
			bld.AppendNull()
			continue
		}
		v := a.Value(i)
		switch c.op {
		case ">":
			bld.Append(v > c.k)
		case "<":
			bld.Append(v < c.k)
		case "=":
			bld.Append(v == c.k)
		case "!=":
			bld.Append(v != c.k)
		}
	}
	return bld.NewArray(), nil
}

// colCmp is a test join filter "column a <op> column b" over int64 columns.
type colCmp struct {
	a, b int
	op   string
}

func (c *colCmp) DataType() arrow.DataType { return arrow.FixedWidthTypes.Boolean }
func (c *colCmp) String() string           { return fmt.Sprintf("#%d %s #%d", c.a, c.op, c.b) }
func (c *colCmp) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	x := b.Column(c.a).(*array.Int64)
	y := b.Column(c.b).(*array.Int64)
	bm := make([]byte, bitutil.BytesForBits(b.NumRows()))
	bld := array.NewBooleanBuilder(arrowmem.DefaultAllocator)
	defer bld.Release()
	_ = bm
	for i := range x.Len() {
		if x.IsNull(i) || y.IsNull(i) {
			bld.AppendNull()
			continue
		}
		switch c.op {
		case "<":
			bld.Append(x.Value(i) < y.Value(i))
		case ">":
			bld.Append(x.Value(i) > y.Value(i))
		case "=":
			bld.Append(x.Value(i) == y.Value(i))
		case "!=":
			bld.Append(x.Value(i) != y.Value(i))
		}
	}
	return bld.NewArray(), nil
}

func eqStrings(t testing.TB, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s:\ngot  %q\nwant %q", what, got, want)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// eqSet compares outputs ignoring order.
func eqSet(t testing.TB, what string, got, want []string) {
	t.Helper()
	eqStrings(t, what, sortedCopy(got), sortedCopy(want))
}

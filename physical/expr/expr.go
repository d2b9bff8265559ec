package expr

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Expr computes one column from a batch. The caller releases the returned array.
type Expr interface {
	Eval(batch arrow.RecordBatch) (arrow.Array, error)
	DataType() arrow.DataType
	String() string
}

// Column returns column Index of the batch.
type Column struct {
	Index int
	Type  arrow.DataType
}

func (c *Column) DataType() arrow.DataType { return c.Type }
func (c *Column) String() string           { return fmt.Sprintf("#%d", c.Index) }
func (c *Column) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	col := b.Column(c.Index)
	col.Retain()
	return col, nil
}

// Literal repeats a constant (nil for NULL) for every row.
type Literal struct {
	Type  arrow.DataType
	Value any
}

func (l *Literal) DataType() arrow.DataType { return l.Type }
func (l *Literal) String() string           { return fmt.Sprint(l.Value) }
func (l *Literal) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	bld := array.NewBuilder(memory.DefaultAllocator, l.Type)
	defer bld.Release()
	bld.Reserve(n)
	if l.Value == nil {
		bld.AppendNulls(n)
		return bld.NewArray(), nil
	}
	switch bb := bld.(type) {
	case *array.BooleanBuilder:
		v := l.Value.(bool)
		for range n {
			bb.UnsafeAppend(v)
		}
	case *array.Int8Builder:
		fill(bb, l.Value.(int8), n)
	case *array.Int16Builder:
		fill(bb, l.Value.(int16), n)
	case *array.Int32Builder:
		fill(bb, l.Value.(int32), n)
	case *array.Int64Builder:
		fill(bb, l.Value.(int64), n)
	case *array.Float32Builder:
		fill(bb, l.Value.(float32), n)
	case *array.Float64Builder:
		fill(bb, l.Value.(float64), n)
	case *array.StringBuilder:
		v := l.Value.(string)
		bb.ReserveData(n * len(v))
		for range n {
			bb.Append(v)
		}
	case *array.BinaryBuilder:
		v := l.Value.([]byte)
		for range n {
			bb.Append(v)
		}
	default:
		return nil, sparkerror.NotImplemented("literals of Arrow type " + l.Type.String())
	}
	return bld.NewArray(), nil
}

type unsafeAppender[T any] interface{ UnsafeAppend(T) }

func fill[T any](b unsafeAppender[T], v T, n int) {
	for range n {
		b.UnsafeAppend(v)
	}
}

// Number is a numeric Arrow value type the arithmetic kernels handle.
type Number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~float32 | ~float64
}

// integral reports whether T is an integer type, and its bounds.
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

package tpchgen

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Column accumulators: plain typed Go slices turned into Arrow arrays
// without copying. A fresh set is allocated per batch, so emitted batches
// stay valid after the callback returns.

type strCol struct {
	offs []int32
	data []byte
}

func newStrCol(rows, avgLen int) strCol {
	offs := make([]int32, 1, rows+1)
	return strCol{offs: offs, data: make([]byte, 0, rows*avgLen)}
}

func (c *strCol) add(s string) {
	c.data = append(c.data, s...)
	c.offs = append(c.offs, int32(len(c.data)))
}

func (c *strCol) addBytes(b []byte) {
	c.data = append(c.data, b...)
	c.offs = append(c.offs, int32(len(c.data)))
}

func (c *strCol) array() arrow.Array {
	n := len(c.offs) - 1
	d := array.NewData(arrow.BinaryTypes.String, n, []*memory.Buffer{
		nil,
		memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(c.offs)),
		memory.NewBufferBytes(c.data),
	}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func int64Array(v []int64) arrow.Array {
	d := array.NewData(arrow.PrimitiveTypes.Int64, len(v), []*memory.Buffer{
		nil, memory.NewBufferBytes(arrow.Int64Traits.CastToBytes(v)),
	}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func int32Array(t arrow.DataType, v []int32) arrow.Array {
	d := array.NewData(t, len(v), []*memory.Buffer{
		nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(v)),
	}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// decArray turns cents into a decimal(15,2) array.
func decArray(cents []int64) arrow.Array {
	nums := make([]decimal128.Num, len(cents))
	for i, v := range cents {
		nums[i] = decimal128.FromI64(v)
	}
	d := array.NewData(moneyType, len(nums), []*memory.Buffer{
		nil, memory.NewBufferBytes(arrow.Decimal128Traits.CastToBytes(nums)),
	}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func makeBatch(schema *arrow.Schema, cols []arrow.Array) arrow.RecordBatch {
	n := int64(0)
	if len(cols) > 0 {
		n = int64(cols[0].Len())
	}
	rec := array.NewRecordBatch(schema, cols, n)
	for _, c := range cols {
		c.Release()
	}
	return rec
}

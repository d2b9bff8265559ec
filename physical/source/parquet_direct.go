package source

import (
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// The direct reader reads flat Parquet columns (top-level, not repeated, at most one
// definition level) of the common types straight from the column chunk readers into the
// batches' buffers: each value is decoded once into its place, nulls are spread out from
// the definition levels, and INT64/INT32 decimals are widened to 128 bits in the same
// pass. Arrow's record reader, which the general path uses, decodes into buffers it
// reserves at twice the batch, gives them away and reserves again, converts decimals into a
// second buffer, and builds validity from levels in another pass; for TPC-H's scans that
// was about a third of the Parquet reading time besides decompression. Splits with any
// other column read through the record reader.

// directParquet turns the direct reader on (tests compare it with the general path).
var directParquet = true

// directKind is how the direct reader decodes a column.
type directKind uint8

const (
	directInt32   directKind = iota // INT32 as int32 or date32
	directInt64                     // INT64 as int64
	directFloat32                   // FLOAT
	directFloat64                   // DOUBLE
	directBool                      // BOOLEAN
	directBytes                     // BYTE_ARRAY as string or binary
	directDec32                     // INT32 decimal as decimal128
	directDec64                     // INT64 decimal as decimal128
)

// directKindOf reports how leaf column col is read directly into target, when the
// general path would produce target from it unchanged (the column's natural Arrow type,
// or a string for a byte array).
func directKindOf(col *schema.Column, target arrow.DataType) (directKind, bool) {
	if col.MaxRepetitionLevel() != 0 || col.MaxDefinitionLevel() > 1 {
		return 0, false
	}
	if pn, ok := col.SchemaNode().(*schema.PrimitiveNode); !ok || pn.RepetitionType() == parquet.Repetitions.Repeated {
		return 0, false
	}
	logical := col.LogicalType()
	none := logical == nil || logical.IsNone()
	decimalOf := func() (schema.DecimalLogicalType, bool) {
		d, ok := logical.(schema.DecimalLogicalType)
		if !ok {
			return d, false
		}
		t, ok := target.(*arrow.Decimal128Type)
		return d, ok && t.Precision == d.Precision() && t.Scale == d.Scale() && d.Precision() <= decimal128.MaxPrecision
	}
	switch col.PhysicalType() {
	case parquet.Types.Int32:
		switch l := logical.(type) {
		case schema.DateLogicalType:
			return directInt32, target.ID() == arrow.DATE32
		case schema.IntLogicalType:
			return directInt32, l.BitWidth() == 32 && l.IsSigned() && target.ID() == arrow.INT32
		case schema.DecimalLogicalType:
			_, ok := decimalOf()
			return directDec32, ok
		}
		return directInt32, none && target.ID() == arrow.INT32
	case parquet.Types.Int64:
		switch l := logical.(type) {
		case schema.IntLogicalType:
			return directInt64, l.BitWidth() == 64 && l.IsSigned() && target.ID() == arrow.INT64
		case schema.DecimalLogicalType:
			_, ok := decimalOf()
			return directDec64, ok
		}
		return directInt64, none && target.ID() == arrow.INT64
	case parquet.Types.Float:
		return directFloat32, none && target.ID() == arrow.FLOAT32
	case parquet.Types.Double:
		return directFloat64, none && target.ID() == arrow.FLOAT64
	case parquet.Types.Boolean:
		return directBool, none && target.ID() == arrow.BOOL
	case parquet.Types.ByteArray:
		switch logical.(type) {
		case schema.StringLogicalType, schema.NoLogicalType, nil:
			return directBytes, target.ID() == arrow.STRING || target.ID() == arrow.BINARY
		}
	}
	return 0, false
}

// directColumn is one Parquet leaf column the direct reader reads, with its scratch.
type directColumn struct {
	kind     directKind
	leaf     int
	target   arrow.DataType
	nullable bool // max definition level 1: the levels say which rows are null
	cr       file.ColumnChunkReader

	defs  []int16
	i64   []int64
	i32   []int32
	bools []bool
	bas   []parquet.ByteArray
	lens  []int32
	hint  int // string bytes of the last batch, to size the next one
}

// directReader reads a split's row groups with directColumns.
type directReader struct {
	path      string
	rdr       *file.Reader
	req       *readRequest
	rowGroups []int
	next      int   // index into rowGroups of the next row group
	left      int64 // rows left in the current row group
	cols      []*directColumn
	fileCol   []int // per output column: index into cols, -1 when missing from the file
	done      bool
}

// newDirectReader returns a direct reader for the split when every requested column that
// the file has can be read directly (nil otherwise, and the caller keeps rdr).
func newDirectReader(path string, rdr *file.Reader, md *metadata.FileMetaData, req *readRequest, rowGroups []int) *directReader {
	root := md.Schema.Root()
	r := &directReader{path: path, rdr: rdr, req: req, rowGroups: rowGroups, fileCol: make([]int, len(req.columns))}
	seen := map[int]int{} // leaf -> index into cols
	for k, col := range req.columns {
		fi := fieldIndex(root, req.dataSchema.Fields[col].Name)
		if fi < 0 {
			r.fileCol[k] = -1
			continue
		}
		leaf := md.Schema.ColumnIndexByNode(root.Field(fi))
		if leaf < 0 {
			return nil
		}
		target := req.schema.Field(k).Type
		if pos, ok := seen[leaf]; ok {
			if !arrow.TypeEqual(r.cols[pos].target, target) {
				return nil
			}
			r.fileCol[k] = pos
			continue
		}
		kind, ok := directKindOf(md.Schema.Column(leaf), target)
		if !ok {
			return nil
		}
		seen[leaf] = len(r.cols)
		r.fileCol[k] = len(r.cols)
		r.cols = append(r.cols, &directColumn{kind: kind, leaf: leaf, target: target,
			nullable: md.Schema.Column(leaf).MaxDefinitionLevel() > 0})
	}
	if len(r.cols) == 0 {
		return nil // no column read: the general path counts rows
	}
	return r
}

// errDirectShort reports a column chunk that ended before its row group's rows.
var errDirectShort = errors.New("column chunk has fewer values than the row group has rows")

func (r *directReader) nextBatch() (rec arrow.RecordBatch, err error) {
	if r.done {
		return nil, io.EOF
	}
	defer func() {
		if x := recover(); x != nil {
			rec, err = nil, fmt.Errorf("parquet reader: %v", x)
		}
	}()
	for r.left == 0 {
		if r.next >= len(r.rowGroups) {
			r.done = true
			return nil, io.EOF
		}
		rg := r.rdr.RowGroup(r.rowGroups[r.next])
		r.next++
		for _, c := range r.cols {
			c.closeChunk()
			cr, err := rg.Column(c.leaf)
			if err != nil {
				return nil, err
			}
			c.cr = cr
		}
		r.left = rg.NumRows()
	}
	n := int(min(r.left, int64(r.req.rows)))
	arrays := make([]arrow.Array, len(r.cols))
	defer releaseAll(arrays)
	for i, c := range r.cols {
		a, err := c.read(n)
		if err != nil {
			return nil, err
		}
		arrays[i] = a
	}
	r.left -= int64(n)
	cols := make([]arrow.Array, len(r.req.columns))
	for k, fc := range r.fileCol {
		if fc < 0 {
			cols[k] = array.MakeArrayOfNull(r.req.mem, r.req.schema.Field(k).Type, n)
			continue
		}
		arrays[fc].Retain()
		cols[k] = arrays[fc]
	}
	return newBatch(r.req.schema, cols, int64(n)), nil
}

func (r *directReader) close() {
	for _, c := range r.cols {
		c.closeChunk()
	}
	if r.rdr != nil {
		r.rdr.Close()
		r.rdr = nil
	}
}

// directBatchReader adapts directReader to batchReader.
type directBatchReader struct{ *directReader }

func (d directBatchReader) next() (arrow.RecordBatch, error) { return d.nextBatch() }

// closeChunk releases the current column chunk's pages.
func (c *directColumn) closeChunk() {
	if c.cr != nil {
		c.cr.Close()
		c.cr = nil
	}
}

// levels returns the definition level scratch for n rows (nil for a required column).
func (c *directColumn) levels(n int) []int16 {
	if !c.nullable {
		return nil
	}
	if cap(c.defs) < n {
		c.defs = make([]int16, n)
	}
	return c.defs[:n]
}

// read decodes the next n rows of the column.
func (c *directColumn) read(n int) (arrow.Array, error) {
	defs := c.levels(n)
	switch c.kind {
	case directInt64:
		vals := make([]int64, n)
		got, err := readFixed(c.cr.(*file.Int64ColumnChunkReader).ReadBatch, n, vals, defs)
		if err != nil {
			return nil, err
		}
		return fixedArray(c.target, n, asBytesOf(vals), spread(vals, got, defs)), nil
	case directInt32:
		vals := make([]int32, n)
		got, err := readFixed(c.cr.(*file.Int32ColumnChunkReader).ReadBatch, n, vals, defs)
		if err != nil {
			return nil, err
		}
		return fixedArray(c.target, n, asBytesOf(vals), spread(vals, got, defs)), nil
	case directFloat64:
		vals := make([]float64, n)
		got, err := readFixed(c.cr.(*file.Float64ColumnChunkReader).ReadBatch, n, vals, defs)
		if err != nil {
			return nil, err
		}
		return fixedArray(c.target, n, asBytesOf(vals), spread(vals, got, defs)), nil
	case directFloat32:
		vals := make([]float32, n)
		got, err := readFixed(c.cr.(*file.Float32ColumnChunkReader).ReadBatch, n, vals, defs)
		if err != nil {
			return nil, err
		}
		return fixedArray(c.target, n, asBytesOf(vals), spread(vals, got, defs)), nil
	case directDec64:
		if cap(c.i64) < n {
			c.i64 = make([]int64, n)
		}
		raw := c.i64[:n]
		got, err := readFixed(c.cr.(*file.Int64ColumnChunkReader).ReadBatch, n, raw, defs)
		if err != nil {
			return nil, err
		}
		out := make([]decimal128.Num, n)
		valid := widen(out, raw, got, defs)
		return fixedArray(c.target, n, asBytesOf(out), valid), nil
	case directDec32:
		if cap(c.i32) < n {
			c.i32 = make([]int32, n)
		}
		raw := c.i32[:n]
		got, err := readFixed(c.cr.(*file.Int32ColumnChunkReader).ReadBatch, n, raw, defs)
		if err != nil {
			return nil, err
		}
		out := make([]decimal128.Num, n)
		valid := widen(out, raw, got, defs)
		return fixedArray(c.target, n, asBytesOf(out), valid), nil
	case directBool:
		if cap(c.bools) < n {
			c.bools = make([]bool, n)
		}
		vals := c.bools[:n]
		got, err := readFixed(c.cr.(*file.BooleanColumnChunkReader).ReadBatch, n, vals, defs)
		if err != nil {
			return nil, err
		}
		valid := spread(vals, got, defs)
		bits := make([]byte, bitutil.BytesForBits(int64(n)))
		for i, v := range vals {
			if v {
				bitutil.SetBit(bits, i)
			}
		}
		return fixedArray(c.target, n, bits, valid), nil
	case directBytes:
		return c.readBytes(n, defs)
	}
	return nil, fmt.Errorf("parquet reader: direct column kind %d", c.kind)
}

// readFixed reads n rows through a column chunk reader's ReadBatch into vals (the non-null
// values first) and defs, and returns how many values were not null.
func readFixed[T any](readBatch func(int64, []T, []int16, []int16) (int64, int, error), n int, vals []T, defs []int16) (int, error) {
	total, got, err := readBatch(int64(n), vals, defs, nil)
	if err != nil {
		return 0, err
	}
	if total != int64(n) {
		return 0, errDirectShort
	}
	return got, nil
}

// spread moves the got non-null values at the front of vals to their rows (those whose
// definition level is 1) and returns the validity bitmap, nil when no row is null.
func spread[T any](vals []T, got int, defs []int16) []byte {
	n := len(vals)
	if got == n || defs == nil {
		return nil
	}
	valid := make([]byte, bitutil.BytesForBits(int64(n)))
	var zero T
	j := got - 1
	for i := n - 1; i >= 0; i-- {
		if defs[i] > 0 {
			vals[i] = vals[j]
			j--
			bitutil.SetBit(valid, i)
		} else {
			vals[i] = zero
		}
	}
	return valid
}

// widen writes the got non-null integers of raw as decimals into their rows of out and
// returns the validity bitmap, nil when no row is null.
func widen[T int32 | int64](out []decimal128.Num, raw []T, got int, defs []int16) []byte {
	if got == len(out) || defs == nil {
		for i, v := range raw[:len(out)] {
			out[i] = decimal128.New(int64(v)>>63, uint64(int64(v)))
		}
		return nil
	}
	valid := make([]byte, bitutil.BytesForBits(int64(len(out))))
	j := 0
	for i := range out {
		if defs[i] > 0 {
			v := int64(raw[j])
			j++
			out[i] = decimal128.New(v>>63, uint64(v))
			bitutil.SetBit(valid, i)
		}
	}
	return valid
}

// readBytes reads n rows of a byte array column. Values come a page at a time and may
// point into the page, which the next page overwrites: each page's values are copied out
// before the next is read.
func (c *directColumn) readBytes(n int, defs []int16) (arrow.Array, error) {
	cr := c.cr.(*file.ByteArrayColumnChunkReader)
	if cap(c.bas) < n {
		c.bas = make([]parquet.ByteArray, n)
	}
	c.lens = c.lens[:0]
	data := make([]byte, 0, c.hint)
	rows := 0
	for rows < n {
		var d []int16
		if defs != nil {
			d = defs[rows:]
		}
		lv, got, err := cr.ReadBatchInPage(int64(n-rows), c.bas[:n-rows], d, nil)
		if err != nil {
			return nil, err
		}
		if lv == 0 {
			if err := cr.Err(); err != nil {
				return nil, err
			}
			return nil, errDirectShort
		}
		for _, v := range c.bas[:got] {
			data = append(data, v...)
			c.lens = append(c.lens, int32(len(v)))
		}
		rows += int(lv)
	}
	if len(data) > math.MaxInt32 {
		return nil, fmt.Errorf("parquet reader: more than 2 GiB of strings in one batch")
	}
	c.hint = len(data) + len(data)/8
	offs := make([]int32, n+1)
	var valid []byte
	if len(c.lens) == n || defs == nil {
		pos := int32(0)
		for i, l := range c.lens {
			pos += l
			offs[i+1] = pos
		}
	} else {
		valid = make([]byte, bitutil.BytesForBits(int64(n)))
		pos, j := int32(0), 0
		for i := range n {
			if defs[i] > 0 {
				pos += c.lens[j]
				j++
				bitutil.SetBit(valid, i)
			}
			offs[i+1] = pos
		}
	}
	nulls := 0
	var vbuf *memory.Buffer
	if valid != nil {
		nulls = n - len(c.lens)
		vbuf = memory.NewBufferBytes(valid)
	}
	d := array.NewData(c.target, n, []*memory.Buffer{vbuf, memory.NewBufferBytes(asBytesOf(offs)), memory.NewBufferBytes(data)}, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d), nil
}

// fixedArray wraps values and an optional validity bitmap as an array of type dt.
func fixedArray(dt arrow.DataType, n int, values, valid []byte) arrow.Array {
	nulls := 0
	var vbuf *memory.Buffer
	if valid != nil {
		nulls = n - bitutil.CountSetBits(valid, 0, n)
		vbuf = memory.NewBufferBytes(valid)
	}
	d := array.NewData(dt, n, []*memory.Buffer{vbuf, memory.NewBufferBytes(values)}, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// asBytesOf views a slice of fixed-size values as its bytes.
func asBytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(z)))
}

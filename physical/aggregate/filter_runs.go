package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// FilterBatch returns the rows of b at rows, which ascend (the passing rows of a filter).
// When most rows pass, they come in long runs of consecutive rows, and each run of a
// column is copied at once (fixed-width values, booleans, strings and binaries) instead of
// value by value; other columns, and sparse selections, are gathered by Take.
func FilterBatch(b arrow.RecordBatch, rows []int32) (arrow.RecordBatch, error) {
	n := int(b.NumRows())
	if len(rows)*4 < n*3 {
		return TakeBatch(b, rows)
	}
	runs := rowRuns(rows)
	if len(runs)*16 > len(rows) { // short runs: copying them one by one gains nothing
		return TakeBatch(b, rows)
	}
	cols := make([]arrow.Array, b.NumCols())
	defer releaseAll(cols)
	for i, c := range b.Columns() {
		a, ok := filterRuns(c, runs, len(rows))
		if !ok {
			var err error
			if a, err = Take(c, rows); err != nil {
				return nil, err
			}
		}
		cols[i] = a
	}
	return array.NewRecordBatch(b.Schema(), cols, int64(len(rows))), nil
}

// rowRun is rows [start, start+len) of the input.
type rowRun struct{ start, len int32 }

// rowRuns cuts ascending rows into runs of consecutive rows.
func rowRuns(rows []int32) []rowRun {
	var runs []rowRun
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j] == rows[i]+int32(j-i) {
			j++
		}
		runs = append(runs, rowRun{rows[i], int32(j - i)})
		i = j
	}
	return runs
}

// filterRuns copies the runs of a column, or reports false for a type it does not handle.
func filterRuns(c arrow.Array, runs []rowRun, n int) (arrow.Array, bool) {
	dt := c.DataType()
	var values []byte
	var bufs []*memory.Buffer
	switch dt.ID() {
	case arrow.BOOL:
		bits, off := boolBits(c)
		values = newBitmap(n)
		o := 0
		for _, r := range runs {
			bitutil.CopyBitmap(bits, off+int(r.start), int(r.len), values, o)
			o += int(r.len)
		}
		bufs = []*memory.Buffer{nil, buf(values)}
	case arrow.STRING, arrow.BINARY:
		offs, data := varOffsets(c)
		total := 0
		for _, r := range runs {
			total += int(offs[r.start+r.len] - offs[r.start])
		}
		outOffs := make([]int32, n+1)
		outData := make([]byte, total)
		o, pos := 0, int32(0)
		for _, r := range runs {
			src := offs[r.start : r.start+r.len+1]
			shift := pos - src[0]
			dst := outOffs[o+1 : o+1+int(r.len)]
			for k := range dst {
				dst[k] = src[k+1] + shift
			}
			pos += int32(copy(outData[pos:], data[src[0]:src[r.len]]))
			o += int(r.len)
		}
		bufs = []*memory.Buffer{nil, buf(asBytes(outOffs)), buf(outData)}
	default:
		if dt.ID() == arrow.FIXED_SIZE_BINARY || dt.ID() == arrow.NULL {
			return nil, false
		}
		w := byteWidth(dt)
		if w <= 0 {
			return nil, false
		}
		d := c.Data()
		if len(d.Buffers()) < 2 || d.Buffers()[1] == nil {
			return nil, false
		}
		raw := d.Buffers()[1].Bytes()[d.Offset()*w:]
		values = make([]byte, n*w)
		o := 0
		for _, r := range runs {
			o += copy(values[o:], raw[int(r.start)*w:int(r.start+r.len)*w])
		}
		bufs = []*memory.Buffer{nil, buf(values)}
	}
	nulls := 0
	if vb, voff := validity(c); vb != nil {
		valid := newBitmap(n)
		o := 0
		for _, r := range runs {
			bitutil.CopyBitmap(vb, voff+int(r.start), int(r.len), valid, o)
			o += int(r.len)
		}
		nulls = n - bitutil.CountSetBits(valid, 0, n)
		if nulls > 0 {
			bufs[0] = buf(valid)
		}
	}
	data := array.NewData(dt, n, bufs, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data), true
}

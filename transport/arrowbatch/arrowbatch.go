// Package arrowbatch encodes record batches as the self-contained Arrow IPC streams that
// Spark Connect's ArrowBatch responses carry (schema, one batch, end of stream), split by
// rows so that no encoded message exceeds a byte budget. It imports arrow-go only.
package arrowbatch

import (
	"bytes"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// DefaultMaxBytes keeps each encoded batch well under gRPC's 4 MiB default message limit,
// leaving room for the response envelope (Spark uses 70% of 4 MiB the same way).
const DefaultMaxBytes = 4 << 20 * 7 / 10

// Encode splits batch into row ranges whose IPC encoding fits maxBytes and calls emit for
// each with the encoded stream and its row count. A single row larger than maxBytes is
// sent alone. A batch with no rows is encoded once (it carries the schema).
func Encode(batch arrow.RecordBatch, maxBytes int, emit func(data []byte, rows int64) error) error {
	n := batch.NumRows()
	if n == 0 {
		data, err := encode(batch)
		if err != nil {
			return err
		}
		return emit(data, 0)
	}
	size := batchBytes(batch)
	step := n
	if size > int64(maxBytes) {
		step = max(1, n*int64(maxBytes)/size*9/10)
	}
	for lo := int64(0); lo < n; {
		hi := min(n, lo+step)
		part := batch.NewSlice(lo, hi)
		data, err := encode(part)
		part.Release()
		if err != nil {
			return err
		}
		if len(data) > maxBytes && hi-lo > 1 {
			step = max(1, (hi-lo)/2) // the estimate was off (skewed row sizes): halve and retry
			continue
		}
		if err := emit(data, hi-lo); err != nil {
			return err
		}
		lo = hi
	}
	return nil
}

func encode(batch arrow.RecordBatch) ([]byte, error) {
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(batch.Schema()), ipc.WithAllocator(memory.DefaultAllocator))
	if err := w.Write(batch); err != nil {
		return nil, fmt.Errorf("arrow ipc: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("arrow ipc: %w", err)
	}
	return buf.Bytes(), nil
}

// Decode reads every batch of an IPC stream (as clients and tests receive them).
func Decode(data []byte) (*arrow.Schema, []arrow.RecordBatch, error) {
	r, err := ipc.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	defer r.Release()
	var out []arrow.RecordBatch
	for r.Next() {
		b := r.RecordBatch()
		b.Retain()
		out = append(out, b)
	}
	if err := r.Err(); err != nil {
		for _, b := range out {
			b.Release()
		}
		return nil, nil, err
	}
	return r.Schema(), out, nil
}

// batchBytes sums the buffer sizes of every column, children included.
func batchBytes(batch arrow.RecordBatch) int64 {
	var total int64
	var walk func(d arrow.ArrayData)
	walk = func(d arrow.ArrayData) {
		for _, b := range d.Buffers() {
			if b != nil {
				total += int64(b.Len())
			}
		}
		for _, c := range d.Children() {
			walk(c)
		}
	}
	for _, col := range batch.Columns() {
		walk(col.Data())
	}
	return total
}

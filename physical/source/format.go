package source

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// fileInfo is one data file of a table.
type fileInfo struct {
	path string
	size int64
	// partValues are the raw values of the Hive-style partition directories, in the order of
	// the table's partition columns.
	partValues []string
}

// fileSplit is the unit of work of a scan: a byte range of a text file, or row groups of a
// Parquet file.
type fileSplit struct {
	file  *fileInfo
	order int // position of the file in the listing, to keep file order in a partition
	// start and length are the byte range; length < 0 reads the whole file.
	start, length int64
	// rowGroups are the Parquet row groups to read.
	rowGroups []int
	// bytes is the split's weight when balancing partitions.
	bytes int64
}

// readRequest is what a scan asks a format to produce for one split.
type readRequest struct {
	// dataSchema is the table's data schema (without partition columns).
	dataSchema *types.StructType
	// columns are the data columns to produce, as indices into dataSchema, in output order.
	columns []int
	// schema is the Arrow schema of the produced batches.
	schema *arrow.Schema
	mem    memory.Allocator
	rows   int // rows per batch
	// filters are the scan's pushed predicates, over the data columns (Column indexes
	// dataSchema). Formats may use them to skip data; they never need to apply them exactly.
	filters []Predicate
}

// batchReader produces the batches of one split.
type batchReader interface {
	next() (arrow.RecordBatch, error)
	close()
}

// fileFormat is one file format.
type fileFormat interface {
	name() string
	// inferSchema reads files to infer the data schema.
	inferSchema(files []*fileInfo) (*types.StructType, error)
	// splits cuts a file into splits of about maxBytes.
	splits(f *fileInfo, order int, maxBytes int64, filters []Predicate, dataSchema *types.StructType) ([]fileSplit, error)
	// open starts reading a split.
	open(ctx context.Context, sp fileSplit, req *readRequest) (batchReader, error)
	// check validates a data schema for the format (user-given schemas).
	check(dataSchema *types.StructType) error
}

// byteSplits cuts a splittable text file into ranges of at most maxBytes.
func byteSplits(f *fileInfo, order int, maxBytes int64) []fileSplit {
	if maxBytes <= 0 || f.size <= maxBytes {
		return []fileSplit{{file: f, order: order, start: 0, length: -1, bytes: f.size}}
	}
	var out []fileSplit
	for off := int64(0); off < f.size; {
		n := min(maxBytes, f.size-off)
		// A small tail stays with the last split, as Spark's SPLIT_SLOP does.
		if rest := f.size - off - n; rest > 0 && rest < maxBytes/10 {
			n += rest
		}
		out = append(out, fileSplit{file: f, order: order, start: off, length: n, bytes: n})
		off += n
	}
	return out
}

// builders are the column builders of one output batch.
type builders struct {
	schema *arrow.Schema
	cols   []array.Builder
	rows   int
}

func newBuilders(mem memory.Allocator, schema *arrow.Schema) *builders {
	b := &builders{schema: schema, cols: make([]array.Builder, schema.NumFields())}
	for i, f := range schema.Fields() {
		b.cols[i] = array.NewBuilder(mem, f.Type)
	}
	return b
}

// batch builds the rows appended so far into a batch and resets the builders.
func (b *builders) batch() arrow.RecordBatch {
	arrs := make([]arrow.Array, len(b.cols))
	for i, c := range b.cols {
		arrs[i] = c.NewArray()
	}
	rec := array.NewRecordBatch(b.schema, arrs, int64(b.rows))
	for _, a := range arrs {
		a.Release()
	}
	b.rows = 0
	return rec
}

func (b *builders) release() {
	for _, c := range b.cols {
		c.Release()
	}
	b.cols = nil
}

// unsupportedType is UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE.
func unsupportedType(format, column string, dt types.DataType) error {
	return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "0A000",
		"The <format> datasource doesn't support the column <columnName> of the type <columnType>.",
		map[string]string{"format": format, "columnName": "`" + column + "`", "columnType": `"` + dt.SQL() + `"`})
}

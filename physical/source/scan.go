package source

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/sailgo/sail/physical"
	pmem "github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Scan is the file scan operator: each partition reads its group of file splits (byte
// ranges of text files, row groups of Parquet files) and produces the selected columns,
// partition columns filled from the directory names.
type Scan struct {
	table       *Table
	columns     []int // table columns, in output order
	filters     []Predicate
	schema      *arrow.Schema
	sparkSchema *types.StructType
	groups      [][]fileSplit
	mem         memory.Allocator
	rows        int
	partitions  int // as Table.Scan was asked, kept for encoding (encode.go)

	// what each split reads: data columns (indexes into table.data) and, per output column,
	// where it comes from
	dataCols []int
	outFrom  []int // >= 0: position in dataCols; < 0: -(partition index)-1
	dataReq  *readRequest

	prunedFiles     int64
	prunedRowGroups int64

	outputRows    atomic.Int64
	outputBatches atomic.Int64
	elapsed       atomic.Int64
	filesRead     atomic.Int64
}

var (
	_ physical.ExecutionPlan   = (*Scan)(nil)
	_ physical.MetricsReporter = (*Scan)(nil)
)

// Scan plans a scan of the given table columns (indexes into Schema(), in output order; nil
// for all) over at most partitions partitions. Files are cut into splits (Parquet by row
// groups, splittable text files by byte ranges) of at most MaxSplitBytes, and splits are
// spread over the partitions balancing their sizes, each partition reading its splits in
// file order. Filters, if any, are used to skip files by partition values and Parquet row
// groups by their statistics; the rows that are read are not filtered.
func (t *Table) Scan(columns []int, partitions int, filters ...Predicate) (*Scan, error) {
	if columns == nil {
		columns = make([]int, len(t.schema.Fields))
		for i := range columns {
			columns[i] = i
		}
	}
	if partitions < 1 {
		partitions = 1
	}
	s := &Scan{table: t, columns: columns, filters: filters, mem: t.Allocator, rows: t.BatchRows, partitions: partitions}
	if s.mem == nil {
		s.mem = memory.DefaultAllocator
	}
	if s.rows <= 0 {
		s.rows = physical.DefaultBatchRows
	}
	nData := len(t.data.Fields)
	fields := make([]types.StructField, len(columns))
	dataPos := map[int]int{}
	for k, c := range columns {
		if c < 0 || c >= len(t.schema.Fields) {
			return nil, sparkerror.InternalError("scan column %d out of range (%d columns)", c, len(t.schema.Fields))
		}
		fields[k] = t.schema.Fields[c]
		if c >= nData {
			s.outFrom = append(s.outFrom, -(c-nData)-1)
			continue
		}
		pos, ok := dataPos[c]
		if !ok {
			pos = len(s.dataCols)
			dataPos[c] = pos
			s.dataCols = append(s.dataCols, c)
		}
		s.outFrom = append(s.outFrom, pos)
	}
	s.sparkSchema = &types.StructType{Fields: fields}
	var err error
	if s.schema, err = types.ToArrowSchema(s.sparkSchema); err != nil {
		return nil, err
	}
	dataFields := make([]types.StructField, len(s.dataCols))
	for i, c := range s.dataCols {
		dataFields[i] = t.data.Fields[c]
	}
	dataSchema, err := types.ToArrowSchema(&types.StructType{Fields: dataFields})
	if err != nil {
		return nil, err
	}
	// Predicates split into partition filters (exact, per file) and data filters.
	var partPreds, dataPreds []Predicate
	for _, p := range filters {
		switch {
		case p.Column < 0 || p.Column >= len(t.schema.Fields):
			return nil, sparkerror.InternalError("filter column %d out of range", p.Column)
		case p.Column >= nData:
			partPreds = append(partPreds, p)
		default:
			dataPreds = append(dataPreds, p)
		}
	}
	s.dataReq = &readRequest{dataSchema: t.data, columns: s.dataCols, schema: dataSchema, mem: s.mem,
		rows: s.rows, filters: dataPreds}
	if err := s.plan(partitions, partPreds, dataPreds); err != nil {
		return nil, err
	}
	return s, nil
}

// balancedSplits is how many splits a partition's share is cut into at most, and
// minBalancedSplit the smallest split that cutting makes, when balancing partitions.
const (
	balancedSplits   = 16
	minBalancedSplit = 1 << 20
)

// plan cuts the files into splits and groups them into partitions.
func (s *Scan) plan(partitions int, partPreds, dataPreds []Predicate) error {
	t := s.table
	maxSplit, openCost := t.MaxSplitBytes, t.OpenCostBytes
	if maxSplit <= 0 {
		maxSplit = DefaultMaxSplitBytes
	}
	if openCost <= 0 {
		openCost = DefaultOpenCostBytes
	}
	var files []int
	total := int64(0)
	for i, f := range t.files {
		if !s.filePasses(i, partPreds) {
			s.prunedFiles++
			continue
		}
		if f.size == 0 {
			continue
		}
		files = append(files, i)
		total += f.size + openCost
	}
	// Spark's FilePartition.maxSplitBytes.
	perCore := total / int64(partitions)
	maxSplit = min(maxSplit, max(openCost, perCore))
	// Partitions are contiguous runs of whole splits, each read by one core: with splits
	// of a whole file each, 7 files over 2 partitions are read 4 against 3, and the second
	// core idles for an eighth of the scan (TPC-H lineitem at SF1). With the default
	// settings, splits are cut to about a sixteenth of a partition (Parquet at row group
	// granularity) so that the partitions' shares differ by a few percent at most.
	if partitions > 1 && t.MaxSplitBytes <= 0 && t.OpenCostBytes <= 0 {
		maxSplit = min(maxSplit, max(minBalancedSplit, perCore/balancedSplits))
	}
	var splits []fileSplit
	for _, i := range files {
		f := t.files[i]
		sp, err := t.format.splits(f, i, maxSplit, dataPreds, t.data)
		if err != nil {
			return err
		}
		if md, ok := t.format.(*parquetFormat); ok && len(dataPreds) > 0 {
			if footer, err := md.footer(f.path); err == nil {
				n := 0
				for _, x := range sp {
					n += len(x.rowGroups)
				}
				s.prunedRowGroups += int64(footer.NumRowGroups() - n)
			}
		}
		splits = append(splits, sp...)
	}
	n := min(partitions, len(splits))
	if n == 0 {
		s.groups = [][]fileSplit{nil}
		return nil
	}
	// Splits are in file order; cut the sequence into n contiguous groups of about equal
	// weight, so that partitions read the files in order and a LIMIT sees the first rows.
	total = 0
	for _, sp := range splits {
		total += sp.bytes + openCost
	}
	s.groups = make([][]fileSplit, 0, n)
	acc, i := int64(0), 0
	for k := 0; k < n; k++ {
		target := total * int64(k+1) / int64(n)
		start := i
		for i < len(splits) {
			w := splits[i].bytes + openCost
			left := len(splits) - i // splits not yet placed
			if i > start && (left <= n-1-k || acc+w/2 > target) {
				break
			}
			acc += w
			i++
		}
		if k == n-1 {
			for ; i < len(splits); i++ {
				acc += splits[i].bytes + openCost
			}
		}
		s.groups = append(s.groups, splits[start:i])
	}
	return nil
}

// filePasses evaluates the partition predicates on a file's partition values.
func (s *Scan) filePasses(file int, preds []Predicate) bool {
	t := s.table
	nData := len(t.data.Fields)
	for _, p := range preds {
		pi := p.Column - nData
		v := t.partVals[file][pi]
		switch p.Op {
		case OpIsNull:
			if !v.null {
				return false
			}
			continue
		case OpIsNotNull:
			if v.null {
				return false
			}
			continue
		}
		if v.null || p.Value == nil {
			return false
		}
		lit, ok := literalScalar(p.Value)
		if !ok {
			continue
		}
		var val scalar
		switch k, _ := kindOf(t.parts.Fields[pi].DataType); k {
		case kFloat32, kFloat64:
			val = scalar{kind: 'f', f: v.f}
		case kString, kBinary:
			val = scalar{kind: 'b', b: v.b}
		case kDecimal:
			val = scalar{kind: 'd', d: v.d}
		default:
			val = scalar{kind: 'i', i: v.i}
		}
		if !valueMatches(p.Op, val, lit) {
			return false
		}
	}
	return true
}

func (s *Scan) Schema() *arrow.Schema              { return s.schema }
func (s *Scan) Partitions() int                    { return len(s.groups) }
func (s *Scan) Children() []physical.ExecutionPlan { return nil }

// Filters are the predicates the scan was planned with.
func (s *Scan) Filters() []Predicate { return s.filters }

// Table is the scanned table.
func (s *Scan) Table() *Table { return s.table }

// Splits reports, per partition, the files (and Parquet row groups or byte ranges) read.
func (s *Scan) Splits() [][]string {
	out := make([][]string, len(s.groups))
	for i, g := range s.groups {
		for _, sp := range g {
			d := sp.file.path
			switch {
			case sp.rowGroups != nil:
				d += fmt.Sprintf(" row groups %v", sp.rowGroups)
			case sp.length >= 0:
				d += fmt.Sprintf(" [%d, %d)", sp.start, sp.start+sp.length)
			}
			out[i] = append(out[i], d)
		}
	}
	return out
}

func (s *Scan) Describe() string {
	t := s.table
	loc := "[]"
	if len(t.paths) > 0 {
		q := make([]string, len(t.paths))
		for i, p := range t.paths {
			if abs, err := localPath(p); err == nil {
				p = abs
			}
			q[i] = qualify(p)
		}
		loc = "[" + strings.Join(q, ", ") + "]"
	}
	names := make([]string, len(s.columns))
	for i, c := range s.columns {
		names[i] = t.schema.Fields[c].Name
	}
	var partF, dataF []Predicate
	for _, p := range s.filters {
		if p.Column >= len(t.data.Fields) {
			partF = append(partF, p)
		} else {
			dataF = append(dataF, p)
		}
	}
	return fmt.Sprintf("FileScan %s [%s] Location: %s (%d files), PartitionFilters: %s, PushedFilters: %s, ReadSchema: %s, partitions=%d",
		t.format.name(), strings.Join(names, ", "), loc, len(t.files), describePredicates(partF, t.schema),
		describePredicates(dataF, t.schema), s.readSchema(), len(s.groups))
}

func (s *Scan) readSchema() string {
	fields := make([]types.StructField, len(s.dataCols))
	for i, c := range s.dataCols {
		fields[i] = s.table.data.Fields[c]
	}
	return (&types.StructType{Fields: fields}).SimpleString()
}

// Metrics reports output_rows, output_batches, elapsed_compute (reading and decoding
// time), files_read, and the files and row groups skipped by the filters.
func (s *Scan) Metrics() map[string]int64 {
	m := map[string]int64{
		"output_rows":     s.outputRows.Load(),
		"output_batches":  s.outputBatches.Load(),
		"elapsed_compute": s.elapsed.Load(),
		"files_read":      s.filesRead.Load(),
	}
	if s.prunedFiles > 0 {
		m["files_pruned"] = s.prunedFiles
	}
	if s.prunedRowGroups > 0 {
		m["row_groups_pruned"] = s.prunedRowGroups
	}
	return m
}

// Execute starts reading one partition's splits.
func (s *Scan) Execute(ctx context.Context, partition int) (physical.Stream, error) {
	if partition < 0 || partition >= len(s.groups) {
		return nil, fmt.Errorf("file scan: partition %d out of range", partition)
	}
	return &scanStream{s: s, ctx: ctx, splits: s.groups[partition], pool: pmem.FromContext(ctx)}, nil
}

// scanStream reads the splits of one partition in order.
type scanStream struct {
	s      *Scan
	ctx    context.Context
	splits []fileSplit
	cur    batchReader
	curSp  fileSplit
	pool   *pmem.Pool
	res    *pmem.Reservation
	closed bool
}

// readsWhole reports splits a format reads into memory at once (multi-line JSON, whole
// text files); the scan reserves their size in the query's memory pool.
func (st *scanStream) readsWhole(sp fileSplit) bool {
	switch f := st.s.table.format.(type) {
	case *jsonFormat:
		return f.multiLine
	case *textFormat:
		return f.wholeText
	}
	return false
}

func (st *scanStream) Next() (arrow.RecordBatch, error) {
	if st.closed {
		return nil, io.EOF
	}
	for {
		if err := st.ctx.Err(); err != nil {
			return nil, err
		}
		if st.cur == nil {
			if len(st.splits) == 0 {
				return nil, io.EOF
			}
			sp := st.splits[0]
			st.splits = st.splits[1:]
			if st.readsWhole(sp) {
				if st.res == nil {
					st.res = st.pool.NewReservation("FileScan " + st.s.table.format.name())
				}
				if err := st.res.TryResize(sp.file.size); err != nil {
					return nil, err
				}
			}
			start := time.Now()
			r, err := st.s.table.format.open(st.ctx, sp, st.s.dataReq)
			st.s.elapsed.Add(int64(time.Since(start)))
			if err != nil {
				return nil, failedReadFile(sp.file.path, err)
			}
			st.s.filesRead.Add(1)
			st.cur, st.curSp = r, sp
		}
		start := time.Now()
		b, err := st.cur.next()
		if err == io.EOF {
			st.s.elapsed.Add(int64(time.Since(start)))
			st.cur.close()
			st.cur = nil
			if st.res != nil {
				st.res.Free()
			}
			continue
		}
		if err != nil {
			st.s.elapsed.Add(int64(time.Since(start)))
			return nil, failedReadFile(st.curSp.file.path, err)
		}
		out := st.assemble(b)
		st.s.elapsed.Add(int64(time.Since(start)))
		if out.NumRows() == 0 {
			out.Release()
			continue
		}
		st.s.outputRows.Add(out.NumRows())
		st.s.outputBatches.Add(1)
		return out, nil
	}
}

// assemble orders the data columns as the output and adds the partition columns; it takes
// ownership of b.
func (st *scanStream) assemble(b arrow.RecordBatch) arrow.RecordBatch {
	s := st.s
	n := b.NumRows()
	identity := len(s.outFrom) == int(b.NumCols())
	for k, f := range s.outFrom {
		if f != k {
			identity = false
			break
		}
	}
	if identity {
		if b.Schema().Equal(s.schema) {
			return b
		}
		out := array.NewRecordBatch(s.schema, b.Columns(), n)
		b.Release()
		return out
	}
	cols := make([]arrow.Array, len(s.outFrom))
	for k, f := range s.outFrom {
		if f >= 0 {
			c := b.Column(f)
			c.Retain()
			cols[k] = c
			continue
		}
		cols[k] = st.partitionColumn(-f-1, int(n))
	}
	b.Release()
	return newBatch(s.schema, cols, n)
}

// partitionColumn repeats a split's partition value n times.
func (st *scanStream) partitionColumn(pi, n int) arrow.Array {
	t := st.s.table
	v := t.partVals[st.curSp.order][pi]
	at, _ := types.ToArrow(t.parts.Fields[pi].DataType)
	if v.null {
		return array.MakeArrayOfNull(st.s.mem, at, n)
	}
	k, _ := kindOf(t.parts.Fields[pi].DataType)
	bld := array.NewBuilder(st.s.mem, at)
	defer bld.Release()
	bld.Reserve(n)
	for range n {
		appendCell(bld, k, &v)
	}
	return bld.NewArray()
}

func (st *scanStream) Close() {
	if st.closed {
		return
	}
	st.closed = true
	if st.cur != nil {
		st.cur.close()
		st.cur = nil
	}
	if st.res != nil {
		st.res.Close()
		st.res = nil
	}
	st.splits = nil
}

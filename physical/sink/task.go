package sink

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// DefaultPartitionName is the directory value of a NULL (or empty) partition value.
const DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__"

// writer is a prepared job.
type writer struct {
	job        Job
	jobID      string
	format     format
	partIdx    []int // input columns of the partition columns
	partNames  []string
	dataIdx    []int // input columns written to the files
	dataSchema *arrow.Schema
	dataSpark  *types.StructType
	maxRecords int64
}

// prepare checks the job (columns, format, options) before anything runs.
func prepare(job Job) (*writer, error) {
	if job.Schema == nil {
		return nil, sparkerror.InternalError("write without a schema")
	}
	w := &writer{job: job}
	seen := map[string]bool{}
	for _, name := range job.PartitionBy {
		idx := -1
		for i, f := range job.Schema.Fields {
			if strings.EqualFold(f.Name, name) {
				idx = i
				break
			}
		}
		if idx < 0 {
			return nil, sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1155", "",
				"Partition column `<col>` not found in schema <schemaCatalog>.",
				map[string]string{"col": name, "schemaCatalog": job.Schema.CatalogString()})
		}
		f := job.Schema.Fields[idx]
		if seen[strings.ToLower(f.Name)] {
			return nil, sparkerror.New(sparkerror.Analysis, "COLUMN_ALREADY_EXISTS", "42711",
				"The column <columnName> already exists. Choose another name or rename the existing column.",
				map[string]string{"columnName": "`" + strings.ToLower(f.Name) + "`"})
		}
		seen[strings.ToLower(f.Name)] = true
		switch f.DataType.(type) {
		case types.ArrayType, types.MapType, *types.StructType, types.VariantType:
			return nil, sparkerror.New(sparkerror.Analysis, "INVALID_PARTITION_COLUMN_DATA_TYPE", "0A000",
				"Cannot use <type> for partition column.", map[string]string{"type": `"` + f.DataType.SQL() + `"`})
		}
		w.partIdx = append(w.partIdx, idx)
		w.partNames = append(w.partNames, f.Name)
	}
	data := types.NewStruct()
	for i, f := range job.Schema.Fields {
		if !slices.Contains(w.partIdx, i) {
			w.dataIdx = append(w.dataIdx, i)
			data = data.Add(f)
		}
	}
	if len(w.partIdx) > 0 && len(w.dataIdx) == 0 {
		return nil, sparkerror.New(sparkerror.Analysis, "ALL_PARTITION_COLUMNS_NOT_ALLOWED", "KD005",
			"Cannot use all columns for partition columns.", nil)
	}
	names := map[string]bool{}
	for _, f := range job.Schema.Fields {
		n := strings.ToLower(f.Name)
		if names[n] {
			return nil, sparkerror.New(sparkerror.Analysis, "COLUMN_ALREADY_EXISTS", "42711",
				"The column <columnName> already exists. Choose another name or rename the existing column.",
				map[string]string{"columnName": "`" + n + "`"})
		}
		names[n] = true
	}
	w.dataSpark = data
	schema, err := types.ToArrowSchema(data)
	if err != nil {
		return nil, err
	}
	w.dataSchema = schema
	o := newOptions(job.Options)
	if v, ok := o.get("maxRecordsPerFile"); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_2130", "",
				"maxRecordsPerFile should be a long, but got <value>.", map[string]string{"value": v})
		}
		w.maxRecords = n
	}
	if w.format, err = newFormat(job.Format, o, data, job.TimeZone); err != nil {
		return nil, err
	}
	return w, nil
}

// taskResult is what one task wrote.
type taskResult struct {
	files []string
	dirs  []string
	rows  int64
}

// run executes every input partition as one task, in parallel, writing under staging.
func (w *writer) run(ctx context.Context, input physical.ExecutionPlan, staging string) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := input.Partitions()
	results := make([]taskResult, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = w.task(ctx, input, i, staging)
			if errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	// The first real failure wins over the cancellations it caused.
	var firstErr error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if firstErr == nil || isCancel(firstErr) && !isCancel(err) {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	res := &Result{}
	dirs := map[string]bool{}
	for _, r := range results {
		res.Files = append(res.Files, r.files...)
		res.Rows += r.rows
		for _, d := range r.dirs {
			dirs[d] = true
		}
	}
	if len(res.Files) == 0 && len(w.partIdx) == 0 {
		// Spark writes one empty file so the schema (and a header) survive.
		f, err := w.openFile(staging, "", 0, 0)
		if err != nil {
			return nil, err
		}
		if err := f.close(); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, f.rel)
	}
	for d := range dirs {
		if d != "" {
			res.Partitions = append(res.Partitions, d)
		}
	}
	slices.Sort(res.Partitions)
	return res, nil
}

func isCancel(err error) bool {
	if e, ok := sparkerror.As(err); ok {
		return e.Class == "OPERATION_CANCELED"
	}
	return err == context.Canceled
}

// openFile is a data file being written.
type openFile struct {
	fw   fileWriter
	file *os.File
	rel  string
	dir  string
	rows int64
}

func (f *openFile) close() error {
	err := f.fw.close()
	if cerr := f.file.Close(); err == nil {
		err = cerr
	}
	return err
}

func (w *writer) openFile(staging, dir string, task, counter int) (*openFile, error) {
	name := fmt.Sprintf("part-%05d-%s-c%03d%s", task, w.jobID, counter, w.format.extension())
	rel := name
	if dir != "" {
		rel = filepath.Join(filepath.FromSlash(dir), name)
		if err := os.MkdirAll(filepath.Join(staging, filepath.FromSlash(dir)), 0o755); err != nil {
			return nil, ioError("create", dir, err)
		}
	}
	file, err := os.Create(filepath.Join(staging, rel))
	if err != nil {
		return nil, ioError("create", rel, err)
	}
	fw, err := w.format.open(struct{ io.Writer }{file})
	if err != nil {
		file.Close()
		return nil, err
	}
	return &openFile{fw: fw, file: file, rel: filepath.ToSlash(rel), dir: dir}, nil
}

// task writes one input partition.
func (w *writer) task(ctx context.Context, input physical.ExecutionPlan, part int, staging string) (res taskResult, err error) {
	open := map[string]*openFile{}
	defer func() {
		for _, f := range open {
			if cerr := f.close(); err == nil && cerr != nil {
				err = cerr
			}
		}
	}()
	stream, err := input.Execute(ctx, part)
	if err != nil {
		return res, err
	}
	defer stream.Close()
	parts, err := w.partitionExprs()
	if err != nil {
		return res, err
	}
	// next is the counter of the next file of each directory.
	next := map[string]int{}
	write := func(dir string, rec arrow.RecordBatch) error {
		f := open[dir]
		for off := int64(0); off < rec.NumRows(); {
			if f == nil {
				counter := next[dir]
				var err error
				if f, err = w.openFile(staging, dir, part, counter); err != nil {
					return err
				}
				next[dir] = counter + 1
				open[dir] = f
				res.files = append(res.files, f.rel)
				if counter == 0 {
					res.dirs = append(res.dirs, dir)
				}
			}
			n := rec.NumRows() - off
			if w.maxRecords > 0 && f.rows+n > w.maxRecords {
				n = w.maxRecords - f.rows
			}
			chunk := rec
			if off != 0 || n != rec.NumRows() {
				chunk = rec.NewSlice(off, off+n)
			}
			err := f.fw.write(chunk)
			if chunk != rec {
				chunk.Release()
			}
			if err != nil {
				return err
			}
			f.rows += n
			res.rows += n
			off += n
			if w.maxRecords > 0 && f.rows >= w.maxRecords {
				delete(open, dir)
				if err := f.close(); err != nil {
					return err
				}
				f = nil
			}
		}
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return res, sparkerror.Canceled()
		}
		b, err := stream.Next()
		if physical.IsEOF(err) {
			break
		}
		if err != nil {
			return res, err
		}
		if b.NumRows() == 0 {
			b.Release()
			continue
		}
		err = w.writeBatch(b, parts, write)
		b.Release()
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// writeBatch splits a batch by partition directory and writes each part's data columns.
func (w *writer) writeBatch(b arrow.RecordBatch, parts []expr.Expr, write func(string, arrow.RecordBatch) error) error {
	if int(b.NumCols()) != len(w.job.Schema.Fields) {
		return sparkerror.InternalError("write input has %d columns, schema %d", b.NumCols(), len(w.job.Schema.Fields))
	}
	cols := batchColumns(b, w.dataIdx)
	for i, c := range cols {
		if !arrow.TypeEqual(c.DataType(), w.dataSchema.Field(i).Type) {
			return sparkerror.InternalError("write input column %d is %s, want %s", w.dataIdx[i], c.DataType(), w.dataSchema.Field(i).Type)
		}
	}
	data := array.NewRecordBatch(w.dataSchema, cols, b.NumRows())
	defer data.Release()
	if len(parts) == 0 {
		return write("", data)
	}
	vals := make([]*array.String, len(parts))
	for i, e := range parts {
		a, err := e.Eval(b)
		if err != nil {
			return err
		}
		defer a.Release()
		s, ok := a.(*array.String)
		if !ok {
			return sparkerror.InternalError("partition value of type %s", a.DataType())
		}
		vals[i] = s
	}
	n := int(b.NumRows())
	var order []string
	rows := map[string][]int32{}
	last, lastRow := "", -1
	var sb strings.Builder
	for r := 0; r < n; r++ {
		dir := last
		if lastRow < 0 || !sameRow(vals, r, lastRow) {
			sb.Reset()
			for i, s := range vals {
				if i > 0 {
					sb.WriteByte('/')
				}
				sb.WriteString(EscapePathName(w.partNames[i]))
				sb.WriteByte('=')
				if s.IsNull(r) || s.Value(r) == "" {
					sb.WriteString(DefaultPartitionName)
				} else {
					sb.WriteString(EscapePathName(s.Value(r)))
				}
			}
			dir = sb.String()
			last, lastRow = dir, r
		}
		if _, ok := rows[dir]; !ok {
			order = append(order, dir)
		}
		rows[dir] = append(rows[dir], int32(r))
	}
	if len(order) == 1 {
		return write(order[0], data)
	}
	for _, dir := range order {
		sub, err := aggregate.TakeBatch(data, rows[dir])
		if err != nil {
			return err
		}
		err = write(dir, sub)
		sub.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

func sameRow(vals []*array.String, a, b int) bool {
	for _, s := range vals {
		if s.IsNull(a) != s.IsNull(b) || !s.IsNull(a) && s.Value(a) != s.Value(b) {
			return false
		}
	}
	return true
}

// partitionExprs are the partition columns cast to strings as Spark renders them in paths.
func (w *writer) partitionExprs() ([]expr.Expr, error) {
	out := make([]expr.Expr, len(w.partIdx))
	for i, idx := range w.partIdx {
		t := w.job.Schema.Fields[idx].DataType
		col, err := expr.NewColumn(idx, t)
		if err != nil {
			return nil, err
		}
		if _, isStr := t.(types.StringType); isStr && col.DataType().ID() == arrow.STRING {
			out[i] = col
			continue
		}
		if out[i], err = expr.NewCast(col, t, types.String, expr.CastOptions{TimeZone: w.job.TimeZone}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EscapePathName escapes a partition column name or value for a directory name as Hive
// and Spark do: control characters and "#%'*/:=?\{[]^ and DEL become %XX.
func EscapePathName(s string) string {
	i := strings.IndexFunc(s, needsEscaping)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for _, c := range s[i:] {
		if needsEscaping(c) {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func needsEscaping(c rune) bool {
	if c >= 0x01 && c <= 0x1F || c == 0x7F {
		return true
	}
	return strings.ContainsRune("\"#%'*/:=?\\{[]^", c)
}

// UnescapePathName undoes EscapePathName: each %XX becomes its character.
func UnescapePathName(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// PartitionDirs lists the Hive-style partition directories below dir for the given
// partition columns, as their values in column order (nil for the default partition).
func PartitionDirs(dir string, columns []string) ([][]*string, error) {
	leaves, err := partitionLeaves(dir, columns)
	if err != nil {
		return nil, err
	}
	out := make([][]*string, len(leaves))
	for i, l := range leaves {
		out[i] = l.values
	}
	return out, nil
}

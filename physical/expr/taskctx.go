package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/types"
)

// The task-context functions (spark_partition_id, monotonically_increasing_id,
// input_file_name, input_file_block_start, input_file_block_length) read what the
// operator evaluating them knows about the running task: the partition index, how many
// rows of the partition came before the batch, and the file split the batch was read
// from. The operator (physical.Project, physical.Filter) hands this over by wrapping the
// batch with WithTask when NeedsTask says its expressions read it; the functions are
// ordinary registered calls, so plans that use them encode and decode as any other.

// TaskInfo describes the task a batch is evaluated in.
type TaskInfo struct {
	Partition int32
	// RowOffset counts the rows the operator saw in this partition before the batch.
	RowOffset int64
	// File is the path of the file split the batch came from ("" when the batch does not
	// come straight from a file scan); BlockStart and BlockLength are the split's byte
	// range (-1 when unknown).
	File                    string
	BlockStart, BlockLength int64
}

// NoFile is a TaskInfo's file part when the batch does not come from a file scan.
func (t *TaskInfo) NoFile() { t.File, t.BlockStart, t.BlockLength = "", -1, -1 }

// InputFileSource is implemented by streams whose batches come from one file split at a
// time (the file scan) and by streams that pass such batches through (filters): it names
// the split of the batch last returned.
type InputFileSource interface {
	InputFile() (path string, start, length int64)
}

// taskBatch is a batch carrying its TaskInfo.
type taskBatch struct {
	arrow.RecordBatch
	info TaskInfo
}

// WithTask wraps b so that the task-context functions evaluated over it see info. The
// wrapper shares b (releasing either releases b).
func WithTask(b arrow.RecordBatch, info TaskInfo) arrow.RecordBatch {
	return &taskBatch{RecordBatch: b, info: info}
}

// taskOf reads the TaskInfo of a batch; a batch without one is partition 0, offset 0,
// and no file.
func taskOf(b arrow.RecordBatch) TaskInfo {
	if tb, ok := b.(*taskBatch); ok {
		return tb.info
	}
	return TaskInfo{BlockStart: -1, BlockLength: -1}
}

// taskFuncs are the registered names of the task-context functions.
var taskFuncs = map[string]taskKind{
	"spark_partition_id":          taskPartition,
	"monotonically_increasing_id": taskRowID,
	"input_file_name":             taskFileName,
	"input_file_block_start":      taskBlockStart,
	"input_file_block_length":     taskBlockLength,
}

type taskKind uint8

const (
	taskPartition taskKind = iota
	taskRowID
	taskFileName
	taskBlockStart
	taskBlockLength
)

func init() {
	for name, kind := range taskFuncs {
		register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
			t, err := types.ToArrow(result)
			if err != nil {
				return nil, err
			}
			return &taskExpr{name: name, kind: kind, t: t}, nil
		}, name)
	}
}

// taskExpr is one of the task-context functions.
type taskExpr struct {
	name string
	kind taskKind
	t    arrow.DataType
}

func (e *taskExpr) DataType() arrow.DataType { return e.t }
func (e *taskExpr) String() string           { return e.name + "()" }
func (e *taskExpr) children() []Expr         { return nil }

// mayFail is false: conditionals then evaluate it over the whole (wrapped) batch.
func (e *taskExpr) mayFail() bool { return false }

func (e *taskExpr) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	info := taskOf(b)
	n := int(b.NumRows())
	switch e.kind {
	case taskPartition:
		vals := make([]int32, n)
		for i := range vals {
			vals[i] = info.Partition
		}
		return fixedArray(arrow.PrimitiveTypes.Int32, n, arrow.Int32Traits.CastToBytes(vals)), nil
	case taskRowID:
		vals := make([]int64, n)
		base := int64(info.Partition)<<33 + info.RowOffset
		for i := range vals {
			vals[i] = base + int64(i)
		}
		return fixedArray(arrow.PrimitiveTypes.Int64, n, arrow.Int64Traits.CastToBytes(vals)), nil
	case taskBlockStart, taskBlockLength:
		v := info.BlockStart
		if e.kind == taskBlockLength {
			v = info.BlockLength
		}
		vals := make([]int64, n)
		for i := range vals {
			vals[i] = v
		}
		return fixedArray(arrow.PrimitiveTypes.Int64, n, arrow.Int64Traits.CastToBytes(vals)), nil
	}
	// input_file_name: the name repeated n times.
	offs := make([]int32, n+1)
	data := make([]byte, 0, n*len(info.File))
	for i := 0; i < n; i++ {
		data = append(data, info.File...)
		offs[i+1] = int32(len(data))
	}
	d := array.NewData(arrow.BinaryTypes.String, n,
		[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(offs)), memory.NewBufferBytes(data)}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d), nil
}

// fixedArray is a fixed-width array without nulls over values.
func fixedArray(t arrow.DataType, n int, values []byte) arrow.Array {
	d := array.NewData(t, n, []*memory.Buffer{nil, memory.NewBufferBytes(values)}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// NeedsTask reports whether any of es calls a task-context function. (Expressions from
// outside this package, such as subquery values, never contain one.)
func NeedsTask(es ...Expr) bool {
	for _, e := range es {
		if e != nil && needsTask(e) {
			return true
		}
	}
	return false
}

func needsTask(e Expr) bool {
	switch e := e.(type) {
	case *taskExpr:
		return true
	case interface{ readsTask() bool }:
		return e.readsTask()
	case *Column, *Literal:
		return false
	case parent:
		for _, c := range e.children() {
			if c != nil && needsTask(c) {
				return true
			}
		}
		return false
	}
	return false
}

// WithoutTask returns the batch WithTask wrapped (b itself when it is not wrapped).
func WithoutTask(b arrow.RecordBatch) arrow.RecordBatch {
	if tb, ok := b.(*taskBatch); ok {
		return tb.RecordBatch
	}
	return b
}

func init() {
	// version(): the analyzer passes the version text as the argument.
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		return newFunc("version", args, result, false, func(a []arrow.Array, n int) (arrow.Array, error) {
			a[0].Retain()
			return a[0], nil
		})
	}, "version")
}

func init() {
	// current_time(now, precision): the query's instant (the analyzer passes it, as for
	// current_date) as nanoseconds of the day in the session time zone, truncated to the
	// precision.
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, o FuncOptions) (Expr, error) {
		if err := arity("current_time", args, 2, 2); err != nil {
			return nil, err
		}
		loc := sessionZone(o.TimeZone)
		return newFunc("current_time", args, result, false, fixedRowK(time64T, func(i int, a []argv) (int64, bool, error) {
			local := instantToLocal(a[0].int(i), loc)
			nanos := (local - floorDivI(local, microsPerDay)*microsPerDay) * 1000
			unit := int64(1)
			for p := a[1].int(i); p < 9; p++ {
				unit *= 10
			}
			return nanos / unit * unit, true, nil
		}))
	}, "current_time")
}

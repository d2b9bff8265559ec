package physical

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
)

// ShuffleStatsSchema is the schema of what a ShuffleWriteExec partition returns: one row
// per reduce partition with what the map task wrote to it.
var ShuffleStatsSchema = arrow.NewSchema([]arrow.Field{
	{Name: "partition", Type: arrow.PrimitiveTypes.Int32},
	{Name: "rows", Type: arrow.PrimitiveTypes.Int64},
	{Name: "bytes", Type: arrow.PrimitiveTypes.Int64},
	{Name: "batches", Type: arrow.PrimitiveTypes.Int64},
}, nil)

// ShuffleWriteExec is the top of a map stage: executing partition p runs the child's
// partition p and routes its rows to n reduce partitions of the output (job, stage, p) in
// the task's ShuffleStore, as Repartition routes them (by the same fixed-seed hash of the
// keys, round robin by batch, or all to partition 0 when there are no keys), then returns
// one batch of ShuffleStatsSchema.
type ShuffleWriteExec struct {
	OpMetrics
	child      ExecutionPlan
	stage      int32
	keys       []expr.Expr
	n          int
	roundRobin bool
}

// NewShuffleWrite writes child's partitions as the map outputs of stage, hash-partitioned
// by keys into n reduce partitions (or dealt round robin).
func NewShuffleWrite(child ExecutionPlan, stage int32, keys []expr.Expr, n int, roundRobin bool) (*ShuffleWriteExec, error) {
	if n < 1 {
		return nil, sparkerror.InternalError("shuffle write: %d partitions", n)
	}
	if roundRobin && len(keys) > 0 {
		return nil, sparkerror.InternalError("shuffle write: round robin with keys")
	}
	for _, k := range keys {
		if err := aggregate.CheckKeyType(k.DataType()); err != nil {
			return nil, err
		}
	}
	return &ShuffleWriteExec{child: child, stage: stage, keys: keys, n: n, roundRobin: roundRobin}, nil
}

// Stage is the stage whose map outputs this writes.
func (w *ShuffleWriteExec) Stage() int32 { return w.stage }

// OutputPartitions is the number of reduce partitions.
func (w *ShuffleWriteExec) OutputPartitions() int { return w.n }

// Keys are the hash keys (none for round robin or a single partition).
func (w *ShuffleWriteExec) Keys() []expr.Expr { return w.keys }

// RoundRobin reports whether batches are dealt in turn.
func (w *ShuffleWriteExec) RoundRobin() bool { return w.roundRobin }

func (w *ShuffleWriteExec) Schema() *arrow.Schema     { return ShuffleStatsSchema }
func (w *ShuffleWriteExec) Partitions() int           { return w.child.Partitions() }
func (w *ShuffleWriteExec) Children() []ExecutionPlan { return []ExecutionPlan{w.child} }
func (w *ShuffleWriteExec) Describe() string {
	switch {
	case w.roundRobin:
		return fmt.Sprintf("ShuffleWrite: stage=%d, round robin, partitions=%d", w.stage, w.n)
	case len(w.keys) == 0:
		return fmt.Sprintf("ShuffleWrite: stage=%d, partitions=%d", w.stage, w.n)
	}
	parts := make([]string, len(w.keys))
	for i, k := range w.keys {
		parts[i] = k.String()
	}
	return fmt.Sprintf("ShuffleWrite: stage=%d, keys=[%s], partitions=%d", w.stage, strings.Join(parts, ", "), w.n)
}

func (w *ShuffleWriteExec) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition < 0 || partition >= w.Partitions() {
		return nil, fmt.Errorf("shuffle write: partition %d out of range", partition)
	}
	sc := ShuffleFromContext(ctx)
	if sc == nil || sc.Store == nil {
		return nil, sparkerror.InternalError("shuffle write: the task has no shuffle store")
	}
	done := false
	return w.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		if done {
			return nil, io.EOF
		}
		done = true
		stats, err := w.write(ctx, sc, partition)
		if err != nil {
			return nil, err
		}
		return statsBatch(stats), nil
	}}), nil
}

// write runs one map task to its end and commits its output.
func (w *ShuffleWriteExec) write(ctx context.Context, sc *ShuffleContext, partition int) ([]ShufflePartitionStats, error) {
	key := ShuffleOutputKey{Job: sc.Job, Stage: w.stage, MapPartition: int32(partition)}
	out, err := sc.Store.Create(ctx, key, w.child.Schema(), w.n)
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			out.Abort()
		}
	}()
	in, err := w.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	router, err := newHashRouter(w.keys, w.n, w.roundRobin)
	if err != nil {
		return nil, err
	}
	next := partition % w.n
	for {
		b, err := in.Next()
		if IsEOF(err) {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			b.Release()
			return nil, err
		}
		if b.NumRows() == 0 {
			b.Release()
			continue
		}
		start := time.Now()
		if router == nil {
			target := 0
			if w.roundRobin {
				target, next = next, (next+1)%w.n
			}
			if err := out.Write(target, b); err != nil {
				return nil, err
			}
			w.since(start)
			continue
		}
		err = router.route(b, out.Write)
		b.Release()
		if err != nil {
			return nil, err
		}
		w.since(start)
	}
	stats, err := out.Commit()
	if err != nil {
		return nil, err
	}
	committed = true
	return stats, nil
}

func statsBatch(stats []ShufflePartitionStats) arrow.RecordBatch {
	mem := arrowmem.DefaultAllocator
	pb := array.NewInt32Builder(mem)
	rb := array.NewInt64Builder(mem)
	bb := array.NewInt64Builder(mem)
	nb := array.NewInt64Builder(mem)
	for i, s := range stats {
		pb.Append(int32(i))
		rb.Append(s.Rows)
		bb.Append(s.Bytes)
		nb.Append(s.Batches)
	}
	cols := []arrow.Array{pb.NewArray(), rb.NewArray(), bb.NewArray(), nb.NewArray()}
	for _, b := range []interface{ Release() }{pb, rb, bb, nb} {
		b.Release()
	}
	defer releaseArrays(cols)
	return array.NewRecordBatch(ShuffleStatsSchema, cols, int64(len(stats)))
}

// ShuffleStatsFromBatch reads the statistics a ShuffleWriteExec partition returned.
func ShuffleStatsFromBatch(b arrow.RecordBatch) ([]ShufflePartitionStats, error) {
	if !b.Schema().Equal(ShuffleStatsSchema) {
		return nil, sparkerror.InternalError("shuffle statistics of schema %s", b.Schema())
	}
	rows := b.Column(1).(*array.Int64)
	bytes := b.Column(2).(*array.Int64)
	batches := b.Column(3).(*array.Int64)
	out := make([]ShufflePartitionStats, b.NumRows())
	for i := range out {
		out[i] = ShufflePartitionStats{Rows: rows.Value(i), Bytes: bytes.Value(i), Batches: batches.Value(i)}
	}
	return out, nil
}

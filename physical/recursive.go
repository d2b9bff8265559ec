package physical

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
)

// LoopFeed holds the rows of the previous step of a recursive union, which the recursive
// term reads through a LoopScan.
type LoopFeed struct {
	batches []arrow.RecordBatch
}

// NewLoopFeed makes an empty feed.
func NewLoopFeed() *LoopFeed { return &LoopFeed{} }

// LoopScan is the recursive term's leaf: the rows of the previous step, one partition.
type LoopScan struct {
	OpMetrics
	feed   *LoopFeed
	schema *arrow.Schema
}

// NewLoopScan reads feed with the given schema (the feed's column types).
func NewLoopScan(feed *LoopFeed, schema *arrow.Schema) *LoopScan {
	return &LoopScan{feed: feed, schema: schema}
}

func (s *LoopScan) Schema() *arrow.Schema     { return s.schema }
func (s *LoopScan) Partitions() int           { return 1 }
func (s *LoopScan) Children() []ExecutionPlan { return nil }
func (s *LoopScan) Describe() string          { return "LoopScan" }

func (s *LoopScan) Execute(_ context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("loop scan: partition %d out of range", partition)
	}
	out := make([]arrow.RecordBatch, len(s.feed.batches))
	for i, b := range s.feed.batches {
		out[i] = array.NewRecordBatch(s.schema, b.Columns(), b.NumRows())
	}
	return s.meter(&sliceStream{batches: out}), nil
}

// RecursiveLimits are the bounds of a recursive union, as Spark's UnionLoopExec applies
// them: LevelLimit steps at most (spark.sql.cteRecursionLevelLimit or MAX RECURSION
// LEVEL; -1 unlimited) and RowLimit rows at most (spark.sql.cteRecursionRowLimit; -1
// unlimited), both failing the query when exceeded; Limit, when HasLimit, is a LIMIT
// pushed onto the loop, which stops it quietly after that many rows (-1: LIMIT ALL).
type RecursiveLimits struct {
	LevelLimit int64
	RowLimit   int64
	Limit      int64
	HasLimit   bool
}

// RecursiveUnion runs a recursive CTE: the anchor, then the recursive term over the rows
// of the previous step (fed through feed to the term's LoopScan) until a step yields no
// rows. The output is every step's rows, in one partition.
type RecursiveUnion struct {
	OpMetrics
	anchor, recursion ExecutionPlan
	feed              *LoopFeed
	schema            *arrow.Schema
	limits            RecursiveLimits
	// replan, when set, builds the recursive term for a later step, its seeds shifted by
	// shift (Spark reseeds rand and the like at every step).
	replan func(shift int64) (ExecutionPlan, error)
	// mu serializes executions, which share the feed.
	mu sync.Mutex
}

// SetReplan makes later steps run the term replan builds for them.
func (u *RecursiveUnion) SetReplan(replan func(shift int64) (ExecutionPlan, error)) {
	u.replan = replan
}

// NewRecursiveUnion builds the operator; the anchor and the recursive term must have the
// column types of schema.
func NewRecursiveUnion(anchor, recursion ExecutionPlan, feed *LoopFeed, schema *arrow.Schema, limits RecursiveLimits) (*RecursiveUnion, error) {
	for _, c := range []ExecutionPlan{anchor, recursion} {
		s := c.Schema()
		if s.NumFields() != schema.NumFields() {
			return nil, fmt.Errorf("recursive union: a term has %d columns, want %d", s.NumFields(), schema.NumFields())
		}
		for i, f := range s.Fields() {
			if !arrow.TypeEqual(f.Type, schema.Field(i).Type) {
				return nil, fmt.Errorf("recursive union: column %d is %s in a term, want %s", i, f.Type, schema.Field(i).Type)
			}
		}
	}
	return &RecursiveUnion{anchor: anchor, recursion: recursion, feed: feed, schema: schema, limits: limits}, nil
}

func (u *RecursiveUnion) Schema() *arrow.Schema     { return u.schema }
func (u *RecursiveUnion) Partitions() int           { return 1 }
func (u *RecursiveUnion) Children() []ExecutionPlan { return []ExecutionPlan{u.anchor, u.recursion} }
func (u *RecursiveUnion) Describe() string {
	s := "RecursiveUnion"
	if u.limits.HasLimit {
		s += fmt.Sprintf(": limit=%d", u.limits.Limit)
	}
	return s
}

func (u *RecursiveUnion) Execute(ctx context.Context, partition int) (Stream, error) {
	if partition != 0 {
		return nil, fmt.Errorf("recursive union: partition %d out of range", partition)
	}
	out, err := u.run(ctx)
	if err != nil {
		return nil, err
	}
	return u.meter(&sliceStream{batches: out}), nil
}

// step runs one term, keeping at most limit rows (limit < 0: all).
func (u *RecursiveUnion) step(ctx context.Context, p ExecutionPlan, limit int64) ([]arrow.RecordBatch, int64, error) {
	var out []arrow.RecordBatch
	var rows int64
	err := Collect(ctx, p, func(b arrow.RecordBatch) error {
		n := b.NumRows()
		if limit >= 0 && rows+n > limit {
			n = limit - rows
		}
		if n <= 0 {
			b.Release()
			return nil
		}
		var r arrow.RecordBatch
		if n < b.NumRows() {
			s := b.NewSlice(0, n)
			r = array.NewRecordBatch(u.schema, s.Columns(), n)
			s.Release()
		} else {
			r = array.NewRecordBatch(u.schema, b.Columns(), n)
		}
		b.Release()
		out = append(out, r)
		rows += n
		return nil
	})
	if err != nil {
		releaseAll(out)
		return nil, 0, err
	}
	return out, rows, nil
}

func releaseAll(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}

// run computes every step's rows.
func (u *RecursiveUnion) run(ctx context.Context) (result []arrow.RecordBatch, err error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	defer func() {
		releaseAll(u.feed.batches)
		u.feed.batches = nil
		if err != nil {
			releaseAll(result)
			result = nil
		}
	}()
	lim := u.limits
	remaining := lim.RowLimit
	if lim.HasLimit {
		remaining = lim.Limit
	}
	unlimited := remaining < 0
	stepLimit := func() int64 {
		if lim.HasLimit && remaining >= 0 {
			return remaining
		}
		return -1
	}
	prev, count, err := u.step(ctx, u.anchor, stepLimit())
	if err != nil {
		return nil, err
	}
	for level := int64(1); count > 0; level++ {
		if lim.LevelLimit >= 0 && level > lim.LevelLimit {
			releaseAll(prev)
			return result, sparkerror.New(sparkerror.Internal, "RECURSION_LEVEL_LIMIT_EXCEEDED", "42836",
				"Recursion level limit <levelLimit> reached but query has not exhausted, try increasing it like 'WITH RECURSIVE t(col) MAX RECURSION LEVEL 200'.",
				map[string]string{"levelLimit": strconv.FormatInt(lim.LevelLimit, 10)})
		}
		for _, b := range prev {
			b.Retain()
		}
		result = append(result, prev...)
		if !unlimited {
			remaining -= count
			if remaining <= 0 {
				releaseAll(prev)
				if lim.HasLimit {
					return result, nil
				}
				return result, sparkerror.New(sparkerror.Internal, "RECURSION_ROW_LIMIT_EXCEEDED", "42836",
					"Recursion row limit <rowLimit> reached but query has not exhausted, try setting a larger LIMIT value when querying the CTE relation.",
					map[string]string{"rowLimit": strconv.FormatInt(lim.RowLimit, 10)})
			}
		}
		releaseAll(u.feed.batches)
		u.feed.batches = prev
		rec := u.recursion
		if u.replan != nil && level > 1 {
			if rec, err = u.replan(level - 1); err != nil {
				return result, err
			}
		}
		if prev, count, err = u.step(ctx, rec, stepLimit()); err != nil {
			return result, err
		}
	}
	releaseAll(prev)
	return result, nil
}

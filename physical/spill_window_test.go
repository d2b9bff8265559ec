package physical

import (
	"context"
	"fmt"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/types"
)

// Window partitions larger than the pool: their rows go to a spill file and only the
// columns the functions read stay in memory. Every function kind gives the unlimited
// run's results, nothing fails with UNABLE_TO_ACQUIRE_MEMORY, and every reserved byte,
// spill file and buffer is given back.
func TestWindowPartitionsSpillUnderSmallPool(t *testing.T) {
	for _, c := range []struct{ rows, parts, batch int }{
		{7000, 3, 500},     // partitions spanning many batches
		{20000, 150, 1237}, // partitions of ~130 rows, many per batch
	} {
		t.Run(fmt.Sprintf("%d_rows_%d_partitions", c.rows, c.parts), func(t *testing.T) {
			mem := checkedMem(t)
			data := genData(c.rows, c.parts)
			src := genSource(t, mem, data, c.batch)
			p, o, o2 := col(1, arrow.PrimitiveTypes.Int64), col(2, arrow.PrimitiveTypes.Int64), col(3, arrow.PrimitiveTypes.Int64)
			x, y, s := col(4, arrow.PrimitiveTypes.Float64), col(5, arrow.PrimitiveTypes.Int32), col(6, arrow.BinaryTypes.String)
			n := func(k int64) FrameBound { return OffsetBound(Following, k) }
			b := func(k int64) FrameBound { return OffsetBound(Preceding, k) }
			windows := map[string]func() *Window{
				"ordered": func() *Window {
					return mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o}},
						WindowFunc{Fn: "row_number"},
						WindowFunc{Fn: "sum", Args: []expr.Expr{y}, Frame: rowsBetween(b(3), n(2))},
						WindowFunc{Fn: "avg", Args: []expr.Expr{x}, Frame: rowsBetween(unbPre, curRow)},
						WindowFunc{Fn: "min", Args: []expr.Expr{s}, Frame: rowsBetween(b(10), n(10))},
						WindowFunc{Fn: "count", Args: []expr.Expr{x}, Frame: rangeBetween(pre(lit(types.Long, int64(3000))), fol(lit(types.Long, int64(1500))))},
						WindowFunc{Fn: "lag", Args: []expr.Expr{y, lit(types.Integer, int32(2)), lit(types.Integer, int32(-1))}},
						WindowFunc{Fn: "lead", Args: []expr.Expr{x, lit(types.Integer, int32(3))}},
						WindowFunc{Fn: "first_value", Args: []expr.Expr{x}, IgnoreNulls: true, Frame: rowsBetween(b(3), n(3))},
						WindowFunc{Fn: "collect_list", Args: []expr.Expr{y}, Frame: rowsBetween(b(2), curRow)},
						WindowFunc{Fn: "sum", Args: []expr.Expr{x}, Frame: rowsBetween(curRow, unbFol)},
					)
				},
				"peers": func() *Window {
					return mustWindow(t, src, []expr.Expr{p}, []SortKey{{Expr: o2, Descending: true}},
						WindowFunc{Fn: "rank"}, WindowFunc{Fn: "dense_rank"}, WindowFunc{Fn: "percent_rank"},
						WindowFunc{Fn: "cume_dist"}, WindowFunc{Fn: "ntile", Args: []expr.Expr{lit(types.Integer, int32(4))}},
						WindowFunc{Fn: "count", Args: []expr.Expr{y}},
					)
				},
				"whole partition": func() *Window {
					return mustWindow(t, src, []expr.Expr{p}, nil,
						WindowFunc{Fn: "count", Args: []expr.Expr{x}}, WindowFunc{Fn: "max", Args: []expr.Expr{s}},
						WindowFunc{Fn: "sum", Args: []expr.Expr{y}})
				},
				"no keys": func() *Window {
					return mustWindow(t, src, nil, nil, WindowFunc{Fn: "count", Args: []expr.Expr{x}},
						WindowFunc{Fn: "min", Args: []expr.Expr{y}})
				},
			}
			for name, mk := range windows {
				ncols := len(mk().Schema().Fields()) - len(genSchema.Fields())
				cols := make([]int, ncols)
				for i := range cols {
					cols[i] = len(genSchema.Fields()) + i
				}
				want := collectByID(t, context.Background(), mk(), cols...)
				if len(want) != len(data) {
					t.Fatalf("%s: %d rows, want %d", name, len(want), len(data))
				}
				for _, limit := range []int64{8 << 10, 64 << 10} {
					what := fmt.Sprintf("%s, limit %d", name, limit)
					env := newSpillEnv(t, limit)
					w := mk()
					got := collectByID(t, env.ctx, w, cols...)
					if len(got) != len(want) {
						t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
					}
					for id, wr := range want {
						eqStrings(t, fmt.Sprintf("%s: row %d", what, id), got[id], wr)
					}
					env.check(t, what)
					if w.reads == nil || w.reads[0] {
						t.Errorf("%s: the held rows should keep only the columns the functions read, got %v", what, w.reads)
					}
					if w.OpMetrics.Metrics()["spilled_rows"] == 0 { // the window's own spills, not its sort's
						t.Errorf("%s: expected the window to spill", what)
					}
				}
			}
		})
	}
}

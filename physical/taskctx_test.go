package physical

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/types"
)

// Project and Filter hand the partition index and the rows seen so far in the partition to
// the task-context functions: monotonically_increasing_id is partition << 33 plus the row
// position, across batches.
func TestTaskContextInProjectAndFilter(t *testing.T) {
	i64 := arrow.PrimitiveTypes.Int64
	schema := schemaOf("v", i64)
	src := source(t, schema, []string{`[{"v": 1}, {"v": 2}]`, `[{"v": 3}]`}, []string{`[{"v": 4}]`})
	call := func(fn string, rt types.DataType) expr.Expr {
		f, _ := expr.Lookup(fn)
		e, err := f(nil, nil, rt, expr.FuncOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	mid, pid := call("monotonically_increasing_id", types.Long), call("spark_partition_id", types.Integer)
	out := schemaOf("v", i64, "id", i64, "p", arrow.PrimitiveTypes.Int32)
	p := NewProject(src, []expr.Expr{col(0, i64), mid, pid}, out)
	eqStrings(t, "project", rows(t, p), []string{"1|0|0", "2|1|0", "3|2|0", "4|8589934592|1"})
	// A filter on the id keeps the rows whose position in their partition is 1 or more.
	one, err := expr.NewLiteral(types.Long, int64(1))
	if err != nil {
		t.Fatal(err)
	}
	ge, err := expr.NewCompare(expr.GE, &expr.Arith{Op: "%", Left: mid, Right: mustLit(t, 1<<33), Type: i64}, one)
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "filter", rows(t, NewFilter(src, ge)), []string{"2", "3"})
}

func mustLit(t *testing.T, v int64) expr.Expr {
	t.Helper()
	l, err := expr.NewLiteral(types.Long, v)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

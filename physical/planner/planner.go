// Package planner turns a resolved logical plan (sql/plan, after sql/analyzer) into a tree
// of physical operators: attributes become column positions, resolved calls become
// vectorized kernels (physical/expr), and relational nodes become operators (physical).
// It imports sql/plan, sql/catalog, sql/types, sql/sparkerror, physical and its
// subpackages.
package planner

import (
	"context"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/physical/source"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Options are the session settings physical planning reads.
type Options struct {
	ANSI          bool
	TimeZone      *time.Location
	DefaultSplits int // partitions of spark.range when none is given
	// ShufflePartitions is spark.sql.shuffle.partitions.
	ShufflePartitions int
	// Context is the query's: uncorrelated subqueries run with it when first needed.
	Context context.Context
	// CTERecursionLevelLimit and CTERecursionRowLimit are spark.sql.cteRecursionLevelLimit
	// and spark.sql.cteRecursionRowLimit (0: Spark's defaults; -1: unlimited).
	CTERecursionLevelLimit, CTERecursionRowLimit int64
}

// Plan builds the physical plan of a resolved logical plan. The physical plan's columns
// are the node's Output, in order.
func Plan(n plan.Node, opts Options) (physical.ExecutionPlan, error) {
	p := &planner{opts: opts}
	p.findShared(n)
	return p.node(n)
}

type planner struct {
	opts Options
	// loops are the feeds of the recursive CTEs whose recursive terms are being planned.
	loops map[int64]*physical.LoopFeed
	// seedShift is added to the seeds of seeded functions (later steps of a recursive CTE).
	seedShift int64
	// shareGroup numbers the subplans that equal others (share.go); shared holds each
	// group's plan once planned.
	shareGroup map[plan.Node]int
	shared     map[int]*physical.Shared
}

// aggregatePartitions is the number of partitions the exchange between a partial and a
// final aggregate routes rows to. Spark plans spark.sql.shuffle.partitions of them and then,
// with adaptive execution (on by default), coalesces them to a few partitions of the
// advisory size; here every partition is a goroutine over one process's cores, so the
// count is capped at a small multiple of the cores: 200 partitions cut each batch into
// 200 slivers that cost more to route, allocate and aggregate than the rows they hold.
// A smaller spark.sql.shuffle.partitions is kept.
func (p *planner) aggregatePartitions() int {
	n := max(1, p.opts.ShufflePartitions)
	if c := p.opts.DefaultSplits; c > 0 {
		n = min(n, aggregatePartitionsPerCore*c)
	}
	return n
}

// aggregatePartitionsPerCore is how many exchange partitions an aggregate gets per core:
// enough to even out skewed keys among the cores.
const aggregatePartitionsPerCore = 4

// arrowSchema is the Arrow schema of a node's output.
func arrowSchema(attrs []*plan.AttributeRef) (*arrow.Schema, error) {
	st := types.NewStruct()
	for _, a := range attrs {
		st = st.Add(types.NewField(a.Name, a.Type, a.Null))
	}
	return types.ToArrowSchema(st)
}

func (p *planner) node(n plan.Node) (physical.ExecutionPlan, error) {
	if p.shareGroup != nil {
		if s, ok, err := p.sharedNode(n); ok {
			return s, err
		}
	}
	switch n := n.(type) {
	case plan.OneRow:
		return physical.NewOneRow(), nil
	case *plan.Range:
		splits := n.NumPartitions
		if splits <= 0 {
			splits = max(1, p.opts.DefaultSplits)
		}
		return physical.NewRange(n.Start, n.End, n.Step, splits), nil
	case *plan.LocalData:
		for _, b := range n.Batches {
			b.Retain()
		}
		src := physical.NewValues(n.ArrowSchema, append([]arrow.RecordBatch(nil), n.Batches...))
		return p.conform(src, n.Out)
	case *plan.TableScan:
		t, ok := n.Table.(*catalog.Table)
		if !ok {
			return nil, sparkerror.InternalError("physical planner: table %v has no data handle", n.Name)
		}
		schema, err := arrowSchema(n.Out)
		if err != nil {
			return nil, err
		}
		return physical.NewValues(schema, tableBatches(t.Batches(), n.Columns, schema)), nil
	case *plan.Values:
		return p.values(n)
	case *plan.DataSourceRead:
		t, ok := n.Handle.(*source.Table)
		if !ok {
			return nil, sparkerror.InternalError("physical planner: file read of %v was not opened", n.Paths)
		}
		return p.scan(t, n, nil)
	case *plan.SubqueryAlias:
		return p.node(n.Child)
	case *plan.Project:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		return p.project(child, n.Child.Output(), n.Exprs, n.Output())
	case *plan.Filter:
		if read := readUnder(n.Child); read != nil {
			return p.filteredScan(n, read)
		}
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		cond, err := p.expr(n.Cond, layoutOf(n.Child.Output()))
		if err != nil {
			return nil, err
		}
		return physical.NewFilter(child, cond), nil
	case *plan.Limit:
		return p.limit(pushLoopLimit(n))
	case *plan.UnionLoop:
		return p.unionLoop(n)
	case *plan.UnionLoopRef:
		return p.unionLoopRef(n)
	case *plan.Generate:
		return p.generate(n)
	case *plan.ScriptTransform:
		return p.scriptTransform(n)
	case *plan.ShowString:
		child, err := p.node(n.Child)
		if err != nil {
			return nil, err
		}
		return physical.NewShowString(child, n.NumRows, n.Truncate, n.Vertical, format.Options{TimeZone: p.opts.TimeZone}), nil
	}
	switch x := n.(type) {
	case *plan.Aggregate:
		n = pullTaskCalls(x)
	case *plan.Sort:
		if m := pullTaskCallsSort(x); m != n {
			return p.node(m)
		}
	}
	return p.relational(n)
}

// project computes exprs over child (whose columns are in) as columns out.
func (p *planner) project(child physical.ExecutionPlan, in []*plan.AttributeRef, exprs []plan.Expr, out []*plan.AttributeRef) (physical.ExecutionPlan, error) {
	l := layoutOf(in)
	xs, err := p.exprs(exprs, l)
	if err != nil {
		return nil, err
	}
	schema, err := arrowSchema(out)
	if err != nil {
		return nil, err
	}
	return physical.NewProject(child, xs, schema), nil
}

// values evaluates an inline table's constant rows.
func (p *planner) values(n *plan.Values) (physical.ExecutionPlan, error) {
	var rows []physical.ExecutionPlan
	for _, row := range n.Rows {
		proj, err := p.project(physical.NewOneRow(), nil, row, n.Out)
		if err != nil {
			return nil, err
		}
		rows = append(rows, proj)
	}
	return localPartitions(rows)
}

// conform makes child's batches carry the Arrow schema of the attributes: the same data
// renamed, or, where the column types differ (a client that sent int64 for an int
// column), cast.
func (p *planner) conform(child physical.ExecutionPlan, out []*plan.AttributeRef) (physical.ExecutionPlan, error) {
	want, err := arrowSchema(out)
	if err != nil {
		return nil, err
	}
	have := child.Schema()
	if have.NumFields() != want.NumFields() {
		return nil, sparkerror.InvalidPlanInput("data has %d columns, schema has %d", have.NumFields(), want.NumFields())
	}
	same := true
	for i := 0; same && i < have.NumFields(); i++ {
		same = arrow.TypeEqual(have.Field(i).Type, want.Field(i).Type)
	}
	if same {
		return physical.NewRename(child, want), nil
	}
	exprs := make([]expr.Expr, want.NumFields())
	for i := range exprs {
		from, err := types.FromArrow(have.Field(i).Type)
		if err != nil {
			return nil, err
		}
		col, err := expr.NewColumn(i, from)
		if err != nil {
			return nil, err
		}
		if arrow.TypeEqual(have.Field(i).Type, want.Field(i).Type) {
			exprs[i] = col
			continue
		}
		if exprs[i], err = expr.NewCast(col, from, out[i].Type, expr.CastOptions{ANSI: true, TimeZone: p.opts.TimeZone}); err != nil {
			return nil, err
		}
	}
	return physical.NewProject(child, exprs, want), nil
}

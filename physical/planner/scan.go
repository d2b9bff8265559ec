package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/source"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// tableBatches returns a catalog table's batches for a scan of the given columns (nil:
// all), each retained for the scan that will release it.
func tableBatches(bs []arrow.RecordBatch, columns []int, schema *arrow.Schema) []arrow.RecordBatch {
	out := make([]arrow.RecordBatch, len(bs))
	for i, b := range bs {
		if columns == nil {
			b.Retain()
			out[i] = b
			continue
		}
		cols := make([]arrow.Array, len(columns))
		for k, c := range columns {
			cols[k] = b.Column(c)
		}
		out[i] = array.NewRecordBatch(schema, cols, b.NumRows())
	}
	return out
}

// scan plans a file read of the read's columns, skipping files and row groups by preds.
func (p *planner) scan(t *source.Table, n *plan.DataSourceRead, preds []source.Predicate) (physical.ExecutionPlan, error) {
	scan, err := t.Scan(n.Columns, max(1, p.opts.DefaultSplits), preds...)
	if err != nil {
		return nil, err
	}
	return p.conform(scan, n.Out)
}

// readUnder returns the file read n is (under subquery aliases), or nil.
func readUnder(n plan.Node) *plan.DataSourceRead {
	for {
		switch x := n.(type) {
		case *plan.SubqueryAlias:
			n = x.Child
		case *plan.DataSourceRead:
			if _, ok := x.Handle.(*source.Table); ok {
				return x
			}
			return nil
		default:
			return nil
		}
	}
}

// filteredScan plans a filter over a file read: the conditions that compare a column with
// a literal of the column's own type also go to the scan, which skips the files (by
// partition values) and Parquet row groups (by statistics) that cannot match. The filter
// itself still runs over the rows read.
func (p *planner) filteredScan(f *plan.Filter, read *plan.DataSourceRead) (physical.ExecutionPlan, error) {
	var preds []source.Predicate
	for _, c := range plan.Conjuncts(f.Cond) {
		if pred, ok := scanPredicate(c, read); ok {
			preds = append(preds, pred)
		}
	}
	child, err := p.scan(read.Handle.(*source.Table), read, preds)
	if err != nil {
		return nil, err
	}
	cond, err := p.expr(f.Cond, layoutOf(f.Child.Output()))
	if err != nil {
		return nil, err
	}
	return physical.NewFilter(child, cond), nil
}

var scanOps = map[string]source.Op{
	"=": source.OpEq, "==": source.OpEq, "!=": source.OpNotEq, "<>": source.OpNotEq,
	"<": source.OpLt, "<=": source.OpLtEq, ">": source.OpGt, ">=": source.OpGtEq,
}

// flipped is the operator with its operands swapped: 1 < x is x > 1.
var flipped = map[source.Op]source.Op{
	source.OpEq: source.OpEq, source.OpNotEq: source.OpNotEq,
	source.OpLt: source.OpGt, source.OpLtEq: source.OpGtEq, source.OpGt: source.OpLt, source.OpGtEq: source.OpLtEq,
}

// scanPredicate turns "column op literal", "literal op column", "column IS [NOT] NULL" into
// a scan predicate over the read's table columns.
func scanPredicate(e plan.Expr, read *plan.DataSourceRead) (source.Predicate, bool) {
	call, ok := e.(*plan.Call)
	if !ok {
		return source.Predicate{}, false
	}
	switch call.Fn {
	case "isnull", "isnotnull":
		if len(call.Args) != 1 {
			return source.Predicate{}, false
		}
		col, ok := readColumn(call.Args[0], read)
		if !ok {
			return source.Predicate{}, false
		}
		op := source.OpIsNull
		if call.Fn == "isnotnull" {
			op = source.OpIsNotNull
		}
		return source.Predicate{Column: col, Op: op}, true
	}
	op, ok := scanOps[call.Fn]
	if !ok || len(call.Args) != 2 {
		return source.Predicate{}, false
	}
	attr, lit := call.Args[0], call.Args[1]
	if _, isLit := attr.(*plan.Literal); isLit {
		attr, lit, op = lit, attr, flipped[op]
	}
	l, ok := lit.(*plan.Literal)
	a, isAttr := attr.(*plan.AttributeRef)
	if !ok || !isAttr || l.Value == nil || !types.Equal(a.Type, l.Type) || !prunableType(l.Type) {
		return source.Predicate{}, false
	}
	col, ok := readColumn(a, read)
	if !ok {
		return source.Predicate{}, false
	}
	v, err := literalValue(l)
	if err != nil {
		return source.Predicate{}, false
	}
	return source.Predicate{Column: col, Op: op, Value: v}, true
}

// prunableType reports whether literals of t compare with file statistics the way Spark
// compares values of t (binary-collated strings, numbers, decimals of the same scale).
func prunableType(t types.DataType) bool {
	switch t := t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType,
		types.FloatType, types.DoubleType, types.DecimalType:
		return true
	case types.StringType:
		return t.Collation == "" || t.Collation == "UTF8_BINARY"
	}
	return false
}

// readColumn is the table column e reads, when e is one of the read's attributes.
func readColumn(e plan.Expr, read *plan.DataSourceRead) (int, bool) {
	a, ok := e.(*plan.AttributeRef)
	if !ok {
		return 0, false
	}
	for i, o := range read.Out {
		if o.ID == a.ID {
			if read.Columns != nil {
				return read.Columns[i], true
			}
			return i, true
		}
	}
	return 0, false
}

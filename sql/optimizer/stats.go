package optimizer

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/plan"
)

// Row estimates for join ordering and for choosing a hash join's build side. Without
// column statistics they follow the usual heuristics: a filter keeps a fixed fraction of
// its input per kind of condition, and an equi-join's output is the product of its
// inputs over the number of distinct key values, bounded by the rows of the smaller
// relation the keys were read from (a foreign key takes at most as many values as the
// key it refers to).

// rowCounter is what a relation's data handle may report about its rows (Parquet
// footers record them).
type rowCounter interface {
	NumRows() (int64, bool)
}

// batchHolder is an in-memory table's data.
type batchHolder interface {
	Batches() []arrow.RecordBatch
}

// unknownRows is the estimate for a relation whose size is unknown: large, so that it is
// probed rather than built.
const unknownRows = float64(1 << 34)

// bytesPerRow turns a size in bytes into rows when only the size is known.
const bytesPerRow = 32

// EstimateRows guesses how many rows a plan produces.
func EstimateRows(n plan.Node) float64 {
	return math.Max(estimateRows(n), 1)
}

func estimateRows(n plan.Node) float64 {
	switch x := n.(type) {
	case *plan.TableScan:
		return relationRows(x.Table)
	case *plan.DataSourceRead:
		return relationRows(x.Handle)
	case *plan.LocalData:
		rows := 0.0
		for _, b := range x.Batches {
			rows += float64(b.NumRows())
		}
		return rows
	case *plan.Values:
		return float64(len(x.Rows))
	case plan.OneRow:
		return 1
	case *plan.Filter:
		return math.Max(estimateRows(x.Child)*selectivity(x.Cond), 1)
	case *plan.Aggregate:
		if len(x.Groups) == 0 && len(x.GroupingSets) == 0 {
			return 1
		}
		return math.Max(estimateRows(x.Child)/10, 1)
	case *plan.Distinct:
		return math.Max(estimateRows(x.Child)/2, 1)
	case *plan.Join:
		return estimateJoinRows(x)
	case *plan.Limit:
		rows := estimateRows(x.Child)
		if lit, ok := x.N.(*plan.Literal); ok {
			if v, ok := lit.Value.(int64); ok && float64(v) < rows {
				return float64(v)
			}
		}
		return rows
	case *plan.SetOp:
		l := estimateRows(x.Left)
		if x.Kind == plan.UnionOp {
			return l + estimateRows(x.Right)
		}
		return l
	}
	children := n.Children()
	if len(children) == 0 {
		return unknownRows
	}
	rows := 0.0
	for _, c := range children {
		rows += estimateRows(c)
	}
	return rows
}

// relationRows is the number of rows of a table or file read's data handle.
func relationRows(h any) float64 {
	if c, ok := h.(rowCounter); ok {
		if rows, ok := c.NumRows(); ok {
			return float64(rows)
		}
	}
	if b, ok := h.(batchHolder); ok {
		rows := 0.0
		for _, x := range b.Batches() {
			rows += float64(x.NumRows())
		}
		return rows
	}
	if s, ok := h.(Sized); ok {
		return math.Max(float64(s.SizeInBytes())/bytesPerRow, 1)
	}
	return unknownRows
}

// estimateJoinRows estimates a join from its inputs and its equality keys.
func estimateJoinRows(j *plan.Join) float64 {
	l, r := estimateRows(j.Left), estimateRows(j.Right)
	origins := map[plan.ExprID]float64{}
	collectOrigins(j.Left, origins)
	collectOrigins(j.Right, origins)
	lt := &joinTree{node: j.Left, rows: l, attrs: attrSet(j.Left.Output())}
	rt := &joinTree{node: j.Right, rows: r, attrs: attrSet(j.Right.Output())}
	conds := plan.Conjuncts(j.Cond)
	inner := l * r
	if d, ok := joinDenominator(conds, nil, lt, rt, origins); ok {
		inner /= d
	}
	inner = math.Max(inner, 1)
	switch j.Type {
	case plan.LeftOuterJoin:
		return math.Max(l, inner)
	case plan.RightOuterJoin:
		return math.Max(r, inner)
	case plan.FullOuterJoin:
		return math.Max(math.Max(l, r), inner)
	case plan.LeftSemiJoin:
		return math.Min(l, inner)
	case plan.LeftAntiJoin, plan.NullAwareLeftAntiJoin:
		return math.Max(l-math.Min(l, inner), l/10)
	}
	return inner
}

// collectOrigins records, for the columns read from tables and files in n (and the
// aliases that rename them), the rows of the relation read: a bound on their distinct
// values.
func collectOrigins(n plan.Node, m map[plan.ExprID]float64) {
	switch x := n.(type) {
	case *plan.TableScan, *plan.DataSourceRead:
		rows := estimateRows(x)
		for _, a := range n.Output() {
			m[a.ID] = rows
		}
		return
	case *plan.Project:
		collectOrigins(x.Child, m)
		for _, e := range x.Exprs {
			if al, ok := e.(*plan.Alias); ok {
				if a, ok := al.Child.(*plan.AttributeRef); ok {
					if rows, ok := m[a.ID]; ok {
						m[al.ID] = rows
					}
				}
			}
		}
		return
	}
	for _, c := range n.Children() {
		collectOrigins(c, m)
	}
}

// joinTree is a relation being joined: a leaf of a tree of inner joins or the join of
// some of them.
type joinTree struct {
	node  plan.Node
	rows  float64
	attrs map[plan.ExprID]bool
}

// joinDenominator is what the product of a's and b's rows is divided by to estimate their
// equi-join over the unused equalities of conds between them: the largest over the keys
// of the distinct values the key takes on either side, each bounded by the rows of the
// smaller relation the two key columns come from. ok is false when no equality connects
// a and b.
func joinDenominator(conds []plan.Expr, used []bool, a, b *joinTree, origins map[plan.ExprID]float64) (float64, bool) {
	return joinDenominatorWith(conds, used, a, b, origins, nil)
}

// compositeKeys is what estimates of joins on several keys read: the relation each column
// was read from, and the classes of columns the query's equalities make equal.
type compositeKeys struct {
	rels  map[plan.ExprID]plan.Node
	class func(plan.ExprID) plan.ExprID
}

// joinDenominatorWith is joinDenominator; with comp, a join on several keys is bounded
// also by the relations that hold all of its keys on one side: line items join their
// (part, supplier) pairs of partsupp, at most as many pairs as partsupp has rows, however
// many parts and suppliers there are.
func joinDenominatorWith(conds []plan.Expr, used []bool, a, b *joinTree, origins map[plan.ExprID]float64, comp *compositeKeys) (float64, bool) {
	best, found := 1.0, false
	type keyPair struct{ l, r *plan.AttributeRef }
	var pairs []keyPair
	for k, c := range conds {
		if used != nil && used[k] {
			continue
		}
		call, ok := c.(*plan.Call)
		if !ok || (call.Fn != "=" && call.Fn != "<=>") || len(call.Args) != 2 {
			continue
		}
		l, r := call.Args[0], call.Args[1]
		if refersOnlyTo(l, b.attrs) && refersOnlyTo(r, a.attrs) {
			l, r = r, l
		}
		if !refersOnlyTo(l, a.attrs) || !refersOnlyTo(r, b.attrs) {
			continue
		}
		found = true
		bound := math.Min(originRows(l, a.rows, origins), originRows(r, b.rows, origins))
		d := math.Max(math.Min(bound, a.rows), math.Min(bound, b.rows))
		best = math.Max(best, d)
		la, lok := l.(*plan.AttributeRef)
		ra, rok := r.(*plan.AttributeRef)
		if lok && rok {
			pairs = append(pairs, keyPair{la, ra})
		}
	}
	if comp == nil || len(pairs) < 2 {
		return best, found
	}
	// The keys' classes, each with its bound on distinct values.
	bounds := map[plan.ExprID]float64{}
	for _, p := range pairs {
		c := comp.class(p.l.ID)
		bound := math.Min(originRows(p.l, a.rows, origins), originRows(p.r, b.rows, origins))
		if cur, ok := bounds[c]; !ok || bound < cur {
			bounds[c] = bound
		}
	}
	if len(bounds) < 2 {
		return best, found
	}
	cb := 1.0
	for _, v := range bounds {
		cb *= v
	}
	// A relation that holds a column of every class on one side bounds the key pairs.
	for _, side := range [2]bool{true, false} {
		covers := map[plan.Node]map[plan.ExprID]bool{}
		for _, p := range pairs {
			x := p.l
			if !side {
				x = p.r
			}
			rel, ok := comp.rels[x.ID]
			if !ok {
				continue
			}
			if covers[rel] == nil {
				covers[rel] = map[plan.ExprID]bool{}
			}
			covers[rel][comp.class(p.l.ID)] = true
		}
		for rel, cs := range covers {
			if len(cs) == len(bounds) {
				cb = math.Min(cb, estimateRows(rel))
			}
		}
	}
	d := math.Max(math.Min(cb, a.rows), math.Min(cb, b.rows))
	return math.Max(best, d), found
}

// collectRelations records the table or file read each column of n (and each alias of
// one) comes from.
func collectRelations(n plan.Node, m map[plan.ExprID]plan.Node) {
	switch x := n.(type) {
	case *plan.TableScan, *plan.DataSourceRead:
		for _, a := range n.Output() {
			m[a.ID] = n
		}
		return
	case *plan.Project:
		collectRelations(x.Child, m)
		for _, e := range x.Exprs {
			if al, ok := e.(*plan.Alias); ok {
				if a, ok := al.Child.(*plan.AttributeRef); ok {
					if rel, ok := m[a.ID]; ok {
						m[al.ID] = rel
					}
				}
			}
		}
		return
	}
	for _, c := range n.Children() {
		collectRelations(c, m)
	}
}

// originRows is the rows of the relation a key column was read from, or def for other
// expressions.
func originRows(e plan.Expr, def float64, origins map[plan.ExprID]float64) float64 {
	if c, ok := e.(*plan.Cast); ok {
		e = c.Child
	}
	if a, ok := e.(*plan.AttributeRef); ok {
		if rows, ok := origins[a.ID]; ok {
			return rows
		}
	}
	return def
}

// selectivity guesses the fraction of rows a condition keeps.
func selectivity(e plan.Expr) float64 {
	switch x := e.(type) {
	case *plan.Literal:
		if v, ok := x.Value.(bool); ok && !v {
			return 0
		}
		if x.Value == nil {
			return 0
		}
		return 1
	case *plan.In:
		return math.Min(0.5, 0.1*float64(len(x.List)))
	case *plan.Call:
		switch x.Fn {
		case "and":
			s := 1.0
			for _, a := range x.Args {
				s *= selectivity(a)
			}
			return s
		case "or":
			s := 0.0
			for _, a := range x.Args {
				t := selectivity(a)
				s = s + t - s*t
			}
			return s
		case "not":
			if len(x.Args) == 1 {
				return math.Max(1-selectivity(x.Args[0]), 0.1)
			}
		case "=", "<=>", "==":
			return 0.1
		case "<", "<=", ">", ">=":
			return 1.0 / 3
		case "!=", "<>":
			return 0.9
		case "isnull":
			return 0.1
		case "isnotnull":
			return 0.9
		case "like", "ilike", "startswith":
			if len(x.Args) == 2 {
				if lit, ok := x.Args[1].(*plan.Literal); ok {
					if s, ok := lit.Value.(string); ok && s == "%" {
						return 0.9
					}
				}
			}
			return 0.1
		case "contains", "endswith":
			return 0.1
		case "rlike", "regexp", "regexp_like":
			return 0.25
		}
	}
	return 0.5
}

package planner

import (
	"strings"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// window plans a Window node: the input is distributed by the partition keys (one
// partition without keys), and the Window operator sorts each partition and appends one
// column per window function.
func (p *planner) window(n *plan.Window) (physical.ExecutionPlan, error) {
	child, err := p.node(n.Child)
	if err != nil {
		return nil, err
	}
	in := layoutOf(n.Child.Output())
	partitionBy, err := p.exprs(n.PartitionBy, in)
	if err != nil {
		return nil, err
	}
	if partitionBy, err = collationKeyList(partitionBy, n.PartitionBy); err != nil {
		return nil, err
	}
	switch {
	case len(partitionBy) > 0 && child.Partitions() > 1:
		if child, err = physical.NewRepartition(child, partitionBy, max(1, p.opts.ShufflePartitions)); err != nil {
			return nil, err
		}
	case len(partitionBy) == 0 && child.Partitions() > 1:
		child = physical.NewCoalesce(child)
	}
	orderBy := make([]physical.SortKey, len(n.OrderBy))
	for i, o := range n.OrderBy {
		x, err := p.expr(o.Child, in)
		if err != nil {
			return nil, err
		}
		if x, err = collationKey(x, plan.TypeOf(o.Child)); err != nil {
			return nil, err
		}
		orderBy[i] = physical.SortKey{Expr: x, Descending: o.Descending, NullsFirst: o.NullsFirst}
	}
	funcs := make([]physical.WindowFunc, len(n.Exprs))
	for i, e := range n.Exprs {
		name := ""
		if al, ok := e.(*plan.Alias); ok {
			name, e = al.Name, al.Child
		}
		wc, ok := e.(*plan.WindowCall)
		if !ok {
			return nil, sparkerror.InternalError("window expression %s is not a window call", e)
		}
		f, err := p.windowFunc(wc, in)
		if err != nil {
			return nil, err
		}
		f.Name = name
		funcs[i] = f
	}
	return physical.NewWindow(child, partitionBy, orderBy, funcs)
}

func (p *planner) windowFunc(wc *plan.WindowCall, in layout) (physical.WindowFunc, error) {
	var f physical.WindowFunc
	var args []plan.Expr
	switch fn := wc.Func.(type) {
	case *plan.AggregateCall:
		f = physical.WindowFunc{Fn: fn.Fn, Distinct: fn.Distinct, IgnoreNulls: fn.IgnoreNulls, ANSI: fn.ANSI || p.opts.ANSI}
		args = aggregateArgs(fn)
		if fn.Filter != nil {
			x, err := p.expr(fn.Filter, in)
			if err != nil {
				return f, err
			}
			f.Filter = x
		}
	case *plan.Call:
		f = physical.WindowFunc{Fn: fn.Fn}
		// lag/lead IGNORE NULLS resolve to "lag_ignore_nulls"/"lead_ignore_nulls".
		if name, ok := strings.CutSuffix(fn.Fn, "_ignore_nulls"); ok {
			f = physical.WindowFunc{Fn: name, IgnoreNulls: true}
		}
		args = fn.Args
	default:
		return f, sparkerror.InternalError("window function %s", wc.Func)
	}
	xs, err := p.exprs(args, in)
	if err != nil {
		return f, err
	}
	f.Args = xs
	f.InputTypes = make([]types.DataType, len(args))
	for i, a := range args {
		f.InputTypes[i] = plan.TypeOf(a)
	}
	f.ResultType = wc.Type
	if fr := wc.Spec.Frame; fr != nil {
		frame := physical.WindowFrame{Type: physical.RowsFrame, TimeZone: p.opts.TimeZone, ANSI: p.opts.ANSI}
		if fr.Type == plan.RangeFrame {
			frame.Type = physical.RangeFrame
		}
		// Spark casts a RANGE offset of another type to the ORDER BY key's type
		// ('inf' over a float key is +Inf; 'NaN' over an int key fails the cast).
		var key types.DataType
		if fr.Type == plan.RangeFrame && len(wc.Spec.OrderBy) == 1 {
			key = plan.TypeOf(wc.Spec.OrderBy[0].Child)
		}
		if frame.Lower, err = p.frameBound(fr.Lower, key, in); err != nil {
			return f, err
		}
		if frame.Upper, err = p.frameBound(fr.Upper, key, in); err != nil {
			return f, err
		}
		f.Frame = frame
	}
	return f, nil
}

func (p *planner) frameBound(b plan.FrameBound, key types.DataType, in layout) (physical.FrameBound, error) {
	out := physical.FrameBound{Kind: boundKinds[b.Kind]}
	if b.Offset != nil {
		off := b.Offset
		if b.Coerced && key != nil {
			off = &plan.Cast{Child: off, To: key, Implicit: true, ANSI: p.opts.ANSI, Null: plan.NullableOf(off)}
		}
		x, err := p.expr(off, in)
		if err != nil {
			return out, err
		}
		out.Offset = x
	}
	return out, nil
}

var boundKinds = map[plan.BoundKind]physical.BoundKind{
	plan.UnboundedPreceding: physical.UnboundedPreceding, plan.Preceding: physical.Preceding,
	plan.CurrentRow: physical.CurrentRow, plan.Following: physical.Following,
	plan.UnboundedFollowing: physical.UnboundedFollowing,
}

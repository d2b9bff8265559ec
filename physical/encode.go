package physical

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Physical plans travel as physicalpb.Plan (proto/sail/physical.proto), so that the driver
// can ship tasks to workers. EncodePlan walks the operator tree; each operator is encoded
// from the arguments of its constructor, which DecodePlan calls again.

// maxDecodedPartitions bounds the partition counts a decoded plan may ask for.
const maxDecodedPartitions = 1 << 16

// PlanEncoder is implemented by operators defined outside this package (the file scan of
// physical/source) that can encode themselves; they are leaves.
type PlanEncoder interface {
	EncodePlan() (*physicalpb.Plan, error)
}

// DecodeContext is what the process decoding a plan (a worker) supplies.
type DecodeContext struct {
	// Allocator allocates the batches of Values operators (nil: memory.DefaultAllocator).
	Allocator memory.Allocator
	// OpenScan rebuilds a file scan whose batches come from alloc; nil uses the one
	// physical/source registers (source.DecodeScan), if that package is linked in.
	OpenScan func(m *physicalpb.FileScanExec, alloc memory.Allocator) (ExecutionPlan, error)
}

var defaultOpenScan func(*physicalpb.FileScanExec, memory.Allocator) (ExecutionPlan, error)

// RegisterScanDecoder sets the file scan decoder DecodePlan uses when the DecodeContext
// has none; physical/source registers itself.
func RegisterScanDecoder(f func(*physicalpb.FileScanExec, memory.Allocator) (ExecutionPlan, error)) {
	defaultOpenScan = f
}

// EncodePlan converts a plan to its message. An operator or expression that cannot be
// shipped gives an error naming it.
func EncodePlan(p ExecutionPlan) (*physicalpb.Plan, error) {
	e := &planEncoder{feeds: map[*LoopFeed]int32{}}
	return e.plan(p)
}

type planEncoder struct {
	feeds map[*LoopFeed]int32
}

func (e *planEncoder) feed(f *LoopFeed) int32 {
	id, ok := e.feeds[f]
	if !ok {
		id = int32(len(e.feeds) + 1)
		e.feeds[f] = id
	}
	return id
}

func (e *planEncoder) plan(p ExecutionPlan) (*physicalpb.Plan, error) {
	if p == nil {
		return nil, sparkerror.InternalError("encode: nil plan")
	}
	m, err := e.operator(p)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", p.Describe(), err)
	}
	return m, nil
}

func (e *planEncoder) operator(p ExecutionPlan) (*physicalpb.Plan, error) {
	switch p := p.(type) {
	case *Shared:
		// Shipped, a shared subplan is computed by each of its readers: the sharing is
		// within one process's execution.
		return e.plan(p.child)
	case *Values:
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		b, err := expr.EncodeBatches(p.schema, p.batches)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Values{Values: &physicalpb.ValuesExec{Schema: s, IpcStream: b}}}, nil
	case *Range:
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Range{Range: &physicalpb.RangeExec{Start: p.Start, End: p.End, Step: p.Step,
			Partitions: int32(p.NumPartitions)}}}, nil
	case *Filter:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		pred, err := expr.Encode(p.predicate)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Filter{Filter: &physicalpb.FilterExec{Child: c, Predicate: pred}}}, nil
	case *Project:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		exprs, err := expr.EncodeAll(p.exprs)
		if err != nil {
			return nil, err
		}
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Project{Project: &physicalpb.ProjectExec{Child: c, Exprs: exprs, Schema: s}}}, nil
	case *Rename:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Rename{Rename: &physicalpb.RenameExec{Child: c, Schema: s}}}, nil
	case *Limit:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Limit{Limit: &physicalpb.LimitExec{Child: c, Limit: p.n, Offset: p.offset}}}, nil
	case *Union:
		m := &physicalpb.UnionExec{}
		for _, ch := range p.children {
			c, err := e.plan(ch)
			if err != nil {
				return nil, err
			}
			m.Children = append(m.Children, c)
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Union{Union: m}}, nil
	case *Coalesce:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Coalesce{Coalesce: &physicalpb.CoalesceExec{Child: c}}}, nil
	case *Repartition:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		keys, err := expr.EncodeAll(p.keys)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Repartition{Repartition: &physicalpb.RepartitionExec{Child: c, Keys: keys,
			Partitions: int32(p.n), RoundRobin: p.roundRobin}}}, nil
	case *Expand:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		m := &physicalpb.ExpandExec{Child: c}
		for _, proj := range p.projections {
			es, err := expr.EncodeAll(proj)
			if err != nil {
				return nil, err
			}
			m.Projections = append(m.Projections, &physicalpb.ExprList{Exprs: es})
		}
		if m.Schema, err = expr.EncodeSchema(p.schema); err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Expand{Expand: m}}, nil
	case *Sort:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		keys, err := encodeSortKeys(p.keys)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Sort{Sort: &physicalpb.SortExec{Child: c, Keys: keys, Fetch: p.fetch}}}, nil
	case *HashAggregate:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		groups, err := expr.EncodeAll(p.groups)
		if err != nil {
			return nil, err
		}
		m := &physicalpb.HashAggregateExec{Child: c, Groups: groups, GroupNames: p.groupNames, Mode: int32(p.mode)}
		for _, call := range p.calls {
			cm, err := aggregate.EncodeCall(call)
			if err != nil {
				return nil, err
			}
			m.Calls = append(m.Calls, cm)
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_HashAggregate{HashAggregate: m}}, nil
	case *HashJoin:
		return e.join(&p.joinCore)
	case *NestedLoopJoin:
		return e.join(&p.joinCore)
	case *Window:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		parts, err := expr.EncodeAll(p.partitionBy)
		if err != nil {
			return nil, err
		}
		order, err := encodeSortKeys(p.orderBy)
		if err != nil {
			return nil, err
		}
		m := &physicalpb.WindowExec{Child: c, PartitionBy: parts, OrderBy: order}
		for _, f := range p.funcs {
			fm, err := encodeWindowFunc(f.call)
			if err != nil {
				return nil, fmt.Errorf("window function %s: %w", f.fn, err)
			}
			m.Funcs = append(m.Funcs, fm)
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Window{Window: m}}, nil
	case *ShowString:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_ShowString{ShowString: &physicalpb.ShowStringExec{Child: c,
			NumRows: int32(p.numRows), Truncate: int32(p.truncate), Vertical: p.vertical,
			TimeZone: expr.EncodeTimeZone(p.opts.TimeZone), BinaryStyle: string(p.opts.BinaryStyle), Style: int32(p.opts.Style)}}}, nil
	case *Generate:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		args, err := expr.EncodeAll(p.args)
		if err != nil {
			return nil, err
		}
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		m := &physicalpb.GenerateExec{Child: c, Kind: int32(p.kind), Args: args, StackRows: int32(p.rows), Outer: p.outer, Schema: s}
		for _, k := range p.keep {
			m.Keep = append(m.Keep, int32(k))
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_Generate{Generate: m}}, nil
	case *RecursiveUnion:
		id := e.feed(p.feed)
		anchor, err := e.plan(p.anchor)
		if err != nil {
			return nil, err
		}
		rec, err := e.plan(p.recursion)
		if err != nil {
			return nil, err
		}
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		l := p.limits
		return &physicalpb.Plan{Kind: &physicalpb.Plan_RecursiveUnion{RecursiveUnion: &physicalpb.RecursiveUnionExec{Anchor: anchor,
			Recursion: rec, Feed: id, Schema: s, Limits: &physicalpb.RecursiveLimits{LevelLimit: l.LevelLimit, RowLimit: l.RowLimit,
				Limit: l.Limit, HasLimit: l.HasLimit}, ReseedSteps: p.replan != nil}}}, nil
	case *LoopScan:
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_LoopScan{LoopScan: &physicalpb.LoopScanExec{Feed: e.feed(p.feed), Schema: s}}}, nil
	case *ShuffleWriteExec:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		keys, err := expr.EncodeAll(p.keys)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_ShuffleWrite{ShuffleWrite: &physicalpb.ShuffleWriteExec{Child: c, StageId: p.stage,
			Keys: keys, Partitions: int32(p.n), RoundRobin: p.roundRobin}}}, nil
	case *ShuffleReadExec:
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		return &physicalpb.Plan{Kind: &physicalpb.Plan_ShuffleRead{ShuffleRead: &physicalpb.ShuffleReadExec{StageId: p.stage, Schema: s,
			Partitions: int32(p.partitions), MapPartitions: int32(p.mapPartitions)}}}, nil
	case *ScriptTransform:
		c, err := e.plan(p.child)
		if err != nil {
			return nil, err
		}
		s, err := expr.EncodeSchema(p.schema)
		if err != nil {
			return nil, err
		}
		sp := p.spec
		return &physicalpb.Plan{Kind: &physicalpb.Plan_ScriptTransform{ScriptTransform: &physicalpb.ScriptTransformExec{Child: c,
			Script: sp.Script, InField: sp.InField, InLine: sp.InLine, InNull: sp.InNull, OutField: sp.OutField,
			OutNull: sp.OutNull, SchemaLess: sp.SchemaLess, Ansi: sp.ANSI, Schema: s}}}, nil
	case PlanEncoder:
		if len(p.(ExecutionPlan).Children()) != 0 {
			return nil, sparkerror.InternalError("the operator %T has children and encodes itself", p)
		}
		return p.EncodePlan()
	}
	return nil, sparkerror.InternalError("the operator %T cannot be shipped", p)
}

func (e *planEncoder) join(j *joinCore) (*physicalpb.Plan, error) {
	l, err := e.plan(j.left)
	if err != nil {
		return nil, err
	}
	r, err := e.plan(j.right)
	if err != nil {
		return nil, err
	}
	m := &physicalpb.JoinExec{Left: l, Right: r, Hashed: j.hashed, NullSafe: j.nullSafe, JoinType: int32(j.joinType)}
	if m.LeftKeys, err = expr.EncodeAll(j.leftKeys); err != nil {
		return nil, err
	}
	if m.RightKeys, err = expr.EncodeAll(j.rightKeys); err != nil {
		return nil, err
	}
	if j.filter != nil {
		if m.Filter, err = expr.Encode(j.filter); err != nil {
			return nil, err
		}
	}
	return &physicalpb.Plan{Kind: &physicalpb.Plan_Join{Join: m}}, nil
}

func encodeSortKeys(keys []SortKey) ([]*physicalpb.SortKey, error) {
	out := make([]*physicalpb.SortKey, len(keys))
	for i, k := range keys {
		x, err := expr.Encode(k.Expr)
		if err != nil {
			return nil, err
		}
		out[i] = &physicalpb.SortKey{Expr: x, Descending: k.Descending, NullsFirst: k.NullsFirst}
	}
	return out, nil
}

func encodeWindowFunc(c WindowFunc) (*physicalpb.WindowFunc, error) {
	args, err := expr.EncodeAll(c.Args)
	if err != nil {
		return nil, err
	}
	m := &physicalpb.WindowFunc{Fn: c.Fn, Args: args, IgnoreNulls: c.IgnoreNulls, Distinct: c.Distinct, Ansi: c.ANSI,
		LegacyStatisticalAggregate: c.LegacyStatisticalAggregate, HasInputTypes: c.InputTypes != nil,
		ResultType: expr.EncodeSparkType(c.ResultType), Name: c.Name}
	if c.Filter != nil {
		if m.Filter, err = expr.Encode(c.Filter); err != nil {
			return nil, err
		}
	}
	for _, t := range c.InputTypes {
		m.InputTypes = append(m.InputTypes, expr.EncodeSparkType(t))
	}
	f := &physicalpb.WindowFrame{Type: int32(c.Frame.Type), TimeZone: expr.EncodeTimeZone(c.Frame.TimeZone), Ansi: c.Frame.ANSI}
	for i, b := range []FrameBound{c.Frame.Lower, c.Frame.Upper} {
		bm := &physicalpb.FrameBound{Kind: int32(b.Kind)}
		if b.Offset != nil {
			if bm.Offset, err = expr.Encode(b.Offset); err != nil {
				return nil, err
			}
		}
		if i == 0 {
			f.Lower = bm
		} else {
			f.Upper = bm
		}
	}
	m.Frame = f
	return m, nil
}

// DecodePlan rebuilds a plan from its message, calling the operators' constructors again.
// Malformed messages give errors, never panics.
func DecodePlan(m *physicalpb.Plan, ctx DecodeContext) (p ExecutionPlan, err error) {
	defer func() {
		// The constructors trust their callers (the planner); a malformed message that
		// gets past the checks below must still not crash a worker.
		if r := recover(); r != nil {
			p, err = nil, sparkerror.InternalError("decode: malformed plan: %v", r)
		}
	}()
	d := &planDecoder{ctx: ctx, feeds: map[int32]*LoopFeed{}}
	if d.ctx.Allocator == nil {
		d.ctx.Allocator = memory.DefaultAllocator
	}
	return d.plan(m, 0)
}

// maxDecodeDepth bounds the nesting of a decoded plan.
const maxDecodeDepth = 10000

type planDecoder struct {
	ctx      DecodeContext
	feeds    map[int32]*LoopFeed
	exprOpts expr.DecodeOptions
}

func (d *planDecoder) feed(id int32) *LoopFeed {
	f, ok := d.feeds[id]
	if !ok {
		f = NewLoopFeed()
		d.feeds[id] = f
	}
	return f
}

func (d *planDecoder) plan(m *physicalpb.Plan, depth int) (ExecutionPlan, error) {
	if m == nil {
		return nil, sparkerror.InternalError("decode: missing plan")
	}
	if depth > maxDecodeDepth {
		return nil, sparkerror.InternalError("decode: plan nested deeper than %d", maxDecodeDepth)
	}
	child := func(c *physicalpb.Plan) (ExecutionPlan, error) { return d.plan(c, depth+1) }
	switch k := m.Kind.(type) {
	case *physicalpb.Plan_Values:
		s, err := expr.DecodeSchema(k.Values.Schema)
		if err != nil {
			return nil, err
		}
		batches, err := expr.DecodeBatches(s, k.Values.IpcStream, d.ctx.Allocator)
		if err != nil {
			return nil, err
		}
		return NewValues(s, batches), nil
	case *physicalpb.Plan_Range:
		r := k.Range
		if r.Step == 0 {
			return nil, sparkerror.InternalError("decode: range with step 0")
		}
		if r.Partitions > maxDecodedPartitions {
			return nil, sparkerror.InternalError("decode: range over %d partitions", r.Partitions)
		}
		return NewRange(r.Start, r.End, r.Step, int(r.Partitions)), nil
	case *physicalpb.Plan_Filter:
		c, err := child(k.Filter.Child)
		if err != nil {
			return nil, err
		}
		pred, err := d.exprOver(k.Filter.Predicate, c.Schema())
		if err != nil {
			return nil, err
		}
		if id := pred.DataType().ID(); id != arrow.BOOL && id != arrow.NULL {
			return nil, sparkerror.InternalError("decode: filter predicate of type %s", pred.DataType())
		}
		return NewFilter(c, pred), nil
	case *physicalpb.Plan_Project:
		c, err := child(k.Project.Child)
		if err != nil {
			return nil, err
		}
		exprs, err := d.exprsOver(k.Project.Exprs, c.Schema())
		if err != nil {
			return nil, err
		}
		s, err := expr.DecodeSchema(k.Project.Schema)
		if err != nil {
			return nil, err
		}
		if err := checkOutputs("project", exprs, s); err != nil {
			return nil, err
		}
		return NewProject(c, exprs, s), nil
	case *physicalpb.Plan_Rename:
		c, err := child(k.Rename.Child)
		if err != nil {
			return nil, err
		}
		s, err := expr.DecodeSchema(k.Rename.Schema)
		if err != nil {
			return nil, err
		}
		in := c.Schema()
		if s.NumFields() != in.NumFields() {
			return nil, sparkerror.InternalError("decode: rename of %d columns to %d", in.NumFields(), s.NumFields())
		}
		for i := range in.NumFields() {
			if !arrow.TypeEqual(in.Field(i).Type, s.Field(i).Type) {
				return nil, sparkerror.InternalError("decode: rename changes column %d from %s to %s", i, in.Field(i).Type, s.Field(i).Type)
			}
		}
		return NewRename(c, s), nil
	case *physicalpb.Plan_Limit:
		c, err := child(k.Limit.Child)
		if err != nil {
			return nil, err
		}
		return NewLimitOffset(c, k.Limit.Limit, k.Limit.Offset), nil
	case *physicalpb.Plan_Union:
		var cs []ExecutionPlan
		for _, cm := range k.Union.Children {
			c, err := child(cm)
			if err != nil {
				return nil, err
			}
			cs = append(cs, c)
		}
		return NewUnion(cs...)
	case *physicalpb.Plan_Coalesce:
		c, err := child(k.Coalesce.Child)
		if err != nil {
			return nil, err
		}
		return NewCoalesce(c), nil
	case *physicalpb.Plan_Repartition:
		r := k.Repartition
		c, err := child(r.Child)
		if err != nil {
			return nil, err
		}
		if r.Partitions < 1 || r.Partitions > maxDecodedPartitions {
			return nil, sparkerror.InternalError("decode: repartition into %d partitions", r.Partitions)
		}
		if r.RoundRobin {
			if len(r.Keys) != 0 {
				return nil, sparkerror.InternalError("decode: round robin repartition with keys")
			}
			return NewRoundRobin(c, int(r.Partitions)), nil
		}
		keys, err := d.exprsOver(r.Keys, c.Schema())
		if err != nil {
			return nil, err
		}
		return NewRepartition(c, keys, int(r.Partitions))
	case *physicalpb.Plan_Expand:
		c, err := child(k.Expand.Child)
		if err != nil {
			return nil, err
		}
		s, err := expr.DecodeSchema(k.Expand.Schema)
		if err != nil {
			return nil, err
		}
		projs := make([][]expr.Expr, len(k.Expand.Projections))
		for i, pm := range k.Expand.Projections {
			if projs[i], err = d.exprsOver(pm.GetExprs(), c.Schema()); err != nil {
				return nil, err
			}
		}
		return NewExpand(c, projs, s)
	case *physicalpb.Plan_Sort:
		c, err := child(k.Sort.Child)
		if err != nil {
			return nil, err
		}
		keys, err := d.sortKeys(k.Sort.Keys, c.Schema())
		if err != nil {
			return nil, err
		}
		return NewSort(c, keys, k.Sort.Fetch)
	case *physicalpb.Plan_HashAggregate:
		h := k.HashAggregate
		c, err := child(h.Child)
		if err != nil {
			return nil, err
		}
		groups, err := d.exprsOver(h.Groups, c.Schema())
		if err != nil {
			return nil, err
		}
		mode := AggregateMode(h.Mode)
		if mode != AggregatePartial && mode != AggregateFinal && mode != AggregateSingle {
			return nil, sparkerror.InternalError("decode: aggregate mode %d", h.Mode)
		}
		calls := make([]aggregate.Call, len(h.Calls))
		for i, cm := range h.Calls {
			if calls[i], err = aggregate.DecodeCall(cm, d.exprOpts); err != nil {
				return nil, err
			}
			// A Final aggregate does not evaluate its calls' arguments (they read the
			// Partial's input); the others do.
			if mode != AggregateFinal {
				if err := checkExprs(calls[i].Args, c.Schema()); err != nil {
					return nil, err
				}
				if calls[i].Filter != nil {
					if err := expr.CheckInput(calls[i].Filter, c.Schema()); err != nil {
						return nil, err
					}
				}
			}
		}
		return NewHashAggregate(c, groups, h.GroupNames, calls, mode)
	case *physicalpb.Plan_Join:
		return d.join(k.Join, depth)
	case *physicalpb.Plan_Window:
		w := k.Window
		c, err := child(w.Child)
		if err != nil {
			return nil, err
		}
		parts, err := d.exprsOver(w.PartitionBy, c.Schema())
		if err != nil {
			return nil, err
		}
		order, err := d.sortKeys(w.OrderBy, c.Schema())
		if err != nil {
			return nil, err
		}
		funcs := make([]WindowFunc, len(w.Funcs))
		for i, fm := range w.Funcs {
			if funcs[i], err = d.windowFunc(fm, c.Schema()); err != nil {
				return nil, err
			}
		}
		return NewWindow(c, parts, order, funcs)
	case *physicalpb.Plan_ShowString:
		s := k.ShowString
		c, err := child(s.Child)
		if err != nil {
			return nil, err
		}
		tz, err := expr.DecodeTimeZone(s.TimeZone)
		if err != nil {
			return nil, err
		}
		return NewShowString(c, int(s.NumRows), int(s.Truncate), s.Vertical,
			format.Options{TimeZone: tz, BinaryStyle: format.BinaryStyle(s.BinaryStyle), Style: format.Style(s.Style)}), nil
	case *physicalpb.Plan_Generate:
		g := k.Generate
		c, err := child(g.Child)
		if err != nil {
			return nil, err
		}
		if g.Kind < int32(ExplodeGenerator) || g.Kind > int32(StackGenerator) {
			return nil, sparkerror.InternalError("decode: generator kind %d", g.Kind)
		}
		args, err := d.exprsOver(g.Args, c.Schema())
		if err != nil {
			return nil, err
		}
		s, err := expr.DecodeSchema(g.Schema)
		if err != nil {
			return nil, err
		}
		keep := make([]int, len(g.Keep))
		for i, x := range g.Keep {
			keep[i] = int(x)
		}
		return NewGenerate(c, GeneratorKind(g.Kind), args, int(g.StackRows), g.Outer, keep, s)
	case *physicalpb.Plan_RecursiveUnion:
		r := k.RecursiveUnion
		feed := d.feed(r.Feed)
		anchor, err := child(r.Anchor)
		if err != nil {
			return nil, err
		}
		rec, err := child(r.Recursion)
		if err != nil {
			return nil, err
		}
		s, err := expr.DecodeSchema(r.Schema)
		if err != nil {
			return nil, err
		}
		l := r.GetLimits()
		u, err := NewRecursiveUnion(anchor, rec, feed, s, RecursiveLimits{LevelLimit: l.GetLevelLimit(), RowLimit: l.GetRowLimit(),
			Limit: l.GetLimit(), HasLimit: l.GetHasLimit()})
		if err != nil {
			return nil, err
		}
		if r.ReseedSteps {
			// Later steps run the term decoded again with its seeds shifted, as the planner
			// plans it again (the feeds are shared: the term's loop scans read this union's).
			recursion, base := r.Recursion, *d
			u.SetReplan(func(shift int64) (ExecutionPlan, error) {
				q := base
				q.exprOpts.SeedShift = base.exprOpts.SeedShift + shift
				return q.plan(recursion, depth+1)
			})
		}
		return u, nil
	case *physicalpb.Plan_LoopScan:
		s, err := expr.DecodeSchema(k.LoopScan.Schema)
		if err != nil {
			return nil, err
		}
		return NewLoopScan(d.feed(k.LoopScan.Feed), s), nil
	case *physicalpb.Plan_ShuffleWrite:
		w := k.ShuffleWrite
		c, err := child(w.Child)
		if err != nil {
			return nil, err
		}
		if w.Partitions < 1 || w.Partitions > maxDecodedPartitions {
			return nil, sparkerror.InternalError("decode: shuffle write into %d partitions", w.Partitions)
		}
		keys, err := d.exprsOver(w.Keys, c.Schema())
		if err != nil {
			return nil, err
		}
		return NewShuffleWrite(c, w.StageId, keys, int(w.Partitions), w.RoundRobin)
	case *physicalpb.Plan_ShuffleRead:
		r := k.ShuffleRead
		if r.Partitions < 1 || r.Partitions > maxDecodedPartitions || r.MapPartitions < 0 || r.MapPartitions > maxDecodedPartitions {
			return nil, sparkerror.InternalError("decode: shuffle read of %d partitions from %d map outputs", r.Partitions, r.MapPartitions)
		}
		s, err := expr.DecodeSchema(r.Schema)
		if err != nil {
			return nil, err
		}
		return NewShuffleRead(r.StageId, s, int(r.Partitions), int(r.MapPartitions))
	case *physicalpb.Plan_ScriptTransform:
		t := k.ScriptTransform
		c, err := child(t.Child)
		if err != nil {
			return nil, err
		}
		s, err := expr.DecodeSchema(t.Schema)
		if err != nil {
			return nil, err
		}
		return NewScriptTransform(c, ScriptSpec{Script: t.Script, InField: t.InField, InLine: t.InLine, InNull: t.InNull,
			OutField: t.OutField, OutNull: t.OutNull, SchemaLess: t.SchemaLess, ANSI: t.Ansi}, s)
	case *physicalpb.Plan_FileScan:
		open := d.ctx.OpenScan
		if open == nil {
			open = defaultOpenScan
		}
		if open == nil {
			return nil, sparkerror.InternalError("decode: a file scan needs DecodeContext.OpenScan (physical/source is not linked in)")
		}
		return open(k.FileScan, d.ctx.Allocator)
	}
	return nil, sparkerror.InternalError("decode: unknown operator kind %T", m.Kind)
}

func (d *planDecoder) join(j *physicalpb.JoinExec, depth int) (ExecutionPlan, error) {
	l, err := d.plan(j.Left, depth+1)
	if err != nil {
		return nil, err
	}
	r, err := d.plan(j.Right, depth+1)
	if err != nil {
		return nil, err
	}
	jt := JoinType(j.JoinType)
	if jt < InnerJoin || jt > LastJoinType {
		return nil, sparkerror.InternalError("decode: join type %d", j.JoinType)
	}
	var filter expr.Expr
	if j.Filter != nil {
		if filter, err = d.exprOver(j.Filter, JoinSchema(l.Schema(), r.Schema(), InnerJoin)); err != nil {
			return nil, err
		}
	}
	if !j.Hashed {
		if len(j.LeftKeys) != 0 || len(j.RightKeys) != 0 {
			return nil, sparkerror.InternalError("decode: nested loop join with keys")
		}
		return NewNestedLoopJoin(l, r, jt, filter)
	}
	lk, err := d.exprsOver(j.LeftKeys, l.Schema())
	if err != nil {
		return nil, err
	}
	rk, err := d.exprsOver(j.RightKeys, r.Schema())
	if err != nil {
		return nil, err
	}
	nullSafe := j.NullSafe
	if len(nullSafe) == 0 {
		nullSafe = nil
	}
	return NewHashJoin(l, r, lk, rk, nullSafe, jt, filter)
}

func (d *planDecoder) sortKeys(ms []*physicalpb.SortKey, in *arrow.Schema) ([]SortKey, error) {
	out := make([]SortKey, len(ms))
	for i, m := range ms {
		x, err := d.exprOver(m.GetExpr(), in)
		if err != nil {
			return nil, err
		}
		out[i] = SortKey{Expr: x, Descending: m.Descending, NullsFirst: m.NullsFirst}
	}
	return out, nil
}

func (d *planDecoder) windowFunc(m *physicalpb.WindowFunc, in *arrow.Schema) (WindowFunc, error) {
	args, err := d.exprsOver(m.Args, in)
	if err != nil {
		return WindowFunc{}, err
	}
	c := WindowFunc{Fn: m.Fn, Args: args, IgnoreNulls: m.IgnoreNulls, Distinct: m.Distinct, ANSI: m.Ansi,
		LegacyStatisticalAggregate: m.LegacyStatisticalAggregate, Name: m.Name}
	if m.Filter != nil {
		if c.Filter, err = d.exprOver(m.Filter, in); err != nil {
			return WindowFunc{}, err
		}
	}
	if m.HasInputTypes {
		c.InputTypes = make([]types.DataType, len(m.InputTypes))
		for i, t := range m.InputTypes {
			if c.InputTypes[i], err = expr.DecodeSparkType(t); err != nil {
				return WindowFunc{}, err
			}
		}
	}
	if m.ResultType != nil {
		if c.ResultType, err = expr.DecodeSparkType(m.ResultType); err != nil {
			return WindowFunc{}, err
		}
	}
	f := m.GetFrame()
	if f.GetType() != int32(RowsFrame) && f.GetType() != int32(RangeFrame) {
		return WindowFunc{}, sparkerror.InternalError("decode: window frame type %d", f.GetType())
	}
	c.Frame.Type, c.Frame.ANSI = FrameType(f.GetType()), f.GetAnsi()
	if c.Frame.TimeZone, err = expr.DecodeTimeZone(f.GetTimeZone()); err != nil {
		return WindowFunc{}, err
	}
	for i, bm := range []*physicalpb.FrameBound{f.GetLower(), f.GetUpper()} {
		if bm.GetKind() < int32(UnboundedPreceding) || bm.GetKind() > int32(UnboundedFollowing) {
			return WindowFunc{}, sparkerror.InternalError("decode: window frame bound kind %d", bm.GetKind())
		}
		b := FrameBound{Kind: BoundKind(bm.GetKind())}
		if bm.GetOffset() != nil {
			if b.Offset, err = d.exprOver(bm.GetOffset(), in); err != nil {
				return WindowFunc{}, err
			}
		}
		if i == 0 {
			c.Frame.Lower = b
		} else {
			c.Frame.Upper = b
		}
	}
	return c, nil
}

// decodeExprOver decodes an expression evaluated over batches of schema in, checking that
// the columns it reads exist there.
func (d *planDecoder) exprOver(m *physicalpb.Expr, in *arrow.Schema) (expr.Expr, error) {
	e, err := expr.DecodeWith(m, d.exprOpts)
	if err != nil {
		return nil, err
	}
	if err := expr.CheckInput(e, in); err != nil {
		return nil, err
	}
	return e, nil
}

func (d *planDecoder) exprsOver(ms []*physicalpb.Expr, in *arrow.Schema) ([]expr.Expr, error) {
	out := make([]expr.Expr, len(ms))
	for i, m := range ms {
		e, err := d.exprOver(m, in)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

func checkExprs(es []expr.Expr, in *arrow.Schema) error {
	for _, e := range es {
		if err := expr.CheckInput(e, in); err != nil {
			return err
		}
	}
	return nil
}

// checkOutputs checks that expressions produce a schema's columns.
func checkOutputs(op string, es []expr.Expr, s *arrow.Schema) error {
	if len(es) != s.NumFields() {
		return sparkerror.InternalError("decode: %s of %d expressions into %d columns", op, len(es), s.NumFields())
	}
	for i, e := range es {
		if e.DataType().ID() != s.Field(i).Type.ID() {
			return sparkerror.InternalError("decode: %s column %d is %s, the expression gives %s", op, i, s.Field(i).Type, e.DataType())
		}
	}
	return nil
}

package ast

import "reflect"

// Visitor's Visit method is called for each node by Walk. If it returns a
// non-nil visitor w, Walk visits the children of node with w, then calls
// w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses the tree rooted at node in depth-first order, like
// go/ast.Walk.
func Walk(v Visitor, node Node) {
	if node == nil || isNilNode(node) {
		return
	}
	if v = v.Visit(node); v == nil {
		return
	}
	for _, c := range Children(node) {
		Walk(v, c)
	}
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(node Node) Visitor {
	if node != nil && f(node) {
		return f
	}
	return nil
}

// Inspect traverses the tree rooted at node, calling f for each node; if f
// returns false, the children of that node are skipped.
func Inspect(node Node, f func(Node) bool) {
	Walk(inspector(f), node)
}

// isNilNode reports whether node is a typed nil pointer.
func isNilNode(n Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// Children returns the direct children of a node, in source order.
func Children(node Node) []Node {
	var out []Node
	add := func(ns ...Node) {
		for _, n := range ns {
			if n != nil && !isNilNode(n) {
				out = append(out, n)
			}
		}
	}
	exprs := func(list []Expr) {
		for _, e := range list {
			add(e)
		}
	}
	idents := func(list []*Ident) {
		for _, id := range list {
			add(id)
		}
	}
	sorts := func(list []*SortItem) {
		for _, s := range list {
			add(s)
		}
	}
	windows := func(list []*NamedWindow) {
		for _, w := range list {
			add(w)
		}
	}
	addExpr := func(e Expr) {
		if e != nil {
			add(e)
		}
	}
	switch x := node.(type) {
	case *TypedLiteral:
		add(x.Value)
	case *IntervalLiteral:
		if x.Str != nil {
			add(x.Str)
		}
		for _, v := range x.Values {
			add(v)
		}
	case *IntervalValue:
		add(x.Value)
	case *Param:
		if x.Ident != nil {
			add(x.Ident)
		}
	case *ColumnRef:
		idents(x.Parts)
	case *Star:
		idents(x.Qualifier)
		for _, e := range x.Except {
			idents(e)
		}
	case *UnaryExpr:
		addExpr(x.X)
	case *BinaryExpr:
		addExpr(x.X)
		addExpr(x.Y)
	case *ParenExpr:
		addExpr(x.X)
	case *RowExpr:
		exprs(x.Items)
	case *Alias:
		addExpr(x.X)
		add(x.Name)
		idents(x.Names)
	case *FuncCall:
		idents(x.Name)
		addExpr(x.NameExpr)
		exprs(x.Args)
		sorts(x.WithinGroup)
		addExpr(x.Filter)
		add(x.Over)
	case *NamedArg:
		add(x.Name)
		addExpr(x.Value)
	case *TableArg:
		idents(x.Name)
		addExpr(x.NameExpr)
		add(x.Query)
		exprs(x.PartitionBy)
		sorts(x.OrderBy)
	case *Extract:
		add(x.Field)
		addExpr(x.Source)
	case *Substring:
		addExpr(x.Str)
		addExpr(x.Start)
		addExpr(x.Length)
	case *Trim:
		addExpr(x.Chars)
		addExpr(x.Str)
	case *Overlay:
		addExpr(x.Input)
		addExpr(x.Replace)
		addExpr(x.Position)
		addExpr(x.Length)
	case *Position:
		addExpr(x.Substr)
		addExpr(x.Str)
	case *DatetimeFunc:
		addExpr(x.X)
		addExpr(x.Y)
	case *Case:
		addExpr(x.Operand)
		for _, w := range x.Whens {
			add(w)
		}
		addExpr(x.Else)
	case *When:
		addExpr(x.Cond)
		addExpr(x.Result)
	case *Cast:
		addExpr(x.X)
		add(x.Type)
	case *Collate:
		addExpr(x.X)
		idents(x.Name)
	case *InList:
		addExpr(x.X)
		exprs(x.List)
	case *InSubquery:
		addExpr(x.X)
		add(x.Query)
	case *Between:
		addExpr(x.X)
		addExpr(x.Lo)
		addExpr(x.Hi)
	case *Like:
		addExpr(x.X)
		addExpr(x.Pattern)
		exprs(x.Patterns)
		add(x.Escape)
	case *Is:
		addExpr(x.X)
	case *IsDistinctFrom:
		addExpr(x.X)
		addExpr(x.Y)
	case *Exists:
		add(x.Query)
	case *Subquery:
		add(x.Query)
	case *Subscript:
		addExpr(x.X)
		addExpr(x.Index)
	case *FieldAccess:
		addExpr(x.X)
		add(x.Field)
	case *SemiStructuredExtract:
		addExpr(x.X)
		for _, st := range x.Steps {
			add(st)
		}
	case *PathStep:
		if x.Key != nil {
			add(x.Key)
		}
	case *Lambda:
		idents(x.Params)
		addExpr(x.Body)
	case *GroupingSet:
		exprs(x.Exprs)
	case *GroupingAnalytics:
		exprs(x.Elements)
	case *WindowSpec:
		add(x.Ref)
		exprs(x.PartitionBy)
		sorts(x.OrderBy)
		add(x.Frame)
	case *WindowFrame:
		add(x.Lower, x.Upper)
	case *FrameBound:
		addExpr(x.Offset)
	case *SortItem:
		addExpr(x.X)
	case *DataType:
		add(x.Elem, x.Key, x.Value)
		for _, f := range x.Fields {
			add(f)
		}
		idents(x.Collation)
	case *StructField:
		add(x.Name, x.Type)
		add(x.Comment)

	case *Query:
		add(x.With)
		if x.Body != nil {
			add(x.Body)
		}
		sorts(x.OrderBy)
		exprs(x.ClusterBy)
		exprs(x.DistributeBy)
		sorts(x.SortBy)
		windows(x.Windows)
		addExpr(x.Limit)
		addExpr(x.Offset)
	case *With:
		for _, c := range x.CTEs {
			add(c)
		}
	case *CTE:
		add(x.Name)
		idents(x.Columns)
		addExpr(x.MaxRecursionLevel)
		add(x.Query)
	case *Hint:
		for _, h := range x.Statements {
			add(h)
		}
	case *HintStatement:
		add(x.Name)
		exprs(x.Params)
	case *Select:
		for _, h := range x.Hints {
			add(h)
		}
		exprs(x.Items)
		add(x.Transform)
		add(x.From)
		for _, lv := range x.LateralViews {
			add(lv)
		}
		addExpr(x.Where)
		add(x.GroupBy)
		addExpr(x.Having)
		windows(x.Windows)
	case *Transform:
		exprs(x.Exprs)
		add(x.InRowFormat, x.RecordWriter, x.Script)
		idents(x.OutputNames)
		for _, f := range x.OutputColumns {
			add(f)
		}
		add(x.OutRowFormat, x.RecordReader)
	case *RowFormat:
		add(x.Serde)
		for _, p := range x.SerdeProps {
			add(p)
		}
		add(x.FieldsTerm, x.EscapedBy, x.CollItems, x.MapKeys, x.LinesTerm, x.NullDefined)
	case *From:
		for _, r := range x.Relations {
			add(r)
		}
		for _, lv := range x.LateralViews {
			add(lv)
		}
		add(x.Pivot, x.Unpivot)
	case *FromQuery:
		add(x.From)
		for _, b := range x.Bodies {
			add(b.Select)
			if b.Org != nil {
				add(b.Org)
			}
		}
	case *LateralView:
		add(x.Func, x.Table)
		idents(x.Columns)
	case *PivotClause:
		exprs(x.Aggregates)
		idents(x.Columns)
		exprs(x.Values)
	case *UnpivotClause:
		idents(x.ValueColumns)
		add(x.NameColumn)
		for _, c := range x.Columns {
			for _, col := range c.Columns {
				idents(col)
			}
			add(c.Alias)
		}
		add(x.Alias)
	case *GroupBy:
		exprs(x.Items)
		for _, s := range x.Sets {
			add(s)
		}
	case *NamedWindow:
		add(x.Name, x.Spec)
	case *SetOp:
		add(x.Left, x.Right)
	case *ParenQuery:
		add(x.Query)
	case *TableQuery:
		idents(x.Name)
		addExpr(x.NameExpr)
	case *Values:
		exprs(x.Rows)
		add(x.Alias)
	case *PipeOp:
		add(x.Left)
		add(x.Select)
		exprs(x.Extend)
		for _, a := range x.Set {
			add(a)
		}
		for _, d := range x.Drop {
			idents(d)
		}
		add(x.AsName, x.Pivot, x.Unpivot, x.Sample, x.Join)
		if x.SetOp != nil && x.SetOp.Right != nil {
			add(x.SetOp.Right)
		}
		if x.Org != nil {
			add(x.Org)
		}
	case *Assign:
		idents(x.Name)
		addExpr(x.Value)
	case *TableAlias:
		add(x.Name)
		idents(x.Columns)
	case *TemporalClause:
		add(x.Version)
		addExpr(x.Timestamp)
	case *Property:
		idents(x.Key)
		add(x.KeyStr, x.Value)
		addExpr(x.ValueExpr)
	case *TableSample:
		add(x.Percent)
		addExpr(x.Rows)
		addExpr(x.Bytes)
		add(x.Numerator, x.Denominator)
		addExpr(x.OnExpr)
		add(x.Seed)
	case *TableName:
		idents(x.Name)
		addExpr(x.NameExpr)
		add(x.Temporal)
		for _, o := range x.Options {
			add(o)
		}
		add(x.Sample, x.Watermark, x.Alias)
	case *SubqueryRelation:
		add(x.Query, x.Sample, x.Watermark, x.Alias)
	case *ParenRelation:
		add(x.Relation, x.Sample, x.Watermark, x.Alias)
	case *TableFunction:
		add(x.Call, x.Watermark, x.Alias)
	case *Watermark:
		add(x.Column, x.Delay)
	case *Join:
		if x.Left != nil {
			add(x.Left)
		}
		add(x.Right)
		addExpr(x.On)
		idents(x.Using)
	case *PivotRelation:
		add(x.Source, x.Pivot)
	case *UnpivotRelation:
		add(x.Source, x.Unpivot)
	default:
		out = stmtChildren(node)
	}
	return out
}

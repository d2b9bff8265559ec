package ast

import (
	"strconv"
	"strings"
)

// Sexpr renders a node as a compact S-expression, for tests and debugging.
// The format is stable but not meant to be parsed back. Examples:
//
//	SELECT 1 + 2 AS a        (select (alias (+ 1 2) a))
//	a BETWEEN 1 AND 2        (between a 1 2)
//	CAST(x AS DECIMAL(10,2)) (cast x DECIMAL(10,2))
func Sexpr(n Node) string {
	var w sexprWriter
	w.node(n)
	return w.b.String()
}

type sexprWriter struct {
	b strings.Builder
}

func (w *sexprWriter) s(s string) { w.b.WriteString(s) }

func (w *sexprWriter) open(head string) {
	w.b.WriteByte('(')
	w.b.WriteString(head)
}

func (w *sexprWriter) close() { w.b.WriteByte(')') }

// sp writes a space then the node.
func (w *sexprWriter) sp(n Node) {
	w.b.WriteByte(' ')
	w.node(n)
}

func (w *sexprWriter) exprs(list []Expr) {
	for _, e := range list {
		w.sp(e)
	}
}

func (w *sexprWriter) names(list []*Ident) {
	for i, id := range list {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		w.s(id.String())
	}
}

func (w *sexprWriter) group(head string, list []Expr) {
	if len(list) == 0 {
		return
	}
	w.b.WriteByte(' ')
	w.open(head)
	w.exprs(list)
	w.close()
}

func (w *sexprWriter) sorts(head string, list []*SortItem) {
	if len(list) == 0 {
		return
	}
	w.b.WriteByte(' ')
	w.open(head)
	for _, s := range list {
		w.b.WriteByte(' ')
		w.sortItem(s)
	}
	w.close()
}

func (w *sexprWriter) sortItem(s *SortItem) {
	if s.Dir == SortDefault && s.Nulls == NullsOrderDefault {
		w.node(s.X)
		return
	}
	w.open("sort ")
	w.node(s.X)
	switch s.Dir {
	case SortAsc:
		w.s(" asc")
	case SortDesc:
		w.s(" desc")
	}
	switch s.Nulls {
	case NullsFirst:
		w.s(" nulls-first")
	case NullsLast:
		w.s(" nulls-last")
	}
	w.close()
}

func quoteString(s string) string { return strconv.Quote(s) }

func (w *sexprWriter) node(n Node) {
	switch x := n.(type) {
	case nil:
		w.s("<nil>")
	case *Ident:
		w.s(x.String())
	case *Literal:
		switch x.Kind {
		case NullLit:
			w.s("null")
		case BoolLit:
			w.s(x.Value)
		case StringLit:
			w.s(quoteString(x.Value))
		default:
			w.s(x.Raw)
		}
	case *TypedLiteral:
		w.open(strings.ToLower(x.Kind.String()) + " ")
		w.s(quoteString(x.Value.Value))
		w.close()
	case *IntervalLiteral:
		w.open("interval")
		switch x.Form {
		case IntervalString:
			w.sp(x.Str)
		case IntervalMultiUnit:
			for _, v := range x.Values {
				w.s(" ")
				w.intervalValue(v)
			}
		case IntervalUnitToUnit:
			w.s(" ")
			w.intervalValue(x.Values[0])
			w.s(" " + x.From + " " + x.To)
		}
		w.close()
	case *Param:
		if x.Name == "" {
			w.s("?")
		} else {
			w.s(":" + x.Name)
		}
	case *ColumnRef:
		w.s(NameString(x.Parts))
	case *Star:
		star := "*"
		if len(x.Qualifier) > 0 {
			star = NameString(x.Qualifier) + ".*"
		}
		if x.ExceptPos.IsValid() {
			w.open(star + " (except")
			for _, e := range x.Except {
				w.s(" " + NameString(e))
			}
			w.s(")")
			w.close()
		} else {
			w.s(star)
		}
	case *UnaryExpr:
		w.open(x.Op.String())
		w.sp(x.X)
		w.close()
	case *BinaryExpr:
		w.open(x.Op.String())
		w.sp(x.X)
		w.sp(x.Y)
		w.close()
	case *ParenExpr:
		w.open("paren")
		w.sp(x.X)
		w.close()
	case *RowExpr:
		w.open("row")
		w.exprs(x.Items)
		w.close()
	case *Alias:
		w.open("alias")
		w.sp(x.X)
		if x.Name != nil {
			w.s(" " + x.Name.String())
		} else {
			w.s(" (")
			w.names(x.Names)
			w.s(")")
		}
		w.close()
	case *FuncCall:
		w.funcCall(x)
	case *NamedArg:
		w.open("=> " + x.Name.String())
		w.sp(x.Value)
		w.close()
	case *TableArg:
		w.open("table-arg")
		switch {
		case x.Query != nil:
			w.sp(x.Query)
		case x.NameExpr != nil:
			w.s(" (identifier")
			w.sp(x.NameExpr)
			w.s(")")
		default:
			w.s(" " + NameString(x.Name))
		}
		if x.SinglePart {
			w.s(" single-partition")
		}
		w.group("partition-by", x.PartitionBy)
		w.sorts("order-by", x.OrderBy)
		w.close()
	case *CurrentLike:
		w.s(strings.ToLower(x.Name))
	case *Extract:
		w.open("extract " + x.Field.String())
		w.sp(x.Source)
		w.close()
	case *Substring:
		w.open("substring")
		w.sp(x.Str)
		w.sp(x.Start)
		if x.Length != nil {
			w.sp(x.Length)
		}
		w.close()
	case *Trim:
		w.open("trim")
		if x.Option != "" {
			w.s(" " + strings.ToLower(x.Option))
		}
		if x.Chars != nil {
			w.sp(x.Chars)
		}
		w.s(" from")
		w.sp(x.Str)
		w.close()
	case *Overlay:
		w.open("overlay")
		w.sp(x.Input)
		w.sp(x.Replace)
		w.sp(x.Position)
		if x.Length != nil {
			w.sp(x.Length)
		}
		w.close()
	case *Position:
		w.open("position")
		w.sp(x.Substr)
		w.sp(x.Str)
		w.close()
	case *DatetimeFunc:
		w.open(strings.ToLower(x.Name) + " " + x.Unit)
		w.sp(x.X)
		w.sp(x.Y)
		w.close()
	case *Case:
		w.open("case")
		if x.Operand != nil {
			w.sp(x.Operand)
		}
		for _, wh := range x.Whens {
			w.s(" (when")
			w.sp(wh.Cond)
			w.sp(wh.Result)
			w.s(")")
		}
		if x.Else != nil {
			w.s(" (else")
			w.sp(x.Else)
			w.s(")")
		}
		w.close()
	case *Cast:
		switch x.Kind {
		case TryCastFunc:
			w.open("try_cast")
		case CastColons:
			w.open("::")
		default:
			w.open("cast")
		}
		w.sp(x.X)
		w.sp(x.Type)
		w.close()
	case *Collate:
		w.open("collate")
		w.sp(x.X)
		w.s(" " + NameString(x.Name))
		w.close()
	case *InList:
		w.open(not(x.Not) + "in")
		w.sp(x.X)
		w.exprs(x.List)
		w.close()
	case *InSubquery:
		w.open(not(x.Not) + "in")
		w.sp(x.X)
		w.sp(x.Query)
		w.close()
	case *Between:
		w.open(not(x.Not) + "between")
		w.sp(x.X)
		w.sp(x.Lo)
		w.sp(x.Hi)
		w.close()
	case *Like:
		head := not(x.Not) + x.Op.String()
		if x.Quantifier != "" {
			head += "-" + strings.ToLower(x.Quantifier)
		}
		w.open(head)
		w.sp(x.X)
		if x.Quantifier != "" {
			w.exprs(x.Patterns)
		} else {
			w.sp(x.Pattern)
		}
		if x.Escape != nil {
			w.s(" (escape")
			w.sp(x.Escape)
			w.s(")")
		}
		w.close()
	case *Is:
		w.open("is-" + not(x.Not) + x.What.String())
		w.sp(x.X)
		w.close()
	case *IsDistinctFrom:
		w.open("is-" + not(x.Not) + "distinct-from")
		w.sp(x.X)
		w.sp(x.Y)
		w.close()
	case *Exists:
		w.open("exists")
		w.sp(x.Query)
		w.close()
	case *Subquery:
		w.open("subquery")
		w.sp(x.Query)
		w.close()
	case *Subscript:
		w.open("[]")
		w.sp(x.X)
		w.sp(x.Index)
		w.close()
	case *FieldAccess:
		w.open(".")
		w.sp(x.X)
		w.s(" " + x.Field.String())
		w.close()
	case *SemiStructuredExtract:
		w.open(":")
		w.sp(x.X)
		w.s(" " + quoteString(x.JSONPath))
		w.close()
	case *PathStep:
		w.s(x.Text)
	case *Lambda:
		w.open("lambda (")
		w.names(x.Params)
		w.s(")")
		w.sp(x.Body)
		w.close()
	case *GroupingSet:
		if x.Lparen.IsValid() {
			w.open("set")
			w.exprs(x.Exprs)
			w.close()
		} else {
			w.node(x.Exprs[0])
		}
	case *GroupingAnalytics:
		w.open(x.Kind.String())
		w.exprs(x.Elements)
		w.close()
	case *WindowSpec:
		w.windowSpec(x)
	case *DataType:
		w.s(DataTypeString(x))
	case *SortItem:
		w.sortItem(x)

	// Queries.
	case *Query:
		w.query(x)
	case *Select:
		w.selectBlock(x)
	case *FromQuery:
		w.open("from-query")
		w.sp(x.From)
		for _, b := range x.Bodies {
			w.sp(b.Select)
			if b.Org != nil {
				w.queryOrg(b.Org)
			}
		}
		w.close()
	case *From:
		w.open("from")
		for _, r := range x.Relations {
			w.sp(r)
		}
		for _, lv := range x.LateralViews {
			w.sp(lv)
		}
		if x.Pivot != nil {
			w.sp(x.Pivot)
		}
		if x.Unpivot != nil {
			w.sp(x.Unpivot)
		}
		w.close()
	case *SetOp:
		head := x.Op.String()
		if x.Quantifier != QuantNone {
			head += "-" + x.Quantifier.String()
		}
		w.open(head)
		w.sp(x.Left)
		w.sp(x.Right)
		w.close()
	case *ParenQuery:
		w.open("paren-query")
		w.sp(x.Query)
		w.close()
	case *TableQuery:
		w.open("table")
		if x.NameExpr != nil {
			w.s(" (identifier")
			w.sp(x.NameExpr)
			w.s(")")
		} else {
			w.s(" " + NameString(x.Name))
		}
		w.close()
	case *Values:
		w.open("values")
		w.exprs(x.Rows)
		w.alias(x.Alias)
		w.close()
	case *PipeOp:
		w.pipe(x)
	case *TableName:
		if x.Stream {
			w.open("stream-table")
		} else {
			w.open("table")
		}
		if x.NameExpr != nil {
			w.s(" (identifier")
			w.sp(x.NameExpr)
			w.s(")")
		} else {
			w.s(" " + NameString(x.Name))
		}
		if x.Temporal != nil {
			w.sp(x.Temporal)
		}
		if len(x.Options) > 0 {
			w.s(" (options")
			for _, p := range x.Options {
				w.sp(p)
			}
			w.s(")")
		}
		if x.Sample != nil {
			w.sp(x.Sample)
		}
		if x.Watermark != nil {
			w.sp(x.Watermark)
		}
		w.alias(x.Alias)
		w.close()
	case *Watermark:
		w.open("watermark")
		w.sp(x.Column)
		w.sp(x.Delay)
		w.close()
	case *TemporalClause:
		w.open("as-of-" + strings.ToLower(x.Kind))
		if x.Version != nil {
			w.sp(x.Version)
		} else {
			w.sp(x.Timestamp)
		}
		w.close()
	case *Property:
		w.open("=")
		if x.KeyStr != nil {
			w.sp(x.KeyStr)
		} else {
			w.s(" " + NameString(x.Key))
		}
		if x.Value != nil {
			w.sp(x.Value)
		}
		if x.ValueExpr != nil {
			w.sp(x.ValueExpr)
		}
		w.close()
	case *TableSample:
		w.tableSample(x)
	case *SubqueryRelation:
		head := "subquery"
		if x.Lateral {
			head = "lateral-subquery"
		}
		w.open(head)
		w.sp(x.Query)
		if x.Sample != nil {
			w.sp(x.Sample)
		}
		if x.Watermark != nil {
			w.sp(x.Watermark)
		}
		w.alias(x.Alias)
		w.close()
	case *ParenRelation:
		w.open("paren-rel")
		w.sp(x.Relation)
		if x.Sample != nil {
			w.sp(x.Sample)
		}
		if x.Watermark != nil {
			w.sp(x.Watermark)
		}
		w.alias(x.Alias)
		w.close()
	case *TableFunction:
		head := "tvf"
		if x.Lateral {
			head = "lateral-tvf"
		}
		w.open(head)
		w.sp(x.Call)
		if x.Watermark != nil {
			w.sp(x.Watermark)
		}
		w.alias(x.Alias)
		w.close()
	case *Join:
		head := "join-" + x.Type.String()
		if x.Natural {
			head = "natural-" + head
		}
		if x.Lateral {
			head += "-lateral"
		}
		w.open(head)
		if x.Left != nil {
			w.sp(x.Left)
		}
		w.sp(x.Right)
		if x.On != nil {
			w.s(" (on")
			w.sp(x.On)
			w.s(")")
		}
		if x.Using != nil {
			w.s(" (using ")
			w.names(x.Using)
			w.s(")")
		}
		w.close()
	case *PivotRelation:
		w.open("pivot-rel")
		w.sp(x.Source)
		w.sp(x.Pivot)
		w.close()
	case *UnpivotRelation:
		w.open("unpivot-rel")
		w.sp(x.Source)
		w.sp(x.Unpivot)
		w.close()
	case *PivotClause:
		w.open("pivot")
		w.group("aggs", x.Aggregates)
		w.s(" (for ")
		w.names(x.Columns)
		w.s(")")
		w.group("in", x.Values)
		w.close()
	case *UnpivotClause:
		w.open("unpivot")
		if x.IncludeNulls {
			w.s(" include-nulls")
		}
		if x.ExcludeNulls {
			w.s(" exclude-nulls")
		}
		w.s(" (values ")
		w.names(x.ValueColumns)
		w.s(") (for " + x.NameColumn.String() + ") (in")
		for _, c := range x.Columns {
			w.s(" ")
			if len(c.Columns) == 1 && c.Alias == nil {
				w.s(NameString(c.Columns[0]))
				continue
			}
			w.s("(")
			for i, col := range c.Columns {
				if i > 0 {
					w.s(" ")
				}
				w.s(NameString(col))
			}
			if c.Alias != nil {
				w.s(" (as " + c.Alias.String() + ")")
			}
			w.s(")")
		}
		w.s(")")
		if x.Alias != nil {
			w.s(" (as " + x.Alias.String() + ")")
		}
		w.close()
	case *LateralView:
		head := "lateral-view"
		if x.Outer {
			head += "-outer"
		}
		w.open(head)
		w.sp(x.Func)
		w.s(" " + x.Table.String())
		if len(x.Columns) > 0 {
			w.s(" (")
			w.names(x.Columns)
			w.s(")")
		}
		w.close()
	case *With:
		w.with(x)
	case *CTE:
		w.open("cte " + x.Name.String())
		if x.Columns != nil {
			w.s(" (")
			w.names(x.Columns)
			w.s(")")
		}
		if x.MaxRecursionLevel != nil {
			w.s(" (max-recursion-level")
			w.sp(x.MaxRecursionLevel)
			w.close()
		}
		w.sp(x.Query)
		w.close()
	case *GroupBy:
		w.groupBy(x)
	case *Hint:
		w.open("hint")
		for _, h := range x.Statements {
			w.sp(h)
		}
		w.close()
	case *HintStatement:
		if len(x.Params) == 0 {
			w.s(x.Name.String())
			return
		}
		w.open(x.Name.String())
		w.exprs(x.Params)
		w.close()
	case *NamedWindow:
		w.open("window " + x.Name.String())
		w.sp(x.Spec)
		w.close()
	case *Assign:
		w.open("= " + NameString(x.Name))
		w.sp(x.Value)
		w.close()
	case *StructField:
		w.s(structFieldString(x))
	case *When:
		w.open("when")
		w.sp(x.Cond)
		w.sp(x.Result)
		w.close()
	case *WindowFrame:
		w.frame(x)
	case *FrameBound:
		w.bound(x)
	case *IntervalValue:
		w.intervalValue(x)
	case *TableAlias:
		w.open("as " + x.Name.String())
		if x.Columns != nil {
			w.s(" (")
			w.names(x.Columns)
			w.s(")")
		}
		w.close()
	default:
		if !w.stmt(n) {
			w.s("<?>")
		}
	}
}

func not(b bool) string {
	if b {
		return "not-"
	}
	return ""
}

func (w *sexprWriter) alias(a *TableAlias) {
	if a == nil {
		return
	}
	w.sp(a)
}

func (w *sexprWriter) intervalValue(v *IntervalValue) {
	if v.Unit == "" {
		w.s(v.Sign)
		w.node(v.Value)
		return
	}
	w.s("(" + v.Sign)
	w.node(v.Value)
	w.s(" " + v.Unit + ")")
}

func (w *sexprWriter) funcCall(x *FuncCall) {
	w.b.WriteByte('(')
	w.s("call ")
	if x.NameExpr != nil {
		w.s("(identifier")
		w.sp(x.NameExpr)
		w.s(")")
	} else {
		w.s(NameString(x.Name))
	}
	if x.Quantifier != QuantNone {
		w.s(" " + x.Quantifier.String())
	}
	w.exprs(x.Args)
	if x.Nulls != NullsDefault && x.NullsInside {
		w.s(" ignore-nulls")
	}
	w.sorts("within-group", x.WithinGroup)
	if x.Filter != nil {
		w.s(" (filter")
		w.sp(x.Filter)
		w.s(")")
	}
	if !x.NullsInside {
		switch x.Nulls {
		case IgnoreNulls:
			w.s(" ignore-nulls")
		case RespectNulls:
			w.s(" respect-nulls")
		}
	}
	if x.Over != nil {
		w.sp(x.Over)
	}
	w.close()
}

func (w *sexprWriter) windowSpec(x *WindowSpec) {
	w.open("over")
	if x.Ref != nil {
		w.s(" " + x.Ref.String())
	}
	if len(x.PartitionBy) > 0 {
		head := "partition-by"
		if x.PartitionKw == "CLUSTER" {
			head = "cluster-by"
		}
		w.group(head, x.PartitionBy)
	}
	w.sorts("order-by", x.OrderBy)
	if x.Frame != nil {
		w.sp(x.Frame)
	}
	w.close()
}

func (w *sexprWriter) frame(x *WindowFrame) {
	if x.Type == RowsFrame {
		w.open("rows ")
	} else {
		w.open("range ")
	}
	w.bound(x.Lower)
	if x.Upper != nil {
		w.s(" ")
		w.bound(x.Upper)
	}
	w.close()
}

func (w *sexprWriter) bound(b *FrameBound) {
	if b.Offset == nil {
		w.s(b.Kind.String())
		return
	}
	w.open(b.Kind.String())
	w.sp(b.Offset)
	w.close()
}

func (w *sexprWriter) with(x *With) {
	if x.Recursive {
		w.open("with-recursive")
	} else {
		w.open("with")
	}
	for _, c := range x.CTEs {
		w.sp(c)
	}
	w.close()
}

func (w *sexprWriter) query(x *Query) {
	if x.With == nil && !hasOrg(x) {
		w.node(x.Body)
		return
	}
	w.open("query")
	if x.With != nil {
		w.sp(x.With)
	}
	if x.Body != nil {
		w.sp(x.Body)
	}
	w.queryOrg(x)
	w.close()
}

func hasOrg(x *Query) bool {
	return x.OrderBy != nil || x.ClusterBy != nil || x.DistributeBy != nil || x.SortBy != nil ||
		x.Windows != nil || x.Limit != nil || x.LimitAll || x.Offset != nil
}

func (w *sexprWriter) queryOrg(x *Query) {
	w.sorts("order-by", x.OrderBy)
	w.group("cluster-by", x.ClusterBy)
	w.group("distribute-by", x.DistributeBy)
	w.sorts("sort-by", x.SortBy)
	for _, nw := range x.Windows {
		w.sp(nw)
	}
	if x.LimitAll {
		w.s(" (limit all)")
	} else if x.Limit != nil {
		w.s(" (limit")
		w.sp(x.Limit)
		w.s(")")
	}
	if x.Offset != nil {
		w.s(" (offset")
		w.sp(x.Offset)
		w.s(")")
	}
}

func (w *sexprWriter) selectBlock(x *Select) {
	w.open("select")
	for _, h := range x.Hints {
		w.sp(h)
	}
	if x.Quantifier != QuantNone {
		w.s(" " + x.Quantifier.String())
	}
	w.exprs(x.Items)
	if t := x.Transform; t != nil {
		w.s(" (" + strings.ToLower(t.Kind))
		if t.Quantifier != QuantNone {
			w.s(" " + t.Quantifier.String())
		}
		w.exprs(t.Exprs)
		w.s(" (using")
		w.sp(t.Script)
		w.s(")")
		if t.AsPos.IsValid() {
			w.s(" (as")
			for _, n := range t.OutputNames {
				w.s(" " + n.String())
			}
			for _, f := range t.OutputColumns {
				w.s(" " + structFieldString(f))
			}
			w.s(")")
		}
		w.close()
	}
	if x.From != nil {
		w.sp(x.From)
	}
	for _, lv := range x.LateralViews {
		w.sp(lv)
	}
	if x.Where != nil {
		w.s(" (where")
		w.sp(x.Where)
		w.s(")")
	}
	if x.GroupBy != nil {
		w.sp(x.GroupBy)
	}
	if x.Having != nil {
		w.s(" (having")
		w.sp(x.Having)
		w.s(")")
	}
	for _, nw := range x.Windows {
		w.sp(nw)
	}
	w.close()
}

func (w *sexprWriter) groupBy(x *GroupBy) {
	w.open("group-by")
	w.exprs(x.Items)
	switch x.Modifier {
	case "":
	case "GROUPING SETS":
		w.s(" (grouping-sets")
		for _, s := range x.Sets {
			w.sp(s)
		}
		w.s(")")
	default:
		w.s(" with-" + strings.ToLower(x.Modifier))
	}
	w.close()
}

func (w *sexprWriter) tableSample(x *TableSample) {
	w.open("tablesample")
	switch x.Kind {
	case SamplePercent:
		w.s(" (percent ")
		if x.Negative {
			w.s("-")
		}
		w.node(x.Percent)
		w.s(")")
	case SampleRows:
		w.s(" (rows")
		w.sp(x.Rows)
		w.s(")")
	case SampleBucket:
		w.s(" (bucket")
		w.sp(x.Numerator)
		w.sp(x.Denominator)
		if x.OnExpr != nil {
			w.sp(x.OnExpr)
		}
		w.s(")")
	case SampleBytes:
		w.s(" (bytes")
		w.sp(x.Bytes)
		w.s(")")
	}
	if x.Seed != nil {
		w.s(" (repeatable")
		w.sp(x.Seed)
		w.s(")")
	}
	w.close()
}

func (w *sexprWriter) pipe(x *PipeOp) {
	w.open("|> " + strings.ToLower(x.Kind))
	w.sp(x.Left)
	switch {
	case x.Select != nil:
		w.sp(x.Select)
	case x.Extend != nil:
		w.exprs(x.Extend)
	case x.Set != nil:
		for _, a := range x.Set {
			w.sp(a)
		}
	case x.Drop != nil:
		for _, d := range x.Drop {
			w.s(" " + NameString(d))
		}
	case x.AsName != nil:
		w.s(" " + x.AsName.String())
	case x.Pivot != nil || x.Unpivot != nil:
		if x.Pivot != nil {
			w.sp(x.Pivot)
		}
		if x.Unpivot != nil {
			w.sp(x.Unpivot)
		}
	case x.Sample != nil:
		w.sp(x.Sample)
	case x.Join != nil:
		w.sp(x.Join)
	case x.SetOp != nil:
		head := x.SetOp.Op.String()
		if x.SetOp.Quantifier != QuantNone {
			head += "-" + x.SetOp.Quantifier.String()
		}
		w.s(" (" + head)
		w.sp(x.SetOp.Right)
		w.s(")")
	case x.Org != nil:
		w.queryOrg(x.Org)
	}
	w.close()
}

// DataTypeString renders a data type in upper case, close to how Spark
// writes types: INT, DECIMAL(10,2), ARRAY<INT>, MAP<STRING,INT>,
// STRUCT<a:INT,b:STRING NOT NULL>, INTERVAL DAY TO SECOND.
func DataTypeString(t *DataType) string {
	if t == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString(t.Name)
	switch {
	case t.Elem != nil:
		b.WriteString("<" + DataTypeString(t.Elem) + ">")
	case t.Key != nil:
		b.WriteString("<" + DataTypeString(t.Key) + "," + DataTypeString(t.Value) + ">")
	case t.Complex:
		b.WriteString("<")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(structFieldString(f))
		}
		b.WriteString(">")
	case t.IntervalFrom != "":
		b.WriteString(" " + t.IntervalFrom)
		if t.IntervalTo != "" {
			b.WriteString(" TO " + t.IntervalTo)
		}
	}
	if len(t.Params) > 0 {
		b.WriteString("(" + strings.Join(t.Params, ",") + ")")
	}
	if t.Collation != nil {
		b.WriteString(" COLLATE " + NameString(t.Collation))
	}
	if t.WithoutTimeZone {
		b.WriteString(" WITHOUT TIME ZONE")
	}
	return b.String()
}

func structFieldString(f *StructField) string {
	s := f.Name.String() + ":" + DataTypeString(f.Type)
	if f.NotNull {
		s += " NOT NULL"
	}
	if f.Comment != nil {
		s += " COMMENT " + quoteString(f.Comment.Value)
	}
	return s
}

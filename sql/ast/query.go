package ast

// Query is a complete query: optional WITH, a query term, and the clauses
// that apply to the whole term (Spark's query: ctes? queryTerm
// queryOrganization). A Query is also a Statement.
type Query struct {
	With *With
	Body QueryExpr

	OrderBy      []*SortItem
	ClusterBy    []Expr
	DistributeBy []Expr
	SortBy       []*SortItem
	Windows      []*NamedWindow // WINDOW clause after the query term
	Limit        Expr           // nil when absent or LIMIT ALL
	LimitAll     bool
	Offset       Expr

	StartPos Pos
	EndPos   Pos
}

// With is WITH [RECURSIVE] cte, ...
type With struct {
	With      Pos
	Recursive bool
	CTEs      []*CTE
}

// CTE is one named query of a WITH clause: name [(cols)] [MAX RECURSION
// LEVEL n] [AS] (query).
type CTE struct {
	Name    *Ident
	Columns []*Ident
	// MaxRecursionLevel is the n of MAX RECURSION LEVEL n (an integer
	// literal or a parameter marker), nil when absent.
	MaxRecursionLevel Expr
	Lparen            Pos
	Query             *Query
	Rparen            Pos
}

// Hint is /*+ name(params), ... */.
type Hint struct {
	Start      Pos
	Statements []*HintStatement
	EndPos     Pos
}

// HintStatement is one hint: name or name(param, ...).
type HintStatement struct {
	Name   *Ident
	Params []Expr
	EndPos Pos
}

// Select is a SELECT block (Spark's querySpecification), or the body of a
// FROM-first query (FromFirst set, see FromQuery).
type Select struct {
	Select     Pos
	Hints      []*Hint
	Quantifier SetQuantifier
	Items      []Expr // the select list; *Alias for named items
	// Transform is set for a script transformation (SELECT TRANSFORM(...)
	// USING ..., MAP ..., REDUCE ...); Items is then empty.
	Transform    *Transform
	From         *From // nil without FROM
	LateralViews []*LateralView
	Where        Expr
	GroupBy      *GroupBy
	Having       Expr
	Windows      []*NamedWindow
	EndPos       Pos
}

// Transform is a script transformation: SELECT TRANSFORM (exprs),
// MAP exprs or REDUCE exprs, run through USING 'script'.
type Transform struct {
	Kind         string // TRANSFORM, MAP or REDUCE
	KwPos        Pos
	Quantifier   SetQuantifier
	Exprs        []Expr
	InRowFormat  *RowFormat
	RecordWriter *Literal
	Script       *Literal
	// The output schema after AS: names only (OutputNames) or names with
	// types (OutputColumns); AsPos is invalid without AS.
	AsPos         Pos
	OutputNames   []*Ident
	OutputColumns []*StructField
	OutRowFormat  *RowFormat
	RecordReader  *Literal
	EndPos        Pos
}

// RowFormat is ROW FORMAT SERDE '...' [WITH SERDEPROPERTIES (...)] or
// ROW FORMAT DELIMITED [FIELDS TERMINATED BY ...] ...
type RowFormat struct {
	Row         Pos
	Serde       *Literal
	SerdeProps  []*Property
	Delimited   bool
	FieldsTerm  *Literal
	EscapedBy   *Literal
	CollItems   *Literal
	MapKeys     *Literal
	LinesTerm   *Literal
	NullDefined *Literal
	EndPos      Pos
}

func (x *Transform) Pos() Pos { return x.KwPos }
func (x *Transform) End() Pos { return x.EndPos }
func (x *RowFormat) Pos() Pos { return x.Row }
func (x *RowFormat) End() Pos { return x.EndPos }

// From is a FROM clause: relations separated by commas, followed by
// LATERAL VIEWs and an optional PIVOT or UNPIVOT of the whole clause.
type From struct {
	From         Pos
	Relations    []Relation
	LateralViews []*LateralView
	Pivot        *PivotClause
	Unpivot      *UnpivotClause
	EndPos       Pos
}

// FromQuery is a FROM-first query: FROM relations, followed by zero or more
// bodies (SELECT ... [WHERE ...] ...). Several bodies are combined with
// UNION ALL by Spark; no body means SELECT *.
type FromQuery struct {
	From   *From
	Bodies []*FromBody
}

// FromBody is one body of a FROM-first query.
type FromBody struct {
	Select *Select // the SELECT clause and its WHERE/GROUP BY/...; Select.From is nil
	Org    *Query  // ORDER BY/LIMIT/... of the body (Org.Body is nil); nil if none
}

// LateralView is LATERAL VIEW [OUTER] func(args) table [AS] col, ...
type LateralView struct {
	Lateral Pos
	Outer   bool
	Func    *FuncCall
	Table   *Ident
	Columns []*Ident
	EndPos  Pos
}

// PivotClause is PIVOT (aggs FOR col IN (values)).
type PivotClause struct {
	Pivot      Pos
	Aggregates []Expr   // may contain *Alias
	Columns    []*Ident // one column, or a parenthesized list
	Values     []Expr   // may contain *Alias
	Rparen     Pos
}

// UnpivotClause is UNPIVOT [INCLUDE|EXCLUDE NULLS] (...) [[AS] alias].
type UnpivotClause struct {
	Unpivot      Pos
	IncludeNulls bool
	ExcludeNulls bool
	// ValueColumns are the value column names; one for the single-value
	// form, several (parenthesized) for the multi-value form.
	ValueColumns []*Ident
	NameColumn   *Ident
	// Columns are the unpivoted columns: each entry is one column (single
	// value form) or one parenthesized set of columns (multi-value form).
	Columns []*UnpivotColumns
	Alias   *Ident
	EndPos  Pos
}

// UnpivotColumns is one entry of the IN list of UNPIVOT.
type UnpivotColumns struct {
	Columns [][]*Ident
	Alias   *Ident
}

// GroupBy is a GROUP BY clause.
type GroupBy struct {
	Group Pos
	// Items are grouping expressions, *GroupingAnalytics (ROLLUP, CUBE,
	// GROUPING SETS), or the single column reference ALL for GROUP BY ALL.
	Items []Expr
	// Modifier is the legacy trailing form: "ROLLUP" or "CUBE" for
	// WITH ROLLUP / WITH CUBE, "GROUPING SETS" with Sets for
	// GROUP BY a, b GROUPING SETS ((a), (b)).
	Modifier string
	Sets     []*GroupingSet
	EndPos   Pos
}

// IsGroupByAll reports whether the clause is GROUP BY ALL: its only item is
// the unquoted single-part name ALL. (Spark still prefers a column named
// "all" if one exists.)
func (g *GroupBy) IsGroupByAll() bool {
	if g == nil || len(g.Items) != 1 || g.Modifier != "" {
		return false
	}
	c, ok := g.Items[0].(*ColumnRef)
	return ok && len(c.Parts) == 1 && !c.Parts[0].Quoted && equalFoldASCII(c.Parts[0].Name, "ALL")
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// NamedWindow is name AS window-spec in a WINDOW clause.
type NamedWindow struct {
	Name *Ident
	Spec *WindowSpec
}

func (x *NamedWindow) Pos() Pos { return x.Name.Pos() }
func (x *NamedWindow) End() Pos { return x.Spec.End() }

// SetOpKind is UNION, INTERSECT or EXCEPT (also written MINUS).
type SetOpKind int

const (
	Union SetOpKind = iota
	Intersect
	Except
)

func (k SetOpKind) String() string {
	switch k {
	case Intersect:
		return "intersect"
	case Except:
		return "except"
	}
	return "union"
}

// SetOp combines two query terms with UNION, INTERSECT or EXCEPT.
type SetOp struct {
	Op         SetOpKind
	OpPos      Pos
	OpText     string // as written (EXCEPT or MINUS, ...)
	Quantifier SetQuantifier
	Left       QueryExpr
	Right      QueryExpr
}

// ParenQuery is a parenthesized query used as a query term.
type ParenQuery struct {
	Lparen Pos
	Query  *Query
	Rparen Pos
}

// TableQuery is TABLE name used as a query.
type TableQuery struct {
	Table    Pos
	Name     []*Ident
	NameExpr Expr // TABLE IDENTIFIER(expr)
	EndPos   Pos
}

// Values is an inline table: VALUES row, ... [[AS] alias [(cols)]]. A row
// is one expression; a *RowExpr stands for a row of several columns.
// Values is both a query term and a relation.
type Values struct {
	Values Pos
	Rows   []Expr
	Alias  *TableAlias
	EndPos Pos
}

// PipeOp is query |> operator (Spark's SQL pipe syntax).
type PipeOp struct {
	Left    QueryExpr
	PipePos Pos
	// Kind is the operator keyword in upper case: SELECT, EXTEND, SET,
	// DROP, AS, WHERE, PIVOT, UNPIVOT, TABLESAMPLE, JOIN, UNION, EXCEPT,
	// INTERSECT, AGGREGATE, or ORDER (for ORDER BY/LIMIT/OFFSET/... clauses).
	Kind string
	// Select is the operator for SELECT (Items, Windows), WHERE (Where,
	// Windows), AGGREGATE (Items, GroupBy).
	Select  *Select
	Extend  []Expr     // EXTEND items
	Set     []*Assign  // SET assignments
	Drop    [][]*Ident // DROP columns
	AsName  *Ident     // AS name
	Pivot   *PivotClause
	Unpivot *UnpivotClause
	Sample  *TableSample
	Join    *Join  // JOIN: Left is nil
	SetOp   *SetOp // UNION/EXCEPT/INTERSECT: Left is nil
	Org     *Query // ORDER BY/LIMIT/...: Body is nil
	EndPos  Pos
}

// Assign is name = expr in a pipe SET operator.
type Assign struct {
	Name  []*Ident
	Value Expr
}

// TableAlias is [AS] name [(col, ...)] after a relation.
type TableAlias struct {
	As      Pos // position of AS, if written
	Name    *Ident
	Columns []*Ident
	EndPos  Pos
}

func (x *TableAlias) Pos() Pos {
	if x.As.IsValid() {
		return x.As
	}
	return x.Name.Pos()
}
func (x *TableAlias) End() Pos { return x.EndPos }

// TemporalClause is FOR SYSTEM_VERSION AS OF v / FOR SYSTEM_TIME AS OF ts
// (FOR is optional; VERSION and TIMESTAMP are synonyms).
type TemporalClause struct {
	StartPos  Pos
	Kind      string // "VERSION" or "TIMESTAMP"
	Version   *Literal
	Timestamp Expr
	EndPos    Pos
}

// Property is key [=] value in an options list.
type Property struct {
	Key    []*Ident // dotted identifier key, or nil when KeyStr is used
	KeyStr *Literal
	Value  *Literal // may be nil
	// ValueExpr is the value of an OPTIONS entry of CREATE TABLE when it
	// is an expression other than a literal (Value is then nil).
	ValueExpr Expr
	StartPos  Pos
	EndPos    Pos
}

// TableSampleKind is the method of TABLESAMPLE.
type TableSampleKind int

const (
	SamplePercent TableSampleKind = iota // TABLESAMPLE (x PERCENT)
	SampleRows                           // TABLESAMPLE (expr ROWS)
	SampleBucket                         // TABLESAMPLE (BUCKET x OUT OF y [ON ...])
	SampleBytes                          // TABLESAMPLE (100M)
	SampleEmpty                          // TABLESAMPLE ()
)

// TableSample is TABLESAMPLE (...) [REPEATABLE (seed)].
type TableSample struct {
	TableSample Pos
	Kind        TableSampleKind
	Negative    bool     // SamplePercent: a minus sign before the number
	Percent     *Literal // SamplePercent
	Rows        Expr     // SampleRows
	Bytes       Expr     // SampleBytes
	Numerator   *Literal // SampleBucket
	Denominator *Literal // SampleBucket
	OnExpr      Expr     // SampleBucket ON identifier / ON function()
	Seed        *Literal // REPEATABLE (seed)
	EndPos      Pos
}

// TableName is a table, view or path reference in FROM.
type TableName struct {
	// Stream is set for STREAM name or STREAM (name): a streaming read.
	Stream    bool
	StreamPos Pos
	Name      []*Ident
	NameExpr  Expr // IDENTIFIER(expr)
	NamePos   Pos
	NameEnd   Pos
	Temporal  *TemporalClause
	Options   []*Property // WITH (k = v, ...)
	Sample    *TableSample
	Watermark *Watermark
	Alias     *TableAlias
	EndPos    Pos
}

// Watermark is WATERMARK column DELAY OF interval, after a relation of a
// streaming query.
type Watermark struct {
	Watermark Pos
	Column    Expr // a named expression: possibly an *Alias
	Delay     Expr // an interval literal
}

func (x *Watermark) Pos() Pos { return x.Watermark }
func (x *Watermark) End() Pos { return x.Delay.End() }

// SubqueryRelation is [LATERAL] (query) [sample] [alias] in FROM.
type SubqueryRelation struct {
	Lateral    bool
	LateralPos Pos
	Lparen     Pos
	Query      *Query
	Rparen     Pos
	Sample     *TableSample
	Watermark  *Watermark
	Alias      *TableAlias
	EndPos     Pos
}

// ParenRelation is (relation) [sample] [alias] in FROM.
type ParenRelation struct {
	Lparen    Pos
	Relation  Relation
	Rparen    Pos
	Sample    *TableSample
	Watermark *Watermark
	Alias     *TableAlias
	EndPos    Pos
}

// TableFunction is a call of a table-valued function in FROM:
// [LATERAL] range(10) [alias].
type TableFunction struct {
	Lateral    bool
	LateralPos Pos
	Call       *FuncCall // arguments may contain *TableArg and *NamedArg
	Watermark  *Watermark
	Alias      *TableAlias
	EndPos     Pos
}

// JoinType is the kind of a join.
type JoinType int

const (
	InnerJoin JoinType = iota
	CrossJoin
	LeftOuterJoin
	RightOuterJoin
	FullOuterJoin
	LeftSemiJoin
	LeftAntiJoin
)

var joinTypeNames = [...]string{
	InnerJoin: "inner", CrossJoin: "cross", LeftOuterJoin: "left", RightOuterJoin: "right",
	FullOuterJoin: "full", LeftSemiJoin: "semi", LeftAntiJoin: "anti",
}

func (t JoinType) String() string {
	if t >= 0 && int(t) < len(joinTypeNames) {
		return joinTypeNames[t]
	}
	return "?"
}

// Join is left [NATURAL] type JOIN [LATERAL] right [ON cond | USING (cols)].
type Join struct {
	Left    Relation // nil in a pipe JOIN operator
	Type    JoinType
	TypePos Pos // position of the first keyword of the join
	Natural bool
	Lateral bool
	Right   Relation
	On      Expr
	Using   []*Ident
	EndPos  Pos
}

// PivotRelation is relation PIVOT (...) used as a relation extension.
type PivotRelation struct {
	Source Relation
	Pivot  *PivotClause
}

// UnpivotRelation is relation UNPIVOT (...) used as a relation extension.
type UnpivotRelation struct {
	Source  Relation
	Unpivot *UnpivotClause
}

// Positions.

func (x *Query) Pos() Pos          { return x.StartPos }
func (x *Query) End() Pos          { return x.EndPos }
func (x *With) Pos() Pos           { return x.With }
func (x *With) End() Pos           { return x.CTEs[len(x.CTEs)-1].End() }
func (x *CTE) Pos() Pos            { return x.Name.Pos() }
func (x *CTE) End() Pos            { return x.Rparen }
func (x *Hint) Pos() Pos           { return x.Start }
func (x *Hint) End() Pos           { return x.EndPos }
func (x *HintStatement) Pos() Pos  { return x.Name.Pos() }
func (x *HintStatement) End() Pos  { return x.EndPos }
func (x *Select) Pos() Pos         { return x.Select }
func (x *Select) End() Pos         { return x.EndPos }
func (x *From) Pos() Pos           { return x.From }
func (x *From) End() Pos           { return x.EndPos }
func (x *FromQuery) Pos() Pos      { return x.From.Pos() }
func (x *LateralView) Pos() Pos    { return x.Lateral }
func (x *LateralView) End() Pos    { return x.EndPos }
func (x *PivotClause) Pos() Pos    { return x.Pivot }
func (x *PivotClause) End() Pos    { return x.Rparen }
func (x *UnpivotClause) Pos() Pos  { return x.Unpivot }
func (x *UnpivotClause) End() Pos  { return x.EndPos }
func (x *GroupBy) Pos() Pos        { return x.Group }
func (x *GroupBy) End() Pos        { return x.EndPos }
func (x *SetOp) Pos() Pos          { return x.Left.Pos() }
func (x *SetOp) End() Pos          { return x.Right.End() }
func (x *ParenQuery) Pos() Pos     { return x.Lparen }
func (x *ParenQuery) End() Pos     { return x.Rparen }
func (x *TableQuery) Pos() Pos     { return x.Table }
func (x *TableQuery) End() Pos     { return x.EndPos }
func (x *Values) Pos() Pos         { return x.Values }
func (x *Values) End() Pos         { return x.EndPos }
func (x *PipeOp) Pos() Pos         { return x.Left.Pos() }
func (x *PipeOp) End() Pos         { return x.EndPos }
func (x *Assign) Pos() Pos         { return namePos(x.Name) }
func (x *Assign) End() Pos         { return x.Value.End() }
func (x *TemporalClause) Pos() Pos { return x.StartPos }
func (x *TemporalClause) End() Pos { return x.EndPos }
func (x *Property) Pos() Pos       { return x.StartPos }
func (x *Property) End() Pos       { return x.EndPos }
func (x *TableSample) Pos() Pos    { return x.TableSample }
func (x *TableSample) End() Pos    { return x.EndPos }
func (x *TableName) Pos() Pos {
	if x.Stream {
		return x.StreamPos
	}
	return x.NamePos
}
func (x *TableName) End() Pos        { return x.EndPos }
func (x *SubqueryRelation) Pos() Pos { return subqueryRelPos(x) }
func (x *SubqueryRelation) End() Pos { return x.EndPos }
func (x *ParenRelation) Pos() Pos    { return x.Lparen }
func (x *ParenRelation) End() Pos    { return x.EndPos }
func (x *TableFunction) Pos() Pos    { return tableFuncPos(x) }
func (x *TableFunction) End() Pos    { return x.EndPos }
func (x *Join) Pos() Pos             { return joinPos(x) }
func (x *Join) End() Pos             { return x.EndPos }
func (x *PivotRelation) Pos() Pos    { return x.Source.Pos() }
func (x *PivotRelation) End() Pos    { return x.Pivot.End() }
func (x *UnpivotRelation) Pos() Pos  { return x.Source.Pos() }
func (x *UnpivotRelation) End() Pos  { return x.Unpivot.End() }

func (x *FromQuery) End() Pos {
	if len(x.Bodies) == 0 {
		return x.From.End()
	}
	b := x.Bodies[len(x.Bodies)-1]
	if b.Org != nil {
		return b.Org.End()
	}
	return b.Select.End()
}

func subqueryRelPos(x *SubqueryRelation) Pos {
	if x.Lateral {
		return x.LateralPos
	}
	return x.Lparen
}

func tableFuncPos(x *TableFunction) Pos {
	if x.Lateral {
		return x.LateralPos
	}
	return x.Call.Pos()
}

func joinPos(x *Join) Pos {
	if x.Left != nil {
		return x.Left.Pos()
	}
	return x.TypePos
}

func (*Query) stmtNode() {}

func (*Select) queryExprNode()     {}
func (*FromQuery) queryExprNode()  {}
func (*SetOp) queryExprNode()      {}
func (*ParenQuery) queryExprNode() {}
func (*TableQuery) queryExprNode() {}
func (*Values) queryExprNode()     {}
func (*PipeOp) queryExprNode()     {}

func (*TableName) relationNode()        {}
func (*SubqueryRelation) relationNode() {}
func (*ParenRelation) relationNode()    {}
func (*TableFunction) relationNode()    {}
func (*Values) relationNode()           {}
func (*Join) relationNode()             {}
func (*PivotRelation) relationNode()    {}
func (*UnpivotRelation) relationNode()  {}

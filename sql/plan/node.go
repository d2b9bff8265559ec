package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// Node is a logical plan node. Unresolved nodes come from lowering; the analyzer returns
// a tree of resolved nodes whose expressions are all Resolved and whose Output is known.
type Node interface {
	Children() []Node
	WithChildren(children []Node) Node
	// Describe is the one-line form used by explain output.
	Describe() string
	// Output is the resolved node's columns (nil before resolution).
	Output() []*AttributeRef
}

// ---- leaves ----

// OneRow is the single empty row a SELECT without FROM reads.
type OneRow struct{}

// Range is spark.range / the range() table function: one bigint column "id".
type Range struct {
	Start, End, Step int64
	NumPartitions    int // 0: the default parallelism
	Out              []*AttributeRef
}

// LocalData is data held in the plan: batches sent by the client (LocalRelation), inline
// tables, command results. Schema is the Spark schema to read the batches as.
type LocalData struct {
	ArrowSchema *arrow.Schema
	Batches     []arrow.RecordBatch
	Schema      *types.StructType // nil: derived from the Arrow schema
	Out         []*AttributeRef
}

// UnresolvedRelation is a table or view by name.
type UnresolvedRelation struct {
	Name    []string
	Options map[string]string
	// Temporal is a time-travel clause (VERSION/TIMESTAMP AS OF); unsupported for now.
	Temporal string
}

// UnresolvedTableFunction is a table-valued function call in FROM: range(10), explode(...).
type UnresolvedTableFunction struct {
	Name     []string
	Args     []Expr
	ArgNames []string
}

// Values is an inline table: VALUES (1, 'a'), (2, 'b'). Names are the column names (col1,
// col2, ... when not given).
type Values struct {
	Rows  [][]Expr
	Names []string
	Out   []*AttributeRef
}

// TableScan reads a catalog table. Table is the catalog's handle (opaque to the plan);
// Out are its columns.
type TableScan struct {
	Name  []string // the fully qualified name
	Table any
	Out   []*AttributeRef
	// Columns are the positions in the table of Out's columns when the optimizer pruned
	// the scan to fewer columns; nil means all, in order.
	Columns []int
}

// DataSourceRead reads files directly: spark.read.format(...).load(paths).
type DataSourceRead struct {
	Format  string
	Paths   []string
	Schema  *types.StructType // user schema, or nil to infer
	Options map[string]string
	Out     []*AttributeRef
	// Handle is the opened files the physical planner scans (set by the analyzer).
	Handle any
	// Columns are the positions in the files' schema of Out's columns when the optimizer
	// pruned the read to fewer columns; nil means all, in order.
	Columns []int
}

// PlanIDTag marks the relation a Spark Connect client gave a plan id, so that columns
// referring to that DataFrame (df["a"], with the id) resolve against it. The analyzer
// records the output and drops the tag.
type PlanIDTag struct {
	Child Node
	ID    int64
}

// CTERef refers to a WITH-clause query by name, after the analyzer inlined it.
type CTERef struct {
	Name string
}

// ---- unary ----

// Project computes expressions over its child (SELECT list, df.select).
type Project struct {
	Child Node
	Exprs []Expr
	// Hidden are columns a USING or NATURAL join's projection drops that qualified names
	// may still reach (nt2.k, nt2.*), as Spark's hidden output; the analyzer adds one to
	// Exprs when something above refers to it.
	Hidden []*AttributeRef
	// PipeClause names the pipe operator (|> SELECT, EXTEND, SET) the projection came from,
	// where aggregate functions are not allowed.
	PipeClause string
}

// Filter keeps rows where Cond is true (WHERE, df.filter). Having marks a HAVING clause,
// which the analyzer resolves against the aggregate below it.
type Filter struct {
	Child  Node
	Cond   Expr
	Having bool
}

// Aggregate groups its child by Groups and computes Exprs (grouping columns, aggregate
// calls and expressions over both). GroupingSets, when set, lists for each grouping set the
// indexes of Groups it keeps (ROLLUP, CUBE, GROUPING SETS).
type Aggregate struct {
	Child        Node
	Groups       []Expr
	Exprs        []Expr
	GroupingSets [][]int
	// GroupByAll is GROUP BY ALL: the analyzer infers Groups from Exprs.
	GroupByAll bool
}

// Sort orders rows. Global is ORDER BY; otherwise SORT BY (within partitions).
type Sort struct {
	Child  Node
	Orders []*SortOrder
	Global bool
}

// Limit keeps the first N rows (N is a constant expression).
type Limit struct {
	Child Node
	N     Expr
}

// Offset skips the first N rows.
type Offset struct {
	Child Node
	N     Expr
}

// Tail keeps the last N rows (df.tail).
type Tail struct {
	Child Node
	N     Expr
}

// SubqueryAlias names its child's columns with a qualifier: FROM t AS x, (subquery) x.
type SubqueryAlias struct {
	Child Node
	Alias []string
}

// Distinct removes duplicate rows.
type Distinct struct {
	Child Node
}

// Deduplicate removes rows duplicated on Columns (df.dropDuplicates(cols)); all columns
// when AllColumns is set.
type Deduplicate struct {
	Child      Node
	Columns    []string
	AllColumns bool
	Keys       []*AttributeRef // resolved
}

// Window computes window functions (Exprs are aliased *WindowCall) over its child; the
// output is the child's columns followed by them.
type Window struct {
	Child       Node
	Exprs       []Expr
	PartitionBy []Expr
	OrderBy     []*SortOrder
}

// Generate applies a generator (explode, posexplode, inline, stack, ...) to each row;
// the output is the child's columns (unless Unrequired) followed by the generator's.
type Generate struct {
	Child     Node
	Generator Expr
	Outer     bool
	Qualifier string
	Names     []string
	Out       []*AttributeRef // the generator's output columns (resolved)
	// Unrequired are the positions of child columns left out of the output (Spark's
	// unrequiredChildIndex), e.g. the collection a select list explodes.
	Unrequired []int
}

// Sample keeps a random fraction of rows.
type Sample struct {
	Child        Node
	Lower, Upper float64
	Replacement  bool
	Seed         int64
}

// Repartition changes partitioning: N partitions, by Keys (hash) or round robin.
type Repartition struct {
	Child   Node
	N       int
	Keys    []Expr
	Shuffle bool
}

// RenameColumns gives the child's columns new names, all of them, in order (df.toDF).
type RenameColumns struct {
	Child Node
	Names []string
}

// ShowString renders the child as Spark's df.show() text: one row, one string column.
type ShowString struct {
	Child    Node
	NumRows  int
	Truncate int
	Vertical bool
	Out      []*AttributeRef
}

// WithCTE holds a WITH clause over its body: the CTEs are resolved in order and the body
// refers to them by name.
type WithCTE struct {
	Child     Node
	CTEs      []*CTEDef
	Recursive bool
}

// CTEDef is one named query of a WITH clause.
type CTEDef struct {
	Name    string
	Columns []string
	Query   Node
	// MaxDepth is the n of MAX RECURSION LEVEL n (nil when not given).
	MaxDepth Expr
}

// ---- binary ----

// JoinType is the kind of join.
type JoinType uint8

const (
	InnerJoin JoinType = iota
	LeftOuterJoin
	RightOuterJoin
	FullOuterJoin
	LeftSemiJoin
	LeftAntiJoin
	CrossJoin
	// NullAwareLeftAntiJoin is NOT IN (subquery) on one column, which only the optimizer
	// makes: Cond is the equality; a NULL on either side keeps no left row unless the right
	// side is empty.
	NullAwareLeftAntiJoin
	// ExistenceJoin, which only the optimizer makes (IN and EXISTS subqueries inside other
	// expressions), outputs every left row once with Exists: whether some right row
	// satisfies Cond.
	ExistenceJoin
	// LeftSingleJoin is a left outer join for a scalar subquery: a left row that more than
	// one right row satisfies Cond with is an error.
	LeftSingleJoin
)

func (t JoinType) String() string {
	return [...]string{"Inner", "LeftOuter", "RightOuter", "FullOuter", "LeftSemi", "LeftAnti", "Cross", "NullAwareLeftAnti",
		"ExistenceJoin", "LeftSingle"}[t]
}

// Join combines two inputs. Using lists USING columns (Natural: the common ones); the
// analyzer turns both into Cond and a projection.
type Join struct {
	Left, Right Node
	Type        JoinType
	Cond        Expr
	Using       []string
	Natural     bool
	// Lateral marks a LATERAL subquery on the right, which may refer to the left's columns.
	Lateral bool
	// Exists is the boolean column an ExistenceJoin adds.
	Exists *AttributeRef
}

// SetOpKind is UNION, INTERSECT or EXCEPT.
type SetOpKind uint8

const (
	UnionOp SetOpKind = iota
	IntersectOp
	ExceptOp
)

func (k SetOpKind) String() string { return [...]string{"Union", "Intersect", "Except"}[k] }

// SetOp combines two inputs by position (or by name for unionByName).
type SetOp struct {
	Left, Right  Node
	Kind         SetOpKind
	All          bool
	ByName       bool
	AllowMissing bool
}

// MapNodeChildren returns n with f applied to each of its children, or n itself when f
// changed none.
func MapNodeChildren(n Node, f func(Node) Node) Node {
	children := n.Children()
	var next []Node
	for i, c := range children {
		m := f(c)
		if m != c && next == nil {
			next = append([]Node(nil), children...)
		}
		if next != nil {
			next[i] = m
		}
	}
	if next == nil {
		return n
	}
	return n.WithChildren(next)
}

// ---- Children / WithChildren ----

func (OneRow) Children() []Node                   { return nil }
func (*Range) Children() []Node                   { return nil }
func (*LocalData) Children() []Node               { return nil }
func (*UnresolvedRelation) Children() []Node      { return nil }
func (*UnresolvedTableFunction) Children() []Node { return nil }
func (*Values) Children() []Node                  { return nil }
func (*TableScan) Children() []Node               { return nil }
func (*DataSourceRead) Children() []Node          { return nil }
func (*CTERef) Children() []Node                  { return nil }
func (n *Project) Children() []Node               { return []Node{n.Child} }
func (n *Filter) Children() []Node                { return []Node{n.Child} }
func (n *Aggregate) Children() []Node             { return []Node{n.Child} }
func (n *Sort) Children() []Node                  { return []Node{n.Child} }
func (n *Limit) Children() []Node                 { return []Node{n.Child} }
func (n *Offset) Children() []Node                { return []Node{n.Child} }
func (n *Tail) Children() []Node                  { return []Node{n.Child} }
func (n *SubqueryAlias) Children() []Node         { return []Node{n.Child} }
func (n *Distinct) Children() []Node              { return []Node{n.Child} }
func (n *Deduplicate) Children() []Node           { return []Node{n.Child} }
func (n *Window) Children() []Node                { return []Node{n.Child} }
func (n *Generate) Children() []Node              { return []Node{n.Child} }
func (n *Sample) Children() []Node                { return []Node{n.Child} }
func (n *Repartition) Children() []Node           { return []Node{n.Child} }
func (n *RenameColumns) Children() []Node         { return []Node{n.Child} }
func (n *ShowString) Children() []Node            { return []Node{n.Child} }
func (n *WithCTE) Children() []Node               { return []Node{n.Child} }
func (n *Join) Children() []Node                  { return []Node{n.Left, n.Right} }
func (n *SetOp) Children() []Node                 { return []Node{n.Left, n.Right} }
func (n OneRow) WithChildren([]Node) Node         { return n }
func (n *Range) WithChildren([]Node) Node         { return n }
func (n *LocalData) WithChildren([]Node) Node     { return n }
func (n *UnresolvedRelation) WithChildren([]Node) Node {
	return n
}
func (n *UnresolvedTableFunction) WithChildren([]Node) Node { return n }
func (n *Values) WithChildren([]Node) Node                  { return n }
func (n *TableScan) WithChildren([]Node) Node               { return n }
func (n *DataSourceRead) WithChildren([]Node) Node          { return n }
func (n *CTERef) WithChildren([]Node) Node                  { return n }
func (n *Project) WithChildren(c []Node) Node               { m := *n; m.Child = c[0]; return &m }
func (n *Filter) WithChildren(c []Node) Node                { m := *n; m.Child = c[0]; return &m }
func (n *Aggregate) WithChildren(c []Node) Node             { m := *n; m.Child = c[0]; return &m }
func (n *Sort) WithChildren(c []Node) Node                  { m := *n; m.Child = c[0]; return &m }
func (n *Limit) WithChildren(c []Node) Node                 { m := *n; m.Child = c[0]; return &m }
func (n *Offset) WithChildren(c []Node) Node                { m := *n; m.Child = c[0]; return &m }
func (n *Tail) WithChildren(c []Node) Node                  { m := *n; m.Child = c[0]; return &m }
func (n *SubqueryAlias) WithChildren(c []Node) Node         { m := *n; m.Child = c[0]; return &m }
func (n *Distinct) WithChildren(c []Node) Node              { m := *n; m.Child = c[0]; return &m }
func (n *Deduplicate) WithChildren(c []Node) Node           { m := *n; m.Child = c[0]; return &m }
func (n *Window) WithChildren(c []Node) Node                { m := *n; m.Child = c[0]; return &m }
func (n *Generate) WithChildren(c []Node) Node              { m := *n; m.Child = c[0]; return &m }
func (n *Sample) WithChildren(c []Node) Node                { m := *n; m.Child = c[0]; return &m }
func (n *Repartition) WithChildren(c []Node) Node           { m := *n; m.Child = c[0]; return &m }
func (n *RenameColumns) WithChildren(c []Node) Node         { m := *n; m.Child = c[0]; return &m }
func (n *ShowString) WithChildren(c []Node) Node            { m := *n; m.Child = c[0]; return &m }
func (n *WithCTE) WithChildren(c []Node) Node               { m := *n; m.Child = c[0]; return &m }
func (n *Join) WithChildren(c []Node) Node {
	m := *n
	m.Left, m.Right = c[0], c[1]
	return &m
}
func (n *SetOp) WithChildren(c []Node) Node {
	m := *n
	m.Left, m.Right = c[0], c[1]
	return &m
}

// ---- Output ----

func (OneRow) Output() []*AttributeRef                   { return []*AttributeRef{} }
func (n *Range) Output() []*AttributeRef                 { return n.Out }
func (n *LocalData) Output() []*AttributeRef             { return n.Out }
func (*UnresolvedRelation) Output() []*AttributeRef      { return nil }
func (*UnresolvedTableFunction) Output() []*AttributeRef { return nil }
func (n *Values) Output() []*AttributeRef                { return n.Out }
func (n *TableScan) Output() []*AttributeRef             { return n.Out }
func (n *DataSourceRead) Output() []*AttributeRef        { return n.Out }
func (*CTERef) Output() []*AttributeRef                  { return nil }
func (n *Project) Output() []*AttributeRef               { return attrsOf(n.Exprs) }
func (n *Filter) Output() []*AttributeRef                { return n.Child.Output() }
func (n *Aggregate) Output() []*AttributeRef {
	out := attrsOf(n.Exprs)
	if n.GroupingSets == nil || out == nil {
		return out
	}
	// A grouping column is NULL in the rows of the sets that leave it out.
	groups := map[string]bool{}
	for _, g := range n.Groups {
		groups[SemanticKey(g)] = true
	}
	for i, e := range n.Exprs {
		if al, ok := e.(*Alias); ok {
			e = al.Child
		}
		if groups[SemanticKey(e)] && !out[i].Null {
			a := *out[i]
			a.Null = true
			out[i] = &a
		}
	}
	return out
}
func (n *Sort) Output() []*AttributeRef   { return n.Child.Output() }
func (n *Limit) Output() []*AttributeRef  { return n.Child.Output() }
func (n *Offset) Output() []*AttributeRef { return n.Child.Output() }
func (n *Tail) Output() []*AttributeRef   { return n.Child.Output() }
func (n *SubqueryAlias) Output() []*AttributeRef {
	in := n.Child.Output()
	out := make([]*AttributeRef, len(in))
	for i, a := range in {
		b := *a
		b.Qualifier = n.Alias
		out[i] = &b
	}
	return out
}
func (n *Distinct) Output() []*AttributeRef    { return n.Child.Output() }
func (n *Deduplicate) Output() []*AttributeRef { return n.Child.Output() }
func (n *Window) Output() []*AttributeRef {
	return append(append([]*AttributeRef(nil), n.Child.Output()...), attrsOf(n.Exprs)...)
}
func (n *Generate) Output() []*AttributeRef {
	in := n.Child.Output()
	out := make([]*AttributeRef, 0, len(in)+len(n.Out))
	for i, a := range in {
		if !slices.Contains(n.Unrequired, i) {
			out = append(out, a)
		}
	}
	return append(out, n.Out...)
}
func (n *Sample) Output() []*AttributeRef      { return n.Child.Output() }
func (n *Repartition) Output() []*AttributeRef { return n.Child.Output() }
func (n *RenameColumns) Output() []*AttributeRef {
	in := n.Child.Output()
	if in == nil || len(in) != len(n.Names) {
		return nil
	}
	out := make([]*AttributeRef, len(in))
	for i, a := range in {
		b := *a
		b.Name = n.Names[i]
		out[i] = &b
	}
	return out
}
func (n *ShowString) Output() []*AttributeRef { return n.Out }
func (n *WithCTE) Output() []*AttributeRef    { return n.Child.Output() }
func (n *Join) Output() []*AttributeRef {
	l, r := n.Left.Output(), n.Right.Output()
	switch n.Type {
	case LeftSemiJoin, LeftAntiJoin, NullAwareLeftAntiJoin:
		return l
	case LeftOuterJoin, LeftSingleJoin:
		return append(append([]*AttributeRef(nil), l...), nullable(r)...)
	case ExistenceJoin:
		return append(append([]*AttributeRef(nil), l...), n.Exists)
	case RightOuterJoin:
		return append(nullable(l), r...)
	case FullOuterJoin:
		return append(nullable(l), nullable(r)...)
	}
	return append(append([]*AttributeRef(nil), l...), r...)
}
func (n *SetOp) Output() []*AttributeRef {
	l, r := n.Left.Output(), n.Right.Output()
	if len(l) != len(r) {
		return l
	}
	out := make([]*AttributeRef, len(l))
	for i, a := range l {
		b := *a
		switch n.Kind {
		case UnionOp:
			b.Null = a.Null || r[i].Null
		case IntersectOp:
			b.Null = a.Null && r[i].Null
		}
		out[i] = &b
	}
	return out
}

func attrsOf(es []Expr) []*AttributeRef {
	out := make([]*AttributeRef, len(es))
	for i, e := range es {
		if _, ok := e.(Resolved); !ok {
			return nil
		}
		out[i] = ToAttribute(e)
	}
	return out
}

func nullable(as []*AttributeRef) []*AttributeRef {
	out := make([]*AttributeRef, len(as))
	for i, a := range as {
		b := *a
		b.Null = true
		out[i] = &b
	}
	return out
}

// Schema is the Spark schema of a resolved node's output.
func Schema(n Node) *types.StructType {
	st := types.NewStruct()
	for _, a := range n.Output() {
		f := types.NewField(a.Name, a.Type, a.Null)
		if a.Metadata != "" {
			// Column metadata (a table column's comment, df.alias(metadata=...)) is part
			// of the schema, as in Spark.
			if md, err := types.ParseMetadata(a.Metadata); err == nil {
				f.Metadata = md
			}
		}
		st = st.Add(f)
	}
	return st
}

// ---- Describe ----

func (OneRow) Describe() string { return "OneRowRelation" }
func (r *Range) Describe() string {
	return fmt.Sprintf("Range (%d, %d, step=%d, splits=%d)", r.Start, r.End, r.Step, r.NumPartitions)
}
func (l *LocalData) Describe() string { return "LocalRelation " + attrList(l.Out) }
func (r *UnresolvedRelation) Describe() string {
	return "'UnresolvedRelation [" + strings.Join(r.Name, ", ") + "]"
}
func (f *UnresolvedTableFunction) Describe() string {
	return "'UnresolvedTableValuedFunction [" + strings.Join(f.Name, ", ") + "], " + exprList(f.Args)
}
func (v *Values) Describe() string { return "LocalRelation " + attrList(v.Out) }
func (t *TableScan) Describe() string {
	return "Relation " + strings.Join(t.Name, ".") + attrList(t.Out)
}
func (d *DataSourceRead) Describe() string { return "Relation " + d.Format + attrList(d.Out) }
func (c *CTERef) Describe() string         { return "CTERelationRef " + c.Name }
func (p *Project) Describe() string        { return "Project " + exprList(p.Exprs) }
func (f *Filter) Describe() string         { return "Filter " + f.Cond.String() }
func (a *Aggregate) Describe() string {
	return "Aggregate " + exprList(a.Groups) + ", " + exprList(a.Exprs)
}
func (s *Sort) Describe() string {
	os := make([]Expr, len(s.Orders))
	for i, o := range s.Orders {
		os[i] = o
	}
	return fmt.Sprintf("Sort %s, %t", exprList(os), s.Global)
}
func (l *Limit) Describe() string         { return "GlobalLimit " + l.N.String() }
func (o *Offset) Describe() string        { return "Offset " + o.N.String() }
func (t *Tail) Describe() string          { return "Tail " + t.N.String() }
func (s *SubqueryAlias) Describe() string { return "SubqueryAlias " + strings.Join(s.Alias, ".") }
func (d *Distinct) Describe() string      { return "Distinct" }
func (d *Deduplicate) Describe() string   { return "Deduplicate " + attrList(d.Keys) }
func (w *Window) Describe() string        { return "Window " + exprList(w.Exprs) }
func (g *Generate) Describe() string      { return "Generate " + g.Generator.String() }
func (s *Sample) Describe() string {
	return fmt.Sprintf("Sample %v, %v, %t, %d", s.Lower, s.Upper, s.Replacement, s.Seed)
}
func (r *Repartition) Describe() string   { return fmt.Sprintf("Repartition %d, %t", r.N, r.Shuffle) }
func (p *RenameColumns) Describe() string { return "ToDF [" + strings.Join(p.Names, ", ") + "]" }
func (w *WithCTE) Describe() string       { return "WithCTE" }
func (j *Join) Describe() string {
	s := "Join " + j.Type.String()
	if j.Cond != nil {
		s += ", " + j.Cond.String()
	}
	return s
}
func (s *SetOp) Describe() string {
	name := s.Kind.String()
	if s.All && s.Kind != UnionOp {
		name += " All"
	}
	return fmt.Sprintf("%s %t, %t", name, s.ByName, s.AllowMissing)
}
func (p *ShowString) Describe() string {
	return fmt.Sprintf("ShowString numRows=%d truncate=%d vertical=%t", p.NumRows, p.Truncate, p.Vertical)
}

func exprList(es []Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func attrList(as []*AttributeRef) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = fmt.Sprintf("%s#%d", a.Name, a.ID)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Explain renders a plan tree the way Spark indents plans ("+- " per child).
func Explain(n Node) string {
	var b strings.Builder
	var walk func(n Node, prefix string, last bool, root bool)
	walk = func(n Node, prefix string, last bool, root bool) {
		if root {
			b.WriteString(n.Describe())
		} else {
			b.WriteString(prefix + "+- " + n.Describe())
		}
		b.WriteByte('\n')
		kids := n.Children()
		for i, c := range kids {
			next := prefix
			if !root {
				if last {
					next += "   "
				} else {
					next += ":  "
				}
			}
			walk(c, next, i == len(kids)-1, false)
		}
	}
	walk(n, "", true, true)
	return b.String()
}

// NewAttribute makes a fresh output column.
func NewAttribute(name string, t types.DataType, null bool) *AttributeRef {
	return &AttributeRef{Name: name, Type: t, Null: null, ID: NewExprID()}
}

// AttributesOf makes fresh output columns for a schema.
func AttributesOf(st *types.StructType) []*AttributeRef {
	out := make([]*AttributeRef, len(st.Fields))
	for i, f := range st.Fields {
		out[i] = NewAttribute(f.Name, f.DataType, f.Nullable)
		if !f.Metadata.IsEmpty() {
			out[i].Metadata = f.Metadata.JSON()
		}
	}
	return out
}

// Expressions lists the expressions a node holds.
func Expressions(n Node) []Expr {
	switch n := n.(type) {
	case *Project:
		return n.Exprs
	case *Filter:
		return []Expr{n.Cond}
	case *Aggregate:
		return append(append([]Expr(nil), n.Groups...), n.Exprs...)
	case *Sort:
		out := make([]Expr, len(n.Orders))
		for i, o := range n.Orders {
			out[i] = o
		}
		return out
	case *Join:
		if n.Cond != nil {
			return []Expr{n.Cond}
		}
	case *Window:
		return n.Exprs
	case *Generate:
		return []Expr{n.Generator}
	case *Values:
		var out []Expr
		for _, r := range n.Rows {
			out = append(out, r...)
		}
		return out
	}
	return nil
}

func (n *PlanIDTag) Children() []Node           { return []Node{n.Child} }
func (n *PlanIDTag) WithChildren(c []Node) Node { return &PlanIDTag{Child: c[0], ID: n.ID} }
func (n *PlanIDTag) Output() []*AttributeRef    { return n.Child.Output() }
func (n *PlanIDTag) Describe() string           { return fmt.Sprintf("PlanId %d", n.ID) }

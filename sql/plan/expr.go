package plan

import (
	"strings"
	"sync/atomic"

	"github.com/sailgo/sail/sql/types"
)

// Expr is a logical expression, unresolved (names not yet bound, functions not yet typed)
// or resolved (see Resolved). String renders it the way Spark names an unaliased column:
// "(a + 1)", "CAST(x AS INT)", "count(1)".
type Expr interface {
	String() string
	// Children are the sub-expressions, in order; WithChildren returns a copy with new
	// ones (same count). Subquery plans are not children: see Subquery.
	Children() []Expr
	WithChildren(children []Expr) Expr
}

// Resolved is an expression the analyzer has typed.
type Resolved interface {
	Expr
	DataType() types.DataType
	Nullable() bool
}

// ExprID identifies an attribute across the plan: the column a Project, Aggregate or scan
// produces keeps its ID wherever it is referenced, so rewrites never confuse two columns
// that share a name.
type ExprID int64

var lastExprID atomic.Int64

// NewExprID returns an ID not used before in this process.
func NewExprID() ExprID { return ExprID(lastExprID.Add(1)) }

// ---- unresolved expressions ----

// UnresolvedColumn is a column name as written: a, t.a, s.field. PlanID, when set, is
// the Connect plan id of the DataFrame the column came from (df.col).
type UnresolvedColumn struct {
	Parts  []string
	PlanID int64
	HasID  bool
	// Regex marks a name written between backquotes in a select item that reads as a
	// regular expression: with spark.sql.parser.quotedRegexColumnNames, the columns whose
	// names it matches.
	Regex bool
}

// UnresolvedStar is * or target.* in a select list, with the columns of * EXCEPT.
type UnresolvedStar struct {
	Target []string
	Except [][]string
	// Replace gives some columns new values in place (pipe SET, df.withColumns).
	Replace []StarReplacement
}

// StarReplacement is one column a star replaces: its name and the new value.
type StarReplacement struct {
	Name  []string
	Value Expr
}

// UnresolvedFunction is a call by name; the analyzer looks the name up.
type UnresolvedFunction struct {
	Name     []string // one part for builtins; qualified names keep their parts
	Args     []Expr
	Distinct bool
	Filter   Expr // FILTER (WHERE ...) of an aggregate; nil if none
	// IgnoreNulls is IGNORE NULLS (true) or RESPECT NULLS (false) when HasNulls is set.
	IgnoreNulls bool
	HasNulls    bool
	// WithinGroup is the ORDER BY of WITHIN GROUP (percentile_cont, listagg, ...).
	WithinGroup []*SortOrder
	// ArgNames names arguments passed as name => value ("" for positional ones).
	ArgNames []string
	// Operator is set for calls the lowering made from operators (a + b), so errors and
	// names follow the operator's form.
	Operator bool
}

// UnresolvedExtract is child[key] or child.field where the analyzer must decide between
// struct field, array index and map key.
type UnresolvedExtract struct {
	Child Expr
	Key   Expr
	// Field is set for the dotted form (child.field), where Key is a string literal.
	Field bool
}

// UnresolvedAlias is an unnamed select item the analyzer names once it is resolved.
// Lowering leaves plain expressions as they are; UnresolvedAlias marks expressions that
// need a name Spark computes specially (e.g. generators with several outputs).
type UnresolvedAlias struct {
	Child Expr
}

// MultiAlias is expr AS (a, b, ...), for generators.
type MultiAlias struct {
	Child Expr
	Names []string
}

// Lambda is (x, y) -> body in a higher-order function's arguments.
type Lambda struct {
	Params []string
	Body   Expr
	// Vars are the resolved parameters (set by the analyzer).
	Vars []*LambdaVar
}

// LambdaVar is a resolved lambda parameter.
type LambdaVar struct {
	Name string
	Type types.DataType
	Null bool
	ID   ExprID
}

// Parameter is a query parameter: ? (Position >= 0) or :name.
type Parameter struct {
	Name     string
	Position int
}

// ---- expressions both forms share ----

// Literal is a constant of a Spark type. Value holds, by type: nil (NULL), bool, int8,
// int16, int32, int64, float32, float64, string, []byte, Decimal, int32 days (date), int64
// microseconds (timestamps, day-time intervals), int32 months (year-month intervals),
// CalendarValue; nested values are []any (arrays), []MapEntry (maps) and []any (structs).
type Literal struct {
	Type  types.DataType
	Value any
	// Text is how Spark prints the literal in a column name ("1", "x", "NULL", "1.5",
	// "DATE '2020-01-01'").
	Text string
}

// Decimal is a decimal literal value: Unscaled * 10^-Scale, as decimal text without the
// exponent (e.g. "-12.345"); the analyzer and the physical layer convert it.
type Decimal struct {
	Digits string // the unscaled value in base 10, with sign
	Scale  int
}

// CalendarValue is a legacy CalendarInterval value.
type CalendarValue struct {
	Months, Days int32
	Micros       int64
}

// MapEntry is one key/value of a map literal.
type MapEntry struct{ Key, Value any }

// Alias names an expression. ID is the output attribute's ID (set by the analyzer).
type Alias struct {
	Child Expr
	Name  string
	ID    ExprID
	// Metadata carried to the output column (e.g. from df.alias(metadata=...)); JSON text.
	Metadata string
}

// Cast converts Child to To. Implicit casts are the ones the analyzer inserts; Spark
// hides them in column names.
type Cast struct {
	Child    Expr
	To       types.DataType
	Try      bool // try_cast: invalid input gives NULL
	Implicit bool
	// ANSI records the mode the cast runs in (spark.sql.ansi.enabled when analyzed).
	ANSI bool
	// Legacy pins the cast to the non-ANSI mode whatever the session's: it was analyzed
	// with ANSI off as part of a view created so.
	Legacy bool
	// Null is the result's nullability (set by the analyzer).
	Null bool
	// Display, when set, is how the cast prints: typed literals (DATE '2020-01-01') are
	// casts of their string.
	Display string
	// Aliased marks the cast of a cast alias (binary(x), int(x)): Display, the argument's
	// name, is how it prints even when it is empty (binary('')).
	Aliased bool
}

// SortOrder is one ORDER BY item.
type SortOrder struct {
	Child      Expr
	Descending bool
	NullsFirst bool
	// Explicit records whether NULLS FIRST/LAST was written (it shows in names).
	Explicit bool
}

// CaseWhen is CASE WHEN c THEN v ... [ELSE e] END (the simple CASE x WHEN form is lowered
// to equalities). Type is set by the analyzer.
type CaseWhen struct {
	Conds  []Expr
	Values []Expr
	Else   Expr // nil: NULL
	Type   types.DataType
	// Text is the original form for naming, when the lowering rewrote it (simple CASE).
	Text string
}

// In is x IN (list...).
type In struct {
	Value Expr
	List  []Expr
}

// InSubquery is x IN (SELECT ...) or (x, y) IN (SELECT ...).
type InSubquery struct {
	Values []Expr
	Query  *Subquery
}

// Exists is EXISTS (SELECT ...).
type Exists struct {
	Query *Subquery
}

// ScalarSubquery is (SELECT ...) used as a value.
type ScalarSubquery struct {
	Query *Subquery
}

// Subquery holds a query nested in an expression. Plan is unresolved until the analyzer
// resolves it against the outer scope; Outer are the outer attributes it references.
type Subquery struct {
	Plan  Node
	Outer []*AttributeRef
}

// WindowExpr is a function with OVER.
type WindowExpr struct {
	Func Expr
	Spec *WindowSpec
}

// WindowSpec is the OVER (...) clause, or a reference to a named window.
type WindowSpec struct {
	Name        string // a named window (WINDOW clause) to inherit from
	PartitionBy []Expr
	OrderBy     []*SortOrder
	Frame       *WindowFrame
}

// FrameType is ROWS or RANGE.
type FrameType uint8

const (
	RowsFrame FrameType = iota
	RangeFrame
)

// BoundKind is the kind of a frame boundary.
type BoundKind uint8

const (
	UnboundedPreceding BoundKind = iota
	Preceding
	CurrentRow
	Following
	UnboundedFollowing
)

// FrameBound is one end of a window frame; Offset is set for Preceding/Following.
type FrameBound struct {
	Kind   BoundKind
	Offset Expr
	// Coerced marks an offset of a RANGE frame whose type differs from the ORDER BY key's:
	// Spark casts it to the key's type, and then names a PRECEDING bound "(- n) FOLLOWING".
	Coerced bool
}

// WindowFrame is ROWS|RANGE BETWEEN lower AND upper.
type WindowFrame struct {
	Type         FrameType
	Lower, Upper FrameBound
}

// ---- resolved expressions ----

// AttributeRef is a resolved column: the output column ID of some plan node.
type AttributeRef struct {
	Name      string
	Type      types.DataType
	Null      bool
	ID        ExprID
	Qualifier []string
	Metadata  string
}

// OuterRef is a reference, inside a subquery, to a column of an enclosing query.
type OuterRef struct {
	Attr *AttributeRef
}

// Call is a resolved scalar function or operator.
type Call struct {
	Fn   string // the function's canonical name: "+", "abs", "substring"
	Args []Expr
	Type types.DataType
	Null bool
	// Form says how the call prints in column names; Display is the name shown (the
	// operator, or the function name as the user wrote it).
	Form    CallForm
	Display string
	// ANSI is the session's ANSI mode for functions whose results depend on it.
	ANSI bool
	// Legacy pins the call to the non-ANSI mode whatever the session's (a view's
	// expression analyzed with ANSI off).
	Legacy bool
}

// CallForm is how a call prints.
type CallForm uint8

const (
	FormFunction      CallForm = iota // name(a, b)
	FormInfix                         // (a op b)
	FormPrefix                        // (op a), e.g. (- a), (NOT a)
	FormPostfix                       // (a op), e.g. (a IS NULL)
	FormBare                          // name without parentheses: current_date
	FormField                         // a.field: Args[0] is the struct, Display the field
	FormSubscript                     // a[i]: array element or map value
	FormParenthesized                 // (name(a, b)), as Spark prints IF
)

// AggregateCall is a resolved aggregate function call.
type AggregateCall struct {
	Fn          string
	Args        []Expr
	Distinct    bool
	Filter      Expr
	IgnoreNulls bool
	Type        types.DataType
	Null        bool
	Display     string
	ANSI        bool
	// WithinGroup is the ordering of WITHIN GROUP (ORDER BY ...) for the functions that
	// take one (percentile_cont, percentile_disc, listagg); nil otherwise.
	WithinGroup []*SortOrder
	// ShortOrder names WITHIN GROUP's keys as the percentiles do ("v", "v DESC") rather
	// than as full sort orders ("v ASC NULLS FIRST").
	ShortOrder bool
	// ID names the aggregate's result column once planned.
	ID ExprID
}

// WindowCall is a resolved window function: an aggregate or a ranking function over a
// window spec.
type WindowCall struct {
	Func Expr // *AggregateCall or *Call for ranking functions (row_number, rank, ...)
	Spec *WindowSpec
	Type types.DataType
	Null bool
}

// ---- String (Spark's names) ----

func (c *UnresolvedColumn) String() string { return strings.Join(c.Parts, ".") }
func (s *UnresolvedStar) String() string {
	if len(s.Target) == 0 {
		return "*"
	}
	return strings.Join(s.Target, ".") + ".*"
}
func (f *UnresolvedFunction) String() string {
	args := make([]string, len(f.Args))
	for i, a := range f.Args {
		args[i] = a.String()
	}
	name := strings.Join(f.Name, ".")
	if f.Operator && len(args) == 2 {
		return "(" + args[0] + " " + name + " " + args[1] + ")"
	}
	d := ""
	if f.Distinct {
		d = "DISTINCT "
	}
	return name + "(" + d + strings.Join(args, ", ") + ")"
}
func (e *UnresolvedExtract) String() string {
	if e.Field {
		return e.Child.String() + "." + e.Key.String()
	}
	return e.Child.String() + "[" + e.Key.String() + "]"
}
func (a *UnresolvedAlias) String() string { return a.Child.String() }
func (a *MultiAlias) String() string {
	return a.Child.String() + " AS (" + strings.Join(a.Names, ", ") + ")"
}
func (l *Lambda) String() string {
	ps := make([]string, len(l.Params))
	for i := range ps {
		ps[i] = "namedlambdavariable()"
	}
	return "lambdafunction(" + l.Body.String() + ", " + strings.Join(ps, ", ") + ")"
}
func (v *LambdaVar) String() string { return "namedlambdavariable()" }
func (p *Parameter) String() string {
	if p.Position >= 0 {
		return "?"
	}
	return ":" + p.Name
}
func (l *Literal) String() string { return l.Text }
func (a *Alias) String() string   { return a.Child.String() + " AS " + a.Name }
func (c *Cast) String() string {
	if c.Display != "" || c.Aliased {
		return c.Display
	}
	if c.Implicit {
		return c.Child.String()
	}
	// Spark's Cast.sql leaves out casts to complex types: it prints the child alone.
	switch c.To.(type) {
	case types.ArrayType, types.MapType, *types.StructType:
		return c.Child.String()
	}
	if c.Try {
		return "TRY_CAST(" + c.Child.String() + " AS " + c.To.SQL() + ")"
	}
	return "CAST(" + c.Child.String() + " AS " + c.To.SQL() + ")"
}
func (s *SortOrder) String() string {
	dir := " ASC"
	nulls := " NULLS FIRST"
	if s.Descending {
		dir = " DESC"
	}
	if !s.NullsFirst {
		nulls = " NULLS LAST"
	}
	return s.Child.String() + dir + nulls
}
func (c *CaseWhen) String() string {
	if c.Text != "" {
		return c.Text
	}
	var b strings.Builder
	b.WriteString("CASE")
	for i := range c.Conds {
		b.WriteString(" WHEN " + c.Conds[i].String() + " THEN " + c.Values[i].String())
	}
	if c.Else != nil {
		b.WriteString(" ELSE " + c.Else.String())
	}
	b.WriteString(" END")
	return b.String()
}
func (in *In) String() string {
	items := make([]string, len(in.List))
	for i, x := range in.List {
		items[i] = x.String()
	}
	return "(" + in.Value.String() + " IN (" + strings.Join(items, ", ") + "))"
}
func (in *InSubquery) String() string {
	vals := make([]string, len(in.Values))
	for i, v := range in.Values {
		vals[i] = v.String()
	}
	v := strings.Join(vals, ", ")
	if len(vals) > 1 {
		v = "named_struct(" + v + ")"
	}
	return "(" + v + " IN (listquery(" + in.Query.outerNames() + ")))"
}
func (e *Exists) String() string         { return "exists(" + e.Query.outerNames() + ")" }
func (s *ScalarSubquery) String() string { return "scalarsubquery(" + s.Query.outerNames() + ")" }

// outerNames lists the outer columns a subquery refers to, as Spark names the subquery
// expression after them.
func (q *Subquery) outerNames() string {
	if q == nil {
		return ""
	}
	names := make([]string, len(q.Outer))
	for i, a := range q.Outer {
		names[i] = a.Name
	}
	return strings.Join(names, ", ")
}
func (w *WindowExpr) String() string { return w.Func.String() + " OVER " + w.Spec.String() }
func (s *WindowSpec) String() string {
	var parts []string
	if len(s.PartitionBy) > 0 {
		ps := make([]string, len(s.PartitionBy))
		for i, p := range s.PartitionBy {
			ps[i] = p.String()
		}
		parts = append(parts, "PARTITION BY "+strings.Join(ps, ", "))
	}
	if len(s.OrderBy) > 0 {
		os := make([]string, len(s.OrderBy))
		for i, o := range s.OrderBy {
			os[i] = o.String()
		}
		parts = append(parts, "ORDER BY "+strings.Join(os, ", "))
	}
	if s.Frame != nil {
		parts = append(parts, s.Frame.String())
	}
	return "(" + strings.Join(parts, " ") + ")"
}
func (f *WindowFrame) String() string {
	t := "ROWS"
	if f.Type == RangeFrame {
		t = "RANGE"
	}
	return t + " BETWEEN " + f.Lower.String() + " AND " + f.Upper.String()
}
func (b FrameBound) String() string {
	switch b.Kind {
	case UnboundedPreceding:
		return "UNBOUNDED PRECEDING"
	case UnboundedFollowing:
		return "UNBOUNDED FOLLOWING"
	case CurrentRow:
		return "CURRENT ROW"
	case Preceding:
		if b.Coerced {
			return "(- " + b.Offset.String() + ") FOLLOWING"
		}
		return b.Offset.String() + " PRECEDING"
	}
	return b.Offset.String() + " FOLLOWING"
}
func (a *AttributeRef) String() string { return a.Name }
func (o *OuterRef) String() string {
	// Spark prints the outer column with its qualifier: outer(t.a).
	q := strings.Join(o.Attr.Qualifier, ".")
	if q != "" {
		q += "."
	}
	return "outer(" + q + o.Attr.Name + ")"
}
func (c *Call) String() string {
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = a.String()
	}
	switch c.Form {
	case FormInfix:
		if len(args) == 2 {
			return "(" + args[0] + " " + c.Display + " " + args[1] + ")"
		}
	case FormPrefix:
		if len(args) == 1 {
			return "(" + c.Display + " " + args[0] + ")"
		}
	case FormPostfix:
		if len(args) == 1 {
			return "(" + args[0] + " " + c.Display + ")"
		}
	case FormBare:
		return c.Display
	case FormField:
		return args[0] + "." + c.Display
	case FormSubscript:
		if len(args) == 2 {
			return args[0] + "[" + args[1] + "]"
		}
	case FormParenthesized:
		return "(" + c.Display + "(" + strings.Join(args, ", ") + "))"
	}
	return c.Display + "(" + strings.Join(args, ", ") + ")"
}
func (a *AggregateCall) String() string {
	args := make([]string, len(a.Args))
	for i, x := range a.Args {
		args[i] = x.String()
	}
	d := ""
	if a.Distinct {
		d = "DISTINCT "
	}
	s := a.Display + "(" + d + strings.Join(args, ", ") + ")"
	if len(a.WithinGroup) > 0 {
		keys := make([]string, len(a.WithinGroup))
		for i, o := range a.WithinGroup {
			keys[i] = o.String()
			if a.ShortOrder {
				keys[i] = o.Child.String()
				if o.Descending {
					keys[i] += " DESC"
				}
			}
		}
		s += " WITHIN GROUP (ORDER BY " + strings.Join(keys, ", ") + ")"
	}
	if a.Filter != nil {
		s += " FILTER (WHERE " + a.Filter.String() + ")"
	}
	return s
}
func (w *WindowCall) String() string { return w.Func.String() + " OVER " + w.Spec.String() }

// ---- types of resolved expressions ----

func (l *Literal) DataType() types.DataType   { return l.Type }
func (l *Literal) Nullable() bool             { return l.Value == nil }
func (a *Alias) DataType() types.DataType     { return TypeOf(a.Child) }
func (a *Alias) Nullable() bool               { return NullableOf(a.Child) }
func (c *Cast) DataType() types.DataType      { return c.To }
func (c *Cast) Nullable() bool                { return c.Null }
func (s *SortOrder) DataType() types.DataType { return TypeOf(s.Child) }
func (s *SortOrder) Nullable() bool           { return NullableOf(s.Child) }
func (c *CaseWhen) DataType() types.DataType  { return c.Type }
func (c *CaseWhen) Nullable() bool {
	// NULL only from a branch that can be NULL, or from a missing ELSE.
	if c.Else == nil || NullableOf(c.Else) {
		return true
	}
	for _, v := range c.Values {
		if NullableOf(v) {
			return true
		}
	}
	return false
}
func (in *In) DataType() types.DataType { return types.Boolean }
func (in *In) Nullable() bool {
	if NullableOf(in.Value) {
		return true
	}
	for _, x := range in.List {
		if NullableOf(x) {
			return true
		}
	}
	return false
}
func (in *InSubquery) DataType() types.DataType  { return types.Boolean }
func (in *InSubquery) Nullable() bool            { return true }
func (e *Exists) DataType() types.DataType       { return types.Boolean }
func (e *Exists) Nullable() bool                 { return false }
func (a *AttributeRef) DataType() types.DataType { return a.Type }
func (a *AttributeRef) Nullable() bool           { return a.Null }
func (o *OuterRef) DataType() types.DataType     { return o.Attr.Type }
func (o *OuterRef) Nullable() bool               { return o.Attr.Null }
func (c *Call) DataType() types.DataType         { return c.Type }
func (c *Call) Nullable() bool                   { return c.Null }
func (a *AggregateCall) DataType() types.DataType {
	return a.Type
}
func (a *AggregateCall) Nullable() bool        { return a.Null }
func (w *WindowCall) DataType() types.DataType { return w.Type }
func (w *WindowCall) Nullable() bool           { return w.Null }
func (v *LambdaVar) DataType() types.DataType  { return v.Type }
func (v *LambdaVar) Nullable() bool            { return v.Null }
func (l *Lambda) DataType() types.DataType     { return TypeOf(l.Body) }
func (l *Lambda) Nullable() bool               { return NullableOf(l.Body) }

// ScalarSubquery's type is its plan's single output column.
func (s *ScalarSubquery) DataType() types.DataType {
	if out := s.Query.Plan.Output(); len(out) == 1 {
		return out[0].Type
	}
	return types.Null
}
func (s *ScalarSubquery) Nullable() bool { return true }

// TypeOf is the type of a resolved expression (NullType for unresolved ones).
func TypeOf(e Expr) types.DataType {
	if r, ok := e.(Resolved); ok {
		return r.DataType()
	}
	return types.Null
}

// NullableOf is the nullability of a resolved expression (true for unresolved ones).
func NullableOf(e Expr) bool {
	if r, ok := e.(Resolved); ok {
		return r.Nullable()
	}
	return true
}

// ---- children ----

func (c *UnresolvedColumn) Children() []Expr   { return nil }
func (s *UnresolvedStar) Children() []Expr     { return nil }
func (f *UnresolvedFunction) Children() []Expr { return f.Args }
func (e *UnresolvedExtract) Children() []Expr  { return []Expr{e.Child, e.Key} }
func (a *UnresolvedAlias) Children() []Expr    { return []Expr{a.Child} }
func (a *MultiAlias) Children() []Expr         { return []Expr{a.Child} }
func (l *Lambda) Children() []Expr             { return []Expr{l.Body} }
func (v *LambdaVar) Children() []Expr          { return nil }
func (p *Parameter) Children() []Expr          { return nil }
func (l *Literal) Children() []Expr            { return nil }
func (a *Alias) Children() []Expr              { return []Expr{a.Child} }
func (c *Cast) Children() []Expr               { return []Expr{c.Child} }
func (s *SortOrder) Children() []Expr          { return []Expr{s.Child} }
func (c *CaseWhen) Children() []Expr {
	out := make([]Expr, 0, 2*len(c.Conds)+1)
	for i := range c.Conds {
		out = append(out, c.Conds[i], c.Values[i])
	}
	if c.Else != nil {
		out = append(out, c.Else)
	}
	return out
}
func (in *In) Children() []Expr            { return append([]Expr{in.Value}, in.List...) }
func (in *InSubquery) Children() []Expr    { return in.Values }
func (e *Exists) Children() []Expr         { return nil }
func (s *ScalarSubquery) Children() []Expr { return nil }
func (w *WindowExpr) Children() []Expr     { return append([]Expr{w.Func}, w.Spec.exprs()...) }
func (a *AttributeRef) Children() []Expr   { return nil }
func (o *OuterRef) Children() []Expr       { return nil }
func (c *Call) Children() []Expr           { return c.Args }
func (a *AggregateCall) Children() []Expr {
	if a.Filter == nil && len(a.WithinGroup) == 0 {
		return a.Args
	}
	out := append([]Expr(nil), a.Args...)
	for _, o := range a.WithinGroup {
		out = append(out, o)
	}
	if a.Filter != nil {
		out = append(out, a.Filter)
	}
	return out
}
func (w *WindowCall) Children() []Expr { return append([]Expr{w.Func}, w.Spec.exprs()...) }

func (s *WindowSpec) exprs() []Expr {
	out := append([]Expr(nil), s.PartitionBy...)
	for _, o := range s.OrderBy {
		out = append(out, o)
	}
	if s.Frame != nil {
		for _, b := range []FrameBound{s.Frame.Lower, s.Frame.Upper} {
			if b.Offset != nil {
				out = append(out, b.Offset)
			}
		}
	}
	return out
}

func (s *WindowSpec) withExprs(es []Expr) *WindowSpec {
	n := *s
	k := len(s.PartitionBy)
	n.PartitionBy = es[:k:k]
	n.OrderBy = make([]*SortOrder, len(s.OrderBy))
	for i := range s.OrderBy {
		n.OrderBy[i] = es[k].(*SortOrder)
		k++
	}
	if s.Frame != nil {
		f := *s.Frame
		if f.Lower.Offset != nil {
			f.Lower.Offset = es[k]
			k++
		}
		if f.Upper.Offset != nil {
			f.Upper.Offset = es[k]
		}
		n.Frame = &f
	}
	return &n
}

func (c *UnresolvedColumn) WithChildren([]Expr) Expr { return c }
func (s *UnresolvedStar) WithChildren([]Expr) Expr   { return s }
func (f *UnresolvedFunction) WithChildren(ch []Expr) Expr {
	n := *f
	n.Args = ch
	return &n
}
func (e *UnresolvedExtract) WithChildren(ch []Expr) Expr {
	n := *e
	n.Child, n.Key = ch[0], ch[1]
	return &n
}
func (a *UnresolvedAlias) WithChildren(ch []Expr) Expr { return &UnresolvedAlias{Child: ch[0]} }
func (a *MultiAlias) WithChildren(ch []Expr) Expr {
	return &MultiAlias{Child: ch[0], Names: a.Names}
}
func (l *Lambda) WithChildren(ch []Expr) Expr {
	n := *l
	n.Body = ch[0]
	return &n
}
func (v *LambdaVar) WithChildren([]Expr) Expr { return v }
func (p *Parameter) WithChildren([]Expr) Expr { return p }
func (l *Literal) WithChildren([]Expr) Expr   { return l }
func (a *Alias) WithChildren(ch []Expr) Expr {
	n := *a
	n.Child = ch[0]
	return &n
}
func (c *Cast) WithChildren(ch []Expr) Expr {
	n := *c
	n.Child = ch[0]
	return &n
}
func (s *SortOrder) WithChildren(ch []Expr) Expr {
	n := *s
	n.Child = ch[0]
	return &n
}
func (c *CaseWhen) WithChildren(ch []Expr) Expr {
	n := *c
	n.Conds = make([]Expr, len(c.Conds))
	n.Values = make([]Expr, len(c.Values))
	for i := range c.Conds {
		n.Conds[i], n.Values[i] = ch[2*i], ch[2*i+1]
	}
	if c.Else != nil {
		n.Else = ch[len(ch)-1]
	}
	return &n
}
func (in *In) WithChildren(ch []Expr) Expr { return &In{Value: ch[0], List: ch[1:]} }
func (in *InSubquery) WithChildren(ch []Expr) Expr {
	return &InSubquery{Values: ch, Query: in.Query}
}
func (e *Exists) WithChildren([]Expr) Expr         { return e }
func (s *ScalarSubquery) WithChildren([]Expr) Expr { return s }
func (w *WindowExpr) WithChildren(ch []Expr) Expr {
	return &WindowExpr{Func: ch[0], Spec: w.Spec.withExprs(ch[1:])}
}
func (a *AttributeRef) WithChildren([]Expr) Expr { return a }
func (o *OuterRef) WithChildren([]Expr) Expr     { return o }
func (c *Call) WithChildren(ch []Expr) Expr {
	n := *c
	n.Args = ch
	return &n
}
func (a *AggregateCall) WithChildren(ch []Expr) Expr {
	n := *a
	if a.Filter != nil {
		ch, n.Filter = ch[:len(ch)-1:len(ch)-1], ch[len(ch)-1]
	}
	if k := len(a.WithinGroup); k > 0 {
		n.WithinGroup = make([]*SortOrder, k)
		for i, c := range ch[len(ch)-k:] {
			if o, ok := c.(*SortOrder); ok {
				n.WithinGroup[i] = o
			} else {
				o := *a.WithinGroup[i]
				o.Child = c
				n.WithinGroup[i] = &o
			}
		}
		ch = ch[: len(ch)-k : len(ch)-k]
	}
	n.Args = ch
	return &n
}
func (w *WindowCall) WithChildren(ch []Expr) Expr {
	n := *w
	n.Func = ch[0]
	n.Spec = w.Spec.withExprs(ch[1:])
	return &n
}

// ---- rewriting ----

// Transform rewrites e bottom-up: children first, then f on the node with its new
// children. f returns the node unchanged to keep it.
func Transform(e Expr, f func(Expr) (Expr, error)) (Expr, error) {
	ch := e.Children()
	if len(ch) > 0 {
		var changed []Expr
		for i, c := range ch {
			n, err := Transform(c, f)
			if err != nil {
				return nil, err
			}
			if n != c && changed == nil {
				changed = append([]Expr(nil), ch...)
			}
			if changed != nil {
				changed[i] = n
			}
		}
		if changed != nil {
			e = e.WithChildren(changed)
		}
	}
	return f(e)
}

// MapChildren returns e with f applied to each of its children, or e itself when f changed
// none: the step of a top-down rewrite that descends below the nodes it does not replace.
func MapChildren(e Expr, f func(Expr) Expr) Expr {
	ch := e.Children()
	var next []Expr
	for i, c := range ch {
		n := f(c)
		if n != c && next == nil {
			next = append([]Expr(nil), ch...)
		}
		if next != nil {
			next[i] = n
		}
	}
	if next == nil {
		return e
	}
	return e.WithChildren(next)
}

// Walk calls f on e and its descendants, top-down, while f returns true.
func Walk(e Expr, f func(Expr) bool) {
	if !f(e) {
		return
	}
	for _, c := range e.Children() {
		Walk(c, f)
	}
}

// Any reports whether f holds for e or a descendant.
func Any(e Expr, f func(Expr) bool) bool {
	found := false
	Walk(e, func(x Expr) bool {
		if found {
			return false
		}
		if f(x) {
			found = true
			return false
		}
		return true
	})
	return found
}

// ToAttribute is the output column a named expression produces.
func ToAttribute(e Expr) *AttributeRef {
	switch e := e.(type) {
	case *AttributeRef:
		return e
	case *Alias:
		md := e.Metadata
		if md == "" {
			// Without metadata of its own an alias of a column keeps the column's (its
			// comment), as Spark's Alias does.
			if a, ok := e.Child.(*AttributeRef); ok {
				md = a.Metadata
			}
		}
		return &AttributeRef{Name: e.Name, Type: TypeOf(e.Child), Null: NullableOf(e.Child), ID: e.ID, Metadata: md}
	}
	return &AttributeRef{Name: e.String(), Type: TypeOf(e), Null: NullableOf(e)}
}

// OutputName is the column name Spark gives an expression in a select list.
func OutputName(e Expr) string {
	switch e := e.(type) {
	case *Alias:
		return e.Name
	case *AttributeRef:
		return e.Name
	case *UnresolvedColumn:
		return e.Parts[len(e.Parts)-1]
	}
	return e.String()
}

// Conjuncts splits a condition into the operands of its top-level ANDs.
func Conjuncts(e Expr) []Expr {
	if e == nil {
		return nil
	}
	if c, ok := e.(*Call); ok && c.Fn == "and" && len(c.Args) == 2 {
		return append(Conjuncts(c.Args[0]), Conjuncts(c.Args[1])...)
	}
	return []Expr{e}
}

// And joins conditions with AND, left-deep as Spark builds them; nil for none.
func And(conds []Expr) Expr {
	if len(conds) == 0 {
		return nil
	}
	c := conds[0]
	for _, d := range conds[1:] {
		c = &Call{Fn: "and", Args: []Expr{c, d}, Type: types.Boolean,
			Null: NullableOf(c) || NullableOf(d), Form: FormInfix, Display: "AND"}
	}
	return c
}

package ast

// LiteralKind tells how a literal was written.
type LiteralKind int

const (
	NullLit       LiteralKind = iota // NULL
	BoolLit                          // TRUE or FALSE
	StringLit                        // 'abc', "abc", R'abc', possibly several adjacent ones
	IntegerLit                       // 10: INT if it fits, else BIGINT, else DECIMAL
	BigIntLit                        // 10L
	SmallIntLit                      // 10S
	TinyIntLit                       // 10Y
	DecimalLit                       // 1.5 (and exponent forms when legacy exponent-as-decimal is on)
	ExponentLit                      // 1e10, 1.5E-3: DOUBLE
	DoubleLit                        // 1.5D
	FloatLit                         // 1.5F
	BigDecimalLit                    // 1.5BD
)

var literalKindNames = [...]string{
	NullLit: "null", BoolLit: "bool", StringLit: "string", IntegerLit: "integer",
	BigIntLit: "bigint", SmallIntLit: "smallint", TinyIntLit: "tinyint", DecimalLit: "decimal",
	ExponentLit: "exponent", DoubleLit: "double", FloatLit: "float", BigDecimalLit: "bigdecimal",
}

func (k LiteralKind) String() string {
	if k >= 0 && int(k) < len(literalKindNames) {
		return literalKindNames[k]
	}
	return "?"
}

// LiteralType is the Spark type of a literal, decided by the parser with
// Spark's rules (for example an integer literal is INT when it fits in 32
// bits, else BIGINT when it fits in 64 bits, else DECIMAL).
type LiteralType int

const (
	TypeNull LiteralType = iota
	TypeBoolean
	TypeString
	TypeTinyInt
	TypeSmallInt
	TypeInt
	TypeBigInt
	TypeFloat
	TypeDouble
	TypeDecimal
)

var literalTypeNames = [...]string{
	TypeNull: "void", TypeBoolean: "boolean", TypeString: "string", TypeTinyInt: "tinyint",
	TypeSmallInt: "smallint", TypeInt: "int", TypeBigInt: "bigint", TypeFloat: "float",
	TypeDouble: "double", TypeDecimal: "decimal",
}

func (t LiteralType) String() string {
	if t >= 0 && int(t) < len(literalTypeNames) {
		return literalTypeNames[t]
	}
	return "?"
}

// Literal is a NULL, boolean, string or numeric literal.
type Literal struct {
	Kind     LiteralKind
	ValuePos Pos
	ValueEnd Pos
	// Raw is the literal's source text. For adjacent string literals it is
	// the text from the first to the last one, separators included.
	Raw string
	// Value is the literal's value as text: for strings the unescaped and
	// concatenated value; for numbers the digits without the type suffix,
	// with the sign when a minus was part of the literal ("-10" for -10L);
	// "true"/"false" for booleans; "" for NULL.
	Value string
	// Parts holds the source text of each string literal when several
	// adjacent ones were concatenated (nil otherwise).
	Parts []string
	// Type is the literal's Spark type. For TypeDecimal, Precision and
	// Scale give the decimal type.
	Type      LiteralType
	Precision int
	Scale     int
}

// TypedLiteralKind is the type keyword of a typed literal.
type TypedLiteralKind int

const (
	DateLiteral         TypedLiteralKind = iota // DATE '2020-01-01'
	TimestampLiteral                            // TIMESTAMP '...': session default timestamp type
	TimestampNTZLiteral                         // TIMESTAMP_NTZ '...'
	TimestampLTZLiteral                         // TIMESTAMP_LTZ '...'
	BinaryLiteral                               // X'0AFF'
	TimeLiteral                                 // TIME '12:34:56'
)

var typedLiteralNames = [...]string{
	DateLiteral: "DATE", TimestampLiteral: "TIMESTAMP", TimestampNTZLiteral: "TIMESTAMP_NTZ",
	TimestampLTZLiteral: "TIMESTAMP_LTZ", BinaryLiteral: "X", TimeLiteral: "TIME",
}

func (k TypedLiteralKind) String() string {
	if k >= 0 && int(k) < len(typedLiteralNames) {
		return typedLiteralNames[k]
	}
	return "?"
}

// TypedLiteral is a literal introduced by a type keyword: DATE '...',
// TIME '...', TIMESTAMP '...', TIMESTAMP_NTZ '...', TIMESTAMP_LTZ '...' or
// X'...'.
// INTERVAL '...' is an IntervalLiteral.
type TypedLiteral struct {
	Kind     TypedLiteralKind
	TypePos  Pos
	TypeName string   // the keyword as written
	Value    *Literal // the string literal
}

// IntervalForm tells which of Spark's interval literal syntaxes was used.
type IntervalForm int

const (
	IntervalString     IntervalForm = iota // INTERVAL '1 day 2 hours'
	IntervalMultiUnit                      // INTERVAL 1 DAY 2 HOURS, INTERVAL '1' DAY
	IntervalUnitToUnit                     // INTERVAL '1-2' YEAR TO MONTH
)

// IntervalValue is one value of an interval literal with its unit.
type IntervalValue struct {
	SignPos Pos      // position of a leading + or -, if any
	Sign    string   // "", "+" or "-"
	Value   *Literal // an integer, decimal or string literal
	UnitPos Pos
	UnitEnd Pos
	Unit    string // the unit keyword in upper case, as written (DAY, DAYS, ...)
}

func (x *IntervalValue) Pos() Pos {
	if x.Sign != "" {
		return x.SignPos
	}
	return x.Value.Pos()
}

func (x *IntervalValue) End() Pos {
	if x.Unit != "" {
		return x.UnitEnd
	}
	return x.Value.End()
}

// IntervalLiteral is an INTERVAL literal in any of Spark's forms.
type IntervalLiteral struct {
	Interval Pos // position of INTERVAL
	Form     IntervalForm
	// Str is the string of the IntervalString form.
	Str *Literal
	// Values are the value/unit pairs of the IntervalMultiUnit form, or the
	// single value of the IntervalUnitToUnit form (with Unit empty).
	Values []*IntervalValue
	// From and To are the units of the IntervalUnitToUnit form, upper case.
	From, To string
	EndPos   Pos
}

// Param is a parameter marker: ? (positional) or :name (named).
type Param struct {
	Mark  Pos    // position of ? or :
	Name  string // "" for the positional marker ?
	Ident *Ident // the name of a named marker
	EndP  Pos
}

// ColumnRef is a reference to a column, possibly qualified: a, t.a, db.t.a.
// A dotted chain of identifiers is always a ColumnRef; field access on other
// expressions is FieldAccess.
type ColumnRef struct {
	Parts []*Ident
}

// Star is * or qualifier.* with an optional EXCEPT (col, ...) list.
type Star struct {
	Qualifier []*Ident // nil for a bare *
	StarPos   Pos
	Except    [][]*Ident // the multi-part names of the EXCEPT list
	ExceptPos Pos        // position of EXCEPT, if any
	EndPos    Pos
}

// UnaryOp is a prefix operator.
type UnaryOp int

const (
	OpNeg    UnaryOp = iota // -
	OpPlus                  // +
	OpBitNot                // ~
	OpNot                   // NOT or !
)

var unaryOpNames = [...]string{OpNeg: "-", OpPlus: "+", OpBitNot: "~", OpNot: "not"}

func (o UnaryOp) String() string {
	if o >= 0 && int(o) < len(unaryOpNames) {
		return unaryOpNames[o]
	}
	return "?"
}

// UnaryExpr is a prefix operator applied to an expression.
type UnaryExpr struct {
	Op     UnaryOp
	OpPos  Pos
	OpText string // as written: "-", "+", "~", "NOT", "!"
	X      Expr
}

// BinaryOp is an infix operator.
type BinaryOp int

const (
	OpOr          BinaryOp = iota // OR
	OpAnd                         // AND
	OpEq                          // = or ==
	OpNullSafeEq                  // <=>
	OpNotEq                       // <> or !=
	OpLt                          // <
	OpLtEq                        // <= or !>
	OpGt                          // >
	OpGtEq                        // >= or !<
	OpBitOr                       // |
	OpBitXor                      // ^
	OpBitAnd                      // &
	OpShiftLeft                   // <<
	OpShiftRight                  // >>
	OpShiftRightU                 // >>>
	OpAdd                         // +
	OpSub                         // -
	OpConcat                      // ||
	OpMul                         // *
	OpDiv                         // /
	OpMod                         // %
	OpIntDiv                      // DIV
)

var binaryOpNames = [...]string{
	OpOr: "or", OpAnd: "and", OpEq: "=", OpNullSafeEq: "<=>", OpNotEq: "<>", OpLt: "<",
	OpLtEq: "<=", OpGt: ">", OpGtEq: ">=", OpBitOr: "|", OpBitXor: "^", OpBitAnd: "&",
	OpShiftLeft: "<<", OpShiftRight: ">>", OpShiftRightU: ">>>", OpAdd: "+", OpSub: "-",
	OpConcat: "||", OpMul: "*", OpDiv: "/", OpMod: "%", OpIntDiv: "div",
}

func (o BinaryOp) String() string {
	if o >= 0 && int(o) < len(binaryOpNames) {
		return binaryOpNames[o]
	}
	return "?"
}

// BinaryExpr is an infix operator applied to two expressions.
type BinaryExpr struct {
	Op     BinaryOp
	OpPos  Pos
	OpText string // as written: "==", "!=", "DIV", ...
	X, Y   Expr
}

// ParenExpr is a parenthesized expression.
type ParenExpr struct {
	Lparen, Rparen Pos
	X              Expr
}

// RowExpr is a parenthesized list of two or more expressions: (a, b AS c).
type RowExpr struct {
	Lparen, Rparen Pos
	Items          []Expr // may contain *Alias
}

// Alias names an expression: expr AS name, expr name, expr AS (a, b).
type Alias struct {
	X     Expr
	As    Pos      // position of AS, if written
	Name  *Ident   // single name
	Names []*Ident // parenthesized list of names (multi-alias)
	EndP  Pos
}

// SetQuantifier is DISTINCT or ALL, or nothing.
type SetQuantifier int

const (
	QuantNone SetQuantifier = iota
	QuantDistinct
	QuantAll
)

func (q SetQuantifier) String() string {
	switch q {
	case QuantDistinct:
		return "distinct"
	case QuantAll:
		return "all"
	}
	return ""
}

// NullTreatment is IGNORE NULLS or RESPECT NULLS.
type NullTreatment int

const (
	NullsDefault NullTreatment = iota
	IgnoreNulls
	RespectNulls
)

// FuncCall is a function call, possibly an aggregate or window function.
type FuncCall struct {
	Name []*Ident // the function name; nil when NameExpr is set
	// NameExpr is the argument of IDENTIFIER(expr) used as function name:
	// IDENTIFIER('f')(x).
	NameExpr   Expr
	NameStart  Pos // position of the function name
	Lparen     Pos
	Quantifier SetQuantifier // DISTINCT or ALL before the arguments
	Args       []Expr        // arguments; *NamedArg for name => value, *Alias inside STRUCT(...)
	Rparen     Pos
	// WithinGroup is the ORDER BY of WITHIN GROUP (ORDER BY ...).
	WithinGroup []*SortItem
	Filter      Expr // FILTER (WHERE cond)
	// Nulls is IGNORE/RESPECT NULLS, written after the call, or inside the
	// parentheses (NullsInside) for first/last/any_value.
	Nulls       NullTreatment
	NullsInside bool
	Over        *WindowSpec
	EndPos      Pos
}

// NamedArg is a named function argument: name => value.
type NamedArg struct {
	Name  *Ident
	Arrow Pos
	Value Expr
}

// TableArg is a TABLE argument of a table-valued function:
// TABLE t, TABLE(t), TABLE(query), with optional partitioning and ordering.
type TableArg struct {
	Table       Pos
	Name        []*Ident // TABLE t or TABLE(t)
	NameExpr    Expr     // TABLE IDENTIFIER(expr)
	Query       *Query   // TABLE(query)
	SinglePart  bool     // WITH SINGLE PARTITION
	PartitionBy []Expr   // PARTITION BY / DISTRIBUTE BY
	OrderBy     []*SortItem
	EndPos      Pos
}

// CurrentLike is CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_USER, USER or
// SESSION_USER written without parentheses.
type CurrentLike struct {
	NamePos Pos
	Name    string // upper case
	EndP    Pos
}

// Extract is EXTRACT(field FROM source).
type Extract struct {
	Extract Pos
	Field   *Ident
	Source  Expr
	Rparen  Pos
}

// Substring is SUBSTRING/SUBSTR(str FROM pos FOR len) or (str, pos, len).
type Substring struct {
	NamePos Pos
	Name    string // SUBSTRING or SUBSTR, upper case
	Str     Expr
	Start   Expr
	Length  Expr // nil if absent
	Rparen  Pos
	From    bool // written with FROM (named substring whatever the keyword)
}

// Trim is TRIM([BOTH|LEADING|TRAILING] [chars] FROM str).
type Trim struct {
	Trim   Pos
	Option string // "", "BOTH", "LEADING" or "TRAILING"
	Chars  Expr   // nil if absent
	Str    Expr
	Rparen Pos
}

// Overlay is OVERLAY(input PLACING replace FROM pos [FOR len]).
type Overlay struct {
	Overlay  Pos
	Input    Expr
	Replace  Expr
	Position Expr
	Length   Expr // nil if absent
	Rparen   Pos
}

// Position is POSITION(substr IN str).
type Position struct {
	PosKw  Pos
	Substr Expr
	Str    Expr
	Rparen Pos
}

// DatetimeFunc is TIMESTAMPADD/DATEADD/DATE_ADD(unit, n, ts) or
// TIMESTAMPDIFF/DATEDIFF/DATE_DIFF/TIMEDIFF(unit, start, end) with a unit
// keyword as first argument.
type DatetimeFunc struct {
	NamePos Pos
	Name    string // upper case, as written
	Diff    bool   // a ...DIFF function
	UnitPos Pos
	Unit    string // upper case
	X, Y    Expr
	Rparen  Pos
}

// When is one WHEN ... THEN ... branch of CASE.
type When struct {
	When   Pos
	Cond   Expr
	Result Expr
}

func (x *When) Pos() Pos { return x.When }
func (x *When) End() Pos { return x.Result.End() }

// Case is CASE [operand] WHEN ... THEN ... [ELSE ...] END.
type Case struct {
	Case    Pos
	Operand Expr // nil for a searched CASE
	Whens   []*When
	Else    Expr
	EndPos  Pos
}

// CastKind tells how a cast was written.
type CastKind int

const (
	CastFunc    CastKind = iota // CAST(x AS t)
	TryCastFunc                 // TRY_CAST(x AS t)
	CastColons                  // x::t
)

// Cast converts an expression to a type.
type Cast struct {
	Kind   CastKind
	Start  Pos // position of CAST/TRY_CAST, or of X for ::
	X      Expr
	Type   *DataType
	EndPos Pos
}

// Collate is expr COLLATE name.
type Collate struct {
	X         Expr
	CollatePs Pos
	Name      []*Ident
}

// InList is x [NOT] IN (a, b, ...).
type InList struct {
	X      Expr
	Not    bool
	List   []Expr
	Rparen Pos
}

// InSubquery is x [NOT] IN (query).
type InSubquery struct {
	X      Expr
	Not    bool
	Query  *Query
	Rparen Pos
}

// Between is x [NOT] BETWEEN lo AND hi.
type Between struct {
	X      Expr
	Not    bool
	Lo, Hi Expr
}

// LikeOp is LIKE, ILIKE or RLIKE (also written REGEXP).
type LikeOp int

const (
	OpLike LikeOp = iota
	OpILike
	OpRLike
)

func (o LikeOp) String() string {
	switch o {
	case OpILike:
		return "ilike"
	case OpRLike:
		return "rlike"
	}
	return "like"
}

// Like is x [NOT] LIKE/ILIKE/RLIKE pattern [ESCAPE 'c'], or the quantified
// form x [NOT] LIKE/ILIKE ANY|SOME|ALL (p1, p2, ...).
type Like struct {
	X          Expr
	Not        bool
	Op         LikeOp
	OpText     string // as written (RLIKE or REGEXP, ...)
	Quantifier string // "", "ANY", "SOME" or "ALL"
	Pattern    Expr   // the single pattern (no quantifier)
	Patterns   []Expr // the patterns of the quantified form
	Escape     *Literal
	EndPos     Pos
}

// IsKind is the right side of IS [NOT].
type IsKind int

const (
	IsNull IsKind = iota
	IsTrue
	IsFalse
	IsUnknown
)

func (k IsKind) String() string {
	switch k {
	case IsTrue:
		return "true"
	case IsFalse:
		return "false"
	case IsUnknown:
		return "unknown"
	}
	return "null"
}

// Is is x IS [NOT] NULL / TRUE / FALSE / UNKNOWN.
type Is struct {
	X      Expr
	Not    bool
	What   IsKind
	EndPos Pos
}

// IsDistinctFrom is x IS [NOT] DISTINCT FROM y.
type IsDistinctFrom struct {
	X, Y Expr
	Not  bool
}

// Exists is EXISTS (query).
type Exists struct {
	Exists Pos
	Query  *Query
	Rparen Pos
}

// Subquery is a scalar subquery: (query).
type Subquery struct {
	Lparen Pos
	Query  *Query
	Rparen Pos
}

// Subscript is x[index].
type Subscript struct {
	X      Expr
	Lbrack Pos
	Index  Expr
	Rbrack Pos
}

// FieldAccess is x.field where x is not a plain column reference (for
// example f(a).b or a[0].b).
type FieldAccess struct {
	X     Expr
	Field *Ident
}

// PathStepKind is the form of one step of a semi-structured extraction path.
type PathStepKind int

const (
	PathField      PathStepKind = iota // name or .name (also `name`)
	PathKey                            // ['key']
	PathIndex                          // [0]
	PathIdentIndex                     // [name]: accepted by the grammar, never a valid path
)

// PathStep is one step of the path of a SemiStructuredExtract.
type PathStep struct {
	Kind     PathStepKind
	StartPos Pos // the '.' or '[' that starts the step, or the name of the first step
	Name     string
	// Key is the string of a PathKey step; Text keeps every step as Spark
	// renders it into the JSON path (the key's literal as written, the
	// index digits).
	Key    *Literal
	Text   string
	EndPos Pos
}

// SemiStructuredExtract is x:path, extracting a field of a VARIANT value
// (or of a JSON string): v:a.b[0], v:['key'], v:`odd name`, v:[0].
type SemiStructuredExtract struct {
	X     Expr
	Colon Pos
	Steps []*PathStep
	// JSONPath is the path as Spark hands it to its JSON path parser,
	// for example "$.a.b[0]" or "$['key']".
	JSONPath string
	// Name is the last field name of the path: the name Spark gives the
	// extracted column ("" when the path has no named step).
	Name   string
	EndPos Pos
}

// Lambda is x -> body or (x, y) -> body.
type Lambda struct {
	Lparen Pos // position of ( if the parameters are parenthesized
	Params []*Ident
	Arrow  Pos
	Body   Expr
}

// GroupingSet is one set of a ROLLUP, CUBE or GROUPING SETS: either a
// parenthesized list (possibly empty) or a single expression.
type GroupingSet struct {
	Lparen, Rparen Pos // invalid for a single unparenthesized expression
	Exprs          []Expr
}

// GroupingKind is ROLLUP, CUBE or GROUPING SETS.
type GroupingKind int

const (
	Rollup GroupingKind = iota
	Cube
	GroupingSets
)

func (k GroupingKind) String() string {
	switch k {
	case Cube:
		return "cube"
	case GroupingSets:
		return "grouping-sets"
	}
	return "rollup"
}

// GroupingAnalytics is ROLLUP(...), CUBE(...) or GROUPING SETS(...) in a
// GROUP BY clause. Elements are *GroupingSet, or for GROUPING SETS also
// nested *GroupingAnalytics.
type GroupingAnalytics struct {
	Kind     GroupingKind
	KwPos    Pos
	Elements []Expr
	Rparen   Pos
}

// WindowSpec is the window of OVER, or of a WINDOW clause entry.
type WindowSpec struct {
	// Ref names a window of the WINDOW clause: OVER w or OVER (w).
	Ref            *Ident
	Lparen, Rparen Pos // invalid for OVER w
	// PartitionBy holds the PARTITION BY, DISTRIBUTE BY or CLUSTER BY
	// expressions; PartitionKw says which keyword was used.
	PartitionKw string
	PartitionBy []Expr
	OrderKw     string // ORDER or SORT
	OrderBy     []*SortItem
	Frame       *WindowFrame
	StartPos    Pos
}

// FrameType is ROWS or RANGE.
type FrameType int

const (
	RowsFrame FrameType = iota
	RangeFrame
)

// WindowFrame is ROWS|RANGE start, or ROWS|RANGE BETWEEN start AND end.
type WindowFrame struct {
	Type    FrameType
	TypePos Pos
	Lower   *FrameBound // the start bound
	Upper   *FrameBound // the end bound; nil without BETWEEN
}

func (x *WindowFrame) Pos() Pos { return x.TypePos }
func (x *WindowFrame) End() Pos {
	if x.Upper != nil {
		return x.Upper.End()
	}
	return x.Lower.End()
}

// BoundKind is the kind of a window frame bound.
type BoundKind int

const (
	UnboundedPreceding BoundKind = iota
	UnboundedFollowing
	CurrentRow
	Preceding // Offset PRECEDING
	Following // Offset FOLLOWING
)

var boundKindNames = [...]string{
	UnboundedPreceding: "unbounded-preceding", UnboundedFollowing: "unbounded-following",
	CurrentRow: "current-row", Preceding: "preceding", Following: "following",
}

func (k BoundKind) String() string {
	if k >= 0 && int(k) < len(boundKindNames) {
		return boundKindNames[k]
	}
	return "?"
}

// FrameBound is one bound of a window frame.
type FrameBound struct {
	Kind     BoundKind
	StartPos Pos
	Offset   Expr // for Preceding and Following
	EndPos   Pos
}

func (x *FrameBound) Pos() Pos { return x.StartPos }
func (x *FrameBound) End() Pos { return x.EndPos }

// SortDir is ASC or DESC.
type SortDir int

const (
	SortDefault SortDir = iota
	SortAsc
	SortDesc
)

// NullOrder is NULLS FIRST or NULLS LAST.
type NullOrder int

const (
	NullsOrderDefault NullOrder = iota
	NullsFirst
	NullsLast
)

// SortItem is expr [ASC|DESC] [NULLS FIRST|LAST].
type SortItem struct {
	X      Expr
	Dir    SortDir
	Nulls  NullOrder
	EndPos Pos
}

func (x *SortItem) Pos() Pos { return x.X.Pos() }
func (x *SortItem) End() Pos { return x.EndPos }

// Positions.

func (x *Literal) Pos() Pos               { return x.ValuePos }
func (x *Literal) End() Pos               { return x.ValueEnd }
func (x *TypedLiteral) Pos() Pos          { return x.TypePos }
func (x *TypedLiteral) End() Pos          { return x.Value.End() }
func (x *IntervalLiteral) Pos() Pos       { return x.Interval }
func (x *IntervalLiteral) End() Pos       { return x.EndPos }
func (x *Param) Pos() Pos                 { return x.Mark }
func (x *Param) End() Pos                 { return x.EndP }
func (x *ColumnRef) Pos() Pos             { return namePos(x.Parts) }
func (x *ColumnRef) End() Pos             { return nameEnd(x.Parts) }
func (x *UnaryExpr) Pos() Pos             { return x.OpPos }
func (x *UnaryExpr) End() Pos             { return x.X.End() }
func (x *BinaryExpr) Pos() Pos            { return x.X.Pos() }
func (x *BinaryExpr) End() Pos            { return x.Y.End() }
func (x *ParenExpr) Pos() Pos             { return x.Lparen }
func (x *ParenExpr) End() Pos             { return x.Rparen }
func (x *RowExpr) Pos() Pos               { return x.Lparen }
func (x *RowExpr) End() Pos               { return x.Rparen }
func (x *Alias) Pos() Pos                 { return x.X.Pos() }
func (x *Alias) End() Pos                 { return x.EndP }
func (x *FuncCall) Pos() Pos              { return x.NameStart }
func (x *FuncCall) End() Pos              { return x.EndPos }
func (x *NamedArg) Pos() Pos              { return x.Name.Pos() }
func (x *NamedArg) End() Pos              { return x.Value.End() }
func (x *TableArg) Pos() Pos              { return x.Table }
func (x *TableArg) End() Pos              { return x.EndPos }
func (x *CurrentLike) Pos() Pos           { return x.NamePos }
func (x *CurrentLike) End() Pos           { return x.EndP }
func (x *Extract) Pos() Pos               { return x.Extract }
func (x *Extract) End() Pos               { return x.Rparen }
func (x *Substring) Pos() Pos             { return x.NamePos }
func (x *Substring) End() Pos             { return x.Rparen }
func (x *Trim) Pos() Pos                  { return x.Trim }
func (x *Trim) End() Pos                  { return x.Rparen }
func (x *Overlay) Pos() Pos               { return x.Overlay }
func (x *Overlay) End() Pos               { return x.Rparen }
func (x *Position) Pos() Pos              { return x.PosKw }
func (x *Position) End() Pos              { return x.Rparen }
func (x *DatetimeFunc) Pos() Pos          { return x.NamePos }
func (x *DatetimeFunc) End() Pos          { return x.Rparen }
func (x *Case) Pos() Pos                  { return x.Case }
func (x *Case) End() Pos                  { return x.EndPos }
func (x *Cast) Pos() Pos                  { return x.Start }
func (x *Cast) End() Pos                  { return x.EndPos }
func (x *Collate) Pos() Pos               { return x.X.Pos() }
func (x *Collate) End() Pos               { return nameEnd(x.Name) }
func (x *InList) Pos() Pos                { return x.X.Pos() }
func (x *InList) End() Pos                { return x.Rparen }
func (x *InSubquery) Pos() Pos            { return x.X.Pos() }
func (x *InSubquery) End() Pos            { return x.Rparen }
func (x *Between) Pos() Pos               { return x.X.Pos() }
func (x *Between) End() Pos               { return x.Hi.End() }
func (x *Like) Pos() Pos                  { return x.X.Pos() }
func (x *Like) End() Pos                  { return x.EndPos }
func (x *Is) Pos() Pos                    { return x.X.Pos() }
func (x *Is) End() Pos                    { return x.EndPos }
func (x *IsDistinctFrom) Pos() Pos        { return x.X.Pos() }
func (x *IsDistinctFrom) End() Pos        { return x.Y.End() }
func (x *Exists) Pos() Pos                { return x.Exists }
func (x *Exists) End() Pos                { return x.Rparen }
func (x *Subquery) Pos() Pos              { return x.Lparen }
func (x *Subquery) End() Pos              { return x.Rparen }
func (x *Subscript) Pos() Pos             { return x.X.Pos() }
func (x *Subscript) End() Pos             { return x.Rbrack }
func (x *FieldAccess) Pos() Pos           { return x.X.Pos() }
func (x *FieldAccess) End() Pos           { return x.Field.End() }
func (x *PathStep) Pos() Pos              { return x.StartPos }
func (x *PathStep) End() Pos              { return x.EndPos }
func (x *SemiStructuredExtract) Pos() Pos { return x.X.Pos() }
func (x *SemiStructuredExtract) End() Pos { return x.EndPos }
func (x *Lambda) Pos() Pos                { return lambdaPos(x) }
func (x *Lambda) End() Pos                { return x.Body.End() }
func (x *GroupingSet) Pos() Pos           { return groupingSetPos(x) }
func (x *GroupingSet) End() Pos           { return groupingSetEnd(x) }
func (x *GroupingAnalytics) Pos() Pos     { return x.KwPos }
func (x *GroupingAnalytics) End() Pos     { return x.Rparen }
func (x *WindowSpec) Pos() Pos            { return x.StartPos }
func (x *WindowSpec) End() Pos {
	if x.Rparen.IsValid() {
		return x.Rparen
	}
	return x.Ref.End()
}

func lambdaPos(x *Lambda) Pos {
	if x.Lparen.IsValid() {
		return x.Lparen
	}
	return x.Params[0].Pos()
}

func groupingSetPos(x *GroupingSet) Pos {
	if x.Lparen.IsValid() {
		return x.Lparen
	}
	return x.Exprs[0].Pos()
}

func groupingSetEnd(x *GroupingSet) Pos {
	if x.Rparen.IsValid() {
		return x.Rparen
	}
	return x.Exprs[len(x.Exprs)-1].End()
}

func (*Literal) exprNode()               {}
func (*TypedLiteral) exprNode()          {}
func (*IntervalLiteral) exprNode()       {}
func (*Param) exprNode()                 {}
func (*ColumnRef) exprNode()             {}
func (*Star) exprNode()                  {}
func (*UnaryExpr) exprNode()             {}
func (*BinaryExpr) exprNode()            {}
func (*ParenExpr) exprNode()             {}
func (*RowExpr) exprNode()               {}
func (*Alias) exprNode()                 {}
func (*FuncCall) exprNode()              {}
func (*NamedArg) exprNode()              {}
func (*TableArg) exprNode()              {}
func (*CurrentLike) exprNode()           {}
func (*Extract) exprNode()               {}
func (*Substring) exprNode()             {}
func (*Trim) exprNode()                  {}
func (*Overlay) exprNode()               {}
func (*Position) exprNode()              {}
func (*DatetimeFunc) exprNode()          {}
func (*Case) exprNode()                  {}
func (*Cast) exprNode()                  {}
func (*Collate) exprNode()               {}
func (*InList) exprNode()                {}
func (*InSubquery) exprNode()            {}
func (*Between) exprNode()               {}
func (*Like) exprNode()                  {}
func (*Is) exprNode()                    {}
func (*IsDistinctFrom) exprNode()        {}
func (*Exists) exprNode()                {}
func (*Subquery) exprNode()              {}
func (*Subscript) exprNode()             {}
func (*FieldAccess) exprNode()           {}
func (*SemiStructuredExtract) exprNode() {}
func (*Lambda) exprNode()                {}
func (*GroupingSet) exprNode()           {}
func (*GroupingAnalytics) exprNode()     {}

// Star positions.

func (x *Star) Pos() Pos {
	if len(x.Qualifier) > 0 {
		return x.Qualifier[0].Pos()
	}
	return x.StarPos
}
func (x *Star) End() Pos { return x.EndPos }

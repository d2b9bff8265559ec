package ast

// This file declares the statements other than queries: DML, DDL and
// commands. Every statement records its first position (usually its first
// keyword) and its end.

// PartitionSpec is PARTITION (col [= value], ...).
type PartitionSpec struct {
	Partition Pos
	Items     []*PartitionItem
	EndPos    Pos
}

// PartitionItem is one column of a partition spec: name, name = value or
// name = DEFAULT.
type PartitionItem struct {
	Name    *Ident
	Value   Expr // nil when only the name is given or for DEFAULT
	Default bool // name = DEFAULT
	EndPos  Pos
}

func (x *PartitionSpec) Pos() Pos { return x.Partition }
func (x *PartitionSpec) End() Pos { return x.EndPos }
func (x *PartitionItem) Pos() Pos { return x.Name.Pos() }
func (x *PartitionItem) End() Pos { return x.EndPos }

// Insert is INSERT INTO|OVERWRITE [TABLE] name [WITH (options)]
// [PARTITION (...)] [IF NOT EXISTS] [BY NAME | (cols)] query, INSERT INTO
// name REPLACE WHERE cond query, or INSERT OVERWRITE [LOCAL] DIRECTORY
// ['path'] with a Hive ROW FORMAT/STORED AS or a data source USING
// provider [OPTIONS (...)] (Directory set, no table). In a multi-insert
// the query is not part of the INSERT and Query is nil.
type Insert struct {
	With         *With // WITH clause written before INSERT
	Insert       Pos
	Overwrite    bool
	Table        []*Ident
	TableExpr    Expr        // IDENTIFIER(expr) instead of a name
	Options      []*Property // WITH (options) of a table, or OPTIONS (...) of a directory
	Partition    *PartitionSpec
	IfNotExists  bool
	ByName       bool
	Columns      []*Ident
	ReplaceWhere Expr

	Directory    bool
	Local        bool
	Path         *Literal // nil when the path is only given in OPTIONS
	RowFormat    *RowFormat
	StoredAs     *Ident   // STORED AS format
	InputFormat  *Literal // STORED AS INPUTFORMAT '...' OUTPUTFORMAT '...'
	OutputFormat *Literal
	Using        []*Ident // USING provider

	Query  *Query
	EndPos Pos
}

// ColumnDef is a column definition of CREATE TABLE or ALTER TABLE:
// name type [NOT NULL] [DEFAULT expr] [GENERATED ALWAYS AS (expr)]
// [COMMENT 'text'].
type ColumnDef struct {
	Name        []*Ident // one part, or several in ALTER TABLE ADD COLUMNS
	Type        *DataType
	NotNull     bool
	Default     Expr
	Generated   Expr
	Identity    *Identity // GENERATED ... AS IDENTITY
	Comment     *Literal
	Constraints []*Constraint   // column constraints (CHECK, PRIMARY KEY, REFERENCES, ...)
	Position    *ColumnPosition // FIRST | AFTER col, in ALTER TABLE ADD COLUMNS
	EndPos      Pos
}

func (x *ColumnDef) Pos() Pos { return namePos(x.Name) }
func (x *ColumnDef) End() Pos { return x.EndPos }

// BucketSpec is CLUSTERED BY (cols) [SORTED BY (cols)] INTO n BUCKETS.
type BucketSpec struct {
	Clustered Pos
	Columns   []*Ident
	SortedBy  []*SortItem
	Buckets   *Literal
	EndPos    Pos
}

func (x *BucketSpec) Pos() Pos { return x.Clustered }
func (x *BucketSpec) End() Pos { return x.EndPos }

// CreateTable is CREATE [OR REPLACE] [EXTERNAL|TEMPORARY] TABLE [IF NOT
// EXISTS] name [(columns)] [USING provider] clauses [AS query], REPLACE
// TABLE ..., or CREATE TABLE name LIKE source.
type CreateTable struct {
	Create      Pos
	OrReplace   bool
	Replace     bool // REPLACE TABLE without CREATE
	External    bool
	Temporary   bool
	IfNotExists bool
	Name        []*Ident
	NameExpr    Expr // IDENTIFIER(expr)
	Columns     []*ColumnDef
	Using       []*Ident
	Like        []*Ident // CREATE TABLE name LIKE source
	Options     []*Property
	// PartitionBy holds the partitioning: column references, transforms
	// (years(ts), bucket(4, a)) or, Hive style, column definitions in
	// PartitionCols.
	PartitionBy   []Expr
	PartitionCols []*ColumnDef
	ClusterBy     [][]*Ident // CLUSTER BY (a, b.c)
	Bucket        *BucketSpec
	RowFormat     *RowFormat
	StoredAs      *Ident   // STORED AS format
	InputFormat   *Literal // STORED AS INPUTFORMAT '...' OUTPUTFORMAT '...'
	OutputFormat  *Literal
	Location      *Literal
	Comment       *Literal
	Collation     *Ident // DEFAULT COLLATION name
	Props         []*Property
	// Constraints are the table constraints of the element list.
	Constraints []*Constraint
	Query       *Query
	EndPos      Pos
}

// CreateView is CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW [IF NOT
// EXISTS] name [(col [COMMENT 'text'], ...)] clauses AS query.
type CreateView struct {
	Create      Pos
	OrReplace   bool
	Global      bool
	Temporary   bool
	IfNotExists bool
	Name        []*Ident
	NameExpr    Expr // IDENTIFIER(expr) when the argument is not a string literal
	Columns     []*ViewColumn
	Comment     *Literal
	Props       []*Property
	PartitionOn []*Ident
	Collation   *Ident // DEFAULT COLLATION name
	// Schema is the WITH SCHEMA mode in upper case: BINDING, COMPENSATION,
	// EVOLUTION or TYPE EVOLUTION; empty when absent.
	Schema string
	Query  *Query
	EndPos Pos
}

// ViewColumn is one column of a view's column list.
type ViewColumn struct {
	Name    *Ident
	Comment *Literal
	EndPos  Pos
}

func (x *ViewColumn) Pos() Pos { return x.Name.Pos() }
func (x *ViewColumn) End() Pos { return x.EndPos }

// DropKind is what a DROP statement drops.
type DropKind int

const (
	DropTable DropKind = iota
	DropView
	DropNamespace
	DropFunction
	DropVariable
)

var dropKindNames = [...]string{"TABLE", "VIEW", "NAMESPACE", "FUNCTION", "VARIABLE"}

func (k DropKind) String() string { return dropKindNames[k] }

// Drop is DROP TABLE|VIEW [IF EXISTS] name [PURGE], DROP
// DATABASE|SCHEMA|NAMESPACE [IF EXISTS] name [RESTRICT|CASCADE], DROP
// [TEMPORARY] FUNCTION [IF EXISTS] name or DROP TEMPORARY VARIABLE [IF
// EXISTS] name.
type Drop struct {
	Drop      Pos
	Kind      DropKind
	Temporary bool
	IfExists  bool
	Name      []*Ident
	NameExpr  Expr // IDENTIFIER(expr)
	Purge     bool
	Cascade   bool
	Restrict  bool
	EndPos    Pos
}

// SetKind is the form of a SET statement.
type SetKind int

const (
	SetList          SetKind = iota // SET
	SetListVerbose                  // SET -v
	SetGet                          // SET key
	SetConfig                       // SET key = value
	SetTimeZone                     // SET TIME ZONE ...
	SetVariable                     // SET VAR[IABLE] a = expr, ...
	SetVariableQuery                // SET VAR (a, b) = (query)
)

// Set is a SET statement. Key and Value hold the text Spark extracts
// for configuration settings; TimeZone the zone of SET TIME ZONE (a
// string literal, an interval, or nil for LOCAL).
type Set struct {
	Set         Pos
	Kind        SetKind
	Key         string
	Value       string
	HasValue    bool
	TimeZone    Expr
	Local       bool // SET TIME ZONE LOCAL
	Assignments []*Assignment
	Targets     [][]*Ident // SET VAR (a, b) = (query)
	Query       *Query
	EndPos      Pos
}

// Assignment is target = value, in SET VAR and UPDATE ... SET.
type Assignment struct {
	Target  []*Ident
	Value   Expr
	Default bool // target = DEFAULT
	EndPos  Pos
}

func (x *Assignment) Pos() Pos { return namePos(x.Target) }
func (x *Assignment) End() Pos { return x.EndPos }

// Reset is RESET [key].
type Reset struct {
	Reset  Pos
	Key    string // empty: reset everything
	EndPos Pos
}

// DeclareVariable is DECLARE [OR REPLACE] [VARIABLE] name, ... [type]
// [DEFAULT|= expr].
type DeclareVariable struct {
	Declare   Pos
	OrReplace bool
	Name      []*Ident   // the first name
	Names     [][]*Ident // all names, the first one included
	Type      *DataType
	Default   Expr
	EndPos    Pos
}

// ExecuteImmediate is EXECUTE IMMEDIATE sql [INTO vars] [USING args].
type ExecuteImmediate struct {
	Execute Pos
	Query   Expr // the statement text: a string literal, a variable, or any expression
	Into    [][]*Ident
	Using   []Expr // arguments, possibly named with AS
	EndPos  Pos
}

// Describe is DESC[RIBE] [TABLE] [EXTENDED|FORMATTED] name [PARTITION
// (...)] [column], DESCRIBE QUERY query, DESCRIBE FUNCTION [EXTENDED]
// name, or DESCRIBE DATABASE|SCHEMA|NAMESPACE [EXTENDED] name.
type Describe struct {
	Describe  Pos
	What      string // "TABLE", "QUERY", "FUNCTION", "NAMESPACE", "PROCEDURE" or "CATALOG"
	Extended  bool
	Formatted bool
	AsJSON    bool
	Name      []*Ident
	NameExpr  Expr
	FuncName  *Literal // DESCRIBE FUNCTION 'name' or a string
	Partition *PartitionSpec
	Column    []*Ident
	Query     *Query
	EndPos    Pos
}

// Show is a SHOW statement: SHOW TABLES|VIEWS|FUNCTIONS|DATABASES|...
type Show struct {
	Show Pos
	// What is the object kind in upper case: TABLES, TABLE EXTENDED,
	// VIEWS, COLUMNS, FUNCTIONS, NAMESPACES, CREATE TABLE, TBLPROPERTIES,
	// PARTITIONS, CATALOGS, CURRENT NAMESPACE, VARIABLES, PROCEDURES.
	What      string
	Scope     string // USER, SYSTEM or ALL for SHOW FUNCTIONS
	AsSerde   bool   // SHOW CREATE TABLE ... AS SERDE
	In        []*Ident
	Name      []*Ident
	Partition *PartitionSpec
	Key       *Property // SHOW TBLPROPERTIES t (key)
	Pattern   *Literal  // [LIKE] 'pattern'
	EndPos    Pos
}

// Explain is EXPLAIN [LOGICAL|FORMATTED|EXTENDED|CODEGEN|COST] statement.
type Explain struct {
	Explain Pos
	Mode    string // upper case, empty for the default
	Stmt    Statement
	EndPos  Pos
}

// Use is USE [NAMESPACE|DATABASE|SCHEMA] name.
type Use struct {
	Use      Pos
	Name     []*Ident
	NameExpr Expr
	EndPos   Pos
}

// Cache is CACHE [LAZY] TABLE name [OPTIONS (...)] [[AS] query],
// UNCACHE TABLE [IF EXISTS] name, or CLEAR CACHE.
type Cache struct {
	Cache    Pos
	Uncache  bool
	Clear    bool
	Lazy     bool
	IfExists bool
	Name     []*Ident
	Options  []*Property
	Query    *Query
	EndPos   Pos
}

// Refresh is REFRESH TABLE name, REFRESH FUNCTION name or REFRESH 'path'.
type Refresh struct {
	Refresh  Pos
	Function bool
	Name     []*Ident
	NameExpr Expr // IDENTIFIER(expr) when the argument is not a string literal
	Path     *Literal
	EndPos   Pos
}

// Truncate is TRUNCATE TABLE name [PARTITION (...)].
type Truncate struct {
	Truncate  Pos
	Name      []*Ident
	Partition *PartitionSpec
	EndPos    Pos
}

// Analyze is ANALYZE TABLE name [PARTITION (...)] COMPUTE STATISTICS
// [NOSCAN | FOR COLUMNS a, b | FOR ALL COLUMNS], or ANALYZE TABLES [IN db]
// COMPUTE STATISTICS [NOSCAN].
type Analyze struct {
	Analyze    Pos
	Tables     bool
	Name       []*Ident
	Partition  *PartitionSpec
	NoScan     bool
	Columns    [][]*Ident
	AllColumns bool
	EndPos     Pos
}

func (x *Insert) Pos() Pos {
	if x.With != nil {
		return x.With.Pos()
	}
	return x.Insert
}
func (x *Insert) End() Pos           { return x.EndPos }
func (x *CreateTable) Pos() Pos      { return x.Create }
func (x *CreateTable) End() Pos      { return x.EndPos }
func (x *CreateView) Pos() Pos       { return x.Create }
func (x *CreateView) End() Pos       { return x.EndPos }
func (x *Drop) Pos() Pos             { return x.Drop }
func (x *Drop) End() Pos             { return x.EndPos }
func (x *Set) Pos() Pos              { return x.Set }
func (x *Set) End() Pos              { return x.EndPos }
func (x *Reset) Pos() Pos            { return x.Reset }
func (x *Reset) End() Pos            { return x.EndPos }
func (x *DeclareVariable) Pos() Pos  { return x.Declare }
func (x *DeclareVariable) End() Pos  { return x.EndPos }
func (x *ExecuteImmediate) Pos() Pos { return x.Execute }
func (x *ExecuteImmediate) End() Pos { return x.EndPos }
func (x *Describe) Pos() Pos         { return x.Describe }
func (x *Describe) End() Pos         { return x.EndPos }
func (x *Show) Pos() Pos             { return x.Show }
func (x *Show) End() Pos             { return x.EndPos }
func (x *Explain) Pos() Pos          { return x.Explain }
func (x *Explain) End() Pos          { return x.EndPos }
func (x *Use) Pos() Pos              { return x.Use }
func (x *Use) End() Pos              { return x.EndPos }
func (x *Cache) Pos() Pos            { return x.Cache }
func (x *Cache) End() Pos            { return x.EndPos }
func (x *Refresh) Pos() Pos          { return x.Refresh }
func (x *Refresh) End() Pos          { return x.EndPos }
func (x *Truncate) Pos() Pos         { return x.Truncate }
func (x *Truncate) End() Pos         { return x.EndPos }
func (x *Analyze) Pos() Pos          { return x.Analyze }
func (x *Analyze) End() Pos          { return x.EndPos }

func (*Insert) stmtNode()           {}
func (*CreateTable) stmtNode()      {}
func (*CreateView) stmtNode()       {}
func (*Drop) stmtNode()             {}
func (*Set) stmtNode()              {}
func (*Reset) stmtNode()            {}
func (*DeclareVariable) stmtNode()  {}
func (*ExecuteImmediate) stmtNode() {}
func (*Describe) stmtNode()         {}
func (*Show) stmtNode()             {}
func (*Explain) stmtNode()          {}
func (*Use) stmtNode()              {}
func (*Cache) stmtNode()            {}
func (*Refresh) stmtNode()          {}
func (*Truncate) stmtNode()         {}
func (*Analyze) stmtNode()          {}

// stmtChildren adds the children of the statement nodes of this file.
func stmtChildren(node Node) []Node {
	var out []Node
	add := func(ns ...Node) {
		for _, n := range ns {
			if n != nil && !isNilNode(n) {
				out = append(out, n)
			}
		}
	}
	addExpr := func(e Expr) {
		if e != nil {
			add(e)
		}
	}
	idents := func(list []*Ident) {
		for _, id := range list {
			add(id)
		}
	}
	props := func(list []*Property) {
		for _, pr := range list {
			add(pr)
		}
	}
	switch x := node.(type) {
	case *PartitionSpec:
		for _, it := range x.Items {
			add(it)
		}
	case *PartitionItem:
		add(x.Name)
		addExpr(x.Value)
	case *Insert:
		add(x.With)
		add(x.Path)
		idents(x.Using)
		add(x.RowFormat, x.StoredAs, x.InputFormat, x.OutputFormat)
		idents(x.Table)
		addExpr(x.TableExpr)
		props(x.Options)
		add(x.Partition)
		idents(x.Columns)
		addExpr(x.ReplaceWhere)
		add(x.Query)
	case *ColumnDef:
		idents(x.Name)
		add(x.Type)
		addExpr(x.Default)
		addExpr(x.Generated)
		add(x.Identity, x.Comment)
		for _, c := range x.Constraints {
			add(c)
		}
		add(x.Position)
	case *BucketSpec:
		idents(x.Columns)
		for _, s := range x.SortedBy {
			add(s)
		}
		add(x.Buckets)
	case *CreateTable:
		idents(x.Name)
		addExpr(x.NameExpr)
		idents(x.Like)
		for _, c := range x.Columns {
			add(c)
		}
		idents(x.Using)
		props(x.Options)
		for _, e := range x.PartitionBy {
			addExpr(e)
		}
		for _, c := range x.PartitionCols {
			add(c)
		}
		for _, c := range x.ClusterBy {
			idents(c)
		}
		add(x.Bucket, x.RowFormat, x.StoredAs, x.InputFormat, x.OutputFormat, x.Location, x.Comment, x.Collation)
		props(x.Props)
		for _, c := range x.Constraints {
			add(c)
		}
		add(x.Query)
	case *CreateView:
		idents(x.Name)
		addExpr(x.NameExpr)
		for _, c := range x.Columns {
			add(c)
		}
		add(x.Comment, x.Collation)
		props(x.Props)
		idents(x.PartitionOn)
		add(x.Query)
	case *ViewColumn:
		add(x.Name, x.Comment)
	case *Drop:
		idents(x.Name)
		addExpr(x.NameExpr)
	case *Set:
		addExpr(x.TimeZone)
		for _, a := range x.Assignments {
			add(a)
		}
		for _, t := range x.Targets {
			idents(t)
		}
		add(x.Query)
	case *Assignment:
		idents(x.Target)
		addExpr(x.Value)
	case *DeclareVariable:
		if len(x.Names) > 0 {
			for _, n := range x.Names {
				idents(n)
			}
		} else {
			idents(x.Name)
		}
		add(x.Type)
		addExpr(x.Default)
	case *ExecuteImmediate:
		addExpr(x.Query)
		for _, t := range x.Into {
			idents(t)
		}
		for _, e := range x.Using {
			addExpr(e)
		}
	case *Describe:
		idents(x.Name)
		addExpr(x.NameExpr)
		add(x.FuncName, x.Partition)
		idents(x.Column)
		add(x.Query)
	case *Show:
		idents(x.In)
		idents(x.Name)
		add(x.Partition, x.Key, x.Pattern)
	case *Explain:
		add(x.Stmt)
	case *Use:
		idents(x.Name)
		addExpr(x.NameExpr)
	case *Cache:
		idents(x.Name)
		props(x.Options)
		add(x.Query)
	case *Refresh:
		idents(x.Name)
		addExpr(x.NameExpr)
		add(x.Path)
	case *Truncate:
		idents(x.Name)
		add(x.Partition)
	case *Analyze:
		idents(x.Name)
		add(x.Partition)
		for _, c := range x.Columns {
			idents(c)
		}
	default:
		return moreChildren(node)
	}
	return out
}

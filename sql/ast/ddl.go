package ast

// This file declares the DDL statements beyond CREATE TABLE and CREATE
// VIEW: ALTER TABLE/VIEW in all their forms, namespaces, functions,
// constraints, and the smaller commands of Spark's grammar (COMMENT ON,
// LOAD DATA, REPAIR TABLE, ADD/LIST resources, indexes, CALL, pipelines).

// ColumnPosition is FIRST or AFTER column, in ALTER TABLE.
type ColumnPosition struct {
	PosKw  Pos    // position of FIRST or AFTER
	After  *Ident // nil for FIRST
	EndPos Pos
}

func (x *ColumnPosition) Pos() Pos { return x.PosKw }
func (x *ColumnPosition) End() Pos { return x.EndPos }

// Identity is GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(START WITH n
// INCREMENT BY m)] in a column definition.
type Identity struct {
	Generated Pos
	ByDefault bool // BY DEFAULT rather than ALWAYS
	Start     Expr // nil when not given
	Step      Expr // nil when not given
	EndPos    Pos
}

func (x *Identity) Pos() Pos { return x.Generated }
func (x *Identity) End() Pos { return x.EndPos }

// ConstraintKind is the kind of a table or column constraint.
type ConstraintKind int

const (
	CheckConstraint      ConstraintKind = iota // CHECK (expr)
	UniqueConstraint                           // UNIQUE [(cols)]
	PrimaryKeyConstraint                       // PRIMARY KEY [(cols)]
	ForeignKeyConstraint                       // FOREIGN KEY (cols) REFERENCES t [(cols)], or REFERENCES t [(cols)] on a column
)

var constraintKindNames = [...]string{"check", "unique", "primary-key", "foreign-key"}

func (k ConstraintKind) String() string { return constraintKindNames[k] }

// Constraint is a table constraint ([CONSTRAINT name] CHECK (...), UNIQUE
// (cols), PRIMARY KEY (cols), FOREIGN KEY (cols) REFERENCES t (cols)) or a
// column constraint (the same without the column list), followed by its
// characteristics ([NOT] ENFORCED, RELY, NORELY).
type Constraint struct {
	StartPos Pos // CONSTRAINT, or the first keyword of the constraint
	Name     *Ident
	Kind     ConstraintKind
	Check    Expr
	Columns  []*Ident // UNIQUE, PRIMARY KEY, FOREIGN KEY columns; nil on a column
	RefTable []*Ident // REFERENCES table
	RefCols  []*Ident // REFERENCES table (cols)
	// Characteristics are ENFORCED, NOT ENFORCED, RELY or NORELY, in
	// upper case, as written.
	Characteristics []string
	EndPos          Pos
}

func (x *Constraint) Pos() Pos { return x.StartPos }
func (x *Constraint) End() Pos { return x.EndPos }

// AlterTable is ALTER TABLE|VIEW name [PARTITION (...)] action.
type AlterTable struct {
	Alter     Pos
	View      bool // ALTER VIEW
	Name      []*Ident
	NameExpr  Expr           // IDENTIFIER(expr)
	Partition *PartitionSpec // the PARTITION (...) before SET SERDE, SET LOCATION, CHANGE, REPLACE COLUMNS
	Action    AlterAction
	EndPos    Pos
}

func (x *AlterTable) Pos() Pos { return x.Alter }
func (x *AlterTable) End() Pos { return x.EndPos }
func (*AlterTable) stmtNode()  {}

// AlterAction is what an ALTER TABLE or ALTER VIEW statement does: one of
// the Alter* types below.
type AlterAction interface {
	Node
	alterAction()
}

// AlterAddColumns is ADD COLUMN|COLUMNS [(] col type [NOT NULL] [DEFAULT
// e] [COMMENT 'c'] [FIRST|AFTER c], ... [)].
type AlterAddColumns struct {
	Add     Pos
	Columns []*ColumnDef
	EndPos  Pos
}

// AlterRenameColumn is RENAME COLUMN a.b TO c.
type AlterRenameColumn struct {
	Rename Pos
	From   []*Ident
	To     *Ident
}

// AlterDropColumns is DROP COLUMN|COLUMNS [IF EXISTS] [(] a.b, c [)].
type AlterDropColumns struct {
	Drop     Pos
	IfExists bool
	Columns  [][]*Ident
	EndPos   Pos
}

// AlterRename is RENAME TO name (tables and views).
type AlterRename struct {
	Rename Pos
	To     []*Ident
}

// AlterSetProperties is SET TBLPROPERTIES (...), or UNSET TBLPROPERTIES
// [IF EXISTS] (...) with Unset set.
type AlterSetProperties struct {
	Set      Pos
	Unset    bool
	IfExists bool
	Props    []*Property
	EndPos   Pos
}

// AlterColumns is ALTER|CHANGE [COLUMN] col action, col action, ...
type AlterColumns struct {
	Verb    string // ALTER or CHANGE, upper case
	VerbPos Pos
	Specs   []*AlterColumnSpec
	EndPos  Pos
}

// AlterColumnSpec is one column change of ALTER COLUMN. Exactly one of the
// actions is set, or none (which Spark rejects after parsing).
type AlterColumnSpec struct {
	Column      []*Ident
	Type        *DataType       // TYPE type
	Comment     *Literal        // COMMENT 'text'
	Position    *ColumnPosition // FIRST | AFTER col
	SetNotNull  bool            // SET NOT NULL
	DropNotNull bool            // DROP NOT NULL
	Default     Expr            // SET DEFAULT expr
	DropDefault bool            // DROP DEFAULT
	EndPos      Pos
}

func (x *AlterColumnSpec) Pos() Pos { return namePos(x.Column) }
func (x *AlterColumnSpec) End() Pos { return x.EndPos }

// AlterChangeColumn is Hive's CHANGE [COLUMN] col new_col type [NOT NULL]
// [COMMENT 'c'] [FIRST|AFTER c].
type AlterChangeColumn struct {
	Change   Pos
	Column   []*Ident
	NewDef   *ColumnDef
	Position *ColumnPosition
	EndPos   Pos
}

// AlterReplaceColumns is REPLACE COLUMNS (col type ..., ...).
type AlterReplaceColumns struct {
	Replace Pos
	Columns []*ColumnDef
	EndPos  Pos
}

// AlterSetSerde is SET SERDE 'class' [WITH SERDEPROPERTIES (...)] or SET
// SERDEPROPERTIES (...).
type AlterSetSerde struct {
	Set    Pos
	Serde  *Literal // nil for SET SERDEPROPERTIES
	Props  []*Property
	EndPos Pos
}

// PartitionLocation is PARTITION (...) [LOCATION 'path'] in ADD PARTITION.
type PartitionLocation struct {
	Spec     *PartitionSpec
	Location *Literal
}

func (x *PartitionLocation) Pos() Pos { return x.Spec.Pos() }
func (x *PartitionLocation) End() Pos {
	if x.Location != nil {
		return x.Location.End()
	}
	return x.Spec.End()
}

// AlterAddPartitions is ADD [IF NOT EXISTS] PARTITION (...) [LOCATION
// 'p'] ...
type AlterAddPartitions struct {
	Add         Pos
	IfNotExists bool
	Partitions  []*PartitionLocation
	EndPos      Pos
}

// AlterRenamePartition is PARTITION (...) RENAME TO PARTITION (...); the
// first spec is AlterTable.Partition.
type AlterRenamePartition struct {
	Rename Pos
	To     *PartitionSpec
}

// AlterDropPartitions is DROP [IF EXISTS] PARTITION (...), ... [PURGE].
type AlterDropPartitions struct {
	Drop       Pos
	IfExists   bool
	Partitions []*PartitionSpec
	Purge      bool
	EndPos     Pos
}

// AlterSetLocation is SET LOCATION 'path'.
type AlterSetLocation struct {
	Set      Pos
	Location *Literal
}

// AlterRecoverPartitions is RECOVER PARTITIONS.
type AlterRecoverPartitions struct {
	Recover Pos
	EndPos  Pos
}

// AlterClusterBy is CLUSTER BY (a, b.c) or CLUSTER BY NONE.
type AlterClusterBy struct {
	Cluster Pos
	Columns [][]*Ident
	None    bool
	EndPos  Pos
}

// AlterCollation is DEFAULT COLLATION name (tables and namespaces).
type AlterCollation struct {
	Default Pos
	Name    *Ident
}

// AlterAddConstraint is ADD [CONSTRAINT name] constraint.
type AlterAddConstraint struct {
	Add        Pos
	Constraint *Constraint
}

// AlterDropConstraint is DROP CONSTRAINT [IF EXISTS] name [RESTRICT|CASCADE].
type AlterDropConstraint struct {
	Drop     Pos
	IfExists bool
	Name     *Ident
	Cascade  bool
	Restrict bool
	EndPos   Pos
}

// AlterViewQuery is ALTER VIEW name [AS] query.
type AlterViewQuery struct {
	As    Pos // position of AS, or of the query when AS is omitted
	Query *Query
}

// AlterViewSchema is ALTER VIEW name WITH SCHEMA mode.
type AlterViewSchema struct {
	With Pos
	// Mode is BINDING, COMPENSATION, EVOLUTION or TYPE EVOLUTION.
	Mode   string
	EndPos Pos
}

func (x *AlterAddColumns) Pos() Pos        { return x.Add }
func (x *AlterAddColumns) End() Pos        { return x.EndPos }
func (x *AlterRenameColumn) Pos() Pos      { return x.Rename }
func (x *AlterRenameColumn) End() Pos      { return x.To.End() }
func (x *AlterDropColumns) Pos() Pos       { return x.Drop }
func (x *AlterDropColumns) End() Pos       { return x.EndPos }
func (x *AlterRename) Pos() Pos            { return x.Rename }
func (x *AlterRename) End() Pos            { return nameEnd(x.To) }
func (x *AlterSetProperties) Pos() Pos     { return x.Set }
func (x *AlterSetProperties) End() Pos     { return x.EndPos }
func (x *AlterColumns) Pos() Pos           { return x.VerbPos }
func (x *AlterColumns) End() Pos           { return x.EndPos }
func (x *AlterChangeColumn) Pos() Pos      { return x.Change }
func (x *AlterChangeColumn) End() Pos      { return x.EndPos }
func (x *AlterReplaceColumns) Pos() Pos    { return x.Replace }
func (x *AlterReplaceColumns) End() Pos    { return x.EndPos }
func (x *AlterSetSerde) Pos() Pos          { return x.Set }
func (x *AlterSetSerde) End() Pos          { return x.EndPos }
func (x *AlterAddPartitions) Pos() Pos     { return x.Add }
func (x *AlterAddPartitions) End() Pos     { return x.EndPos }
func (x *AlterRenamePartition) Pos() Pos   { return x.Rename }
func (x *AlterRenamePartition) End() Pos   { return x.To.End() }
func (x *AlterDropPartitions) Pos() Pos    { return x.Drop }
func (x *AlterDropPartitions) End() Pos    { return x.EndPos }
func (x *AlterSetLocation) Pos() Pos       { return x.Set }
func (x *AlterSetLocation) End() Pos       { return x.Location.End() }
func (x *AlterRecoverPartitions) Pos() Pos { return x.Recover }
func (x *AlterRecoverPartitions) End() Pos { return x.EndPos }
func (x *AlterClusterBy) Pos() Pos         { return x.Cluster }
func (x *AlterClusterBy) End() Pos         { return x.EndPos }
func (x *AlterCollation) Pos() Pos         { return x.Default }
func (x *AlterCollation) End() Pos         { return x.Name.End() }
func (x *AlterAddConstraint) Pos() Pos     { return x.Add }
func (x *AlterAddConstraint) End() Pos     { return x.Constraint.End() }
func (x *AlterDropConstraint) Pos() Pos    { return x.Drop }
func (x *AlterDropConstraint) End() Pos    { return x.EndPos }
func (x *AlterViewQuery) Pos() Pos         { return x.As }
func (x *AlterViewQuery) End() Pos         { return x.Query.End() }
func (x *AlterViewSchema) Pos() Pos        { return x.With }
func (x *AlterViewSchema) End() Pos        { return x.EndPos }

func (*AlterAddColumns) alterAction()        {}
func (*AlterRenameColumn) alterAction()      {}
func (*AlterDropColumns) alterAction()       {}
func (*AlterRename) alterAction()            {}
func (*AlterSetProperties) alterAction()     {}
func (*AlterColumns) alterAction()           {}
func (*AlterChangeColumn) alterAction()      {}
func (*AlterReplaceColumns) alterAction()    {}
func (*AlterSetSerde) alterAction()          {}
func (*AlterAddPartitions) alterAction()     {}
func (*AlterRenamePartition) alterAction()   {}
func (*AlterDropPartitions) alterAction()    {}
func (*AlterSetLocation) alterAction()       {}
func (*AlterRecoverPartitions) alterAction() {}
func (*AlterClusterBy) alterAction()         {}
func (*AlterCollation) alterAction()         {}
func (*AlterAddConstraint) alterAction()     {}
func (*AlterDropConstraint) alterAction()    {}
func (*AlterViewQuery) alterAction()         {}
func (*AlterViewSchema) alterAction()        {}

// CreateNamespace is CREATE DATABASE|SCHEMA|NAMESPACE [IF NOT EXISTS]
// name [COMMENT 'c'] [LOCATION 'p'] [DEFAULT COLLATION c] [WITH
// DBPROPERTIES|PROPERTIES (...)].
type CreateNamespace struct {
	Create      Pos
	Kind        string // DATABASE, SCHEMA or NAMESPACE, upper case
	IfNotExists bool
	Name        []*Ident
	NameExpr    Expr
	Comment     *Literal
	Location    *Literal
	Collation   *Ident
	// Props are the WITH DBPROPERTIES or WITH PROPERTIES entries;
	// DBProperties tells which keyword was used.
	Props        []*Property
	DBProperties bool
	EndPos       Pos
}

func (x *CreateNamespace) Pos() Pos { return x.Create }
func (x *CreateNamespace) End() Pos { return x.EndPos }
func (*CreateNamespace) stmtNode()  {}

// AlterNamespace is ALTER DATABASE|SCHEMA|NAMESPACE name followed by SET
// DBPROPERTIES|PROPERTIES (...), UNSET DBPROPERTIES|PROPERTIES (...), SET
// LOCATION 'p' or DEFAULT COLLATION c: one of SetProps, UnsetProps,
// Location and Collation is set.
type AlterNamespace struct {
	Alter      Pos
	Kind       string // DATABASE, SCHEMA or NAMESPACE, upper case
	Name       []*Ident
	NameExpr   Expr
	SetProps   []*Property
	UnsetProps []*Property
	// DBProperties tells that DBPROPERTIES rather than PROPERTIES was written.
	DBProperties bool
	Location     *Literal
	Collation    *Ident
	EndPos       Pos
}

func (x *AlterNamespace) Pos() Pos { return x.Alter }
func (x *AlterNamespace) End() Pos { return x.EndPos }
func (*AlterNamespace) stmtNode()  {}

// FunctionResource is JAR|FILE|ARCHIVE 'uri' of CREATE FUNCTION ... USING.
type FunctionResource struct {
	Type *Ident // as written: JAR, FILE, ARCHIVE (others are rejected)
	URI  *Literal
}

func (x *FunctionResource) Pos() Pos { return x.Type.Pos() }
func (x *FunctionResource) End() Pos { return x.URI.End() }

// CreateFunction is CREATE [OR REPLACE] [TEMPORARY] FUNCTION [IF NOT
// EXISTS] name, either AS 'class' [USING resources] or, for an SQL
// function, (params) [RETURNS type | RETURNS TABLE (cols)]
// characteristics RETURN expr|query.
type CreateFunction struct {
	Create      Pos
	OrReplace   bool
	Temporary   bool
	IfNotExists bool
	Name        []*Ident
	NameExpr    Expr

	// A function implemented by a class.
	ClassName *Literal
	Resources []*FunctionResource

	// An SQL function. SQL is set for SQL functions, whose Params may be
	// empty; Returns and ReturnsTable are nil when RETURNS is omitted (a
	// bare RETURNS TABLE is the type named TABLE in Returns).
	SQL          bool
	Params       []*ColumnDef
	Returns      *DataType
	ReturnsTable []*ColumnDef
	// Characteristics in order: LANGUAGE SQL, DETERMINISTIC, NOT
	// DETERMINISTIC, CONTAINS SQL, READS SQL DATA, ..., COMMENT is in
	// Comment.
	Characteristics []*RoutineCharacteristic
	Comment         *Literal
	ReturnExpr      Expr
	ReturnQuery     *Query
	EndPos          Pos
}

func (x *CreateFunction) Pos() Pos { return x.Create }
func (x *CreateFunction) End() Pos { return x.EndPos }
func (*CreateFunction) stmtNode()  {}

// RoutineCharacteristic is one characteristic of an SQL function, its
// words in upper case: "LANGUAGE SQL", "NOT DETERMINISTIC", "READS SQL
// DATA", "CALLED ON NULL INPUT", "SQL SECURITY DEFINER", "SPECIFIC".
type RoutineCharacteristic struct {
	StartPos Pos
	Text     string
	Name     *Ident // the name of SPECIFIC name, or of LANGUAGE name
	EndPos   Pos
}

func (x *RoutineCharacteristic) Pos() Pos { return x.StartPos }
func (x *RoutineCharacteristic) End() Pos { return x.EndPos }

// CreateTempViewUsing is CREATE [OR REPLACE] [GLOBAL] TEMPORARY VIEW name
// [(col type, ...)] USING provider [OPTIONS (...)].
type CreateTempViewUsing struct {
	Create    Pos
	OrReplace bool
	Global    bool
	Name      []*Ident
	Columns   []*ColumnDef
	Using     []*Ident
	Options   []*Property
	EndPos    Pos
}

func (x *CreateTempViewUsing) Pos() Pos { return x.Create }
func (x *CreateTempViewUsing) End() Pos { return x.EndPos }
func (*CreateTempViewUsing) stmtNode()  {}

// SetCatalog is SET CATALOG name.
type SetCatalog struct {
	Set      Pos
	Name     *Ident
	NameStr  *Literal
	NameExpr Expr // IDENTIFIER(expr)
	EndPos   Pos
}

func (x *SetCatalog) Pos() Pos { return x.Set }
func (x *SetCatalog) End() Pos { return x.EndPos }
func (*SetCatalog) stmtNode()  {}

// CommentOn is COMMENT ON TABLE|DATABASE|SCHEMA|NAMESPACE name IS 'text'|NULL.
type CommentOn struct {
	Comment  Pos
	Kind     string // TABLE, DATABASE, SCHEMA or NAMESPACE
	Name     []*Ident
	NameExpr Expr
	Text     *Literal // a string, or the NULL literal
	EndPos   Pos
}

func (x *CommentOn) Pos() Pos { return x.Comment }
func (x *CommentOn) End() Pos { return x.EndPos }
func (*CommentOn) stmtNode()  {}

// LoadData is LOAD DATA [LOCAL] INPATH 'path' [OVERWRITE] INTO TABLE name
// [PARTITION (...)].
type LoadData struct {
	Load      Pos
	Local     bool
	Path      *Literal
	Overwrite bool
	Name      []*Ident
	NameExpr  Expr
	Partition *PartitionSpec
	EndPos    Pos
}

func (x *LoadData) Pos() Pos { return x.Load }
func (x *LoadData) End() Pos { return x.EndPos }
func (*LoadData) stmtNode()  {}

// RepairTable is [MSCK] REPAIR TABLE name [ADD|DROP|SYNC PARTITIONS].
type RepairTable struct {
	Repair   Pos // MSCK, or REPAIR
	Msck     bool
	Name     []*Ident
	NameExpr Expr
	Option   string // ADD, DROP or SYNC; empty when absent
	EndPos   Pos
}

func (x *RepairTable) Pos() Pos { return x.Repair }
func (x *RepairTable) End() Pos { return x.EndPos }
func (*RepairTable) stmtNode()  {}

// ManageResource is ADD|LIST FILE[S]|JAR[S]|ARCHIVE[S] paths: the
// resource type as written, and the paths Spark extracts from the text.
type ManageResource struct {
	Op     Pos
	List   bool // LIST rather than ADD
	Type   *Ident
	Paths  []string
	EndPos Pos
}

func (x *ManageResource) Pos() Pos { return x.Op }
func (x *ManageResource) End() Pos { return x.EndPos }
func (*ManageResource) stmtNode()  {}

// CreateIndex is CREATE INDEX [IF NOT EXISTS] name ON [TABLE] table
// [USING type] (col [OPTIONS (...)], ...) [OPTIONS (...)].
type CreateIndex struct {
	Create      Pos
	IfNotExists bool
	Index       *Ident
	Table       []*Ident
	TableExpr   Expr
	Using       *Ident
	Columns     []*IndexColumn
	Options     []*Property
	EndPos      Pos
}

// IndexColumn is one column of CREATE INDEX with its options.
type IndexColumn struct {
	Name    []*Ident
	Options []*Property
	EndPos  Pos
}

func (x *CreateIndex) Pos() Pos { return x.Create }
func (x *CreateIndex) End() Pos { return x.EndPos }
func (*CreateIndex) stmtNode()  {}
func (x *IndexColumn) Pos() Pos { return namePos(x.Name) }
func (x *IndexColumn) End() Pos { return x.EndPos }

// DropIndex is DROP INDEX [IF EXISTS] name ON [TABLE] table.
type DropIndex struct {
	Drop      Pos
	IfExists  bool
	Index     *Ident
	Table     []*Ident
	TableExpr Expr
	EndPos    Pos
}

func (x *DropIndex) Pos() Pos { return x.Drop }
func (x *DropIndex) End() Pos { return x.EndPos }
func (*DropIndex) stmtNode()  {}

// Call is CALL procedure(args).
type Call struct {
	Call     Pos
	Name     []*Ident
	NameExpr Expr
	Args     []Expr // expressions, or *NamedArg for name => value
	EndPos   Pos
}

func (x *Call) Pos() Pos { return x.Call }
func (x *Call) End() Pos { return x.EndPos }
func (*Call) stmtNode()  {}

// UnsupportedCommand is a Hive command Spark recognizes only to reject it
// (CREATE ROLE, GRANT, SHOW LOCKS, ALTER TABLE ... TOUCH, START
// TRANSACTION, COMMIT, DFS, SET ROLE, ...). Keywords are the leading
// keywords Spark names in its error, upper case.
type UnsupportedCommand struct {
	StartPos Pos
	Keywords string
	EndPos   Pos
}

func (x *UnsupportedCommand) Pos() Pos { return x.StartPos }
func (x *UnsupportedCommand) End() Pos { return x.EndPos }
func (*UnsupportedCommand) stmtNode()  {}

// CreatePipelineDataset is CREATE MATERIALIZED VIEW | STREAMING TABLE [IF
// NOT EXISTS] name [(columns)] [USING provider] clauses [AS query], the
// datasets of declarative pipelines. Table holds the name, columns and
// clauses, parsed as for CREATE TABLE.
type CreatePipelineDataset struct {
	Create    Pos
	Streaming bool // STREAMING TABLE rather than MATERIALIZED VIEW
	Table     *CreateTable
	EndPos    Pos
}

func (x *CreatePipelineDataset) Pos() Pos { return x.Create }
func (x *CreatePipelineDataset) End() Pos { return x.EndPos }
func (*CreatePipelineDataset) stmtNode()  {}

// CreateFlow is CREATE FLOW name [COMMENT 'c'] AS INSERT INTO ... query.
type CreateFlow struct {
	Create   Pos
	Name     []*Ident
	NameExpr Expr
	Comment  *Literal
	Insert   *Insert
	EndPos   Pos
}

func (x *CreateFlow) Pos() Pos { return x.Create }
func (x *CreateFlow) End() Pos { return x.EndPos }
func (*CreateFlow) stmtNode()  {}

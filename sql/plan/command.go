package plan

import (
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// Command is a statement that acts on the session or catalog (DDL, DML, SET, SHOW, ...)
// rather than computing rows. The executor runs it eagerly; its Output is the result
// columns it answers with (none for most).
type Command interface {
	Node
	// CommandName is Spark's name for the command's plan node, used in messages.
	CommandName() string
}

// CreateView is CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW and
// df.createOrReplaceTempView.
type CreateView struct {
	Name        []string
	Columns     []string
	Query       Node
	SQL         string
	Replace     bool
	Temporary   bool
	Global      bool
	IfNotExists bool
	// Text is the text of the query, as written; SchemaMode the WITH SCHEMA mode ("" when
	// not given).
	Text           string
	SchemaMode     string
	Comment        string
	Props          map[string]string
	ColumnComments []string
	// Collation is the DEFAULT COLLATION clause ("" without one), which the query was
	// lowered with and ALTER VIEW ... AS applies to the new query.
	Collation string
}

// CreateTable is CREATE [OR REPLACE] TABLE [IF NOT EXISTS] with a schema or AS query,
// and df.write.saveAsTable.
type CreateTable struct {
	Name        []string
	Schema      *types.StructType // nil with a query
	Query       Node              // CTAS; nil otherwise
	Provider    string
	Options     map[string]string
	Partition   []string
	Comment     string
	Props       map[string]string
	Replace     bool
	IfNotExists bool
	// Mode is the save mode of saveAsTable: "error", "append", "overwrite", "ignore" ("" for SQL).
	Mode string
	// Location is the LOCATION clause; Buckets the CLUSTERED BY clause.
	Location   string
	External   bool
	NumBuckets int
	BucketCols []string
	SortCols   []string
	Collation  string
	// Defaults maps column names to the SQL text of their DEFAULT values.
	Defaults map[string]string
}

// InsertInto is INSERT INTO/OVERWRITE [TABLE] t [(cols)] query and df.write.insertInto.
type InsertInto struct {
	Table     []string
	Columns   []string
	Query     Node
	Overwrite bool
	ByName    bool
	// Partition is the PARTITION (...) clause: static values and dynamic columns.
	Partition []PartitionValue
	// IfPartitionNotExists is INSERT OVERWRITE ... PARTITION (...) IF NOT EXISTS: nothing is
	// written when a partition matching the static values exists.
	IfPartitionNotExists bool
	// DynamicPartitions replaces only the partitions the rows are written to, whatever
	// spark.sql.sources.partitionOverwriteMode says (df.writeTo(t).overwritePartitions()).
	DynamicPartitions bool
}

// DropObject is DROP TABLE/VIEW/DATABASE/FUNCTION/VARIABLE.
type DropObject struct {
	Kind      string // TABLE, VIEW, DATABASE, FUNCTION, VARIABLE
	Name      []string
	IfExists  bool
	Temporary bool
	Cascade   bool
}

// SetConfig is SET, SET key, SET key = value, SET -v, SET TIME ZONE, RESET.
type SetConfig struct {
	Key      string
	Value    string
	HasValue bool
	List     bool // SET / SET -v
	Verbose  bool
	Reset    bool // RESET [key]
	Out      []*AttributeRef
}

// UseDatabase is USE db.
type UseDatabase struct {
	Name []string
}

// CreateDatabase is CREATE DATABASE|SCHEMA|NAMESPACE.
type CreateDatabase struct {
	Name        string
	NameParts   []string // as written: [spark_catalog.]db
	Collation   string
	IfNotExists bool
	Comment     string
	Location    string
	Props       map[string]string
}

// ShowObjects is SHOW TABLES / VIEWS / DATABASES / COLUMNS / FUNCTIONS ...
type ShowObjects struct {
	What     string // TABLES, VIEWS, DATABASES, COLUMNS, FUNCTIONS, CURRENT NAMESPACE, ...
	Database []string
	Table    []string
	Pattern  string
	Scope    string // SHOW [USER|SYSTEM|ALL] FUNCTIONS; empty is ALL
	Out      []*AttributeRef
}

// DescribeTable is DESCRIBE [EXTENDED] table [PARTITION (...)] [col] [AS JSON].
type DescribeTable struct {
	Name      []string
	Column    []string
	Extended  bool
	Partition []PartitionValue
	AsJSON    bool
	Out       []*AttributeRef
}

// PartitionValue is one column [= value] of a PARTITION (...) clause.
type PartitionValue struct {
	Column   string
	Value    string
	HasValue bool
	Null     bool // column = NULL
}

// DescribeDatabase is DESCRIBE DATABASE|SCHEMA|NAMESPACE [EXTENDED] name.
type DescribeDatabase struct {
	Name     []string
	Extended bool
}

// DescribeFunction is DESCRIBE FUNCTION [EXTENDED] name.
type DescribeFunction struct {
	Name     string
	Extended bool
}

// ShowCreateTable is SHOW CREATE TABLE name [AS SERDE].
type ShowCreateTable struct {
	Name    []string
	AsSerde bool
}

// ShowTblProperties is SHOW TBLPROPERTIES name [(key)].
type ShowTblProperties struct {
	Name   []string
	Key    string
	HasKey bool
}

// ShowTableExtended is SHOW TABLE EXTENDED [IN db] LIKE 'pattern' [PARTITION (...)].
type ShowTableExtended struct {
	Database  []string
	Pattern   string
	Partition []PartitionValue
}

// ShowPartitions is SHOW PARTITIONS name [PARTITION (...)].
type ShowPartitions struct {
	Name      []string
	Partition []PartitionValue
}

// AlterTable is ALTER TABLE|VIEW name action. Op names the action; the fields it uses
// are set.
type AlterTable struct {
	Name []string
	View bool
	// Op is RENAME, ADD COLUMNS, DROP COLUMNS, RENAME COLUMN, ALTER COLUMN, REPLACE COLUMNS,
	// SET PROPERTIES, UNSET PROPERTIES, ADD PARTITION, DROP PARTITION, RENAME PARTITION,
	// SET LOCATION, SET SERDE, RECOVER PARTITIONS, VIEW QUERY, VIEW SCHEMA, or another
	// action's name for the ones only rejected.
	Op string
	// NewName is the target of RENAME and RENAME COLUMN.
	NewName []string
	// Columns are the columns of ADD COLUMNS and the changes of ALTER COLUMN.
	Columns []AlterColumn
	// DropColumns are the columns of DROP COLUMNS.
	DropColumns [][]string
	IfExists    bool
	IfNotExists bool
	Props       map[string]string
	Keys        []string
	// Partition is the PARTITION (...) the action applies to; Partitions are the
	// partitions of ADD/DROP PARTITION.
	Partition  []PartitionValue
	Partitions [][]PartitionValue
	Locations  []string
	Location   string
	Query      Node
	SQL        string
	SchemaMode string
}

// AlterColumn is a column of ADD COLUMNS or a change of ALTER COLUMN; nil and false
// fields are not changed.
type AlterColumn struct {
	Name        []string
	Type        types.DataType
	NotNull     bool
	SetNotNull  bool
	DropNotNull bool
	Comment     *string
	First       bool
	After       string
	Default     *string
	DropDefault bool
}

// Truncate is TRUNCATE TABLE name [PARTITION (...)].
type Truncate struct {
	Name      []string
	Partition []PartitionValue
}

// CreateTempViewUsing is CREATE [OR REPLACE] [GLOBAL] TEMPORARY VIEW name [(cols)]
// USING provider [OPTIONS (...)].
type CreateTempViewUsing struct {
	Name     []string
	Schema   *types.StructType // nil without columns
	Provider string
	Options  map[string]string
	Replace  bool
	Global   bool
}

// AnalyzeTable is ANALYZE TABLE name [PARTITION (...)] COMPUTE STATISTICS [NOSCAN | FOR
// COLUMNS ... | FOR ALL COLUMNS], and ANALYZE TABLES [IN db] (Name is then the database).
type AnalyzeTable struct {
	Name       []string
	Tables     bool
	Partition  []PartitionValue
	NoScan     bool
	Columns    [][]string
	AllColumns bool
}

// AlterDatabase is ALTER DATABASE name SET|UNSET [DB]PROPERTIES / SET LOCATION.
type AlterDatabase struct {
	Name      []string
	SetProps  map[string]string
	UnsetKeys []string
	Location  string
	Collation string
}

// DescribeQuery is DESCRIBE QUERY q.
type DescribeQuery struct {
	Query Node
	// Text is the query as written, which EXPLAIN shows.
	Text string
	Out  []*AttributeRef
}

// ExplainCommand is EXPLAIN [mode] statement.
type ExplainCommand struct {
	Mode  string
	Query Node
	Out   []*AttributeRef
}

// NoOp is a statement Spark accepts that changes nothing here (CACHE, REFRESH, ANALYZE).
type NoOp struct {
	Name string
}

func (*CreateView) CommandName() string     { return "CreateViewCommand" }
func (*CreateTable) CommandName() string    { return "CreateTable" }
func (*InsertInto) CommandName() string     { return "InsertIntoStatement" }
func (*DropObject) CommandName() string     { return "DropCommand" }
func (*SetConfig) CommandName() string      { return "SetCommand" }
func (*UseDatabase) CommandName() string    { return "SetCatalogAndNamespace" }
func (*CreateDatabase) CommandName() string { return "CreateNamespace" }
func (*ShowObjects) CommandName() string    { return "Show" }
func (*DescribeTable) CommandName() string  { return "DescribeRelation" }
func (*DescribeQuery) CommandName() string  { return "DescribeQueryCommand" }
func (*ExplainCommand) CommandName() string { return "ExplainCommand" }
func (n *NoOp) CommandName() string         { return n.Name }

func (*CreateView) Children() []Node     { return nil }
func (*CreateTable) Children() []Node    { return nil }
func (*InsertInto) Children() []Node     { return nil }
func (*DropObject) Children() []Node     { return nil }
func (*SetConfig) Children() []Node      { return nil }
func (*UseDatabase) Children() []Node    { return nil }
func (*CreateDatabase) Children() []Node { return nil }
func (*ShowObjects) Children() []Node    { return nil }
func (*DescribeTable) Children() []Node  { return nil }
func (*DescribeQuery) Children() []Node  { return nil }
func (*ExplainCommand) Children() []Node { return nil }
func (*NoOp) Children() []Node           { return nil }

func (n *CreateView) WithChildren([]Node) Node     { return n }
func (n *CreateTable) WithChildren([]Node) Node    { return n }
func (n *InsertInto) WithChildren([]Node) Node     { return n }
func (n *DropObject) WithChildren([]Node) Node     { return n }
func (n *SetConfig) WithChildren([]Node) Node      { return n }
func (n *UseDatabase) WithChildren([]Node) Node    { return n }
func (n *CreateDatabase) WithChildren([]Node) Node { return n }
func (n *ShowObjects) WithChildren([]Node) Node    { return n }
func (n *DescribeTable) WithChildren([]Node) Node  { return n }
func (n *DescribeQuery) WithChildren([]Node) Node  { return n }
func (n *ExplainCommand) WithChildren([]Node) Node { return n }
func (n *NoOp) WithChildren([]Node) Node           { return n }

func (*CreateView) Output() []*AttributeRef       { return []*AttributeRef{} }
func (*CreateTable) Output() []*AttributeRef      { return []*AttributeRef{} }
func (*InsertInto) Output() []*AttributeRef       { return []*AttributeRef{} }
func (*DropObject) Output() []*AttributeRef       { return []*AttributeRef{} }
func (n *SetConfig) Output() []*AttributeRef      { return n.Out }
func (*UseDatabase) Output() []*AttributeRef      { return []*AttributeRef{} }
func (*CreateDatabase) Output() []*AttributeRef   { return []*AttributeRef{} }
func (n *ShowObjects) Output() []*AttributeRef    { return n.Out }
func (n *DescribeTable) Output() []*AttributeRef  { return n.Out }
func (n *DescribeQuery) Output() []*AttributeRef  { return n.Out }
func (n *ExplainCommand) Output() []*AttributeRef { return n.Out }
func (*NoOp) Output() []*AttributeRef             { return []*AttributeRef{} }

func (n *CreateView) Describe() string     { return "CreateViewCommand " + strings.Join(n.Name, ".") }
func (n *CreateTable) Describe() string    { return "CreateTable " + strings.Join(n.Name, ".") }
func (n *InsertInto) Describe() string     { return "InsertIntoStatement " + strings.Join(n.Table, ".") }
func (n *DropObject) Describe() string     { return "Drop" + n.Kind + " " + strings.Join(n.Name, ".") }
func (n *SetConfig) Describe() string      { return "SetCommand " + n.Key }
func (n *UseDatabase) Describe() string    { return "SetCatalogAndNamespace " + strings.Join(n.Name, ".") }
func (n *CreateDatabase) Describe() string { return "CreateNamespace " + n.Name }
func (n *ShowObjects) Describe() string    { return "Show" + n.What }
func (n *DescribeTable) Describe() string  { return "DescribeRelation " + strings.Join(n.Name, ".") }
func (n *DescribeQuery) Describe() string  { return "DescribeQueryCommand" }
func (n *ExplainCommand) Describe() string { return "ExplainCommand " + n.Mode }
func (n *NoOp) Describe() string           { return n.Name }

func (*DescribeDatabase) CommandName() string    { return "DescribeNamespace" }
func (*DescribeFunction) CommandName() string    { return "DescribeFunction" }
func (*ShowCreateTable) CommandName() string     { return "ShowCreateTable" }
func (*ShowTblProperties) CommandName() string   { return "ShowTableProperties" }
func (*ShowTableExtended) CommandName() string   { return "ShowTableExtended" }
func (*ShowPartitions) CommandName() string      { return "ShowPartitions" }
func (*AlterTable) CommandName() string          { return "AlterTable" }
func (*Truncate) CommandName() string            { return "TruncateTable" }
func (*CreateTempViewUsing) CommandName() string { return "CreateTempViewUsing" }
func (*AnalyzeTable) CommandName() string        { return "AnalyzeTable" }
func (*AlterDatabase) CommandName() string       { return "AlterNamespace" }

func (*DescribeDatabase) Children() []Node    { return nil }
func (*DescribeFunction) Children() []Node    { return nil }
func (*ShowCreateTable) Children() []Node     { return nil }
func (*ShowTblProperties) Children() []Node   { return nil }
func (*ShowTableExtended) Children() []Node   { return nil }
func (*ShowPartitions) Children() []Node      { return nil }
func (*AlterTable) Children() []Node          { return nil }
func (*Truncate) Children() []Node            { return nil }
func (*CreateTempViewUsing) Children() []Node { return nil }
func (*AnalyzeTable) Children() []Node        { return nil }
func (*AlterDatabase) Children() []Node       { return nil }

func (n *DescribeDatabase) WithChildren([]Node) Node    { return n }
func (n *DescribeFunction) WithChildren([]Node) Node    { return n }
func (n *ShowCreateTable) WithChildren([]Node) Node     { return n }
func (n *ShowTblProperties) WithChildren([]Node) Node   { return n }
func (n *ShowTableExtended) WithChildren([]Node) Node   { return n }
func (n *ShowPartitions) WithChildren([]Node) Node      { return n }
func (n *AlterTable) WithChildren([]Node) Node          { return n }
func (n *Truncate) WithChildren([]Node) Node            { return n }
func (n *CreateTempViewUsing) WithChildren([]Node) Node { return n }
func (n *AnalyzeTable) WithChildren([]Node) Node        { return n }
func (n *AlterDatabase) WithChildren([]Node) Node       { return n }

func (*DescribeDatabase) Output() []*AttributeRef    { return []*AttributeRef{} }
func (*DescribeFunction) Output() []*AttributeRef    { return []*AttributeRef{} }
func (*ShowCreateTable) Output() []*AttributeRef     { return []*AttributeRef{} }
func (*ShowTblProperties) Output() []*AttributeRef   { return []*AttributeRef{} }
func (*ShowTableExtended) Output() []*AttributeRef   { return []*AttributeRef{} }
func (*ShowPartitions) Output() []*AttributeRef      { return []*AttributeRef{} }
func (*AlterTable) Output() []*AttributeRef          { return []*AttributeRef{} }
func (*Truncate) Output() []*AttributeRef            { return []*AttributeRef{} }
func (*CreateTempViewUsing) Output() []*AttributeRef { return []*AttributeRef{} }
func (*AnalyzeTable) Output() []*AttributeRef        { return []*AttributeRef{} }
func (*AlterDatabase) Output() []*AttributeRef       { return []*AttributeRef{} }

func (n *DescribeDatabase) Describe() string    { return "DescribeNamespace" }
func (n *DescribeFunction) Describe() string    { return "DescribeFunction" }
func (n *ShowCreateTable) Describe() string     { return "ShowCreateTable" }
func (n *ShowTblProperties) Describe() string   { return "ShowTableProperties" }
func (n *ShowTableExtended) Describe() string   { return "ShowTableExtended" }
func (n *ShowPartitions) Describe() string      { return "ShowPartitions" }
func (n *AlterTable) Describe() string          { return "AlterTable" }
func (n *Truncate) Describe() string            { return "TruncateTable" }
func (n *CreateTempViewUsing) Describe() string { return "CreateTempViewUsing" }
func (n *AnalyzeTable) Describe() string        { return "AnalyzeTable" }
func (n *AlterDatabase) Describe() string       { return "AlterNamespace" }

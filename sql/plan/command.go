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
}

// InsertInto is INSERT INTO/OVERWRITE [TABLE] t [(cols)] query and df.write.insertInto.
type InsertInto struct {
	Table     []string
	Columns   []string
	Query     Node
	Overwrite bool
	ByName    bool
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
	Out      []*AttributeRef
}

// DescribeTable is DESCRIBE [EXTENDED] table [col].
type DescribeTable struct {
	Name     []string
	Column   []string
	Extended bool
	Out      []*AttributeRef
}

// DescribeQuery is DESCRIBE QUERY q.
type DescribeQuery struct {
	Query Node
	Out   []*AttributeRef
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

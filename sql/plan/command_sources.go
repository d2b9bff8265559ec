package plan

import "strings"

// CacheTable is CACHE [LAZY] TABLE name [OPTIONS (...)] [[AS] query]: with a query, the
// query becomes the temporary view name first.
type CacheTable struct {
	Name    []string
	Lazy    bool
	Options map[string]string
	Query   Node
	// Text is the query's SQL as written (for the temporary view).
	Text string
}

// UncacheTable is UNCACHE TABLE [IF EXISTS] name.
type UncacheTable struct {
	Name     []string
	IfExists bool
}

// ClearCache is CLEAR CACHE.
type ClearCache struct{}

// MultiInsert is FROM src INSERT ... SELECT ... INSERT ... SELECT ...: the inserts run in
// order, each one a complete INSERT (its query reads the shared FROM clause).
type MultiInsert struct {
	Inserts []Command // *InsertInto or *InsertDirectory
}

// InsertDirectory is INSERT OVERWRITE [LOCAL] DIRECTORY [path] [USING format | STORED AS
// format] [OPTIONS (...)] query.
type InsertDirectory struct {
	Path     string // "" when only OPTIONS (path ...) gives it
	Local    bool
	Provider string // the data source of USING, or the Hive format of STORED AS
	Hive     bool   // STORED AS / ROW FORMAT: a Hive SerDe write
	Options  map[string]string
	Query    Node
}

func (*CacheTable) CommandName() string      { return "CacheTable" }
func (*UncacheTable) CommandName() string    { return "UncacheTable" }
func (*ClearCache) CommandName() string      { return "ClearCacheCommand" }
func (*MultiInsert) CommandName() string     { return "MultiInsert" }
func (*InsertDirectory) CommandName() string { return "InsertIntoDir" }

func (*CacheTable) Children() []Node      { return nil }
func (*UncacheTable) Children() []Node    { return nil }
func (*ClearCache) Children() []Node      { return nil }
func (*MultiInsert) Children() []Node     { return nil }
func (*InsertDirectory) Children() []Node { return nil }

func (n *CacheTable) WithChildren([]Node) Node      { return n }
func (n *UncacheTable) WithChildren([]Node) Node    { return n }
func (n *ClearCache) WithChildren([]Node) Node      { return n }
func (n *MultiInsert) WithChildren([]Node) Node     { return n }
func (n *InsertDirectory) WithChildren([]Node) Node { return n }

func (*CacheTable) Output() []*AttributeRef      { return []*AttributeRef{} }
func (*UncacheTable) Output() []*AttributeRef    { return []*AttributeRef{} }
func (*ClearCache) Output() []*AttributeRef      { return []*AttributeRef{} }
func (*MultiInsert) Output() []*AttributeRef     { return []*AttributeRef{} }
func (*InsertDirectory) Output() []*AttributeRef { return []*AttributeRef{} }

func (n *CacheTable) Describe() string   { return "CacheTable " + strings.Join(n.Name, ".") }
func (n *UncacheTable) Describe() string { return "UncacheTable " + strings.Join(n.Name, ".") }
func (*ClearCache) Describe() string     { return "ClearCacheCommand" }
func (n *MultiInsert) Describe() string {
	parts := make([]string, len(n.Inserts))
	for i, c := range n.Inserts {
		parts[i] = c.Describe()
	}
	return "MultiInsert [" + strings.Join(parts, ", ") + "]"
}
func (n *InsertDirectory) Describe() string { return "InsertIntoDir " + n.Path }

// RefreshTable is REFRESH TABLE name, REFRESH 'path' and REFRESH FUNCTION name: cached
// data of the table (or read from the path) is built again at its next use.
type RefreshTable struct {
	Name     []string
	Path     string
	Function bool
}

func (*RefreshTable) CommandName() string        { return "RefreshTableCommand" }
func (*RefreshTable) Children() []Node           { return nil }
func (n *RefreshTable) WithChildren([]Node) Node { return n }
func (*RefreshTable) Output() []*AttributeRef    { return []*AttributeRef{} }
func (n *RefreshTable) Describe() string {
	if n.Path != "" {
		return "RefreshResource " + n.Path
	}
	return "RefreshTable " + strings.Join(n.Name, ".")
}

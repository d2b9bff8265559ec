package catalog

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// CatalogName is the name of the one catalog, as Spark names its session catalog.
const CatalogName = "spark_catalog"

// GlobalTempDatabase holds global temporary views.
const GlobalTempDatabase = "global_temp"

// Catalog is the state all sessions share: databases, their tables and views, and the
// global temporary views.
type Catalog struct {
	mu         sync.RWMutex
	databases  map[string]*Database // by lower-case name
	globalTemp map[string]*View
	// warehouse is the directory tables and metadata are stored in ("": memory only).
	warehouse string
}

// Database is a namespace of tables and views.
type Database struct {
	Name     string
	Comment  string
	Location string
	Props    map[string]string
	// Collation is the DEFAULT COLLATION of the database ("" when not given).
	Collation string
	tables    map[string]*Table // by lower-case name; views too (Table.View set)
}

// Table is a table, or a persistent view when View is set. Its rows are kept in memory,
// and with a warehouse also in files (warehouse.go); a cold table has them in files only.
type Table struct {
	Database string
	Name     string
	Schema   *types.StructType
	Provider string
	Comment  string
	Props    map[string]string
	// PartitionColumns names the partition columns, in order.
	PartitionColumns []string
	// View is set for persistent views.
	View *View
	// Options are the storage options of OPTIONS (...).
	Options map[string]string
	// Location is the LOCATION given at creation ("" for a managed table in the warehouse).
	Location string
	// Created is when the table was created.
	Created time.Time
	// Buckets is the CLUSTERED BY ... INTO n BUCKETS spec, nil without one.
	Buckets *BucketSpec
	// Defaults maps lower-case column names to the SQL text of their DEFAULT values.
	Defaults map[string]string
	// Partitions are the partitions the catalog tracks (ADD PARTITION, inserts), for
	// partitioned tables.
	Partitions []*Partition
	// Stats are the statistics ANALYZE TABLE computed, nil before.
	Stats *Stats
	// Collation is the DEFAULT COLLATION of the table ("" when not given).
	Collation string

	data *tableData
}

// tableData holds a table's rows; the metadata copies ALTER TABLE makes share it.
type tableData struct {
	mu      sync.RWMutex
	batches []arrow.RecordBatch
	// store is where the rows live on disk (nil: memory only).
	store *storage
}

// BucketSpec is CLUSTERED BY (cols) [SORTED BY (cols)] INTO n BUCKETS.
type BucketSpec struct {
	Num         int
	Columns     []string
	SortColumns []string
}

// Partition is one partition of a partitioned table: its values in the order of the
// table's partition columns (nil for the default partition of NULL).
type Partition struct {
	Values   []*string
	Location string
	Created  time.Time
	Stats    *Stats
	// Params are the partition's parameters: the fast statistics (numFiles, totalSize)
	// recorded when its directory was recovered (MSCK REPAIR TABLE, a CTAS).
	Params map[string]string `json:",omitempty"`
}

// Stats are table or partition statistics from ANALYZE TABLE.
type Stats struct {
	SizeInBytes int64
	Rows        int64
	HasRows     bool
}

// Clone copies the table's metadata; the copy shares the data.
func (t *Table) Clone() *Table {
	c := *t
	c.Schema = t.Schema
	c.Props = maps.Clone(t.Props)
	c.Options = maps.Clone(t.Options)
	c.Defaults = maps.Clone(t.Defaults)
	c.PartitionColumns = slices.Clone(t.PartitionColumns)
	c.Partitions = slices.Clone(t.Partitions)
	if t.View != nil {
		v := *t.View
		v.Props = maps.Clone(t.View.Props)
		v.SQLConfigs = maps.Clone(t.View.SQLConfigs)
		c.View = &v
	}
	return &c
}

// IsExternal tells an EXTERNAL table (created with a LOCATION or a path option) from a
// managed one.
func (t *Table) IsExternal() bool { return t.Location != "" || t.Options["path"] != "" }

// View is a view: its unresolved plan, re-analyzed wherever it is used, and the names
// given to its columns.
type View struct {
	Name    string
	Plan    plan.Node
	Columns []string
	// Schema is the output as created, for DESCRIBE and SHOW.
	Schema *types.StructType
	SQL    string
	// Text is the text of the view's query, as written.
	Text string
	// QueryColumns are the names of the query's output columns when the view was created.
	QueryColumns []string
	// SchemaMode is the WITH SCHEMA mode: BINDING, COMPENSATION, EVOLUTION or TYPE
	// EVOLUTION.
	SchemaMode string
	// CatalogNamespace is the catalog and database current when the view was created.
	CatalogNamespace []string
	Comment          string
	Props            map[string]string
	// SQLConfigs are the SQL configs set in the session when the view was created
	// (spark.sql.*), which its query resolves with, as Spark's view.sqlConfig properties.
	SQLConfigs map[string]string
	// Provider and Options are set for temporary views over a data source
	// (CREATE TEMPORARY VIEW ... USING).
	Provider string
	Options  map[string]string
	// Collation is the view's DEFAULT COLLATION ("" without one): its query's string
	// literals take it, whenever the query is set or parsed again.
	Collation string
}

// New makes a catalog with the default database.
func New() *Catalog {
	c := &Catalog{databases: map[string]*Database{}, globalTemp: map[string]*View{}}
	c.databases["default"] = &Database{Name: "default", Comment: "default database", tables: map[string]*Table{}}
	return c
}

func key(s string) string { return strings.ToLower(s) }

func (t *Table) store() *tableData {
	if t.data == nil {
		t.data = &tableData{}
	}
	return t.data
}

// Batches returns the table's data; the caller must not modify the slice.
func (t *Table) Batches() []arrow.RecordBatch {
	if t.data == nil {
		return nil
	}
	t.data.mu.RLock()
	defer t.data.mu.RUnlock()
	return t.data.batches
}

// SizeInBytes is the size of the table's data in memory, which the optimizer uses to
// order joins.
func (t *Table) SizeInBytes() int64 {
	var n int64
	for _, b := range t.Batches() {
		for _, c := range b.Columns() {
			for _, buf := range c.Data().Buffers() {
				if buf != nil {
					n += int64(buf.Len())
				}
			}
		}
	}
	return n
}

// Append adds batches to the table (it takes ownership of them).
func (t *Table) Append(bs []arrow.RecordBatch) {
	d := t.store()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.batches = append(d.batches, bs...)
}

// Replace swaps the table's data (INSERT OVERWRITE, TRUNCATE).
func (t *Table) Replace(bs []arrow.RecordBatch) {
	d := t.store()
	d.mu.Lock()
	old := d.batches
	d.batches = bs
	d.mu.Unlock()
	for _, b := range old {
		b.Release()
	}
}

// Session is one session's view of the catalog: its current database and its temporary
// views.
type Session struct {
	global    *Catalog
	mu        sync.Mutex
	currentDB string
	tempViews map[string]*View
}

// NewSession makes a session's catalog over the shared one.
func (c *Catalog) NewSession() *Session {
	return &Session{global: c, currentDB: "default", tempViews: map[string]*View{}}
}

// CurrentDatabase is the session's current database.
func (s *Session) CurrentDatabase() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.currentDB
}

// SetCurrentDatabase is USE db.
func (s *Session) SetCurrentDatabase(db string) error {
	s.global.mu.RLock()
	d, ok := s.global.databases[key(db)]
	s.global.mu.RUnlock()
	if !ok {
		return schemaNotFound(db)
	}
	s.mu.Lock()
	s.currentDB = d.Name
	s.mu.Unlock()
	return nil
}

func schemaNotFound(db string) error {
	return sparkerror.New(sparkerror.Analysis, "SCHEMA_NOT_FOUND", "42704",
		"The schema <schemaName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the correct catalog.\nTo tolerate the error on drop use DROP SCHEMA IF EXISTS.",
		map[string]string{"schemaName": "`" + CatalogName + "`.`" + db + "`"})
}

// TableName is a resolved table identifier.
type TableName struct {
	Database, Name string
}

// QualifiedName is [spark_catalog, db, name], the qualifier of the table's columns.
func (n TableName) QualifiedName() []string { return []string{CatalogName, n.Database, n.Name} }

// Resolve turns a table name as written into database and name.
func (s *Session) Resolve(name []string) (TableName, error) {
	switch len(name) {
	case 0:
		return TableName{}, sparkerror.InvalidPlanInput("a table name is empty")
	case 1:
		return TableName{Database: s.CurrentDatabase(), Name: name[0]}, nil
	case 2:
		return TableName{Database: name[0], Name: name[1]}, nil
	case 3:
		if !strings.EqualFold(name[0], CatalogName) {
			return TableName{}, sparkerror.New(sparkerror.Analysis, "REQUIRES_SINGLE_PART_NAMESPACE", "42K05",
				"<sessionCatalog> requires a single-part namespace, but got <namespace>.",
				map[string]string{"sessionCatalog": CatalogName, "namespace": "`" + strings.Join(name[:2], "`.`") + "`"})
		}
		return TableName{Database: name[1], Name: name[2]}, nil
	}
	return TableName{}, sparkerror.New(sparkerror.Analysis, "REQUIRES_SINGLE_PART_NAMESPACE", "42K05",
		"<sessionCatalog> requires a single-part namespace, but got <namespace>.",
		map[string]string{"sessionCatalog": CatalogName, "namespace": "`" + strings.Join(name[:len(name)-1], "`.`") + "`"})
}

// TempView finds a session temporary view (or, with global_temp.name, a global one).
func (s *Session) TempView(name []string) *View {
	if len(name) == 1 {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.tempViews[key(name[0])]
	}
	if len(name) == 2 && strings.EqualFold(name[0], GlobalTempDatabase) {
		s.global.mu.RLock()
		defer s.global.mu.RUnlock()
		return s.global.globalTemp[key(name[1])]
	}
	return nil
}

// LookupRelation implements analyzer.Catalog.
func (s *Session) LookupRelation(name []string) (*analyzer.Relation, error) {
	if v := s.TempView(name); v != nil {
		q := []string{v.Name}
		if len(name) == 2 {
			q = []string{GlobalTempDatabase, v.Name}
		}
		return &analyzer.Relation{QualifiedName: q, View: v.Plan, ViewColumns: v.Columns, Binding: s.tempViewBinding(name, v),
			Scope: s.viewScope(v, false)}, nil
	}
	tn, err := s.Resolve(name)
	if err != nil {
		return nil, err
	}
	t := s.Table(tn)
	if t == nil {
		if s.databaseExists(name[0]) {
			return nil, nil
		}
		return sqlOnFile(name)
	}
	if t.View != nil {
		return &analyzer.Relation{QualifiedName: []string{CatalogName, t.Database, t.Name}, View: t.View.Plan,
			ViewColumns: t.View.Columns, Binding: s.viewBinding(TableName{Database: t.Database, Name: t.Name}, t.View),
			Scope: s.viewScope(t.View, true)}, nil
	}
	if t.Cold() {
		return coldRelation(t), nil
	}
	return &analyzer.Relation{QualifiedName: []string{CatalogName, t.Database, t.Name}, Table: t, Schema: t.Schema}, nil
}

func (s *Session) databaseExists(db string) bool {
	s.global.mu.RLock()
	defer s.global.mu.RUnlock()
	_, ok := s.global.databases[key(db)]
	return ok
}

// Table finds a table or persistent view.
func (s *Session) Table(tn TableName) *Table {
	s.global.mu.RLock()
	defer s.global.mu.RUnlock()
	d, ok := s.global.databases[key(tn.Database)]
	if !ok {
		return nil
	}
	return d.tables[key(tn.Name)]
}

// CreateTempView registers a session temporary view (or a global one).
func (s *Session) CreateTempView(v *View, global, replace bool) error {
	if global {
		s.global.mu.Lock()
		defer s.global.mu.Unlock()
		if _, exists := s.global.globalTemp[key(v.Name)]; exists && !replace {
			return viewExists([]string{GlobalTempDatabase, v.Name})
		}
		s.global.globalTemp[key(v.Name)] = v
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.tempViews[key(v.Name)]; exists && !replace {
		return viewExists([]string{v.Name})
	}
	s.tempViews[key(v.Name)] = v
	return nil
}

func viewExists(name []string) error {
	return sparkerror.New(sparkerror.Analysis, "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "42P07",
		"Cannot create the temporary view <relationName> because it already exists.\nChoose a different name, drop or replace the existing view, or add the IF NOT EXISTS clause to tolerate pre-existing views.",
		map[string]string{"relationName": "`" + strings.Join(name, "`.`") + "`"})
}

// DropTempView removes a temporary view; it reports whether there was one.
func (s *Session) DropTempView(name []string) bool {
	if len(name) == 1 {
		s.mu.Lock()
		defer s.mu.Unlock()
		if _, ok := s.tempViews[key(name[0])]; ok {
			delete(s.tempViews, key(name[0]))
			return true
		}
		return false
	}
	if len(name) == 2 && strings.EqualFold(name[0], GlobalTempDatabase) {
		s.global.mu.Lock()
		defer s.global.mu.Unlock()
		if _, ok := s.global.globalTemp[key(name[1])]; ok {
			delete(s.global.globalTemp, key(name[1]))
			return true
		}
	}
	return false
}

// CreateTable adds a table (or persistent view). With replace an existing one is
// replaced; otherwise an existing one is an error unless ifNotExists (then it reports
// false).
func (s *Session) CreateTable(tn TableName, t *Table, replace, ifNotExists bool) (bool, error) {
	s.global.mu.Lock()
	defer s.global.mu.Unlock()
	d, ok := s.global.databases[key(tn.Database)]
	if !ok {
		return false, schemaNotFound(tn.Database)
	}
	old, exists := d.tables[key(tn.Name)]
	if exists && !replace {
		if ifNotExists {
			return false, nil
		}
		return false, sparkerror.New(sparkerror.Analysis, "TABLE_OR_VIEW_ALREADY_EXISTS", "42P07",
			"Cannot create table or view <relationName> because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.",
			map[string]string{"relationName": "`" + CatalogName + "`.`" + d.Name + "`.`" + tn.Name + "`"})
	}
	// The session catalog keeps names in lower case, as Spark's does when
	// spark.sql.caseSensitive is off.
	t.Database, t.Name = d.Name, strings.ToLower(tn.Name)
	if t.View != nil {
		t.View.Name = t.Name
	}
	t.store()
	if t.Created.IsZero() {
		t.Created = time.Now()
	}
	if exists {
		dropFiles(old)
		s.global.removeTableMeta(d.Name, old.Name)
		old.Replace(nil)
	}
	if err := s.global.attachStorage(t); err != nil {
		return false, err
	}
	if err := s.global.saveTable(t); err != nil {
		return false, sparkerror.InternalError("save table metadata: %v", err)
	}
	d.tables[key(tn.Name)] = t
	return true, nil
}

// DropTable removes a table or view; it reports whether there was one.
func (s *Session) DropTable(tn TableName) bool {
	s.global.mu.Lock()
	defer s.global.mu.Unlock()
	d, ok := s.global.databases[key(tn.Database)]
	if !ok {
		return false
	}
	t, ok := d.tables[key(tn.Name)]
	if !ok {
		return false
	}
	delete(d.tables, key(tn.Name))
	s.global.removeTableMeta(d.Name, t.Name)
	dropFiles(t)
	t.Replace(nil)
	return true
}

// CreateDatabase adds a database.
func (s *Session) CreateDatabase(db *Database, ifNotExists bool) error {
	s.global.mu.Lock()
	defer s.global.mu.Unlock()
	if _, ok := s.global.databases[key(db.Name)]; ok {
		if ifNotExists {
			return nil
		}
		return sparkerror.New(sparkerror.Analysis, "SCHEMA_ALREADY_EXISTS", "42P06",
			"Cannot create schema <schemaName> because it already exists.\nChoose a different name, drop the existing schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema.",
			map[string]string{"schemaName": "`" + CatalogName + "`.`" + db.Name + "`"})
	}
	db.Name = strings.ToLower(db.Name)
	db.tables = map[string]*Table{}
	if err := s.global.saveDatabase(db); err != nil {
		return sparkerror.InternalError("save database metadata: %v", err)
	}
	s.global.databases[key(db.Name)] = db
	return nil
}

// DropDatabase removes a database; cascade drops its tables, otherwise it must be empty.
func (s *Session) DropDatabase(name string, ifExists, cascade bool) error {
	s.global.mu.Lock()
	defer s.global.mu.Unlock()
	d, ok := s.global.databases[key(name)]
	if !ok {
		if ifExists {
			return nil
		}
		return schemaNotFound(name)
	}
	if key(name) == "default" {
		return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_FEATURE.DROP_DATABASE", "0A000",
			"The feature is not supported: Drop the default database <database>.", map[string]string{"database": "`default`"})
	}
	if len(d.tables) > 0 && !cascade {
		return sparkerror.New(sparkerror.Analysis, "SCHEMA_NOT_EMPTY", "2BP01",
			"Cannot drop a schema <schemaName> because it contains objects.\nUse DROP SCHEMA ... CASCADE to drop the schema and all its objects.",
			map[string]string{"schemaName": "`" + d.Name + "`"})
	}
	for _, t := range d.tables {
		s.global.removeTableMeta(d.Name, t.Name)
		dropFiles(t)
		t.Replace(nil)
	}
	if s.global.warehouse != "" {
		_ = os.Remove(s.global.dbMetaPath(d.Name))
		_ = os.Remove(filepath.Join(s.global.warehouse, metaDirName, "tables", key(d.Name)))
		if d.Location == "" {
			_ = os.Remove(filepath.Join(s.global.warehouse, key(d.Name)+".db"))
		}
	}
	delete(s.global.databases, key(name))
	return nil
}

// Databases lists the database names, sorted.
func (s *Session) Databases() []string {
	s.global.mu.RLock()
	defer s.global.mu.RUnlock()
	out := make([]string, 0, len(s.global.databases))
	for _, d := range s.global.databases {
		out = append(out, d.Name)
	}
	sort.Strings(out)
	return out
}

// TableEntry is one row of SHOW TABLES.
type TableEntry struct {
	Database    string // "" for temporary views
	Name        string
	IsTemporary bool
	IsView      bool
}

// Tables lists the tables and views of a database, and the session's temporary views.
func (s *Session) Tables(db string) ([]TableEntry, error) {
	s.global.mu.RLock()
	d, ok := s.global.databases[key(db)]
	var out []TableEntry
	if ok {
		for _, t := range d.tables {
			out = append(out, TableEntry{Database: d.Name, Name: t.Name, IsView: t.View != nil})
		}
	} else if key(db) == GlobalTempDatabase {
		ok = true
		for _, v := range s.global.globalTemp {
			out = append(out, TableEntry{Database: GlobalTempDatabase, Name: v.Name, IsTemporary: true, IsView: true})
		}
	}
	s.global.mu.RUnlock()
	if !ok {
		return nil, schemaNotFound(db)
	}
	s.mu.Lock()
	for _, v := range s.tempViews {
		out = append(out, TableEntry{Name: v.Name, IsTemporary: true, IsView: true})
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Database != out[j].Database {
			return out[i].Database > out[j].Database // databases first, temporary views last
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// DataIdentity identifies a table's data: the metadata copies ALTER TABLE makes share it.
func (t *Table) DataIdentity() any { return t.store() }

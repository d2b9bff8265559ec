package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/sink"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The warehouse: with OpenWarehouse, databases and tables whose provider is a file
// format this engine writes (parquet, csv, json, text) are kept on disk. A managed
// table's files live in <warehouse>/<table> (default database) or
// <warehouse>/<db>.db/<table>, an external table's at its LOCATION; the metadata of each
// database and table is a JSON file under <warehouse>/.sail-catalog, written atomically
// (a temporary file renamed into place). Writes go through physical/sink, so they are
// atomic too.
//
// Tables created or loaded while the server runs keep a copy of their rows in memory
// ("hot", written through to the files); tables found on disk at start (and external
// tables over existing files) are "cold": queries read their files through a file scan
// and writes only touch the files. Views, temporary views and tables of other providers
// stay in memory only.

const metaDirName = ".sail-catalog"

// storage is where a table's data lives on disk; nil for memory-only tables.
type storage struct {
	dir    string // absolute data directory
	format string // parquet, csv, json or text
	cold   bool   // rows not in memory: read the files
}

// OpenWarehouse makes the catalog persistent in dir and loads the databases and tables
// stored there. The directory is created when the first database or table is.
func (c *Catalog) OpenWarehouse(dir string) error {
	abs, err := sink.LocalPath(dir)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.warehouse = abs
	dbFiles, _ := filepath.Glob(filepath.Join(abs, metaDirName, "databases", "*.json"))
	for _, f := range dbFiles {
		var m dbMeta
		if err := readJSON(f, &m); err != nil {
			return err
		}
		if m.Name == "" {
			continue
		}
		if d, ok := c.databases[key(m.Name)]; ok {
			d.Comment, d.Location, d.Props, d.Collation = m.Comment, m.Location, m.Props, m.Collation
			continue
		}
		c.databases[key(m.Name)] = &Database{Name: m.Name, Comment: m.Comment, Location: m.Location, Props: m.Props,
			Collation: m.Collation, tables: map[string]*Table{}}
	}
	tableFiles, _ := filepath.Glob(filepath.Join(abs, metaDirName, "tables", "*", "*.json"))
	for _, f := range tableFiles {
		var m tableMeta
		if err := readJSON(f, &m); err != nil {
			return err
		}
		d, ok := c.databases[key(m.Database)]
		if !ok {
			continue
		}
		t, err := m.table()
		if err != nil {
			return err
		}
		if m.View != nil {
			v, err := m.View.view(t.Name)
			if err != nil {
				continue // a view whose text no longer parses stays on disk, unlisted
			}
			t.View = v
			t.data = &tableData{}
		} else {
			t.data = &tableData{store: &storage{dir: m.Dir, format: m.Format, cold: true}}
		}
		d.tables[key(t.Name)] = t
	}
	return nil
}

// Warehouse is the warehouse directory ("" when the catalog is in memory only).
func (c *Catalog) Warehouse() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.warehouse
}

// dbMeta is a database's JSON file.
type dbMeta struct {
	Name      string            `json:"name"`
	Comment   string            `json:"comment,omitempty"`
	Location  string            `json:"location,omitempty"`
	Props     map[string]string `json:"properties,omitempty"`
	Collation string            `json:"collation,omitempty"`
}

// tableMeta is a table's JSON file.
type tableMeta struct {
	Database         string            `json:"database"`
	Name             string            `json:"name"`
	Schema           string            `json:"schema"`
	Provider         string            `json:"provider"`
	Comment          string            `json:"comment,omitempty"`
	Props            map[string]string `json:"properties,omitempty"`
	PartitionColumns []string          `json:"partitionColumns,omitempty"`
	Options          map[string]string `json:"options,omitempty"`
	Location         string            `json:"location,omitempty"`
	Created          time.Time         `json:"created"`
	Buckets          *BucketSpec       `json:"buckets,omitempty"`
	Defaults         map[string]string `json:"defaults,omitempty"`
	Partitions       []*Partition      `json:"partitions,omitempty"`
	Stats            *Stats            `json:"stats,omitempty"`
	Collation        string            `json:"collation,omitempty"`
	Dir              string            `json:"dir"`
	Format           string            `json:"format"`
	View             *viewMeta         `json:"view,omitempty"`
}

// viewMeta is what a persistent view keeps besides its table metadata: the text of its
// query and what its analysis depends on, as Spark's CatalogTable of a view.
type viewMeta struct {
	Text             string            `json:"text"`
	SQL              string            `json:"sql,omitempty"`
	Columns          []string          `json:"columns,omitempty"`
	Schema           string            `json:"schema,omitempty"`
	QueryColumns     []string          `json:"queryColumns,omitempty"`
	SchemaMode       string            `json:"schemaMode,omitempty"`
	CatalogNamespace []string          `json:"catalogNamespace,omitempty"`
	Comment          string            `json:"comment,omitempty"`
	Props            map[string]string `json:"properties,omitempty"`
	SQLConfigs       map[string]string `json:"sqlConfigs,omitempty"`
	Collation        string            `json:"collation,omitempty"`
}

func metaOf(t *Table, st *storage) tableMeta {
	if st == nil {
		st = &storage{}
	}
	var vm *viewMeta
	if v := t.View; v != nil {
		vm = &viewMeta{Text: v.Text, SQL: v.SQL, Columns: v.Columns, QueryColumns: v.QueryColumns, SchemaMode: v.SchemaMode,
			CatalogNamespace: v.CatalogNamespace, Comment: v.Comment, Props: v.Props, SQLConfigs: v.SQLConfigs, Collation: v.Collation}
		if v.Schema != nil {
			vm.Schema = v.Schema.JSON()
		}
	}
	return tableMeta{View: vm, Database: t.Database, Name: t.Name, Schema: t.Schema.JSON(), Provider: t.Provider, Comment: t.Comment,
		Props: t.Props, PartitionColumns: t.PartitionColumns, Options: t.Options, Location: t.Location, Created: t.Created,
		Buckets: t.Buckets, Defaults: t.Defaults, Partitions: t.Partitions, Stats: t.Stats, Collation: t.Collation,
		Dir: st.dir, Format: st.format}
}

func (m *tableMeta) table() (*Table, error) {
	dt, err := types.ParseJSON(m.Schema)
	if err != nil {
		return nil, err
	}
	st, ok := dt.(*types.StructType)
	if !ok {
		return nil, sparkerror.InternalError("table %s.%s: schema %s is not a struct", m.Database, m.Name, dt.SQL())
	}
	return &Table{Database: m.Database, Name: m.Name, Schema: st, Provider: m.Provider, Comment: m.Comment,
		Props: m.Props, PartitionColumns: m.PartitionColumns, Options: m.Options, Location: m.Location,
		Created: m.Created, Buckets: m.Buckets, Defaults: m.Defaults, Partitions: m.Partitions, Stats: m.Stats,
		Collation: m.Collation}, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return sparkerror.InternalError("catalog file %s: %v", path, err)
	}
	return nil
}

// writeJSON writes v to path atomically: a temporary file renamed over it.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (c *Catalog) dbMetaPath(db string) string {
	return filepath.Join(c.warehouse, metaDirName, "databases", key(db)+".json")
}

func (c *Catalog) tableMetaPath(db, table string) string {
	return filepath.Join(c.warehouse, metaDirName, "tables", key(db), key(table)+".json")
}

// managedDir is the data directory of a managed table.
func (c *Catalog) managedDir(db, table string) string {
	if key(db) == "default" {
		return filepath.Join(c.warehouse, key(table))
	}
	if d, ok := c.databases[key(db)]; ok && d.Location != "" {
		if p, err := sink.LocalPath(d.Location); err == nil && !strings.Contains(d.Location, "://") {
			return filepath.Join(p, key(table))
		}
	}
	return filepath.Join(c.warehouse, key(db)+".db", key(table))
}

// saveDatabase writes a database's metadata (the caller holds c.mu).
func (c *Catalog) saveDatabase(d *Database) error {
	if c.warehouse == "" {
		return nil
	}
	return writeJSON(c.dbMetaPath(d.Name), dbMeta{Name: d.Name, Comment: d.Comment, Location: d.Location, Props: d.Props, Collation: d.Collation})
}

// saveTable writes the metadata of a stored table or a persistent view created from SQL
// text (the caller holds c.mu).
func (c *Catalog) saveTable(t *Table) error {
	st := t.storage()
	if c.warehouse == "" || st == nil && (t.View == nil || t.View.Text == "") {
		return nil
	}
	return writeJSON(c.tableMetaPath(t.Database, t.Name), metaOf(t, st))
}

func (c *Catalog) removeTableMeta(db, table string) {
	if c.warehouse == "" {
		return
	}
	_ = os.Remove(c.tableMetaPath(db, table))
}

// attachStorage decides where a new table's data lives (the caller holds c.mu): on disk
// for a table of a file provider whose columns the format can hold, in memory otherwise.
func (c *Catalog) attachStorage(t *Table) error {
	if c.warehouse == "" || t.View != nil {
		return nil
	}
	format := sink.FormatName(t.Provider)
	if format == "" {
		format = "parquet"
	}
	switch format {
	case "parquet", "csv", "json", "text":
	default:
		return nil
	}
	if t.Buckets != nil {
		return nil
	}
	if err := sink.Check(sink.Job{Format: format, Options: t.Options, PartitionBy: t.PartitionColumns, Schema: t.Schema}); err != nil {
		return nil // a table the format cannot hold stays in memory
	}
	dir := ""
	cold := false
	if loc := t.Location; loc != "" || t.Options["path"] != "" {
		if loc == "" {
			loc = t.Options["path"]
		}
		if strings.Contains(loc, "://") {
			return nil
		}
		p, err := sink.LocalPath(loc)
		if err != nil {
			return nil
		}
		dir = p
		// An external table over existing files reads them.
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			cold = true
		}
	} else {
		dir = c.managedDir(t.Database, t.Name)
	}
	if !cold {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return sparkerror.InternalError("create table directory %s: %v", dir, err)
		}
	}
	t.store().store = &storage{dir: dir, format: format, cold: cold}
	return nil
}

func (t *Table) storage() *storage {
	if t.data == nil {
		return nil
	}
	t.data.mu.RLock()
	defer t.data.mu.RUnlock()
	return t.data.store
}

// Dir is the directory of a table's files ("" for a table kept in memory only).
func (t *Table) Dir() string {
	if st := t.storage(); st != nil {
		return st.dir
	}
	return ""
}

// Cold reports whether the table's rows are only on disk (queries scan its files).
func (t *Table) Cold() bool {
	st := t.storage()
	return st != nil && st.cold
}

// isManaged tells a managed table, whose files the catalog owns.
func (t *Table) isManaged() bool { return !t.IsExternal() }

// Write stores rows in the table: they replace the data with overwrite, else are added.
// A stored table's files are written first (atomically); memory follows only when that
// succeeded. Write takes ownership of the batches.
func (t *Table) Write(ctx context.Context, bs []arrow.RecordBatch, overwrite bool, zone *time.Location) error {
	st := t.storage()
	if st != nil {
		schema, err := types.ToArrowSchema(t.Schema)
		if err != nil {
			releaseAll(bs)
			return err
		}
		for _, b := range bs {
			b.Retain()
		}
		mode := sink.Append
		if overwrite {
			mode = sink.Overwrite
		}
		_, err = sink.Write(ctx, physical.NewValues(schema, append([]arrow.RecordBatch(nil), bs...)), sink.Job{
			Path: st.dir, Format: st.format, Options: writeOptions(t.Options), PartitionBy: t.PartitionColumns,
			Mode: mode, Schema: t.Schema, TimeZone: zone})
		releaseAll(bs) // the Values plan held its own references
		if err != nil {
			releaseAll(bs)
			return err
		}
		if st.cold {
			releaseAll(bs)
			return nil
		}
	}
	if overwrite {
		t.Replace(bs)
	} else {
		t.Append(bs)
	}
	return nil
}

// writeOptions are a table's options minus the ones about where it lives.
func writeOptions(o map[string]string) map[string]string {
	out := maps.Clone(o)
	for k := range out {
		if strings.EqualFold(k, "path") {
			delete(out, k)
		}
	}
	return out
}

func releaseAll(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}

// coldRelation is the relation of a cold table: a scan of its files with the table's
// schema.
func coldRelation(t *Table) *analyzer.Relation {
	st := t.storage()
	return &analyzer.Relation{QualifiedName: []string{CatalogName, t.Database, t.Name},
		View: &plan.DataSourceRead{Format: st.format, Paths: []string{st.dir}, Schema: t.Schema, Options: writeOptions(t.Options)}}
}

// dropFiles deletes a managed table's directory when the table is dropped.
func dropFiles(t *Table) {
	st := t.storage()
	if st == nil || !t.isManaged() {
		return
	}
	_ = sink.Delete(st.dir)
}

// renameFiles moves a managed table's directory to its new name.
func (c *Catalog) renameFiles(t *Table, newName string) error {
	st := t.storage()
	if st == nil || !t.isManaged() {
		return nil
	}
	to := c.managedDir(t.Database, newName)
	if err := os.Rename(st.dir, to); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return sparkerror.InternalError("rename table directory: %v", err)
	}
	t.data.mu.Lock()
	t.data.store = &storage{dir: to, format: st.format, cold: st.cold}
	t.data.mu.Unlock()
	return nil
}

// OverwritePartitions is a partition overwrite (INSERT OVERWRITE ... PARTITION, or
// dynamic partition overwrite): in the files, the partition directories replace selects
// (static) or, with replaceWritten, those bs has rows in (dynamic) are replaced by bs's;
// in memory the rows become kept (the rows of the partitions that stay, which the caller
// selected with the same rule) followed by bs. It takes ownership of bs and kept.
func (t *Table) OverwritePartitions(ctx context.Context, bs, kept []arrow.RecordBatch, replace func([]*string) bool, replaceWritten bool, zone *time.Location) error {
	st := t.storage()
	if st != nil {
		schema, err := types.ToArrowSchema(t.Schema)
		if err != nil {
			releaseAll(bs)
			releaseAll(kept)
			return err
		}
		for _, b := range bs {
			b.Retain()
		}
		_, err = sink.Write(ctx, physical.NewValues(schema, append([]arrow.RecordBatch(nil), bs...)), sink.Job{
			Path: st.dir, Format: st.format, Options: writeOptions(t.Options), PartitionBy: t.PartitionColumns,
			Mode: sink.Overwrite, Schema: t.Schema, TimeZone: zone, Replace: replace, ReplaceWritten: replaceWritten})
		releaseAll(bs) // the Values plan's references
		if err != nil {
			releaseAll(bs)
			releaseAll(kept)
			return err
		}
		if st.cold {
			releaseAll(bs)
			releaseAll(kept)
			return nil
		}
	}
	t.Replace(append(kept, bs...))
	return nil
}

// view rebuilds a stored view: its plan comes from parsing its text again.
func (m *viewMeta) view(name string) (*View, error) {
	p, err := parseView(m.Text, m.SQLConfigs)
	if err != nil {
		return nil, err
	}
	if m.Collation != "" {
		if p, err = astlower.DefaultCollation(p, m.Collation); err != nil {
			return nil, err
		}
	}
	v := &View{Name: name, Plan: p, Columns: m.Columns, SQL: m.SQL, Text: m.Text, QueryColumns: m.QueryColumns,
		SchemaMode: m.SchemaMode, CatalogNamespace: m.CatalogNamespace, Comment: m.Comment, Props: m.Props, SQLConfigs: m.SQLConfigs,
		Collation: m.Collation}
	if m.Schema != "" {
		dt, err := types.ParseJSON(m.Schema)
		if err != nil {
			return nil, err
		}
		st, ok := dt.(*types.StructType)
		if !ok {
			return nil, sparkerror.InternalError("view schema %s is not a struct", dt.SQL())
		}
		v.Schema = st
	}
	return v, nil
}

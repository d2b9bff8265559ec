package catalog

import (
	"maps"
	"slices"
	"strings"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// ResolveNamespace turns a database name as written ([spark_catalog.]db) into the
// database name.
func ResolveNamespace(name []string) (string, error) {
	switch {
	case len(name) == 1:
		return name[0], nil
	case len(name) == 2 && strings.EqualFold(name[0], CatalogName):
		return name[1], nil
	case len(name) > 2 && strings.EqualFold(name[0], CatalogName):
		return "", requiresSinglePart(name[1:])
	}
	return "", requiresSinglePart(name)
}

func requiresSinglePart(ns []string) error {
	return sparkerror.New(sparkerror.Analysis, "REQUIRES_SINGLE_PART_NAMESPACE", "42K05",
		"<sessionCatalog> requires a single-part namespace, but got <namespace>.",
		map[string]string{"sessionCatalog": CatalogName, "namespace": "`" + strings.Join(ns, "`.`") + "`"})
}

// SchemaNotFound is Spark's SCHEMA_NOT_FOUND for a database of the session catalog.
func SchemaNotFound(db string) error { return schemaNotFound(db) }

// Database returns a copy of a database's metadata, or SCHEMA_NOT_FOUND.
func (s *Session) Database(name string) (*Database, error) {
	s.global.mu.RLock()
	defer s.global.mu.RUnlock()
	d, ok := s.global.databases[key(name)]
	if !ok {
		return nil, schemaNotFound(name)
	}
	c := *d
	c.Props = maps.Clone(d.Props)
	c.tables = nil
	return &c, nil
}

// AlterDatabase changes a database's metadata with f.
func (s *Session) AlterDatabase(name string, f func(d *Database) error) error {
	s.global.mu.Lock()
	defer s.global.mu.Unlock()
	d, ok := s.global.databases[key(name)]
	if !ok {
		return schemaNotFound(name)
	}
	c := *d
	c.Props = maps.Clone(d.Props)
	if err := f(&c); err != nil {
		return err
	}
	if err := s.global.saveDatabase(&c); err != nil {
		return sparkerror.InternalError("save database metadata: %v", err)
	}
	*d = c
	return nil
}

// AlterTable replaces a table's (or persistent view's) metadata with what f makes of a
// copy of it; the data stays shared. f's error leaves the table unchanged.
func (s *Session) AlterTable(tn TableName, f func(t *Table) error) error {
	s.global.mu.Lock()
	defer s.global.mu.Unlock()
	d, ok := s.global.databases[key(tn.Database)]
	if !ok {
		return schemaNotFound(tn.Database)
	}
	t, ok := d.tables[key(tn.Name)]
	if !ok {
		return tableNotFound(tn.QualifiedName())
	}
	c := t.Clone()
	if err := f(c); err != nil {
		return err
	}
	if err := s.global.saveTable(c); err != nil {
		return sparkerror.InternalError("save table metadata: %v", err)
	}
	d.tables[key(tn.Name)] = c
	return nil
}

func tableNotFound(name []string) error {
	return sparkerror.New(sparkerror.Analysis, "TABLE_OR_VIEW_NOT_FOUND", "42P01",
		"The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
		map[string]string{"relationName": "`" + strings.Join(name, "`.`") + "`"})
}

// RenameTable moves a table or persistent view to a new name (in the same database).
func (s *Session) RenameTable(from, to TableName) error {
	s.global.mu.Lock()
	defer s.global.mu.Unlock()
	d, ok := s.global.databases[key(from.Database)]
	if !ok {
		return schemaNotFound(from.Database)
	}
	t, ok := d.tables[key(from.Name)]
	if !ok {
		return tableNotFound(from.QualifiedName())
	}
	if !strings.EqualFold(from.Database, to.Database) {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1073", "",
			"RENAME TABLE source and destination databases do not match: '<db>' != '<newDb>'.",
			map[string]string{"db": from.Database, "newDb": to.Database})
	}
	if _, exists := d.tables[key(to.Name)]; exists {
		return sparkerror.New(sparkerror.Analysis, "TABLE_OR_VIEW_ALREADY_EXISTS", "42P07",
			"Cannot create table or view <relationName> because it already exists.\nChoose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.",
			map[string]string{"relationName": "`" + CatalogName + "`.`" + d.Name + "`.`" + strings.ToLower(to.Name) + "`"})
	}
	c := t.Clone()
	c.Name = strings.ToLower(to.Name)
	if c.View != nil {
		c.View.Name = c.Name
	}
	if err := s.global.renameFiles(t, c.Name); err != nil {
		return err
	}
	s.global.removeTableMeta(d.Name, t.Name)
	if err := s.global.saveTable(c); err != nil {
		return sparkerror.InternalError("save table metadata: %v", err)
	}
	delete(d.tables, key(from.Name))
	d.tables[key(to.Name)] = c
	return nil
}

// RenameTempView renames a session temporary view; it reports whether there was one.
func (s *Session) RenameTempView(from, to string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.tempViews[key(from)]
	if !ok {
		return false, nil
	}
	if _, exists := s.tempViews[key(to)]; exists {
		return true, viewExists([]string{to})
	}
	c := *v
	c.Name = to
	delete(s.tempViews, key(from))
	s.tempViews[key(to)] = &c
	return true, nil
}

// IsTempView tells whether a name refers to a temporary view (session or global).
func (s *Session) IsTempView(name []string) bool { return s.TempView(name) != nil }

// bindable tells whether a view keeps the schema it was created with: views created from
// SQL text do; DataFrame views and views over data sources keep their plan as it is.
func bindable(v *View) bool { return v.Text != "" && v.Schema != nil && v.SchemaMode != "" }

// viewBinding is how a persistent view's query binds to its stored schema.
func (s *Session) viewBinding(tn TableName, v *View) *analyzer.ViewBinding {
	if !bindable(v) {
		return nil
	}
	cols := " "
	if !slices.Equal(v.Schema.FieldNames(), v.QueryColumns) {
		cols = " (" + strings.Join(v.Schema.FieldNames(), ", ") + ") "
	}
	return &analyzer.ViewBinding{Mode: v.SchemaMode, Schema: v.Schema, QueryColumns: v.QueryColumns,
		DDL: "CREATE OR REPLACE VIEW " + CatalogName + "." + tn.Database + "." + tn.Name + cols + "AS " + v.Text,
		Sync: func(st *types.StructType, queryColumns []string) {
			_ = s.AlterTable(tn, func(t *Table) error {
				if t.View == nil {
					return nil
				}
				t.Schema, t.View.Schema, t.View.QueryColumns = st, st, queryColumns
				return nil
			})
		}}
}

// tempViewBinding is how a temporary view's query binds to its stored schema.
func (s *Session) tempViewBinding(name []string, v *View) *analyzer.ViewBinding {
	if !bindable(v) {
		return nil
	}
	global := len(name) == 2
	return &analyzer.ViewBinding{Mode: v.SchemaMode, Schema: v.Schema, QueryColumns: v.QueryColumns,
		Sync: func(st *types.StructType, queryColumns []string) {
			c := *v
			c.Schema, c.QueryColumns = st, queryColumns
			if global {
				s.global.mu.Lock()
				if s.global.globalTemp[key(v.Name)] == v {
					s.global.globalTemp[key(v.Name)] = &c
				}
				s.global.mu.Unlock()
				return
			}
			s.mu.Lock()
			if s.tempViews[key(v.Name)] == v {
				s.tempViews[key(v.Name)] = &c
			}
			s.mu.Unlock()
		}}
}

package executor

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The spark.catalog API of PySpark: each call is a Catalog relation whose rows PySpark
// reads by position, in the column order of Spark's catalog classes (Database, Table,
// Column, Function, CatalogMetadata).

var (
	databaseCols = []column{{"name", types.String, true}, {"catalog", types.String, true}, {"description", types.String, true}, {"locationUri", types.String, true}}
	tableCols    = []column{{"name", types.String, true}, {"catalog", types.String, true}, {"namespace", types.NewArray(types.String, true), true},
		{"description", types.String, true}, {"tableType", types.String, true}, {"isTemporary", types.Boolean, false}}
	columnCols = []column{{"name", types.String, true}, {"description", types.String, true}, {"dataType", types.String, true},
		{"nullable", types.Boolean, false}, {"isPartition", types.Boolean, false}, {"isBucket", types.Boolean, false}, {"isCluster", types.Boolean, false}}
	functionCols = []column{{"name", types.String, true}, {"catalog", types.String, true}, {"namespace", types.NewArray(types.String, true), true},
		{"description", types.String, true}, {"className", types.String, true}, {"isTemporary", types.Boolean, false}}
)

func boolResult(v bool) (*plan.LocalData, error) {
	return result([]column{{"value", types.Boolean, false}}, [][]any{{v}})
}

// catalogAPI answers a Catalog relation with its rows (or, for createTable, the table).
func (x *Executor) catalogAPI(ctx context.Context, s *sessions.Session, c *connectpb.Catalog) (plan.Node, error) {
	cat := s.Catalog
	switch t := c.GetCatType().(type) {
	case *connectpb.Catalog_CurrentDatabase:
		return result([]column{{"value", types.String, true}}, [][]any{{cat.CurrentDatabase()}})
	case *connectpb.Catalog_SetCurrentDatabase:
		return emptyResult(), cat.SetCurrentDatabase(t.SetCurrentDatabase.GetDbName())
	case *connectpb.Catalog_CurrentCatalog:
		return result([]column{{"value", types.String, true}}, [][]any{{catalog.CatalogName}})
	case *connectpb.Catalog_SetCurrentCatalog:
		if name := t.SetCurrentCatalog.GetCatalogName(); !strings.EqualFold(name, catalog.CatalogName) {
			return nil, sparkerror.New(sparkerror.Analysis, "CATALOG_NOT_FOUND", "42P08",
				"The catalog <catalogName> not found. Consider to set the SQL config <config> to a catalog plugin.",
				map[string]string{"catalogName": "`" + name + "`", "config": `"spark.sql.catalog.` + name + `"`})
		}
		return emptyResult(), nil
	case *connectpb.Catalog_ListCatalogs:
		var rows [][]any
		if likePattern(t.ListCatalogs.GetPattern(), catalog.CatalogName) {
			rows = append(rows, []any{catalog.CatalogName, nil})
		}
		return result([]column{{"name", types.String, true}, {"description", types.String, true}}, rows)
	case *connectpb.Catalog_ListDatabases:
		var rows [][]any
		for _, name := range cat.Databases() {
			if !likePattern(t.ListDatabases.GetPattern(), name) {
				continue
			}
			row, err := databaseRow(s, name)
			if err != nil {
				return nil, err
			}
			rows = append(rows, row)
		}
		return result(databaseCols, rows)
	case *connectpb.Catalog_GetDatabase:
		row, err := databaseRow(s, t.GetDatabase.GetDbName())
		if err != nil {
			return nil, err
		}
		return result(databaseCols, [][]any{row})
	case *connectpb.Catalog_DatabaseExists:
		_, err := cat.Database(t.DatabaseExists.GetDbName())
		return boolResult(err == nil)
	case *connectpb.Catalog_ListTables:
		db := cat.CurrentDatabase()
		if t.ListTables.DbName != nil {
			db = t.ListTables.GetDbName()
		}
		entries, err := cat.Tables(db)
		if err != nil {
			return nil, err
		}
		var rows [][]any
		for _, e := range entries {
			if likePattern(t.ListTables.GetPattern(), e.Name) {
				rows = append(rows, tableRow(s, e))
			}
		}
		return result(tableCols, rows)
	case *connectpb.Catalog_GetTable:
		e, err := findTable(s, t.GetTable.GetTableName(), t.GetTable.DbName)
		if err != nil {
			return nil, err
		}
		return result(tableCols, [][]any{tableRow(s, e)})
	case *connectpb.Catalog_TableExists:
		_, err := findTable(s, t.TableExists.GetTableName(), t.TableExists.DbName)
		return boolResult(err == nil)
	case *connectpb.Catalog_ListColumns:
		return listColumns(s, t.ListColumns.GetTableName(), t.ListColumns.DbName)
	case *connectpb.Catalog_ListFunctions:
		if t.ListFunctions.DbName != nil {
			if _, err := cat.Database(t.ListFunctions.GetDbName()); err != nil {
				return nil, err
			}
		}
		var rows [][]any
		for _, f := range analyzer.FunctionNames() {
			if likePattern(t.ListFunctions.GetPattern(), f) {
				rows = append(rows, functionRow(f))
			}
		}
		return result(functionCols, rows)
	case *connectpb.Catalog_GetFunction:
		parts := connect.SplitName(t.GetFunction.GetFunctionName())
		if t.GetFunction.DbName != nil {
			parts = []string{catalog.CatalogName, t.GetFunction.GetDbName(), t.GetFunction.GetFunctionName()}
		}
		// Built-in functions have a name of one part.
		name := strings.ToLower(parts[len(parts)-1])
		if len(parts) == 1 && slices.Contains(analyzer.FunctionNames(), name) {
			return result(functionCols, [][]any{functionRow(name)})
		}
		return nil, sparkerror.New(sparkerror.Analysis, "UNRESOLVED_ROUTINE", "42883",
			"Cannot resolve routine <routineName> on search path <searchPath>.",
			map[string]string{"routineName": quoteParts(parts),
				"searchPath": "[" + quoteParts([]string{catalog.CatalogName, cat.CurrentDatabase()}) + "]"})
	case *connectpb.Catalog_FunctionExists:
		name := strings.ToLower(t.FunctionExists.GetFunctionName())
		for _, f := range analyzer.FunctionNames() {
			if f == name {
				return boolResult(true)
			}
		}
		return boolResult(false)
	case *connectpb.Catalog_DropTempView:
		return boolResult(cat.DropTempView([]string{t.DropTempView.GetViewName()}))
	case *connectpb.Catalog_DropGlobalTempView:
		return boolResult(cat.DropTempView([]string{catalog.GlobalTempDatabase, t.DropGlobalTempView.GetViewName()}))
	case *connectpb.Catalog_CreateTable:
		ct := t.CreateTable
		return x.catalogCreateTable(ctx, s, ct.GetTableName(), ct.Path, ct.Source, ct.GetDescription(), ct.GetSchema(), ct.GetOptions())
	case *connectpb.Catalog_CreateExternalTable:
		ct := t.CreateExternalTable
		return x.catalogCreateTable(ctx, s, ct.GetTableName(), ct.Path, ct.Source, "", ct.GetSchema(), ct.GetOptions())
	case *connectpb.Catalog_IsCached:
		if _, err := relationOf(s, t.IsCached.GetTableName()); err != nil {
			return nil, err
		}
		cached, err := x.isCachedName(s, connect.SplitName(t.IsCached.GetTableName()))
		if err != nil {
			return nil, err
		}
		return boolResult(cached)
	case *connectpb.Catalog_CacheTable:
		if _, err := relationOf(s, t.CacheTable.GetTableName()); err != nil {
			return nil, err
		}
		level, err := defaultStorageLevel(s)
		if err != nil {
			return nil, err
		}
		if t.CacheTable.StorageLevel != nil {
			level = levelFromProto(t.CacheTable.StorageLevel)
		}
		return emptyResult(), x.cacheRelation(ctx, s, connect.SplitName(t.CacheTable.GetTableName()), level, true)
	case *connectpb.Catalog_UncacheTable:
		if _, err := relationOf(s, t.UncacheTable.GetTableName()); err != nil {
			return nil, err
		}
		return emptyResult(), x.uncacheName(s, connect.SplitName(t.UncacheTable.GetTableName()), true)
	case *connectpb.Catalog_ClearCache:
		x.clearCache()
		return emptyResult(), nil
	case *connectpb.Catalog_RefreshTable:
		if _, err := relationOf(s, t.RefreshTable.GetTableName()); err != nil {
			return nil, err
		}
		return emptyResult(), x.refreshTable(s, connect.SplitName(t.RefreshTable.GetTableName()))
	case *connectpb.Catalog_RefreshByPath:
		x.pathWritten(t.RefreshByPath.GetPath())
		return emptyResult(), nil
	case *connectpb.Catalog_RecoverPartitions:
		return emptyResult(), nil
	}
	return nil, sparkerror.NotImplemented("the catalog operation " + strings.TrimPrefix(typeName(c.GetCatType()), "*connectpb.Catalog_"))
}

// functionRow is a built-in function as Spark's catalog lists it: no catalog or namespace,
// the expression class that implements it, temporary. Its description is Spark's usage
// text, which is known here only for some functions.
func functionRow(name string) []any {
	var class, usage any
	if info, ok := analyzer.LookupBuiltinFunction(name); ok {
		if info.Class != "" {
			class = info.Class
		}
		if info.Usage != "" {
			usage = info.Usage
		}
	}
	return []any{name, nil, nil, usage, class, true}
}

func typeName(v any) string {
	if v == nil {
		return "(none)"
	}
	return fmt.Sprintf("%T", v)
}

func databaseRow(s *sessions.Session, name string) ([]any, error) {
	d, err := s.Catalog.Database(name)
	if err != nil {
		return nil, err
	}
	loc := d.Location
	if loc == "" {
		loc = strings.TrimSuffix(warehouseLocation(s, d.Name, "x"), "/x")
	}
	return []any{d.Name, catalog.CatalogName, d.Comment, loc}, nil
}

func tableRow(s *sessions.Session, e catalog.TableEntry) []any {
	if e.IsTemporary {
		var ns any = []string{}
		if e.Database != "" {
			ns = []string{e.Database}
		}
		return []any{e.Name, nil, ns, nil, "TEMPORARY", true}
	}
	kind, comment := "MANAGED", any(nil)
	if t := s.Catalog.Table(catalog.TableName{Database: e.Database, Name: e.Name}); t != nil {
		switch {
		case t.View != nil:
			kind = "VIEW"
			if t.View.Comment != "" {
				comment = t.View.Comment
			}
		case t.IsExternal():
			kind = "EXTERNAL"
		}
		if t.Comment != "" {
			comment = t.Comment
		}
	}
	return []any{e.Name, catalog.CatalogName, []string{e.Database}, comment, kind, false}
}

// findTable finds a table, view or temporary view by the name PySpark passes (which may
// be qualified) and an optional database.
func findTable(s *sessions.Session, name string, db *string) (catalog.TableEntry, error) {
	parts := connect.SplitName(name)
	if db != nil {
		parts = []string{*db, name}
	}
	if db == nil && s.Catalog.TempView(parts) != nil {
		e := catalog.TableEntry{Name: parts[len(parts)-1], IsTemporary: true, IsView: true}
		if len(parts) == 2 {
			e.Database = catalog.GlobalTempDatabase
		}
		return e, nil
	}
	tn, err := s.Catalog.Resolve(parts)
	if err != nil {
		return catalog.TableEntry{}, err
	}
	t := s.Catalog.Table(tn)
	if t == nil {
		return catalog.TableEntry{}, tableOrViewNotFound(parts)
	}
	return catalog.TableEntry{Database: t.Database, Name: t.Name, IsView: t.View != nil}, nil
}

func relationOf(s *sessions.Session, name string) (*analyzer.Relation, error) {
	parts := connect.SplitName(name)
	rel, err := s.Catalog.LookupRelation(parts)
	if err != nil {
		return nil, err
	}
	if rel == nil {
		return nil, tableOrViewNotFound(parts)
	}
	return rel, nil
}

func listColumns(s *sessions.Session, name string, db *string) (plan.Node, error) {
	parts := connect.SplitName(name)
	if db != nil {
		parts = []string{*db, name}
	}
	rel, err := s.Catalog.LookupRelation(parts)
	if err != nil {
		return nil, err
	}
	if rel == nil {
		return nil, tableOrViewNotFound(parts)
	}
	st, err := relationSchema(s, rel)
	if err != nil {
		return nil, err
	}
	var parts2, buckets []string
	if tn, err := s.Catalog.Resolve(parts); err == nil && s.Catalog.TempView(parts) == nil {
		if t := s.Catalog.Table(tn); t != nil {
			parts2 = t.PartitionColumns
			if t.Buckets != nil {
				buckets = t.Buckets.Columns
			}
			if t.View == nil && t.Schema != nil {
				st = t.Schema
			}
		}
	}
	has := func(list []string, n string) bool {
		for _, x := range list {
			if strings.EqualFold(x, n) {
				return true
			}
		}
		return false
	}
	var rows [][]any
	for _, f := range st.Fields {
		var comment any
		if c, ok := f.Comment(); ok {
			comment = c
		}
		rows = append(rows, []any{f.Name, comment, f.DataType.CatalogString(), f.Nullable, has(parts2, f.Name), has(buckets, f.Name), false})
	}
	return result(columnCols, rows)
}

// catalogCreateTable is spark.catalog.createTable / createExternalTable: a table over a
// path (external) or a managed one with the given schema; the answer is the table.
func (x *Executor) catalogCreateTable(ctx context.Context, s *sessions.Session, name string, path, source *string, description string,
	schema *connectpb.DataType, options map[string]string) (plan.Node, error) {
	provider := s.Conf.String("spark.sql.sources.default")
	if source != nil && *source != "" {
		provider = *source
	}
	opts := map[string]string{}
	for k, v := range options {
		opts[k] = v
	}
	location := ""
	if path != nil && *path != "" {
		location = *path
	} else if p, ok := opts["path"]; ok {
		location = p
		delete(opts, "path")
	}
	var st *types.StructType
	if schema != nil {
		dt, err := connect.FromProto(schema)
		if err != nil {
			return nil, err
		}
		var ok bool
		if st, ok = dt.(*types.StructType); !ok {
			return nil, sparkerror.InvalidPlanInput("createTable schema is %s, not a struct", dt.SQL())
		}
	}
	if st == nil || len(st.Fields) == 0 {
		if location == "" {
			return nil, sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1107", "",
				"Unable to infer schema for the table <tableName> as it has no data source path (or location).",
				map[string]string{"tableName": name})
		}
		inferred, _, err := openDataSource(provider, []string{location}, nil, opts, s.Conf.SessionTimeZone())
		if err != nil {
			return nil, err
		}
		st = inferred
	}
	c := &plan.CreateTable{Name: connect.SplitName(name), Schema: st, Provider: provider, Options: opts, Location: location, Comment: description}
	if err := x.createTable(ctx, s, c); err != nil {
		return nil, err
	}
	return analyzer.Resolve(&plan.UnresolvedRelation{Name: c.Name}, analyzerOptions(s))
}

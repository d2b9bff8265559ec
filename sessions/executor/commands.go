package executor

import (
	"context"
	"path"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// column is one column of a command's result.
type column struct {
	name string
	typ  types.DataType // String or Boolean
	null bool
}

// result builds the LocalData a command answers with; each row holds string, bool or
// []string (for ARRAY<STRING>) values in column order (nil for NULL).
func result(cols []column, rows [][]any) (*plan.LocalData, error) {
	st := types.NewStruct()
	for _, c := range cols {
		st = st.Add(types.NewField(c.name, c.typ, c.null))
	}
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		return nil, err
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range rows {
		for i, v := range row {
			switch fb := b.Field(i).(type) {
			case *array.StringBuilder:
				if v == nil {
					fb.AppendNull()
				} else {
					fb.Append(v.(string))
				}
			case *array.BooleanBuilder:
				if v == nil {
					fb.AppendNull()
				} else {
					fb.Append(v.(bool))
				}
			case *array.ListBuilder:
				if v == nil {
					fb.AppendNull()
					continue
				}
				fb.Append(true)
				eb := fb.ValueBuilder().(*array.StringBuilder)
				for _, e := range v.([]string) {
					eb.Append(e)
				}
			}
		}
	}
	rec := b.NewRecordBatch()
	return &plan.LocalData{ArrowSchema: schema, Batches: []arrow.RecordBatch{rec}, Schema: st, Out: plan.AttributesOf(st)}, nil
}

func emptyResult() *plan.LocalData {
	st := types.NewStruct()
	schema, _ := types.ToArrowSchema(st)
	return &plan.LocalData{ArrowSchema: schema, Schema: st, Out: []*plan.AttributeRef{}}
}

// runCommand executes a command eagerly and returns its result rows.
func (x *Executor) runCommand(ctx context.Context, s *sessions.Session, cmd plan.Command) (*plan.LocalData, error) {
	cat := s.Catalog
	if res, ok, err := x.runDDL(ctx, s, cmd); ok {
		return res, err
	}
	switch c := cmd.(type) {
	case *plan.CreateView:
		return emptyResult(), x.createView(s, c)
	case *plan.CreateTable:
		return emptyResult(), x.createTable(ctx, s, c)
	case *plan.InsertInto:
		return emptyResult(), x.insertInto(ctx, s, c)
	case *plan.DropObject:
		if c.Kind == "TABLE" || c.Kind == "VIEW" {
			if rel, err := cat.LookupRelation(c.Name); err == nil && rel != nil {
				x.tableDropped(s, c.Name)
			}
		}
		return emptyResult(), dropObject(cat, c)
	case *plan.CacheTable:
		return emptyResult(), x.cacheTableCommand(ctx, s, c)
	case *plan.UncacheTable:
		return emptyResult(), x.uncacheTableCommand(s, c)
	case *plan.ClearCache:
		x.clearCache()
		return emptyResult(), nil
	case *plan.RefreshTable:
		switch {
		case c.Function:
			return nil, sparkerror.NotImplemented("REFRESH FUNCTION")
		case c.Path != "":
			x.pathWritten(c.Path)
			return emptyResult(), nil
		}
		return emptyResult(), x.refreshTable(s, c.Name)
	case *plan.MultiInsert:
		return emptyResult(), x.multiInsert(ctx, s, c)
	case *plan.InsertDirectory:
		return emptyResult(), x.insertDirectory(ctx, s, c)
	case *plan.UseDatabase:
		db, err := catalog.ResolveNamespace(c.Name)
		if err != nil {
			return nil, err
		}
		return emptyResult(), cat.SetCurrentDatabase(db)
	case *plan.SetConfig:
		if err := checkSetConfigVariable(s, c); err != nil {
			return nil, err
		}
		return setConfig(s, c)
	case *plan.DeclareVariable:
		return emptyResult(), x.declareVariable(ctx, s, c)
	case *plan.SetVariable:
		return emptyResult(), x.setVariable(ctx, s, c)
	case *plan.DropVariable:
		return emptyResult(), dropVariable(s, c)
	case *plan.ExecuteImmediate:
		return x.executeImmediate(ctx, s, c)
	case *plan.ShowObjects:
		return show(s, c)
	case *plan.DescribeQuery:
		n, err := analyzer.Resolve(c.Query, analyzerOptions(s))
		if err != nil {
			return nil, err
		}
		return describeColumns(plan.Schema(n))
	case *plan.ExplainCommand:
		text, err := x.explainCommand(s, c)
		if err != nil {
			return nil, err
		}
		return result([]column{{"plan", types.String, true}}, [][]any{{text}})
	case *plan.NoOp:
		return emptyResult(), nil
	}
	return nil, sparkerror.NotImplemented("the command " + cmd.CommandName())
}

func (x *Executor) explainCommand(s *sessions.Session, c *plan.ExplainCommand) (string, error) {
	if cmd, isCmd := c.Query.(plan.Command); isCmd {
		p, ok, err := describePlan(s, cmd)
		if err != nil {
			return "", err
		}
		if ok {
			return p.text(c.Mode), nil
		}
		return "== Physical Plan ==\nExecutedCommand\n", nil
	}
	n, err := analyzer.Resolve(c.Query, analyzerOptions(s))
	if err != nil {
		return "", err
	}
	mode := connectpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_SIMPLE
	if c.Mode == "EXTENDED" {
		mode = connectpb.AnalyzePlanRequest_Explain_EXPLAIN_MODE_EXTENDED
	}
	return x.explain(s, n, mode)
}

func (x *Executor) createView(s *sessions.Session, c *plan.CreateView) error {
	if err := checkViewVariables(s, c); err != nil {
		return err
	}
	// Analyze now, so a bad view fails at creation as in Spark.
	resolved, err := analyzer.Resolve(c.Query, analyzerOptions(s))
	if err != nil {
		return err
	}
	st := plan.Schema(resolved)
	if len(c.Columns) > 0 && len(c.Columns) != len(st.Fields) {
		names := make([]string, len(st.Fields))
		for i, f := range st.Fields {
			names[i] = "`" + f.Name + "`"
		}
		class, reason := "CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "not enough data columns"
		if len(c.Columns) < len(st.Fields) {
			class, reason = "CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", "too many data columns"
		}
		cols := make([]string, len(c.Columns))
		for i, n := range c.Columns {
			cols[i] = "`" + n + "`"
		}
		return sparkerror.New(sparkerror.Analysis, class, "21S01",
			"Cannot create view <viewName>, the reason is "+reason+":\nView columns: <viewColumns>.\nData columns: <dataColumns>.",
			map[string]string{"viewName": quoteParts(c.Name), "viewColumns": strings.Join(cols, ", "), "dataColumns": strings.Join(names, ", ")})
	}
	if len(c.Columns) > 0 {
		for i := range st.Fields {
			st.Fields[i].Name = c.Columns[i]
		}
	}
	v := &catalog.View{Name: c.Name[len(c.Name)-1], Plan: c.Query, Columns: c.Columns, Schema: st, SQL: c.SQL}
	viewMetadata(s, c, v, resolved)
	if c.Temporary || c.Global {
		if len(c.Name) > 1 && !(c.Global && len(c.Name) == 2) {
			return sparkerror.New(sparkerror.Parse, "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "428EK",
				"CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: <actualName>.",
				map[string]string{"actualName": quoteParts(c.Name)})
		}
		if c.IfNotExists && s.Catalog.TempView(c.Name) != nil {
			return nil
		}
		if c.Replace && s.Catalog.TempView(c.Name) != nil {
			x.tableDropped(s, c.Name) // the old view's plan leaves the cache
		}
		return s.Catalog.CreateTempView(v, c.Global, c.Replace)
	}
	tn, err := s.Catalog.Resolve(c.Name)
	if err != nil {
		return err
	}
	if err := checkTempReferences(s, c, tn); err != nil {
		return err
	}
	if c.Replace && s.Catalog.Table(tn) != nil {
		x.tableDropped(s, tn.QualifiedName())
	}
	_, err = s.Catalog.CreateTable(tn, &catalog.Table{Schema: st, View: v}, c.Replace, c.IfNotExists)
	return err
}

func quoteParts(name []string) string { return analyzer.QuoteName(name) }

func (x *Executor) createTable(ctx context.Context, s *sessions.Session, c *plan.CreateTable) error {
	tn, err := s.Catalog.Resolve(c.Name)
	if err != nil {
		return err
	}
	provider := c.Provider
	if provider == "" {
		provider = "parquet"
	}
	if err := checkProvider(provider); err != nil {
		return err
	}
	t := &catalog.Table{Schema: c.Schema, Provider: provider, Comment: c.Comment, Props: c.Props, PartitionColumns: c.Partition}
	var batches []arrow.RecordBatch
	if c.Query != nil {
		if existing := s.Catalog.Table(tn); existing != nil && !c.Replace {
			switch c.Mode {
			case "append":
				if err := checkAppend(s, existing, tn, c); err != nil {
					return err
				}
				return x.insertInto(ctx, s, &plan.InsertInto{Table: c.Name, Query: c.Query, ByName: true})
			case "overwrite":
				return x.insertInto(ctx, s, &plan.InsertInto{Table: c.Name, Query: c.Query, Overwrite: true})
			case "ignore":
				return nil
			}
			if c.IfNotExists {
				return nil
			}
		}
		resolved, err := analyzer.Resolve(c.Query, analyzerOptions(s))
		if err != nil {
			return err
		}
		if c.Mode == "overwrite" && s.Catalog.Table(tn) != nil && planReads(resolved, readsRelation(tn.QualifiedName())) {
			// saveAsTable cannot overwrite a table its DataFrame reads.
			return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_OVERWRITE.TABLE", "42902",
				"Can't overwrite the target that is also being read from. The target table is <table>.",
				map[string]string{"table": quoteParts(tn.QualifiedName())})
		}
		st := plan.Schema(resolved)
		for i := range st.Fields {
			st.Fields[i].Nullable = true // Spark makes CTAS columns nullable
		}
		t.Schema = st
		if batches, err = x.collectBatches(ctx, s, resolved, st); err != nil {
			return err
		}
	}
	if t.Schema == nil {
		return sparkerror.InvalidPlanInput("CREATE TABLE needs columns or a query")
	}
	if batches, err = tableMetadata(c, t, batches); err != nil {
		releaseBatches(batches)
		return err
	}
	if c.Replace || c.Mode == "overwrite" {
		if s.Catalog.Table(tn) != nil {
			x.tableDropped(s, []string{catalog.CatalogName, tn.Database, tn.Name})
		}
	}
	created, err := s.Catalog.CreateTable(tn, t, c.Replace || c.Mode == "overwrite", c.IfNotExists || c.Mode == "ignore")
	if err != nil || !created {
		releaseBatches(batches)
		return err
	}
	if c.Query == nil {
		return nil
	}
	if err := t.Write(ctx, batches, false, sessionLocation(s)); err != nil {
		// A CTAS whose write failed leaves no table behind, as in Spark.
		s.Catalog.DropTable(tn)
		return err
	}
	if len(t.PartitionColumns) > 0 {
		// Spark ends a CTAS of a partitioned table by recovering its partitions.
		if nt := s.Catalog.Table(tn); nt != nil {
			recoverPartitions(s, tn, nt)
		}
	}
	return nil
}

func releaseBatches(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}

// insertInto runs INSERT INTO/OVERWRITE: the query's columns are matched to the table's
// by position (or by name), cast to the table's types, and appended (or replace the data).
func (x *Executor) insertInto(ctx context.Context, s *sessions.Session, c *plan.InsertInto) error {
	return x.insertWith(ctx, s, c, nil)
}

// insertWith is insertInto with the static values of a PARTITION clause, which limit
// what INSERT OVERWRITE replaces (insert_overwrite.go).
func (x *Executor) insertWith(ctx context.Context, s *sessions.Session, c *plan.InsertInto, static []staticValue) error {
	tn, err := s.Catalog.Resolve(c.Table)
	if err != nil {
		return err
	}
	t := s.Catalog.Table(tn)
	if t == nil {
		if s.Catalog.TempView(c.Table) != nil {
			return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_INSERT.NOT_ALLOWED", "42809",
				"Can't insert into the target. The target table <relationId> does not allow insertion.",
				map[string]string{"relationId": quoteParts(c.Table)})
		}
		return sparkerror.New(sparkerror.Analysis, "TABLE_OR_VIEW_NOT_FOUND", "42P01",
			"The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
			map[string]string{"relationName": quoteParts(c.Table)})
	}
	if t.View != nil {
		return sparkerror.New(sparkerror.Analysis, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "42809",
			"The table <viewName> does not support <operation>.",
			map[string]string{"viewName": quoteParts(tn.QualifiedName()), "operation": "INSERT"})
	}
	seen := map[string]bool{}
	for _, col := range c.Columns {
		k := col
		if !s.Conf.CaseSensitive() {
			k = strings.ToLower(col)
		}
		if seen[k] {
			return sparkerror.New(sparkerror.Analysis, "COLUMN_ALREADY_EXISTS", "42711",
				"The column <columnName> already exists. Choose another name or rename the existing column.",
				map[string]string{"columnName": types.QuoteIdentifier(k)})
		}
		seen[k] = true
	}
	opts := analyzerOptions(s)
	resolved, err := analyzer.Resolve(c.Query, opts)
	if err != nil {
		return err
	}
	// Spark refuses to overwrite a table the query reads, except in a dynamic partition
	// overwrite (which replaces partitions only after the write).
	dynamicMode := c.DynamicPartitions || dynamicOverwrite(s, t)
	dynamic := len(t.PartitionColumns) > 0 && len(static) < len(t.PartitionColumns) && dynamicMode
	if c.Overwrite && !dynamic && planReads(resolved, readsRelation(tn.QualifiedName())) {
		return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_OVERWRITE.TABLE", "42902",
			"Can't overwrite the target that is also being read from. The target table is <table>.",
			map[string]string{"table": quoteParts(tn.QualifiedName())})
	}
	projected, err := analyzer.ProjectForInsert(resolved, t.Schema, c.Columns, c.ByName, quoteParts(tn.QualifiedName()), opts)
	if err != nil {
		return err
	}
	batches, err := x.collectBatches(ctx, s, projected, t.Schema)
	if err != nil {
		return err
	}
	defer x.tableChanged(s, c.Table)
	if c.Overwrite && len(t.PartitionColumns) > 0 && (len(static) > 0 || dynamicMode) {
		return x.overwritePartitions(ctx, s, t, batches, static, dynamicMode)
	}
	return t.Write(ctx, batches, c.Overwrite, sessionLocation(s))
}

func dropObject(cat *catalog.Session, c *plan.DropObject) error {
	switch c.Kind {
	case "TABLE", "VIEW":
		if c.Kind == "VIEW" || len(c.Name) == 1 || len(c.Name) == 2 && strings.EqualFold(c.Name[0], catalog.GlobalTempDatabase) {
			if cat.DropTempView(c.Name) {
				return nil
			}
		}
		if c.Temporary {
			break
		}
		tn, err := cat.Resolve(c.Name)
		if err != nil {
			return err
		}
		if t := cat.Table(tn); t != nil {
			if c.Kind == "TABLE" && t.View != nil {
				return sparkerror.New(sparkerror.Analysis, "WRONG_COMMAND_FOR_OBJECT_TYPE", "42809",
					"The operation <operation> requires a <requiredType>. But <objectName> is a <foundType>. Use <alternative> instead.",
					map[string]string{"operation": "DROP TABLE", "requiredType": "EXTERNAL or MANAGED", "objectName": quoteParts(tn.QualifiedName()), "foundType": "VIEW", "alternative": "DROP VIEW"})
			}
			if c.Kind == "VIEW" && t.View == nil {
				return sparkerror.New(sparkerror.Analysis, "WRONG_COMMAND_FOR_OBJECT_TYPE", "42809",
					"The operation <operation> requires a <requiredType>. But <objectName> is a <foundType>. Use <alternative> instead.",
					map[string]string{"operation": "DROP VIEW", "requiredType": "VIEW", "objectName": quoteParts(tn.QualifiedName()), "foundType": "MANAGED", "alternative": "DROP TABLE"})
			}
			cat.DropTable(tn)
			return nil
		}
	case "DATABASE":
		db, err := catalog.ResolveNamespace(c.Name)
		if err != nil {
			return err
		}
		return cat.DropDatabase(db, c.IfExists, c.Cascade)
	default:
		return sparkerror.NotImplemented("DROP " + c.Kind)
	}
	if c.IfExists {
		return nil
	}
	if c.Kind == "VIEW" {
		// Spark names the view it looked for in the session catalog.
		if tn, err := cat.Resolve(c.Name); err == nil {
			return tableOrViewNotFound(tn.QualifiedName())
		}
	}
	return sparkerror.New(sparkerror.Analysis, "TABLE_OR_VIEW_NOT_FOUND", "42P01",
		"The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
		map[string]string{"relationName": quoteParts(c.Name)})
}

func setConfig(s *sessions.Session, c *plan.SetConfig) (*plan.LocalData, error) {
	cols := []column{{"key", types.String, false}, {"value", types.String, true}}
	switch {
	case c.Reset && c.Key == "":
		for _, kv := range s.Conf.GetAll("") {
			if s.Conf.IsModifiable(kv.Key) {
				_ = s.Conf.Unset(kv.Key)
			}
		}
		return emptyResult(), nil
	case c.Reset:
		if err := s.Conf.Unset(c.Key); err != nil {
			return nil, err
		}
		return emptyResult(), nil
	case c.List:
		var rows [][]any
		for _, kv := range s.Conf.GetAll("") {
			rows = append(rows, []any{kv.Key, kv.Value})
		}
		if c.Verbose {
			cols = append(cols, column{"meaning", types.String, true}, column{"Since version", types.String, true})
			for i := range rows {
				rows[i] = append(rows[i], "", "")
			}
		}
		return result(cols, rows)
	case c.HasValue:
		if err := s.Conf.Set(c.Key, c.Value); err != nil {
			return nil, err
		}
		return result(cols, [][]any{{c.Key, c.Value}})
	}
	v, ok, err := s.Conf.GetOption(c.Key)
	if err != nil {
		return nil, err
	}
	if !ok {
		return result(cols, [][]any{{c.Key, "<undefined>"}})
	}
	return result(cols, [][]any{{c.Key, v}})
}

func likePattern(pattern, name string) bool {
	if pattern == "" {
		return true
	}
	// Spark's SHOW ... LIKE: '*' matches anything, '|' separates alternatives,
	// case-insensitively.
	for _, alt := range strings.Split(pattern, "|") {
		alt = strings.TrimSpace(strings.ToLower(alt))
		if ok, _ := path.Match(alt, strings.ToLower(name)); ok {
			return true
		}
	}
	return false
}

func show(s *sessions.Session, c *plan.ShowObjects) (*plan.LocalData, error) {
	cat := s.Catalog
	db := cat.CurrentDatabase()
	if len(c.Database) > 0 {
		db = c.Database[len(c.Database)-1]
	}
	switch c.What {
	case "TABLES", "VIEWS":
		entries, err := cat.Tables(db)
		if err != nil {
			return nil, err
		}
		nameCol := "tableName"
		if c.What == "VIEWS" {
			nameCol = "viewName"
		}
		cols := []column{{"namespace", types.String, false}, {nameCol, types.String, false}, {"isTemporary", types.Boolean, false}}
		var rows [][]any
		for _, e := range entries {
			if c.What == "VIEWS" && !e.IsView {
				continue
			}
			if !likePattern(c.Pattern, e.Name) {
				continue
			}
			rows = append(rows, []any{e.Database, e.Name, e.IsTemporary})
		}
		return result(cols, rows)
	case "DATABASES", "NAMESPACES", "SCHEMAS":
		var rows [][]any
		for _, d := range cat.Databases() {
			if likePattern(c.Pattern, d) {
				rows = append(rows, []any{d})
			}
		}
		return result([]column{{"namespace", types.String, false}}, rows)
	case "CURRENT NAMESPACE":
		return result([]column{{"catalog", types.String, false}, {"namespace", types.String, false}}, [][]any{{catalog.CatalogName, cat.CurrentDatabase()}})
	case "FUNCTIONS":
		return showFunctions(c)
	case "COLUMNS":
		name, err := showColumnsName(c)
		if err != nil {
			return nil, err
		}
		rel, err := cat.LookupRelation(name)
		if err != nil {
			return nil, err
		}
		if rel == nil {
			return nil, tableOrViewNotFound(name)
		}
		st, err := relationSchema(s, rel)
		if err != nil {
			return nil, err
		}
		var rows [][]any
		for _, f := range st.Fields {
			rows = append(rows, []any{f.Name})
		}
		return result([]column{{"col_name", types.String, false}}, rows)
	}
	return nil, sparkerror.NotImplemented("SHOW " + c.What)
}

func relationSchema(s *sessions.Session, rel *analyzer.Relation) (*types.StructType, error) {
	if rel.View == nil {
		return rel.Schema, nil
	}
	n, err := analyzer.Resolve(&plan.UnresolvedRelation{Name: rel.QualifiedName}, analyzerOptions(s))
	if err != nil {
		return nil, err
	}
	return plan.Schema(n), nil
}

func describeColumns(st *types.StructType) (*plan.LocalData, error) {
	cols := []column{{"col_name", types.String, false}, {"data_type", types.String, false}, {"comment", types.String, true}}
	var rows [][]any
	for _, f := range st.Fields {
		var comment any
		if c, ok := f.Comment(); ok {
			comment = c
		}
		rows = append(rows, []any{f.Name, f.DataType.SimpleString(), comment})
	}
	return result(cols, rows)
}

// writeOperation runs df.write: save(path) writes files (write.go); saveAsTable and
// insertInto go to the catalog.
func (x *Executor) writeOperation(ctx context.Context, s *sessions.Session, w *connectpb.WriteOperation) error {
	q, err := x.lowering(ctx, s).Relation(w.GetInput())
	if err != nil {
		return err
	}
	t := w.GetTable()
	if t == nil {
		return x.writePath(ctx, s, w, q)
	}
	name := connect.SplitName(t.GetTableName())
	mode := map[connectpb.WriteOperation_SaveMode]string{
		connectpb.WriteOperation_SAVE_MODE_APPEND: "append", connectpb.WriteOperation_SAVE_MODE_OVERWRITE: "overwrite",
		connectpb.WriteOperation_SAVE_MODE_IGNORE: "ignore"}[w.GetMode()]
	if mode == "" {
		mode = "error"
	}
	if t.GetSaveMethod() == connectpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_INSERT_INTO {
		return x.insertInto(ctx, s, &plan.InsertInto{Table: name, Query: q, Overwrite: mode == "overwrite"})
	}
	return x.createTable(ctx, s, &plan.CreateTable{Name: name, Query: q, Provider: w.GetSource(), Options: w.GetOptions(),
		Partition: w.GetPartitioningColumns(), Mode: mode})
}

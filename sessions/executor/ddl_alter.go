package executor

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// alterOperation is the name Spark gives an ALTER TABLE action in its errors.
func alterOperation(c *plan.AlterTable) string {
	switch c.Op {
	case "ALTER COLUMN":
		return "ALTER TABLE ... ALTER COLUMN"
	case "CHANGE COLUMN":
		return "ALTER TABLE ... CHANGE COLUMN"
	case "SET PROPERTIES":
		return "ALTER TABLE ... SET TBLPROPERTIES"
	case "UNSET PROPERTIES":
		return "ALTER TABLE ... UNSET TBLPROPERTIES"
	case "RENAME":
		return "ALTER TABLE ... RENAME TO"
	case "SET LOCATION":
		return "ALTER TABLE ... SET LOCATION ..."
	case "SET SERDE":
		return "ALTER TABLE ... SET [SERDE|SERDEPROPERTIES]"
	case "RECOVER PARTITIONS":
		return "ALTER TABLE ... RECOVER PARTITIONS"
	}
	return "ALTER TABLE ... " + c.Op
}

func expectTableNotView(c *plan.AlterTable, name []string) error {
	op := alterOperation(c)
	switch c.Op {
	case "SET PROPERTIES", "UNSET PROPERTIES", "RENAME":
		return sparkerror.New(sparkerror.Analysis, "EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW", "42809",
			"'<operation>' expects a table. Please use ALTER VIEW instead.",
			map[string]string{"operation": op, "viewName": quoteParts(name)})
	}
	return sparkerror.New(sparkerror.Analysis, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "42809",
		"'<operation>' expects a table. <viewName> is a view.",
		map[string]string{"operation": op, "viewName": quoteParts(name)})
}

func expectViewNotTable(c *plan.AlterTable, name []string) error {
	op := strings.Replace(alterOperation(c), "ALTER TABLE", "ALTER VIEW", 1)
	if c.Op == "VIEW QUERY" {
		op = "ALTER VIEW ... AS"
	}
	if c.Op == "VIEW SCHEMA" {
		op = "ALTER VIEW ... WITH SCHEMA"
	}
	if c.Op == "SET PROPERTIES" || c.Op == "UNSET PROPERTIES" || c.Op == "RENAME" {
		return sparkerror.New(sparkerror.Analysis, "EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE", "42809",
			"The table <tableName> does not support <operation>. Please use ALTER TABLE instead.",
			map[string]string{"operation": op, "tableName": quoteParts(name)})
	}
	return sparkerror.New(sparkerror.Analysis, "EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", "42809",
		"The table <tableName> does not support <operation>.",
		map[string]string{"operation": op, "tableName": quoteParts(name)})
}

func unsupportedTableOperation(tn catalog.TableName, op string) error {
	return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_FEATURE.TABLE_OPERATION", "0A000",
		"The feature is not supported: Table <tableName> does not support <operation>. Please check the current catalog and namespace to make sure the qualified table name is expected, and also check the catalog implementation which is configured by \"spark.sql.catalog\".",
		map[string]string{"tableName": quoteParts(tn.QualifiedName()), "operation": op})
}

func (x *Executor) alterTable(s *sessions.Session, c *plan.AlterTable) error {
	cat := s.Catalog
	if isTempName(c.Name) {
		if v := cat.TempView(c.Name); v != nil {
			return alterTempView(s, c, v)
		}
	}
	t, tn, err := lookupTable(s, c.Name)
	if err != nil {
		return err
	}
	if c.Op != "RENAME" && c.Op != "SET PROPERTIES" && c.Op != "UNSET PROPERTIES" {
		// Rows cached from the table are built again at their next read.
		defer x.tableChanged(s, tn.QualifiedName())
	}
	switch {
	case t.View != nil && !c.View:
		return expectTableNotView(c, tn.QualifiedName())
	case t.View == nil && c.View:
		return expectViewNotTable(c, tn.QualifiedName())
	}
	switch c.Op {
	case "RENAME":
		to, err := renameTarget(s, tn, c.NewName)
		if err != nil {
			return err
		}
		if err := cat.RenameTable(tn, to); err != nil {
			return err
		}
		x.renameCached(s, tn, []string{catalog.CatalogName, to.Database, to.Name})
		return nil
	case "SET PROPERTIES":
		return cat.AlterTable(tn, func(t *catalog.Table) error {
			setProps(t, c.Props)
			return nil
		})
	case "UNSET PROPERTIES":
		return cat.AlterTable(tn, func(t *catalog.Table) error { return unsetProps(t, tn, c) })
	case "ADD COLUMNS":
		return addColumns(s, tn, c)
	case "DROP COLUMNS":
		return unsupportedTableOperation(tn, "DROP COLUMN")
	case "RENAME COLUMN":
		return unsupportedTableOperation(tn, "RENAME COLUMN")
	case "REPLACE COLUMNS":
		return unsupportedTableOperation(tn, "REPLACE COLUMNS")
	case "ALTER COLUMN", "CHANGE COLUMN":
		return alterColumn(s, tn, t, c)
	case "ADD PARTITION":
		return addPartitions(s, tn, t, c)
	case "DROP PARTITION":
		return dropPartitions(s, tn, t, c)
	case "SET LOCATION":
		if len(c.Partition) > 0 {
			return sparkerror.NotImplemented("ALTER TABLE ... PARTITION ... SET LOCATION")
		}
		return cat.AlterTable(tn, func(t *catalog.Table) error {
			t.Location = c.Location
			return nil
		})
	case "RECOVER PARTITIONS":
		recoverPartitions(s, tn, t)
		return nil
	case "VIEW QUERY":
		return x.alterViewQuery(s, tn, c)
	case "VIEW SCHEMA":
		return cat.AlterTable(tn, func(t *catalog.Table) error {
			t.View.SchemaMode = c.SchemaMode
			return nil
		})
	}
	return sparkerror.NotImplemented("ALTER TABLE ... " + c.Op)
}

// renameTarget resolves the new name of RENAME TO: in the same database unless given.
func renameTarget(s *sessions.Session, from catalog.TableName, name []string) (catalog.TableName, error) {
	if len(name) == 1 {
		return catalog.TableName{Database: from.Database, Name: name[0]}, nil
	}
	return s.Catalog.Resolve(name)
}

func setProps(t *catalog.Table, props map[string]string) {
	target := &t.Props
	if t.View != nil {
		target = &t.View.Props
	}
	if *target == nil {
		*target = map[string]string{}
	}
	for k, v := range props {
		if k == "comment" {
			if t.View != nil {
				t.View.Comment = v
			} else {
				t.Comment = v
			}
			continue
		}
		(*target)[k] = v
	}
}

func unsetProps(t *catalog.Table, tn catalog.TableName, c *plan.AlterTable) error {
	props := t.Props
	if t.View != nil {
		props = t.View.Props
	}
	if !c.IfExists {
		for _, k := range c.Keys {
			if _, ok := props[k]; !ok && k != "comment" {
				return sparkerror.New(sparkerror.Analysis, "UNSET_NONEXISTENT_PROPERTIES", "42K0J",
					"Attempted to unset non-existent properties [<properties>] in table <table>.",
					map[string]string{"properties": quoteParts([]string{k}), "table": quoteParts(tn.QualifiedName())})
			}
		}
	}
	for _, k := range c.Keys {
		if k == "comment" {
			if t.View != nil {
				t.View.Comment = ""
			} else {
				t.Comment = ""
			}
		}
		delete(props, k)
	}
	return nil
}

func alterTempView(s *sessions.Session, c *plan.AlterTable, v *catalog.View) error {
	switch c.Op {
	case "RENAME":
		if len(c.Name) == 2 {
			return sparkerror.NotImplemented("renaming global temporary views")
		}
		if len(c.NewName) > 1 {
			return sparkerror.New(sparkerror.Analysis, "INVALID_TEMP_OBJ_REFERENCE", "42K0F",
				"Cannot rename temporary view <oldName> to <newName> with a database.",
				map[string]string{"oldName": quoteParts(c.Name), "newName": quoteParts(c.NewName)})
		}
		_, err := s.Catalog.RenameTempView(c.Name[0], c.NewName[0])
		return err
	case "VIEW QUERY":
		q, err := viewQuery(v, c.Query)
		if err != nil {
			return err
		}
		resolved, err := analyzer.Resolve(q, analyzerOptions(s))
		if err != nil {
			return err
		}
		st := plan.Schema(resolved)
		nv := *v
		nv.Plan, nv.Schema, nv.Columns, nv.Text, nv.SQL = q, st, nil, c.SQL, c.SQL
		nv.QueryColumns = st.FieldNames()
		// The new query resolves with the configs of the session that altered the view.
		nv.SQLConfigs = viewConfigs(s)
		nv.CatalogNamespace = []string{catalog.CatalogName, s.Catalog.CurrentDatabase()}
		return s.Catalog.CreateTempView(&nv, len(c.Name) == 2, true)
	}
	if c.View {
		return sparkerror.NotImplemented("ALTER VIEW ... " + c.Op + " on a temporary view")
	}
	return expectTableNotView(c, c.Name)
}

// viewQuery is the new query of ALTER VIEW ... AS, with the view's DEFAULT COLLATION
// applied as when the view was created.
func viewQuery(v *catalog.View, q plan.Node) (plan.Node, error) {
	if v == nil || v.Collation == "" {
		return q, nil
	}
	return astlower.DefaultCollation(q, v.Collation)
}

func (x *Executor) alterViewQuery(s *sessions.Session, tn catalog.TableName, c *plan.AlterTable) error {
	var current *catalog.View
	if t := s.Catalog.Table(tn); t != nil {
		current = t.View
	}
	q, err := viewQuery(current, c.Query)
	if err != nil {
		return err
	}
	resolved, err := analyzer.Resolve(q, analyzerOptions(s))
	if err != nil {
		return err
	}
	st := plan.Schema(resolved)
	return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
		t.View.Plan, t.View.Columns, t.View.Text, t.View.SQL = q, nil, c.SQL, c.SQL
		t.View.Schema, t.Schema = st, st
		t.View.QueryColumns = st.FieldNames()
		t.View.CatalogNamespace = []string{catalog.CatalogName, s.Catalog.CurrentDatabase()}
		t.View.SQLConfigs = viewConfigs(s)
		return nil
	})
}

func columnIndex(st *types.StructType, name string) int {
	return slices.IndexFunc(st.Fields, func(f types.StructField) bool { return strings.EqualFold(f.Name, name) })
}

func addColumns(s *sessions.Session, tn catalog.TableName, c *plan.AlterTable) error {
	for _, col := range c.Columns {
		if col.NotNull {
			return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1052", "",
				"ADD COLUMN with v1 tables cannot specify NOT NULL.", nil)
		}
		if len(col.Name) > 1 {
			return unsupportedTableOperation(tn, "ADD COLUMN with qualified column")
		}
		if col.First || col.After != "" {
			return unsupportedTableOperation(tn, "ALTER COLUMN ... FIRST | AFTER")
		}
	}
	return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
		st := types.NewStruct()
		st.Fields = slices.Clone(t.Schema.Fields)
		var added []types.StructField
		for _, col := range c.Columns {
			name := col.Name[0]
			if columnIndex(st, name) >= 0 {
				return sparkerror.New(sparkerror.Analysis, "COLUMN_ALREADY_EXISTS", "42711",
					"The column <columnName> already exists. Choose another name or rename the existing column.",
					map[string]string{"columnName": types.QuoteIdentifier(strings.ToLower(name))})
			}
			f := types.NewField(name, col.Type, true)
			if col.Comment != nil {
				f = f.WithComment(*col.Comment)
			}
			if col.Default != nil {
				if t.Defaults == nil {
					t.Defaults = map[string]string{}
				}
				t.Defaults[strings.ToLower(name)] = *col.Default
			}
			added = append(added, f)
		}
		// Data columns come before the partition columns.
		nData := len(st.Fields) - len(t.PartitionColumns)
		fields := append(slices.Clone(st.Fields[:nData]), added...)
		fields = append(fields, st.Fields[nData:]...)
		st.Fields = fields
		t.Schema = st
		if t.Cold() {
			// Files written before lack the new columns; readers give NULL for them.
			return nil
		}
		batches, err := widenBatches(t.Batches(), st, nData, len(added))
		if err != nil {
			return err
		}
		return t.Write(context.Background(), batches, true, sessionLocation(s))
	})
}

// widenBatches inserts n all-null columns at position at in every batch.
func widenBatches(bs []arrow.RecordBatch, st *types.StructType, at, n int) ([]arrow.RecordBatch, error) {
	if len(bs) == 0 {
		return nil, nil
	}
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		return nil, err
	}
	out := make([]arrow.RecordBatch, 0, len(bs))
	for _, b := range bs {
		cols := make([]arrow.Array, 0, len(st.Fields))
		for i := 0; i < at; i++ {
			cols = append(cols, b.Column(i))
		}
		var nulls []arrow.Array
		for k := 0; k < n; k++ {
			a := array.MakeArrayOfNull(memory.DefaultAllocator, schema.Field(at+k).Type, int(b.NumRows()))
			nulls = append(nulls, a)
			cols = append(cols, a)
		}
		for i := at; i < int(b.NumCols()); i++ {
			cols = append(cols, b.Column(i))
		}
		out = append(out, array.NewRecordBatch(schema, cols, b.NumRows()))
		for _, a := range nulls {
			a.Release()
		}
	}
	return out, nil
}

func alterColumn(s *sessions.Session, tn catalog.TableName, t *catalog.Table, c *plan.AlterTable) error {
	if len(c.Columns) > 1 {
		return unsupportedTableOperation(tn, "ALTER COLUMN in bulk")
	}
	if len(c.Columns) == 0 || len(c.Columns[0].Name) == 0 {
		return sparkerror.New(sparkerror.Parse, "_LEGACY_ERROR_TEMP_0035", "",
			"Operation not allowed: <message>.",
			map[string]string{"message": "ALTER TABLE table CHANGE COLUMN requires a TYPE, a SET/DROP, a COMMENT, or a FIRST/AFTER"})
	}
	col := c.Columns[0]
	if c.Op == "CHANGE COLUMN" && len(c.NewName) > 0 && !strings.EqualFold(c.NewName[len(c.NewName)-1], col.Name[len(col.Name)-1]) {
		return unsupportedTableOperation(tn, "RENAME COLUMN")
	}
	if len(col.Name) > 1 {
		return unsupportedTableOperation(tn, "ALTER COLUMN with qualified column")
	}
	if col.SetNotNull || col.DropNotNull {
		return unsupportedTableOperation(tn, "ALTER COLUMN ... SET NOT NULL")
	}
	if col.First || col.After != "" {
		return unsupportedTableOperation(tn, "ALTER COLUMN ... FIRST | AFTER")
	}
	idx := columnIndex(t.Schema, col.Name[0])
	if idx < 0 {
		return unresolvedColumnError(col.Name, t.Schema.FieldNames())
	}
	old := t.Schema.Fields[idx]
	if col.Type != nil && !types.Equal(col.Type, old.DataType) {
		return sparkerror.New(sparkerror.Analysis, "NOT_SUPPORTED_CHANGE_COLUMN", "0A000",
			"ALTER TABLE ALTER/CHANGE COLUMN is not supported for changing <table>'s column <originName> with type <originType> to <newName> with type <newType>.",
			map[string]string{"table": quoteParts(tn.QualifiedName()), "originName": types.QuoteIdentifier(old.Name),
				"originType": `"` + old.DataType.SQL() + `"`, "newName": types.QuoteIdentifier(old.Name),
				"newType": `"` + col.Type.SQL() + `"`})
	}
	return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
		st := types.NewStruct()
		st.Fields = slices.Clone(t.Schema.Fields)
		f := st.Fields[idx]
		if col.Comment != nil {
			f = f.WithComment(*col.Comment)
		}
		st.Fields[idx] = f
		key := strings.ToLower(f.Name)
		if col.Default != nil {
			if t.Defaults == nil {
				t.Defaults = map[string]string{}
			}
			t.Defaults[key] = *col.Default
		}
		if col.DropDefault {
			delete(t.Defaults, key)
		}
		t.Schema = st
		return nil
	})
}

// unresolvedColumnError is UNRESOLVED_COLUMN.WITH_SUGGESTION listing the table's columns
// in order, as Spark's ALTER COLUMN does.
func unresolvedColumnError(name []string, candidates []string) error {
	q := make([]string, len(candidates))
	for i, c := range candidates {
		q[i] = types.QuoteIdentifier(c)
	}
	return sparkerror.New(sparkerror.Analysis, "UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703",
		"A column, variable, or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].",
		map[string]string{"objectName": quoteParts(name), "proposal": strings.Join(q, ", ")})
}

func requirePartitioned(t *catalog.Table, tn catalog.TableName, op string) error {
	if len(t.PartitionColumns) == 0 {
		return sparkerror.New(sparkerror.Analysis, "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", "42601",
			"The partition command is invalid. Table <name> is not partitioned.",
			map[string]string{"name": quoteParts(tn.QualifiedName())})
	}
	return nil
}

func specValues(spec []*plan.PartitionValue) []*string {
	vals := make([]*string, len(spec))
	for i, sv := range spec {
		if sv != nil && !sv.Null {
			v := sv.Value
			vals[i] = &v
		}
	}
	return vals
}

func addPartitions(s *sessions.Session, tn catalog.TableName, t *catalog.Table, c *plan.AlterTable) error {
	if err := requirePartitioned(t, tn, "ADD PARTITION"); err != nil {
		return err
	}
	t = syncPartitions(s, tn, t)
	var specs [][]*plan.PartitionValue
	for _, p := range c.Partitions {
		spec, err := normalizeSpec(t, tn, p, true)
		if err != nil {
			return err
		}
		if findPartition(t, spec) != nil && !c.IfNotExists {
			return sparkerror.New(sparkerror.Analysis, "PARTITIONS_ALREADY_EXIST", "428FT",
				"Cannot ADD or RENAME TO partition(s) <partitionList> in table <tableName> because they already exist.\nChoose a different name, drop the existing partition, or add the IF NOT EXISTS clause to tolerate a pre-existing partition.",
				map[string]string{"partitionList": specString(t.PartitionColumns, spec), "tableName": quoteParts(tn.QualifiedName())})
		}
		specs = append(specs, spec)
	}
	return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
		for i, spec := range specs {
			if findPartition(t, spec) != nil {
				continue
			}
			loc := ""
			if i < len(c.Locations) {
				loc = c.Locations[i]
			}
			t.Partitions = append(t.Partitions, &catalog.Partition{Values: specValues(spec), Location: loc, Created: time.Now()})
		}
		return nil
	})
}

func dropPartitions(s *sessions.Session, tn catalog.TableName, t *catalog.Table, c *plan.AlterTable) error {
	if err := requirePartitioned(t, tn, "DROP PARTITION"); err != nil {
		return err
	}
	t = syncPartitions(s, tn, t)
	var specs [][]*plan.PartitionValue
	for _, p := range c.Partitions {
		spec, err := normalizeSpec(t, tn, p, false)
		if err != nil {
			return err
		}
		if findPartition(t, spec) == nil && !c.IfExists {
			return partitionsNotFound(t, spec)
		}
		specs = append(specs, spec)
	}
	if len(t.Batches()) > 0 {
		return sparkerror.NotImplemented("dropping partitions that hold data")
	}
	return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
		t.Partitions = slices.DeleteFunc(t.Partitions, func(p *catalog.Partition) bool {
			return slices.ContainsFunc(specs, func(spec []*plan.PartitionValue) bool { return partitionMatches(p, spec) })
		})
		return nil
	})
}

func alterDatabase(s *sessions.Session, c *plan.AlterDatabase) error {
	name, err := catalog.ResolveNamespace(c.Name)
	if err != nil {
		return err
	}
	return s.Catalog.AlterDatabase(name, func(d *catalog.Database) error {
		if len(c.SetProps) > 0 && d.Props == nil {
			d.Props = map[string]string{}
		}
		for k, v := range c.SetProps {
			d.Props[k] = v
		}
		for _, k := range c.UnsetKeys {
			delete(d.Props, k)
		}
		if c.Location != "" {
			d.Location = c.Location
		}
		if c.Collation != "" {
			d.Collation = c.Collation
		}
		return nil
	})
}

func createDatabase(s *sessions.Session, c *plan.CreateDatabase) error {
	name := c.Name
	if len(c.NameParts) > 0 {
		var err error
		if name, err = catalog.ResolveNamespace(c.NameParts); err != nil {
			return err
		}
	}
	return s.Catalog.CreateDatabase(&catalog.Database{Name: name, Comment: c.Comment, Location: c.Location,
		Props: c.Props, Collation: c.Collation}, c.IfNotExists)
}

func truncateTable(s *sessions.Session, c *plan.Truncate) error {
	if isTempName(c.Name) && s.Catalog.TempView(c.Name) != nil {
		return sparkerror.New(sparkerror.Analysis, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "42809",
			"'<operation>' expects a table. <viewName> is a view.",
			map[string]string{"operation": "TRUNCATE TABLE", "viewName": quoteParts(c.Name)})
	}
	t, tn, err := lookupTable(s, c.Name)
	if err != nil {
		return err
	}
	if t.View != nil {
		return sparkerror.New(sparkerror.Analysis, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "42809",
			"'<operation>' expects a table. <viewName> is a view.",
			map[string]string{"operation": "TRUNCATE TABLE", "viewName": quoteParts(tn.QualifiedName())})
	}
	if len(c.Partition) > 0 {
		return sparkerror.NotImplemented("TRUNCATE TABLE ... PARTITION")
	}
	if err := t.Write(context.Background(), nil, true, sessionLocation(s)); err != nil {
		return err
	}
	return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
		t.Stats = nil
		return nil
	})
}

func analyzeTable(s *sessions.Session, c *plan.AnalyzeTable) error {
	if c.Tables {
		return nil
	}
	if isTempName(c.Name) && s.Catalog.TempView(c.Name) != nil {
		// Spark caches temporary views to collect their statistics; nothing to keep here.
		return nil
	}
	t, tn, err := lookupTable(s, c.Name)
	if err != nil {
		return err
	}
	if t.View != nil {
		return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_FEATURE.ANALYZE_VIEW", "0A000",
			"The feature is not supported: The ANALYZE TABLE command does not support views.", nil)
	}
	var rows int64
	for _, b := range t.Batches() {
		rows += b.NumRows()
	}
	size := t.SizeInBytes()
	if n, ok := filesSize(t.Dir()); ok {
		size = n // the size of the table's files, as Spark's CommandUtils computes it
	}
	stats := &catalog.Stats{SizeInBytes: size, Rows: rows, HasRows: !c.NoScan}
	if len(c.Partition) > 0 {
		t = syncPartitions(s, tn, t)
		spec, err := normalizeSpec(t, tn, c.Partition, false)
		if err != nil {
			return err
		}
		return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
			for i, p := range t.Partitions {
				if partitionMatches(p, spec) {
					np := *p
					np.Stats = partitionStats(s, t, p, !c.NoScan)
					t.Partitions[i] = &np
				}
			}
			return nil
		})
	}
	return s.Catalog.AlterTable(tn, func(t *catalog.Table) error {
		t.Stats = stats
		return nil
	})
}

// partitionStats counts a partition's rows (its size is estimated from the table's).
func partitionStats(s *sessions.Session, t *catalog.Table, p *catalog.Partition, countRows bool) *catalog.Stats {
	var rows, total int64
	for _, vals := range partitionsOfRows(s, t) {
		total++
		if slices.EqualFunc(vals, p.Values, func(a, b *string) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }) {
			rows++
		}
	}
	size := int64(0)
	if total > 0 {
		size = t.SizeInBytes() * rows / total
	}
	if dir := t.Dir(); dir != "" {
		if n, ok := filesSize(filepath.Join(dir, partitionPath(t.PartitionColumns, p.Values))); ok {
			size = n
		}
	}
	return &catalog.Stats{SizeInBytes: size, Rows: rows, HasRows: countRows}
}

// filesSize is the size of the data files below dir, leaving out hidden files and those
// starting with an underscore (_SUCCESS), as Spark's statistics do; false when dir is
// not a directory.
func filesSize(dir string) (int64, bool) {
	if dir == "" {
		return 0, false
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return 0, false
	}
	var n int64
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n, true
}

// createTempViewUsing registers a temporary view over a data source: a file source with
// a path reads its files (opened now, so a missing path or a bad option fails here, as
// Spark resolves the relation when the view is created); other sources, which this engine
// does not have, give an empty relation of the schema.
func createTempViewUsing(s *sessions.Session, c *plan.CreateTempViewUsing) error {
	if len(c.Name) > 1 && !(c.Global && len(c.Name) == 2) {
		return sparkerror.New(sparkerror.Parse, "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "428EK",
			"CREATE TEMPORARY VIEW or the corresponding Dataset APIs only accept single-part view names, but got: <actualName>.",
			map[string]string{"actualName": quoteParts(c.Name)})
	}
	var paths []string
	opts := map[string]string{}
	for k, v := range c.Options {
		if strings.EqualFold(k, "path") {
			paths = append(paths, v)
			continue
		}
		opts[k] = v
	}
	if isFileSource(c.Provider) {
		read := &plan.DataSourceRead{Format: c.Provider, Paths: paths, Schema: c.Schema, Options: opts}
		resolved, err := analyzer.Resolve(read, analyzerOptions(s))
		if err != nil {
			return err
		}
		st := plan.Schema(resolved)
		v := &catalog.View{Name: c.Name[len(c.Name)-1], Plan: read, Schema: st, Provider: c.Provider, Options: c.Options}
		return s.Catalog.CreateTempView(v, c.Global, c.Replace)
	}
	if c.Schema == nil {
		return sparkerror.NotImplemented("CREATE TEMPORARY VIEW ... USING without a schema")
	}
	if len(paths) > 0 {
		return sparkerror.NotImplemented("CREATE TEMPORARY VIEW ... USING a path")
	}
	schema, err := types.ToArrowSchema(c.Schema)
	if err != nil {
		return err
	}
	empty := &plan.LocalData{ArrowSchema: schema, Schema: c.Schema, Out: plan.AttributesOf(c.Schema)}
	v := &catalog.View{Name: c.Name[len(c.Name)-1], Plan: empty, Schema: c.Schema, Provider: c.Provider,
		Options: c.Options, SchemaMode: "BINDING", QueryColumns: c.Schema.FieldNames()}
	return s.Catalog.CreateTempView(v, c.Global, c.Replace)
}

// insertPartition runs INSERT INTO t PARTITION (...) query: the static partition values
// become constant columns after the query's, which fills the other columns in table order.
func (x *Executor) insertPartition(ctx context.Context, s *sessions.Session, c *plan.InsertInto) error {
	if c.ByName {
		return sparkerror.NotImplemented("INSERT BY NAME with a PARTITION clause")
	}
	t, tn, err := lookupTable(s, c.Table)
	if err != nil {
		return err
	}
	if t.View != nil {
		// insertInto reports inserting into a view.
		return x.insertInto(ctx, s, &plan.InsertInto{Table: c.Table, Query: c.Query, Overwrite: c.Overwrite})
	}
	if len(t.PartitionColumns) == 0 {
		return sparkerror.New(sparkerror.Analysis, "NON_PARTITION_COLUMN", "42000",
			"PARTITION clause cannot contain the non-partition column: <columnName>.",
			map[string]string{"columnName": types.QuoteIdentifier(c.Partition[0].Column)})
	}
	spec, err := normalizeSpec(t, tn, c.Partition, false)
	if err != nil {
		return err
	}
	if c.IfPartitionNotExists && slices.ContainsFunc(syncPartitions(s, tn, t).Partitions, func(p *catalog.Partition) bool { return partitionMatches(p, spec) }) {
		// Spark still analyzes the query, then writes nothing.
		_, err := analyzer.Resolve(c.Query, analyzerOptions(s))
		return err
	}
	static := map[int]*plan.PartitionValue{}
	for i, sv := range spec {
		if sv != nil && sv.HasValue {
			static[columnIndex(t.Schema, t.PartitionColumns[i])] = sv
		}
	}
	// A column list names the query's columns; a static partition column may not be
	// among them.
	for _, pv := range c.Partition {
		if !pv.HasValue {
			continue
		}
		if slices.ContainsFunc(c.Columns, func(n string) bool { return strings.EqualFold(n, pv.Column) }) {
			return sparkerror.New(sparkerror.Analysis, "STATIC_PARTITION_COLUMN_IN_INSERT_COLUMN_LIST", "42713",
				"Static partition column <staticName> is also specified in the column list.", map[string]string{"staticName": pv.Column})
		}
	}
	exprs := []plan.Expr{&plan.UnresolvedStar{}}
	var cols, staticCols []string
	for i, f := range t.Schema.Fields {
		sv, ok := static[i]
		if !ok {
			cols = append(cols, f.Name)
			continue
		}
		var lit plan.Expr = &plan.Literal{Type: types.String, Value: sv.Value, Text: sv.Value}
		if sv.Null {
			lit = &plan.Literal{Type: types.Null, Text: "NULL"}
		}
		exprs = append(exprs, &plan.Alias{Child: &plan.Cast{Child: lit, To: f.DataType}, Name: f.Name})
		staticCols = append(staticCols, f.Name)
	}
	if len(c.Columns) > 0 {
		// A column list names the query's columns (the static ones come after them).
		cols = c.Columns
	}
	q := &plan.Project{Child: c.Query, Exprs: exprs}
	return x.insertWith(ctx, s, &plan.InsertInto{Table: c.Table, Columns: append(cols, staticCols...), Query: q, Overwrite: c.Overwrite},
		staticValues(spec))
}

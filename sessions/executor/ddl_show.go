package executor

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

var plainIdent = regexp.MustCompile(`^[a-zA-Z0-9_]+$`)
var digitsOnly = regexp.MustCompile(`^[0-9]+$`)

// quoteIfNeeded back-quotes a name unless it is a plain identifier, as Spark's
// quoteIfNeeded does.
func quoteIfNeeded(name string) string {
	if plainIdent.MatchString(name) && !digitsOnly.MatchString(name) {
		return name
	}
	return types.QuoteIdentifier(name)
}

func escapeSingleQuoted(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`)
}

// multiLines renders (\n  a,\n  b)\n.
func multiLines(items []string) string {
	return "(\n  " + strings.Join(items, ",\n  ") + ")\n"
}

func propLines(m map[string]string, skip func(k string) bool, redact bool) []string {
	var out []string
	for _, k := range sortedKeys(m) {
		if skip != nil && skip(k) {
			continue
		}
		v := m[k]
		if redact {
			v = redactValue(k, v)
		}
		out = append(out, "'"+escapeSingleQuoted(k)+"' = '"+escapeSingleQuoted(v)+"'")
	}
	return out
}

func showCreateTable(s *sessions.Session, c *plan.ShowCreateTable) (*plan.LocalData, error) {
	if isTempName(c.Name) && s.Catalog.TempView(c.Name) != nil {
		return nil, sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_SHOW_CREATE_TABLE.ON_TEMPORARY_VIEW", "0A000",
			"Cannot execute SHOW CREATE TABLE. The command is not supported on a temporary view <tableName>.",
			map[string]string{"tableName": quoteParts(c.Name)})
	}
	t, _, err := lookupTable(s, c.Name)
	if err != nil {
		return nil, err
	}
	if c.AsSerde && t.View == nil && t.Provider != "hive" {
		return nil, sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_SHOW_CREATE_TABLE.ON_DATA_SOURCE_TABLE_WITH_AS_SERDE", "0A000",
			"Cannot execute SHOW CREATE TABLE. The table <tableName> is a Spark data source table. Please use SHOW CREATE TABLE without AS SERDE instead.",
			map[string]string{"tableName": quoteParts([]string{t.Database, t.Name})})
	}
	var b strings.Builder
	if v := t.View; v != nil {
		b.WriteString("CREATE VIEW " + quoteIfNeeded(t.Database) + "." + quoteIfNeeded(t.Name) + " ")
		if t.Schema != nil && len(t.Schema.Fields) > 0 {
			cols := make([]string, len(t.Schema.Fields))
			for i, f := range t.Schema.Fields {
				cols[i] = quoteIfNeeded(f.Name)
				if cm, ok := f.Comment(); ok {
					cols[i] += " COMMENT '" + escapeSingleQuoted(cm) + "'"
				}
			}
			b.WriteString(multiLines(cols))
		}
		if v.Comment != "" {
			b.WriteString("COMMENT '" + escapeSingleQuoted(v.Comment) + "'\n")
		}
		if props := propLines(v.Props, func(k string) bool { return strings.HasPrefix(k, "view.") }, false); len(props) > 0 {
			b.WriteString("TBLPROPERTIES " + multiLines(props))
		}
		if viewSchemaBinding(s) {
			b.WriteString("WITH SCHEMA " + viewSchemaMode(v) + "\n")
		}
		b.WriteString("AS " + v.Text + "\n")
	} else {
		b.WriteString("CREATE TABLE " + strings.Join([]string{catalog.CatalogName, quoteIfNeeded(t.Database), quoteIfNeeded(t.Name)}, ".") + " ")
		cols := make([]string, len(t.Schema.Fields))
		for i, f := range t.Schema.Fields {
			ddl := quoteIfNeeded(f.Name) + " " + f.DataType.SQL()
			if !f.Nullable {
				ddl += " NOT NULL"
			}
			if def, ok := t.Defaults[strings.ToLower(f.Name)]; ok {
				ddl += " DEFAULT " + def
			}
			if cm, ok := f.Comment(); ok {
				ddl += " COMMENT '" + escapeSingleQuoted(cm) + "'"
			}
			cols[i] = ddl
		}
		b.WriteString(multiLines(cols))
		b.WriteString("USING " + escapeSingleQuoted(t.Provider) + "\n")
		if opts := propLines(t.Options, func(k string) bool { return k == "path" }, true); len(opts) > 0 {
			b.WriteString("OPTIONS " + multiLines(opts))
		}
		if len(t.PartitionColumns) > 0 {
			q := make([]string, len(t.PartitionColumns))
			for i, p := range t.PartitionColumns {
				q[i] = quoteIfNeeded(p)
			}
			b.WriteString("PARTITIONED BY (" + strings.Join(q, ", ") + ")\n")
		}
		if bs := t.Buckets; bs != nil {
			b.WriteString("CLUSTERED BY (" + strings.Join(bs.Columns, ", ") + ")\n")
			if len(bs.SortColumns) > 0 {
				b.WriteString("SORTED BY (" + strings.Join(bs.SortColumns, ", ") + ")\n")
			}
			b.WriteString("INTO " + strconv.Itoa(bs.Num) + " BUCKETS\n")
		}
		if t.Comment != "" {
			b.WriteString("COMMENT '" + escapeSingleQuoted(t.Comment) + "'\n")
		}
		if t.Collation != "" {
			b.WriteString("COLLATION '" + escapeSingleQuoted(t.Collation) + "'\n")
		}
		if t.IsExternal() {
			b.WriteString("LOCATION '" + escapeSingleQuoted(tableLocation(s, t)) + "'\n")
		}
		if props := propLines(t.Props, nil, true); len(props) > 0 {
			b.WriteString("TBLPROPERTIES " + multiLines(props))
		}
	}
	return result([]column{{"createtab_stmt", types.String, false}}, [][]any{{b.String()}})
}

func showTblProperties(s *sessions.Session, c *plan.ShowTblProperties) (*plan.LocalData, error) {
	cols := []column{{"key", types.String, false}, {"value", types.String, false}}
	if isTempName(c.Name) && s.Catalog.TempView(c.Name) != nil {
		return result(cols, nil)
	}
	t, tn, err := lookupTable(s, c.Name)
	if err != nil {
		return nil, err
	}
	props := t.Props
	if t.View != nil {
		props = t.View.Props
	}
	if c.HasKey {
		v, ok := props[c.Key]
		if !ok {
			v = "Table " + strings.Join(tn.QualifiedName(), ".") + " does not have property: " + c.Key
		} else {
			v = redactValue(c.Key, v)
		}
		return result(cols, [][]any{{c.Key, v}})
	}
	var rows [][]any
	for _, k := range sortedKeys(props) {
		if strings.HasPrefix(k, "view.") {
			continue
		}
		rows = append(rows, []any{k, redactValue(k, props[k])})
	}
	return result(cols, rows)
}

func showTableExtended(s *sessions.Session, c *plan.ShowTableExtended) (*plan.LocalData, error) {
	cat := s.Catalog
	db := cat.CurrentDatabase()
	if len(c.Database) > 0 {
		var err error
		if db, err = catalog.ResolveNamespace(c.Database); err != nil {
			return nil, err
		}
	}
	cols := []column{{"namespace", types.String, false}, {"tableName", types.String, false},
		{"isTemporary", types.Boolean, false}, {"information", types.String, false}}
	entries, err := cat.Tables(db)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	if len(c.Partition) > 0 {
		// With a partition, the pattern is the name of one table.
		tn := catalog.TableName{Database: db, Name: c.Pattern}
		t := cat.Table(tn)
		if t == nil {
			return nil, tableOrViewNotFound([]string{c.Pattern})
		}
		tn.Name = t.Name
		for _, p := range c.Partition {
			if !slices.ContainsFunc(t.PartitionColumns, func(col string) bool { return strings.EqualFold(col, p.Column) }) {
				return nil, sparkerror.New(sparkerror.Analysis, "PARTITIONS_NOT_FOUND", "428FT",
					"The partition(s) <partitionList> cannot be found in table <tableName>.\nVerify the partition specification and table name.\nTo tolerate the error on drop use ALTER TABLE … DROP IF EXISTS PARTITION.",
					map[string]string{"partitionList": types.QuoteIdentifier(p.Column), "tableName": quoteParts(tn.QualifiedName())})
			}
		}
		t = syncPartitions(s, tn, t)
		spec, err := normalizeSpec(t, tn, c.Partition, true)
		if err != nil {
			return nil, err
		}
		p := findPartition(t, spec)
		if p == nil {
			return nil, partitionsNotFound(t, spec)
		}
		var b strings.Builder
		for _, e := range partitionInfo(s, t, p) {
			b.WriteString(e.key + ": " + e.value + "\n")
		}
		rows = append(rows, []any{t.Database, t.Name, false, b.String()})
		return result(cols, rows)
	}
	for _, e := range entries {
		if !likePattern(c.Pattern, e.Name) {
			continue
		}
		var info []kv
		if e.IsTemporary {
			v := cat.TempView([]string{e.Name})
			if v == nil {
				continue
			}
			st, err := tempViewSchema(s, []string{e.Name}, v)
			if err != nil {
				return nil, err
			}
			info = tempViewInfo(s, v, st)
		} else {
			t := cat.Table(catalog.TableName{Database: e.Database, Name: e.Name})
			if t == nil {
				continue
			}
			info = tableInfo(s, t)
		}
		var b strings.Builder
		for _, kv := range info {
			if kv.value == "" {
				b.WriteString(kv.key + "\n")
			} else {
				b.WriteString(kv.key + ": " + kv.value + "\n")
			}
		}
		rows = append(rows, []any{e.Database, e.Name, e.IsTemporary, b.String()})
	}
	return result(cols, rows)
}

func showPartitions(s *sessions.Session, c *plan.ShowPartitions) (*plan.LocalData, error) {
	if isTempName(c.Name) && s.Catalog.TempView(c.Name) != nil {
		return nil, sparkerror.New(sparkerror.Analysis, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "42809",
			"'<operation>' expects a table. <viewName> is a view.",
			map[string]string{"operation": "SHOW PARTITIONS", "viewName": quoteParts(c.Name)})
	}
	t, tn, err := lookupTable(s, c.Name)
	if err != nil {
		return nil, err
	}
	if t.View != nil {
		return nil, sparkerror.New(sparkerror.Analysis, "EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "42809",
			"'<operation>' expects a table. <viewName> is a view.",
			map[string]string{"operation": "SHOW PARTITIONS", "viewName": quoteParts(tn.QualifiedName())})
	}
	if len(t.PartitionColumns) == 0 {
		return nil, sparkerror.New(sparkerror.Analysis, "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", "42601",
			"The partition command is invalid. Table <name> is not partitioned.",
			map[string]string{"name": quoteParts(tn.QualifiedName())})
	}
	t = syncPartitions(s, tn, t)
	spec, err := normalizeSpec(t, tn, c.Partition, false)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, p := range t.Partitions {
		if partitionMatches(p, spec) {
			parts := make([]string, len(t.PartitionColumns))
			for i, col := range t.PartitionColumns {
				v := "__HIVE_DEFAULT_PARTITION__"
				if p.Values[i] != nil {
					v = escapePathName(*p.Values[i])
				}
				parts[i] = escapePathName(col) + "=" + v
			}
			rows = append(rows, []any{strings.Join(parts, "/")})
		}
	}
	return result([]column{{"partition", types.String, false}}, rows)
}

// showColumnsName is the table of SHOW COLUMNS IN t [FROM db]: db qualifies t, and must
// agree with t's own database.
func showColumnsName(c *plan.ShowObjects) ([]string, error) {
	name := c.Table
	if len(c.Database) == 0 {
		return name, nil
	}
	db := c.Database[len(c.Database)-1]
	if len(name) > 1 && !strings.EqualFold(name[len(name)-2], db) {
		return nil, sparkerror.New(sparkerror.Analysis, "SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE", "42K05",
			"SHOW COLUMNS with conflicting namespaces: <namespaceA> != <namespaceB>.",
			map[string]string{"namespaceA": types.QuoteIdentifier(db), "namespaceB": types.QuoteIdentifier(name[len(name)-2])})
	}
	return append(slices.Clone(c.Database), name[len(name)-1]), nil
}

package executor

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/physical/sink"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
)

// This file runs the catalog commands: DESCRIBE (tables, columns, partitions, databases,
// functions), SHOW CREATE TABLE / TBLPROPERTIES / TABLE EXTENDED / PARTITIONS, ALTER
// TABLE|VIEW|DATABASE, TRUNCATE, ANALYZE and temporary views over data sources.

// runDDL runs the catalog commands of this file; ok is false for other commands.
func (x *Executor) runDDL(ctx context.Context, s *sessions.Session, cmd plan.Command) (res *plan.LocalData, ok bool, err error) {
	switch c := cmd.(type) {
	case *plan.InsertInto:
		if len(c.Partition) == 0 {
			return nil, false, nil
		}
		err = x.insertPartition(ctx, s, c)
	case *plan.DescribeTable:
		res, err = describeRelation(s, c)
	case *plan.DescribeDatabase:
		res, err = describeDatabase(s, c)
	case *plan.DescribeFunction:
		res, err = describeFunction(c)
	case *plan.ShowCreateTable:
		res, err = showCreateTable(s, c)
	case *plan.ShowTblProperties:
		res, err = showTblProperties(s, c)
	case *plan.ShowTableExtended:
		res, err = showTableExtended(s, c)
	case *plan.ShowPartitions:
		res, err = showPartitions(s, c)
	case *plan.AlterTable:
		err = x.alterTable(s, c)
	case *plan.AlterDatabase:
		err = alterDatabase(s, c)
	case *plan.Truncate:
		if err = truncateTable(s, c); err == nil {
			x.tableChanged(s, c.Name)
		}
	case *plan.AnalyzeTable:
		err = analyzeTable(s, c)
	case *plan.CreateTempViewUsing:
		err = createTempViewUsing(s, c)
	case *plan.CreateDatabase:
		err = createDatabase(s, c)
	default:
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	if res == nil {
		res = emptyResult()
	}
	return res, true, nil
}

func tableOrViewNotFound(name []string) error {
	return sparkerror.New(sparkerror.Analysis, "TABLE_OR_VIEW_NOT_FOUND", "42P01",
		"The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
		map[string]string{"relationName": quoteParts(name)})
}

// isTempName tells whether a name may refer to a temporary view: one part, or
// global_temp.name.
func isTempName(name []string) bool {
	return len(name) == 1 || len(name) == 2 && strings.EqualFold(name[0], catalog.GlobalTempDatabase)
}

// lookupTable finds a table or persistent view (not a temporary view).
func lookupTable(s *sessions.Session, name []string) (*catalog.Table, catalog.TableName, error) {
	tn, err := s.Catalog.Resolve(name)
	if err != nil {
		return nil, tn, err
	}
	t := s.Catalog.Table(tn)
	if t == nil {
		return nil, tn, tableOrViewNotFound(name)
	}
	return t, tn, nil
}

var redactPattern = regexp.MustCompile(`(?i)secret|password|token|access[.]?key`)

const redacted = "*********(redacted)"

// redactValue hides the values of keys that look like secrets, as Spark's
// spark.sql.redaction.options.regex does by default.
func redactValue(k, v string) string {
	if redactPattern.MatchString(k) || redactPattern.MatchString(v) {
		return redacted
	}
	return v
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// bracketList renders [k=v, ...] with sorted keys and redacted values.
func bracketList(m map[string]string, skip func(k, v string) bool) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		if skip != nil && skip(k, m[k]) {
			continue
		}
		parts = append(parts, k+"="+redactValue(k, m[k]))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = types.QuoteIdentifier(n)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// javaDate renders a time as java.util.Date.toString does.
func javaDate(t time.Time) string { return t.Format("Mon Jan 02 15:04:05 MST 2006") }

// warehouseLocation is where a managed table's data would live.
func warehouseLocation(s *sessions.Session, db, table string) string {
	dir, err := s.Conf.Get("spark.sql.warehouse.dir")
	if err != nil || dir == "" {
		dir = "spark-warehouse"
	}
	if !strings.Contains(dir, ":") {
		dir = "file:" + dir
	}
	dir = strings.TrimSuffix(dir, "/")
	if !strings.EqualFold(db, "default") {
		dir += "/" + strings.ToLower(db) + ".db"
	}
	return dir + "/" + strings.ToLower(table)
}

func tableLocation(s *sessions.Session, t *catalog.Table) string {
	if t.View != nil {
		return ""
	}
	if t.Location != "" {
		if strings.HasPrefix(t.Location, "/") {
			return "file:" + t.Location
		}
		return t.Location
	}
	if p, ok := t.Options["path"]; ok {
		if strings.HasPrefix(p, "/") {
			return "file:" + p
		}
		return p
	}
	return warehouseLocation(s, t.Database, t.Name)
}

// partitionPath is the directory of a partition below the table's location.
func partitionPath(cols []string, vals []*string) string {
	var b strings.Builder
	for i, c := range cols {
		b.WriteString("/")
		b.WriteString(escapePathName(c))
		b.WriteString("=")
		if vals[i] == nil {
			b.WriteString("__HIVE_DEFAULT_PARTITION__")
		} else {
			b.WriteString(escapePathName(*vals[i]))
		}
	}
	return b.String()
}

// escapePathName escapes the characters Hive escapes in partition directory names.
func escapePathName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || strings.ContainsRune("\"#%'*/:=?\\\x7f{[]^", r) {
			fmt.Fprintf(&b, "%%%02X", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tableType is MANAGED, EXTERNAL or VIEW.
func tableType(t *catalog.Table) string {
	switch {
	case t.View != nil:
		return "VIEW"
	case t.IsExternal():
		return "EXTERNAL"
	}
	return "MANAGED"
}

// kv is one entry of the detailed table information, in order.
type kv struct{ key, value string }

// viewSchemaBinding tells whether view schema binding modes are on
// (spark.sql.legacy.viewSchemaBindingMode, true unless set to false).
func viewSchemaBinding(s *sessions.Session) bool {
	v, ok, err := s.Conf.GetOption("spark.sql.legacy.viewSchemaBindingMode")
	return err != nil || !ok || !strings.EqualFold(strings.TrimSpace(v), "false")
}

// viewSchemaMode is the mode a view shows: the one given, else COMPENSATION.
func viewSchemaMode(v *catalog.View) string {
	if v.SchemaMode != "" {
		return v.SchemaMode
	}
	return "COMPENSATION"
}

// tableInfo is Spark's CatalogTable.toLinkedHashMap for a table or persistent view.
func tableInfo(s *sessions.Session, t *catalog.Table) []kv {
	info := []kv{{"Catalog", catalog.CatalogName}, {"Database", t.Database}, {"Table", t.Name},
		{"Created Time", javaDate(t.Created)}, {"Last Access", "UNKNOWN"}, {"Created By", "Spark " + SparkVersion},
		{"Type", tableType(t)}}
	if t.View == nil {
		info = append(info, kv{"Provider", t.Provider})
	}
	if b := t.Buckets; b != nil {
		info = append(info, kv{"Num Buckets", strconv.Itoa(b.Num)}, kv{"Bucket Columns", quotedList(b.Columns)},
			kv{"Sort Columns", quotedList(b.SortColumns)})
	}
	if t.Comment != "" || (t.View != nil && t.View.Comment != "") {
		c := t.Comment
		if t.View != nil && c == "" {
			c = t.View.Comment
		}
		info = append(info, kv{"Comment", c})
	}
	if coll := t.Collation; coll != "" || (t.View != nil && t.View.Collation != "") {
		if coll == "" {
			coll = t.View.Collation
		}
		info = append(info, kv{"Collation", coll})
	}
	props := t.Props
	if v := t.View; v != nil {
		props = v.Props
		info = append(info, kv{"View Text", v.Text}, kv{"View Original Text", v.Text})
		if viewSchemaBinding(s) {
			info = append(info, kv{"View Schema Mode", viewSchemaMode(v)})
		}
		if len(v.CatalogNamespace) > 0 {
			info = append(info, kv{"View Catalog and Namespace", strings.Join(v.CatalogNamespace, ".")})
		}
		cols := v.QueryColumns
		if viewSchemaMode(v) == "EVOLUTION" {
			cols = t.Schema.FieldNames()
		}
		if len(cols) > 0 {
			info = append(info, kv{"View Query Output Columns", quotedList(cols)})
		}
	}
	if hasProps(props) {
		info = append(info, kv{"Table Properties", bracketList(props, skipProp)})
	}
	if st := t.Stats; st != nil {
		info = append(info, kv{"Statistics", statsString(st)})
	}
	if loc := tableLocation(s, t); loc != "" {
		info = append(info, kv{"Location", loc})
	}
	if len(t.Options) > 0 {
		info = append(info, kv{"Storage Properties", bracketList(t.Options, func(k, _ string) bool { return k == "path" })})
	}
	if len(t.PartitionColumns) > 0 {
		info = append(info, kv{"Partition Provider", "Catalog"}, kv{"Partition Columns", quotedList(t.PartitionColumns)})
	}
	if t.Schema != nil && len(t.Schema.Fields) > 0 {
		info = append(info, kv{"Schema", t.Schema.TreeString(0)})
	}
	return info
}

func skipProp(k, v string) bool { return strings.HasPrefix(k, "view.") || v == "" }

func hasProps(m map[string]string) bool {
	for k, v := range m {
		if !skipProp(k, v) {
			return true
		}
	}
	return false
}

func statsString(st *catalog.Stats) string {
	out := strconv.FormatInt(st.SizeInBytes, 10) + " bytes"
	if st.HasRows {
		out += ", " + strconv.FormatInt(st.Rows, 10) + " rows"
	}
	return out
}

// tempViewInfo is the information Spark shows for a temporary view.
func tempViewInfo(s *sessions.Session, v *catalog.View, st *types.StructType) []kv {
	info := []kv{{"Table", v.Name}, {"Created Time", javaDate(time.Now())}, {"Last Access", "UNKNOWN"},
		{"Created By", "Spark " + SparkVersion}, {"Type", "VIEW"}}
	if v.Provider == "" {
		info = append(info, kv{"View Text", v.Text})
	}
	mode := v.SchemaMode
	if mode == "" {
		mode = "BINDING"
	}
	if viewSchemaBinding(s) {
		info = append(info, kv{"View Schema Mode", mode})
	}
	if len(v.CatalogNamespace) > 0 {
		info = append(info, kv{"View Catalog and Namespace", strings.Join(v.CatalogNamespace, ".")})
	}
	if v.Provider == "" && len(v.QueryColumns) > 0 {
		info = append(info, kv{"View Query Output Columns", quotedList(v.QueryColumns)})
	}
	if st != nil && len(st.Fields) > 0 {
		info = append(info, kv{"Schema", st.TreeString(0)})
	}
	return info
}

type describeRows struct{ rows [][]any }

func (d *describeRows) add(name, typ string, comment any) {
	d.rows = append(d.rows, []any{name, typ, comment})
}

func (d *describeRows) schema(st *types.StructType) {
	if st == nil {
		return
	}
	for _, f := range st.Fields {
		var comment any
		if c, ok := f.Comment(); ok {
			comment = c
		}
		d.add(f.Name, f.DataType.SimpleString(), comment)
	}
}

func (d *describeRows) result() (*plan.LocalData, error) {
	return result([]column{{"col_name", types.String, false}, {"data_type", types.String, false}, {"comment", types.String, true}}, d.rows)
}

func describeRelation(s *sessions.Session, c *plan.DescribeTable) (*plan.LocalData, error) {
	if len(c.Column) > 0 {
		return describeColumn(s, c)
	}
	if isTempName(c.Name) {
		if v := s.Catalog.TempView(c.Name); v != nil {
			if len(c.Partition) > 0 {
				return nil, forbiddenOperation("DESC PARTITION", "TEMPORARY VIEW", quoteParts(c.Name))
			}
			st, err := tempViewSchema(s, c.Name, v)
			if err != nil {
				return nil, err
			}
			if c.AsJSON {
				return describeJSON(s, nil, v, st, nil)
			}
			var d describeRows
			d.schema(st)
			return d.result()
		}
	}
	t, tn, err := lookupTable(s, c.Name)
	if err != nil {
		return nil, err
	}
	var part *catalog.Partition
	if len(c.Partition) > 0 {
		if t.View != nil {
			return nil, forbiddenOperation("DESC PARTITION", "VIEW", quoteParts([]string{t.Name}))
		}
		t = syncPartitions(s, tn, t)
		spec, err := normalizeSpec(t, tn, c.Partition, true)
		if err != nil {
			return nil, err
		}
		if part = findPartition(t, spec); part == nil {
			return nil, partitionsNotFound(t, spec)
		}
	}
	if c.AsJSON {
		return describeJSON(s, t, nil, t.Schema, part)
	}
	var d describeRows
	d.schema(t.Schema)
	if len(t.PartitionColumns) > 0 {
		d.add("# Partition Information", "", "")
		d.add("# col_name", "data_type", "comment")
		for _, pc := range t.PartitionColumns {
			if f, ok := fieldByName(t.Schema, pc); ok {
				var comment any
				if cm, ok := f.Comment(); ok {
					comment = cm
				}
				d.add(f.Name, f.DataType.SimpleString(), comment)
			}
		}
	}
	switch {
	case part != nil:
		if c.Extended {
			d.add("", "", "")
			d.add("# Detailed Partition Information", "", "")
			d.add("Database", t.Database, "")
			d.add("Table", t.Name, "")
			for _, e := range partitionInfo(s, t, part) {
				d.add(e.key, e.value, "")
			}
			d.add("", "", "")
			d.add("# Storage Information", "", "")
			if b := t.Buckets; b != nil {
				d.add("Num Buckets", strconv.Itoa(b.Num), "")
				d.add("Bucket Columns", quotedList(b.Columns), "")
				d.add("Sort Columns", quotedList(b.SortColumns), "")
			}
			d.add("Location", tableLocation(s, t), "")
			if len(t.Options) > 0 {
				d.add("Storage Properties", bracketList(t.Options, func(k, _ string) bool { return k == "path" }), "")
			}
		}
	case c.Extended:
		d.add("", "", "")
		d.add("# Detailed Table Information", "", "")
		for _, e := range tableInfo(s, t) {
			if e.key == "Partition Columns" || e.key == "Schema" {
				continue
			}
			d.add(e.key, e.value, "")
		}
	}
	if t.View == nil && len(t.Defaults) > 0 {
		d.add("", "", "")
		d.add("# Column Default Values", "", "")
		for _, f := range t.Schema.Fields {
			if def, ok := t.Defaults[strings.ToLower(f.Name)]; ok {
				d.add(f.Name, f.DataType.SimpleString(), def)
			}
		}
	}
	return d.result()
}

func fieldByName(st *types.StructType, name string) (types.StructField, bool) {
	for _, f := range st.Fields {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return types.StructField{}, false
}

func tempViewSchema(s *sessions.Session, name []string, v *catalog.View) (*types.StructType, error) {
	if v.Schema != nil {
		return v.Schema, nil
	}
	rel, err := s.Catalog.LookupRelation(name)
	if err != nil {
		return nil, err
	}
	return relationSchema(s, rel)
}

func forbiddenOperation(statement, objectType, objectName string) error {
	return sparkerror.New(sparkerror.Analysis, "FORBIDDEN_OPERATION", "42809",
		"The operation <statement> is not allowed on the <objectType>: <objectName>.",
		map[string]string{"statement": statement, "objectType": objectType, "objectName": objectName})
}

// normalizeSpec matches a PARTITION clause to the table's partition columns (names
// case-insensitively); full requires every partition column. The result is in the order
// of the partition columns, nil where a column is not given.
func normalizeSpec(t *catalog.Table, tn catalog.TableName, spec []plan.PartitionValue, full bool) ([]*plan.PartitionValue, error) {
	out := make([]*plan.PartitionValue, len(t.PartitionColumns))
	for i := range spec {
		p := &spec[i]
		idx := slices.IndexFunc(t.PartitionColumns, func(c string) bool { return strings.EqualFold(c, p.Column) })
		if idx < 0 {
			return nil, sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1231", "",
				"<key> is not a valid partition column in table <tblName>.",
				map[string]string{"key": p.Column, "tblName": quoteParts(tn.QualifiedName())})
		}
		out[idx] = p
	}
	if full {
		complete := len(spec) == len(t.PartitionColumns)
		for _, p := range out {
			if p == nil {
				complete = false
			}
		}
		if !complete {
			keys := make([]string, len(spec))
			for i, p := range spec {
				keys[i] = p.Column
			}
			return nil, sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1232", "",
				"Partition spec is invalid. The spec (<specKeys>) must match the partition spec (<partitionColumnNames>) defined in table '<tableName>'.",
				map[string]string{"specKeys": strings.Join(keys, ", "), "partitionColumnNames": strings.Join(t.PartitionColumns, ", "),
					"tableName": quoteParts(tn.QualifiedName())})
		}
	}
	return out, nil
}

// partitionMatches tells whether a partition has the values of a (possibly partial) spec.
func partitionMatches(p *catalog.Partition, spec []*plan.PartitionValue) bool {
	for i, sv := range spec {
		if sv == nil || !sv.HasValue {
			continue
		}
		v := p.Values[i]
		if sv.Null != (v == nil) || v != nil && *v != sv.Value {
			return false
		}
	}
	return true
}

func findPartition(t *catalog.Table, spec []*plan.PartitionValue) *catalog.Partition {
	for _, p := range t.Partitions {
		if partitionMatches(p, spec) {
			return p
		}
	}
	return nil
}

func specString(cols []string, spec []*plan.PartitionValue) string {
	var parts []string
	for i, sv := range spec {
		if sv == nil {
			continue
		}
		v := sv.Value
		if sv.Null {
			v = "null"
		}
		parts = append(parts, types.QuoteIdentifier(cols[i])+" = "+v)
	}
	return "PARTITION (" + strings.Join(parts, ", ") + ")"
}

func partitionsNotFound(t *catalog.Table, spec []*plan.PartitionValue) error {
	return sparkerror.New(sparkerror.Analysis, "PARTITIONS_NOT_FOUND", "428FT",
		"The partition(s) <partitionList> cannot be found in table <tableName>.\nVerify the partition specification and table name.\nTo tolerate the error on drop use ALTER TABLE … DROP IF EXISTS PARTITION.",
		map[string]string{"partitionList": specString(t.PartitionColumns, spec),
			"tableName": types.QuoteIdentifier(t.Database) + "." + types.QuoteIdentifier(t.Name)})
}

func partitionValuesString(cols []string, vals []*string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		v := "__HIVE_DEFAULT_PARTITION__"
		if vals[i] != nil {
			v = *vals[i]
		}
		parts[i] = c + "=" + v
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// partitionInfo is Spark's CatalogTablePartition.toLinkedHashMap.
func partitionInfo(s *sessions.Session, t *catalog.Table, p *catalog.Partition) []kv {
	info := []kv{{"Partition Values", partitionValuesString(t.PartitionColumns, p.Values)}}
	loc := p.Location
	if loc == "" {
		loc = tableLocation(s, t) + partitionPath(t.PartitionColumns, p.Values)
	}
	info = append(info, kv{"Location", loc})
	if len(t.Options) > 0 {
		info = append(info, kv{"Storage Properties", bracketList(t.Options, func(k, _ string) bool { return k == "path" })})
	}
	if len(p.Params) > 0 {
		info = append(info, kv{"Partition Parameters", bracketList(p.Params, nil)})
	}
	info = append(info, kv{"Created Time", javaDate(p.Created)}, kv{"Last Access", "UNKNOWN"})
	if p.Stats != nil {
		info = append(info, kv{"Partition Statistics", statsString(p.Stats)})
	}
	return info
}

func describeColumn(s *sessions.Session, c *plan.DescribeTable) (*plan.LocalData, error) {
	rel, err := s.Catalog.LookupRelation(c.Name)
	if err != nil {
		return nil, err
	}
	if rel == nil {
		return nil, tableOrViewNotFound(c.Name)
	}
	st, err := relationSchema(s, rel)
	if err != nil {
		return nil, err
	}
	colName := strings.Join(c.Column, ".")
	// The column may be qualified with the table's name.
	col := c.Column
	if len(col) > 1 {
		q := rel.QualifiedName
		n := len(col) - 1
		if n <= len(q) && slices.EqualFunc(col[:n], q[len(q)-n:], strings.EqualFold) {
			col = col[n:]
		}
	}
	if len(col) > 1 {
		if _, ok := fieldByName(st, col[0]); ok {
			return nil, sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_FEATURE.TABLE_OPERATION", "0A000",
				"The feature is not supported: Table <tableName> does not support <operation>. Please check the current catalog and namespace to make sure the qualified table name is expected, and also check the catalog implementation which is configured by \"spark.sql.catalog\".",
				map[string]string{"tableName": quoteParts(c.Name), "operation": "DESC TABLE COLUMN for a nested column " + quoteParts(c.Column)})
		}
	}
	f, ok := fieldByName(st, col[len(col)-1])
	if !ok || len(col) > 1 {
		return nil, sparkerror.New(sparkerror.Analysis, "COLUMN_NOT_FOUND", "42703",
			"The column <colName> cannot be found. Verify the spelling and correctness of the column name according to the SQL config <caseSensitiveConfig>.",
			map[string]string{"colName": types.QuoteIdentifier(colName), "caseSensitiveConfig": "\"spark.sql.caseSensitive\""})
	}
	comment := "NULL"
	if cm, ok := f.Comment(); ok {
		comment = cm
	}
	rows := [][]any{{"col_name", f.Name}, {"data_type", f.DataType.CatalogString()}, {"comment", comment}}
	if c.Extended {
		for _, k := range []string{"min", "max", "num_nulls", "distinct_count", "avg_col_len", "max_col_len", "histogram"} {
			rows = append(rows, []any{k, "NULL"})
		}
		if rel.Table != nil {
			if t, ok := rel.Table.(*catalog.Table); ok {
				if def, ok := t.Defaults[strings.ToLower(f.Name)]; ok {
					rows = append(rows, []any{"default", def})
				}
			}
		}
	}
	return result([]column{{"info_name", types.String, false}, {"info_value", types.String, false}}, rows)
}

// describeJSON is DESCRIBE EXTENDED ... AS JSON, laid out as Spark's
// DescribeRelationJsonCommand: the identifier, the columns, then the relation's
// metadata in the order of CatalogTable's JSON map (a partition's first when one is
// described), and the default collation when none was given.
func describeJSON(s *sessions.Session, t *catalog.Table, tv *catalog.View, st *types.StructType, part *catalog.Partition) (*plan.LocalData, error) {
	var b jsonObject
	if t != nil {
		b.add("table_name", t.Name)
		b.add("catalog_name", catalog.CatalogName)
		b.add("namespace", []string{t.Database})
		b.add("schema_name", t.Database)
	} else {
		// Temporary views live in the system.session namespace.
		b.add("table_name", tv.Name)
		b.add("catalog_name", "system")
		b.add("namespace", []string{"session"})
		b.add("schema_name", "session")
	}
	var defaults map[string]string
	if t != nil && t.View == nil {
		defaults = t.Defaults
	}
	b.add("columns", jsonColumns(st, defaults))
	redactedMap := func(m map[string]string, skip func(k, v string) bool) jsonObject {
		var o jsonObject
		for _, k := range sortedKeys(m) {
			if skip == nil || !skip(k, m[k]) {
				o.add(k, redactValue(k, m[k]))
			}
		}
		return o
	}
	collation := ""
	if tv != nil {
		// A temporary view: Spark's CatalogTable of it.
		b.add("created_time", time.Now().UTC().Format("2006-01-02T15:04:05Z"))
		b.add("last_access", "UNKNOWN")
		b.add("created_by", "Spark "+SparkVersion)
		b.add("type", "VIEW")
		if tv.Collation != "" {
			collation = tv.Collation
			b.add("collation", collation)
		}
		if tv.Provider == "" {
			b.add("view_text", tv.Text)
			if viewSchemaBinding(s) {
				mode := tv.SchemaMode
				if mode == "" {
					mode = "BINDING"
				}
				b.add("view_schema_mode", mode)
			}
			if len(tv.CatalogNamespace) > 0 {
				b.add("view_catalog_and_namespace", strings.Join(tv.CatalogNamespace, "."))
			}
			if len(tv.QueryColumns) > 0 {
				b.add("view_query_output_columns", tv.QueryColumns)
			}
		}
	} else {
		buckets := func() {
			if bs := t.Buckets; bs != nil {
				b.add("num_buckets", bs.Num)
				b.add("bucket_columns", bs.Columns)
				b.add("sort_columns", bs.SortColumns)
			}
		}
		if part != nil {
			var pv jsonObject
			for i, c := range t.PartitionColumns {
				if part.Values[i] == nil {
					pv.add(c, nil)
				} else {
					pv.add(c, *part.Values[i])
				}
			}
			b.add("partition_values", pv)
			b.add("location", tableLocation(s, t)+partitionPath(t.PartitionColumns, part.Values))
		} else {
			buckets()
			if loc := tableLocation(s, t); loc != "" {
				b.add("location", loc)
			}
		}
		if len(t.Options) > 0 {
			b.add("storage_properties", redactedMap(t.Options, func(k, _ string) bool { return k == "path" }))
		}
		if part != nil && len(part.Params) > 0 {
			b.add("partition_parameters", redactedMap(part.Params, nil))
		}
		b.add("created_time", t.Created.UTC().Format("2006-01-02T15:04:05Z"))
		b.add("last_access", "UNKNOWN")
		b.add("created_by", "Spark "+SparkVersion)
		b.add("type", tableType(t))
		if t.View == nil {
			b.add("provider", t.Provider)
		}
		if part != nil {
			buckets()
		}
		comment, props := t.Comment, t.Props
		collation = t.Collation
		if v := t.View; v != nil {
			props = v.Props
			if comment == "" {
				comment = v.Comment
			}
			if collation == "" {
				collation = v.Collation
			}
		}
		if comment != "" {
			b.add("comment", comment)
		}
		if collation != "" {
			b.add("collation", collation)
		}
		if v := t.View; v != nil {
			b.add("view_text", v.Text)
			b.add("view_original_text", v.Text)
			if viewSchemaBinding(s) {
				b.add("view_schema_mode", viewSchemaMode(v))
			}
			b.add("view_catalog_and_namespace", strings.Join(v.CatalogNamespace, "."))
			cols := v.QueryColumns
			if viewSchemaMode(v) == "EVOLUTION" {
				cols = t.Schema.FieldNames()
			}
			b.add("view_query_output_columns", cols)
		}
		if hasProps(props) {
			b.add("table_properties", redactedMap(props, skipProp))
		}
		if len(t.PartitionColumns) > 0 {
			b.add("partition_provider", "Catalog")
			b.add("partition_columns", t.PartitionColumns)
		}
		if v := t.View; v != nil {
			// The SQL configs the view was created with.
			b.add("view_creation_spark_configuration", redactedMap(v.SQLConfigs, nil))
		}
	}
	if collation == "" {
		b.add("collation", "UTF8_BINARY")
	}
	out, err := json.Marshal(b)
	if err != nil {
		return nil, err
	}
	return result([]column{{"json_metadata", types.String, false}}, [][]any{{string(out)}})
}

// jsonColumns are the columns of DESCRIBE AS JSON: name, type, nullability, then the
// comment and the DEFAULT value when there are.
func jsonColumns(st *types.StructType, defaults map[string]string) []any {
	cols := make([]any, 0, len(st.Fields))
	for _, f := range st.Fields {
		var col jsonObject
		col.add("name", f.Name)
		col.add("type", jsonType(f.DataType))
		col.add("nullable", f.Nullable)
		if cm, ok := f.Comment(); ok {
			col.add("comment", cm)
		}
		if def, ok := defaults[strings.ToLower(f.Name)]; ok {
			col.add("default", def)
		}
		cols = append(cols, col)
	}
	return cols
}

// jsonObject is a JSON object that keeps its keys in order.
type jsonObject struct {
	keys []string
	vals []any
}

func (o *jsonObject) add(k string, v any) {
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// jsonType is the type of a column as DESCRIBE AS JSON shows it.
func jsonType(dt types.DataType) jsonObject {
	var o jsonObject
	switch t := dt.(type) {
	case *types.StructType:
		o.add("name", "struct")
		o.add("fields", jsonColumns(t, nil))
	case types.ArrayType:
		o.add("name", "array")
		o.add("element_type", jsonType(t.ElementType))
		o.add("element_nullable", t.ContainsNull)
	case types.MapType:
		o.add("name", "map")
		o.add("key_type", jsonType(t.KeyType))
		o.add("value_type", jsonType(t.ValueType))
		o.add("value_nullable", t.ValueContainsNull)
	case types.DecimalType:
		o.add("name", "decimal")
		o.add("precision", t.Precision)
		o.add("scale", t.Scale)
	case types.StringType:
		// The collation is a field of its own; the name stays string.
		o.add("name", "string")
		coll := t.Collation
		if coll == "" {
			coll = "UTF8_BINARY"
		}
		o.add("collation", coll)
	case types.YearMonthIntervalType:
		o.add("name", "interval")
		o.add("start_unit", t.StartField.String())
		o.add("end_unit", t.EndField.String())
	case types.DayTimeIntervalType:
		o.add("name", "interval")
		o.add("start_unit", t.StartField.String())
		o.add("end_unit", t.EndField.String())
	default:
		name := dt.SimpleString()
		if dt == types.Timestamp {
			name = "timestamp_ltz"
		}
		if i := strings.IndexByte(name, '('); i > 0 && !strings.HasPrefix(name, "char") && !strings.HasPrefix(name, "varchar") {
			name = name[:i]
		}
		o.add("name", name)
	}
	return o
}

// partitionsOfData lists the distinct partition values in a table's data.
func partitionsOfData(s *sessions.Session, t *catalog.Table) [][]*string {
	if t.Cold() && len(t.PartitionColumns) > 0 {
		// The rows are in files only: their directories name the partitions.
		if dirs, err := sink.PartitionDirs(t.Dir(), t.PartitionColumns); err == nil {
			return dirs
		}
	}
	return partitionValuesOf(sessionLocation(s), t, true)
}

// partitionsOfRows lists the partition values of every row of a table's data.
func partitionsOfRows(s *sessions.Session, t *catalog.Table) [][]*string {
	return partitionValuesOf(sessionLocation(s), t, false)
}

// sessionLocation is the session time zone, which timestamp partition values are written in.
func sessionLocation(s *sessions.Session) *time.Location {
	if loc, ok := sqlconf.TimeZoneLocation(s.Conf.SessionTimeZone()); ok {
		return loc
	}
	return time.UTC
}

func partitionValuesOf(loc *time.Location, t *catalog.Table, distinct bool) [][]*string {
	return partitionValuesOfRows(loc, t, t.Batches(), distinct)
}

// partitionValuesOfRows lists the partition values of batches of a table's rows, as the
// partition directories name them.
func partitionValuesOfRows(loc *time.Location, t *catalog.Table, batches []arrow.RecordBatch, distinct bool) [][]*string {
	if len(t.PartitionColumns) == 0 {
		return nil
	}
	idx := make([]int, len(t.PartitionColumns))
	for i, c := range t.PartitionColumns {
		idx[i] = slices.IndexFunc(t.Schema.Fields, func(f types.StructField) bool { return strings.EqualFold(f.Name, c) })
		if idx[i] < 0 {
			return nil
		}
	}
	seen := map[string]bool{}
	var out [][]*string
	for _, b := range batches {
		fs := make([]*format.Formatter, len(idx))
		cols := make([]arrow.Array, len(idx))
		for k, ci := range idx {
			cols[k] = b.Column(ci)
			f, err := format.NewFormatter(cols[k], format.Options{Style: format.StyleHive, TimeZone: loc})
			if err != nil {
				return out
			}
			fs[k] = f
		}
		for r := 0; r < int(b.NumRows()); r++ {
			vals := make([]*string, len(idx))
			var key strings.Builder
			for k := range idx {
				if cols[k].IsNull(r) {
					key.WriteString("\x00N")
				} else {
					v := fs[k].Value(r)
					if bin, ok := cols[k].(*array.Binary); ok {
						// Binary partition values are kept as their UTF-8 text.
						v = string(bin.Value(r))
					}
					vals[k] = &v
					key.WriteString("\x00" + v)
				}
			}
			if !distinct || !seen[key.String()] {
				seen[key.String()] = true
				out = append(out, vals)
			}
		}
	}
	return out
}

// recoverPartitions is Spark's RepairTableCommand (ALTER TABLE ... RECOVER PARTITIONS,
// MSCK REPAIR TABLE, and the step a CTAS of a partitioned table ends with): the
// partition directories below the table's files become partitions of the catalog, with
// the fast statistics Spark gathers as their parameters (the number and total size of
// the files directly in the directory). Partitions the catalog has keep what they have.
// A table without files of its own has its partitions from its rows.
func recoverPartitions(s *sessions.Session, tn catalog.TableName, t *catalog.Table) *catalog.Table {
	dir := t.Dir()
	if dir == "" || len(t.PartitionColumns) == 0 {
		return syncPartitions(s, tn, t)
	}
	found, err := sink.PartitionDirs(dir, t.PartitionColumns)
	if err != nil || len(found) == 0 {
		return syncPartitions(s, tn, t)
	}
	now := time.Now()
	var added []*catalog.Partition
	for _, vals := range found {
		if slices.ContainsFunc(t.Partitions, func(p *catalog.Partition) bool { return sameValues(p.Values, vals) }) {
			continue
		}
		p := &catalog.Partition{Values: vals, Created: now}
		if n, size, ok := fastStats(filepath.Join(dir, filepath.FromSlash(partitionPath(t.PartitionColumns, vals)))); ok {
			p.Params = map[string]string{"numFiles": strconv.Itoa(n), "totalSize": strconv.FormatInt(size, 10),
				"transient_lastDdlTime": strconv.FormatInt(now.Unix(), 10)}
		}
		added = append(added, p)
	}
	if len(added) > 0 {
		_ = s.Catalog.AlterTable(tn, func(c *catalog.Table) error {
			c.Partitions = append(c.Partitions, added...)
			return nil
		})
		if nt := s.Catalog.Table(tn); nt != nil {
			t = nt
		}
	}
	return syncPartitions(s, tn, t)
}

// fastStats counts the entries directly in a partition directory and their total size,
// leaving out what Spark's listing filter does (_SUCCESS, _temporary and hidden names).
func fastStats(dir string) (int, int64, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, false
	}
	n, size := 0, int64(0)
	for _, e := range entries {
		name := e.Name()
		if name == "_SUCCESS" || name == "_temporary" || strings.HasPrefix(name, ".") {
			continue
		}
		n++
		if info, err := e.Info(); err == nil && !info.IsDir() {
			size += info.Size()
		}
	}
	return n, size, true
}

func sameValues(a, b []*string) bool {
	return slices.EqualFunc(a, b, func(x, y *string) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y })
}

// syncPartitions adds the partitions found in the data to the catalog's list.
func syncPartitions(s *sessions.Session, tn catalog.TableName, t *catalog.Table) *catalog.Table {
	found := partitionsOfData(s, t)
	if len(found) == 0 {
		return t
	}
	var added []*catalog.Partition
	for _, vals := range found {
		exists := slices.ContainsFunc(t.Partitions, func(p *catalog.Partition) bool {
			return slices.EqualFunc(p.Values, vals, func(a, b *string) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b })
		})
		if !exists {
			added = append(added, &catalog.Partition{Values: vals, Created: time.Now()})
		}
	}
	if len(added) == 0 {
		return t
	}
	_ = s.Catalog.AlterTable(tn, func(c *catalog.Table) error {
		c.Partitions = append(c.Partitions, added...)
		return nil
	})
	if nt := s.Catalog.Table(tn); nt != nil {
		return nt
	}
	return t
}

func describeDatabase(s *sessions.Session, c *plan.DescribeDatabase) (*plan.LocalData, error) {
	name, err := catalog.ResolveNamespace(c.Name)
	if err != nil {
		return nil, err
	}
	d, err := s.Catalog.Database(name)
	if err != nil {
		return nil, err
	}
	loc := d.Location
	if loc == "" {
		loc = strings.TrimSuffix(warehouseLocation(s, d.Name, "x"), "/x")
	} else if strings.HasPrefix(loc, "/") {
		loc = "file:" + loc
	}
	rows := [][]any{{"Catalog Name", catalog.CatalogName}, {"Namespace Name", d.Name}, {"Comment", d.Comment},
		{"Location", loc}, {"Owner", ""}}
	if c.Extended {
		props := ""
		if len(d.Props) > 0 {
			var parts []string
			for _, k := range sortedKeys(d.Props) {
				parts = append(parts, "("+k+","+d.Props[k]+")")
			}
			props = "(" + strings.Join(parts, ", ") + ")"
		}
		rows = append(rows, []any{"Properties", props})
		if d.Collation != "" {
			rows = append(rows, []any{"Collation", d.Collation})
		}
	}
	return result([]column{{"info_name", types.String, false}, {"info_value", types.String, false}}, rows)
}

// viewMetadata fills in what DESCRIBE and SHOW CREATE TABLE show of a view being created.
func viewMetadata(s *sessions.Session, c *plan.CreateView, v *catalog.View, resolved plan.Node) {
	v.Text = c.Text
	v.SchemaMode = c.SchemaMode
	if v.SchemaMode == "EVOLUTION" && len(c.Columns) > 0 {
		// With a column list the names are fixed: only the types evolve.
		v.SchemaMode = "TYPE EVOLUTION"
	}
	if v.SchemaMode == "" {
		// Temporary views bind their schema; persistent ones compensate unless
		// spark.sql.legacy.viewSchemaCompensation is off.
		v.SchemaMode = "BINDING"
		if !c.Temporary && !c.Global {
			if val, ok, err := s.Conf.GetOption("spark.sql.legacy.viewSchemaCompensation"); err != nil || !ok || !strings.EqualFold(strings.TrimSpace(val), "false") {
				v.SchemaMode = "COMPENSATION"
			}
		}
	}
	v.Comment = c.Comment
	v.Props = c.Props
	v.Collation = c.Collation
	v.QueryColumns = plan.Schema(resolved).FieldNames()
	v.CatalogNamespace = []string{catalog.CatalogName, s.Catalog.CurrentDatabase()}
	v.SQLConfigs = viewConfigs(s)
	if v.Schema != nil {
		for i, cm := range c.ColumnComments {
			if cm != "" && i < len(v.Schema.Fields) {
				v.Schema.Fields[i] = v.Schema.Fields[i].WithComment(cm)
			}
		}
	}
}

// tableMetadata fills in the table's storage metadata from CREATE TABLE and moves the
// partition columns to the end of the schema (and of the batches), as Spark does.
func tableMetadata(c *plan.CreateTable, t *catalog.Table, batches []arrow.RecordBatch) ([]arrow.RecordBatch, error) {
	t.Options = c.Options
	t.Location = c.Location
	t.Collation = c.Collation
	t.Provider = strings.ToLower(t.Provider)
	if c.NumBuckets > 0 || len(c.BucketCols) > 0 {
		t.Buckets = &catalog.BucketSpec{Num: c.NumBuckets, Columns: c.BucketCols, SortColumns: c.SortCols}
	}
	for k, v := range c.Defaults {
		if t.Defaults == nil {
			t.Defaults = map[string]string{}
		}
		t.Defaults[strings.ToLower(k)] = v
	}
	if len(t.PartitionColumns) == 0 {
		return batches, nil
	}
	order := make([]int, 0, len(t.Schema.Fields))
	isPart := make([]bool, len(t.Schema.Fields))
	parts := make([]string, len(t.PartitionColumns))
	for i, p := range t.PartitionColumns {
		idx := columnIndex(t.Schema, p)
		if idx < 0 {
			return batches, sparkerror.New(sparkerror.Analysis, "COLUMN_NOT_DEFINED_IN_TABLE", "42703",
				"<colType> column <colName> is not defined in table <tableName>, defined table columns are: <tableCols>.",
				map[string]string{"colType": "partition", "colName": types.QuoteIdentifier(p),
					"tableName": quoteParts(c.Name), "tableCols": strings.Join(quotedNames(t.Schema.FieldNames()), ", ")})
		}
		isPart[idx] = true
		parts[i] = t.Schema.Fields[idx].Name
	}
	for i := range t.Schema.Fields {
		if !isPart[i] {
			order = append(order, i)
		}
	}
	for _, p := range parts {
		order = append(order, columnIndex(t.Schema, p))
	}
	t.PartitionColumns = parts
	if slices.IsSorted(order) {
		return batches, nil
	}
	st := types.NewStruct()
	for _, i := range order {
		st = st.Add(t.Schema.Fields[i])
	}
	t.Schema = st
	if len(batches) == 0 {
		return batches, nil
	}
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		return batches, err
	}
	out := make([]arrow.RecordBatch, len(batches))
	for k, b := range batches {
		cols := make([]arrow.Array, len(order))
		for j, i := range order {
			cols[j] = b.Column(i)
		}
		out[k] = array.NewRecordBatch(schema, cols, b.NumRows())
		b.Release()
	}
	return out, nil
}

func quotedNames(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = types.QuoteIdentifier(n)
	}
	return q
}

// tempReference finds a temporary view a query refers to (outside its CTEs), for the
// check that persistent views do not depend on temporary objects.
func tempReference(s *sessions.Session, n plan.Node, ctes map[string]bool) []string {
	switch n := n.(type) {
	case nil:
		return nil
	case *plan.UnresolvedRelation:
		if len(n.Name) == 1 && ctes[strings.ToLower(n.Name[0])] {
			return nil
		}
		if isTempName(n.Name) && s.Catalog.TempView(n.Name) != nil {
			return n.Name
		}
		return nil
	case *plan.WithCTE:
		inner := maps.Clone(ctes)
		if inner == nil {
			inner = map[string]bool{}
		}
		for _, d := range n.CTEs {
			if r := tempReference(s, d.Query, inner); r != nil {
				return r
			}
			inner[strings.ToLower(d.Name)] = true
		}
		return tempReference(s, n.Child, inner)
	}
	for _, e := range plan.Expressions(n) {
		if r := tempReferenceExpr(s, e, ctes); r != nil {
			return r
		}
	}
	for _, c := range n.Children() {
		if r := tempReference(s, c, ctes); r != nil {
			return r
		}
	}
	return nil
}

func tempReferenceExpr(s *sessions.Session, e plan.Expr, ctes map[string]bool) []string {
	if e == nil {
		return nil
	}
	var sub *plan.Subquery
	switch x := e.(type) {
	case *plan.InSubquery:
		sub = x.Query
	case *plan.Exists:
		sub = x.Query
	case *plan.ScalarSubquery:
		sub = x.Query
	}
	if sub != nil {
		if r := tempReference(s, sub.Plan, ctes); r != nil {
			return r
		}
	}
	for _, c := range e.Children() {
		if r := tempReferenceExpr(s, c, ctes); r != nil {
			return r
		}
	}
	return nil
}

// checkTempReferences is Spark's INVALID_TEMP_OBJ_REFERENCE for a persistent view over a
// temporary view.
func checkTempReferences(s *sessions.Session, c *plan.CreateView, tn catalog.TableName) error {
	if r := tempReference(s, c.Query, nil); r != nil {
		return sparkerror.New(sparkerror.Analysis, "INVALID_TEMP_OBJ_REFERENCE", "42K0F",
			"Cannot create the persistent object <objName> of the type <obj> because it references to the temporary object <tempObjName> of the type <tempObj>. Please make the temporary object <tempObjName> persistent, or make the persistent object <objName> temporary.",
			map[string]string{"obj": "VIEW", "objName": quoteParts([]string{catalog.CatalogName, strings.ToLower(tn.Database), strings.ToLower(tn.Name)}),
				"tempObj": "VIEW", "tempObjName": quoteParts(r)})
	}
	return nil
}

// viewConfigs are the SQL configs a view captures when it is created (Spark's
// view.sqlConfig.* properties): those set in the session that may change, but for the
// ones about optimization and execution, and always the ANSI mode and the session time
// zone, which the view's query then keeps whatever the reading session's.
func viewConfigs(s *sessions.Session) map[string]string {
	out := map[string]string{}
	for _, kv := range s.Conf.GetAll("spark.sql.") {
		key := "spark.sql." + kv.Key
		if s.Conf.Registry().IsStatic(key) || !capturedConfig(key) {
			continue
		}
		out[key] = kv.Value
	}
	for _, key := range []string{sqlconf.KeySessionTimeZone, sqlconf.KeyANSIEnabled} {
		if _, ok := out[key]; !ok {
			if v, err := s.Conf.Get(key); err == nil {
				out[key] = v
			}
		}
	}
	return out
}

// viewConfigDenied are the prefixes of the configs views do not capture.
var viewConfigDenied = []string{"spark.sql.view.maxNestedViewDepth", "spark.sql.optimizer.", "spark.sql.codegen.",
	"spark.sql.execution.", "spark.sql.shuffle.", "spark.sql.adaptive.", "spark.sql.hive.convertMetastoreParquet",
	"spark.sql.hive.convertMetastoreOrc", "spark.sql.hive.convertInsertingPartitionedTable",
	"spark.sql.hive.convertInsertingUnpartitionedTable", "spark.sql.hive.convertMetastoreCtas",
	"spark.sql.analyzer.singlePassResolver.enabledTentatively", "spark.sql.analyzer.singlePassResolver.dualRunWithLegacy",
	"spark.sql.maven.additionalRemoteRepositories"}

func capturedConfig(key string) bool {
	if key == "spark.sql.optimizer.disableHints" {
		return true
	}
	for _, p := range viewConfigDenied {
		if strings.HasPrefix(key, p) {
			return false
		}
	}
	return true
}

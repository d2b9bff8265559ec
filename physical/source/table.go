package source

import (
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// Defaults of the scan planning settings, Spark's spark.sql.files.maxPartitionBytes and
// spark.sql.files.openCostInBytes.
const (
	DefaultMaxSplitBytes = 128 << 20
	DefaultOpenCostBytes = 4 << 20
)

// hiveDefaultPartition is the directory value Spark writes for a NULL partition value.
const hiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// Table is a set of files of one format with a resolved schema, ready to be scanned.
type Table struct {
	// Allocator allocates the batches scans produce; nil means memory.DefaultAllocator.
	Allocator memory.Allocator
	// MaxSplitBytes and OpenCostBytes tune how files are cut and grouped into partitions
	// (0: the defaults); BatchRows is the number of rows per batch (0: DefaultBatchRows).
	MaxSplitBytes int64
	OpenCostBytes int64
	BatchRows     int

	format   fileFormat
	paths    []string
	files    []*fileInfo
	schema   *types.StructType
	data     *types.StructType // the columns read from files
	parts    *types.StructType // the partition columns, after the data columns
	partVals [][]cell          // per file, the parsed partition values

	// openSchema and openOptions are Open's arguments, kept so that a scan can be shipped
	// and the table opened again (encode.go).
	openSchema  *types.StructType
	openOptions map[string]string
}

// Open resolves a file-based relation the way spark.read.format(format).load(paths...)
// does: the paths are listed (files, directories read recursively, globs), and the schema is
// the user's (made nullable, CHAR/VARCHAR read as STRING) or is inferred from the files.
// Hive-style key=value directories add partition columns after the data columns.
//
// Formats: "parquet", "csv", "json", "text" (in any case). Options are Spark's, matched
// case-insensitively; among others recursiveFileLookup and pathGlobFilter for the listing,
// and "timeZone" (the session time zone, UTC when absent) for text timestamps.
func Open(format string, paths []string, userSchema *types.StructType, opts map[string]string) (*Table, error) {
	o := newOptions(opts)
	name := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(format, "org.apache.spark.sql."), "execution.datasources."))
	var f fileFormat
	var err error
	switch name {
	case "parquet":
		f, err = newParquetFormat(o)
	case "csv":
		f, err = newCSVFormat(o)
	case "json":
		f, err = newJSONFormat(o)
	case "text":
		f, err = newTextFormat(o)
	case "orc", "avro", "xml", "binaryfile", "jdbc", "delta", "iceberg", "libsvm", "image":
		return nil, sparkerror.NotImplemented("the " + name + " data source")
	default:
		return nil, dataSourceNotFound(format)
	}
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		if userSchema == nil {
			return nil, unableToInferSchema(f.name())
		}
	}
	l, err := listFiles(paths, o)
	if err != nil {
		return nil, err
	}
	t := &Table{format: f, paths: paths, files: l.files, openSchema: userSchema, openOptions: opts}

	var data *types.StructType
	if userSchema != nil {
		us := types.AsNullable(types.ReplaceCharVarcharWithString(userSchema)).(*types.StructType)
		data = us
	} else {
		if data, err = f.inferSchema(l.files); err != nil {
			return nil, err
		}
	}
	if err := t.resolvePartitions(data, userSchema != nil, l.partCols, o); err != nil {
		return nil, err
	}
	if err := checkDuplicateNames(t.data); err != nil {
		return nil, err
	}
	if err := checkDuplicateNames(t.parts); err != nil {
		return nil, err
	}
	if err := f.check(t.data); err != nil {
		return nil, err
	}
	return t, nil
}

// checkDuplicateNames is SchemaUtils.checkSchemaColumnNameDuplication with Spark's default
// case-insensitive resolution: names must be unique at every level of nesting.
func checkDuplicateNames(dt types.DataType) error {
	switch t := dt.(type) {
	case *types.StructType:
		seen := map[string]bool{}
		for _, f := range t.Fields {
			n := strings.ToLower(f.Name)
			if seen[n] {
				return sparkerror.New(sparkerror.Analysis, "COLUMN_ALREADY_EXISTS", "42711",
					"The column <columnName> already exists. Choose another name or rename the existing column.",
					map[string]string{"columnName": types.QuoteIdentifier(n)})
			}
			seen[n] = true
		}
		for _, f := range t.Fields {
			if err := checkDuplicateNames(f.DataType); err != nil {
				return err
			}
		}
	case types.ArrayType:
		return checkDuplicateNames(t.ElementType)
	case types.MapType:
		if err := checkDuplicateNames(t.KeyType); err != nil {
			return err
		}
		return checkDuplicateNames(t.ValueType)
	}
	return nil
}

// resolvePartitions splits the schema into data and partition columns and parses the
// partition values of every file. Partition column types are the user's when the user
// schema names them, else inferred from the values (PartitioningUtils).
func (t *Table) resolvePartitions(data *types.StructType, user bool, partCols []string, o options) error {
	loc, err := o.location()
	if err != nil {
		return err
	}
	isPart := func(name string) int {
		for i, p := range partCols {
			if strings.EqualFold(p, name) {
				return i
			}
		}
		return -1
	}
	var dataFields []types.StructField
	partFields := make([]types.StructField, len(partCols))
	for _, f := range data.Fields {
		if i := isPart(f.Name); i >= 0 {
			if user {
				partFields[i] = types.StructField{Name: partCols[i], DataType: f.DataType, Nullable: true}
			}
			continue
		}
		dataFields = append(dataFields, f)
	}
	for i, name := range partCols {
		if partFields[i].DataType != nil {
			continue
		}
		var dt types.DataType = types.Null
		for _, f := range t.files {
			dt = widerPartitionType(dt, inferPartitionType(f.partValues[i]))
		}
		if _, ok := dt.(types.NullType); ok {
			dt = types.String
		}
		partFields[i] = types.StructField{Name: name, DataType: dt, Nullable: true}
	}
	t.data = &types.StructType{Fields: dataFields}
	t.parts = &types.StructType{Fields: partFields}
	t.schema = &types.StructType{Fields: append(append([]types.StructField(nil), dataFields...), partFields...)}
	if len(partCols) == 0 {
		return nil
	}
	parsers := &textParsers{ts: timestampParser{loc: loc}, nan: "NaN", posInf: "Infinity", negInf: "-Infinity"}
	cps := make([]cellParser, len(partFields))
	for i, f := range partFields {
		if cps[i], err = newCellParser(f.DataType, parsers); err != nil {
			return err
		}
	}
	t.partVals = make([][]cell, len(t.files))
	for fi, f := range t.files {
		vals := make([]cell, len(partFields))
		for i, raw := range f.partValues {
			if raw == hiveDefaultPartition {
				vals[i].null = true
				continue
			}
			s := []byte(raw)
			if cps[i].kind == kString {
				s = []byte(unescapePathName(raw))
			}
			if !cps[i].parse(s, &vals[i]) {
				vals[i].null = true
			}
			if vals[i].b != nil {
				vals[i].b = append([]byte(nil), vals[i].b...)
			}
		}
		t.partVals[fi] = vals
	}
	return nil
}

// inferPartitionType is PartitioningUtils.inferPartitionColumnValue with type inference
// on: int, bigint, decimal (no fraction), double, timestamp, date, else string; the
// default partition name is a NULL.
func inferPartitionType(raw string) types.DataType {
	if raw == hiveDefaultPartition {
		return types.Null
	}
	s := []byte(raw)
	if _, ok := textdata.ParseJavaInt(s, 32); ok {
		return types.Integer
	}
	if _, ok := textdata.ParseJavaInt(s, 64); ok {
		return types.Long
	}
	if d, ok := parseBigDecimal(s); ok && d.scale <= 0 {
		p := d.precision() - d.scale
		if p <= types.MaxDecimalPrecision {
			return types.DecimalType{Precision: p, Scale: 0}
		}
	}
	if _, ok := textdata.ParseJavaDouble(s, 64); ok {
		return types.Double
	}
	if f, ok := partitionTimestamp.parse(unescapePathName(raw)); ok {
		if _, ok := f.localMicros(); ok {
			return types.Timestamp
		}
	}
	if f, ok := partitionDate.parse(raw); ok {
		if _, ok := f.date(); ok {
			return types.Date
		}
	}
	return types.String
}

var (
	partitionTimestamp, _ = compilePattern("yyyy-MM-dd HH:mm:ss[.S]")
	partitionDate, _      = compilePattern("yyyy-MM-dd")
)

// widerPartitionType merges the types of a partition column's values.
func widerPartitionType(a, b types.DataType) types.DataType {
	if t := textdata.TightestCommonType(a, b); t != nil {
		return t
	}
	if r, ok := textdata.DecimalCompatible(a, b, widerPartitionType); ok {
		return r
	}
	return types.String
}

// Schema is the table's Spark schema: the data columns, then the partition columns.
func (t *Table) Schema() *types.StructType { return t.schema }

// Format is the format's name: "parquet", "csv", "json" or "text".
func (t *Table) Format() string { return t.format.name() }

// Files lists the data files, sorted by path within each input path.
func (t *Table) Files() []string {
	out := make([]string, len(t.files))
	for i, f := range t.files {
		out[i] = f.path
	}
	return out
}

// SizeInBytes is the total size of the table's files, which the optimizer uses to order
// joins.
func (t *Table) SizeInBytes() int64 {
	var n int64
	for _, f := range t.files {
		n += f.size
	}
	return n
}

// PartitionColumns are the names of the Hive-style partition columns.
func (t *Table) PartitionColumns() []string { return t.parts.FieldNames() }

func itoa(n int) string { return strconv.Itoa(n) }

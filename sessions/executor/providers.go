package executor

import (
	"slices"
	"strings"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// providerName normalizes a data source name as Spark's DataSource.lookupDataSource does
// for the built-in ones (org.apache.spark.sql.parquet, ...ParquetFileFormat are parquet).
func providerName(p string) string {
	n := strings.ToLower(p)
	n = strings.TrimPrefix(n, "org.apache.spark.sql.execution.datasources.")
	n = strings.TrimPrefix(n, "org.apache.spark.sql.")
	if i := strings.IndexByte(n, '.'); i >= 0 && (strings.HasSuffix(n, "fileformat") || strings.HasSuffix(n, "defaultsource")) {
		n = n[:i]
	}
	return n
}

// fileSources are the file formats this engine reads.
var fileSources = map[string]bool{"parquet": true, "csv": true, "json": true, "text": true}

func isFileSource(p string) bool { return fileSources[providerName(p)] }

// knownProviders are Spark's built-in data sources (the ones this engine has no reader
// for fail when read) and the Hive format.
var knownProviders = map[string]bool{"parquet": true, "csv": true, "json": true, "text": true, "orc": true, "avro": true,
	"xml": true, "binaryfile": true, "jdbc": true, "libsvm": true, "image": true, "noop": true, "hive": true,
	"console": true, "memory": true, "rate": true, "socket": true, "delta": true, "iceberg": true}

// checkProvider fails with DATA_SOURCE_NOT_FOUND for a data source Spark would not find.
func checkProvider(p string) error {
	if p == "" || knownProviders[providerName(p)] || strings.HasPrefix(strings.ToLower(p), "org.apache.spark.sql.sources.") {
		return nil
	}
	e := sparkerror.New(sparkerror.Analysis, "DATA_SOURCE_NOT_FOUND", "42K02",
		"Failed to find the data source: <provider>. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.",
		map[string]string{"provider": p})
	e.JavaClasses = []string{"org.apache.spark.SparkClassNotFoundException", "java.lang.ClassNotFoundException",
		"java.lang.ReflectiveOperationException", "java.lang.Exception", "java.lang.Throwable"}
	return e
}

// formatClass is the simple name of the class Spark's lookupDataSource finds for a
// provider, as its messages name formats.
func formatClass(p string) string {
	switch n := providerName(p); n {
	case "parquet":
		return "ParquetFileFormat"
	case "csv":
		return "CSVFileFormat"
	case "json":
		return "JsonFileFormat"
	case "text":
		return "TextFileFormat"
	case "orc":
		return "OrcFileFormat"
	default:
		return n
	}
}

// checkAppend makes Spark's checks of df.write.mode("append").saveAsTable on an existing
// table (PreprocessTableCreation): not a view, the same format when one is given, as many
// columns, each table column found by name in the data, and the same partitioning when
// partitionBy is given. The rows then go in by name.
func checkAppend(s *sessions.Session, t *catalog.Table, tn catalog.TableName, c *plan.CreateTable) error {
	name := tn.Database + "." + tn.Name
	if t.View != nil {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1158", "", "Saving data into a view is not allowed.", nil)
	}
	if c.Provider != "" && formatClass(c.Provider) != formatClass(t.Provider) {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1159", "",
			"The format of the existing table <tableName> is `<existingProvider>`. It doesn't match the specified format `<specifiedProvider>`.",
			map[string]string{"tableName": name, "existingProvider": formatClass(t.Provider), "specifiedProvider": formatClass(c.Provider)})
	}
	resolved, err := analyzer.Resolve(c.Query, analyzerOptions(s))
	if err != nil {
		return err
	}
	data := plan.Schema(resolved)
	if len(data.Fields) != len(t.Schema.Fields) {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1161", "",
			"The column number of the existing table <tableName> (<existingTableSchema>) doesn't match the data schema (<querySchema>).",
			map[string]string{"tableName": name, "existingTableSchema": t.Schema.CatalogString(), "querySchema": data.CatalogString()})
	}
	caseSensitive := s.Conf.CaseSensitive()
	for _, f := range t.Schema.Fields {
		if !slices.ContainsFunc(data.Fields, func(d types.StructField) bool {
			return d.Name == f.Name || !caseSensitive && strings.EqualFold(d.Name, f.Name)
		}) {
			return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1162", "", "Cannot resolve '<col>' given input columns: [<inputColumns>].",
				map[string]string{"col": f.Name, "inputColumns": strings.Join(data.FieldNames(), ", ")})
		}
	}
	if len(c.Partition) > 0 && !slices.EqualFunc(c.Partition, t.PartitionColumns, strings.EqualFold) {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1163", "",
			"Specified partitioning does not match that of the existing table <tableName>.\nSpecified partition columns: [<specifiedPartCols>].\nExisting partition columns: [<existingPartCols>].",
			map[string]string{"tableName": name, "specifiedPartCols": strings.Join(c.Partition, ", "), "existingPartCols": strings.Join(t.PartitionColumns, ", ")})
	}
	return nil
}

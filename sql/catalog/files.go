package catalog

import (
	"strings"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// fileFormats are the data source names SELECT ... FROM format.`path` accepts, as
// Spark's ResolveSQLOnFile does for file-based sources (the full class names of the
// built-in ones included).
var fileFormats = map[string]string{
	"parquet": "parquet", "csv": "csv", "json": "json", "text": "text", "orc": "orc", "avro": "avro",
	"org.apache.spark.sql.parquet": "parquet", "org.apache.spark.sql.csv": "csv",
	"org.apache.spark.sql.json": "json", "org.apache.spark.sql.text": "text",
}

// sqlOnFile resolves format.`path` to a read of the files, when the name is not a table.
func sqlOnFile(name []string) (*analyzer.Relation, error) {
	if len(name) != 2 {
		return nil, nil
	}
	format, ok := fileFormats[strings.ToLower(name[0])]
	if !ok {
		return nil, nil
	}
	if name[1] == "" {
		return nil, sparkerror.New(sparkerror.Analysis, "INVALID_EMPTY_LOCATION", "42K05",
			"The location name cannot be empty string, but `<location>` was given.", map[string]string{"location": ""})
	}
	return &analyzer.Relation{QualifiedName: []string{name[0], name[1]},
		View: &plan.DataSourceRead{Format: format, Paths: []string{name[1]}}}, nil
}

package source

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// sparkException is the class hierarchy of org.apache.spark.SparkException.
var sparkException = []string{"org.apache.spark.SparkException", "java.lang.Exception", "java.lang.Throwable"}

// qualify renders a local path the way Hadoop's Path prints a qualified local file:
// "file:/abs/path".
func qualify(path string) string {
	if strings.HasPrefix(path, "file:") {
		return path
	}
	return "file:" + path
}

// pathNotFound is Spark's PATH_NOT_FOUND (an AnalysisException raised while resolving the
// relation).
func pathNotFound(path string) *sparkerror.Error {
	return sparkerror.New(sparkerror.Analysis, "PATH_NOT_FOUND", "42K03", "Path does not exist: <path>.",
		map[string]string{"path": qualify(path)})
}

// unableToInferSchema is raised when a format needs files to infer a schema and has none.
func unableToInferSchema(format string) *sparkerror.Error {
	return sparkerror.New(sparkerror.Analysis, "UNABLE_TO_INFER_SCHEMA", "42KD9",
		"Unable to infer schema for <format>. It must be specified manually.",
		map[string]string{"format": strings.ToUpper(format[:1]) + strings.ToLower(format[1:])})
}

// dataSourceNotFound is Spark's error for an unknown format name.
func dataSourceNotFound(format string) *sparkerror.Error {
	e := sparkerror.New(sparkerror.Runtime, "DATA_SOURCE_NOT_FOUND", "42K02",
		"Failed to find the data source: <provider>. Make sure the provider name is correct and the package is properly registered and compatible with your Spark version.",
		map[string]string{"provider": format})
	e.JavaClasses = []string{"org.apache.spark.SparkClassNotFoundException", "java.lang.ClassNotFoundException",
		"java.lang.ReflectiveOperationException", "java.lang.Exception", "java.lang.Throwable"}
	return e
}

// failedReadFile wraps an error met while reading one file, as Spark's file scan does
// (FAILED_READ_FILE.NO_HINT, the cause kept). Errors that already are FAILED_READ_FILE pass
// through.
func failedReadFile(path string, cause error) error {
	if cause == nil {
		return nil
	}
	if e, ok := sparkerror.As(cause); ok && strings.HasPrefix(e.Class, "FAILED_READ_FILE") {
		return cause
	}
	if e, ok := sparkerror.As(cause); ok && (e.Class == "UNABLE_TO_ACQUIRE_MEMORY" || e.Class == "OPERATION_CANCELED") {
		return cause
	}
	e := sparkerror.New(sparkerror.Internal, "FAILED_READ_FILE.NO_HINT", "KD001",
		"Encountered error while reading file <path>. ", map[string]string{"path": qualify(path)})
	e.JavaClasses = sparkException
	e.Cause = cause
	return e
}

// cannotReadFooter is FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER: the file is not Parquet or is
// corrupt.
func cannotReadFooter(path string, cause error) *sparkerror.Error {
	e := sparkerror.New(sparkerror.Internal, "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER", "KD001",
		"Encountered error while reading file <path>. Could not read footer. Please ensure that the file is in either ORC or Parquet format.\n"+
			"If not, please convert it to a valid format. If the file is in the valid format, please check if it is corrupt.\n"+
			"If it is, you can choose to either ignore it or fix the corruption.",
		map[string]string{"path": qualify(path)})
	e.JavaClasses = sparkException
	e.Cause = cause
	return e
}

// parquetTypeMismatch is FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH.
func parquetTypeMismatch(path, column, expected, actual string) *sparkerror.Error {
	e := sparkerror.New(sparkerror.Internal, "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH", "KD001",
		"Encountered error while reading file <path>. Data type mismatches when reading Parquet column <column>. Expected Spark type <expectedType>, actual Parquet type <actualType>.",
		map[string]string{"path": qualify(path), "column": column, "expectedType": expected, "actualType": actual})
	e.JavaClasses = sparkException
	return e
}

// parquetTypeIllegal and parquetTypeNotSupported are raised while converting a footer schema.
func parquetTypeIllegal(t string) *sparkerror.Error {
	return sparkerror.New(sparkerror.Analysis, "PARQUET_TYPE_ILLEGAL", "42846", "Illegal Parquet type: <parquetType>.",
		map[string]string{"parquetType": t})
}

func parquetTypeNotSupported(t string) *sparkerror.Error {
	return sparkerror.New(sparkerror.Analysis, "PARQUET_TYPE_NOT_SUPPORTED", "42846",
		"Parquet type not yet supported: <parquetType>.", map[string]string{"parquetType": t})
}

// malformedRecord is MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION, raised in FAILFAST mode.
func malformedRecord(record string, cause error) *sparkerror.Error {
	e := sparkerror.New(sparkerror.Internal, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "22023",
		"Malformed records are detected in record parsing: <badRecord>.\n"+
			"Parse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. ",
		map[string]string{"badRecord": record, "failFastMode": "FAILFAST"})
	e.JavaClasses = sparkException
	e.Cause = cause
	return e
}

// optionNotBoolean is Spark's error for a boolean option with another value.
func optionNotBoolean(name string) *sparkerror.Error {
	e := sparkerror.New(sparkerror.Internal, "_LEGACY_ERROR_TEMP_2147", "", "<paramName> flag can be true or false.",
		map[string]string{"paramName": name})
	e.JavaClasses = sparkException
	return e
}

// optionNotChar is Spark's error for a one-character option given a longer string.
func optionNotChar(name string) *sparkerror.Error {
	return sparkerror.New(sparkerror.Runtime, "_LEGACY_ERROR_TEMP_2145", "",
		"<paramName> cannot be more than one character.", map[string]string{"paramName": name})
}

// optionNotInteger is Spark's error for an integer option with another value.
func optionNotInteger(name, value string) *sparkerror.Error {
	return sparkerror.New(sparkerror.Runtime, "_LEGACY_ERROR_TEMP_2146", "",
		"<paramName> should be an integer. Found <value>.", map[string]string{"paramName": name, "value": value})
}

// illegalOption reports a bad option value, as the IllegalArgumentException Spark's option
// classes raise from require(...).
func illegalOption(format string, args ...any) *sparkerror.Error {
	e := sparkerror.New(sparkerror.IllegalArgument, "", "", "<message>",
		map[string]string{"message": fmt.Sprintf(format, args...)})
	e.JavaClasses = []string{"java.lang.IllegalArgumentException", "java.lang.RuntimeException",
		"java.lang.Exception", "java.lang.Throwable"}
	return e
}

// invalidDelimiter is INVALID_DELIMITER_VALUE.<sub>.
func invalidDelimiter(sub, msg, str string) *sparkerror.Error {
	var params map[string]string
	if str != "" {
		params = map[string]string{"str": str}
	}
	return sparkerror.New(sparkerror.IllegalArgument, "INVALID_DELIMITER_VALUE."+sub, "42602",
		"Invalid value for delimiter. "+msg, params)
}

// errBadValue marks a value that does not parse as its column's type.
var errBadValue = errors.New("malformed value")

// checkCorruptColumn is ExprUtils.verifyColumnNameOfCorruptRecord: the corrupt record
// column must be a nullable string.
func checkCorruptColumn(f types.StructField) error {
	if _, ok := f.DataType.(types.StringType); ok && f.Nullable {
		return nil
	}
	return sparkerror.New(sparkerror.Analysis, "INVALID_CORRUPT_RECORD_TYPE", "42804",
		"The column <columnName> for corrupt records must have the nullable STRING type, but got <actualType>.",
		map[string]string{"columnName": "`" + f.Name + "`", "actualType": `"` + f.DataType.SQL() + `"`})
}

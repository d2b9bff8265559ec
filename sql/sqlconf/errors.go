package sqlconf

import (
	"slices"
	"strings"
)

// Java exception classes Spark raises from the config code paths.
const (
	ExcAnalysis        = "org.apache.spark.sql.AnalysisException"
	ExcNoSuchElement   = "org.apache.spark.SparkNoSuchElementException"
	ExcSparkIllegalArg = "org.apache.spark.SparkIllegalArgumentException"
	ExcIllegalArgument = "java.lang.IllegalArgumentException"
	ExcNumberFormat    = "java.lang.NumberFormatException"
)

// exceptionHierarchy is, for each exception class above, the class followed by its
// superclasses up to and including java.lang.Object: the list Spark Connect's ErrorUtils
// puts in the "classes" metadata and in FetchErrorDetails' error_type_hierarchy.
var exceptionHierarchy = map[string][]string{
	ExcAnalysis:        {ExcAnalysis, "java.lang.Exception", "java.lang.Throwable", "java.lang.Object"},
	ExcNoSuchElement:   {ExcNoSuchElement, "java.util.NoSuchElementException", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "java.lang.Object"},
	ExcSparkIllegalArg: {ExcSparkIllegalArg, ExcIllegalArgument, "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "java.lang.Object"},
	ExcIllegalArgument: {ExcIllegalArgument, "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "java.lang.Object"},
	ExcNumberFormat:    {ExcNumberFormat, ExcIllegalArgument, "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable", "java.lang.Object"},
}

// Error is a failure of a config operation, described the way Spark describes the exception
// it throws for the same input.
//
// Errors that Spark raises as plain Java exceptions (an IllegalArgumentException from a value
// that does not parse, for example) have an empty Class, SQLState and Params; Message is then
// the exception's message and Exception names its Java class.
type Error struct {
	// Class is Spark's error class (error condition), e.g. "SQL_CONF_NOT_FOUND" or
	// "INVALID_CONF_VALUE.TIME_ZONE"; empty for plain Java exceptions.
	Class string
	// SQLState is the class's SQLSTATE from error-conditions.json; empty when it has none.
	SQLState string
	// Params are the message parameters, named as in error-conditions.json.
	Params map[string]string
	// Message is what Spark's getMessage returns: "[CLASS] text SQLSTATE: xxxxx" for
	// classes with a SQLSTATE, "[CLASS] text" without one, and the bare text for
	// _LEGACY_ERROR_* classes and plain Java exceptions.
	Message string
	// Exception is the Java class name of the exception Spark throws, e.g.
	// "org.apache.spark.sql.AnalysisException".
	Exception string
}

func (e *Error) Error() string { return e.Message }

// Classes returns the Java class hierarchy of the exception, most specific first, ending with
// java.lang.Object, as Spark Connect reports it.
func (e *Error) Classes() []string {
	if h, ok := exceptionHierarchy[e.Exception]; ok {
		return slices.Clone(h)
	}
	return []string{e.Exception, "java.lang.Throwable", "java.lang.Object"}
}

// errorTemplate is the part of an error-conditions.json entry this package uses.
type errorTemplate struct {
	message  string // lines joined with "\n"; a sub-class message is appended after a space
	sqlState string
}

// errorTemplates holds the classes raised here, as written in Spark 4.0's
// common/utils/src/main/resources/error/error-conditions.json.
var errorTemplates = map[string]errorTemplate{
	"SQL_CONF_NOT_FOUND": {
		message:  "The SQL config <sqlConf> cannot be found. Please verify that the config exists.",
		sqlState: "42K0I",
	},
	"CANNOT_MODIFY_CONFIG": {
		message: "Cannot modify the value of the Spark config: <key>.\n" +
			"See also '<docroot>/sql-migration-guide.html#ddl-statements'.",
		sqlState: "46110",
	},
	"INVALID_CONF_VALUE.TIME_ZONE": {
		message:  "The value '<confValue>' in the config \"<confName>\" is invalid. Cannot resolve the given timezone.",
		sqlState: "22022",
	},
	"_LEGACY_ERROR_TEMP_1226": {
		message: "The SQL config '<configName>' was removed in the version <version>. <comment>",
	},
}

// sparkDocRoot is SPARK_DOC_ROOT of a Spark build (build/spark-build-info).
const sparkDocRoot = "https://spark.apache.org/docs/latest"

// renderTemplate replaces each <name> by its parameter, as Spark's ErrorClassesJsonReader
// does; a placeholder without a parameter is left as it is.
func renderTemplate(tmpl string, params map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '<')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i+1:], '>')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		name := tmpl[i+1 : i+1+j]
		if v, ok := params[name]; ok && isParamName(name) {
			b.WriteString(tmpl[:i])
			b.WriteString(v)
			tmpl = tmpl[i+j+2:]
			continue
		}
		b.WriteString(tmpl[:i+1])
		tmpl = tmpl[i+1:]
	}
}

func isParamName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// newClassError builds the error for one of errorTemplates' classes, formatting the message
// as SparkThrowableHelper.getMessage does.
func newClassError(exception, class string, params map[string]string) *Error {
	t, ok := errorTemplates[class]
	if !ok {
		panic("sqlconf: unknown error class " + class)
	}
	msg := renderTemplate(t.message, params)
	if !strings.HasPrefix(class, "_LEGACY_ERROR_") {
		msg = "[" + class + "] " + msg
	}
	if t.sqlState != "" {
		msg += " SQLSTATE: " + t.sqlState
	}
	return &Error{Class: class, SQLState: t.sqlState, Params: params, Message: msg, Exception: exception}
}

// newJavaError builds the error for a Spark failure that is a plain Java exception.
func newJavaError(exception, message string) *Error {
	return &Error{Message: message, Exception: exception}
}

// quoteConf renders a config key as Spark's toSQLConf does.
func quoteConf(key string) string { return "\"" + key + "\"" }

func errConfNotFound(key string) *Error {
	return newClassError(ExcNoSuchElement, "SQL_CONF_NOT_FOUND", map[string]string{"sqlConf": quoteConf(key)})
}

func errCannotModify(key string) *Error {
	return newClassError(ExcAnalysis, "CANNOT_MODIFY_CONFIG", map[string]string{
		"key":     quoteConf(key),
		"docroot": sparkDocRoot,
	})
}

func errRemoved(r Removal) *Error {
	return newClassError(ExcAnalysis, "_LEGACY_ERROR_TEMP_1226", map[string]string{
		"configName": r.Key,
		"version":    r.Version,
		"comment":    r.Comment,
	})
}

// NullValueError is what Spark raises when a Set request pair carries no value: SQLConf's
// require(value != null) failing.
func NullValueError(key string) *Error {
	return newJavaError(ExcIllegalArgument, "requirement failed: value cannot be null for key: "+key)
}

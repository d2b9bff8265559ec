package types

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Java exception classes Spark raises for the failures this package reproduces. An Error
// records the one Spark would raise so that the layer answering the client can report the
// same exception family (PySpark picks its Python exception type from it).
const (
	ExceptionParse                 = "org.apache.spark.sql.catalyst.parser.ParseException"
	ExceptionAnalysis              = "org.apache.spark.sql.AnalysisException"
	ExceptionIllegalArgument       = "org.apache.spark.SparkIllegalArgumentException"
	ExceptionArithmetic            = "org.apache.spark.SparkArithmeticException"
	ExceptionSpark                 = "org.apache.spark.SparkException"
	ExceptionRuntime               = "org.apache.spark.SparkRuntimeException"
	ExceptionUnsupportedOperation  = "org.apache.spark.SparkUnsupportedOperationException"
	ExceptionNumberFormat          = "java.lang.NumberFormatException"
	ExceptionClassCast             = "java.lang.ClassCastException"
	ExceptionMatchError            = "scala.MatchError"
	ExceptionJSONParse             = "com.fasterxml.jackson.core.JsonParseException"
	ExceptionJSONMismatchedInput   = "com.fasterxml.jackson.databind.exc.MismatchedInputException"
	ExceptionJSONStreamConstraints = "com.fasterxml.jackson.core.exc.StreamConstraintsException"
)

// Error is a failure reported the way Spark reports it: an error class (condition) with its
// SQLSTATE and message parameters, the Java exception class Spark would throw and, for
// parse errors, the position in the parsed text. ParseError is the same type.
//
// Some failures Spark raises without an error class (a malformed JSON document, an integer
// literal too large for an Int); those have an empty Class and SQLState and carry the Java
// message in Message.
type Error struct {
	Class    string            // error class, e.g. "PARSE_SYNTAX_ERROR", "INVALID_JSON_DATA_TYPE"
	SQLState string            // e.g. "42601"; empty for legacy classes and class-less errors
	Params   map[string]string // message parameters, as Spark names them
	// Message is the rendered message template, without the "[CLASS] " prefix and the
	// " SQLSTATE: ..." suffix.
	Message string
	// Exception is the Java class Spark throws (one of the Exception* constants).
	Exception string
	// Line is the 1-based line of the start of the offending text, Column its 0-based
	// position in that line, counted in Unicode code points (Spark's "pos"), and Offset its
	// 0-based code-point index in Query. Line is 0 and Offset -1 when Spark reports no
	// position.
	Line, Column, Offset int
	// Query is the text that was parsed, for errors Spark raises as a ParseException.
	Query string
}

// ParseError is the error the DDL, type-string and JSON parsers return.
type ParseError = Error

// Error renders Spark's getMessage text (without the leading newline a ParseException
// message starts with).
func (e *Error) Error() string { return strings.TrimPrefix(e.SparkMessage(), "\n") }

// SparkMessage renders exactly what the Java exception's getMessage returns: for a
// ParseException the message, the position and the "== SQL ==" excerpt with a caret line.
func (e *Error) SparkMessage() string {
	base := e.classMessage()
	if e.Exception != ExceptionParse {
		return base
	}
	var b strings.Builder
	b.WriteString("\n")
	b.WriteString(base)
	if e.Line > 0 {
		fmt.Fprintf(&b, " (line %d, pos %d)\n", e.Line, e.Column)
		b.WriteString("\n== SQL ==\n")
		lines := javaSplitLines(e.Query)
		above := lines
		var below []string
		if e.Line < len(lines) {
			above, below = lines[:e.Line], lines[e.Line:]
		}
		for _, l := range above {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		b.WriteString(strings.Repeat("-", max(e.Column, 0)))
		b.WriteString("^^^\n")
		for _, l := range below {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	} else {
		b.WriteString("\n== SQL ==\n")
		b.WriteString(e.Query)
	}
	return b.String()
}

// classMessage is SparkThrowableHelper.getMessage: "[CLASS] message SQLSTATE: state".
func (e *Error) classMessage() string {
	if e.Class == "" {
		return e.Message
	}
	var b strings.Builder
	if !strings.HasPrefix(e.Class, "_LEGACY_ERROR_") {
		b.WriteString("[" + e.Class + "] ")
	}
	b.WriteString(e.Message)
	if e.SQLState != "" {
		b.WriteString(" SQLSTATE: " + e.SQLState)
	}
	return b.String()
}

// javaSplitLines splits like Java's String.split("\n"): trailing empty strings are dropped,
// and a string without any separator is returned whole.
func javaSplitLines(s string) []string {
	if !strings.Contains(s, "\n") {
		return []string{s}
	}
	parts := strings.Split(s, "\n")
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// errorTemplates holds the message templates and SQLSTATEs of the error classes this
// package raises, as error-conditions.json of Spark 4.0 defines them. Sub-classes carry the
// main class message followed by the sub-class message, as Spark renders them.
var errorTemplates = map[string]struct{ message, sqlState string }{
	"PARSE_SYNTAX_ERROR":    {"Syntax error at or near <error><hint>.", "42601"},
	"PARSE_EMPTY_STATEMENT": {"Syntax error, unexpected empty statement.", "42617"},
	"UNSUPPORTED_DATATYPE":  {"Unsupported data type <typeName>.", "0A000"},
	"DATATYPE_MISSING_SIZE": {"DataType <type> requires a length parameter, for example <type>(10). Please specify the length.", "42K01"},
	"INCOMPLETE_TYPE_DEFINITION.ARRAY": {"Incomplete complex type: The definition of \"ARRAY\" type is incomplete. " +
		"You must provide an element type. For example: \"ARRAY<elementType>\".", "42K01"},
	"INCOMPLETE_TYPE_DEFINITION.MAP": {"Incomplete complex type: The definition of \"MAP\" type is incomplete. " +
		"You must provide a key type and a value type. For example: \"MAP<TIMESTAMP, INT>\".", "42K01"},
	"INCOMPLETE_TYPE_DEFINITION.STRUCT": {"Incomplete complex type: The definition of \"STRUCT\" type is incomplete. " +
		"You must provide at least one field type. For example: \"STRUCT<name STRING, phone DECIMAL(10, 0)>\".", "42K01"},
	"INVALID_IDENTIFIER": {"The unquoted identifier <ident> is invalid and must be back quoted as: `<ident>`.\n" +
		"Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\n" +
		"Unquoted identifiers must also not start with a digit.\n" +
		"Different data sources and meta stores may impose additional restrictions on valid identifiers.", "42602"},
	"INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION": {"Error parsing '<input>' to interval. Please ensure that " +
		"the value provided is in a valid format for defining an interval. You can reference the documentation for " +
		"the correct format. Cannot support (interval '<input>' <from> to <to>) expression.", "22006"},
	"DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION": {"Decimal precision <precision> exceeds max precision <maxPrecision>.", "22003"},
	"_LEGACY_ERROR_TEMP_1228":                 {"Decimal scale (<scale>) cannot be greater than precision (<precision>).", ""},
	"_LEGACY_ERROR_TEMP_1224":                 {"'interval <startFieldName> to <endFieldName>' is invalid.", ""},
	"_LEGACY_ERROR_TEMP_2120":                 {"Do not support array of type <clazz>.", ""},
	"_LEGACY_ERROR_TEMP_2121":                 {"Do not support type <clazz>.", ""},
	"INVALID_JSON_DATA_TYPE": {"Failed to convert the JSON string '<invalidType>' to a data type. " +
		"Please enter a valid data type.", "2203G"},
	"INVALID_JSON_DATA_TYPE_FOR_COLLATIONS": {"Collations can only be applied to string types, but the JSON data type is <jsonType>.", "2203G"},
	"UNCLOSED_BRACKETED_COMMENT":            {"Found an unclosed bracketed comment. Please, append */ at the end of the comment.", "42601"},
	"FAILED_TO_PARSE_TOO_COMPLEX": {"The statement, including potential SQL functions and referenced views, was too " +
		"complex to parse.\nTo mitigate this error divide the statement into multiple, less complex chunks.", "54001"},
	"COLLATION_INVALID_NAME": {"The value <collationName> does not represent a correct collation name. " +
		"Suggested valid collation names: [<proposals>].", "42704"},
	"COLLATION_INVALID_PROVIDER": {"The value <provider> does not represent a correct collation provider. " +
		"Supported providers are: [<supportedProviders>].", "42704"},
	"INTERNAL_ERROR":                        {"<message>", "XX000"},
	"INVALID_SCHEMA.PARSE_ERROR":            {"The input schema <inputSchema> is not a valid schema string. Cannot parse the schema:\n<reason>", "42K07"},
	"UNSUPPORTED_ARROWTYPE":                 {"Unsupported arrow type <typeName>.", "0A000"},
	"DUPLICATED_FIELD_NAME_IN_ARROW_STRUCT": {"Duplicated field names in Arrow Struct are not allowed, got <fieldNames>.", "42713"},
}

// newError builds a class-carrying error with no position.
func newError(exception, class string, params map[string]string) *Error {
	t, ok := errorTemplates[class]
	if !ok {
		// Every class used in this package is in the table; keep a readable fallback.
		t.message = class
	}
	if params == nil {
		params = map[string]string{}
	}
	return &Error{
		Class:     class,
		SQLState:  t.sqlState,
		Params:    params,
		Message:   renderTemplate(t.message, params),
		Exception: exception,
		Offset:    -1,
	}
}

// plainError is a failure Spark raises without an error class.
func plainError(exception, message string) *Error {
	return &Error{Exception: exception, Message: message, Params: map[string]string{}, Offset: -1}
}

// renderTemplate substitutes each <name> of a message template by its parameter.
func renderTemplate(template string, params map[string]string) string {
	if len(params) == 0 {
		return template
	}
	pairs := make([]string, 0, 2*len(params))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		pairs = append(pairs, "<"+k+">", params[k])
	}
	return strings.NewReplacer(pairs...).Replace(template)
}

// internalError is SparkException.internalError.
func internalError(msg string) *Error {
	return newError(ExceptionSpark, "INTERNAL_ERROR", map[string]string{"message": msg})
}

// numberFormatError is what Java's Integer.parseInt throws for an out-of-range literal.
func numberFormatError(s string) *Error {
	return plainError(ExceptionNumberFormat, fmt.Sprintf("For input string: %q", s))
}

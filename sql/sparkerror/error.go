package sparkerror

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Kind is the family of exception Spark raises for an error; the PySpark client picks its
// exception type from the Java class names of the kind.
type Kind int

const (
	// Analysis is an org.apache.spark.sql.AnalysisException: names, types, plan shape.
	Analysis Kind = iota
	// Parse is a ParseException: the SQL text or a type string does not parse.
	Parse
	// Runtime is a SparkRuntimeException raised while a query runs.
	Runtime
	// Arithmetic is a SparkArithmeticException (overflow, division by zero under ANSI).
	Arithmetic
	// IllegalArgument is a SparkIllegalArgumentException (bad options, bad arguments).
	IllegalArgument
	// Unsupported is a SparkUnsupportedOperationException (a feature not available).
	Unsupported
	// NoSuchElement is a SparkNoSuchElementException (e.g. an unknown config key).
	NoSuchElement
	// NumberFormat is a SparkNumberFormatException (a string that is not a number under ANSI).
	NumberFormat
	// DateTime is a SparkDateTimeException.
	DateTime
	// ArrayIndexOutOfBounds is a SparkArrayIndexOutOfBoundsException.
	ArrayIndexOutOfBounds
	// SQL is a SparkSQLException, which Spark Connect uses for handle and cursor errors.
	SQL
	// Internal is a SparkException for a bug of ours: INTERNAL_ERROR.
	Internal
)

// classHierarchies lists, for each kind, the Java class names Spark reports in the
// "classes" metadata, most specific first, as Spark Connect sends them.
var classHierarchies = map[Kind][]string{
	Analysis: {"org.apache.spark.sql.AnalysisException", "java.lang.Exception", "java.lang.Throwable"},
	Parse: {"org.apache.spark.sql.catalyst.parser.ParseException",
		"org.apache.spark.sql.AnalysisException", "java.lang.Exception", "java.lang.Throwable"},
	Runtime: {"org.apache.spark.SparkRuntimeException", "java.lang.RuntimeException",
		"java.lang.Exception", "java.lang.Throwable"},
	Arithmetic: {"org.apache.spark.SparkArithmeticException", "java.lang.ArithmeticException",
		"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	IllegalArgument: {"org.apache.spark.SparkIllegalArgumentException",
		"java.lang.IllegalArgumentException", "java.lang.RuntimeException", "java.lang.Exception",
		"java.lang.Throwable"},
	Unsupported: {"org.apache.spark.SparkUnsupportedOperationException",
		"java.lang.UnsupportedOperationException", "java.lang.RuntimeException",
		"java.lang.Exception", "java.lang.Throwable"},
	NoSuchElement: {"org.apache.spark.SparkNoSuchElementException",
		"java.util.NoSuchElementException", "java.lang.RuntimeException", "java.lang.Exception",
		"java.lang.Throwable"},
	NumberFormat: {"org.apache.spark.SparkNumberFormatException",
		"java.lang.NumberFormatException", "java.lang.IllegalArgumentException",
		"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	DateTime: {"org.apache.spark.SparkDateTimeException", "java.time.DateTimeException",
		"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	ArrayIndexOutOfBounds: {"org.apache.spark.SparkArrayIndexOutOfBoundsException",
		"java.lang.ArrayIndexOutOfBoundsException", "java.lang.IndexOutOfBoundsException",
		"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"},
	SQL: {"org.apache.spark.SparkSQLException", "java.sql.SQLException", "java.lang.Exception",
		"java.lang.Throwable"},
	Internal: {"org.apache.spark.SparkException", "java.lang.Exception", "java.lang.Throwable"},
}

// Classes returns the Java class names of the kind, most specific first.
func (k Kind) Classes() []string {
	if c, ok := classHierarchies[k]; ok {
		return slices.Clone(c)
	}
	return slices.Clone(classHierarchies[Internal])
}

// Context points at the fragment of the SQL text an error is about.
type Context struct {
	// Start and Stop are byte offsets into the SQL text, Stop inclusive as in Spark.
	Start, Stop int
	Fragment    string
}

// Error is a user-facing failure in Spark's terms.
type Error struct {
	Kind     Kind
	Class    string // e.g. "UNRESOLVED_COLUMN.WITH_SUGGESTION"
	SQLState string // e.g. "42703"
	Params   map[string]string
	// Message is the rendered text without the "[CLASS]" prefix and "SQLSTATE" suffix.
	Message string
	Context *Context
	Cause   error
	// JavaClasses overrides the class names of Kind when an error comes from a place that
	// knows Spark's exact exception (most specific first).
	JavaClasses []string
}

// Classes returns the Java class names reported for the error.
func (e *Error) Classes() []string {
	if len(e.JavaClasses) > 0 {
		return slices.Clone(e.JavaClasses)
	}
	return e.Kind.Classes()
}

// Error renders the message the way Spark's getMessage does.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Class != "" {
		b.WriteString("[" + e.Class + "] ")
	}
	b.WriteString(e.Message)
	if e.SQLState != "" {
		b.WriteString(" SQLSTATE: " + e.SQLState)
	}
	if e.Context != nil && e.Context.Fragment != "" {
		fmt.Fprintf(&b, "\n== SQL (line-offset %d..%d) ==\n%s", e.Context.Start, e.Context.Stop, e.Context.Fragment)
	}
	return b.String()
}

// Unwrap exposes the cause.
func (e *Error) Unwrap() error { return e.Cause }

// New builds an error whose message is the template with each <param> replaced.
func New(kind Kind, class, sqlState, template string, params map[string]string) *Error {
	return &Error{Kind: kind, Class: class, SQLState: sqlState, Params: params, Message: Render(template, params)}
}

// Render replaces each <name> in a Spark message template by its parameter.
func Render(template string, params map[string]string) string {
	if len(params) == 0 {
		return template
	}
	pairs := make([]string, 0, 2*len(params))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		pairs = append(pairs, "<"+k+">", params[k])
	}
	return strings.NewReplacer(pairs...).Replace(template)
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// InternalError wraps a failure that is a bug of ours, never the user's input.
func InternalError(format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return New(Internal, "INTERNAL_ERROR", "XX000", "<message>", map[string]string{"message": msg})
}

// NotImplemented reports a Spark feature this engine does not have yet. The class is ours
// (Spark has no such class); the SQLSTATE is the standard "feature not supported".
func NotImplemented(feature string) *Error {
	return New(Unsupported, "NOT_IMPLEMENTED", "0A000", "<feature> is not implemented yet.",
		map[string]string{"feature": feature})
}

// Canceled is Spark's error for an operation interrupted or released while it ran.
func Canceled() *Error {
	return New(SQL, "OPERATION_CANCELED", "HY008", "Operation has been canceled.", nil)
}

// InvalidPlanInput reports a Spark Connect plan that breaks the protocol's rules (a missing
// required field, an unknown enum value); Spark raises it as INTERNAL_ERROR-free
// InvalidPlanInput, an AnalysisException-like failure with no class of its own.
func InvalidPlanInput(format string, args ...any) *Error {
	return New(Analysis, "INVALID_PLAN_INPUT", "XX000", "<message>",
		map[string]string{"message": fmt.Sprintf(format, args...)})
}

// KindOfException picks the kind whose class hierarchy starts with the given Java exception
// class name; unknown names map to Runtime, and the name itself is reported first.
func KindOfException(name string) (Kind, []string) {
	for k, classes := range classHierarchies {
		if classes[0] == name {
			return k, classes
		}
	}
	return Runtime, append([]string{name}, classHierarchies[Runtime]...)
}

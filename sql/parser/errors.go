package parser

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sailgo/sail/sql/ast"
)

// Error is a parse error, shaped like Spark's ParseException: an error
// class (Spark's "error condition"), its SQLSTATE, the message parameters,
// and where in the text the error is.
type Error struct {
	// Class is Spark's error class, for example PARSE_SYNTAX_ERROR or
	// INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION.
	Class string
	// SQLState is the SQLSTATE of the class ("" for Spark's legacy classes).
	SQLState string
	// Params are the message parameters, as Spark fills them in.
	Params map[string]string
	// Pos is where the error starts: the offending token of a syntax
	// error, or the start of the construct that is rejected.
	Pos ast.Pos
	// End is just after the offending text (equal to Pos when it is empty).
	End ast.Pos
	// SQL is the text that was parsed.
	SQL string
}

type errorTemplate struct {
	sqlState string
	message  string
}

// Message renders the error the way Spark's SparkThrowableHelper does:
// "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. SQLSTATE: 42601".
func (e *Error) Message() string {
	t, ok := errorTemplates[e.Class]
	msg := t.message
	if !ok {
		msg = strings.TrimSpace(e.Class + " " + formatParams(e.Params))
	} else {
		msg = substitute(msg, e.Params)
	}
	var b strings.Builder
	if !strings.HasPrefix(e.Class, "_LEGACY_ERROR_") {
		b.WriteString("[" + e.Class + "] ")
	}
	b.WriteString(msg)
	if e.SQLState != "" {
		b.WriteString(" SQLSTATE: " + e.SQLState)
	}
	return b.String()
}

// Error renders the message followed by the position and the statement
// with a marker under the error, like Spark's ParseException.getMessage.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message())
	if !e.Pos.IsValid() {
		return b.String()
	}
	fmt.Fprintf(&b, " (line %d, pos %d)\n", e.Pos.Line, e.Pos.SparkPos())
	if e.SQL == "" {
		return b.String()
	}
	b.WriteString("\n== SQL ==\n")
	lines := strings.Split(e.SQL, "\n")
	for i, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
		if i+1 == e.Pos.Line {
			b.WriteString(strings.Repeat("-", e.Pos.SparkPos()))
			b.WriteString("^^^\n")
		}
	}
	return b.String()
}

// substitute replaces <name> placeholders with parameter values.
func substitute(tmpl string, params map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(tmpl); {
		if tmpl[i] == '<' {
			if j := strings.IndexByte(tmpl[i:], '>'); j > 1 {
				name := tmpl[i+1 : i+j]
				if v, ok := params[name]; ok && isParamName(name) {
					b.WriteString(v)
					i += j + 1
					continue
				}
			}
		}
		b.WriteByte(tmpl[i])
		i++
	}
	return b.String()
}

func isParamName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return s != ""
}

func formatParams(p map[string]string) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+p[k])
	}
	return strings.Join(parts, ", ")
}

// newError builds an error of the given class; params alternate names
// and values.
func newError(class string, pos, end ast.Pos, params ...string) *Error {
	e := &Error{Class: class, Pos: pos, End: end, Params: map[string]string{}}
	if t, ok := errorTemplates[class]; ok {
		e.SQLState = t.sqlState
	} else if i := strings.IndexByte(class, '.'); i > 0 {
		if t, ok := errorTemplates[class[:i]]; ok {
			e.SQLState = t.sqlState
		}
	}
	for i := 0; i+1 < len(params); i += 2 {
		e.Params[params[i]] = params[i+1]
	}
	return e
}

// Spark's quoting helpers for message parameters.

// toSQLID quotes a (multi-part) name with backquotes: `a`.`b`.
func toSQLID(parts ...string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = "`" + strings.ReplaceAll(p, "`", "``") + "`"
	}
	return strings.Join(q, ".")
}

// toSQLType renders a type name in double quotes, upper case: "INT".
func toSQLType(s string) string { return `"` + strings.ToUpper(s) + `"` }

// toSQLValue renders a string value as an SQL string literal: 'abc'.
func toSQLValue(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

// toSQLStmt renders a statement fragment in upper case.
func toSQLStmt(s string) string { return strings.ToUpper(s) }

var errorTemplates = map[string]errorTemplate{
	// Statements (stmt.go).
	"DUPLICATE_CLAUSES":                                                {"42614", "The clause <clauseName> appears more than once; give it at most once."},
	"INVALID_SET_SYNTAX":                                               {"42000", "The SET statement is malformed; quote keys and values with special characters in backquotes."},
	"INVALID_PROPERTY_KEY":                                             {"42602", "<key> is not a valid property key in SET; quote it in backquotes: SET `key`=<value>."},
	"INVALID_PROPERTY_VALUE":                                           {"42602", "<value> is not a valid property value for <key> in SET; quote it in backquotes."},
	"INVALID_RESET_COMMAND_FORMAT":                                     {"42000", "RESET takes nothing or one configuration key; quote keys with special characters in backquotes."},
	"FEATURE_NOT_ENABLED":                                              {"56038", "<featureName> is disabled; set <configKey> to <configValue> to use it."},
	"DESCRIBE_JSON_NOT_EXTENDED":                                       {"0A000", "DESCRIBE ... AS JSON needs EXTENDED: use DESCRIBE EXTENDED <tableName> AS JSON."},
	"EXEC_IMMEDIATE_DUPLICATE_ARGUMENT_ALIASES":                        {"42701", "The USING clause of EXECUTE IMMEDIATE names several arguments <aliases>; argument names must be unique."},
	"UNSUPPORTED_FEATURE.DESC_TABLE_COLUMN_JSON":                       {"0A000", "The feature is not supported: DESCRIBE of a single column AS JSON."},
	"UNSUPPORTED_FEATURE.DESC_TABLE_COLUMN_PARTITION":                  {"0A000", "The feature is not supported: DESCRIBE of a column together with a partition."},
	"INVALID_SQL_SYNTAX.EMPTY_PARTITION_VALUE":                         {"42000", "Invalid SQL syntax: the partition key <partKey> needs a value."},
	"INVALID_SQL_SYNTAX.VARIABLE_TYPE_OR_DEFAULT_REQUIRED":             {"42000", "Invalid SQL syntax: a variable declaration needs a data type or a DEFAULT value."},
	"INVALID_SQL_SYNTAX.ANALYZE_TABLE_UNEXPECTED_NOSCAN":               {"42000", "Invalid SQL syntax: ANALYZE TABLE(S) ... COMPUTE STATISTICS <ctx> must be NOSCAN or empty."},
	"PARSE_SYNTAX_ERROR":                                               {"42601", "Syntax error at or near <error><hint>."},
	"PARSE_EMPTY_STATEMENT":                                            {"42617", "Syntax error, unexpected empty statement."},
	"UNCLOSED_BRACKETED_COMMENT":                                       {"42601", "Found an unclosed bracketed comment. Please, append */ at the end of the comment."},
	"INVALID_IDENTIFIER":                                               {"42602", "The unquoted identifier <ident> is invalid and must be back quoted as: `<ident>`.\nUnquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\nUnquoted identifiers must also not start with a digit.\nDifferent data sources and meta stores may impose additional restrictions on valid identifiers."},
	"INVALID_TYPED_LITERAL":                                            {"42604", "The value of the typed literal <valueType> is invalid: <value>."},
	"UNSUPPORTED_TYPED_LITERAL":                                        {"0A000", "Literals of the type <unsupportedType> are not supported. Supported types are <supportedTypes>."},
	"INVALID_NUMERIC_LITERAL_RANGE":                                    {"22003", "Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName> with minimum value of <minValue> and maximum value of <maxValue>. Please adjust the value accordingly."},
	"DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION":                          {"22003", "Decimal precision <precision> exceeds max precision <maxPrecision>."},
	"_LEGACY_ERROR_TEMP_0024":                                          {"", "Can only have a single from-to unit in the interval literal syntax."},
	"_LEGACY_ERROR_TEMP_0026":                                          {"", "Can only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: <value>."},
	"_LEGACY_ERROR_TEMP_0027":                                          {"", "The value of from-to unit must be a string."},
	"_LEGACY_ERROR_TEMP_0029":                                          {"", "Cannot mix year-month and day-time fields: <literal>."},
	"_LEGACY_ERROR_TEMP_0051":                                          {"", "Empty set in <element> grouping sets is not supported."},
	"_LEGACY_ERROR_TEMP_0014":                                          {"", "TABLESAMPLE does not accept empty inputs."},
	"_LEGACY_ERROR_TEMP_0015":                                          {"", "TABLESAMPLE(<msg>) is not supported."},
	"_LEGACY_ERROR_TEMP_0016":                                          {"", "<bytesStr> is not a valid byte length literal, expected syntax: DIGIT+ ('B' | 'K' | 'M' | 'G')."},
	"_LEGACY_ERROR_TEMP_0035":                                          {"", "Operation not allowed: <message>."},
	"_LEGACY_ERROR_TEMP_0064":                                          {"", "<msg>."},
	"_LEGACY_ERROR_TEMP_0060":                                          {"", "<msg>."},
	"INVALID_PARAMETER_VALUE.DATETIME_UNIT":                            {"22023", "The value of parameter(s) <parameter> in <functionName> is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal <invalidValue>."},
	"UNSUPPORTED_DATATYPE":                                             {"0A000", "Unsupported data type <typeName>."},
	"DATATYPE_MISSING_SIZE":                                            {"42K01", "DataType <type> requires a length parameter, for example <type>(10). Please specify the length."},
	"INCOMPLETE_TYPE_DEFINITION.ARRAY":                                 {"42K01", "Incomplete complex type: The definition of \"ARRAY\" type is incomplete. You must provide an element type. For example: \"ARRAY<elementType>\"."},
	"INCOMPLETE_TYPE_DEFINITION.MAP":                                   {"42K01", "Incomplete complex type: The definition of \"MAP\" type is incomplete. You must provide a key type and a value type. For example: \"MAP<TIMESTAMP, INT>\"."},
	"INCOMPLETE_TYPE_DEFINITION.STRUCT":                                {"42K01", "Incomplete complex type: The definition of \"STRUCT\" type is incomplete. You must provide at least one field type. For example: \"STRUCT<name STRING, phone DECIMAL(10, 0)>\"."},
	"DUPLICATED_CTE_NAMES":                                             {"42602", "CTE definition can't have duplicate names: <duplicateNames>."},
	"UNSUPPORTED_FEATURE.COMBINATION_QUERY_RESULT_CLAUSES":             {"0A000", "The feature is not supported: Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY."},
	"INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION":                  {"42000", "Invalid SQL syntax: The definition of window <windowName> is repetitive."},
	"INVALID_SQL_SYNTAX.INVALID_WINDOW_REFERENCE":                      {"42000", "Invalid SQL syntax: Window reference <windowName> is not a window specification."},
	"INVALID_SQL_SYNTAX.UNRESOLVED_WINDOW_REFERENCE":                   {"42000", "Invalid SQL syntax: Cannot resolve window reference <windowName>."},
	"INVALID_SQL_SYNTAX.LATERAL_WITHOUT_SUBQUERY_OR_TABLE_VALUED_FUNC": {"42000", "Invalid SQL syntax: LATERAL can only be used with subquery and table-valued functions."},
	"UNSUPPORTED_FEATURE.LATERAL_JOIN_USING":                           {"0A000", "The feature is not supported: JOIN USING with LATERAL correlation."},
	"INVALID_LATERAL_JOIN_TYPE":                                        {"42613", "The <joinType> JOIN with LATERAL correlation is not allowed because an OUTER subquery cannot correlate to its join partner. Remove the LATERAL correlation or use an INNER JOIN, or LEFT OUTER JOIN instead."},
	"INCOMPATIBLE_JOIN_TYPES":                                          {"42613", "The join types <joinType1> and <joinType2> are incompatible."},
	"INVALID_ESC":                                                      {"42604", "Found an invalid escape string: <invalidEscape>. The escape string must contain only one character."},
	"INVALID_SQL_SYNTAX.INVALID_TABLE_VALUED_FUNC_NAME":                {"42000", "Invalid SQL syntax: Table valued function cannot specify database name: <funcName>."},
	"INVALID_SQL_SYNTAX.UNSUPPORTED_FUNC_NAME":                         {"42000", "Invalid SQL syntax: Unsupported function name <funcName>."},
	"NOT_ALLOWED_IN_FROM.LATERAL_WITH_PIVOT":                           {"42601", "Not allowed in the FROM clause: LATERAL together with PIVOT."},
	"NOT_ALLOWED_IN_FROM.LATERAL_WITH_UNPIVOT":                         {"42601", "Not allowed in the FROM clause: LATERAL together with UNPIVOT."},
	"NOT_ALLOWED_IN_FROM.UNPIVOT_WITH_PIVOT":                           {"42601", "Not allowed in the FROM clause: UNPIVOT together with PIVOT."},
	"UNSUPPORTED_FEATURE.TRANSFORM_DISTINCT_ALL":                       {"0A000", "The feature is not supported: TRANSFORM with the DISTINCT/ALL clause."},
	"INVALID_SQL_SYNTAX.INVALID_TABLE_FUNCTION_IDENTIFIER_ARGUMENT_MISSING_PARENTHESES": {"42000", "Invalid SQL syntax: Syntax error: call to table-valued function is invalid because parentheses are missing around the provided TABLE argument <argumentName>; please surround this with parentheses and try again."},
	"MULTIPLE_QUERY_RESULT_CLAUSES_WITH_PIPE_OPERATORS":                                 {"42000", "<clause1> and <clause2> cannot coexist in the same SQL pipe operator using '|>'. Please separate the multiple result clauses into separate pipe operators and then retry the query again."},
	"UNSUPPORTED_FEATURE.PIPE_OPERATOR_AGGREGATE_UNSUPPORTED_CASE":                      {"0A000", "The feature is not supported: The SQL pipe operator syntax with aggregation (using |> AGGREGATE) does not support <case>."},
	"NOT_ALLOWED_IN_PIPE_OPERATOR_WHERE.WINDOW_CLAUSE":                                  {"42601", "Not allowed in the pipe WHERE clause: WINDOW clause."},
	"UNSUPPORTED_FEATURE.CLAUSE_WITH_PIPE_OPERATORS":                                    {"0A000", "The feature is not supported: The SQL pipe operator syntax using |> does not support <clauses>."},
	"_LEGACY_ERROR_TEMP_0056":                                                           {"", "Invalid time travel spec: <reason>."},
	"COLUMN_ALIASES_NOT_ALLOWED":                                                        {"42601", "Column aliases are not allowed in <op>."},
	"_LEGACY_ERROR_TEMP_0063":                                                           {"", "<msg>."},
	"_LEGACY_ERROR_TEMP_0062":                                                           {"", "<msg>."},
	"FAILED_TO_PARSE_TOO_COMPLEX":                                                       {"54001", "The statement, including potential SQL functions and referenced views, was too complex to parse.\nTo mitigate this error divide the statement into multiple, less complex chunks."},
	"_LEGACY_ERROR_TEMP_1228":                                                           {"", "Decimal scale (<scale>) cannot be greater than precision (<precision>)."},
	"SYNTAX_DISCONTINUED.BANG_EQUALS_NOT":                                               {"42601", "Support of the clause or keyword: <clause> has been discontinued in this context. The '!' keyword is only supported as an alias for the prefix operator 'NOT'.\nUse the 'NOT' keyword instead for infix clauses such as `NOT LIKE`, `NOT IN`, `NOT BETWEEN`, etc.\nTo re-enable the '!' keyword, set \"spark.sql.legacy.bangEqualsNot\" to \"true\"."},
	"INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION":                                      {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Uncaught arithmetic exception while parsing '<input>'."},
	"INVALID_INTERVAL_FORMAT.DAY_TIME_PARSING":                                          {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Error parsing interval day-time string: <msg>."},
	"INVALID_INTERVAL_FORMAT.INPUT_IS_EMPTY":                                            {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string cannot be empty."},
	"INVALID_INTERVAL_FORMAT.INPUT_IS_NULL":                                             {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string cannot be null."},
	"INVALID_INTERVAL_FORMAT.INTERVAL_PARSING":                                          {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Error parsing interval <interval> string."},
	"INVALID_INTERVAL_FORMAT.INVALID_FRACTION":                                          {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. <unit> cannot have fractional part."},
	"INVALID_INTERVAL_FORMAT.INVALID_PRECISION":                                         {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval can only support nanosecond precision, <value> is out of range."},
	"INVALID_INTERVAL_FORMAT.INVALID_PREFIX":                                            {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Invalid interval prefix <prefix>."},
	"INVALID_INTERVAL_FORMAT.INVALID_UNIT":                                              {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Invalid unit <unit>."},
	"INVALID_INTERVAL_FORMAT.INVALID_VALUE":                                             {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Invalid value <value>."},
	"INVALID_INTERVAL_FORMAT.MISSING_NUMBER":                                            {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Expect a number after <word> but hit EOL."},
	"INVALID_INTERVAL_FORMAT.MISSING_UNIT":                                              {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Expect a unit name after <word> but hit EOL."},
	"INVALID_INTERVAL_FORMAT.SECOND_NANO_FORMAT":                                        {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match second-nano format of ss.nnnnnnnnn."},
	"INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE":                            {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. The interval value must be in the range of [-18, +18] hours with second precision."},
	"INVALID_INTERVAL_FORMAT.UNKNOWN_PARSING_ERROR":                                     {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Unknown error when parsing <word>."},
	"INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING":                                   {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match <intervalStr> format of <supportedFormat> when cast to <typeName>: <input>."},
	"INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE":                       {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match <intervalStr> format of <supportedFormat> when cast to <typeName>: <input>. Set \"spark.sql.legacy.fromDayTimeString.enabled\" to \"true\" to restore the behavior before Spark 3.0."},
	"INVALID_INTERVAL_FORMAT.UNRECOGNIZED_NUMBER":                                       {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Unrecognized number <number>."},
	"INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION":                            {"22006", "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Cannot support (interval '<input>' <from> to <to>) expression."},
	"UNSUPPORTED_TIME_PRECISION":                                                        {"0A001", "The seconds precision <precision> of the TIME data type is outside the supported range [0, 6]."},
	"ALTER_TABLE_COLUMN_DESCRIPTOR_DUPLICATE":                                           {"42710", "ALTER TABLE <type> gives column <columnName> the descriptor \"<optionName>\" more than once."},
	"CREATE_TABLE_COLUMN_DESCRIPTOR_DUPLICATE":                                          {"42710", "CREATE TABLE gives column <columnName> the descriptor \"<optionName>\" more than once."},
	"DUPLICATE_CONDITION_IN_SCOPE":                                                      {"42734", "The condition <condition> is declared twice in the same scope."},
	"END_LABEL_WITHOUT_BEGIN_LABEL":                                                     {"42K0L", "The end label <endLabel> needs a begin label."},
	"IDENTITY_COLUMNS_DUPLICATED_SEQUENCE_GENERATOR_OPTION":                             {"42601", "The IDENTITY sequence generator option <sequenceGeneratorOption> is given twice."},
	"IDENTITY_COLUMNS_ILLEGAL_STEP":                                                     {"42611", "The step of an IDENTITY column cannot be 0."},
	"IDENTITY_COLUMNS_UNSUPPORTED_DATA_TYPE":                                            {"428H2", "IDENTITY columns cannot have the type <dataType>."},
	"INVALID_CONSTRAINT_CHARACTERISTICS":                                                {"42613", "The constraint characteristics [<characteristics>] repeat or contradict each other."},
	"INVALID_ERROR_CONDITION_DECLARATION.NOT_AT_START_OF_COMPOUND_STATEMENT":            {"42K0R", "Invalid condition declaration: the condition <conditionName> may only be declared at the start of a BEGIN ... END block."},
	"INVALID_ERROR_CONDITION_DECLARATION.QUALIFIED_CONDITION_NAME":                      {"42K0R", "Invalid condition declaration: the condition name <conditionName> cannot be qualified."},
	"INVALID_ERROR_CONDITION_DECLARATION.SPECIAL_CHARACTER_FOUND":                       {"42K0R", "Invalid condition declaration: the condition name <conditionName> may only hold letters, digits and underscores."},
	"INVALID_HANDLER_DECLARATION.INVALID_CONDITION_COMBINATION":                         {"42K0Q", "Invalid handler declaration: SQLEXCEPTION and NOT FOUND cannot be combined with other conditions or SQLSTATE values."},
	"INVALID_HANDLER_DECLARATION.WRONG_PLACE_OF_DECLARATION":                            {"42K0Q", "Invalid handler declaration: handlers come after the variable and condition declarations and before the other statements."},
	"INVALID_HANDLER_DECLARATION.DUPLICATE_CONDITION_IN_HANDLER_DECLARATION":            {"42K0Q", "Invalid handler declaration: the condition <condition> is listed twice."},
	"INVALID_HANDLER_DECLARATION.DUPLICATE_SQLSTATE_IN_HANDLER_DECLARATION":             {"42K0Q", "Invalid handler declaration: the SQLSTATE <sqlState> is listed twice."},
	"INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH":                                         {"42000", "Invalid inline table: row <rowIndex> has <actualNumCols> columns where <expectedNumCols> are expected."},
	"INVALID_LABEL_USAGE.DOES_NOT_EXIST":                                                {"42K0L", "Invalid use of the label <labelName>: the <statementType> statement names a label that no enclosing statement has."},
	"INVALID_LABEL_USAGE.ITERATE_IN_COMPOUND":                                           {"42K0L", "Invalid use of the label <labelName>: ITERATE cannot name the label of a BEGIN ... END block."},
	"INVALID_LABEL_USAGE.QUALIFIED_LABEL_NAME":                                          {"42K0L", "Invalid use of the label <labelName>: labels cannot be qualified."},
	"INVALID_SQLSTATE":                                                                  {"428B3", "Invalid SQLSTATE value '<sqlState>': it must have exactly 5 characters A-Z or 0-9 and not start with '00', '01' or 'XX'."},
	"INVALID_SQL_SYNTAX.CREATE_FUNC_WITH_COLUMN_CONSTRAINTS":                            {"42000", "Invalid SQL syntax: the parameters of CREATE FUNCTION cannot have constraints."},
	"INVALID_SQL_SYNTAX.CREATE_FUNC_WITH_GENERATED_COLUMNS_AS_PARAMETERS":               {"42000", "Invalid SQL syntax: the parameters of CREATE FUNCTION cannot be generated columns."},
	"INVALID_SQL_SYNTAX.CREATE_ROUTINE_WITH_IF_NOT_EXISTS_AND_REPLACE":                  {"42000", "Invalid SQL syntax: a routine cannot be created with both IF NOT EXISTS and OR REPLACE."},
	"INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_DATABASE":                                 {"42000", "Invalid SQL syntax: CREATE TEMPORARY FUNCTION cannot name a database (<database>)."},
	"INVALID_SQL_SYNTAX.CREATE_TEMP_FUNC_WITH_IF_NOT_EXISTS":                            {"42000", "Invalid SQL syntax: CREATE TEMPORARY FUNCTION cannot have IF NOT EXISTS."},
	"INVALID_SQL_SYNTAX.MULTI_PART_NAME":                                                {"42000", "Invalid SQL syntax: <statement> cannot take the multi-part name <name>."},
	"INVALID_SQL_SYNTAX.SHOW_FUNCTIONS_INVALID_PATTERN":                                 {"42000", "Invalid SQL syntax: the pattern of SHOW FUNCTIONS must be a string literal, not <pattern>."},
	"INVALID_SQL_SYNTAX.SHOW_FUNCTIONS_INVALID_SCOPE":                                   {"42000", "Invalid SQL syntax: SHOW <scope> FUNCTIONS is not supported."},
	"INVALID_STATEMENT_OR_CLAUSE":                                                       {"42601", "The statement or clause <operation> is not valid."},
	"INVALID_VARIABLE_DECLARATION.NOT_ALLOWED_IN_SCOPE":                                 {"42K0M", "Invalid variable declaration: the variable <varName> cannot be declared here."},
	"INVALID_VARIABLE_DECLARATION.ONLY_AT_BEGINNING":                                    {"42K0M", "Invalid variable declaration: the variable <varName> may only be declared at the start of a BEGIN ... END block."},
	"LABELS_MISMATCH":                                             {"42K0L", "The begin label <beginLabel> and the end label <endLabel> differ."},
	"LABEL_OR_FOR_VARIABLE_ALREADY_EXISTS":                        {"42K0L", "The label or FOR variable <label> is already in use; choose another name."},
	"LABEL_OR_FOR_VARIABLE_NAME_FORBIDDEN":                        {"42K0L", "<label> cannot be the name of a label or FOR variable."},
	"LOCAL_MUST_WITH_SCHEMA_FILE":                                 {"42601", "LOCAL needs a path with the scheme `file`, not `<actualSchema>`."},
	"MERGE_WITHOUT_WHEN":                                          {"42601", "A MERGE statement needs at least one WHEN clause."},
	"NON_LAST_MATCHED_CLAUSE_OMIT_CONDITION":                      {"42613", "When a MERGE statement has several MATCHED clauses, only the last one may omit its condition."},
	"NON_LAST_NOT_MATCHED_BY_TARGET_CLAUSE_OMIT_CONDITION":        {"42613", "When a MERGE statement has several NOT MATCHED [BY TARGET] clauses, only the last one may omit its condition."},
	"NON_LAST_NOT_MATCHED_BY_SOURCE_CLAUSE_OMIT_CONDITION":        {"42613", "When a MERGE statement has several NOT MATCHED BY SOURCE clauses, only the last one may omit its condition."},
	"MULTIPLE_PRIMARY_KEYS":                                       {"42P16", "Several primary keys are defined: <columns>; a table has at most one."},
	"SPECIFY_CLUSTER_BY_WITH_BUCKETING_IS_NOT_ALLOWED":            {"42908", "CLUSTER BY and CLUSTERED BY INTO BUCKETS cannot be used together."},
	"SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED":       {"42908", "CLUSTER BY and PARTITIONED BY cannot be used together."},
	"UNSUPPORTED_DEFAULT_VALUE.WITHOUT_SUGGESTION":                {"0A000", "DEFAULT column values are not supported here."},
	"UNSUPPORTED_FEATURE.CONTINUE_EXCEPTION_HANDLER":              {"0A000", "The feature is not supported: CONTINUE handlers; use an EXIT handler."},
	"UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY":                  {"0A000", "The feature is not supported: <property> is a reserved namespace property, <msg>."},
	"UNSUPPORTED_FEATURE.SET_PROPERTIES_AND_DBPROPERTIES":         {"0A000", "The feature is not supported: PROPERTIES and DBPROPERTIES together."},
	"UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY":                      {"0A000", "The feature is not supported: <property> is a reserved table property, <msg>."},
	"UNSUPPORTED_FEATURE.SQL_SCRIPTING":                           {"0A000", "The feature is not supported: SQL scripting is disabled; set <sqlScriptingEnabled> to `true` to run scripts."},
	"UNSUPPORTED_FEATURE.TEMPORARY_VIEW_WITH_SCHEMA_BINDING_MODE": {"0A000", "The feature is not supported: WITH SCHEMA on a temporary view."},
	"_LEGACY_ERROR_TEMP_0006":                                     {"", "The number of inserted values does not match the number of columns."},
	"_LEGACY_ERROR_TEMP_0034":                                     {"", "<operation> is not supported in Hive-style <command><msg>."},
	"_LEGACY_ERROR_TEMP_0045":                                     {"", "Invalid time zone displacement value."},
	"_LEGACY_ERROR_TEMP_0049":                                     {"", "Give the directory path either in the statement or as 'path' in OPTIONS, not both."},
	"_LEGACY_ERROR_TEMP_0052":                                     {"", "CREATE VIEW cannot have both IF NOT EXISTS and OR REPLACE."},
	"_LEGACY_ERROR_TEMP_0053":                                     {"", "CREATE TEMPORARY VIEW cannot have IF NOT EXISTS."},
	"TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS":                          {"428EK", "A temporary view name must be a single part, not <actualName>."},
	"INTERNAL_ERROR":                                              {"XX000", "<message>"},
}

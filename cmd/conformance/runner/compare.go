package runner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sailgo/sail/cmd/conformance/golden"
	"github.com/sailgo/sail/physical/format"
)

// Answer is what the server answered to one statement.
type Answer struct {
	// Schema is the catalog string of the result schema.
	Schema string
	// Rows are the result rows rendered as Spark's HiveResult does: columns joined by tabs.
	Rows []string
	// Err is the error the statement raised, if any.
	Err *ServerError
	// Analyzed is what analysis alone said (AnalyzePlan before execution); nil when the
	// statement never got that far.
	Analyzed *Analyzed
}

// Analyzed is the answer of analysis alone: the schema, or the error it raised.
type Analyzed struct {
	Schema string
	Err    *ServerError
}

// Agreement is how a statement counts toward the analyzer's figures: schema agreement over
// the statements Spark answered, error-class agreement over those Spark rejected during
// analysis.
type Agreement string

const (
	SchemaAgrees   Agreement = "schema_agrees"
	SchemaDiffers  Agreement = "schema_differs"
	ErrorAgrees    Agreement = "error_agrees"
	ErrorDiffers   Agreement = "error_differs"
	NotAnalysisRun Agreement = "" // neither: Spark failed outside analysis, or skipped
)

// JudgeAnalysis places one statement in the analyzer's figures, with what differed. got is
// nil when the statement timed out or crashed the server.
func JudgeAnalysis(want golden.Block, got *Answer) (Agreement, string) {
	switch {
	case want.Error == nil:
		switch {
		case got == nil || got.Analyzed == nil:
			return SchemaDiffers, "not analyzed"
		case got.Analyzed.Err != nil:
			return SchemaDiffers, got.Analyzed.Err.label()
		case got.Analyzed.Schema != want.Schema:
			return SchemaDiffers, fmt.Sprintf("got %s, want %s", got.Analyzed.Schema, want.Schema)
		}
		return SchemaAgrees, ""
	case strings.Contains(want.Error.ExceptionClass, "AnalysisException"):
		if got == nil {
			return ErrorDiffers, "no answer"
		}
		// The first error we raised: in analysis, or else while running.
		e := got.Err
		if got.Analyzed != nil && got.Analyzed.Err != nil {
			e = got.Analyzed.Err
		}
		switch {
		case e == nil:
			return ErrorDiffers, "no error, want " + expectedLabel(want.Error)
		case !errorsMatch(want.Error, e):
			return ErrorDiffers, "got " + e.label() + ", want " + expectedLabel(want.Error)
		}
		return ErrorAgrees, ""
	}
	return NotAnalysisRun, ""
}

// ServerError is the part of a Spark Connect error the comparison looks at.
type ServerError struct {
	ErrorClass string
	SQLState   string
	// ExceptionClass is the first Java class the error reports.
	ExceptionClass string
	Message        string
	Feature        string // the "feature" parameter of NOT_IMPLEMENTED
}

// Compare judges an answer against Spark's block for the same statement.
func Compare(query string, want golden.Block, got Answer) StatementResult {
	r := StatementResult{Line: want.Line}
	switch {
	case want.Error != nil && got.Err != nil:
		if errorsMatch(want.Error, got.Err) {
			r.Outcome = Pass
			return r
		}
		r.Outcome = WrongError
		r.Reason = "got " + got.Err.label() + ", want " + expectedLabel(want.Error)
		if got.Err.missingFeature() {
			// What to build next is the missing feature, whatever error Spark expected.
			r.Reason = got.Err.label() + " on " + StatementKind(query)
			if got.Err.ErrorClass == "NOT_IMPLEMENTED" {
				r.Reason = got.Err.label()
			}
		}
		r.Detail = "want " + expectedLabel(want.Error) + "; got: " + got.Err.Message
	case want.Error != nil:
		r.Outcome = ExpectedError
		r.Reason = "no error, want " + expectedLabel(want.Error)
	case got.Err != nil:
		r.Outcome = UnexpectedError
		r.Reason = got.Err.label()
		if got.Err.ErrorClass != "NOT_IMPLEMENTED" {
			r.Reason += " on " + StatementKind(query)
		}
		r.Detail = got.Err.Message
	case got.Schema != want.Schema:
		r.Outcome = WrongSchema
		r.Reason = "wrong schema on " + StatementKind(query)
		r.Detail = fmt.Sprintf("got %s, want %s", got.Schema, want.Schema)
	case !rowsMatch(query, want.Output, got.Rows):
		r.Outcome = WrongRows
		r.Reason = "wrong rows on " + StatementKind(query)
		r.Detail = rowsDetail(want.Output, got.Rows)
	default:
		r.Outcome = Pass
	}
	return r
}

// errorsMatch applies the golden files' rule: the same errorClass (and SQLSTATE when Spark
// gives one); for errors Spark raised without a class, the same exception class.
func errorsMatch(want *golden.ExpectedError, got *ServerError) bool {
	if want.ErrorClass != "" {
		return got.ErrorClass == want.ErrorClass && (want.SQLState == "" || got.SQLState == want.SQLState)
	}
	return got.ExceptionClass == want.ExceptionClass
}

func expectedLabel(e *golden.ExpectedError) string {
	if e.ErrorClass != "" {
		return e.ErrorClass
	}
	return e.ExceptionClass
}

// missingFeature tells errors that mean "we cannot do this yet" from Spark's own errors.
func (e *ServerError) missingFeature() bool {
	return e.ErrorClass == "NOT_IMPLEMENTED" || e.ErrorClass == "PARSE_SYNTAX_ERROR" || e.ErrorClass == ""
}

func (e *ServerError) label() string {
	switch {
	case e.ErrorClass == "NOT_IMPLEMENTED" && e.Feature != "":
		return "NOT_IMPLEMENTED: " + e.Feature
	case e.ErrorClass != "":
		return e.ErrorClass
	case e.ExceptionClass != "":
		return e.ExceptionClass
	}
	return "error without class"
}

// rowsMatch compares output under the harness's sorting rule. Spark sorts the rendered rows
// of a plan that is not sorted before writing them; a plan with a top-level ORDER BY keeps
// its order. Without one, either order is accepted: Spark's plan may still have been sorted
// below a projection, which the text alone does not tell.
func rowsMatch(query, want string, rows []string) bool {
	if strings.Join(rows, "\n") == want || golden.NormalizeOutput(strings.Join(rows, "\n")) == want {
		return true
	}
	if HasTopLevelOrderBy(query) {
		return false
	}
	sorted := slices.Clone(rows)
	slices.SortFunc(sorted, format.CompareJavaStrings)
	return golden.NormalizeOutput(strings.Join(sorted, "\n")) == want
}

// rowsDetail describes the first difference between the expected and actual rows.
func rowsDetail(want string, rows []string) string {
	wantRows := strings.Split(want, "\n")
	if want == "" {
		wantRows = nil
	}
	if len(rows) != len(wantRows) {
		return fmt.Sprintf("got %d rows, want %d", len(rows), len(wantRows))
	}
	for i := range rows {
		if rows[i] != wantRows[i] {
			return fmt.Sprintf("row %d: got %q, want %q", i+1, clip(rows[i]), clip(wantRows[i]))
		}
	}
	return "rows differ in order"
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// HasTopLevelOrderBy reports whether the statement has ORDER BY outside any parentheses,
// skipping string literals, quoted identifiers and comments.
func HasTopLevelOrderBy(query string) bool {
	depth := 0
	lastWord := ""
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			i = skipQuoted(query, i)
			lastWord = ""
			continue
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			if k := strings.IndexByte(query[i:], '\n'); k >= 0 {
				i += k
			} else {
				i = len(query)
			}
			continue
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			i = skipBlockComment(query, i)
			continue
		case c == '(':
			depth++
		case c == ')':
			depth--
		case isWordStart(c):
			j := i
			for j < len(query) && isWordPart(query[j]) {
				j++
			}
			w := strings.ToUpper(query[i:j])
			if depth == 0 && w == "BY" && lastWord == "ORDER" {
				return true
			}
			lastWord = w
			i = j
			continue
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			lastWord = ""
		}
		i++
	}
	return false
}

func isWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isWordPart(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' }

// skipQuoted returns the index after the quoted text starting at i; a backslash escapes the
// next character in strings, and a doubled quote stands for itself.
func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if q != '`' {
				j++
			}
		case q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// skipBlockComment returns the index after a (nested) bracketed comment starting at i.
func skipBlockComment(s string, i int) int {
	depth := 0
	for j := i; j < len(s)-1; j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(s)
}

// StatementKind names a statement by its leading keywords ("SELECT", "CREATE TEMPORARY
// VIEW", "INSERT INTO"), for grouping failures.
func StatementKind(query string) string {
	var words []string
	for _, f := range strings.Fields(stripLeadingComments(query)) {
		w := strings.ToUpper(strings.TrimRight(f, "(;"))
		if w == "" || !isWordStart(w[0]) {
			break
		}
		if len(words) > 0 && !kindModifiers[w] && !kindObjects[w] {
			break
		}
		words = append(words, w)
		if len(words) == 1 && !kindTakesObject[w] || len(words) > 1 && kindObjects[w] {
			break
		}
	}
	if len(words) == 0 {
		return "?"
	}
	return strings.Join(words, " ")
}

var kindTakesObject = map[string]bool{
	"CREATE": true, "DROP": true, "ALTER": true, "SHOW": true, "INSERT": true, "DESCRIBE": true,
	"DESC": true, "REPLACE": true, "CACHE": true, "UNCACHE": true, "TRUNCATE": true, "ANALYZE": true,
	"REFRESH": true, "DECLARE": true, "MERGE": true, "SET": true,
}

var kindModifiers = map[string]bool{
	"OR": true, "REPLACE": true, "TEMPORARY": true, "TEMP": true, "GLOBAL": true, "EXTERNAL": true,
	"IF": true, "NOT": true, "EXISTS": true, "EXTENDED": true, "FORMATTED": true, "LAZY": true,
	"USER": true, "SYSTEM": true, "ALL": true, "CURRENT": true,
}

var kindObjects = map[string]bool{
	"TABLE": true, "VIEW": true, "FUNCTION": true, "DATABASE": true, "SCHEMA": true,
	"NAMESPACE": true, "INTO": true, "OVERWRITE": true, "TABLES": true, "VIEWS": true,
	"FUNCTIONS": true, "COLUMNS": true, "PARTITIONS": true, "DATABASES": true, "SCHEMAS": true,
	"QUERY": true, "VARIABLE": true, "CATALOGS": true, "TBLPROPERTIES": true, "CREATE": true,
	"VAR": true, "CATALOG": true, "TIME": true, "ZONE": true,
}

func stripLeadingComments(q string) string {
	for {
		q = strings.TrimSpace(q)
		switch {
		case strings.HasPrefix(q, "--"):
			if k := strings.IndexByte(q, '\n'); k >= 0 {
				q = q[k+1:]
			} else {
				return ""
			}
		case strings.HasPrefix(q, "/*"):
			q = q[skipBlockComment(q, 0):]
		default:
			return q
		}
	}
}

package analyzer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// analysisError is an AnalysisException with Spark's error class; the message template
// uses <param> placeholders like Spark's error-conditions.json.
func analysisError(class, sqlState, template string, params map[string]string) *sparkerror.Error {
	return sparkerror.New(sparkerror.Analysis, class, sqlState, template, params)
}

func quoteID(s string) string { return types.QuoteIdentifier(s) }

// QuoteName is a multi-part name as Spark quotes it in messages: `a`.`b`.
func QuoteName(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = quoteID(p)
	}
	return strings.Join(q, ".")
}

// sqlExpr is how Spark quotes an expression in a message parameter: "(a + 1)".
func sqlExpr(e plan.Expr) string { return `"` + e.String() + `"` }

// sqlType is how Spark quotes a type in a message parameter: "INT".
func sqlType(t types.DataType) string { return `"` + t.SQL() + `"` }

// unresolvedColumn is Spark's UNRESOLVED_COLUMN with the closest names as suggestions.
func unresolvedColumn(name []string, candidates []string) error {
	params := map[string]string{"objectName": QuoteName(name)}
	if len(candidates) == 0 {
		return analysisError("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "42703",
			"A column, variable, or function parameter with name <objectName> cannot be resolved. ", params)
	}
	params["proposal"] = strings.Join(suggest(strings.Join(name, "."), candidates), ", ")
	return analysisError("UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703",
		"A column, variable, or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].", params)
}

// suggest orders candidates (already quoted) by edit distance to name, closest first,
// and keeps five, as Spark's StringUtils.orderSuggestedIdentifiersBySimilarity does.
func suggest(name string, candidates []string) []string {
	sorted := slices.Clone(candidates)
	key := func(c string) string { return strings.ToLower(strings.ReplaceAll(c, "`", "")) }
	target := strings.ToLower(name)
	slices.SortStableFunc(sorted, func(x, y string) int {
		return levenshtein(target, key(x)) - levenshtein(target, key(y))
	})
	if len(sorted) > 5 {
		sorted = sorted[:5]
	}
	return sorted
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func ambiguousReference(name []string, hits []*plan.AttributeRef) error {
	refs := make([]string, len(hits))
	for i, h := range hits {
		refs[i] = QuoteName(append(slices.Clone(h.Qualifier), h.Name))
	}
	return analysisError("AMBIGUOUS_REFERENCE", "42704",
		"Reference <name> is ambiguous, could be: <referenceNames>.",
		map[string]string{"name": QuoteName(name), "referenceNames": "[" + strings.Join(refs, ", ") + "]"})
}

func tableNotFound(name []string) error {
	return analysisError("TABLE_OR_VIEW_NOT_FOUND", "42P01",
		"The table or view <relationName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
		map[string]string{"relationName": QuoteName(name)})
}

func unresolvedRoutine(name []string) error {
	return analysisError("UNRESOLVED_ROUTINE", "42883",
		"Cannot resolve routine <routineName> on search path <searchPath>.",
		map[string]string{"routineName": QuoteName(name), "searchPath": "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"})
}

func wrongNumArgs(fn string, expected string, actual int) error {
	return analysisError("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "42605",
		"The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>. Please, refer to '<docroot>/sql-ref-functions.html' for a fix.",
		map[string]string{"functionName": quoteID(fn), "expectedNum": expected, "actualNum": itoa(actual), "docroot": "https://spark.apache.org/docs/latest"})
}

// unexpectedInputType is DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for argument i (0-based).
func unexpectedInputType(call string, i int, required string, arg plan.Expr) error {
	return analysisError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires the <requiredType> type, however <inputSql> has the type <inputType>.",
		map[string]string{"sqlExpr": `"` + call + `"`, "paramIndex": ordinal(i + 1), "requiredType": required,
			"inputSql": sqlExpr(arg), "inputType": sqlType(plan.TypeOf(arg))})
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	case 4:
		return "fourth"
	case 5:
		return "fifth"
	}
	return itoa(n) + "th"
}

func itoa(n int) string { return strconv.Itoa(n) }

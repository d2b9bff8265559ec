package executor

import (
	"slices"
	"strings"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// SHOW FUNCTIONS and DESCRIBE FUNCTION, answered from the analyzer's registry and
// Spark's list of built-in functions.

// showFunctions is SHOW [USER|SYSTEM|ALL] FUNCTIONS [[FROM|IN] db] [LIKE pattern]: the
// built-in functions are system functions; there are no user functions (no CREATE
// FUNCTION yet), so SHOW USER FUNCTIONS is empty.
func showFunctions(c *plan.ShowObjects) (*plan.LocalData, error) {
	var rows [][]any
	if c.Scope != "USER" {
		for _, f := range analyzer.SystemFunctionNames() {
			if likePattern(c.Pattern, f) {
				rows = append(rows, []any{f})
			}
		}
	}
	return result([]column{{"function", types.String, false}}, rows)
}

// describeFunction is DESCRIBE FUNCTION [EXTENDED] name: Function, Class and Usage
// rows, and with EXTENDED the extended usage, as Spark's DescribeFunctionCommand prints
// them.
func describeFunction(c *plan.DescribeFunction) (*plan.LocalData, error) {
	name := strings.ToLower(c.Name)
	for _, q := range []string{"system.builtin.", "builtin."} {
		if strings.HasPrefix(name, q) {
			name = name[len(q):]
			break
		}
	}
	info, ok := analyzer.LookupBuiltinFunction(name)
	if !ok && slices.Contains(analyzer.FunctionNames(), name) {
		info, ok = analyzer.FunctionInfo{Name: name}, true
	}
	if !ok {
		return nil, sparkerror.New(sparkerror.Analysis, "UNRESOLVED_ROUTINE", "42883",
			"Cannot resolve routine <routineName> on search path <searchPath>.",
			map[string]string{"routineName": types.QuoteIdentifier(c.Name),
				"searchPath": "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"})
	}
	rows := describeFunctionRows(info, c.Extended)
	return result([]column{{"function_desc", types.String, false}}, rows)
}

func describeFunctionRows(info analyzer.FunctionInfo, extended bool) [][]any {
	usage := info.Usage
	if usage == "" {
		usage = "N/A."
	}
	rows := [][]any{{"Function: " + info.Name}}
	if info.Class != "" {
		rows = append(rows, []any{"Class: " + info.Class})
	}
	rows = append(rows, []any{"Usage: " + usage})
	if extended {
		// Spark's ExpressionInfo: the arguments and examples, or a placeholder when
		// there are none, then the version that added the function.
		ext := "\n    No example/argument for " + info.Name + ".\n"
		if info.Since != "" {
			ext += "\n    Since: " + info.Since + "\n"
		}
		rows = append(rows, []any{"Extended Usage:" + ext})
	}
	return rows
}

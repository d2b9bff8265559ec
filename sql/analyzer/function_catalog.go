package analyzer

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// Spark's list of built-in functions, for SHOW FUNCTIONS, DESCRIBE FUNCTION and the
// coverage table (testdata/functions/coverage.md).

//go:embed spark_functions.tsv
var sparkFunctionsTSV string

// FunctionInfo describes a Spark built-in function.
type FunctionInfo struct {
	Name  string
	Class string // the expression class (or builder) Spark names in DESCRIBE FUNCTION
	Group string
	// Usage is the usage line when it follows from the registration (cast aliases);
	// empty when unknown.
	Usage string
	Since string
}

// syntaxFunctions are Spark functions our analyzer reaches through SQL syntax rather than
// the registry (IN, CASE WHEN, CAST).
var syntaxFunctions = map[string]bool{"in": true, "when": true, "cast": true}

// builtinOperators are the names Spark lists in SHOW FUNCTIONS without a function
// registration.
var builtinOperators = []string{"!=", "<>", "case", "||"}

var sparkFunctions = sync.OnceValue(func() []FunctionInfo {
	var out []FunctionInfo
	for _, line := range strings.Split(sparkFunctionsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			continue
		}
		fi := FunctionInfo{Name: cols[0], Class: cols[1], Group: cols[2]}
		if fi.Group == "cast" && fi.Name != "cast" {
			fi.Usage = fi.Name + "(expr) - Casts the value `expr` to the target data type `" + fi.Name + "`."
			fi.Since = "2.0.1"
		}
		out = append(out, fi)
	}
	return out
})

// SparkFunctions lists every function Spark 4 registers, in registration order, whether
// we support it or not.
func SparkFunctions() []FunctionInfo { return sparkFunctions() }

// supported reports whether the analyzer resolves calls of Spark's function name.
func supported(name string) bool {
	_, ok := registry[name]
	return ok || syntaxFunctions[name]
}

// LookupBuiltinFunction finds a Spark built-in function that we support (DESCRIBE
// FUNCTION); name is matched case-insensitively.
func LookupBuiltinFunction(name string) (FunctionInfo, bool) {
	name = strings.ToLower(name)
	if !supported(name) {
		return FunctionInfo{}, false
	}
	for _, fi := range sparkFunctions() {
		if fi.Name == name {
			return fi, true
		}
	}
	return FunctionInfo{}, false
}

// SystemFunctionNames lists what SHOW SYSTEM FUNCTIONS shows: Spark's built-in functions
// that we support and Spark's listed operators, sorted.
func SystemFunctionNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, fi := range sparkFunctions() {
		if supported(fi.Name) && !seen[fi.Name] {
			seen[fi.Name] = true
			out = append(out, fi.Name)
		}
	}
	for _, op := range builtinOperators {
		if !seen[op] {
			seen[op] = true
			out = append(out, op)
		}
	}
	sort.Strings(out)
	return out
}

package analyzer

import (
	"sort"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// JSON and CSV functions (Spark's jsonExpressions and csvExpressions). The schema and
// options arguments are constants Spark reads while analyzing: they do not show in column
// names (from_json(json) names the call after its input only). The resolved calls carry
// the options as pairs of string literals after the input, which the kernels read.

func init() {
	register(ScalarFunction, resolveFromJSON, "from_json")
	register(ScalarFunction, resolveToJSON, "to_json")
	register(ScalarFunction, resolveSchemaOf("schema_of_json", "json"), "schema_of_json")
	register(ScalarFunction, resolveFromCSV, "from_csv")
	register(ScalarFunction, resolveToCSV, "to_csv")
	register(ScalarFunction, resolveSchemaOf("schema_of_csv", "csv"), "schema_of_csv")
	register(ScalarFunction, resolveJSONString("json_array_length", 1, types.Integer), "json_array_length")
	register(ScalarFunction, resolveJSONString("json_object_keys", 1, types.NewArray(types.String, true)), "json_object_keys")
	register(ScalarFunction, resolveJSONString("get_json_object", 2, types.String), "get_json_object")
}

func isStringType(t types.DataType) bool {
	_, ok := t.(types.StringType)
	return ok
}

func isNullType(t types.DataType) bool {
	_, ok := t.(types.NullType)
	return ok
}

// expectString checks an argument of a function with Spark's ExpectsInputTypes STRING: a
// string or NULL, without implicit casts.
func expectString(call string, i int, arg plan.Expr) (plan.Expr, error) {
	t := plan.TypeOf(arg)
	if isStringType(t) {
		return arg, nil
	}
	if isNullType(t) {
		return castTo(arg, types.String), nil
	}
	return nil, unexpectedInputType(call, i, reqString, arg)
}

// resolveJSONString is a function of JSON strings (and a path) with a fixed result type.
func resolveJSONString(fn string, n int, result types.DataType) resolver {
	return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, n); err != nil {
			return nil, err
		}
		x := make([]plan.Expr, len(args))
		for i, arg := range args {
			c, err := expectString(callText(name, args), i, arg)
			if err != nil {
				return nil, err
			}
			x[i] = c
		}
		return &plan.Call{Fn: fn, Args: x, Type: result, Null: true, Display: name}, nil
	}
}

// jsonOptions reads the options argument: a map(...) call of string keys and values
// (ExprUtils.convertToMapData). It returns the options as alternating key and value
// literals, sorted by key.
func jsonOptions(e plan.Expr) (map[string]string, []plan.Expr, error) {
	c, ok := e.(*plan.Call)
	if !ok || (c.Fn != "map" && c.Fn != "create_map") {
		return nil, nil, analysisError("INVALID_OPTIONS.NON_MAP_FUNCTION", "42K06",
			"Invalid options: Must use the `map()` function for options.", nil)
	}
	mt, isMap := c.Type.(types.MapType)
	if !isMap || !isStringType(mt.KeyType) || !isStringType(mt.ValueType) {
		return nil, nil, analysisError("INVALID_OPTIONS.NON_STRING_TYPE", "42K06",
			"Invalid options: A type of keys and values in `map()` must be string, but got <mapType>.",
			map[string]string{"mapType": sqlType(c.Type)})
	}
	opts := map[string]string{}
	for i := 0; i+1 < len(c.Args); i += 2 {
		k, kok := constString(c.Args[i])
		v, vok := constString(c.Args[i+1])
		if !kok || !vok {
			return nil, nil, notImplemented("options that are not string literals: " + e.String())
		}
		opts[k] = v
	}
	return opts, optionLiterals(opts), nil
}

func optionLiterals(opts map[string]string) []plan.Expr {
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]plan.Expr, 0, 2*len(keys))
	for _, k := range keys {
		out = append(out, stringLit(k), stringLit(opts[k]))
	}
	return out
}

// constString reads a constant string: a literal, possibly cast or aliased.
func constString(e plan.Expr) (string, bool) {
	switch x := e.(type) {
	case *plan.Literal:
		s, ok := x.Value.(string)
		return s, ok
	case *plan.Cast:
		if isStringType(x.To) {
			return constString(x.Child)
		}
	case *plan.Alias:
		return constString(x.Child)
	}
	return "", false
}

func notImplemented(what string) error {
	return analysisError("NOT_IMPLEMENTED", "0A000", "<feature> is not implemented yet.", map[string]string{"feature": what})
}

// schemaArg evaluates the schema argument of from_json / from_csv as ExprUtils.evalTypeExpr
// does: a constant string parsed as DDL (a type, else a column list), else Spark's JSON
// schema format. schema_of_json(...) and schema_of_csv(...) are evaluated here.
func (a *analyzer) schemaArg(e plan.Expr) (types.DataType, error) {
	text, ok := constString(e)
	if !ok {
		if c, isCall := e.(*plan.Call); isCall && (c.Fn == "schema_of_json" || c.Fn == "schema_of_csv") {
			dt, err := evalSchemaOf(c)
			if err != nil {
				return nil, err
			}
			text, ok = dt.SQL(), true
		}
	}
	if !ok {
		return nil, analysisError("INVALID_SCHEMA.NON_STRING_LITERAL", "42K07",
			"The input schema <inputSchema> is not a valid schema string. The input expression must be string literal and not null.",
			map[string]string{"inputSchema": sqlExpr(e)})
	}
	dt, err := types.ParseOptions{TimestampNTZ: a.opts.TimestampNTZ}.FromDDL(text)
	if err != nil {
		if jdt, jerr := types.ParseJSON(text); jerr == nil {
			dt, err = jdt, nil
		}
	}
	if err != nil {
		return nil, err
	}
	if types.ExistsRecursively(dt, func(t types.DataType) bool {
		switch t.(type) {
		case types.CharType, types.VarcharType:
			return true
		}
		return false
	}) {
		return nil, analysisError("UNSUPPORTED_CHAR_OR_VARCHAR_AS_STRING", "0A000",
			"The char/varchar type can't be used in the table schema. If you want Spark treat them as string type as same as Spark 3.0 and earlier, please set \"spark.sql.legacy.charVarcharAsString\" to \"true\".", nil)
	}
	return dt, nil
}

// evalSchemaOf computes a resolved schema_of_json / schema_of_csv call.
func evalSchemaOf(c *plan.Call) (types.DataType, error) {
	text, _ := constString(c.Args[0])
	opts := map[string]string{}
	for i := 1; i+1 < len(c.Args); i += 2 {
		k, _ := constString(c.Args[i])
		v, _ := constString(c.Args[i+1])
		opts[k] = v
	}
	if c.Fn == "schema_of_csv" {
		return textdata.InferCSV([]byte(text), opts)
	}
	return textdata.InferJSON([]byte(text), opts)
}

func checkJSONSchema(call string, dt types.DataType) error {
	switch dt.(type) {
	case *types.StructType, types.ArrayType, types.MapType, types.VariantType:
	default:
		return analysisError("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> must be a struct, an array, a map or a variant.",
			map[string]string{"sqlExpr": `"` + call + `"`, "schema": sqlType(dt)})
	}
	if types.ExistsRecursively(dt, func(t types.DataType) bool {
		m, ok := t.(types.MapType)
		return ok && !isStringType(m.KeyType)
	}) {
		return analysisError("DATATYPE_MISMATCH.INVALID_JSON_MAP_KEY_TYPE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> can only contain STRING as a key type for a MAP.",
			map[string]string{"sqlExpr": `"` + call + `"`, "schema": sqlType(dt)})
	}
	return nil
}

// resolveFromJSON is from_json(json, schema[, options]).
func resolveFromJSON(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	schema, err := a.schemaArg(args[1])
	if err != nil {
		return nil, err
	}
	var opts []plan.Expr
	if len(args) == 3 {
		if _, opts, err = jsonOptions(args[2]); err != nil {
			return nil, err
		}
	}
	display := "from_json(" + args[0].String() + ")"
	dt := types.AsNullable(schema)
	if err := checkJSONSchema(display, dt); err != nil {
		return nil, err
	}
	child, err := expectString(display, 0, args[0])
	if err != nil {
		return nil, err
	}
	if _, isMap := schema.(types.MapType); isMap {
		display = "entries"
	}
	return &plan.Call{Fn: "from_json" + a.timePolicySuffix(), Args: append([]plan.Expr{child}, opts...), Type: dt, Null: true,
		Form: plan.FormBare, Display: display}, nil
}

// resolveToJSON is to_json(value[, options]) of a struct, array or map.
func resolveToJSON(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	var opts []plan.Expr
	var err error
	if len(args) == 2 {
		if _, opts, err = jsonOptions(args[1]); err != nil {
			return nil, err
		}
	}
	display := "to_json(" + args[0].String() + ")"
	switch plan.TypeOf(args[0]).(type) {
	case *types.StructType, types.ArrayType, types.MapType, types.VariantType:
	default:
		return nil, analysisError("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input schema <schema> must be a struct, an array, a map or a variant.",
			map[string]string{"sqlExpr": `"` + display + `"`, "schema": sqlType(plan.TypeOf(args[0]))})
	}
	return &plan.Call{Fn: "to_json" + a.timePolicySuffix(), Args: append([]plan.Expr{args[0]}, opts...), Type: types.String, Null: true,
		Form: plan.FormBare, Display: display}, nil
}

// resolveSchemaOf is schema_of_json / schema_of_csv(text[, options]): text must be a
// constant, non-null string.
func resolveSchemaOf(fn, input string) resolver {
	return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		var opts []plan.Expr
		var err error
		if len(args) == 2 {
			if _, opts, err = jsonOptions(args[1]); err != nil {
				return nil, err
			}
		}
		display := fn + "(" + args[0].String() + ")"
		child := args[0]
		if !isFoldable(child) {
			return nil, nonFoldable(display, input, sqlType(plan.TypeOf(child)), child)
		}
		if lit, ok := child.(*plan.Literal); ok && lit.Value == nil || isNullType(plan.TypeOf(child)) {
			return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
				map[string]string{"sqlExpr": `"` + display + `"`, "exprName": input})
		}
		if !isStringType(plan.TypeOf(child)) {
			return nil, unexpectedInputType(display, 0, reqString, child)
		}
		if _, ok := constString(child); !ok {
			return nil, notImplemented("evaluating the constant " + child.String())
		}
		c := &plan.Call{Fn: fn, Args: append([]plan.Expr{child}, opts...), Type: types.String,
			Form: plan.FormBare, Display: display}
		// Spark evaluates the text when it runs; malformed input fails the query then.
		if _, err := evalSchemaOf(c); err != nil {
			return nil, err
		}
		return c, nil
	}
}

// resolveFromCSV is from_csv(csv, schema[, options]); the schema must be a struct.
func resolveFromCSV(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	schema, err := a.schemaArg(args[1])
	if err != nil {
		return nil, err
	}
	st, ok := schema.(*types.StructType)
	if !ok {
		return nil, analysisError("INVALID_SCHEMA.NON_STRUCT_TYPE", "42K07",
			"The input schema <inputSchema> is not a valid schema string. The input expression must be a struct type, but got <dataType>.",
			map[string]string{"inputSchema": sqlExpr(args[1]), "dataType": sqlType(schema)})
	}
	var opts []plan.Expr
	if len(args) == 3 {
		if _, opts, err = jsonOptions(args[2]); err != nil {
			return nil, err
		}
	}
	display := "from_csv(" + args[0].String() + ")"
	child, err := expectString(display, 0, args[0])
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: "from_csv" + a.timePolicySuffix(), Args: append([]plan.Expr{child}, opts...), Type: types.AsNullable(st),
		Null: plan.NullableOf(args[0]), Form: plan.FormBare, Display: display}, nil
}

// resolveToCSV is to_csv(struct[, options]).
func resolveToCSV(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	var opts []plan.Expr
	var err error
	if len(args) == 2 {
		if _, opts, err = jsonOptions(args[1]); err != nil {
			return nil, err
		}
	}
	display := "to_csv(" + args[0].String() + ")"
	if _, ok := plan.TypeOf(args[0]).(*types.StructType); !ok {
		return nil, analysisError("DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The input of <functionName> can't be <dataType> type data.",
			map[string]string{"sqlExpr": `"` + display + `"`, "functionName": quoteID("to_csv"), "dataType": sqlType(plan.TypeOf(args[0]))})
	}
	return &plan.Call{Fn: "to_csv" + a.binaryStyleSuffix() + a.timePolicySuffix(), Args: append([]plan.Expr{args[0]}, opts...), Type: types.String, Null: true,
		Form: plan.FormBare, Display: display}, nil
}

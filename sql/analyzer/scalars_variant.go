package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// VARIANT functions (Spark's variantExpressions): parse_json, try_parse_json, variant_get,
// try_variant_get, is_variant_null, schema_of_variant, to_variant_object, and x:path
// extraction (lowered to __semi_structured_extract, Spark's SemiStructuredExtract, which
// resolves to variant_get(x, path) for a VARIANT x). Their arguments are checked as
// ExpectsInputTypes does: no implicit casts, an untyped NULL taking the expected type.
// variant_get's target type is a constant type string; it is the call's result type
// (nullable), not an argument, so the name shows only the variant and the path.

// confVariantAllowDuplicateKeys is spark.sql.variant.allowDuplicateKeys: parse_json keeps
// the last value of a repeated key instead of failing.
const confVariantAllowDuplicateKeys = "spark.sql.variant.allowDuplicateKeys"

const reqVariant = `"VARIANT"`

func init() {
	register(ScalarFunction, resolveParseJSON, "parse_json", "try_parse_json")
	register(ScalarFunction, resolveVariantGet, "variant_get", "try_variant_get")
	register(ScalarFunction, resolveSemiStructuredExtract, "__semi_structured_extract")
	register(ScalarFunction, resolveVariantUnary("is_variant_null", types.Boolean, false), "is_variant_null")
	register(ScalarFunction, resolveVariantUnary("schema_of_variant", types.String, true), "schema_of_variant")
	register(ScalarFunction, resolveToVariantObject, "to_variant_object")
}

func isVariantType(t types.DataType) bool {
	_, ok := t.(types.VariantType)
	return ok
}

// expectVariant checks argument i of a function that takes a VARIANT.
func expectVariant(call string, i int, arg plan.Expr) (plan.Expr, error) {
	t := plan.TypeOf(arg)
	if isVariantType(t) {
		return arg, nil
	}
	if isNullType(t) {
		return castTo(arg, types.Variant), nil
	}
	return nil, unexpectedInputType(call, i, reqVariant, arg)
}

// resolveParseJSON is parse_json(json) and try_parse_json(json). The duplicate-key
// setting rides along as a second, unnamed argument.
func resolveParseJSON(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	display := name + "(" + args[0].String() + ")"
	x, err := expectString(display, 0, args[0])
	if err != nil {
		return nil, err
	}
	allowDup := a.flag(confVariantAllowDuplicateKeys, false)
	return &plan.Call{Fn: name, Args: []plan.Expr{x, boolLiteral(allowDup)}, Type: types.Variant,
		Null: name == "try_parse_json" || plan.NullableOf(x), Form: plan.FormBare, Display: display}, nil
}

func boolLiteral(v bool) *plan.Literal {
	text := "false"
	if v {
		text = "true"
	}
	return &plan.Literal{Type: types.Boolean, Value: v, Text: text}
}

// resolveVariantGet is variant_get(v, path[, type]) and try_variant_get: type is a
// constant type string (VARIANT when absent) that a VARIANT can cast to.
func resolveVariantGet(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	var target types.DataType = types.Variant
	if len(args) == 3 {
		t, err := a.schemaArg(args[2])
		if err != nil {
			return nil, err
		}
		target = t
	}
	return variantGetCall(name, args[0], args[1], target)
}

func variantGetCall(name string, v, path plan.Expr, target types.DataType) (plan.Expr, error) {
	call := name + "(" + v.String() + ", " + path.String() + ")"
	x, err := expectVariant(call, 0, v)
	if err != nil {
		return nil, err
	}
	p, err := expectString(call, 1, path)
	if err != nil {
		return nil, err
	}
	if !variantCastable(target, true) {
		return nil, analysisError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.",
			map[string]string{"sqlExpr": `"` + call + `"`, "srcType": reqVariant, "targetType": sqlType(target)})
	}
	return &plan.Call{Fn: name, Args: []plan.Expr{x, p}, Type: types.AsNullable(target), Null: true, Display: name}, nil
}

// variantCastable is VariantGet.checkDataType: the types a VARIANT converts to and from.
func variantCastable(t types.DataType, structsAndMaps bool) bool {
	switch t := t.(type) {
	case types.CharType, types.VarcharType:
		return false
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
		types.DoubleType, types.DecimalType, types.BooleanType, types.StringType, types.BinaryType,
		types.DateType, types.TimestampType, types.TimestampNTZType, types.VariantType:
		return true
	case types.ArrayType:
		return variantCastable(t.ElementType, structsAndMaps)
	case types.MapType:
		return structsAndMaps && isStringType(t.KeyType) && variantCastable(t.ValueType, structsAndMaps)
	case *types.StructType:
		if !structsAndMaps {
			return false
		}
		for _, f := range t.Fields {
			if !variantCastable(f.DataType, structsAndMaps) {
				return false
			}
		}
		return true
	}
	return false
}

// resolveSemiStructuredExtract is x:path (ExtractSemiStructuredFields): variant_get(x,
// path) of a VARIANT column.
func resolveSemiStructuredExtract(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	if !isVariantType(plan.TypeOf(args[0])) {
		// Spark raises COLUMN_IS_NOT_VARIANT_TYPE, a class its error catalogue does not
		// define, so what reaches the user is the INTERNAL_ERROR about the missing class.
		return nil, sparkerror.InternalError("Cannot find main error class 'COLUMN_IS_NOT_VARIANT_TYPE'")
	}
	return variantGetCall("variant_get", args[0], args[1], types.Variant)
}

// resolveVariantUnary is a function of one VARIANT with a fixed result type.
func resolveVariantUnary(fn string, result types.DataType, nullable bool) resolver {
	return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		x, err := expectVariant(name+"("+args[0].String()+")", 0, args[0])
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: fn, Args: []plan.Expr{x}, Type: result, Null: nullable && plan.NullableOf(x), Display: name}, nil
	}
}

// resolveToVariantObject is to_variant_object(x) of an array, map or struct whose
// contents a VARIANT can hold.
func resolveToVariantObject(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	t := plan.TypeOf(args[0])
	ok := false
	switch t.(type) {
	case types.ArrayType, types.MapType, *types.StructType:
		ok = variantCastable(t, true)
	}
	if !ok {
		return nil, analysisError("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: cannot cast <srcType> to <targetType>.",
			map[string]string{"sqlExpr": `"` + name + "(" + args[0].String() + `)"`, "srcType": sqlType(t), "targetType": reqVariant})
	}
	return &plan.Call{Fn: "to_variant_object", Args: args, Type: types.Variant, Null: plan.NullableOf(args[0]), Display: name}, nil
}

func init() {
	register(AggregateFunction, resolveSchemaOfVariantAgg, "schema_of_variant_agg")
}

// resolveSchemaOfVariantAgg is schema_of_variant_agg(v): a non-null STRING.
func resolveSchemaOfVariantAgg(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	x, err := expectVariant(name+"("+args[0].String()+")", 0, args[0])
	if err != nil {
		return nil, err
	}
	return &plan.AggregateCall{Fn: "schema_of_variant_agg", Args: []plan.Expr{x}, Distinct: f.Distinct, Type: types.String, Display: name}, nil
}

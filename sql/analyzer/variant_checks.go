package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// VARIANT values have no ordering or equality yet: Spark's CheckAnalysis rejects them in
// comparisons (INVALID_ORDERING_TYPE), grouping expressions, DISTINCT, INTERSECT and
// EXCEPT. Maps are rejected in comparisons, DISTINCT and the set operations too, but may be
// grouped on (their entries are sorted first).

func containsVariant(t types.DataType) bool {
	return types.ExistsRecursively(t, func(d types.DataType) bool { return isVariantType(d) })
}

// unorderedComparisonError is the error of a comparison of two operands of one type that
// holds a MAP or a VARIANT (BinaryComparison's ordering check), nil otherwise. Operands of
// different types are left to the coercion, which reports BINARY_OP_DIFF_TYPES.
func unorderedComparisonError(display string, args []plan.Expr) error {
	if len(args) != 2 {
		return nil
	}
	l, r := plan.TypeOf(args[0]), plan.TypeOf(args[1])
	if !(containsVariant(l) || containsMap(l)) || !types.EqualIgnoreNullability(l, r) {
		return nil
	}
	return analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
		map[string]string{"sqlExpr": `"(` + args[0].String() + " " + display + " " + args[1].String() + `)"`,
			"functionName": "`" + display + "`", "dataType": sqlType(l)})
}

// unorderedPartitionError rejects a window PARTITION BY expression whose type holds a MAP or
// a VARIANT (CheckAnalysis: partitions are found by sorting).
func unorderedPartitionError(e plan.Expr) error {
	t := plan.TypeOf(e)
	if !containsVariant(t) && !containsMap(t) {
		return nil
	}
	return analysisError("EXPRESSION_TYPE_IS_NOT_ORDERABLE", "42822",
		"Column expression <expr> cannot be sorted because its type <exprType> is not orderable.",
		map[string]string{"expr": sqlExpr(stripAlias(e)), "exprType": sqlType(t)})
}

// variantGroupingError rejects a grouping expression of a type holding a VARIANT.
func variantGroupingError(e plan.Expr) error {
	t := plan.TypeOf(e)
	if !containsVariant(t) {
		return nil
	}
	return analysisError("GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE", "42822",
		"The expression <sqlExpr> cannot be used as a grouping expression because its data type <dataType> is not an orderable data type.",
		map[string]string{"sqlExpr": sqlExpr(stripAlias(e)), "dataType": sqlType(t)})
}

// unorderedSetOpError rejects DISTINCT, INTERSECT and EXCEPT over columns holding a MAP or a
// VARIANT, in that order, as Spark's CheckAnalysis does: neither has equality there yet
// (grouping by a map is allowed: it sorts the entries first).
func unorderedSetOpError(out []*plan.AttributeRef) error {
	for _, o := range out {
		if containsMap(o.Type) {
			return analysisError("UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE", "0A000",
				"The feature is not supported: Cannot have MAP type columns in DataFrame which calls set operations (INTERSECT, EXCEPT, etc.), but the type of column <colName> is <dataType>.",
				map[string]string{"colName": quoteID(o.Name), "dataType": sqlType(o.Type)})
		}
	}
	for _, o := range out {
		if containsVariant(o.Type) {
			return analysisError("UNSUPPORTED_FEATURE.SET_OPERATION_ON_VARIANT_TYPE", "0A000",
				"The feature is not supported: Cannot have VARIANT type columns in DataFrame which calls set operations (INTERSECT, EXCEPT, etc.), but the type of column <colName> is <dataType>.",
				map[string]string{"colName": quoteID(o.Name), "dataType": sqlType(o.Type)})
		}
	}
	return nil
}

// variantCastNullable: a cast from VARIANT can give NULL in every mode (a variant null, or
// a value of another type under try_cast).
func variantCastNullable(from, to types.DataType) bool {
	return isVariantType(from) && !isVariantType(to)
}

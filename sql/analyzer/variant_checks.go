package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// VARIANT values have no ordering or equality yet: Spark's CheckAnalysis rejects them in
// comparisons (INVALID_ORDERING_TYPE), grouping expressions, DISTINCT, INTERSECT and
// EXCEPT.

func containsVariant(t types.DataType) bool {
	return types.ExistsRecursively(t, func(d types.DataType) bool { return isVariantType(d) })
}

// variantComparisonError is the error of a comparison of two operands of one type
// holding a VARIANT (BinaryComparison's ordering check), nil otherwise.
func variantComparisonError(display string, args []plan.Expr) error {
	if len(args) != 2 {
		return nil
	}
	l, r := plan.TypeOf(args[0]), plan.TypeOf(args[1])
	if !containsVariant(l) || !types.EqualIgnoreNullability(l, r) {
		return nil
	}
	return analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
		map[string]string{"sqlExpr": `"(` + args[0].String() + " " + display + " " + args[1].String() + `)"`,
			"functionName": "`" + display + "`", "dataType": sqlType(l)})
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

// variantSetOpError rejects DISTINCT, INTERSECT and EXCEPT over columns holding a VARIANT.
func variantSetOpError(out []*plan.AttributeRef) error {
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

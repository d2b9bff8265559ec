package connect

import (
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
)

// dfCol is df["name"]: a column with the plan id of its DataFrame.
func dfCol(name string, planID int64) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedAttribute_{
		UnresolvedAttribute: &connectpb.Expression_UnresolvedAttribute{UnparsedIdentifier: name, PlanId: ptr(planID)}}}
}

func TestDataFrameColumns(t *testing.T) {
	df1 := withPlanID(tableRel("t"), 1)
	df2 := withPlanID(tableRel("u"), 2)
	joined := joinRel(df1, df2, inner, call("==", dfCol("a", 1), dfCol("a", 2)))
	runRelCases(t, []relCase{
		// Both sides have a column a: the plan id picks one, where a bare name is ambiguous.
		{name: "join on df1.a == df2.a", rel: projectRel(joined, dfCol("a", 2), dfCol("b", 1)), want: "a int, b string"},
		{name: "bare name is ambiguous", rel: projectRel(joined, col("a")), err: "AMBIGUOUS_REFERENCE"},
		// A column of a DataFrame that is not an input of the projection.
		{name: "column of another DataFrame", rel: projectRel(withPlanID(tableRel("t"), 3), dfCol("d", 2)), err: "CANNOT_RESOLVE_DATAFRAME_COLUMN"},
		// A projection in between hides the DataFrame's own attribute.
		{name: "column hidden by a projection", rel: projectRel(projectRel(df1, as(call("+", col("a"), lit(1)), "a")), dfCol("a", 1)), err: "CANNOT_RESOLVE_DATAFRAME_COLUMN"},
		{name: "filter by df column", rel: filterRel(df1, call(">", dfCol("a", 1), lit(0))), want: "a int, b string, c double"},
	})
}

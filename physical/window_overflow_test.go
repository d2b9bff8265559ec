package physical

import (
	"context"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/types"
)

// A RANGE bound over a BIGINT key that overflows fails under ANSI mode, as Spark's does
// (postgreSQL/window_part2.sql: range(9223372036854775804, 9223372036854775807) with
// "4 FOLLOWING"); without ANSI it saturates and the frame runs to the partition's end.
func TestWindowRangeBoundOverflow(t *testing.T) {
	sch := schemaOf("id", arrow.PrimitiveTypes.Int64)
	src := source(t, sch, []string{`[{"id":9223372036854775804},{"id":9223372036854775805},{"id":9223372036854775806}]`})
	id := col(0, arrow.PrimitiveTypes.Int64)
	order := []SortKey{{Expr: id, NullsFirst: true}}
	run := func(ansi bool) ([]string, error) {
		fr := rangeBetween(curRow, fol(lit(types.Integer, int32(4))))
		fr.ANSI = ansi
		w := mustWindow(t, src, nil, order, WindowFunc{Fn: "last", Args: []expr.Expr{id}, InputTypes: []types.DataType{types.Long},
			ResultType: types.Long, Frame: fr})
		return tryHiveRows(context.Background(), w, 0, 1)
	}
	if _, err := run(true); err == nil || !strings.Contains(err.Error(), "ARITHMETIC_OVERFLOW") {
		t.Fatalf("ANSI: want ARITHMETIC_OVERFLOW, got %v", err)
	}
	got, err := run(false)
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "non-ANSI saturates", got, []string{
		"9223372036854775804\t9223372036854775806", "9223372036854775805\t9223372036854775806", "9223372036854775806\t9223372036854775806"})
}

package physical

import (
	"reflect"
	"testing"

	"github.com/sailgo/sail/physical/expr"
)

// A probe row meets the build rows of its key newest first, as in Spark's hashed
// relations (a recursive CTE of LEFT JOIN steps under LIMIT shows which rows come first:
// cte-recursion.sql).
func TestHashJoinDuplicateKeyOrder(t *testing.T) {
	L := []lrow{{ip(0), 1, "a"}, {ip(1), 2, "b"}}
	R := []rrow{{ip(0), 10}, {ip(0), 11}, {ip(1), 20}, {ip(0), 12}, {ip(1), 21}}
	left, right := joinSources(t, L, R, 1, 1)
	for _, jt := range []JoinType{InnerJoin, LeftOuterJoin} {
		j, err := NewHashJoin(left, right, []expr.Expr{lid}, []expr.Expr{rid}, nil, jt, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"0|1|a|0|12", "0|1|a|0|11", "0|1|a|0|10", "1|2|b|1|21", "1|2|b|1|20"}
		if got := rows(t, j); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", jt, got, want)
		}
	}
}

package planner_test

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/physical"
)

// explain plans a query and renders its physical plan.
func explain(t *testing.T, sql string) string {
	t.Helper()
	return physical.Explain(planSQL(t, sql))
}

func TestConstantFolding(t *testing.T) {
	// Constant parts are evaluated once at planning time and show as their value.
	if got := explain(t, "SELECT id + (2 * 3) FROM range(3)"); !strings.Contains(got, "6") || strings.Contains(got, "*") {
		t.Errorf("2 * 3 was not folded:\n%s", got)
	}
	if got := explain(t, "SELECT id FROM range(3) WHERE id < length('abcd')"); strings.Contains(got, "length") {
		t.Errorf("length('abcd') was not folded:\n%s", got)
	}
	// A constant that fails under ANSI stays an expression: it fails only if a row reaches it.
	if got := run(t, "SELECT CASE WHEN id > 10 THEN 1 / 0 ELSE id END FROM range(2)"); strings.Join(got, ",") != "0,1" {
		t.Errorf("got %v", got)
	}
	// Non-deterministic functions are evaluated per row.
	if got := run(t, "SELECT count(DISTINCT rand()) FROM range(10)"); strings.Join(got, ",") != "10" {
		t.Errorf("rand() folded: %v", got)
	}
	// Folded values keep their type and nulls.
	if got := run(t, "SELECT id, DATE'2020-01-01' + 1, CAST(NULL AS INT) + 1, concat('a', 'b') FROM range(1)"); strings.Join(got, ",") != "0|2020-01-02|NULL|ab" {
		t.Errorf("got %v", got)
	}
}

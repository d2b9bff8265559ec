package planner_test

import (
	"strings"
	"testing"
)

// Seeded random calls draw from the generator of their partition (seed + index), and an
// aggregate's select list that draws them runs in one partition, as Spark's coalesced
// final aggregation does (group-by.sql, group-by-ordinal.sql, random.sql).
func TestSeededRandomPartitions(t *testing.T) {
	got := explain(t, "SELECT a, rand(0) FROM VALUES (1), (2), (3), (1) AS v(a) GROUP BY a")
	if !strings.Contains(got, "Coalesce") {
		t.Errorf("no coalesced aggregate output:\n%s", got)
	}
	if got := explain(t, "SELECT a, max(a) FROM VALUES (1), (2) AS v(a) GROUP BY a"); strings.Contains(got, "Coalesce: partitions=2\n    HashAggregate") {
		t.Errorf("coalesced without a seeded call:\n%s", got)
	}
	// VALUES spreads its rows over two partitions: row 0 in partition 0 (seed 0), rows 1
	// and 2 in partition 1 (seed 1): 17, then 16 and 15.
	if got := run(t, "SELECT uniform(10, 20, 0) FROM VALUES (0), (1), (2) AS v(c)"); strings.Join(got, ",") != "17,16,15" {
		t.Errorf("uniform over VALUES: %v", got)
	}
	// One partition draws in row order.
	if got := run(t, "SELECT rand(0) FROM range(0, 3, 1, 1)"); strings.Join(got, ",") !=
		"0.7604953758285915,0.5234194256885571,0.0953472826424725" {
		t.Errorf("rand over one partition: %v", got)
	}
}

package planner_test

import "testing"

func TestZZTmpCollate(t *testing.T) {
	t.Log(run(t, `SELECT listagg(col1, '') WITHIN GROUP (ORDER BY col1 COLLATE unicode) FROM VALUES ('a'), ('b'), ('c')`))
}

package executor

import "testing"

// Grouping on values that hold maps: Spark sorts each map's entries by key first, so maps
// with the same entries in another order are one group (group-by.sql, having.sql).
func TestGroupByMapValues(t *testing.T) {
	r := newSQLRunner(t)
	runRelationalCases(t, r, []relationalCase{
		{sql: "SELECT count(*) FROM VALUES (map(1, 2, 2, 3)), (map(2, 3, 1, 2)), (map(1, 3)) AS t(a) GROUP BY a",
			schema: "struct<count(1):bigint>", rows: "1 2"},
		{sql: "SELECT a, count(*) FROM VALUES (map(2, 'b', 1, 'a')), (map(1, 'a', 2, 'b')) AS t(a) GROUP BY a",
			schema: "struct<a:map<int,string>,count(1):bigint>", rows: "[{1 a} {2 b}],2"},
		// Spark's CheckAnalysis still rejects maps in DISTINCT and the set operations.
		{sql: "SELECT DISTINCT a FROM VALUES (map(2, 'b', 1, 'a')) AS t(a)", err: "UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE"},
		{sql: "SELECT a FROM VALUES (map(1, 2)) AS t(a) INTERSECT ALL SELECT map(1, 2)", err: "UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE"},
		{sql: "SELECT count(*) FROM VALUES (named_struct('b', array(map(1, 2, 2, 3), map(1, 3)))), (named_struct('b', array(map(2, 3, 1, 2), map(1, 3)))) AS t(a) GROUP BY a",
			schema: "struct<count(1):bigint>", rows: "2"},
		{sql: "SELECT count(*) FROM VALUES (map(1, map(1, 2, 2, 3))), (map(1, map(2, 3, 1, 2))) AS t(a) GROUP BY a",
			schema: "struct<count(1):bigint>", rows: "2"},
		{sql: "SELECT count(*) FROM VALUES (map(1, 2), 1), (map(1, 2), 2) AS t(a, b) GROUP BY ROLLUP(a, b)",
			schema: "struct<count(1):bigint>", rows: "1 1 2 2"},
		{sql: "SELECT a FROM VALUES (map(1, 2)) AS t(a) ORDER BY a", err: "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE"},
		{sql: "SELECT a = a FROM VALUES (map(1, 2)) AS t(a)", err: "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE"},
		{sql: "SELECT row_number() OVER (PARTITION BY a ORDER BY 1) FROM VALUES (map(1, 2)) AS t(a)", err: "EXPRESSION_TYPE_IS_NOT_ORDERABLE"},
	})
}

func TestRepartitionByMapValues(t *testing.T) {
	r := newSQLRunner(t)
	// Both orders of one map reach the same partition, so the per-partition count sees both.
	runRelationalCases(t, r, []relationalCase{
		{sql: "SELECT count(*) FROM (SELECT spark_partition_id() AS p FROM (SELECT * FROM VALUES (map(1, 2, 2, 3)), (map(2, 3, 1, 2)), (map(5, 6)), (map(6, 7)), (map(7, 8)) AS t(a) DISTRIBUTE BY a)) GROUP BY p HAVING count(*) >= 2",
			schema: "struct<count(1):bigint>", rows: "2"},
	})
}

// An aggregate's FILTER is applied before its arguments are evaluated: the rows it drops
// never raise errors (postgreSQL/aggregates_part3.sql).
func TestAggregateFilterBeforeArguments(t *testing.T) {
	r := newSQLRunner(t)
	runRelationalCases(t, r, []relationalCase{
		{sql: "SELECT sum(1/x) FILTER (WHERE x > 0) FROM VALUES (0), (2), (4) AS t(x)",
			schema: "struct<sum((1 / x)) FILTER (WHERE (x > 0)):double>", rows: "0.75"},
		{sql: "SELECT k, sum(10 DIV x) FILTER (WHERE x <> 0), count(*) FROM VALUES (1, 0), (1, 5), (2, 0) AS t(k, x) GROUP BY k",
			schema: "struct<k:int,sum((10 div x)) FILTER (WHERE (NOT (x = 0))):bigint,count(1):bigint>", rows: "1,2,2 2,<nil>,1"},
		{sql: "SELECT sum(1/x) FROM VALUES (0), (2) AS t(x)", err: "DIVIDE_BY_ZERO"},
	})
}

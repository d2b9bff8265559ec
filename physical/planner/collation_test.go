package planner_test

import (
	"reflect"
	"sort"
	"testing"
)

// Collated strings filter, group, deduplicate, sort, join and intersect by their
// collation, and keep their values (answers as collations-basic.sql.out gives them).
func TestCollatedOperators(t *testing.T) {
	const vals = `VALUES ('aaa'), ('AAA'), ('bbb'), ('BBB'), ('zzz'), ('ZZZ')`
	cases := []struct {
		sql    string
		want   []string
		sorted bool // compare in the order the query gives
	}{
		{`SELECT count(*) FROM (SELECT col1 COLLATE utf8_lcase AS c FROM ` + vals + `) WHERE c = 'AaA'`, []string{"2"}, false},
		{`SELECT col1 FROM ` + vals + ` WHERE col1 COLLATE utf8_lcase IN ('aAa', 'zzZ')`, []string{"AAA", "ZZZ", "aaa", "zzz"}, false},
		{`SELECT c, count(*) FROM (SELECT col1 COLLATE utf8_lcase AS c FROM ` + vals + `) GROUP BY c`,
			[]string{"aaa|2", "bbb|2", "zzz|2"}, false},
		{`SELECT c, count(*) FROM (SELECT col1 COLLATE utf8_lcase AS c FROM ` + vals + `) GROUP BY ROLLUP(c)`,
			[]string{"NULL|6", "aaa|2", "bbb|2", "zzz|2"}, false},
		{`SELECT col1 COLLATE utf8_lcase FROM ` + vals + ` UNION SELECT col1 COLLATE utf8_lcase FROM VALUES ('aaa'), ('bbb')`,
			[]string{"aaa", "bbb", "zzz"}, false},
		{`SELECT count(*) FROM (SELECT DISTINCT col1 COLLATE unicode_ci AS c FROM ` + vals + `)`, []string{"3"}, false},
		{`SELECT count(DISTINCT col1 COLLATE unicode_ci), count(DISTINCT col1) FROM ` + vals, []string{"3|6"}, false},
		{`SELECT listagg(col1, '') WITHIN GROUP (ORDER BY col1 COLLATE unicode) FROM VALUES ('b'), ('A'), ('a'), ('B')`, []string{"aAbB"}, false},
		{`SELECT col1 FROM VALUES ('b'), ('A'), ('a'), ('B') ORDER BY col1 COLLATE unicode`, []string{"a", "A", "b", "B"}, true},
		{`SELECT col1 FROM VALUES ('b'), ('A'), ('a'), ('B') ORDER BY col1`, []string{"A", "B", "a", "b"}, true},
		{`SELECT c, count(*) OVER (PARTITION BY c COLLATE utf8_lcase) FROM VALUES ('b'), ('A'), ('a'), ('B'), ('c') AS v(c)`,
			[]string{"A|2", "B|2", "a|2", "b|2", "c|1"}, false},
		{`SELECT count(*) FROM (SELECT col1 COLLATE utf8_lcase AS c FROM ` + vals + `) l JOIN (SELECT col1 COLLATE utf8_lcase AS c FROM VALUES ('AAA')) r ON l.c = r.c`,
			[]string{"2"}, false},
		{`SELECT count(*) FROM (SELECT col1 COLLATE utf8_lcase FROM ` + vals + ` INTERSECT SELECT col1 COLLATE utf8_lcase FROM VALUES ('AAA'), ('Bbb'))`,
			[]string{"2"}, false},
		{`SELECT nullif('aaa' COLLATE utf8_lcase, 'AAA' COLLATE utf8_lcase), nullif('aaa' COLLATE utf8_lcase, 'b')`, []string{"NULL|aaa"}, false},
		{`SELECT array_distinct(array('aaa' collate utf8_lcase, 'AAA' collate utf8_lcase, NULL, 'b', NULL)), ` +
			`array_union(array('aaa' collate utf8_lcase), array('AAA' collate utf8_lcase, 'c')), ` +
			`array_intersect(array('aaa' collate utf8_lcase, 'x'), array('AAA' collate utf8_lcase)), ` +
			`array_except(array('aaa' collate unicode_ci, 'x'), array('AAA' collate unicode_ci))`,
			[]string{`["aaa",null,"b"]|["aaa","c"]|["aaa"]|["x"]`}, false},
		{`SELECT least('aaa' COLLATE utf8_lcase, 'AAA' collate utf8_lcase, 'a' collate utf8_lcase), ` +
			`greatest('b' COLLATE unicode_ci, 'B', NULL, 'a'), least(CAST(NULL AS STRING) COLLATE utf8_lcase, NULL)`, []string{"a|b|NULL"}, false},
		{`SELECT replace('Spark SQL' COLLATE utf8_lcase, 'sql', 'x'), contains('Spark' COLLATE utf8_lcase, 'SPA'), instr('Spark' COLLATE utf8_lcase, 'AR')`,
			[]string{"Spark x|true|3"}, false},
		{`SELECT contains('Hello' collate unicode_ci, 'ELL'), startswith('Été' collate unicode_ci_ai, 'ete'), ` +
			`endswith('Été' collate en_ci_ai, 'TE'), contains('Hello' collate unicode, 'ELL')`, []string{"true|true|true|false"}, false},
		{`SELECT array_contains(array('aaa' collate utf8_lcase), 'AAA' collate utf8_lcase), ` +
			`array_position(array('aaa' collate utf8_lcase, 'bbb' collate utf8_lcase), 'BBB' collate utf8_lcase), ` +
			`arrays_overlap(array('aaa' collate unicode_ci), array('AAA' collate unicode_ci))`, []string{"true|2|true"}, false},
		{`SELECT find_in_set('İo', 'aaAaaAaA,i̇o ' collate utf8_lcase_rtrim), find_in_set('b' collate utf8_lcase_rtrim, 'a ,B  ,c'), ` +
			`find_in_set('b ' collate utf8_lcase, 'a,b')`, []string{"2|2|0"}, false},
		{`SELECT split_part('a1 b1 c' collate utf8_binary_rtrim, '1  ', 2), substring_index('aXbXc' collate utf8_lcase_rtrim, 'x ', -1), ` +
			`translate('Spark' collate utf8_lcase, 'SK', '12')`, []string{" b|c|1par2"}, false},
	}
	for _, c := range cases {
		got := run(t, c.sql)
		if !c.sorted {
			sort.Strings(got)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.sql, got, c.want)
		}
	}
}

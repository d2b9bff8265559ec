package executor

import (
	"reflect"
	"strings"
	"testing"
)

// DESC FUNCTION answers come from Spark's cast.sql golden file; SHOW FUNCTIONS follows
// Spark's ShowFunctionsCommand (built-ins and the listed operators are system functions).
func TestDescribeFunction(t *testing.T) {
	r := newSQLRunner(t)
	cases := []struct {
		sql  string
		want [][]any
	}{
		{"DESC FUNCTION boolean", [][]any{{"Function: boolean"}, {"Class: org.apache.spark.sql.catalyst.expressions.Cast"},
			{"Usage: boolean(expr) - Casts the value `expr` to the target data type `boolean`."}}},
		{"DESC FUNCTION EXTENDED boolean", [][]any{{"Function: boolean"}, {"Class: org.apache.spark.sql.catalyst.expressions.Cast"},
			{"Usage: boolean(expr) - Casts the value `expr` to the target data type `boolean`."},
			{"Extended Usage:\n    No example/argument for boolean.\n\n    Since: 2.0.1\n"}}},
		{"DESCRIBE FUNCTION ABS", [][]any{{"Function: abs"}, {"Class: org.apache.spark.sql.catalyst.expressions.Abs"}, {"Usage: N/A."}}},
		{"DESCRIBE FUNCTION explode", [][]any{{"Function: explode"}, {"Class: org.apache.spark.sql.catalyst.expressions.ExplodeExpressionBuilder"}, {"Usage: N/A."}}},
	}
	for _, c := range cases {
		if schema, rows, err := r.run(c.sql); err != nil || schema != "struct<function_desc:string>" || !reflect.DeepEqual(rows, c.want) {
			t.Errorf("%s = %s %q %v", c.sql, schema, rows, err)
		}
	}
	if _, _, err := r.run("DESC FUNCTION no_such_function"); err == nil || !strings.Contains(err.Error(), "UNRESOLVED_ROUTINE") {
		t.Errorf("DESC FUNCTION no_such_function: %v", err)
	}
}

func TestShowFunctions(t *testing.T) {
	r := newSQLRunner(t)
	names := func(sql string) []string {
		schema, rows, err := r.run(sql)
		if err != nil || schema != "struct<function:string>" {
			t.Fatalf("%s = %s %v", sql, schema, err)
		}
		var out []string
		for _, row := range rows {
			out = append(out, row[0].(string))
		}
		return out
	}
	if got := names("SHOW FUNCTIONS LIKE 'YEAR|to_unix_time*'"); !reflect.DeepEqual(got, []string{"to_unix_timestamp", "year"}) {
		t.Errorf("SHOW FUNCTIONS LIKE = %v", got)
	}
	if got := names("SHOW USER FUNCTIONS"); len(got) != 0 {
		t.Errorf("SHOW USER FUNCTIONS = %v", got)
	}
	all := names("SHOW FUNCTIONS")
	if sys := names("SHOW SYSTEM FUNCTIONS"); !reflect.DeepEqual(all, sys) {
		t.Errorf("SHOW FUNCTIONS and SHOW SYSTEM FUNCTIONS differ")
	}
	for _, want := range []string{"!=", "<>", "case", "||", "abs", "explode", "when", "in", "cast", "struct"} {
		found := false
		for _, n := range all {
			found = found || n == want
		}
		if !found {
			t.Errorf("SHOW FUNCTIONS lacks %q", want)
		}
	}
	for _, n := range all {
		if n == "iff" || n == "timestampadd" {
			t.Errorf("SHOW FUNCTIONS lists %q, which Spark does not register as a built-in", n)
		}
	}
}

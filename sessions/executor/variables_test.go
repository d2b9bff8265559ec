package executor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
)

// sqlRunner runs SQL statements in one session as the Spark Connect service does.
type sqlRunner struct {
	t *testing.T
	x *Executor
	s *sessions.Session
}

func newSQLRunner(t *testing.T) *sqlRunner {
	t.Helper()
	reg, err := sqlconf.NewRegistry(sqlconf.WithSessionTimeZone("UTC"))
	if err != nil {
		t.Fatal(err)
	}
	s := sessions.NewSession("user", "session", "server", sqlconf.New(reg), nil)
	t.Cleanup(s.Close)
	return &sqlRunner{t: t, x: New(slog.New(slog.NewTextHandler(io.Discard, nil))), s: s}
}

// run executes a statement and returns its schema (as in the golden files) and rows.
func (r *sqlRunner) run(sql string) (string, [][]any, error) {
	return r.runRelation(&connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: sql}}})
}

// runRelation executes a Connect relation and returns its schema and rows.
func (r *sqlRunner) runRelation(rel *connectpb.Relation) (string, [][]any, error) {
	ctx := context.Background()
	n, err := r.x.resolve(context.Background(), r.s, rel)
	if err != nil {
		return "", nil, err
	}
	if cmd, isCmd := n.(plan.Command); isCmd {
		ld, err := r.x.runCommand(ctx, r.s, cmd)
		if err != nil {
			return "", nil, err
		}
		n = ld
	}
	st := plan.Schema(n)
	batches, err := r.x.collectBatches(ctx, r.s, n, st)
	if err != nil {
		return "", nil, err
	}
	defer releaseBatches(batches)
	var rows [][]any
	for _, b := range batches {
		for i := 0; i < int(b.NumRows()); i++ {
			row := make([]any, b.NumCols())
			for c := range row {
				if row[c], err = valueAt(b.Column(c), i); err != nil {
					return "", nil, err
				}
			}
			rows = append(rows, row)
		}
	}
	schema := "struct<"
	for i, f := range st.Fields {
		if i > 0 {
			schema += ","
		}
		schema += f.Name + ":" + f.DataType.SimpleString()
	}
	return schema + ">", rows, nil
}

func (r *sqlRunner) exec(sql string) {
	r.t.Helper()
	if _, _, err := r.run(sql); err != nil {
		r.t.Fatalf("%s: %v", sql, err)
	}
}

func (r *sqlRunner) query(sql string) [][]any {
	r.t.Helper()
	_, rows, err := r.run(sql)
	if err != nil {
		r.t.Fatalf("%s: %v", sql, err)
	}
	return rows
}

func (r *sqlRunner) fails(sql, class string, params map[string]string) {
	r.t.Helper()
	_, _, err := r.run(sql)
	var se *sparkerror.Error
	if !errors.As(err, &se) || se.Class != class {
		r.t.Errorf("%s: got %v, want %s", sql, err, class)
		return
	}
	for k, v := range params {
		if se.Params[k] != v {
			r.t.Errorf("%s: parameter %s = %q, want %q", sql, k, se.Params[k], v)
		}
	}
}

func TestDeclareAndDropVariable(t *testing.T) {
	r := newSQLRunner(t)
	cases := []struct {
		setup  []string
		sql    string
		schema string
		rows   [][]any
	}{
		{[]string{"DECLARE var1 INT = 5"}, "SELECT var1", "struct<var1:int>", [][]any{{int32(5)}}},
		{[]string{"DECLARE OR REPLACE VARIABLE var1 DOUBLE"}, "SELECT typeof(var1), var1",
			"struct<typeof(variablereference(system.session.var1=CAST(NULL AS DOUBLE))):string,var1:double>", [][]any{{"double", nil}}},
		{[]string{"DECLARE OR REPLACE VARIABLE var1 = 'Hello'"}, "SELECT var1 || '!'",
			"struct<concat(variablereference(system.session.var1='Hello'), !):string>", [][]any{{"Hello!"}}},
		{[]string{"DECLARE OR REPLACE VARIABLE var1 DEFAULT NULL"}, "SELECT var1", "struct<var1:void>", [][]any{{nil}}},
		{[]string{"DECLARE OR REPLACE VARIABLE system.session.Var1 BIGINT DEFAULT 2 + 3"},
			"SELECT var1, session.var1 AS q, var1 * 2", "struct<var1:bigint,q:bigint,(variablereference(system.session.var1=5L) * 2):bigint>",
			[][]any{{int64(5), int64(5), int64(10)}}},
		{[]string{"DECLARE OR REPLACE VARIABLE var1 MAP<STRING, DOUBLE> DEFAULT MAP('Hello', 5.1)"},
			"SELECT var1", "struct<var1:map<string,double>>", [][]any{{[]plan.MapEntry{{Key: "Hello", Value: 5.1}}}}},
		{[]string{"DECLARE OR REPLACE VARIABLE var1 ARRAY<INT> DEFAULT array(1, 2, 4)"},
			"SELECT var1[1]", "struct<variablereference(system.session.var1=ARRAY(1, 2, 4))[1]:int>", [][]any{{int32(2)}}},
		{[]string{"DECLARE VARIABLE a, b, c DEFAULT 7"}, "SELECT a + b + c", "struct<((variablereference(system.session.a=7) + variablereference(system.session.b=7)) + variablereference(system.session.c=7)):int>",
			[][]any{{int32(21)}}},
		// Columns win over variables.
		{[]string{"DECLARE OR REPLACE VARIABLE var1 INT DEFAULT 1"}, "SELECT var1 FROM VALUES (2) AS T(var1)", "struct<var1:int>", [][]any{{int32(2)}}},
		{nil, "SELECT session.var1 FROM VALUES (2) AS T(var1)", "struct<var1:int>", [][]any{{int32(1)}}},
		{[]string{"DROP TEMPORARY VARIABLE var1", "DROP TEMPORARY VARIABLE IF EXISTS var1"}, "SELECT 1", "struct<1:int>", [][]any{{int32(1)}}},
	}
	for _, c := range cases {
		for _, s := range c.setup {
			r.exec(s)
		}
		schema, rows, err := r.run(c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if schema != c.schema || !reflect.DeepEqual(rows, c.rows) {
			t.Errorf("%s:\n got %s %v\nwant %s %v", c.sql, schema, rows, c.schema, c.rows)
		}
	}
	for _, s := range []string{"DECLARE v INT", "DECLARE OR REPLACE v STRING"} {
		if schema, rows, err := r.run(s); err != nil || schema != "struct<>" || len(rows) != 0 {
			t.Errorf("%s: got %s %v %v, want no columns and no rows", s, schema, rows, err)
		}
	}
	r.fails("SELECT var1", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", nil)
	r.fails("DROP TEMPORARY VARIABLE var1", "VARIABLE_NOT_FOUND", map[string]string{"variableName": "`system`.`session`.`var1`"})
	r.fails("DECLARE v INT", "VARIABLE_ALREADY_EXISTS", map[string]string{"variableName": "`system`.`session`.`v`"})
	r.fails("DECLARE x, y, X INT", "DUPLICATE_VARIABLE_NAME_INSIDE_DECLARE", map[string]string{"variableName": "`system`.`session`.`x`"})
	r.fails("DECLARE OR REPLACE VARIABLE builtin.var1 INT", "UNRESOLVED_VARIABLE",
		map[string]string{"variableName": "`builtin`.`var1`", "searchPath": "`system`.`session`"})
	r.fails("DECLARE OR REPLACE VARIABLE var1 INT DEFAULT (SELECT 1)", "INVALID_DEFAULT_VALUE.SUBQUERY_EXPRESSION",
		map[string]string{"colName": "`system`.`session`.`var1`", "defaultValue": "(SELECT 1)", "statement": "DECLARE VARIABLE"})
	r.fails("DECLARE OR REPLACE VARIABLE var1 INT DEFAULT 'hello'", "CAST_INVALID_INPUT", nil)
	r.fails("DECLARE OR REPLACE VARIABLE var1 SMALLINT DEFAULT 100000", "CAST_OVERFLOW", nil)
	r.fails("SET v = 5", "UNSUPPORTED_FEATURE.SET_VARIABLE_USING_SET", map[string]string{"variableName": "`v`"})
	r.fails("SET sYstem.session.v = 5", "UNSUPPORTED_FEATURE.SET_VARIABLE_USING_SET", map[string]string{"variableName": "`sYstem`.`session`.`v`"})
	r.exec("SET x.session.v = 5")
	r.fails("CREATE VIEW pv AS SELECT v AS c", "INVALID_TEMP_OBJ_REFERENCE",
		map[string]string{"objName": "`spark_catalog`.`default`.`pv`", "tempObj": "VARIABLE", "tempObjName": "`v`"})
	r.exec("CREATE TEMPORARY VIEW tv AS SELECT v AS c")
}

func TestSetVariable(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("DECLARE var1 INT DEFAULT 5")
	r.exec("DECLARE var2 STRING DEFAULT 'hello'")
	r.exec("DECLARE var3 DOUBLE DEFAULT 2")
	cases := []struct {
		set  string
		want []any // var1, var2, var3 afterwards
	}{
		{"SET VARIABLE var1 = 6, var2 = 'world', var3 = -1", []any{int32(6), "world", -1.0}},
		// Every value reads the variables as they were before the statement.
		{"SET VAR var1 = var3, var2 = ascii(var1), var3 = var1", []any{int32(-1), "54", 6.0}},
		{"SET VAR var1 = (SELECT c1 FROM VALUES (1.0) AS T(c1))", []any{int32(1), "54", 6.0}},
		{"SET VAR var1 = (SELECT c1 FROM VALUES (1) AS T(c1) WHERE 1 = 0)", []any{nil, "54", 6.0}},
		{"SET VARIABLE (var1, var2) = (SELECT c1, c2 FROM VALUES (10, 11) AS T(c1, c2))", []any{int32(10), "11", 6.0}},
		{"SET VARIABLE (var1, var2, var3) = (SELECT 1, 2, 3 WHERE 1 = 0)", []any{nil, nil, nil}},
		{"SET VARIABLE var1 = DEFAULT, var2 = DEFAULT", []any{int32(5), "hello", nil}},
		{"SET VARIABLE (var2) = (SELECT DEFAULT FROM VALUES ('world') AS T(default))", []any{int32(5), "world", nil}},
		{"SET VARIABLE (var2, var3) = (SELECT DEFAULT, DEFAULT FROM VALUES (1) AS T(c1) LIMIT 1)", []any{int32(5), "hello", 2.0}},
		{"SET VARIABLE (var1) = (VALUES (DEFAULT))", []any{int32(5), "hello", 2.0}},
	}
	for _, c := range cases {
		r.exec(c.set)
		got := r.query("SELECT var1, var2, var3")
		if !reflect.DeepEqual(got, [][]any{c.want}) {
			t.Errorf("%s: variables are %v, want %v", c.set, got, c.want)
		}
	}
	r.fails("SET VARIABLE var1 = 1, var2 = 'x', vAr1 = 2", "DUPLICATE_ASSIGNMENTS", map[string]string{"nameList": "`var1`"})
	r.fails("SET VARIABLE (var1, var2, var1) = (SELECT 1, 2, 3, 4)", "DUPLICATE_ASSIGNMENTS", map[string]string{"nameList": "`var1`"})
	r.fails("SET VARIABLE (var1, var2) = (SELECT 1)", "ASSIGNMENT_ARITY_MISMATCH", map[string]string{"numExpr": "1", "numTarget": "2"})
	r.fails("SET VARIABLE (var1) = (SELECT c FROM VALUES (1), (2) AS T(c))", "ROW_SUBQUERY_TOO_MANY_ROWS", nil)
	r.fails("SET VARIABLE var1 = (SELECT c1 FROM VALUES (1.0E10) AS T(c1))", "CAST_OVERFLOW", nil)
	r.fails("SET VARIABLE var1 = 'hello'", "CAST_INVALID_INPUT", nil)
	r.fails("SET VARIABLE var2 = 'a' || DEFAULT", "DEFAULT_PLACEMENT_INVALID", nil)
	r.fails("SET VARIABLE (var1) = (SELECT DEFAULT + 1 FROM VALUES (1) AS T(c1))", "DEFAULT_PLACEMENT_INVALID", nil)
	r.fails("SET VARIABLE ses.var1 = 1", "UNRESOLVED_VARIABLE", map[string]string{"variableName": "`ses`.`var1`", "searchPath": "`SYSTEM`.`SESSION`"})
	r.fails("SET VARIABLE nope = 1", "UNRESOLVED_VARIABLE", map[string]string{"variableName": "`nope`"})
	// A failed assignment leaves the variables as they were.
	if got := r.query("SELECT var1"); !reflect.DeepEqual(got, [][]any{{int32(5)}}) {
		t.Errorf("var1 after failed assignments: %v", got)
	}
}

func TestExecuteImmediate(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TEMPORARY VIEW tv AS SELECT * FROM VALUES (10, 'name1'), (20, 'name2'), (30, 'name3') AS tv(id, name)")
	r.exec("DECLARE sql_string STRING DEFAULT 'SELECT id FROM tv WHERE name = ? OR name = ?'")
	r.exec("DECLARE a STRING DEFAULT 'name1'")
	r.exec("DECLARE res INT")
	r.exec("DECLARE p = 20")
	cases := []struct {
		sql    string
		schema string
		rows   [][]any
	}{
		{"EXECUTE IMMEDIATE 'SELECT 42 AS x'", "struct<x:int>", [][]any{{int32(42)}}},
		{"EXECUTE IMMEDIATE sql_string USING a, 'name3'", "struct<id:int>", [][]any{{int32(10)}, {int32(30)}}},
		{"EXECUTE IMMEDIATE 'SELECT id FROM tv WHERE name = :first OR id = :second' USING 20 AS second, 'name3' AS first",
			"struct<id:int>", [][]any{{int32(20)}, {int32(30)}}},
		// A bare variable argument is named after the variable.
		{"EXECUTE IMMEDIATE 'SELECT id FROM tv WHERE id = :p' USING p", "struct<id:int>", [][]any{{int32(20)}}},
		{"EXECUTE IMMEDIATE 'SELECT typeof(:p) AS t, :p AS v' USING 5S AS p", "struct<t:string,v:smallint>", [][]any{{"smallint", int16(5)}}},
		{"EXECUTE IMMEDIATE 'SELECT :p AS v' USING ARRAY(1, 2) AS p", "struct<v:array<int>>", [][]any{{[]any{int32(1), int32(2)}}}},
		{"EXECUTE IMMEDIATE 'SELECT ?' USING map('k', 1)", "struct<map(k, 1):map<string,int>>", [][]any{{[]plan.MapEntry{{Key: "k", Value: int32(1)}}}}},
		{"EXECUTE IMMEDIATE 'SELECT ?' USING concat(a, '!')", "struct<name1!:string>", [][]any{{"name1!"}}},
		{"EXECUTE IMMEDIATE 'EXECUTE IMMEDIATE ''SELECT ? AS y'' USING 7'", "struct<y:int>", [][]any{{int32(7)}}},
		{"EXECUTE IMMEDIATE 'SET VAR a = ?' USING 'name2'", "struct<>", nil},
		{"SELECT a", "struct<a:string>", [][]any{{"name2"}}},
		{"EXECUTE IMMEDIATE 'SELECT id FROM tv WHERE name = ?' INTO res USING 'name3'", "struct<>", nil},
		{"SELECT res", "struct<res:int>", [][]any{{int32(30)}}},
		{"EXECUTE IMMEDIATE 'SELECT 1 WHERE 1 = 0' INTO res", "struct<>", nil},
		{"SELECT res", "struct<res:int>", [][]any{{nil}}},
		{"EXECUTE IMMEDIATE 'SELECT id, name FROM tv WHERE id = ?' INTO res, a USING 10", "struct<>", nil},
		{"SELECT res, a", "struct<res:int,a:string>", [][]any{{int32(10), "name1"}}},
	}
	for _, c := range cases {
		schema, rows, err := r.run(c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if schema != c.schema || !reflect.DeepEqual(rows, c.rows) {
			t.Errorf("%s:\n got %s %v\nwant %s %v", c.sql, schema, rows, c.schema, c.rows)
		}
	}
	r.fails("EXECUTE IMMEDIATE 'SELECT id FROM tv' INTO res", "ROW_SUBQUERY_TOO_MANY_ROWS", nil)
	r.fails("EXECUTE IMMEDIATE 'SELECT id, name FROM tv' INTO res", "ASSIGNMENT_ARITY_MISMATCH", map[string]string{"numExpr": "2", "numTarget": "1"})
	r.fails("EXECUTE IMMEDIATE 'SELECT 1, 2' INTO res, res", "DUPLICATE_ASSIGNMENTS", map[string]string{"nameList": "`res`"})
	r.fails("EXECUTE IMMEDIATE 'SELECT ''x''' INTO res", "CAST_INVALID_INPUT", nil)
	r.fails("EXECUTE IMMEDIATE 'SET VAR a = 1' INTO res", "INVALID_STATEMENT_FOR_EXECUTE_INTO", map[string]string{"sqlString": "SET VAR A = 1"})
	r.fails("EXECUTE IMMEDIATE 'SELECT ? = :first' USING 1, 2 AS first", "INVALID_QUERY_MIXED_QUERY_PARAMETERS", nil)
	r.fails("EXECUTE IMMEDIATE 'SELECT :first' USING 2, 3", "ALL_PARAMETERS_MUST_BE_NAMED", map[string]string{"exprs": `"2", "3"`})
	r.fails("EXECUTE IMMEDIATE 'SELECT ?' USING (SELECT 1)", "UNSUPPORTED_EXPR_FOR_PARAMETER", map[string]string{"invalidExprSql": `"scalarsubquery()"`})
	r.fails("EXECUTE IMMEDIATE 'SELECT ?' USING id", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", nil)
	r.fails("EXECUTE IMMEDIATE res", "INVALID_EXPR_TYPE_FOR_QUERY_EXECUTE_IMMEDIATE", map[string]string{"exprType": `"INT"`})
	r.exec("SET VAR sql_string = NULL")
	r.fails("EXECUTE IMMEDIATE sql_string", "NULL_QUERY_STRING_EXECUTE_IMMEDIATE", map[string]string{"varName": "`sql_string`"})
	r.exec("DECLARE self = 'EXECUTE IMMEDIATE self'")
	r.fails("EXECUTE IMMEDIATE self", "NESTED_EXECUTE_IMMEDIATE", map[string]string{"sqlString": "EXECUTE IMMEDIATE SELF"})
	r.exec("SET VAR sql_string = 5")
	r.fails("EXECUTE IMMEDIATE sql_string", "PARSE_SYNTAX_ERROR", nil)
}

func TestValueAtRoundTrip(t *testing.T) {
	// Values of every kind survive a variable: declared, read back through a query.
	r := newSQLRunner(t)
	cases := []struct {
		decl string
		want any
	}{
		{"BOOLEAN DEFAULT true", true},
		{"TINYINT DEFAULT 5", int8(5)},
		{"DECIMAL(5, 2) DEFAULT 123.45", plan.Decimal{Digits: "12345", Scale: 2}},
		{"DATE DEFAULT DATE '2023-12-25'", int32(19716)},
		{"TIMESTAMP DEFAULT TIMESTAMP '1970-01-01 00:00:01'", int64(1000000)},
		{"BINARY DEFAULT X'01FF'", []byte{1, 255}},
		{"INTERVAL DAY DEFAULT INTERVAL '3' DAY", int64(3 * 86400 * 1000000)},
		{"STRUCT<a: INT, b: STRING> DEFAULT named_struct('a', 1, 'b', 'x')", []any{int32(1), "x"}},
		{"VARCHAR(5) DEFAULT 'ab'", "ab"},
		{"INTERVAL YEAR TO MONTH DEFAULT INTERVAL '1-2' YEAR TO MONTH", int32(14)},
		{"TIMESTAMP_NTZ DEFAULT TIMESTAMP_NTZ '1970-01-01 00:00:02'", int64(2000000)},
		{"ARRAY<STRUCT<x: DOUBLE>> DEFAULT array(named_struct('x', 1.5D), NULL)", []any{[]any{1.5}, nil}},
		{"MAP<INT, ARRAY<STRING>> DEFAULT map(1, array('a', NULL))", []plan.MapEntry{{Key: int32(1), Value: []any{"a", nil}}}},
	}
	for i, c := range cases {
		name := fmt.Sprintf("v%d", i)
		r.exec("DECLARE " + name + " " + c.decl)
		got := r.query("SELECT " + name)
		if !reflect.DeepEqual(got, [][]any{{c.want}}) {
			t.Errorf("%s: got %#v, want %#v", c.decl, got, c.want)
		}
	}
}

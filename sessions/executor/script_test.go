package executor

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// script runs a SQL script as spark.sql does and returns the schema and rows of its result.
func (r *sqlRunner) script(ctx context.Context, text string) (string, [][]any, error) {
	rel := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: text}}}
	ld, isScript, err := r.x.sqlScript(ctx, r.s, rel)
	if !isScript {
		r.t.Fatalf("not run as a script: %s", text)
	}
	if err != nil {
		return "", nil, err
	}
	return schemaString(ld), localRows(r.t, ld), nil
}

func schemaString(ld *plan.LocalData) string {
	var b strings.Builder
	b.WriteString("struct<")
	for i, f := range ld.Schema.Fields {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(f.Name + ":" + f.DataType.SimpleString())
	}
	return b.String() + ">"
}

func localRows(t *testing.T, ld *plan.LocalData) [][]any {
	t.Helper()
	var rows [][]any
	for _, b := range ld.Batches {
		for i := 0; i < int(b.NumRows()); i++ {
			row := make([]any, b.NumCols())
			for c := range row {
				v, err := valueAt(b.Column(c), i)
				if err != nil {
					t.Fatal(err)
				}
				row[c] = v
			}
			rows = append(rows, row)
		}
	}
	return rows
}

type scriptCase struct {
	name   string
	script string
	schema string
	rows   [][]any
	err    string // the error class expected instead of a result
	params map[string]string
}

func runScriptCases(t *testing.T, r *sqlRunner, cases []scriptCase) {
	t.Helper()
	for _, c := range cases {
		schema, rows, err := r.script(context.Background(), c.script)
		if c.err != "" {
			var se *sparkerror.Error
			if !errors.As(err, &se) || se.Class != c.err {
				t.Errorf("%s: got %v (%s %v), want error %s", c.name, err, schema, rows, c.err)
				continue
			}
			for k, v := range c.params {
				if se.Params[k] != v {
					t.Errorf("%s: parameter %s = %q, want %q", c.name, k, se.Params[k], v)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if schema != c.schema || !reflect.DeepEqual(rows, c.rows) {
			t.Errorf("%s: got %s %v, want %s %v", c.name, schema, rows, c.schema, c.rows)
		}
	}
}

func TestScriptResult(t *testing.T) {
	r := newSQLRunner(t)
	runScriptCases(t, r, []scriptCase{
		{name: "empty", script: "BEGIN END", schema: "struct<>"},
		{name: "empty with semicolon", script: "-- a script\nBEGIN\nEND;", schema: "struct<>"},
		{name: "last result", script: "BEGIN SELECT 1; SELECT 2 AS b, 'x' AS c; END", schema: "struct<b:int,c:string>", rows: [][]any{{int32(2), "x"}}},
		{name: "commands are no result", script: "BEGIN DECLARE x INT; SELECT 1 AS a; SET x = 1; END", schema: "struct<a:int>", rows: [][]any{{int32(1)}}},
		{name: "no result", script: "BEGIN DECLARE x INT; SET x = 1; END", schema: "struct<>"},
		{name: "values", script: "BEGIN VALUES ('a'), ('b'); END", schema: "struct<col1:string>", rows: [][]any{{"a"}, {"b"}}},
		{name: "not atomic", script: "BEGIN NOT ATOMIC SELECT 3 AS x; END", schema: "struct<x:int>", rows: [][]any{{int32(3)}}},
	})
}

func TestScriptControlFlow(t *testing.T) {
	r := newSQLRunner(t)
	runScriptCases(t, r, []scriptCase{
		{name: "if", script: "BEGIN IF 1 = 1 THEN SELECT 42; END IF; END", schema: "struct<42:int>", rows: [][]any{{int32(42)}}},
		{name: "if elseif", script: `BEGIN
  IF 1 = 2 THEN SELECT 1 AS r; ELSEIF 1 = 1 THEN SELECT 2 AS r; ELSE SELECT 3 AS r; END IF;
END`, schema: "struct<r:int>", rows: [][]any{{int32(2)}}},
		{name: "if else", script: `BEGIN
  IF 1 = 2 THEN SELECT 1 AS r; ELSEIF CAST(NULL AS BOOLEAN) THEN SELECT 2 AS r; ELSE SELECT 3 AS r; END IF;
END`, schema: "struct<r:int>", rows: [][]any{{int32(3)}}},
		{name: "if not taken", script: "BEGIN SELECT 7 AS r; IF 1 = 2 THEN SELECT 1 AS r; END IF; END", schema: "struct<r:int>", rows: [][]any{{int32(7)}}},
		{name: "searched case", script: `BEGIN
  CASE WHEN 1 = 2 THEN SELECT 1 AS r; WHEN 2 = 2 THEN SELECT 2 AS r; WHEN 3 = 3 THEN SELECT 3 AS r; END CASE;
END`, schema: "struct<r:int>", rows: [][]any{{int32(2)}}},
		{name: "searched case else", script: `BEGIN
  CASE WHEN 1 = 2 THEN SELECT 1 AS r; ELSE SELECT 9 AS r; END CASE;
END`, schema: "struct<r:int>", rows: [][]any{{int32(9)}}},
		{name: "simple case", script: `BEGIN
  DECLARE x INT DEFAULT 2;
  CASE x + 1 WHEN 1 THEN SELECT 'one' AS r; WHEN 3 THEN SELECT 'three' AS r; ELSE SELECT 'other' AS r; END CASE;
END`, schema: "struct<r:string>", rows: [][]any{{"three"}}},
		{name: "simple case compare with null", script: `BEGIN
  DECLARE x INT;
  CASE x WHEN NULL THEN SELECT 'null' AS r; ELSE SELECT 'else' AS r; END CASE;
END`, schema: "struct<r:string>", rows: [][]any{{"else"}}},
		{name: "while", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE s STRING DEFAULT '';
  WHILE i < 3 DO
    SET s = s || i;
    SET i = i + 1;
  END WHILE;
  SELECT s, i;
END`, schema: "struct<s:string,i:int>", rows: [][]any{{"012", int32(3)}}},
		{name: "while not entered", script: `BEGIN
  DECLARE i INT DEFAULT 5;
  WHILE i < 3 DO SET i = i + 1; END WHILE;
  SELECT i;
END`, schema: "struct<i:int>", rows: [][]any{{int32(5)}}},
		{name: "repeat runs once", script: `BEGIN
  DECLARE i INT DEFAULT 5;
  REPEAT SET i = i + 1; UNTIL true END REPEAT;
  SELECT i;
END`, schema: "struct<i:int>", rows: [][]any{{int32(6)}}},
		{name: "repeat", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  REPEAT SET i = i + 2; UNTIL i >= 7 END REPEAT;
  SELECT i;
END`, schema: "struct<i:int>", rows: [][]any{{int32(8)}}},
		{name: "loop with leave", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  lbl: LOOP
    SET i = i + 1;
    IF i > 4 THEN LEAVE lbl; END IF;
  END LOOP lbl;
  SELECT i;
END`, schema: "struct<i:int>", rows: [][]any{{int32(5)}}},
		{name: "iterate while", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE s STRING DEFAULT '';
  lbl: WHILE i < 5 DO
    SET i = i + 1;
    IF i % 2 = 0 THEN ITERATE lbl; END IF;
    SET s = s || i;
  END WHILE;
  SELECT s;
END`, schema: "struct<s:string>", rows: [][]any{{"135"}}},
		{name: "iterate repeat tests the condition", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  lbl: REPEAT
    SET i = i + 1;
    ITERATE lbl;
    SET i = 100;
  UNTIL i >= 3 END REPEAT;
  SELECT i;
END`, schema: "struct<i:int>", rows: [][]any{{int32(3)}}},
		{name: "iterate loop", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE s STRING DEFAULT '';
  lbl: LOOP
    SET i = i + 1;
    IF i > 5 THEN LEAVE lbl; END IF;
    IF i = 3 THEN ITERATE lbl; END IF;
    SET s = s || i;
  END LOOP;
  SELECT s;
END`, schema: "struct<s:string>", rows: [][]any{{"1245"}}},
		{name: "leave outer loop from nested loops", script: `BEGIN
  DECLARE n INT DEFAULT 0;
  outer_lbl: WHILE true DO
    inner_lbl: REPEAT
      SET n = n + 1;
      IF n = 3 THEN LEAVE outer_lbl; END IF;
    UNTIL false END REPEAT;
  END WHILE;
  SELECT n;
END`, schema: "struct<n:int>", rows: [][]any{{int32(3)}}},
		{name: "iterate outer loop", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE s STRING DEFAULT '';
  outer_lbl: WHILE i < 3 DO
    SET i = i + 1;
    inner_lbl: LOOP
      SET s = s || i;
      ITERATE outer_lbl;
    END LOOP;
  END WHILE;
  SELECT s;
END`, schema: "struct<s:string>", rows: [][]any{{"123"}}},
		{name: "leave compound", script: `BEGIN
  DECLARE s STRING DEFAULT 'a';
  lbl: BEGIN
    SET s = s || 'b';
    LEAVE lbl;
    SET s = s || 'x';
  END;
  SELECT s || 'c' AS s;
END`, schema: "struct<s:string>", rows: [][]any{{"abc"}}},
		{name: "nested compounds in loop, leave inner", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE s STRING DEFAULT '';
  WHILE i < 2 DO
    SET i = i + 1;
    inner_lbl: BEGIN
      SET s = s || 'a';
      LEAVE inner_lbl;
      SET s = s || 'x';
    END;
    SET s = s || 'b';
  END WHILE;
  SELECT s;
END`, schema: "struct<s:string>", rows: [][]any{{"abab"}}},
		{name: "for with variable", script: `BEGIN
  DECLARE total INT DEFAULT 0;
  DECLARE names STRING DEFAULT '';
  FOR r AS SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, 'c') AS t(n, name) DO
    SET total = total + r.n;
    SET names = names || name;
  END FOR;
  SELECT total, names;
END`, schema: "struct<total:int,names:string>", rows: [][]any{{int32(6), "abc"}}},
		{name: "for without variable, last result", script: `BEGIN
  FOR SELECT 1 AS x UNION ALL SELECT 2 DO
    SELECT x * 10 AS y;
  END FOR;
END`, schema: "struct<y:int>", rows: [][]any{{int32(20)}}},
		{name: "for integer column", script: "BEGIN FOR x AS SELECT 1 DO SELECT x.`1`; END FOR; END", schema: "struct<1:int>", rows: [][]any{{int32(1)}}},
		{name: "for empty query", script: `BEGIN
  SELECT 'before' AS r;
  FOR x AS SELECT 1 AS a WHERE false DO SELECT 'inside' AS r; END FOR;
END`, schema: "struct<r:string>", rows: [][]any{{"before"}}},
		{name: "for with leave and iterate", script: `BEGIN
  DECLARE s STRING DEFAULT '';
  lbl: FOR r AS SELECT id FROM range(10) DO
    IF r.id = 2 THEN ITERATE lbl; END IF;
    IF r.id = 5 THEN LEAVE lbl; END IF;
    SET s = s || r.id;
  END FOR;
  SELECT s;
END`, schema: "struct<s:string>", rows: [][]any{{"0134"}}},
		{name: "nested for", script: `BEGIN
  DECLARE s STRING DEFAULT '';
  FOR a AS SELECT id AS x FROM range(2) DO
    FOR b AS SELECT id AS y FROM range(2) DO
      SET s = s || a.x || b.y || ' ';
    END FOR;
  END FOR;
  SELECT s;
END`, schema: "struct<s:string>", rows: [][]any{{"00 01 10 11 "}}},
		{name: "invalid boolean condition", script: "BEGIN IF 1 THEN SELECT 1; END IF; END", err: "INVALID_BOOLEAN_STATEMENT",
			params: map[string]string{"invalidStatement": "1"}},
		{name: "null is not a boolean condition", script: "BEGIN IF NULL THEN SELECT 1; END IF; END", err: "INVALID_BOOLEAN_STATEMENT",
			params: map[string]string{"invalidStatement": "NULL"}},
		{name: "invalid boolean while", script: "BEGIN WHILE 'abc' DO SELECT 1; END WHILE; END", err: "INVALID_BOOLEAN_STATEMENT",
			params: map[string]string{"invalidStatement": "'ABC'"}},
	})
}

func TestScriptLocalVariables(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("DECLARE VARIABLE sessionvar INT DEFAULT 0")
	runScriptCases(t, r, []scriptCase{
		{name: "declare and read", script: "BEGIN DECLARE localVar = 1; SELECT localVar; END", schema: "struct<localVar:int>", rows: [][]any{{int32(1)}}},
		{name: "case insensitive", script: "BEGIN lbl: BEGIN DECLARE localVar = 1; SELECT LOCALVAR, LBL.localVar; END; END",
			schema: "struct<LOCALVAR:int,localVar:int>", rows: [][]any{{int32(1), int32(1)}}},
		{name: "several at once", script: "BEGIN lbl: BEGIN DECLARE a, b INT DEFAULT 5; SELECT a + b; END; END",
			schema: "struct<(variablereference(local.lbl.a=5) + variablereference(local.lbl.b=5)):int>", rows: [][]any{{int32(10)}}},
		{name: "inner scope shadows", script: `BEGIN
  DECLARE localVar = 1;
  lbl: BEGIN
    DECLARE localVar = 2;
    SELECT localVar;
  END;
  SELECT localVar AS outer_value;
END`, schema: "struct<outer_value:int>", rows: [][]any{{int32(1)}}},
		{name: "qualified by label", script: `BEGIN
  l1: BEGIN
    DECLARE v = 1;
    l2: BEGIN
      DECLARE v = 2;
      SELECT l1.v AS a, l2.v AS b, v AS c;
    END;
  END;
END`, schema: "struct<a:int,b:int,c:int>", rows: [][]any{{int32(1), int32(2), int32(2)}}},
		{name: "local over session", script: "BEGIN DECLARE sessionvar = 5; SELECT sessionvar, session.sessionvar AS s, system.session.sessionvar AS ss; END",
			schema: "struct<sessionvar:int,s:int,ss:int>", rows: [][]any{{int32(5), int32(0), int32(0)}}},
		{name: "set local", script: `BEGIN
  lbl: BEGIN
    DECLARE v INT = 1;
    SET v = v + 1;
    SET lbl.v = lbl.v * 10;
    SELECT v;
  END;
END`, schema: "struct<v:int>", rows: [][]any{{int32(20)}}},
		{name: "set outer from nested", script: `BEGIN
  DECLARE v INT = 1;
  BEGIN
    SET v = 5;
  END;
  SELECT v;
END`, schema: "struct<v:int>", rows: [][]any{{int32(5)}}},
		{name: "set casts to the variable's type", script: "BEGIN DECLARE v INT; SET v = '42'; SELECT typeof(v) AS t, v; END",
			schema: "struct<t:string,v:int>", rows: [][]any{{"int", int32(42)}}},
		{name: "set from a query", script: `BEGIN
  DECLARE a INT; DECLARE b STRING;
  SET (a, b) = (SELECT 7, 'x');
  SELECT a, b;
END`, schema: "struct<a:int,b:string>", rows: [][]any{{int32(7), "x"}}},
		{name: "set session variable", script: "BEGIN SET sessionvar = 9; SELECT sessionvar; END", schema: "struct<sessionvar:int>", rows: [][]any{{int32(9)}}},
		{name: "set default", script: "BEGIN DECLARE v INT DEFAULT 3; SET v = 10; SET v = DEFAULT; SELECT v; END", schema: "struct<v:int>", rows: [][]any{{int32(3)}}},
		{name: "default reads earlier variables", script: "BEGIN DECLARE a INT DEFAULT 2; DECLARE b INT DEFAULT a * 3; SELECT b; END",
			schema: "struct<b:int>", rows: [][]any{{int32(6)}}},
		{name: "duplicate assignment", script: "BEGIN DECLARE v INT; SET v = 1, v = 2; END", err: "DUPLICATE_ASSIGNMENTS",
			params: map[string]string{"nameList": "`v`"}},
		{name: "local and session of one name are two targets", script: "BEGIN DECLARE sessionvar INT; SET sessionvar = 1, session.sessionvar = 2; SELECT sessionvar; END",
			schema: "struct<sessionvar:int>", rows: [][]any{{int32(1)}}},
		{name: "unresolved target", script: "BEGIN SET nosuchvar = 1; END", err: "UNRESOLVED_VARIABLE",
			params: map[string]string{"variableName": "`nosuchvar`", "searchPath": "`SYSTEM`.`SESSION`"}},
		{name: "out of scope", script: "BEGIN lbl: BEGIN DECLARE localVar = 1; END; SELECT localVar; END", err: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
			params: map[string]string{"objectName": "`localVar`"}},
		{name: "out of scope qualified", script: "BEGIN lbl: BEGIN DECLARE localVar = 1; END; SELECT lbl.localVar; END", err: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
			params: map[string]string{"objectName": "`lbl`.`localVar`"}},
		{name: "declare qualified", script: "BEGIN lbl: BEGIN DECLARE lbl.localVar = 1; END; END", err: "INVALID_VARIABLE_DECLARATION.QUALIFIED_LOCAL_VARIABLE",
			params: map[string]string{"varName": "`lbl`.`localVar`"}},
		{name: "declare or replace", script: "BEGIN DECLARE OR REPLACE localVar = 1; END", err: "INVALID_VARIABLE_DECLARATION.REPLACE_LOCAL_VARIABLE",
			params: map[string]string{"varName": "`localVar`"}},
		{name: "declare twice", script: "BEGIN lbl: BEGIN DECLARE localVar = 1; DECLARE localVar = 2; END; END", err: "VARIABLE_ALREADY_EXISTS",
			params: map[string]string{"variableName": "`lbl`.`localvar`"}},
		{name: "declare twice in one statement", script: "BEGIN lbl: BEGIN DECLARE a, a INT; END; END", err: "DUPLICATE_VARIABLE_NAME_INSIDE_DECLARE",
			params: map[string]string{"variableName": "`lbl`.`a`"}},
		{name: "drop", script: "BEGIN DECLARE localVar = 1; DROP TEMPORARY VARIABLE localVar; END", err: "UNSUPPORTED_FEATURE.SQL_SCRIPTING_DROP_TEMPORARY_VARIABLE"},
	})
	// The script's variables are gone, the session's variable keeps what the script set.
	r.fails("SELECT localVar", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", nil)
	if got := r.query("SELECT sessionvar"); !reflect.DeepEqual(got, [][]any{{int32(2)}}) {
		t.Errorf("session variable after the scripts: %v", got)
	}
}

func TestScriptExecuteImmediate(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("DECLARE VARIABLE testVar = 0")
	runScriptCases(t, r, []scriptCase{
		{name: "using a local variable", script: "BEGIN DECLARE testVar = 5; EXECUTE IMMEDIATE 'SELECT ?' USING testVar; END",
			schema: "struct<5:int>", rows: [][]any{{int32(5)}}},
		{name: "into a local variable", script: "BEGIN DECLARE localVar = 1; EXECUTE IMMEDIATE 'SELECT 5' INTO localVar; SELECT localVar; END",
			schema: "struct<localVar:int>", rows: [][]any{{int32(5)}}},
		{name: "text from a local variable", script: "BEGIN DECLARE q STRING DEFAULT 'SELECT 7 AS seven'; EXECUTE IMMEDIATE q; END",
			schema: "struct<seven:int>", rows: [][]any{{int32(7)}}},
		{name: "local variables are not seen", script: "BEGIN DECLARE localVar = 5; EXECUTE IMMEDIATE 'SELECT localVar'; END",
			err: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", params: map[string]string{"objectName": "`localVar`"}},
		{name: "declares a session variable", script: "BEGIN EXECUTE IMMEDIATE 'DECLARE sessionVar = 5'; SELECT system.session.sessionVar + 1 AS v; END",
			schema: "struct<v:int>", rows: [][]any{{int32(6)}}},
		{name: "sets the session variable", script: `BEGIN
  DECLARE testVar = 1;
  EXECUTE IMMEDIATE 'SET VARIABLE testVar = 5';
  SELECT system.session.testVar AS s, testVar AS l;
END`, schema: "struct<s:int,l:int>", rows: [][]any{{int32(5), int32(1)}}},
		{name: "no scripts inside", script: "BEGIN EXECUTE IMMEDIATE 'BEGIN SELECT 1; END'; END", err: "SQL_SCRIPT_IN_EXECUTE_IMMEDIATE"},
		{name: "into needs a query", script: "BEGIN DECLARE v INT; EXECUTE IMMEDIATE 'DECLARE w = 1' INTO v; END", err: "INVALID_STATEMENT_FOR_EXECUTE_INTO"},
	})
}

func TestScriptLocalVariableNames(t *testing.T) {
	r := newSQLRunner(t)
	_, _, err := r.script(context.Background(), "BEGIN DECLARE v INT DEFAULT 1; SELECT v + 1; END")
	if err != nil {
		t.Fatal(err)
	}
	// The generated label of an unlabeled block is in the name, as Spark's random one is.
	schema, _, err := r.script(context.Background(), "BEGIN DECLARE v INT DEFAULT 1; SELECT v + 1; END")
	if err != nil || !strings.HasPrefix(schema, "struct<(variablereference(local.`") || !strings.HasSuffix(schema, "`.v=1) + 1):int>") {
		t.Errorf("got %s, %v", schema, err)
	}
	schema, _, err = r.script(context.Background(), "BEGIN lbl: BEGIN DECLARE v STRING DEFAULT 'a'; SELECT concat(v, 'b'); END; END")
	if want := "struct<concat(variablereference(local.lbl.v='a'), b):string>"; err != nil || schema != want {
		t.Errorf("got %s, %v; want %s", schema, err, want)
	}
}

func TestScriptHandlers(t *testing.T) {
	r := newSQLRunner(t)
	if err := r.s.Conf.Set("spark.sql.scripting.continueHandlerEnabled", "true"); err != nil {
		t.Fatal(err)
	}
	r.exec("CREATE TABLE handler_t (a INT, b STRING, c DOUBLE) USING parquet")
	runScriptCases(t, r, []scriptCase{
		{name: "exit handler result", script: `BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN VALUES ('caught'); END;
  SELECT 1;
  SELECT 1/0;
  SELECT 2;
END`, schema: "struct<col1:string>", rows: [][]any{{"caught"}}},
		{name: "condition over sqlstate", script: `BEGIN
  DECLARE flag INT = -1;
  BEGIN
    DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN SET flag = 1; END;
    DECLARE EXIT HANDLER FOR SQLSTATE '22012' BEGIN SET flag = 2; END;
    SELECT 1/0;
  END;
  SELECT flag;
END`, schema: "struct<flag:int>", rows: [][]any{{int32(1)}}},
		{name: "innermost handler", script: `BEGIN
  DECLARE flag INT = -1;
  DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN SET flag = 1; END;
  BEGIN
    DECLARE EXIT HANDLER FOR SQLSTATE '22012' BEGIN SET flag = 2; END;
    SELECT 1/0;
  END;
  SELECT flag;
END`, schema: "struct<flag:int>", rows: [][]any{{int32(2)}}},
		{name: "exit leaves the declaring block", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  scope_to_exit: BEGIN
    DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN SET log = log || 'h'; END;
    SET log = log || '2';
    SET log = log || '3';
    SELECT 1/0;
    SET log = log || '4';
  END;
  SELECT log || 'e' AS log;
END`, schema: "struct<log:string>", rows: [][]any{{"23he"}}},
		{name: "exit resolve in outer block", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  l1: BEGIN
    DECLARE EXIT HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
    l2: BEGIN
      SET log = log || '4';
      SELECT 1/0;
      SET log = log || '5';
    END;
    SET log = log || '6';
  END;
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"4h"}}},
		{name: "continue after the failing statement", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  DECLARE CONTINUE HANDLER FOR DIVIDE_BY_ZERO BEGIN SET log = log || 'h'; END;
  SET log = log || '2';
  SELECT 1/0;
  SET log = log || '4';
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"2h4"}}},
		{name: "chained handlers", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  l1: BEGIN
    DECLARE EXIT HANDLER FOR UNRESOLVED_COLUMN.WITHOUT_SUGGESTION BEGIN SET log = log || 'u'; END;
    l2: BEGIN
      DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN
        SET log = log || 'd';
        SELECT X;
        SET log = log || 'x';
      END;
      SET log = log || '5';
      SELECT 1/0;
      SET log = log || '6';
    END;
  END;
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"5du"}}},
		{name: "handler in handler", script: `BEGIN
  DECLARE flag INT = -1;
  lbl_0: BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
      lbl_1: BEGIN
        DECLARE EXIT HANDLER FOR SQLEXCEPTION lbl_2: BEGIN SET flag = flag * 10; END;
        SET flag = 1;
        SELECT 1/0;
        SET flag = 100;
      END;
    SELECT 1/0;
  END;
  SELECT flag;
END`, schema: "struct<flag:int>", rows: [][]any{{int32(10)}}},
		{name: "handler error is not taken by its own scope", script: `BEGIN
  DECLARE flag INT = -1;
  l1: BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SET flag = flag + 100; END;
    l2: BEGIN
      DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SET flag = 1; SELECT 1/0; SET flag = 50; END;
      SELECT 1/0;
    END;
  END;
  SELECT flag;
END`, schema: "struct<flag:int>", rows: [][]any{{int32(101)}}},
		{name: "main error class", script: `BEGIN
  DECLARE EXIT HANDLER FOR UNRESOLVED_COLUMN BEGIN SELECT 1 AS r; END;
  SELECT d FROM handler_t;
END`, schema: "struct<r:int>", rows: [][]any{{int32(1)}}},
		{name: "full condition over main class", script: `BEGIN
  DECLARE EXIT HANDLER FOR UNRESOLVED_COLUMN BEGIN SELECT 1 AS r; END;
  DECLARE EXIT HANDLER FOR UNRESOLVED_COLUMN.WITH_SUGGESTION BEGIN SELECT 2 AS r; END;
  SELECT d FROM handler_t;
END`, schema: "struct<r:int>", rows: [][]any{{int32(2)}}},
		{name: "condition named like a sqlstate", script: "BEGIN\n" +
			"  DECLARE flag INT = -1;\n" +
			"  BEGIN\n" +
			"    DECLARE `22012` CONDITION FOR SQLSTATE '12345';\n" +
			"    DECLARE EXIT HANDLER FOR `22012` BEGIN SET flag = 1; END;\n" +
			"    DECLARE EXIT HANDLER FOR SQLSTATE '22012' BEGIN SET flag = 2; END;\n" +
			"    SELECT 1/0;\n" +
			"  END;\n" +
			"  SELECT flag;\n" +
			"END", schema: "struct<flag:int>", rows: [][]any{{int32(2)}}},
		{name: "no handler", script: `BEGIN
  DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN SELECT 1; END;
  SELECT flag;
END`, err: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", params: map[string]string{"objectName": "`flag`"}},
		{name: "exit when if condition fails", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  scope_to_exit: BEGIN
    DECLARE EXIT HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
    IF 1 > 1/0 THEN SET log = log || 'x'; END IF;
    SET log = log || '4';
  END;
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"h"}}},
		{name: "continue when if condition fails", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  BEGIN
    DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
    IF 1 > 1/0 THEN SET log = log || '10';
    ELSEIF 1 = 1 THEN SET log = log || '11';
    ELSE SET log = log || '12';
    END IF;
    SET log = log || '4';
  END;
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"h4"}}},
		{name: "continue when simple case operand fails", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
  CASE 1/0 WHEN 1 THEN SET log = log || '11'; ELSE SET log = log || '12'; END CASE;
  SET log = log || '4';
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"h4"}}},
		{name: "continue when simple case types mismatch", script: `BEGIN
  DECLARE flag INT = -1;
  DECLARE log STRING DEFAULT '';
  DECLARE CONTINUE HANDLER FOR CAST_INVALID_INPUT BEGIN SET log = log || 'h'; END;
  CASE flag WHEN 'teststr' THEN SET log = log || '10'; WHEN -1 THEN SET log = log || '11'; END CASE;
  SET log = log || '4';
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"h4"}}},
		{name: "continue when while condition fails", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
  WHILE 1 > 1/0 DO SET log = log || '10'; END WHILE;
  SET log = log || '4';
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"h4"}}},
		{name: "continue when repeat condition fails", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
  REPEAT SET log = log || '3'; UNTIL 1 = 1/0 END REPEAT;
  SET log = log || '4';
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"3h4"}}},
		{name: "continue when for query fails", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
  FOR iter AS (SELECT 1/0) DO SET log = log || '10'; END FOR;
  SET log = log || '4';
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"h4"}}},
		{name: "continue inside for body", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SET log = log || 'h'; END;
  FOR iter AS SELECT id FROM range(2) DO
    SELECT 1/0;
    SET log = log || iter.id;
  END FOR;
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"h0h1"}}},
		// Spark stops a WHILE whose body's last statement failed under a CONTINUE handler:
		// its condition is what would run next.
		{name: "continue after the last statement of a while body", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SET i = i + 10; END;
  WHILE i < 100 DO
    SET i = i + 1;
    SELECT 1/0;
  END WHILE;
  SELECT i;
END`, schema: "struct<i:int>", rows: [][]any{{int32(11)}}},
		{name: "exit in a for loop per row", script: `BEGIN
  DECLARE cnt = 0;
  FOR tables AS (SELECT * FROM VALUES ('x'), ('y') AS tbl(name)) DO
    lbl: BEGIN
      DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN SET cnt = cnt + 1; END;
      SELECT 1/0;
    END;
  END FOR;
  SELECT cnt;
END`, schema: "struct<cnt:int>", rows: [][]any{{int32(2)}}},
		{name: "exception in the last statement of a loop", script: `BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SELECT 1 AS r; END;
  LOOP SELECT 1/0; END LOOP;
  SELECT 2 AS r;
END`, schema: "struct<r:int>", rows: [][]any{{int32(1)}}},
		{name: "handler sees outer variables", script: `BEGIN
  DECLARE v INT DEFAULT 7;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION SELECT v AS r;
  BEGIN
    DECLARE w INT DEFAULT 1;
    SELECT 1/0;
  END;
END`, schema: "struct<r:int>", rows: [][]any{{int32(7)}}},
		{name: "handler does not see inner variables", script: `BEGIN
  DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO SELECT w;
  BEGIN
    DECLARE w INT DEFAULT 1;
    SELECT 1/0;
  END;
END`, err: "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION"},
		{name: "duplicate handler for a condition", script: `BEGIN
  DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN SELECT 1; END;
  DECLARE CONTINUE HANDLER FOR DIVIDE_BY_ZERO BEGIN SELECT 2; END;
  SELECT 1;
END`, err: "DUPLICATE_EXCEPTION_HANDLER.CONDITION", params: map[string]string{"condition": "DIVIDE_BY_ZERO"}},
		{name: "duplicate handler for a sqlstate", script: `BEGIN
  DECLARE EXIT HANDLER FOR SQLSTATE '12345' BEGIN SELECT 1; END;
  DECLARE EXIT HANDLER FOR SQLSTATE '12345' BEGIN SELECT 2; END;
  SELECT 1;
END`, err: "DUPLICATE_EXCEPTION_HANDLER.SQLSTATE", params: map[string]string{"sqlState": "12345"}},
		{name: "declare in a handler's statement", script: `BEGIN
  DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO DECLARE x INT;
  SELECT 1/0;
END`, err: "INVALID_VARIABLE_DECLARATION.NOT_ALLOWED_IN_SCOPE"},
		{name: "leave from a handler ends it", script: `BEGIN
  DECLARE log STRING DEFAULT '';
  lbl: BEGIN
    DECLARE CONTINUE HANDLER FOR DIVIDE_BY_ZERO BEGIN SET log = log || 'h'; LEAVE lbl; SET log = log || 'x'; END;
    SELECT 1/0;
    SET log = log || 'c';
  END;
  SELECT log;
END`, schema: "struct<log:string>", rows: [][]any{{"hc"}}},
		{name: "not found is not an exception", script: `BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SELECT 'exception' AS r; END;
  DECLARE EXIT HANDLER FOR NOT FOUND BEGIN SELECT 'not found' AS r; END;
  SELECT 1/0;
END`, schema: "struct<r:string>", rows: [][]any{{"exception"}}},
	})
}

// TestScriptE2E holds the cases of Spark's SqlScriptingE2eSuite.
func TestScriptE2E(t *testing.T) {
	r := newSQLRunner(t)
	if err := r.s.Conf.Set("spark.sql.scripting.continueHandlerEnabled", "true"); err != nil {
		t.Fatal(err)
	}
	runScriptCases(t, r, []scriptCase{
		{name: "exit handlers", script: `BEGIN
  DECLARE flag INT = -1;
  DECLARE EXIT HANDLER FOR DIVIDE_BY_ZERO BEGIN SELECT flag; SET flag = 1; END;
  BEGIN
    DECLARE EXIT HANDLER FOR SQLSTATE '22012' BEGIN SELECT flag; SET flag = 2; END;
    SELECT 5;
    SELECT 1/0;
    SELECT 6;
  END;
  SELECT 7;
  SELECT flag;
END`, schema: "struct<flag:int>", rows: [][]any{{int32(2)}}},
		{name: "continue handlers", script: `BEGIN
  DECLARE flag1 INT = -1;
  DECLARE flag2 INT = -1;
  DECLARE CONTINUE HANDLER FOR DIVIDE_BY_ZERO BEGIN SELECT flag1; SET flag1 = 1; END;
  BEGIN
    DECLARE CONTINUE HANDLER FOR SQLSTATE '22012' BEGIN SELECT flag1; SET flag1 = 2; END;
    SELECT 5;
    SET flag2 = 1;
    SELECT 1/0;
    SELECT 6;
    SET flag2 = 2;
  END;
  SELECT 7;
  SELECT flag1, flag2;
END`, schema: "struct<flag1:int,flag2:int>", rows: [][]any{{int32(2), int32(2)}}},
		{name: "multi statement", script: `BEGIN
  CREATE TABLE e2e_t (a INT, b STRING, c DOUBLE) USING parquet;
  INSERT INTO e2e_t VALUES (1, 'a', 1.0);
  SELECT a FROM e2e_t;
END`, schema: "struct<a:int>", rows: [][]any{{int32(1)}}},
		{name: "empty result keeps its schema", script: `BEGIN
  CREATE TABLE scripting_test_table (id INT);
  SELECT * FROM scripting_test_table;
  DROP TABLE scripting_test_table;
END`, schema: "struct<id:int>"},
	})
	if err := r.s.Conf.Set("spark.sql.scripting.enabled", "false"); err != nil {
		t.Fatal(err)
	}
	runScriptCases(t, r, []scriptCase{{name: "scripting disabled", script: "BEGIN\n  SELECT 1;\nEND", err: "UNSUPPORTED_FEATURE.SQL_SCRIPTING",
		params: map[string]string{"sqlScriptingEnabled": `"spark.sql.scripting.enabled"`}}})
}

// TestScriptParameters checks spark.sql(script, args): named arguments are bound in every
// statement of the script, positional ones are refused.
func TestScriptParameters(t *testing.T) {
	r := newSQLRunner(t)
	lit := func(v any) *connectpb.Expression {
		var l *connectpb.Expression_Literal
		switch v := v.(type) {
		case int32:
			l = &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Integer{Integer: v}}
		case string:
			l = &connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_String_{String_: v}}
		}
		return &connectpb.Expression{ExprType: &connectpb.Expression_Literal_{Literal: l}}
	}
	run := func(text string, sql *connectpb.SQL) (string, [][]any, error) {
		sql.Query = text
		ld, isScript, err := r.x.sqlScript(context.Background(), r.s, &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: sql}})
		if !isScript {
			t.Fatalf("not a script: %s", text)
		}
		if err != nil {
			return "", nil, err
		}
		return schemaString(ld), localRows(t, ld), nil
	}
	script := `BEGIN
  SELECT 1;
  IF :param_1 > 10 THEN
    SELECT :param_2;
  ELSE
    SELECT :param_3;
  END IF;
END`
	named := map[string]*connectpb.Expression{"param_1": lit(int32(5)), "param_2": lit("greater"), "param_3": lit("smaller")}
	schema, rows, err := run(script, &connectpb.SQL{NamedArguments: named})
	if err != nil || schema != "struct<smaller:string>" || !reflect.DeepEqual(rows, [][]any{{"smaller"}}) {
		t.Errorf("named parameters: %s %v %v", schema, rows, err)
	}
	array := &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedFunction_{UnresolvedFunction: &connectpb.Expression_UnresolvedFunction{
		FunctionName: "array", Arguments: []*connectpb.Expression{lit(int32(1)), lit(int32(2))}}}}
	schema, rows, err = run("BEGIN DECLARE a ARRAY<INT> DEFAULT :arr; SELECT a[1] + :n AS v; END",
		&connectpb.SQL{NamedArguments: map[string]*connectpb.Expression{"arr": array, "n": lit(int32(10))}})
	if err != nil || schema != "struct<v:int>" || !reflect.DeepEqual(rows, [][]any{{int32(12)}}) {
		t.Errorf("array parameter: %s %v %v", schema, rows, err)
	}
	for _, c := range []struct {
		text  string
		sql   *connectpb.SQL
		class string
	}{
		{"BEGIN SELECT ?; END", &connectpb.SQL{PosArguments: []*connectpb.Expression{lit(int32(1))}}, "UNSUPPORTED_FEATURE.SQL_SCRIPTING_WITH_POSITIONAL_PARAMETERS"},
		{"BEGIN SELECT ?; IF :param > 10 THEN SELECT 1; END IF; END", &connectpb.SQL{NamedArguments: map[string]*connectpb.Expression{"param": lit(int32(5))}},
			"INVALID_QUERY_MIXED_QUERY_PARAMETERS"},
		{"BEGIN SELECT :other; END", &connectpb.SQL{NamedArguments: map[string]*connectpb.Expression{"param": lit(int32(5))}}, "UNBOUND_SQL_PARAMETER"},
	} {
		_, _, err := run(c.text, c.sql)
		var se *sparkerror.Error
		if !errors.As(err, &se) || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.text, err, c.class)
		}
	}
}

func TestScriptContinueHandlerDisabled(t *testing.T) {
	r := newSQLRunner(t)
	runScriptCases(t, r, []scriptCase{{name: "continue handler", script: `BEGIN
  DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN SELECT 1; END;
  SELECT 1;
END`, err: "UNSUPPORTED_FEATURE.CONTINUE_EXCEPTION_HANDLER"}})
}

// TestScriptSession checks that a script works on the session's tables, that a failed
// script leaves the session usable, and what it did before failing in place.
func TestScriptSession(t *testing.T) {
	r := newSQLRunner(t)
	r.exec("CREATE TABLE script_t (id INT, name STRING) USING parquet")
	runScriptCases(t, r, []scriptCase{
		{name: "insert in a loop", script: `BEGIN
  DECLARE i INT DEFAULT 0;
  WHILE i < 3 DO
    INSERT INTO script_t VALUES (i, 'n' || i);
    SET i = i + 1;
  END WHILE;
  SELECT count(*) AS n, max(name) AS m FROM script_t;
END`, schema: "struct<n:bigint,m:string>", rows: [][]any{{int64(3), "n2"}}},
		{name: "failing script", script: `BEGIN
  INSERT INTO script_t VALUES (10, 'ten');
  SELECT 1/0;
  INSERT INTO script_t VALUES (11, 'eleven');
END`, err: "DIVIDE_BY_ZERO"},
	})
	if got := r.query("SELECT count(*) FROM script_t"); !reflect.DeepEqual(got, [][]any{{int64(4)}}) {
		t.Errorf("rows after the failed script: %v", got)
	}
}

// TestScriptInterrupt checks that a script that would loop forever stops when its
// operation's context is cancelled, with Spark's error for it.
func TestScriptInterrupt(t *testing.T) {
	r := newSQLRunner(t)
	for _, script := range []string{
		"BEGIN WHILE true DO SELECT 1; END WHILE; END",
		// A loop whose body runs no statement at all.
		"BEGIN LOOP BEGIN END; END LOOP; END",
		"BEGIN DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN END; LOOP SELECT 1/0; END LOOP; END",
	} {
		if strings.Contains(script, "CONTINUE") {
			if err := r.s.Conf.Set("spark.sql.scripting.continueHandlerEnabled", "true"); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, _, err := r.script(ctx, script)
			done <- err
		}()
		time.Sleep(100 * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			var se *sparkerror.Error
			if !errors.As(err, &se) || se.Class != "OPERATION_CANCELED" {
				t.Errorf("%s: got %v, want OPERATION_CANCELED", script, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still running after the interrupt", script)
		}
	}
	// The session still works.
	if got := r.query("SELECT 1"); !reflect.DeepEqual(got, [][]any{{int32(1)}}) {
		t.Errorf("after the interrupts: %v", got)
	}
}

// TestScriptConnect runs a script through the Spark Connect entry points: spark.sql (a
// SqlCommand) answers with the result as a local relation, and a plan whose root is the
// script's SQL answers with the rows.
func TestScriptConnect(t *testing.T) {
	r := newSQLRunner(t)
	script := "BEGIN DECLARE n INT DEFAULT 0; WHILE n < 3 DO SET n = n + 1; END WHILE; SELECT n, 'x' AS s; END"
	sqlRel := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: script}}}
	var got *connectpb.Relation
	err := r.x.Execute(context.Background(), r.s, &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{
		CommandType: &connectpb.Command_SqlCommand{SqlCommand: &connectpb.SqlCommand{Input: sqlRel}}}}},
		func(resp *connectpb.ExecutePlanResponse) error {
			if res := resp.GetSqlCommandResult(); res != nil {
				got = res.GetRelation()
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	local := got.GetLocalRelation()
	if local == nil || local.GetSchema() != "n INT NOT NULL,s STRING NOT NULL" {
		t.Fatalf("spark.sql of a script answered %v", got)
	}
	rows := ipcRows(t, local.GetData())
	if !reflect.DeepEqual(rows, [][]any{{int32(3), "x"}}) {
		t.Errorf("rows %v", rows)
	}
	var batches [][]any
	var schema *connectpb.DataType
	err = r.x.Execute(context.Background(), r.s, &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: sqlRel}},
		func(resp *connectpb.ExecutePlanResponse) error {
			if resp.GetSchema() != nil {
				schema = resp.GetSchema()
			}
			if b := resp.GetArrowBatch(); b != nil {
				batches = append(batches, ipcRows(t, b.GetData())...)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(schema.GetStruct().GetFields()) != 2 || !reflect.DeepEqual(batches, [][]any{{int32(3), "x"}}) {
		t.Errorf("root plan of a script: %v %v", schema, batches)
	}
}

func ipcRows(t *testing.T, data []byte) [][]any {
	t.Helper()
	rd, err := ipc.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Release()
	var rows [][]any
	for rd.Next() {
		b := rd.RecordBatch()
		for i := 0; i < int(b.NumRows()); i++ {
			row := make([]any, b.NumCols())
			for c := range row {
				if row[c], err = valueAt(b.Column(c), i); err != nil {
					t.Fatal(err)
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// TestScriptConcurrent runs scripts at the same time in one session: each sees its own local
// variables only.
func TestScriptConcurrent(t *testing.T) {
	r := newSQLRunner(t)
	const n = 4
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			script := "BEGIN DECLARE v INT DEFAULT " + itoa(i) + "; DECLARE k INT DEFAULT 0; " +
				"WHILE k < 20 DO SET k = k + 1; SET v = v + 0; END WHILE; SELECT v; END"
			_, rows, err := r.script(context.Background(), script)
			if err == nil && !reflect.DeepEqual(rows, [][]any{{int32(i)}}) {
				err = errors.New("script " + itoa(i) + " saw " + fmtRows(rows))
			}
			errs <- err
		}(i)
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func fmtRows(rows [][]any) string {
	var b strings.Builder
	for _, row := range rows {
		for _, v := range row {
			if i, ok := v.(int32); ok {
				b.WriteString(itoa(int(i)) + " ")
			}
		}
	}
	return b.String()
}

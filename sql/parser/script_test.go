package parser

import (
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

func TestScripts(t *testing.T) {
	checkStatements(t, []struct{ sql, want string }{
		{"BEGIN END", "(begin)"},
		{"BEGIN NOT ATOMIC SELECT 1; END;", "(begin not-atomic (select 1))"},
		{"BEGIN\n  DECLARE x INT DEFAULT 0;\n  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN VALUES('error'); END;\n" +
			"  lbl: WHILE x < 3 DO\n    SET x = x + 1;\n    IF x = 2 THEN LEAVE lbl; ELSEIF x = 1 THEN ITERATE lbl; ELSE SELECT x; END IF;\n" +
			"  END WHILE lbl;\nEND",
			`(begin (declare x INT (default 0)) (declare-exit-handler (sqlexception) (begin (values (paren "error")))) ` +
				`(while (label lbl) (< x 3) (do (set-var (= x (+ x 1))) (if (= x 2) (then (leave lbl)) (= x 1) (then (iterate lbl)) ` +
				`(else (select x)))) (end-label lbl)))`},
		{"BEGIN DECLARE c CONDITION FOR SQLSTATE VALUE '45000'; DECLARE EXIT HANDLER FOR c, SQLSTATE '22012' SELECT 1; " +
			"l: LOOP LEAVE l; END LOOP l; REPEAT SELECT 1; UNTIL true END REPEAT; END",
			`(begin (declare-condition c "45000") (declare-exit-handler (c (sqlstate "22012")) (select 1)) ` +
				`(loop (label l) (do (leave l)) (end-label l)) (repeat (do (select 1)) (until true)))`},
		{"BEGIN CASE WHEN x > 1 THEN SELECT 1; ELSE SELECT 2; END CASE; CASE v[0] WHEN 'a' THEN SET y = 1; END CASE; END",
			"(begin (case (when (> x 1) (select 1)) (else (select 2))) (case ([] v 0) (when \"a\" (set-var (= y 1)))))"},
		{"BEGIN f: FOR r AS SELECT a FROM t LIMIT 5 DO SELECT r.a; END FOR f; FOR SELECT b FROM u DO SELECT 1; END FOR; END",
			"(begin (for (label f) (var r) (query (select a (from (table t))) (limit 5)) (do (select r.a)) (end-label f)) " +
				"(for (select b (from (table u))) (do (select 1))))"},
		{"BEGIN SET (a, b) = (SELECT 1, 2); INSERT INTO t VALUES (a); UPDATE t SET a = 1; DELETE FROM t WHERE a = 2; END",
			"(begin (set-var (a b) (select 1 2)) (insert t (values (paren a))) (update t (set (= a 1))) (delete t (where (= a 2))))"},
		{"BEGIN a: BEGIN b: BEGIN LEAVE a; END b; END a; END", "(begin (begin (label a) (begin (label b) (leave a) (end-label b)) (end-label a)))"},
		// name = DEFAULT assigns the variable's default; DEFAULT inside an expression is a name.
		{"BEGIN SET a = DEFAULT, b = 1; SET c = DEFAULT; SET d = DEFAULT + 1; END",
			"(begin (set-var (= a default) (= b 1)) (set-var (= c default)) (set-var (= d (+ DEFAULT 1))))"},
	})
	checkErrorClasses(t, []struct {
		sql, class string
		col        int
	}{
		{"BEGIN a: BEGIN SELECT 1; END b; END", "LABELS_MISMATCH", 7},
		{"BEGIN BEGIN SELECT 1; END b; END", "END_LABEL_WITHOUT_BEGIN_LABEL", 27},
		{"BEGIN a.b: BEGIN SELECT 1; END; END", "INVALID_LABEL_USAGE.QUALIFIED_LABEL_NAME", 7},
		{"BEGIN a: BEGIN a: BEGIN SELECT 1; END; END; END", "LABEL_OR_FOR_VARIABLE_ALREADY_EXISTS", 16},
		{"BEGIN system: BEGIN SELECT 1; END; END", "LABEL_OR_FOR_VARIABLE_NAME_FORBIDDEN", 7},
		{"BEGIN l: FOR l AS SELECT 1 DO SELECT 1; END FOR; END", "LABEL_OR_FOR_VARIABLE_ALREADY_EXISTS", 14},
		{"BEGIN LEAVE x; END", "INVALID_LABEL_USAGE.DOES_NOT_EXIST", 7},
		{"BEGIN a: BEGIN ITERATE a; END; END", "INVALID_LABEL_USAGE.ITERATE_IN_COMPOUND", 16},
		{"BEGIN SELECT 1; DECLARE x INT; END", "INVALID_VARIABLE_DECLARATION.ONLY_AT_BEGINNING", 17},
		{"BEGIN IF true THEN DECLARE x INT; END IF; END", "INVALID_VARIABLE_DECLARATION.NOT_ALLOWED_IN_SCOPE", 20},
		{"BEGIN SELECT 1; DECLARE EXIT HANDLER FOR SQLEXCEPTION SELECT 1; END", "INVALID_HANDLER_DECLARATION.WRONG_PLACE_OF_DECLARATION", 17},
		{"BEGIN SELECT 1; DECLARE c CONDITION; END", "INVALID_ERROR_CONDITION_DECLARATION.NOT_AT_START_OF_COMPOUND_STATEMENT", 17},
		{"BEGIN DECLARE c CONDITION FOR SQLSTATE '00000'; END", "INVALID_SQLSTATE", 7},
		{"BEGIN DECLARE a.c CONDITION; END", "INVALID_ERROR_CONDITION_DECLARATION.QUALIFIED_CONDITION_NAME", 7},
		{"BEGIN DECLARE `c-d` CONDITION; END", "INVALID_ERROR_CONDITION_DECLARATION.SPECIAL_CHARACTER_FOUND", 7},
		{"BEGIN DECLARE c CONDITION; DECLARE c CONDITION; END", "DUPLICATE_CONDITION_IN_SCOPE", 28},
		{"BEGIN DECLARE CONTINUE HANDLER FOR SQLEXCEPTION SELECT 1; END", "UNSUPPORTED_FEATURE.CONTINUE_EXCEPTION_HANDLER", 7},
		{"BEGIN DECLARE EXIT HANDLER FOR SQLEXCEPTION, SQLSTATE '22012' SELECT 1; END", "INVALID_HANDLER_DECLARATION.INVALID_CONDITION_COMBINATION", 7},
		{"BEGIN DECLARE EXIT HANDLER FOR NOT FOUND, NOT FOUND SELECT 1; END", "INVALID_HANDLER_DECLARATION.DUPLICATE_CONDITION_IN_HANDLER_DECLARATION", 43},
		{"BEGIN SELECT 1 END", "PARSE_SYNTAX_ERROR", 19},
		{"BEGIN WHILE true DO END WHILE; END", "PARSE_SYNTAX_ERROR", 21},
		{"BEGIN IF true THEN SELECT 1; END WHILE; END", "PARSE_SYNTAX_ERROR", 34},
		{"BEGIN SET VAR x = 1; END", "PARSE_SYNTAX_ERROR", 15},
		{"BEGIN RESET; END", "PARSE_SYNTAX_ERROR", 7},
		{"lbl: BEGIN SELECT 1; END", "PARSE_SYNTAX_ERROR", 1},
		{"EXPLAIN BEGIN SELECT 1; END", "PARSE_SYNTAX_ERROR", 9},
		// A label error is reported before the errors of the block's body.
		{"BEGIN a: BEGIN SELECT 1; DECLARE x INT; END b; END", "LABELS_MISMATCH", 7},
	})
	_, err := Options{DisableSQLScripting: true}.ParseStatement("BEGIN SELECT 1; END")
	if e, ok := err.(*Error); !ok || e.Class != "UNSUPPORTED_FEATURE.SQL_SCRIPTING" {
		t.Errorf("scripting disabled: %v", err)
	}
	if _, err := (Options{ContinueHandlerEnabled: true}).ParseStatement(
		"BEGIN DECLARE CONTINUE HANDLER FOR SQLEXCEPTION SELECT 1; END"); err != nil {
		t.Errorf("continue handler enabled: %v", err)
	}
}

func TestParseStatementsWithScripts(t *testing.T) {
	sql := "SELECT 1; BEGIN DECLARE x INT; lbl: WHILE x < 3 DO SET x = x + 1; END WHILE lbl; END; SELECT 2; " +
		"BEGIN SELECT 3; END"
	sts, err := ParseStatements(sql)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"(select 1)",
		"(begin (declare x INT) (while (label lbl) (< x 3) (do (set-var (= x (+ x 1)))) (end-label lbl)))",
		"(select 2)", "(begin (select 3))"}
	if len(sts) != len(want) {
		t.Fatalf("got %d statements", len(sts))
	}
	for i, st := range sts {
		if got := ast.Sexpr(st); got != want[i] {
			t.Errorf("statement %d: got %s, want %s", i, got, want[i])
		}
		if err := checkPositions(sql, st); err != nil {
			t.Errorf("statement %d: %v", i, err)
		}
	}
	if got := sql[sts[1].Pos().Offset:sts[1].End().Offset]; got[:5] != "BEGIN" || got[len(got)-3:] != "END" {
		t.Errorf("script spans %q", got)
	}
	if _, err := ParseStatements("BEGIN SELECT 1; SELECT 2"); err == nil {
		t.Error("unterminated script accepted")
	}
}

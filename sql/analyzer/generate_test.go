package analyzer_test

import (
	"slices"
	"testing"

	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// genCatalog has g(id INT, arr ARRAY<INT>, m MAP<STRING, DOUBLE>, sa ARRAY<STRUCT<x: INT, y: STRING>>,
// nn ARRAY<INT NOT NULL> NOT NULL).
func genCatalog(t *testing.T) *catalog.Session {
	t.Helper()
	cat := catalog.New().NewSession()
	st := types.NewStruct(types.NewField("x", types.Integer, false), types.NewField("y", types.String, true))
	schema := types.NewStruct(
		types.NewField("id", types.Integer, true),
		types.NewField("arr", types.ArrayType{ElementType: types.Integer, ContainsNull: true}, true),
		types.NewField("m", types.MapType{KeyType: types.String, ValueType: types.Double, ValueContainsNull: true}, true),
		types.NewField("sa", types.ArrayType{ElementType: st, ContainsNull: false}, true),
		types.NewField("nn", types.ArrayType{ElementType: types.Integer, ContainsNull: false}, false))
	tn, _ := cat.Resolve([]string{"g"})
	if _, err := cat.CreateTable(tn, &catalog.Table{Schema: schema}, false, false); err != nil {
		t.Fatal(err)
	}
	return cat
}

// nullableString renders a schema with each column's nullability.
func nullableString(n plan.Node) string {
	s := ""
	for i, a := range n.Output() {
		if i > 0 {
			s += ","
		}
		s += a.Name
		if !a.Null {
			s += "!"
		}
	}
	return s
}

func TestGeneratorSchemas(t *testing.T) {
	cat := genCatalog(t)
	cases := []struct{ sql, want, nulls string }{
		// In the select list: default names, aliases, the other items around them.
		{"SELECT explode(arr) FROM g", "struct<col:int>", "col"},
		{"SELECT explode(nn) AS e, id FROM g", "struct<e:int,id:int>", "e!,id"},
		{"SELECT explode_outer(nn) FROM g", "struct<col:int>", "col"},
		{"SELECT id, explode(m) FROM g", "struct<id:int,key:string,value:double>", "id,key!,value"},
		{"SELECT posexplode(arr) AS (p, v) FROM g", "struct<p:int,v:int>", "p!,v"},
		{"SELECT posexplode(m) FROM g", "struct<pos:int,key:string,value:double>", "pos!,key!,value"},
		{"SELECT inline(sa), 'k' FROM g", "struct<x:int,y:string,k:string>", "x!,y,k!"},
		{"SELECT inline_outer(sa) FROM g", "struct<x:int,y:string>", "x,y"},
		{"SELECT explode(collection => nn) FROM g", "struct<col:int>", "col!"},
		{"SELECT stack(2, 1, 1.5, 'a', 2, null, 'b')", "struct<col0:int,col1:decimal(2,1),col2:string>", "col0,col1,col2"},
		{"SELECT stack(3, id, id + 1) FROM g", "struct<col0:int>", "col0"},
		{"SELECT *, explode(arr) AS e FROM g", "struct<id:int,arr:array<int>,m:map<string,double>,sa:array<struct<x:int,y:string>>,nn:array<int>,e:int>", "id,arr,m,sa,nn!,e"},
		// Two generators: one Generate per generator.
		{"SELECT explode(arr) AS a, explode(nn) AS b FROM g", "struct<a:int,b:int>", "a,b!"},
		// Aggregates in a generator's argument or next to it.
		{"SELECT explode(collect_list(id)) AS v FROM g", "struct<v:int>", "v!"},
		{"SELECT count(*) AS c, explode(array_agg(id)) FROM g", "struct<c:bigint,col:int>", "c!,col!"},
		{"SELECT id, explode(collect_list(id)) FROM g GROUP BY id", "struct<id:int,col:int>", "id,col!"},
		// LATERAL VIEW: qualified by the table name, OUTER makes the columns nullable.
		{"SELECT id, v FROM g LATERAL VIEW explode(nn) t AS v", "struct<id:int,v:int>", "id,v!"},
		{"SELECT t.v FROM g LATERAL VIEW OUTER explode(nn) t AS v", "struct<v:int>", "v"},
		{"SELECT * FROM g LATERAL VIEW posexplode(m) t", "struct<id:int,arr:array<int>,m:map<string,double>,sa:array<struct<x:int,y:string>>,nn:array<int>,pos:int,key:string,value:double>", "id,arr,m,sa,nn!,pos!,key!,value"},
		{"SELECT a, b FROM g LATERAL VIEW explode(nn) x AS a LATERAL VIEW explode(arr) y AS b", "struct<a:int,b:int>", "a!,b"},
		// Table-valued functions, with and without aliases, and LATERAL.
		{"SELECT * FROM stack(2, 1, 2, 3)", "struct<col0:int,col1:int>", "col0,col1"},
		{"SELECT * FROM stack(2, 1, 2, 3) t(a, b)", "struct<a:int,b:int>", "a,b"},
		{"SELECT * FROM posexplode_outer(map_from_arrays(array(1), array('a')))", "struct<pos:int,key:int,value:string>", "pos,key,value"},
		{"SELECT g.id, e.col FROM g, LATERAL explode(g.nn) e", "struct<id:int,col:int>", "id,col!"},
		{"SELECT id, v FROM g JOIN LATERAL explode(g.nn) AS t(v)", "struct<id:int,v:int>", "id,v!"},
		// json_tuple: one string column per field.
		{`SELECT json_tuple('{"a": 1}', 'a', CAST(NULL AS STRING)) FROM g`, "struct<c0:string,c1:string>", "c0,c1"},
		{`SELECT * FROM json_tuple('{"a": 1}', 'a', 'b') AS t(x, y)`, "struct<x:string,y:string>", "x,y"},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := schemaString(n); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
		if got := nullableString(n); got != c.nulls {
			t.Errorf("%s: nullability %s, want %s", c.sql, got, c.nulls)
		}
	}
}

func TestGeneratorErrors(t *testing.T) {
	cat := genCatalog(t)
	cases := []struct {
		sql, class string
		params     map[string]string
	}{
		{"SELECT explode(id) FROM g", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"explode(id)"`, "requiredType": `("ARRAY" or "MAP")`, "inputType": `"INT"`, "paramIndex": "first"}},
		{"SELECT explode_outer(null)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"explode(NULL)"`, "inputType": `"VOID"`}},
		{"SELECT inline(arr) FROM g", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"sqlExpr": `"inline(arr)"`, "requiredType": `"ARRAY<STRUCT>"`, "inputType": `"ARRAY<INT>"`}},
		{"SELECT * FROM explode(arr)", "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", nil},
		{"SELECT * FROM explode(1, 2)", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
			map[string]string{"functionName": "`explode`", "expectedNum": "1", "actualNum": "2"}},
		{"SELECT stack()", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", map[string]string{"expectedNum": "> 1", "actualNum": "0"}},
		{"SELECT stack(2, 1, '1.1', 'a', 2, 2.2, 'b')", "DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES",
			map[string]string{"columnIndex": "1", "leftParamIndex": "2", "leftType": `"STRING"`, "rightParamIndex": "5", "rightType": `"DECIMAL(2,1)"`,
				"sqlExpr": `"stack(2, 1, 1.1, a, 2, 2.2, b)"`}},
		{"SELECT stack(id, 1) FROM g", "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", nil},
		{"SELECT stack(0, 1)", "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", map[string]string{"currentValue": "0"}},
		{"SELECT stack(1L, 1)", "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", map[string]string{"requiredType": `"INT"`}},
		{"SELECT stack(2, explode(arr)) FROM g", "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
			map[string]string{"expression": `"stack(2, explode(arr))"`}},
		{"SELECT explode(arr) + 1 FROM g", "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
			map[string]string{"expression": `"(explode(arr) + 1)"`}},
		{"SELECT * FROM explode(explode(array(1)))", "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
			map[string]string{"expression": `"explode(explode(array(1)))"`}},
		{"SELECT id FROM g WHERE explode(arr) = 1", "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", nil},
		{"SELECT posexplode(arr) AS e FROM g", "UDTF_ALIAS_NUMBER_MISMATCH",
			map[string]string{"aliasesSize": "2", "aliasesNames": "e"}},
		{"SELECT id FROM g LATERAL VIEW explode(m) t AS k", "UDTF_ALIAS_NUMBER_MISMATCH",
			map[string]string{"aliasesSize": "2", "aliasesNames": "k"}},
		{"SELECT * FROM stack(2, 1, 2, 3) t(a, b, c)", "NUM_TABLE_VALUE_ALIASES_MISMATCH",
			map[string]string{"funcName": "`stack`", "aliasesNum": "3", "outColsNum": "2"}},
		{"SELECT id AS (a, b) FROM g", "MULTI_ALIAS_WITHOUT_GENERATOR", nil},
		{"SELECT id FROM g LATERAL VIEW upper(id) t AS v", "UNSUPPORTED_GENERATOR.NOT_GENERATOR", nil},
		{"SELECT explode(collect_list(id)), explode(arr) FROM g", "UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
			map[string]string{"num": "2", "generators": `"explode(collect_list(id))", "explode(arr)"`}},
		{"SELECT explode(input => arr) FROM g", "UNRECOGNIZED_PARAMETER_NAME", map[string]string{"argumentName": "`input`", "proposal": "`collection`"}},
		{"SELECT stack(n => 1, 2)", "NAMED_PARAMETERS_NOT_SUPPORTED", map[string]string{"functionName": "`stack`"}},
		{"SELECT json_tuple('{}')", "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", map[string]string{"expectedNum": "> 1", "actualNum": "1"}},
		{`SELECT json_tuple('{"a": 1}', null)`, "DATATYPE_MISMATCH.NON_STRING_TYPE",
			map[string]string{"funcName": "`json_tuple`", "sqlExpr": `"json_tuple({"a": 1}, NULL)"`}},
		{"SELECT * FROM dummy(3)", "UNRESOLVABLE_TABLE_VALUED_FUNCTION", map[string]string{"name": "`dummy`"}},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		if err == nil {
			t.Errorf("%s: no error, want %s", c.sql, c.class)
			continue
		}
		se, ok := err.(*sparkerror.Error)
		if !ok || se.Class != c.class {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
			continue
		}
		for k, v := range c.params {
			if se.Params[k] != v {
				t.Errorf("%s: %s = %q, want %q", c.sql, k, se.Params[k], v)
			}
		}
	}
}

// The select list becomes a Project over Generate over the input; LATERAL VIEW a Generate
// with the view's qualifier; a table-valued generator a Generate over the single row.
func TestGeneratePlans(t *testing.T) {
	cat := genCatalog(t)
	find := func(n plan.Node) *plan.Generate {
		for n != nil {
			if g, ok := n.(*plan.Generate); ok {
				return g
			}
			kids := n.Children()
			if len(kids) == 0 {
				return nil
			}
			n = kids[0]
		}
		return nil
	}
	cases := []struct {
		sql, fn    string
		outer      bool
		qualifier  string
		oneRow     bool
		unrequired []int
	}{
		// The select list's Generate carries only the input columns the list uses.
		{"SELECT explode_outer(arr) FROM g", "explode", true, "", false, []int{0, 1, 2, 3, 4}},
		{"SELECT id, explode(arr) FROM g", "explode", false, "", false, []int{1, 2, 3, 4}},
		{"SELECT id FROM g LATERAL VIEW OUTER inline(sa) v", "inline", true, "v", false, nil},
		{"SELECT * FROM posexplode(array(1))", "posexplode", false, "", true, nil},
	}
	for _, c := range cases {
		n, err := analyze(t, cat, c.sql)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		g := find(n)
		if g == nil {
			t.Errorf("%s: no Generate in\n%s", c.sql, plan.Explain(n))
			continue
		}
		call, ok := g.Generator.(*plan.Call)
		if !ok || call.Fn != c.fn || g.Outer != c.outer || g.Qualifier != c.qualifier {
			t.Errorf("%s: Generate %s outer=%v qualifier=%q", c.sql, g.Generator, g.Outer, g.Qualifier)
		}
		if _, isOneRow := g.Child.(plan.OneRow); isOneRow != c.oneRow {
			t.Errorf("%s: child %T", c.sql, g.Child)
		}
		if !slices.Equal(g.Unrequired, c.unrequired) {
			t.Errorf("%s: unrequired %v, want %v", c.sql, g.Unrequired, c.unrequired)
		}
	}
}

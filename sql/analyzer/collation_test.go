package analyzer_test

import (
	"errors"
	"testing"

	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// collationCatalog has t1(s string, utf8_binary string, utf8_lcase string collate
// UTF8_LCASE), as collations-string-functions.sql creates it.
func collationCatalog(t *testing.T) *catalog.Session {
	t.Helper()
	cat := catalog.New().NewSession()
	tn, _ := cat.Resolve([]string{"t1"})
	st := types.NewStruct(types.NewField("s", types.String, true), types.NewField("utf8_binary", types.String, true),
		types.NewField("utf8_lcase", types.StringType{Collation: "UTF8_LCASE"}, true),
		types.NewField("c1", types.NewStruct(types.NewField("f", types.StringType{Collation: "UNICODE_CI"}, true)), true),
		types.NewField("arr", types.NewArray(types.StringType{Collation: "UTF8_LCASE"}, true), true))
	if _, err := cat.CreateTable(tn, &catalog.Table{Schema: st}, false, false); err != nil {
		t.Fatal(err)
	}
	return cat
}

// Column names and types with collations, from collations-basic.sql.out and
// collations-string-functions.sql.out.
func TestCollationSchemas(t *testing.T) {
	cat := collationCatalog(t)
	cases := []struct{ sql, want string }{
		{`select utf8_lcase from t1`, "struct<utf8_lcase:string collate UTF8_LCASE>"},
		{`select s collate utf8_lcase from t1`, "struct<collate(s, utf8_lcase):string collate UTF8_LCASE>"},
		{`select 'a' collate unicode < 'A'`, "struct<(collate(a, unicode) < 'A' collate UNICODE):boolean>"},
		{`select 'a' collate unicode_ci_ai = 'Å'`, "struct<(collate(a, unicode_ci_ai) = 'Å' collate UNICODE_CI_AI):boolean>"},
		{`select 'I' collate tr_ci = 'ı'`, "struct<(collate(I, tr_ci) = 'ı' collate tr_CI):boolean>"},
		{`select nullif('aaa' COLLATE utf8_lcase, 'AAA' COLLATE utf8_lcase)`,
			"struct<nullif(collate(aaa, utf8_lcase), collate(AAA, utf8_lcase)):string collate UTF8_LCASE>"},
		{`select array_distinct(array('aaa' collate utf8_lcase, 'AAA' collate utf8_lcase))`,
			"struct<array_distinct(array(collate(aaa, utf8_lcase), collate(AAA, utf8_lcase))):array<string collate UTF8_LCASE>>"},
		{`select concat_ws(' ', utf8_lcase, utf8_lcase) from t1`,
			"struct<concat_ws(' ' collate UTF8_LCASE, utf8_lcase, utf8_lcase):string collate UTF8_LCASE>"},
		{`select concat_ws(' ', utf8_binary, utf8_lcase) from t1`,
			"struct<concat_ws(' ' collate null, utf8_binary, utf8_lcase):string collate null>"},
		{`select contains(utf8_binary, 'a'), contains(utf8_lcase, 'a') from t1`,
			"struct<contains(utf8_binary, a):boolean,contains(utf8_lcase, 'a' collate UTF8_LCASE):boolean>"},
		{`select elt(1, utf8_binary, 'word' collate utf8_lcase), elt(1, utf8_lcase, 'word' collate utf8_binary) from t1`,
			"struct<elt(1, utf8_binary, collate(word, utf8_lcase)):string collate UTF8_LCASE,elt(1, utf8_lcase, collate(word, utf8_binary)):string>"},
		{`select upper(utf8_binary), upper(utf8_lcase) from t1`, "struct<upper(utf8_binary):string,upper(utf8_lcase):string collate UTF8_LCASE>"},
		{`select base64(utf8_binary collate utf8_lcase) from t1`, "struct<base64(collate(utf8_binary, utf8_lcase)):string>"},
		{`select collation(utf8_lcase), collation(s) from t1`, "struct<collation(utf8_lcase):string,collation(s):string>"},
		{`SELECT CASE WHEN utf8_lcase = 'XX' THEN 'XX' ELSE utf8_lcase END FROM t1`,
			"struct<CASE WHEN (utf8_lcase = 'XX' collate UTF8_LCASE) THEN 'XX' collate UTF8_LCASE ELSE utf8_lcase END:string collate UTF8_LCASE>"},
		{`select c1.f = 'a', arr[0] = 'b' from t1`,
			"struct<(c1.f = 'a' collate UNICODE_CI):boolean,(arr[0] = 'b' collate UTF8_LCASE):boolean>"},
		{`select utf8_lcase in ('a', 'B') from t1`, "struct<(utf8_lcase IN ('a' collate UTF8_LCASE, 'B' collate UTF8_LCASE)):boolean>"},
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
	}
}

// Collation errors with the classes and parameters the golden files show.
func TestCollationErrors(t *testing.T) {
	cat := collationCatalog(t)
	cases := []struct {
		sql, class string
		params     map[string]string
	}{
		{`select elt(1, utf8_binary collate utf8_binary, utf8_lcase collate utf8_lcase) from t1`, "COLLATION_MISMATCH.EXPLICIT",
			map[string]string{"explicitTypes": `"STRING", "STRING COLLATE UTF8_LCASE"`}},
		{`select contains(utf8_binary, utf8_lcase) from t1`, "INDETERMINATE_COLLATION_IN_EXPRESSION",
			map[string]string{"expr": `"contains(utf8_binary, utf8_lcase)"`}},
		{`select utf8_binary = utf8_lcase from t1`, "INDETERMINATE_COLLATION_IN_EXPRESSION", nil},
		{`select contains(utf8_binary collate unicode_ai, utf8_lcase collate unicode_ai) from t1`, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
			map[string]string{"inputSql": `"collate(utf8_binary, unicode_ai)"`, "inputType": `"STRING COLLATE UNICODE_AI"`, "paramIndex": "first",
				"requiredType": `"STRING"`, "sqlExpr": `"contains(collate(utf8_binary, unicode_ai), collate(utf8_lcase, unicode_ai))"`}},
		{`select 'a' collate unicode_xx`, "COLLATION_INVALID_NAME", nil},
	}
	for _, c := range cases {
		_, err := analyze(t, cat, c.sql)
		var se *sparkerror.Error
		if !errors.As(err, &se) {
			t.Errorf("%s: got %v, want %s", c.sql, err, c.class)
			continue
		}
		if se.Class != c.class {
			t.Errorf("%s: got %s (%v), want %s", c.sql, se.Class, err, c.class)
			continue
		}
		for k, v := range c.params {
			if se.Params[k] != v {
				t.Errorf("%s: parameter %s = %q, want %q", c.sql, k, se.Params[k], v)
			}
		}
	}
}

package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func fromXMLExpr(t *testing.T, schema types.DataType, opts ...string) func(doc any) (string, error) {
	t.Helper()
	f, _ := Lookup("from_xml")
	return func(doc any) (string, error) {
		args := []Expr{litOf(t, types.String, doc)}
		for _, o := range opts {
			args = append(args, litOf(t, types.String, o))
		}
		e, err := f(args, []types.DataType{types.String}, schema, FuncOptions{TimeZone: mustZone("UTC")})
		if err != nil {
			return "", err
		}
		res, err := e.Eval(emptyBatch(1))
		if err != nil {
			return "", err
		}
		defer res.Release()
		return strs(t, res)[0], nil
	}
}

func parseDDL(t *testing.T, s string) types.DataType {
	t.Helper()
	dt, err := types.ParseOptions{}.FromDDL(s)
	if err != nil {
		t.Fatal(err)
	}
	return types.AsNullable(dt)
}

// from_xml: the cases of Spark's xml-functions.sql and of StaxXmlParser's rules.
func TestFromXML(t *testing.T) {
	cases := []struct {
		schema, doc, want string
		opts              []string
	}{
		{"a INT", "<p><a>1</a></p>", "{1}", nil},
		{"struct<a:array<int>>", "<p><a>1</a><a>2</a></p>", "{[1, 2]}", nil},
		// A value that does not convert is dropped from an array, NULL elsewhere.
		{"struct<a:array<int>>", `<p><a>1</a><a>"2"</a></p>`, "{[1]}", nil},
		{"struct<a:array<int>>", "<p><a>1</a><a></a></p>", "{[1, NULL]}", nil},
		{"struct<a:int,b:string>", `<p><a>1</a><b>"2"</b></p>`, `{1, "2"}`, nil},
		{"struct<a:map<string,int>>", `<p><a attr="1"><b>2</b></a></p>`, "{{_attr -> 1, b -> 2}}", nil},
		{"d date, t timestamp", "<p><d>2012-12-15</d><t>2012-12-15 15:15:15</t></p>", "{2012-12-15, 2012-12-15 15:15:15}", nil},
		{"d date", "<p><d>02-29</d></p>", "{NULL}", []string{"dateFormat", "MM-dd"}},
		// Attributes of the root and of nested elements, the value tag, case-insensitive names.
		{"_id INT, B struct<_k: STRING, _VALUE: DOUBLE>", `<row id="7"><b k="x"> 2.5 </b></row>`, "{7, {x, 2.5}}", nil},
		// An empty element is "" as a string, NULL otherwise; a blank one too.
		{"s STRING, n INT", "<p><s/><n>  </n></p>", "{, NULL}", nil},
		// A nested struct with a bad value is NULL as a whole.
		{"x struct<a:int,b:int>, y INT", "<p><x><a>1</a><b>no</b></x><y>3</y></p>", "{NULL, 3}", nil},
		// A document that is not well-formed gives NULL fields (PERMISSIVE).
		{"a INT", "<p><a>1</a>", "{NULL}", nil},
		{"a INT, _corrupt_record STRING", "<p><a>x</a></p>", "{NULL, <p><a>x</a></p>}", nil},
		{"a STRING", "<p><a><b>1</b><c/></a></p>", "{<b>1</b><c/>}", nil},
	}
	for _, c := range cases {
		got, err := fromXMLExpr(t, parseDDL(t, c.schema), c.opts...)(c.doc)
		if err != nil || got != c.want {
			t.Errorf("from_xml(%s, %s) = %s %v, want %s", c.doc, c.schema, got, err, c.want)
		}
	}
	if got, err := fromXMLExpr(t, parseDDL(t, "a INT"))(nil); err != nil || got != "NULL" {
		t.Errorf("from_xml(NULL) = %s %v", got, err)
	}
	_, err := fromXMLExpr(t, parseDDL(t, "a INT"), "mode", "FAILFAST")("<p><a>x</a></p>")
	if se, ok := sparkerror.As(err); !ok || se.Class != "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION" {
		t.Errorf("FAILFAST: %v", err)
	}
}

// to_xml: Spark's documented examples and the generator's rules.
func TestToXML(t *testing.T) {
	f, _ := Lookup("to_xml")
	run := func(st *types.StructType, rows [][]any, opts ...string) string {
		t.Helper()
		arr := structArr(t, st, rows)
		defer arr.Release()
		args := []Expr{col(0, st)}
		for _, o := range opts {
			args = append(args, litOf(t, types.String, o))
		}
		e, err := f(args, []types.DataType{st}, types.String, FuncOptions{TimeZone: mustZone("UTC")})
		if err != nil {
			t.Fatal(err)
		}
		return evalStrs(t, e, batchOf(arr))[0]
	}
	ab := types.NewStruct(types.NewField("a", types.Integer, true), types.NewField("b", types.Integer, true))
	if got := run(ab, [][]any{{int32(1), int32(2)}}); got != "<ROW>\n    <a>1</a>\n    <b>2</b>\n</ROW>" {
		t.Errorf("to_xml = %q", got)
	}
	if got := run(ab, [][]any{{int32(1), int32(2)}}, "indent", ""); got != "<ROW><a>1</a><b>2</b></ROW>" {
		t.Errorf("to_xml indent '' = %q", got)
	}
	if got := run(ab, [][]any{{int32(1), nil}}, "indent", "", "rowTag", "r"); got != "<r><a>1</a></r>" {
		t.Errorf("to_xml NULL field = %q", got)
	}
	attrs := types.NewStruct(types.NewField("_id", types.Long, true), types.NewField("_VALUE", types.String, true),
		types.NewField("d", types.Double, true))
	if got := run(attrs, [][]any{{int64(7), "x<y", 1e10}}, "indent", ""); got != `<ROW id="7">x&lt;y<d>1.0E10</d></ROW>` {
		t.Errorf("to_xml attributes = %q", got)
	}
	_ = arrow.PrimitiveTypes.Int32
}

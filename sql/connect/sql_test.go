package connect

import (
	"testing"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// TestSQLLowersToSparkNamesAndTypes checks the column names and types Spark gives simple
// SELECT lists (names as in Spark's auto-generated aliases).
func TestSQLLowersToSparkNamesAndTypes(t *testing.T) {
	cases := []struct {
		sql  string
		want string // the resolved schema's simple string
	}{
		{"select 1 as a, 'x' as b", "struct<a:int,b:string>"},
		{"SELECT 1, 'x', 1L, 2S, 3Y, 1.5D, NULL, true", "struct<1:int,x:string,1:bigint,2:smallint,3:tinyint,1.5:double,NULL:void,true:boolean>"},
		{"SELECT 1 + 2, 7 / 2, 5 % 2, -(3), 1 + 2L", "struct<(1 + 2):int,(7 / 2):double,(5 % 2):int,(- 3):int,(1 + 2):bigint>"},
		{"SELECT +230, - + 20, + + 1.5D", "struct<(+ 230):int,(- (+ 20)):int,(+ (+ 1.5)):double>"},
		{"SELECT id, id * 2 AS twice FROM range(5)", "struct<id:bigint,twice:bigint>"},
		{"SELECT * FROM range(1, 5) LIMIT 2", "struct<id:bigint>"},
	}
	for _, c := range cases {
		n, err := LowerSQL(c.sql)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		r, err := analyzer.Resolve(n, analyzer.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		if got := plan.Schema(r).SimpleString(); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.sql, got, c.want)
		}
	}
}

func TestSQLErrors(t *testing.T) {
	cases := []struct{ sql, class string }{
		{"SELEC 1", "PARSE_SYNTAX_ERROR"},
		{"SELECT 1 +", "PARSE_SYNTAX_ERROR"},
		{"SELECT x FROM range(3)", "UNRESOLVED_COLUMN.WITH_SUGGESTION"},
		{"SELECT nosuch(1)", "UNRESOLVED_ROUTINE"},
	}
	for _, c := range cases {
		n, err := LowerSQL(c.sql)
		if err == nil {
			_, err = analyzer.Resolve(n, analyzer.Options{})
		}
		e, ok := sparkerror.As(err)
		if !ok {
			// Errors of sql/types and other packages are fine too as long as they have a class.
			t.Fatalf("%s: want %s, got %v", c.sql, c.class, err)
		}
		if e.Class != c.class && !(c.class == "NOT_IMPLEMENTED" && e.Class == "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES") {
			t.Errorf("%s: want %s, got %s (%s)", c.sql, c.class, e.Class, e.Message)
		}
	}
}

func TestDataTypeProtoRoundTrip(t *testing.T) {
	for _, s := range []string{
		"struct<a:int,b:string,c:decimal(10,2),d:array<map<string,double>>,e:struct<x:timestamp,y:timestamp_ntz>>",
		"struct<i:interval day to second,j:interval year to month,k:binary,l:date,m:boolean,n:tinyint,o:smallint,p:bigint,q:float,r:void>",
	} {
		dt, err := types.ParseDataType(s)
		if err != nil {
			t.Fatal(err)
		}
		pb, err := ToProto(dt)
		if err != nil {
			t.Fatal(err)
		}
		back, err := FromProto(pb)
		if err != nil {
			t.Fatal(err)
		}
		if !types.Equal(dt, back) {
			t.Errorf("round trip of %s gave %s", s, back.SimpleString())
		}
	}
}

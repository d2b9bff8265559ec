package executor

import (
	"testing"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/sqlconf"
)

func TestSubstituteSQL(t *testing.T) {
	reg, err := sqlconf.NewRegistry(sqlconf.WithSettings(map[string]string{"spark.sql.warehouse.dir": "file:/wh"}))
	if err != nil {
		t.Fatal(err)
	}
	s := sessions.NewSession("user", "session", "server", sqlconf.New(reg), nil)
	t.Cleanup(s.Close)
	if err := s.Conf.Set("my.var", "${spark.sql.warehouse.dir}/x"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SAIL_SUBST_TEST", "envval")
	for _, tc := range []struct{ in, want string }{
		{"SELECT * FROM parquet.`${spark.sql.warehouse.dir}/db.db/t`", "SELECT * FROM parquet.`file:/wh/db.db/t`"},
		{"SELECT '${hiveconf:my.var}'", "SELECT 'file:/wh/x'"},
		{"SELECT '${env:SAIL_SUBST_TEST}', '${nope.nothing}', '${system:x}'", "SELECT 'envval', '${nope.nothing}', '${system:x}'"},
		{"SELECT 1", "SELECT 1"},
	} {
		rel := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: tc.in}}}
		if got := substituteSQL(s, rel).GetSql().GetQuery(); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.in, got, tc.want)
		}
		if rel.GetSql().GetQuery() != tc.in {
			t.Errorf("the request's relation was modified")
		}
	}
	if err := s.Conf.Set("spark.sql.variable.substitute", "false"); err != nil {
		t.Fatal(err)
	}
	rel := &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: "SELECT '${my.var}'"}}}
	if got := substituteSQL(s, rel).GetSql().GetQuery(); got != "SELECT '${my.var}'" {
		t.Errorf("substitution off: %s", got)
	}
}

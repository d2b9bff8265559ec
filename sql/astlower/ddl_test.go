package astlower_test

import (
	"reflect"
	"testing"

	"github.com/sailgo/sail/sql/plan"
)

func TestLowerDDLStatements(t *testing.T) {
	d := lower(t, "DESC EXTENDED t PARTITION (c='Us', d=1, e=NULL) AS JSON").(*plan.DescribeTable)
	want := []plan.PartitionValue{{Column: "c", Value: "Us", HasValue: true}, {Column: "d", Value: "1", HasValue: true},
		{Column: "e", HasValue: true, Null: true}}
	if !d.Extended || !d.AsJSON || !reflect.DeepEqual(d.Partition, want) {
		t.Errorf("DESC PARTITION lowered to %+v", d)
	}
	if d := lower(t, "DESCRIBE IDENTIFIER('db.`a.b`')").(*plan.DescribeTable); !reflect.DeepEqual(d.Name, []string{"db", "a.b"}) {
		t.Errorf("DESCRIBE IDENTIFIER lowered to %v", d.Name)
	}
	if d := lower(t, "DESC FORMATTED f PARTITION (C=TIMESTAMP'2018-11-17 13:33:33')").(*plan.DescribeTable); d.Partition[0].Value != "2018-11-17 13:33:33" {
		t.Errorf("typed partition value = %+v", d.Partition)
	}

	a := lower(t, "ALTER TABLE t ADD COLUMNS (x INT COMMENT 'c', y STRING DEFAULT 'v')").(*plan.AlterTable)
	if a.Op != "ADD COLUMNS" || len(a.Columns) != 2 || *a.Columns[0].Comment != "c" || *a.Columns[1].Default != "'v'" {
		t.Errorf("ADD COLUMNS lowered to %+v", a)
	}
	if a := lower(t, "ALTER TABLE t CHANGE a TYPE STRING").(*plan.AlterTable); a.Op != "CHANGE COLUMN" || a.Columns[0].Type == nil {
		t.Errorf("CHANGE lowered to %+v", a)
	}
	if a := lower(t, "ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('comment', k)").(*plan.AlterTable); a.Op != "UNSET PROPERTIES" || !a.IfExists ||
		!reflect.DeepEqual(a.Keys, []string{"comment", "k"}) {
		t.Errorf("UNSET TBLPROPERTIES lowered to %+v", a)
	}
	v := lower(t, "ALTER VIEW v AS SELECT 1 AS x").(*plan.AlterTable)
	if v.Op != "VIEW QUERY" || !v.View || v.SQL != "SELECT 1 AS x" || v.Query == nil {
		t.Errorf("ALTER VIEW AS lowered to %+v", v)
	}
	if a := lower(t, "ALTER TABLE t ADD IF NOT EXISTS PARTITION (c='Us') LOCATION '/p'").(*plan.AlterTable); a.Op != "ADD PARTITION" ||
		!a.IfNotExists || a.Locations[0] != "/p" || a.Partitions[0][0].Value != "Us" {
		t.Errorf("ADD PARTITION lowered to %+v", a)
	}

	c := lower(t, "CREATE DATABASE IF NOT EXISTS spark_catalog.db COMMENT 'x' LOCATION '/l' WITH DBPROPERTIES (a='1')").(*plan.CreateDatabase)
	if !c.IfNotExists || !reflect.DeepEqual(c.NameParts, []string{"spark_catalog", "db"}) || c.Comment != "x" || c.Location != "/l" || c.Props["a"] != "1" {
		t.Errorf("CREATE DATABASE lowered to %+v", c)
	}
	u := lower(t, "CREATE OR REPLACE TEMPORARY VIEW zt3(f3 int) USING parquet").(*plan.CreateTempViewUsing)
	if !u.Replace || u.Provider != "parquet" || u.Schema == nil || u.Schema.Fields[0].Name != "f3" {
		t.Errorf("CREATE TEMPORARY VIEW USING lowered to %+v", u)
	}
	if an := lower(t, "ANALYZE TABLE t PARTITION (ds, hr) COMPUTE STATISTICS").(*plan.AnalyzeTable); len(an.Partition) != 2 || an.Partition[0].HasValue {
		t.Errorf("ANALYZE lowered to %+v", an)
	}
	if tr := lower(t, "TRUNCATE TABLE db.t").(*plan.Truncate); !reflect.DeepEqual(tr.Name, []string{"db", "t"}) {
		t.Errorf("TRUNCATE lowered to %+v", tr)
	}
	ct := lower(t, "CREATE TABLE t (a INT DEFAULT 42) USING parquet CLUSTERED BY (a) SORTED BY (a) INTO 4 BUCKETS LOCATION '/x'").(*plan.CreateTable)
	if ct.NumBuckets != 4 || !reflect.DeepEqual(ct.BucketCols, []string{"a"}) || ct.Location != "/x" || ct.Defaults["a"] != "42" {
		t.Errorf("CREATE TABLE lowered to %+v", ct)
	}
	cv := lower(t, "CREATE VIEW v (a COMMENT 'c') WITH SCHEMA EVOLUTION AS SELECT 1").(*plan.CreateView)
	if cv.Text != "SELECT 1" || cv.SchemaMode != "EVOLUTION" || cv.ColumnComments[0] != "c" {
		t.Errorf("CREATE VIEW lowered to %+v", cv)
	}
}

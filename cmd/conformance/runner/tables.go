package runner

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/arrowbatch"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// tenkSchema is the schema of the PostgreSQL-derived onek and tenk1 tables.
const tenkSchema = "unique1 int, unique2 int, two int, four int, ten int, twenty int, hundred int, " +
	"thousand int, twothousand int, fivethous int, tenthous int, odd int, even int, " +
	"stringu1 string, stringu2 string, string4 string"

// testTable is one of the tables Spark's harness creates before any file runs.
type testTable struct {
	name string
	// input is the relation whose rows the table holds, as a PySpark client would send it.
	input func(root string) (*connectpb.Relation, error)
}

// testTables are created like SQLQueryTestSuite.createTestTables: DataFrames written as
// managed Parquet tables with saveAsTable, over Spark Connect's WriteOperation.
var testTables = []testTable{
	{"testdata", func(string) (*connectpb.Relation, error) {
		b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{
			{Name: "key", Type: arrow.PrimitiveTypes.Int32, Nullable: false},
			{Name: "value", Type: arrow.BinaryTypes.String, Nullable: true},
		}, nil))
		defer b.Release()
		for i := 1; i <= 100; i++ {
			b.Field(0).(*array.Int32Builder).Append(int32(i))
			b.Field(1).(*array.StringBuilder).Append(strconv.Itoa(i))
		}
		return localRelation(b, "key int not null, value string")
	}},
	{"arraydata", func(string) (*connectpb.Relation, error) {
		intList := arrow.ListOfNonNullable(arrow.PrimitiveTypes.Int32)
		b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{
			{Name: "arraycol", Type: intList, Nullable: true},
			{Name: "nestedarraycol", Type: arrow.ListOf(intList), Nullable: true},
		}, nil))
		defer b.Release()
		for _, row := range [][]int32{{1, 2, 3}, {2, 3, 4}} {
			flat := b.Field(0).(*array.ListBuilder)
			flat.Append(true)
			nested := b.Field(1).(*array.ListBuilder)
			nested.Append(true)
			inner := nested.ValueBuilder().(*array.ListBuilder)
			inner.Append(true)
			for _, v := range row {
				flat.ValueBuilder().(*array.Int32Builder).Append(v)
				inner.ValueBuilder().(*array.Int32Builder).Append(v)
			}
		}
		return localRelation(b, "arraycol array<int not null>, nestedarraycol array<array<int not null>>")
	}},
	{"mapdata", func(string) (*connectpb.Relation, error) {
		b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{
			{Name: "mapcol", Type: arrow.MapOf(arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String), Nullable: true},
		}, nil))
		defer b.Release()
		for row := 1; row <= 5; row++ {
			m := b.Field(0).(*array.MapBuilder)
			m.Append(true)
			for k := 1; k <= 6-row; k++ {
				m.KeyBuilder().(*array.Int32Builder).Append(int32(k))
				m.ItemBuilder().(*array.StringBuilder).Append(string(rune('a'+k-1)) + strconv.Itoa(row))
			}
		}
		return localRelation(b, "mapcol map<int, string>")
	}},
	{"aggtest", csvTable("postgresql/agg.data", "a int, b float")},
	{"onek", csvTable("postgresql/onek.data", tenkSchema)},
	{"tenk1", csvTable("postgresql/tenk.data", tenkSchema)},
}

// localRelation is what PySpark's createDataFrame sends: the rows as an Arrow IPC stream
// and the schema.
func localRelation(b *array.RecordBuilder, ddl string) (*connectpb.Relation, error) {
	rec := b.NewRecordBatch()
	defer rec.Release()
	var data []byte
	err := arrowbatch.Encode(rec, 1<<30, func(d []byte, _ int64) error {
		data = append(data, d...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{
		Data: data, Schema: &ddl,
	}}}, nil
}

// csvTable reads a tab-separated file of the corpus's test-data with a schema, as
// spark.read.format("csv").options(delimiter \t, header false).schema(s).load(path) does.
func csvTable(file, schema string) func(root string) (*connectpb.Relation, error) {
	return func(root string) (*connectpb.Relation, error) {
		path, err := filepath.Abs(filepath.Join(root, "test-data", filepath.FromSlash(file)))
		if err != nil {
			return nil, err
		}
		format := "csv"
		return &connectpb.Relation{RelType: &connectpb.Relation_Read{Read: &connectpb.Read{
			ReadType: &connectpb.Read_DataSource_{DataSource: &connectpb.Read_DataSource{
				Format:  &format,
				Schema:  &schema,
				Options: map[string]string{"delimiter": "\t", "header": "false"},
				Paths:   []string{path},
			}},
		}}}, nil
	}
}

// createTestTables drops and creates the six tables; it returns one note per table that
// could not be created (the statements that read it will fail and say why).
func createTestTables(ctx context.Context, c *client.Client, root string) []string {
	var notes []string
	for _, t := range testTables {
		if err := createTestTable(ctx, c, root, t); err != nil {
			notes = append(notes, fmt.Sprintf("table %s not created: %s", t.name, errorLabel(err)))
		}
	}
	return notes
}

func createTestTable(ctx context.Context, c *client.Client, root string, t testTable) error {
	// A server the runner started is new; one given with --remote may hold the tables of an
	// earlier run. Whether the drop works shows in the creation that follows.
	if rel, err := c.SQL(ctx, "DROP TABLE IF EXISTS "+t.name); err == nil {
		if res, err := c.Collect(ctx, rel); err == nil {
			res.Release()
		}
	}
	input, err := t.input(root)
	if err != nil {
		return err
	}
	source := "parquet"
	res, err := c.Execute(ctx, &connectpb.Plan{OpType: &connectpb.Plan_Command{Command: &connectpb.Command{
		CommandType: &connectpb.Command_WriteOperation{WriteOperation: &connectpb.WriteOperation{
			Input:  input,
			Source: &source,
			SaveType: &connectpb.WriteOperation_Table{Table: &connectpb.WriteOperation_SaveTable{
				TableName:  t.name,
				SaveMethod: connectpb.WriteOperation_SaveTable_TABLE_SAVE_METHOD_SAVE_AS_TABLE,
			}},
			Mode: connectpb.WriteOperation_SAVE_MODE_ERROR_IF_EXISTS,
		}},
	}}})
	if err != nil {
		return err
	}
	res.Release()
	return nil
}

// errorLabel is a one-line description of a client error.
func errorLabel(err error) string {
	if e := client.AsError(err); e != nil {
		return serverError(e).label()
	}
	return err.Error()
}

package runner

import (
	"reflect"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

func TestDescribeRowsPadLikeJava(t *testing.T) {
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{
		{Name: "col_name", Type: arrow.BinaryTypes.String},
		{Name: "data_type", Type: arrow.BinaryTypes.String},
		{Name: "comment", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil))
	defer b.Release()
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"a", "\U0001F600é"}, nil)
	b.Field(1).(*array.StringBuilder).AppendValues([]string{"int", "a_type_name_longer_than_20"}, nil)
	b.Field(2).(*array.StringBuilder).AppendNull()
	b.Field(2).(*array.StringBuilder).Append("c")
	rec := b.NewRecordBatch()
	defer rec.Release()
	got := describeRows([]arrow.RecordBatch{rec})
	want := []string{
		"a                   \tint                 \t                    ",
		// The emoji is two UTF-16 units, so 17 spaces follow the three units.
		"\U0001F600é                 \ta_type_name_longer_than_20\tc                   ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestColumnRowsAndSchema(t *testing.T) {
	st := arrow.StructOf(arrow.Field{Name: "x", Type: arrow.BinaryTypes.String, Nullable: true})
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{
		{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "s", Type: st, Nullable: true},
	}, nil))
	defer b.Release()
	b.Field(0).(*array.Int32Builder).AppendValues([]int32{1, 0}, []bool{true, false})
	sb := b.Field(1).(*array.StructBuilder)
	sb.Append(true)
	sb.FieldBuilder(0).(*array.StringBuilder).Append("v")
	sb.Append(true)
	sb.FieldBuilder(0).(*array.StringBuilder).AppendNull()
	rec := b.NewRecordBatch()
	defer rec.Release()

	rows, err := columnRows([]arrow.RecordBatch{rec}, -1, format.Options{Style: format.StyleHive})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"1\t{\"x\":\"v\"}", "NULL\t{\"x\":null}"}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	rows, err = columnRows([]arrow.RecordBatch{rec}, 0, format.Options{Style: format.StyleHive})
	if err != nil || !reflect.DeepEqual(rows, []string{"1", "NULL"}) {
		t.Errorf("one column: %q, %v", rows, err)
	}

	res := &client.Result{ArrowSchema: rec.Schema()}
	if s, err := schemaString(res); err != nil || s != "struct<a:int,s:struct<x:string>>" {
		t.Errorf("schema from Arrow: %q, %v", s, err)
	}
	res.Schema = &connectpb.DataType{Kind: &connectpb.DataType_Struct_{Struct: &connectpb.DataType_Struct{Fields: []*connectpb.DataType_StructField{
		{Name: "n", DataType: &connectpb.DataType{Kind: &connectpb.DataType_Long_{Long: &connectpb.DataType_Long{}}}},
	}}}}
	if s, err := schemaString(res); err != nil || s != "struct<n:bigint>" {
		t.Errorf("schema from the response: %q, %v", s, err)
	}
	if s, err := schemaString(&client.Result{}); err != nil || s != "struct<>" {
		t.Errorf("no schema: %q, %v", s, err)
	}
	if needsSessionSettings(rec.Schema().Fields()) {
		t.Error("int and string columns need no session settings")
	}
	ts := []arrow.Field{{Name: "l", Type: arrow.ListOf(&arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"})}}
	if !needsSessionSettings(ts) {
		t.Error("a list of timestamps needs the session time zone")
	}
}

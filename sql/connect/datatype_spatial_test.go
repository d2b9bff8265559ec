package connect

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/transport/arrowbatch"
)

// GEOGRAPHY and GEOMETRY travel as Spark 4.1's DataType.geography (field 27) and
// DataType.geometry (field 26), each with its srid (field 1; -1 for ANY), both ways.
func TestSpatialDataTypeProto(t *testing.T) {
	for _, c := range []struct {
		dt    types.DataType
		field protowire.Number
		srid  int32
	}{
		{types.GeographyType{SRID: 4326}, 27, 4326},
		{types.GeographyAny, 27, -1},
		{types.GeometryType{SRID: 0}, 26, 0},
		{types.GeometryType{SRID: 3857}, 26, 3857},
		{types.GeometryAny, 26, -1},
	} {
		pb, err := ToProto(c.dt)
		if err != nil {
			t.Fatalf("%v: %v", c.dt, err)
		}
		wire, err := proto.Marshal(pb)
		if err != nil {
			t.Fatal(err)
		}
		// The message is one length-delimited field whose body holds the srid as field 1
		// (absent when 0, as proto3 leaves default values out).
		num, typ, n := protowire.ConsumeTag(wire)
		body, m := protowire.ConsumeBytes(wire[n:])
		if num != c.field || typ != protowire.BytesType || m < 0 || n+m != len(wire) {
			t.Fatalf("%v: wire %x", c.dt, wire)
		}
		var srid int32
		if len(body) > 0 {
			fnum, ftyp, k := protowire.ConsumeTag(body)
			v, l := protowire.ConsumeVarint(body[k:])
			if fnum != 1 || ftyp != protowire.VarintType || l < 0 {
				t.Fatalf("%v: body %x", c.dt, body)
			}
			srid = int32(v)
		}
		if srid != c.srid {
			t.Errorf("%v: srid on the wire %d, want %d", c.dt, srid, c.srid)
		}
		back, err := FromProto(pb)
		if err != nil || back != c.dt {
			t.Errorf("%v: back %v, %v", c.dt, back, err)
		}
	}
	// Inside a struct, and unsupported SRIDs from a client.
	st := types.NewStruct(types.NewField("g", types.NewArray(types.GeographyAny, true), true))
	pb, err := ToProto(st)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := FromProto(pb); err != nil || !types.Equal(back, st) {
		t.Errorf("struct round trip: %v, %v", back, err)
	}
	for _, bad := range []*connectpb.DataType{
		{Kind: &connectpb.DataType_Geography_{Geography: &connectpb.DataType_Geography{Srid: 3857}}},
		{Kind: &connectpb.DataType_Geometry_{Geometry: &connectpb.DataType_Geometry{Srid: 4269}}},
	} {
		_, err := FromProto(bad)
		if err == nil {
			t.Errorf("%v: want ST_INVALID_SRID_VALUE", bad)
			continue
		}
		if te, ok := err.(*types.Error); !ok || te.Class != "ST_INVALID_SRID_VALUE" {
			if se, ok := sparkerror.As(err); !ok || se.Class != "ST_INVALID_SRID_VALUE" {
				t.Errorf("%v: got %v", bad, err)
			}
		}
	}
}

// localSpatialData is the Arrow IPC stream of one spatial column of type dt holding POINT(1 2)
// with the given SRIDs, as the PySpark 4.1 client sends createDataFrame data.
func localSpatialData(t *testing.T, dt types.DataType, srids ...int32) []byte {
	t.Helper()
	f, err := types.ToArrowField("g", dt, true)
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewStructBuilder(memory.DefaultAllocator, f.Type.(*arrow.StructType))
	defer b.Release()
	for _, s := range srids {
		b.Append(true)
		b.FieldBuilder(0).(*array.Int32Builder).Append(s)
		b.FieldBuilder(1).(*array.BinaryBuilder).Append([]byte{1, 1, 0, 0, 0})
	}
	col := b.NewArray()
	defer col.Release()
	rb := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{f}, nil), []arrow.Array{col}, int64(len(srids)))
	defer rb.Release()
	var data []byte
	if err := arrowbatch.Encode(rb, arrowbatch.DefaultMaxBytes, func(d []byte, _ int64) error { data = d; return nil }); err != nil {
		t.Fatal(err)
	}
	return data
}

// A LocalRelation's spatial columns get their types from the Arrow metadata (or the JSON
// schema) and their values are checked against them.
func TestLocalRelationSpatial(t *testing.T) {
	for _, c := range []struct {
		dt     types.DataType
		schema string // JSON schema sent along, if any
		srids  []int32
		class  string
	}{
		{types.GeometryType{SRID: 3857}, "", []int32{3857, 3857}, ""},
		{types.GeometryAny, `{"type":"struct","fields":[{"name":"g","type":"geometry(SRID:ANY)","nullable":true,"metadata":{}}]}`,
			[]int32{0, 3857, 4326}, ""},
		{types.DefaultGeography, `{"type":"struct","fields":[{"name":"g","type":"geography(OGC:CRS84, SPHERICAL)","nullable":true,"metadata":{}}]}`,
			[]int32{4326}, ""},
		{types.GeometryType{SRID: 3857}, "", []int32{3857, 0}, "GEO_ENCODER_SRID_MISMATCH_ERROR"},
		{types.GeographyAny, "", []int32{4326, 3857}, "ST_INVALID_SRID_VALUE"},
	} {
		l := &connectpb.LocalRelation{Data: localSpatialData(t, c.dt, c.srids...)}
		if c.schema != "" {
			l.Schema = &c.schema
		}
		n, err := lowerLocal(l)
		if c.class != "" {
			te, ok := err.(*types.Error)
			if !ok || te.Class != c.class {
				t.Errorf("%s %v: got %v, want %s", c.dt.SQL(), c.srids, err, c.class)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %v: %v", c.dt.SQL(), c.srids, err)
			continue
		}
		if got := n.(*plan.LocalData).Schema.Fields[0].DataType; got != c.dt {
			t.Errorf("%s %v: column type %v", c.dt.SQL(), c.srids, got)
		}
	}
}

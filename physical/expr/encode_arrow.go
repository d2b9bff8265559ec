package expr

import (
	"bytes"
	"fmt"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Arrow types and schemas travel field by field (ArrowType, ArrowField, ArrowSchema) and
// Arrow data as IPC streams read against a schema decoded that way: the IPC reader trusts
// the flatbuffers it parses (a corrupt schema message can make it allocate without bound),
// so it is only given the record batch messages of a stream, with a size budget.

// maxTypeDepth bounds the nesting of a decoded Arrow type.
const maxTypeDepth = 64

// EncodeArrowType encodes an Arrow type; types outside what Spark types map to (unions,
// dictionaries, extension and view types) give an error.
func EncodeArrowType(t arrow.DataType) (*physicalpb.ArrowType, error) {
	if t == nil {
		return nil, sparkerror.InternalError("encode: missing Arrow type")
	}
	m := &physicalpb.ArrowType{Id: int32(t.ID())}
	switch x := t.(type) {
	case *arrow.NullType, *arrow.BooleanType, *arrow.Int8Type, *arrow.Int16Type, *arrow.Int32Type, *arrow.Int64Type,
		*arrow.Uint8Type, *arrow.Uint16Type, *arrow.Uint32Type, *arrow.Uint64Type, *arrow.Float16Type, *arrow.Float32Type,
		*arrow.Float64Type, *arrow.StringType, *arrow.LargeStringType, *arrow.BinaryType, *arrow.LargeBinaryType,
		*arrow.Date32Type, *arrow.Date64Type, *arrow.MonthIntervalType, *arrow.DayTimeIntervalType, *arrow.MonthDayNanoIntervalType:
	case *arrow.FixedSizeBinaryType:
		m.Width = int32(x.ByteWidth)
	case *arrow.Decimal128Type:
		m.Precision, m.Scale = x.Precision, x.Scale
	case *arrow.Decimal256Type:
		m.Precision, m.Scale = x.Precision, x.Scale
	case *arrow.TimestampType:
		m.Unit, m.TimeZone = int32(x.Unit), x.TimeZone
	case *arrow.Time32Type:
		m.Unit = int32(x.Unit)
	case *arrow.Time64Type:
		m.Unit = int32(x.Unit)
	case *arrow.DurationType:
		m.Unit = int32(x.Unit)
	case *arrow.ListType:
		return withChildren(m, x.ElemField())
	case *arrow.LargeListType:
		return withChildren(m, x.ElemField())
	case *arrow.FixedSizeListType:
		m.Width = x.Len()
		return withChildren(m, x.ElemField())
	case *arrow.StructType:
		return withChildren(m, x.Fields()...)
	case *arrow.MapType:
		m.KeysSorted = x.KeysSorted
		return withChildren(m, arrow.Field{Name: "entries", Type: x.Elem()})
	default:
		return nil, sparkerror.InternalError("encode: the Arrow type %s cannot be shipped", t)
	}
	return m, nil
}

func withChildren(m *physicalpb.ArrowType, fields ...arrow.Field) (*physicalpb.ArrowType, error) {
	for _, f := range fields {
		fm, err := EncodeArrowField(f)
		if err != nil {
			return nil, err
		}
		m.Children = append(m.Children, fm)
	}
	return m, nil
}

// EncodeArrowField encodes a field with its metadata.
func EncodeArrowField(f arrow.Field) (*physicalpb.ArrowField, error) {
	t, err := EncodeArrowType(f.Type)
	if err != nil {
		return nil, err
	}
	return &physicalpb.ArrowField{Name: f.Name, Type: t, Nullable: f.Nullable, MetadataKeys: f.Metadata.Keys(),
		MetadataValues: f.Metadata.Values()}, nil
}

// DecodeArrowType decodes a type EncodeArrowType wrote.
func DecodeArrowType(m *physicalpb.ArrowType) (arrow.DataType, error) { return decodeArrowType(m, 0) }

func decodeArrowType(m *physicalpb.ArrowType, depth int) (arrow.DataType, error) {
	if m == nil {
		return nil, sparkerror.InternalError("decode: missing Arrow type")
	}
	if depth > maxTypeDepth {
		return nil, sparkerror.InternalError("decode: Arrow type nested deeper than %d", maxTypeDepth)
	}
	unit := func() (arrow.TimeUnit, error) {
		if m.Unit < int32(arrow.Second) || m.Unit > int32(arrow.Nanosecond) {
			return 0, sparkerror.InternalError("decode: time unit %d", m.Unit)
		}
		return arrow.TimeUnit(m.Unit), nil
	}
	children := func(n int) ([]arrow.Field, error) {
		if n >= 0 && len(m.Children) != n {
			return nil, sparkerror.InternalError("decode: Arrow type %d with %d children", m.Id, len(m.Children))
		}
		out := make([]arrow.Field, len(m.Children))
		for i, c := range m.Children {
			f, err := decodeArrowField(c, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = f
		}
		return out, nil
	}
	if len(m.Children) > 0 {
		switch arrow.Type(m.Id) {
		case arrow.LIST, arrow.LARGE_LIST, arrow.FIXED_SIZE_LIST, arrow.STRUCT, arrow.MAP:
		default:
			return nil, sparkerror.InternalError("decode: Arrow type %d with children", m.Id)
		}
	}
	switch arrow.Type(m.Id) {
	case arrow.NULL:
		return arrow.Null, nil
	case arrow.BOOL:
		return arrow.FixedWidthTypes.Boolean, nil
	case arrow.INT8:
		return arrow.PrimitiveTypes.Int8, nil
	case arrow.INT16:
		return arrow.PrimitiveTypes.Int16, nil
	case arrow.INT32:
		return arrow.PrimitiveTypes.Int32, nil
	case arrow.INT64:
		return arrow.PrimitiveTypes.Int64, nil
	case arrow.UINT8:
		return arrow.PrimitiveTypes.Uint8, nil
	case arrow.UINT16:
		return arrow.PrimitiveTypes.Uint16, nil
	case arrow.UINT32:
		return arrow.PrimitiveTypes.Uint32, nil
	case arrow.UINT64:
		return arrow.PrimitiveTypes.Uint64, nil
	case arrow.FLOAT16:
		return arrow.FixedWidthTypes.Float16, nil
	case arrow.FLOAT32:
		return arrow.PrimitiveTypes.Float32, nil
	case arrow.FLOAT64:
		return arrow.PrimitiveTypes.Float64, nil
	case arrow.STRING:
		return arrow.BinaryTypes.String, nil
	case arrow.LARGE_STRING:
		return arrow.BinaryTypes.LargeString, nil
	case arrow.BINARY:
		return arrow.BinaryTypes.Binary, nil
	case arrow.LARGE_BINARY:
		return arrow.BinaryTypes.LargeBinary, nil
	case arrow.DATE32:
		return arrow.FixedWidthTypes.Date32, nil
	case arrow.DATE64:
		return arrow.FixedWidthTypes.Date64, nil
	case arrow.INTERVAL_MONTHS:
		return arrow.FixedWidthTypes.MonthInterval, nil
	case arrow.INTERVAL_DAY_TIME:
		return arrow.FixedWidthTypes.DayTimeInterval, nil
	case arrow.INTERVAL_MONTH_DAY_NANO:
		return arrow.FixedWidthTypes.MonthDayNanoInterval, nil
	case arrow.FIXED_SIZE_BINARY:
		if m.Width < 0 {
			return nil, sparkerror.InternalError("decode: fixed size binary of %d bytes", m.Width)
		}
		return &arrow.FixedSizeBinaryType{ByteWidth: int(m.Width)}, nil
	case arrow.DECIMAL128:
		if m.Precision < 1 || m.Precision > 38 || m.Scale < -38 || m.Scale > m.Precision {
			return nil, sparkerror.InternalError("decode: decimal128(%d, %d)", m.Precision, m.Scale)
		}
		return &arrow.Decimal128Type{Precision: m.Precision, Scale: m.Scale}, nil
	case arrow.DECIMAL256:
		if m.Precision < 1 || m.Precision > 76 || m.Scale < -76 || m.Scale > m.Precision {
			return nil, sparkerror.InternalError("decode: decimal256(%d, %d)", m.Precision, m.Scale)
		}
		return &arrow.Decimal256Type{Precision: m.Precision, Scale: m.Scale}, nil
	case arrow.TIMESTAMP:
		u, err := unit()
		if err != nil {
			return nil, err
		}
		return &arrow.TimestampType{Unit: u, TimeZone: m.TimeZone}, nil
	case arrow.TIME32:
		u, err := unit()
		if err != nil || u > arrow.Millisecond {
			return nil, sparkerror.InternalError("decode: time32 unit %d", m.Unit)
		}
		return &arrow.Time32Type{Unit: u}, nil
	case arrow.TIME64:
		u, err := unit()
		if err != nil || u < arrow.Microsecond {
			return nil, sparkerror.InternalError("decode: time64 unit %d", m.Unit)
		}
		return &arrow.Time64Type{Unit: u}, nil
	case arrow.DURATION:
		u, err := unit()
		if err != nil {
			return nil, err
		}
		return &arrow.DurationType{Unit: u}, nil
	case arrow.LIST, arrow.LARGE_LIST, arrow.FIXED_SIZE_LIST:
		fs, err := children(1)
		if err != nil {
			return nil, err
		}
		switch arrow.Type(m.Id) {
		case arrow.LIST:
			return arrow.ListOfField(fs[0]), nil
		case arrow.LARGE_LIST:
			return arrow.LargeListOfField(fs[0]), nil
		}
		if m.Width < 0 {
			return nil, sparkerror.InternalError("decode: fixed size list of %d", m.Width)
		}
		return arrow.FixedSizeListOfField(m.Width, fs[0]), nil
	case arrow.STRUCT:
		fs, err := children(-1)
		if err != nil {
			return nil, err
		}
		return arrow.StructOf(fs...), nil
	case arrow.MAP:
		fs, err := children(1)
		if err != nil {
			return nil, err
		}
		st, ok := fs[0].Type.(*arrow.StructType)
		if !ok || st.NumFields() != 2 || st.Field(0).Nullable {
			return nil, sparkerror.InternalError("decode: map entries of type %s", fs[0].Type)
		}
		k, v := st.Field(0), st.Field(1)
		mt := arrow.MapOfWithMetadata(k.Type, k.Metadata, v.Type, v.Metadata)
		mt.SetItemNullable(v.Nullable)
		mt.KeysSorted = m.KeysSorted
		return mt, nil
	}
	return nil, sparkerror.InternalError("decode: unknown Arrow type %d", m.Id)
}

func decodeArrowField(m *physicalpb.ArrowField, depth int) (arrow.Field, error) {
	if m == nil {
		return arrow.Field{}, sparkerror.InternalError("decode: missing Arrow field")
	}
	t, err := decodeArrowType(m.Type, depth)
	if err != nil {
		return arrow.Field{}, err
	}
	md, err := decodeMetadata(m.MetadataKeys, m.MetadataValues)
	if err != nil {
		return arrow.Field{}, err
	}
	return arrow.Field{Name: m.Name, Type: t, Nullable: m.Nullable, Metadata: md}, nil
}

func decodeMetadata(keys, values []string) (arrow.Metadata, error) {
	if len(keys) != len(values) {
		return arrow.Metadata{}, sparkerror.InternalError("decode: %d metadata keys and %d values", len(keys), len(values))
	}
	if len(keys) == 0 {
		return arrow.Metadata{}, nil
	}
	return arrow.NewMetadata(keys, values), nil
}

// EncodeSchema encodes an Arrow schema.
func EncodeSchema(s *arrow.Schema) (*physicalpb.ArrowSchema, error) {
	if s == nil {
		return nil, sparkerror.InternalError("encode: missing schema")
	}
	m := &physicalpb.ArrowSchema{}
	for _, f := range s.Fields() {
		fm, err := EncodeArrowField(f)
		if err != nil {
			return nil, err
		}
		m.Fields = append(m.Fields, fm)
	}
	md := s.Metadata()
	m.MetadataKeys, m.MetadataValues = md.Keys(), md.Values()
	return m, nil
}

// DecodeSchema decodes a schema EncodeSchema wrote.
func DecodeSchema(m *physicalpb.ArrowSchema) (*arrow.Schema, error) {
	if m == nil {
		return nil, sparkerror.InternalError("decode: missing schema")
	}
	fields := make([]arrow.Field, len(m.Fields))
	for i, fm := range m.Fields {
		f, err := decodeArrowField(fm, 0)
		if err != nil {
			return nil, err
		}
		fields[i] = f
	}
	md, err := decodeMetadata(m.MetadataKeys, m.MetadataValues)
	if err != nil {
		return nil, err
	}
	if len(m.MetadataKeys) == 0 {
		return arrow.NewSchema(fields, nil), nil
	}
	return arrow.NewSchema(fields, &md), nil
}

// EncodeBatches serializes batches of schema s as an Arrow IPC stream.
func EncodeBatches(s *arrow.Schema, batches []arrow.RecordBatch) ([]byte, error) {
	var buf bytes.Buffer
	w := ipc.NewWriter(&buf, ipc.WithSchema(s))
	for _, b := range batches {
		if err := w.Write(b); err != nil {
			w.Close()
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DecodeBatches reads the batches of an IPC stream EncodeBatches wrote for schema s; the
// stream's own schema message is skipped, not parsed. The caller releases the batches.
func DecodeBatches(s *arrow.Schema, b []byte, mem memory.Allocator) (out []arrow.RecordBatch, err error) {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	release := func() {
		for _, x := range out {
			x.Release()
		}
		out = nil
	}
	defer func() {
		if r := recover(); r != nil {
			release()
			err = fmt.Errorf("decode: corrupt Arrow IPC stream: %v", r)
		}
	}()
	trusted, err := EncodeBatches(s, nil)
	if err != nil {
		return nil, err
	}
	budget := &budgetAllocator{mem: mem, left: 4*int64(len(b)) + 1<<20}
	n := int64(len(b)) + 1
	limits := []ipc.Option{ipc.WithMetadataSizeLimit(n), ipc.WithBodySizeLimit(n), ipc.WithAllocator(budget)}
	mr := &batchMessages{
		schema: ipc.NewMessageReader(bytes.NewReader(trusted), ipc.WithAllocator(mem)),
		data:   ipc.NewMessageReader(bytes.NewReader(b), limits...),
	}
	r, err := ipc.NewReaderFromMessageReader(mr, ipc.WithAllocator(budget), ipc.WithSchema(s))
	if err != nil {
		return nil, fmt.Errorf("decode: Arrow IPC stream: %w", err)
	}
	defer r.Release()
	for r.Next() {
		rec := r.RecordBatch()
		if err := validateDecoded(rec); err != nil {
			release()
			return nil, fmt.Errorf("decode: Arrow IPC batch: %w", err)
		}
		rec.Retain()
		out = append(out, rec)
	}
	if err := r.Err(); err != nil {
		release()
		return nil, fmt.Errorf("decode: Arrow IPC stream: %w", err)
	}
	return out, nil
}

// batchMessages gives the IPC reader a trusted schema message, then the record batch
// messages of the untrusted stream (whose first message, its schema, is skipped).
type batchMessages struct {
	schema, data ipc.MessageReader
	started      bool
	refs         atomic.Int64
}

func (m *batchMessages) Message() (*ipc.Message, error) {
	if !m.started {
		m.started = true
		first, err := m.data.Message()
		if err != nil {
			return nil, err
		}
		kind := first.Type()
		first.Release()
		if kind != ipc.MessageSchema {
			return nil, fmt.Errorf("the stream starts with a %s message", kind)
		}
		return m.schema.Message()
	}
	msg, err := m.data.Message()
	if err != nil {
		return nil, err
	}
	if msg.Type() != ipc.MessageRecordBatch {
		kind := msg.Type()
		msg.Release()
		return nil, fmt.Errorf("unexpected %s message", kind)
	}
	return msg, nil
}

func (m *batchMessages) Retain() { m.refs.Add(1) }
func (m *batchMessages) Release() {
	if m.refs.Add(-1) < 0 {
		m.schema.Release()
		m.data.Release()
	}
}

// budgetAllocator fails (panics, which DecodeBatches recovers) once the allocations of one
// decode exceed what its input could hold.
type budgetAllocator struct {
	mem  memory.Allocator
	left int64
}

func (a *budgetAllocator) take(n int) {
	a.left -= int64(n)
	if a.left < 0 {
		panic("the stream claims more memory than it holds")
	}
}

func (a *budgetAllocator) Allocate(n int) []byte { a.take(n); return a.mem.Allocate(n) }
func (a *budgetAllocator) Reallocate(n int, b []byte) []byte {
	a.take(n - len(b))
	return a.mem.Reallocate(n, b)
}
func (a *budgetAllocator) Free(b []byte) { a.mem.Free(b) }

// validateDecoded checks a decoded batch fully, except that top-level string columns need
// not be valid UTF-8: Spark strings may hold any bytes (CAST(X'C1' AS STRING)), which a
// plan shipped to a cluster worker carries.
func validateDecoded(rec arrow.RecordBatch) error {
	for i, col := range rec.Columns() {
		var bin arrow.DataType
		switch col.DataType().ID() {
		case arrow.STRING:
			bin = arrow.BinaryTypes.Binary
		case arrow.LARGE_STRING:
			bin = arrow.BinaryTypes.LargeBinary
		default:
			if err := array.ValidateFull(col); err != nil {
				return fmt.Errorf("column %d (%s): %w", i, rec.ColumnName(i), err)
			}
			continue
		}
		d := col.Data()
		data := array.NewData(bin, d.Len(), d.Buffers(), nil, d.NullN(), d.Offset())
		a := array.MakeFromData(data)
		err := array.ValidateFull(a)
		a.Release()
		data.Release()
		if err != nil {
			return fmt.Errorf("column %d (%s): %w", i, rec.ColumnName(i), err)
		}
	}
	return nil
}

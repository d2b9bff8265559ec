package source

import (
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

func init() { physical.RegisterScanDecoder(DecodeScan) }

// EncodePlan encodes the scan as the table Open opened and the Table.Scan call, so that
// the process decoding it opens the files again (physical.EncodePlan calls it).
func (s *Scan) EncodePlan() (*physicalpb.Plan, error) {
	t := s.table
	m := &physicalpb.FileScanExec{Format: t.format.name(), Paths: t.paths, Options: t.openOptions,
		MaxSplitBytes: t.MaxSplitBytes, OpenCostBytes: t.OpenCostBytes, BatchRows: int32(t.BatchRows),
		Partitions: int32(s.partitions)}
	if t.openSchema != nil {
		m.UserSchema = expr.EncodeSparkType(t.openSchema)
	}
	for _, c := range s.columns {
		m.Columns = append(m.Columns, int32(c))
	}
	for _, p := range s.filters {
		v, err := expr.EncodeScalar(p.Value)
		if err != nil {
			return nil, err
		}
		m.Filters = append(m.Filters, &physicalpb.ScanPredicate{Column: int32(p.Column), Op: int32(p.Op), Value: v})
	}
	return &physicalpb.Plan{Kind: &physicalpb.Plan_FileScan{FileScan: m}}, nil
}

// DecodeScan opens the table of an encoded scan and plans the scan again; batches come
// from alloc (nil: the default allocator).
func DecodeScan(m *physicalpb.FileScanExec, alloc memory.Allocator) (physical.ExecutionPlan, error) {
	if m == nil {
		return nil, sparkerror.InternalError("decode: missing file scan")
	}
	var schema *types.StructType
	if m.UserSchema != nil {
		t, err := expr.DecodeSparkType(m.UserSchema)
		if err != nil {
			return nil, err
		}
		st, ok := t.(*types.StructType)
		if !ok {
			return nil, sparkerror.InternalError("decode: file scan schema %s is not a struct", t.SQL())
		}
		schema = st
	}
	t, err := Open(m.Format, m.Paths, schema, m.Options)
	if err != nil {
		return nil, err
	}
	t.Allocator = alloc
	t.MaxSplitBytes, t.OpenCostBytes, t.BatchRows = m.MaxSplitBytes, m.OpenCostBytes, int(m.BatchRows)
	// The scan's columns are always explicit (Table.Scan expands nil), and may be none.
	columns := make([]int, 0, len(m.Columns))
	for _, c := range m.Columns {
		columns = append(columns, int(c))
	}
	filters := make([]Predicate, len(m.Filters))
	for i, f := range m.Filters {
		if f.Op < int32(OpEq) || f.Op > int32(OpIsNotNull) {
			return nil, sparkerror.InternalError("decode: scan predicate operator %d", f.Op)
		}
		v, err := expr.DecodeScalar(f.Value, nil)
		if err != nil {
			return nil, err
		}
		filters[i] = Predicate{Column: int(f.Column), Op: Op(f.Op), Value: v}
	}
	if m.Partitions > 1<<16 {
		return nil, sparkerror.InternalError("decode: file scan over %d partitions", m.Partitions)
	}
	return t.Scan(columns, int(m.Partitions), filters...)
}

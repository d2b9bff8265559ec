package source

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
	"github.com/sailgo/sail/sql/types"
)

// Op is the comparison of a pushed-down Predicate.
type Op int

const (
	OpEq Op = iota
	OpNotEq
	OpLt
	OpLtEq
	OpGt
	OpGtEq
	OpIsNull
	OpIsNotNull
)

var opNames = [...]string{"=", "!=", "<", "<=", ">", ">=", "IS NULL", "IS NOT NULL"}

func (o Op) String() string {
	if o >= 0 && int(o) < len(opNames) {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// Predicate is a simple filter "column op literal" a scan may use to skip data: files whose
// partition values fail it, and Parquet row groups whose statistics show that no row can
// pass it. Pruning is conservative, so the plan must still filter the rows.
//
// Column indexes Table.Schema(). Value (ignored for IS [NOT] NULL) is a Go value of the
// column's type, as physical/expr.NewLiteral takes them: bool; int8..int64 (integral
// types); float32/float64; string or []byte; decimal128.Num with the column's scale; int32
// days (DATE); int64 microseconds (TIMESTAMP, TIMESTAMP_NTZ). A nil Value (NULL) matches
// nothing, for every comparison.
type Predicate struct {
	Column int
	Op     Op
	Value  any
}

func (p Predicate) String() string {
	if p.Op == OpIsNull || p.Op == OpIsNotNull {
		return fmt.Sprintf("#%d %s", p.Column, p.Op)
	}
	return fmt.Sprintf("#%d %s %v", p.Column, p.Op, p.Value)
}

// scalar is a comparable value: an integer, a float, bytes, or a decimal.
type scalar struct {
	kind byte // 'i', 'f', 'b', 'd'
	i    int64
	f    float64
	b    []byte
	d    decimal128.Num
}

// literalScalar converts a predicate value to a scalar; false for values it cannot use.
func literalScalar(v any) (scalar, bool) {
	switch x := v.(type) {
	case bool:
		if x {
			return scalar{kind: 'i', i: 1}, true
		}
		return scalar{kind: 'i'}, true
	case int:
		return scalar{kind: 'i', i: int64(x)}, true
	case int8:
		return scalar{kind: 'i', i: int64(x)}, true
	case int16:
		return scalar{kind: 'i', i: int64(x)}, true
	case int32:
		return scalar{kind: 'i', i: int64(x)}, true
	case int64:
		return scalar{kind: 'i', i: x}, true
	case float32:
		return scalar{kind: 'f', f: float64(x)}, !math.IsNaN(float64(x))
	case float64:
		return scalar{kind: 'f', f: x}, !math.IsNaN(x)
	case string:
		return scalar{kind: 'b', b: []byte(x)}, true
	case []byte:
		return scalar{kind: 'b', b: x}, true
	case decimal128.Num:
		return scalar{kind: 'd', d: x}, true
	}
	return scalar{}, false
}

// compareScalars compares a and b of the same kind; ok is false when they are not
// comparable.
func compareScalars(a, b scalar) (int, bool) {
	switch {
	case a.kind == 'i' && b.kind == 'i':
		switch {
		case a.i < b.i:
			return -1, true
		case a.i > b.i:
			return 1, true
		}
		return 0, true
	case (a.kind == 'f' || a.kind == 'i') && (b.kind == 'f' || b.kind == 'i'):
		x, y := a.f, b.f
		if a.kind == 'i' {
			x = float64(a.i)
		}
		if b.kind == 'i' {
			y = float64(b.i)
		}
		if math.IsNaN(x) || math.IsNaN(y) {
			return 0, false
		}
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	case a.kind == 'b' && b.kind == 'b':
		return bytes.Compare(a.b, b.b), true
	case a.kind == 'd' && b.kind == 'd':
		return a.d.Cmp(b.d), true
	case a.kind == 'd' && b.kind == 'i':
		return a.d.Cmp(decimal128.FromI64(b.i)), true
	case a.kind == 'i' && b.kind == 'd':
		return decimal128.FromI64(a.i).Cmp(b.d), true
	}
	return 0, false
}

// rangeMayMatch reports whether some value in [min, max] (non-null values) may satisfy
// "value op lit".
func rangeMayMatch(op Op, lo, hi, lit scalar) bool {
	cLo, ok1 := compareScalars(lo, lit)
	cHi, ok2 := compareScalars(hi, lit)
	if !ok1 || !ok2 {
		return true
	}
	switch op {
	case OpEq:
		return cLo <= 0 && cHi >= 0
	case OpNotEq:
		return !(cLo == 0 && cHi == 0)
	case OpLt:
		return cLo < 0
	case OpLtEq:
		return cLo <= 0
	case OpGt:
		return cHi > 0
	case OpGtEq:
		return cHi >= 0
	}
	return true
}

// valueMatches evaluates "v op lit" for one non-null value; true when unknown.
func valueMatches(op Op, v, lit scalar) bool {
	return rangeMayMatch(op, v, v, lit)
}

// rowGroupMayMatch reports whether a row group may hold rows passing every predicate (the
// predicates' columns index dataSchema).
func rowGroupMayMatch(md *metadata.FileMetaData, rg int, preds []Predicate, data *types.StructType) bool {
	if len(preds) == 0 || data == nil {
		return true
	}
	meta := md.RowGroup(rg)
	root := md.Schema.Root()
	for _, p := range preds {
		if p.Column < 0 || p.Column >= len(data.Fields) {
			continue
		}
		f := data.Fields[p.Column]
		fi := fieldIndex(root, f.Name)
		if fi < 0 {
			// The column is missing from the file: every value is null.
			if p.Op != OpIsNull {
				return false
			}
			continue
		}
		node, ok := root.Field(fi).(*schema.PrimitiveNode)
		if !ok {
			continue
		}
		ci := md.Schema.ColumnIndexByNode(node)
		if ci < 0 {
			continue
		}
		cc, err := meta.ColumnChunk(ci)
		if err != nil {
			continue
		}
		st, err := cc.Statistics()
		if err != nil || st == nil {
			continue
		}
		rows := meta.NumRows()
		allNull := st.HasNullCount() && st.NullCount() >= rows
		switch p.Op {
		case OpIsNull:
			if st.HasNullCount() && st.NullCount() == 0 {
				return false
			}
			continue
		case OpIsNotNull:
			if allNull {
				return false
			}
			continue
		}
		if p.Value == nil || allNull {
			return false
		}
		if !st.HasMinMax() {
			continue
		}
		lo, hi, ok := statsRange(st, node, f.DataType)
		if !ok {
			continue
		}
		lit, ok := literalScalar(p.Value)
		if !ok {
			continue
		}
		if lo.kind == 'f' && (p.Op == OpGt || p.Op == OpGtEq || p.Op == OpNotEq) {
			continue // NaN values are above every number and may be missing from statistics
		}
		if !rangeMayMatch(p.Op, lo, hi, lit) {
			return false
		}
	}
	return true
}

// statsRange reads the min and max of a column chunk as scalars comparable with literals
// of the column's Spark type.
func statsRange(st metadata.TypedStatistics, node *schema.PrimitiveNode, dt types.DataType) (scalar, scalar, bool) {
	if it, ok := node.LogicalType().(schema.IntLogicalType); ok && !it.IsSigned() {
		return scalar{}, scalar{}, false // unsigned statistics order differently
	}
	dec, isDec := dt.(types.DecimalType)
	asDec := func(lo, hi int64) (scalar, scalar, bool) {
		if fileDec, ok := node.LogicalType().(schema.DecimalLogicalType); !ok || int(fileDec.Scale()) != dec.Scale {
			return scalar{}, scalar{}, false
		}
		return scalar{kind: 'd', d: decimal128.FromI64(lo)}, scalar{kind: 'd', d: decimal128.FromI64(hi)}, true
	}
	switch s := st.(type) {
	case *metadata.Int32Statistics:
		if isDec {
			return asDec(int64(s.Min()), int64(s.Max()))
		}
		switch dt.(type) {
		case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.DateType:
			return scalar{kind: 'i', i: int64(s.Min())}, scalar{kind: 'i', i: int64(s.Max())}, true
		}
	case *metadata.Int64Statistics:
		if isDec {
			return asDec(s.Min(), s.Max())
		}
		switch dt.(type) {
		case types.LongType:
			return scalar{kind: 'i', i: s.Min()}, scalar{kind: 'i', i: s.Max()}, true
		case types.TimestampType, types.TimestampNTZType:
			ts, ok := node.LogicalType().(schema.TimestampLogicalType)
			if !ok {
				return scalar{}, scalar{}, false
			}
			switch ts.TimeUnit() {
			case schema.TimeUnitMicros:
				return scalar{kind: 'i', i: s.Min()}, scalar{kind: 'i', i: s.Max()}, true
			case schema.TimeUnitMillis:
				if s.Min() < math.MinInt64/1000 || s.Max() > math.MaxInt64/1000 {
					return scalar{}, scalar{}, false
				}
				return scalar{kind: 'i', i: s.Min() * 1000}, scalar{kind: 'i', i: s.Max()*1000 + 999}, true
			}
		}
	case *metadata.Float32Statistics:
		if _, ok := dt.(types.FloatType); ok {
			lo, hi := float64(s.Min()), float64(s.Max())
			if math.IsNaN(lo) || math.IsNaN(hi) {
				return scalar{}, scalar{}, false
			}
			return scalar{kind: 'f', f: lo}, scalar{kind: 'f', f: hi}, true
		}
	case *metadata.Float64Statistics:
		if _, ok := dt.(types.DoubleType); ok {
			lo, hi := s.Min(), s.Max()
			if math.IsNaN(lo) || math.IsNaN(hi) {
				return scalar{}, scalar{}, false
			}
			return scalar{kind: 'f', f: lo}, scalar{kind: 'f', f: hi}, true
		}
	case *metadata.FixedLenByteArrayStatistics:
		if isDec {
			return bytesDecimalRange(s.Min(), s.Max(), node, dec)
		}
	case *metadata.ByteArrayStatistics:
		if isDec {
			return bytesDecimalRange(s.Min(), s.Max(), node, dec)
		}
		switch dt.(type) {
		case types.StringType, types.BinaryType:
			if node.PhysicalType() != parquet.Types.ByteArray {
				return scalar{}, scalar{}, false
			}
			return scalar{kind: 'b', b: s.Min()}, scalar{kind: 'b', b: s.Max()}, true
		}
	}
	return scalar{}, scalar{}, false
}

// describePredicates renders pushed predicates for EXPLAIN.
func describePredicates(preds []Predicate, schema *types.StructType) string {
	parts := make([]string, len(preds))
	for i, p := range preds {
		name := fmt.Sprintf("#%d", p.Column)
		if p.Column >= 0 && p.Column < len(schema.Fields) {
			name = schema.Fields[p.Column].Name
		}
		if p.Op == OpIsNull || p.Op == OpIsNotNull {
			parts[i] = name + " " + p.Op.String()
		} else {
			parts[i] = fmt.Sprintf("%s %s %v", name, p.Op, p.Value)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// bytesDecimalRange reads decimal statistics stored as big-endian two's complement bytes.
func bytesDecimalRange(lo, hi []byte, node *schema.PrimitiveNode, dec types.DecimalType) (scalar, scalar, bool) {
	fileDec, ok := node.LogicalType().(schema.DecimalLogicalType)
	if !ok || int(fileDec.Scale()) != dec.Scale || len(lo) == 0 || len(hi) == 0 || len(lo) > 16 || len(hi) > 16 {
		return scalar{}, scalar{}, false
	}
	return scalar{kind: 'd', d: beDecimal(lo)}, scalar{kind: 'd', d: beDecimal(hi)}, true
}

// beDecimal decodes big-endian two's complement bytes (at most 16).
func beDecimal(b []byte) decimal128.Num {
	var hi int64
	var lo uint64
	if b[0]&0x80 != 0 {
		hi, lo = -1, ^uint64(0)
	}
	for _, c := range b {
		hi = hi<<8 | int64(lo>>56)
		lo = lo<<8 | uint64(c)
	}
	return decimal128.New(hi, lo)
}

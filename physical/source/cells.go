package source

import (
	"encoding/base64"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// cellKind is the physical kind of a column parsed from text.
type cellKind int

const (
	kBool cellKind = iota
	kInt8
	kInt16
	kInt32
	kInt64
	kFloat32
	kFloat64
	kDecimal
	kDate
	kTimestamp
	kTimestampNTZ
	kString
	kBinary
	kNull
)

// cell is one parsed value waiting to be appended.
type cell struct {
	null bool
	i    int64
	f    float64
	b    []byte
	d    decimal128.Num
}

// textParsers are the settings of text values shared by CSV, JSON and partition values.
type textParsers struct {
	date   dateParser
	ts     timestampParser
	ntz    ntzParser
	nan    string
	posInf string
	negInf string
}

// cellParser converts the text of one column into a cell.
type cellParser struct {
	kind      cellKind
	precision int
	scale     int
	p         *textParsers
}

// kindOf maps a Spark type to the cell kind text readers produce for it.
func kindOf(dt types.DataType) (cellKind, error) {
	switch t := dt.(type) {
	case types.BooleanType:
		return kBool, nil
	case types.ByteType:
		return kInt8, nil
	case types.ShortType:
		return kInt16, nil
	case types.IntegerType:
		return kInt32, nil
	case types.LongType:
		return kInt64, nil
	case types.FloatType:
		return kFloat32, nil
	case types.DoubleType:
		return kFloat64, nil
	case types.DecimalType:
		return kDecimal, nil
	case types.DateType:
		return kDate, nil
	case types.TimestampType:
		return kTimestamp, nil
	case types.TimestampNTZType:
		return kTimestampNTZ, nil
	case types.StringType, types.CharType, types.VarcharType:
		return kString, nil
	case types.BinaryType:
		return kBinary, nil
	case types.NullType:
		return kNull, nil
	case types.UserDefinedType:
		return kindOf(t.SQLType)
	}
	return 0, sparkerror.New(sparkerror.Unsupported, "UNSUPPORTED_DATATYPE", "0A000",
		"Unsupported data type <typeName>.", map[string]string{"typeName": `"` + dt.SQL() + `"`})
}

func newCellParser(dt types.DataType, p *textParsers) (cellParser, error) {
	k, err := kindOf(dt)
	if err != nil {
		return cellParser{}, err
	}
	c := cellParser{kind: k, p: p}
	if d, ok := dt.(types.DecimalType); ok {
		c.precision, c.scale = d.Precision, d.Scale
	}
	return c, nil
}

// removeCommas is the US-locale decimal parser's s.replaceAll(",", "").
func removeCommas(s []byte) []byte {
	for i := range s {
		if s[i] == ',' {
			out := make([]byte, 0, len(s))
			for _, c := range s {
				if c != ',' {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return s
}

// parse converts non-null text with Spark's CSV conversion for the type (UnivocityParser's
// makeConverter); false when the text is malformed.
func (c *cellParser) parse(s []byte, out *cell) bool {
	out.null = false
	switch c.kind {
	case kBool:
		v, ok := textdata.ParseJavaBool(s)
		if v {
			out.i = 1
		} else {
			out.i = 0
		}
		return ok
	case kInt8, kInt16, kInt32, kInt64:
		bits := [...]int{kInt8: 8, kInt16: 16, kInt32: 32, kInt64: 64}[c.kind]
		v, ok := textdata.ParseJavaInt(s, bits)
		out.i = v
		return ok
	case kFloat32, kFloat64:
		str := string(s)
		switch str {
		case c.p.nan:
			out.f = math.NaN()
			return true
		case c.p.posInf:
			out.f = math.Inf(1)
			return true
		case c.p.negInf:
			out.f = math.Inf(-1)
			return true
		}
		bits := 64
		if c.kind == kFloat32 {
			bits = 32
		}
		v, ok := textdata.ParseJavaDouble(s, bits)
		out.f = v
		return ok
	case kDecimal:
		d, ok := parseBigDecimal(removeCommas(s))
		if !ok {
			return false
		}
		out.d, ok = d.toDecimal128(c.precision, c.scale)
		return ok
	case kDate:
		v, ok := c.p.date.parse(s)
		out.i = int64(v)
		return ok
	case kTimestamp:
		v, ok := c.p.ts.parse(s)
		out.i = v
		return ok
	case kTimestampNTZ:
		v, ok := c.p.ntz.parse(s)
		out.i = v
		return ok
	case kString, kBinary:
		out.b = s
		return true
	case kNull:
		out.null = true
		return true
	}
	return false
}

// appendCell appends a cell to the builder of its kind.
func appendCell(b array.Builder, k cellKind, c *cell) {
	if c.null {
		b.AppendNull()
		return
	}
	switch k {
	case kBool:
		b.(*array.BooleanBuilder).Append(c.i != 0)
	case kInt8:
		b.(*array.Int8Builder).Append(int8(c.i))
	case kInt16:
		b.(*array.Int16Builder).Append(int16(c.i))
	case kInt32:
		b.(*array.Int32Builder).Append(int32(c.i))
	case kInt64:
		b.(*array.Int64Builder).Append(c.i)
	case kFloat32:
		b.(*array.Float32Builder).Append(float32(c.f))
	case kFloat64:
		b.(*array.Float64Builder).Append(c.f)
	case kDecimal:
		b.(*array.Decimal128Builder).Append(c.d)
	case kDate:
		b.(*array.Date32Builder).Append(arrow.Date32(c.i))
	case kTimestamp, kTimestampNTZ:
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(c.i))
	case kString:
		b.(*array.StringBuilder).BinaryBuilder.Append(c.b)
	case kBinary:
		b.(*array.BinaryBuilder).Append(c.b)
	case kNull:
		b.AppendNull()
	}
}

// decodeBase64 is Jackson's getBinaryValue for JSON strings of binary columns.
func decodeBase64(s []byte) ([]byte, bool) {
	out := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Decode(out, s)
	if err != nil {
		n, err = base64.RawStdEncoding.Decode(out, s)
		if err != nil {
			return nil, false
		}
	}
	return out[:n], true
}

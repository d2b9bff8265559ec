package expr

import (
	"encoding/binary"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// CastOptions are the session settings a cast depends on.
type CastOptions struct {
	// ANSI is spark.sql.ansi.enabled: malformed input and overflow fail instead of giving
	// NULL (or wrapping).
	ANSI bool
	// Try is try_cast: every failure gives NULL (the ANSI rules otherwise).
	Try bool
	// TimeZone is the session time zone (nil: UTC), for TIMESTAMP values.
	TimeZone *time.Location
}

// castFunc converts a whole array.
type castFunc func(a arrow.Array) (arrow.Array, error)

// caster carries the settings of one cast while its conversion is compiled.
type caster struct {
	ansi bool // Spark's ansiEnabled for this cast
	try  bool
	loc  *time.Location
}

type castExpr struct {
	child    Expr
	from, to types.DataType
	opts     CastOptions
	at       arrow.DataType
	fn       castFunc
	fails    bool
}

// NewCast is CAST(child AS to), child being of Spark type from, with Spark 4's rules for every
// pair Cast.canCast or Cast.canAnsiCast allows (see the package documentation).
func NewCast(child Expr, from, to types.DataType, opts CastOptions) (Expr, error) {
	c := &caster{ansi: opts.ANSI || opts.Try, try: opts.Try, loc: sessionZone(opts.TimeZone)}
	at, err := types.ToArrow(to)
	if err != nil {
		return nil, err
	}
	fn, err := c.compile(from, to)
	if err != nil {
		return nil, err
	}
	return &castExpr{child: child, from: from, to: to, opts: opts, at: at, fn: fn,
		fails: !opts.Try && castMayFail(from, to)}, nil
}

func (e *castExpr) DataType() arrow.DataType { return e.at }
func (e *castExpr) String() string {
	kw := "CAST"
	if e.opts.Try {
		kw = "TRY_CAST"
	}
	return kw + "(" + e.child.String() + " AS " + e.to.SQL() + ")"
}
func (e *castExpr) children() []Expr { return []Expr{e.child} }
func (e *castExpr) mayFail() bool    { return e.fails || mayFail(e.child) }

func (e *castExpr) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	a, err := e.child.Eval(b)
	if err != nil {
		return nil, err
	}
	defer a.Release()
	if isNullType(a) {
		return nullArray(e.at, a.Len()), nil
	}
	return e.fn(a)
}

// castMayFail tells whether a cast can raise an error (outside try_cast).
func castMayFail(from, to types.DataType) bool {
	if types.Equal(from, to) {
		return false
	}
	if isType[types.VariantType](from) || isType[types.VariantType](to) {
		return true
	}
	if types.IsSpatial(to) {
		return false
	}
	switch to.(type) {
	case types.StringType, types.CharType, types.VarcharType:
		switch from.(type) {
		case types.ArrayType, types.MapType, *types.StructType:
			return true
		}
		return false
	case types.DoubleType, types.FloatType:
		switch from.(type) {
		case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
			types.DoubleType, types.BooleanType, types.DecimalType, types.TimestampType, types.DateType:
			return false
		}
	case types.LongType:
		switch from.(type) {
		case types.ByteType, types.ShortType, types.IntegerType, types.BooleanType, types.TimestampType, types.DateType:
			return false
		}
	case types.IntegerType:
		switch from.(type) {
		case types.ByteType, types.ShortType, types.BooleanType, types.DateType:
			return false
		}
	case types.BooleanType:
		if _, ok := from.(types.StringType); !ok {
			return false
		}
	case types.DateType:
		switch from.(type) {
		case types.TimestampType, types.TimestampNTZType:
			return false
		}
	case types.TimestampNTZType:
		switch from.(type) {
		case types.TimestampType, types.DateType:
			return false
		}
	case types.TimestampType:
		switch from.(type) {
		case types.TimestampNTZType, types.DateType, types.BooleanType, types.ByteType, types.ShortType,
			types.IntegerType, types.LongType:
			return false
		}
	case types.BinaryType:
		return false
	}
	return true
}

// reject handles row i, which cannot be cast: under try_cast, or for failures that are errors
// only under ANSI when ANSI is off, the row becomes NULL; otherwise mk's error is returned.
func (c *caster) reject(valid *words, n, i int, ansiOnly bool, mk func() error) error {
	if c.try || (ansiOnly && !c.ansi) {
		if *valid == nil {
			*valid = allOnes(n)
		}
		valid.clear(i)
		return nil
	}
	return mk()
}

func castInvalidInput(kind sparkerror.Kind, expr string, from, to types.DataType) error {
	return sparkerror.New(kind, "CAST_INVALID_INPUT", "22018",
		"The value <expression> of the type <sourceType> cannot be cast to <targetType> because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.",
		map[string]string{"expression": expr, "sourceType": sqlType(from), "targetType": sqlType(to),
			"ansiConfig": `"spark.sql.ansi.enabled"`})
}

func castOverflow(value string, from, to types.DataType) error {
	return sparkerror.New(sparkerror.Arithmetic, "CAST_OVERFLOW", "22003",
		"The value <value> of the type <sourceType> cannot be cast to <targetType> due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.",
		map[string]string{"value": value, "sourceType": sqlType(from), "targetType": sqlType(to),
			"ansiConfig": `"spark.sql.ansi.enabled"`})
}

func numericOutOfSupportedRange(s string) error {
	return sparkerror.New(sparkerror.Arithmetic, "NUMERIC_OUT_OF_SUPPORTED_RANGE", "22003",
		"The value <value> cannot be interpreted as a numeric since it has more than 38 digits.",
		map[string]string{"value": s})
}

func unwrapType(t types.DataType) types.DataType {
	switch u := t.(type) {
	case types.UserDefinedType:
		return unwrapType(u.SQLType)
	case types.CharType, types.VarcharType:
		return types.String
	case types.StringType:
		return types.String
	}
	return t
}

func identityCast(a arrow.Array) (arrow.Array, error) {
	a.Retain()
	return a, nil
}

// compile builds the conversion of arrays of Spark type from to Spark type to.
func (c *caster) compile(from, to types.DataType) (castFunc, error) {
	from, to = unwrapType(from), unwrapType(to)
	at, err := types.ToArrow(to)
	if err != nil {
		return nil, err
	}
	if types.EqualStructurally(from, to, true) && sameLeafTypes(from, to) {
		// Same layout; field names or nullability flags may still differ in Arrow's type.
		return func(a arrow.Array) (arrow.Array, error) {
			if arrow.TypeEqual(a.DataType(), at) {
				return identityCast(a)
			}
			return retype(a, at), nil
		}, nil
	}
	if _, ok := from.(types.NullType); ok {
		return func(a arrow.Array) (arrow.Array, error) { return nullArray(at, a.Len()), nil }, nil
	}
	unsupported := func() (castFunc, error) {
		return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to " + to.SQL())
	}
	if f, ok := spatialCast(from, to, at); ok {
		return f, nil
	}
	if f, ok, err := c.variantCast(from, to); ok || err != nil {
		return f, err
	}
	if f, ok, err := c.timeCast(from, to); ok || err != nil {
		return f, err
	}
	switch t := to.(type) {
	case types.StringType:
		return c.toString(from), nil
	case types.BinaryType:
		switch from.(type) {
		case types.StringType:
			return func(a arrow.Array) (arrow.Array, error) { return retype(a, at), nil }, nil
		case types.ByteType:
			return intToBinary[int8], nil
		case types.ShortType:
			return intToBinary[int16], nil
		case types.IntegerType:
			return intToBinary[int32], nil
		case types.LongType:
			return intToBinary[int64], nil
		}
	case types.BooleanType:
		return c.toBoolean(from)
	case types.ByteType:
		return c.toIntegral(from, to, 8)
	case types.ShortType:
		return c.toIntegral(from, to, 16)
	case types.IntegerType:
		return c.toIntegral(from, to, 32)
	case types.LongType:
		return c.toIntegral(from, to, 64)
	case types.FloatType:
		return c.toFloating(from, to, 32)
	case types.DoubleType:
		return c.toFloating(from, to, 64)
	case types.DecimalType:
		return c.toDecimal(from, t)
	case types.DateType:
		return c.toDate(from)
	case types.TimestampType:
		return c.toTimestamp(from)
	case types.TimestampNTZType:
		return c.toTimestampNTZ(from)
	case types.CalendarIntervalType:
		if _, ok := from.(types.StringType); ok {
			return c.stringToCalendarInterval(), nil
		}
	case types.DayTimeIntervalType:
		return c.toDayTime(from, t)
	case types.YearMonthIntervalType:
		return c.toYearMonth(from, t)
	case types.ArrayType:
		if f, ok := from.(types.ArrayType); ok {
			return c.castList(f.ElementType, t.ElementType, at)
		}
	case types.MapType:
		if f, ok := from.(types.MapType); ok {
			return c.castMap(f, t, at)
		}
	case *types.StructType:
		if f, ok := from.(*types.StructType); ok && len(f.Fields) == len(t.Fields) {
			return c.castStruct(f, t, at)
		}
	}
	return unsupported()
}

// sameLeafTypes reports whether two structurally equal types also agree on every atomic
// type (EqualStructurally ignores field names only).
func sameLeafTypes(a, b types.DataType) bool {
	x, err1 := types.ToArrow(a)
	y, err2 := types.ToArrow(b)
	if err1 != nil || err2 != nil {
		return false
	}
	return sameArrowShape(x, y)
}

func sameArrowShape(x, y arrow.DataType) bool {
	if x.ID() != y.ID() {
		return false
	}
	switch xt := x.(type) {
	case *arrow.ListType:
		return sameArrowShape(xt.Elem(), y.(*arrow.ListType).Elem())
	case *arrow.MapType:
		yt := y.(*arrow.MapType)
		return sameArrowShape(xt.KeyType(), yt.KeyType()) && sameArrowShape(xt.ItemType(), yt.ItemType())
	case *arrow.StructType:
		yt := y.(*arrow.StructType)
		if xt.NumFields() != yt.NumFields() {
			return false
		}
		for i := range xt.Fields() {
			if !sameArrowShape(xt.Field(i).Type, yt.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return arrow.TypeEqual(x, y)
}

// retype shares a's buffers under another type of the same layout.
func retype(a arrow.Array, t arrow.DataType) arrow.Array {
	d := a.Data()
	nd := array.NewData(t, d.Len(), d.Buffers(), d.Children(), d.NullN(), d.Offset())
	defer nd.Release()
	return array.MakeFromData(nd)
}

func (c *caster) toString(from types.DataType) castFunc {
	return func(a arrow.Array) (arrow.Array, error) {
		if _, ok := from.(types.StringType); ok {
			return retype(a, arrow.BinaryTypes.String), nil
		}
		if _, ok := from.(types.BinaryType); ok {
			return retype(a, arrow.BinaryTypes.String), nil
		}
		f, err := stringer(from, a, c.ansi, c.loc)
		if err != nil {
			return nil, err
		}
		n := a.Len()
		valid := validity(a)
		offs := make([]int32, n+1)
		data := make([]byte, 0, n*8)
		for i := 0; i < n; i++ {
			if valid == nil || valid.get(i) {
				data = f(data, i)
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(arrow.BinaryTypes.String, offs, data, valid), nil
	}
}

// intToBinary is NumberConverter.toBinary: the big-endian bytes of the value.
func intToBinary[T sintLike](a arrow.Array) (arrow.Array, error) {
	v := fixedValues[T](a)
	var z T
	width := 8
	switch any(z).(type) {
	case int8:
		width = 1
	case int16:
		width = 2
	case int32:
		width = 4
	}
	offs := make([]int32, len(v)+1)
	data := make([]byte, 0, len(v)*width)
	var buf [8]byte
	for i, x := range v {
		binary.BigEndian.PutUint64(buf[:], uint64(int64(x)))
		data = append(data, buf[8-width:]...)
		offs[i+1] = int32(len(data))
	}
	return newVar(arrow.BinaryTypes.Binary, offs, data, validity(a)), nil
}

func (c *caster) toBoolean(from types.DataType) (castFunc, error) {
	nonZero := func(f func(a arrow.Array, i int) bool) castFunc {
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			out := newWords(n)
			for i := 0; i < n; i++ {
				if f(a, i) {
					out.set(i)
				}
			}
			return newBool(n, out, validity(a)), nil
		}
	}
	switch from.(type) {
	case types.StringType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			v := viewVar(a)
			valid := validity(a)
			out := newWords(n)
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				b, ok := parseBool(v.at(i))
				if !ok {
					s := v.at(i)
					if err := c.reject(&valid, n, i, true, func() error {
						return castInvalidInput(sparkerror.Runtime, sqlString(s), types.String, types.Boolean)
					}); err != nil {
						return nil, err
					}
					continue
				}
				if b {
					out.set(i)
				}
			}
			return newBool(n, out, valid), nil
		}, nil
	case types.ByteType:
		return nonZero(func(a arrow.Array, i int) bool { return fixedValues[int8](a)[i] != 0 }), nil
	case types.ShortType:
		return nonZero(func(a arrow.Array, i int) bool { return fixedValues[int16](a)[i] != 0 }), nil
	case types.IntegerType:
		return nonZero(func(a arrow.Array, i int) bool { return fixedValues[int32](a)[i] != 0 }), nil
	case types.LongType, types.TimestampType:
		return nonZero(func(a arrow.Array, i int) bool { return fixedValues[int64](a)[i] != 0 }), nil
	case types.FloatType:
		return nonZero(func(a arrow.Array, i int) bool { return fixedValues[float32](a)[i] != 0 }), nil
	case types.DoubleType:
		return nonZero(func(a arrow.Array, i int) bool { return fixedValues[float64](a)[i] != 0 }), nil
	case types.DecimalType:
		return nonZero(func(a arrow.Array, i int) bool {
			return fixedValues[decimal128.Num](a)[i] != (decimal128.Num{})
		}), nil
	case types.DateType:
		return allNullCast(arrow.FixedWidthTypes.Boolean), nil
	}
	return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to BOOLEAN")
}

func allNullCast(t arrow.DataType) castFunc {
	return func(a arrow.Array) (arrow.Array, error) { return nullArray(t, a.Len()), nil }
}

func intArrowType(bits int) arrow.DataType {
	switch bits {
	case 8:
		return arrow.PrimitiveTypes.Int8
	case 16:
		return arrow.PrimitiveTypes.Int16
	case 32:
		return arrow.PrimitiveTypes.Int32
	}
	return arrow.PrimitiveTypes.Int64
}

// intResult converts int64 results to the integer width.
func intResult(bits int, v []int64, valid words) arrow.Array {
	switch bits {
	case 8:
		out := make([]int8, len(v))
		for i, x := range v {
			out[i] = int8(x)
		}
		return newFixed(arrow.PrimitiveTypes.Int8, out, valid)
	case 16:
		out := make([]int16, len(v))
		for i, x := range v {
			out[i] = int16(x)
		}
		return newFixed(arrow.PrimitiveTypes.Int16, out, valid)
	case 32:
		out := make([]int32, len(v))
		for i, x := range v {
			out[i] = int32(x)
		}
		return newFixed(arrow.PrimitiveTypes.Int32, out, valid)
	}
	return newFixed(arrow.PrimitiveTypes.Int64, v, valid)
}

func fitsBits(v int64, bits int) bool {
	switch bits {
	case 8:
		return v == int64(int8(v))
	case 16:
		return v == int64(int16(v))
	case 32:
		return v == int64(int32(v))
	}
	return true
}

// readInts reads an integral array (any width) as int64.
func readInts(a arrow.Array) []int64 {
	switch a.DataType().ID() {
	case arrow.INT8:
		return widen(fixedValues[int8](a))
	case arrow.INT16:
		return widen(fixedValues[int16](a))
	case arrow.INT32, arrow.DATE32, arrow.INTERVAL_MONTHS:
		return widen(fixedValues[int32](a))
	}
	return fixedValues[int64](a)
}

func widen[T sintLike](v []T) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

// javaD2L is Java's (long) d: truncation, saturating, NaN to 0.
func javaD2L(d float64) int64 {
	switch {
	case d != d:
		return 0
	case d >= 9.223372036854775807e18:
		return math.MaxInt64
	case d <= -9.223372036854775808e18:
		return math.MinInt64
	}
	return int64(d)
}

// javaD2I is Java's (int) d.
func javaD2I(d float64) int32 {
	switch {
	case d != d:
		return 0
	case d >= math.MaxInt32:
		return math.MaxInt32
	case d <= math.MinInt32:
		return math.MinInt32
	}
	return int32(d)
}

func (c *caster) toIntegral(from, to types.DataType, bits int) (castFunc, error) {
	at := intArrowType(bits)
	switch f := from.(type) {
	case types.StringType:
		switch bits {
		case 8:
			return stringToInts[int8](c, to, at), nil
		case 16:
			return stringToInts[int16](c, to, at), nil
		case 32:
			return stringToInts[int32](c, to, at), nil
		}
		return stringToInts[int64](c, to, at), nil
	case types.BooleanType:
		return func(a arrow.Array) (arrow.Array, error) {
			bw := boolWords(a)
			out := make([]int64, a.Len())
			for i := range out {
				if bw.get(i) {
					out[i] = 1
				}
			}
			return intResult(bits, out, validity(a)), nil
		}, nil
	case types.DateType:
		return allNullCast(at), nil
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := readInts(a)
			valid := validity(a)
			n := len(v)
			if c.ansi {
				for i, x := range v {
					if !fitsBits(x, bits) && (valid == nil || valid.get(i)) {
						if err := c.reject(&valid, n, i, false, func() error {
							return castOverflow(sqlValue(from, a, i, c.loc), from, to)
						}); err != nil {
							return nil, err
						}
					}
				}
			}
			return intResult(bits, v, valid), nil
		}, nil
	case types.FloatType, types.DoubleType:
		return func(a arrow.Array) (arrow.Array, error) {
			var v []float64
			if _, ok := f.(types.FloatType); ok {
				v = make([]float64, a.Len())
				for i, x := range fixedValues[float32](a) {
					v[i] = float64(x)
				}
			} else {
				v = fixedValues[float64](a)
			}
			n := len(v)
			valid := validity(a)
			out := make([]int64, n)
			for i, d := range v {
				if !c.ansi {
					if bits == 64 {
						out[i] = javaD2L(d)
					} else {
						out[i] = int64(javaD2I(d))
					}
					continue
				}
				ok := false
				if bits == 64 {
					ok = math.Floor(d) <= math.MaxInt64 && math.Ceil(d) >= math.MinInt64
					out[i] = javaD2L(d)
				} else {
					ok = math.Floor(d) <= math.MaxInt32 && math.Ceil(d) >= math.MinInt32
					out[i] = int64(javaD2I(d))
					ok = ok && fitsBits(out[i], bits)
				}
				if !ok && (valid == nil || valid.get(i)) {
					if err := c.reject(&valid, n, i, false, func() error {
						return castOverflow(sqlValue(from, a, i, c.loc), from, to)
					}); err != nil {
						return nil, err
					}
				}
			}
			return intResult(bits, out, valid), nil
		}, nil
	case types.DecimalType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[decimal128.Num](a)
			n := len(v)
			valid := validity(a)
			out := make([]int64, n)
			for i, d := range v {
				if valid != nil && !valid.get(i) {
					continue
				}
				m, neg := magOf(d)
				q := m.roundDiv(neg, f.Scale, roundDown)
				// Decimal.toLong keeps the low 64 bits of the truncated value.
				tr := q.num(neg)
				out[i] = int64(tr.LowBits())
				if !c.ansi {
					continue
				}
				ok := true
				if bits == 64 {
					ok = q.hi == 0 && (q.lo < 1<<63 || (neg && q.lo == 1<<63))
				} else if f.Precision > 18 {
					// roundToNumeric goes through a double for non-compact decimals.
					x := d.ToFloat64(int32(f.Scale))
					ok = math.Floor(x) <= math.MaxInt32 && math.Ceil(x) >= math.MinInt32 &&
						fitsBits(int64(javaD2I(x)), bits)
					out[i] = int64(javaD2I(x))
				} else {
					ok = q.hi == 0 && q.lo < 1<<63 && fitsBits(out[i], bits)
				}
				if !ok {
					if err := c.reject(&valid, n, i, false, func() error {
						return castOverflow(sqlValue(from, a, i, c.loc), from, to)
					}); err != nil {
						return nil, err
					}
				}
			}
			return intResult(bits, out, valid), nil
		}, nil
	case types.TimestampType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[int64](a)
			n := len(v)
			valid := validity(a)
			out := make([]int64, n)
			for i, us := range v {
				s := floorDivI(us, 1_000_000)
				out[i] = s
				if !fitsBits(s, bits) && (valid == nil || valid.get(i)) {
					if err := c.reject(&valid, n, i, true, func() error {
						return castOverflow(sqlValue(from, a, i, c.loc), from, to)
					}); err != nil {
						return nil, err
					}
				}
			}
			return intResult(bits, out, valid), nil
		}, nil
	case types.DayTimeIntervalType:
		unit := dayTimeUnit(f.EndField)
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[int64](a)
			n := len(v)
			valid := validity(a)
			out := make([]int64, n)
			for i, us := range v {
				out[i] = us / unit
				if !fitsBits(out[i], bits) && (valid == nil || valid.get(i)) {
					if err := c.reject(&valid, n, i, false, func() error {
						return castOverflow(sqlValue(from, a, i, c.loc), from, to)
					}); err != nil {
						return nil, err
					}
				}
			}
			return intResult(bits, out, valid), nil
		}, nil
	case types.YearMonthIntervalType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[int32](a)
			n := len(v)
			valid := validity(a)
			out := make([]int64, n)
			for i, m := range v {
				x := int64(m)
				if f.EndField == types.Year {
					x /= 12
				}
				out[i] = x
				if !fitsBits(x, bits) && (valid == nil || valid.get(i)) {
					if err := c.reject(&valid, n, i, false, func() error {
						return castOverflow(sqlValue(from, a, i, c.loc), from, to)
					}); err != nil {
						return nil, err
					}
				}
			}
			return intResult(bits, out, valid), nil
		}, nil
	}
	return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to " + to.SQL())
}

// stringToInts parses strings as integers of type T (UTF8String.toLong / toInt, exact under
// ANSI).
func stringToInts[T sintLike](c *caster, to types.DataType, at arrow.DataType) castFunc {
	var z T
	bits := 32
	if _, ok := any(z).(int64); ok {
		bits = 64
	}
	lo, hi := int64(minOf[T]()), -int64(minOf[T]())-1
	return func(a arrow.Array) (arrow.Array, error) {
		n := a.Len()
		v := viewVar(a)
		valid := validity(a)
		out := make([]T, n)
		for i := 0; i < n; i++ {
			if valid != nil && !valid.get(i) {
				continue
			}
			s := v.data[v.offs[i]:v.offs[i+1]]
			x, ok := parseIntegral(s, !c.ansi, bits)
			if !ok || x < lo || x > hi {
				if err := c.reject(&valid, n, i, true, func() error {
					return castInvalidInput(sparkerror.NumberFormat, sqlString(s), types.String, to)
				}); err != nil {
					return nil, err
				}
				continue
			}
			out[i] = T(x)
		}
		return newFixed(at, out, valid), nil
	}
}

func dayTimeUnit(f types.DayTimeField) int64 {
	switch f {
	case types.Day:
		return 86_400_000_000
	case types.Hour:
		return 3_600_000_000
	case types.Minute:
		return 60_000_000
	}
	return 1_000_000
}

func floatResult(bits int, v []float64, valid words) arrow.Array {
	if bits == 64 {
		return newFixed(arrow.PrimitiveTypes.Float64, v, valid)
	}
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(x)
	}
	return newFixed(arrow.PrimitiveTypes.Float32, out, valid)
}

func (c *caster) toFloating(from, to types.DataType, bits int) (castFunc, error) {
	at := arrow.PrimitiveTypes.Float64
	if bits == 32 {
		at = arrow.PrimitiveTypes.Float32
	}
	switch f := from.(type) {
	case types.StringType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			v := viewVar(a)
			valid := validity(a)
			out := make([]float64, n)
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				s := v.at(i)
				x, ok := parseJavaDouble(s, bits)
				if !ok {
					if err := c.reject(&valid, n, i, true, func() error {
						return castInvalidInput(sparkerror.NumberFormat, sqlString(s), types.String, to)
					}); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = x
			}
			return floatResult(bits, out, valid), nil
		}, nil
	case types.BooleanType:
		return func(a arrow.Array) (arrow.Array, error) {
			bw := boolWords(a)
			out := make([]float64, a.Len())
			for i := range out {
				if bw.get(i) {
					out[i] = 1
				}
			}
			return floatResult(bits, out, validity(a)), nil
		}, nil
	case types.DateType:
		return allNullCast(at), nil
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := readInts(a)
			if bits == 32 {
				out := make([]float32, len(v))
				for i, x := range v {
					out[i] = float32(x)
				}
				return newFixed(at, out, validity(a)), nil
			}
			out := make([]float64, len(v))
			for i, x := range v {
				out[i] = float64(x)
			}
			return newFixed(at, out, validity(a)), nil
		}, nil
	case types.FloatType:
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, at, validity(a), func(x float32) float64 { return float64(x) }), nil
		}, nil
	case types.DoubleType:
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, at, validity(a), func(x float64) float32 { return float32(x) }), nil
		}, nil
	case types.DecimalType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[decimal128.Num](a)
			out := make([]float64, len(v))
			for i, d := range v {
				out[i] = decimalToFloat(d, f.Scale, bits)
			}
			if bits == 32 {
				o32 := make([]float32, len(v))
				for i, d := range v {
					o32[i] = float32(decimalToFloat(d, f.Scale, 32))
				}
				return newFixed(at, o32, validity(a)), nil
			}
			return newFixed(at, out, validity(a)), nil
		}, nil
	case types.TimestampType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[int64](a)
			out := make([]float64, len(v))
			for i, us := range v {
				out[i] = float64(us) / 1e6
			}
			return floatResult(bits, out, validity(a)), nil
		}, nil
	}
	return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to " + to.SQL())
}

var pow10f = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
	1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// decimalToFloat is BigDecimal.doubleValue (floatValue for bits 32): correctly rounded.
func decimalToFloat(d decimal128.Num, scale, bits int) float64 {
	m, neg := magOf(d)
	if bits == 64 && m.hi == 0 && m.lo < 1<<53 && scale < len(pow10f) {
		f := float64(m.lo) / pow10f[scale]
		if neg {
			f = -f
		}
		return f
	}
	f, _ := strconv.ParseFloat(decimalPlain(d, scale), bits)
	return f
}

// decimalResult builds a decimal array.
func decimalResult(t types.DecimalType, v []decimal128.Num, valid words) arrow.Array {
	return newFixed(&arrow.Decimal128Type{Precision: int32(t.Precision), Scale: int32(t.Scale)}, v, valid)
}

func (c *caster) toDecimal(from types.DataType, to types.DecimalType) (castFunc, error) {
	p, s := to.Precision, to.Scale
	overflow := func(value string) func() error {
		return func() error { return numericValueOutOfRange(value, p, s) }
	}
	// fromInt64s converts integers at scale fromScale.
	fromInts := func(ansiOnly bool, read func(a arrow.Array) []int64, fromScale int) castFunc {
		return func(a arrow.Array) (arrow.Array, error) {
			v := read(a)
			n := len(v)
			valid := validity(a)
			out := make([]decimal128.Num, n)
			for i, x := range v {
				if valid != nil && !valid.get(i) {
					continue
				}
				d, ok := rescaleNum(decimal128.FromI64(x), fromScale, s, p, roundHalfUp)
				if !ok {
					if err := c.reject(&valid, n, i, ansiOnly, overflow(decimalPlain(decimal128.FromI64(x), fromScale))); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = d
			}
			return decimalResult(to, out, valid), nil
		}
	}
	switch f := from.(type) {
	case types.StringType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			v := viewVar(a)
			valid := validity(a)
			out := make([]decimal128.Num, n)
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				raw := v.at(i)
				d, ok := parseBigDecimal(textdata.JavaTrim(raw))
				if !ok {
					if err := c.reject(&valid, n, i, true, func() error {
						return castInvalidInput(sparkerror.NumberFormat, sqlString(raw), types.String, to)
					}); err != nil {
						return nil, err
					}
					continue
				}
				if int64(d.precision())-d.scale > types.MaxDecimalPrecision {
					if err := c.reject(&valid, n, i, true, func() error {
						return numericOutOfSupportedRange(string(raw))
					}); err != nil {
						return nil, err
					}
					continue
				}
				x := d.toScale(s)
				r, ok := bigToNum(x, p)
				if !ok {
					sc := int(max(d.scale, 0))
					if err := c.reject(&valid, n, i, true, overflow(string(appendPlainBig(nil, d.toScale(sc), sc)))); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = r
			}
			return decimalResult(to, out, valid), nil
		}, nil
	case types.BooleanType:
		return fromInts(true, func(a arrow.Array) []int64 {
			bw := boolWords(a)
			v := make([]int64, a.Len())
			for i := range v {
				if bw.get(i) {
					v[i] = 1
				}
			}
			return v
		}, 0), nil
	case types.DateType:
		return allNullCast(&arrow.Decimal128Type{Precision: int32(p), Scale: int32(s)}), nil
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return fromInts(true, readInts, 0), nil
	case types.TimestampType:
		return fromInts(true, readInts, 6), nil
	case types.YearMonthIntervalType:
		return fromInts(false, func(a arrow.Array) []int64 {
			v := readInts(a)
			if f.EndField == types.Year {
				for i := range v {
					v[i] /= 12
				}
			}
			return v
		}, 0), nil
	case types.DayTimeIntervalType:
		unit := dayTimeUnit(f.EndField)
		scale := 0
		if f.EndField == types.Second {
			unit, scale = 1, 6
		}
		return fromInts(false, func(a arrow.Array) []int64 {
			v := readInts(a)
			for i := range v {
				v[i] /= unit
			}
			return v
		}, scale), nil
	case types.DecimalType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[decimal128.Num](a)
			n := len(v)
			valid := validity(a)
			out := make([]decimal128.Num, n)
			for i, x := range v {
				if valid != nil && !valid.get(i) {
					continue
				}
				d, ok := rescaleNum(x, f.Scale, s, p, roundHalfUp)
				if !ok {
					if err := c.reject(&valid, n, i, true, overflow(decimalPlain(x, f.Scale))); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = d
			}
			return decimalResult(to, out, valid), nil
		}, nil
	case types.FloatType, types.DoubleType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			valid := validity(a)
			out := make([]decimal128.Num, n)
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				var x float64
				if _, ok := f.(types.FloatType); ok {
					x = float64(fixedValues[float32](a)[i])
				} else {
					x = fixedValues[float64](a)[i]
				}
				if math.IsNaN(x) || math.IsInf(x, 0) {
					// Decimal(double) throws NumberFormatException, which the cast turns into
					// NULL even under ANSI.
					if valid == nil {
						valid = allOnes(n)
					}
					valid.clear(i)
					continue
				}
				d, _ := parseBigDecimal([]byte(format.JavaDoubleString(x)))
				r, ok := bigToNum(d.toScale(s), p)
				if !ok {
					sc := int(max(d.scale, 0))
					if err := c.reject(&valid, n, i, true, overflow(string(appendPlainBig(nil, d.toScale(sc), sc)))); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = r
			}
			return decimalResult(to, out, valid), nil
		}, nil
	}
	return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to " + to.SQL())
}

const microsPerDay = 86_400_000_000

func (c *caster) toDate(from types.DataType) (castFunc, error) {
	at := arrow.FixedWidthTypes.Date32
	switch from.(type) {
	case types.StringType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			v := viewVar(a)
			valid := validity(a)
			out := make([]int32, n)
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				s := v.at(i)
				d, ok := parseDate(s)
				if !ok {
					if err := c.reject(&valid, n, i, true, func() error {
						return castInvalidInput(sparkerror.DateTime, sqlString(s), types.String, types.Date)
					}); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = d
			}
			return newFixed(at, out, valid), nil
		}, nil
	case types.TimestampType:
		loc := c.loc
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, at, validity(a), func(us int64) int32 {
				return int32(floorDivI(instantToLocal(us, loc), microsPerDay))
			}), nil
		}, nil
	case types.TimestampNTZType:
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, at, validity(a), func(us int64) int32 { return int32(floorDivI(us, microsPerDay)) }), nil
		}, nil
	}
	return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to DATE")
}

var ltzType = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
var ntzType = &arrow.TimestampType{Unit: arrow.Microsecond}

// secondsToMicros is TimeUnit.SECONDS.toMicros: saturating.
func secondsToMicros(s int64) int64 {
	switch {
	case s > math.MaxInt64/1_000_000:
		return math.MaxInt64
	case s < math.MinInt64/1_000_000:
		return math.MinInt64
	}
	return s * 1_000_000
}

func (c *caster) toTimestamp(from types.DataType) (castFunc, error) {
	loc := c.loc
	switch f := from.(type) {
	case types.StringType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			v := viewVar(a)
			valid := validity(a)
			out := make([]int64, n)
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				s := v.at(i)
				us, ok := parseTimestamp(s, loc)
				if !ok {
					if err := c.reject(&valid, n, i, true, func() error {
						return castInvalidInput(sparkerror.DateTime, sqlString(s), types.String, types.Timestamp)
					}); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = us
			}
			return newFixed(ltzType, out, valid), nil
		}, nil
	case types.BooleanType:
		return func(a arrow.Array) (arrow.Array, error) {
			bw := boolWords(a)
			out := make([]int64, a.Len())
			for i := range out {
				if bw.get(i) {
					out[i] = 1
				}
			}
			return newFixed(ltzType, out, validity(a)), nil
		}, nil
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := readInts(a)
			out := make([]int64, len(v))
			for i, x := range v {
				out[i] = secondsToMicros(x)
			}
			return newFixed(ltzType, out, validity(a)), nil
		}, nil
	case types.FloatType, types.DoubleType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			valid := validity(a)
			out := make([]int64, n)
			for i := 0; i < n; i++ {
				var d float64
				if _, ok := f.(types.FloatType); ok {
					d = float64(fixedValues[float32](a)[i])
				} else {
					d = fixedValues[float64](a)[i]
				}
				if math.IsNaN(d) || math.IsInf(d, 0) {
					if valid != nil && !valid.get(i) {
						continue
					}
					if err := c.reject(&valid, n, i, true, func() error {
						return castInvalidInput(sparkerror.DateTime, sqlDouble(d, false), types.Double, types.Timestamp)
					}); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = javaD2L(d * 1e6)
			}
			return newFixed(ltzType, out, valid), nil
		}, nil
	case types.DecimalType:
		return func(a arrow.Array) (arrow.Array, error) {
			v := fixedValues[decimal128.Num](a)
			out := make([]int64, len(v))
			for i, d := range v {
				// (d × 10^6).longValue: truncated, then the low 64 bits.
				m, neg := magOf(d)
				var q u128
				o := false
				if f.Scale >= 6 {
					q = m.roundDiv(neg, f.Scale-6, roundDown)
				} else {
					q, o = m.mulPow10(6 - f.Scale)
				}
				if o {
					x := numToBig(d)
					x.Mul(x, bigPow10(6-f.Scale))
					out[i] = int64(x.And(x, new(big.Int).SetUint64(math.MaxUint64)).Uint64())
					continue
				}
				out[i] = int64(q.num(neg).LowBits())
			}
			return newFixed(ltzType, out, validity(a)), nil
		}, nil
	case types.DateType:
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, ltzType, validity(a), func(d int32) int64 {
				us, _ := localToInstant(int64(d)*microsPerDay, loc)
				return us
			}), nil
		}, nil
	case types.TimestampNTZType:
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, ltzType, validity(a), func(local int64) int64 {
				us, _ := localToInstant(local, loc)
				return us
			}), nil
		}, nil
	}
	return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to TIMESTAMP")
}

func (c *caster) toTimestampNTZ(from types.DataType) (castFunc, error) {
	loc := c.loc
	switch from.(type) {
	case types.StringType:
		return func(a arrow.Array) (arrow.Array, error) {
			n := a.Len()
			v := viewVar(a)
			valid := validity(a)
			out := make([]int64, n)
			for i := 0; i < n; i++ {
				if valid != nil && !valid.get(i) {
					continue
				}
				s := v.at(i)
				us, ok := parseTimestampNTZ(s)
				if !ok {
					if err := c.reject(&valid, n, i, true, func() error {
						return castInvalidInput(sparkerror.DateTime, sqlString(s), types.String, types.TimestampNTZ)
					}); err != nil {
						return nil, err
					}
					continue
				}
				out[i] = us
			}
			return newFixed(ntzType, out, valid), nil
		}, nil
	case types.DateType:
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, ntzType, validity(a), func(d int32) int64 { return int64(d) * microsPerDay }), nil
		}, nil
	case types.TimestampType:
		return func(a arrow.Array) (arrow.Array, error) {
			return mapFixedTo(a, ntzType, validity(a), func(us int64) int64 { return instantToLocal(us, loc) }), nil
		}, nil
	}
	return nil, sparkerror.NotImplemented("cast from " + from.SQL() + " to TIMESTAMP_NTZ")
}

func (c *caster) castList(fromElem, toElem types.DataType, at arrow.DataType) (castFunc, error) {
	ef, err := c.compile(fromElem, toElem)
	if err != nil {
		return nil, err
	}
	return func(a arrow.Array) (arrow.Array, error) {
		l := a.(array.ListLike)
		child, err := ef(l.ListValues())
		if err != nil {
			return nil, err
		}
		defer child.Release()
		d := a.Data()
		nd := array.NewData(at, d.Len(), d.Buffers()[:2], []arrow.ArrayData{child.Data()}, d.NullN(), d.Offset())
		defer nd.Release()
		return array.MakeFromData(nd), nil
	}, nil
}

func (c *caster) castMap(from, to types.MapType, at arrow.DataType) (castFunc, error) {
	kf, err := c.compile(from.KeyType, to.KeyType)
	if err != nil {
		return nil, err
	}
	vf, err := c.compile(from.ValueType, to.ValueType)
	if err != nil {
		return nil, err
	}
	mt := at.(*arrow.MapType)
	return func(a arrow.Array) (arrow.Array, error) {
		m := a.(*array.Map)
		entries := m.ListValues().(*array.Struct)
		k, err := kf(entries.Field(0))
		if err != nil {
			return nil, err
		}
		defer k.Release()
		v, err := vf(entries.Field(1))
		if err != nil {
			return nil, err
		}
		defer v.Release()
		ed := array.NewData(mt.Elem(), entries.Len(), []*memory.Buffer{nil}, []arrow.ArrayData{k.Data(), v.Data()}, 0, 0)
		defer ed.Release()
		d := a.Data()
		nd := array.NewData(at, d.Len(), d.Buffers()[:2], []arrow.ArrayData{ed}, d.NullN(), d.Offset())
		defer nd.Release()
		return array.MakeFromData(nd), nil
	}, nil
}

func (c *caster) castStruct(from, to *types.StructType, at arrow.DataType) (castFunc, error) {
	fns := make([]castFunc, len(from.Fields))
	for k := range fns {
		f, err := c.compile(from.Fields[k].DataType, to.Fields[k].DataType)
		if err != nil {
			return nil, err
		}
		fns[k] = f
	}
	return func(a arrow.Array) (arrow.Array, error) {
		s := a.(*array.Struct)
		children := make([]arrow.ArrayData, len(fns))
		for k, f := range fns {
			x, err := f(s.Field(k))
			if err != nil {
				return nil, err
			}
			defer x.Release()
			children[k] = x.Data()
		}
		vb, nulls := validBuffer(validity(a), a.Len())
		nd := array.NewData(at, a.Len(), []*memory.Buffer{vb}, children, nulls, 0)
		defer nd.Release()
		return array.MakeFromData(nd), nil
	}, nil
}

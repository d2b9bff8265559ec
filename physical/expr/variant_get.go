package expr

import (
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/sql/variant"
)

// variant_get, try_variant_get and the casts from VARIANT (VariantGet.cast): a value is
// converted to the target type by its own kind. Variant null is SQL NULL (except for a
// VARIANT target, which gets the value rebuilt without unused keys); objects and arrays
// cast to STRING as JSON, to MAP<STRING, _> / STRUCT / ARRAY field by field (a struct
// takes the object's fields of the same names); scalars cast as Spark's Cast would in TRY
// mode from the scalar's own type (BIGINT, DOUBLE, DECIMAL(p, s), STRING, ...), when
// Cast.canAnsiCast allows it, with exact overflow checks for BIGINT and DECIMAL to
// TIMESTAMP. A value that does not convert is INVALID_VARIANT_CAST (its JSON and the
// target type), or NULL for try_variant_get and try_cast.
//
// Conversion is vectorized: the values of a batch are grouped by their kind, each group
// is built as an Arrow array of its type and cast with the engine's casts, and the
// results are gathered back in row order; arrays, maps and structs recurse on the
// flattened elements or fields.

func init() {
	register(variantGetFn(true), "variant_get")
	register(variantGetFn(false), "try_variant_get")
}

// variantConv converts variants to one target type.
type variantConv struct {
	failOnError bool
	loc         *time.Location
	c           *caster // TRY-mode casts from the scalar kinds
}

func newVariantConv(failOnError bool, loc *time.Location) *variantConv {
	loc = sessionZone(loc)
	return &variantConv{failOnError: failOnError, loc: loc, c: &caster{ansi: true, try: true, loc: loc}}
}

// invalidCast is INVALID_VARIANT_CAST for v and target t.
func (c *variantConv) invalidCast(v variant.Variant, t types.DataType) error {
	js, err := format.AppendVariantJSON(nil, v, c.loc)
	if err != nil {
		return err
	}
	return sparkerror.New(sparkerror.Runtime, "INVALID_VARIANT_CAST", "22023",
		"The variant value `<value>` cannot be cast into `<dataType>`. Please use `try_variant_get` instead.",
		map[string]string{"value": string(js), "dataType": sqlType(t)})
}

// rows is a list of variants to convert; ok[i] false is SQL NULL.
type variantRows struct {
	v  []variant.Variant
	ok []bool
}

func (r *variantRows) add(v variant.Variant, ok bool) {
	r.v = append(r.v, v)
	r.ok = append(r.ok, ok)
}

// convertTop converts rows to t; for nested targets, each value's layout is checked
// first, so that a malformed value whose parts overlap cannot blow up the flattening.
func (c *variantConv) convertTop(rows variantRows, t types.DataType) (arrow.Array, error) {
	switch unwrapType(t).(type) {
	case types.ArrayType, types.MapType, *types.StructType:
		for i, v := range rows.v {
			if rows.ok[i] {
				if err := variant.CheckLayout(v); err != nil {
					return nil, err
				}
			}
		}
	}
	return c.convert(rows, t)
}

// convert converts rows to t, an array of t's Arrow type.
func (c *variantConv) convert(rows variantRows, t types.DataType) (arrow.Array, error) {
	t = unwrapType(t)
	switch tt := t.(type) {
	case types.VariantType:
		return c.rebuild(rows)
	case types.ArrayType:
		return c.toList(rows, tt)
	case types.MapType:
		return c.toMap(rows, tt)
	case *types.StructType:
		return c.toStruct(rows, tt)
	}
	return c.toAtomic(rows, t)
}

// kindOf reads a row's kind; null rows and variant nulls report ok false.
func kindOf(rows variantRows, i int) (variant.Type, bool, error) {
	if !rows.ok[i] {
		return 0, false, nil
	}
	k, err := rows.v[i].Type()
	if err != nil {
		return 0, false, err
	}
	return k, k != variant.Null, nil
}

// rebuild copies each value through a builder, dropping unused keys; variant nulls stay.
func (c *variantConv) rebuild(rows variantRows) (arrow.Array, error) {
	b := variant.NewBuilder(false)
	w := newVariantWriter(len(rows.v))
	for i, v := range rows.v {
		if !rows.ok[i] {
			w.appendNull()
			continue
		}
		b.Reset()
		if err := b.AppendVariant(v); err != nil {
			return nil, err
		}
		if err := w.appendBuilder(b); err != nil {
			return nil, err
		}
	}
	return w.finish(), nil
}

// fail handles a row that does not convert: an error, or a NULL (ok false).
func (c *variantConv) fail(v variant.Variant, t types.DataType) error {
	if c.failOnError {
		return c.invalidCast(v, t)
	}
	return nil
}

func (c *variantConv) toList(rows variantRows, t types.ArrayType) (arrow.Array, error) {
	n := len(rows.v)
	offs := make([]int32, n+1)
	valid := allOnes(n)
	var elems variantRows
	for i := range rows.v {
		k, ok, err := kindOf(rows, i)
		if err != nil {
			return nil, err
		}
		switch {
		case !ok:
			valid.clear(i)
		case k == variant.Array:
			size, err := rows.v[i].ArraySize()
			if err != nil {
				return nil, err
			}
			for j := 0; j < size; j++ {
				e, _, err := rows.v[i].Elem(j)
				if err != nil {
					return nil, err
				}
				elems.add(e, true)
			}
		default:
			if err := c.fail(rows.v[i], t); err != nil {
				return nil, err
			}
			valid.clear(i)
		}
		offs[i+1] = int32(len(elems.v))
	}
	child, err := c.convert(elems, t.ElementType)
	if err != nil {
		return nil, err
	}
	defer child.Release()
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(at, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{child.Data()}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d), nil
}

func (c *variantConv) toMap(rows variantRows, t types.MapType) (arrow.Array, error) {
	n := len(rows.v)
	offs := make([]int32, n+1)
	valid := allOnes(n)
	var vals variantRows
	koffs := []int32{0}
	var kdata []byte
	for i := range rows.v {
		k, ok, err := kindOf(rows, i)
		if err != nil {
			return nil, err
		}
		switch {
		case !ok:
			valid.clear(i)
		case k == variant.Object:
			size, err := rows.v[i].ObjectSize()
			if err != nil {
				return nil, err
			}
			for j := 0; j < size; j++ {
				key, fv, err := rows.v[i].FieldAt(j)
				if err != nil {
					return nil, err
				}
				kdata = append(kdata, key...)
				koffs = append(koffs, int32(len(kdata)))
				vals.add(fv, true)
			}
		default:
			if err := c.fail(rows.v[i], t); err != nil {
				return nil, err
			}
			valid.clear(i)
		}
		offs[i+1] = int32(len(vals.v))
	}
	if kdata == nil {
		kdata = []byte{}
	}
	keys := newVar(arrow.BinaryTypes.String, koffs, kdata, nil)
	defer keys.Release()
	items, err := c.convert(vals, t.ValueType)
	if err != nil {
		return nil, err
	}
	defer items.Release()
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	mt := at.(*arrow.MapType)
	entries := array.NewData(mt.Elem(), len(vals.v), []*memory.Buffer{nil}, []arrow.ArrayData{keys.Data(), items.Data()}, 0, 0)
	defer entries.Release()
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(at, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{entries}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d), nil
}

func (c *variantConv) toStruct(rows variantRows, t *types.StructType) (arrow.Array, error) {
	n := len(rows.v)
	valid := allOnes(n)
	fields := make([]variantRows, len(t.Fields))
	for k := range fields {
		fields[k] = variantRows{v: make([]variant.Variant, n), ok: make([]bool, n)}
	}
	for i := range rows.v {
		k, ok, err := kindOf(rows, i)
		if err != nil {
			return nil, err
		}
		switch {
		case !ok:
			valid.clear(i)
		case k == variant.Object:
			size, err := rows.v[i].ObjectSize()
			if err != nil {
				return nil, err
			}
			for j := 0; j < size; j++ {
				key, fv, err := rows.v[i].FieldAt(j)
				if err != nil {
					return nil, err
				}
				if idx, found := t.FieldIndex(string(key)); found && t.Fields[idx].Name == string(key) {
					fields[idx].v[i], fields[idx].ok[i] = fv, true
				}
			}
		default:
			if err := c.fail(rows.v[i], t); err != nil {
				return nil, err
			}
			valid.clear(i)
		}
	}
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	children := make([]arrow.ArrayData, len(fields))
	for k := range fields {
		ch, err := c.convert(fields[k], t.Fields[k].DataType)
		if err != nil {
			return nil, err
		}
		defer ch.Release()
		children[k] = ch.Data()
	}
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(at, n, []*memory.Buffer{vb}, children, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d), nil
}

// scalar kinds a variant value casts from, as bucket keys: the kind, and the scale for
// decimals.
type scalarKey struct {
	kind  variant.Type
	scale int
}

// scalarBucket holds the values of one kind, built as an array of its Spark type.
type scalarBucket struct {
	from types.DataType
	b    array.Builder
	rows []int32
}

// canAnsiCastFrom is Cast.canAnsiCast from a variant scalar kind to an atomic target.
func canAnsiCastFrom(k variant.Type, t types.DataType) bool {
	switch t.(type) {
	case types.StringType:
		return true
	}
	numeric := false
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
		types.DoubleType, types.DecimalType:
		numeric = true
	}
	switch k {
	case variant.String:
		return true
	case variant.Boolean:
		return numeric || isType[types.BooleanType](t)
	case variant.Long, variant.Double, variant.Float, variant.Decimal:
		return numeric || isType[types.BooleanType](t) || isType[types.TimestampType](t)
	case variant.Date:
		return isType[types.DateType](t) || isType[types.TimestampType](t) || isType[types.TimestampNTZType](t)
	case variant.Timestamp:
		return numeric || isType[types.DateType](t) || isType[types.TimestampType](t) || isType[types.TimestampNTZType](t)
	case variant.TimestampNTZ:
		return isType[types.DateType](t) || isType[types.TimestampType](t) || isType[types.TimestampNTZType](t)
	case variant.Binary:
		return isType[types.BinaryType](t)
	}
	return false
}

// toAtomic converts rows to an atomic type.
func (c *variantConv) toAtomic(rows variantRows, t types.DataType) (arrow.Array, error) {
	n := len(rows.v)
	at, err := types.ToArrow(t)
	if err != nil {
		return nil, err
	}
	_, toString := t.(types.StringType)
	_, toTimestamp := t.(types.TimestampType)
	// direct holds values computed here in the target type: JSON text and UUIDs for
	// STRING, exact BIGINT/DECIMAL -> TIMESTAMP conversions.
	direct := array.NewBuilder(mem, at)
	defer direct.Release()
	var directRows []int32
	buckets := map[scalarKey]*scalarBucket{}
	var order []*scalarBucket
	defer func() {
		for _, bk := range order {
			bk.b.Release()
		}
	}()
	firstBad := -1
	src := make([]int32, n)
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = -1
	}
	// bad notes a row that does not convert: under failOnError the first one stops the
	// scan (rows after it cannot fail first); otherwise it stays NULL.
	bad := func(i int) {
		if c.failOnError {
			firstBad = i
		}
	}
	for i := 0; i < n && firstBad < 0; i++ {
		k, ok, err := kindOf(rows, i)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		v := rows.v[i]
		switch {
		case k == variant.Object || k == variant.Array || k == variant.UUID:
			if !toString {
				bad(i)
				continue
			}
			var s []byte
			if k == variant.UUID {
				u, err := v.UUIDBytes()
				if err != nil {
					return nil, err
				}
				s = variant.AppendUUID(nil, u)
			} else if s, err = format.AppendVariantJSON(nil, v, c.loc); err != nil {
				return nil, err
			}
			direct.(*array.StringBuilder).BinaryBuilder.Append(s)
			directRows = append(directRows, int32(i))
			continue
		case toTimestamp && (k == variant.Long || k == variant.Decimal):
			micros, ok, err := exactMicros(v, k)
			if err != nil {
				return nil, err
			}
			if !ok {
				bad(i)
				continue
			}
			direct.(*array.TimestampBuilder).Append(arrow.Timestamp(micros))
			directRows = append(directRows, int32(i))
			continue
		case !canAnsiCastFrom(k, t):
			bad(i)
			continue
		}
		key := scalarKey{kind: k}
		var d variant.Dec
		if k == variant.Decimal {
			if d, err = v.Decimal(); err != nil {
				return nil, err
			}
			_, key.scale = d.SparkType()
		}
		bk := buckets[key]
		if bk == nil {
			from := scalarType(key)
			bat, err := types.ToArrow(from)
			if err != nil {
				return nil, err
			}
			bk = &scalarBucket{from: from, b: array.NewBuilder(mem, bat)}
			buckets[key] = bk
			order = append(order, bk)
		}
		if err := appendScalar(bk.b, v, k, d, key.scale); err != nil {
			return nil, err
		}
		bk.rows = append(bk.rows, int32(i))
	}
	srcs := make([]arrow.Array, 0, len(order)+1)
	defer func() {
		for _, a := range srcs {
			a.Release()
		}
	}()
	if len(directRows) > 0 {
		srcs = append(srcs, direct.NewArray())
		for k, r := range directRows {
			src[r], idx[r] = 0, int32(k)
		}
	}
	for _, bk := range order {
		in := bk.b.NewArray()
		fn, err := c.c.compile(bk.from, t)
		if err != nil {
			in.Release()
			return nil, err
		}
		out, err := fn(in)
		in.Release()
		if err != nil {
			return nil, err
		}
		s := int32(len(srcs))
		srcs = append(srcs, out)
		for k, r := range bk.rows {
			if out.IsNull(k) {
				if c.failOnError && (firstBad < 0 || int(r) < firstBad) {
					firstBad = int(r)
				}
				continue
			}
			src[r], idx[r] = s, int32(k)
		}
	}
	if firstBad >= 0 {
		return nil, c.invalidCast(rows.v[firstBad], t)
	}
	if len(srcs) == 0 {
		return nullArray(at, n), nil
	}
	return gather(at, srcs, src, idx)
}

// scalarType is the Spark type of a scalar kind (DECIMAL(38, scale) for decimals).
func scalarType(k scalarKey) types.DataType {
	switch k.kind {
	case variant.Boolean:
		return types.Boolean
	case variant.Long:
		return types.Long
	case variant.String:
		return types.String
	case variant.Double:
		return types.Double
	case variant.Float:
		return types.Float
	case variant.Decimal:
		return types.DecimalType{Precision: 38, Scale: k.scale}
	case variant.Date:
		return types.Date
	case variant.Timestamp:
		return types.Timestamp
	case variant.TimestampNTZ:
		return types.TimestampNTZ
	}
	return types.Binary
}

// decimalUnscaled is d's unscaled value at scale (d.Scale or, for a negative d.Scale, 0).
func decimalUnscaled(d variant.Dec, scale int) decimal128.Num {
	if d.Scale == scale {
		return decimal128.New(d.Hi, d.Lo)
	}
	u, _ := d.Rescaled()
	r, _ := variant.DecFromBig(u, scale)
	return decimal128.New(r.Hi, r.Lo)
}

func appendScalar(b array.Builder, v variant.Variant, k variant.Type, d variant.Dec, scale int) error {
	switch k {
	case variant.Boolean:
		x, err := v.Bool()
		if err != nil {
			return err
		}
		b.(*array.BooleanBuilder).Append(x)
	case variant.Long:
		x, err := v.Long()
		if err != nil {
			return err
		}
		b.(*array.Int64Builder).Append(x)
	case variant.String:
		s, err := v.Str()
		if err != nil {
			return err
		}
		b.(*array.StringBuilder).BinaryBuilder.Append(s)
	case variant.Double:
		x, err := v.Double()
		if err != nil {
			return err
		}
		b.(*array.Float64Builder).Append(x)
	case variant.Float:
		x, err := v.Float()
		if err != nil {
			return err
		}
		b.(*array.Float32Builder).Append(x)
	case variant.Decimal:
		b.(*array.Decimal128Builder).Append(decimalUnscaled(d, scale))
	case variant.Date:
		x, err := v.Long()
		if err != nil {
			return err
		}
		b.(*array.Date32Builder).Append(arrow.Date32(x))
	case variant.Timestamp, variant.TimestampNTZ:
		x, err := v.Long()
		if err != nil {
			return err
		}
		b.(*array.TimestampBuilder).Append(arrow.Timestamp(x))
	default:
		x, err := v.Binary()
		if err != nil {
			return err
		}
		b.(*array.BinaryBuilder).Append(x)
	}
	return nil
}

var (
	microsPerSecondBig = big.NewInt(1_000_000)
	minInt64Big        = big.NewInt(-1 << 63)
	maxInt64Big        = big.NewInt(1<<63 - 1)
)

// exactMicros converts a BIGINT or DECIMAL number of seconds to microseconds, failing
// (ok false) on overflow: VariantGet's castLongToTimestamp / castDecimalToTimestamp.
func exactMicros(v variant.Variant, k variant.Type) (int64, bool, error) {
	if k == variant.Long {
		x, err := v.Long()
		if err != nil {
			return 0, false, err
		}
		if x > (1<<63-1)/1_000_000 || x < (-1<<63)/1_000_000 {
			return 0, false, nil
		}
		return x * 1_000_000, true, nil
	}
	d, err := v.Decimal()
	if err != nil {
		return 0, false, err
	}
	u, scale := d.Rescaled()
	u.Mul(u, microsPerSecondBig)
	if scale > 0 {
		u.Quo(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
	}
	if u.Cmp(minInt64Big) < 0 || u.Cmp(maxInt64Big) > 0 {
		return 0, false, nil
	}
	return u.Int64(), true, nil
}

// variantGetFn is variant_get(v, path[, type]) and try_variant_get: the analyzer passes
// the target type as the call's result type.
func variantGetFn(failOnError bool) ScalarFunc {
	name := "variant_get"
	if !failOnError {
		name = "try_variant_get"
	}
	return func(args []Expr, _ []types.DataType, result types.DataType, opts FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		at, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		var constPath []variant.PathSegment
		var pathErr error
		if s, ok := literalString(args[1]); ok {
			if p, ok := variant.ParsePath(s); ok {
				constPath = p
			} else {
				pathErr = variant.InvalidPathError(s, name)
			}
		}
		k := func(a []arrow.Array, n int) (arrow.Array, error) {
			if pathErr != nil {
				return nil, pathErr
			}
			r, err := readVariants(a[0])
			if err != nil {
				return nil, err
			}
			paths := argvOf(a[1])
			rows := variantRows{v: make([]variant.Variant, n), ok: make([]bool, n)}
			for i := 0; i < n; i++ {
				if r.isNull(i) || paths.isNull(i) {
					continue
				}
				path := constPath
				if path == nil {
					s := string(paths.str(i))
					p, ok := variant.ParsePath(s)
					if !ok {
						return nil, variant.InvalidPathError(s, name)
					}
					path = p
				}
				v, err := r.at(i)
				if err != nil {
					return nil, err
				}
				if v, ok, err := v.Get(path); err != nil {
					return nil, err
				} else if ok {
					rows.v[i], rows.ok[i] = v, true
				}
			}
			return newVariantConv(failOnError, opts.TimeZone).convertTop(rows, result)
		}
		return &funcExpr{name: name, args: args, t: at, k: k, fails: true, strict: true}, nil
	}
}

// variantCast is the cast of VARIANT from or to another type; decided is false for
// casts that do not involve VARIANT.
func (c *caster) variantCast(from, to types.DataType) (castFunc, bool, error) {
	_, fromVariant := from.(types.VariantType)
	_, toVariant := to.(types.VariantType)
	switch {
	case fromVariant && toVariant:
		return identityCast, true, nil
	case fromVariant:
		failOnError, loc := !c.try, c.loc
		return func(a arrow.Array) (arrow.Array, error) {
			r, err := readVariants(a)
			if err != nil {
				return nil, err
			}
			n := a.Len()
			rows := variantRows{v: make([]variant.Variant, n), ok: make([]bool, n)}
			for i := 0; i < n; i++ {
				if r.isNull(i) {
					continue
				}
				if rows.v[i], err = r.at(i); err != nil {
					return nil, err
				}
				rows.ok[i] = true
			}
			return newVariantConv(failOnError, loc).convertTop(rows, to)
		}, true, nil
	case toVariant:
		return func(a arrow.Array) (arrow.Array, error) {
			return buildVariants(variant.NewBuilder(false), a, from, a.Len(), "cast")
		}, true, nil
	}
	return nil, false, nil
}

package expr

import (
	"crypto/rand"
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// Math and bitwise functions beyond funcs.go, and the random generators (Spark's
// XORShiftRandom, so seeded results match Spark's for partition 0).

func init() {
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("bit_count", args, 1, 1); err != nil {
			return nil, err
		}
		if args[0].DataType().ID() == arrow.BOOL {
			return newFunc("bit_count", args, types.Integer, false, fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
				if a[0].bool(i) {
					return 1, true, nil
				}
				return 0, true, nil
			}))
		}
		return newFunc("bit_count", args, types.Integer, false, fixedRowK(i32, func(i int, a []argv) (int32, bool, error) {
			return int32(bits.OnesCount64(uint64(a[0].int(i)))), true, nil
		}))
	}, "bit_count")
	register(bitGetFn, "bit_get", "getbit")
	register(widthBucketFn, "width_bucket")
	register(convFn, "conv")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("bin", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("bin", args, types.String, false, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			return strconv.AppendUint(dst, uint64(a[0].int(i)), 2), true, nil
		}))
	}, "bin")
	register(nanvlFn, "nanvl")
	register(randFn("rand", false), "rand", "random")
	register(randFn("randn", true), "randn")
	register(uniformFn, "uniform")
	register(randStrFn, "randstr")
	register(uuidFn, "uuid")
	register(doubleFn("sinh", fdSinh), "sinh")
	register(doubleFn("cosh", fdCosh), "cosh")
	register(doubleFn("tanh", fdTanh), "tanh")
	// Spark's own formulas over StrictMath.log and log1p (Go's math.Log1p is fdlibm's).
	register(doubleFn("asinh", func(x float64) float64 {
		if math.IsInf(x, -1) {
			return x
		}
		return fdLog(x + math.Sqrt(m(x*x)+1))
	}), "asinh")
	register(doubleFn("acosh", func(x float64) float64 { return fdLog(x + math.Sqrt(m(x*x)-1)) }), "acosh")
	register(doubleFn("atanh", func(x float64) float64 { return 0.5 * (math.Log1p(x) - math.Log1p(-x)) }), "atanh")
	register(doubleFn("sec", func(x float64) float64 { return 1 / javaCos(x) }), "sec")
	register(doubleFn("csc", func(x float64) float64 { return 1 / javaSin(x) }), "csc")
	register(doubleFn("cot", func(x float64) float64 { return 1 / javaTan(x) }), "cot")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("atan2", args, 2, 2); err != nil {
			return nil, err
		}
		return newFunc("atan2", args, types.Double, false, zipK(f64T, func(y, x float64) float64 { return fdAtan2(y+0.0, x+0.0) }))
	}, "atan2")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("hypot", args, 2, 2); err != nil {
			return nil, err
		}
		return newFunc("hypot", args, types.Double, false, zipK(f64T, fdHypot))
	}, "hypot")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("rint", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("rint", args, types.Double, false, mapK(f64T, math.RoundToEven))
	}, "rint")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		return NewLiteral(types.Double, math.Pi)
	}, "pi")
	register(func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		return NewLiteral(types.Double, math.E)
	}, "e")
}

// bitGetFn is bit_get / getbit(x, pos): bit pos of an integral value (0 or 1, as TINYINT).
func bitGetFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("bit_get", args, 2, 2); err != nil {
		return nil, err
	}
	size := int64(64)
	switch args[0].DataType().ID() {
	case arrow.INT8:
		size = 8
	case arrow.INT16:
		size = 16
	case arrow.INT32:
		size = 32
	}
	return newFunc("bit_get", args, types.Byte, true, fixedRowK(arrow.PrimitiveTypes.Int8, func(i int, a []argv) (int8, bool, error) {
		pos := a[1].int(i)
		if pos < 0 || pos >= size {
			return 0, false, sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE", "22023",
				"The value of parameter(s) <parameter> in <functionName> is invalid: expects an integer value in [0, <upper>), but got <invalidValue>.",
				map[string]string{"parameter": "`pos`", "functionName": "`bit_get`", "upper": strconv.FormatInt(size, 10), "invalidValue": strconv.FormatInt(pos, 10)})
		}
		return int8((a[0].int(i) >> pos) & 1), true, nil
	}))
}

// widthBucketFn is width_bucket(value, min, max, n) over doubles or intervals.
func widthBucketFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("width_bucket", args, 4, 4); err != nil {
		return nil, err
	}
	return newFunc("width_bucket", args, types.Long, false, fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) {
		v, lo, hi, n := a[0].float(i), a[1].float(i), a[2].float(i), a[3].int(i)
		if n <= 0 || n == math.MaxInt64 || math.IsNaN(v) || lo == hi || math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsNaN(hi) || math.IsInf(hi, 0) {
			return 0, false, nil
		}
		lower, upper := math.Min(lo, hi), math.Max(lo, hi)
		if lo < hi {
			switch {
			case v < lower:
				return 0, true, nil
			case v >= upper:
				return n + 1, true, nil
			}
			return javaD2L(float64(n)*(v-lower)/(upper-lower)) + 1, true, nil
		}
		switch {
		case v > upper:
			return 0, true, nil
		case v <= lower:
			return n + 1, true, nil
		}
		return javaD2L(float64(n)*(upper-v)/(upper-lower)) + 1, true, nil
	}))
}

// convFn is conv(num, fromBase, toBase) (NumberConverter): an unsigned 64-bit conversion;
// a negative toBase prints signed. Overflow is ARITHMETIC_OVERFLOW under ANSI, else -1.
func convFn(args []Expr, _ []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("conv", args, 3, 3); err != nil {
		return nil, err
	}
	ansi := o.ANSI
	return newFunc("conv", args, types.String, ansi, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		return convert(dst, textdata.JavaTrim(a[0].str(i)), a[1].int(i), a[2].int(i), ansi)
	}))
}

func digitOf(c byte, radix int64) int64 {
	var d int64
	switch {
	case c >= '0' && c <= '9':
		d = int64(c - '0')
	case c >= 'a' && c <= 'z':
		d = int64(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		d = int64(c-'A') + 10
	default:
		return -1
	}
	if d >= radix {
		return -1
	}
	return d
}

func convert(dst, n []byte, from, to int64, ansi bool) ([]byte, bool, error) {
	absTo := to
	if absTo < 0 {
		absTo = -absTo
	}
	if from < 2 || from > 36 || absTo < 2 || absTo > 36 || len(n) == 0 {
		return dst, false, nil
	}
	negative := n[0] == '-'
	if negative {
		n = n[1:]
	}
	// encode: read digits until an invalid one, as unsigned 64-bit.
	var v uint64
	bound := (math.MaxUint64 - uint64(from)) / uint64(from)
	overflow := false
	for _, c := range n {
		d := digitOf(c, from)
		if d < 0 {
			break
		}
		if int64(v) < 0 {
			overflow = true
			break
		}
		if int64(v) >= int64(bound) {
			if int64((math.MaxUint64-uint64(d))/uint64(from)) < int64(v) {
				overflow = true
				break
			}
		}
		v = v*uint64(from) + uint64(d)
	}
	if overflow {
		if ansi {
			return nil, false, arithmeticOverflow("Overflow in function conv()", "")
		}
		v = math.MaxUint64
	}
	if negative && to > 0 {
		if int64(v) < 0 {
			v = math.MaxUint64
		} else {
			v = uint64(-int64(v))
		}
	}
	if to < 0 && int64(v) < 0 {
		v = uint64(-int64(v))
		negative = true
	}
	var buf [65]byte
	k := len(buf)
	if v == 0 {
		k--
		buf[k] = '0'
	}
	for v != 0 {
		k--
		d := v % uint64(absTo)
		if d < 10 {
			buf[k] = byte('0' + d)
		} else {
			buf[k] = byte('A' + d - 10)
		}
		v /= uint64(absTo)
	}
	if negative && to < 0 {
		dst = append(dst, '-')
	}
	return append(dst, buf[k:]...), true, nil
}

// nanvlFn is nanvl(x, y): y where x is NaN, else x (NULL when x is). y is evaluated only
// for the NaN rows.
func nanvlFn(args []Expr, argTypes []types.DataType, rt types.DataType, o FuncOptions) (Expr, error) {
	if err := arity("nanvl", args, 2, 2); err != nil {
		return nil, err
	}
	cond, err := NewIsNaN(args[0])
	if err != nil {
		return nil, err
	}
	y := args[1]
	if len(argTypes) == 2 && argTypes[1] != nil && !types.Equal(argTypes[1], rt) {
		if y, err = NewCast(y, argTypes[1], rt, CastOptions{ANSI: o.ANSI, TimeZone: o.TimeZone}); err != nil {
			return nil, err
		}
	}
	return NewCaseWhen([]Expr{cond}, []Expr{y}, args[0], rt)
}

// ---- XORShiftRandom ----

// murmur3Bytes is Scala's MurmurHash3.bytesHash.
func murmur3Bytes(data []byte, seed uint32) uint32 {
	h := seed
	mixLast := func(h, k uint32) uint32 {
		k *= 0xcc9e2d51
		k = bits.RotateLeft32(k, 15)
		k *= 0x1b873593
		return h ^ k
	}
	i := 0
	for ; len(data)-i >= 4; i += 4 {
		k := binary.LittleEndian.Uint32(data[i:])
		h = mixLast(h, k)
		h = bits.RotateLeft32(h, 13)
		h = h*5 + 0xe6546b64
	}
	var k uint32
	switch len(data) - i {
	case 3:
		k ^= uint32(data[i+2]) << 16
		fallthrough
	case 2:
		k ^= uint32(data[i+1]) << 8
		fallthrough
	case 1:
		k ^= uint32(data[i])
		h = mixLast(h, k)
	}
	h ^= uint32(len(data))
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// xorShift is org.apache.spark.util.random.XORShiftRandom over java.util.Random.
type xorShift struct {
	seed         int64
	haveGaussian bool
	nextGaussian float64
}

func newXorShift(init int64) *xorShift {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(init))
	lo := murmur3Bytes(b[:], 0x3c074a61)
	hi := murmur3Bytes(b[:], lo)
	return &xorShift{seed: int64(uint64(hi)<<32 | uint64(lo))}
}

func (r *xorShift) next(nbits uint) int32 {
	s := r.seed
	s ^= s << 21
	s ^= int64(uint64(s) >> 35)
	s ^= s << 4
	r.seed = s
	return int32(s & (1<<nbits - 1))
}

func (r *xorShift) nextInt() int32 { return r.next(32) }

func (r *xorShift) nextDouble() float64 {
	return float64(int64(r.next(26))<<27+int64(r.next(27))) * (1.0 / (1 << 53))
}

// nextGaussian is java.util.Random's polar method (with StrictMath's log).
func (r *xorShift) nextGaussianValue() float64 {
	if r.haveGaussian {
		r.haveGaussian = false
		return r.nextGaussian
	}
	var v1, v2, s float64
	for {
		v1 = 2*r.nextDouble() - 1
		v2 = 2*r.nextDouble() - 1
		s = v1*v1 + v2*v2
		if s < 1 && s != 0 {
			break
		}
	}
	m := math.Sqrt(-2 * fdLog(s) / s)
	r.nextGaussian, r.haveGaussian = v2*m, true
	return v1 * m
}

func randomSeed() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.LittleEndian.Uint64(b[:]))
}

// seedOf reads the constant seed argument (NULL is 0); none gives a random seed.
func seedOf(args []Expr, i int) (int64, error) {
	if len(args) <= i {
		return randomSeed(), nil
	}
	a, err := evalConst(args[i])
	if err != nil {
		return 0, err
	}
	defer a.Release()
	if isNullType(a) || a.IsNull(0) {
		return 0, nil
	}
	v := argvOf(a)
	return v.int(0), nil
}

// rngExpr is a generator stepping one value per row, with a generator per partition
// (see partitionRandom).
type rngExpr struct {
	name string
	t    arrow.DataType
	args []Expr
	rng  *partitionRandom[*xorShift]
	gen  func(r *xorShift, b arrow.RecordBatch, n int) (arrow.Array, error)
}

func (e *rngExpr) DataType() arrow.DataType { return e.t }
func (e *rngExpr) String() string           { return (&funcExpr{name: e.name, args: e.args}).String() }
func (e *rngExpr) children() []Expr         { return e.args }
func (e *rngExpr) mayFail() bool            { return false }
func (e *rngExpr) readsTask() bool          { return true }
func (e *rngExpr) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	var out arrow.Array
	err := e.rng.draw(b, func(r *xorShift) (err error) {
		out, err = e.gen(r, b, int(b.NumRows()))
		return err
	})
	return out, err
}

// randFn is rand / randn([seed]).
func randFn(name string, gaussian bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 0, 1); err != nil {
			return nil, err
		}
		seed, err := seedOf(args, 0)
		if err != nil {
			return nil, err
		}
		return &rngExpr{name: name, t: f64T, rng: newPartitionXorShift(seed), gen: func(r *xorShift, _ arrow.RecordBatch, n int) (arrow.Array, error) {
			out := make([]float64, n)
			for i := range out {
				if gaussian {
					out[i] = r.nextGaussianValue()
				} else {
					out[i] = r.nextDouble()
				}
			}
			return newFixed(f64T, out, nil), nil
		}}, nil
	}
}

// uniformFn is uniform(min, max, seed): min + (max - min) * rand(seed) as a double, cast
// to the result type (truncating for integers, HALF_UP for decimals).
func uniformFn(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("uniform", args, 2, 3); err != nil {
		return nil, err
	}
	seed, err := seedOf(args, 2)
	if err != nil {
		return nil, err
	}
	at, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	lo, err := evalConst(args[0])
	if err != nil {
		return nil, err
	}
	defer lo.Release()
	hi, err := evalConst(args[1])
	if err != nil {
		return nil, err
	}
	defer hi.Release()
	if isNullType(lo) || lo.IsNull(0) || isNullType(hi) || hi.IsNull(0) {
		return NewLiteral(rt, nil)
	}
	loV, hiV := constFloat(lo), constFloat(hi)
	return &rngExpr{name: "uniform", t: at, args: args[:2], rng: newPartitionXorShift(seed), gen: func(r *xorShift, _ arrow.RecordBatch, n int) (arrow.Array, error) {
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = loV + (hiV-loV)*r.nextDouble()
		}
		return floatsTo(rt, at, vals)
	}}, nil
}

func constFloat(a arrow.Array) float64 {
	v := argvOf(a)
	if v.dec != nil {
		return decimalToFloat(v.dec[0], int(a.DataType().(*arrow.Decimal128Type).Scale), 64)
	}
	return v.float(0)
}

// floatsTo converts doubles to an integral, float or decimal result as a cast does.
func floatsTo(rt types.DataType, at arrow.DataType, vals []float64) (arrow.Array, error) {
	switch t := rt.(type) {
	case types.DoubleType:
		return newFixed(at, vals, nil), nil
	case types.FloatType:
		out := make([]float32, len(vals))
		for i, v := range vals {
			out[i] = float32(v)
		}
		return newFixed(at, out, nil), nil
	case types.ByteType, types.ShortType, types.IntegerType:
		out := make([]int64, len(vals))
		for i, v := range vals {
			out[i] = int64(javaD2I(v))
		}
		return intResult(map[arrow.Type]int{arrow.INT8: 8, arrow.INT16: 16, arrow.INT32: 32}[at.ID()], out, nil), nil
	case types.LongType:
		out := make([]int64, len(vals))
		for i, v := range vals {
			out[i] = javaD2L(v)
		}
		return newFixed(at, out, nil), nil
	case types.DecimalType:
		out := make([]decimal128.Num, len(vals))
		for i, v := range vals {
			d, ok := parseBigDecimal([]byte(strconv.FormatFloat(v, 'g', -1, 64)))
			if !ok {
				return nil, sparkerror.InternalError("uniform: %v", v)
			}
			num, ok := bigToNum(d.toScale(t.Scale), t.Precision)
			if !ok {
				return nil, sparkerror.InternalError("uniform: %v does not fit %s", v, t.SQL())
			}
			out[i] = num
		}
		return decimalResult(t, out, nil), nil
	}
	return nil, sparkerror.NotImplemented("uniform of " + rt.SQL())
}

// randStrFn is randstr(length[, seed]): characters from 0-9a-zA-Z.
func randStrFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("randstr", args, 1, 2); err != nil {
		return nil, err
	}
	seed, err := seedOf(args, 1)
	if err != nil {
		return nil, err
	}
	la, err := evalConst(args[0])
	if err != nil {
		return nil, err
	}
	defer la.Release()
	length := int64(0)
	if !isNullType(la) && !la.IsNull(0) {
		v := argvOf(la)
		length = v.int(0)
	}
	if length < 0 {
		return nil, sparkerror.New(sparkerror.Runtime, "INVALID_PARAMETER_VALUE.LENGTH", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: Expects `length` greater than or equal to 0, but got <length>.",
			map[string]string{"parameter": "`length`", "functionName": "`randstr`", "length": strconv.FormatInt(length, 10)})
	}
	return &rngExpr{name: "randstr", t: utf8T, args: args[:1], rng: newPartitionXorShift(seed), gen: func(r *xorShift, _ arrow.RecordBatch, n int) (arrow.Array, error) {
		offs := make([]int32, n+1)
		data := make([]byte, 0, n*int(length))
		for i := 0; i < n; i++ {
			for k := int64(0); k < length; k++ {
				v := r.nextInt() % 62
				if v < 0 {
					v = -v
				}
				switch {
				case v < 10:
					data = append(data, byte('0'+v))
				case v < 36:
					data = append(data, byte('a'+v-10))
				default:
					data = append(data, byte('A'+v-36))
				}
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(utf8T, offs, data, nil), nil
	}}, nil
}

// uuidFn is uuid(): random version-4 UUIDs.
func uuidFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if len(args) > 0 && !nullSeed(args[0]) {
		return newSeededUUID(args) // random_seeded.go
	}
	return &rngExpr{name: "uuid", t: utf8T, rng: newPartitionXorShift(randomSeed()), gen: func(r *xorShift, _ arrow.RecordBatch, n int) (arrow.Array, error) {
		offs := make([]int32, n+1)
		data := make([]byte, 0, n*36)
		var b [16]byte
		for i := 0; i < n; i++ {
			binary.BigEndian.PutUint64(b[:8], uint64(int64(r.nextInt())<<32|int64(uint32(r.nextInt()))))
			binary.BigEndian.PutUint64(b[8:], uint64(int64(r.nextInt())<<32|int64(uint32(r.nextInt()))))
			b[6] = b[6]&0x0f | 0x40
			b[8] = b[8]&0x3f | 0x80
			for k, c := range b {
				if k == 4 || k == 6 || k == 8 || k == 10 {
					data = append(data, '-')
				}
				data = append(data, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(utf8T, offs, data, nil), nil
	}}, nil
}

func userRaised(msg string) error {
	return sparkerror.New(sparkerror.Runtime, "USER_RAISED_EXCEPTION", "P0001", "<errorMessage>",
		map[string]string{"errorMessage": msg})
}

// legacyRaised is raise_error's error under spark.sql.legacy.raiseErrorWithoutErrorClass:
// a plain java.lang.RuntimeException with the message and no error class.
func legacyRaised(msg string) error {
	return &sparkerror.Error{Kind: sparkerror.Runtime, Message: msg,
		JavaClasses: []string{"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}}
}

// assertTrueFn is assert_true(cond, message): NULL when cond is true, else the error raise
// makes of the message.
func assertTrueFn(name string, raise func(string) error) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
			c := argvOf(arrs[0])
			for i := 0; i < n; i++ {
				if c.isNull(i) || !c.bool(i) {
					m := argvOf(arrs[1])
					if m.isNull(i) {
						return nil, raise("null")
					}
					return nil, raise(string(m.str(i)))
				}
			}
			return nullArray(arrow.Null, n), nil
		}
		return &funcExpr{name: name, args: args, t: arrow.Null, k: k, fails: true}, nil
	}
}

// raiseErrorFn is raise_error(message): the error raise makes of the message, for any row
// evaluated.
func raiseErrorFn(name string, raise func(string) error) ScalarFunc {
	return func(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 1, 1); err != nil {
			return nil, err
		}
		k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
			if n == 0 {
				return nullArray(arrow.Null, 0), nil
			}
			m := argvOf(arrs[0])
			if m.isNull(0) {
				return nil, raise("null")
			}
			return nil, raise(string(m.str(0)))
		}
		return &funcExpr{name: name, args: args, t: arrow.Null, k: k, fails: true}, nil
	}
}

func init() {
	// USER_RAISED_EXCEPTION; the legacy_ forms are what the analyzer picks under
	// spark.sql.legacy.raiseErrorWithoutErrorClass.
	register(assertTrueFn("assert_true", userRaised), "assert_true")
	register(raiseErrorFn("raise_error", userRaised), "raise_error")
	register(assertTrueFn("legacy_assert_true", legacyRaised), "legacy_assert_true")
	register(raiseErrorFn("legacy_raise_error", legacyRaised), "legacy_raise_error")
}

// bitwiseFn is & | ^ on two integers of one type.
func bitwiseFn(op string) ScalarFunc {
	return func(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(op, args, 2, 2); err != nil {
			return nil, err
		}
		at := args[0].DataType()
		f := func(x, y int64) int64 {
			switch op {
			case "&":
				return x & y
			case "|":
				return x | y
			}
			return x ^ y
		}
		return newFunc(op, args, rt, false, intRowK(at, func(i int, a []argv) int64 { return f(a[0].int(i), a[1].int(i)) }))
	}
}

// intRowK builds an integer column of type t (8 to 64 bits) from int64 results.
func intRowK(t arrow.DataType, f func(i int, a []argv) int64) kernel {
	switch t.ID() {
	case arrow.INT8:
		return fixedRowK(t, func(i int, a []argv) (int8, bool, error) { return int8(f(i, a)), true, nil })
	case arrow.INT16:
		return fixedRowK(t, func(i int, a []argv) (int16, bool, error) { return int16(f(i, a)), true, nil })
	case arrow.INT32:
		return fixedRowK(t, func(i int, a []argv) (int32, bool, error) { return int32(f(i, a)), true, nil })
	}
	return fixedRowK(t, func(i int, a []argv) (int64, bool, error) { return f(i, a), true, nil })
}

// shiftFn is shiftleft / shiftright / shiftrightunsigned (<<, >>, >>>) of an INT or BIGINT;
// the distance is taken modulo the width, as in Java.
func shiftFn(name string) ScalarFunc {
	return func(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		at := args[0].DataType()
		wide := at.ID() == arrow.INT64
		return newFunc(name, args, rt, false, intRowK(at, func(i int, a []argv) int64 {
			x, s := a[0].int(i), uint(a[1].int(i))
			if wide {
				s &= 63
				switch name {
				case "shiftleft":
					return x << s
				case "shiftright":
					return x >> s
				}
				return int64(uint64(x) >> s)
			}
			s &= 31
			v := int32(x)
			switch name {
			case "shiftleft":
				return int64(v << s)
			case "shiftright":
				return int64(v >> s)
			}
			return int64(int32(uint32(v) >> s))
		}))
	}
}

func init() {
	register(bitwiseFn("&"), "&")
	register(bitwiseFn("|"), "|")
	register(bitwiseFn("^"), "^")
	register(func(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("~", args, 1, 1); err != nil {
			return nil, err
		}
		return newFunc("~", args, rt, false, intRowK(args[0].DataType(), func(i int, a []argv) int64 { return ^a[0].int(i) }))
	}, "~")
	register(shiftFn("shiftleft"), "shiftleft")
	register(shiftFn("shiftright"), "shiftright")
	register(shiftFn("shiftrightunsigned"), "shiftrightunsigned")
}

package expr

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"math"
	"math/bits"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// reflect / java_method / try_reflect: the static JDK methods the analyzer lets through
// (sql/analyzer/scalars_reflect.go lists them), each written in Go with the JDK's results.
// The answer is String.valueOf of the method's result. A method that throws fails the
// query under reflect and gives NULL under try_reflect.

// javaArgs reads the arguments of one row.
type javaArgs struct {
	a []argv
	i int
}

func (j javaArgs) int(k int) int64     { return j.a[k].int(j.i) }
func (j javaArgs) str(k int) string    { return string(j.a[k].str(j.i)) }
func (j javaArgs) bool(k int) bool     { return j.a[k].b.get(j.i) }
func (j javaArgs) float(k int) float32 { return j.a[k].f32[j.i] }
func (j javaArgs) double(k int) float64 {
	if j.a[k].f32 != nil {
		return float64(j.a[k].f32[j.i])
	}
	return j.a[k].f64[j.i]
}

// object is String.valueOf of a boxed argument.
func (j javaArgs) object(k int) string {
	x := &j.a[k]
	switch x.id {
	case arrow.BOOL:
		return strconv.FormatBool(j.bool(k))
	case arrow.FLOAT32:
		return format.JavaFloatString(j.float(k))
	case arrow.FLOAT64:
		return format.JavaDoubleString(j.double(k))
	case arrow.STRING, arrow.BINARY:
		return j.str(k)
	}
	return strconv.FormatInt(j.int(k), 10)
}

// errJava is an exception the called method throws.
var errJava = errors.New("java exception")

// invocationError is what reflect fails with when the method throws: the JVM's
// InvocationTargetException.
func invocationError() error {
	e := sparkerror.New(sparkerror.Runtime, "", "", "java.lang.reflect.InvocationTargetException", nil)
	e.JavaClasses = []string{"java.lang.reflect.InvocationTargetException", "java.lang.ReflectiveOperationException",
		"java.lang.Exception", "java.lang.Throwable"}
	return e
}

func javaNumberFormat(s string) error {
	return sparkerror.New(sparkerror.Runtime, "", "", "java.lang.NumberFormatException: For input string: \""+s+"\"", nil)
}

func javaParseInt(s string, radix int64, bitSize int) (int64, error) {
	if radix < 2 || radix > 36 {
		return 0, javaNumberFormat(s)
	}
	if strings.HasPrefix(s, "+") && len(s) > 1 && s[1] != '-' && s[1] != '+' {
		s = s[1:]
	}
	v, err := strconv.ParseInt(s, int(radix), bitSize)
	if err != nil || strings.ContainsAny(s, "_") {
		return 0, javaNumberFormat(s)
	}
	return v, nil
}

func javaRoundDouble(d float64) int64 {
	if math.IsNaN(d) {
		return 0
	}
	f := math.Floor(d + 0.5)
	if f >= math.MaxInt64 {
		return math.MaxInt64
	}
	if f <= math.MinInt64 {
		return math.MinInt64
	}
	return int64(f)
}

func javaUUID(s string) (string, error) {
	parts := strings.Split(s, "-")
	if len(s) > 36 || len(parts) != 5 {
		return "", errJava
	}
	widths := []int{8, 4, 4, 4, 12}
	var b strings.Builder
	var vals [5]uint64
	for k, p := range parts {
		v, err := strconv.ParseUint(p, 16, 64)
		if err != nil || p == "" {
			return "", errJava
		}
		vals[k] = v
	}
	// UUID.fromString keeps the low bits of each group.
	for k, v := range vals {
		w := widths[k]
		if w < 16 {
			v &= 1<<(4*w) - 1
		}
		h := strconv.FormatUint(v, 16)
		if k > 0 {
			b.WriteByte('-')
		}
		b.WriteString(strings.Repeat("0", w-len(h)) + h)
	}
	return b.String(), nil
}

func uuidString(u [16]byte) string {
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func javaURLEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "~", "%7E")
}

func javaURLDecode(s string) (string, error) {
	for k := 0; k < len(s); k++ {
		if s[k] == '%' && (k+2 >= len(s) || !isHex(s[k+1]) || !isHex(s[k+2])) {
			return "", errJava
		}
	}
	v, err := url.QueryUnescape(s)
	if err != nil {
		return "", errJava
	}
	return v, nil
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func i2s(v int64) (string, error) { return strconv.FormatInt(v, 10), nil }
func javaIntOverflow() error      { return errJava }

var javaStaticImpls = map[string]func(j javaArgs) (string, error){
	"java.lang.Math.max(int,int)":     func(j javaArgs) (string, error) { return i2s(max(j.int(0), j.int(1))) },
	"java.lang.Math.max(long,long)":   func(j javaArgs) (string, error) { return i2s(max(j.int(0), j.int(1))) },
	"java.lang.Math.max(float,float)": func(j javaArgs) (string, error) { return format.JavaFloatString(javaMaxF(j.float(0), j.float(1))), nil },
	"java.lang.Math.max(double,double)": func(j javaArgs) (string, error) {
		return format.JavaDoubleString(javaMax(j.double(0), j.double(1))), nil
	},
	"java.lang.Math.min(int,int)":   func(j javaArgs) (string, error) { return i2s(min(j.int(0), j.int(1))) },
	"java.lang.Math.min(long,long)": func(j javaArgs) (string, error) { return i2s(min(j.int(0), j.int(1))) },
	"java.lang.Math.min(float,float)": func(j javaArgs) (string, error) {
		return format.JavaFloatString(-javaMaxF(-j.float(0), -j.float(1))), nil
	},
	"java.lang.Math.min(double,double)": func(j javaArgs) (string, error) {
		return format.JavaDoubleString(-javaMax(-j.double(0), -j.double(1))), nil
	},
	"java.lang.Math.abs(int)":  func(j javaArgs) (string, error) { return i2s(int64(absInt32(int32(j.int(0))))) },
	"java.lang.Math.abs(long)": func(j javaArgs) (string, error) { v := j.int(0); return i2s(absWrap(v)) },
	"java.lang.Math.abs(float)": func(j javaArgs) (string, error) {
		return format.JavaFloatString(float32(math.Abs(float64(j.float(0))))), nil
	},
	"java.lang.Math.abs(double)":   func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Abs(j.double(0))), nil },
	"java.lang.Math.round(float)":  func(j javaArgs) (string, error) { return i2s(int64(javaRoundFloat(j.float(0)))) },
	"java.lang.Math.round(double)": func(j javaArgs) (string, error) { return i2s(javaRoundDouble(j.double(0))) },
	"java.lang.Math.sqrt(double)":  func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Sqrt(j.double(0))), nil },
	"java.lang.Math.cbrt(double)":  func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Cbrt(j.double(0))), nil },
	"java.lang.Math.pow(double,double)": func(j javaArgs) (string, error) {
		return format.JavaDoubleString(math.Pow(j.double(0), j.double(1))), nil
	},
	"java.lang.Math.floor(double)":  func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Floor(j.double(0))), nil },
	"java.lang.Math.ceil(double)":   func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Ceil(j.double(0))), nil },
	"java.lang.Math.exp(double)":    func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Exp(j.double(0))), nil },
	"java.lang.Math.log(double)":    func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Log(j.double(0))), nil },
	"java.lang.Math.log10(double)":  func(j javaArgs) (string, error) { return format.JavaDoubleString(math.Log10(j.double(0))), nil },
	"java.lang.Math.signum(double)": func(j javaArgs) (string, error) { return format.JavaDoubleString(javaSignum(j.double(0))), nil },
	"java.lang.Math.signum(float)": func(j javaArgs) (string, error) {
		return format.JavaFloatString(float32(javaSignum(float64(j.float(0))))), nil
	},
	"java.lang.Math.addExact(int,int)":   func(j javaArgs) (string, error) { return exact32(j.int(0) + j.int(1)) },
	"java.lang.Math.addExact(long,long)": func(j javaArgs) (string, error) { return exactAdd64(j.int(0), j.int(1)) },
	"java.lang.Math.multiplyExact(int,int)": func(j javaArgs) (string, error) {
		return exact32(j.int(0) * j.int(1))
	},
	"java.lang.Math.multiplyExact(long,long)": func(j javaArgs) (string, error) {
		v, ok := mulExact(j.int(0), j.int(1))
		if !ok {
			return "", errJava
		}
		return i2s(v)
	},
	"java.lang.Math.floorDiv(int,int)":   func(j javaArgs) (string, error) { return javaFloorDiv(j.int(0), j.int(1), 32) },
	"java.lang.Math.floorDiv(long,long)": func(j javaArgs) (string, error) { return javaFloorDiv(j.int(0), j.int(1), 64) },
	"java.lang.Math.floorMod(int,int)":   func(j javaArgs) (string, error) { return javaFloorMod(j.int(0), j.int(1)) },
	"java.lang.Math.floorMod(long,long)": func(j javaArgs) (string, error) { return javaFloorMod(j.int(0), j.int(1)) },

	"java.lang.String.valueOf(int)":              func(j javaArgs) (string, error) { return i2s(j.int(0)) },
	"java.lang.String.valueOf(long)":             func(j javaArgs) (string, error) { return i2s(j.int(0)) },
	"java.lang.String.valueOf(boolean)":          func(j javaArgs) (string, error) { return strconv.FormatBool(j.bool(0)), nil },
	"java.lang.String.valueOf(java.lang.Object)": func(j javaArgs) (string, error) { return j.object(0), nil },

	"java.lang.Integer.valueOf(java.lang.String)": func(j javaArgs) (string, error) { v, err := javaParseInt(j.str(0), 10, 32); return i2sErr(v, err) },
	"java.lang.Integer.valueOf(java.lang.String,int)": func(j javaArgs) (string, error) {
		v, err := javaParseInt(j.str(0), j.int(1), 32)
		return i2sErr(v, err)
	},
	"java.lang.Integer.valueOf(int)":               func(j javaArgs) (string, error) { return i2s(j.int(0)) },
	"java.lang.Integer.parseInt(java.lang.String)": func(j javaArgs) (string, error) { v, err := javaParseInt(j.str(0), 10, 32); return i2sErr(v, err) },
	"java.lang.Integer.parseInt(java.lang.String,int)": func(j javaArgs) (string, error) {
		v, err := javaParseInt(j.str(0), j.int(1), 32)
		return i2sErr(v, err)
	},
	"java.lang.Integer.toString(int)":       func(j javaArgs) (string, error) { return i2s(j.int(0)) },
	"java.lang.Integer.toString(int,int)":   func(j javaArgs) (string, error) { return javaToStringRadix(j.int(0), j.int(1)), nil },
	"java.lang.Integer.toHexString(int)":    func(j javaArgs) (string, error) { return strconv.FormatUint(uint64(uint32(j.int(0))), 16), nil },
	"java.lang.Integer.toBinaryString(int)": func(j javaArgs) (string, error) { return strconv.FormatUint(uint64(uint32(j.int(0))), 2), nil },
	"java.lang.Integer.toOctalString(int)":  func(j javaArgs) (string, error) { return strconv.FormatUint(uint64(uint32(j.int(0))), 8), nil },
	"java.lang.Integer.max(int,int)":        func(j javaArgs) (string, error) { return i2s(max(j.int(0), j.int(1))) },
	"java.lang.Integer.min(int,int)":        func(j javaArgs) (string, error) { return i2s(min(j.int(0), j.int(1))) },
	"java.lang.Integer.sum(int,int)":        func(j javaArgs) (string, error) { return i2s(int64(int32(j.int(0) + j.int(1)))) },
	"java.lang.Integer.signum(int)":         func(j javaArgs) (string, error) { return i2s(signumInt(j.int(0))) },
	"java.lang.Integer.bitCount(int)":       func(j javaArgs) (string, error) { return i2s(int64(bits.OnesCount32(uint32(j.int(0))))) },
	"java.lang.Integer.reverse(int)":        func(j javaArgs) (string, error) { return i2s(int64(int32(bits.Reverse32(uint32(j.int(0)))))) },

	"java.lang.Long.valueOf(java.lang.String)": func(j javaArgs) (string, error) { v, err := javaParseInt(j.str(0), 10, 64); return i2sErr(v, err) },
	"java.lang.Long.valueOf(java.lang.String,int)": func(j javaArgs) (string, error) {
		v, err := javaParseInt(j.str(0), j.int(1), 64)
		return i2sErr(v, err)
	},
	"java.lang.Long.valueOf(long)":               func(j javaArgs) (string, error) { return i2s(j.int(0)) },
	"java.lang.Long.parseLong(java.lang.String)": func(j javaArgs) (string, error) { v, err := javaParseInt(j.str(0), 10, 64); return i2sErr(v, err) },
	"java.lang.Long.parseLong(java.lang.String,int)": func(j javaArgs) (string, error) {
		v, err := javaParseInt(j.str(0), j.int(1), 64)
		return i2sErr(v, err)
	},
	"java.lang.Long.toString(long)":       func(j javaArgs) (string, error) { return i2s(j.int(0)) },
	"java.lang.Long.toString(long,int)":   func(j javaArgs) (string, error) { return javaToStringRadix(j.int(0), j.int(1)), nil },
	"java.lang.Long.toHexString(long)":    func(j javaArgs) (string, error) { return strconv.FormatUint(uint64(j.int(0)), 16), nil },
	"java.lang.Long.toBinaryString(long)": func(j javaArgs) (string, error) { return strconv.FormatUint(uint64(j.int(0)), 2), nil },
	"java.lang.Long.toOctalString(long)":  func(j javaArgs) (string, error) { return strconv.FormatUint(uint64(j.int(0)), 8), nil },
	"java.lang.Long.max(long,long)":       func(j javaArgs) (string, error) { return i2s(max(j.int(0), j.int(1))) },
	"java.lang.Long.min(long,long)":       func(j javaArgs) (string, error) { return i2s(min(j.int(0), j.int(1))) },
	"java.lang.Long.sum(long,long)":       func(j javaArgs) (string, error) { return i2s(j.int(0) + j.int(1)) },
	"java.lang.Long.signum(long)":         func(j javaArgs) (string, error) { return i2s(signumInt(j.int(0))) },
	"java.lang.Long.bitCount(long)":       func(j javaArgs) (string, error) { return i2s(int64(bits.OnesCount64(uint64(j.int(0))))) },

	"java.lang.Boolean.parseBoolean(java.lang.String)": func(j javaArgs) (string, error) {
		return strconv.FormatBool(strings.EqualFold(j.str(0), "true")), nil
	},
	"java.lang.Boolean.valueOf(java.lang.String)": func(j javaArgs) (string, error) {
		return strconv.FormatBool(strings.EqualFold(j.str(0), "true")), nil
	},
	"java.lang.Boolean.valueOf(boolean)":  func(j javaArgs) (string, error) { return strconv.FormatBool(j.bool(0)), nil },
	"java.lang.Boolean.toString(boolean)": func(j javaArgs) (string, error) { return strconv.FormatBool(j.bool(0)), nil },

	"java.util.UUID.fromString(java.lang.String)": func(j javaArgs) (string, error) { return javaUUID(j.str(0)) },
	"java.util.UUID.randomUUID()": func(j javaArgs) (string, error) {
		var u [16]byte
		_, _ = rand.Read(u[:])
		u[6] = u[6]&0x0f | 0x40
		u[8] = u[8]&0x3f | 0x80
		return uuidString(u), nil
	},
	"java.net.URLDecoder.decode(java.lang.String)": func(j javaArgs) (string, error) { return javaURLDecode(j.str(0)) },
	"java.net.URLDecoder.decode(java.lang.String,java.lang.String)": func(j javaArgs) (string, error) {
		if !strings.EqualFold(j.str(1), "UTF-8") {
			return "", errJava
		}
		return javaURLDecode(j.str(0))
	},
	"java.net.URLEncoder.encode(java.lang.String)": func(j javaArgs) (string, error) { return javaURLEncode(j.str(0)), nil },
	"java.net.URLEncoder.encode(java.lang.String,java.lang.String)": func(j javaArgs) (string, error) {
		if !strings.EqualFold(j.str(1), "UTF-8") {
			return "", errJava
		}
		return javaURLEncode(j.str(0)), nil
	},
}

func i2sErr(v int64, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return i2s(v)
}

func exact32(v int64) (string, error) {
	if v != int64(int32(v)) {
		return "", javaIntOverflow()
	}
	return i2s(v)
}

func exactAdd64(a, b int64) (string, error) {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		return "", errJava
	}
	return i2s(s)
}

func javaFloorDiv(a, b int64, bitSize int) (string, error) {
	if b == 0 {
		return "", errJava
	}
	if b == -1 && ((bitSize == 32 && a == math.MinInt32) || (bitSize == 64 && a == math.MinInt64)) {
		return i2s(a) // wraps to itself
	}
	return i2s(floorDivI(a, b))
}

func javaFloorMod(a, b int64) (string, error) {
	if b == 0 {
		return "", errJava
	}
	if b == -1 {
		return "0", nil
	}
	return i2s(a - floorDivI(a, b)*b)
}

func javaToStringRadix(v, radix int64) string {
	if radix < 2 || radix > 36 {
		radix = 10
	}
	return strconv.FormatInt(v, int(radix))
}

func signumInt(v int64) int64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func javaSignum(d float64) float64 {
	if d == 0 || math.IsNaN(d) {
		return d
	}
	return math.Copysign(1, d)
}

func absInt32(v int32) int32 {
	if v < 0 {
		return -v // MinInt32 stays itself, as in Java
	}
	return v
}

func absWrap(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func javaRoundFloat(f float32) int32 {
	if f != f {
		return 0
	}
	r := math.Floor(float64(f) + 0.5)
	if r >= math.MaxInt32 {
		return math.MaxInt32
	}
	if r <= math.MinInt32 {
		return math.MinInt32
	}
	return int32(r)
}

// javaMax is Math.max: NaN wins, and 0.0 is above -0.0.
func javaMax(a, b float64) float64 {
	if a != a || b != b {
		return math.NaN()
	}
	if a == 0 && b == 0 {
		if math.Signbit(a) {
			return b
		}
		return a
	}
	return math.Max(a, b)
}

func javaMaxF(a, b float32) float32 { return float32(javaMax(float64(a), float64(b))) }

// reflectFn evaluates the call: args are the class and method names, then the method's
// arguments, whose Spark types pick the overload as the analyzer did.
func reflectFn(name string, try bool) ScalarFunc {
	return func(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
		if len(args) < 2 {
			return nil, sparkerror.InternalError("%s takes at least two arguments", name)
		}
		valueTypes := argTypes[2:]
		var impl func(javaArgs) (string, error)
		return newFunc(name, args, types.String, !try, func(arrs []arrow.Array, n int) (arrow.Array, error) {
			a := argvsOf(arrs)
			offs := make([]int32, n+1)
			var data []byte
			var valid words
			for i := 0; i < n; i++ {
				ok := false
				if !a[0].isNull(i) && !a[1].isNull(i) {
					if impl == nil {
						sig := findJavaStatic(string(a[0].str(i)), string(a[1].str(i)), valueTypes)
						impl = javaStaticImpls[sig]
						if impl == nil {
							return nil, sparkerror.InternalError("%s: no static method %s", name, sig)
						}
					}
					nullArg := false
					for _, x := range a[2:] {
						nullArg = nullArg || x.isNull(i)
					}
					if nullArg {
						// Java unboxes null into a primitive parameter: an exception.
						if !try {
							return nil, invocationError()
						}
					} else {
						s, err := impl(javaArgs{a: a[2:], i: i})
						switch {
						case err == nil:
							data = append(data, s...)
							ok = true
						case !try:
							return nil, invocationError()
						}
					}
				}
				if !ok {
					if valid == nil {
						valid = allOnes(n)
					}
					valid.clear(i)
				}
				offs[i+1] = int32(len(data))
			}
			if data == nil {
				data = []byte{}
			}
			return newVar(utf8T, offs, data, valid), nil
		})
	}
}

// findJavaStatic picks the implemented overload of class.method for values of argTypes
// (the analyzer made sure there is one), by Spark's rule: each parameter is the value's
// primitive or boxed type, or a supertype (Object; CharSequence for strings).
func findJavaStatic(class, method string, argTypes []types.DataType) string {
	prefix := class + "." + method + "("
	var sigs []string
	for sig := range javaStaticImpls {
		if strings.HasPrefix(sig, prefix) {
			sigs = append(sigs, sig)
		}
	}
	sort.Strings(sigs)
	for _, sig := range sigs {
		var params []string
		if inner := sig[len(prefix) : len(sig)-1]; inner != "" {
			params = strings.Split(inner, ",")
		}
		if len(params) != len(argTypes) {
			continue
		}
		ok := true
		for k, p := range params {
			ok = ok && javaParamAccepts(p, argTypes[k])
		}
		if ok {
			return sig
		}
	}
	return prefix + ")"
}

func javaParamAccepts(param string, t types.DataType) bool {
	var boxed, prim string
	switch t.(type) {
	case types.BooleanType:
		boxed, prim = "java.lang.Boolean", "boolean"
	case types.ByteType:
		boxed, prim = "java.lang.Byte", "byte"
	case types.ShortType:
		boxed, prim = "java.lang.Short", "short"
	case types.IntegerType:
		boxed, prim = "java.lang.Integer", "int"
	case types.LongType:
		boxed, prim = "java.lang.Long", "long"
	case types.FloatType:
		boxed, prim = "java.lang.Float", "float"
	case types.DoubleType:
		boxed, prim = "java.lang.Double", "double"
	case types.StringType:
		boxed, prim = "java.lang.String", "java.lang.CharSequence"
	default:
		return false
	}
	return param == boxed || param == prim || param == "java.lang.Object"
}

func init() {
	register(reflectFn("reflect", false), "reflect", "java_method")
	register(reflectFn("try_reflect", true), "try_reflect")
}

package expr

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// format_string / printf: java.util.Formatter (Locale.US) over Spark's internal values —
// strings, booleans, integers (Byte, Short, Integer, Long), floats and doubles, decimals
// (Spark's Decimal, printed by %s), dates as their day number and timestamps as
// microseconds, as Spark passes them. Supported: %s %S %b %B %c %C %d %o %x %X %e %E %f
// %g %G %% %n, argument indexes (n$ and <), the flags - # + space 0 , (, width and
// precision. Date/time (%t) and hash (%h) conversions are NOT_IMPLEMENTED.

func javaFormatError(class, msg string) error {
	return &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: msg,
		JavaClasses: []string{class, "java.util.IllegalFormatException", "java.lang.IllegalArgumentException",
			"java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}}
}

// fmtSpec is one format specifier.
type fmtSpec struct {
	text      string // a literal run (conv 0)
	index     int    // explicit argument index (1-based), 0 ordinary, -1 relative ('<')
	flags     string
	width     int // -1 none
	precision int // -1 none
	conv      byte
	upper     bool
	raw       string
}

func parseFormat(f string) ([]fmtSpec, error) {
	var out []fmtSpec
	for len(f) > 0 {
		i := strings.IndexByte(f, '%')
		if i < 0 {
			out = append(out, fmtSpec{text: f})
			break
		}
		if i > 0 {
			out = append(out, fmtSpec{text: f[:i]})
		}
		j := i + 1
		s := fmtSpec{width: -1, precision: -1}
		// argument index
		k := j
		for k < len(f) && f[k] >= '0' && f[k] <= '9' {
			k++
		}
		if k < len(f) && f[k] == '$' && k > j {
			n, _ := strconv.Atoi(f[j:k])
			s.index = n
			j = k + 1
		}
		for j < len(f) && strings.IndexByte("-#+ 0,(<", f[j]) >= 0 {
			if f[j] == '<' {
				s.index = -1
			} else {
				s.flags += string(f[j])
			}
			j++
		}
		k = j
		for k < len(f) && f[k] >= '0' && f[k] <= '9' {
			k++
		}
		if k > j {
			s.width, _ = strconv.Atoi(f[j:k])
			j = k
		}
		if j < len(f) && f[j] == '.' {
			k = j + 1
			for k < len(f) && f[k] >= '0' && f[k] <= '9' {
				k++
			}
			if k == j+1 {
				return nil, javaFormatError("java.util.IllegalFormatPrecisionException", "")
			}
			s.precision, _ = strconv.Atoi(f[j+1 : k])
			j = k
		}
		if j >= len(f) {
			return nil, javaFormatError("java.util.UnknownFormatConversionException", "Conversion = '%'")
		}
		c := f[j]
		if c == 't' || c == 'T' {
			return nil, sparkerror.NotImplemented("format_string's date/time conversions")
		}
		if strings.IndexByte("sSbBcCdoxXeEfgGaAhHn%", c) < 0 {
			return nil, javaFormatError("java.util.UnknownFormatConversionException", "Conversion = '"+string(c)+"'")
		}
		if c >= 'A' && c <= 'Z' {
			s.upper = true
			c += 'a' - 'A'
		}
		if c == 'h' || c == 'a' {
			return nil, sparkerror.NotImplemented("format_string's %" + string(c) + " conversion")
		}
		s.conv = c
		s.raw = f[i : j+1]
		out = append(out, s)
		f = f[j+1:]
	}
	return out, nil
}

// fmtArg reads argument values as the Java objects Spark passes.
type fmtArg struct {
	t types.DataType
	v argv
	s appendFn
}

func (a *fmtArg) className() string {
	switch a.t.(type) {
	case types.StringType:
		return "org.apache.spark.unsafe.types.UTF8String"
	case types.BooleanType:
		return "java.lang.Boolean"
	case types.ByteType:
		return "java.lang.Byte"
	case types.ShortType:
		return "java.lang.Short"
	case types.IntegerType, types.DateType, types.YearMonthIntervalType:
		return "java.lang.Integer"
	case types.LongType, types.TimestampType, types.TimestampNTZType, types.DayTimeIntervalType:
		return "java.lang.Long"
	case types.FloatType:
		return "java.lang.Float"
	case types.DoubleType:
		return "java.lang.Double"
	case types.DecimalType:
		return "org.apache.spark.sql.types.Decimal"
	}
	return "java.lang.Object"
}

func (a *fmtArg) integral() (bits int, ok bool) {
	switch a.t.(type) {
	case types.ByteType:
		return 8, true
	case types.ShortType:
		return 16, true
	case types.IntegerType, types.DateType, types.YearMonthIntervalType:
		return 32, true
	case types.LongType, types.TimestampType, types.TimestampNTZType, types.DayTimeIntervalType:
		return 64, true
	}
	return 0, false
}

func (a *fmtArg) floating() bool {
	switch a.t.(type) {
	case types.FloatType, types.DoubleType:
		return true
	}
	return false
}

// appendString is String.valueOf of the Java object.
func (a *fmtArg) appendString(dst []byte, i int) []byte {
	if a.v.isNull(i) {
		return append(dst, "null"...)
	}
	switch a.t.(type) {
	case types.DateType, types.TimestampType, types.TimestampNTZType, types.DayTimeIntervalType, types.YearMonthIntervalType:
		return strconv.AppendInt(dst, a.v.int(i), 10)
	case types.DecimalType:
		dt := a.t.(types.DecimalType)
		return appendJavaDecimal(dst, a.v.dec[i], dt.Scale)
	}
	return a.s(dst, i)
}

func pad(dst []byte, s []byte, width int, left bool, zero bool) []byte {
	n := utf8.RuneCount(s)
	if width <= n {
		return append(dst, s...)
	}
	if left {
		dst = append(dst, s...)
		return append(dst, strings.Repeat(" ", width-n)...)
	}
	if zero {
		// Zero padding goes after the sign.
		k := 0
		if len(s) > 0 && (s[0] == '-' || s[0] == '+' || s[0] == ' ' || s[0] == '(') {
			dst = append(dst, s[0])
			k = 1
		}
		dst = append(dst, strings.Repeat("0", width-n)...)
		return append(dst, s[k:]...)
	}
	dst = append(dst, strings.Repeat(" ", width-n)...)
	return append(dst, s...)
}

func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for k := first; k < len(digits); k += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[k : k+3])
	}
	return b.String()
}

// signed applies the sign flags to a magnitude.
func signed(neg bool, mag string, flags string) string {
	switch {
	case neg && strings.Contains(flags, "("):
		return "(" + mag + ")"
	case neg:
		return "-" + mag
	case strings.Contains(flags, "+"):
		return "+" + mag
	case strings.Contains(flags, " "):
		return " " + mag
	}
	return mag
}

// javaFixed formats f with prec fraction digits, rounding HALF_UP the shortest decimal
// representation (as Java's Formatter does for doubles).
func javaFixed(f float64, prec int, bits int) string {
	s := strconv.FormatFloat(f, 'e', -1, bits)
	d, ok := parseBigDecimal([]byte(s))
	if !ok {
		return strconv.FormatFloat(f, 'f', prec, bits)
	}
	x := d.toScaleMode(prec, roundHalfUp)
	return string(appendPlainBig(nil, x, prec))
}

func (sp *fmtSpec) mismatch(a *fmtArg) error {
	return javaFormatError("java.util.IllegalFormatConversionException", string(sp.conv)+" != "+a.className())
}

func formatOne(dst []byte, sp *fmtSpec, a *fmtArg, i int) ([]byte, error) {
	left := strings.Contains(sp.flags, "-")
	zero := strings.Contains(sp.flags, "0")
	var s []byte
	null := a == nil || a.v.isNull(i)
	switch sp.conv {
	case 's':
		if a == nil {
			s = []byte("null")
		} else {
			s = a.appendString(nil, i)
		}
		if sp.precision >= 0 && utf8.RuneCount(s) > sp.precision {
			s = s[:charOffset(s, sp.precision)]
		}
	case 'b':
		switch {
		case null:
			s = []byte("false")
		case isType[types.BooleanType](a.t):
			s = []byte(strconv.FormatBool(a.v.bool(i)))
		default:
			s = []byte("true")
		}
		if sp.precision >= 0 && len(s) > sp.precision {
			s = s[:sp.precision]
		}
	case 'c':
		if null {
			s = []byte("null")
			break
		}
		if _, ok := a.integral(); !ok {
			return dst, sp.mismatch(a)
		}
		s = utf8.AppendRune(nil, rune(a.v.int(i)))
	case 'd', 'o', 'x':
		if null {
			s = []byte("null")
			break
		}
		bits, ok := a.integral()
		if !ok {
			return dst, sp.mismatch(a)
		}
		v := a.v.int(i)
		switch sp.conv {
		case 'd':
			mag := strconv.FormatUint(uint64(absI64(v)), 10)
			if v == math.MinInt64 {
				mag = "9223372036854775808"
			}
			if strings.Contains(sp.flags, ",") {
				mag = groupThousands(mag)
			}
			s = []byte(signed(v < 0, mag, sp.flags))
		default:
			u := uint64(v)
			if bits < 64 {
				u &= 1<<bits - 1
			}
			base := 16
			if sp.conv == 'o' {
				base = 8
			}
			str := strconv.FormatUint(u, base)
			if strings.Contains(sp.flags, "#") {
				if base == 16 {
					str = "0x" + str
				} else {
					str = "0" + str
				}
			}
			s = []byte(str)
		}
	case 'e', 'f', 'g':
		if null {
			s = []byte("null")
			break
		}
		if !a.floating() {
			return dst, sp.mismatch(a)
		}
		f := a.v.float(i)
		bits := 64
		if isType[types.FloatType](a.t) {
			bits = 32
		}
		switch {
		case math.IsNaN(f):
			s = []byte("NaN")
		case math.IsInf(f, 0):
			s = []byte(signed(f < 0, "Infinity", sp.flags))
		default:
			prec := sp.precision
			if prec < 0 {
				prec = 6
			}
			neg := math.Signbit(f)
			mag := math.Abs(f)
			var str string
			switch sp.conv {
			case 'f':
				str = javaFixed(mag, prec, bits)
				if strings.Contains(sp.flags, ",") {
					intPart, frac, _ := strings.Cut(str, ".")
					str = groupThousands(intPart)
					if frac != "" {
						str += "." + frac
					}
				}
			case 'e':
				str = javaSci(mag, prec, bits)
			default:
				if prec == 0 {
					prec = 1
				}
				if mag != 0 && (mag < 1e-4 || mag >= math.Pow(10, float64(prec))) {
					str = javaSci(mag, prec-1, bits)
				} else {
					// Digits after the point: precision minus the integer digits.
					e := 0
					if mag != 0 {
						e = int(math.Floor(math.Log10(mag))) + 1
					}
					str = javaFixed(mag, max(prec-e, 0), bits)
				}
			}
			s = []byte(signed(neg, str, sp.flags))
		}
	}
	if sp.upper {
		s = []byte(strings.ToUpper(string(s)))
	}
	return pad(dst, s, sp.width, left, zero && sp.conv != 's'), nil
}

func isType[T types.DataType](t types.DataType) bool { _, ok := t.(T); return ok }

func absI64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// javaSci is %e: one digit, prec fraction digits, e+dd.
func javaSci(mag float64, prec int, bits int) string {
	if mag == 0 {
		return "0." + strings.Repeat("0", prec) + "e+00"
	}
	d, ok := parseBigDecimal([]byte(strconv.FormatFloat(mag, 'e', -1, bits)))
	if !ok {
		return strconv.FormatFloat(mag, 'e', prec, bits)
	}
	// Normalize to one integer digit: the exponent is the number of digits before the
	// point minus one.
	exp := len(d.digits) - 1 - int(d.scale)
	r := new(big.Int)
	r.SetString(string(d.digits), 10)
	shift := int(d.scale) + exp - prec // digits to drop
	var q *big.Int
	if shift > 0 {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(shift)), nil)
		q, rem := new(big.Int).QuoRem(r, p, new(big.Int))
		if rem.Lsh(rem, 1).Cmp(p) >= 0 {
			q.Add(q, big.NewInt(1))
		}
		r = q
	} else {
		r.Mul(r, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-shift)), nil))
	}
	q = r
	ds := q.String()
	if len(ds) > prec+1 { // rounding carried into a new digit
		exp++
		ds = ds[:prec+1]
	}
	out := ds[:1]
	if prec > 0 {
		out += "." + ds[1:]
	}
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	e := strconv.Itoa(exp)
	if len(e) < 2 {
		e = "0" + e
	}
	return out + "e" + sign + e
}

// formatStringFn is format_string(fmt, args...).
func formatStringFn(args []Expr, argTypes []types.DataType, _ types.DataType, o FuncOptions) (Expr, error) {
	if len(args) == 0 {
		return nil, sparkerror.InternalError("format_string needs a format")
	}
	if len(argTypes) != len(args) {
		return nil, sparkerror.InternalError("format_string without its argument types")
	}
	k := func(arrs []arrow.Array, n int) (arrow.Array, error) {
		var lastFmt []byte
		var specs []fmtSpec
		if isNullType(arrs[0]) {
			return nullArray(utf8T, n), nil
		}
		fv := argvOf(arrs[0])
		fargs := make([]fmtArg, len(arrs)-1)
		for j, x := range arrs[1:] {
			fargs[j] = fmtArg{t: argTypes[j+1], v: argvOf(x)}
			if !isNullType(x) {
				st, err := stringer(argTypes[j+1], x, o.ANSI, o.TimeZone)
				if err != nil {
					return nil, err
				}
				fargs[j].s = st
			} else {
				fargs[j].t = types.Null
				fargs[j].s = func(dst []byte, _ int) []byte { return append(dst, "null"...) }
			}
		}
		offs := make([]int32, n+1)
		var data []byte
		valid := validity(arrs[0])
		for i := 0; i < n; i++ {
			if !fv.isNull(i) {
				f := fv.str(i)
				if specs == nil || string(f) != string(lastFmt) {
					var err error
					if specs, err = parseFormat(string(f)); err != nil {
						return nil, err
					}
					lastFmt = append(lastFmt[:0], f...)
				}
				ordinary, last := 0, -1
				for s := range specs {
					sp := &specs[s]
					switch sp.conv {
					case 0:
						data = append(data, sp.text...)
						continue
					case '%':
						data = pad(data, []byte("%"), sp.width, strings.Contains(sp.flags, "-"), false)
						continue
					case 'n':
						data = append(data, '\n')
						continue
					}
					idx := 0
					switch {
					case sp.index > 0:
						idx = sp.index - 1
					case sp.index < 0:
						idx = last
					default:
						idx = ordinary
						ordinary++
					}
					if idx < 0 || idx >= len(fargs) {
						return nil, javaFormatError("java.util.MissingFormatArgumentException", "Format specifier '"+sp.raw+"'")
					}
					last = idx
					var err error
					if data, err = formatOne(data, sp, &fargs[idx], i); err != nil {
						return nil, err
					}
				}
			}
			offs[i+1] = int32(len(data))
		}
		if data == nil {
			data = []byte{}
		}
		return newVar(utf8T, offs, data, valid), nil
	}
	return &funcExpr{name: "format_string", args: args, t: utf8T, k: k, fails: true}, nil
}

func init() { register(formatStringFn, "format_string", "printf") }

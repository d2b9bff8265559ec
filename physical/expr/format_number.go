package expr

import (
	"math"
	"math/big"
	"strconv"

	"github.com/sailgo/sail/sql/types"
)

// format_number(x, d): x rounded half-even to d decimal places (from its exact value, as
// java.text.DecimalFormat rounds) with ',' grouping the integer digits by three, as
// Spark formats with the pattern #,###,###,###,###,###,##0.00..; NULL when d < 0.
// Floating-point NaN and infinities print as Java does (NaN, ∞). format_number(x, pattern)
// formats with the DecimalFormat pattern (decimal_format.go; ” is the pattern of d = 0).
func formatNumberFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("format_number", args, 2, 2); err != nil {
		return nil, err
	}
	scale := 0
	if d, ok := argTypes[0].(types.DecimalType); ok {
		scale = d.Scale
	}
	if _, ok := argTypes[1].(types.StringType); ok {
		return newFunc("format_number", args, types.String, true, formatNumberPatternK(scale))
	}
	return newFunc("format_number", args, types.String, false, perBatch(func() kernel {
		var num []byte // scratch for the plain digits
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			d := a[1].int(i)
			if d < 0 {
				return dst, false, nil
			}
			x := &a[0]
			num = num[:0]
			switch {
			case x.f64 != nil || x.f32 != nil:
				v := 0.0
				if x.f64 != nil {
					v = x.f64[i]
				} else {
					v = float64(x.f32[i])
				}
				switch {
				case math.IsNaN(v):
					return append(dst, "NaN"...), true, nil
				case math.IsInf(v, 1):
					return append(dst, "∞"...), true, nil
				case math.IsInf(v, -1):
					return append(dst, "-∞"...), true, nil
				}
				num = strconv.AppendFloat(num, v, 'f', int(d), 64)
			case x.dec != nil:
				num = appendDecimalHalfEven(num, x.dec[i].BigInt(), scale, int(d))
			default:
				num = strconv.AppendInt(num, x.int(i), 10)
				if d > 0 {
					num = append(num, '.')
					for k := int64(0); k < d; k++ {
						num = append(num, '0')
					}
				}
			}
			return appendGrouped(dst, num), true, nil
		})
	}))
}

// defaultNumberPattern is format_number's pattern for an empty pattern string.
const defaultNumberPattern = "#,###,###,###,###,###,##0"

// formatNumberPatternK formats with the row's DecimalFormat pattern, reading the pattern
// again only when it changes (it is usually constant).
func formatNumberPatternK(scale int) kernel {
	return perBatch(func() kernel {
		var (
			last    []byte
			f       *decimalFormat
			st      formatState
			lastErr error
		)
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			p := a[1].str(i)
			if f == nil && lastErr == nil || string(p) != string(last) {
				last = append(last[:0], p...)
				pattern := string(p)
				if pattern == "" {
					pattern = defaultNumberPattern
				}
				f, lastErr = parseDecimalFormat(pattern)
			}
			if lastErr != nil {
				return nil, false, lastErr
			}
			x := &a[0]
			switch {
			case x.f64 != nil:
				return f.appendFloat(dst, &st, x.f64[i]), true, nil
			case x.f32 != nil:
				return f.appendFloat(dst, &st, float64(x.f32[i])), true, nil
			case x.dec != nil:
				return f.appendDecimal(dst, &st, x.dec[i].BigInt(), scale), true, nil
			}
			return f.appendInt(dst, &st, x.int(i)), true, nil
		})
	})
}

// appendDecimalHalfEven appends unscaled*10^-scale rounded half-even to d places.
func appendDecimalHalfEven(dst []byte, unscaled *big.Int, scale, d int) []byte {
	neg := unscaled.Sign() < 0
	u := new(big.Int).Abs(unscaled)
	if d < scale {
		div := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale-d)), nil)
		q, r := new(big.Int).QuoRem(u, div, new(big.Int))
		switch r.Lsh(r, 1).Cmp(div) {
		case 1:
			q.Add(q, big.NewInt(1))
		case 0:
			if q.Bit(0) == 1 {
				q.Add(q, big.NewInt(1))
			}
		}
		u, scale = q, d
	}
	digits := u.String()
	for len(digits) <= scale {
		digits = "0" + digits
	}
	if neg {
		dst = append(dst, '-')
	}
	dst = append(dst, digits[:len(digits)-scale]...)
	if d > 0 {
		dst = append(dst, '.')
		dst = append(dst, digits[len(digits)-scale:]...)
		for k := scale; k < d; k++ {
			dst = append(dst, '0')
		}
	}
	return dst
}

// appendGrouped appends a plain number ([-]digits[.digits]) with its integer digits
// grouped by three.
func appendGrouped(dst, num []byte) []byte {
	if len(num) > 0 && num[0] == '-' {
		dst = append(dst, '-')
		num = num[1:]
	}
	intLen := len(num)
	for k, c := range num {
		if c == '.' {
			intLen = k
			break
		}
	}
	for k := 0; k < intLen; k++ {
		if k > 0 && (intLen-k)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, num[k])
	}
	return append(dst, num[intLen:]...)
}

func init() {
	register(formatNumberFn, "format_number")
}

package expr

import (
	"math/big"
	"strings"
	"unicode"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Number formats of to_number / try_to_number / to_char (Spark's ToNumberParser): 0 and 9
// digits, . or D, , or G, $, S, MI and PR.

type nfKind uint8

const (
	nfDigits nfKind = iota
	nfPoint
	nfSep
	nfDollar
	nfPlusMinus // S
	nfMinus     // MI
	nfOpen      // PR's <
	nfClose     // PR's >
	nfInvalid
	nfGroup
)

type nfToken struct {
	kind   nfKind
	n      int  // digits: how many
	exact  bool // digits: ExactlyAsManyDigits (starts with 0 before the point)
	group  []nfToken
	digits []nfToken // group: its digit tokens, last first
	char   rune
}

func (t nfToken) name() string {
	switch t.kind {
	case nfDigits, nfGroup:
		return "digit sequence"
	case nfPoint:
		return ". or D"
	case nfSep:
		return ", or G"
	case nfDollar:
		return "$"
	case nfPlusMinus:
		return "S"
	case nfMinus:
		return "MI"
	case nfOpen, nfClose:
		return "PR"
	}
	return "character '" + string(t.char) + "''"
}

// numFormat is a tokenized (upper-cased) number format.
type numFormat struct {
	format           string
	tokens           []nfToken
	precision, scale int
}

func tokenizeNumberFormat(f string) *numFormat {
	var toks []nfToken
	rs := []rune(f)
	point := false
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case c == '0' || c == '9':
			j := i + 1
			for j < len(rs) && (rs[j] == '0' || rs[j] == '9') {
				j++
			}
			toks = append(toks, nfToken{kind: nfDigits, n: j - i, exact: c == '0' && !point})
			i = j
			continue
		case c == '.' || c == 'D':
			toks = append(toks, nfToken{kind: nfPoint})
			point = true
		case c == ',' || c == 'G':
			toks = append(toks, nfToken{kind: nfSep})
		case c == '$':
			toks = append(toks, nfToken{kind: nfDollar})
		case c == 'S':
			toks = append(toks, nfToken{kind: nfPlusMinus})
		case c == 'M' && i+1 < len(rs) && rs[i+1] == 'I':
			toks = append(toks, nfToken{kind: nfMinus})
			i += 2
			continue
		case c == 'P' && i+1 < len(rs) && rs[i+1] == 'R':
			toks = append([]nfToken{{kind: nfOpen}}, toks...)
			toks = append(toks, nfToken{kind: nfClose})
			i += 2
			continue
		default:
			toks = append(toks, nfToken{kind: nfInvalid, char: c})
		}
		i++
	}
	nf := &numFormat{format: f}
	var group, digits []nfToken
	flush := func() {
		if len(group) > 0 {
			rg := make([]nfToken, len(group))
			for k := range group {
				rg[k] = group[len(group)-1-k]
			}
			rd := make([]nfToken, len(digits))
			for k := range digits {
				rd[k] = digits[len(digits)-1-k]
			}
			nf.tokens = append(nf.tokens, nfToken{kind: nfGroup, group: rg, digits: rd})
			group, digits = nil, nil
		}
	}
	for _, t := range toks {
		switch t.kind {
		case nfDigits:
			group = append(group, t)
			digits = append(digits, t)
		case nfSep:
			group = append(group, t)
		default:
			flush()
			nf.tokens = append(nf.tokens, t)
		}
	}
	flush()
	afterPoint := false
	for _, t := range nf.tokens {
		if t.kind == nfPoint {
			afterPoint = true
		}
		if t.kind == nfGroup {
			for _, d := range t.digits {
				nf.precision += d.n
				if afterPoint {
					nf.scale += d.n
				}
			}
		}
	}
	return nf
}

func numFormatMismatch(inputType, input, format string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "INVALID_FORMAT.MISMATCH_INPUT", "42601",
		"The format is invalid: <format>. The input <inputType> <input> does not match the format.",
		map[string]string{"inputType": inputType, "input": input, "format": format})
}

// parse is ToNumberParser.parse: the unscaled digits and sign, or ok false.
func (nf *numFormat) parse(s []byte) (*big.Int, bool) {
	in := []rune(string(s))
	var before, after []rune
	point, open, closed, negate := false, false, false, false
	idx := 0
	for _, t := range nf.tokens {
		var ch rune = -1
		if idx < len(in) {
			ch = in[idx]
		}
		switch t.kind {
		case nfGroup:
			var ok bool
			if idx, ok = nf.parseGroup(t, in, idx, point, &before, &after); !ok {
				return nil, false
			}
		case nfPoint:
			if ch == '.' {
				point = true
				idx++
			}
		case nfDollar:
			if ch >= 0 {
				if ch != '$' {
					return nil, false
				}
				idx++
			}
		case nfPlusMinus:
			switch ch {
			case '+':
				idx++
			case '-':
				negate = !negate
				idx++
			}
		case nfMinus:
			if ch == '-' {
				negate = !negate
				idx++
			}
		case nfOpen:
			if ch == '<' {
				if open {
					return nil, false
				}
				open = true
				idx++
			}
		case nfClose:
			if ch == '>' {
				if !open {
					return nil, false
				}
				closed = true
				negate = !negate
				idx++
			}
		case nfInvalid:
			return nil, false
		}
	}
	if idx < len(in) || open != closed {
		return nil, false
	}
	for len(after) < nf.scale {
		after = append(after, '0')
	}
	digits := string(before) + string(after)
	v := new(big.Int)
	if digits != "" {
		// Unicode digits read as their values.
		for _, r := range digits {
			v.Mul(v, big.NewInt(10))
			v.Add(v, big.NewInt(int64(digitValue(r))))
		}
	}
	if negate {
		v.Neg(v)
	}
	return v, true
}

func (nf *numFormat) parseGroup(g nfToken, in []rune, idx int, point bool, before, after *[]rune) (int, bool) {
	var sizes []int
	cur := 0
	for idx < len(in) {
		c := in[idx]
		switch {
		case javaWhitespace(c):
		case unicode.IsDigit(c):
			cur++
			if point {
				*after = append(*after, c)
			} else {
				*before = append(*before, c)
			}
		case c == ',':
			sizes = append([]int{cur}, sizes...)
			cur = 0
		default:
			sizes = append([]int{cur}, sizes...)
			goto done
		}
		idx++
	}
	sizes = append([]int{cur}, sizes...)
done:
	if len(sizes) > len(g.digits) {
		return idx, false
	}
	for k, d := range g.digits {
		actual := 0
		if k < len(sizes) {
			actual = sizes[k]
		}
		if d.exact && actual != d.n || !d.exact && actual > d.n {
			return idx, false
		}
	}
	return idx, true
}

// format is ToNumberParser.format of a decimal (unscaled v at scale), or ok false.
func (nf *numFormat) render(v *big.Int, scale int) (string, bool) {
	neg := v.Sign() < 0
	plain := string(appendPlainBig(nil, v, scale))
	intPart, frac, _ := strings.Cut(plain, ".")
	intPart = strings.TrimLeft(intPart, "-0")
	frac = strings.TrimRight(frac, "0")
	nBefore, nAfter := 0, 0
	point := false
	for _, t := range nf.tokens {
		switch t.kind {
		case nfPoint:
			point = true
		case nfGroup:
			for _, d := range t.digits {
				if point {
					nAfter += d.n
				} else {
					nBefore += d.n
				}
			}
		}
	}
	if nBefore < len(intPart) || nAfter < len(frac) {
		intPart, frac = strings.Repeat("#", nBefore), strings.Repeat("#", nAfter)
	}
	before := strings.Repeat(" ", nBefore-len(intPart)) + intPart
	after := frac + strings.Repeat("0", nAfter-len(frac))
	var res []byte
	bi, ai := 0, 0
	point = false
	addChecking := func(c byte) {
		res = append(res, c)
		for i := len(res) - 1; i >= 1 && res[i-1] == ' ' && res[i] == c; i-- {
			res[i], res[i-1] = ' ', c
		}
	}
	addSpace := func() {
		res = append(res, ' ')
		for i := len(res) - 1; i >= 1 && (res[i-1] == '+' || res[i-1] == '-' || res[i-1] == '<') && res[i] == ' '; i-- {
			res[i], res[i-1] = res[i-1], ' '
		}
	}
	stripPoint := func() {
		if i := strings.IndexByte(string(res), '.'); i >= 0 && (i == len(res)-1 || res[i+1] == ' ') {
			res[i] = ' '
		}
	}
	for _, t := range nf.tokens {
		switch t.kind {
		case nfGroup:
			for k := len(t.group) - 1; k >= 0; k-- {
				gt := t.group[k]
				switch {
				case gt.kind == nfDigits && !point:
					for j := 0; j < gt.n; j++ {
						c := before[bi]
						switch {
						case c == ' ' && gt.exact:
							res = append(res, '0')
						case c == ' ':
							addSpace()
						default:
							res = append(res, c)
						}
						bi++
					}
				case gt.kind == nfDigits:
					for j := 0; j < gt.n; j++ {
						res = append(res, after[ai])
						ai++
					}
				default: // separator
					if len(res) > 0 && res[len(res)-1] >= '0' && res[len(res)-1] <= '9' {
						res = append(res, ',')
					} else {
						addSpace()
					}
				}
			}
		case nfPoint:
			if len(res) > 0 && res[len(res)-1] == ' ' {
				res[len(res)-1] = '0'
			}
			res = append(res, '.')
			point = true
		case nfDollar:
			res = append(res, '$')
		case nfPlusMinus:
			stripPoint()
			if neg {
				addChecking('-')
			} else {
				addChecking('+')
			}
		case nfMinus:
			if neg {
				stripPoint()
				addChecking('-')
			} else {
				res = append(res, ' ')
			}
		case nfOpen:
			if neg {
				res = append(res, '<')
			}
		case nfClose:
			stripPoint()
			if neg {
				addChecking('>')
			} else {
				res = append(res, ' ', ' ')
			}
		}
	}
	if bi < len(before) || ai < len(after) {
		return "", false
	}
	stripPoint()
	s := string(res)
	if s == "" || s == "+" || s == "-" {
		return "0", true
	}
	return s, true
}

// toNumberFn is to_number / try_to_number(str, fmt): the result type is the format's
// DECIMAL(precision, scale), which the analyzer computed.
func toNumberFn(name string, try bool) ScalarFunc {
	return func(args []Expr, _ []types.DataType, rt types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(name, args, 2, 2); err != nil {
			return nil, err
		}
		dt, ok := rt.(types.DecimalType)
		if !ok {
			return nil, sparkerror.InternalError("%s to %s", name, rt.SQL())
		}
		return newFunc(name, args, rt, !try, perBatch(func() kernel {
			var last []byte
			var nf *numFormat
			return fixedRowK(mustArrow(rt), func(i int, a []argv) (decimal128.Num, bool, error) {
				f := a[1].str(i)
				if nf == nil || string(f) != string(last) {
					last = append(last[:0], f...)
					nf = tokenizeNumberFormat(strings.ToUpper(string(f)))
				}
				s := a[0].str(i)
				v, ok := nf.parse(s)
				if !ok {
					if try {
						return decimal128.Num{}, false, nil
					}
					return decimal128.Num{}, false, numFormatMismatch(`"STRING"`, string(s), nf.format)
				}
				n, ok := bigToNum(v, dt.Precision)
				return n, ok, nil
			})
		}))
	}
}

func mustArrow(t types.DataType) arrow.DataType {
	at, err := types.ToArrow(t)
	if err != nil {
		panic(err)
	}
	return at
}

// toCharFn is to_char / to_varchar(decimal, fmt).
func toCharFn(args []Expr, argTypes []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("to_char", args, 2, 2); err != nil {
		return nil, err
	}
	dt, ok := args[0].DataType().(*arrow.Decimal128Type)
	if !ok {
		return nil, sparkerror.InternalError("to_char of %s", args[0].DataType())
	}
	scale := int(dt.Scale)
	return newFunc("to_char", args, types.String, true, perBatch(func() kernel {
		var last []byte
		var nf *numFormat
		return varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
			f := a[1].str(i)
			if nf == nil || string(f) != string(last) {
				last = append(last[:0], f...)
				nf = tokenizeNumberFormat(strings.ToUpper(string(f)))
			}
			v := a[0].dec[i].BigInt()
			s, ok := nf.render(v, scale)
			if !ok {
				return nil, false, numFormatMismatch(sqlType(types.DecimalType{Precision: int(dt.Precision), Scale: scale}),
					string(appendPlainBig(nil, v, scale)), nf.format)
			}
			return append(dst, s...), true, nil
		})
	}))
}

func init() {
	register(toNumberFn("to_number", false), "to_number")
	register(toNumberFn("try_to_number", true), "try_to_number")
	register(toCharFn, "to_char", "to_varchar")
}

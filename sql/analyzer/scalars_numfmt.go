package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Number formats of to_number / try_to_number / to_char: the analysis checks Spark's
// ToNumberParser.checkInputDataTypes makes, and the DECIMAL(precision, scale) a format
// parses to. (The physical layer parses and formats.)

type nfTok struct {
	kind  byte // 'd' digits, 'g' group, '.', ',', '$', 'S', 'M' (MI), '<', '>', '?' invalid
	n     int
	char  rune
	group []nfTok // 'g': its tokens
}

func (t nfTok) name() string {
	switch t.kind {
	case 'd', 'g':
		return "digit sequence"
	case '.':
		return ". or D"
	case ',':
		return ", or G"
	case '$':
		return "$"
	case 'S':
		return "S"
	case 'M':
		return "MI"
	case '<', '>':
		return "PR"
	}
	return "character '" + string(t.char) + "''"
}

func numberFormatTokens(f string) []nfTok {
	var toks []nfTok
	rs := []rune(f)
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case c == '0' || c == '9':
			j := i + 1
			for j < len(rs) && (rs[j] == '0' || rs[j] == '9') {
				j++
			}
			toks = append(toks, nfTok{kind: 'd', n: j - i})
			i = j
			continue
		case c == '.' || c == 'D':
			toks = append(toks, nfTok{kind: '.'})
		case c == ',' || c == 'G':
			toks = append(toks, nfTok{kind: ','})
		case c == '$':
			toks = append(toks, nfTok{kind: '$'})
		case c == 'S':
			toks = append(toks, nfTok{kind: 'S'})
		case c == 'M' && i+1 < len(rs) && rs[i+1] == 'I':
			toks = append(toks, nfTok{kind: 'M'})
			i += 2
			continue
		case c == 'P' && i+1 < len(rs) && rs[i+1] == 'R':
			toks = append([]nfTok{{kind: '<'}}, toks...)
			toks = append(toks, nfTok{kind: '>'})
			i += 2
			continue
		default:
			toks = append(toks, nfTok{kind: '?', char: c})
		}
		i++
	}
	var out, group []nfTok
	for _, t := range toks {
		if t.kind == 'd' || t.kind == ',' {
			group = append(group, t)
			continue
		}
		if len(group) > 0 {
			out = append(out, nfTok{kind: 'g', group: group})
			group = nil
		}
		out = append(out, t)
	}
	if len(group) > 0 {
		out = append(out, nfTok{kind: 'g', group: group})
	}
	return out
}

func invalidNumberFormat(sub, format string, extra map[string]string) error {
	msgs := map[string]string{
		"EMPTY":                          "The number format string cannot be empty.",
		"WRONG_NUM_DIGIT":                "The format string requires at least one number digit.",
		"CUR_MUST_BEFORE_DIGIT":          "Currency characters must appear before digits in the number format.",
		"CUR_MUST_BEFORE_DEC":            "Currency characters must appear before any decimal point in the number format.",
		"CONT_THOUSANDS_SEPS":            "Thousands separators (, or G) must have digits in between them in the number format.",
		"THOUSANDS_SEPS_MUST_BEFORE_DEC": "Thousands separators (, or G) may not appear after the decimal point in the number format.",
		"WRONG_NUM_TOKEN":                "At most one <token> is allowed in the number format.",
		"UNEXPECTED_TOKEN":               "Found the unexpected <token> in the format string; the structure of the format string must match: `[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`.",
	}
	params := map[string]string{"format": "'" + strings.ReplaceAll(format, "'", "\\'") + "'"}
	for k, v := range extra {
		params[k] = v
	}
	return analysisError("INVALID_FORMAT."+sub, "42601", "The format is invalid: <format>. "+msgs[sub], params)
}

// numberFormatType checks an (upper-cased) number format and returns its decimal type.
func numberFormatType(f string) (types.DecimalType, error) {
	toks := numberFormatTokens(f)
	precision, scale := 0, 0
	point := -1
	firstDollar, firstDigit := -1, -1
	counts := map[byte]int{}
	for i, t := range toks {
		counts[t.kind]++
		switch t.kind {
		case '.':
			if point < 0 {
				point = i
			}
		case '$':
			if firstDollar < 0 {
				firstDollar = i
			}
		case 'g':
			if firstDigit < 0 {
				firstDigit = i
			}
			for _, d := range t.group {
				if d.kind == 'd' {
					precision += d.n
					if point >= 0 {
						scale += d.n
					}
				}
			}
		}
	}
	dt := types.DecimalType{Precision: precision, Scale: scale}
	switch {
	case f == "":
		return dt, invalidNumberFormat("EMPTY", f, nil)
	case firstDigit < 0:
		return dt, invalidNumberFormat("WRONG_NUM_DIGIT", f, nil)
	case firstDigit < firstDollar:
		return dt, invalidNumberFormat("CUR_MUST_BEFORE_DIGIT", f, nil)
	case point >= 0 && point < firstDollar:
		return dt, invalidNumberFormat("CUR_MUST_BEFORE_DEC", f, nil)
	}
	for i, t := range toks {
		if t.kind != 'g' {
			continue
		}
		g := t.group
		if point < 0 || i < point {
			for j, x := range g {
				if x.kind == ',' && (j == 0 || j == len(g)-1 || g[j-1].kind == ',' || g[j+1].kind == ',') {
					return dt, invalidNumberFormat("CONT_THOUSANDS_SEPS", f, nil)
				}
			}
		}
	}
	for i, t := range toks {
		if t.kind == 'g' && point >= 0 && i > point {
			for _, x := range t.group {
				if x.kind == ',' {
					return dt, invalidNumberFormat("THOUSANDS_SEPS_MUST_BEFORE_DEC", f, nil)
				}
			}
		}
	}
	for _, k := range []byte{'.', 'S', 'M', '$', '>'} {
		if counts[k] > 1 {
			return dt, invalidNumberFormat("WRONG_NUM_TOKEN", f, map[string]string{"token": nfTok{kind: k}.name()})
		}
	}
	allowed := [][]byte{{'<'}, {'M', 'S'}, {'$'}, {'g'}, {'.'}, {'g'}, {'$'}, {'M', 'S', '>'}}
	idx := 0
	for _, set := range allowed {
		if idx < len(toks) && strings.IndexByte(string(set), toks[idx].kind) >= 0 {
			idx++
		}
	}
	if idx < len(toks) {
		return dt, invalidNumberFormat("UNEXPECTED_TOKEN", f, map[string]string{"token": toks[idx].name()})
	}
	return dt, nil
}

// resolveToNumber is to_number / try_to_number(str, fmt): fmt must be constant.
func resolveToNumber(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyString}, []string{reqString})
	if err != nil {
		return nil, err
	}
	if !isFoldable(x[1]) {
		return nil, nonFoldable(callText(name, args), "format", sqlType(plan.TypeOf(x[1])), args[1])
	}
	dt := types.DefaultDecimal
	if v, ok := literalString(x[1]); ok {
		if dt, err = numberFormatType(strings.ToUpper(v)); err != nil {
			return nil, err
		}
	} else if !isNullTypeOf(args[1]) {
		return nil, notSupportedConstant(name)
	}
	return &plan.Call{Fn: name, Args: x, Type: dt, Null: name == "try_to_number" || anyNull(x), Display: name}, nil
}

// resolveToChar is to_char / to_varchar(x, fmt): datetimes format with a datetime pattern,
// binaries as base64, hex or utf-8, numbers with a number format.
func resolveToChar(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	text := callText(name, args)
	switch plan.TypeOf(args[0]).(type) {
	case types.DateType, types.TimestampType, types.TimestampNTZType:
		x, err := a.implicit(name, args, []coercion.Expected{coercion.Exact(types.Timestamp), coercion.AnyString}, []string{`"TIMESTAMP"`, reqString})
		if err != nil {
			return nil, err
		}
		// Spark builds DateFormatClass, named date_format.
		return a.dateFormatCall(x, callText("date_format", args)), nil
	case types.BinaryType:
		v, ok := literalString(args[1])
		if !ok {
			return nil, nonFoldable(text, "format", sqlType(plan.TypeOf(args[1])), args[1])
		}
		switch strings.TrimSpace(strings.ToLower(v)) {
		case "base64":
			return bareCall("base64", args[:1], types.String, plan.NullableOf(args[0]), text), nil
		case "hex":
			return bareCall("hex", args[:1], types.String, plan.NullableOf(args[0]), text), nil
		case "utf-8":
			return bareCall("decode", []plan.Expr{args[0], stringLit("utf-8")}, types.String, plan.NullableOf(args[0]), text), nil
		}
		return nil, analysisError("INVALID_PARAMETER_VALUE.BINARY_FORMAT", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got <invalidFormat>.",
			map[string]string{"parameter": "`format`", "functionName": quoteID(name), "invalidFormat": "'" + strings.TrimSpace(strings.ToLower(v)) + "'"})
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyDecimal, coercion.AnyString}, []string{`"DECIMAL"`, reqString})
	if err != nil {
		return nil, err
	}
	if !isFoldable(x[1]) {
		return nil, nonFoldable(text, "format", sqlType(plan.TypeOf(x[1])), args[1])
	}
	if v, ok := literalString(x[1]); ok {
		if _, err := numberFormatType(strings.ToUpper(v)); err != nil {
			return nil, err
		}
	}
	return &plan.Call{Fn: "to_char", Args: x, Type: types.String, Null: anyNull(x), Display: name}, nil
}

func notSupportedConstant(name string) error {
	return sparkerror.NotImplemented("a format of " + name + " that is not a literal")
}

func registerNumberFormatFunctions() {
	register(ScalarFunction, resolveToNumber, "to_number", "try_to_number")
	register(ScalarFunction, resolveToChar, "to_char", "to_varchar")
}

// formatNumberPattern is format_number(x, pattern): x any number, the pattern a string of
// any collation (java.text.DecimalFormat's pattern, applied per row). FormatNumber is
// ExpectsInputTypes: no implicit casts, but for an untyped NULL.
func (a *analyzer) formatNumberPattern(name string, args []plan.Expr) (plan.Expr, error) {
	x := append([]plan.Expr(nil), args...)
	switch {
	case isNullTypeOf(x[0]):
		x[0] = castTo(x[0], types.Double)
	case !coercion.AnyNumeric.Accepts(plan.TypeOf(x[0])):
		return nil, unexpectedInputType(callText(name, args), 0, reqNumeric, args[0])
	}
	return &plan.Call{Fn: "format_number", Args: x, Type: types.String, Null: true, Display: name}, nil
}

package analyzer

import (
	"strings"
	"unicode/utf8"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// String and binary functions (Spark's stringExpressions, regexpExpressions, hash
// functions and hex/unhex).

const (
	reqBinary      = `"BINARY"`
	reqLong        = `"BIGINT"`
	reqStrOrBinary = `("STRING" or "BINARY")`
)

func registerStringFunctions() {
	str := coercion.AnyString
	bin := coercion.AnyBinary
	integer := coercion.Exact(types.Integer)
	strType := constType(types.String)
	intType := constType(types.Integer)
	boolType := constType(types.Boolean)

	// contains / startswith / endswith: binary when both arguments are, else strings.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		want := str
		if isBinaryType(plan.TypeOf(args[0])) && isBinaryType(plan.TypeOf(args[1])) {
			want = bin
		}
		x, err := a.implicit(name, args, []coercion.Expected{want}, []string{reqString})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: name, Args: x, Type: types.Boolean, Null: anyNull(x), Display: name}, nil
	}, "contains", "startswith", "endswith")

	registerSig(sig{counts: []int{2}, want: []coercion.Expected{str}, req: []string{reqString}, result: intType}, "instr")
	for _, name := range []string{"locate", "position"} {
		registerSig(sig{fn: "locate", counts: []int{2, 3}, want: []coercion.Expected{str, str, integer},
			req: []string{reqString, reqString, reqInt}, result: intType, defaults: []plan.Expr{intLit(1)}, minArgs: 2,
			null: func(x []plan.Expr) bool { return plan.NullableOf(x[0]) || plan.NullableOf(x[1]) }}, name)
	}
	registerSig(sig{counts: []int{3}, want: []coercion.Expected{str, str, integer}, req: []string{reqString, reqString, reqInt}, result: strType}, "substring_index")
	registerSig(sig{counts: []int{2, 3}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType,
		defaults: []plan.Expr{stringLit("")}, minArgs: 2}, "replace")
	registerSig(sig{counts: []int{3}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType}, "translate")
	register(ScalarFunction, resolvePad, "lpad", "rpad")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{str, integer}, req: []string{reqString, reqInt}, result: strType}, "repeat")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{integer}, req: []string{reqInt}, result: strType}, "space")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{coercion.OneOf(str, bin), integer}, req: []string{reqStrOrBinary, reqInt},
		result: firstArgType}, "left")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{str, integer}, req: []string{reqString, reqInt}, result: strType}, "right")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType}, "initcap")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: intType}, "ascii")
	registerSig(sig{fn: "chr", counts: []int{1}, want: []coercion.Expected{coercion.Exact(types.Long)}, req: []string{reqLong}, result: strType}, "chr", "char")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{coercion.OneOf(str, bin)}, req: []string{reqStrOrBinary}, result: intType}, "bit_length")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{coercion.OneOf(str, bin)}, req: []string{reqStrOrBinary}, result: intType}, "octet_length")
	registerSig(sig{counts: []int{2, 3}, want: []coercion.Expected{str, str, integer}, req: []string{reqString, reqString, reqInt}, result: intType}, "levenshtein")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType}, "soundex")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{bin}, req: []string{reqBinary}, result: strType}, "base64")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: constType(types.Binary)}, "unbase64")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{coercion.OneOf(coercion.Exact(types.Long), bin, str)},
		req: []string{`("BIGINT" or "BINARY" or "STRING")`}, result: strType}, "hex")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: constType(types.Binary), null: alwaysNull}, "unhex")
	register(ScalarFunction, resolveEncode, "encode")
	register(ScalarFunction, resolveDecode, "decode")
	register(ScalarFunction, resolveToBinary, "to_binary", "try_to_binary")
	registerSig(sig{counts: []int{3}, want: []coercion.Expected{str, str, integer}, req: []string{reqString, reqString, reqInt}, result: strType}, "split_part")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: boolType}, "luhn_check")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType, null: alwaysNull}, "quote")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: boolType, null: alwaysNull}, "is_valid_utf8")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType, null: alwaysNull}, "make_valid_utf8")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType, null: alwaysNull}, "validate_utf8")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType, null: alwaysNull}, "try_validate_utf8")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{str}, req: []string{reqString}, result: intType}, "find_in_set")
	register(ScalarFunction, resolveElt, "elt")
	register(ScalarFunction, resolveMask, "mask")
	register(ScalarFunction, resolveFormatString, "format_string", "printf")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{bin}, req: []string{reqBinary}, result: strType}, "md5")
	registerSig(sig{fn: "sha1", counts: []int{1}, want: []coercion.Expected{bin}, req: []string{reqBinary}, result: strType}, "sha1", "sha")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{bin, integer}, req: []string{reqBinary, reqInt}, result: strType, null: alwaysNull}, "sha2")
	registerSig(sig{counts: []int{1}, want: []coercion.Expected{bin}, req: []string{reqBinary}, result: constType(types.Long)}, "crc32")
	registerSig(sig{counts: []int{1, 2}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType}, "btrim")

	// Regular expressions.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3, 4); err != nil {
			return nil, err
		}
		full := append([]plan.Expr(nil), args...)
		if len(full) == 3 {
			full = append(full, intLit(1))
		}
		x, err := a.implicit(name, full, []coercion.Expected{str, str, str, integer}, []string{reqString, reqString, reqString, reqInt})
		if err != nil {
			return nil, err
		}
		text := callText(name, full)
		if !isFoldable(x[3]) {
			return nil, nonFoldable(text, "position", sqlType(plan.TypeOf(x[3])), full[3])
		}
		if v, ok, err := foldInt(x[3]); err == nil && ok && v <= 0 {
			return nil, analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
				map[string]string{"sqlExpr": `"` + text + `"`, "exprName": "position", "valueRange": "(0, 2147483647]", "currentValue": itoa(int(v))})
		}
		return &plan.Call{Fn: name, Args: x, Type: types.String, Null: anyNull(x), Display: name}, nil
	}, "regexp_replace")
	registerSig(sig{counts: []int{2, 3}, want: []coercion.Expected{str, str, integer}, req: []string{reqString, reqString, reqInt},
		result: strType, defaults: []plan.Expr{intLit(1)}, minArgs: 2}, "regexp_extract")
	registerSig(sig{counts: []int{2, 3}, want: []coercion.Expected{str, str, integer}, req: []string{reqString, reqString, reqInt},
		result: constType(types.NewArray(types.String, true)), defaults: []plan.Expr{intLit(1)}, minArgs: 2}, "regexp_extract_all")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{str}, req: []string{reqString}, result: intType}, "regexp_count")
	registerSig(sig{counts: []int{2}, want: []coercion.Expected{str}, req: []string{reqString}, result: strType, null: alwaysNull}, "regexp_substr")
	registerSig(sig{counts: []int{2, 3}, want: []coercion.Expected{str, str, integer}, req: []string{reqString, reqString, reqInt},
		result: intType, defaults: []plan.Expr{intLit(0)}, minArgs: 2}, "regexp_instr")
	registerSig(sig{counts: []int{2, 3}, want: []coercion.Expected{str, str, integer}, req: []string{reqString, reqString, reqInt},
		result: constType(types.NewArray(types.String, false)), defaults: []plan.Expr{intLit(-1)}, minArgs: 2}, "split")
}

// resolvePad is lpad / rpad(str, len[, pad]): binary padding (with zero bytes by default)
// when str (and pad) are binary, else strings padded with spaces by default.
func resolvePad(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	binary := isBinaryType(plan.TypeOf(args[0])) && (len(args) == 2 || isBinaryType(plan.TypeOf(args[2])))
	want := coercion.AnyString
	if binary {
		want = coercion.AnyBinary
		if len(full) == 2 {
			full = append(full, binaryLit([]byte{0}))
		}
	} else if len(full) == 2 {
		full = append(full, stringLit(" "))
	}
	x, err := a.implicit(name, full, []coercion.Expected{want, coercion.Exact(types.Integer), want}, []string{reqString, reqInt, reqString})
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: name, Args: x, Type: plan.TypeOf(x[0]), Null: anyNull(x), Display: name}, nil
}

// resolveEncode is encode(str, charset), bound to the session's legacy charset settings.
func resolveEncode(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyString}, []string{reqString})
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: "encode" + a.codingSuffix(), Args: x, Type: types.Binary, Null: anyNull(x), Display: name}, nil
}

// codingSuffix picks the encode/decode kernel for spark.sql.legacy.javaCharsets (any Java
// charset) and spark.sql.legacy.codingErrorAction (replace rather than fail), which Spark
// reads when it builds the expression.
func (a *analyzer) codingSuffix() string {
	java, replace := a.flag(confLegacyJavaCharsets, false), a.flag(confLegacyCodingErrorAction, false)
	switch {
	case java && replace:
		return "_legacy_charsets_replace"
	case java:
		return "_legacy_charsets"
	case replace:
		return "_legacy_replace"
	}
	return ""
}

// resolveDecode is decode(bin, charset), or decode(expr, search, result, ..., [default])
// (a CASE over null-safe equalities, named as called).
func resolveDecode(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if len(args) < 2 {
		return nil, wrongNumArgs(name, "2", len(args))
	}
	if len(args) == 2 {
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyBinary, coercion.AnyString}, []string{reqBinary, reqString})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "decode" + a.codingSuffix(), Args: x, Type: types.String, Null: anyNull(x), Display: name}, nil
	}
	input := args[0]
	var results []types.DataType
	var pairs [][2]plan.Expr
	var def plan.Expr
	rest := args[1:]
	for len(rest) >= 2 {
		pairs = append(pairs, [2]plan.Expr{rest[0], rest[1]})
		results = append(results, plan.TypeOf(rest[1]))
		rest = rest[2:]
	}
	if len(rest) == 1 {
		def = rest[0]
		results = append(results, plan.TypeOf(def))
	}
	t, ok := a.coerce.WiderCommonType(results)
	if !ok {
		strs := make([]string, len(results))
		for i, r := range results {
			strs[i] = sqlType(r)
		}
		return nil, analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's [<dataType>].",
			map[string]string{"sqlExpr": `"` + callText(name, args) + `"`, "functionName": "`casewhen`", "dataType": strings.Join(strs, ", ")})
	}
	var x []plan.Expr
	for _, p := range pairs {
		ct, ok := a.coerce.Comparison(operand(input), operand(p[0]))
		if !ok {
			return nil, binaryDiffTypes("<=>", []plan.Expr{input, p[0]})
		}
		x = append(x, castTo(input, ct), castTo(p[0], ct), castTo(p[1], t))
	}
	if def != nil {
		x = append(x, castTo(def, t))
	} else if _, isNull := t.(types.NullType); !isNull {
		x = append(x, castTo(&plan.Literal{Type: types.Null, Text: "NULL"}, t))
	}
	return bareCall("decode_case", x, t, true, callText(name, args)), nil
}

// resolveToBinary is to_binary(str[, fmt]): fmt must be constant and one of hex, utf-8,
// utf8, base64 (case-insensitive). try_to_binary gives NULL instead of failing.
func resolveToBinary(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyString}, []string{reqString})
	if err != nil {
		return nil, err
	}
	if len(x) == 2 {
		if !isFoldable(x[1]) {
			return nil, nonFoldable(callText(name, args), "fmt", `"STRING"`, args[1])
		}
		// A constant format is checked here; other foldable ones when the plan runs.
		v, known := literalString(x[1])
		if l, ok := args[1].(*plan.Literal); ok && !known && l.Value != nil {
			v, known = strings.ToLower(l.Text), true
		}
		switch strings.ToLower(v) {
		case "hex", "utf-8", "utf8", "base64":
		default:
			if !known {
				break
			}
			if name == "try_to_binary" {
				return &plan.Literal{Type: types.Binary, Text: "NULL"}, nil
			}
			return nil, analysisError("DATATYPE_MISMATCH.INVALID_ARG_VALUE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <inputName> value must to be a <requireType> literal of <validValues>, but got <inputValue>.",
				map[string]string{"sqlExpr": `"` + callText(name, args) + `"`, "inputName": "fmt", "requireType": `case-insensitive "STRING"`,
					"validValues": "'hex', 'utf-8', 'utf8', or 'base64'", "inputValue": "'" + strings.ToLower(v) + "'"})
		}
	}
	c := &plan.Call{Fn: "to_binary", Args: x, Type: types.Binary, Null: true, Display: name}
	if name == "try_to_binary" {
		return bareCall("try_eval", []plan.Expr{c}, types.Binary, true, c.String()), nil
	}
	return c, nil
}

// confEltOutputAsString makes elt of binary inputs a STRING, as of any other inputs.
const confEltOutputAsString = "spark.sql.function.eltOutputAsString"

// resolveElt is elt(n, inputs...): n is cast to INT, the inputs to STRING unless all are
// binary and spark.sql.function.eltOutputAsString is off (EltCoercion); out of range is
// NULL, or INVALID_ARRAY_INDEX under ANSI.
func resolveElt(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if len(args) < 2 {
		return nil, wrongNumArgs(name, "> 1", len(args))
	}
	x := make([]plan.Expr, len(args))
	if t, ok := a.coerce.ImplicitCast(plan.TypeOf(args[0]), coercion.Exact(types.Integer)); ok {
		x[0] = castTo(args[0], t)
	} else {
		x[0] = args[0]
	}
	allBinary := !a.flag(confEltOutputAsString, false)
	for _, e := range args[1:] {
		if !isBinaryType(plan.TypeOf(e)) {
			allBinary = false
		}
	}
	for i, e := range args[1:] {
		x[i+1] = e
		if !allBinary {
			if t, ok := a.coerce.ImplicitCast(plan.TypeOf(e), coercion.AnyString); ok {
				x[i+1] = castTo(e, t)
			}
		}
	}
	if _, ok := plan.TypeOf(x[0]).(types.IntegerType); !ok {
		return nil, unexpectedInputType(callText(name, args), 0, reqInt, args[0])
	}
	rt := plan.TypeOf(x[1])
	for _, e := range x[1:] {
		t := plan.TypeOf(e)
		if _, ok := t.(types.StringType); !ok && !isBinaryType(t) {
			return nil, unexpectedInputType(callText(name, args), 1, `"STRING" or "BINARY"`, e)
		}
	}
	return &plan.Call{Fn: "elt", Args: x, Type: rt, Null: true, Display: name, ANSI: a.opts.ANSI}, nil
}

// resolveMask is mask(str[, upperChar[, lowerChar[, digitChar[, otherChar]]]]): the mask
// characters default to X, x, n and NULL (keep), must be constant and one character long.
func resolveMask(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2, 3, 4, 5); err != nil {
		return nil, err
	}
	full := append([]plan.Expr(nil), args...)
	defaults := []plan.Expr{stringLit("X"), stringLit("x"), stringLit("n"), &plan.Literal{Type: types.String, Text: "NULL"}}
	full = append(full, defaults[len(args)-1:]...)
	text := callText(name, full)
	for i, e := range full {
		switch plan.TypeOf(e).(type) {
		case types.StringType, types.NullType:
		default:
			return nil, unexpectedInputType(text, i, reqString, e)
		}
		full[i] = castTo(e, types.String)
	}
	for i, in := range []string{"upperChar", "lowerChar", "digitChar", "otherChar"} {
		e := full[i+1]
		if !isFoldable(e) {
			return nil, nonFoldable(text, in, `"STRING"`, e)
		}
		if v, ok := literalString(e); ok && utf8.RuneCountInString(v) != 1 {
			return nil, analysisError("DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: Length of <exprName> should be 1.",
				map[string]string{"sqlExpr": `"` + text + `"`, "exprName": in})
		}
	}
	return &plan.Call{Fn: "mask", Args: full, Type: types.String, Null: true, Display: name}, nil
}

// resolveFormatString is format_string / printf(fmt, args...): fmt a string, the arguments
// as they are (java.util.Formatter formats Spark's values).
func resolveFormatString(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if len(args) == 0 {
		return nil, wrongNumArgs(name, "> 0", 0)
	}
	if v, ok := literalString(args[0]); ok && strings.Contains(v, "%0$") {
		return nil, analysisError("INVALID_PARAMETER_VALUE.ZERO_INDEX", "22023",
			"The value of parameter(s) <parameter> in <functionName> is invalid: expects %1$, %2$ and so on, but got %0$.",
			map[string]string{"parameter": "`strfmt`", "functionName": "`format_string`"})
	}
	x0, err := a.implicit(name, args[:1], []coercion.Expected{coercion.AnyString}, []string{reqString})
	if err != nil {
		return nil, err
	}
	x := append(x0, args[1:]...)
	return &plan.Call{Fn: "format_string", Args: x, Type: types.String, Null: plan.NullableOf(x[0]), Display: name}, nil
}

func registerURLFunctions() {
	str := []coercion.Expected{coercion.AnyString}
	req := []string{reqString}
	registerSig(sig{counts: []int{1}, want: str, req: req, result: constType(types.String)}, "url_encode")
	registerSig(sig{counts: []int{1}, want: str, req: req, result: constType(types.String)}, "url_decode")
	registerSig(sig{counts: []int{1}, want: str, req: req, result: constType(types.String), null: alwaysNull}, "try_url_decode")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if len(args) < 2 || len(args) > 3 {
			return nil, wrongNumArgs(name, "[2, 3]", len(args))
		}
		// ExpectsInputTypes: strings (or NULL) only.
		x := make([]plan.Expr, len(args))
		for i, e := range args {
			switch plan.TypeOf(e).(type) {
			case types.StringType, types.NullType:
				x[i] = castTo(e, types.String)
			default:
				return nil, unexpectedInputType(callText(name, args), i, reqString, e)
			}
		}
		return &plan.Call{Fn: name, Args: x, Type: types.String, Null: true, Display: name, ANSI: a.opts.ANSI}, nil
	}, "parse_url", "try_parse_url")
}

package astlower

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/interval"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// FormatDouble and FormatFloat render numbers as Java's Double.toString and
// Float.toString do (Spark shows literals that way in column names). The server sets
// them to physical/format's implementations; lowering itself stays free of the engine.
var (
	FormatDouble = func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	FormatFloat  = func(v float32) string { return strconv.FormatFloat(float64(v), 'g', -1, 32) }
)

func (o Options) exprs(es []ast.Expr) ([]plan.Expr, error) {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		x, err := o.Expr(e)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// selectItems lowers the items of a select list.
func (o Options) selectItems(es []ast.Expr) ([]plan.Expr, error) {
	o.selectItem = true
	return o.exprs(es)
}

// isRegexName reports whether a backquoted name reads as a regular expression: it has a
// character other than letters, digits and '_' (Spark's AstBuilder.isRegex).
func isRegexName(s string) bool {
	for _, r := range s {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func fn(name string, args ...plan.Expr) *plan.UnresolvedFunction {
	return &plan.UnresolvedFunction{Name: []string{name}, Args: args}
}

func op(name string, args ...plan.Expr) *plan.UnresolvedFunction {
	return &plan.UnresolvedFunction{Name: []string{name}, Args: args, Operator: true}
}

// Expr lowers an expression.
func (o Options) Expr(e ast.Expr) (plan.Expr, error) {
	switch e := e.(type) {
	case *ast.Literal:
		return Literal(e)
	case *ast.ColumnRef:
		c := &plan.UnresolvedColumn{Parts: names(e.Parts)}
		if last := e.Parts[len(e.Parts)-1]; o.selectItem && last.Quoted && isRegexName(last.Name) {
			c.Regex = true
		}
		return c, nil
	case *ast.Star:
		s := &plan.UnresolvedStar{Target: names(e.Qualifier)}
		for _, ex := range e.Except {
			s.Except = append(s.Except, names(ex))
		}
		return s, nil
	case *ast.Alias:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		if e.Name == nil {
			return &plan.MultiAlias{Child: x, Names: names(e.Names)}, nil
		}
		return &plan.Alias{Child: x, Name: e.Name.Name}, nil
	case *ast.ParenExpr:
		return o.Expr(e.X)
	case *ast.UnaryExpr:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		switch e.Op {
		case ast.OpNeg:
			return op("negative", x), nil
		case ast.OpPlus:
			return op("positive", x), nil
		case ast.OpNot:
			return op("not", x), nil
		case ast.OpBitNot:
			return op("~", x), nil
		}
	case *ast.BinaryExpr:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		y, err := o.Expr(e.Y)
		if err != nil {
			return nil, err
		}
		name := e.Op.String()
		switch e.Op {
		case ast.OpNotEq:
			name = "<>"
		case ast.OpConcat:
			return fn("concat", x, y), nil
		}
		return op(name, x, y), nil
	case *ast.FuncCall:
		return o.funcCall(e)
	case *ast.Cast:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		t, err := o.DataType(e.Type)
		if err != nil {
			return nil, err
		}
		return &plan.Cast{Child: x, To: t, Try: e.Kind == ast.TryCastFunc}, nil
	case *ast.Case:
		return o.caseExpr(e)
	case *ast.InList:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		list, err := o.exprs(e.List)
		if err != nil {
			return nil, err
		}
		var r plan.Expr = &plan.In{Value: x, List: list}
		if e.Not {
			r = op("not", r)
		}
		return r, nil
	case *ast.InSubquery:
		var vals []plan.Expr
		if row, ok := e.X.(*ast.RowExpr); ok {
			var err error
			if vals, err = o.exprs(row.Items); err != nil {
				return nil, err
			}
		} else {
			x, err := o.Expr(e.X)
			if err != nil {
				return nil, err
			}
			vals = []plan.Expr{x}
		}
		q, err := o.Query(e.Query)
		if err != nil {
			return nil, err
		}
		var r plan.Expr = &plan.InSubquery{Values: vals, Query: &plan.Subquery{Plan: q}}
		if e.Not {
			r = op("not", r)
		}
		return r, nil
	case *ast.Exists:
		q, err := o.Query(e.Query)
		if err != nil {
			return nil, err
		}
		return &plan.Exists{Query: &plan.Subquery{Plan: q}}, nil
	case *ast.Subquery:
		q, err := o.Query(e.Query)
		if err != nil {
			return nil, err
		}
		return &plan.ScalarSubquery{Query: &plan.Subquery{Plan: q}}, nil
	case *ast.Between:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		lo, err := o.Expr(e.Lo)
		if err != nil {
			return nil, err
		}
		hi, err := o.Expr(e.Hi)
		if err != nil {
			return nil, err
		}
		var r plan.Expr = fn("between", x, lo, hi)
		if e.Not {
			r = op("not", r)
		}
		return r, nil
	case *ast.Like:
		return o.like(e)
	case *ast.Is:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		var r plan.Expr
		switch e.What {
		case ast.IsNull:
			if e.Not {
				return fn("isnotnull", x), nil
			}
			return fn("isnull", x), nil
		case ast.IsTrue:
			r = op("<=>", x, boolLit(true))
		case ast.IsFalse:
			r = op("<=>", x, boolLit(false))
		case ast.IsUnknown:
			if e.Not {
				return fn("isnotnull", x), nil
			}
			return fn("isnull", x), nil
		}
		if e.Not {
			r = op("not", r)
		}
		return r, nil
	case *ast.IsDistinctFrom:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		y, err := o.Expr(e.Y)
		if err != nil {
			return nil, err
		}
		var r plan.Expr = op("<=>", x, y)
		if !e.Not {
			r = op("not", r)
		}
		return r, nil
	case *ast.Subscript:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		k, err := o.Expr(e.Index)
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedExtract{Child: x, Key: k}, nil
	case *ast.FieldAccess:
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedExtract{Child: x, Key: &plan.Literal{Type: types.String, Value: e.Field.Name, Text: e.Field.Name}, Field: true}, nil
	case *ast.Lambda:
		body, err := o.Expr(e.Body)
		if err != nil {
			return nil, err
		}
		return &plan.Lambda{Params: names(e.Params), Body: body}, nil
	case *ast.Param:
		if e.Name == "" {
			return &plan.Parameter{Position: 0}, nil
		}
		return &plan.Parameter{Name: e.Name, Position: -1}, nil
	case *ast.CurrentLike:
		// A name first (a column may have it); the analyzer falls back to the function
		// (Spark's LiteralFunctionResolution).
		return &plan.UnresolvedColumn{Parts: []string{strings.ToLower(e.Name)}}, nil
	case *ast.Overlay:
		args := []ast.Expr{e.Input, e.Replace, e.Position}
		if e.Length != nil {
			args = append(args, e.Length)
		}
		xs, err := o.exprs(args)
		if err != nil {
			return nil, err
		}
		return fn("overlay", xs...), nil
	case *ast.Substring:
		args := []ast.Expr{e.Str, e.Start}
		if e.Length != nil {
			args = append(args, e.Length)
		}
		xs, err := o.exprs(args)
		if err != nil {
			return nil, err
		}
		name := strings.ToLower(e.Name)
		if e.From {
			// Spark builds Substring itself for the FROM syntax, named substring.
			name = "substring"
		}
		return fn(name, xs...), nil
	case *ast.Trim:
		s, err := o.Expr(e.Str)
		if err != nil {
			return nil, err
		}
		args := []plan.Expr{s}
		if e.Chars != nil {
			c, err := o.Expr(e.Chars)
			if err != nil {
				return nil, err
			}
			args = append(args, c)
		}
		name := map[string]string{"": "trim", "BOTH": "trim", "LEADING": "ltrim", "TRAILING": "rtrim"}[e.Option]
		return fn(name, args...), nil
	case *ast.Extract:
		src, err := o.Expr(e.Source)
		if err != nil {
			return nil, err
		}
		return fn("extract", &plan.Literal{Type: types.String, Value: e.Field.Name, Text: e.Field.Name}, src), nil
	case *ast.Position:
		xs, err := o.exprs([]ast.Expr{e.Substr, e.Str})
		if err != nil {
			return nil, err
		}
		// Spark parses POSITION(substr IN str) straight into StringLocate: named locate.
		return fn("locate", xs...), nil
	case *ast.DatetimeFunc:
		// TIMESTAMPADD / TIMESTAMPDIFF(unit, x, y): the unit is passed as a string literal
		// printed bare, as Spark prints it in the column name.
		x, err := o.Expr(e.X)
		if err != nil {
			return nil, err
		}
		y, err := o.Expr(e.Y)
		if err != nil {
			return nil, err
		}
		name := "timestampadd"
		if e.Diff {
			name = "timestampdiff"
		}
		return fn(name, &plan.Literal{Type: types.String, Value: e.Unit, Text: e.Unit}, x, y), nil
	case *ast.TypedLiteral:
		return o.typedLiteral(e)
	case *ast.IntervalLiteral:
		if o.LegacyInterval {
			return legacyIntervalLiteral(e)
		}
		return intervalLiteral(e)
	case *ast.Collate:
		return o.collate(e)
	case *ast.RowExpr:
		xs, err := o.exprs(e.Items)
		if err != nil {
			return nil, err
		}
		return fn("struct", xs...), nil
	case *ast.SemiStructuredExtract:
		return o.semiStructuredExtract(e)
	}
	return nil, notImplemented(unsupportedExprFeature(e))
}

// unsupportedExprFeature names what an expression needs that lowering lacks.
func unsupportedExprFeature(e ast.Expr) string {
	return "the expression " + strings.TrimPrefix(fmt.Sprintf("%T", e), "*ast.")
}

func boolLit(v bool) *plan.Literal {
	return &plan.Literal{Type: types.Boolean, Value: v, Text: strconv.FormatBool(v)}
}

func (o Options) funcCall(e *ast.FuncCall) (plan.Expr, error) {
	if e.NameExpr != nil {
		return nil, notImplemented("IDENTIFIER(...) function names")
	}
	f := &plan.UnresolvedFunction{Name: names(e.Name), Distinct: e.Quantifier == ast.QuantDistinct}
	for _, a := range e.Args {
		if na, ok := a.(*ast.NamedArg); ok {
			v, err := o.Expr(na.Value)
			if err != nil {
				return nil, err
			}
			f.Args = append(f.Args, v)
			for len(f.ArgNames) < len(f.Args)-1 {
				f.ArgNames = append(f.ArgNames, "")
			}
			f.ArgNames = append(f.ArgNames, na.Name.Name)
			continue
		}
		x, err := o.Expr(a)
		if err != nil {
			return nil, err
		}
		f.Args = append(f.Args, x)
	}
	if e.Filter != nil {
		c, err := o.Expr(e.Filter)
		if err != nil {
			return nil, err
		}
		f.Filter = c
	}
	switch e.Nulls {
	case ast.IgnoreNulls:
		f.HasNulls, f.IgnoreNulls = true, true
	case ast.RespectNulls:
		f.HasNulls = true
	}
	if len(e.WithinGroup) > 0 {
		orders, err := o.sortItems(e.WithinGroup)
		if err != nil {
			return nil, err
		}
		f.WithinGroup = orders
	}
	if e.Over == nil {
		return f, nil
	}
	spec, err := o.windowSpec(e.Over)
	if err != nil {
		return nil, err
	}
	return &plan.WindowExpr{Func: f, Spec: spec}, nil
}

func (o Options) windowSpec(w *ast.WindowSpec) (*plan.WindowSpec, error) {
	sp := &plan.WindowSpec{}
	if w.Ref != nil {
		sp.Name = w.Ref.Name
		if len(w.PartitionBy) == 0 && len(w.OrderBy) == 0 && w.Frame == nil {
			return sp, nil
		}
		return nil, notImplemented("window specifications that extend a named window")
	}
	var err error
	if sp.PartitionBy, err = o.exprs(w.PartitionBy); err != nil {
		return nil, err
	}
	if sp.OrderBy, err = o.sortItems(w.OrderBy); err != nil {
		return nil, err
	}
	if w.Frame != nil {
		f := &plan.WindowFrame{Type: plan.RowsFrame}
		if w.Frame.Type == ast.RangeFrame {
			f.Type = plan.RangeFrame
		}
		if f.Lower, err = o.frameBound(w.Frame.Lower); err != nil {
			return nil, err
		}
		if w.Frame.Upper != nil {
			if f.Upper, err = o.frameBound(w.Frame.Upper); err != nil {
				return nil, err
			}
		} else {
			f.Upper = plan.FrameBound{Kind: plan.CurrentRow}
		}
		sp.Frame = f
	}
	return sp, nil
}

func (o Options) frameBound(b *ast.FrameBound) (plan.FrameBound, error) {
	kind := map[ast.BoundKind]plan.BoundKind{ast.UnboundedPreceding: plan.UnboundedPreceding,
		ast.UnboundedFollowing: plan.UnboundedFollowing, ast.CurrentRow: plan.CurrentRow,
		ast.Preceding: plan.Preceding, ast.Following: plan.Following}[b.Kind]
	fb := plan.FrameBound{Kind: kind}
	if b.Offset != nil {
		x, err := o.Expr(b.Offset)
		if err != nil {
			return fb, err
		}
		fb.Offset = x
	}
	return fb, nil
}

// caseExpr lowers CASE; the simple form CASE x WHEN v THEN ... compares x = v and keeps
// Spark's name for it (CASE x WHEN v THEN ... END).
func (o Options) caseExpr(e *ast.Case) (plan.Expr, error) {
	c := &plan.CaseWhen{}
	var operand plan.Expr
	if e.Operand != nil {
		var err error
		if operand, err = o.Expr(e.Operand); err != nil {
			return nil, err
		}
	}
	for _, w := range e.Whens {
		cond, err := o.Expr(w.Cond)
		if err != nil {
			return nil, err
		}
		if operand != nil {
			cond = op("=", operand, cond)
		}
		v, err := o.Expr(w.Result)
		if err != nil {
			return nil, err
		}
		c.Conds = append(c.Conds, cond)
		c.Values = append(c.Values, v)
	}
	if e.Else != nil {
		el, err := o.Expr(e.Else)
		if err != nil {
			return nil, err
		}
		c.Else = el
	}
	return c, nil
}

func (o Options) like(e *ast.Like) (plan.Expr, error) {
	if e.Quantifier != "" {
		return o.multiLike(e)
	}
	x, err := o.Expr(e.X)
	if err != nil {
		return nil, err
	}
	p, err := o.Expr(e.Pattern)
	if err != nil {
		return nil, err
	}
	args := []plan.Expr{x, p}
	if e.Escape != nil {
		args = append(args, &plan.Literal{Type: types.String, Value: e.Escape.Value, Text: e.Escape.Value})
	}
	var r plan.Expr = fn(e.Op.String(), args...)
	if e.Op == ast.OpRLike {
		r = &plan.UnresolvedFunction{Name: []string{"rlike"}, Args: args}
	}
	if e.Not {
		r = op("not", r)
	}
	return r, nil
}

func (o Options) typedLiteral(e *ast.TypedLiteral) (plan.Expr, error) {
	s := &plan.Literal{Type: types.String, Value: e.Value.Value, Text: e.Value.Value}
	var t types.DataType
	switch e.Kind {
	case ast.DateLiteral:
		t = types.Date
	case ast.TimestampLiteral:
		t = types.Timestamp
		if o.TimestampNTZ {
			t = types.TimestampNTZ
		}
	case ast.TimestampNTZLiteral:
		t = types.TimestampNTZ
	case ast.TimestampLTZLiteral:
		t = types.Timestamp
	case ast.TimeLiteral:
		return &plan.Cast{Child: s, To: types.DefaultTime, Display: "TIME '" + timeLiteralText(e.Value.Value) + "'"}, nil
	case ast.BinaryLiteral:
		b, ok := decodeHex(e.Value.Value)
		if !ok {
			return nil, sparkerror.New(sparkerror.Parse, "INVALID_TYPED_LITERAL", "42604",
				"The value of the typed literal <valueType> is invalid: <value>.",
				map[string]string{"valueType": `"X"`, "value": "'" + e.Value.Value + "'"})
		}
		return &plan.Literal{Type: types.Binary, Value: b, Text: "X'" + strings.ToUpper(e.Value.Value) + "'"}, nil
	default:
		return nil, notImplemented("typed literals of type " + e.Kind.String())
	}
	if v := specialDatetime(e.Value.Value); v != "" && isSpecialDatetimeKind(e.Kind) {
		return specialDatetimeLiteral(t, v, e.Value.Value), nil
	}
	if e.Kind == ast.TimestampLiteral || e.Kind == ast.TimestampLTZLiteral {
		if _, zone, ok := parseDatetimeText(e.Value.Value, false); ok && zone != "" {
			// A time zone in the text makes a TIMESTAMP literal one with local time zone
			// (also when TIMESTAMP means TIMESTAMP_NTZ), named in the session's zone.
			text, ok := zonedTimestampText(e.Value.Value, o.TimeZone)
			if !ok {
				text = e.Value.Value
			}
			return &plan.Cast{Child: s, To: types.Timestamp, Display: "TIMESTAMP '" + text + "'"}, nil
		}
	}
	return &plan.Cast{Child: s, To: t, Display: t.SQL() + " '" + datetimeLiteralText(t, e.Value.Value) + "'"}, nil
}

// datetimeFields matches the common forms of date and timestamp strings Spark accepts:
// year-month-day, then optionally hours:minutes[:seconds[.fraction]], without a zone.
var datetimeFields = regexp.MustCompile(`^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*$`)

// datetimeLiteralText is how Spark prints a DATE or TIMESTAMP literal: the value it parsed,
// formatted (DATE '2019-01-01', TIMESTAMP '2019-01-01 00:00:00', fractions to microseconds
// without trailing zeros). Forms it does not recognise (zones, partial dates) keep their
// written text.
func datetimeLiteralText(t types.DataType, s string) string {
	if text, ok := sparkDatetimeText(t, s); ok {
		return text
	}
	m := datetimeFields.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	pad := func(x string) string {
		if len(x) < 2 {
			return "0" + x
		}
		return x
	}
	date := m[1] + "-" + pad(m[2]) + "-" + pad(m[3])
	if _, isDate := t.(types.DateType); isDate {
		return date
	}
	hh, mm, ss := "00", "00", "00"
	if m[4] != "" {
		hh, mm = pad(m[4]), pad(m[5])
		if m[6] != "" {
			ss = pad(m[6])
		}
	}
	text := date + " " + hh + ":" + mm + ":" + ss
	if frac := strings.TrimRight(m[7], "0"); frac != "" {
		if len(frac) > 6 {
			frac = strings.TrimRight(frac[:6], "0")
		}
		if frac != "" {
			text += "." + frac
		}
	}
	return text
}

func decodeHex(s string) ([]byte, bool) {
	if len(s)%2 == 1 {
		s = "0" + s
	}
	out := make([]byte, len(s)/2)
	for i := range out {
		v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil, false
		}
		out[i] = byte(v)
	}
	return out, true
}

// Literal types a SQL literal and names it as Spark does.
func Literal(l *ast.Literal) (plan.Expr, error) {
	switch l.Type {
	case ast.TypeNull:
		return &plan.Literal{Type: types.Null, Text: "NULL"}, nil
	case ast.TypeBoolean:
		return &plan.Literal{Type: types.Boolean, Value: l.Value == "true", Text: l.Value}, nil
	case ast.TypeString:
		return &plan.Literal{Type: types.String, Value: l.Value, Text: l.Value}, nil
	case ast.TypeTinyInt, ast.TypeSmallInt, ast.TypeInt, ast.TypeBigInt:
		bitsOf := map[ast.LiteralType]int{ast.TypeTinyInt: 8, ast.TypeSmallInt: 16, ast.TypeInt: 32, ast.TypeBigInt: 64}
		v, err := strconv.ParseInt(l.Value, 10, bitsOf[l.Type])
		if err != nil {
			return nil, sparkerror.New(sparkerror.Parse, "INVALID_NUMERIC_LITERAL_RANGE", "22003",
				"Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName> with minimum value of <minValue> and maximum value of <maxValue>. Please adjust the value accordingly.",
				map[string]string{"rawStrippedQualifier": l.Value, "typeName": l.Type.String()})
		}
		text := strconv.FormatInt(v, 10)
		switch l.Type {
		case ast.TypeTinyInt:
			return &plan.Literal{Type: types.Byte, Value: int8(v), Text: text}, nil
		case ast.TypeSmallInt:
			return &plan.Literal{Type: types.Short, Value: int16(v), Text: text}, nil
		case ast.TypeInt:
			return &plan.Literal{Type: types.Integer, Value: int32(v), Text: text}, nil
		}
		return &plan.Literal{Type: types.Long, Value: v, Text: text}, nil
	case ast.TypeDouble:
		v, err := strconv.ParseFloat(l.Value, 64)
		if err != nil {
			return nil, sparkerror.New(sparkerror.Parse, "INVALID_NUMERIC_LITERAL_RANGE", "22003",
				"Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName>.",
				map[string]string{"rawStrippedQualifier": l.Value, "typeName": "double"})
		}
		return &plan.Literal{Type: types.Double, Value: v, Text: FormatDouble(v)}, nil
	case ast.TypeFloat:
		v, err := strconv.ParseFloat(l.Value, 32)
		if err != nil {
			return nil, sparkerror.New(sparkerror.Parse, "INVALID_NUMERIC_LITERAL_RANGE", "22003",
				"Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName>.",
				map[string]string{"rawStrippedQualifier": l.Value, "typeName": "float"})
		}
		return &plan.Literal{Type: types.Float, Value: float32(v), Text: FormatFloat(float32(v))}, nil
	case ast.TypeDecimal:
		d, text, ok := decimalValue(l.Value, l.Scale)
		if !ok {
			return nil, notImplemented("the decimal literal " + l.Raw)
		}
		return &plan.Literal{Type: types.DecimalType{Precision: l.Precision, Scale: l.Scale}, Value: d, Text: text}, nil
	}
	return nil, notImplemented("the literal " + l.Raw)
}

// decimalValue reads decimal text ("-12.50", "1e3") at the given scale.
func decimalValue(s string, scale int) (plan.Decimal, string, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return plan.Decimal{}, "", false
	}
	unscaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
	if !unscaled.IsInt() {
		return plan.Decimal{}, "", false
	}
	digits := unscaled.Num().String()
	return plan.Decimal{Digits: digits, Scale: scale}, decimalText(digits, scale), true
}

// decimalText renders an unscaled value at a scale as Java's BigDecimal.toString does
// (Spark names decimal literals so): "1250", 2 -> "12.50"; scientific notation when the
// exponent of the first digit is below -6: "12345678", 15 -> "1.2345678E-8".
func decimalText(digits string, scale int) string {
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	if adjusted := len(digits) - 1 - scale; scale > 0 && adjusted < -6 {
		text := digits[:1]
		if len(digits) > 1 {
			text += "." + digits[1:]
		}
		text += "E" + strconv.Itoa(adjusted)
		if neg {
			text = "-" + text
		}
		return text
	}
	if scale > 0 {
		for len(digits) <= scale {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		digits = "-" + digits
	}
	return digits
}

// intervalLiteral builds an ANSI interval literal as Spark's AstBuilder does (the parser
// already rejected malformed values and mixed units): the unit-to-unit form parses its
// string for the target type; the multi-unit and string forms become a CalendarInterval
// first, then the year-month or day-time interval spanning the units used.
func intervalLiteral(e *ast.IntervalLiteral) (plan.Expr, error) {
	invalid := func(value string) error {
		return sparkerror.New(sparkerror.Parse, "INVALID_TYPED_LITERAL", "42604",
			"The value of the typed literal <valueType> is invalid: <value>.",
			map[string]string{"valueType": `"INTERVAL"`, "value": "'" + value + "'"})
	}
	if e.Form == ast.IntervalUnitToUnit {
		if len(e.Values) != 1 {
			return nil, invalid("")
		}
		v := intervalValueText(e.Values[0])
		from, to := strings.ToLower(e.From), strings.ToLower(e.To)
		if to == "month" {
			months, err := interval.ParseYearMonth(v, types.Year, types.Month)
			if err != nil {
				return nil, err
			}
			start := types.Year
			if from == "month" {
				start = types.Month
			}
			return ymLiteral(months, types.YearMonthIntervalType{StartField: start, EndField: types.Month}), nil
		}
		start, ok1 := dayTimeFieldNamed(from)
		end, ok2 := dayTimeFieldNamed(to)
		if !ok1 || !ok2 {
			return nil, invalid(v)
		}
		micros, err := interval.ParseDayTime(v, start, end)
		if err != nil {
			return nil, err
		}
		return dtLiteral(micros, types.DayTimeIntervalType{StartField: start, EndField: end}), nil
	}
	var text string
	var units []string
	if e.Form == ast.IntervalString {
		text = e.Str.Value
		units = interval.Units(text)
	} else {
		var b strings.Builder
		for _, v := range e.Values {
			val := intervalValueText(v)
			b.WriteString(" " + val + " " + v.Unit)
			units = append(units, strings.TrimSuffix(strings.ToLower(v.Unit), "s"))
		}
		text = b.String()
	}
	cal, ok := interval.ParseCalendar(text)
	if !ok {
		return nil, invalid(text)
	}
	if interval.MixesFields(units) {
		return nil, invalid(text)
	}
	t, value, ok := interval.ANSILiteral(cal, units)
	if !ok {
		// IntervalUtils.getDuration's Math.multiplyExact fails while parsing.
		return nil, &sparkerror.Error{Kind: sparkerror.Arithmetic, Message: "long overflow",
			JavaClasses: []string{"java.lang.ArithmeticException", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}}
	}
	if ym, isYM := t.(types.YearMonthIntervalType); isYM {
		return ymLiteral(value.(int32), ym), nil
	}
	return dtLiteral(value.(int64), t.(types.DayTimeIntervalType)), nil
}

// intervalValueText is one value of an interval literal as Spark reads it: a string
// literal's value with a leading minus applied to it, or a number's source text with its
// sign.
func intervalValueText(v *ast.IntervalValue) string {
	if v.Value.Kind != ast.StringLit {
		return v.Sign + v.Value.Raw
	}
	s := v.Value.Value
	if v.Sign != "-" {
		return s
	}
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return rest
	}
	return "-" + s
}

func dayTimeFieldNamed(unit string) (types.DayTimeField, bool) {
	switch unit {
	case "day":
		return types.Day, true
	case "hour":
		return types.Hour, true
	case "minute":
		return types.Minute, true
	case "second":
		return types.Second, true
	}
	return 0, false
}

func ymLiteral(months int32, t types.YearMonthIntervalType) *plan.Literal {
	return &plan.Literal{Type: t, Value: months, Text: string(interval.AppendYearMonth(nil, months, t.StartField, t.EndField))}
}

func dtLiteral(micros int64, t types.DayTimeIntervalType) *plan.Literal {
	return &plan.Literal{Type: t, Value: micros, Text: string(interval.AppendDayTime(nil, micros, t.StartField, t.EndField))}
}

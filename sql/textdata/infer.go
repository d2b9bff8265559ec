package textdata

import (
	"math/big"
	"slices"
	"strings"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Options are the options map of a JSON or CSV function; names are case-insensitive, as
// in Spark's CaseInsensitiveMap.
type Options map[string]string

// NewOptions lower-cases the option names.
func NewOptions(m map[string]string) Options {
	o := make(Options, len(m))
	for k, v := range m {
		o[strings.ToLower(k)] = v
	}
	return o
}

// Get returns an option's value.
func (o Options) Get(name string) (string, bool) {
	v, ok := o[strings.ToLower(name)]
	return v, ok
}

// Str returns an option's value or def.
func (o Options) Str(name, def string) string {
	if v, ok := o.Get(name); ok {
		return v
	}
	return def
}

// Bool reads a boolean option as Scala's toBoolean does: "true" or "false" in any case.
func (o Options) Bool(name string, def bool) (bool, error) {
	v, ok := o.Get(name)
	if !ok {
		return def, nil
	}
	switch strings.ToLower(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_3201", "",
		"For input string: \""+v+"\"", nil)
}

// JSONSyntaxOf is the parser syntax JSONOptions builds from the options.
func JSONSyntaxOf(o Options) (JSONSyntax, error) {
	s := SparkDefaults
	var err error
	flags := []struct {
		name string
		def  bool
		dst  *bool
	}{
		{"allowComments", false, &s.Comments},
		{"allowUnquotedFieldNames", false, &s.UnquotedFieldNames},
		{"allowSingleQuotes", true, &s.SingleQuotes},
		{"allowNumericLeadingZeros", false, &s.LeadingZeros},
		{"allowNonNumericNumbers", true, &s.NonNumericNumbers},
		{"allowBackslashEscapingAnyCharacter", false, &s.BackslashAny},
		{"allowUnquotedControlChars", false, &s.ControlChars},
	}
	for _, f := range flags {
		if *f.dst, err = o.Bool(f.name, f.def); err != nil {
			return s, err
		}
	}
	return s, nil
}

// JSONInference holds the options of schema_of_json.
type JSONInference struct {
	PrimitivesAsString bool
	PrefersDecimal     bool
	DropFieldIfAllNull bool
}

// MalformedJSON is the failure of schema_of_json on text that is not JSON.
func MalformedJSON() error {
	return sparkerror.New(sparkerror.Runtime, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "22023",
		"Malformed records are detected in record parsing: <badRecord>.\nParse Mode: <failFastMode>. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.",
		map[string]string{"badRecord": "", "failFastMode": "FAILFAST"})
}

// InferJSON is schema_of_json: the type of the first JSON value of text, canonicalized as
// SchemaOfJsonEvaluator does (nulls become strings, empty structs vanish).
func InferJSON(text []byte, opts map[string]string) (types.DataType, error) {
	o := NewOptions(opts)
	syn, err := JSONSyntaxOf(o)
	if err != nil {
		return nil, err
	}
	var inf JSONInference
	if inf.PrimitivesAsString, err = o.Bool("primitivesAsString", false); err != nil {
		return nil, err
	}
	if inf.PrefersDecimal, err = o.Bool("prefersDecimal", false); err != nil {
		return nil, err
	}
	if inf.DropFieldIfAllNull, err = o.Bool("dropFieldIfAllNull", false); err != nil {
		return nil, err
	}
	p := &Parser{Syntax: syn}
	root, err := p.Parse(text)
	if err != nil {
		return nil, MalformedJSON()
	}
	var t types.DataType = types.Null
	if root >= 0 {
		t = inf.Infer(p, root)
	}
	switch x := t.(type) {
	case *types.StructType:
		if c, ok := inf.Canonicalize(x); ok {
			return c, nil
		}
		return &types.StructType{}, nil
	case types.ArrayType:
		if _, isStruct := x.ElementType.(*types.StructType); isStruct {
			if c, ok := inf.Canonicalize(x.ElementType); ok {
				return types.ArrayType{ElementType: c, ContainsNull: x.ContainsNull}, nil
			}
			return types.ArrayType{ElementType: &types.StructType{}, ContainsNull: x.ContainsNull}, nil
		}
	}
	if c, ok := inf.Canonicalize(t); ok {
		return c, nil
	}
	return types.String, nil
}

// Infer is JsonInferSchema.inferField for node i.
func (inf *JSONInference) Infer(p *Parser, i int32) types.DataType {
	n := p.Node(i)
	switch n.Kind {
	case Null:
		return types.Null
	case String:
		if n.tEnd == n.tOff {
			return types.Null
		}
		if inf.PrefersDecimal {
			if d, ok := ParseBigDecimal(p.Text(n)); ok {
				if dt, ok := d.Type(); ok {
					return dt
				}
			}
		}
		return types.String
	case True, False:
		if inf.PrimitivesAsString {
			return types.String
		}
		return types.Boolean
	case Int, Float:
		if inf.PrimitivesAsString {
			return types.String
		}
		text := p.Text(n)
		if n.Kind == Int {
			if fitsLong(text) {
				return types.Long
			}
			// BIG_INTEGER: a decimal when it fits.
			if d, ok := ParseBigDecimal(text); ok {
				if dt, ok := d.Type(); ok {
					return dt
				}
			}
			return types.Double
		}
		if inf.PrefersDecimal && !IsNonNumeric(text) {
			if d, ok := ParseBigDecimal(text); ok {
				if dt, ok := d.Type(); ok {
					return dt
				}
			}
		}
		return types.Double
	case Object:
		var fields []types.StructField
		for k := n.First; k >= 0; k = p.Node(k).Next {
			fields = append(fields, types.StructField{Name: string(p.Key(p.Node(k))), DataType: inf.Infer(p, k), Nullable: true})
		}
		slices.SortStableFunc(fields, func(a, b types.StructField) int { return strings.Compare(a.Name, b.Name) })
		return &types.StructType{Fields: fields}
	case Array:
		var elem types.DataType = types.Null
		for k := n.First; k >= 0; k = p.Node(k).Next {
			elem = CompatibleJSON(elem, inf.Infer(p, k))
		}
		return types.ArrayType{ElementType: elem, ContainsNull: true}
	}
	return types.String
}

// Canonicalize is JsonInferSchema.canonicalizeType.
func (inf *JSONInference) Canonicalize(t types.DataType) (types.DataType, bool) {
	switch x := t.(type) {
	case types.ArrayType:
		e, ok := inf.Canonicalize(x.ElementType)
		if !ok {
			return nil, false
		}
		return types.ArrayType{ElementType: e, ContainsNull: x.ContainsNull}, true
	case *types.StructType:
		var fields []types.StructField
		for _, f := range x.Fields {
			if f.Name == "" {
				continue
			}
			if dt, ok := inf.Canonicalize(f.DataType); ok {
				f.DataType = dt
				fields = append(fields, f)
			}
		}
		if len(fields) == 0 {
			return nil, false
		}
		return &types.StructType{Fields: fields}, true
	case types.NullType:
		if inf.DropFieldIfAllNull {
			return nil, false
		}
		return types.String, true
	}
	return t, true
}

func fitsLong(s []byte) bool {
	digits := s
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) < 19 {
		return true
	}
	if len(digits) > 19 {
		return false
	}
	limit := "9223372036854775807"
	if s[0] == '-' {
		limit = "9223372036854775808"
	}
	return string(digits) <= limit
}

// CompatibleJSON is JsonInferSchema.compatibleType with StringType as the fallback.
func CompatibleJSON(t1, t2 types.DataType) types.DataType {
	if t := TightestCommonType(t1, t2); t != nil {
		return t
	}
	_, d1 := t1.(types.DoubleType)
	_, d2 := t2.(types.DoubleType)
	dec1, isDec1 := t1.(types.DecimalType)
	dec2, isDec2 := t2.(types.DecimalType)
	switch {
	case d1 && isDec2 || isDec1 && d2:
		return types.Double
	case isDec1 && isDec2:
		return MergeDecimals(dec1, dec2)
	case isIntegral(t1) && isDec2:
		return CompatibleJSON(decimalForIntegral(t1), t2)
	case isDec1 && isIntegral(t2):
		return CompatibleJSON(t1, decimalForIntegral(t2))
	}
	s1, ok1 := t1.(*types.StructType)
	s2, ok2 := t2.(*types.StructType)
	if ok1 && ok2 {
		var out []types.StructField
		a, b := 0, 0
		for a < len(s1.Fields) && b < len(s2.Fields) {
			f1, f2 := s1.Fields[a], s2.Fields[b]
			switch c := strings.Compare(f1.Name, f2.Name); {
			case c == 0:
				out = append(out, types.StructField{Name: f1.Name, DataType: CompatibleJSON(f1.DataType, f2.DataType), Nullable: true})
				a++
				b++
			case c < 0:
				out = append(out, f1)
				a++
			default:
				out = append(out, f2)
				b++
			}
		}
		out = append(out, s1.Fields[a:]...)
		out = append(out, s2.Fields[b:]...)
		return &types.StructType{Fields: out}
	}
	a1, ok1 := t1.(types.ArrayType)
	a2, ok2 := t2.(types.ArrayType)
	if ok1 && ok2 {
		return types.ArrayType{ElementType: CompatibleJSON(a1.ElementType, a2.ElementType), ContainsNull: a1.ContainsNull || a2.ContainsNull}
	}
	_, n1 := t1.(types.TimestampNTZType)
	_, n2 := t2.(types.TimestampNTZType)
	_, l1 := t1.(types.TimestampType)
	_, l2 := t2.(types.TimestampType)
	if n1 && l2 || l1 && n2 {
		return types.Timestamp
	}
	return types.String
}

// MergeDecimals is the decimal wide enough for both, DOUBLE beyond 38 digits.
func MergeDecimals(a, b types.DecimalType) types.DataType {
	scale := max(a.Scale, b.Scale)
	rng := max(a.Precision-a.Scale, b.Precision-b.Scale)
	if rng+scale > 38 {
		return types.Double
	}
	return types.DecimalType{Precision: rng + scale, Scale: scale}
}

func isIntegral(t types.DataType) bool {
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return true
	}
	return false
}

func decimalForIntegral(t types.DataType) types.DecimalType {
	switch t.(type) {
	case types.ByteType:
		return types.DecimalType{Precision: 3}
	case types.ShortType:
		return types.DecimalType{Precision: 5}
	case types.IntegerType:
		return types.DecimalType{Precision: 10}
	}
	return types.DecimalType{Precision: 20}
}

func numericRank(t types.DataType) int {
	switch t.(type) {
	case types.ByteType:
		return 1
	case types.ShortType:
		return 2
	case types.IntegerType:
		return 3
	case types.LongType:
		return 4
	case types.FloatType:
		return 5
	case types.DoubleType:
		return 6
	}
	return 0
}

// TightestCommonType is TypeCoercion.findTightestCommonType for the atomic types text
// inference produces: equal types, NULL with anything, numeric widening, an integral type
// into a decimal wide enough for it, timestamps of both kinds.
func TightestCommonType(t1, t2 types.DataType) types.DataType {
	if types.Equal(t1, t2) {
		return t1
	}
	if _, ok := t1.(types.NullType); ok {
		return t2
	}
	if _, ok := t2.(types.NullType); ok {
		return t1
	}
	r1, r2 := numericRank(t1), numericRank(t2)
	if r1 > 0 && r2 > 0 {
		if r1 > r2 {
			return t1
		}
		return t2
	}
	if d, ok := t1.(types.DecimalType); ok && isIntegral(t2) {
		if w := decimalForIntegral(t2); d.Precision-d.Scale >= w.Precision-w.Scale {
			return d
		}
	}
	if d, ok := t2.(types.DecimalType); ok && isIntegral(t1) {
		if w := decimalForIntegral(t1); d.Precision-d.Scale >= w.Precision-w.Scale {
			return d
		}
	}
	_, n1 := t1.(types.TimestampNTZType)
	_, n2 := t2.(types.TimestampNTZType)
	_, l1 := t1.(types.TimestampType)
	_, l2 := t2.(types.TimestampType)
	if n1 && l2 || l1 && n2 {
		return types.Timestamp
	}
	return nil
}

// BigDecimal is a number as java.math.BigDecimal holds it: an unscaled integer and a scale.
type BigDecimal struct {
	Unscaled *big.Int
	Scale    int
}

// ParseBigDecimal reads Java's BigDecimal(String) syntax: an optional sign, digits with an
// optional point, an optional exponent.
func ParseBigDecimal(s []byte) (BigDecimal, bool) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var digits []byte
	scale := 0
	seenDigit, seenPoint := false, false
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
			seenDigit = true
			if seenPoint {
				scale++
			}
			continue
		}
		if c == '.' && !seenPoint {
			seenPoint = true
			continue
		}
		break
	}
	if !seenDigit {
		return BigDecimal{}, false
	}
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return BigDecimal{}, false
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i >= len(s) {
			return BigDecimal{}, false
		}
		e := 0
		for ; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' || e > 1e9 {
				return BigDecimal{}, false
			}
			e = e*10 + int(s[i]-'0')
		}
		if eneg {
			scale += e
		} else {
			scale -= e
		}
	}
	u, ok := new(big.Int).SetString(string(digits), 10)
	if !ok {
		return BigDecimal{}, false
	}
	if neg {
		u.Neg(u)
	}
	return BigDecimal{Unscaled: u, Scale: scale}, true
}

// Precision is BigDecimal.precision: the number of digits of the unscaled value (1 for 0).
func (d BigDecimal) Precision() int {
	s := new(big.Int).Abs(d.Unscaled).String()
	return len(s)
}

// Type is the DecimalType(max(precision, scale), scale) schema inference gives a decimal,
// false beyond 38 digits or for a negative scale Spark cannot hold.
func (d BigDecimal) Type() (types.DataType, bool) {
	p := max(d.Precision(), d.Scale)
	if p > 38 {
		return nil, false
	}
	if d.Scale < 0 {
		// DecimalType with a negative scale is not allowed: Spark widens it.
		return types.DecimalType{Precision: min(38, d.Precision()-d.Scale), Scale: 0}, d.Precision()-d.Scale <= 38
	}
	return types.DecimalType{Precision: p, Scale: d.Scale}, true
}

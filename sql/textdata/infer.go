package textdata

import (
	"bytes"
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
	// Timestamp, when set (the inferTimestamp option of the file source), reports whether a
	// string parses with the timestamp format, making it a TIMESTAMP.
	Timestamp func([]byte) bool
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
		s := p.Text(n)
		if inf.PrefersDecimal {
			// The US-locale decimal parser drops grouping commas; DecimalType(precision,
			// scale) of what it parses must be a valid type, else the string stays a string.
			if d, ok := ParseBigDecimal(bytes.ReplaceAll(s, []byte(","), nil)); ok {
				if p := d.Precision(); d.Scale >= 0 && d.Scale <= p && p <= types.MaxDecimalPrecision {
					return types.DecimalType{Precision: p, Scale: d.Scale}
				}
			}
		}
		if inf.Timestamp != nil && inf.Timestamp(s) {
			return types.Timestamp
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

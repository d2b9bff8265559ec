package expr

import (
	"errors"
	"strconv"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/sql/variant"
)

// from_json(json, 'variant'): the document read with from_json's JSON options (Spark's
// JacksonParser.parseVariant: the JSONOptions syntax, so NaN and single quotes are
// accepted by default), built as parse_json builds. Blank input is NULL; a malformed
// document is NULL, or MALFORMED_RECORD_IN_PARSING in FAILFAST mode (its bad record the
// result row, "[null]").
func fromJSONVariantFn(args []Expr, syntax textdata.JSONSyntax, mode parseMode) (Expr, error) {
	k := perBatch(func() kernel {
		b := variant.NewBuilder(false)
		p := &textdata.Parser{Syntax: syntax}
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			in := argvOf(a[0])
			w := newVariantWriter(n)
			for i := 0; i < n; i++ {
				if in.isNull(i) {
					w.appendNull()
					continue
				}
				root, err := p.Parse(in.str(i))
				if err == nil && root < 0 {
					w.appendNull()
					continue
				}
				if err == nil {
					b.Reset()
					if err = appendJSONNode(b, p, root); err == nil {
						err = w.appendBuilder(b)
					}
				}
				if err != nil {
					if errors.Is(err, variant.ErrTooBig) {
						return nil, variant.SizeLimitError("JacksonParser")
					}
					if mode == failFast {
						return nil, malformedRecord("[null]")
					}
					w.appendNull()
				}
			}
			return w.finish(), nil
		}
	})
	return &funcExpr{name: "from_json", args: args[:1], t: variantArrowType, k: k, fails: true, strict: true}, nil
}

// appendJSONNode appends a parsed JSON value to a variant builder.
func appendJSONNode(b *variant.Builder, p *textdata.Parser, i int32) error {
	nd := p.Node(i)
	switch nd.Kind {
	case textdata.Null:
		return b.AppendNull()
	case textdata.True:
		return b.AppendBool(true)
	case textdata.False:
		return b.AppendBool(false)
	case textdata.String:
		return b.AppendString(p.Text(nd))
	case textdata.Int:
		return b.AppendJSONNumber(p.Text(nd), false)
	case textdata.Float:
		text := p.Text(nd)
		if textdata.IsNonNumeric(text) {
			f, _ := textdata.FloatValue(text, func(s []byte) (float64, bool) {
				f, err := strconv.ParseFloat(string(s), 64)
				return f, err == nil
			})
			return b.AppendDouble(f)
		}
		return b.AppendJSONNumber(text, true)
	case textdata.Object:
		o := b.StartObject()
		for c := nd.First; c >= 0; c = p.Node(c).Next {
			b.Field(o, p.Key(p.Node(c)))
			if err := appendJSONNode(b, p, c); err != nil {
				return err
			}
		}
		return b.FinishObject(o)
	case textdata.Array:
		w := b.StartArray()
		for c := nd.First; c >= 0; c = p.Node(c).Next {
			b.Elem(w)
			if err := appendJSONNode(b, p, c); err != nil {
				return err
			}
		}
		return b.FinishArray(w)
	}
	return variant.ErrJSON
}

// variantBuilders are variant builders for from_json's VARIANT fields.
var variantBuilders = sync.Pool{New: func() any { return variant.NewBuilder(false) }}

// appendVariantField appends a VARIANT field of from_json's schema (JacksonParser's
// parseVariant): any value, JSON null being the variant null; a value that does not
// build (a repeated key) is NULL and makes the record bad.
func appendVariantField(b array.Builder, p *textdata.Parser, i int32) (bad bool) {
	vb := variantBuilders.Get().(*variant.Builder)
	defer variantBuilders.Put(vb)
	vb.Reset()
	sb := b.(*array.StructBuilder)
	err := appendJSONNode(vb, p, i)
	var meta []byte
	if err == nil {
		meta, err = vb.AppendMetadata(nil)
	}
	if err != nil {
		sb.AppendNull()
		return true
	}
	sb.Append(true)
	sb.FieldBuilder(0).(*array.BinaryBuilder).Append(vb.Value())
	sb.FieldBuilder(1).(*array.BinaryBuilder).Append(meta)
	return false
}

func isVariantResult(t types.DataType) bool {
	_, ok := t.(types.VariantType)
	return ok
}

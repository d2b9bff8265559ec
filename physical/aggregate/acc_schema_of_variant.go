package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/sql/variant"
)

// schema_of_variant_agg(v): the merged schema of a group's variants (SchemaOfVariantAgg):
// each value's schema_of_variant merged as JsonInferSchema.compatibleType merges types,
// VARIANT where they conflict; VOID for a group of NULLs. The state is the schema in
// variant.AppendSchema's binary form.

func init() {
	aliases["schema_of_variant_agg"] = "schema_of_variant_agg"
	extraResolvers["schema_of_variant_agg"] = (*Function).resolveSchemaOfVariantAgg
}

func (f *Function) resolveSchemaOfVariantAgg() error {
	if len(f.argTypes) != 1 {
		return f.wrongArgs("1")
	}
	switch f.sparkArgs[0].(type) {
	case types.VariantType, types.NullType:
	default:
		return f.badType(f.sparkArgs[0], `"VARIANT"`)
	}
	f.result, f.nullable = types.String, false
	f.state = []arrow.Field{{Name: "schema", Type: arrow.BinaryTypes.Binary}}
	f.factory = func() Accumulator { return &schemaOfVariantAcc{} }
	return nil
}

type schemaOfVariantAcc struct {
	groups []*variant.Schema // nil: VOID
}

func (a *schemaOfVariantAcc) Resize(n int) {
	for len(a.groups) < n {
		a.groups = append(a.groups, nil)
	}
}

func (a *schemaOfVariantAcc) Size() int64 { return int64(cap(a.groups)) * 64 }
func (a *schemaOfVariantAcc) Release()    {}

func (a *schemaOfVariantAcc) merge(g uint32, s *variant.Schema) {
	if cur := a.groups[g]; cur != nil {
		s = variant.MergeSchema(cur, s)
	}
	a.groups[g] = s
}

func (a *schemaOfVariantAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	st, ok := arg.(*array.Struct)
	if !ok || st.NumField() != 2 {
		return sparkerror.InternalError("schema_of_variant_agg over %s", arg.DataType())
	}
	stType := st.DataType().(*arrow.StructType)
	var values, metas *array.Binary
	for k, fld := range stType.Fields() {
		switch fld.Name {
		case "value":
			values, _ = st.Field(k).(*array.Binary)
		case "metadata":
			metas, _ = st.Field(k).(*array.Binary)
		}
	}
	if values == nil || metas == nil {
		return sparkerror.InternalError("schema_of_variant_agg over %s", arg.DataType())
	}
	for i, gi := range g {
		if st.IsNull(i) {
			continue
		}
		v, err := variant.New(values.Value(i), metas.Value(i))
		if err != nil {
			return err
		}
		s, err := variant.SchemaOf(v)
		if err != nil {
			return err
		}
		a.merge(gi, s)
	}
	return nil
}

func (a *schemaOfVariantAcc) Merge(g []uint32, state []arrow.Array) error {
	col, ok := state[0].(*array.Binary)
	if !ok {
		if state[0].DataType().ID() == arrow.NULL {
			return nil
		}
		return sparkerror.InternalError("schema_of_variant_agg state of type %s", state[0].DataType())
	}
	for i, gi := range g {
		if col.IsNull(i) {
			continue
		}
		s, _, err := variant.DecodeSchema(col.Value(i))
		if err != nil {
			return sparkerror.InternalError("schema_of_variant_agg state: %v", err)
		}
		a.merge(gi, s)
	}
	return nil
}

func (a *schemaOfVariantAcc) State() ([]arrow.Array, error) {
	b := array.NewBinaryBuilder(memory.DefaultAllocator, arrow.BinaryTypes.Binary)
	defer b.Release()
	var tmp []byte
	for _, s := range a.groups {
		if s == nil {
			s = variant.VoidSchema()
		}
		tmp = variant.AppendSchema(tmp[:0], s)
		b.Append(tmp)
	}
	return []arrow.Array{b.NewArray()}, nil
}

func (a *schemaOfVariantAcc) Evaluate() (arrow.Array, error) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for _, s := range a.groups {
		if s == nil {
			s = variant.VoidSchema()
		}
		b.Append(s.String())
	}
	return b.NewArray(), nil
}

package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/sql/variant"
)

func init() {
	register(variantExplodeEntriesFn, "variant_explode_entries")
}

// variantExplodeEntriesFn is the array of rows variant_explode makes of a value
// (VariantExplode.variantExplode): an object's fields as (position, key, value), an
// array's elements as (position, NULL, value), nothing for any other value or NULL. The
// planner runs inline over it.
func variantExplodeEntriesFn(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("variant_explode_entries", args, 1, 1); err != nil {
		return nil, err
	}
	at, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	lt, ok := at.(*arrow.ListType)
	if !ok {
		return nil, sparkerror.InternalError("variant_explode_entries of type %s", at)
	}
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		offs := make([]int32, n+1)
		var pos []int32
		koffs := []int32{0}
		var kdata []byte
		var nullKeys []int
		vals := newVariantWriter(0)
		if !isNullType(a[0]) {
			r, err := readVariants(a[0])
			if err != nil {
				return nil, err
			}
			for i := 0; i < n; i++ {
				offs[i+1] = offs[i]
				if r.isNull(i) {
					continue
				}
				v, err := r.at(i)
				if err != nil {
					return nil, err
				}
				t, err := v.Type()
				if err != nil {
					return nil, err
				}
				var size int
				switch t {
				case variant.Object:
					size, err = v.ObjectSize()
				case variant.Array:
					size, err = v.ArraySize()
				}
				if err != nil {
					return nil, err
				}
				for j := 0; j < size; j++ {
					var e variant.Variant
					if t == variant.Object {
						var key []byte
						if key, e, err = v.FieldAt(j); err != nil {
							return nil, err
						}
						kdata = append(kdata, key...)
					} else {
						if e, _, err = v.Elem(j); err != nil {
							return nil, err
						}
						nullKeys = append(nullKeys, len(pos))
					}
					koffs = append(koffs, int32(len(kdata)))
					pos = append(pos, int32(j))
					raw, err := e.Bytes()
					if err != nil {
						return nil, err
					}
					if err := vals.appendRaw(raw, v.Metadata()); err != nil {
						return nil, err
					}
				}
				offs[i+1] = int32(len(pos))
			}
		}
		m := len(pos)
		var kvalid words
		if len(nullKeys) > 0 {
			kvalid = allOnes(m)
			for _, j := range nullKeys {
				kvalid.clear(j)
			}
		}
		if pos == nil {
			pos = []int32{}
		}
		if kdata == nil {
			kdata = []byte{}
		}
		posArr := newFixed(arrow.PrimitiveTypes.Int32, pos, nil)
		defer posArr.Release()
		keyArr := newVar(arrow.BinaryTypes.String, koffs, kdata, kvalid)
		defer keyArr.Release()
		valArr := vals.finish()
		defer valArr.Release()
		entries := array.NewData(lt.Elem(), m, []*memory.Buffer{nil}, []arrow.ArrayData{posArr.Data(), keyArr.Data(), valArr.Data()}, 0, 0)
		defer entries.Release()
		d := array.NewData(at, n, []*memory.Buffer{nil, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{entries}, 0, 0)
		defer d.Release()
		return array.MakeFromData(d), nil
	}
	return lenientFunc("variant_explode_entries", args, at, true, k), nil
}

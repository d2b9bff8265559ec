package analyzer

import "github.com/sailgo/sail/sql/types"

// sameShape reports whether a and b are the same type when field names and nullability
// are ignored (Spark's DataType.equalsStructurally): the values of an IN list may be
// structs whose fields are named differently from the value's, e.g. (a, b) IN ((1, 2)).
func sameShape(a, b types.DataType) bool {
	switch x := a.(type) {
	case types.ArrayType:
		y, ok := b.(types.ArrayType)
		return ok && sameShape(x.ElementType, y.ElementType)
	case types.MapType:
		y, ok := b.(types.MapType)
		return ok && sameShape(x.KeyType, y.KeyType) && sameShape(x.ValueType, y.ValueType)
	case *types.StructType:
		y, ok := b.(*types.StructType)
		if !ok || len(x.Fields) != len(y.Fields) {
			return false
		}
		for i := range x.Fields {
			if !sameShape(x.Fields[i].DataType, y.Fields[i].DataType) {
				return false
			}
		}
		return true
	}
	return types.Equal(a, b)
}

// allSameShape reports whether every type in ts has the shape of the first.
func allSameShape(ts []types.DataType) bool {
	for _, t := range ts[1:] {
		if !sameShape(ts[0], t) {
			return false
		}
	}
	return true
}

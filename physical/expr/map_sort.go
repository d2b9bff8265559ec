package expr

import (
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// map_sort is Spark's internal MapSort, which the planner puts around grouping, DISTINCT
// and partitioning keys that hold maps: two maps with the same entries in a different
// order are the same group only once their entries are in key order. It sorts the entries
// of every map in the value, also maps nested in structs, arrays and map values (map keys
// cannot hold maps). It is not a SQL function: the analyzer's registry does not know it.
func init() {
	collRegister(true, false, mapSortK, "map_sort")
}

func mapSortK(_ []Expr, _ []types.DataType, _ types.DataType, _ arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, _ int) (arrow.Array, error) { return sortMapEntries(a[0]) }, false, nil
}

// HoldsMap reports whether values of t contain a map at any depth.
func HoldsMap(t arrow.DataType) bool {
	switch t := t.(type) {
	case *arrow.MapType:
		return true
	case *arrow.StructType:
		for _, f := range t.Fields() {
			if HoldsMap(f.Type) {
				return true
			}
		}
	case arrow.ListLikeType:
		return HoldsMap(t.Elem())
	}
	return false
}

// sortMapEntries returns a with every map's entries in ascending key order.
func sortMapEntries(a arrow.Array) (arrow.Array, error) {
	if !HoldsMap(a.DataType()) {
		a.Retain()
		return a, nil
	}
	switch dt := a.DataType().(type) {
	case *arrow.MapType:
		return sortMapArray(dt, a)
	case *arrow.StructType:
		s := a.(*array.Struct)
		children := make([]arrow.ArrayData, s.NumField())
		for f := range s.NumField() {
			c, err := sortMapEntries(s.Field(f))
			if err != nil {
				for _, d := range children[:f] {
					d.Release()
				}
				return nil, err
			}
			children[f] = c.Data()
			children[f].Retain()
			c.Release()
		}
		vb, nulls := validBuffer(validity(a), a.Len())
		d := array.NewData(dt, a.Len(), []*memory.Buffer{vb}, children, nulls, 0)
		for _, c := range children {
			c.Release()
		}
		defer d.Release()
		return array.MakeFromData(d), nil
	case *arrow.ListType:
		l := collViewList(a)
		vals, err := sortMapEntries(l.values)
		if err != nil {
			return nil, err
		}
		defer vals.Release()
		return collNewList(dt, l.offs, l.valid, vals), nil
	}
	return nil, sparkerror.NotImplemented("map_sort over Arrow type " + a.DataType().String())
}

// sortMapArray orders each map's entries by key, after sorting maps inside the values.
func sortMapArray(dt *arrow.MapType, a arrow.Array) (arrow.Array, error) {
	l := collViewList(a)
	keys, vals := collMapParts(l)
	vals, err := sortMapEntries(vals)
	if err != nil {
		return nil, err
	}
	defer vals.Release()
	mk, err := newRowCmp(keys.DataType())
	if err != nil {
		return nil, err
	}
	cmp := mk(keys, keys)
	n := a.Len()
	r := collNewRefs(n)
	for i := range n {
		if l.isNull(i) {
			r.end(true)
			continue
		}
		s, e := l.span(i)
		start := len(r.idx)
		for j := s; j < e; j++ {
			r.add(0, j)
		}
		// Keys are unique and never NULL within a map, so the order is total.
		slices.SortFunc(r.idx[start:], func(x, y int32) int { return cmp(int(x), int(y)) })
		r.end(false)
	}
	k, err := r.elements(dt.KeyType(), []arrow.Array{keys})
	if err != nil {
		return nil, err
	}
	defer k.Release()
	v, err := r.elements(dt.ItemType(), []arrow.Array{vals})
	if err != nil {
		return nil, err
	}
	defer v.Release()
	return collNewMapArray(dt, r.offs, r.valid, k, v), nil
}

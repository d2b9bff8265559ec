package source

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/compute/exec"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// conform converts an array read from a file to the exact Arrow type of its Spark column:
// dictionaries are decoded, large offsets narrowed, timestamps brought to microseconds with
// the column's zone, unsigned and narrower integers widened, fixed-size binaries made
// variable, and nested types rebuilt with Spark's child names. The result is a new
// reference.
func conform(mem memory.Allocator, a arrow.Array, target arrow.DataType) (arrow.Array, error) {
	src := a.DataType()
	if arrow.TypeEqual(src, target) {
		a.Retain()
		return a, nil
	}
	ctx := exec.WithAllocator(context.Background(), mem)
	if d, ok := a.(*array.Dictionary); ok {
		dense, err := compute.TakeArray(ctx, d.Dictionary(), d.Indices())
		if err != nil {
			return nil, err
		}
		defer dense.Release()
		return conform(mem, dense, target)
	}
	switch t := target.(type) {
	case *arrow.TimestampType:
		if s, ok := src.(*arrow.TimestampType); ok {
			return rescaleTimestamps(mem, a, s.Unit, t)
		}
	case *arrow.StringType:
		switch src.ID() {
		case arrow.BINARY:
			return relabel(a, target), nil
		case arrow.LARGE_STRING, arrow.LARGE_BINARY, arrow.STRING_VIEW, arrow.BINARY_VIEW:
			return castLarge(ctx, a, target)
		}
	case *arrow.BinaryType:
		switch src.ID() {
		case arrow.STRING:
			return relabel(a, target), nil
		case arrow.FIXED_SIZE_BINARY:
			return fixedToBinary(mem, a.(*array.FixedSizeBinary)), nil
		case arrow.LARGE_STRING, arrow.LARGE_BINARY, arrow.STRING_VIEW, arrow.BINARY_VIEW:
			return castLarge(ctx, a, target)
		}
	case *arrow.ListType:
		var values arrow.Array
		switch s := a.(type) {
		case *array.List:
			values = s.ListValues()
		case *array.LargeList:
			l, err := castTo(ctx, a, arrow.ListOfField(s.DataType().(*arrow.LargeListType).ElemField()))
			if err != nil {
				return nil, err
			}
			defer l.Release()
			return conform(mem, l, target)
		default:
			return nil, fmt.Errorf("cannot read %s as %s", src, target)
		}
		elem, err := conform(mem, values, t.Elem())
		if err != nil {
			return nil, err
		}
		defer elem.Release()
		d := a.Data()
		out := array.NewData(target, d.Len(), d.Buffers(), []arrow.ArrayData{elem.Data()}, d.NullN(), d.Offset())
		defer out.Release()
		return array.MakeFromData(out), nil
	case *arrow.MapType:
		s, ok := a.(*array.Map)
		if !ok {
			return nil, fmt.Errorf("cannot read %s as %s", src, target)
		}
		keys, err := conform(mem, s.Keys(), t.KeyType())
		if err != nil {
			return nil, err
		}
		defer keys.Release()
		items, err := conform(mem, s.Items(), t.ItemType())
		if err != nil {
			return nil, err
		}
		defer items.Release()
		// Keys and items are slices of the entries struct; rebuild it whole.
		entries := s.ListValues().Data()
		entryType := t.Elem().(*arrow.StructType)
		ed := array.NewData(entryType, entries.Len(), entries.Buffers(),
			[]arrow.ArrayData{keys.Data(), items.Data()}, entries.NullN(), entries.Offset())
		defer ed.Release()
		if keys.Len() != entries.Len() || keys.Data().Offset() != 0 || items.Data().Offset() != 0 {
			return nil, fmt.Errorf("unexpected map layout")
		}
		d := a.Data()
		out := array.NewData(target, d.Len(), d.Buffers(), []arrow.ArrayData{ed}, d.NullN(), d.Offset())
		defer out.Release()
		return array.MakeFromData(out), nil
	case *arrow.StructType:
		s, ok := a.(*array.Struct)
		if !ok {
			return nil, fmt.Errorf("cannot read %s as %s", src, target)
		}
		st := s.DataType().(*arrow.StructType)
		d := a.Data()
		children := make([]arrow.ArrayData, t.NumFields())
		for i, f := range t.Fields() {
			idx, found := st.FieldIdx(f.Name)
			var c arrow.Array
			var err error
			if found {
				// Struct children keep the parent's offset in their data: take them whole.
				whole := array.MakeFromData(d.Children()[idx])
				c, err = conform(mem, whole, f.Type)
				whole.Release()
			} else {
				c = array.MakeArrayOfNull(mem, f.Type, d.Len()+d.Offset())
			}
			if err != nil {
				for _, x := range children {
					if x != nil {
						x.Release()
					}
				}
				return nil, err
			}
			children[i] = c.Data()
			c.Data().Retain()
			c.Release()
		}
		out := array.NewData(target, d.Len(), d.Buffers(), children, d.NullN(), d.Offset())
		for _, c := range children {
			c.Release()
		}
		defer out.Release()
		return array.MakeFromData(out), nil
	}
	return castTo(ctx, a, target)
}

// castTo is Arrow's safe cast.
func castTo(ctx context.Context, a arrow.Array, target arrow.DataType) (arrow.Array, error) {
	return compute.CastArray(ctx, a, compute.SafeCastOptions(target))
}

// relabel reuses the buffers of a with another type of the same layout.
func relabel(a arrow.Array, target arrow.DataType) arrow.Array {
	d := a.Data()
	nd := array.NewData(target, d.Len(), d.Buffers(), d.Children(), d.NullN(), d.Offset())
	defer nd.Release()
	return array.MakeFromData(nd)
}

// castLarge casts large or view strings and binaries to utf8 or binary.
func castLarge(ctx context.Context, a arrow.Array, target arrow.DataType) (arrow.Array, error) {
	if a.DataType().ID() == arrow.LARGE_BINARY && target.ID() == arrow.STRING {
		l := relabel(a, arrow.BinaryTypes.LargeString)
		defer l.Release()
		return castTo(ctx, l, target)
	}
	if a.DataType().ID() == arrow.LARGE_STRING && target.ID() == arrow.BINARY {
		l := relabel(a, arrow.BinaryTypes.LargeBinary)
		defer l.Release()
		return castTo(ctx, l, target)
	}
	return castTo(ctx, a, target)
}

// fixedToBinary copies fixed-size binary values into a variable binary array.
func fixedToBinary(mem memory.Allocator, a *array.FixedSizeBinary) arrow.Array {
	b := array.NewBinaryBuilder(mem, arrow.BinaryTypes.Binary)
	defer b.Release()
	b.Reserve(a.Len())
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			b.AppendNull()
			continue
		}
		b.Append(a.Value(i))
	}
	return b.NewArray()
}

// rescaleTimestamps converts timestamps to the target unit (flooring, as Spark does for
// INT96 nanoseconds) and relabels their zone.
func rescaleTimestamps(mem memory.Allocator, a arrow.Array, from arrow.TimeUnit, to *arrow.TimestampType) (arrow.Array, error) {
	src := a.(*array.Timestamp)
	mul, div := int64(1), int64(1)
	f, t := from.Multiplier(), to.Unit.Multiplier() // nanoseconds per unit
	if f > t {
		mul = int64(f / t)
	} else {
		div = int64(t / f)
	}
	b := array.NewTimestampBuilder(mem, to)
	defer b.Release()
	b.Reserve(src.Len())
	vals := src.TimestampValues()
	for i, v := range vals {
		if src.IsNull(i) {
			b.AppendNull()
			continue
		}
		x := int64(v)
		if div > 1 {
			q := x / div
			if x%div < 0 {
				q--
			}
			x = q
		} else {
			x *= mul
		}
		b.Append(arrow.Timestamp(x))
	}
	return b.NewArray(), nil
}

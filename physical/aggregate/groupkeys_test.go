package aggregate

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestGroupTableCompositeKeys interns random composite keys of every flat kind the key
// encoder handles (strings whose bytes could blur column boundaries, booleans, 32-bit
// integers, decimals, doubles with NaN and -0.0), with nulls, over several batches; the
// group ids must match grouping by the keys' printed values, KeyColumns must give each
// group's key, and Lookup must find every group.
func TestGroupTableCompositeKeys(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	types := []arrow.DataType{arrow.BinaryTypes.String, arrow.FixedWidthTypes.Boolean, arrow.PrimitiveTypes.Int32,
		&arrow.Decimal128Type{Precision: 20, Scale: 2}, arrow.PrimitiveTypes.Float64, arrow.BinaryTypes.Binary}
	tab, err := NewGroupTable(types)
	if err != nil {
		t.Fatal(err)
	}
	if tab.kenc == nil {
		t.Fatal("flat keys should use the key encoder")
	}
	strsPool := []string{"", "a", "ab", "\x00", "a\x00", "\x01\x00\x00\x00a", "b"}
	floats := []float64{0, math.Copysign(0, -1), math.NaN(), 1.5, -2}
	want := map[string]uint32{}
	var order []string
	for batch := range 4 {
		n := 700 + batch
		bs := make([]array.Builder, len(types))
		for c, dt := range types {
			bs[c] = array.NewBuilder(memory.DefaultAllocator, dt)
		}
		rowKeys := make([]string, n)
		for i := range n {
			var parts []string
			for c := range types {
				if r.Intn(8) == 0 {
					bs[c].AppendNull()
					parts = append(parts, "null")
					continue
				}
				switch b := bs[c].(type) {
				case *array.StringBuilder:
					v := strsPool[r.Intn(len(strsPool))]
					b.Append(v)
					parts = append(parts, fmt.Sprintf("%q", v))
				case *array.BooleanBuilder:
					v := r.Intn(2) == 0
					b.Append(v)
					parts = append(parts, fmt.Sprint(v))
				case *array.Int32Builder:
					v := int32(r.Intn(3) - 1)
					b.Append(v)
					parts = append(parts, fmt.Sprint(v))
				case *array.Decimal128Builder:
					v := decimal128.New(int64(r.Intn(2))-1, uint64(r.Intn(2)))
					b.Append(v)
					parts = append(parts, v.BigInt().String())
				case *array.Float64Builder:
					v := floats[r.Intn(len(floats))]
					b.Append(v)
					k := fmt.Sprint(v)
					if v == 0 {
						k = "0"
					}
					parts = append(parts, k)
				case *array.BinaryBuilder:
					v := strsPool[r.Intn(len(strsPool))]
					b.Append([]byte(v))
					parts = append(parts, fmt.Sprintf("%q", v))
				}
			}
			rowKeys[i] = strings.Join(parts, "|")
		}
		cols := make([]arrow.Array, len(types))
		for c, b := range bs {
			cols[c] = b.NewArray()
			b.Release()
		}
		// Slices exercise array offsets.
		if batch == 3 {
			for c := range cols {
				s := array.NewSlice(cols[c], 5, int64(n))
				cols[c].Release()
				cols[c] = s
			}
			rowKeys = rowKeys[5:]
		}
		ids := tab.Intern(cols, nil)
		for i, k := range rowKeys {
			g, ok := want[k]
			if !ok {
				g = uint32(len(order))
				want[k] = g
				order = append(order, k)
			}
			if ids[i] != g {
				t.Fatalf("batch %d row %d (%s): group %d, want %d", batch, i, k, ids[i], g)
			}
		}
		var sc LookupScratch
		found := tab.Lookup(cols, nil, &sc)
		for i := range rowKeys {
			if found[i] != int32(ids[i]) {
				t.Fatalf("batch %d row %d: lookup %d, want %d", batch, i, found[i], ids[i])
			}
		}
		releaseAll(cols)
	}
	if tab.NumGroups() != len(order) {
		t.Fatalf("%d groups, want %d", tab.NumGroups(), len(order))
	}
	keys, err := tab.KeyColumns()
	if err != nil {
		t.Fatal(err)
	}
	defer releaseAll(keys)
	for g := range order {
		var parts []string
		for c := range types {
			k := keys[c]
			if k.IsNull(g) {
				parts = append(parts, "null")
				continue
			}
			switch a := k.(type) {
			case *array.String:
				parts = append(parts, fmt.Sprintf("%q", a.Value(g)))
			case *array.Binary:
				parts = append(parts, fmt.Sprintf("%q", string(a.Value(g))))
			case *array.Boolean:
				parts = append(parts, fmt.Sprint(a.Value(g)))
			case *array.Int32:
				parts = append(parts, fmt.Sprint(a.Value(g)))
			case *array.Decimal128:
				parts = append(parts, a.Value(g).BigInt().String())
			case *array.Float64:
				v := a.Value(g)
				s := fmt.Sprint(v)
				if v == 0 {
					s = "0"
				}
				parts = append(parts, s)
			}
		}
		if got := strings.Join(parts, "|"); got != order[g] {
			t.Fatalf("group %d key %s, want %s", g, got, order[g])
		}
	}
}

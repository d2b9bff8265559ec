package aggregate

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestGroupTableDenseIndex checks that a dense index finds what the hash slots find: the
// same group for every present key, -1 for absent ones (below, inside and above the
// span), the NULL group for NULLs; that it is built only for integer keys of a small
// span; and that Intern still works after it.
func TestGroupTableDenseIndex(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for _, c := range []struct {
		name  string
		dt    arrow.DataType
		build []any // int64 values or nil for NULL
		dense bool
	}{
		{"int64-contiguous", arrow.PrimitiveTypes.Int64, seq(1, 1000, 1), true},
		{"int64-every-fourth-with-null", arrow.PrimitiveTypes.Int64, append(seq(100, 40000, 4), nil), true},
		{"int64-negative", arrow.PrimitiveTypes.Int64, seq(-500, 500, 1), false}, // spans the sign bit
		{"int32-positive", arrow.PrimitiveTypes.Int32, seq(7, 70000, 7), true},
		{"int32-negative-only", arrow.PrimitiveTypes.Int32, seq(-3000, -1, 3), true},
		{"date32", arrow.FixedWidthTypes.Date32, seq(8000, 9000, 1), true},
		{"int64-sparse", arrow.PrimitiveTypes.Int64, []any{int64(1), int64(1 << 40), int64(5)}, false},
		{"int64-wide-span", arrow.PrimitiveTypes.Int64, seq(0, 100000*1000, 100000), false},
		{"float64", arrow.PrimitiveTypes.Float64, seq(1, 100, 1), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab, err := NewGroupTable([]arrow.DataType{c.dt})
			if err != nil {
				t.Fatal(err)
			}
			build := intArray(t, c.dt, c.build)
			defer build.Release()
			ids := tab.Intern([]arrow.Array{build}, nil)
			// Probes: every build key, NULLs, and keys around and between them.
			var probe []any
			for _, v := range c.build {
				probe = append(probe, v)
				if v != nil {
					x := v.(int64)
					probe = append(probe, x-1, x+1, x+1000003)
				}
			}
			probe = append(probe, nil, int64(-1<<40), int64(1<<62))
			r.Shuffle(len(probe), func(i, j int) { probe[i], probe[j] = probe[j], probe[i] })
			p := intArray(t, c.dt, probe)
			defer p.Release()
			var sc LookupScratch
			want := slices.Clone(tab.Lookup([]arrow.Array{p}, nil, &sc))
			if got := tab.DenseIndex(); got != c.dense {
				t.Fatalf("DenseIndex() = %v, want %v", got, c.dense)
			}
			got := tab.Lookup([]arrow.Array{p}, nil, &sc)
			if !slices.Equal(got, want) {
				t.Fatalf("dense lookup %v\nwant %v", got, want)
			}
			// The build rows find their own groups.
			self := tab.Lookup([]arrow.Array{build}, nil, &sc)
			for i, id := range ids {
				if self[i] != int32(id) {
					t.Fatalf("row %d: group %d, want %d", i, self[i], id)
				}
			}
			// Interning after the index: old keys keep their groups, new ones get new groups.
			groups := tab.NumGroups()
			again := tab.Intern([]arrow.Array{build}, nil)
			if !slices.Equal(again, ids) || tab.NumGroups() != groups {
				t.Fatalf("intern after the index: groups %d -> %d", groups, tab.NumGroups())
			}
			extra := intArray(t, c.dt, []any{int64(123456789)})
			defer extra.Release()
			if id := tab.Intern([]arrow.Array{extra}, nil); id[0] != uint32(groups) && !slices.Contains(c.build, any(int64(123456789))) {
				t.Fatalf("new key got group %d, want %d", id[0], groups)
			}
		})
	}
}

func seq(lo, hi, step int64) []any {
	var out []any
	for v := lo; v <= hi; v += step {
		out = append(out, v)
	}
	return out
}

// intArray builds an array of an integer-like type from int64 values (nil: NULL).
func intArray(t *testing.T, dt arrow.DataType, vals []any) arrow.Array {
	t.Helper()
	b := array.NewBuilder(memory.DefaultAllocator, dt)
	defer b.Release()
	for _, v := range vals {
		if v == nil {
			b.AppendNull()
			continue
		}
		x := v.(int64)
		switch bb := b.(type) {
		case *array.Int64Builder:
			bb.Append(x)
		case *array.Int32Builder:
			bb.Append(int32(x))
		case *array.Date32Builder:
			bb.Append(arrow.Date32(x))
		case *array.Float64Builder:
			bb.Append(float64(x))
		default:
			t.Fatalf("type %s", dt)
		}
	}
	return b.NewArray()
}

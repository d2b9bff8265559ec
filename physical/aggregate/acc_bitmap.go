package aggregate

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// bitmap_construct_agg, bitmap_or_agg and bitmap_and_agg: every group keeps a 4096-byte
// bitmap (all zeros, all ones for bitmap_and_agg); the result is the bitmap, never NULL.

func init() {
	for _, n := range []string{"bitmap_construct_agg", "bitmap_or_agg", "bitmap_and_agg"} {
		aliases[n] = n
	}
}

func (f *Function) resolveBitmapAgg() error {
	if len(f.argTypes) != 1 {
		return f.wrongArgs("1")
	}
	switch f.name {
	case "bitmap_construct_agg":
		if !isIntegral(f.sparkArgs[0]) {
			if _, isNull := f.sparkArgs[0].(types.NullType); !isNull {
				return f.badType(f.sparkArgs[0], `"BIGINT"`)
			}
		}
	default:
		switch f.sparkArgs[0].(type) {
		case types.BinaryType, types.NullType:
		default:
			return f.badType(f.sparkArgs[0], `"BINARY"`)
		}
	}
	f.result, f.nullable = types.Binary, false
	f.state = []arrow.Field{{Name: "bitmap", Type: arrow.BinaryTypes.Binary}}
	op := f.name
	f.factory = func() Accumulator {
		var fill byte
		if op == "bitmap_and_agg" {
			fill = 0xFF
		}
		return &bitmapAcc{op: op, fill: fill}
	}
	return nil
}

type bitmapAcc struct {
	op   string
	fill byte
	bits []byte // BitmapNumBytes per group
}

func (a *bitmapAcc) Resize(n int) {
	old := len(a.bits)
	a.bits = extend(a.bits, n*expr.BitmapNumBytes)
	if a.fill != 0 {
		for i := old; i < len(a.bits); i++ {
			a.bits[i] = a.fill
		}
	}
}
func (a *bitmapAcc) Size() int64 { return int64(cap(a.bits)) }
func (a *bitmapAcc) Release()    {}

func (a *bitmapAcc) group(g uint32) []byte {
	return a.bits[int(g)*expr.BitmapNumBytes : (int(g)+1)*expr.BitmapNumBytes]
}

func (a *bitmapAcc) Update(g []uint32, args []arrow.Array) error {
	arg := args[0]
	if arg.DataType().ID() == arrow.NULL {
		return nil
	}
	if a.op == "bitmap_construct_agg" {
		return a.construct(g, arg)
	}
	return a.Merge(g, args)
}

func (a *bitmapAcc) construct(g []uint32, arg arrow.Array) error {
	vb, voff := validity(arg)
	for i, gi := range g {
		if !isValid(vb, voff, i) {
			continue
		}
		pos := intAt(arg, i)
		if pos < 0 || pos >= expr.BitmapNumBits {
			return sparkerror.New(sparkerror.ArrayIndexOutOfBounds, "INVALID_BITMAP_POSITION", "22003",
				"The 0-indexed bitmap position <bitPosition> is out of bounds. The bitmap has <bitmapNumBits> bits (<bitmapNumBytes> bytes).",
				map[string]string{"bitPosition": strconv.FormatInt(pos, 10), "bitmapNumBytes": strconv.Itoa(expr.BitmapNumBytes),
					"bitmapNumBits": strconv.Itoa(expr.BitmapNumBits)})
		}
		a.group(gi)[pos/8] |= 1 << (pos % 8)
	}
	return nil
}

// Merge ORs (ANDs for bitmap_and_agg) bitmaps into the groups; bitmap_construct_agg and
// bitmap_or_agg take their states the same way.
func (a *bitmapAcc) Merge(g []uint32, state []arrow.Array) error {
	col := state[0]
	if col.DataType().ID() == arrow.NULL {
		return nil
	}
	vb, voff := validity(col)
	offs, data := varOffsets(col)
	and := a.op == "bitmap_and_agg"
	for i, gi := range g {
		if !isValid(vb, voff, i) {
			continue
		}
		in := data[offs[i]:offs[i+1]]
		dst := a.group(gi)
		m := min(len(in), len(dst))
		if and {
			for k := 0; k < m; k++ {
				dst[k] &= in[k]
			}
			clear(dst[m:])
			continue
		}
		for k := 0; k < m; k++ {
			dst[k] |= in[k]
		}
	}
	return nil
}

func (a *bitmapAcc) build() arrow.Array {
	n := len(a.bits) / expr.BitmapNumBytes
	offs := make([]int32, n+1)
	for i := range offs {
		offs[i] = int32(i * expr.BitmapNumBytes)
	}
	d := array.NewData(arrow.BinaryTypes.Binary, n, []*memory.Buffer{nil, buf(asBytes(offs)), buf(a.bits)}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func (a *bitmapAcc) State() ([]arrow.Array, error)  { return []arrow.Array{a.build()}, nil }
func (a *bitmapAcc) Evaluate() (arrow.Array, error) { return a.build(), nil }

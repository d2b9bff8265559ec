package physical

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

type winKind uint8

const (
	kRowNumber winKind = iota
	kRank
	kDenseRank
	kPercentRank
	kCumeDist
	kNtile
	kOffset // lag, lead
	kNthValue
	kFirst
	kLast
	kAgg
)

// winFunc is a resolved window function.
type winFunc struct {
	call      WindowFunc
	kind      winKind
	fn        string // lower-case name
	name      string // output column
	sparkType types.DataType
	arrowType arrow.DataType
	nullable  bool
	frame     *WindowFrame // nil: the function has no frame
	frameIdx  int
	input     expr.Expr
	offset    int64 // lag/lead (signed: lag < 0), nth_value, ntile buckets
	def       expr.Expr
	ignore    bool
	agg       *aggregate.Function
	aggKind   aggKind
}

func windowArgError(fn string, want string, got int) error {
	return sparkerror.New(sparkerror.Analysis, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "42605",
		"The `<functionName>` requires <expectedNum> parameters but the actual number is <actualNum>.",
		map[string]string{"functionName": fn, "expectedNum": want, "actualNum": fmt.Sprint(got)})
}

func valueOutOfRange(expr, rng string, v int64) error {
	return sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
		"Cannot resolve due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
		map[string]string{"exprName": "`" + expr + "`", "valueRange": rng, "currentValue": fmt.Sprint(v)})
}

// constantInt evaluates a constant integral argument.
func constantInt(e expr.Expr, what string) (int64, error) {
	v, err := constantValue(e, what)
	if err != nil {
		return 0, err
	}
	defer v.Release()
	n, ok := integerValue(v)
	if !ok || v.IsNull(0) {
		return 0, sparkerror.InvalidPlanInput("%s must be a non-null integer constant, not %s", what, e)
	}
	return n, nil
}

func resolveWindowFunc(call WindowFunc, orderBy []SortKey) (*winFunc, error) {
	f := &winFunc{call: call, fn: strings.ToLower(call.Fn), ignore: call.IgnoreNulls}
	args := call.Args
	framed := func() {
		fr := call.Frame
		if fr.unset() {
			if len(orderBy) > 0 {
				fr = RunningFrame
			} else {
				fr = WholePartition
			}
			fr.TimeZone = call.Frame.TimeZone
		}
		f.frame = &fr
	}
	inputTyped := func() error {
		f.input = args[0]
		f.arrowType = args[0].DataType()
		st, err := types.FromArrow(f.arrowType)
		if err != nil {
			return err
		}
		f.sparkType, f.nullable = st, true
		return nil
	}
	switch f.fn {
	case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist":
		// rank-like functions read the ORDER BY keys; the analyzer may pass them as arguments
		f.kind = map[string]winKind{"row_number": kRowNumber, "rank": kRank, "dense_rank": kDenseRank,
			"percent_rank": kPercentRank, "cume_dist": kCumeDist}[f.fn]
		f.sparkType, f.arrowType = types.Integer, arrow.PrimitiveTypes.Int32
		if f.kind == kPercentRank || f.kind == kCumeDist {
			f.sparkType, f.arrowType = types.Double, arrow.PrimitiveTypes.Float64
		}
	case "ntile":
		f.kind, f.offset = kNtile, 1
		if len(args) > 1 {
			return nil, windowArgError(f.fn, "[0, 1]", len(args))
		}
		if len(args) == 1 {
			n, err := constantInt(args[0], "ntile's buckets")
			if err != nil {
				return nil, err
			}
			if n <= 0 || n > 1<<31-1 {
				return nil, valueOutOfRange("buckets", "(0, 2147483647]", n)
			}
			f.offset = n
		}
		f.sparkType, f.arrowType = types.Integer, arrow.PrimitiveTypes.Int32
	case "lag", "lead":
		f.kind = kOffset
		if len(args) < 1 || len(args) > 3 {
			return nil, windowArgError(f.fn, "[1, 2, 3]", len(args))
		}
		if err := inputTyped(); err != nil {
			return nil, err
		}
		f.offset = 1
		if len(args) > 1 {
			n, err := constantInt(args[1], f.fn+"'s offset")
			if err != nil {
				return nil, err
			}
			f.offset = n
		}
		// Offsets beyond any partition behave alike; clamping keeps the arithmetic exact.
		f.offset = min(max(f.offset, -1<<40), 1<<40)
		if f.fn == "lag" {
			f.offset = -f.offset
		}
		if len(args) > 2 && args[2].DataType().ID() != arrow.NULL {
			if !arrow.TypeEqual(args[2].DataType(), f.arrowType) {
				return nil, sparkerror.InternalError("%s: the default value is %s, not %s like the input",
					f.fn, args[2].DataType(), f.arrowType)
			}
			f.def = args[2]
		}
	case "nth_value":
		f.kind = kNthValue
		if len(args) != 2 {
			return nil, windowArgError(f.fn, "2", len(args))
		}
		if err := inputTyped(); err != nil {
			return nil, err
		}
		n, err := constantInt(args[1], "nth_value's offset")
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return nil, valueOutOfRange("offset", "(0, 9223372036854775807]", n)
		}
		f.offset = n
		framed()
	case "first_value", "first", "any_value", "last_value", "last":
		if call.Distinct || call.Filter != nil {
			return resolveWindowAgg(f, call, framed)
		}
		f.kind = kFirst
		if strings.HasPrefix(f.fn, "last") {
			f.kind = kLast
		}
		if len(args) < 1 || len(args) > 2 {
			return nil, windowArgError(f.fn, "[1, 2]", len(args))
		}
		if len(args) == 2 {
			v, err := constantValue(args[1], f.fn+"'s ignoreNulls")
			if err != nil {
				return nil, err
			}
			b, ok := v.(*array.Boolean)
			if !ok || b.IsNull(0) {
				v.Release()
				return nil, sparkerror.InvalidPlanInput("%s's second argument must be a boolean constant", f.fn)
			}
			f.ignore = f.ignore || b.Value(0)
			v.Release()
		}
		if err := inputTyped(); err != nil {
			return nil, err
		}
		framed()
	default:
		if !aggregate.Supported(f.fn) {
			return nil, sparkerror.NotImplemented("the window function " + call.Fn)
		}
		return resolveWindowAgg(f, call, framed)
	}
	return f.finish()
}

func (f *winFunc) finish() (*winFunc, error) {
	c := f.call
	if c.ResultType != nil && f.sparkType != nil && !types.EqualIgnoreNullability(c.ResultType, f.sparkType) {
		return nil, sparkerror.InternalError("window function %s: the analyzer's result type %s differs from %s",
			c.Fn, c.ResultType.SimpleString(), f.sparkType.SimpleString())
	}
	f.name = c.Name
	if f.name == "" {
		f.name = f.text()
	}
	return f, nil
}

// text renders the call, e.g. "lag(#1, 2, NULL)" or "sum(#2)".
func (f *winFunc) text() string {
	if f.agg != nil {
		return f.agg.String()
	}
	parts := make([]string, len(f.call.Args))
	for i, a := range f.call.Args {
		parts[i] = a.String()
	}
	s := f.fn + "(" + strings.Join(parts, ", ") + ")"
	if f.ignore {
		s += " IGNORE NULLS"
	}
	return s
}

func (f *winFunc) describe(w *Window) string {
	s := f.text()
	if f.frame != nil {
		s += " " + w.frames[f.frameIdx].desc
	}
	return s
}

func (f *winFunc) eval(u *winUnit) (arrow.Array, error) {
	switch f.kind {
	case kRowNumber, kRank, kDenseRank, kPercentRank, kCumeDist, kNtile:
		return f.evalRanking(u)
	case kOffset:
		return f.evalOffset(u)
	case kNthValue, kFirst, kLast:
		return f.evalPick(u)
	}
	return f.evalAgg(u)
}

func (f *winFunc) evalRanking(u *winUnit) (arrow.Array, error) {
	n := u.n
	var ps, pe []int32
	if f.kind == kRank || f.kind == kDenseRank || f.kind == kPercentRank || f.kind == kCumeDist {
		var err error
		if ps, pe, err = u.peers(); err != nil {
			return nil, err
		}
	}
	if f.kind == kPercentRank || f.kind == kCumeDist {
		out := make([]float64, n)
		for p := 0; p+1 < len(u.parts); p++ {
			s, e := int(u.parts[p]), int(u.parts[p+1])
			size := float64(e - s)
			for i := s; i < e; i++ {
				if f.kind == kCumeDist {
					out[i] = float64(int(pe[i])-s) / size
				} else if e-s > 1 {
					out[i] = float64(int(ps[i])-s) / (size - 1)
				}
			}
		}
		return float64Array(out, nil), nil
	}
	out := make([]int32, n)
	for p := 0; p+1 < len(u.parts); p++ {
		s, e := int(u.parts[p]), int(u.parts[p+1])
		switch f.kind {
		case kRowNumber:
			for i := s; i < e; i++ {
				out[i] = int32(i - s + 1)
			}
		case kRank:
			for i := s; i < e; i++ {
				out[i] = ps[i] - int32(s) + 1
			}
		case kDenseRank:
			r := int32(0)
			for i := s; i < e; i++ {
				if int(ps[i]) == i {
					r++
				}
				out[i] = r
			}
		case kNtile:
			// The first size%buckets buckets get one row more than the others.
			rows, b := int64(e-s), f.offset
			size, pad := rows/b, rows%b
			big := pad * (size + 1)
			for i := s; i < e; i++ {
				r := int64(i - s)
				if r < big {
					out[i] = int32(r/(size+1) + 1)
				} else {
					out[i] = int32(pad + (r-big)/size + 1)
				}
			}
		}
	}
	return int32Array(out), nil
}

// evalOffset is lag and lead: the value offset rows away in the partition, or the
// default; with IGNORE NULLS the offset-th non-null value strictly before (lag) or after
// (lead) the current row.
func (f *winFunc) evalOffset(u *winUnit) (arrow.Array, error) {
	in, err := u.eval(f.input)
	if err != nil {
		return nil, err
	}
	var def arrow.Array
	if f.def != nil {
		if def, err = u.eval(f.def); err != nil {
			return nil, err
		}
	}
	n := u.n
	idx := make([]int32, n)
	var src []int32
	if def != nil {
		src = make([]int32, n)
	}
	miss := func(i int) {
		if def != nil {
			src[i], idx[i] = 1, int32(i)
		} else {
			idx[i] = -1
		}
	}
	off := f.offset
	valid := validityOf(in)
	var pos []int32
	for p := 0; p+1 < len(u.parts); p++ {
		s, e := int(u.parts[p]), int(u.parts[p+1])
		if !f.ignore || off == 0 {
			for i := s; i < e; i++ {
				j := int64(i) + off // |off| <= 2^40: no overflow
				if j < int64(s) || j >= int64(e) {
					miss(i)
				} else {
					idx[i] = int32(j)
				}
			}
			continue
		}
		pos = pos[:0]
		for i := s; i < e; i++ {
			if valid.ok(i) {
				pos = append(pos, int32(i))
			}
		}
		c := int64(0) // non-null rows of the partition before i: pos[:c]
		for i := s; i < e; i++ {
			// lag: the -off-th of pos[:c] from the end; lead: the off-th of the non-nulls
			// after i, which start at pos[c], or pos[c+1] when i itself is non-null.
			t := c + off
			if off > 0 {
				t--
				if valid.ok(i) {
					t++
				}
			}
			if t >= 0 && t < int64(len(pos)) {
				idx[i] = pos[t]
			} else {
				miss(i)
			}
			if valid.ok(i) {
				c++
			}
		}
	}
	if def == nil {
		return aggregate.Take(in, idx)
	}
	return aggregate.Interleave(f.arrowType, []arrow.Array{in, def}, src, idx)
}

// evalPick is nth_value, first_value and last_value over the frame.
func (f *winFunc) evalPick(u *winUnit) (arrow.Array, error) {
	in, err := u.eval(f.input)
	if err != nil {
		return nil, err
	}
	lo, hi, err := u.bounds(f.frameIdx)
	if err != nil {
		return nil, err
	}
	n := u.n
	idx := make([]int32, n)
	valid := validityOf(in)
	if !f.ignore || !valid.any() {
		for i := range n {
			l, h := int64(lo[i]), int64(hi[i])
			idx[i] = -1
			switch f.kind {
			case kNthValue:
				if f.offset <= h-l {
					idx[i] = int32(l + f.offset - 1)
				}
			case kFirst:
				if l < h {
					idx[i] = int32(l)
				}
			case kLast:
				if l < h {
					idx[i] = int32(h - 1)
				}
			}
		}
		return aggregate.Take(in, idx)
	}
	// cnt[x]: non-null rows before x; pos: the non-null rows.
	cnt := make([]int32, n+1)
	pos := make([]int32, 0, n)
	for i := range n {
		cnt[i] = int32(len(pos))
		if valid.ok(i) {
			pos = append(pos, int32(i))
		}
	}
	cnt[n] = int32(len(pos))
	for i := range n {
		l, h := lo[i], hi[i]
		idx[i] = -1
		var t int64
		switch f.kind {
		case kNthValue:
			t = int64(cnt[l]) + min(f.offset, int64(n)+1) - 1
		case kFirst:
			t = int64(cnt[l])
		case kLast:
			t = int64(cnt[h]) - 1
		}
		if t >= int64(cnt[l]) && t < int64(cnt[h]) {
			idx[i] = pos[t]
		}
	}
	return aggregate.Take(in, idx)
}

// ---- building result arrays from Go slices ----

func bitmapOf(valid []bool) (*arrowmem.Buffer, int) {
	if valid == nil {
		return nil, 0
	}
	bm := make([]byte, bitutil.BytesForBits(int64(len(valid))))
	nulls := 0
	for i, v := range valid {
		if v {
			bitutil.SetBit(bm, i)
		} else {
			nulls++
		}
	}
	if nulls == 0 {
		return nil, 0
	}
	return arrowmem.NewBufferBytes(bm), nulls
}

func fixedArray(dt arrow.DataType, n int, values []byte, valid []bool) arrow.Array {
	bm, nulls := bitmapOf(valid)
	data := array.NewData(dt, n, []*arrowmem.Buffer{bm, arrowmem.NewBufferBytes(values)}, nil, nulls, 0)
	defer data.Release()
	return array.MakeFromData(data)
}

func int32Array(v []int32) arrow.Array {
	return fixedArray(arrow.PrimitiveTypes.Int32, len(v), arrow.Int32Traits.CastToBytes(v), nil)
}

func int64Array(v []int64, valid []bool) arrow.Array {
	return fixedArray(arrow.PrimitiveTypes.Int64, len(v), arrow.Int64Traits.CastToBytes(v), valid)
}

func float64Array(v []float64, valid []bool) arrow.Array {
	return fixedArray(arrow.PrimitiveTypes.Float64, len(v), arrow.Float64Traits.CastToBytes(v), valid)
}

package aggregate

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/datasketches-go/hll"
	"github.com/apache/datasketches-go/theta"
	"strconv"

	"github.com/sailgo/sail/physical/aggregate/sketches"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Spark's DataSketches aggregates: hll_sketch_agg, hll_union_agg, theta_sketch_agg,
// theta_union_agg, theta_intersection_agg and kll_sketch_agg_{bigint,float,double}. Each
// group keeps a sketch object (package sketches); the partial state and the result are the
// sketch's binary image, as Spark's TypedImperativeAggregate serializes it.

// extraResolvers resolve aggregates defined in files of their own, by canonical name.
var extraResolvers = map[string]func(f *Function) error{}

func init() {
	for _, n := range []string{"hll_sketch_agg", "hll_union_agg", "theta_sketch_agg", "theta_union_agg",
		"theta_intersection_agg", "kll_sketch_agg_bigint", "kll_sketch_agg_float", "kll_sketch_agg_double"} {
		aliases[n] = n
		extraResolvers[n] = (*Function).resolveSketch
	}
}

// sketchConstArg reads constant argument i as an integer (booleans as 0/1); def when the
// call has no such argument or the call is resolved by types only.
func (f *Function) sketchConstArg(i int, def int64) (v int64, null bool, err error) {
	if i >= len(f.argTypes) {
		return def, false, nil
	}
	a, err := f.constArg(i)
	if err != nil || a == nil {
		return def, false, err
	}
	defer a.Release()
	if a.IsNull(0) {
		return 0, true, nil
	}
	switch x := a.(type) {
	case *array.Int8:
		return int64(x.Value(0)), false, nil
	case *array.Int16:
		return int64(x.Value(0)), false, nil
	case *array.Int32:
		return int64(x.Value(0)), false, nil
	case *array.Int64:
		return x.Value(0), false, nil
	case *array.Boolean:
		if x.Value(0) {
			return 1, false, nil
		}
		return 0, false, nil
	}
	return 0, false, sparkerror.InternalError("%s: argument %d is %s, not a constant integer", f.call.Fn, i+1, a.DataType())
}

func (f *Function) resolveSketch() error {
	n := len(f.argTypes)
	arity := func(lo, hi int) error {
		if n < lo || n > hi {
			if lo == hi {
				return f.wrongArgs(strconv.Itoa(lo))
			}
			return f.wrongArgs("[" + strconv.Itoa(lo) + ", " + strconv.Itoa(hi) + "]")
		}
		return nil
	}
	fn := f.name
	f.result, f.nullable = types.Binary, false
	f.state = []arrow.Field{{Name: "sketch", Type: arrow.BinaryTypes.Binary, Nullable: true}}
	if n == 0 {
		// Every sketch aggregate takes its input first; a call without one is malformed.
		return f.wrongArgs("[1, 3]")
	}
	in := f.argTypes[0]
	// The analyzer casts inputs to the types Spark declares; a plan decoded from elsewhere
	// must not reach an accumulator with a type it cannot read.
	if want, ok := sketchInputAccepts(fn, f.sparkArgs[0]); !ok {
		return f.badType(f.sparkArgs[0], want)
	}
	switch fn {
	case "hll_sketch_agg":
		if err := arity(1, 2); err != nil {
			return err
		}
		lgK, null, err := f.sketchConstArg(1, sketches.HLLDefaultLgK)
		if err != nil {
			return err
		}
		if null {
			lgK = 0
		}
		if err := sketches.CheckHLLLgK(lgK); err != nil {
			return err
		}
		k := int(lgK)
		f.factory = func() Accumulator { return newHLLSketchAcc(k, in) }
	case "hll_union_agg":
		if err := arity(1, 2); err != nil {
			return err
		}
		allow, _, err := f.sketchConstArg(1, 0)
		if err != nil {
			return err
		}
		f.factory = func() Accumulator { return newHLLUnionAcc(fn, allow != 0) }
	case "theta_sketch_agg":
		if err := arity(1, 2); err != nil {
			return err
		}
		lgNom, null, err := f.sketchConstArg(1, sketches.ThetaDefaultLgNom)
		if err != nil {
			return err
		}
		if null {
			lgNom = 0
		}
		if err := sketches.CheckThetaLgNom(fn, lgNom); err != nil {
			return err
		}
		k := int(lgNom)
		f.factory = func() Accumulator { return newThetaSketchAcc(fn, k, in) }
	case "theta_union_agg":
		if err := arity(1, 2); err != nil {
			return err
		}
		lgNom, null, err := f.sketchConstArg(1, sketches.ThetaDefaultLgNom)
		if err != nil {
			return err
		}
		if null {
			lgNom = 0
		}
		if err := sketches.CheckThetaLgNom(fn, lgNom); err != nil {
			return err
		}
		k := int(lgNom)
		f.factory = func() Accumulator { return newThetaUnionAcc(fn, k) }
	case "theta_intersection_agg":
		if err := arity(1, 1); err != nil {
			return err
		}
		f.factory = func() Accumulator { return newThetaIntersectionAcc(fn) }
	case "kll_sketch_agg_bigint", "kll_sketch_agg_float", "kll_sketch_agg_double":
		if err := arity(1, 2); err != nil {
			return err
		}
		k, null, err := f.sketchConstArg(1, sketches.KLLDefaultK)
		if err != nil {
			return err
		}
		if null || k < sketches.KLLMinK || k > sketches.KLLMaxK {
			return sparkerror.New(sparkerror.Runtime, "KLL_SKETCH_K_OUT_OF_RANGE", "22003",
				"For function <functionName>, the k parameter must be between 8 and 65535 (inclusive), but got <k>.",
				map[string]string{"functionName": "`" + fn + "`", "k": strconv.Itoa(int(k))})
		}
		kk := int(k)
		switch fn {
		case "kll_sketch_agg_bigint":
			f.factory = func() Accumulator { return newKLLAcc(fn, sketches.KLLLongs, kk, in, kllLongs) }
		case "kll_sketch_agg_float":
			f.factory = func() Accumulator { return newKLLAcc(fn, sketches.KLLFloats, kk, in, kllFloats) }
		default:
			f.factory = func() Accumulator { return newKLLAcc(fn, sketches.KLLDoubles, kk, in, kllDoubles) }
		}
	}
	return nil
}

// sketchInputAccepts says whether the sketch aggregate fn reads values of type t, and if
// not, the type Spark asks for.
func sketchInputAccepts(fn string, t types.DataType) (string, bool) {
	switch fn {
	case "hll_union_agg", "theta_union_agg", "theta_intersection_agg":
		_, ok := t.(types.BinaryType)
		return `"BINARY"`, ok
	case "kll_sketch_agg_bigint":
		switch t.(type) {
		case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
			return "", true
		}
		return `"BIGINT"`, false
	case "kll_sketch_agg_float":
		_, ok := t.(types.FloatType)
		return `"FLOAT"`, ok
	case "kll_sketch_agg_double":
		switch t.(type) {
		case types.FloatType, types.DoubleType:
			return "", true
		}
		return `"DOUBLE"`, false
	}
	return "", true
}

// sketchAcc keeps one sketch state per group; the hooks say how values and partial
// states fold in and how a state becomes an image (ok false: NULL).
type sketchAcc[S any] struct {
	states []S
	update func(states []S, g []uint32, arr arrow.Array) error
	merge  func(st *S, image []byte) error
	state  func(st S) ([]byte, bool, error)
	final  func(st S) ([]byte, bool, error)
}

func (a *sketchAcc[S]) Resize(n int) { a.states = extend(a.states, n) }
func (a *sketchAcc[S]) Size() int64  { return int64(len(a.states)) * 512 }
func (a *sketchAcc[S]) Release()     {}

func (a *sketchAcc[S]) Update(g []uint32, args []arrow.Array) (err error) {
	if args[0].DataType().ID() == arrow.NULL {
		return nil
	}
	defer recoverSketch(&err)
	return a.update(a.states, g, args[0])
}

// recoverSketch turns a panic of the sketch library into an internal error.
func recoverSketch(err *error) {
	if r := recover(); r != nil {
		*err = sparkerror.InternalError("sketch aggregate: %v", r)
	}
}

func (a *sketchAcc[S]) Merge(g []uint32, state []arrow.Array) (err error) {
	defer recoverSketch(&err)
	st, ok := state[0].(*array.Binary)
	if !ok {
		return internalType("sketch state", state[0].DataType())
	}
	for i, gi := range g {
		if st.IsNull(i) {
			continue
		}
		if err := a.merge(&a.states[gi], st.Value(i)); err != nil {
			return err
		}
	}
	return nil
}

func (a *sketchAcc[S]) images(f func(S) ([]byte, bool, error)) (arrow.Array, error) {
	n := len(a.states)
	offsets := make([]int32, n+1)
	var data []byte
	has := make([]bool, n)
	for g := range n {
		img, ok, err := f(a.states[g])
		if err != nil {
			return nil, err
		}
		has[g] = ok
		data = append(data, img...)
		offsets[g+1] = int32(len(data))
	}
	valid, nulls := bitmapOf(has)
	d := array.NewData(arrow.BinaryTypes.Binary, n, []*memory.Buffer{buf(valid), buf(asBytes(offsets)), buf(data)}, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d), nil
}

func (a *sketchAcc[S]) State() ([]arrow.Array, error) {
	arr, err := a.images(a.state)
	if err != nil {
		return nil, err
	}
	return []arrow.Array{arr}, nil
}

func (a *sketchAcc[S]) Evaluate() (arrow.Array, error) { return a.images(a.final) }

// eachValid calls f for the valid rows of arr.
func eachValid(arr arrow.Array, g []uint32, f func(i int, gi uint32) error) error {
	vb, voff := validity(arr)
	for i, gi := range g {
		if isValid(vb, voff, i) {
			if err := f(i, gi); err != nil {
				return err
			}
		}
	}
	return nil
}

// eachBytes calls f with the bytes of the valid rows of a string or binary array
// (without copying).
func eachBytes(arr arrow.Array, g []uint32, f func(b []byte, gi uint32) error) error {
	offs, data := varOffsets(arr)
	return eachValid(arr, g, func(i int, gi uint32) error { return f(data[offs[i]:offs[i+1]], gi) })
}

// --- hll_sketch_agg ---

// hllGroup is a group's hll_sketch_agg sketch; merged says it came out of merging
// partial states.
type hllGroup struct {
	sk     hll.HllSketch
	merged bool
}

func newHLLSketchAcc(lgK int, in arrow.DataType) Accumulator {
	get := func(states []hllGroup, gi uint32) (hll.HllSketch, error) {
		if states[gi].sk == nil {
			sk, err := sketches.NewHLL(lgK)
			if err != nil {
				return nil, err
			}
			states[gi].sk = sk
		}
		return states[gi].sk, nil
	}
	// mergeInto is Spark's merge: the union, at the buffer's lgConfigK, of the buffer
	// (an empty sketch at first) and the input.
	mergeInto := func(st *hllGroup, in hll.HllSketch) error {
		buffer := st.sk
		if buffer == nil {
			var err error
			if buffer, err = sketches.NewHLL(lgK); err != nil {
				return err
			}
		}
		out, err := sketches.MergeHLL(buffer.GetLgConfigK(), buffer, in)
		if err != nil {
			return sketches.HLLInvalidBuffer("hll_sketch_agg")
		}
		st.sk, st.merged = out, true
		return nil
	}
	state := func(st hllGroup) ([]byte, bool, error) {
		s := st.sk
		if s == nil {
			var err error
			if s, err = sketches.NewHLL(lgK); err != nil {
				return nil, false, err
			}
		}
		b, err := sketches.HLLImage(s)
		return b, err == nil, err
	}
	final := func(st hllGroup) ([]byte, bool, error) {
		if !st.merged {
			// Spark always aggregates in two phases, so its result is the union of an
			// empty sketch with the partial one (which, past a few thousand values, is
			// estimated as a union is rather than by the sketch's running estimate).
			var f hllGroup
			if st.sk != nil {
				if err := mergeInto(&f, st.sk); err != nil {
					return nil, false, err
				}
			}
			st = f
		}
		return state(st)
	}
	return &sketchAcc[hllGroup]{
		update: func(states []hllGroup, g []uint32, arr arrow.Array) error {
			switch arr.DataType().ID() {
			case arrow.INT32:
				vals := fixedValues[int32](arr)
				return eachValid(arr, g, func(i int, gi uint32) error {
					sk, err := get(states, gi)
					if err != nil {
						return err
					}
					return sk.UpdateInt64(int64(vals[i]))
				})
			case arrow.INT64:
				vals := fixedValues[int64](arr)
				return eachValid(arr, g, func(i int, gi uint32) error {
					sk, err := get(states, gi)
					if err != nil {
						return err
					}
					return sk.UpdateInt64(vals[i])
				})
			case arrow.STRING, arrow.BINARY:
				return eachBytes(arr, g, func(b []byte, gi uint32) error {
					sk, err := get(states, gi)
					if err != nil {
						return err
					}
					return sk.UpdateSlice(b)
				})
			}
			return internalType("hll_sketch_agg", in)
		},
		merge: func(st *hllGroup, b []byte) error {
			in, err := sketches.ReadHLL("hll_sketch_agg", b)
			if err != nil {
				return err
			}
			return mergeInto(st, in)
		},
		state: state,
		final: final,
	}
}

// --- hll_union_agg ---

func newHLLUnionAcc(fn string, allow bool) Accumulator {
	get := func(states []*sketches.HLLUnion, gi uint32) *sketches.HLLUnion {
		if states[gi] == nil {
			states[gi] = &sketches.HLLUnion{Fn: fn, AllowDifferent: allow}
		}
		return states[gi]
	}
	return &sketchAcc[*sketches.HLLUnion]{
		update: func(states []*sketches.HLLUnion, g []uint32, arr arrow.Array) error {
			if arr.DataType().ID() != arrow.BINARY {
				return sketches.HLLInvalidBuffer(fn)
			}
			return eachBytes(arr, g, func(b []byte, gi uint32) error { return get(states, gi).AddImage(b) })
		},
		merge: func(st **sketches.HLLUnion, b []byte) error {
			if *st == nil {
				*st = &sketches.HLLUnion{Fn: fn, AllowDifferent: allow}
			}
			return (*st).AddState(b)
		},
		state: func(u *sketches.HLLUnion) ([]byte, bool, error) {
			if u == nil || u.Empty() {
				return nil, false, nil
			}
			b, err := u.StateImage()
			return b, err == nil, err
		},
		final: func(u *sketches.HLLUnion) ([]byte, bool, error) {
			if u == nil {
				u = &sketches.HLLUnion{Fn: fn}
			}
			b, err := u.Image()
			return b, err == nil, err
		},
	}
}

// --- theta_sketch_agg ---

// thetaGroup is a group's theta_sketch_agg state: the update sketch of its own rows and,
// once partial states are merged, a union.
type thetaGroup struct {
	upd   *theta.QuickSelectUpdateSketch
	union *sketches.ThetaUnion
}

func newThetaSketchAcc(fn string, lgNom int, in arrow.DataType) Accumulator {
	var scratch []byte
	get := func(states []*thetaGroup, gi uint32) (*theta.QuickSelectUpdateSketch, error) {
		st := states[gi]
		if st == nil {
			st = &thetaGroup{}
			states[gi] = st
		}
		if st.upd == nil {
			sk, err := sketches.NewTheta(lgNom)
			if err != nil {
				return nil, err
			}
			st.upd = sk
		}
		return st.upd, nil
	}
	image := func(st *thetaGroup, final bool) ([]byte, bool, error) {
		if st == nil || (st.upd == nil && st.union == nil) {
			sk, err := sketches.NewTheta(lgNom)
			if err != nil {
				return nil, false, err
			}
			b, err := sketches.UpdateImage(sk)
			return b, err == nil, err
		}
		if st.union == nil {
			if !final {
				b, err := sketches.UpdateImage(st.upd)
				return b, err == nil, err
			}
			// Spark always aggregates in two phases: its result is a union (of an empty
			// sketch and the partial one), which can keep fewer entries than the
			// update sketch.
			u, err := sketches.NewThetaUnion(lgNom)
			if err != nil {
				return nil, false, err
			}
			st = &thetaGroup{upd: st.upd, union: u}
		}
		if st.upd != nil {
			if err := st.union.Add(st.upd.CompactOrdered()); err != nil {
				return nil, false, sketches.ThetaInvalidBuffer(fn)
			}
			st.upd = nil
		}
		b, err := st.union.Image()
		return b, err == nil, err
	}
	return &sketchAcc[*thetaGroup]{
		update: func(states []*thetaGroup, g []uint32, arr arrow.Array) error {
			withSketch := func(f func(sk *theta.QuickSelectUpdateSketch, i int)) func(int, uint32) error {
				return func(i int, gi uint32) error {
					sk, err := get(states, gi)
					if err != nil {
						return err
					}
					f(sk, i)
					return nil
				}
			}
			switch arr.DataType().ID() {
			case arrow.INT32:
				vals := fixedValues[int32](arr)
				return eachValid(arr, g, withSketch(func(sk *theta.QuickSelectUpdateSketch, i int) {
					sketches.ThetaUpdateInt64(sk, int64(vals[i]))
				}))
			case arrow.INT64:
				vals := fixedValues[int64](arr)
				return eachValid(arr, g, withSketch(func(sk *theta.QuickSelectUpdateSketch, i int) {
					sketches.ThetaUpdateInt64(sk, vals[i])
				}))
			case arrow.FLOAT32:
				vals := fixedValues[float32](arr)
				return eachValid(arr, g, withSketch(func(sk *theta.QuickSelectUpdateSketch, i int) {
					sketches.ThetaUpdateFloat64(sk, float64(vals[i]))
				}))
			case arrow.FLOAT64:
				vals := fixedValues[float64](arr)
				return eachValid(arr, g, withSketch(func(sk *theta.QuickSelectUpdateSketch, i int) {
					sketches.ThetaUpdateFloat64(sk, vals[i])
				}))
			case arrow.STRING, arrow.BINARY:
				return eachBytes(arr, g, func(b []byte, gi uint32) error {
					sk, err := get(states, gi)
					if err != nil {
						return err
					}
					sketches.ThetaUpdateBytes(sk, b)
					return nil
				})
			case arrow.LIST:
				list := arr.(*array.List)
				elems := list.ListValues()
				evb, evoff := validity(elems)
				switch elems.DataType().ID() {
				case arrow.INT32:
					all := fixedValues[int32](elems)
					var tmp []int32
					return eachValid(arr, g, withSketch(func(sk *theta.QuickSelectUpdateSketch, i int) {
						tmp = tmp[:0]
						lo, hi := list.ValueOffsets(i)
						for j := lo; j < hi; j++ {
							v := int32(0)
							if isValid(evb, evoff, int(j)) {
								v = all[j]
							}
							tmp = append(tmp, v)
						}
						scratch = sketches.ThetaUpdateInt32s(sk, tmp, scratch)
					}))
				case arrow.INT64:
					all := fixedValues[int64](elems)
					var tmp []int64
					return eachValid(arr, g, withSketch(func(sk *theta.QuickSelectUpdateSketch, i int) {
						tmp = tmp[:0]
						lo, hi := list.ValueOffsets(i)
						for j := lo; j < hi; j++ {
							v := int64(0)
							if isValid(evb, evoff, int(j)) {
								v = all[j]
							}
							tmp = append(tmp, v)
						}
						scratch = sketches.ThetaUpdateInt64s(sk, tmp, scratch)
					}))
				case arrow.NULL:
					var tmp []int32
					return eachValid(arr, g, withSketch(func(sk *theta.QuickSelectUpdateSketch, i int) {
						tmp = tmp[:0]
						lo, hi := list.ValueOffsets(i)
						for j := lo; j < hi; j++ {
							tmp = append(tmp, 0)
						}
						scratch = sketches.ThetaUpdateInt32s(sk, tmp, scratch)
					}))
				}
			}
			return internalType(fn, in)
		},
		merge: func(st **thetaGroup, b []byte) error {
			cs, err := sketches.ReadTheta(fn, b)
			if err != nil {
				return err
			}
			if *st == nil {
				*st = &thetaGroup{}
			}
			g := *st
			if g.union == nil {
				if g.union, err = sketches.NewThetaUnion(lgNom); err != nil {
					return err
				}
			}
			if err := g.union.Add(cs); err != nil {
				return sketches.ThetaInvalidBuffer(fn)
			}
			return nil
		},
		state: func(st *thetaGroup) ([]byte, bool, error) { return image(st, false) },
		final: func(st *thetaGroup) ([]byte, bool, error) { return image(st, true) },
	}
}

// --- theta_union_agg ---

func newThetaUnionAcc(fn string, lgNom int) Accumulator {
	get := func(states []*sketches.ThetaUnion, gi uint32) (*sketches.ThetaUnion, error) {
		if states[gi] == nil {
			u, err := sketches.NewThetaUnion(lgNom)
			if err != nil {
				return nil, err
			}
			states[gi] = u
		}
		return states[gi], nil
	}
	add := func(u *sketches.ThetaUnion, b []byte) error {
		cs, err := sketches.ReadTheta(fn, b)
		if err != nil {
			return err
		}
		if err := u.Add(cs); err != nil {
			return sketches.ThetaInvalidBuffer(fn)
		}
		return nil
	}
	image := func(u *sketches.ThetaUnion) ([]byte, bool, error) {
		if u == nil {
			var err error
			if u, err = sketches.NewThetaUnion(lgNom); err != nil {
				return nil, false, err
			}
		}
		b, err := u.Image()
		return b, err == nil, err
	}
	return &sketchAcc[*sketches.ThetaUnion]{
		update: func(states []*sketches.ThetaUnion, g []uint32, arr arrow.Array) error {
			if arr.DataType().ID() != arrow.BINARY {
				return sketches.ThetaInvalidBuffer(fn)
			}
			return eachBytes(arr, g, func(b []byte, gi uint32) error {
				u, err := get(states, gi)
				if err != nil {
					return err
				}
				return add(u, b)
			})
		},
		merge: func(st **sketches.ThetaUnion, b []byte) error {
			if *st == nil {
				u, err := sketches.NewThetaUnion(lgNom)
				if err != nil {
					return err
				}
				*st = u
			}
			return add(*st, b)
		},
		state: image,
		final: image,
	}
}

// --- theta_intersection_agg ---

func newThetaIntersectionAcc(fn string) Accumulator {
	add := func(st **sketches.ThetaIntersection, b []byte) error {
		cs, err := sketches.ReadTheta(fn, b)
		if err != nil {
			return err
		}
		if *st == nil {
			*st = &sketches.ThetaIntersection{}
		}
		if err := (*st).Add(cs); err != nil {
			return sketches.ThetaInvalidBuffer(fn)
		}
		return nil
	}
	return &sketchAcc[*sketches.ThetaIntersection]{
		update: func(states []*sketches.ThetaIntersection, g []uint32, arr arrow.Array) error {
			if arr.DataType().ID() != arrow.BINARY {
				return sketches.ThetaInvalidBuffer(fn)
			}
			return eachBytes(arr, g, func(b []byte, gi uint32) error { return add(&states[gi], b) })
		},
		merge: add,
		state: func(in *sketches.ThetaIntersection) ([]byte, bool, error) {
			if in == nil || !in.Started() {
				return nil, false, nil
			}
			b, err := in.Image()
			return b, err == nil, err
		},
		final: func(in *sketches.ThetaIntersection) ([]byte, bool, error) {
			if in == nil {
				in = &sketches.ThetaIntersection{}
			}
			b, err := in.Image()
			return b, err == nil, err
		},
	}
}

// --- kll_sketch_agg_* ---

// kllFeed adds a batch's values to the groups' sketches, per sketch kind.
type kllFeed[C sketches.KLLItem] func(arr arrow.Array, g []uint32, get func(gi uint32) (*sketches.KLLSketch[C], error)) error

func kllLongs(arr arrow.Array, g []uint32, get func(gi uint32) (*sketches.KLLSketch[int64], error)) error {
	feed := func(v func(i int) int64) error {
		return eachValid(arr, g, func(i int, gi uint32) error {
			sk, err := get(gi)
			if err != nil {
				return err
			}
			sk.Update(v(i))
			return nil
		})
	}
	switch arr.DataType().ID() {
	case arrow.INT8:
		vals := fixedValues[int8](arr)
		return feed(func(i int) int64 { return int64(vals[i]) })
	case arrow.INT16:
		vals := fixedValues[int16](arr)
		return feed(func(i int) int64 { return int64(vals[i]) })
	case arrow.INT32:
		vals := fixedValues[int32](arr)
		return feed(func(i int) int64 { return int64(vals[i]) })
	case arrow.INT64:
		vals := fixedValues[int64](arr)
		return feed(func(i int) int64 { return vals[i] })
	}
	return internalType("kll_sketch_agg_bigint", arr.DataType())
}

func kllFloats(arr arrow.Array, g []uint32, get func(gi uint32) (*sketches.KLLSketch[float32], error)) error {
	if arr.DataType().ID() != arrow.FLOAT32 {
		return internalType("kll_sketch_agg_float", arr.DataType())
	}
	vals := fixedValues[float32](arr)
	return eachValid(arr, g, func(i int, gi uint32) error {
		sk, err := get(gi)
		if err != nil {
			return err
		}
		sk.Update(vals[i])
		return nil
	})
}

func kllDoubles(arr arrow.Array, g []uint32, get func(gi uint32) (*sketches.KLLSketch[float64], error)) error {
	feed := func(v func(i int) float64) error {
		return eachValid(arr, g, func(i int, gi uint32) error {
			sk, err := get(gi)
			if err != nil {
				return err
			}
			sk.Update(v(i))
			return nil
		})
	}
	switch arr.DataType().ID() {
	case arrow.FLOAT32:
		vals := fixedValues[float32](arr)
		return feed(func(i int) float64 { return float64(vals[i]) })
	case arrow.FLOAT64:
		vals := fixedValues[float64](arr)
		return feed(func(i int) float64 { return vals[i] })
	}
	return internalType("kll_sketch_agg_double", arr.DataType())
}

func newKLLAcc[C sketches.KLLItem](fn string, kind *sketches.KLLKind[C], k int, _ arrow.DataType, feed kllFeed[C]) Accumulator {
	image := func(s *sketches.KLLSketch[C]) ([]byte, bool, error) {
		if s == nil {
			var err error
			if s, err = kind.New(k); err != nil {
				return nil, false, err
			}
		}
		b, err := s.Image()
		return b, err == nil, err
	}
	return &sketchAcc[*sketches.KLLSketch[C]]{
		update: func(states []*sketches.KLLSketch[C], g []uint32, arr arrow.Array) error {
			return feed(arr, g, func(gi uint32) (*sketches.KLLSketch[C], error) {
				if states[gi] == nil {
					s, err := kind.New(k)
					if err != nil {
						return nil, err
					}
					states[gi] = s
				}
				return states[gi], nil
			})
		},
		merge: func(st **sketches.KLLSketch[C], b []byte) error {
			if len(b) == 0 {
				return nil
			}
			in, err := kind.Read(b)
			if err != nil {
				return sketches.KLLInvalidInput(fn, err.Error())
			}
			if *st == nil {
				if *st, err = kind.New(k); err != nil {
					return err
				}
			}
			if err := (*st).Merge(in); err != nil {
				return sketches.KLLIncompatibleMerge(fn, err.Error())
			}
			return nil
		},
		state: image,
		final: image,
	}
}

// --- count_min_sketch ---

func init() {
	aliases["count_min_sketch"] = "count_min_sketch"
	extraResolvers["count_min_sketch"] = (*Function).resolveCountMinSketch
}

// sketchConstFloat reads constant argument i as a DOUBLE.
func (f *Function) sketchConstFloat(i int, def float64) (float64, error) {
	if i >= len(f.argTypes) {
		return def, nil
	}
	a, err := f.constArg(i)
	if err != nil || a == nil {
		return def, err
	}
	defer a.Release()
	if a.IsNull(0) {
		return def, nil
	}
	vals := numericValues(a, nil)
	if len(vals) != 1 {
		return def, sparkerror.InternalError("%s: argument %d is %s, not a constant number", f.call.Fn, i+1, a.DataType())
	}
	return vals[0], nil
}

// resolveCountMinSketch resolves count_min_sketch(x, eps, confidence, seed): Spark's
// CountMinSketchImpl; the analyzer has checked the constants.
func (f *Function) resolveCountMinSketch() error {
	if len(f.argTypes) != 4 {
		return f.wrongArgs("4")
	}
	eps, err := f.sketchConstFloat(1, 0.5)
	if err != nil {
		return err
	}
	conf, err := f.sketchConstFloat(2, 0.5)
	if err != nil {
		return err
	}
	seed, _, err := f.sketchConstArg(3, 1)
	if err != nil {
		return err
	}
	cm, err := sketches.NewCountMin(eps, conf, int32(seed))
	if err != nil {
		return sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_3121", "", err.Error(), nil)
	}
	f.result, f.nullable = types.Binary, false
	f.state = []arrow.Field{{Name: "sketch", Type: arrow.BinaryTypes.Binary, Nullable: true}}
	f.factory = func() Accumulator { return &countMinAcc{cm: cm} }
	return nil
}

// countMinAcc keeps every group's counters (cm.Cells() per group) and total count.
type countMinAcc struct {
	cm     *sketches.CountMin
	table  []int64
	totals []int64
}

func (a *countMinAcc) Resize(n int) {
	a.table = extend(a.table, n*a.cm.Cells())
	a.totals = extend(a.totals, n)
}
func (a *countMinAcc) Size() int64 { return int64(cap(a.table)+cap(a.totals)) * 8 }
func (a *countMinAcc) Release()    {}

func (a *countMinAcc) cells(g uint32) []int64 {
	c := a.cm.Cells()
	return a.table[int(g)*c : int(g+1)*c]
}

func (a *countMinAcc) Update(g []uint32, args []arrow.Array) error {
	arr := args[0]
	addLongs := func(v func(i int) int64) error {
		return eachValid(arr, g, func(i int, gi uint32) error {
			a.cm.AddLong(a.cells(gi), v(i))
			a.totals[gi]++
			return nil
		})
	}
	switch arr.DataType().ID() {
	case arrow.NULL:
		return nil
	case arrow.INT8:
		vals := fixedValues[int8](arr)
		return addLongs(func(i int) int64 { return int64(vals[i]) })
	case arrow.INT16:
		vals := fixedValues[int16](arr)
		return addLongs(func(i int) int64 { return int64(vals[i]) })
	case arrow.INT32:
		vals := fixedValues[int32](arr)
		return addLongs(func(i int) int64 { return int64(vals[i]) })
	case arrow.INT64:
		vals := fixedValues[int64](arr)
		return addLongs(func(i int) int64 { return vals[i] })
	case arrow.STRING, arrow.BINARY:
		return eachBytes(arr, g, func(b []byte, gi uint32) error {
			a.cm.AddBytes(a.cells(gi), b)
			a.totals[gi]++
			return nil
		})
	}
	return internalType("count_min_sketch", arr.DataType())
}

func (a *countMinAcc) Merge(g []uint32, state []arrow.Array) error {
	st, ok := state[0].(*array.Binary)
	if !ok {
		return internalType("count_min_sketch state", state[0].DataType())
	}
	for i, gi := range g {
		if st.IsNull(i) {
			continue
		}
		total, err := a.cm.MergeImage(a.cells(gi), st.Value(i))
		if err != nil {
			return sparkerror.InternalError("count_min_sketch: %v", err)
		}
		a.totals[gi] += total
	}
	return nil
}

func (a *countMinAcc) images() arrow.Array {
	n := len(a.totals)
	offsets := make([]int32, n+1)
	var data []byte
	for g := range n {
		data = a.cm.Image(data, a.totals[g], a.cells(uint32(g)))
		offsets[g+1] = int32(len(data))
	}
	d := array.NewData(arrow.BinaryTypes.Binary, n, []*memory.Buffer{nil, buf(asBytes(offsets)), buf(data)}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func (a *countMinAcc) State() ([]arrow.Array, error)  { return []arrow.Array{a.images()}, nil }
func (a *countMinAcc) Evaluate() (arrow.Array, error) { return a.images(), nil }

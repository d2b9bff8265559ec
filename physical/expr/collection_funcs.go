package expr

import (
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Array and map functions beyond the constructors and accessors of collection.go.

func init() {
	collRegister(true, false, collSearchK, "array_contains", "array_position", "array_remove")
	collRegister(true, false, collMapContainsKeyK, "map_contains_key")
	collRegister(false, true, collInsert(0, false), "array_insert")
	// array_insert under spark.sql.legacy.negativeIndexInArrayInsert (bound by the analyzer).
	collRegister(false, true, collInsert(0, true), "array_insert_legacy_negative_index")
	collRegister(false, true, collInsert(-1, false), "array_append")
	collRegister(false, true, collInsert(1, false), "array_prepend")
	collRegister(true, false, collFilterNullsK, "array_compact")
	collRegister(true, false, collDistinctK, "array_distinct")
	collRegister(true, false, collExtreme(true), "array_max")
	collRegister(true, false, collExtreme(false), "array_min")
	register(shuffleFn, "shuffle") // random_seeded.go: seeded calls, else collShuffleK
	collRegister(true, false, collZipK, "arrays_zip")
	collRegister(true, false, collSortArrayK, "sort_array")
	for _, op := range []string{"array_union", "array_intersect", "array_except", "arrays_overlap"} {
		collRegister(true, false, collSetOp(op), op)
	}
	collRegister(true, false, collMapPart(0), "map_keys")
	collRegister(true, false, collMapPart(1), "map_values")
	collRegister(true, false, collMapPart(2), "map_entries")
	collRegister(true, true, collMapFromArraysK, "map_from_arrays")
	collRegister(true, true, collMapFromEntriesK, "map_from_entries")
	collRegister(true, true, collMapConcatK, "map_concat")
	collRegister(true, false, collFlattenK, "flatten")
	collRegister(true, true, collSliceK, "slice")
	collRegister(false, false, collRepeatK, "array_repeat")
	collRegister(true, false, collJoinK, "array_join")
	collRegister(true, true, collSequenceK, "sequence")
	collRegister(true, true, collStrToMapK, "str_to_map")
	collRegister(true, false, collConcatK, "array_concat")
	collRegister(true, false, collReverseK, "array_reverse")
}

// collConform returns a as type t (copied when its Arrow type differs, e.g. in nested
// nullability flags).
func collConform(t arrow.DataType, a arrow.Array) (arrow.Array, error) {
	if arrow.TypeEqual(a.DataType(), t) {
		a.Retain()
		return a, nil
	}
	return gather(t, []arrow.Array{a}, nil, identity(a.Len()))
}

// collEq compares elements of several sources for equality (NULL equals NULL).
type collEq struct {
	srcs []arrow.Array
	cmps [][]rowCmp
}

func newCollEq(t arrow.DataType, srcs ...arrow.Array) (*collEq, error) {
	mk, err := newRowCmp(t)
	if err != nil {
		return nil, err
	}
	e := &collEq{srcs: srcs, cmps: make([][]rowCmp, len(srcs))}
	for i := range srcs {
		e.cmps[i] = make([]rowCmp, len(srcs))
		for j := range srcs {
			e.cmps[i][j] = mk(srcs[i], srcs[j])
		}
	}
	return e, nil
}

func (e *collEq) eq(s1, i1, s2, i2 int) bool {
	return cmpNested(e.srcs[s1], e.srcs[s2], i1, i2, e.cmps[s1][s2]) == 0
}

// collSearchK is array_contains, array_position and array_remove.
func collSearchK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	name := ""
	switch rt.(type) {
	case types.BooleanType:
		name = "array_contains"
	case types.LongType:
		name = "array_position"
	default:
		name = "array_remove"
	}
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		mk, err := newRowCmp(l.values.DataType())
		if err != nil {
			return nil, err
		}
		cmp := mk(l.values, a[1])
		vv := validity(a[1])
		ev := validity(l.values)
		null := func(i int) bool { return l.isNull(i) || (vv != nil && !vv.get(i)) }
		switch name {
		case "array_contains":
			out, valid := newWords(n), allOnes(n)
			for i := 0; i < n; i++ {
				if null(i) {
					valid.clear(i)
					continue
				}
				s, e := l.span(i)
				found, sawNull := false, false
				for j := s; j < e && !found; j++ {
					if ev != nil && !ev.get(j) {
						sawNull = true
					} else if cmp(j, i) == 0 {
						found = true
					}
				}
				switch {
				case found:
					out.set(i)
				case sawNull:
					valid.clear(i)
				}
			}
			return newBool(n, out, valid), nil
		case "array_position":
			out := make([]int64, n)
			var valid words
			for i := 0; i < n; i++ {
				if null(i) {
					if valid == nil {
						valid = allOnes(n)
					}
					valid.clear(i)
					continue
				}
				s, e := l.span(i)
				for j := s; j < e; j++ {
					if (ev == nil || ev.get(j)) && cmp(j, i) == 0 {
						out[i] = int64(j-s) + 1
						break
					}
				}
			}
			return newFixed(arrow.PrimitiveTypes.Int64, out, valid), nil
		}
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			if null(i) {
				r.end(true)
				continue
			}
			s, e := l.span(i)
			for j := s; j < e; j++ {
				if (ev != nil && !ev.get(j)) || cmp(j, i) != 0 {
					r.add(0, j)
				}
			}
			r.end(false)
		}
		return r.list(dt, []arrow.Array{l.values})
	}, false, nil
}

func collMapContainsKeyK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		keys, _ := collMapParts(l)
		pos, err := collFindKeys(l, keys, a[1], n)
		if err != nil {
			return nil, err
		}
		out := newWords(n)
		for i, p := range pos {
			if p >= 0 {
				out.set(i)
			}
		}
		return newBool(n, out, andValidity(a...)), nil
	}, false, nil
}

// collInsertK is array_insert(arr, pos, item) (1-based; negative counts from the end, -1
// appending), array_append(arr, item) and array_prepend(arr, item). With legacyNegative
// (Spark 3.3's array_insert) a negative position counts one further: -1 inserts before
// the last element.
func collInsert(fixed int, legacyNegative bool) collBuilder {
	offset := int64(1)
	if legacyNegative {
		offset = 0
	}
	return func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			l := collViewList(a[0])
			item := a[len(a)-1]
			var pos argv
			if len(a) == 3 {
				pos = argvOf(a[1])
			}
			r := collNewRefs(n)
			for i := 0; i < n; i++ {
				if l.isNull(i) || (len(a) == 3 && pos.isNull(i)) {
					r.end(true)
					continue
				}
				p := int64(fixed)
				if len(a) == 3 {
					p = pos.int(i)
				}
				if p == 0 {
					return nil, collInvalidIndexOfZero()
				}
				s, e := l.span(i)
				size := int64(e - s)
				if p < 0 && -p > size {
					length := -p + 1 - offset
					if err := collCheckLength("array_insert", length); err != nil {
						return nil, err
					}
					// The item first, NULLs, then the array.
					r.add(1, i)
					for k := int64(0); k < length-1-size; k++ {
						r.add(0, -1)
					}
					for j := s; j < e; j++ {
						r.add(0, j)
					}
					r.end(false)
					continue
				}
				at := p - 1
				if p < 0 {
					at = p + size + offset
				}
				total := max(size+1, at+1)
				if err := collCheckLength("array_insert", total); err != nil {
					return nil, err
				}
				for k := int64(0); k < total; k++ {
					switch {
					case k == at:
						r.add(1, i)
					case k < at && k < size:
						r.add(0, s+int(k))
					case k < at:
						r.add(0, -1)
					default:
						r.add(0, s+int(k)-1)
					}
				}
				r.end(false)
			}
			return r.list(dt, []arrow.Array{l.values, item})
		}, false, nil
	}
}

// collMaxArrayLength is Spark's ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH.
const collMaxArrayLength = 1<<31 - 1 - 15

func collCheckLength(fn string, n int64) error {
	if n <= collMaxArrayLength {
		return nil
	}
	return sparkerror.New(sparkerror.Runtime, "COLLECTION_SIZE_LIMIT_EXCEEDED.FUNCTION", "54000",
		"Can't create array with <numberOfElements> elements which exceeding the array size limit <maxRoundedArrayLength>, unsuccessful try to create arrays in the function <functionName>.",
		map[string]string{"numberOfElements": strconv.FormatInt(n, 10), "maxRoundedArrayLength": strconv.Itoa(collMaxArrayLength), "functionName": "`" + fn + "`"})
}

// collFilterNullsK is array_compact: the non-null elements.
func collFilterNullsK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		ev := validity(l.values)
		nullElems := isNullType(l.values)
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			if l.isNull(i) {
				r.end(true)
				continue
			}
			s, e := l.span(i)
			for j := s; j < e; j++ {
				if !nullElems && (ev == nil || ev.get(j)) {
					r.add(0, j)
				}
			}
			r.end(false)
		}
		return r.list(dt, []arrow.Array{l.values})
	}, false, nil
}

// collDistinctK is array_distinct: the first occurrence of each value (NULL once).
func collDistinctK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		eq, err := newCollEq(l.values.DataType(), l.values)
		if err != nil {
			return nil, err
		}
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			if l.isNull(i) {
				r.end(true)
				continue
			}
			s, e := l.span(i)
			start := len(r.idx)
			for j := s; j < e; j++ {
				if !collSeen(eq, r, start, 0, j) {
					r.add(0, j)
				}
			}
			r.end(false)
		}
		return r.list(dt, []arrow.Array{l.values})
	}, false, nil
}

// collSeen reports whether element j of source src equals one of the references added to
// r since position start.
func collSeen(eq *collEq, r *collRefs, start, src, j int) bool {
	for k := start; k < len(r.idx); k++ {
		if eq.eq(int(r.src[k]), int(r.idx[k]), src, j) {
			return true
		}
	}
	return false
}

// collExtremeK is array_max / array_min, skipping NULL elements.

func collExtreme(max bool) collBuilder {
	return func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			l := collViewList(a[0])
			mk, err := newRowCmp(l.values.DataType())
			if err != nil {
				return nil, err
			}
			cmp := mk(l.values, l.values)
			ev := validity(l.values)
			idx := make([]int32, n)
			for i := 0; i < n; i++ {
				idx[i] = -1
				if l.isNull(i) {
					continue
				}
				s, e := l.span(i)
				for j := s; j < e; j++ {
					if ev != nil && !ev.get(j) {
						continue
					}
					if idx[i] < 0 {
						idx[i] = int32(j)
						continue
					}
					c := cmp(j, int(idx[i]))
					if (max && c > 0) || (!max && c < 0) {
						idx[i] = int32(j)
					}
				}
			}
			return gather(dt, []arrow.Array{l.values}, nil, idx)
		}, false, nil
	}
}

func collShuffleK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	seed := rand.Uint64()
	return perBatch(func() kernel {
		rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			l := collViewList(a[0])
			r := collNewRefs(n)
			for i := 0; i < n; i++ {
				if l.isNull(i) {
					r.end(true)
					continue
				}
				s, e := l.span(i)
				start := len(r.idx)
				for j := s; j < e; j++ {
					r.add(0, j)
				}
				seg := r.idx[start:]
				rng.Shuffle(len(seg), func(x, y int) { seg[x], seg[y] = seg[y], seg[x] })
				r.end(false)
			}
			return r.list(dt, []arrow.Array{l.values})
		}
	}), false, nil
}

// collZipK is arrays_zip: the n-th struct holds the n-th element of every array (NULL past
// an array's end).
func collZipK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	lt := dt.(*arrow.ListType)
	st := lt.Elem().(*arrow.StructType)
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		ls := make([]collListView, len(a))
		for k := range a {
			ls[k] = collViewList(a[k])
		}
		offs := make([]int32, n+1)
		idx := make([][]int32, len(a))
		valid := andValidity(a...)
		for i := 0; i < n; i++ {
			longest := 0
			if valid == nil || valid.get(i) {
				for k := range ls {
					s, e := ls[k].span(i)
					longest = max(longest, e-s)
				}
			}
			for p := 0; p < longest; p++ {
				for k := range ls {
					s, e := ls[k].span(i)
					if s+p < e {
						idx[k] = append(idx[k], int32(s+p))
					} else {
						idx[k] = append(idx[k], -1)
					}
				}
			}
			offs[i+1] = offs[i] + int32(longest)
		}
		total := int(offs[n])
		children := make([]arrow.ArrayData, len(a))
		for k := range a {
			ix := idx[k]
			if ix == nil {
				ix = []int32{}
			}
			c, err := gather(st.Field(k).Type, []arrow.Array{ls[k].values}, nil, ix)
			if err != nil {
				return nil, err
			}
			defer c.Release()
			children[k] = c.Data()
		}
		sd := array.NewData(st, total, []*memory.Buffer{nil}, children, 0, 0)
		defer sd.Release()
		child := array.MakeFromData(sd)
		defer child.Release()
		return collNewList(dt, offs, valid, child), nil
	}, false, nil
}

// collSortArrayK is sort_array(arr, asc): NULLs first ascending, last descending.
func collSortArrayK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		asc := argvOf(a[1])
		mk, err := newRowCmp(l.values.DataType())
		if err != nil {
			return nil, err
		}
		vals := l.values
		cmp := mk(vals, vals)
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			if l.isNull(i) || asc.isNull(i) {
				r.end(true)
				continue
			}
			s, e := l.span(i)
			start := len(r.idx)
			for j := s; j < e; j++ {
				r.add(0, j)
			}
			up := asc.bool(i)
			slices.SortStableFunc(r.idx[start:], func(x, y int32) int {
				c := cmpNested(vals, vals, int(x), int(y), cmp)
				if !up {
					return -c
				}
				return c
			})
			r.end(false)
		}
		return r.list(dt, []arrow.Array{vals})
	}, false, nil
}

// collSetOpK is array_union, array_intersect, array_except (distinct results, in first-seen
// order) and arrays_overlap.

func collSetOp(op string) collBuilder {
	return func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			l, rr := collViewList(a[0]), collViewList(a[1])
			eq, err := newCollEq(l.values.DataType(), l.values, rr.values)
			if err != nil {
				return nil, err
			}
			in := func(src, j, other int, s, e int) bool {
				for k := s; k < e; k++ {
					if eq.eq(src, j, other, k) {
						return true
					}
				}
				return false
			}
			if op == "arrays_overlap" {
				out, valid := newWords(n), allOnes(n)
				lv, rv := validity(l.values), validity(rr.values)
				for i := 0; i < n; i++ {
					if l.isNull(i) || rr.isNull(i) {
						valid.clear(i)
						continue
					}
					ls, le := l.span(i)
					rs, re := rr.span(i)
					found, sawNull := false, false
					for j := ls; j < le && !found; j++ {
						if lv != nil && !lv.get(j) {
							sawNull = true
							continue
						}
						for k := rs; k < re; k++ {
							if rv != nil && !rv.get(k) {
								sawNull = true
								continue
							}
							if eq.eq(0, j, 1, k) {
								found = true
								break
							}
						}
					}
					if !found && rv != nil {
						for k := rs; k < re; k++ {
							if !rv.get(k) {
								sawNull = true
							}
						}
					}
					switch {
					case found:
						out.set(i)
					case sawNull && le > ls && re > rs:
						valid.clear(i)
					}
				}
				return newBool(n, out, valid), nil
			}
			r := collNewRefs(n)
			for i := 0; i < n; i++ {
				if l.isNull(i) || rr.isNull(i) {
					r.end(true)
					continue
				}
				ls, le := l.span(i)
				rs, re := rr.span(i)
				start := len(r.idx)
				for j := ls; j < le; j++ {
					keep := true
					switch op {
					case "array_intersect":
						keep = in(0, j, 1, rs, re)
					case "array_except":
						keep = !in(0, j, 1, rs, re)
					}
					if keep && !collSeen(eq, r, start, 0, j) {
						r.add(0, j)
					}
				}
				if op == "array_union" {
					for k := rs; k < re; k++ {
						if !collSeen(eq, r, start, 1, k) {
							r.add(1, k)
						}
					}
				}
				r.end(false)
			}
			return r.list(dt, []arrow.Array{l.values, rr.values})
		}, false, nil
	}
}

// collMapPartK is map_keys, map_values and map_entries.

func collMapPart(part int) collBuilder {
	return func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
		lt := dt.(*arrow.ListType)
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			l := collViewList(a[0])
			keys, vals := collMapParts(l)
			src := l.values
			switch part {
			case 0:
				src = keys
			case 1:
				src = vals
			}
			child, err := collConform(lt.Elem(), src)
			if err != nil {
				return nil, err
			}
			defer child.Release()
			return collNewList(dt, append([]int32(nil), l.offs...), l.valid, child), nil
		}, false, nil
	}
}

func collMapFromArraysK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	kt := rt.(types.MapType).KeyType
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		kl, vl := collViewList(a[0]), collViewList(a[1])
		k, v := collNewRefs(n), collNewRefs(n)
		for i := 0; i < n; i++ {
			if kl.isNull(i) || vl.isNull(i) {
				k.end(true)
				v.end(true)
				continue
			}
			ks, ke := kl.span(i)
			vs, ve := vl.span(i)
			if ke-ks != ve-vs {
				return nil, sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_2128", "",
					"The key array and value array of MapData must have the same length.", nil)
			}
			for j := 0; j < ke-ks; j++ {
				k.add(0, ks+j)
				v.add(0, vs+j)
			}
			k.end(false)
			v.end(false)
		}
		return collMapRefs(dt, kt, k, v, []arrow.Array{kl.values}, []arrow.Array{vl.values})
	}, true, nil
}

func collMapFromEntriesK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	kt := rt.(types.MapType).KeyType
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		s, ok := l.values.(*array.Struct)
		if !ok {
			return nil, sparkerror.InternalError("map_from_entries of %s", a[0].DataType())
		}
		sv := validity(s)
		k, v := collNewRefs(n), collNewRefs(n)
		for i := 0; i < n; i++ {
			null := l.isNull(i)
			b, e := l.span(i)
			for j := b; j < e && !null; j++ {
				if sv != nil && !sv.get(j) {
					null = true
				}
			}
			if null {
				k.end(true)
				v.end(true)
				continue
			}
			for j := b; j < e; j++ {
				k.add(0, j)
				v.add(0, j)
			}
			k.end(false)
			v.end(false)
		}
		return collMapRefs(dt, kt, k, v, []arrow.Array{s.Field(0)}, []arrow.Array{s.Field(1)})
	}, true, nil
}

func collMapConcatK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	kt := rt.(types.MapType).KeyType
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		ls := make([]collListView, len(a))
		ks, vs := make([]arrow.Array, len(a)), make([]arrow.Array, len(a))
		for j := range a {
			ls[j] = collViewList(a[j])
			ks[j], vs[j] = collMapParts(ls[j])
		}
		k, v := collNewRefs(n), collNewRefs(n)
		for i := 0; i < n; i++ {
			null := false
			for j := range ls {
				null = null || ls[j].isNull(i)
			}
			if !null {
				for j := range ls {
					s, e := ls[j].span(i)
					for p := s; p < e; p++ {
						k.add(j, p)
						v.add(j, p)
					}
				}
			}
			k.end(null)
			v.end(null)
		}
		return collMapRefs(dt, kt, k, v, ks, vs)
	}, true, nil
}

// collFlattenK is flatten: NULL when the array or one of its arrays is.
func collFlattenK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		outer := collViewList(a[0])
		inner := collViewList(outer.values)
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			null := outer.isNull(i)
			s, e := outer.span(i)
			for j := s; j < e && !null; j++ {
				null = inner.isNull(j)
			}
			if !null {
				for j := s; j < e; j++ {
					is, ie := inner.span(j)
					for k := is; k < ie; k++ {
						r.add(0, k)
					}
				}
			}
			r.end(null)
		}
		return r.list(dt, []arrow.Array{inner.values})
	}, false, nil
}

func collInvalidParameter(fn, param, msg string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE."+param, "22023",
		"The value of parameter(s) <parameter> in <functionName> is invalid: "+msg,
		map[string]string{"parameter": "`" + map[string]string{"START": "start", "LENGTH": "length"}[param] + "`", "functionName": "`" + fn + "`"})
}

// collSliceK is slice(arr, start, length): start is 1-based, negative from the end.
func collSliceK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		st, ln := argvOf(a[1]), argvOf(a[2])
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			if l.isNull(i) || st.isNull(i) || ln.isNull(i) {
				r.end(true)
				continue
			}
			s, e := l.span(i)
			size := int64(e - s)
			start, length := st.int(i), ln.int(i)
			if start == 0 {
				return nil, collInvalidParameter("slice", "START", "Expects a positive or a negative value for `start`, but got 0.")
			}
			if length < 0 {
				return nil, collInvalidParameter("slice", "LENGTH", "Expects `length` greater than or equal to 0, but got "+itoaInt64(length)+".")
			}
			from := start - 1
			if start < 0 {
				from = start + size
			}
			if from >= 0 && from < size {
				for k := from; k < min(size, from+length); k++ {
					r.add(0, s+int(k))
				}
			}
			r.end(false)
		}
		return r.list(dt, []arrow.Array{l.values})
	}, true, nil
}

// collRepeatK is array_repeat(elem, count): NULL for a NULL count, empty when negative.
func collRepeatK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		c := argvOf(a[1])
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			if c.isNull(i) {
				r.end(true)
				continue
			}
			if err := collCheckLength("array_repeat", c.int(i)); err != nil {
				return nil, err
			}
			for k := int64(0); k < c.int(i); k++ {
				r.add(0, i)
			}
			r.end(false)
		}
		return r.list(dt, []arrow.Array{a[0]})
	}, false, nil
}

// collJoinK is array_join(arr, delimiter[, nullReplacement]): NULL elements are skipped
// without a replacement.
func collJoinK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		elems := argvOf(l.values)
		return varRowK(arrow.BinaryTypes.String, func(dst []byte, i int, x []argv) ([]byte, bool, error) {
			s, e := l.span(i)
			first := true
			for j := s; j < e; j++ {
				var v []byte
				if elems.isNull(j) {
					if len(x) < 3 {
						continue
					}
					v = x[2].str(i)
				} else {
					v = elems.str(j)
				}
				if !first {
					dst = append(dst, x[1].str(i)...)
				}
				first = false
				dst = append(dst, v...)
			}
			return dst, true, nil
		})(a, n)
	}, false, nil
}

func collIllegalBoundaries(start, stop, step string) error {
	return sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_3243", "",
		"Illegal sequence boundaries: <start> to <stop> by <step>",
		map[string]string{"start": start, "stop": stop, "step": step})
}

// collSequenceK is sequence(start, stop[, step]) over integral numbers and dates (with a
// step of days or months).
func collSequenceK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	et := rt.(types.ArrayType).ElementType
	switch et.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
	case types.DateType:
		if len(args) == 3 {
			if _, ok := at[2].(types.YearMonthIntervalType); !ok {
				if _, ok := at[2].(types.CalendarIntervalType); !ok {
					return nil, false, sparkerror.NotImplemented("sequence of dates with a " + at[2].SQL() + " step")
				}
			}
		}
	default:
		return nil, false, sparkerror.NotImplemented("sequence of " + et.SQL())
	}
	lt := dt.(*arrow.ListType)
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		start, stop := argvOf(a[0]), argvOf(a[1])
		var step argv
		if len(a) == 3 {
			step = argvOf(a[2])
		}
		var vals []int64
		offs := make([]int32, n+1)
		for i := 0; i < n; i++ {
			x, y := start.int(i), stop.int(i)
			if _, isDate := et.(types.DateType); isDate {
				months, days := int64(0), int64(1)
				if x > y {
					days = -1
				}
				if len(a) == 3 {
					switch s := a[2].(type) {
					case *array.MonthInterval:
						months, days = int64(s.Value(i)), 0
					case *array.MonthDayNanoInterval:
						v := s.Value(i)
						if v.Nanoseconds != 0 && v.Nanoseconds%86400_000_000_000 != 0 {
							return nil, sparkerror.New(sparkerror.IllegalArgument, "_LEGACY_ERROR_TEMP_3242", "",
								"sequence step must be an <intervalType> of day granularity if start and end values are dates",
								map[string]string{"intervalType": "interval"})
						}
						months, days = int64(v.Months), int64(v.Days)+v.Nanoseconds/86400_000_000_000
					}
				}
				if (months == 0 && days == 0) || (x < y && (months < 0 || days < 0)) || (x > y && (months > 0 || days > 0)) {
					if x != y {
						return nil, collIllegalBoundaries(itoaInt64(x), itoaInt64(y), "step")
					}
				}
				for k := int64(0); ; k++ {
					d := addMonthsDays(x, months*k, days*k)
					if (x <= y && d > y) || (x > y && d < y) {
						break
					}
					vals = append(vals, d)
					if x == y {
						break
					}
				}
				offs[i+1] = int32(len(vals))
				continue
			}
			st := int64(1)
			if x > y {
				st = -1
			}
			if len(a) == 3 {
				st = step.int(i)
			}
			if !(st > 0 && x <= y || st < 0 && x >= y || st == 0 && x == y) {
				return nil, collIllegalBoundaries(itoaInt64(x), itoaInt64(y), itoaInt64(st))
			}
			for v := x; ; v += st {
				vals = append(vals, v)
				if st == 0 || (st > 0 && (v > y-st)) || (st < 0 && (v < y-st)) {
					break
				}
			}
			offs[i+1] = int32(len(vals))
		}
		child := collIntArray(lt.Elem(), vals)
		defer child.Release()
		return collNewList(dt, offs, andValidity(a...), child), nil
	}, true, nil
}

// addMonthsDays adds months (clamping the day to the month's end) then days to a date.
func addMonthsDays(date, months, days int64) int64 {
	if months != 0 {
		date = addMonths(date, months)
	}
	return date + days
}

func collIntArray(t arrow.DataType, vals []int64) arrow.Array {
	switch t.ID() {
	case arrow.INT8:
		out := make([]int8, len(vals))
		for i, v := range vals {
			out[i] = int8(v)
		}
		return newFixed(t, out, nil)
	case arrow.INT16:
		out := make([]int16, len(vals))
		for i, v := range vals {
			out[i] = int16(v)
		}
		return newFixed(t, out, nil)
	case arrow.INT32, arrow.DATE32:
		out := make([]int32, len(vals))
		for i, v := range vals {
			out[i] = int32(v)
		}
		return newFixed(t, out, nil)
	}
	return newFixed(t, vals, nil)
}

func itoaInt64(v int64) string { return strconv.FormatInt(v, 10) }

// collStrToMapK is str_to_map(text, pairDelim, keyValueDelim): both delimiters are
// regular expressions; a pair without the key-value delimiter has a NULL value.
func collStrToMapK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return perBatch(func() kernel {
		cache := map[string]*javaRegex{}
		compile := func(p []byte) (*javaRegex, error) {
			if re, ok := cache[string(p)]; ok {
				return re, nil
			}
			re, err := compileJavaRegex("str_to_map", string(p))
			if err != nil {
				if se, ok := sparkerror.As(err); ok && se.Class == "NOT_IMPLEMENTED" {
					return nil, err
				}
				return nil, sparkerror.New(sparkerror.IllegalArgument, "INVALID_PARAMETER_VALUE.PATTERN", "22023",
					"The value of parameter(s) <parameter> in <functionName> is invalid: <value>.",
					map[string]string{"parameter": "`regexp`", "functionName": "`str_to_map`", "value": "'" + string(p) + "'"})
			}
			cache[string(p)] = re
			return re, nil
		}
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			x := argvsOf(a)
			koffs, voffs := []int32{0}, []int32{0}
			var kdata, vdata []byte
			var vvalid []bool
			var pairs, kv [][]byte
			offs := make([]int32, n+1)
			var valid words
			for i := 0; i < n; i++ {
				if rowsNull(x, i) {
					if valid == nil {
						valid = allOnes(n)
					}
					valid.clear(i)
					offs[i+1] = offs[i]
					continue
				}
				// Java's String.split on both delimiters (UTF8String.split).
				pairs = pairs[:0]
				if err := javaSplit(x[0].str(i), x[1].str(i), -1, nil, compile, func(p []byte) { pairs = append(pairs, p) }); err != nil {
					return nil, err
				}
				for _, pair := range pairs {
					kv = kv[:0]
					if err := javaSplit(pair, x[2].str(i), 2, nil, compile, func(p []byte) { kv = append(kv, p) }); err != nil {
						return nil, err
					}
					kdata = append(kdata, kv[0]...)
					koffs = append(koffs, int32(len(kdata)))
					if len(kv) == 2 {
						vdata = append(vdata, kv[1]...)
						vvalid = append(vvalid, true)
					} else {
						vvalid = append(vvalid, false)
					}
					voffs = append(voffs, int32(len(vdata)))
				}
				offs[i+1] = int32(len(koffs) - 1)
			}
			mt := dt.(*arrow.MapType)
			var vw words
			for j, ok := range vvalid {
				if !ok {
					if vw == nil {
						vw = allOnes(len(vvalid))
					}
					vw.clear(j)
				}
			}
			if kdata == nil {
				kdata = []byte{}
			}
			if vdata == nil {
				vdata = []byte{}
			}
			keys := newVar(mt.KeyType(), koffs, kdata, nil)
			defer keys.Release()
			vals := newVar(mt.ItemType(), voffs, vdata, vw)
			defer vals.Release()
			if err := collCheckMapKeys(keys, offs, types.String); err != nil {
				return nil, err
			}
			return collNewMapArray(dt, offs, valid, keys, vals), nil
		}
	}), true, nil
}

// collConcatK is concat(arr1, arr2, ...): NULL when any array is.
func collConcatK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		ls := make([]collListView, len(a))
		srcs := make([]arrow.Array, len(a))
		for k := range a {
			ls[k] = collViewList(a[k])
			srcs[k] = ls[k].values
		}
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			null := false
			for k := range ls {
				null = null || ls[k].isNull(i)
			}
			if !null {
				for k := range ls {
					s, e := ls[k].span(i)
					for j := s; j < e; j++ {
						r.add(k, j)
					}
				}
			}
			r.end(null)
		}
		return r.list(dt, srcs)
	}, false, nil
}

func collReverseK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		r := collNewRefs(n)
		for i := 0; i < n; i++ {
			if l.isNull(i) {
				r.end(true)
				continue
			}
			s, e := l.span(i)
			for j := e - 1; j >= s; j-- {
				r.add(0, j)
			}
			r.end(false)
		}
		return r.list(dt, []arrow.Array{l.values})
	}, false, nil
}

package expr

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Collection kernels: arrays, maps and structs. A kernel computes, per row, which elements
// the result holds as references (source array, position) into its inputs' element arrays
// or into argument columns; the elements are then copied once with gather, and the result
// is assembled from offsets and that child. No value is boxed.

// collListView is a read-only view of a list or map array: absolute offsets into its child.
type collListView struct {
	offs   []int32 // n+1 offsets (the array's offset applied)
	values arrow.Array
	valid  words
}

func collViewList(a arrow.Array) collListView {
	n := a.Len()
	if isNullType(a) {
		return collListView{offs: make([]int32, n+1), values: array.NewNull(0), valid: newWords(n)}
	}
	d := a.Data()
	var offs []int32
	if bufs := d.Buffers(); len(bufs) > 1 && bufs[1] != nil && bufs[1].Len() > 0 {
		offs = arrow.GetData[int32](bufs[1].Bytes())[d.Offset() : d.Offset()+n+1]
	} else {
		offs = make([]int32, n+1)
	}
	return collListView{offs: offs, values: a.(array.ListLike).ListValues(), valid: validity(a)}
}

func (l collListView) isNull(i int) bool     { return l.valid != nil && !l.valid.get(i) }
func (l collListView) span(i int) (int, int) { return int(l.offs[i]), int(l.offs[i+1]) }

// collMapParts are the keys and values of a map array's entries.
func collMapParts(l collListView) (keys, vals arrow.Array) {
	if s, ok := l.values.(*array.Struct); ok {
		return s.Field(0), s.Field(1)
	}
	return l.values, l.values
}

// collRefs collects element references: row i of the result holds collRefs offs[i]..offs[i+1].
type collRefs struct {
	offs  []int32
	src   []int32
	idx   []int32
	valid words
	n     int
}

func collNewRefs(n int) *collRefs { return &collRefs{offs: make([]int32, 1, n+1), n: n} }

// add appends element idx of source src (idx < 0: a NULL element).
func (r *collRefs) add(src int, idx int) {
	r.src = append(r.src, int32(src))
	r.idx = append(r.idx, int32(idx))
}

// end closes the current row; a NULL row drops the elements added for it.
func (r *collRefs) end(null bool) {
	i := len(r.offs) - 1
	if null {
		if r.valid == nil {
			r.valid = allOnes(r.n)
		}
		r.valid.clear(i)
		r.src, r.idx = r.src[:r.offs[i]], r.idx[:r.offs[i]]
	}
	r.offs = append(r.offs, int32(len(r.idx)))
}

// elements gathers the referenced elements as an array of type t.
func (r *collRefs) elements(t arrow.DataType, srcs []arrow.Array) (arrow.Array, error) {
	idx := r.idx
	if idx == nil {
		idx = []int32{}
	}
	var src []int32
	if len(srcs) > 1 {
		src = r.src
	}
	if len(srcs) == 0 {
		srcs = []arrow.Array{array.NewNull(0)}
		defer srcs[0].Release()
	}
	return gather(t, srcs, src, idx)
}

// list assembles a list array of type dt from the references.
func (r *collRefs) list(dt arrow.DataType, srcs []arrow.Array) (arrow.Array, error) {
	lt, ok := dt.(*arrow.ListType)
	if !ok {
		return nil, sparkerror.InternalError("list result of type %s", dt)
	}
	child, err := r.elements(lt.Elem(), srcs)
	if err != nil {
		return nil, err
	}
	defer child.Release()
	return collNewList(dt, r.offs, r.valid, child), nil
}

func collNewList(dt arrow.DataType, offs []int32, valid words, child arrow.Array) arrow.Array {
	n := len(offs) - 1
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(dt, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{child.Data()}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// collNewMapArray assembles a map array of type dt from keys and values (entries in order).
func collNewMapArray(dt arrow.DataType, offs []int32, valid words, keys, vals arrow.Array) arrow.Array {
	mt := dt.(*arrow.MapType)
	et := mt.Elem()
	sd := array.NewData(et, keys.Len(), []*memory.Buffer{nil}, []arrow.ArrayData{keys.Data(), vals.Data()}, 0, 0)
	defer sd.Release()
	n := len(offs) - 1
	vb, nulls := validBuffer(valid, n)
	d := array.NewData(dt, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{sd}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// collMapRefs builds a map from key and value references sharing offsets, checking that keys
// are not NULL and not repeated within a row (spark.sql.mapKeyDedupPolicy=EXCEPTION).
func collMapRefs(dt arrow.DataType, keyType types.DataType, k, v *collRefs, ksrcs, vsrcs []arrow.Array) (arrow.Array, error) {
	mt := dt.(*arrow.MapType)
	keys, err := k.elements(mt.KeyType(), ksrcs)
	if err != nil {
		return nil, err
	}
	defer keys.Release()
	if err := collCheckMapKeys(keys, k.offs, keyType); err != nil {
		return nil, err
	}
	vals, err := v.elements(mt.ItemType(), vsrcs)
	if err != nil {
		return nil, err
	}
	defer vals.Release()
	return collNewMapArray(dt, k.offs, k.valid, keys, vals), nil
}

func collCheckMapKeys(keys arrow.Array, offs []int32, keyType types.DataType) error {
	if keys.NullN() > 0 {
		return sparkerror.New(sparkerror.Runtime, "NULL_MAP_KEY", "2200E", "Cannot use null as map key.", nil)
	}
	mk, err := newRowCmp(keys.DataType())
	if err != nil {
		return err
	}
	cmp := mk(keys, keys)
	for r := 0; r+1 < len(offs); r++ {
		s, e := int(offs[r]), int(offs[r+1])
		for i := s + 1; i < e; i++ {
			for j := s; j < i; j++ {
				if cmp(i, j) == 0 {
					return collDuplicatedMapKey(keys, keyType, i)
				}
			}
		}
	}
	return nil
}

func collDuplicatedMapKey(keys arrow.Array, t types.DataType, i int) error {
	text := ""
	if f, err := stringer(t, keys, false, nil); err == nil {
		text = string(f(nil, i))
	}
	return sparkerror.New(sparkerror.Runtime, "DUPLICATED_MAP_KEY", "23505",
		"Duplicate map key <key> was found, please check the input data. If you want to remove the duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the key inserted at last takes precedence.",
		map[string]string{"key": text, "mapKeyDedupPolicy": `"spark.sql.mapKeyDedupPolicy"`})
}

func collInvalidArrayIndex(class string, idx int64, size int) error {
	msg := "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead."
	if class == "INVALID_ARRAY_INDEX_IN_ELEMENT_AT" {
		msg = "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead."
	}
	return sparkerror.New(sparkerror.ArrayIndexOutOfBounds, class, "22003", msg,
		map[string]string{"indexValue": strconv.FormatInt(idx, 10), "arraySize": strconv.Itoa(size)})
}

func collInvalidIndexOfZero() error {
	return sparkerror.New(sparkerror.Runtime, "INVALID_INDEX_OF_ZERO", "22003",
		"The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", nil)
}

// collFunc registers a kernel built per call from the argument and result types.
type collBuilder func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, opts FuncOptions) (kernel, bool, error)

// collRegister registers a collection function; strict says whether a NULL-typed argument
// makes the result NULL (else the kernel sees it).
func collRegister(strict bool, fails bool, b collBuilder, names ...string) {
	register(func(args []Expr, at []types.DataType, rt types.DataType, opts FuncOptions) (Expr, error) {
		dt, err := types.ToArrow(rt)
		if err != nil {
			return nil, err
		}
		k, mayFail, err := b(args, at, rt, dt, opts)
		if err != nil {
			return nil, err
		}
		f := &funcExpr{name: names[0], args: args, t: dt, k: k, fails: fails || mayFail, strict: strict}
		return f, nil
	}, names...)
}

func init() {
	collRegister(false, false, collArrayK, "array")
	collRegister(false, true, collMapK2, "map")
	collRegister(false, false, collNamedStructK, "named_struct")
	collRegister(true, false, collStructFieldK, "get_struct_field")
	collRegister(true, false, collArrayStructFieldsK, "get_array_struct_fields")
	collRegister(true, true, collArrayItemK(0, "INVALID_ARRAY_INDEX", true), "get_array_item")
	collRegister(true, false, collArrayItemK(0, "", false), "get")
	collRegister(true, true, collElementAtK(false), "element_at")
	collRegister(true, false, collElementAtK(true), "try_element_at")
	collRegister(true, false, collMapValueK, "get_map_value")
	collRegister(false, false, collSizeK(true), "size")
	collRegister(true, false, collSizeK(false), "array_size")
}

// collArrayK is array(e1, ..., en): row i holds row i of every argument.
func collArrayK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		r := collNewRefs(n)
		r.src = make([]int32, 0, n*len(a))
		r.idx = make([]int32, 0, n*len(a))
		for i := 0; i < n; i++ {
			for k := range a {
				r.add(k, i)
			}
			r.end(false)
		}
		return r.list(dt, a)
	}, false, nil
}

// collMapK2 is map(k1, v1, ...).
func collMapK2(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	kt := rt.(types.MapType).KeyType
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		m := len(a) / 2
		ks, vs := make([]arrow.Array, m), make([]arrow.Array, m)
		for j := 0; j < m; j++ {
			ks[j], vs[j] = a[2*j], a[2*j+1]
		}
		k, v := collNewRefs(n), collNewRefs(n)
		for i := 0; i < n; i++ {
			for j := 0; j < m; j++ {
				k.add(j, i)
				v.add(j, i)
			}
			k.end(false)
			v.end(false)
		}
		return collMapRefs(dt, kt, k, v, ks, vs)
	}, false, nil
}

// collNamedStructK is named_struct(name1, v1, ...) and struct(...): the values become the
// fields, the names are in the result type.
func collNamedStructK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	st, ok := dt.(*arrow.StructType)
	if !ok {
		return nil, false, sparkerror.InternalError("named_struct of type %s", dt)
	}
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		children := make([]arrow.ArrayData, 0, len(a)/2)
		for j := 1; j < len(a); j += 2 {
			c := a[j]
			ft := st.Field(len(children)).Type
			if !arrow.TypeEqual(c.DataType(), ft) {
				// A NULL-typed column, or nested flags that differ: copy into the field type.
				g, err := gather(ft, []arrow.Array{c}, nil, identity(n))
				if err != nil {
					return nil, err
				}
				defer g.Release()
				c = g
			}
			children = append(children, c.Data())
		}
		d := array.NewData(dt, n, []*memory.Buffer{nil}, children, 0, 0)
		defer d.Release()
		return array.MakeFromData(d), nil
	}, false, nil
}

// collStructFieldK is s.field: the field's values, NULL where the struct is.
func collStructFieldK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	ord, isNull, err := literalInt(args[1])
	if err != nil || isNull {
		return nil, false, sparkerror.InternalError("get_struct_field needs a constant ordinal")
	}
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		s, ok := a[0].(*array.Struct)
		if !ok {
			return nil, sparkerror.InternalError("get_struct_field of %s", a[0].DataType())
		}
		f := s.Field(ord)
		return withValidity(f, andValidity(a[0], f)), nil
	}, false, nil
}

// collArrayStructFieldsK is a.field over an array of structs: the array of the field's values.
func collArrayStructFieldsK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	ord, isNull, err := literalInt(args[1])
	if err != nil || isNull {
		return nil, false, sparkerror.InternalError("get_array_struct_fields needs a constant ordinal")
	}
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		s, ok := l.values.(*array.Struct)
		if !ok {
			return nil, sparkerror.InternalError("get_array_struct_fields of %s", a[0].DataType())
		}
		f := s.Field(ord)
		child := withValidity(f, andValidity(s, f))
		defer child.Release()
		lt := dt.(*arrow.ListType)
		if !arrow.TypeEqual(child.DataType(), lt.Elem()) {
			g, err := gather(lt.Elem(), []arrow.Array{child}, nil, identity(child.Len()))
			if err != nil {
				return nil, err
			}
			defer g.Release()
			child = g
		}
		offs := append([]int32(nil), l.offs...)
		return collNewList(dt, offs, l.valid, child), nil
	}, false, nil
}

// collArrayItemK is arr[i] (base 0) or get(arr, i): out of range is NULL, or the error class
// when failing and the session is ANSI.
func collArrayItemK(base int, class string, fail bool) collBuilder {
	return func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, opts FuncOptions) (kernel, bool, error) {
		if _, isMap := at[0].(types.MapType); isMap {
			return collMapValueK(args, at, rt, dt, opts)
		}
		ansi := fail && opts.ANSI
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			l := collViewList(a[0])
			ix := argvOf(a[1])
			idx := make([]int32, n)
			for i := 0; i < n; i++ {
				idx[i] = -1
				if l.isNull(i) || ix.isNull(i) {
					continue
				}
				s, e := l.span(i)
				p := ix.int(i) - int64(base)
				if p < 0 || p >= int64(e-s) {
					if ansi {
						return nil, collInvalidArrayIndex(class, p+int64(base), e-s)
					}
					continue
				}
				idx[i] = int32(s) + int32(p)
			}
			return gather(dt, []arrow.Array{l.values}, nil, idx)
		}, ansi, nil
	}
}

// collElementAtK is element_at(array, i) (1-based, negative from the end) or element_at(map, k).
func collElementAtK(try bool) collBuilder {
	return func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, opts FuncOptions) (kernel, bool, error) {
		if _, isMap := at[0].(types.MapType); isMap {
			return collMapValueK(args, at, rt, dt, opts)
		}
		ansi := opts.ANSI && !try
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			l := collViewList(a[0])
			ix := argvOf(a[1])
			idx := make([]int32, n)
			for i := 0; i < n; i++ {
				idx[i] = -1
				if l.isNull(i) || ix.isNull(i) {
					continue
				}
				s, e := l.span(i)
				size := int64(e - s)
				p := ix.int(i)
				switch {
				case p == 0:
					if try {
						continue
					}
					return nil, collInvalidIndexOfZero()
				case p > size || -p > size:
					if ansi {
						return nil, collInvalidArrayIndex("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", p, int(size))
					}
					continue
				case p > 0:
					idx[i] = int32(s) + int32(p-1)
				default:
					idx[i] = int32(e) + int32(p)
				}
			}
			return gather(dt, []arrow.Array{l.values}, nil, idx)
		}, !try, nil
	}
}

// collMapValueK is m[k] and element_at(m, k): the value of key k, NULL when missing.
func collMapValueK(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, _ FuncOptions) (kernel, bool, error) {
	return func(a []arrow.Array, n int) (arrow.Array, error) {
		l := collViewList(a[0])
		keys, vals := collMapParts(l)
		pos, err := collFindKeys(l, keys, a[1], n)
		if err != nil {
			return nil, err
		}
		return gather(dt, []arrow.Array{vals}, nil, pos)
	}, false, nil
}

// collFindKeys finds, per row, the position of key k[i] among the row's map keys (-1: none,
// or a NULL map or key).
func collFindKeys(l collListView, keys, k arrow.Array, n int) ([]int32, error) {
	pos := make([]int32, n)
	mk, err := newRowCmp(keys.DataType())
	if err != nil {
		return nil, err
	}
	cmp := mk(keys, k)
	kv := validity(k)
	for i := 0; i < n; i++ {
		pos[i] = -1
		if l.isNull(i) || (kv != nil && !kv.get(i)) {
			continue
		}
		s, e := l.span(i)
		for j := s; j < e; j++ {
			if cmp(j, i) == 0 {
				pos[i] = int32(j)
				break
			}
		}
	}
	return pos, nil
}

// collSizeK is size(x) (legacy: -1 for NULL outside ANSI) and array_size(x) (NULL for NULL).
func collSizeK(legacyAllowed bool) collBuilder {
	return func(args []Expr, at []types.DataType, rt types.DataType, dt arrow.DataType, opts FuncOptions) (kernel, bool, error) {
		legacy := legacyAllowed && !opts.ANSI
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			out := make([]int32, n)
			l := collViewList(a[0])
			var valid words
			for i := 0; i < n; i++ {
				if l.isNull(i) {
					if legacy {
						out[i] = -1
						continue
					}
					if valid == nil {
						valid = allOnes(n)
					}
					valid.clear(i)
					continue
				}
				s, e := l.span(i)
				out[i] = int32(e - s)
			}
			return newFixed(i32, out, valid), nil
		}, false, nil
	}
}

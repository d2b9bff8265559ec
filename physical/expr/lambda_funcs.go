package expr

import (
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// higherOrder is a call of a higher-order function: its plain arguments and its lambdas.
type higherOrder struct {
	name     string
	args     []Expr
	argTypes []types.DataType
	fns      []*Lambda
	t        arrow.DataType
	result   types.DataType
	eval     func(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error)
	fails    bool
}

var higherOrderEvals = map[string]func(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error){
	"transform":        evalTransform,
	"filter":           evalFilter,
	"exists":           evalExists,
	"forall":           evalForall,
	"aggregate":        evalAggregate,
	"zip_with":         evalZipWith,
	"map_filter":       evalMapFilter,
	"transform_values": evalTransformValues,
	"transform_keys":   evalTransformKeys,
	"map_zip_with":     evalMapZipWith,
	"array_sort":       evalArraySort,
	"array_sort_asc":   evalArraySortAsc,
}

// IsHigherOrder reports whether name is a higher-order function NewHigherOrder builds.
func IsHigherOrder(name string) bool { return higherOrderEvals[name] != nil }

// NewHigherOrder builds a higher-order function call: args are its plain arguments (the
// collections, aggregate's zero), fns its lambdas, in the order the function takes them.
func NewHigherOrder(name string, args []Expr, argTypes []types.DataType, fns []*Lambda, result types.DataType) (Expr, error) {
	ev := higherOrderEvals[name]
	if ev == nil {
		return nil, sparkerror.NotImplemented("running the function " + name)
	}
	t, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	want := map[string][2]int{"transform": {1, 1}, "filter": {1, 1}, "exists": {1, 1}, "forall": {1, 1},
		"aggregate": {2, 2}, "zip_with": {2, 1}, "map_filter": {1, 1}, "transform_values": {1, 1},
		"transform_keys": {1, 1}, "map_zip_with": {2, 1}, "array_sort": {1, 1}, "array_sort_asc": {1, 1}}[name]
	if len(args) != want[0] || len(fns) != want[1] || len(argTypes) != len(args) {
		return nil, sparkerror.InternalError("%s with %d arguments and %d lambdas", name, len(args), len(fns))
	}
	h := &higherOrder{name: name, args: args, argTypes: argTypes, fns: fns, t: t, result: result, eval: ev}
	h.fails = name == "transform_keys" || name == "array_sort"
	return h, nil
}

func (h *higherOrder) DataType() arrow.DataType { return h.t }
func (h *higherOrder) String() string {
	parts := make([]string, 0, len(h.args)+len(h.fns))
	for _, a := range h.args {
		parts = append(parts, a.String())
	}
	for _, f := range h.fns {
		parts = append(parts, f.String())
	}
	return h.name + "(" + strings.Join(parts, ", ") + ")"
}

// children include the lambdas' bodies, so that the columns they read count as read.
func (h *higherOrder) children() []Expr {
	out := append([]Expr(nil), h.args...)
	for _, f := range h.fns {
		out = append(out, f.Body)
	}
	return out
}

func (h *higherOrder) mayFail() bool {
	if h.fails || anyMayFail(h.args...) {
		return true
	}
	for _, f := range h.fns {
		if mayFail(f.Body) {
			return true
		}
	}
	return false
}

func (h *higherOrder) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	args, err := evalAll(b, h.args...)
	if err != nil {
		return nil, err
	}
	defer releaseAll(args)
	return h.eval(h, b, args)
}

// lamElements flattens a list argument: the view, its elements and their values.
func lamElements(a arrow.Array, withPos bool) (lamList, lamFlat, arrow.Array, error) {
	v := viewLamList(a)
	f := v.flatten(withPos)
	vals, err := lamTake(v.values, f.idx)
	return v, f, vals, err
}

func (h *higherOrder) lambdaVars(f lamFlat, vals arrow.Array) []arrow.Array {
	vars := []arrow.Array{vals}
	if len(h.fns[0].Params) == 2 {
		vars = append(vars, lamInt32s(f.pos))
	}
	return vars
}

func evalTransform(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	v, f, vals, err := lamElements(args[0], len(h.fns[0].Params) == 2)
	if err != nil {
		return nil, err
	}
	vars := h.lambdaVars(f, vals)
	defer releaseAll(vars)
	r, err := h.fns[0].apply(b, f.parent, vars)
	if err != nil {
		return nil, err
	}
	defer r.Release()
	return lamNewList(h.t, f.offs, v.valid, r), nil
}

func evalFilter(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	v, f, vals, err := lamElements(args[0], len(h.fns[0].Params) == 2)
	if err != nil {
		return nil, err
	}
	vars := h.lambdaVars(f, vals)
	defer releaseAll(vars)
	r, err := h.fns[0].apply(b, f.parent, vars)
	if err != nil {
		return nil, err
	}
	defer r.Release()
	keep := lamTrueRows(r)
	offs := make([]int32, v.n+1)
	j := 0
	for i := 0; i < v.n; i++ {
		for j < len(keep) && int(f.parent[keep[j]]) == i {
			j++
		}
		offs[i+1] = int32(j)
	}
	kept, err := gather(vals.DataType(), []arrow.Array{vals}, nil, keep)
	if err != nil {
		return nil, err
	}
	defer kept.Release()
	return lamNewList(h.t, offs, v.valid, kept), nil
}

// predicateCounts evaluates a predicate over the elements and counts, per row, the
// elements where it is true, false and NULL.
func (h *higherOrder) predicateCounts(b arrow.RecordBatch, a arrow.Array) (lamList, []int32, []int32, []int32, error) {
	v, f, vals, err := lamElements(a, false)
	if err != nil {
		return v, nil, nil, nil, err
	}
	defer vals.Release()
	r, err := h.fns[0].apply(b, f.parent, []arrow.Array{vals})
	if err != nil {
		return v, nil, nil, nil, err
	}
	defer r.Release()
	trues, falses, nulls := make([]int32, v.n), make([]int32, v.n), make([]int32, v.n)
	if isNullType(r) {
		for _, p := range f.parent {
			nulls[p]++
		}
		return v, trues, falses, nulls, nil
	}
	bw, valid := boolWords(r), validity(r)
	for k, p := range f.parent {
		switch {
		case valid != nil && !valid.get(k):
			nulls[p]++
		case bw.get(k):
			trues[p]++
		default:
			falses[p]++
		}
	}
	return v, trues, falses, nulls, nil
}

func evalExists(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	v, trues, _, nulls, err := h.predicateCounts(b, args[0])
	if err != nil {
		return nil, err
	}
	out, valid := newWords(v.n), allOnes(v.n)
	for i := 0; i < v.n; i++ {
		switch {
		case !v.ok(i):
			valid.clear(i)
		case trues[i] > 0:
			out.set(i)
		case nulls[i] > 0:
			valid.clear(i)
		}
	}
	return newBool(v.n, out, valid), nil
}

func evalForall(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	v, _, falses, nulls, err := h.predicateCounts(b, args[0])
	if err != nil {
		return nil, err
	}
	out, valid := newWords(v.n), allOnes(v.n)
	for i := 0; i < v.n; i++ {
		switch {
		case !v.ok(i):
			valid.clear(i)
		case falses[i] > 0:
		case nulls[i] > 0:
			valid.clear(i)
		default:
			out.set(i)
		}
	}
	return newBool(v.n, out, valid), nil
}

// evalAggregate folds the elements into the accumulators position by position: step k
// applies the merge lambda, as one batch, to the accumulators of the rows that have more
// than k elements. Rows leave the batch as their lists end.
func evalAggregate(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	merge, finish := h.fns[0], h.fns[1]
	accType := merge.Params[0]
	v := viewLamList(args[0])
	n := v.n
	zero := lamRelabel(args[1], accType)
	// The final accumulator of each row is row fin[i] of chunk src[i] (-1: a NULL list).
	chunks := []arrow.Array{zero}
	defer func() { releaseAll(chunks) }()
	src, fin := make([]int32, n), make([]int32, n)
	var active []int32
	for i := 0; i < n; i++ {
		switch {
		case !v.ok(i):
			fin[i] = -1
		case v.size(i) == 0:
			fin[i] = int32(i)
		default:
			active = append(active, int32(i))
		}
	}
	acc, err := lamTake(zero, active)
	if err != nil {
		return nil, err
	}
	for k := int32(0); len(active) > 0; k++ {
		elemIdx := make([]int32, len(active))
		for j, r := range active {
			elemIdx[j] = v.offs[r] + k
		}
		elems, err := gather(v.values.DataType(), []arrow.Array{v.values}, nil, elemIdx)
		if err != nil {
			acc.Release()
			return nil, err
		}
		next, err := merge.apply(b, active, []arrow.Array{acc, elems})
		elems.Release()
		acc.Release()
		if err != nil {
			return nil, err
		}
		next = lamRelabelOwned(next, accType)
		chunk := int32(len(chunks))
		chunks = append(chunks, next)
		var still, stillPos []int32
		for j, r := range active {
			if int(k)+1 < v.size(int(r)) {
				still = append(still, r)
				stillPos = append(stillPos, int32(j))
			} else {
				src[r], fin[r] = chunk, int32(j)
			}
		}
		active = still
		if acc, err = lamTake(next, stillPos); err != nil {
			return nil, err
		}
	}
	acc.Release()
	final, err := gather(accType, chunks, src, fin)
	if err != nil {
		return nil, err
	}
	defer final.Release()
	// finish runs on the rows whose list is not NULL.
	var rows []int32
	if v.valid != nil {
		rows = selected(v.valid, n)
	}
	if rows == nil {
		return finish.apply(b, nil, []arrow.Array{final})
	}
	sub, err := lamTake(final, rows)
	if err != nil {
		return nil, err
	}
	defer sub.Release()
	r, err := finish.apply(b, rows, []arrow.Array{sub})
	if err != nil {
		return nil, err
	}
	defer r.Release()
	back := make([]int32, n)
	j := int32(0)
	for i := range back {
		if v.ok(i) {
			back[i] = j
			j++
		} else {
			back[i] = -1
		}
	}
	return gather(h.t, []arrow.Array{r}, nil, back)
}

// lamRelabelOwned is lamRelabel for an array the caller owns: the original is released.
func lamRelabelOwned(a arrow.Array, t arrow.DataType) arrow.Array {
	r := lamRelabel(a, t)
	a.Release()
	return r
}

func evalZipWith(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	l, r := viewLamList(args[0]), viewLamList(args[1])
	n := l.n
	offs := make([]int32, n+1)
	valid := allOnes(n)
	var parent, li, ri []int32
	for i := 0; i < n; i++ {
		if !l.ok(i) || !r.ok(i) {
			valid.clear(i)
		} else {
			ls, rs := l.size(i), r.size(i)
			for k := 0; k < max(ls, rs); k++ {
				parent = append(parent, int32(i))
				x, y := int32(-1), int32(-1)
				if k < ls {
					x = l.offs[i] + int32(k)
				}
				if k < rs {
					y = r.offs[i] + int32(k)
				}
				li, ri = append(li, x), append(ri, y)
			}
		}
		offs[i+1] = int32(len(parent))
	}
	if parent == nil {
		parent, li, ri = []int32{}, []int32{}, []int32{}
	}
	xs, err := gather(h.fns[0].Params[0], []arrow.Array{l.values}, nil, li)
	if err != nil {
		return nil, err
	}
	defer xs.Release()
	ys, err := gather(h.fns[0].Params[1], []arrow.Array{r.values}, nil, ri)
	if err != nil {
		return nil, err
	}
	defer ys.Release()
	res, err := h.fns[0].apply(b, parent, []arrow.Array{xs, ys})
	if err != nil {
		return nil, err
	}
	defer res.Release()
	return lamNewList(h.t, offs, valid, res), nil
}

// lamMapElements flattens a map argument into its entries' keys and values.
func lamMapElements(a arrow.Array) (lamList, lamFlat, arrow.Array, arrow.Array, error) {
	v := viewLamList(a)
	f := v.flatten(false)
	keys, vals := lamMapParts(v.values)
	k, err := lamTake(keys, f.idx)
	if err != nil {
		return v, f, nil, nil, err
	}
	x, err := lamTake(vals, f.idx)
	if err != nil {
		k.Release()
		return v, f, nil, nil, err
	}
	return v, f, k, x, nil
}

func evalMapFilter(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	v, f, keys, vals, err := lamMapElements(args[0])
	if err != nil {
		return nil, err
	}
	defer keys.Release()
	defer vals.Release()
	r, err := h.fns[0].apply(b, f.parent, []arrow.Array{keys, vals})
	if err != nil {
		return nil, err
	}
	defer r.Release()
	keep := lamTrueRows(r)
	offs := make([]int32, v.n+1)
	j := 0
	for i := 0; i < v.n; i++ {
		for j < len(keep) && int(f.parent[keep[j]]) == i {
			j++
		}
		offs[i+1] = int32(j)
	}
	if keep == nil {
		keep = []int32{}
	}
	kk, err := gather(keys.DataType(), []arrow.Array{keys}, nil, keep)
	if err != nil {
		return nil, err
	}
	defer kk.Release()
	kv, err := gather(vals.DataType(), []arrow.Array{vals}, nil, keep)
	if err != nil {
		return nil, err
	}
	defer kv.Release()
	return lamNewMap(h.t, offs, v.valid, kk, kv), nil
}

func evalTransformValues(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	v, f, keys, vals, err := lamMapElements(args[0])
	if err != nil {
		return nil, err
	}
	defer keys.Release()
	defer vals.Release()
	r, err := h.fns[0].apply(b, f.parent, []arrow.Array{keys, vals})
	if err != nil {
		return nil, err
	}
	defer r.Release()
	return lamNewMap(h.t, f.offs, v.valid, keys, r), nil
}

func evalTransformKeys(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	v, f, keys, vals, err := lamMapElements(args[0])
	if err != nil {
		return nil, err
	}
	defer keys.Release()
	defer vals.Release()
	r, err := h.fns[0].apply(b, f.parent, []arrow.Array{keys, vals})
	if err != nil {
		return nil, err
	}
	defer r.Release()
	kt := h.result.(types.MapType).KeyType
	if err := lamCheckKeys(r, kt, f.offs); err != nil {
		return nil, err
	}
	return lamNewMap(h.t, f.offs, v.valid, r, vals), nil
}

// lamCheckKeys fails on a NULL key or a key repeated within a row's range.
func lamCheckKeys(keys arrow.Array, kt types.DataType, offs []int32) error {
	if keys.NullN() > 0 || isNullType(keys) {
		return sparkerror.New(sparkerror.Runtime, "NULL_MAP_KEY", "2200E", "Cannot use null as map key.", nil)
	}
	enc := newLamKeyEncoder(kt, keys)
	seen := map[string]struct{}{}
	var buf []byte
	for i := 0; i+1 < len(offs); i++ {
		if offs[i+1]-offs[i] < 2 {
			continue
		}
		clear(seen)
		for k := offs[i]; k < offs[i+1]; k++ {
			buf = enc(buf[:0], int(k))
			if _, dup := seen[string(buf)]; dup {
				return sparkerror.New(sparkerror.Runtime, "DUPLICATED_MAP_KEY", "23505",
					"Duplicate map key <key> was found, please check the input data.\nIf you want to remove the duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the key inserted at last takes precedence.",
					map[string]string{"key": lamKeyText(kt, keys, int(k)), "mapKeyDedupPolicy": `"spark.sql.mapKeyDedupPolicy"`})
			}
			seen[string(buf)] = struct{}{}
		}
	}
	return nil
}

// evalMapZipWith merges two maps by key: the keys of the first map in order, then the
// second's new ones; a key missing on one side gives NULL for its value there.
func evalMapZipWith(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	fn := h.fns[0]
	l, r := viewLamList(args[0]), viewLamList(args[1])
	lk, lv := lamMapParts(l.values)
	rk, rv := lamMapParts(r.values)
	kt := h.result.(types.MapType).KeyType
	lenc, renc := newLamKeyEncoder(kt, lk), newLamKeyEncoder(kt, rk)
	n := l.n
	offs := make([]int32, n+1)
	valid := allOnes(n)
	var parent, ksrc, kidx, i1, i2 []int32
	slot := map[string]int{}
	var buf []byte
	for i := 0; i < n; i++ {
		if !l.ok(i) || !r.ok(i) {
			valid.clear(i)
			offs[i+1] = int32(len(parent))
			continue
		}
		clear(slot)
		start := len(parent)
		for k := l.offs[i]; k < l.offs[i+1]; k++ {
			buf = lenc(buf[:0], int(k))
			if _, dup := slot[string(buf)]; dup {
				continue
			}
			slot[string(buf)] = len(parent)
			parent, ksrc, kidx = append(parent, int32(i)), append(ksrc, 0), append(kidx, k)
			i1, i2 = append(i1, k), append(i2, -1)
		}
		for k := r.offs[i]; k < r.offs[i+1]; k++ {
			buf = renc(buf[:0], int(k))
			if s, ok := slot[string(buf)]; ok {
				if s >= start && i2[s] < 0 {
					i2[s] = k
				}
				continue
			}
			slot[string(buf)] = len(parent)
			parent, ksrc, kidx = append(parent, int32(i)), append(ksrc, 1), append(kidx, k)
			i1, i2 = append(i1, -1), append(i2, k)
		}
		offs[i+1] = int32(len(parent))
	}
	if parent == nil {
		parent, ksrc, kidx, i1, i2 = []int32{}, []int32{}, []int32{}, []int32{}, []int32{}
	}
	lk, rk = lamRelabel(lk, fn.Params[0]), lamRelabel(rk, fn.Params[0])
	defer lk.Release()
	defer rk.Release()
	keys, err := gather(fn.Params[0], []arrow.Array{lk, rk}, ksrc, kidx)
	if err != nil {
		return nil, err
	}
	keys = lamNormalizeFloatKeys(keys)
	defer keys.Release()
	v1, err := gather(fn.Params[1], []arrow.Array{lv}, nil, i1)
	if err != nil {
		return nil, err
	}
	defer v1.Release()
	v2, err := gather(fn.Params[2], []arrow.Array{rv}, nil, i2)
	if err != nil {
		return nil, err
	}
	defer v2.Release()
	res, err := fn.apply(b, parent, []arrow.Array{keys, v1, v2})
	if err != nil {
		return nil, err
	}
	defer res.Release()
	return lamNewMap(h.t, offs, valid, keys, res), nil
}

// lamNormalizeFloatKeys turns -0.0 into 0.0 and every NaN into the canonical one, as Spark
// normalizes the keys it merges.
func lamNormalizeFloatKeys(a arrow.Array) arrow.Array {
	switch a.DataType().ID() {
	case arrow.FLOAT32:
		vals := append([]float32(nil), fixedValues[float32](a)...)
		for i, x := range vals {
			if x == 0 {
				vals[i] = 0
			} else if x != x {
				vals[i] = float32(math.NaN())
			}
		}
		out := newFixed(a.DataType(), vals, validity(a))
		a.Release()
		return out
	case arrow.FLOAT64:
		vals := append([]float64(nil), fixedValues[float64](a)...)
		for i, x := range vals {
			if x == 0 {
				vals[i] = 0
			} else if x != x {
				vals[i] = math.NaN()
			}
		}
		out := newFixed(a.DataType(), vals, validity(a))
		a.Release()
		return out
	}
	return a
}

// evalArraySort sorts every list with the comparator lambda by a bottom-up merge sort run
// on all lists at once: at each step, every merge still running compares its two heads,
// and all those comparisons are one evaluation of the lambda.
func evalArraySort(h *higherOrder, b arrow.RecordBatch, args []arrow.Array) (arrow.Array, error) {
	fn := h.fns[0]
	v, f, vals, err := lamElements(args[0], false)
	if err != nil {
		return nil, err
	}
	defer vals.Release()
	if vals.DataType().ID() == arrow.NULL {
		return lamNewList(h.t, f.offs, v.valid, vals), nil
	}
	m := len(f.idx)
	perm := identity(m)
	next := make([]int32, m)
	maxLen := 0
	for i := 0; i < v.n; i++ {
		maxLen = max(maxLen, int(f.offs[i+1]-f.offs[i]))
	}
	type merge struct{ i, iEnd, j, jEnd, out int32 }
	for w := int32(1); int(w) < maxLen; w *= 2 {
		var merges []merge
		for i := 0; i < v.n; i++ {
			lo, hi := f.offs[i], f.offs[i+1]
			for s := lo; s < hi; s += 2 * w {
				mid, end := min(s+w, hi), min(s+2*w, hi)
				merges = append(merges, merge{i: s, iEnd: mid, j: mid, jEnd: end, out: s})
			}
		}
		for {
			// Drain the merges with one side exhausted; compare the heads of the others.
			var live []int
			for k := range merges {
				g := &merges[k]
				if g.i < g.iEnd && g.j < g.jEnd {
					live = append(live, k)
					continue
				}
				for ; g.i < g.iEnd; g.i++ {
					next[g.out] = perm[g.i]
					g.out++
				}
				for ; g.j < g.jEnd; g.j++ {
					next[g.out] = perm[g.j]
					g.out++
				}
			}
			if len(live) == 0 {
				break
			}
			first, second, parent := make([]int32, len(live)), make([]int32, len(live)), make([]int32, len(live))
			for x, k := range live {
				g := merges[k]
				first[x], second[x] = perm[g.j], perm[g.i]
				parent[x] = f.parent[perm[g.i]]
			}
			c, err := lamCompareBatch(fn, b, vals, parent, first, second, h.argTypes[0])
			if err != nil {
				return nil, err
			}
			for x, k := range live {
				g := &merges[k]
				// The later element goes first only when strictly smaller: the sort is stable.
				if c[x] < 0 {
					next[g.out] = perm[g.j]
					g.j++
				} else {
					next[g.out] = perm[g.i]
					g.i++
				}
				g.out++
			}
		}
		perm, next = next, perm
	}
	sorted, err := gather(vals.DataType(), []arrow.Array{vals}, nil, perm)
	if err != nil {
		return nil, err
	}
	defer sorted.Release()
	return lamNewList(h.t, f.offs, v.valid, sorted), nil
}

// lamCompareBatch evaluates the comparator on the pairs (vals[first[x]], vals[second[x]]).
func lamCompareBatch(fn *Lambda, b arrow.RecordBatch, vals arrow.Array, parent, first, second []int32, at types.DataType) ([]int32, error) {
	x, err := gather(vals.DataType(), []arrow.Array{vals}, nil, first)
	if err != nil {
		return nil, err
	}
	defer x.Release()
	y, err := gather(vals.DataType(), []arrow.Array{vals}, nil, second)
	if err != nil {
		return nil, err
	}
	defer y.Release()
	r, err := fn.apply(b, parent, []arrow.Array{x, y})
	if err != nil {
		return nil, err
	}
	defer r.Release()
	if isNullType(r) || r.NullN() > 0 {
		k := 0
		if !isNullType(r) {
			for k = 0; r.IsValid(k); k++ {
			}
		}
		et := types.DataType(types.Null)
		if t, ok := at.(types.ArrayType); ok {
			et = t.ElementType
		}
		s := lamKeyText(et, x, k)
		return nil, sparkerror.New(sparkerror.Internal, "COMPARATOR_RETURNS_NULL", "22004",
			"The comparator has returned a NULL for a comparison between <firstValue> and <secondValue>.\nIt should return a positive integer for \"greater than\", 0 for \"equal\" and a negative integer for \"less than\".\nTo revert to deprecated behavior where NULL is treated as 0 (equal), you must set \"spark.sql.legacy.allowNullComparisonResultInArraySort\" to \"true\".",
			map[string]string{"firstValue": s, "secondValue": s})
	}
	if r.DataType().ID() != arrow.INT32 {
		return nil, sparkerror.InternalError("comparator of type %s", r.DataType())
	}
	return append([]int32(nil), fixedValues[int32](r)...), nil
}

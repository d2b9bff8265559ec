package expr

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/aggregate/sketches"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// The scalar functions over Spark's DataSketches images: hll_sketch_estimate, hll_union,
// theta_sketch_estimate, theta_union, theta_intersection, theta_difference and the
// kll_sketch_{to_string,get_n,merge,get_quantile,get_rank}_{bigint,float,double} family.
// All are null-intolerant; bad images fail with Spark's error classes (package sketches).

func init() {
	strFunc("hll_sketch_estimate", 1, 1, types.Long, true, fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) {
		v, err := sketches.HLLEstimate("hll_sketch_estimate", a[0].str(i))
		return v, err == nil, err
	}))
	strFunc("hll_union", 3, 3, types.Binary, true, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		b, err := sketches.HLLUnionImages("hll_union", a[0].str(i), a[1].str(i), a[2].bool(i))
		return append(dst, b...), err == nil, err
	}))
	strFunc("theta_sketch_estimate", 1, 1, types.Long, true, fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) {
		v, err := sketches.ThetaEstimate("theta_sketch_estimate", a[0].str(i))
		return v, err == nil, err
	}))
	strFunc("theta_union", 3, 3, types.Binary, true, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		b, err := sketches.ThetaUnionImages("theta_union", a[0].str(i), a[1].str(i), a[2].int(i))
		return append(dst, b...), err == nil, err
	}))
	strFunc("theta_intersection", 2, 2, types.Binary, true, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		b, err := sketches.ThetaIntersectionImages("theta_intersection", a[0].str(i), a[1].str(i))
		return append(dst, b...), err == nil, err
	}))
	strFunc("theta_difference", 2, 2, types.Binary, true, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		b, err := sketches.ThetaDifferenceImages("theta_difference", a[0].str(i), a[1].str(i))
		return append(dst, b...), err == nil, err
	}))

	registerKLL("bigint", sketches.KLLLongs, types.Long, int64T, func(a *argv, i int) int64 { return a.int(i) })
	registerKLL("float", sketches.KLLFloats, types.Float, arrow.PrimitiveTypes.Float32, func(a *argv, i int) float32 { return float32(a.float(i)) })
	registerKLL("double", sketches.KLLDoubles, types.Double, arrow.PrimitiveTypes.Float64, func(a *argv, i int) float64 { return a.float(i) })
}

// registerKLL registers the kll_sketch_*_<suffix> functions of one sketch kind; item reads
// an item argument (of the kind's Spark type).
func registerKLL[C sketches.KLLItem](suffix string, kind *sketches.KLLKind[C], itemType types.DataType, itemArrow arrow.DataType,
	item func(a *argv, i int) C) {
	toString := "kll_sketch_to_string_" + suffix
	strFunc(toString, 1, 1, types.String, true, varRowK(utf8T, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		sk, err := kind.Read(a[0].str(i))
		if err != nil {
			return dst, false, sketches.KLLInvalidInput(toString, err.Error())
		}
		return append(dst, sk.Summary()...), true, nil
	}))
	getN := "kll_sketch_get_n_" + suffix
	strFunc(getN, 1, 1, types.Long, true, fixedRowK(int64T, func(i int, a []argv) (int64, bool, error) {
		sk, err := kind.Read(a[0].str(i))
		if err != nil {
			return 0, false, sketches.KLLInvalidInput(getN, err.Error())
		}
		return sk.N(), true, nil
	}))
	merge := "kll_sketch_merge_" + suffix
	strFunc(merge, 2, 2, types.Binary, true, varRowK(binT, func(dst []byte, i int, a []argv) ([]byte, bool, error) {
		l, err := kind.Read(a[0].str(i))
		if err != nil {
			return dst, false, sketches.KLLIncompatibleMerge(merge, err.Error())
		}
		r, err := kind.Read(a[1].str(i))
		if err != nil {
			return dst, false, sketches.KLLIncompatibleMerge(merge, err.Error())
		}
		if err := l.Merge(r); err != nil {
			return dst, false, sketches.KLLIncompatibleMerge(merge, err.Error())
		}
		b, err := l.Image()
		if err != nil {
			return dst, false, sketches.KLLIncompatibleMerge(merge, err.Error())
		}
		return append(dst, b...), true, nil
	}))

	quantile := "kll_sketch_get_quantile_" + suffix
	quantileOf := func(img []byte, r float64) (C, error) {
		var zero C
		sk, err := kind.Read(img)
		if err != nil {
			return zero, sketches.KLLInvalidInput(quantile, err.Error())
		}
		v, err := sk.Quantile(r)
		if err != nil {
			if strings.Contains(err.Error(), "normalized rank") {
				return zero, sketches.KLLInvalidQuantileRange(quantile, r)
			}
			return zero, sketches.KLLInvalidInput(quantile, err.Error())
		}
		return v, nil
	}
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(quantile, args, 2, 2); err != nil {
			return nil, err
		}
		if _, isArray := result.(types.ArrayType); isArray {
			lt, err := types.ToArrow(result)
			if err != nil {
				return nil, err
			}
			return newFunc(quantile, args, result, true, kllListKernel(lt, itemArrow,
				func(img []byte, ranks arrow.Array, lo, hi int, out []C) ([]C, error) {
					rs := ranks.(*array.Float64)
					// Spark checks every rank first and reports the array's first one.
					for j := lo; j < hi; j++ {
						if x := rs.Value(j); x < 0 || x > 1 || x != x {
							return out, sketches.KLLInvalidQuantileRange(quantile, rs.Value(lo))
						}
					}
					for j := lo; j < hi; j++ {
						v, err := quantileOf(img, rs.Value(j))
						if err != nil {
							return out, err
						}
						out = append(out, v)
					}
					return out, nil
				}))
		}
		return newFunc(quantile, args, result, true, fixedRowK(itemArrow.(arrow.FixedWidthDataType), func(i int, a []argv) (C, bool, error) {
			v, err := quantileOf(a[0].str(i), a[1].float(i))
			return v, err == nil, err
		}))
	}, quantile)

	rank := "kll_sketch_get_rank_" + suffix
	rankOf := func(img []byte, v C) (float64, error) {
		sk, err := kind.Read(img)
		if err != nil {
			return 0, sketches.KLLInvalidInput(rank, err.Error())
		}
		r, err := sk.Rank(v)
		if err != nil {
			return 0, sketches.KLLInvalidInput(rank, err.Error())
		}
		return r, nil
	}
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity(rank, args, 2, 2); err != nil {
			return nil, err
		}
		if _, isArray := result.(types.ArrayType); isArray {
			lt, err := types.ToArrow(result)
			if err != nil {
				return nil, err
			}
			return newFunc(rank, args, result, true, kllListKernel(lt, arrow.PrimitiveTypes.Float64,
				func(img []byte, items arrow.Array, lo, hi int, out []float64) ([]float64, error) {
					iv := argvOf(items)
					for j := lo; j < hi; j++ {
						r, err := rankOf(img, item(&iv, j))
						if err != nil {
							return out, err
						}
						out = append(out, r)
					}
					return out, nil
				}))
		}
		return newFunc(rank, args, result, true, fixedRowK(f64T, func(i int, a []argv) (float64, bool, error) {
			r, err := rankOf(a[0].str(i), item(&a[1], i))
			return r, err == nil, err
		}))
	}, rank)
	_ = itemType
}

// kllListKernel is a kernel over (image, array) rows producing an array per row: f
// appends the results for elements lo..hi of the argument array's values.
func kllListKernel[U arrow.FixedWidthType](lt, elem arrow.DataType, f func(img []byte, vals arrow.Array, lo, hi int, out []U) ([]U, error)) kernel {
	return func(arrs []arrow.Array, n int) (arrow.Array, error) {
		img := argvOf(arrs[0])
		list, ok := arrs[1].(*array.List)
		if !ok {
			return nil, sparkerror.InternalError("kll sketch function: %s is not an array", arrs[1].DataType())
		}
		lv := validity(arrs[1])
		vals := list.ListValues()
		outOffs := make([]int32, 1, n+1)
		var out []U
		var valid words
		for i := 0; i < n; i++ {
			if img.isNull(i) || (lv != nil && !lv.get(i)) {
				if valid == nil {
					valid = allOnes(n)
				}
				valid.clear(i)
				outOffs = append(outOffs, int32(len(out)))
				continue
			}
			var err error
			lo, hi := list.ValueOffsets(i)
			if out, err = f(img.str(i), vals, int(lo), int(hi), out); err != nil {
				return nil, err
			}
			outOffs = append(outOffs, int32(len(out)))
		}
		if out == nil {
			out = []U{}
		}
		child := newFixed(elem, out, nil)
		defer child.Release()
		vb, nulls := validBuffer(valid, n)
		d := array.NewData(lt, n, []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(outOffs))}, []arrow.ArrayData{child.Data()}, nulls, 0)
		defer d.Release()
		return array.MakeFromData(d), nil
	}
}

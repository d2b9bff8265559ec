package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical/aggregate/sketches"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// approx_top_k_estimate(state, k): the top k items of an approx_top_k_accumulate or
// approx_top_k_combine state, as approx_top_k lists them.

func init() {
	register(func(args []Expr, argTypes []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
		if err := arity("approx_top_k_estimate", args, 2, 2); err != nil {
			return nil, err
		}
		st, ok := argTypes[0].(*types.StructType)
		if !ok || len(st.Fields) != 4 {
			return nil, sparkerror.InternalError("approx_top_k_estimate: the state is %s", argTypes[0].SimpleString())
		}
		rt, err := types.ToArrow(result)
		if err != nil {
			return nil, err
		}
		var k kernel
		switch st.Fields[2].DataType.(type) {
		case types.ByteType:
			k = topKEstimateKernel(rt, sketches.TopKByteSpec)
		case types.ShortType:
			k = topKEstimateKernel(rt, sketches.TopKShortSpec)
		case types.IntegerType, types.DateType:
			k = topKEstimateKernel(rt, sketches.TopKIntSpec)
		case types.LongType, types.TimestampType, types.TimestampNTZType:
			k = topKEstimateKernel(rt, sketches.TopKLongSpec)
		case types.FloatType:
			k = topKEstimateKernel(rt, sketches.TopKFloatSpec)
		case types.DoubleType:
			k = topKEstimateKernel(rt, sketches.TopKDoubleSpec)
		case types.BooleanType:
			k = topKEstimateKernel(rt, sketches.TopKBoolSpec)
		case types.StringType:
			k = topKEstimateKernel(rt, sketches.TopKStringSpec)
		default:
			return nil, sparkerror.NotImplemented("approx_top_k_estimate over " + st.Fields[2].DataType.SQL() + " values")
		}
		f := &funcExpr{name: "approx_top_k_estimate", args: args, t: rt, k: k, fails: true, strict: false}
		return f, nil
	}, "approx_top_k_estimate")
}

func topKEstimateKernel[K comparable](rt arrow.DataType, spec *sketches.TopKSpec[K]) kernel {
	return func(arrs []arrow.Array, n int) (arrow.Array, error) {
		lb := array.NewBuilder(mem, rt).(*array.ListBuilder)
		defer lb.Release()
		kv := argvOf(arrs[1])
		st, isStruct := arrs[0].(*array.Struct)
		var images *array.Binary
		var maxItems *array.Int32
		if isStruct {
			images, _ = st.Field(0).(*array.Binary)
			maxItems, _ = st.Field(1).(*array.Int32)
		}
		for i := 0; i < n; i++ {
			if kv.isNull(i) {
				return nil, sketches.TopKNullArg("k")
			}
			if !isStruct || images == nil || maxItems == nil || st.IsNull(i) || images.IsNull(i) {
				lb.AppendNull()
				continue
			}
			k := kv.int(i)
			if k <= 0 {
				return nil, sketches.TopKNonPositive("k", k)
			}
			if err := sketches.TopKCheckMaxItems(int64(maxItems.Value(i)), k); err != nil {
				return nil, err
			}
			buf, err := sketches.ReadTopKBuffer(images.Value(i), spec)
			if err != nil {
				return nil, err
			}
			buf.AppendResult(lb, int(k), spec)
		}
		return lb.NewArray(), nil
	}
}

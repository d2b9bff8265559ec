package expr

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// overlay(input, replace, pos, len): input's prefix before pos, replace, then input from
// pos+len on (len < 0 means replace's length), positions as substring counts them:
// characters for strings, bytes for binary. pos+len wraps like Java's int addition.
func overlayFn(args []Expr, _ []types.DataType, _ types.DataType, _ FuncOptions) (Expr, error) {
	if err := arity("overlay", args, 4, 4); err != nil {
		return nil, err
	}
	binary := args[0].DataType().ID() == arrow.BINARY
	rt := types.DataType(types.String)
	at := arrow.DataType(arrow.BinaryTypes.String)
	sub, width := substringSQL, numChars
	if binary {
		rt, at = types.Binary, arrow.BinaryTypes.Binary
		sub, width = substringBinary, func(b []byte) int { return len(b) }
	}
	k := func(a []arrow.Array, n int) (arrow.Array, error) {
		in, rep := viewVar(a[0]), viewVar(a[1])
		pos, length := fixedValues[int32](a[2]), fixedValues[int32](a[3])
		valid := andValidity(a...)
		offs := make([]int32, n+1)
		data := make([]byte, 0, len(in.data)+len(rep.data))
		for i := 0; i < n; i++ {
			if valid == nil || valid.get(i) {
				s, r := in.at(i), rep.at(i)
				l := length[i]
				if l < 0 {
					l = int32(width(r))
				}
				data = append(data, sub(s, 1, pos[i]-1)...)
				data = append(data, r...)
				data = append(data, sub(s, pos[i]+l, math.MaxInt32)...)
			}
			offs[i+1] = int32(len(data))
		}
		return newVar(at, offs, data, valid), nil
	}
	return newFunc("overlay", args, rt, false, k)
}

func init() { register(overlayFn, "overlay") }

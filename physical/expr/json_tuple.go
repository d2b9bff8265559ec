package expr

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/textdata"
	"github.com/sailgo/sail/sql/types"
)

// json_tuple(json, name1, ..., nameN) as a scalar kernel for the generator machinery: for
// each input row, an array holding exactly one struct<c0: string, ..., cN-1: string> (the
// row JsonTupleEvaluator produces), so that Generate's inline kind expands it. A member
// whose name is requested gives its value (strings without quotes, other values as
// compact JSON, null as NULL; a name requested twice fills both columns; a later member
// of the same name wins unless it is null); a NULL or malformed document, or one that is
// not an object, gives a row of NULLs. The result type is the analyzer's
// array<struct<c0..>>; NULL names match nothing.

func init() {
	register(jsonTupleFn, "json_tuple")
}

func jsonTupleFn(args []Expr, _ []types.DataType, result types.DataType, _ FuncOptions) (Expr, error) {
	if len(args) < 2 {
		return nil, sparkerror.InternalError("json_tuple needs a document and names")
	}
	at, err := types.ToArrow(result)
	if err != nil {
		return nil, err
	}
	lt, ok := at.(*arrow.ListType)
	if !ok {
		return nil, sparkerror.InternalError("json_tuple's result is %s, not an array of structs", result.SQL())
	}
	st, ok := lt.Elem().(*arrow.StructType)
	if !ok || st.NumFields() != len(args)-1 {
		return nil, sparkerror.InternalError("json_tuple's result is %s for %d names", result.SQL(), len(args)-1)
	}
	k := perBatch(func() kernel {
		p := &textdata.Parser{Syntax: textdata.HiveSyntax}
		return func(a []arrow.Array, n int) (arrow.Array, error) {
			return jsonTupleRows(p, lt, st, a, n), nil
		}
	})
	return lenientFunc("json_tuple", args, at, false, k), nil
}

// jsonTupleRows computes the rows of a batch.
func jsonTupleRows(p *textdata.Parser, lt *arrow.ListType, st *arrow.StructType, a []arrow.Array, n int) arrow.Array {
	doc := argvOf(a[0])
	names := argvsOf(a[1:])
	k := len(names)
	offs := make([][]int32, k)
	data := make([][]byte, k)
	valid := make([]words, k)
	for j := range offs {
		offs[j] = make([]int32, 1, n+1)
		valid[j] = newWords(n)
	}
	found := make([]int32, k) // node index of each column's value, -1 for none
	want := make([][]byte, k)
	for i := 0; i < n; i++ {
		for j := range found {
			found[j] = -1
			if names[j].isNull(i) {
				want[j] = nil
			} else {
				want[j] = names[j].str(i)
			}
		}
		if !doc.isNull(i) {
			if root, err := p.Parse(doc.str(i)); err == nil && root >= 0 && p.Node(root).Kind == textdata.Object {
				for m := p.Node(root).First; m >= 0; m = p.Node(m).Next {
					node := p.Node(m)
					if node.Kind == textdata.Null {
						continue
					}
					key := p.Key(node)
					for j := range want {
						if names[j].isNull(i) || string(want[j]) != string(key) {
							continue
						}
						found[j] = m
					}
				}
			}
		}
		for j, m := range found {
			if m >= 0 {
				node := p.Node(m)
				if node.Kind == textdata.String {
					data[j] = append(data[j], p.Text(node)...)
				} else {
					data[j] = jsonCopier.Append(data[j], p, m)
				}
				valid[j].set(i)
			}
			offs[j] = append(offs[j], int32(len(data[j])))
		}
	}
	children := make([]arrow.ArrayData, k)
	for j := range children {
		if data[j] == nil {
			data[j] = []byte{}
		}
		c := newVar(st.Field(j).Type, offs[j], data[j], valid[j])
		defer c.Release()
		children[j] = c.Data()
	}
	sd := array.NewData(st, n, []*memory.Buffer{nil}, children, 0, 0)
	defer sd.Release()
	loffs := make([]int32, n+1)
	for i := range loffs {
		loffs[i] = int32(i)
	}
	ld := array.NewData(lt, n, []*memory.Buffer{nil, memory.NewBufferBytes(arrow.GetBytes(loffs))}, []arrow.ArrayData{sd}, 0, 0)
	defer ld.Release()
	return array.MakeFromData(ld)
}

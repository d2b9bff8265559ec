package expr

import (
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// arr builds an array of Spark type t from Go values as NewLiteral takes them (nil: NULL).
func arr(t *testing.T, dt types.DataType, vals ...any) arrow.Array {
	t.Helper()
	at, err := types.ToArrow(dt)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) == 0 {
		return nullArray(at, 0)
	}
	parts := make([]arrow.Array, len(vals))
	for i, v := range vals {
		nv, err := normalizeLiteral(at, v)
		if err != nil {
			t.Fatal(err)
		}
		a, err := constArray(at, nv, 1)
		if err != nil {
			t.Fatal(err)
		}
		parts[i] = a
	}
	out, err := array.Concatenate(parts, mem)
	if err != nil {
		t.Fatal(err)
	}
	releaseAll(parts)
	return out
}

// batchOf makes a record batch of the columns c0, c1, ...
func batchOf(cols ...arrow.Array) arrow.RecordBatch {
	fields := make([]arrow.Field, len(cols))
	n := int64(0)
	for i, c := range cols {
		fields[i] = arrow.Field{Name: "c" + string(rune('0'+i)), Type: c.DataType(), Nullable: true}
		n = int64(c.Len())
	}
	b := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, n)
	for _, c := range cols {
		c.Release()
	}
	return b
}

// emptyBatch has n rows and no columns.
func emptyBatch(n int) arrow.RecordBatch {
	return array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, int64(n))
}

func col(i int, dt types.DataType) Expr {
	at, err := types.ToArrow(dt)
	if err != nil {
		panic(err)
	}
	return &Column{Index: i, Type: at}
}

func litOf(t *testing.T, dt types.DataType, v any) Expr {
	t.Helper()
	e, err := NewLiteral(dt, v)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// strs renders an array the way show() does (NULL, Java doubles, plain decimals), UTC.
func strs(t *testing.T, a arrow.Array) []string {
	t.Helper()
	f, err := format.NewFormatter(a, format.Options{TimeZone: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, a.Len())
	for i := range out {
		out[i] = f.Value(i)
	}
	return out
}

// evalStrs evaluates e on b and renders the result.
func evalStrs(t *testing.T, e Expr, b arrow.RecordBatch) []string {
	t.Helper()
	out, err := e.Eval(b)
	if err != nil {
		t.Fatalf("%s: %v", e, err)
	}
	defer out.Release()
	if out.Len() != int(b.NumRows()) {
		t.Fatalf("%s: %d rows for a batch of %d", e, out.Len(), b.NumRows())
	}
	if !arrow.TypeEqual(out.DataType(), e.DataType()) && out.DataType().ID() != arrow.NULL {
		t.Fatalf("%s: result type %s, declared %s", e, out.DataType(), e.DataType())
	}
	return strs(t, out)
}

func wantStrs(t *testing.T, e Expr, b arrow.RecordBatch, want ...string) {
	t.Helper()
	got := evalStrs(t, e, b)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %q\nwant %q", e, got, want)
	}
}

// wantErr evaluates e and checks the error class (and, when given, parameters).
func wantErr(t *testing.T, e Expr, b arrow.RecordBatch, class string, params map[string]string) *sparkerror.Error {
	t.Helper()
	out, err := e.Eval(b)
	if err == nil {
		defer out.Release()
		t.Fatalf("%s: want %s, got %q", e, class, strs(t, out))
	}
	se, ok := sparkerror.As(err)
	if !ok || se.Class != class {
		t.Fatalf("%s: want %s, got %v", e, class, err)
	}
	for k, v := range params {
		if se.Params[k] != v {
			t.Fatalf("%s: param %s = %q, want %q (all: %v)", e, k, se.Params[k], v, se.Params)
		}
	}
	return se
}

func must(e Expr, err error) Expr {
	if err != nil {
		panic(err)
	}
	return e
}

// structArr builds a struct array from rows of field values (a nil row is a null struct).
func structArr(t *testing.T, st *types.StructType, rows [][]any) arrow.Array {
	t.Helper()
	at, err := types.ToArrow(st)
	if err != nil {
		t.Fatal(err)
	}
	children := make([]arrow.ArrayData, len(st.Fields))
	for k, f := range st.Fields {
		vals := make([]any, len(rows))
		for i, r := range rows {
			if r != nil {
				vals[i] = r[k]
			}
		}
		c := arr(t, f.DataType, vals...)
		defer c.Release()
		children[k] = c.Data()
	}
	valid := allOnes(len(rows))
	for i, r := range rows {
		if r == nil {
			valid.clear(i)
		}
	}
	vb, nulls := validBuffer(valid, len(rows))
	d := array.NewData(at, len(rows), []*memory.Buffer{vb}, children, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// listArr builds an array column from rows of elements (a nil row is a null array).
func listArr(t *testing.T, lt types.ArrayType, rows [][]any) arrow.Array {
	t.Helper()
	at, err := types.ToArrow(lt)
	if err != nil {
		t.Fatal(err)
	}
	var elems []any
	offs := make([]int32, len(rows)+1)
	valid := allOnes(len(rows))
	for i, r := range rows {
		if r == nil {
			valid.clear(i)
		}
		elems = append(elems, r...)
		offs[i+1] = int32(len(elems))
	}
	c := arr(t, lt.ElementType, elems...)
	defer c.Release()
	vb, nulls := validBuffer(valid, len(rows))
	d := array.NewData(at, len(rows), []*memory.Buffer{vb, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{c.Data()}, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// mapArr builds a map column from rows of key/value pairs.
func mapArr(t *testing.T, mt types.MapType, rows [][][2]any) arrow.Array {
	t.Helper()
	at, err := types.ToArrow(mt)
	if err != nil {
		t.Fatal(err)
	}
	var keys, vals []any
	offs := make([]int32, len(rows)+1)
	for i, r := range rows {
		for _, kv := range r {
			keys = append(keys, kv[0])
			vals = append(vals, kv[1])
		}
		offs[i+1] = int32(len(keys))
	}
	k := arr(t, mt.KeyType, keys...)
	defer k.Release()
	v := arr(t, mt.ValueType, vals...)
	defer v.Release()
	ed := array.NewData(at.(*arrow.MapType).Elem(), len(keys), []*memory.Buffer{nil}, []arrow.ArrayData{k.Data(), v.Data()}, 0, 0)
	defer ed.Release()
	d := array.NewData(at, len(rows), []*memory.Buffer{nil, memory.NewBufferBytes(arrow.GetBytes(offs))}, []arrow.ArrayData{ed}, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func readFileIfExists(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	return data, err
}

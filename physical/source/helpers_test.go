package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

const tpchDir = "/work/shared/benchmarks/tpch/data/sf0.1"

func tpchTable(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(tpchDir, name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("TPC-H data not available (%s): %v", dir, err)
	}
	return dir
}

// checked returns a checked allocator that fails the test if anything is left allocated.
func checked(t *testing.T) *memory.CheckedAllocator {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}

// writeFile writes content to name in dir and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustSchema(t *testing.T, ddl string) *types.StructType {
	t.Helper()
	st, err := types.ParseTableSchema(ddl)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func open(t *testing.T, format string, paths []string, schema string, opts map[string]string) *Table {
	t.Helper()
	var st *types.StructType
	if schema != "" {
		st = mustSchema(t, schema)
	}
	tb, err := Open(format, paths, st, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return tb
}

// scanAll reads every partition in order and returns the batches' rows rendered as
// strings, one per row: values separated by "|", NULL for nulls.
func scanAll(t *testing.T, tb *Table, columns []int, partitions int, filters ...Predicate) []string {
	t.Helper()
	rows, err := scanRows(tb, columns, partitions, filters...)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func scanRows(tb *Table, columns []int, partitions int, filters ...Predicate) ([]string, error) {
	s, err := tb.Scan(columns, partitions, filters...)
	if err != nil {
		return nil, err
	}
	var rows []string
	for p := 0; p < s.Partitions(); p++ {
		st, err := s.Execute(context.Background(), p)
		if err != nil {
			return nil, err
		}
		for {
			b, err := st.Next()
			if physical.IsEOF(err) {
				break
			}
			if err != nil {
				st.Close()
				return nil, err
			}
			if !b.Schema().Equal(s.Schema()) {
				b.Release()
				st.Close()
				return nil, fmt.Errorf("batch schema %s differs from plan schema %s", b.Schema(), s.Schema())
			}
			rows = append(rows, renderRows(b)...)
			b.Release()
		}
		st.Close()
	}
	return rows, nil
}

func renderRows(b arrow.RecordBatch) []string {
	out := make([]string, b.NumRows())
	for r := 0; r < int(b.NumRows()); r++ {
		parts := make([]string, b.NumCols())
		for c := 0; c < int(b.NumCols()); c++ {
			parts[c] = renderValue(b.Column(c), r)
		}
		out[r] = strings.Join(parts, "|")
	}
	return out
}

func renderValue(a arrow.Array, i int) string {
	if a.IsNull(i) || a.DataType().ID() == arrow.NULL {
		return "NULL"
	}
	switch x := a.(type) {
	case *array.Date32:
		return x.Value(i).FormattedString()
	case *array.Timestamp:
		u := x.DataType().(*arrow.TimestampType)
		tm := x.Value(i).ToTime(u.Unit)
		return tm.UTC().Format("2006-01-02 15:04:05.999999")
	case *array.Decimal128:
		return x.Value(i).ToString(x.DataType().(*arrow.Decimal128Type).Scale)
	case *array.Float32:
		return fmt.Sprint(x.Value(i))
	case *array.Float64:
		return fmt.Sprint(x.Value(i))
	case *array.Binary:
		return fmt.Sprintf("0x%x", x.Value(i))
	case *array.List:
		start, end := x.ValueOffsets(i)
		var parts []string
		for j := start; j < end; j++ {
			parts = append(parts, renderValue(x.ListValues(), int(j)))
		}
		return "[" + strings.Join(parts, ",") + "]"
	case *array.Map:
		start, end := x.ValueOffsets(i)
		var parts []string
		for j := start; j < end; j++ {
			parts = append(parts, renderValue(x.Keys(), int(j))+"->"+renderValue(x.Items(), int(j)))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case *array.Struct:
		var parts []string
		for f := 0; f < x.NumField(); f++ {
			parts = append(parts, renderValue(x.Field(f), i))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return a.ValueStr(i)
}

// errClass returns the Spark error class of err, or "" when it has none.
func errClass(err error) string {
	if e, ok := sparkerror.As(err); ok {
		return e.Class
	}
	return ""
}

// causeClass returns the class of the innermost Spark error in err's chain.
func causeClass(err error) string {
	class := ""
	for err != nil {
		if e, ok := err.(*sparkerror.Error); ok {
			class = e.Class
			err = e.Cause
			continue
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			break
		}
		err = u.Unwrap()
	}
	return class
}

func schemaString(st *types.StructType) string {
	parts := make([]string, len(st.Fields))
	for i, f := range st.Fields {
		parts[i] = f.Name + ":" + f.DataType.SimpleString()
		if !f.Nullable {
			parts[i] += " not null"
		}
	}
	return strings.Join(parts, ",")
}

func equalRows(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows differ\n got: %q\nwant: %q", got, want)
	}
}

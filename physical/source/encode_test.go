package source

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/types"
)

// planRows runs every partition of p in order and renders the rows.
func planRows(t *testing.T, p physical.ExecutionPlan) []string {
	t.Helper()
	var rows []string
	for i := range p.Partitions() {
		st, err := p.Execute(context.Background(), i)
		if err != nil {
			t.Fatal(err)
		}
		for {
			b, err := st.Next()
			if physical.IsEOF(err) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, renderRows(b)...)
			b.Release()
		}
		st.Close()
	}
	return rows
}

// checkScanRoundTrip ships p (a plan over file scans) through bytes and checks the
// decoded plan explains, partitions and reads as the original.
func checkScanRoundTrip(t *testing.T, p physical.ExecutionPlan) {
	t.Helper()
	m, err := physical.EncodePlan(p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back physicalpb.Plan
	if err := proto.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	// The registered decoder (init) and an explicit one both work.
	for _, ctx := range []physical.DecodeContext{{}, {OpenScan: DecodeScan, Allocator: memory.NewGoAllocator()}} {
		q, err := physical.DecodePlan(&back, ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := physical.Explain(q), physical.Explain(p); got != want {
			t.Fatalf("explain after round trip:\n%s\nwant\n%s", got, want)
		}
		if q.Partitions() != p.Partitions() || !q.Schema().Equal(p.Schema()) {
			t.Fatalf("decoded scan has %d partitions and schema %s, want %d and %s", q.Partitions(), q.Schema(), p.Partitions(), p.Schema())
		}
		want := planRows(t, p)
		if len(want) == 0 {
			t.Fatal("test scan reads no rows")
		}
		equalRows(t, planRows(t, q), want)
	}
}

func TestEncodeFileScans(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "c/year=2023/a.csv", "id;name\n1;x\n2;\n")
	writeFile(t, dir, "c/year=2024/b.csv", "id;name\n3;z\n")
	writeFile(t, dir, "j/a.json", `{"v": 1, "s": "a"}`+"\n"+`{"v": 2}`+"\n")
	writeFile(t, dir, "t/a.txt", "line one\nline two\n")

	csvT := open(t, "csv", []string{filepath.Join(dir, "c")}, "", map[string]string{"header": "true", "sep": ";", "inferSchema": "true"})
	csvT.MaxSplitBytes = 4
	jsonT := open(t, "json", []string{filepath.Join(dir, "j")}, "v bigint, s string", nil)
	jsonT.BatchRows = 1
	textT := open(t, "text", []string{filepath.Join(dir, "t", "a.txt")}, "", map[string]string{"wholetext": "false"})

	pq := filepath.Join(dir, "p.parquet")
	schema := arrow.NewSchema([]arrow.Field{{Name: "k", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "d", Type: &arrow.Decimal128Type{Precision: 9, Scale: 2}, Nullable: true}}, nil)
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(`[{"k":1,"d":"1.50"},{"k":5,"d":null},{"k":9,"d":"-2.00"},{"k":12,"d":"3.25"}]`))
	if err != nil {
		t.Fatal(err)
	}
	writeParquet(t, pq, rec, 2, true)
	rec.Release()
	pqT := open(t, "parquet", []string{pq}, "", nil)

	scan := func(tb *Table, cols []int, parts int, filters ...Predicate) physical.ExecutionPlan {
		s, err := tb.Scan(cols, parts, filters...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	cases := map[string]physical.ExecutionPlan{
		"csv with partition column and filter": scan(csvT, []int{2, 0, 1}, 3, Predicate{Column: 2, Op: OpGtEq, Value: int32(2023)}),
		"csv no columns":                       scan(csvT, []int{}, 2),
		"json user schema":                     scan(jsonT, nil, 1),
		"text":                                 scan(textT, nil, 1),
		"parquet row group pruning": scan(pqT, []int{1, 0}, 2, Predicate{Column: 0, Op: OpGt, Value: int64(4)},
			Predicate{Column: 1, Op: OpLt, Value: decimal128.FromI64(1000)}, Predicate{Column: 1, Op: OpIsNotNull}),
	}
	// A scan inside a plan.
	k := &expr.Column{Index: 0, Type: arrow.PrimitiveTypes.Int64}
	gt, err := expr.NewCompare(expr.GT, k, must(expr.NewLiteral(types.Long, int64(1))))
	if err != nil {
		t.Fatal(err)
	}
	cases["filter over parquet"] = physical.NewFilter(scan(pqT, nil, 1), gt)
	for name, p := range cases {
		t.Run(name, func(t *testing.T) { checkScanRoundTrip(t, p) })
	}
}

func must(e expr.Expr, err error) expr.Expr {
	if err != nil {
		panic(err)
	}
	return e
}

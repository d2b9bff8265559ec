package tpch

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestParseQueries(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		err  bool
	}{
		{"", AllQueries(), false},
		{"q1,q5", []string{"q1", "q5"}, false},
		{" 3 , Q22,q3 ", []string{"q3", "q22"}, false},
		{"q0", nil, true},
		{"q23", nil, true},
		{"lineitem", nil, true},
	}
	for _, c := range cases {
		got, err := ParseQueries(c.in)
		if (err != nil) != c.err || !c.err && !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseQueries(%q) = %v, %v; want %v (error %v)", c.in, got, err, c.want, c.err)
		}
	}
	if all := AllQueries(); len(all) != 22 || all[0] != "q1" || all[21] != "q22" {
		t.Errorf("AllQueries() = %v", all)
	}
}

func TestCompare(t *testing.T) {
	want := [][]string{{"A", "F", "3774200.00", "25.54", "1995-03-15"}, {"N", "O", "1.00", "0.05", "1996-01-01"}}
	row := func(s ...string) []string { return s }
	cases := []struct {
		name    string
		ordered bool
		got     [][]string
		out     Mismatch
	}{
		{"decimals and doubles within 0.01", true,
			[][]string{row("A", "F", "3774200.00", "25.537587116570778", "1995-03-15"), row("N", "O", "1.004", "0.04998", "1996-01-01")}, Match},
		{"Java double notation", true,
			[][]string{row("A", "F", "3774200.0", "25.54", "1995-03-15"), row("N", "O", "1.0", "0.05", "1996-01-01")}, Match},
		{"exponent notation", true,
			[][]string{row("A", "F", "3.7742E6", "25.54", "1995-03-15"), row("N", "O", "1.0", "0.05", "1996-01-01")}, Match},
		{"large sums within 1e-9 relative", true,
			[][]string{row("A", "F", "3774200.003", "25.54", "1995-03-15"), row("N", "O", "1.00", "0.05", "1996-01-01")}, Match},
		{"off by more than 0.01", true,
			[][]string{row("A", "F", "3774200.00", "25.56", "1995-03-15"), row("N", "O", "1.00", "0.05", "1996-01-01")}, Values},
		{"text differs", true,
			[][]string{row("A", "F", "3774200.00", "25.54", "1995-03-16"), row("N", "O", "1.00", "0.05", "1996-01-01")}, Values},
		{"order matters when ordered", true,
			[][]string{row("N", "O", "1.00", "0.05", "1996-01-01"), row("A", "F", "3774200.00", "25.54", "1995-03-15")}, Values},
		{"order free otherwise", false,
			[][]string{row("N", "O", "1.00", "0.05", "1996-01-01"), row("A", "F", "3774200.00", "25.54", "1995-03-15")}, Match},
		{"row count", true, [][]string{row("A", "F", "3774200.00", "25.54", "1995-03-15")}, RowCount},
		{"column count", true, [][]string{row("A", "F", "3774200.00", "25.54"), row("N", "O", "1.00", "0.05")}, ColumnCount},
	}
	for _, c := range cases {
		if out, detail := Compare(c.ordered, want, c.got); out != c.out {
			t.Errorf("%s: %v (%s), want %v", c.name, out, detail, c.out)
		}
	}
}

func TestValueMatches(t *testing.T) {
	cases := []struct {
		want, got string
		ok        bool
	}{
		{"abc", "abc", true},
		{"abc", "abd", false},
		{"NULL", "null", true},
		{"null", "0", false},
		{"0.01", "0.02", true},
		{"0.01", "0.025", false},
		{"12345678901234.56", "12345678901234.58", true}, // within 0.01 + relative
		{"1e15", "1000000000000900", true},               // 9e-13 relative
		{"1e15", "1000000010000000", false},
		{"1995-03-15", "1995-03-15 00:00:00", false},
	}
	for _, c := range cases {
		if got := ValueMatches(c.want, c.got); got != c.ok {
			t.Errorf("ValueMatches(%q, %q) = %v, want %v", c.want, c.got, got, c.ok)
		}
	}
}

func TestReadQueryAndCSV(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "queries"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "queries", "q1.sql"), []byte("-- c\nselect 1;\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	q, err := ReadQuery(dir, "q1")
	if err != nil || q != "-- c\nselect 1" {
		t.Errorf("ReadQuery = %q, %v", q, err)
	}
	p := filepath.Join(dir, "q1.csv")
	if err := os.WriteFile(p, []byte("a,b\n1,\"x,y\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadCSV(p)
	if err != nil || !reflect.DeepEqual(rows, [][]string{{"1", "x,y"}}) {
		t.Errorf("ReadCSV = %v, %v", rows, err)
	}
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCSV(p); err == nil {
		t.Error("ReadCSV of an empty file: no error")
	}
}

func TestRows(t *testing.T) {
	mem := memory.NewGoAllocator()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "d", Type: &arrow.Decimal128Type{Precision: 15, Scale: 2}, Nullable: true},
		{Name: "day", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "x", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"A", ""}, []bool{true, false})
	b.Field(1).(*array.Decimal128Builder).AppendValues([]decimal128.Num{decimal128.FromI64(377420000), decimal128.FromI64(-5)}, nil)
	b.Field(2).(*array.Date32Builder).AppendValues([]arrow.Date32{arrow.Date32FromTime(mustDate(t, "1995-03-15")), 0}, nil)
	b.Field(3).(*array.Float64Builder).AppendValues([]float64{25.5, 1e7}, nil)
	rec := b.NewRecordBatch()
	defer rec.Release()
	got, err := Rows([]arrow.RecordBatch{rec})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"A", "3774200.00", "1995-03-15", "25.5"}, {"NULL", "-0.05", "1970-01-01", "1.0E7"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Rows = %q, want %q", got, want)
	}
}

func mustDate(t *testing.T, s string) (d time.Time) {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

package source

import (
	"github.com/sailgo/sail/sql/textdata"

	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/sailgo/sail/physical"
	pmem "github.com/sailgo/sail/physical/memory"
)

func TestJSONInferenceAndRead(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "a.json", strings.Join([]string{
		`{"name": "alice", "age": 30, "score": 1.5, "tags": ["a", "b"], "addr": {"city": "Paris", "zip": 75001}, "ok": true}`,
		`{"name": "bob", "age": 12345678901, "score": 2, "tags": [], "addr": {"city": "Oslo"}, "extra": null}`,
		``,
		`{'name': 'carol', "age": null, "score": NaN, "big": 123456789012345678901234567890, "ok": false}`,
		`[{"name": "dave"}, {"name": "eve", "score": -Infinity}]`,
	}, "\n"))
	mem := checked(t)
	tb := open(t, "json", []string{p}, "", nil)
	tb.Allocator = mem
	want := "addr:struct<city:string,zip:bigint>,age:bigint,big:decimal(30,0),extra:string,name:string," +
		"ok:boolean,score:double,tags:array<string>"
	if got := schemaString(tb.Schema()); got != want {
		t.Fatalf("schema\n got %s\nwant %s", got, want)
	}
	rows := scanAll(t, tb, nil, 1)
	equalRows(t, rows, []string{
		"{Paris,75001}|30|NULL|NULL|alice|true|1.5|[a,b]",
		"{Oslo,NULL}|12345678901|NULL|NULL|bob|NULL|2|[]",
		"NULL|NULL|123456789012345678901234567890|NULL|carol|false|NaN|NULL",
		"NULL|NULL|NULL|NULL|dave|NULL|NULL|NULL",
		"NULL|NULL|NULL|NULL|eve|NULL|-Inf|NULL",
	})
	// Projection in any order.
	equalRows(t, scanAll(t, tb, []int{4, 1}, 2)[:2], []string{"alice|30", "bob|12345678901"})
}

func TestJSONCorruptRecordsAndModes(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "m.json", strings.Join([]string{
		`{"a": 1, "b": "x"}`,
		`{"a": "oops", "b": "y"}`,
		`{"a": 3, "b"`,
		`5`,
		`{"a": 4, "b": "z"}`,
	}, "\n"))
	// Inference adds _corrupt_record (PERMISSIVE); "oops" widens a to string.
	tb := open(t, "json", []string{p}, "", nil)
	if got := schemaString(tb.Schema()); got != "_corrupt_record:string,a:string,b:string" {
		t.Fatalf("schema %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 1), []string{
		"NULL|1|x", "NULL|oops|y", `{"a": 3, "b"|NULL|NULL`, "5|NULL|NULL", "NULL|4|z",
	})
	// With a user schema, a value of the wrong type makes the record malformed but keeps the
	// other fields.
	tb = open(t, "json", []string{p}, "a int, b string, _corrupt_record string", nil)
	equalRows(t, scanAll(t, tb, nil, 1), []string{
		"1|x|NULL", `NULL|y|{"a": "oops", "b": "y"}`, `NULL|NULL|{"a": 3, "b"`, "NULL|NULL|5", "4|z|NULL",
	})
	tb = open(t, "json", []string{p}, "a int, b string", map[string]string{"mode": "DROPMALFORMED"})
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1|x", "4|z"})
	tb = open(t, "json", []string{p}, "a int, b string", map[string]string{"mode": "FAILFAST"})
	if _, err := scanRows(tb, nil, 1); causeClass(err) != "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION" {
		t.Fatalf("err %v", err)
	}
	// FAILFAST during inference.
	if _, err := Open("json", []string{p}, nil, map[string]string{"mode": "FAILFAST"}); causeClass(err) != "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION" {
		t.Fatalf("err %v", err)
	}
	// DROPMALFORMED inference ignores the bad records.
	tb = open(t, "json", []string{p}, "", map[string]string{"mode": "DROPMALFORMED"})
	if got := schemaString(tb.Schema()); got != "a:string,b:string" {
		t.Fatalf("schema %s", got)
	}
}

func TestJSONTypeConversions(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "t.json", strings.Join([]string{
		`{"i": 1, "f": 2, "d": "1,234.565", "dt": "2024-01-05", "ts": "2024-01-05T10:00:00+01:00", "bin": "AQID", "s": 12.50, "m": {"k": 1}, "b": true, "l": [1, null, 3], "n": "x"}`,
		`{"i": 2147483648, "f": "NaN", "d": 7, "dt": "2024-1-5", "ts": 1700000000, "bin": "!!", "s": {"x": [1, 2]}, "m": {}, "b": "true", "l": null}`,
		`{"i": 1.5, "f": "Infinity", "d": "abc", "dt": "19727", "ts": "", "s": true, "m": [], "b": null, "l": [1, "x"]}`,
	}, "\n"))
	mem := checked(t)
	tb := open(t, "json", []string{p}, "i int, f float, d decimal(6,2), dt date, ts timestamp, bin binary, s string, "+
		"m map<string,int>, b boolean, l array<long>, n void", nil)
	tb.Allocator = mem
	equalRows(t, scanAll(t, tb, nil, 1), []string{
		"1|2|1234.57|2024-01-05|2024-01-05 09:00:00|0x010203|12.50|{k->1}|true|[1,NULL,3]|NULL",
		`NULL|NaN|7.00|2024-01-05|2023-11-14 22:13:20|NULL|{"x": [1, 2]}|{}|NULL|NULL|NULL`,
		"NULL|+Inf|NULL|19727-01-01|NULL|NULL|true|NULL|NULL|NULL|NULL",
	})
}

func TestJSONMultiLineAndOptions(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "doc.json", "[\n  {\"a\": 1,\n   \"b\": [1, 2]},\n  {\"a\": 2}\n]\n")
	tb := open(t, "json", []string{p}, "", map[string]string{"multiLine": "true"})
	if got := schemaString(tb.Schema()); got != "a:bigint,b:array<bigint>" {
		t.Fatalf("schema %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1|[1,2]", "2|NULL"})

	p = writeFile(t, dir, "o.json", `{"a": 1.25, "b": 10, "c": "2024-01-01T00:00:00", "d": null, "e": 007}`+"\n")
	tb = open(t, "json", []string{p}, "", map[string]string{"prefersDecimal": "true", "inferTimestamp": "true",
		"dropFieldIfAllNull": "true", "allowNumericLeadingZeros": "true"})
	if got := schemaString(tb.Schema()); got != "a:decimal(3,2),b:bigint,c:timestamp,e:bigint" {
		t.Fatalf("schema %s", got)
	}
	tb = open(t, "json", []string{p}, "", map[string]string{"primitivesAsString": "true", "allowNumericLeadingZeros": "true"})
	if got := schemaString(tb.Schema()); got != "a:string,b:string,c:string,d:string,e:string" {
		t.Fatalf("schema %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1.25|10|2024-01-01T00:00:00|NULL|007"})
	// Leading zeros are malformed by default.
	tb = open(t, "json", []string{p}, "", nil)
	if got := schemaString(tb.Schema()); got != "_corrupt_record:string" {
		t.Fatalf("schema %s", got)
	}
	// Custom line separator.
	p = writeFile(t, dir, "sep.json", `{"a":1}|{"a":2}|`)
	tb = open(t, "json", []string{p}, "", map[string]string{"lineSep": "|"})
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1", "2"})
}

func TestJSONSplits(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "{\"id\": %d, \"pad\": \"some text to make lines longer\"}\n", i)
	}
	p := writeFile(t, dir, "big.json", b.String())
	mem := checked(t)
	tb := open(t, "json", []string{p}, "", nil)
	tb.Allocator = mem
	tb.MaxSplitBytes, tb.OpenCostBytes = 7000, 1
	rows := scanAll(t, tb, []int{0}, 5)
	if len(rows) != 3000 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		if r != fmt.Sprint(i) {
			t.Fatalf("row %d = %s", i, r)
		}
	}
	// All partitions at once.
	s, err := tb.Scan(nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	n := int64(0)
	if err := physical.Collect(context.Background(), s, func(b arrow.RecordBatch) error {
		n += b.NumRows()
		b.Release()
		return nil
	}); err != nil || n != 3000 {
		t.Fatalf("collect: %v, %d rows", err, n)
	}
}

func TestJSONParserSyntax(t *testing.T) {
	ok := []string{`{}`, `[]`, `{"a":[1,{"b":null}]}`, `"x"`, `'single'`, `-0`, `1e5`, `1.5E-3`, `NaN`,
		`-Infinity`, `+INF`, `{"a":"\u00e9\ud83d\ude00"}`, `{"a":1} trailing`, `{'a':'it\'s'}`}
	bad := []string{`{`, `{"a"}`, `{a:1}`, `01`, `1.`, `.5`, `+1`, `[1,]`, `{"a":1,}`, `tru`, `"a` + "\n" + `"`,
		`{"a":"\x"}`, `nul`, `-`, strings.Repeat("[", 2000)}
	p := textdata.Parser{Syntax: (&jsonFormat{}).syntax()}
	for _, s := range ok {
		if _, err := p.Parse([]byte(s)); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	for _, s := range bad {
		if _, err := p.Parse([]byte(s)); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
	n, err := p.Parse([]byte(`{"a":"\u00e9\ud83d\ude00"}`))
	if err != nil || string(p.Text(p.Node(p.Node(n).First))) != "é😀" {
		t.Errorf("unicode escapes: %v", err)
	}
}

// FuzzJSONParser checks that parsing and inferring arbitrary input never panics.
func FuzzJSONParser(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `[{"a":[1,2]},{"b":{"c":"x"}}]`, `{'a':NaN}`, `"\ud800"`, `{"a":1e400}`} {
		f.Add(s)
	}
	j := &jsonFormat{}
	inf := j.inference()
	f.Fuzz(func(t *testing.T, s string) {
		p := textdata.Parser{Syntax: j.syntax()}
		n, err := p.Parse([]byte(s))
		if err != nil || n < 0 {
			return
		}
		_ = inf.Infer(&p, n)
	})
}

func TestWholeFileReadsReserveMemory(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "doc.json", "["+strings.Repeat(`{"a": 1},`, 1000)+`{"a": 2}]`)
	tb := open(t, "json", []string{p}, "a int", map[string]string{"multiLine": "true"})
	s, err := tb.Scan(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	pool := pmem.NewPool(1000)
	ctx := pmem.WithPool(context.Background(), pool)
	err = physical.Collect(ctx, s, func(b arrow.RecordBatch) error { b.Release(); return nil })
	if !pmem.IsOutOfMemory(err) {
		t.Fatalf("err %v", err)
	}
	pool = pmem.NewPool(1 << 20)
	ctx = pmem.WithPool(context.Background(), pool)
	n := int64(0)
	err = physical.Collect(ctx, s, func(b arrow.RecordBatch) error { n += b.NumRows(); b.Release(); return nil })
	if err != nil || n != 1001 {
		t.Fatalf("err %v, %d rows", err, n)
	}
	if pool.Used() != 0 || pool.Peak() < int64(len(`{"a": 1},`)*1000) {
		t.Fatalf("pool used %d peak %d", pool.Used(), pool.Peak())
	}
}

func TestDuplicateColumns(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "d.json", `{"a": 1, "A": 2}`+"\n")
	if _, err := Open("json", []string{p}, nil, nil); errClass(err) != "COLUMN_ALREADY_EXISTS" ||
		!strings.Contains(err.Error(), "The column `a` already exists") {
		t.Fatalf("err %v", err)
	}
	if _, err := Open("csv", []string{p}, mustSchema(t, "x int, s struct<y: int, Y: int>"), nil); errClass(err) != "COLUMN_ALREADY_EXISTS" {
		t.Fatalf("err %v", err)
	}
}

package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope")
	_, err := Open("parquet", []string{missing}, nil, nil)
	want := "[PATH_NOT_FOUND] Path does not exist: file:" + missing + ". SQLSTATE: 42K03"
	if err == nil || err.Error() != want {
		t.Fatalf("err %v\nwant %s", err, want)
	}
	if _, err := Open("csv", []string{filepath.Join(dir, "*.csv")}, nil, nil); errClass(err) != "PATH_NOT_FOUND" {
		t.Fatalf("glob: %v", err)
	}
	if _, err := Open("file:"+missing, nil, nil, nil); errClass(err) != "DATA_SOURCE_NOT_FOUND" {
		t.Fatalf("format: %v", err)
	}
	if _, err := Open("orc", []string{dir}, nil, nil); errClass(err) != "NOT_IMPLEMENTED" {
		t.Fatalf("orc: %v", err)
	}
	// An empty directory: nothing to infer from.
	if _, err := Open("parquet", []string{dir}, nil, nil); errClass(err) != "UNABLE_TO_INFER_SCHEMA" ||
		!strings.Contains(err.Error(), "Unable to infer schema for Parquet") {
		t.Fatalf("empty dir: %v", err)
	}
	if _, err := Open("json", []string{dir}, nil, nil); errClass(err) != "UNABLE_TO_INFER_SCHEMA" {
		t.Fatalf("empty dir json: %v", err)
	}
	// With a schema an empty directory is an empty table.
	tb := open(t, "csv", []string{dir}, "a int", nil)
	if rows := scanAll(t, tb, nil, 4); len(rows) != 0 {
		t.Fatalf("rows %v", rows)
	}
	// Text needs no files to know its schema.
	tb = open(t, "TEXT", []string{dir}, "", nil)
	if got := schemaString(tb.Schema()); got != "value:string" {
		t.Fatalf("schema %s", got)
	}
	// A file that vanishes between planning and reading.
	p := writeFile(t, dir, "gone.csv", "1\n")
	tb = open(t, "csv", []string{p}, "a int", nil)
	os.Remove(p)
	if _, err := scanRows(tb, nil, 1); errClass(err) != "FAILED_READ_FILE.NO_HINT" {
		t.Fatalf("vanished: %v", err)
	}
	if _, err := Open("csv", []string{"s3a://bucket/x.csv"}, nil, nil); errClass(err) != "UNSUPPORTED_FILE_SYSTEM" {
		t.Fatalf("s3: %v", err)
	}
	// Hadoop's HTTP(S) file systems cannot list a path.
	if _, err := Open("json", []string{"https://example.com/x.json"}, nil, nil); errClass(err) != "FAILED_READ_FILE.UNSUPPORTED_FILE_SYSTEM" {
		t.Fatalf("https: %v", err)
	}
}

func TestListing(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.csv", "1\n")
	writeFile(t, dir, "b.txt", "2\n")
	writeFile(t, dir, "_SUCCESS", "")
	writeFile(t, dir, ".hidden.csv", "3\n")
	writeFile(t, dir, "sub/c.csv", "4\n")
	writeFile(t, dir, "_tmp/d.csv", "5\n")
	writeFile(t, dir, ".git/e.csv", "6\n")
	writeFile(t, dir, "sub/deeper/f.csv", "7\n")
	rel := func(tb *Table) string {
		var out []string
		for _, f := range tb.Files() {
			r, _ := filepath.Rel(dir, f)
			out = append(out, filepath.ToSlash(r))
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		paths []string
		opts  map[string]string
		want  string
	}{
		{[]string{dir}, nil, "a.csv,b.txt,sub/c.csv,sub/deeper/f.csv"},
		{[]string{dir}, map[string]string{"pathGlobFilter": "*.csv"}, "a.csv,sub/c.csv,sub/deeper/f.csv"},
		{[]string{dir}, map[string]string{"recursiveFileLookup": "true", "pathGlobFilter": "{a,f}.csv"}, "a.csv,sub/deeper/f.csv"},
		{[]string{filepath.Join(dir, "*.csv")}, nil, "a.csv"},
		{[]string{filepath.Join(dir, "{a,b}.*")}, nil, "a.csv,b.txt"},
		{[]string{filepath.Join(dir, "sub")}, nil, "sub/c.csv,sub/deeper/f.csv"},
		{[]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "a.csv")}, nil, "a.csv"},
		{[]string{"file://" + filepath.Join(dir, "b.txt")}, nil, "b.txt"},
	}
	for _, c := range cases {
		tb := open(t, "text", c.paths, "", c.opts)
		if got := rel(tb); got != c.want {
			t.Errorf("%v %v: %s, want %s", c.paths, c.opts, got, c.want)
		}
	}
	tb := open(t, "text", []string{dir}, "", nil)
	equalRows(t, scanAll(t, tb, nil, 2), []string{"1", "2", "4", "7"})
}

func TestPartitionDiscovery(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "year=2023/month=1/a.json", `{"v": 1}`+"\n")
	writeFile(t, dir, "year=2023/month=12/b.json", `{"v": 2}`+"\n")
	writeFile(t, dir, "year=2024/month=__HIVE_DEFAULT_PARTITION__/c.json", `{"v": 3, "year": 99}`+"\n")
	mem := checked(t)
	tb := open(t, "json", []string{dir}, "", nil)
	tb.Allocator = mem
	if got := schemaString(tb.Schema()); got != "v:bigint,year:int,month:int" {
		t.Fatalf("schema %s", got)
	}
	if got := strings.Join(tb.PartitionColumns(), ","); got != "year,month" {
		t.Fatalf("partition columns %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 2), []string{"1|2023|1", "2|2023|12", "3|2024|NULL"})
	equalRows(t, scanAll(t, tb, []int{2, 0}, 1), []string{"1|1", "12|2", "NULL|3"})
	// Partition filters skip files.
	s, err := tb.Scan([]int{0}, 1, Predicate{Column: 1, Op: OpEq, Value: int32(2023)}, Predicate{Column: 2, Op: OpGt, Value: int32(5)})
	if err != nil {
		t.Fatal(err)
	}
	if m := s.Metrics(); m["files_pruned"] != 2 {
		t.Fatalf("metrics %v", m)
	}
	equalRows(t, scanAll(t, tb, []int{0}, 1, Predicate{Column: 2, Op: OpIsNull}), []string{"3"})
	// A user schema gives the partition column types; partition columns move to the end.
	tb = open(t, "json", []string{dir}, "month string, v int", nil)
	if got := schemaString(tb.Schema()); got != "v:int,year:int,month:string" {
		t.Fatalf("schema %s", got)
	}
	// recursiveFileLookup turns partition discovery off.
	tb = open(t, "json", []string{dir}, "", map[string]string{"recursiveFileLookup": "true"})
	if got := schemaString(tb.Schema()); got != "v:bigint,year:bigint" {
		t.Fatalf("schema %s", got)
	}
}

func TestPartitionValueTypes(t *testing.T) {
	cases := map[string]string{
		"1":                         "int",
		"3000000000":                "bigint",
		"12345678901234567890":      "decimal(20,0)",
		"1.5":                       "double",
		"2024-01-05":                "date",
		"2024-01-05 10:11:12":       "timestamp",
		"2024-01-05%2010%3A11%3A12": "timestamp",
		"abc":                       "string",
		hiveDefaultPartition:        "void",
		"2024-13-01":                "string",
		"12345678901234567890123456789012345678901": "double",
	}
	for raw, want := range cases {
		if got := inferPartitionType(raw).SimpleString(); got != want {
			t.Errorf("%q: %s, want %s", raw, got, want)
		}
	}
	dir := t.TempDir()
	writeFile(t, dir, "k=1/a.txt", "x\n")
	writeFile(t, dir, "k=2.5/b.txt", "y\n")
	writeFile(t, dir, "d=2024-01-05/c=hello%20world/z.txt", "z\n")
	tb := open(t, "text", []string{filepath.Join(dir, "k=*")}, "", nil)
	// Globbed partition directories are the roots: no partition columns are found.
	if got := schemaString(tb.Schema()); got != "value:string" {
		t.Fatalf("schema %s", got)
	}
	tb = open(t, "text", []string{dir}, "", map[string]string{"pathGlobFilter": "[ab].txt"})
	_ = tb
	sub := filepath.Join(dir, "sub")
	writeFile(t, sub, "k=1/a.txt", "x\n")
	writeFile(t, sub, "k=2.5/b.txt", "y\n")
	tb = open(t, "text", []string{sub}, "", nil)
	if got := schemaString(tb.Schema()); got != "value:string,k:double" {
		t.Fatalf("schema %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 1), []string{"x|1", "y|2.5"})
	sub2 := filepath.Join(dir, "sub2")
	writeFile(t, sub2, "d=2024-01-05/c=hello%20world/z.txt", "z\n")
	tb = open(t, "text", []string{sub2}, "", nil)
	equalRows(t, scanAll(t, tb, nil, 1), []string{"z|2024-01-05|hello world"})
	// Conflicting layouts fail.
	writeFile(t, sub2, "other/z.txt", "q\n")
	if _, err := Open("text", []string{sub2}, nil, nil); err == nil || !strings.Contains(err.Error(), "Conflicting directory structures") {
		t.Fatalf("err %v", err)
	}
}

func TestTextFormat(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "t.txt", "first\n\nthird\r\nfourth\rfifth")
	mem := checked(t)
	tb := open(t, "text", []string{p}, "", nil)
	tb.Allocator = mem
	equalRows(t, scanAll(t, tb, nil, 1), []string{"first", "", "third", "fourth", "fifth"})
	tb = open(t, "text", []string{p}, "", map[string]string{"wholetext": "true"})
	tb.Allocator = mem
	if rows := scanAll(t, tb, nil, 1); len(rows) != 1 || rows[0] != "first\n\nthird\r\nfourth\rfifth" {
		t.Fatalf("rows %q", rows)
	}
	tb = open(t, "text", []string{p}, "line string", map[string]string{"lineSep": "\n"})
	tb.Allocator = mem
	equalRows(t, scanAll(t, tb, nil, 1), []string{"first", "", "third\r", "fourth\rfifth"})
	if _, err := Open("text", []string{p}, mustSchema(t, "a string, b string"), nil); err == nil {
		t.Fatal("two text columns accepted")
	}
	if _, err := Open("text", []string{p}, mustSchema(t, "a int"), nil); errClass(err) != "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE" {
		t.Fatalf("err %v", err)
	}
}

func TestPredicateHelpers(t *testing.T) {
	if !valueMatches(OpEq, scalar{kind: 'd', d: decimal128.FromI64(5)}, scalar{kind: 'i', i: 5}) {
		t.Error("decimal = int")
	}
	if valueMatches(OpLt, scalar{kind: 'b', b: []byte("b")}, scalar{kind: 'b', b: []byte("a")}) {
		t.Error("b < a")
	}
	if got := beDecimal([]byte{0xff, 0xfe}); got != decimal128.FromI64(-2) {
		t.Errorf("beDecimal %v", got)
	}
	if got := beDecimal([]byte{0x01, 0x00}); got != decimal128.FromI64(256) {
		t.Errorf("beDecimal %v", got)
	}
	if s := (Predicate{Column: 1, Op: OpGtEq, Value: 3}).String(); s != "#1 >= 3" {
		t.Errorf("string %s", s)
	}
}

func TestTextSplitsWithSeparators(t *testing.T) {
	dir := t.TempDir()
	for _, sep := range []string{"\n", "\r\n", "<>", "\r"} {
		var b strings.Builder
		for i := 0; i < 150; i++ {
			fmt.Fprintf(&b, "%d%s", i, sep)
		}
		p := writeFile(t, dir, fmt.Sprintf("s%d.txt", len(sep)*10+int(sep[0])), b.String())
		for _, opt := range []map[string]string{nil, {"lineSep": sep}} {
			if opt == nil && sep == "<>" {
				continue
			}
			for _, split := range []int64{3, 5, 8, 13, 64} {
				tb := open(t, "text", []string{p}, "", opt)
				tb.MaxSplitBytes, tb.OpenCostBytes = split, 1
				rows := scanAll(t, tb, nil, 1000)
				if len(rows) != 150 {
					t.Fatalf("sep %q opt %v split %d: %d rows", sep, opt, split, len(rows))
				}
				for i, r := range rows {
					if r != fmt.Sprint(i) {
						t.Fatalf("sep %q opt %v split %d: row %d = %q", sep, opt, split, i, r)
					}
				}
			}
		}
	}
}

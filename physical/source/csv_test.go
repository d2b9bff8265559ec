package source

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/sailgo/sail/physical"
)

const pgData = "/work/shared/conformance/spark-sql-tests/test-data/postgresql"

func TestCSVPostgresTestTables(t *testing.T) {
	agg := filepath.Join(pgData, "agg.data")
	if _, err := os.Stat(agg); err != nil {
		t.Skipf("conformance data not available: %v", err)
	}
	mem := checked(t)
	tb := open(t, "csv", []string{agg}, "a int, b float", map[string]string{"header": "false", "delimiter": "\t"})
	tb.Allocator = mem
	rows := scanAll(t, tb, nil, 2)
	equalRows(t, rows, []string{"56|7.8", "100|99.097", "0|0.09561", "42|324.78"})
	if got := schemaString(tb.Schema()); got != "a:int,b:float" {
		t.Fatalf("schema %s", got)
	}

	onek := filepath.Join(pgData, "onek.data")
	tb = open(t, "csv", []string{onek}, "unique1 int, unique2 int, two int, four int, ten int, twenty int, "+
		"hundred int, thousand int, twothousand int, fivethous int, tenthous int, odd int, even int, "+
		"stringu1 string, stringu2 string, string4 string", map[string]string{"sep": "\\t"})
	tb.Allocator = mem
	rows = scanAll(t, tb, nil, 2)
	if len(rows) != 1000 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0] != "147|0|1|3|7|7|7|47|147|147|147|14|15|RFAAAA|AAAAAA|AAAAxx" {
		t.Fatalf("first row %q", rows[0])
	}
	for _, r := range rows {
		if strings.Contains(r, "NULL") {
			t.Fatalf("null in %q", r)
		}
	}
}

func TestCSVHeaderAndInference(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "a.csv", strings.Join([]string{
		"id,name,price,when,day,flag,big,ratio,mixed,Name,empty",
		"1,alice,1.50,2024-01-02 03:04:05,2024-01-02,true,12345678901,1e3,2024-01-01,x,",
		"2,\"bob, jr\",2.25,2024-02-03T10:00:00Z,2024-02-03,FALSE,3,NaN,2024-01-01 10:00:00,y,",
		"3,,,,,,,-Inf,,z,",
		"",
	}, "\n"))
	mem := checked(t)
	tb := open(t, "csv", []string{p}, "", map[string]string{"header": "true", "inferSchema": "true"})
	tb.Allocator = mem
	want := "id:int,name:string,price:double,when:timestamp,day:date,flag:boolean,big:bigint,ratio:double," +
		"mixed:timestamp,Name9:string,empty:string"
	// "name" and "Name" differ only in case: both get their index appended.
	want = strings.Replace(want, "name:string", "name1:string", 1)
	if got := schemaString(tb.Schema()); got != want {
		t.Fatalf("schema\n got %s\nwant %s", got, want)
	}
	rows := scanAll(t, tb, nil, 1)
	equalRows(t, rows, []string{
		"1|alice|1.5|2024-01-02 03:04:05|2024-01-02|true|12345678901|1000|2024-01-01 00:00:00|x|NULL",
		"2|bob, jr|2.25|2024-02-03 10:00:00|2024-02-03|false|3|NaN|2024-01-01 10:00:00|y|NULL",
		"3|NULL|NULL|NULL|NULL|NULL|NULL|-Inf|NULL|z|NULL",
	})
	// Without inferSchema every column is a string; without header columns are _c<i>.
	tb = open(t, "csv", []string{p}, "", map[string]string{"header": "true"})
	if got := schemaString(tb.Schema()); !strings.HasPrefix(got, "id:string,name1:string,price:string") {
		t.Fatalf("schema %s", got)
	}
	tb = open(t, "csv", []string{p}, "", nil)
	if got := schemaString(tb.Schema()); !strings.HasPrefix(got, "_c0:string,_c1:string") || strings.Count(got, "_c") != 11 {
		t.Fatalf("schema %s", got)
	}
	rows = scanAll(t, tb, []int{0, 1}, 1)
	equalRows(t, rows, []string{"id|name", "1|alice", "2|bob, jr", "3|NULL"})
}

func TestCSVInferenceRules(t *testing.T) {
	cases := []struct {
		values []string
		want   string
	}{
		{[]string{"1", "2"}, "int"},
		{[]string{"1", "3000000000"}, "bigint"},
		{[]string{"1", "12345678901234567890"}, "decimal(20,0)"},
		{[]string{"1", "1.5"}, "double"},
		{[]string{"12345678901234567890", "1.5"}, "double"},
		{[]string{"1", "true"}, "string"},
		{[]string{"true", "False"}, "boolean"},
		{[]string{"2020-01-01", "2020-12-31"}, "date"},
		{[]string{"2020-01-01", "2020-01-01 10:00:00"}, "timestamp"},
		{[]string{"2020-1-1"}, "timestamp"},
		{[]string{"10:00:00x"}, "string"},
		{[]string{"NaN", "1"}, "double"},
		{[]string{"Infinity"}, "double"},
		{[]string{"1", ""}, "int"},
		{[]string{"", "1"}, "int"},
		{[]string{"a,", "b,"}, "string"},
		{[]string{"+5", "-7"}, "int"},
		{[]string{" 5"}, "double"},
		{[]string{"1d"}, "double"},
		{[]string{"0x1p3"}, "double"},
	}
	dir := t.TempDir()
	for i, c := range cases {
		p := writeFile(t, dir, fmt.Sprintf("c%d.csv", i), strings.Join(c.values, "\n")+"\n")
		tb := open(t, "csv", []string{p}, "", map[string]string{"inferSchema": "true", "ignoreLeadingWhiteSpace": "false"})
		if len(tb.Schema().Fields) == 0 {
			t.Errorf("%q: no columns", c.values)
		} else if got := tb.Schema().Fields[0].DataType.SimpleString(); got != c.want {
			t.Errorf("%q: inferred %s, want %s", c.values, got, c.want)
		}
	}
}

func TestCSVValueParsing(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "v.csv", strings.Join([]string{
		"1|2.5|TRUE|12.345|2024-1-5|2024-01-05 10:11:12.123456|x|7|1e2",
		"2147483648|NaN|yes|1,234.5|20240105|2024-01-05T10:11:12+02:00|y|128|Infinity",
		"-2147483648|-Inf|false|-0.005|2024-01-05 junk|1700000000|z|-128|-Infinity",
		" 4|  3.5 |true|99999.995|2024-02-30||w|1|1f",
	}, "\n"))
	mem := checked(t)
	tb := open(t, "csv", []string{p}, "a int, b double, c boolean, d decimal(7,2), e date, f timestamp, g string, h tinyint, i float",
		map[string]string{"sep": "|"})
	tb.Allocator = mem
	rows := scanAll(t, tb, nil, 1)
	equalRows(t, rows, []string{
		"1|2.5|true|12.35|2024-01-05|2024-01-05 10:11:12.123456|x|7|100",
		"NULL|NaN|NULL|1234.50|NULL|2024-01-05 08:11:12|y|NULL|+Inf",
		"-2147483648|-Inf|false|-0.01|2024-01-05|NULL|z|-128|-Inf",
		"NULL|3.5|true|NULL|NULL|NULL|w|1|1",
	})
}

func TestCSVModesAndCorruptRecord(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "m.csv", "1,a\nx,b\n3\n4,d,extra\n5,e\n")
	schema := "n int, s string"
	// PERMISSIVE (default): bad values are null, short rows padded, long rows cut.
	tb := open(t, "csv", []string{p}, schema, nil)
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1|a", "NULL|b", "3|NULL", "4|d", "5|e"})
	// With the corrupt record column, the malformed records are kept there.
	tb = open(t, "csv", []string{p}, schema+", _corrupt_record string", nil)
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1|a|NULL", "NULL|b|x,b", "3|NULL|3", "4|d|4,d,extra", "5|e|NULL"})
	// A custom name.
	tb = open(t, "csv", []string{p}, schema+", bad string", map[string]string{"columnNameOfCorruptRecord": "bad"})
	equalRows(t, scanAll(t, tb, []int{0, 2}, 1), []string{"1|NULL", "NULL|x,b", "3|3", "4|4,d,extra", "5|NULL"})
	// DROPMALFORMED drops them (the token count is checked when all columns are read).
	tb = open(t, "csv", []string{p}, schema, map[string]string{"mode": "dropmalformed"})
	equalRows(t, scanAll(t, tb, nil, 1), []string{"1|a", "5|e"})
	// Reading only one column, a short row is not malformed (Spark's column pruning).
	equalRows(t, scanAll(t, tb, []int{0}, 1), []string{"1", "3", "4", "5"})
	// FAILFAST fails with MALFORMED_RECORD_IN_PARSING inside FAILED_READ_FILE.
	tb = open(t, "csv", []string{p}, schema, map[string]string{"mode": "FAILFAST"})
	_, err := scanRows(tb, nil, 1)
	if errClass(err) != "FAILED_READ_FILE.NO_HINT" || causeClass(err) != "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION" {
		t.Fatalf("err %v (cause class %s)", err, causeClass(err))
	}
	if !strings.Contains(err.Error(), "file:"+p) {
		t.Fatalf("err %v", err)
	}
	// A corrupt record column of another type is rejected.
	if _, err := Open("csv", []string{p}, mustSchema(t, "n int, _corrupt_record int"), nil); errClass(err) != "INVALID_CORRUPT_RECORD_TYPE" {
		t.Fatalf("err %v", err)
	}
}

func TestCSVQuotingAndOptions(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name    string
		content string
		opts    map[string]string
		schema  string
		want    []string
	}{
		{"quotes", `"a,b","say \"hi\"","",plain` + "\n", nil, "", []string{`a,b|say "hi"|NULL|plain`}},
		{"doubled quotes", `"a""b",c` + "\n", nil, "", []string{`a"b|c`}},
		{"escape option", `'it''s',"x"` + "\n", map[string]string{"quote": "'", "escape": "'"}, "", []string{`it's|"x"`}},
		{"no quoting", `"a,b` + "\n", map[string]string{"quote": ""}, "", []string{`"a|b`}},
		{"null value", "NA,1\n,2\n\"\",3\n", map[string]string{"nullValue": "NA"}, "s string, n int", []string{"NULL|1", "NULL|2", "|3"}},
		{"empty value", "\"\",1\n", map[string]string{"emptyValue": "EMPTY"}, "s string, n int", []string{"EMPTY|1"}},
		{"whitespace kept", " a , b \n", nil, "", []string{" a | b "}},
		{"whitespace trimmed", " a , b \n", map[string]string{"ignoreLeadingWhiteSpace": "true", "ignoreTrailingWhiteSpace": "true"}, "", []string{"a|b"}},
		{"comments and blank lines", "# c\n1,2\n\n   \n#x\n3,4\n", map[string]string{"comment": "#"}, "", []string{"1|2", "3|4"}},
		{"line separator", "1,2;3,4;", map[string]string{"lineSep": ";"}, "", []string{"1|2", "3|4"}},
		{"crlf", "1,2\r\n3,4\r\n", nil, "", []string{"1|2", "3|4"}},
		{"multi-char delimiter", "1||2\n", map[string]string{"sep": "||"}, "", []string{"1|2"}},
		{"multiline", "\"a\nb\",1\n2,3\n", map[string]string{"multiLine": "true"}, "", []string{"a\nb|1", "2|3"}},
		{"multiline off", "\"a\nb\",1\n", nil, "s string, n int", []string{"a|NULL", "b\"|1"}},
		{"date and timestamp formats", "05/01/2024,2024-01-05 10:11\n", map[string]string{"dateFormat": "dd/MM/yyyy", "timestampFormat": "yyyy-MM-dd HH:mm"}, "d date, t timestamp",
			[]string{"2024-01-05|2024-01-05 10:11:00"}},
		{"time zone", "2024-01-05 10:00:00\n", map[string]string{"timeZone": "America/Los_Angeles"}, "t timestamp", []string{"2024-01-05 18:00:00"}},
		{"nan and inf names", "nan,inf,-inf\n", map[string]string{"nanValue": "nan", "positiveInf": "inf", "negativeInf": "-inf"}, "a double, b double, c float", []string{"NaN|+Inf|-Inf"}},
		{"unescaped quote", `"a"b,c` + "\n", nil, "", []string{`a"b|c`}},
		{"trailing delimiter", "a,\n", nil, "x string, y string", []string{"a|NULL"}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, fmt.Sprintf("q%d.csv", i), c.content)
			tb := open(t, "csv", []string{p}, c.schema, c.opts)
			equalRows(t, scanAll(t, tb, nil, 1), c.want)
		})
	}
}

func TestCSVOptionErrors(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "e.csv", "1\n")
	cases := []struct {
		opts  map[string]string
		class string
	}{
		{map[string]string{"sep": ""}, "INVALID_DELIMITER_VALUE.EMPTY_STRING"},
		{map[string]string{"sep": "\\"}, "INVALID_DELIMITER_VALUE.SINGLE_BACKSLASH"},
		{map[string]string{"sep": "\\x"}, "INVALID_DELIMITER_VALUE.UNSUPPORTED_SPECIAL_CHARACTER"},
		{map[string]string{"header": "yes"}, "_LEGACY_ERROR_TEMP_2147"},
		{map[string]string{"quote": "ab"}, "_LEGACY_ERROR_TEMP_2145"},
		{map[string]string{"encoding": "latin1"}, "NOT_IMPLEMENTED"},
		{map[string]string{"timeZone": "Mars/Olympus"}, "INVALID_TIMEZONE"},
	}
	for _, c := range cases {
		_, err := Open("csv", []string{p}, nil, c.opts)
		if errClass(err) != c.class {
			t.Errorf("%v: err %v, want class %s", c.opts, err, c.class)
		}
	}
	if _, err := Open("csv", []string{p}, nil, map[string]string{"encoding": "UTF-8"}); err != nil {
		t.Errorf("utf-8: %v", err)
	}
	if _, err := Open("csv", []string{p}, mustSchema(t, "a array<int>"), nil); errClass(err) != "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE" {
		t.Errorf("array column: %v", err)
	}
}

func TestCSVSplitsReadEveryLineOnce(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,text\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "%d,line %d with some padding text\n", i, i)
	}
	p := writeFile(t, dir, "big.csv", b.String())
	for _, sep := range []string{"", "\r\n"} {
		content := b.String()
		opts := map[string]string{"header": "true", "inferSchema": "true"}
		if sep != "" {
			content = strings.ReplaceAll(content, "\n", sep)
			p = writeFile(t, dir, "big-crlf.csv", content)
		}
		for _, splitBytes := range []int64{1000, 4096, 1 << 20} {
			mem := checked(t)
			tb := open(t, "csv", []string{p}, "", opts)
			tb.Allocator = mem
			tb.MaxSplitBytes, tb.OpenCostBytes = splitBytes, 1
			tb.BatchRows = 700
			s, err := tb.Scan([]int{0}, 7)
			if err != nil {
				t.Fatal(err)
			}
			if splitBytes == 1000 && s.Partitions() != 7 {
				t.Fatalf("%d partitions", s.Partitions())
			}
			rows := scanAll(t, tb, []int{0}, 7)
			if len(rows) != 5000 {
				t.Fatalf("split %d: %d rows", splitBytes, len(rows))
			}
			seen := map[string]bool{}
			for i, r := range rows {
				if seen[r] {
					t.Fatalf("row %s twice", r)
				}
				seen[r] = true
				if r != fmt.Sprint(i) {
					t.Fatalf("row %d is %s: order lost", i, r)
				}
			}
			// All partitions at once, every column.
			n := int64(0)
			if err := physical.Collect(context.Background(), s, func(b arrow.RecordBatch) error {
				n += b.NumRows()
				b.Release()
				return nil
			}); err != nil || n != 5000 {
				t.Fatalf("collect: %v, %d rows", err, n)
			}
		}
	}
}

func TestCSVGzip(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.csv.gz")
	writeGzip(t, p, "a,b\n1,2\n3,4\n")
	tb := open(t, "csv", []string{p}, "", map[string]string{"header": "true", "inferSchema": "true"})
	if got := schemaString(tb.Schema()); got != "a:int,b:int" {
		t.Fatalf("schema %s", got)
	}
	equalRows(t, scanAll(t, tb, nil, 2), []string{"1|2", "3|4"})
}

// FuzzCSVTokenizer checks that the CSV tokenizer never panics and that a record without
// quotes splits exactly at the delimiters.
func FuzzCSVTokenizer(f *testing.F) {
	for _, s := range []string{"a,b,c", `"a,b",c`, `"a""b"`, `"abc`, `a"b,c`, `\"x\"`, ",,", "\"\\\\\"", "é,ü"} {
		f.Add(s, ",", `"`, `\`, false)
	}
	f.Add("a\tb", "\t", `"`, `\`, true)
	f.Add("a||b|||c", "||", "'", "'", true)
	f.Fuzz(func(t *testing.T, rec, delim, quote, escape string, trim bool) {
		if delim == "" {
			return
		}
		syn := &csvSyntax{delimiter: []byte(delim), quote: []byte(quote), escape: []byte(escape),
			escapeEscape: []byte(escape), ignoreLeading: trim, ignoreTrailing: trim, maxColumns: 100}
		tok := newCSVTokenizer(syn)
		tok.tokenize([]byte(rec))
		for k := range tok.fields {
			_ = tok.value([]byte(rec), k)
		}
		if !trim && !tok.tooMany && (quote == "" || !strings.Contains(rec, quote)) {
			want := strings.Split(rec, delim)
			if len(want) != len(tok.fields) {
				t.Fatalf("%q split by %q: %d fields, want %d", rec, delim, len(tok.fields), len(want))
			}
			for k, w := range want {
				if got := string(tok.value([]byte(rec), k)); got != w {
					t.Fatalf("%q field %d = %q, want %q", rec, k, got, w)
				}
			}
		}
	})
}

func writeGzip(t *testing.T, path, content string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := gzip.NewWriter(f)
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

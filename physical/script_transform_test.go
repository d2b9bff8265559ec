package physical

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

// defaultSpec is Spark's format without ROW FORMAT: \u0001 between fields, \n after rows,
// \N for NULL.
func defaultSpec(script string) ScriptSpec {
	return ScriptSpec{Script: script, InField: "\u0001", InLine: "\n", InNull: `\N`, OutField: "\u0001", OutNull: `\N`, ANSI: true}
}

func newScript(t testing.TB, child ExecutionPlan, spec ScriptSpec, out *arrow.Schema) *ScriptTransform {
	t.Helper()
	s, err := NewScriptTransform(child, spec, out)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestScriptTransformCatTyped(t *testing.T) {
	in := schemaOf("a", str, "b", str, "c", str)
	src := source(t, in,
		[]string{`[{"a":"1","b":"true","c":"1.5"},{"a":null,"b":"FALSE","c":"x"}]`, `[{"a":"-7","b":"yes","c":null}]`},
		[]string{}, // an empty partition does not start the command
		[]string{`[{"a":"300","b":"true","c":"1e3"}]`})
	out := schemaOf("s", str, "bo", arrow.FixedWidthTypes.Boolean, "i8", arrow.PrimitiveTypes.Int8,
		"i", arrow.PrimitiveTypes.Int32, "f", arrow.PrimitiveTypes.Float32, "d", arrow.PrimitiveTypes.Float64,
		"dec", &arrow.Decimal128Type{Precision: 10, Scale: 2}, "bin", arrow.BinaryTypes.Binary)
	// The command prints each field of its input in several columns.
	script := `awk -F '\001' -v OFS='\001' '{print $1, $2, $1, $1, $3, $3, $3, $2}'`
	got := rows(t, newScript(t, src, defaultSpec(script), out))
	want := []string{
		"1|true|1|1|1.5|1.5|1.5|dHJ1ZQ==",
		// \N is NULL in every column; "x" parses in none but the string columns; FALSE is
		// a boolean (toBoolean ignores case).
		"null|false|null|null|null|null|null|RkFMU0U=",
		// "yes" is not a boolean for toBoolean.
		"-7|null|-7|-7|null|null|null|eWVz",
		// 300 does not fit a byte; 1e3 is a float and a decimal.
		"300|true|null|300|1000|1000|1000|dHJ1ZQ==",
	}
	eqSet(t, "rows", got, want)
}

func TestScriptTransformSchemaLess(t *testing.T) {
	in := schemaOf("a", str)
	src := source(t, in, []string{`[{"a":"k1"},{"a":null}]`})
	spec := defaultSpec(`cat; printf 'x\001y\001z\n'`)
	spec.SchemaLess = true
	got := rows(t, newScript(t, src, spec, schemaOf("key", str, "value", str)))
	// One field gives a NULL value, three keep the first two; \N stays a string.
	eqSet(t, "rows", got, []string{"k1|null", `\N|null`, "x|y"})
}

func TestScriptTransformFieldsAndNulls(t *testing.T) {
	in := schemaOf("a", str, "b", str, "c", str)
	src := source(t, in, []string{`[{"a":"1","b":null,"c":"x"}]`})
	// Missing fields are NULL, extra ones dropped; NULL DEFINED AS on each side.
	spec := ScriptSpec{Script: "cat", InField: "@", InLine: "\n", InNull: "NULL", OutField: "@", OutNull: "NULL"}
	eqStrings(t, "two columns", rows(t, newScript(t, src, spec, schemaOf("a", str, "b", str))), []string{"1|null"})
	eqStrings(t, "four columns", rows(t, newScript(t, src, spec, schemaOf("a", str, "b", str, "c", str, "d", str))),
		[]string{"1|null|x|null"})
	// Written as NULL, read with the default \N: the text NULL.
	spec.OutNull = `\N`
	eqStrings(t, "other null", rows(t, newScript(t, src, spec, schemaOf("a", str, "b", str, "c", str))), []string{"1|NULL|x"})
	// A NULL written as a line break splits the row (Spark's golden answer for NULL
	// DEFINED AS '\n').
	spec.InNull = "\n"
	eqSet(t, "null as newline", rows(t, newScript(t, src, spec, schemaOf("a", str, "b", str, "c", str))),
		[]string{"1||null", "|x|null"})
}

func TestScriptTransformTr(t *testing.T) {
	in := schemaOf("a", str, "b", str)
	src := source(t, in, []string{`[{"a":"spark","b":"sql"},{"a":"héllo","b":null}]`})
	spec := defaultSpec("tr a-z A-Z")
	eqSet(t, "rows", rows(t, newScript(t, src, spec, schemaOf("a", str, "b", str))), []string{"SPARK|SQL", "HéLLO|null"})
}

func TestScriptTransformDelimiterRegex(t *testing.T) {
	in := schemaOf("a", str)
	src := source(t, in, []string{`[{"a":"1|2;3"}]`})
	// The output delimiter is a regular expression, as in Java's String.split; the rows
	// below join the three columns with |.
	for _, c := range []struct{ delim, want string }{
		{`\|`, "1|2;3|null"},          // an escaped character is that character
		{`[|;]`, "1|2|3"},             // a character class
		{`;`, "1|2|3|null"},           // a plain character: fields "1|2" and "3"
		{`2;`, "1||3|null"},           // several characters without specials: literal
		{"\u0001", "1|2;3|null|null"}, // no match: one field
		{`\d`, "|||;"},                // fields "", "|", ";" (and a fourth, dropped)
	} {
		spec := defaultSpec("cat")
		spec.OutField = c.delim
		got := rows(t, newScript(t, src, spec, schemaOf("x", str, "y", str, "z", str)))
		eqStrings(t, "split by "+c.delim, got, []string{c.want})
	}
}

func TestFieldSplitterJavaSemantics(t *testing.T) {
	for _, tt := range []struct {
		delim, line string
		want        []string
	}{
		{",", "a,b,,", []string{"a", "b", "", ""}},
		{",", "", []string{""}},
		{"ab", "xabyab", []string{"x", "y", ""}},
		{`\.`, "1.2", []string{"1", "2"}},
		{`.`, "ab", []string{"", "", ""}},
		{`\s+`, "a  b\tc", []string{"a", "b", "c"}},
	} {
		s, err := newFieldSplitter(tt.delim)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range s.split(nil, []byte(tt.line)) {
			got = append(got, string(f))
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) || len(got) != len(tt.want) {
			t.Errorf("split(%q, %q) = %q, want %q", tt.line, tt.delim, got, tt.want)
		}
	}
}

func TestScriptTransformLineEnds(t *testing.T) {
	in := schemaOf("a", str)
	src := source(t, in, []string{`[{"a":"x"}]`})
	// \r\n, a lone \r and a last line without a terminator, as BufferedReader.readLine.
	spec := defaultSpec(`cat >/dev/null; printf 'a\r\nb\rc\n\nd'`)
	eqStrings(t, "rows", rows(t, newScript(t, src, spec, schemaOf("v", str))), []string{"a", "b", "c", "", "d"})
	var lr lineReader
	for _, text := range []string{"", "\n", "a", "a\r", "a\r\n", "\r\r\n\n"} {
		lr = lineReader{r: &oneByteReader{s: text}, buf: make([]byte, 1)}
		var got []string
		for {
			l, err := lr.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(l))
		}
		want := map[string]string{"": "[]", "\n": "[]", "a": "[a]", "a\r": "[a]", "a\r\n": "[a]", "\r\r\n\n": "[  ]"}[text]
		if fmt.Sprint(got) != want {
			t.Errorf("lines of %q = %q, want %s", text, got, want)
		}
	}
}

// oneByteReader returns one byte per Read, to exercise the line reader's refills.
type oneByteReader struct{ s string }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.s == "" {
		return 0, io.EOF
	}
	p[0] = r.s[0]
	r.s = r.s[1:]
	return 1, nil
}

func TestScriptTransformDecimal(t *testing.T) {
	in := schemaOf("a", str)
	vals := []string{"1.25", "-1.25", "1.24999", "0.05", "-0.05", "1e2", "12.3E-1", "+7", "99999.95", ".5", "5.",
		"123456789012345678901234.5", "0.000000000000000000000000000000000000000001", "1.2.3", " 1", "", "-", "1e"}
	var b strings.Builder
	b.WriteString("[")
	for i, v := range vals {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"a":%q}`, v)
	}
	b.WriteString("]")
	src := source(t, in, []string{b.String()})
	dec := &arrow.Decimal128Type{Precision: 5, Scale: 1}
	spec := defaultSpec("cat")
	spec.ANSI = false
	got := rows(t, newScript(t, src, spec, schemaOf("d", dec)))
	want := []string{"1.3", "-1.3", "1.2", "0.1", "-0.1", "100", "1.2", "7", "null", "0.5", "5",
		"null", "0", "null", "null", "null", "null", "null"}
	for i := range want {
		if i < len(got) && got[i] != want[i] && !(strings.TrimSuffix(got[i], ".0") == want[i]) {
			t.Errorf("%q as DECIMAL(5,1) = %s, want %s", vals[i], got[i], want[i])
		}
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	// Under ANSI mode a value too large for the precision is an error.
	spec.ANSI = true
	src = source(t, in, []string{`[{"a":"1.5"},{"a":"99999.95"}]`})
	_, err := tryRows(context.Background(), newScript(t, src, spec, schemaOf("d", dec)))
	var se *sparkerror.Error
	if !errors.As(err, &se) || se.Class != "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION" || se.Params["value"] != "99999.95" ||
		se.Params["precision"] != "5" || se.Params["scale"] != "1" {
		t.Fatalf("ANSI overflow: %v", err)
	}
}

func TestScriptTransformExitStatus(t *testing.T) {
	in := schemaOf("a", str)
	src := source(t, in, []string{`[{"a":"1"},{"a":"2"}]`})
	spec := defaultSpec(`cat; echo 'something went wrong' >&2; exit 3`)
	_, err := tryRows(context.Background(), newScript(t, src, spec, schemaOf("a", str)))
	var se *sparkerror.Error
	if !errors.As(err, &se) || se.Class != "_LEGACY_ERROR_TEMP_2264" {
		t.Fatalf("got %v, want _LEGACY_ERROR_TEMP_2264", err)
	}
	if se.Params["exitCode"] != "3" || se.Params["stderrBuffer"] != "something went wrong\n" {
		t.Errorf("params %v", se.Params)
	}
	if want := "Subprocess exited with status 3. Error: something went wrong\n."; se.Message != want {
		t.Errorf("message %q, want %q", se.Message, want)
	}
	// A command that does not exist: bash's status 127.
	spec = defaultSpec(`no_such_command_for_sail_tests`)
	_, err = tryRows(context.Background(), newScript(t, src, spec, schemaOf("a", str)))
	if !errors.As(err, &se) || se.Params["exitCode"] != "127" || !strings.Contains(se.Params["stderrBuffer"], "no_such_command_for_sail_tests") {
		t.Fatalf("missing command: %v", err)
	}
	// Killed by a signal: 128 + the signal, as the JVM reports it.
	spec = defaultSpec(`kill -TERM $$`)
	_, err = tryRows(context.Background(), newScript(t, src, spec, schemaOf("a", str)))
	if !errors.As(err, &se) || se.Params["exitCode"] != "143" {
		t.Fatalf("signal: %v", err)
	}
}

func TestScriptTransformStderrTail(t *testing.T) {
	var tb tailBuffer
	tb.limit = 8
	tb.Write([]byte("abc"))
	tb.Write([]byte("defgh"))
	tb.Write([]byte("ij"))
	if got := tb.String(); got != "cdefghij" {
		t.Errorf("tail %q", got)
	}
	tb.Write([]byte("0123456789"))
	if got := tb.String(); got != "23456789" {
		t.Errorf("tail %q", got)
	}
}

// TestScriptTransformLargeInput feeds several MB through cat and through sort (which reads
// everything before it prints): the writer and the reader run at once, so neither
// deadlocks on a full pipe.
func TestScriptTransformLargeInput(t *testing.T) {
	const rowsN = 120_000
	in := schemaOf("a", str, "b", str)
	bld := array.NewRecordBuilder(arrowmem.DefaultAllocator, in)
	defer bld.Release()
	pad := strings.Repeat("x", 40)
	var batches []arrow.RecordBatch
	total := 0
	for i := 0; i < rowsN; i++ {
		v := fmt.Sprintf("%08d", i)
		bld.Field(0).(*array.StringBuilder).Append(v)
		bld.Field(1).(*array.StringBuilder).Append(pad)
		total += len(v) + len(pad) + 2
		if (i+1)%10_000 == 0 {
			batches = append(batches, bld.NewRecordBatch())
		}
	}
	if total < 5<<20 {
		t.Fatalf("only %d bytes of input", total)
	}
	src := &memSource{schema: in, parts: [][]arrow.RecordBatch{batches}}
	for _, script := range []string{"cat", "sort -r"} {
		op := newScript(t, src, defaultSpec(script), schemaOf("a", arrow.PrimitiveTypes.Int64, "b", str))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		n, sum, batchesOut := 0, int64(0), 0
		err := Collect(ctx, op, func(b arrow.RecordBatch) error {
			defer b.Release()
			batchesOut++
			if b.NumRows() > DefaultBatchRows {
				return fmt.Errorf("batch of %d rows", b.NumRows())
			}
			a := b.Column(0).(*array.Int64)
			for i := 0; i < a.Len(); i++ {
				sum += a.Value(i)
				n++
			}
			return nil
		})
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", script, err)
		}
		if want := int64(rowsN) * (rowsN - 1) / 2; n != rowsN || sum != want {
			t.Errorf("%s: %d rows summing to %d, want %d and %d", script, n, sum, rowsN, want)
		}
		if batchesOut < rowsN/DefaultBatchRows {
			t.Errorf("%s: %d batches", script, batchesOut)
		}
	}
}

// pidScript starts a command that records its own pid and that of a child in dir, then
// waits forever without reading its input.
func pidScript(dir string) string {
	return fmt.Sprintf(`sleep 1000 & echo $! > %[1]s/child; echo $$ > %[1]s/pid; wait`, dir)
}

func readPid(t *testing.T, path string) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(path)
		if err == nil && strings.HasSuffix(string(b), "\n") {
			pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			return pid
		}
		if time.Now().After(deadline) {
			t.Fatalf("no pid in %s", path)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// gone waits for a process to disappear (or become a zombie of someone else).
func gone(pid int) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
			if f := strings.Fields(string(b)); len(f) > 2 && f[2] == "Z" {
				return true
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// TestScriptTransformCancel cancels a query whose command never ends: Next returns, and
// the command and the process it started are killed.
func TestScriptTransformCancel(t *testing.T) {
	dir := t.TempDir()
	in := schemaOf("a", str)
	src := source(t, in, []string{`[{"a":"1"}]`})
	op := newScript(t, src, defaultSpec(pidScript(dir)), schemaOf("a", str))
	ctx, cancel := context.WithCancel(context.Background())
	s, err := op.Execute(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Next()
		done <- err
	}()
	pid, child := readPid(t, filepath.Join(dir, "pid")), readPid(t, filepath.Join(dir, "child"))
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Next after cancel: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Next did not return after cancel")
	}
	s.Close()
	if !gone(pid) || !gone(child) {
		t.Errorf("processes %d and %d still run after cancel", pid, child)
	}
}

// TestScriptTransformCloseEarly stops reading a command that prints without end (a LIMIT
// above): Close kills it and returns.
func TestScriptTransformCloseEarly(t *testing.T) {
	dir := t.TempDir()
	in := schemaOf("a", str)
	src := source(t, in, []string{`[{"a":"1"}]`})
	script := fmt.Sprintf(`echo $$ > %s/pid; yes row`, dir)
	op := newScript(t, src, defaultSpec(script), schemaOf("a", str))
	s, err := op.Execute(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Next()
	if err != nil {
		t.Fatal(err)
	}
	if b.NumRows() != DefaultBatchRows || b.Column(0).(*array.String).Value(0) != "row" {
		t.Errorf("first batch: %d rows", b.NumRows())
	}
	b.Release()
	pid := readPid(t, filepath.Join(dir, "pid"))
	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(20 * time.Second):
		t.Fatal("Close did not return")
	}
	if !gone(pid) {
		t.Errorf("process %d still runs after Close", pid)
	}
}

// scriptFailingSource gives one batch, then, once the file ready exists, an error.
type scriptFailingSource struct {
	memSource
	ready string
}

func (f *scriptFailingSource) Execute(ctx context.Context, p int) (Stream, error) {
	in, _ := f.memSource.Execute(ctx, p)
	sent := false
	return &funcStream{next: func() (arrow.RecordBatch, error) {
		if !sent {
			sent = true
			return in.Next()
		}
		for {
			if _, err := os.Stat(f.ready); err == nil {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		return nil, sparkerror.New(sparkerror.Arithmetic, "DIVIDE_BY_ZERO", "22012", "Division by zero.", nil)
	}, close: in.Close}, nil
}

// TestScriptTransformChildError: an error of the input fails the query (not the command's
// exit status), and the command, which would wait for more input, is killed.
func TestScriptTransformChildError(t *testing.T) {
	dir := t.TempDir()
	in := schemaOf("a", str)
	pidFile := filepath.Join(dir, "pid")
	src := &scriptFailingSource{*source(t, in, []string{`[{"a":"1"}]`}), pidFile}
	script := fmt.Sprintf(`echo $$ > %s.tmp; mv %[1]s.tmp %[1]s; cat`, pidFile)
	_, err := tryRows(context.Background(), newScript(t, src, defaultSpec(script), schemaOf("a", str)))
	var se *sparkerror.Error
	if !errors.As(err, &se) || se.Class != "DIVIDE_BY_ZERO" {
		t.Fatalf("got %v, want DIVIDE_BY_ZERO", err)
	}
	if !gone(readPid(t, pidFile)) {
		t.Error("command still runs")
	}
}

// TestScriptTransformEmptyPartition: no rows, no command.
func TestScriptTransformEmptyPartition(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ran")
	in := schemaOf("a", str)
	src := source(t, in, []string{`[]`})
	got := rows(t, newScript(t, src, defaultSpec("touch "+marker+"; echo x"), schemaOf("a", str)))
	if len(got) != 0 {
		t.Errorf("rows %v", got)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the command ran for an empty partition")
	}
}

// TestScriptTransformPartialRead: a command that stops reading early and exits 0 ends
// the partition without an error.
func TestScriptTransformPartialRead(t *testing.T) {
	in := schemaOf("a", str)
	var parts []string
	for i := 0; i < 50; i++ {
		var b strings.Builder
		b.WriteString("[")
		for j := 0; j < 2000; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"a":"%d-%d"}`, i, j)
		}
		b.WriteString("]")
		parts = append(parts, b.String())
	}
	src := source(t, in, parts)
	eqStrings(t, "rows", rows(t, newScript(t, src, defaultSpec("head -n 2"), schemaOf("a", str))), []string{"0-0", "0-1"})
}

func TestScriptTransformZeroColumns(t *testing.T) {
	empty := arrow.NewSchema(nil, nil)
	src := &memSource{schema: empty, parts: [][]arrow.RecordBatch{{array.NewRecordBatch(empty, nil, 2)}}}
	eqStrings(t, "rows", rows(t, newScript(t, src, defaultSpec("wc -l | tr -d ' '"), schemaOf("n", arrow.PrimitiveTypes.Int32))),
		[]string{"2"})
}

func TestScriptTransformInvalidUTF8(t *testing.T) {
	src := source(t, schemaOf("a", str), []string{`[{"a":"x"}]`})
	got := rows(t, newScript(t, src, defaultSpec(`cat >/dev/null; printf 'a\377b\n'`), schemaOf("a", str)))
	eqStrings(t, "rows", got, []string{"a\uFFFDb"})
}

func TestNewScriptTransformChecks(t *testing.T) {
	src := source(t, schemaOf("a", arrow.PrimitiveTypes.Int64), []string{`[{"a":1}]`})
	if _, err := NewScriptTransform(src, defaultSpec("cat"), schemaOf("a", str)); err == nil {
		t.Error("non-string input accepted")
	}
	strSrc := source(t, schemaOf("a", str), []string{`[{"a":"1"}]`})
	if _, err := NewScriptTransform(strSrc, defaultSpec("cat"), schemaOf("a", arrow.FixedWidthTypes.Date32)); err == nil {
		t.Error("date output accepted")
	}
	sl := defaultSpec("cat")
	sl.SchemaLess = true
	if _, err := NewScriptTransform(strSrc, sl, schemaOf("a", str)); err == nil {
		t.Error("schema-less output of one column accepted")
	}
}

func TestEncodeScriptTransform(t *testing.T) {
	in := schemaOf("a", str, "b", str)
	src := encValues(t, in, `[{"a":"1","b":"x"},{"a":null,"b":"y"}]`, `[{"a":"3","b":null}]`)
	spec := ScriptSpec{Script: "cat", InField: "@", InLine: "\n", InNull: "NULL", OutField: "@", OutNull: "NULL", ANSI: true}
	op := newScript(t, src, spec, schemaOf("a", arrow.PrimitiveTypes.Int32, "b", str))
	checkRoundTrip(t, op, false)
	back := roundTrip(t, op).(*ScriptTransform)
	if back.Spec() != spec {
		t.Errorf("spec after round trip %s, want %s", back.Spec(), spec)
	}
	sl := defaultSpec("cut -c1-3")
	sl.SchemaLess = true
	checkRoundTrip(t, newScript(t, src, sl, schemaOf("key", str, "value", str)), false)
}

// TestScriptTransformExitWithInputHeld: the command exits while a process it left behind
// holds its input without reading it; the run ends when the command exits, not when
// that process does.
func TestScriptTransformExitWithInputHeld(t *testing.T) {
	in := schemaOf("a", str)
	var parts []string
	for i := 0; i < 40; i++ {
		parts = append(parts, `[{"a":"`+strings.Repeat("y", 100_000)+`"}]`)
	}
	src := source(t, in, parts)
	start := time.Now()
	got := rows(t, newScript(t, src, defaultSpec(`sleep 5 <&0 >/dev/null 2>&1 & echo done`), schemaOf("a", str)))
	eqStrings(t, "rows", got, []string{"done"})
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("took %v", d)
	}
}

// BenchmarkScriptTransformCat measures a round trip of rows of two string columns through
// cat, parsed back as a BIGINT and a STRING.
func BenchmarkScriptTransformCat(b *testing.B) {
	in := schemaOf("a", str, "b", str)
	bld := array.NewRecordBuilder(arrowmem.DefaultAllocator, in)
	defer bld.Release()
	var batches []arrow.RecordBatch
	const n = 100_000
	for i := 0; i < n; i++ {
		bld.Field(0).(*array.StringBuilder).Append(strconv.Itoa(i))
		bld.Field(1).(*array.StringBuilder).Append("some text value")
		if (i+1)%8192 == 0 || i == n-1 {
			batches = append(batches, bld.NewRecordBatch())
		}
	}
	src := &memSource{schema: in, parts: [][]arrow.RecordBatch{batches}}
	op := newScript(b, src, defaultSpec("cat"), schemaOf("a", arrow.PrimitiveTypes.Int64, "b", str))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rowsOut := 0
		if err := Collect(context.Background(), op, func(r arrow.RecordBatch) error {
			rowsOut += int(r.NumRows())
			r.Release()
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if rowsOut != n {
			b.Fatalf("%d rows", rowsOut)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
}

// TestScriptTransformStreams: lines a command prints before it pauses are passed on
// without waiting for a full batch (a LIMIT above a slow command answers early), and a
// command that answers line by line gets each batch of input at once.
func TestScriptTransformStreams(t *testing.T) {
	src := source(t, schemaOf("a", str), []string{`[{"a":"x"}]`})
	op := newScript(t, src, defaultSpec(`read line; echo "got $line"; sleep 3; echo b`), schemaOf("a", str))
	s, err := op.Execute(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	b, err := s.Next()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	if d := time.Since(start); d > 2*time.Second || b.NumRows() != 1 || b.Column(0).(*array.String).Value(0) != "got x" {
		t.Errorf("first batch: %d rows after %v", b.NumRows(), d)
	}
}

// TestScriptTransformExitTimeout: a command that closes its output but does not exit is
// killed after the exit timeout, without an error (as Spark gives up waiting).
func TestScriptTransformExitTimeout(t *testing.T) {
	saved := scriptExitTimeout
	scriptExitTimeout = 300 * time.Millisecond
	defer func() { scriptExitTimeout = saved }()
	dir := t.TempDir()
	src := source(t, schemaOf("a", str), []string{`[{"a":"x"}]`})
	script := fmt.Sprintf(`echo $$ > %[1]s/pid.tmp; mv %[1]s/pid.tmp %[1]s/pid; echo out; exec >&- 2>&-; sleep 60`, dir)
	start := time.Now()
	got := rows(t, newScript(t, src, defaultSpec(script), schemaOf("a", str)))
	eqStrings(t, "rows", got, []string{"out"})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if !gone(readPid(t, filepath.Join(dir, "pid"))) {
		t.Error("the command still runs")
	}
}

package sink

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/physical"
	pformat "github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/physical/source"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// testPlan yields prepared batches per partition; a partition may fail after its batches
// or wait for a channel before its first batch.
type testPlan struct {
	schema *arrow.Schema
	parts  [][]arrow.RecordBatch
	fail   map[int]error
	wait   chan struct{}
}

func (p *testPlan) Schema() *arrow.Schema              { return p.schema }
func (p *testPlan) Partitions() int                    { return len(p.parts) }
func (p *testPlan) Children() []physical.ExecutionPlan { return nil }
func (p *testPlan) Describe() string                   { return "test" }
func (p *testPlan) Execute(ctx context.Context, i int) (physical.Stream, error) {
	return &testStream{ctx: ctx, p: p, i: i}, nil
}

type testStream struct {
	ctx context.Context
	p   *testPlan
	i   int
	n   int
}

func (s *testStream) Next() (arrow.RecordBatch, error) {
	if s.p.wait != nil {
		select {
		case <-s.p.wait:
		case <-s.ctx.Done():
			return nil, sparkerror.Canceled()
		}
	}
	if s.n < len(s.p.parts[s.i]) {
		b := s.p.parts[s.i][s.n]
		s.n++
		b.Retain()
		return b, nil
	}
	if err := s.p.fail[s.i]; err != nil {
		return nil, err
	}
	return nil, io.EOF
}
func (s *testStream) Close() {}

func mustSchema(t *testing.T, ddl string) *types.StructType {
	t.Helper()
	st, err := types.ParseTableSchema(ddl)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// rows builds a batch of the schema from rows of Go values (nil is NULL).
func batch(t *testing.T, st *types.StructType, rows ...[]any) arrow.RecordBatch {
	t.Helper()
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, r := range rows {
		for i, v := range r {
			switch fb := b.Field(i).(type) {
			case *array.Int32Builder:
				if v == nil {
					fb.AppendNull()
				} else {
					fb.Append(int32(v.(int)))
				}
			case *array.StringBuilder:
				if v == nil {
					fb.AppendNull()
				} else {
					fb.Append(v.(string))
				}
			default:
				t.Fatalf("test builder for %T", fb)
			}
		}
	}
	return b.NewRecordBatch()
}

func plan(t *testing.T, st *types.StructType, parts ...[]arrow.RecordBatch) *testPlan {
	schema, _ := types.ToArrowSchema(st)
	return &testPlan{schema: schema, parts: parts}
}

// readBack reads a written directory with the file source, rows sorted.
func readBack(t *testing.T, format, dir string, opts map[string]string) []string {
	t.Helper()
	tb, err := source.Open(format, []string{dir}, nil, opts)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	sc, err := tb.Scan(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	err = physical.Collect(context.Background(), sc, func(b arrow.RecordBatch) error {
		defer b.Release()
		rows, err := format_rows(b)
		out = append(out, rows...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return append([]string{tb.Schema().SimpleString()}, out...)
}

func format_rows(b arrow.RecordBatch) ([]string, error) {
	rows, err := pformat.FormatRows([]arrow.RecordBatch{b}, int(b.NumRows()), pformat.Options{})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, "|")
	}
	return out, nil
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func errClass(err error) string {
	if e, ok := sparkerror.As(err); ok {
		return e.Class
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestWriteFormatsRoundTrip(t *testing.T) {
	st := mustSchema(t, "id INT, name STRING")
	for _, tc := range []struct {
		format string
		opts   map[string]string
		ext    string
		want   []string
	}{
		{"parquet", nil, ".snappy.parquet", []string{"struct<id:int,name:string>", "1|a", "2|NULL", "3|x,y"}},
		{"parquet", map[string]string{"compression": "none"}, "-c000.parquet", []string{"struct<id:int,name:string>", "1|a", "2|NULL", "3|x,y"}},
		{"csv", map[string]string{"header": "true"}, ".csv", []string{"struct<id:int,name:string>", "1|a", "2|NULL", "3|x,y"}},
		{"json", nil, ".json", []string{"struct<id:bigint,name:string>", "1|a", "2|NULL", "3|x,y"}},
		{"csv", map[string]string{"compression": "gzip"}, ".csv.gz", []string{"struct<_c0:int,_c1:string>", "1|a", "2|NULL", "3|x,y"}},
	} {
		t.Run(tc.format+tc.ext, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			p := plan(t, st, []arrow.RecordBatch{batch(t, st, []any{1, "a"}, []any{2, nil})}, []arrow.RecordBatch{batch(t, st, []any{3, "x,y"})})
			res, err := Write(context.Background(), p, Job{Path: dir, Format: tc.format, Options: tc.opts, Schema: st})
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != 3 || len(res.Files) != 2 {
				t.Fatalf("result %+v", res)
			}
			files := listFiles(t, dir)
			if len(files) != 3 || files[0] != "_SUCCESS" {
				t.Fatalf("files %v", files)
			}
			for _, f := range files[1:] {
				if !strings.HasPrefix(f, "part-0000") || !strings.HasSuffix(f, tc.ext) {
					t.Errorf("file name %s, want part-0000N-<uuid>-c000%s", f, tc.ext)
				}
			}
			ropts := map[string]string{"inferSchema": "true"}
			for k, v := range tc.opts {
				if k == "header" {
					ropts[k] = v
				}
			}
			if got := readBack(t, tc.format, dir, ropts); !slices.Equal(got, tc.want) {
				t.Errorf("read back %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWriteCSVAndTextContent(t *testing.T) {
	st := mustSchema(t, "id INT, name STRING")
	dir := filepath.Join(t.TempDir(), "csv")
	p := plan(t, st, []arrow.RecordBatch{batch(t, st, []any{1, ""}, []any{nil, `say "hi"`}, []any{3, "a\nb"})})
	if _, err := Write(context.Background(), p, Job{Path: dir, Format: "csv", Options: map[string]string{"header": "true"}, Schema: st}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, listFiles(t, dir)[1]))
	want := "id,name\n1,\"\"\n,\"say \\\"hi\\\"\"\n3,\"a\nb\"\n"
	if string(data) != want {
		t.Errorf("csv %q, want %q", data, want)
	}

	ts := mustSchema(t, "value STRING")
	tdir := filepath.Join(t.TempDir(), "text")
	p = plan(t, ts, []arrow.RecordBatch{batch(t, ts, []any{"a"}, []any{"b c"})})
	if _, err := Write(context.Background(), p, Job{Path: tdir, Format: "text", Schema: ts}); err != nil {
		t.Fatal(err)
	}
	files := listFiles(t, tdir)
	data, _ = os.ReadFile(filepath.Join(tdir, files[1]))
	if string(data) != "a\nb c\n" || !strings.HasSuffix(files[1], "-c000.txt") {
		t.Errorf("text %s: %q", files[1], data)
	}
	_, err := Write(context.Background(), plan(t, st), Job{Path: tdir + "2", Format: "text", Schema: st})
	if errClass(err) != "_LEGACY_ERROR_TEMP_1290" {
		t.Errorf("text with two columns: %v", err)
	}
}

func TestWritePartitionBy(t *testing.T) {
	st := mustSchema(t, "id INT, p STRING, q INT")
	dir := filepath.Join(t.TempDir(), "parts")
	p := plan(t, st,
		[]arrow.RecordBatch{batch(t, st, []any{1, "a", 1}, []any{2, "b/c", 1}, []any{3, nil, 2})},
		[]arrow.RecordBatch{batch(t, st, []any{4, "a", 1}, []any{5, "", 2})})
	res, err := Write(context.Background(), p, Job{Path: dir, Format: "parquet", PartitionBy: []string{"P", "q"}, Schema: st})
	if err != nil {
		t.Fatal(err)
	}
	wantParts := []string{"p=__HIVE_DEFAULT_PARTITION__/q=2", "p=a/q=1", "p=b%2Fc/q=1"}
	if !slices.Equal(res.Partitions, wantParts) {
		t.Errorf("partitions %v, want %v", res.Partitions, wantParts)
	}
	dirs, err := PartitionDirs(dir, []string{"p", "q"})
	if err != nil {
		t.Fatal(err)
	}
	var rendered []string
	for _, d := range dirs {
		var parts []string
		for _, v := range d {
			if v == nil {
				parts = append(parts, "NULL")
			} else {
				parts = append(parts, *v)
			}
		}
		rendered = append(rendered, strings.Join(parts, ","))
	}
	slices.Sort(rendered)
	if !slices.Equal(rendered, []string{"NULL,2", "a,1", "b/c,1"}) {
		t.Errorf("partition dirs %v", rendered)
	}
	want := []string{"struct<id:int,p:string,q:int>", "1|a|1", "2|b/c|1", "3|NULL|2", "4|a|1", "5|NULL|2"}
	if got := readBack(t, "parquet", dir, nil); !slices.Equal(got, want) {
		t.Errorf("read back %v, want %v", got, want)
	}
	for _, tc := range []struct {
		parts []string
		class string
	}{
		{[]string{"nope"}, "_LEGACY_ERROR_TEMP_1155"},
		{[]string{"id", "p", "q"}, "ALL_PARTITION_COLUMNS_NOT_ALLOWED"},
		{[]string{"p", "P"}, "COLUMN_ALREADY_EXISTS"},
	} {
		_, err := Write(context.Background(), plan(t, st), Job{Path: dir + "x", Format: "parquet", PartitionBy: tc.parts, Schema: st})
		if errClass(err) != tc.class {
			t.Errorf("partitionBy %v: %v, want %s", tc.parts, err, tc.class)
		}
	}
}

func TestWriteModesAndMaxRecords(t *testing.T) {
	st := mustSchema(t, "id INT")
	dir := filepath.Join(t.TempDir(), "m")
	rows := func(ids ...int) *testPlan {
		var rs [][]any
		for _, id := range ids {
			rs = append(rs, []any{id})
		}
		return plan(t, st, []arrow.RecordBatch{batch(t, st, rs...)})
	}
	job := Job{Path: dir, Format: "parquet", Schema: st}
	if _, err := Write(context.Background(), rows(1, 2, 3, 4, 5), Job{Path: dir, Format: "parquet", Schema: st, Options: map[string]string{"maxRecordsPerFile": "2"}}); err != nil {
		t.Fatal(err)
	}
	files := listFiles(t, dir)
	if len(files) != 4 || !strings.Contains(files[1], "-c000.") || !strings.Contains(files[3], "-c002.") {
		t.Errorf("maxRecordsPerFile files %v", files)
	}
	if _, err := Write(context.Background(), rows(9), job); errClass(err) != "PATH_ALREADY_EXISTS" {
		t.Errorf("errorifexists: %v", err)
	} else if !strings.Contains(err.Error(), "file:"+dir) {
		t.Errorf("message %v", err)
	}
	job.Mode = Ignore
	if res, err := Write(context.Background(), rows(9), job); err != nil || !res.Skipped {
		t.Errorf("ignore: %v %+v", err, res)
	}
	job.Mode = Append
	if _, err := Write(context.Background(), rows(6), job); err != nil {
		t.Fatal(err)
	}
	if got := readBack(t, "parquet", dir, nil); len(got) != 7 || got[6] != "6" {
		t.Errorf("append: %v", got)
	}
	job.Mode = Overwrite
	if _, err := Write(context.Background(), rows(7), job); err != nil {
		t.Fatal(err)
	}
	if got := readBack(t, "parquet", dir, nil); !slices.Equal(got, []string{"struct<id:int>", "7"}) {
		t.Errorf("overwrite: %v", got)
	}
	if _, err := ParseMode("sideways"); errClass(err) != "INVALID_SAVE_MODE" {
		t.Errorf("bad mode: %v", err)
	}
}

func TestWriteFailureLeavesDataIntact(t *testing.T) {
	st := mustSchema(t, "id INT")
	root := t.TempDir()
	dir := filepath.Join(root, "t")
	if _, err := Write(context.Background(), plan(t, st, []arrow.RecordBatch{batch(t, st, []any{1})}), Job{Path: dir, Format: "csv", Schema: st}); err != nil {
		t.Fatal(err)
	}
	before := listFiles(t, dir)
	for _, mode := range []Mode{Overwrite, Append} {
		p := plan(t, st, []arrow.RecordBatch{batch(t, st, []any{2})}, []arrow.RecordBatch{batch(t, st, []any{3})})
		p.fail = map[int]error{1: errors.New("boom")}
		if _, err := Write(context.Background(), p, Job{Path: dir, Format: "csv", Schema: st, Mode: mode}); err == nil || err.Error() != "boom" {
			t.Fatalf("mode %d: %v", mode, err)
		}
		if got := listFiles(t, dir); !slices.Equal(got, before) {
			t.Errorf("mode %d: files %v, want %v", mode, got, before)
		}
	}
	// Cancelling mid-write.
	ctx, cancel := context.WithCancel(context.Background())
	p := plan(t, st, []arrow.RecordBatch{batch(t, st, []any{2})})
	p.wait = make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := Write(ctx, p, Job{Path: dir, Format: "csv", Schema: st, Mode: Overwrite})
		done <- err
	}()
	// A concurrent write to the same path is refused while the first runs.
	for {
		if _, busy := active.Load(dir); busy {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := Write(context.Background(), plan(t, st), Job{Path: dir, Format: "csv", Schema: st, Mode: Append}); errClass(err) != "CONCURRENT_WRITE" {
		t.Errorf("concurrent write: %v", err)
	}
	cancel()
	if err := <-done; errClass(err) != "OPERATION_CANCELED" {
		t.Errorf("cancelled write: %v", err)
	}
	entries, _ := os.ReadDir(root)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"t"}) {
		t.Errorf("left behind %v", names)
	}
	if got := readBack(t, "csv", dir, nil); len(got) < 2 || got[1] != "1" {
		t.Errorf("data after cancel: %v", got)
	}
}

func TestEscapePathName(t *testing.T) {
	for in, want := range map[string]string{"a b": "a b", "a/b": "a%2Fb", "x=1:2": "x%3D1%3A2", "%": "%25", "é": "é", "a\nb": "a%0Ab"} {
		if got := EscapePathName(in); got != want {
			t.Errorf("escape %q = %q, want %q", in, got, want)
		}
		if back := UnescapePathName(want); back != in {
			t.Errorf("unescape %q = %q, want %q", want, back, in)
		}
	}
}

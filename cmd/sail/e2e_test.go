package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/google/uuid"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// sailBinary builds the real binary once per test run.
func sailBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sail-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "sail")
		out, err := exec.Command("go", "build", "-race", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

type serverProc struct {
	cmd  *exec.Cmd
	addr string
	logs *strings.Builder
	mu   sync.Mutex
}

// launch runs `sail spark server --port 0` and waits for its address line.
func launch(t *testing.T, extra ...string) *serverProc {
	t.Helper()
	args := append([]string{"spark", "server", "--port", "0", "--time-zone", "UTC", "--warehouse", t.TempDir()}, extra...)
	cmd := exec.Command(sailBinary(t), args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &serverProc{cmd: cmd, logs: &strings.Builder{}}
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.logs.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
		}
	}()
	addrCh := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "Spark Connect server listening on "); ok {
				addrCh <- a
			}
		}
	}()
	select {
	case p.addr = <-addrCh:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("server did not start")
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		if t.Failed() {
			p.mu.Lock()
			t.Logf("server log:\n%s", p.logs.String())
			p.mu.Unlock()
		}
	})
	return p
}

func dial(t *testing.T, p *serverProc) *client.Client {
	t.Helper()
	c, err := client.Dial(p.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func sqlRel(q string) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{Query: q}}}
}

func rangeRel(start, end, step int64, parts *int32) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_Range{Range: &connectpb.Range{Start: &start, End: end, Step: step, NumPartitions: parts}}}
}

func showRel(in *connectpb.Relation, n, truncate int32, vertical bool) *connectpb.Relation {
	return &connectpb.Relation{RelType: &connectpb.Relation_ShowString{ShowString: &connectpb.ShowString{Input: in, NumRows: n, Truncate: truncate, Vertical: vertical}}}
}

// showText runs a ShowString relation and returns the text.
func showText(t *testing.T, c *client.Client, rel *connectpb.Relation) string {
	t.Helper()
	res, err := c.Collect(ctxT(t), rel)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	if res.Rows() != 1 {
		t.Fatalf("show answered %d rows", res.Rows())
	}
	return res.Batches[0].Column(0).(*array.String).Value(0)
}

func expectError(t *testing.T, err error, class string) *client.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("expected error %s, got success", class)
	}
	e := client.AsError(err)
	if e == nil {
		t.Fatalf("expected error %s, got a non-gRPC error %v", class, err)
	}
	if e.ErrorClass != class {
		t.Fatalf("expected error class %s, got %s (%s)", class, e.ErrorClass, e.Message)
	}
	return e
}

func TestSQLLiteralsShowCollectSchema(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	rel, err := c.SQL(ctx, "select 1 as a, 'x' as b")
	if err != nil {
		t.Fatal(err)
	}
	want := "+---+---+\n|  a|  b|\n+---+---+\n|  1|  x|\n+---+---+\n"
	if got := showText(t, c, showRel(rel, 20, 20, false)); got != want {
		t.Fatalf("show:\n%s\nwant:\n%s", got, want)
	}
	res, err := c.Collect(ctx, rel)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	if res.Rows() != 1 || res.ArrowSchema.String() != "schema:\n  fields: 2\n    - a: type=int32\n    - b: type=utf8" {
		t.Fatalf("collect: %d rows, schema %v", res.Rows(), res.ArrowSchema)
	}
	b := res.Batches[0]
	if b.Column(0).(*array.Int32).Value(0) != 1 || b.Column(1).(*array.String).Value(0) != "x" {
		t.Fatalf("collect values: %v", b)
	}
	if st := res.Schema.GetStruct(); st == nil || len(st.Fields) != 2 || st.Fields[0].GetName() != "a" || st.Fields[0].GetDataType().GetInteger() == nil {
		t.Fatalf("schema response: %v", res.Schema)
	}
	tree, err := c.Analyze(ctx, &connectpb.AnalyzePlanRequest{Analyze: &connectpb.AnalyzePlanRequest_TreeString_{
		TreeString: &connectpb.AnalyzePlanRequest_TreeString{Plan: &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: rel}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := tree.GetTreeString().GetTreeString(); got != "root\n |-- a: integer (nullable = false)\n |-- b: string (nullable = false)\n" {
		t.Fatalf("tree string %q", got)
	}
	// Auto-generated names and arithmetic.
	rel2, err := c.SQL(ctx, "SELECT 1 + 2, 7 / 2, 'x', -5, NULL, 2147483647L * 2")
	if err != nil {
		t.Fatal(err)
	}
	want2 := "+-------+-------+---+---+----+----------------+\n" +
		"|(1 + 2)|(7 / 2)|  x| -5|NULL|(2147483647 * 2)|\n" +
		"+-------+-------+---+---+----+----------------+\n" +
		"|      3|    3.5|  x| -5|NULL|      4294967294|\n" +
		"+-------+-------+---+---+----+----------------+\n"
	if got2 := showText(t, c, showRel(rel2, 20, 20, false)); got2 != want2 {
		t.Fatalf("show:\n%s\nwant:\n%s", got2, want2)
	}
	// ANSI mode (the default) turns integer overflow into Spark's error, at spark.sql() time
	// for analysis errors and at collect time for runtime ones.
	over, err := c.SQL(ctx, "SELECT 2147483647 + 1")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Collect(ctx, over)
	if e := expectError(t, err, "ARITHMETIC_OVERFLOW"); e.SQLState != "22003" {
		t.Fatalf("overflow error %+v", e)
	}
}

func TestRangeAndVersion(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	three := int32(3)
	res, err := c.Collect(ctx, rangeRel(0, 100000, 7, &three))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	var next int64
	for _, b := range res.Batches {
		col := b.Column(0).(*array.Int64)
		for i := 0; i < col.Len(); i++ {
			if col.Value(i) != next {
				t.Fatalf("row %d = %d, want %d", next/7, col.Value(i), next)
			}
			next += 7
		}
	}
	if next != 100002 { // 14286 rows: 0, 7, ..., 99995
		t.Fatalf("range ended at %d", next)
	}
	v, err := c.Analyze(ctx, &connectpb.AnalyzePlanRequest{Analyze: &connectpb.AnalyzePlanRequest_SparkVersion_{SparkVersion: &connectpb.AnalyzePlanRequest_SparkVersion{}}})
	if err != nil || v.GetSparkVersion().GetVersion() != "4.0.0" {
		t.Fatalf("version %v %v", v, err)
	}
	// An empty range still sends one batch, so the client learns the schema.
	empty, err := c.Collect(ctx, rangeRel(5, 5, 1, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Release()
	if empty.Rows() != 0 || empty.ArrowSchema == nil || empty.ArrowSchema.Field(0).Name != "id" {
		t.Fatalf("empty range: rows=%d schema=%v", empty.Rows(), empty.ArrowSchema)
	}
}

func TestLargeResultIsSplitUnderTheMessageLimit(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	res, err := c.Collect(ctxT(t), rangeRel(0, 2_000_000, 1, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	if res.Rows() != 2_000_000 {
		t.Fatalf("rows %d", res.Rows())
	}
	for _, r := range res.Responses {
		if b := r.GetArrowBatch(); b != nil && len(b.GetData()) > 4<<20 {
			t.Fatalf("an Arrow batch of %d bytes exceeds 4 MiB", len(b.GetData()))
		}
	}
}

func TestConfig(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	get := func(keys ...string) (*connectpb.ConfigResponse, error) {
		return c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Get{Get: &connectpb.ConfigRequest_Get{Keys: keys}}})
	}
	r, err := get("spark.sql.session.timeZone", "spark.sql.ansi.enabled", "spark.sql.execution.arrow.pyspark.enabled")
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs[0].GetValue() != "UTC" || r.Pairs[1].GetValue() != "true" || r.Pairs[2].GetValue() != "false" {
		t.Fatalf("defaults: %v", r.Pairs)
	}
	_, err = get("spark.no.such.key")
	e := expectError(t, err, "SQL_CONF_NOT_FOUND")
	if e.SQLState != "42K0I" || !strings.Contains(strings.Join(e.Classes, ","), "java.util.NoSuchElementException") {
		t.Fatalf("error %+v", e)
	}
	v := "false"
	if _, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Set{Set: &connectpb.ConfigRequest_Set{
		Pairs: []*connectpb.KeyValue{{Key: "spark.sql.ansi.enabled", Value: &v}}}}}); err != nil {
		t.Fatal(err)
	}
	if r, _ := get("spark.sql.ansi.enabled"); r.Pairs[0].GetValue() != "false" {
		t.Fatalf("after set: %v", r.Pairs)
	}
	prefix := "spark.sql.ansi"
	all, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_GetAll{GetAll: &connectpb.ConfigRequest_GetAll{Prefix: &prefix}}})
	// As in Spark, GetAll with a prefix answers the keys with the prefix cut off.
	if err != nil || len(all.Pairs) != 1 || all.Pairs[0].GetKey() != ".enabled" {
		t.Fatalf("get all: %v %v", all, err)
	}
	mod, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_IsModifiable{IsModifiable: &connectpb.ConfigRequest_IsModifiable{
		Keys: []string{"spark.sql.ansi.enabled", "spark.sql.warehouse.dir"}}}})
	if err != nil || mod.Pairs[0].GetValue() != "true" || mod.Pairs[1].GetValue() != "false" {
		t.Fatalf("is modifiable: %v %v", mod, err)
	}
	if _, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Unset{Unset: &connectpb.ConfigRequest_Unset{Keys: []string{"spark.sql.ansi.enabled"}}}}); err != nil {
		t.Fatal(err)
	}
	if r, _ := get("spark.sql.ansi.enabled"); r.Pairs[0].GetValue() != "true" {
		t.Fatalf("after unset: %v", r.Pairs)
	}
	// Another session does not see this session's settings.
	c2 := dial(t, p)
	if _, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Set{Set: &connectpb.ConfigRequest_Set{
		Pairs: []*connectpb.KeyValue{{Key: "spark.sql.ansi.enabled", Value: &v}}}}}); err != nil {
		t.Fatal(err)
	}
	r2, err := c2.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Get{Get: &connectpb.ConfigRequest_Get{Keys: []string{"spark.sql.ansi.enabled"}}}})
	if err != nil || r2.Pairs[0].GetValue() != "true" {
		t.Fatalf("session isolation: %v %v", r2, err)
	}
}

// TestBadInputKeepsTheSessionUsable sends malformed and hostile requests; each gets a
// clear error and the session answers the next query.
func TestBadInputKeepsTheSessionUsable(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	ok := func() {
		t.Helper()
		res, err := c.Collect(ctx, rangeRel(0, 3, 1, nil))
		if err != nil {
			t.Fatalf("session unusable after bad input: %v", err)
		}
		if res.Rows() != 3 {
			t.Fatalf("rows %d", res.Rows())
		}
		res.Release()
	}
	// A syntax error, with Spark's class and the parser's exception type.
	_, err := c.SQL(ctx, "SELEC 1")
	e := expectError(t, err, "PARSE_SYNTAX_ERROR")
	if e.SQLState != "42601" || e.Classes[0] != "org.apache.spark.sql.catalyst.parser.ParseException" {
		t.Fatalf("parse error %+v", e)
	}
	ok()
	// An unknown column.
	_, err = c.Collect(ctx, &connectpb.Relation{RelType: &connectpb.Relation_Project{Project: &connectpb.Project{
		Input: rangeRel(0, 1, 1, nil),
		Expressions: []*connectpb.Expression{{ExprType: &connectpb.Expression_UnresolvedAttribute_{
			UnresolvedAttribute: &connectpb.Expression_UnresolvedAttribute{UnparsedIdentifier: "idd"}}}},
	}}})
	e = expectError(t, err, "UNRESOLVED_COLUMN.WITH_SUGGESTION")
	if e.Params["proposal"] != "`id`" {
		t.Fatalf("suggestion %v", e.Params)
	}
	ok()
	// A relation with no type (an unknown relation type from a newer client looks so).
	_, err = c.Collect(ctx, &connectpb.Relation{})
	expectError(t, err, "INVALID_PLAN_INPUT")
	ok()
	// A plan with neither root nor command.
	_, err = c.Execute(ctx, &connectpb.Plan{})
	expectError(t, err, "INVALID_PLAN_INPUT")
	ok()
	// A relation type that exists but is not implemented answers UNIMPLEMENTED.
	_, err = c.Collect(ctx, &connectpb.Relation{RelType: &connectpb.Relation_FreqItems{FreqItems: &connectpb.StatFreqItems{Input: rangeRel(0, 1, 1, nil), Cols: []string{"id"}}}})
	e = expectError(t, err, "NOT_IMPLEMENTED")
	if e.Code != "Unimplemented" {
		t.Fatalf("code %s", e.Code)
	}
	ok()
	// Missing required fields: range with a zero step, a local relation with neither data
	// nor schema, garbage Arrow data.
	_, err = c.Collect(ctx, rangeRel(0, 10, 0, nil))
	expectError(t, err, "FAILED_FUNCTION_CALL")
	_, err = c.Collect(ctx, &connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{}}})
	expectError(t, err, "INVALID_PLAN_INPUT")
	ok()
	// A 100 MB request: garbage Arrow data in a local relation. It is read and refused.
	big := make([]byte, 100<<20)
	for i := range big {
		big[i] = byte(i * 31)
	}
	_, err = c.Collect(ctx, &connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{Data: big}}})
	expectError(t, err, "INVALID_PLAN_INPUT")
	ok()
	// Over the server's limit (128 MiB, Spark's default): gRPC refuses it.
	huge := make([]byte, 130<<20)
	_, err = c.Collect(ctx, &connectpb.Relation{RelType: &connectpb.Relation_LocalRelation{LocalRelation: &connectpb.LocalRelation{Data: huge}}})
	if e := client.AsError(err); e == nil || e.Code != "ResourceExhausted" {
		t.Fatalf("130 MiB request: %v", err)
	}
	ok()
	// Reattach to an unknown operation.
	stream, err := c.RPC().ReattachExecute(ctx, &connectpb.ReattachExecuteRequest{SessionId: c.SessionID, UserContext: c.User(), OperationId: uuid.NewString()})
	if err == nil {
		_, err = stream.Recv()
	}
	expectError(t, err, "INVALID_HANDLE.OPERATION_NOT_FOUND")
	ok()
	// A session id that is not a UUID.
	_, err = c.RPC().Config(ctx, &connectpb.ConfigRequest{SessionId: "nope", UserContext: c.User(),
		Operation: &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_GetAll{GetAll: &connectpb.ConfigRequest_GetAll{}}}})
	expectError(t, err, "INVALID_HANDLE.FORMAT")
	// The details of an error can be fetched by its id.
	_, err = c.SQL(ctx, "SELECT 1 +")
	e = expectError(t, err, "PARSE_SYNTAX_ERROR")
	if e.ErrorID == "" {
		t.Fatal("no errorId")
	}
	d, derr := c.RPC().FetchErrorDetails(ctx, &connectpb.FetchErrorDetailsRequest{SessionId: c.SessionID, UserContext: c.User(), ErrorId: e.ErrorID})
	if derr != nil || len(d.Errors) != 1 || d.Errors[0].GetSparkThrowable().GetErrorClass() != "PARSE_SYNTAX_ERROR" {
		t.Fatalf("error details %v %v", d, derr)
	}
	ok()
}

func TestReattachReleaseInterrupt(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	// Read part of a large result, drop the stream, reattach after the last response seen.
	opID := uuid.NewString()
	req := &connectpb.ExecutePlanRequest{SessionId: c.SessionID, UserContext: c.User(), OperationId: &opID,
		Plan: &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: rangeRel(0, 1_000_000, 1, nil)}}}
	sctx, cancel := context.WithCancel(ctx)
	stream, err := c.RPC().ExecutePlan(sctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var rows int64
	var last string
	for i := 0; i < 3; i++ {
		r, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		last = r.GetResponseId()
		rows += r.GetArrowBatch().GetRowCount()
		if r.GetOperationId() != opID || r.GetSessionId() != c.SessionID || r.GetServerSideSessionId() == "" {
			t.Fatalf("response ids: %v", r)
		}
	}
	cancel()
	// A second ExecutePlan with the same operation id is refused.
	dup, err := c.RPC().ExecutePlan(ctx, req)
	if err == nil {
		_, err = dup.Recv()
	}
	expectError(t, err, "INVALID_HANDLE.OPERATION_ALREADY_EXISTS")
	stream2, err := c.RPC().ReattachExecute(ctx, &connectpb.ReattachExecuteRequest{SessionId: c.SessionID, UserContext: c.User(), OperationId: opID, LastResponseId: &last})
	if err != nil {
		t.Fatal(err)
	}
	complete := false
	for {
		r, err := stream2.Recv()
		if err != nil {
			break
		}
		rows += r.GetArrowBatch().GetRowCount()
		if r.GetResultComplete() != nil {
			complete = true
		}
	}
	if !complete || rows != 1_000_000 {
		t.Fatalf("after reattach: complete=%v rows=%d", complete, rows)
	}
	if _, err := c.RPC().ReleaseExecute(ctx, &connectpb.ReleaseExecuteRequest{SessionId: c.SessionID, UserContext: c.User(), OperationId: opID,
		Release: &connectpb.ReleaseExecuteRequest_ReleaseAll_{ReleaseAll: &connectpb.ReleaseExecuteRequest_ReleaseAll{}}}); err != nil {
		t.Fatal(err)
	}
	stream3, err := c.RPC().ReattachExecute(ctx, &connectpb.ReattachExecuteRequest{SessionId: c.SessionID, UserContext: c.User(), OperationId: opID})
	if err == nil {
		_, err = stream3.Recv()
	}
	expectError(t, err, "INVALID_HANDLE.OPERATION_NOT_FOUND")

	// Interrupt by tag: a huge range whose reader stops reading stays blocked on its buffer
	// until the interrupt cancels it.
	op2 := uuid.NewString()
	s4, err := c.RPC().ExecutePlan(ctx, &connectpb.ExecutePlanRequest{SessionId: c.SessionID, UserContext: c.User(), OperationId: &op2, Tags: []string{"slow"},
		Plan: &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: rangeRel(0, 1<<40, 1, nil)}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s4.Recv(); err != nil {
		t.Fatal(err)
	}
	ir, err := c.RPC().Interrupt(ctx, &connectpb.InterruptRequest{SessionId: c.SessionID, UserContext: c.User(),
		InterruptType: connectpb.InterruptRequest_INTERRUPT_TYPE_TAG, Interrupt: &connectpb.InterruptRequest_OperationTag{OperationTag: "slow"}})
	if err != nil || len(ir.InterruptedIds) != 1 || ir.InterruptedIds[0] != op2 {
		t.Fatalf("interrupt: %v %v", ir, err)
	}
	for {
		_, err = s4.Recv()
		if err != nil {
			break
		}
	}
	expectError(t, err, "OPERATION_CANCELED")
	// The session goes on.
	res, err := c.Collect(ctx, rangeRel(0, 2, 1, nil))
	if err != nil || res.Rows() != 2 {
		t.Fatalf("after interrupt: %v", err)
	}
	res.Release()
}

func TestReleaseSessionAndShutdown(t *testing.T) {
	p := launch(t)
	c := dial(t, p)
	ctx := ctxT(t)
	if _, err := c.Collect(ctx, rangeRel(0, 1, 1, nil)); err != nil {
		t.Fatal(err)
	}
	if err := c.ReleaseSession(ctx); err != nil {
		t.Fatal(err)
	}
	_, err := c.Collect(ctx, rangeRel(0, 1, 1, nil))
	expectError(t, err, "INVALID_HANDLE.SESSION_CLOSED")
	// A running query does not stop a clean shutdown on SIGTERM.
	c2 := dial(t, p)
	op := uuid.NewString()
	s, err := c2.RPC().ExecutePlan(ctx, &connectpb.ExecutePlanRequest{SessionId: c2.SessionID, UserContext: c2.User(), OperationId: &op,
		Plan: &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: rangeRel(0, 1<<40, 1, nil)}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Recv(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server exited with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop within 20 s of SIGTERM")
	}
	t.Logf("shutdown took %v", time.Since(start))
}

func TestIdleSessionExpires(t *testing.T) {
	p := launch(t, "--session-timeout", "1s")
	c := dial(t, p)
	ctx := ctxT(t)
	if _, err := c.Collect(ctx, rangeRel(0, 1, 1, nil)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2500 * time.Millisecond)
	_, err := c.Collect(ctx, rangeRel(0, 1, 1, nil))
	expectError(t, err, "INVALID_HANDLE.SESSION_CLOSED")
}

func TestCommandLine(t *testing.T) {
	bin := sailBinary(t)
	out, err := exec.Command(bin, "nonsense").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Usage:") {
		t.Fatalf("unknown command: %v %s", err, out)
	}
	out, err = exec.Command(bin, "spark", "server", "--port", "notanumber").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "port") {
		t.Fatalf("bad flag: %v %s", err, out)
	}
	// Settings from the environment and from a YAML file, defined once.
	dir := t.TempDir()
	file := filepath.Join(dir, "sail.yaml")
	os.WriteFile(file, []byte("server:\n  port: 0\nsession:\n  time_zone: Asia/Tokyo\n"), 0o600)
	cmd := exec.Command(bin, "spark", "server", "--config", file)
	cmd.Env = append(os.Environ(), "SAIL_SERVER__IP=127.0.0.1")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	sc := bufio.NewScanner(stdout)
	var addr string
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "Spark Connect server listening on "); ok {
			addr = a
			break
		}
	}
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("address %q", addr)
	}
	c, err := client.Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r, err := c.Config(ctxT(t), &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Get{Get: &connectpb.ConfigRequest_Get{Keys: []string{"spark.sql.session.timeZone"}}}})
	if err != nil || r.Pairs[0].GetValue() != "Asia/Tokyo" {
		t.Fatalf("time zone from YAML: %v %v", r, err)
	}
}

func TestQueriesSpillUnderASmallMemoryLimit(t *testing.T) {
	spill := t.TempDir()
	p := launch(t, "--memory-limit", "16m", "--spill-dir", spill)
	c := dial(t, p)
	// An aggregate into 1M groups, a DISTINCT aggregate over 1M values, a sort of 2M rows
	// and a join building 1M rows each hold far more than 16 MiB.
	for _, c2 := range []struct{ query, want string }{
		{"SELECT count(DISTINCT id), max(DISTINCT id) FROM range(0, 1000000)", "1000000 999999"},
		{"SELECT count(*), sum(c) FROM (SELECT id % 1000000 AS k, count(*) AS c FROM range(0, 2000000) GROUP BY k)", "1000000 2000000"},
		{"SELECT id FROM (SELECT id FROM range(0, 2000000) ORDER BY id DESC) LIMIT 1", "1999999"},
		{"SELECT count(*) FROM range(0, 1000000) a JOIN range(0, 1000000) b ON a.id = b.id", "1000000"},
	} {
		res, err := c.Collect(ctxT(t), sqlRel(c2.query))
		if err != nil {
			t.Fatalf("%s: %v", c2.query, err)
		}
		var got []string
		for i := 0; i < int(res.Batches[0].NumCols()); i++ {
			got = append(got, res.Batches[0].Column(i).ValueStr(0))
		}
		res.Release()
		if strings.Join(got, " ") != c2.want {
			t.Errorf("%s = %v, want %s", c2.query, got, c2.want)
		}
	}
	// Each query removes its spill files when it ends.
	left, err := os.ReadDir(spill)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("spill directory keeps %d entries after the queries", len(left))
	}
}

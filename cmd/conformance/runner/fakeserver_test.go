package runner

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/uuid"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/transport/arrowbatch"
)

// The runner's handling of crashes and timeouts is tested against a stand-in server: this
// test binary, started with fakeServerEnv set, serves a scripted Spark Connect service.
const fakeServerEnv = "SAIL_CONFORMANCE_FAKE_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(fakeServerEnv) == "1" {
		runFakeServer()
		return
	}
	os.Exit(m.Run())
}

// runFakeServer answers like `sail spark server`: "select 1" returns one int, "fail"
// raises DIVIDE_BY_ZERO, "crash" exits the process, "hang" waits for cancellation and "hang
// hard" ignores it (and stalls every later request).
func runFakeServer() {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := grpc.NewServer()
	connectpb.RegisterSparkConnectServiceServer(srv, &fakeService{serverSide: uuid.NewString()})
	fmt.Println(listeningPrefix + lis.Addr().String())
	_ = srv.Serve(lis)
}

type fakeService struct {
	connectpb.UnimplementedSparkConnectServiceServer
	serverSide string
	stalled    atomic.Bool
}

func (f *fakeService) stall() {
	if f.stalled.Load() {
		select {}
	}
}

func (f *fakeService) ExecutePlan(req *connectpb.ExecutePlanRequest, stream grpc.ServerStreamingServer[connectpb.ExecutePlanResponse]) error {
	f.stall()
	n := 0
	send := func(r *connectpb.ExecutePlanResponse) error {
		n++
		r.SessionId, r.ServerSideSessionId, r.OperationId = req.GetSessionId(), f.serverSide, req.GetOperationId()
		r.ResponseId = fmt.Sprint(n)
		return stream.Send(r)
	}
	complete := &connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_ResultComplete_{}}
	if cmd := req.GetPlan().GetCommand(); cmd != nil {
		if cmd.GetSqlCommand() == nil {
			return status.Error(codes.Unimplemented, "not in the script")
		}
		q := cmd.GetSqlCommand().GetInput().GetSql().GetQuery()
		switch q {
		case "crash":
			fmt.Fprintln(os.Stderr, "panic: scripted crash")
			os.Exit(2)
		case "hang":
			<-stream.Context().Done()
			return stream.Context().Err()
		case "hang hard":
			f.stalled.Store(true)
			select {}
		case "fail":
			st, _ := status.New(codes.Internal, "[DIVIDE_BY_ZERO] Division by zero.").WithDetails(&errdetails.ErrorInfo{
				Reason: "org.apache.spark.SparkArithmeticException",
				Metadata: map[string]string{"errorClass": "DIVIDE_BY_ZERO", "sqlState": "22012",
					"classes": `["org.apache.spark.SparkArithmeticException"]`},
			})
			return st.Err()
		}
		if err := send(&connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_SqlCommandResult_{
			SqlCommandResult: &connectpb.ExecutePlanResponse_SqlCommandResult{Relation: cmd.GetSqlCommand().GetInput()}}}); err != nil {
			return err
		}
		return send(complete)
	}
	// The relation of "select 1": a single int column named 1.
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{{Name: "1", Type: arrow.PrimitiveTypes.Int32}}, nil))
	defer b.Release()
	b.Field(0).(*array.Int32Builder).Append(1)
	rec := b.NewRecordBatch()
	defer rec.Release()
	err := arrowbatch.Encode(rec, arrowbatch.DefaultMaxBytes, func(data []byte, rows int64) error {
		return send(&connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_ArrowBatch_{
			ArrowBatch: &connectpb.ExecutePlanResponse_ArrowBatch{Data: data, RowCount: rows}}})
	})
	if err != nil {
		return err
	}
	return send(complete)
}

func (f *fakeService) ReleaseExecute(_ context.Context, req *connectpb.ReleaseExecuteRequest) (*connectpb.ReleaseExecuteResponse, error) {
	f.stall()
	return &connectpb.ReleaseExecuteResponse{SessionId: req.GetSessionId(), ServerSideSessionId: f.serverSide}, nil
}

func (f *fakeService) Config(_ context.Context, req *connectpb.ConfigRequest) (*connectpb.ConfigResponse, error) {
	f.stall()
	return &connectpb.ConfigResponse{SessionId: req.GetSessionId(), ServerSideSessionId: f.serverSide}, nil
}

func (f *fakeService) Interrupt(_ context.Context, req *connectpb.InterruptRequest) (*connectpb.InterruptResponse, error) {
	return &connectpb.InterruptResponse{SessionId: req.GetSessionId(), ServerSideSessionId: f.serverSide}, nil
}

func (f *fakeService) ReleaseSession(_ context.Context, req *connectpb.ReleaseSessionRequest) (*connectpb.ReleaseSessionResponse, error) {
	return &connectpb.ReleaseSessionResponse{SessionId: req.GetSessionId(), ServerSideSessionId: f.serverSide}, nil
}

// writeCorpus lays out a golden corpus: inputs and, for files with blocks, results.
func writeCorpus(t *testing.T, files map[string][][3]string) string {
	root := t.TempDir()
	for name, blocks := range files {
		var in, out strings.Builder
		out.WriteString("-- Automatically generated by SQLQueryTestSuite\n")
		for _, b := range blocks {
			in.WriteString(b[0] + ";\n")
			fmt.Fprintf(&out, "-- !query\n%s\n-- !query schema\n%s\n-- !query output\n%s\n\n\n", b[0], b[1], b[2])
		}
		for dir, text := range map[string]string{"inputs": in.String(), "results": out.String()} {
			path := filepath.Join(root, dir, name)
			if dir == "results" {
				if blocks == nil {
					continue
				}
				path += ".out"
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root
}

func TestRunSurvivesCrashesAndTimeouts(t *testing.T) {
	t.Setenv(fakeServerEnv, "1")
	one := [3]string{"select 1", "struct<1:int>", "1"}
	root := writeCorpus(t, map[string][][3]string{
		"script.sql": {
			one,
			{"crash", "struct<1:int>", "1"},
			one, // on the restarted server
			{"hang", "struct<1:int>", "1"},
			one, // the same server, after the interrupt
			{"fail", "struct<>", "org.apache.spark.SparkArithmeticException\n{\n  \"errorClass\" : \"DIVIDE_BY_ZERO\",\n  \"sqlState\" : \"22012\"\n}"},
			{"fail", "struct<1:int>", "1"},
			{"hang hard", "struct<1:int>", "1"},
			one, // on a server started after the hung one stopped answering
		},
		"no-answers.sql": nil,
	})
	results, err := Run(context.Background(), Config{Root: root, Binary: os.Args[0], Timeout: 500 * time.Millisecond, Parallel: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0].Name != "no-answers.sql" || results[0].Skipped != "no results file" {
		t.Fatalf("results %+v", results)
	}
	var got []Outcome
	for _, s := range results[1].Statements {
		got = append(got, s.Outcome)
	}
	want := []Outcome{Pass, Crash, Pass, Timeout, Pass, Pass, UnexpectedError, Timeout, Pass}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outcomes %v, want %v\n%+v", got, want, results[1].Statements)
	}
	if s := results[1].Statements[1]; s.Detail != "panic: scripted crash" || s.Line == 0 {
		t.Errorf("crash recorded as %+v", s)
	}
	if s := results[1].Statements[6]; s.Reason != "DIVIDE_BY_ZERO on FAIL" {
		t.Errorf("unexpected error recorded as %+v", s)
	}
	// The scripted server has no WriteOperation: each test table is a setup note.
	if len(results[1].Setup) != len(testTables) || !strings.Contains(results[1].Setup[0], "table testdata not created") {
		t.Errorf("setup notes %q", results[1].Setup)
	}
}

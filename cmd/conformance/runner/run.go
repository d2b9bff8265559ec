package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/sailgo/sail/cmd/conformance/golden"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/transport/sparkconnect/client"
)

// DefaultTimeZone is the session time zone Spark's golden files were written in.
const DefaultTimeZone = "America/Los_Angeles"

// DefaultTimeout bounds one statement.
const DefaultTimeout = 10 * time.Second

// harnessSettings are what Spark's SQLQueryTestSuite sets for every session: its session
// time zone, four shuffle partitions and java.time values (so negative years print right).
var harnessSettings = []golden.Setting{
	{Key: "spark.sql.session.timeZone", Value: DefaultTimeZone},
	{Key: "spark.sql.shuffle.partitions", Value: "4"},
	{Key: "spark.sql.datetime.java8API.enabled", Value: "true"},
}

// Config says what to run and against what.
type Config struct {
	// Root is the directory of Spark's golden files (inputs/, results/, test-data/).
	Root string
	// Binary is the sail binary the runner starts, one server per file; ignored when
	// Remote is set.
	Binary string
	// Remote is host:port of a running server to use instead (files then run one at a
	// time, and a crashed server cannot be restarted).
	Remote string
	// Timeout bounds each statement (DefaultTimeout when zero).
	Timeout time.Duration
	// Parallel is how many files run at once, each on its own server (1 when zero).
	Parallel int
	// Files are the input names to run; nil runs all.
	Files []string
	// Progress receives one line per file; nil for none.
	Progress io.Writer
	// TPCHQueries names the TPC-H queries RunTPCH runs (q1..q22 when empty).
	TPCHQueries []string
}

// FileResult is the verdict on one golden file.
type FileResult struct {
	Name string `json:"name"`
	// Skipped says why the file was not run at all.
	Skipped string `json:"skipped,omitempty"`
	// Setup lists what could not be prepared (tables, settings); the statements that
	// depend on it fail and are counted.
	Setup      []string          `json:"setup,omitempty"`
	Statements []StatementResult `json:"statements"`
	// Races are data races a race-enabled server reported while running the file.
	Races []string `json:"races,omitempty"`
}

// Run runs the golden files and returns one result per file, in name order.
func Run(ctx context.Context, cfg Config) ([]FileResult, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Parallel <= 0 || cfg.Remote != "" {
		cfg.Parallel = 1
	}
	if cfg.Remote == "" && cfg.Binary == "" {
		return nil, errors.New("runner: neither a sail binary nor a remote server")
	}
	names := cfg.Files
	if names == nil {
		var err error
		if names, err = golden.List(cfg.Root); err != nil {
			return nil, err
		}
	}
	results := make([]FileResult, len(names))
	errs := make([]error, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	var progress sync.Mutex
	for w := 0; w < cfg.Parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				started := time.Now()
				results[i], errs[i] = runFile(ctx, &cfg, names[i])
				if cfg.Progress != nil {
					progress.Lock()
					fmt.Fprintf(cfg.Progress, "%-55s %s (%s)\n", names[i], results[i].summary(), time.Since(started).Round(time.Millisecond))
					progress.Unlock()
				}
			}
		}()
	}
	for i := range names {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, errors.Join(errs...)
}

func (f FileResult) summary() string {
	if f.Skipped != "" {
		return "skipped: " + f.Skipped
	}
	pass := 0
	for _, s := range f.Statements {
		if s.Outcome == Pass {
			pass++
		}
	}
	return fmt.Sprintf("%d/%d", pass, len(f.Statements))
}

// runFile runs one golden file in a fresh session (on a fresh server unless remote).
func runFile(ctx context.Context, cfg *Config, name string) (FileResult, error) {
	res := FileResult{Name: name}
	blocks, err := golden.ReadResults(cfg.Root, name)
	if errors.Is(err, golden.ErrNoResults) {
		res.Skipped = "no results file"
		return res, nil
	}
	if err != nil {
		return res, err
	}
	in, err := golden.ReadInput(cfg.Root, name)
	if err != nil {
		return res, err
	}
	for _, imp := range in.MissingImports {
		res.Setup = append(res.Setup, "imported file "+imp+" is not in the corpus (its statements run from the results file)")
	}
	settings := append(append([]golden.Setting{}, harnessSettings...), in.Settings...)
	r := &serverSession{cfg: cfg, races: &res.Races, prepare: func(ctx context.Context, c *client.Client) []string {
		notes := createTestTables(ctx, c, cfg.Root)
		if in.NeedsTPCDSTables {
			notes = append(notes, createTPCDSTables(ctx, c)...)
		}
		for _, s := range settings {
			if err := setConf(ctx, c, s); err != nil {
				notes = append(notes, fmt.Sprintf("setting %s=%s rejected: %s", s.Key, s.Value, errorLabel(err)))
			}
		}
		return notes
	}}
	err = r.runBlocks(ctx, in, blocks, &res)
	r.stop() // before returning res: stopping collects the server's race reports
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// runBlocks runs a file's statements in order, appending their verdicts to res.
func (r *serverSession) runBlocks(ctx context.Context, in *golden.Input, blocks []golden.Block, res *FileResult) error {
	if err := r.start(ctx); err != nil {
		return err
	}
	res.Setup = append(res.Setup, r.setup...)
	for _, b := range blocks {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if udf, ok := golden.UsesTestUDF(b.Query, in.TestUDFs); ok {
			res.Statements = append(res.Statements, StatementResult{Line: b.Line, Outcome: Skipped, Reason: "Scala test UDF " + udf})
			continue
		}
		ans, failed := r.execute(ctx, b.Query, r.cfg.Timeout)
		if failed != nil {
			failed.Line = b.Line
			failed.Analysis, failed.AnalysisDetail = JudgeAnalysis(b, nil)
			res.Statements = append(res.Statements, *failed)
		} else {
			// Spark's harness masks ids, times and paths in every golden answer
			// (replaceNotIncludedMsg); the TPC-H answers are compared unmasked.
			ans.Rows = maskVolatile(ctx, r.client, ans.Rows)
			sr := Compare(b.Query, b, ans)
			sr.Analysis, sr.AnalysisDetail = JudgeAnalysis(b, &ans)
			res.Statements = append(res.Statements, sr)
		}
		if r.broken != nil {
			return fmt.Errorf("line %d: %w", b.Line, r.broken)
		}
	}
	return nil
}

// serverSession is a session on a server (which the runner owns unless remote), prepared
// by a callback that creates what the statements need; after a crash both are replaced and
// prepared again.
type serverSession struct {
	cfg     *Config
	prepare func(ctx context.Context, c *client.Client) (notes []string)
	races   *[]string // where the server's race reports go when it stops; may be nil
	server  *Server
	client  *client.Client
	setup   []string // notes from the first start only
	starts  int
	broken  error // the server could not be restarted
}

// start brings up a server (unless remote), opens a session and prepares it.
func (r *serverSession) start(ctx context.Context) error {
	addr := r.cfg.Remote
	if addr == "" {
		s, err := StartServer(ctx, r.cfg.Binary)
		if err != nil {
			return err
		}
		r.server, addr = s, s.Addr
	}
	c, err := client.Dial(addr)
	if err != nil {
		return err
	}
	r.client = c
	r.starts++
	setupCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	notes := r.prepare(setupCtx, c)
	if r.starts == 1 {
		r.setup = notes
	}
	return nil
}

func setConf(ctx context.Context, c *client.Client, s golden.Setting) error {
	v := s.Value
	_, err := c.Config(ctx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Set{
		Set: &connectpb.ConfigRequest_Set{Pairs: []*connectpb.KeyValue{{Key: s.Key, Value: &v}}},
	}})
	return err
}

// stop releases the session and stops the server the runner started.
func (r *serverSession) stop() {
	if r.client != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = r.client.ReleaseSession(ctx)
		cancel()
		_ = r.client.Close()
		r.client = nil
	}
	if r.server != nil {
		r.server.Stop()
		if r.races != nil {
			*r.races = append(*r.races, r.server.RaceReports()...)
		}
		r.server = nil
	}
}

// restart replaces a dead or hung server and reopens the session; state the file built so
// far (views, tables) is gone, as after a crash in Spark.
func (r *serverSession) restart(ctx context.Context) {
	if r.cfg.Remote != "" {
		return
	}
	r.stop()
	if err := r.start(ctx); err != nil {
		r.broken = fmt.Errorf("restarting sail: %w", err)
	}
}

// execute runs spark.sql(query).collect() as PySpark does. A timeout or a crash comes back
// as a result of its own.
func (r *serverSession) execute(ctx context.Context, query string, timeout time.Duration) (Answer, *StatementResult) {
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rel, err := r.client.SQL(sctx, query)
	var analyzed *Analyzed
	var res *client.Result
	if err == nil {
		// Analysis alone first, so the analyzer's figures do not depend on execution.
		analyzed = r.analyze(sctx, rel)
		res, err = r.client.Collect(sctx, rel)
	}
	if err == nil {
		defer res.Release()
		ans, err := render(sctx, r.client, query, res)
		if err != nil {
			return Answer{Err: &ServerError{Message: "rendering the answer: " + err.Error()}, Analyzed: analyzed}, nil
		}
		ans.Analyzed = analyzed
		return ans, nil
	}
	switch {
	case ctx.Err() != nil:
		return Answer{}, &StatementResult{Outcome: Timeout, Reason: "run cancelled"}
	case sctx.Err() != nil || status.Code(err) == codes.DeadlineExceeded:
		r.afterTimeout(ctx)
		return Answer{}, &StatementResult{Outcome: Timeout, Reason: "timeout",
			Detail: fmt.Sprintf("no answer within %s", timeout)}
	case r.serverDied(err):
		line := "server unreachable"
		if r.server != nil {
			line = r.server.CrashLine()
		}
		r.restart(ctx)
		return Answer{}, &StatementResult{Outcome: Crash, Reason: "crash", Detail: clip(line)}
	}
	ans := Answer{Err: &ServerError{Message: err.Error()}, Analyzed: analyzed}
	if e := client.AsError(err); e != nil {
		ans.Err = serverError(e)
	}
	if analyzed == nil {
		// spark.sql failed: parsing, analysis or an eager command raised the error.
		ans.Analyzed = &Analyzed{Err: ans.Err}
	}
	return ans, nil
}

// analyze asks the server for the schema of rel without running it.
func (r *serverSession) analyze(ctx context.Context, rel *connectpb.Relation) *Analyzed {
	resp, err := r.client.Analyze(ctx, &connectpb.AnalyzePlanRequest{Analyze: &connectpb.AnalyzePlanRequest_Schema_{
		Schema: &connectpb.AnalyzePlanRequest_Schema{Plan: &connectpb.Plan{OpType: &connectpb.Plan_Root{Root: rel}}}}})
	if err != nil {
		if e := client.AsError(err); e != nil {
			return &Analyzed{Err: serverError(e)}
		}
		return &Analyzed{Err: &ServerError{Message: err.Error()}}
	}
	dt, err := connect.FromProto(resp.GetSchema().GetSchema())
	if err != nil {
		return &Analyzed{Err: &ServerError{Message: "schema: " + err.Error()}}
	}
	return &Analyzed{Schema: dt.CatalogString()}
}

// serverDied tells a dead server from an error it reported.
func (r *serverSession) serverDied(err error) bool {
	if r.server != nil {
		if r.server.Exited() {
			return true
		}
		return status.Code(err) == codes.Unavailable && r.server.WaitExit(2*time.Second)
	}
	return status.Code(err) == codes.Unavailable
}

// afterTimeout interrupts what the session still runs; a server that then does not answer
// a config request is replaced.
func (r *serverSession) afterTimeout(ctx context.Context) {
	ictx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, _ = r.client.RPC().Interrupt(ictx, &connectpb.InterruptRequest{
		SessionId: r.client.SessionID, UserContext: r.client.User(),
		InterruptType: connectpb.InterruptRequest_INTERRUPT_TYPE_ALL,
	})
	if _, err := r.client.Config(ictx, &connectpb.ConfigRequest_Operation{OpType: &connectpb.ConfigRequest_Operation_Get{
		Get: &connectpb.ConfigRequest_Get{Keys: []string{"spark.sql.session.timeZone"}},
	}}); err != nil {
		r.restart(ctx)
	}
}

// serverError keeps what the comparison needs of a decoded Spark Connect error.
func serverError(e *client.Error) *ServerError {
	se := &ServerError{ErrorClass: e.ErrorClass, SQLState: e.SQLState, Message: firstLine(e.Message)}
	if len(e.Classes) > 0 {
		se.ExceptionClass = e.Classes[0]
	}
	if e.ErrorClass == "NOT_IMPLEMENTED" {
		se.Feature = e.Params["feature"]
	}
	if !e.HasInfo {
		se.Message = e.Code + ": " + se.Message
	}
	return se
}

func firstLine(s string) string {
	if k := strings.IndexByte(s, '\n'); k >= 0 {
		return s[:k]
	}
	return s
}

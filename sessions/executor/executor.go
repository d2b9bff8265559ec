// Package executor is the local-mode engine behind the Spark Connect service: it lowers a
// plan (sql/connect), resolves it (sql/analyzer), plans it physically (physical/planner),
// runs it on all cores (physical.Collect) and streams the result as Arrow IPC batches. It
// also answers AnalyzePlan. In cluster modes only the running step changes: cluster.go
// runs the plan on the workers.
// It imports sessions, sql/*, physical/*, transport/arrowbatch and proto/connectpb.
package executor

import (
	"context"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/planner"
	"github.com/sailgo/sail/physical/source"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/optimizer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/transport/arrowbatch"
)

// SparkVersion is the version the server reports to clients.
const SparkVersion = "4.0.0"

// Executor runs plans in this process.
type Executor struct {
	log *slog.Logger
	// MaxBatchBytes bounds each encoded ArrowBatch response.
	MaxBatchBytes int
	// MemoryLimit is each query's memory budget in bytes (0: no limit); operators spill to
	// SpillDir (the system's temporary directory when empty) beyond it.
	MemoryLimit int64
	SpillDir    string
	// Cluster, when set, runs queries on a cluster's workers (cluster.go).
	Cluster *Cluster
	// CacheMemoryLimit is what the rows of df.cache() and CACHE TABLE may hold in memory
	// before they go to spill files (0: half of MemoryLimit, no limit when that is 0).
	CacheMemoryLimit int64

	cacheOnce sync.Once
	cacheMgr  *cacheManager // cache.go
}

// New makes a local executor.
func New(log *slog.Logger) *Executor {
	return &Executor{log: log, MaxBatchBytes: arrowbatch.DefaultMaxBytes}
}

// lowering is the session's SQL and Connect lowering settings.
func lowering(s *sessions.Session) connect.Lowering {
	opts := analyzerOptions(s)
	loc, ok := sqlconf.TimeZoneLocation(s.Conf.SessionTimeZone())
	if !ok {
		loc = time.UTC
	}
	return connect.Lowering{Parser: connect.ParserOptions(s.Conf), AST: astlower.Options{TimestampNTZ: s.Conf.TimestampNTZPreferred(),
		LegacyInterval: s.Conf.Bool("spark.sql.legacy.interval.enabled"), TimeZone: loc},
		Analysis: &opts, TimeZone: loc}
}

// analyzerOptions are the session's analysis settings and catalog.
func analyzerOptions(s *sessions.Session) analyzer.Options {
	zone := s.Conf.SessionTimeZone()
	return analyzer.Options{CaseSensitive: s.Conf.CaseSensitive(), ANSI: s.Conf.ANSIEnabled(), Catalog: s.Catalog,
		OpenDataSource: func(format string, paths []string, schema *types.StructType, options map[string]string) (*types.StructType, any, error) {
			return openDataSource(format, paths, schema, options, zone)
		},
		DefaultSource: s.Conf.String("spark.sql.sources.default"), Variables: variablesOf(s), // script.go
		TimestampNTZ: s.Conf.TimestampNTZPreferred(), Settings: s.Conf}
}

// openDataSource opens the files of spark.read for the analyzer; timestamps without a zone
// parse in the session time zone unless the read names one.
func openDataSource(format string, paths []string, schema *types.StructType, options map[string]string, zone string) (*types.StructType, any, error) {
	if _, set := options["timezone"]; !set {
		if _, set := options["timeZone"]; !set {
			opts := make(map[string]string, len(options)+1)
			for k, v := range options {
				opts[k] = v
			}
			opts["timeZone"] = zone
			options = opts
		}
	}
	t, err := source.Open(format, paths, schema, options)
	if err != nil {
		return nil, nil, err
	}
	return t.Schema(), t, nil
}

// lowering is the session's lowering with the queries of Spark's eager Dataset methods
// (pivot values, crosstab columns) run by x under ctx.
func (x *Executor) lowering(ctx context.Context, s *sessions.Session) connect.Lowering {
	l := lowering(s)
	l.Collect = func(n plan.Node) ([][]*plan.Literal, error) { return x.collectLiterals(ctx, s, n) }
	l.CachedRelation = func(id string) (plan.Node, error) { return cachedRemoteRelation(s, id) }
	return l
}

// collectLiterals analyzes and runs a query and returns its rows as literals.
func (x *Executor) collectLiterals(ctx context.Context, s *sessions.Session, n plan.Node) ([][]*plan.Literal, error) {
	resolved, err := analyzer.Resolve(n, analyzerOptions(s))
	if err != nil {
		return nil, err
	}
	st := plan.Schema(resolved)
	batches, err := x.collectBatches(ctx, s, resolved, st)
	if err != nil {
		return nil, err
	}
	defer releaseBatches(batches)
	zone := sessionZone(s)
	var rows [][]*plan.Literal
	for _, b := range batches {
		for i := range int(b.NumRows()) {
			row := make([]*plan.Literal, b.NumCols())
			for c := range row {
				t := st.Fields[c].DataType
				v, err := valueAt(b.Column(c), i)
				if err != nil {
					return nil, err
				}
				if v == nil {
					row[c] = &plan.Literal{Type: t, Text: "NULL"}
				} else {
					row[c] = &plan.Literal{Type: t, Value: v, Text: connect.SQLLiteral(t, v, zone)}
				}
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// resolve lowers and analyzes a relation with the session's settings. A relation that
// is a command (SQL DDL/DML) comes back unresolved, for runCommand.
func (x *Executor) resolve(ctx context.Context, s *sessions.Session, rel *connectpb.Relation) (plan.Node, error) {
	n, err := x.lowering(ctx, s).Relation(rel)
	if err != nil {
		return nil, err
	}
	if _, isCmd := n.(plan.Command); isCmd {
		return n, nil
	}
	return analyzer.Resolve(n, analyzerOptions(s))
}

// physicalPlan optimizes a resolved plan and builds its physical plan; ctx is the query's,
// which subqueries the physical plan runs on its own also use.
func (x *Executor) physicalPlan(ctx context.Context, s *sessions.Session, n plan.Node) (physical.ExecutionPlan, error) {
	n, err := x.useCachedData(ctx, s, n) // cache.go
	if err != nil {
		return nil, err
	}
	n, err = optimizer.OptimizeWith(n, optimizer.OptionsFrom(s.Conf))
	if err != nil {
		return nil, err
	}
	opts := x.plannerOptions(s)
	opts.Context = ctx
	return planner.Plan(n, opts)
}

func (x *Executor) plannerOptions(s *sessions.Session) planner.Options {
	loc, ok := sqlconf.TimeZoneLocation(s.Conf.SessionTimeZone())
	if !ok {
		loc = time.UTC // the conf checks zones when they are set
	}
	return planner.Options{ANSI: s.Conf.ANSIEnabled(), TimeZone: loc, DefaultSplits: runtime.GOMAXPROCS(0), ShufflePartitions: s.Conf.ShufflePartitions(),
		CTERecursionLevelLimit: s.Conf.Int("spark.sql.cteRecursionLevelLimit"), CTERecursionRowLimit: s.Conf.Int("spark.sql.cteRecursionRowLimit")}
}

// Execute runs a relation or a command and emits its responses.
func (x *Executor) Execute(ctx context.Context, s *sessions.Session, p *connectpb.Plan, emit func(*connectpb.ExecutePlanResponse) error) error {
	switch op := p.GetOpType().(type) {
	case *connectpb.Plan_Root:
		if err := x.run(ctx, s, op.Root, emit); err != nil {
			return err
		}
	case *connectpb.Plan_Command:
		if err := x.command(ctx, s, op.Command, emit); err != nil {
			return err
		}
	default:
		return sparkerror.InvalidPlanInput("the plan has neither a root relation nor a command")
	}
	return emit(&connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_ResultComplete_{
		ResultComplete: &connectpb.ExecutePlanResponse_ResultComplete{}}})
}

// run executes a relation: the schema first, then Arrow batches (at least one, so the
// client always learns the Arrow schema), as Spark sends them.
func (x *Executor) run(ctx context.Context, s *sessions.Session, rel *connectpb.Relation, emit func(*connectpb.ExecutePlanResponse) error) error {
	ctx, done := x.queryContext(ctx)
	defer done()
	var resolved plan.Node
	var err error
	if c := rel.GetCatalog(); c != nil {
		resolved, err = x.catalogAPI(ctx, s, c) // spark.catalog (catalog_api.go)
	} else if ld, isScript, serr := x.sqlScript(ctx, s, rel); isScript { // BEGIN ... END (script.go)
		resolved, err = ld, serr
	} else {
		resolved, err = x.resolve(ctx, s, rel)
	}
	if err != nil {
		return err
	}
	if cmd, isCmd := resolved.(plan.Command); isCmd {
		if resolved, err = x.runCommand(ctx, s, cmd); err != nil {
			return err
		}
	}
	schema := plan.Schema(resolved)
	dt, err := connect.ToProto(schema)
	if err != nil {
		return err
	}
	arrowSchema, err := types.ToArrowSchema(schema)
	if err != nil {
		return err
	}
	phys, err := x.physicalPlan(ctx, s, resolved)
	if err != nil {
		return err
	}
	if err := emit(&connectpb.ExecutePlanResponse{Schema: dt}); err != nil {
		return err
	}
	sent := false
	send := func(b arrow.RecordBatch) error {
		return arrowbatch.Encode(b, x.MaxBatchBytes, func(data []byte, rows int64) error {
			sent = true
			return emit(&connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_ArrowBatch_{
				ArrowBatch: &connectpb.ExecutePlanResponse_ArrowBatch{RowCount: rows, Data: data}}})
		})
	}
	err = x.collect(ctx, phys, func(b arrow.RecordBatch) error {
		defer b.Release()
		if b.NumRows() == 0 {
			return nil
		}
		// The batch carries the result's Spark-derived Arrow schema (names, nullability).
		out := arrowRelabel(b, arrowSchema)
		defer out.Release()
		return send(out)
	})
	if err != nil {
		return err
	}
	if !sent {
		empty := emptyBatch(arrowSchema)
		defer empty.Release()
		return send(empty)
	}
	return nil
}

// command runs a Connect command.
func (x *Executor) command(ctx context.Context, s *sessions.Session, c *connectpb.Command, emit func(*connectpb.ExecutePlanResponse) error) error {
	switch t := c.GetCommandType().(type) {
	case *connectpb.Command_SqlCommand:
		input := t.SqlCommand.GetInput()
		if input == nil {
			// Older clients send the text in the deprecated sql field.
			input = &connectpb.Relation{RelType: &connectpb.Relation_Sql{Sql: &connectpb.SQL{
				Query: t.SqlCommand.GetSql(), Args: t.SqlCommand.GetArgs(), PosArgs: t.SqlCommand.GetPosArgs(),
				NamedArguments: t.SqlCommand.GetNamedArguments(), PosArguments: t.SqlCommand.GetPosArguments(),
			}}}
		}
		input = substituteSQL(s, input) // ${...} references (substitute.go)
		// Spark analyzes the query when spark.sql() is called, so errors surface there;
		// the answer is the relation the client sends back to run it. Commands and SQL
		// scripts (script.go) run now, and their result rows go back as a local relation.
		if res, isScript, err := x.sqlScript(ctx, s, input); isScript {
			if err != nil {
				return err
			}
			if input, err = localRelation(res); err != nil {
				return err
			}
		} else {
			resolved, err := x.resolve(ctx, s, input)
			if err != nil {
				return err
			}
			if cmd, isCmd := resolved.(plan.Command); isCmd {
				res, err := x.runCommand(ctx, s, cmd)
				if err != nil {
					return err
				}
				if input, err = localRelation(res); err != nil {
					return err
				}
			}
		}
		return emit(&connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_SqlCommandResult_{
			SqlCommandResult: &connectpb.ExecutePlanResponse_SqlCommandResult{Relation: input}}})
	case *connectpb.Command_WriteOperation:
		return x.writeOperation(ctx, s, t.WriteOperation)
	case *connectpb.Command_WriteOperationV2:
		return x.writeOperationV2(ctx, s, t.WriteOperationV2)
	case *connectpb.Command_CheckpointCommand:
		rel, err := x.checkpoint(ctx, s, t.CheckpointCommand)
		if err != nil {
			return err
		}
		return emit(&connectpb.ExecutePlanResponse{ResponseType: &connectpb.ExecutePlanResponse_CheckpointCommandResult{
			CheckpointCommandResult: &connectpb.CheckpointCommandResult{Relation: rel}}})
	case *connectpb.Command_RemoveCachedRemoteRelationCommand:
		s.RemoveRelation(t.RemoveCachedRemoteRelationCommand.GetRelation().GetRelationId())
		return nil
	case *connectpb.Command_CreateDataframeView:
		// df.createOrReplaceTempView / createGlobalTempView.
		v := t.CreateDataframeView
		n, err := x.lowering(ctx, s).Relation(v.GetInput())
		if err != nil {
			return err
		}
		name := connect.SplitName(v.GetName())
		if len(name) == 0 {
			return sparkerror.InvalidPlanInput("create view: the name is empty")
		}
		if v.GetIsGlobal() && len(name) == 1 {
			name = []string{catalog.GlobalTempDatabase, name[0]}
		}
		return x.createView(s, &plan.CreateView{Name: name, Query: n, Temporary: !v.GetIsGlobal(), Global: v.GetIsGlobal(), Replace: v.GetReplace()})
	case nil:
		return sparkerror.InvalidPlanInput("the command has no type (command_type is not set)")
	}
	m := c.ProtoReflect()
	name := "unknown"
	if f := m.WhichOneof(m.Descriptor().Oneofs().ByName("command_type")); f != nil {
		name = string(f.Name())
	}
	return sparkerror.NotImplemented("the command " + name)
}

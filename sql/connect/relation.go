package connect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
	"github.com/sailgo/sail/transport/arrowbatch"
)

// Lowering carries the session settings lowering depends on.
type Lowering struct {
	// Parser and AST are how SQL text parses and lowers.
	Parser parser.Options
	AST    astlower.Options
	// Analysis is the session's analyzer settings (catalog, case sensitivity, ANSI mode).
	// Spark builds some relations from the analyzed schema of their input, as its eager
	// Dataset methods do (drop, withColumns, withColumnsRenamed, na.*, describe, summary,
	// to(schema), colRegex, pivot, randomSplit); lowering resolves the input with these
	// settings to do the same. Those relations fail when it is nil.
	Analysis *analyzer.Options
	// TimeZone is the session time zone, in which timestamp literals are named (UTC when
	// nil).
	TimeZone *time.Location
	// Collect runs a query (unresolved, analyzed with Analysis) and returns its rows as
	// literals. Spark's eager Dataset methods that need the data run such queries while
	// the plan is built: pivot without values and crosstab. Those fail when it is nil.
	Collect func(plan.Node) ([][]*plan.Literal, error)
	// CachedRelation is the data a checkpoint kept under an id (CachedRemoteRelation).
	CachedRelation func(id string) (plan.Node, error)
}

// lowerer is the state of one lowering: the relations a WithRelations makes available
// to subquery expressions, by plan id.
type lowerer struct {
	Lowering
	refs   map[int64]*connectpb.Relation
	active map[int64]bool // references being lowered, to reject cycles
}

func (l Lowering) newLowerer() *lowerer { return &lowerer{Lowering: l, active: map[int64]bool{}} }

// LowerRelation lowers a Connect relation tree with Spark's default settings (no
// catalog).
func LowerRelation(r *connectpb.Relation) (plan.Node, error) {
	return Lowering{Analysis: &analyzer.Options{}}.Relation(r)
}

// Relation lowers a Connect relation tree into the unresolved logical plan.
func (l Lowering) Relation(r *connectpb.Relation) (plan.Node, error) {
	return l.newLowerer().relation(r)
}

// input lowers the input relation of a relation, which must be present.
func (l *lowerer) input(r *connectpb.Relation, of string) (plan.Node, error) {
	if r == nil {
		return nil, sparkerror.InvalidPlanInput("%s: the input relation is missing", of)
	}
	return l.relation(r)
}

// scalar lowers an expression that is not a select-list item (no colRegex patterns).
func (l *lowerer) scalar(e *connectpb.Expression) (plan.Expr, error) {
	x, err := l.expr(e)
	if err != nil {
		return nil, err
	}
	if err := checkNoRegex(x); err != nil {
		return nil, err
	}
	return x, nil
}

func (l *lowerer) scalars(es []*connectpb.Expression) ([]plan.Expr, error) {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		x, err := l.scalar(e)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

func intLiteral(v int32) *plan.Literal {
	return &plan.Literal{Type: types.Integer, Value: v, Text: fmt.Sprint(v)}
}

// relation lowers one relation as SparkConnectPlanner.transformRelation does.
func (l *lowerer) relation(r *connectpb.Relation) (plan.Node, error) {
	n, err := l.relationBody(r)
	if err != nil {
		return nil, err
	}
	if _, isCmd := n.(plan.Command); !isCmd && r.GetCommon() != nil && r.GetCommon().PlanId != nil {
		// Columns of this DataFrame (df.col, with its plan id) resolve against it.
		n = &plan.PlanIDTag{Child: n, ID: r.GetCommon().GetPlanId()}
	}
	return n, nil
}

func (l *lowerer) relationBody(r *connectpb.Relation) (plan.Node, error) {
	if r == nil {
		return nil, sparkerror.InvalidPlanInput("a relation is required")
	}
	if f, isNil := nilOneof(r.ProtoReflect(), "rel_type"); isNil {
		return nil, sparkerror.InvalidPlanInput("the relation %s is empty", f)
	}
	switch t := r.GetRelType().(type) {
	case *connectpb.Relation_Read:
		return l.read(t.Read)
	case *connectpb.Relation_Project:
		return l.project(t.Project)
	case *connectpb.Relation_Filter:
		child, err := l.input(t.Filter.GetInput(), "filter")
		if err != nil {
			return nil, err
		}
		if t.Filter.GetCondition() == nil {
			return nil, sparkerror.InvalidPlanInput("filter: the condition is missing")
		}
		cond, err := l.scalar(t.Filter.GetCondition())
		if err != nil {
			return nil, err
		}
		return &plan.Filter{Child: child, Cond: cond}, nil
	case *connectpb.Relation_Join:
		return l.join(t.Join)
	case *connectpb.Relation_LateralJoin:
		return l.lateralJoin(t.LateralJoin)
	case *connectpb.Relation_SetOp:
		return l.setOp(t.SetOp)
	case *connectpb.Relation_Sort:
		return l.sort(t.Sort)
	case *connectpb.Relation_Limit:
		child, err := l.input(t.Limit.GetInput(), "limit")
		if err != nil {
			return nil, err
		}
		return &plan.Limit{Child: child, N: intLiteral(t.Limit.GetLimit())}, nil
	case *connectpb.Relation_Offset:
		child, err := l.input(t.Offset.GetInput(), "offset")
		if err != nil {
			return nil, err
		}
		return &plan.Offset{Child: child, N: intLiteral(t.Offset.GetOffset())}, nil
	case *connectpb.Relation_Tail:
		child, err := l.input(t.Tail.GetInput(), "tail")
		if err != nil {
			return nil, err
		}
		return &plan.Tail{Child: child, N: intLiteral(t.Tail.GetLimit())}, nil
	case *connectpb.Relation_Aggregate:
		return l.aggregate(t.Aggregate)
	case *connectpb.Relation_Sql:
		return l.sql(t.Sql)
	case *connectpb.Relation_WithRelations:
		return l.withRelations(t.WithRelations)
	case *connectpb.Relation_LocalRelation:
		return lowerLocal(t.LocalRelation)
	case *connectpb.Relation_CachedLocalRelation:
		return nil, sparkerror.NotImplemented("cached local relations (CachedLocalRelation: local data uploaded as an artifact)")
	case *connectpb.Relation_CachedRemoteRelation:
		if l.CachedRelation == nil {
			return nil, sparkerror.NotImplemented("cached remote relations (CachedRemoteRelation) here")
		}
		return l.CachedRelation(t.CachedRemoteRelation.GetRelationId())
	case *connectpb.Relation_Sample:
		return l.sample(t.Sample)
	case *connectpb.Relation_Range:
		rg := t.Range
		n := &plan.Range{Start: rg.GetStart(), End: rg.GetEnd(), Step: rg.GetStep()}
		if rg.NumPartitions != nil {
			if rg.GetNumPartitions() <= 0 {
				return nil, sparkerror.InvalidPlanInput("range: num_partitions must be positive, got %d", rg.GetNumPartitions())
			}
			n.NumPartitions = int(rg.GetNumPartitions())
		}
		return n, nil
	case *connectpb.Relation_SubqueryAlias:
		child, err := l.input(t.SubqueryAlias.GetInput(), "subquery alias")
		if err != nil {
			return nil, err
		}
		alias := append(append([]string(nil), t.SubqueryAlias.GetQualifier()...), t.SubqueryAlias.GetAlias())
		return &plan.SubqueryAlias{Child: child, Alias: alias}, nil
	case *connectpb.Relation_Deduplicate:
		return l.deduplicate(t.Deduplicate)
	case *connectpb.Relation_Repartition:
		child, err := l.input(t.Repartition.GetInput(), "repartition")
		if err != nil {
			return nil, err
		}
		if t.Repartition.GetNumPartitions() <= 0 {
			return nil, requirementFailed("Number of partitions (%d) must be positive.", t.Repartition.GetNumPartitions())
		}
		return &plan.Repartition{Child: child, N: int(t.Repartition.GetNumPartitions()), Shuffle: t.Repartition.GetShuffle()}, nil
	case *connectpb.Relation_RepartitionByExpression:
		return l.repartitionByExpression(t.RepartitionByExpression)
	case *connectpb.Relation_ToDf:
		child, err := l.input(t.ToDf.GetInput(), "toDF")
		if err != nil {
			return nil, err
		}
		return &plan.RenameColumns{Child: child, Names: append([]string(nil), t.ToDf.GetColumnNames()...)}, nil
	case *connectpb.Relation_WithColumnsRenamed:
		return l.withColumnsRenamed(t.WithColumnsRenamed)
	case *connectpb.Relation_WithColumns:
		return l.withColumns(t.WithColumns)
	case *connectpb.Relation_Drop:
		return l.drop(t.Drop)
	case *connectpb.Relation_ShowString:
		child, err := l.input(t.ShowString.GetInput(), "show")
		if err != nil {
			return nil, err
		}
		return &plan.ShowString{Child: child, NumRows: int(t.ShowString.GetNumRows()),
			Truncate: int(t.ShowString.GetTruncate()), Vertical: t.ShowString.GetVertical()}, nil
	case *connectpb.Relation_HtmlString:
		return nil, sparkerror.NotImplemented("HtmlString (the HTML rendering of DataFrame._repr_html_)")
	case *connectpb.Relation_Hint:
		// Hints steer the physical plan; they never change the result, so the input is
		// the result. The parameters are still lowered so malformed ones fail.
		child, err := l.input(t.Hint.GetInput(), "hint")
		if err != nil {
			return nil, err
		}
		if _, err := l.scalars(t.Hint.GetParameters()); err != nil {
			return nil, err
		}
		return child, nil
	case *connectpb.Relation_WithWatermark:
		// A watermark only matters to streaming queries; a batch query drops it.
		return l.input(t.WithWatermark.GetInput(), "withWatermark")
	case *connectpb.Relation_Unpivot:
		return l.unpivot(t.Unpivot)
	case *connectpb.Relation_ToSchema:
		return l.toSchema(t.ToSchema)
	case *connectpb.Relation_UnresolvedTableValuedFunction:
		f := t.UnresolvedTableValuedFunction
		name, err := parseAttributeName(f.GetFunctionName())
		if err != nil {
			return nil, err
		}
		args, err := l.scalars(f.GetArguments())
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedTableFunction{Name: name, Args: args}, nil
	case *connectpb.Relation_FillNa:
		return l.naFill(t.FillNa)
	case *connectpb.Relation_DropNa:
		return l.naDrop(t.DropNa)
	case *connectpb.Relation_Replace:
		return l.naReplace(t.Replace)
	case *connectpb.Relation_Summary:
		child, err := l.input(t.Summary.GetInput(), "summary")
		if err != nil {
			return nil, err
		}
		return l.summary(child, t.Summary.GetStatistics())
	case *connectpb.Relation_Describe:
		return l.describe(t.Describe)
	case *connectpb.Relation_Cov:
		return l.covariance(t.Cov.GetInput(), t.Cov.GetCol1(), t.Cov.GetCol2())
	case *connectpb.Relation_Corr:
		return l.correlation(t.Corr)
	case *connectpb.Relation_Crosstab:
		return l.crosstab(t.Crosstab)
	case *connectpb.Relation_SampleBy:
		return l.sampleBy(t.SampleBy)
	case *connectpb.Relation_ApproxQuantile:
		return l.approxQuantile(t.ApproxQuantile)
	case nil:
		return nil, sparkerror.InvalidPlanInput("the relation has no type (rel_type is not set: an unknown relation type, or a newer client)")
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("the relation %s", relationName(r)))
}

func relationName(r *connectpb.Relation) string {
	m := r.ProtoReflect()
	oneof := m.Descriptor().Oneofs().ByName("rel_type")
	if f := m.WhichOneof(oneof); f != nil {
		return string(f.Name())
	}
	return "(unknown)"
}

// requirementFailed is the IllegalArgumentException Spark's require() raises.
func requirementFailed(format string, args ...any) error {
	return &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: "requirement failed: " + fmt.Sprintf(format, args...)}
}

// lowerOptions copies data source options; Spark matches their keys case-insensitively,
// so they are kept in lower case.
func lowerOptions(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

func (l *lowerer) read(r *connectpb.Read) (plan.Node, error) {
	if f, isNil := nilOneof(r.ProtoReflect(), "read_type"); isNil {
		return nil, sparkerror.InvalidPlanInput("read: %s is empty", f)
	}
	switch t := r.GetReadType().(type) {
	case *connectpb.Read_NamedTable_:
		if r.GetIsStreaming() {
			return nil, sparkerror.NotImplemented("streaming reads (spark.readStream.table)")
		}
		if t.NamedTable.GetUnparsedIdentifier() == "" {
			return nil, sparkerror.InvalidPlanInput("read: the table name is empty")
		}
		name, err := parseAttributeName(t.NamedTable.GetUnparsedIdentifier())
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedRelation{Name: name, Options: lowerOptions(t.NamedTable.GetOptions())}, nil
	case *connectpb.Read_DataSource_:
		ds := t.DataSource
		if r.GetIsStreaming() {
			return nil, sparkerror.NotImplemented("streaming reads (spark.readStream)")
		}
		if len(ds.GetPredicates()) > 0 {
			if ds.GetFormat() == "jdbc" {
				return nil, sparkerror.NotImplemented("JDBC reads with partition predicates")
			}
			return nil, sparkerror.InvalidPlanInput("Predicates are not supported for %s data sources.", ds.GetFormat())
		}
		n := &plan.DataSourceRead{Format: ds.GetFormat(), Paths: append([]string(nil), ds.GetPaths()...), Options: lowerOptions(ds.GetOptions())}
		if ds.GetSchema() != "" {
			st, err := types.ParseDDLOrJSON(ds.GetSchema())
			if err != nil {
				return nil, err
			}
			n.Schema = st
		}
		return n, nil
	case nil:
		return nil, sparkerror.InvalidPlanInput("read: neither a named table nor a data source (read_type is not set)")
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("the read type %T", r.GetReadType()))
}

func (l *lowerer) project(p *connectpb.Project) (plan.Node, error) {
	var child plan.Node = plan.OneRow{}
	if p.GetInput() != nil {
		var err error
		if child, err = l.relation(p.GetInput()); err != nil {
			return nil, err
		}
	}
	exprs, err := l.exprs(p.GetExpressions())
	if err != nil {
		return nil, err
	}
	if exprs, err = l.expandRegex(child, exprs); err != nil {
		return nil, err
	}
	return &plan.Project{Child: child, Exprs: exprs}, nil
}

func joinType(t connectpb.Join_JoinType) (plan.JoinType, error) {
	switch t {
	case connectpb.Join_JOIN_TYPE_INNER:
		return plan.InnerJoin, nil
	case connectpb.Join_JOIN_TYPE_FULL_OUTER:
		return plan.FullOuterJoin, nil
	case connectpb.Join_JOIN_TYPE_LEFT_OUTER:
		return plan.LeftOuterJoin, nil
	case connectpb.Join_JOIN_TYPE_RIGHT_OUTER:
		return plan.RightOuterJoin, nil
	case connectpb.Join_JOIN_TYPE_LEFT_ANTI:
		return plan.LeftAntiJoin, nil
	case connectpb.Join_JOIN_TYPE_LEFT_SEMI:
		return plan.LeftSemiJoin, nil
	case connectpb.Join_JOIN_TYPE_CROSS:
		return plan.CrossJoin, nil
	}
	return 0, sparkerror.InvalidPlanInput("join: unknown join type %s", t)
}

func (l *lowerer) join(j *connectpb.Join) (plan.Node, error) {
	if j.GetLeft() == nil || j.GetRight() == nil {
		return nil, sparkerror.InvalidPlanInput("Both join sides must be present")
	}
	if j.GetJoinCondition() != nil && len(j.GetUsingColumns()) > 0 {
		return nil, sparkerror.InvalidPlanInput("Using columns or join conditions cannot be set at the same time in Join")
	}
	if j.JoinDataType != nil {
		return nil, sparkerror.NotImplemented("Dataset.joinWith (a join with join_data_type)")
	}
	jt, err := joinType(j.GetJoinType())
	if err != nil {
		return nil, err
	}
	left, err := l.relation(j.GetLeft())
	if err != nil {
		return nil, err
	}
	right, err := l.relation(j.GetRight())
	if err != nil {
		return nil, err
	}
	n := &plan.Join{Left: left, Right: right, Type: jt}
	if len(j.GetUsingColumns()) > 0 {
		n.Using = append([]string(nil), j.GetUsingColumns()...)
	}
	if j.GetJoinCondition() != nil {
		if n.Cond, err = l.scalar(j.GetJoinCondition()); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func (l *lowerer) lateralJoin(j *connectpb.LateralJoin) (plan.Node, error) {
	if j.GetLeft() == nil || j.GetRight() == nil {
		return nil, sparkerror.InvalidPlanInput("Both join sides must be present")
	}
	jt, err := joinType(j.GetJoinType())
	if err != nil {
		return nil, err
	}
	left, err := l.relation(j.GetLeft())
	if err != nil {
		return nil, err
	}
	right, err := l.relation(j.GetRight())
	if err != nil {
		return nil, err
	}
	n := &plan.Join{Left: left, Right: right, Type: jt, Lateral: true}
	if j.GetJoinCondition() != nil {
		if n.Cond, err = l.scalar(j.GetJoinCondition()); err != nil {
			return nil, err
		}
	}
	return n, nil
}

func (l *lowerer) setOp(s *connectpb.SetOperation) (plan.Node, error) {
	if s.GetLeftInput() == nil || s.GetRightInput() == nil {
		return nil, sparkerror.InvalidPlanInput("Set operation must have 2 inputs")
	}
	n := &plan.SetOp{All: s.GetIsAll()}
	switch s.GetSetOpType() {
	case connectpb.SetOperation_SET_OP_TYPE_EXCEPT:
		if s.GetByName() {
			return nil, sparkerror.InvalidPlanInput("Except does not support union_by_name")
		}
		n.Kind = plan.ExceptOp
	case connectpb.SetOperation_SET_OP_TYPE_INTERSECT:
		if s.GetByName() {
			return nil, sparkerror.InvalidPlanInput("Intersect does not support union_by_name")
		}
		n.Kind = plan.IntersectOp
	case connectpb.SetOperation_SET_OP_TYPE_UNION:
		if !s.GetByName() && s.GetAllowMissingColumns() {
			return nil, sparkerror.InvalidPlanInput("UnionByName `allowMissingCol` can be true only if `byName` is true.")
		}
		n.Kind, n.ByName, n.AllowMissing = plan.UnionOp, s.GetByName(), s.GetAllowMissingColumns()
	default:
		return nil, sparkerror.InvalidPlanInput("unknown set operation type %s", s.GetSetOpType())
	}
	var err error
	if n.Left, err = l.relation(s.GetLeftInput()); err != nil {
		return nil, err
	}
	if n.Right, err = l.relation(s.GetRightInput()); err != nil {
		return nil, err
	}
	if n.Kind == plan.UnionOp && !n.All {
		// union() is UNION ALL; a distinct union is a Distinct over it, as in Spark.
		return &plan.Distinct{Child: n}, nil
	}
	return n, nil
}

func (l *lowerer) sort(s *connectpb.Sort) (plan.Node, error) {
	if len(s.GetOrder()) == 0 {
		return nil, sparkerror.InvalidPlanInput("'order' must be present and contain elements.")
	}
	child, err := l.input(s.GetInput(), "sort")
	if err != nil {
		return nil, err
	}
	orders := make([]*plan.SortOrder, len(s.GetOrder()))
	for i, o := range s.GetOrder() {
		so, err := l.sortOrder(o)
		if err != nil {
			return nil, err
		}
		if err := checkNoRegex(so); err != nil {
			return nil, err
		}
		orders[i] = so
	}
	return &plan.Sort{Child: child, Orders: orders, Global: s.GetIsGlobal()}, nil
}

func (l *lowerer) deduplicate(d *connectpb.Deduplicate) (plan.Node, error) {
	if d.GetInput() == nil {
		return nil, sparkerror.InvalidPlanInput("Deduplicate needs a plan input")
	}
	if d.GetAllColumnsAsKeys() && len(d.GetColumnNames()) > 0 {
		return nil, sparkerror.InvalidPlanInput("Cannot deduplicate on both all columns and a subset of columns")
	}
	if !d.GetAllColumnsAsKeys() && len(d.GetColumnNames()) == 0 {
		return nil, sparkerror.InvalidPlanInput("Deduplicate requires to either deduplicate on all columns or a subset of columns")
	}
	child, err := l.relation(d.GetInput())
	if err != nil {
		return nil, err
	}
	// dropDuplicatesWithinWatermark on a batch query is a plain deduplication.
	n := &plan.Deduplicate{Child: child, AllColumns: d.GetAllColumnsAsKeys()}
	seen := map[string]bool{}
	for _, c := range d.GetColumnNames() {
		// Spark keys on the distinct names (colNames.toSet).
		if !seen[c] {
			seen[c] = true
			n.Columns = append(n.Columns, c)
		}
	}
	return n, nil
}

func (l *lowerer) repartitionByExpression(r *connectpb.RepartitionByExpression) (plan.Node, error) {
	child, err := l.input(r.GetInput(), "repartitionByExpression")
	if err != nil {
		return nil, err
	}
	keys, err := l.scalars(r.GetPartitionExprs())
	if err != nil {
		return nil, err
	}
	sorted := 0
	for _, k := range keys {
		if _, ok := k.(*plan.SortOrder); ok {
			sorted++
		}
	}
	if sorted > 0 {
		if sorted != len(keys) {
			return nil, requirementFailed("%s", "RepartitionByExpression expects all partition expressions to be either all SortOrder or none of them")
		}
		return nil, sparkerror.NotImplemented("repartitionByRange (range partitioning)")
	}
	n := &plan.Repartition{Child: child, Keys: keys, Shuffle: true}
	if r.NumPartitions != nil {
		if r.GetNumPartitions() <= 0 {
			return nil, requirementFailed("Number of partitions (%d) must be positive.", r.GetNumPartitions())
		}
		n.N = int(r.GetNumPartitions())
	}
	return n, nil
}

// sample lowers Sample. randomSplit asks for a deterministic order: Spark sorts each
// partition by the orderable columns first, so every split sees the rows in the same
// order.
func (l *lowerer) sample(s *connectpb.Sample) (plan.Node, error) {
	child, err := l.input(s.GetInput(), "sample")
	if err != nil {
		return nil, err
	}
	const eps = 1e-6 // RandomSampler.roundingEpsilon
	fraction := s.GetUpperBound() - s.GetLowerBound()
	if s.GetWithReplacement() {
		if fraction < -eps {
			return nil, requirementFailed("Sampling fraction (%v) must be nonnegative with replacement", fraction)
		}
	} else if fraction < -eps || fraction > 1+eps {
		return nil, requirementFailed("Sampling fraction (%v) must be on interval [0, 1] without replacement", fraction)
	}
	seed := rand.Int64()
	if s.Seed != nil {
		seed = s.GetSeed()
	}
	if s.GetDeterministicOrder() {
		resolved, err := l.analyzed(child, "randomSplit")
		if err != nil {
			return nil, err
		}
		cols := l.columnRefs(child, resolved.Output())
		var orders []*plan.SortOrder
		for i, a := range cols.out {
			if orderable(a.Type) {
				orders = append(orders, &plan.SortOrder{Child: cols.refs[i], NullsFirst: true, Explicit: true})
			}
		}
		if len(orders) > 0 {
			var sorted plan.Node = &plan.Sort{Child: cols.base, Orders: orders}
			if cols.renamed {
				sorted = &plan.Project{Child: sorted, Exprs: cols.all()}
			}
			child = sorted
		}
	}
	return &plan.Sample{Child: child, Lower: s.GetLowerBound(), Upper: s.GetUpperBound(), Replacement: s.GetWithReplacement(), Seed: seed}, nil
}

// lowerLocal decodes a LocalRelation: Arrow IPC data and an optional schema (DDL, type
// string or JSON, as PySpark sends it).
func lowerLocal(l *connectpb.LocalRelation) (plan.Node, error) {
	var st *types.StructType
	if l.Schema != nil {
		s, err := types.ParseDDLOrJSON(l.GetSchema())
		if err != nil {
			return nil, err
		}
		st = s
	}
	if l.Data == nil {
		if st == nil {
			return nil, sparkerror.InvalidPlanInput("Schema for LocalRelation is required when the input data is not provided.")
		}
		schema, err := types.ToArrowSchema(st)
		if err != nil {
			return nil, err
		}
		return &plan.LocalData{ArrowSchema: schema, Schema: st}, nil
	}
	schema, batches, err := arrowbatch.Decode(l.GetData())
	if err != nil {
		return nil, sparkerror.InvalidPlanInput("local relation: the data is not a valid Arrow IPC stream: %v", err)
	}
	if st == nil {
		if st, err = types.FromArrowSchema(schema); err != nil {
			releaseAll(batches)
			return nil, err
		}
	}
	if len(st.Fields) != len(schema.Fields()) {
		releaseAll(batches)
		return nil, sparkerror.InvalidPlanInput("local relation: the schema has %d columns but the data has %d", len(st.Fields), len(schema.Fields()))
	}
	if err := checkLocalSpatial(st, batches); err != nil {
		releaseAll(batches)
		return nil, err
	}
	return &plan.LocalData{ArrowSchema: schema, Batches: batches, Schema: st}, nil
}

func releaseAll(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}

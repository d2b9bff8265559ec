package analyzer

import (
	"fmt"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Options are the session settings and state the analyzer reads.
type Options struct {
	CaseSensitive bool
	ANSI          bool
	// Catalog resolves table and view names; nil means no tables exist.
	Catalog Catalog
	// OpenDataSource opens the files of spark.read (format, paths, user schema, options):
	// their schema and a handle the physical planner scans. nil: file reads fail.
	OpenDataSource func(format string, paths []string, schema *types.StructType, options map[string]string) (*types.StructType, any, error)
	// DefaultSource is spark.sql.sources.default, the format of a read that names none.
	DefaultSource string
	// Variables are the session variables names resolve to when no column matches; nil: none.
	Variables Variables
	// TimestampNTZ is spark.sql.timestampType=TIMESTAMP_NTZ: the functions typed by that
	// setting (make_timestamp, to_timestamp, ...) give TIMESTAMP_NTZ.
	TimestampNTZ bool
	// Settings reads the other session configs some functions resolve by (the legacy
	// flags of settings.go); nil reads every key as unset.
	Settings Settings
}

// Catalog is what the analyzer needs from the session's catalog.
type Catalog interface {
	// LookupRelation finds a table or view; it returns nil, nil when there is none.
	LookupRelation(name []string) (*Relation, error)
}

// Relation is a table or view the catalog found.
type Relation struct {
	// QualifiedName is the name columns are qualified with: [spark_catalog, default, t]
	// for tables, [v] for temporary views.
	QualifiedName []string
	// View is a view's unresolved plan (nil for tables); ViewColumns renames its output.
	View        plan.Node
	ViewColumns []string
	// Table is the catalog's handle of a table, carried into the scan; Schema its columns.
	Table  any
	Schema *types.StructType
	// Binding, for views stored with a schema, binds the view's query to it (viewbind.go).
	Binding *ViewBinding
	// Scope, for views, gives the settings the view's query resolves with (the namespace
	// and SQL configs captured when the view was created); nil keeps the caller's.
	Scope func(Options) Options
}

// Resolve returns the resolved form of n.
func Resolve(n plan.Node, opts Options) (plan.Node, error) {
	a := &analyzer{opts: opts, coerce: coercionMode(opts)}
	n, err := rewriteTimeWindows(n)
	if err != nil {
		return nil, err
	}
	if err := a.checkNestedCTENames(n); err != nil {
		return nil, err
	}
	r, err := a.node(n, nil)
	if err != nil {
		return nil, err
	}
	if err := a.checkSubqueries(r); err != nil {
		return nil, err
	}
	return exposeHiddenColumns(r), nil
}

// ResolveExpr resolves an expression against the output of a resolved plan.
func ResolveExpr(e plan.Expr, input plan.Node, opts Options) (plan.Expr, error) {
	a := &analyzer{opts: opts, coerce: coercionMode(opts)}
	return a.expr(e, &scope{attrs: input.Output()})
}

type analyzer struct {
	opts   Options
	coerce coercion.Mode
	// ctes is the stack of WITH clauses in scope, innermost last.
	ctes []map[string]*cteEntry
	// viewDepth guards against views that refer to themselves.
	viewDepth int
	// planIDs are the outputs of the relations Spark Connect tagged with plan ids.
	planIDs map[int64][]*plan.AttributeRef
	// cteOuter collects the outer references of WITH definitions no query reads, which
	// Spark names the enclosing subquery expression after (recursive.go).
	cteOuter []*plan.AttributeRef
	// viewExprs are the expressions of the stored view plans resolved so far, which
	// resolved views share with the catalog (viewbind.go).
	viewExprs map[plan.Expr]bool
	// now is the instant of current_timestamp() and friends in this analysis, once read.
	now       int64
	clockRead bool
	// seeds are the hidden seeds given to random calls written without one (random_seed.go).
	seeds map[*plan.UnresolvedFunction]int64
}

type cteEntry struct {
	def *plan.CTEDef
	// stack is the CTE scope the definition sees (the earlier CTEs).
	stack []map[string]*cteEntry
	// resolving is set while the definition is being resolved (recursion).
	resolving bool
	// recursive marks a definition of WITH RECURSIVE; loop is set while its recursive
	// term is resolved (see recursive.go).
	recursive bool
	loop      *loopState
	// outer is the scope of the query enclosing the WITH clause (a subquery's CTEs may
	// refer to its outer columns).
	outer *scope
	// seeds are the seeds its first resolution gave its random functions, which every
	// later one reuses (recursive.go).
	seeds  []*plan.Literal
	seeded bool
}

// node resolves a plan node. outer is the scope of the enclosing query, for subqueries.
func (a *analyzer) node(n plan.Node, outer *scope) (plan.Node, error) {
	switch n := n.(type) {
	case plan.OneRow:
		return n, nil
	case *plan.Range:
		if n.Step == 0 {
			return nil, sparkerror.New(sparkerror.IllegalArgument, "FAILED_FUNCTION_CALL", "38000",
				"Failed preparing of the function `range` for call. Please, double check function's arguments.",
				map[string]string{"funcName": "`range`"})
		}
		m := *n
		m.Out = []*plan.AttributeRef{plan.NewAttribute("id", types.Long, false)}
		return &m, nil
	case *plan.LocalData:
		if n.Schema != nil && len(n.Schema.Fields) != len(n.ArrowSchema.Fields()) {
			return nil, sparkerror.InvalidPlanInput("local relation: the schema has %d columns but the data has %d",
				len(n.Schema.Fields), len(n.ArrowSchema.Fields()))
		}
		m := *n
		st := n.Schema
		if st == nil {
			var err error
			if st, err = types.FromArrowSchema(n.ArrowSchema); err != nil {
				return nil, err
			}
			m.Schema = st
		}
		m.Out = plan.AttributesOf(st)
		return &m, nil
	case *plan.TableScan:
		return n, nil
	case *plan.DataSourceRead:
		if a.opts.OpenDataSource == nil {
			return nil, sparkerror.NotImplemented("reading files")
		}
		m := *n
		if m.Format == "" {
			m.Format = a.opts.DefaultSource
			if m.Format == "" {
				m.Format = "parquet"
			}
		}
		st, handle, err := a.opts.OpenDataSource(m.Format, m.Paths, m.Schema, m.Options)
		if err != nil {
			return nil, err
		}
		m.Handle = handle
		m.Out = plan.AttributesOf(st)
		return &m, nil
	case *plan.PlanIDTag:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		if a.planIDs == nil {
			a.planIDs = map[int64][]*plan.AttributeRef{}
		}
		a.planIDs[n.ID] = child.Output()
		return child, nil
	case *plan.UnresolvedRelation:
		return a.relation(n)
	case *plan.UnresolvedTableFunction:
		return a.tableFunction(n, outer)
	case *plan.Values:
		return a.values(n, outer)
	case *plan.SubqueryAlias:
		child, err := a.aliasedRelation(n.Child, outer) // relations.go
		if err != nil {
			return nil, err
		}
		return &plan.SubqueryAlias{Child: child, Alias: n.Alias}, nil
	case *plan.Project:
		return a.project(n, outer)
	case *plan.Filter:
		return a.filter(n, outer)
	case *plan.Aggregate:
		return a.aggregate(n, outer)
	case *plan.Sort:
		return a.sort(n, outer)
	case *plan.Limit:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		lim, err := a.limitValue(n.N, "limit", child)
		if err != nil {
			return nil, err
		}
		return &plan.Limit{Child: child, N: lim}, nil
	case *plan.Offset:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		off, err := a.limitValue(n.N, "offset", child)
		if err != nil {
			return nil, err
		}
		return &plan.Offset{Child: child, N: off}, nil
	case *plan.Tail:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		lim, err := a.limitValue(n.N, "tail", child)
		if err != nil {
			return nil, err
		}
		return &plan.Tail{Child: child, N: lim}, nil
	case *plan.Distinct:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		if err := unorderedSetOpError(child.Output()); err != nil {
			return nil, err
		}
		return &plan.Distinct{Child: child}, nil
	case *plan.Join:
		return a.join(n, outer)
	case *plan.SetOp:
		return a.setOp(n, outer)
	case *plan.WithCTE:
		return a.withCTE(n, outer)
	case *plan.LimitAll:
		return a.limitAll(n, outer)
	case *plan.Generate:
		return a.lateralView(n, outer)
	case *plan.ScriptTransform:
		return a.scriptTransform(n, outer)
	case *plan.RenameColumns:
		if tf, ok := n.Child.(*plan.UnresolvedTableFunction); ok {
			return a.tableFunctionAliases(n, tf, outer)
		}
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		out := child.Output()
		if len(out) != len(n.Names) {
			names := make([]string, len(out))
			for i, o := range out {
				names[i] = o.Name
			}
			// Spark raises a plain IllegalArgumentException here, with no error class.
			return nil, &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: fmt.Sprintf("The number of columns doesn't match.\nOld column names (%d): %s\nNew column names (%d): %s",
				len(out), strings.Join(names, ", "), len(n.Names), strings.Join(n.Names, ", "))}
		}
		exprs := make([]plan.Expr, len(out))
		for i, o := range out {
			exprs[i] = &plan.Alias{Child: o, Name: n.Names[i], ID: plan.NewExprID()}
		}
		return &plan.Project{Child: child, Exprs: exprs}, nil
	case *plan.ShowString:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		return &plan.ShowString{Child: child, NumRows: n.NumRows, Truncate: n.Truncate, Vertical: n.Vertical,
			Out: []*plan.AttributeRef{plan.NewAttribute("show_string", types.String, true)}}, nil
	case *plan.Deduplicate:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		m := *n
		m.Child = child
		m.Keys = nil
		if n.AllColumns {
			m.Keys = child.Output()
		} else {
			for _, c := range n.Columns {
				hits, _ := a.resolveIn(child.Output(), []string{c})
				if len(hits) == 0 {
					return nil, analysisError("UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", "42703",
						"Cannot resolve column name <colName> among (<fieldNames>).",
						map[string]string{"colName": `"` + c + `"`, "fieldNames": strings.Join(outputNames(child), ", ")})
				}
				m.Keys = append(m.Keys, hits...)
			}
		}
		if err := unorderedSetOpError(m.Keys); err != nil {
			return nil, err
		}
		return &m, nil
	case *plan.Repartition:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		m := *n
		m.Child = child
		sc := &scope{attrs: child.Output(), outer: outer}
		m.Keys = make([]plan.Expr, len(n.Keys))
		for i, k := range n.Keys {
			if m.Keys[i], err = a.expr(k, sc); err != nil {
				return nil, err
			}
		}
		return &m, nil
	case *plan.Pivot:
		return a.pivot(n, outer)
	case *plan.Unpivot:
		return a.unpivot(n, outer)
	case *plan.Analyzed:
		return n.Child, nil
	case *plan.PipeAggregate:
		return a.pipeAggregate(n, outer)
	case *plan.Sample:
		child, err := a.node(n.Child, outer)
		if err != nil {
			return nil, err
		}
		m := *n
		m.Child = child
		return &m, nil
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("the plan node %T", n))
}

func outputNames(n plan.Node) []string {
	out := n.Output()
	names := make([]string, len(out))
	for i, o := range out {
		names[i] = o.Name
	}
	return names
}

// relation resolves a name to a CTE, a view or a table.
func (a *analyzer) relation(r *plan.UnresolvedRelation) (plan.Node, error) {
	if len(r.Name) == 1 {
		for i := len(a.ctes) - 1; i >= 0; i-- {
			for name, e := range a.ctes[i] {
				if a.equalNames(name, r.Name[0]) {
					return a.cteRef(e)
				}
			}
		}
	}
	if a.opts.Catalog == nil {
		return nil, tableNotFound(r.Name)
	}
	rel, err := a.opts.Catalog.LookupRelation(r.Name)
	if err != nil {
		return nil, err
	}
	if rel == nil {
		return nil, tableNotFound(r.Name)
	}
	if rel.View != nil {
		if a.viewDepth > 32 {
			return nil, analysisError("RECURSIVE_VIEW", "42K0H", "Recursive view <viewIdent> detected (cycle: <newPath>).",
				map[string]string{"viewIdent": QuoteName(rel.QualifiedName), "newPath": QuoteName(rel.QualifiedName)})
		}
		a.viewDepth++
		saved, savedOpts, savedCoerce := a.ctes, a.opts, a.coerce
		a.ctes = nil // a view does not see the caller's CTEs
		if rel.Scope != nil {
			a.opts = rel.Scope(a.opts)
			a.coerce.ANSI = a.opts.ANSI
		}
		if a.viewExprs == nil {
			a.viewExprs = map[plan.Expr]bool{}
		}
		collectStoredExprs(rel.View, a.viewExprs)
		child, err := a.node(rel.View, nil)
		viewANSI := a.opts.ANSI
		a.ctes, a.opts, a.coerce = saved, savedOpts, savedCoerce
		a.viewDepth--
		if err != nil {
			return nil, err
		}
		if viewANSI != a.opts.ANSI {
			pinViewMode(child, viewANSI, a.viewExprs)
		}
		if rel.Binding != nil {
			if child, err = a.bindView(child, rel); err != nil {
				return nil, err
			}
		} else if len(rel.ViewColumns) > 0 {
			child, err = a.renameOutput(child, rel.ViewColumns)
			if err != nil {
				return nil, err
			}
		}
		return &plan.SubqueryAlias{Child: child, Alias: rel.QualifiedName}, nil
	}
	// Queries read CHAR and VARCHAR columns as STRING (spark.sql.preserveCharVarcharTypeInfo
	// is off by default).
	readSchema, _ := types.ReplaceCharVarcharWithString(rel.Schema).(*types.StructType)
	if readSchema == nil {
		readSchema = rel.Schema
	}
	scan := &plan.TableScan{Name: rel.QualifiedName, Table: rel.Table, Out: plan.AttributesOf(readSchema)}
	return &plan.SubqueryAlias{Child: scan, Alias: rel.QualifiedName}, nil
}

// renameOutput gives a resolved node's columns new names (and new IDs).
func (a *analyzer) renameOutput(child plan.Node, names []string) (plan.Node, error) {
	out := child.Output()
	if len(out) != len(names) {
		return nil, analysisError("CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", "21S01",
			"Cannot create view, the reason is not enough data columns: View columns: <viewColumns>. Data columns: <dataColumns>.",
			map[string]string{"viewColumns": strings.Join(names, ", "), "dataColumns": strings.Join(outputNames(child), ", ")})
	}
	exprs := make([]plan.Expr, len(out))
	for i, o := range out {
		exprs[i] = &plan.Alias{Child: o, Name: names[i], ID: plan.NewExprID()}
	}
	return &plan.Project{Child: child, Exprs: exprs}, nil
}

// cteRef resolves a reference to a CTE by resolving its definition again, so every
// reference has its own column IDs (a self-join of a CTE needs that).
func (a *analyzer) cteRef(e *cteEntry) (plan.Node, error) {
	if e.resolving {
		if e.recursive {
			return a.selfRef(e)
		}
		return nil, sparkerror.NotImplemented("recursive common table expressions")
	}
	e.resolving = true
	saved := a.ctes
	a.ctes = e.stack
	child, err := a.cteQuery(e)
	a.ctes = saved
	e.resolving = false
	if err != nil {
		return nil, err
	}
	if len(e.def.Columns) > 0 {
		if len(e.def.Columns) != len(child.Output()) {
			return nil, analysisError("ASSIGNMENT_ARITY_MISMATCH", "42802",
				"The number of columns or variables assigned or aliased: <numTarget> does not match the number of source tuples or expressions: <numExpr>.",
				map[string]string{"numTarget": itoa(len(e.def.Columns)), "numExpr": itoa(len(child.Output()))})
		}
		if child, err = a.renameOutput(child, e.def.Columns); err != nil {
			return nil, err
		}
	}
	return &plan.SubqueryAlias{Child: child, Alias: []string{e.def.Name}}, nil
}

func (a *analyzer) withCTE(n *plan.WithCTE, outer *scope) (plan.Node, error) {
	pop, err := a.pushCTEs(n, outer)
	if err != nil {
		return nil, err
	}
	defer pop()
	return a.node(n.Child, outer)
}

// limitValue checks a LIMIT/OFFSET expression as Spark's checkLimitLikeClause does: a
// foldable integer that is not null and not negative.
func (a *analyzer) limitValue(e plan.Expr, name string, child plan.Node) (plan.Expr, error) {
	// The expression resolves against the child (a column is then not foldable).
	r, err := a.expr(e, &scope{attrs: child.Output()})
	if err != nil {
		return nil, err
	}
	params := map[string]string{"expr": sqlExpr(r), "name": name}
	if !isFoldable(r) {
		return nil, analysisError("INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE", "42K0E",
			"The limit like expression <expr> is invalid. The <name> expression must evaluate to a constant value.", params)
	}
	if _, isInt := plan.TypeOf(r).(types.IntegerType); !isInt {
		params["dataType"] = sqlType(plan.TypeOf(r))
		return nil, analysisError("INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE", "42K0E",
			"The limit like expression <expr> is invalid. The <name> expression must be integer type, but got <dataType>.", params)
	}
	v, ok, err := foldInt(r)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, analysisError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL", "42K0E",
			"The limit like expression <expr> is invalid. The evaluated <name> expression must not be null.", params)
	}
	if v < 0 {
		params["v"] = fmt.Sprint(v)
		return nil, analysisError("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "42K0E",
			"The limit like expression <expr> is invalid. The <name> expression must be equal to or greater than 0, but got <v>.", params)
	}
	return &plan.Literal{Type: types.Long, Value: v, Text: fmt.Sprint(v)}, nil
}

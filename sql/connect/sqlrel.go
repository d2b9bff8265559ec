package connect

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// sql lowers spark.sql(query, args): the query's parameter markers are replaced by the
// arguments, named (:name) or positional (?, in the order they appear in the text), as
// Spark's BindParameters does. Spark reads named_arguments first, then pos_arguments,
// then the deprecated args and pos_args.
func (l *lowerer) sql(s *connectpb.SQL) (plan.Node, error) {
	args := map[string]plan.Expr{}
	positional := false
	switch {
	case len(s.GetNamedArguments()) > 0:
		for _, k := range slices.Sorted(maps.Keys(s.GetNamedArguments())) {
			x, err := l.scalar(s.GetNamedArguments()[k])
			if err != nil {
				return nil, err
			}
			args[k] = x
		}
	case len(s.GetPosArguments()) > 0:
		positional = true
		for i, e := range s.GetPosArguments() {
			x, err := l.scalar(e)
			if err != nil {
				return nil, err
			}
			args[fmt.Sprintf("_%d", i)] = x
		}
	case len(s.GetArgs()) > 0:
		for _, k := range slices.Sorted(maps.Keys(s.GetArgs())) {
			x, err := l.literal(s.GetArgs()[k])
			if err != nil {
				return nil, err
			}
			args[k] = x
		}
	case len(s.GetPosArgs()) > 0:
		positional = true
		for i, lit := range s.GetPosArgs() {
			x, err := l.literal(lit)
			if err != nil {
				return nil, err
			}
			args[fmt.Sprintf("_%d", i)] = x
		}
	}
	for _, k := range slices.Sorted(maps.Keys(args)) {
		if !validSQLArg(args[k]) {
			return nil, sparkerror.New(sparkerror.Analysis, "INVALID_SQL_ARG", "42K08",
				"The argument <name> of `sql()` is invalid. Consider to replace it either by a SQL literal or by collection constructor functions such as `map()`, `array()`, `struct()`.",
				map[string]string{"name": k})
		}
	}
	text := s.GetQuery()
	stmt, err := l.Parser.ParseStatement(text)
	if err != nil {
		return nil, parseError(err)
	}
	// Positional markers are named _<offset>, as Spark names them (an unbound one is
	// reported under that name); they bind to the positional arguments in text order.
	var markers []*ast.Param
	ast.Inspect(stmt, func(n ast.Node) bool {
		if p, ok := n.(*ast.Param); ok && p.Name == "" {
			markers = append(markers, p)
		}
		return true
	})
	sort.SliceStable(markers, func(i, j int) bool { return markers[i].Mark.Offset < markers[j].Mark.Offset })
	fromMarker := map[string]bool{}
	bind := map[string]plan.Expr{}
	for i, p := range markers {
		p.Name = fmt.Sprintf("_%d", p.Mark.Offset)
		fromMarker[p.Name] = true
		if x, ok := args[fmt.Sprintf("_%d", i)]; ok && positional {
			bind[p.Name] = x
		}
	}
	if !positional {
		bind = args
	}
	n, err := l.AST.Statement(stmt, text)
	if err != nil {
		return nil, err
	}
	if len(bind) == 0 {
		return n, nil
	}
	return bindVariableCommand(n, func(e plan.Expr) (plan.Expr, error) {
		p, ok := e.(*plan.Parameter)
		if !ok || p.Position >= 0 || fromMarker[p.Name] != positional {
			return e, nil
		}
		if x, found := bind[p.Name]; found {
			return x, nil
		}
		return e, nil
	})
}

// validSQLArg is Spark's ParameterizedQueryArgumentsValidator: a literal, or array, map
// and struct constructors of literals.
func validSQLArg(e plan.Expr) bool {
	switch x := e.(type) {
	case *plan.Literal:
		return true
	case *plan.Alias:
		return validSQLArg(x.Child)
	case *plan.UnresolvedFunction:
		if len(x.Name) != 1 {
			return false
		}
		switch strings.ToLower(x.Name[0]) {
		case "array", "map", "struct", "named_struct", "map_from_arrays", "map_from_entries":
			for _, a := range x.Args {
				if !validSQLArg(a) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// withRelations lowers a WithRelations. With a SQL root and SubqueryAlias references it
// is spark.sql("... {df} ...", df=df): the references are visible to the query by their
// aliases, as WITH-clause queries. Otherwise the references are the plans that the
// root's subquery expressions name by plan id.
func (l *lowerer) withRelations(w *connectpb.WithRelations) (plan.Node, error) {
	root := w.GetRoot()
	if root == nil {
		return nil, sparkerror.InvalidPlanInput("WithRelations: the root relation is missing")
	}
	if sqlRoot, isSQL := root.GetRelType().(*connectpb.Relation_Sql); isSQL && len(w.GetReferences()) > 0 && allSubqueryAliases(w.GetReferences()) {
		var ctes []*plan.CTEDef
		for _, ref := range w.GetReferences() {
			a := ref.GetSubqueryAlias()
			q, err := l.input(a.GetInput(), "WithRelations reference "+a.GetAlias())
			if err != nil {
				return nil, err
			}
			ctes = append(ctes, &plan.CTEDef{Name: a.GetAlias(), Query: q})
		}
		n, err := l.sql(sqlRoot.Sql)
		if err != nil {
			return nil, err
		}
		return withCTEs(n, ctes)
	}
	refs := maps.Clone(l.refs)
	if refs == nil {
		refs = map[int64]*connectpb.Relation{}
	}
	for _, ref := range w.GetReferences() {
		if ref.GetCommon() == nil || ref.GetCommon().PlanId == nil {
			return nil, sparkerror.InvalidPlanInput("Invalid WithRelation reference: a reference needs a plan id")
		}
		refs[ref.GetCommon().GetPlanId()] = ref
	}
	saved := l.refs
	l.refs = refs
	defer func() { l.refs = saved }()
	return l.relation(root)
}

func allSubqueryAliases(rs []*connectpb.Relation) bool {
	for _, r := range rs {
		if _, ok := r.GetRelType().(*connectpb.Relation_SubqueryAlias); !ok {
			return false
		}
	}
	return true
}

// withCTEs makes the named queries visible to a lowered statement: the query itself, or
// the query a command holds.
func withCTEs(n plan.Node, ctes []*plan.CTEDef) (plan.Node, error) {
	wrap := func(q plan.Node) plan.Node {
		if q == nil {
			return nil
		}
		return &plan.WithCTE{Child: q, CTEs: ctes}
	}
	switch c := n.(type) {
	case *plan.CreateView:
		m := *c
		m.Query = wrap(c.Query)
		return &m, nil
	case *plan.CreateTable:
		m := *c
		m.Query = wrap(c.Query)
		return &m, nil
	case *plan.InsertInto:
		m := *c
		m.Query = wrap(c.Query)
		return &m, nil
	case *plan.DescribeQuery:
		m := *c
		m.Query = wrap(c.Query)
		return &m, nil
	case *plan.ExplainCommand:
		m := *c
		m.Query = wrap(c.Query)
		return &m, nil
	case plan.Command:
		return n, nil
	}
	return wrap(n), nil
}

// reference lowers the WithRelations reference with a plan id.
func (l *lowerer) reference(id int64) (plan.Node, error) {
	r, ok := l.refs[id]
	if !ok {
		return nil, sparkerror.InvalidPlanInput("Missing relation in WithRelations: %d", id)
	}
	if l.active[id] {
		return nil, sparkerror.InvalidPlanInput("the WithRelations references refer to each other in a cycle (plan id %d)", id)
	}
	l.active[id] = true
	defer delete(l.active, id)
	return l.relation(r)
}

// rewritePlan applies f to every expression of a lowered plan, bottom-up, including the
// plans of subqueries, WITH-clause queries and the queries commands hold.
func rewritePlan(n plan.Node, f func(plan.Expr) (plan.Expr, error)) (plan.Node, error) {
	if n == nil {
		return nil, nil
	}
	var expr func(e plan.Expr) (plan.Expr, error)
	expr = func(e plan.Expr) (plan.Expr, error) {
		if e == nil {
			return nil, nil
		}
		return plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
			if s := plan.SubqueryOf(x); s != nil {
				q, err := rewritePlan(s.Plan, f)
				if err != nil {
					return nil, err
				}
				x = plan.WithSubqueryPlan(x, q)
			}
			return f(x)
		})
	}
	exprs := func(es []plan.Expr) ([]plan.Expr, error) {
		if es == nil {
			return nil, nil
		}
		out := make([]plan.Expr, len(es))
		for i, e := range es {
			x, err := expr(e)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	}
	orders := func(os []*plan.SortOrder) ([]*plan.SortOrder, error) {
		out := make([]*plan.SortOrder, len(os))
		for i, o := range os {
			x, err := expr(o)
			if err != nil {
				return nil, err
			}
			so, ok := x.(*plan.SortOrder)
			if !ok {
				return nil, sparkerror.InternalError("a sort order rewrote into %T", x)
			}
			out[i] = so
		}
		return out, nil
	}
	// Children first.
	kids := n.Children()
	if len(kids) > 0 {
		nk := make([]plan.Node, len(kids))
		for i, k := range kids {
			x, err := rewritePlan(k, f)
			if err != nil {
				return nil, err
			}
			nk[i] = x
		}
		n = n.WithChildren(nk)
	}
	var err error
	switch x := n.(type) {
	case *plan.Project:
		m := *x
		m.Exprs, err = exprs(x.Exprs)
		return &m, err
	case *plan.Filter:
		m := *x
		m.Cond, err = expr(x.Cond)
		return &m, err
	case *plan.Aggregate:
		m := *x
		if m.Groups, err = exprs(x.Groups); err != nil {
			return nil, err
		}
		m.Exprs, err = exprs(x.Exprs)
		return &m, err
	case *plan.Sort:
		m := *x
		m.Orders, err = orders(x.Orders)
		return &m, err
	case *plan.Limit:
		m := *x
		m.N, err = expr(x.N)
		return &m, err
	case *plan.Offset:
		m := *x
		m.N, err = expr(x.N)
		return &m, err
	case *plan.Tail:
		m := *x
		m.N, err = expr(x.N)
		return &m, err
	case *plan.Join:
		m := *x
		m.Cond, err = expr(x.Cond)
		return &m, err
	case *plan.Window:
		m := *x
		if m.Exprs, err = exprs(x.Exprs); err != nil {
			return nil, err
		}
		if m.PartitionBy, err = exprs(x.PartitionBy); err != nil {
			return nil, err
		}
		m.OrderBy, err = orders(x.OrderBy)
		return &m, err
	case *plan.Generate:
		m := *x
		m.Generator, err = expr(x.Generator)
		return &m, err
	case *plan.Repartition:
		m := *x
		m.Keys, err = exprs(x.Keys)
		return &m, err
	case *plan.UnresolvedTableFunction:
		m := *x
		m.Args, err = exprs(x.Args)
		return &m, err
	case *plan.Values:
		m := *x
		m.Rows = make([][]plan.Expr, len(x.Rows))
		for i, r := range x.Rows {
			if m.Rows[i], err = exprs(r); err != nil {
				return nil, err
			}
		}
		return &m, nil
	case *plan.WithCTE:
		m := *x
		m.CTEs = make([]*plan.CTEDef, len(x.CTEs))
		for i, d := range x.CTEs {
			q, err := rewritePlan(d.Query, f)
			if err != nil {
				return nil, err
			}
			c := *d
			c.Query = q
			m.CTEs[i] = &c
		}
		return &m, nil
	case *plan.CreateView:
		m := *x
		m.Query, err = rewritePlan(x.Query, f)
		return &m, err
	case *plan.CreateTable:
		m := *x
		m.Query, err = rewritePlan(x.Query, f)
		return &m, err
	case *plan.InsertInto:
		m := *x
		m.Query, err = rewritePlan(x.Query, f)
		return &m, err
	case *plan.DescribeQuery:
		m := *x
		m.Query, err = rewritePlan(x.Query, f)
		return &m, err
	case *plan.ExplainCommand:
		m := *x
		m.Query, err = rewritePlan(x.Query, f)
		return &m, err
	}
	return n, nil
}

package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Generators (explode, posexplode, inline, stack, json_tuple and the _outer forms) turn one input
// row into zero or more output rows. Spark allows them in three places: alone as an item
// of a SELECT list, in LATERAL VIEW, and as table-valued functions in FROM. Each becomes a
// plan.Generate whose Generator is a resolved plan.Call (Fn the generator's pretty name,
// Type array<struct<its output columns>>, as Spark's Generator.dataType) and whose Out
// are the output columns.

// generatorSpec is what a generator name stands for: Spark's pretty name (which its
// messages show, explode_outer included) and whether it is an _outer form.
type generatorSpec struct {
	pretty string
	outer  bool
}

var generators = map[string]generatorSpec{
	"explode": {"explode", false}, "explode_outer": {"explode", true},
	"posexplode": {"posexplode", false}, "posexplode_outer": {"posexplode", true},
	"inline": {"inline", false}, "inline_outer": {"inline", true},
	"stack": {"stack", false}, "json_tuple": {"json_tuple", false},
	"variant_explode": {"variant_explode", false}, "variant_explode_outer": {"variant_explode", true},
}

func init() {
	// Reached only when a generator is used where Spark does not extract it: in WHERE,
	// ORDER BY, GROUP BY, a join condition, ... The places that allow generators look for
	// them before resolving.
	names := make([]string, 0, len(generators))
	for n := range generators {
		if !tableOnlyGenerators[n] {
			names = append(names, n)
		}
	}
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		return nil, generatorOutsideSelect(generators[name].pretty + "(" + joinExprs(args) + ")")
	}, names...)
}

func generatorOutsideSelect(where string) error {
	return analysisError("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", "42K0E",
		"The generator is not supported: outside the SELECT clause, found: <plan>.",
		map[string]string{"plan": where})
}

func nestedGenerator(e plan.Expr) error {
	return analysisError("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", "42K0E",
		"The generator is not supported: nested in expressions <expression>.",
		map[string]string{"expression": `"` + e.String() + `"`})
}

// generatorCall reports whether e is a call of a generator (by a builtin name).
func generatorCall(e plan.Expr) (*plan.UnresolvedFunction, string, bool) {
	f, ok := e.(*plan.UnresolvedFunction)
	if !ok || len(f.Name) == 0 {
		return nil, "", false
	}
	if len(f.Name) > 1 {
		q := strings.ToLower(strings.Join(f.Name[:len(f.Name)-1], "."))
		if q != "system.builtin" && q != "builtin" {
			return nil, "", false
		}
	}
	name := strings.ToLower(f.Name[len(f.Name)-1])
	_, ok = generators[name]
	return f, name, ok && !tableOnlyGenerators[name]
}

// containsGenerator reports whether a generator is called anywhere in e (not counting
// subqueries, which are resolved on their own).
func containsGenerator(e plan.Expr) bool {
	return plan.Any(e, func(x plan.Expr) bool {
		_, _, ok := generatorCall(x)
		return ok
	})
}

// checkGeneratorArgs fails when a generator's arguments call a generator themselves.
func checkGeneratorArgs(f *plan.UnresolvedFunction) error {
	for _, arg := range f.Args {
		if containsGenerator(arg) {
			return nestedGenerator(f)
		}
	}
	return nil
}

// resolveGenerator types a generator call over resolved arguments.
func (a *analyzer) resolveGenerator(name string, args []plan.Expr) (*plan.Call, error) {
	spec := generators[name]
	var fields []types.StructField
	switch spec.pretty {
	case "explode", "posexplode":
		if len(args) != 1 {
			return nil, wrongNumArgs(name, "1", len(args))
		}
		pos := spec.pretty == "posexplode"
		if pos {
			fields = append(fields, types.StructField{Name: "pos", DataType: types.Integer})
		}
		switch t := plan.TypeOf(args[0]).(type) {
		case types.ArrayType:
			fields = append(fields, types.StructField{Name: "col", DataType: t.ElementType, Nullable: t.ContainsNull})
		case types.MapType:
			fields = append(fields, types.StructField{Name: "key", DataType: t.KeyType},
				types.StructField{Name: "value", DataType: t.ValueType, Nullable: t.ValueContainsNull})
		default:
			return nil, unexpectedInputType(spec.pretty+"("+joinExprs(args)+")", 0, `("ARRAY" or "MAP")`, args[0])
		}
	case "inline":
		if len(args) != 1 {
			return nil, wrongNumArgs(name, "1", len(args))
		}
		t, ok := plan.TypeOf(args[0]).(types.ArrayType)
		var st *types.StructType
		if ok {
			st, ok = t.ElementType.(*types.StructType)
		}
		if !ok {
			return nil, unexpectedInputType("inline("+joinExprs(args)+")", 0, `"ARRAY<STRUCT>"`, args[0])
		}
		for _, f := range st.Fields {
			f.Nullable = f.Nullable || t.ContainsNull
			fields = append(fields, f)
		}
	case "json_tuple":
		if len(args) < 2 {
			return nil, wrongNumArgs("json_tuple", "> 1", len(args))
		}
		for _, arg := range args {
			if !isStringType(plan.TypeOf(arg)) {
				return nil, analysisError("DATATYPE_MISMATCH.NON_STRING_TYPE", "42K09",
					"Cannot resolve <sqlExpr> due to data type mismatch: all arguments of the function <funcName> must be strings.",
					map[string]string{"sqlExpr": `"json_tuple(` + joinExprs(args) + `)"`, "funcName": "`json_tuple`"})
			}
		}
		for i := range args[1:] {
			fields = append(fields, types.StructField{Name: "c" + itoa(i), DataType: types.String, Nullable: true})
		}
	case "stack":
		var err error
		if args, fields, err = a.stackColumns(args); err != nil {
			return nil, err
		}
	case "variant_explode":
		var err error
		if args, fields, err = variantExplodeColumns(name, args); err != nil {
			return nil, err
		}
	}
	st := &types.StructType{Fields: fields}
	return &plan.Call{Fn: spec.pretty, Args: args, Type: types.ArrayType{ElementType: st}, Display: spec.pretty}, nil
}

// stackColumns checks stack(n, v1, ..., vk) and types its columns: the values fill n rows
// of ceil(k/n) columns; untyped NULLs take their column's type, and every value of a
// column must have the same type.
func (a *analyzer) stackColumns(args []plan.Expr) ([]plan.Expr, []types.StructField, error) {
	if len(args) <= 1 {
		return nil, nil, wrongNumArgs("stack", "> 1", len(args))
	}
	text := "stack(" + joinExprs(args) + ")"
	n := args[0]
	if !types.Equal(plan.TypeOf(n), types.Integer) {
		return nil, nil, unexpectedInputType(text, 0, `"INT"`, n)
	}
	if !isFoldable(n) {
		return nil, nil, nonFoldable(text, "n", `"INT"`, n)
	}
	rows, ok, err := foldInt(n)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		rows = 0
	}
	if rows < 1 {
		return nil, nil, analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
			map[string]string{"sqlExpr": `"` + text + `"`, "exprName": "`n`", "valueRange": "(0, 2147483647]", "currentValue": itoa(int(rows))})
	}
	vals := append([]plan.Expr(nil), args[1:]...)
	width := (len(vals) + int(rows) - 1) / int(rows)
	colType := make([]types.DataType, width)
	for j := range colType {
		colType[j] = types.Null
		for i := j; i < len(vals); i += width {
			if t := plan.TypeOf(vals[i]); !types.Equal(t, types.Null) {
				colType[j] = t
				break
			}
		}
	}
	for i, v := range vals {
		if l, ok := v.(*plan.Literal); ok && l.Value == nil && types.Equal(l.Type, types.Null) {
			vals[i] = castTo(v, colType[i%width])
		}
	}
	for i, v := range vals {
		j := i % width
		if !types.Equal(plan.TypeOf(v), plan.TypeOf(vals[j])) {
			return nil, nil, analysisError("DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The data type of the column (<columnIndex>) do not have the same type: <leftType> (<leftParamIndex>) <> <rightType> (<rightParamIndex>).",
				map[string]string{"sqlExpr": `"` + text + `"`, "columnIndex": itoa(j), "leftParamIndex": itoa(j + 1),
					"leftType": sqlType(plan.TypeOf(vals[j])), "rightParamIndex": itoa(i + 1), "rightType": sqlType(plan.TypeOf(v))})
		}
	}
	fields := make([]types.StructField, width)
	for j := range fields {
		fields[j] = types.StructField{Name: "col" + itoa(j), DataType: plan.TypeOf(vals[j]), Nullable: true}
	}
	return append([]plan.Expr{n}, vals...), fields, nil
}

// generatorFields are the output columns of a resolved generator call.
func generatorFields(g *plan.Call) []types.StructField {
	return g.Type.(types.ArrayType).ElementType.(*types.StructType).Fields
}

// newGenerate builds Generate over child: the output columns take names (all of them, or
// none for the generator's own), are nullable under outer, and carry qualifier.
func newGenerate(child plan.Node, g *plan.Call, names []string, outer bool, qualifier []string) (*plan.Generate, error) {
	fields := generatorFields(g)
	if len(names) > 0 && len(names) != len(fields) {
		return nil, analysisError("UDTF_ALIAS_NUMBER_MISMATCH", "42802",
			"The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF.\nExpected <aliasesSize> aliases, but got <aliasesNames>.\nPlease ensure that the number of aliases provided matches the number of columns output by the UDTF.",
			map[string]string{"aliasesSize": itoa(len(fields)), "aliasesNames": strings.Join(names, ",")})
	}
	out := make([]*plan.AttributeRef, len(fields))
	for i, f := range fields {
		name := f.Name
		if len(names) > 0 {
			name = names[i]
		}
		out[i] = plan.NewAttribute(name, f.DataType, f.Nullable || outer)
		out[i].Qualifier = qualifier
	}
	gen := &plan.Generate{Child: child, Generator: g, Outer: outer, Names: names, Out: out}
	if len(qualifier) > 0 {
		gen.Qualifier = strings.Join(qualifier, ".")
	}
	return gen, nil
}

// generateOver resolves the generator call f against sc and applies it to child.
func (a *analyzer) generateOver(child plan.Node, f *plan.UnresolvedFunction, name string, sc *scope, names []string, outer bool, qualifier []string) (*plan.Generate, error) {
	if err := checkGeneratorArgs(f); err != nil {
		return nil, err
	}
	if f.Distinct {
		return nil, analysisError("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "42000",
			"Invalid SQL syntax: The function <prettyName> does not support <syntax>.",
			map[string]string{"prettyName": quoteID(name), "syntax": "DISTINCT"})
	}
	if err := checkGeneratorArgNames(name, f.ArgNames); err != nil {
		return nil, err
	}
	args := make([]plan.Expr, len(f.Args))
	for i, arg := range f.Args {
		r, err := a.expr(arg, sc)
		if err != nil {
			return nil, err
		}
		args[i] = r
	}
	g, err := a.resolveGenerator(name, args)
	if err != nil {
		return nil, err
	}
	return newGenerate(child, g, names, outer || generators[name].outer, qualifier)
}

// checkGeneratorArgNames allows the named arguments Spark's generators declare: explode
// and posexplode(collection => ...), inline(input => ...).
func checkGeneratorArgNames(name string, names []string) error {
	param := map[string]string{"explode": "collection", "posexplode": "collection", "inline": "input", "variant_explode": "input"}[generators[name].pretty]
	for _, n := range names {
		if n == "" {
			continue
		}
		if param == "" {
			return analysisError("NAMED_PARAMETERS_NOT_SUPPORTED", "4274K",
				"Named parameters are not supported for function <functionName>; please retry the query with positional arguments to the function call instead.",
				map[string]string{"functionName": quoteID(name)})
		}
		if !strings.EqualFold(n, param) {
			return analysisError("UNRECOGNIZED_PARAMETER_NAME", "4274K",
				"Cannot invoke routine <routineName> because the routine call included a named argument reference for the argument named <argumentName>, but this routine does not include any signature containing an argument with this name. Did you mean one of the following? [<proposal>].",
				map[string]string{"routineName": quoteID(name), "argumentName": quoteID(n), "proposal": quoteID(param)})
		}
	}
	return nil
}

// selectItem splits a select item into the expression and the names its alias gives.
func selectItem(e plan.Expr) (plan.Expr, []string) {
	switch x := e.(type) {
	case *plan.Alias:
		return x.Child, []string{x.Name}
	case *plan.MultiAlias:
		return x.Child, x.Names
	case *plan.UnresolvedAlias:
		return x.Child, nil
	}
	return e, nil
}

// selectHasGenerator reports whether a select list needs projectGenerators: it calls a
// generator or has a multi-name alias.
func selectHasGenerator(items []plan.Expr) bool {
	for _, it := range items {
		if _, ok := it.(*plan.MultiAlias); ok {
			return true
		}
		if containsGenerator(it) {
			return true
		}
	}
	return false
}

// containsAggregateCall reports whether an unresolved expression calls an aggregate
// function outside a window.
func containsAggregateCall(e plan.Expr) bool {
	found := false
	plan.Walk(e, func(x plan.Expr) bool {
		if found {
			return false
		}
		switch x := x.(type) {
		case *plan.WindowExpr:
			return false
		case *plan.UnresolvedFunction:
			if def, ok := registry[strings.ToLower(x.Name[len(x.Name)-1])]; ok && def.kind == AggregateFunction {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// projectGenerators resolves a select list with generators, as Spark's ExtractGenerator
// does: each generator item becomes a Generate under the projection (the first innermost),
// its columns taking the item's place. Without aggregates the other items are computed
// over the generated rows; with aggregates (select list of an aggregate, or an aggregate in
// a generator's arguments) the aggregate computes the other items and the generators'
// arguments, and the generators run over its rows.
func (a *analyzer) projectGenerators(n plan.Node, items []plan.Expr, outer *scope) (plan.Node, error) {
	type genItem struct {
		f     *plan.UnresolvedFunction
		name  string
		names []string
	}
	gens := map[int]genItem{}
	aggregates := false
	if _, ok := n.(*plan.Aggregate); ok {
		aggregates = true
	}
	for i, it := range items {
		e, names := selectItem(it)
		if f, name, ok := generatorCall(e); ok {
			if err := checkGeneratorArgs(f); err != nil {
				return nil, err
			}
			gens[i] = genItem{f: f, name: name, names: names}
			aggregates = aggregates || containsAggregateCall(f)
			continue
		}
		if containsGenerator(e) {
			return nil, nestedGenerator(e)
		}
		if ma, ok := it.(*plan.MultiAlias); ok {
			return nil, analysisError("MULTI_ALIAS_WITHOUT_GENERATOR", "42K0E",
				"Multi part aliasing (<names>) is not supported with <expr> as it is not a generator function.",
				map[string]string{"names": strings.Join(ma.Names, ", "), "expr": sqlExpr(ma.Child)})
		}
		aggregates = aggregates || containsAggregateCall(e)
	}
	if aggregates {
		if len(gens) > 1 {
			// One generator per aggregate: Spark extracts them into a single Generate.
			var list []string
			for i := range items {
				if g, ok := gens[i]; ok {
					list = append(list, sqlExpr(g.f))
				}
			}
			return nil, analysisError("UNSUPPORTED_GENERATOR.MULTI_GENERATOR", "42K0E",
				"The generator is not supported: only one generator allowed per SELECT clause but found <num>: <generators>.",
				map[string]string{"num": itoa(len(gens)), "generators": strings.Join(list, ", ")})
		}
		return a.aggregateGenerators(n, items, outer)
	}
	proj := n.(*plan.Project)
	child, err := a.node(proj.Child, outer)
	if err != nil {
		return nil, err
	}
	sc := &scope{attrs: child.Output(), outer: outer}
	var exprs []plan.Expr
	cur := child
	for i, it := range items {
		g, ok := gens[i]
		if !ok {
			xs, err := a.selectList([]plan.Expr{it}, sc)
			if err != nil {
				return nil, err
			}
			exprs = append(exprs, xs...)
			continue
		}
		gen, err := a.generateOver(cur, g.f, g.name, sc, g.names, false, nil)
		if err != nil {
			return nil, err
		}
		cur = gen
		for _, o := range gen.Out {
			exprs = append(exprs, o)
		}
	}
	pruneGenerates(cur, exprs)
	return a.extractWindows(&plan.Project{Child: cur, Exprs: exprs, PipeClause: proj.PipeClause})
}

// pruneGenerates marks, in the chain of Generates a select list's generators made, the
// child columns nothing above reads (the exploded collection, typically) as unrequired,
// so they are not copied for every generated row.
func pruneGenerates(top plan.Node, exprs []plan.Expr) {
	used := map[plan.ExprID]bool{}
	mark := func(e plan.Expr) {
		plan.Walk(e, func(x plan.Expr) bool {
			if at, ok := x.(*plan.AttributeRef); ok {
				used[at.ID] = true
			}
			return true
		})
	}
	for _, e := range exprs {
		mark(e)
	}
	// Outermost first: a Generate's own arguments are read from its input, so only the
	// Generates below it must carry their columns.
	for n := top; ; {
		g, ok := n.(*plan.Generate)
		if !ok {
			return
		}
		g.Unrequired = nil
		for i, at := range g.Child.Output() {
			if !used[at.ID] {
				g.Unrequired = append(g.Unrequired, i)
			}
		}
		for _, arg := range g.Generator.Children() {
			mark(arg)
		}
		n = g.Child
	}
}

// aggregateGenerators is projectGenerators over an aggregate: the aggregate (or the
// projection the analyzer turns into one) computes the other items and, as _gen_input_i
// columns, the generators' arguments that are not literals; the generators then run over
// its rows and a projection restores the select list's order.
func (a *analyzer) aggregateGenerators(n plan.Node, items []plan.Expr, outer *scope) (plan.Node, error) {
	var inner []plan.Expr
	type genItem struct {
		name   string
		names  []string
		args   []plan.Expr
		inputs []int // per argument: its column among the inputs, or -1 for a literal
	}
	var gens []genItem
	var order []int // per item: -1 for other items, else the generator's index
	nInputs := 0
	var others []plan.Expr
	for _, it := range items {
		e, names := selectItem(it)
		f, name, ok := generatorCall(e)
		if !ok {
			if _, star := it.(*plan.UnresolvedStar); star {
				return nil, sparkerror.NotImplemented("a star next to a generator in an aggregate's select list")
			}
			others = append(others, it)
			order = append(order, -1)
			continue
		}
		g := genItem{name: name, names: names, args: f.Args}
		for _, arg := range f.Args {
			if _, lit := arg.(*plan.Literal); lit {
				g.inputs = append(g.inputs, -1)
				continue
			}
			g.inputs = append(g.inputs, nInputs)
			nInputs++
		}
		order = append(order, len(gens))
		gens = append(gens, g)
	}
	inner = append(inner, others...)
	k := 0
	for _, g := range gens {
		for i, arg := range g.args {
			if g.inputs[i] >= 0 {
				inner = append(inner, &plan.Alias{Child: arg, Name: "_gen_input_" + itoa(k)})
				k++
			}
		}
	}
	var in plan.Node
	var err error
	switch n := n.(type) {
	case *plan.Project:
		in, err = a.project(&plan.Project{Child: n.Child, Exprs: inner, PipeClause: n.PipeClause}, outer)
	case *plan.Aggregate:
		m := *n
		m.Exprs = inner
		in, err = a.aggregate(&m, outer)
	}
	if err != nil {
		return nil, err
	}
	out := in.Output()
	if len(out) != len(others)+nInputs {
		return nil, sparkerror.InternalError("generator inputs: %d columns for %d items", len(out), len(others)+nInputs)
	}
	inputs := out[len(others):]
	var exprs []plan.Expr
	cur, next := in, 0
	for _, gi := range order {
		if gi < 0 {
			exprs = append(exprs, out[next])
			next++
			continue
		}
		g := gens[gi]
		// Type the call on the arguments themselves, so messages show them, then read the
		// computed ones from the aggregate's columns.
		args := make([]plan.Expr, len(g.args))
		for i, arg := range g.args {
			if g.inputs[i] < 0 {
				if args[i], err = a.expr(arg, &scope{}); err != nil {
					return nil, err
				}
				continue
			}
			if args[i] = findAliased(in, inputs[g.inputs[i]].ID); args[i] == nil {
				args[i] = inputs[g.inputs[i]]
			}
		}
		call, err := a.resolveGenerator(g.name, args)
		if err != nil {
			return nil, err
		}
		for i := range args {
			if g.inputs[i] >= 0 && (i > 0 || call.Fn != "stack") {
				call.Args[i] = castTo(inputs[g.inputs[i]], plan.TypeOf(call.Args[i]))
			}
		}
		gen, err := newGenerate(cur, call, g.names, generators[g.name].outer, nil)
		if err != nil {
			return nil, err
		}
		cur = gen
		for _, o := range gen.Out {
			exprs = append(exprs, o)
		}
	}
	pruneGenerates(cur, exprs)
	return &plan.Project{Child: cur, Exprs: exprs}, nil
}

// findAliased finds the expression a node's alias with the given ID computes.
func findAliased(n plan.Node, id plan.ExprID) plan.Expr {
	for _, e := range plan.Expressions(n) {
		if al, ok := e.(*plan.Alias); ok && al.ID == id {
			return al.Child
		}
	}
	for _, c := range n.Children() {
		if e := findAliased(c, id); e != nil {
			return e
		}
	}
	return nil
}

// lateralView resolves LATERAL VIEW [OUTER] gen(args) table AS names (lowered to an
// unresolved Generate): the generator's arguments see the child's columns, and its columns
// are qualified by the table name.
func (a *analyzer) lateralView(n *plan.Generate, outer *scope) (plan.Node, error) {
	child, err := a.node(n.Child, outer)
	if err != nil {
		return nil, err
	}
	var qualifier []string
	if n.Qualifier != "" {
		qualifier = []string{n.Qualifier}
	}
	sc := &scope{attrs: child.Output(), outer: outer}
	if g, ok := n.Generator.(*plan.Call); ok {
		// Already resolved (a plan analyzed twice).
		return newGenerate(child, g, n.Names, n.Outer, qualifier)
	}
	f, name, ok := generatorCall(n.Generator)
	if !ok {
		if uf, isCall := n.Generator.(*plan.UnresolvedFunction); isCall {
			if _, known := registry[strings.ToLower(uf.Name[len(uf.Name)-1])]; known && len(uf.Name) == 1 {
				return nil, analysisError("UNSUPPORTED_GENERATOR.NOT_GENERATOR", "42K0E",
					"The generator is not supported: <functionName> is expected to be a generator. However, its class is <classCanonicalName>, which is not a generator.",
					map[string]string{"functionName": quoteID(strings.ToLower(uf.Name[0])), "classCanonicalName": uf.Name[0]})
			}
			return nil, unresolvedRoutine(uf.Name)
		}
		return nil, sparkerror.InvalidPlanInput("LATERAL VIEW needs a generator call, got %s", n.Generator)
	}
	return a.generateOver(child, f, name, sc, n.Names, n.Outer, qualifier)
}

// generatorTable resolves a generator called as a table-valued function: it runs over
// the single empty row.
func (a *analyzer) generatorTable(n *plan.UnresolvedTableFunction, name string, outer *scope) (plan.Node, error) {
	f := &plan.UnresolvedFunction{Name: n.Name, Args: n.Args, ArgNames: n.ArgNames}
	return a.generateOver(plan.OneRow{}, f, name, &scope{outer: outer}, nil, false, nil)
}

// tableFunctionAliases resolves fn(...) AS t(names): as many names as the function has
// columns.
func (a *analyzer) tableFunctionAliases(n *plan.RenameColumns, tf *plan.UnresolvedTableFunction, outer *scope) (plan.Node, error) {
	child, err := a.node(tf, outer)
	if err != nil {
		return nil, err
	}
	out := child.Output()
	if len(out) != len(n.Names) {
		return nil, analysisError("NUM_TABLE_VALUE_ALIASES_MISMATCH", "42826",
			"Number of given aliases does not match number of output columns.\nFunction name: <funcName>; number of aliases: <aliasesNum>; number of output columns: <outColsNum>.",
			map[string]string{"funcName": QuoteName(tf.Name), "aliasesNum": itoa(len(n.Names)), "outColsNum": itoa(len(out))})
	}
	exprs := make([]plan.Expr, len(out))
	for i, o := range out {
		exprs[i] = &plan.Alias{Child: o, Name: n.Names[i], ID: plan.NewExprID()}
	}
	return &plan.Project{Child: child, Exprs: exprs}, nil
}

// lateralGenerator resolves FROM left, LATERAL gen(...) [AS t(names)] (and LEFT JOIN
// LATERAL gen(...) ON true) as a Generate over the left side, whose arguments see the
// left side's columns. ok is false when the right side is not a generator.
func (a *analyzer) lateralGenerator(left plan.Node, n *plan.Join, outer *scope) (plan.Node, bool, error) {
	right := n.Right
	var qualifier, names []string
	if sa, ok := right.(*plan.SubqueryAlias); ok {
		qualifier, right = sa.Alias, sa.Child
	}
	if rc, ok := right.(*plan.RenameColumns); ok {
		names, right = rc.Names, rc.Child
	}
	tf, ok := right.(*plan.UnresolvedTableFunction)
	if !ok {
		return nil, false, nil
	}
	f := &plan.UnresolvedFunction{Name: tf.Name, Args: tf.Args, ArgNames: tf.ArgNames}
	_, name, ok := tableGeneratorCall(f)
	if !ok {
		return nil, false, nil
	}
	genOuter := false
	switch n.Type {
	case plan.InnerJoin, plan.CrossJoin:
	case plan.LeftOuterJoin:
		if n.Cond != nil {
			if l, isLit := n.Cond.(*plan.Literal); !isLit || l.Value != true {
				// Rows the condition rejects still keep their left side: a lateral join
				// with the generator as its subquery (analyzer.join resolves it so).
				return nil, false, nil
			}
		}
		genOuter = true
	default:
		return nil, true, sparkerror.NotImplemented(n.Type.String() + " LATERAL joins with a generator")
	}
	sc := &scope{attrs: left.Output(), outer: outer}
	gen, err := a.generateOver(left, f, name, sc, nil, genOuter, qualifier)
	if err != nil {
		return nil, true, err
	}
	if len(names) > 0 {
		if len(names) != len(gen.Out) {
			return nil, true, analysisError("NUM_TABLE_VALUE_ALIASES_MISMATCH", "42826",
				"Number of given aliases does not match number of output columns.\nFunction name: <funcName>; number of aliases: <aliasesNum>; number of output columns: <outColsNum>.",
				map[string]string{"funcName": QuoteName(tf.Name), "aliasesNum": itoa(len(names)), "outColsNum": itoa(len(gen.Out))})
		}
		for i, o := range gen.Out {
			o.Name = names[i]
		}
		gen.Names = names
	}
	var node plan.Node = gen
	if n.Type != plan.LeftOuterJoin && n.Cond != nil {
		cond, err := a.expr(n.Cond, &scope{attrs: gen.Output(), outer: outer})
		if err != nil {
			return nil, true, err
		}
		if err := a.checkPredicate(cond, "JOIN"); err != nil {
			return nil, true, err
		}
		node = &plan.Filter{Child: gen, Cond: cond}
	}
	return node, true, nil
}

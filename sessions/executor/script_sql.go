package executor

// This file is the SQL side of running a script (script_interp.go): its statements, the
// conditions of its control flow, the rows of FOR, and its local variables, which every
// analysis of the script's statements reads through variablesOf (script.go) before the
// session's variables.

import (
	"context"
	"strings"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Variable is a session variable, for the analysis of the script's statements.
func (r *scriptRun) Variable(name string) (*plan.Literal, bool) { return r.s.Variables.Variable(name) }

// LocalVariable is a local variable of the script (analyzer.LocalVariables).
func (r *scriptRun) LocalVariable(parts []string) (*plan.Literal, string, bool) {
	v, sc := r.lookupLocal(parts)
	if v == nil {
		return nil, "", false
	}
	return v.Value, sc.label, true
}

// lookupLocal finds a local variable by name or label.name (case-adjusted) as Spark's
// SqlScriptingLocalVariableManager does: in the scopes of the frame running, innermost
// first, then in each frame below only from the scope declaring the handler of the frame
// above outwards, so that a handler does not see the variables of the blocks inside the
// one declaring it.
func (r *scriptRun) lookupLocal(parts []string) (*sessions.Variable, *scope) {
	if len(parts) == 0 || len(parts) > 2 || len(r.frames) == 0 {
		return nil, nil
	}
	search := func(scopes []*scope) (*sessions.Variable, *scope, bool) {
		for i := len(scopes) - 1; i >= 0; i-- {
			sc := scopes[i]
			if len(parts) == 1 {
				if v, ok := sc.vars[parts[0]]; ok {
					return v, sc, true
				}
				continue
			}
			if sc.label == parts[0] {
				// The scope of that label decides, whether it has the variable or not.
				v := sc.vars[parts[1]]
				if v == nil {
					return nil, nil, true
				}
				return v, sc, true
			}
		}
		return nil, nil, false
	}
	top := r.top()
	if v, sc, done := search(top.scopes()); done {
		return v, sc
	}
	decl := top.declScope
	for k := len(r.frames) - 2; k >= 0 && decl != nil; k-- {
		scopes := r.frames[k].scopes()
		idx := -1
		for i, sc := range scopes {
			if sc == decl {
				idx = i
				break
			}
		}
		if idx < 0 {
			continue
		}
		if v, sc, done := search(scopes[:idx+1]); done {
			return v, sc
		}
		decl = r.frames[k].declScope
	}
	return nil, nil
}

// currentScope is the innermost scope of the frame running: where DECLARE declares.
func (r *scriptRun) currentScope() *scope {
	scopes := r.top().scopes()
	if len(scopes) == 0 {
		return nil
	}
	return scopes[len(scopes)-1]
}

// normalizeName is a variable's name as it is stored: lower case unless the analysis is
// case-sensitive.
func (r *scriptRun) normalizeName(name string) string {
	if r.s.Conf.CaseSensitive() {
		return name
	}
	return strings.ToLower(name)
}

// exec runs a statement of the script that is not control flow. A query is collected and
// becomes the script's result; commands run as they do outside scripts, except for the
// variable commands, which work on the script's local variables.
func (r *scriptRun) exec(ctx context.Context, st ast.Statement) error {
	n, err := lowering(r.s).AST.Statement(st, r.text)
	if err != nil {
		return err
	}
	switch c := n.(type) {
	case *plan.DeclareVariable:
		return r.declare(ctx, c)
	case *plan.SetVariable:
		return r.set(ctx, c)
	case *plan.DropVariable:
		return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_FEATURE.SQL_SCRIPTING_DROP_TEMPORARY_VARIABLE", "0A000",
			"The feature is not supported: DROP TEMPORARY VARIABLE is not supported within SQL scripts. To bypass this, use `EXECUTE IMMEDIATE 'DROP TEMPORARY VARIABLE ...'` .", nil)
	case *plan.ExecuteImmediate:
		return r.executeImmediate(ctx, c)
	case *plan.CreateView:
		c.SQL = r.sourceText(st)
	}
	if cmd, isCmd := n.(plan.Command); isCmd {
		res, err := r.x.runCommand(ctx, r.s, cmd)
		if res != nil {
			releaseBatches(res.Batches)
		}
		return err
	}
	resolved, err := analyzer.Resolve(n, analyzerOptions(r.s))
	if err != nil {
		return err
	}
	return r.collectResult(ctx, r.s, resolved)
}

// collectResult runs a resolved query in s and makes its rows the script's result.
func (r *scriptRun) collectResult(ctx context.Context, s *sessions.Session, resolved plan.Node) error {
	schema := plan.Schema(resolved)
	batches, err := r.x.collectBatches(ctx, s, resolved, schema)
	if err != nil {
		return err
	}
	arrowSchema, err := types.ToArrowSchema(schema)
	if err != nil {
		releaseBatches(batches)
		return err
	}
	r.setResult(&plan.LocalData{ArrowSchema: arrowSchema, Batches: batches, Schema: schema, Out: plan.AttributesOf(schema)})
	return nil
}

// executeImmediate runs EXECUTE IMMEDIATE inside a script as Spark does: the statement text,
// its USING arguments and its INTO variables are the script's (local variables first), but
// the statement itself runs outside the script, where local variables are not seen. A query
// without INTO is a result of the script.
func (r *scriptRun) executeImmediate(ctx context.Context, c *plan.ExecuteImmediate) error {
	text, err := r.x.immediateText(ctx, r.s, c)
	if err != nil {
		return err
	}
	if startsScript(text) {
		if st, perr := scriptParser(r.client).ParseStatement(text); perr == nil {
			if _, isScript := st.(*ast.CompoundBlock); isScript {
				return sparkerror.New(sparkerror.Analysis, "SQL_SCRIPT_IN_EXECUTE_IMMEDIATE", "07501",
					"SQL Scripts in EXECUTE IMMEDIATE commands are not allowed. Please ensure that the SQL query provided (<sqlString>) is not SQL Script. Make sure the sql_string is a well-formed SQL statement and does not contain BEGIN and END.",
					map[string]string{"sqlString": strings.ToUpper(text)})
			}
		}
	}
	var targets []scriptTarget
	if len(c.Into) > 0 {
		if targets, err = r.targets(c.Into); err != nil {
			return err
		}
	}
	args, err := r.x.immediateArgs(ctx, r.s, c.Using)
	if err != nil {
		return err
	}
	depth, _ := ctx.Value(immediateDepthKey{}).(int)
	ctx = context.WithValue(ctx, immediateDepthKey{}, depth+1)
	n, err := lowering(r.client).BoundStatement(text, args)
	if err != nil {
		return err
	}
	if cmd, isCmd := n.(plan.Command); isCmd {
		if len(c.Into) > 0 {
			return sparkerror.New(sparkerror.Analysis, "INVALID_STATEMENT_FOR_EXECUTE_INTO", "07501",
				"The INTO clause of EXECUTE IMMEDIATE is only valid for queries but the given statement is not a query: <sqlString>.",
				map[string]string{"sqlString": strings.ToUpper(text)})
		}
		res, err := r.x.runCommand(ctx, r.client, cmd)
		if res != nil {
			releaseBatches(res.Batches)
		}
		return err
	}
	resolved, err := analyzer.Resolve(n, analyzerOptions(r.client))
	if err != nil {
		return err
	}
	if len(c.Into) > 0 {
		return r.assignFromQuery(ctx, targets, resolved)
	}
	return r.collectResult(ctx, r.client, resolved)
}

// sourceText is the text of a node of the script.
func (r *scriptRun) sourceText(n ast.Node) string {
	start, end := n.Pos().Offset, n.End().Offset
	if start < 0 || end > len(r.text) || start >= end {
		return ""
	}
	return r.text[start:end]
}

// condition evaluates the boolean condition of IF, ELSEIF, searched CASE, WHILE or REPEAT,
// as a query of one row: NULL counts as false, a value that is not BOOLEAN is an error.
func (r *scriptRun) condition(ctx context.Context, e ast.Expr) (bool, error) {
	x, err := lowering(r.s).AST.Expr(e)
	if err != nil {
		return false, err
	}
	return r.booleanCondition(ctx, x, r.sourceText(e), e.Pos())
}

func (r *scriptRun) booleanCondition(ctx context.Context, x plan.Expr, text string, pos ast.Pos) (bool, error) {
	n, err := analyzer.Resolve(&plan.Project{Child: plan.OneRow{}, Exprs: []plan.Expr{&plan.Alias{Child: x, Name: "condition"}}},
		analyzerOptions(r.s))
	if err != nil {
		return false, err
	}
	if out := n.Output(); len(out) != 1 || !types.Equal(out[0].Type, types.Boolean) {
		e := scriptingError("INVALID_BOOLEAN_STATEMENT", "22546",
			"Boolean statement is expected in the condition, but <invalidStatement> was found.",
			map[string]string{"invalidStatement": strings.ToUpper(text)})
		if pos.IsValid() {
			e.Message = "{LINE:" + itoa(pos.Line) + "} " + e.Message
		}
		return false, e
	}
	row, found, err := r.x.singleRow(ctx, r.s, n)
	if err != nil || !found {
		return false, err
	}
	v, _ := row[0].(bool)
	return v, nil
}

// value computes the operand of simple CASE once, as a constant.
func (r *scriptRun) value(ctx context.Context, e ast.Expr) (*plan.Literal, error) {
	x, err := lowering(r.s).AST.Expr(e)
	if err != nil {
		return nil, err
	}
	row, ts, err := r.x.evalExprs(ctx, r.s, []plan.Expr{x})
	if err != nil {
		return nil, err
	}
	return variableValue(r.s, ts[0], row[0]), nil
}

// caseCondition compares the operand of simple CASE with one WHEN: operand = when.
func (r *scriptRun) caseCondition(ctx context.Context, operand *plan.Literal, when ast.Expr) (bool, error) {
	w, err := lowering(r.s).AST.Expr(when)
	if err != nil {
		return false, err
	}
	var lhs plan.Expr = operand
	switch operand.Type.(type) {
	case types.ArrayType, types.MapType, *types.StructType:
		lhs = analyzer.ValueExpr(operand.Type, operand.Value)
	}
	eq := &plan.UnresolvedFunction{Name: []string{"="}, Args: []plan.Expr{lhs, w}, Operator: true}
	return r.booleanCondition(ctx, eq, "("+operand.Text+" = "+r.sourceText(when)+")", when.Pos())
}

// scriptRows are the rows of the query of FOR.
type scriptRows struct {
	names []string
	types []types.DataType
	rows  [][]any
}

func (s *scriptRows) count() int { return len(s.rows) }

// forRows runs the query of FOR; its rows are read when the loop starts.
func (r *scriptRun) forRows(ctx context.Context, q *ast.Query) (*scriptRows, error) {
	n, err := lowering(r.s).AST.Query(q)
	if err != nil {
		return nil, err
	}
	resolved, err := analyzer.Resolve(n, analyzerOptions(r.s))
	if err != nil {
		return nil, err
	}
	schema := plan.Schema(resolved)
	batches, err := r.x.collectBatches(ctx, r.s, resolved, schema)
	if err != nil {
		return nil, err
	}
	defer releaseBatches(batches)
	out := &scriptRows{}
	for _, f := range schema.Fields {
		out.names = append(out.names, f.Name)
		out.types = append(out.types, f.DataType)
	}
	for _, b := range batches {
		for i := 0; i < int(b.NumRows()); i++ {
			row := make([]any, b.NumCols())
			for c := range row {
				if row[c], err = valueAt(b.Column(c), i); err != nil {
					return nil, err
				}
			}
			out.rows = append(out.rows, row)
		}
	}
	return out, nil
}

// forScope is the scope of one row of FOR: a variable per column holding the row's value,
// under the FOR variable's name as label.
func (r *scriptRun) forScope(n *forNode, rows *scriptRows, i int) (*scope, error) {
	sc := &scope{label: n.varName, vars: make(map[string]*sessions.Variable, len(rows.names))}
	if sc.label == "" {
		sc.label = generatedLabel()
	}
	for c, name := range rows.names {
		name = r.normalizeName(name)
		if _, dup := sc.vars[name]; dup {
			return nil, variableAlreadyExists(sc.label, name)
		}
		sc.vars[name] = &sessions.Variable{Name: name, Value: variableValue(r.s, rows.types[c], rows.rows[i][c])}
	}
	return sc, nil
}

func variableAlreadyExists(label, name string) error {
	return sparkerror.New(sparkerror.Analysis, "VARIABLE_ALREADY_EXISTS", "42723",
		"Cannot create the variable <variableName> because it already exists.\nChoose a different name, or drop or replace the existing variable.",
		map[string]string{"variableName": analyzer.QuoteName([]string{label, name})})
}

func invalidLocalDeclaration(sub, message string, name []string) error {
	return sparkerror.New(sparkerror.Analysis, "INVALID_VARIABLE_DECLARATION."+sub, "42K0M",
		"Invalid variable declaration. "+message, map[string]string{"varName": analyzer.QuoteName(name)})
}

// declare runs DECLARE inside a script: the variables are local to the innermost scope,
// unqualified, and neither replace nor repeat a variable of that scope.
func (r *scriptRun) declare(ctx context.Context, c *plan.DeclareVariable) error {
	if c.Replace {
		return invalidLocalDeclaration("REPLACE_LOCAL_VARIABLE",
			"The variable <varName> does not support DECLARE OR REPLACE, as local variables cannot be replaced.", c.Names[0])
	}
	for _, parts := range c.Names {
		if len(parts) != 1 {
			return invalidLocalDeclaration("QUALIFIED_LOCAL_VARIABLE",
				"The variable <varName> must be declared without a qualifier, as qualifiers are not allowed for local variable declarations.", parts)
		}
	}
	sc := r.currentScope()
	if sc == nil {
		return invalidLocalDeclaration("NOT_ALLOWED_IN_SCOPE", "Declaration of the variable <varName> is not allowed in this scope.", c.Names[0])
	}
	if c.Default != nil && hasSubquery(c.Default) {
		return sparkerror.New(sparkerror.Analysis, "INVALID_DEFAULT_VALUE.SUBQUERY_EXPRESSION", "42623",
			"Failed to execute <statement> command because the destination column or variable <colName> has a DEFAULT value <defaultValue>, which contains subquery expressions.",
			map[string]string{"statement": "DECLARE VARIABLE", "colName": analyzer.QuoteName([]string{"local", sc.label, r.normalizeName(c.Names[0][0])}),
				"defaultValue": c.DefaultSQL})
	}
	value := c.Default
	if value == nil {
		value = &plan.Literal{Type: types.Null, Text: "NULL"}
	}
	if c.Type != nil {
		value = &plan.Cast{Child: value, To: c.Type}
	}
	row, t, err := r.x.evalExprs(ctx, r.s, []plan.Expr{value})
	if err != nil {
		return err
	}
	names := make([]string, len(c.Names))
	seen := map[string]bool{}
	for i, parts := range c.Names {
		name := r.normalizeName(parts[0])
		if seen[name] {
			return sparkerror.New(sparkerror.Analysis, "DUPLICATE_VARIABLE_NAME_INSIDE_DECLARE", "42734",
				"Found duplicate variable <variableName> in the declare variable list. Please, remove one of them.",
				map[string]string{"variableName": analyzer.QuoteName([]string{sc.label, name})})
		}
		seen[name] = true
		if _, exists := sc.vars[name]; exists {
			return variableAlreadyExists(sc.label, name)
		}
		names[i] = name
	}
	for _, name := range names {
		sc.vars[name] = &sessions.Variable{Name: name, Value: variableValue(r.s, t[0], row[0]), Default: c.Default}
	}
	return nil
}

// scriptTarget is a variable SET assigns: a local variable of a scope or a session
// variable.
type scriptTarget struct {
	v     *sessions.Variable
	scope *scope // nil for a session variable
}

// targets resolves the variables of SET as Spark does: local variables first, then the
// session's; a variable named twice is an error.
func (r *scriptRun) targets(names [][]string) ([]scriptTarget, error) {
	out := make([]scriptTarget, len(names))
	for i, parts := range names {
		adjusted := parts
		if !r.s.Conf.CaseSensitive() {
			adjusted = make([]string, len(parts))
			for j, p := range parts {
				adjusted[j] = strings.ToLower(p)
			}
		}
		if len(parts) <= 2 && !(len(parts) == 2 && analyzer.ForbiddenScriptLabel(parts[0])) {
			if v, sc := r.lookupLocal(adjusted); v != nil {
				out[i] = scriptTarget{v: v, scope: sc}
				continue
			}
		}
		name, ok := analyzer.VariableName(parts, r.s.Conf.CaseSensitive())
		if ok {
			if v, found := r.s.Variables.Lookup(name); found {
				out[i] = scriptTarget{v: v}
				continue
			}
		}
		return nil, unresolvedVariable(parts, setSearchPath)
	}
	type key struct {
		scope *scope
		name  string
	}
	count := map[key]int{}
	var dups []string
	for _, t := range out {
		k := key{t.scope, t.v.Name}
		if count[k]++; count[k] == 2 {
			dups = append(dups, analyzer.QuoteName([]string{t.v.Name}))
		}
	}
	if len(dups) > 0 {
		return nil, sparkerror.New(sparkerror.Analysis, "DUPLICATE_ASSIGNMENTS", "42701",
			"The columns or variables <nameList> appear more than once as assignment targets.",
			map[string]string{"nameList": strings.Join(dups, ", ")})
	}
	return out, nil
}

// assign gives a target its new value.
func (r *scriptRun) assign(t scriptTarget, value any) {
	lit := variableValue(r.s, t.v.Value.Type, value)
	if t.scope == nil {
		r.s.Variables.Assign(t.v.Name, lit)
		return
	}
	t.scope.vars[t.v.Name] = &sessions.Variable{Name: t.v.Name, Value: lit, Default: t.v.Default}
}

// set runs SET inside a script: every value is computed from the variables as they were
// before the statement, cast to its variable's type, then assigned.
func (r *scriptRun) set(ctx context.Context, c *plan.SetVariable) error {
	targets, err := r.targets(c.Targets)
	if err != nil {
		return err
	}
	vars := make([]*sessions.Variable, len(targets))
	for i, t := range targets {
		vars[i] = t.v
	}
	if c.Query != nil {
		q, err := r.x.resolveWithDefaults(r.s, c.Query, vars)
		if err != nil {
			return err
		}
		return r.assignFromQuery(ctx, targets, q)
	}
	if len(c.Values) != len(targets) {
		return sparkerror.InternalError("SET has %d targets and %d values", len(targets), len(c.Values))
	}
	exprs := make([]plan.Expr, len(targets))
	for i, v := range vars {
		e := c.Values[i]
		if e == nil {
			e = defaultOf(v)
		} else if containsDefault(e) {
			if _, _, isVar := r.LocalVariable([]string{"default"}); !isVar {
				if _, isVar := r.s.Variables.Lookup("default"); !isVar {
					return defaultPlacementInvalid()
				}
			}
		}
		exprs[i] = &plan.Cast{Child: e, To: v.Value.Type}
	}
	row, _, err := r.x.evalExprs(ctx, r.s, exprs)
	if err != nil {
		return err
	}
	for i, t := range targets {
		r.assign(t, row[i])
	}
	return nil
}

// assignFromQuery assigns the single row of a resolved query to the targets: no row sets
// them to NULL, more than one is an error.
func (r *scriptRun) assignFromQuery(ctx context.Context, targets []scriptTarget, q plan.Node) error {
	out := q.Output()
	if len(out) != len(targets) {
		return sparkerror.New(sparkerror.Analysis, "ASSIGNMENT_ARITY_MISMATCH", "42802",
			"The number of columns or variables assigned or aliased: <numTarget> does not match the number of source expressions: <numExpr>.",
			map[string]string{"numExpr": itoa(len(out)), "numTarget": itoa(len(targets))})
	}
	opts := analyzerOptions(r.s)
	exprs := make([]plan.Expr, len(out))
	for i, a := range out {
		e, err := analyzer.ResolveExpr(&plan.Alias{Child: &plan.Cast{Child: a, To: targets[i].v.Value.Type}, Name: a.Name}, q, opts)
		if err != nil {
			return err
		}
		exprs[i] = e
	}
	row, found, err := r.x.singleRow(ctx, r.s, &plan.Project{Child: q, Exprs: exprs})
	if err != nil {
		return err
	}
	for i, t := range targets {
		var v any
		if found {
			v = row[i]
		}
		r.assign(t, v)
	}
	return nil
}

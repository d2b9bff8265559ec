package executor

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
)

// Search paths as Spark prints them in UNRESOLVED_VARIABLE: DECLARE and SET VARIABLE
// spell the session namespace differently.
const (
	declareSearchPath = "`system`.`session`"
	setSearchPath     = "`SYSTEM`.`SESSION`"
)

func unresolvedVariable(parts []string, searchPath string) error {
	return sparkerror.New(sparkerror.Analysis, "UNRESOLVED_VARIABLE", "42883",
		"Cannot resolve variable <variableName> on search path <searchPath>.",
		map[string]string{"variableName": analyzer.QuoteName(parts), "searchPath": searchPath})
}

func variableNotFound(name string) error {
	return sparkerror.New(sparkerror.Analysis, "VARIABLE_NOT_FOUND", "42883",
		"The variable <variableName> cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema and catalog, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VARIABLE IF EXISTS.",
		map[string]string{"variableName": analyzer.QualifiedVariableName(name)})
}

func defaultPlacementInvalid() error {
	return sparkerror.New(sparkerror.Analysis, "DEFAULT_PLACEMENT_INVALID", "42608",
		"A DEFAULT keyword in a MERGE, INSERT, UPDATE, or SET VARIABLE command could not be directly assigned to a target column because it was part of an expression.\nFor example: `UPDATE SET c1 = DEFAULT` is allowed, but `UPDATE T SET c1 = DEFAULT + 1` is not allowed.", nil)
}

func sessionVariables(s *sessions.Session) (*sessions.Variables, error) {
	if s.Variables == nil {
		return nil, sparkerror.InternalError("the session has no variable store")
	}
	return s.Variables, nil
}

func sessionZone(s *sessions.Session) *time.Location {
	if loc, ok := sqlconf.TimeZoneLocation(s.Conf.SessionTimeZone()); ok {
		return loc
	}
	return time.UTC
}

// variableValue is a variable's value as the store keeps it: a literal of the variable's
// type whose text is its SQL form.
func variableValue(s *sessions.Session, t types.DataType, v any) *plan.Literal {
	return &plan.Literal{Type: t, Value: v, Text: connect.SQLLiteral(t, v, sessionZone(s))}
}

// declareVariable runs DECLARE VARIABLE: the default is evaluated once, cast to the declared
// type, and every named variable starts with its value.
func (x *Executor) declareVariable(ctx context.Context, s *sessions.Session, c *plan.DeclareVariable) error {
	vars, err := sessionVariables(s)
	if err != nil {
		return err
	}
	caseSensitive := s.Conf.CaseSensitive()
	names := make([]string, len(c.Names))
	seen := map[string]bool{}
	for i, parts := range c.Names {
		name, ok := analyzer.VariableName(parts, caseSensitive)
		if !ok {
			return unresolvedVariable(parts, declareSearchPath)
		}
		if seen[name] {
			return sparkerror.New(sparkerror.Analysis, "DUPLICATE_VARIABLE_NAME_INSIDE_DECLARE", "42734",
				"Found duplicate variable <variableName> in the declare variable list. Please, remove one of them.",
				map[string]string{"variableName": analyzer.QualifiedVariableName(name)})
		}
		seen[name] = true
		names[i] = name
	}
	if !c.Replace {
		for _, name := range names {
			if _, exists := vars.Lookup(name); exists {
				return sparkerror.New(sparkerror.Analysis, "VARIABLE_ALREADY_EXISTS", "42723",
					"Cannot create the variable <variableName> because it already exists.\nChoose a different name, or drop or replace the existing variable.",
					map[string]string{"variableName": analyzer.QualifiedVariableName(name)})
			}
		}
	}
	if c.Default != nil && hasSubquery(c.Default) {
		return sparkerror.New(sparkerror.Analysis, "INVALID_DEFAULT_VALUE.SUBQUERY_EXPRESSION", "42623",
			"Failed to execute <statement> command because the destination column or variable <colName> has a DEFAULT value <defaultValue>, which contains subquery expressions.",
			map[string]string{"statement": "DECLARE VARIABLE", "colName": analyzer.QualifiedVariableName(names[0]), "defaultValue": c.DefaultSQL})
	}
	value := c.Default
	if value == nil {
		value = &plan.Literal{Type: types.Null, Text: "NULL"}
	}
	if c.Type != nil {
		value = &plan.Cast{Child: value, To: c.Type}
	}
	row, t, err := x.evalExprs(ctx, s, []plan.Expr{value})
	if err != nil {
		return err
	}
	for _, name := range names {
		vars.Put(&sessions.Variable{Name: name, Value: variableValue(s, t[0], row[0]), Default: c.Default})
	}
	return nil
}

// dropVariable runs DROP TEMPORARY VARIABLE.
func dropVariable(s *sessions.Session, c *plan.DropVariable) error {
	vars, err := sessionVariables(s)
	if err != nil {
		return err
	}
	name, ok := analyzer.VariableName(c.Name, s.Conf.CaseSensitive())
	if !ok {
		return unresolvedVariable(c.Name, declareSearchPath)
	}
	if !vars.Drop(name) && !c.IfExists {
		return variableNotFound(name)
	}
	return nil
}

// targetVariables resolves the variables an assignment sets, rejecting repeated ones.
func targetVariables(s *sessions.Session, targets [][]string) ([]*sessions.Variable, error) {
	vars, err := sessionVariables(s)
	if err != nil {
		return nil, err
	}
	out := make([]*sessions.Variable, len(targets))
	for i, parts := range targets {
		name, ok := analyzer.VariableName(parts, s.Conf.CaseSensitive())
		if !ok {
			return nil, unresolvedVariable(parts, setSearchPath)
		}
		v, found := vars.Lookup(name)
		if !found {
			return nil, unresolvedVariable(parts, setSearchPath)
		}
		out[i] = v
	}
	count := map[string]int{}
	var dups []string
	for _, v := range out {
		if count[v.Name]++; count[v.Name] == 2 {
			dups = append(dups, analyzer.QuoteName([]string{v.Name}))
		}
	}
	if len(dups) > 0 {
		return nil, sparkerror.New(sparkerror.Analysis, "DUPLICATE_ASSIGNMENTS", "42701",
			"The columns or variables <nameList> appear more than once as assignment targets.",
			map[string]string{"nameList": strings.Join(dups, ", ")})
	}
	return out, nil
}

// defaultOf is the expression a variable's DEFAULT stands for.
func defaultOf(v *sessions.Variable) plan.Expr {
	if v.Default != nil {
		return v.Default
	}
	return &plan.Literal{Type: types.Null, Text: "NULL"}
}

// isDefault reports whether e is the DEFAULT keyword: the bare name default.
func isDefault(e plan.Expr) bool {
	if u, ok := e.(*plan.UnresolvedAlias); ok {
		e = u.Child
	}
	c, ok := e.(*plan.UnresolvedColumn)
	return ok && !c.HasID && len(c.Parts) == 1 && strings.EqualFold(c.Parts[0], "default")
}

// containsDefault reports whether DEFAULT appears inside e (not in subqueries).
func containsDefault(e plan.Expr) bool {
	found := false
	plan.Walk(e, func(x plan.Expr) bool {
		if isDefault(x) {
			found = true
		}
		return !found
	})
	return found
}

// setVariable runs SET VARIABLE: every value is computed from the variables as they were
// before the statement, then assigned (cast to the variable's type).
func (x *Executor) setVariable(ctx context.Context, s *sessions.Session, c *plan.SetVariable) error {
	targets, err := targetVariables(s, c.Targets)
	if err != nil {
		return err
	}
	if c.Query != nil {
		q, err := x.resolveWithDefaults(s, c.Query, targets)
		if err != nil {
			return err
		}
		return x.assignFromQuery(ctx, s, targets, q)
	}
	if len(c.Values) != len(targets) {
		return sparkerror.InternalError("SET VARIABLE has %d targets and %d values", len(targets), len(c.Values))
	}
	exprs := make([]plan.Expr, len(targets))
	for i, v := range targets {
		e := c.Values[i]
		if e == nil {
			e = defaultOf(v)
		} else if containsDefault(e) {
			if _, isVar := s.Variables.Lookup("default"); !isVar {
				return defaultPlacementInvalid()
			}
		}
		exprs[i] = &plan.Cast{Child: e, To: v.Value.Type}
	}
	row, _, err := x.evalExprs(ctx, s, exprs)
	if err != nil {
		return err
	}
	for i, v := range targets {
		s.Variables.Assign(v.Name, variableValue(s, v.Value.Type, row[i]))
	}
	return nil
}

// resolveWithDefaults resolves the query of SET VAR (a, ...) = (query). When its select
// list (or single VALUES row) names DEFAULT where no column of that name exists, the item
// is the default of the variable it assigns.
func (x *Executor) resolveWithDefaults(s *sessions.Session, q plan.Node, targets []*sessions.Variable) (plan.Node, error) {
	opts := analyzerOptions(s)
	resolved, err := analyzer.Resolve(q, opts)
	if err == nil || !isUnresolvedDefault(err) {
		return resolved, err
	}
	rewritten, changed, derr := replaceDefaults(q, targets)
	if derr != nil {
		return nil, derr
	}
	if !changed {
		return nil, err
	}
	return analyzer.Resolve(rewritten, opts)
}

func isUnresolvedDefault(err error) bool {
	var se *sparkerror.Error
	if !errors.As(err, &se) || !strings.HasPrefix(se.Class, "UNRESOLVED_COLUMN") {
		return false
	}
	return strings.EqualFold(se.Params["objectName"], "`default`")
}

// replaceDefaults puts the variables' defaults in place of DEFAULT in the query's top
// select list or VALUES row; DEFAULT inside an expression there is an error.
func replaceDefaults(n plan.Node, targets []*sessions.Variable) (plan.Node, bool, error) {
	items := func(es []plan.Expr) ([]plan.Expr, bool, error) {
		out := make([]plan.Expr, len(es))
		changed := false
		for i, e := range es {
			out[i] = e
			if isDefault(e) && i < len(targets) {
				out[i] = &plan.Alias{Child: defaultOf(targets[i]), Name: "default"}
				changed = true
			} else if containsDefault(e) {
				return nil, false, defaultPlacementInvalid()
			}
		}
		return out, changed, nil
	}
	switch n := n.(type) {
	case *plan.Project:
		es, changed, err := items(n.Exprs)
		if err != nil || !changed {
			return n, changed, err
		}
		m := *n
		m.Exprs = es
		return &m, true, nil
	case *plan.Values:
		if len(n.Rows) != 1 {
			return n, false, nil
		}
		row, changed, err := items(n.Rows[0])
		if err != nil || !changed {
			return n, changed, err
		}
		m := *n
		m.Rows = [][]plan.Expr{row}
		return &m, true, nil
	case *plan.WithCTE, *plan.Limit, *plan.Offset, *plan.Sort, *plan.SubqueryAlias:
		kids := n.Children()
		if len(kids) != 1 {
			return n, false, nil
		}
		c, changed, err := replaceDefaults(kids[0], targets)
		if err != nil || !changed {
			return n, changed, err
		}
		return n.WithChildren([]plan.Node{c}), true, nil
	}
	return n, false, nil
}

// assignFromQuery assigns the single row of a resolved query to the variables: no row
// sets them to NULL, more than one is an error.
func (x *Executor) assignFromQuery(ctx context.Context, s *sessions.Session, targets []*sessions.Variable, q plan.Node) error {
	out := q.Output()
	if len(out) != len(targets) {
		return sparkerror.New(sparkerror.Analysis, "ASSIGNMENT_ARITY_MISMATCH", "42802",
			"The number of columns or variables assigned or aliased: <numTarget> does not match the number of source expressions: <numExpr>.",
			map[string]string{"numExpr": itoa(len(out)), "numTarget": itoa(len(targets))})
	}
	opts := analyzerOptions(s)
	exprs := make([]plan.Expr, len(out))
	for i, a := range out {
		e, err := analyzer.ResolveExpr(&plan.Alias{Child: &plan.Cast{Child: a, To: targets[i].Value.Type}, Name: a.Name}, q, opts)
		if err != nil {
			return err
		}
		exprs[i] = e
	}
	row, found, err := x.singleRow(ctx, s, &plan.Project{Child: q, Exprs: exprs})
	if err != nil {
		return err
	}
	for i, v := range targets {
		var val any
		if found {
			val = row[i]
		}
		s.Variables.Assign(v.Name, variableValue(s, v.Value.Type, val))
	}
	return nil
}

// evalExprs evaluates unresolved constant expressions in one row: their values and types.
func (x *Executor) evalExprs(ctx context.Context, s *sessions.Session, exprs []plan.Expr) ([]any, []types.DataType, error) {
	items := make([]plan.Expr, len(exprs))
	for i, e := range exprs {
		items[i] = &plan.Alias{Child: e, Name: "c" + itoa(i)}
	}
	n, err := analyzer.Resolve(&plan.Project{Child: plan.OneRow{}, Exprs: items}, analyzerOptions(s))
	if err != nil {
		return nil, nil, err
	}
	row, _, err := x.singleRow(ctx, s, n)
	if err != nil {
		return nil, nil, err
	}
	ts := make([]types.DataType, len(exprs))
	for i, a := range n.Output() {
		ts[i] = a.Type
	}
	return row, ts, nil
}

// singleRow runs a resolved plan that gives at most one row and returns its values.
func (x *Executor) singleRow(ctx context.Context, s *sessions.Session, n plan.Node) ([]any, bool, error) {
	batches, err := x.collectBatches(ctx, s, n, plan.Schema(n))
	if err != nil {
		return nil, false, err
	}
	defer releaseBatches(batches)
	rows := int64(0)
	for _, b := range batches {
		rows += b.NumRows()
	}
	row := make([]any, len(n.Output()))
	if rows == 0 {
		return row, false, nil
	}
	if rows > 1 {
		return nil, false, sparkerror.New(sparkerror.Internal, "ROW_SUBQUERY_TOO_MANY_ROWS", "21000",
			"More than one row returned by a subquery used as a row.", nil)
	}
	for _, b := range batches {
		if b.NumRows() == 0 {
			continue
		}
		for i := range row {
			if row[i], err = valueAt(b.Column(i), 0); err != nil {
				return nil, false, err
			}
		}
	}
	return row, true, nil
}

// valueAt is the value at row i of an Arrow array in the plan's literal representation.
func valueAt(arr arrow.Array, i int) (any, error) {
	if arr.IsNull(i) {
		return nil, nil
	}
	switch a := arr.(type) {
	case *array.Null:
		return nil, nil
	case *array.Boolean:
		return a.Value(i), nil
	case *array.Int8:
		return a.Value(i), nil
	case *array.Int16:
		return a.Value(i), nil
	case *array.Int32:
		return a.Value(i), nil
	case *array.Int64:
		return a.Value(i), nil
	case *array.Float32:
		return a.Value(i), nil
	case *array.Float64:
		return a.Value(i), nil
	case *array.String:
		return strings.Clone(a.Value(i)), nil
	case *array.LargeString:
		return strings.Clone(a.Value(i)), nil
	case *array.Binary:
		return append([]byte{}, a.Value(i)...), nil
	case *array.LargeBinary:
		return append([]byte{}, a.Value(i)...), nil
	case *array.Decimal128:
		scale := int(a.DataType().(*arrow.Decimal128Type).Scale)
		return plan.Decimal{Digits: a.Value(i).BigInt().String(), Scale: scale}, nil
	case *array.Date32:
		return int32(a.Value(i)), nil
	case *array.Timestamp:
		return int64(a.Value(i)), nil
	case *array.MonthInterval:
		return int32(a.Value(i)), nil
	case *array.Duration:
		return int64(a.Value(i)), nil
	case *array.MonthDayNanoInterval:
		v := a.Value(i)
		return plan.CalendarValue{Months: v.Months, Days: v.Days, Micros: v.Nanoseconds / 1000}, nil
	case *array.Map:
		start, end := a.ValueOffsets(i)
		keys, items := a.Keys(), a.Items()
		out := make([]plan.MapEntry, 0, end-start)
		for j := int(start); j < int(end); j++ {
			k, err := valueAt(keys, j)
			if err != nil {
				return nil, err
			}
			v, err := valueAt(items, j)
			if err != nil {
				return nil, err
			}
			out = append(out, plan.MapEntry{Key: k, Value: v})
		}
		return out, nil
	case *array.List:
		start, end := a.ValueOffsets(i)
		elems := a.ListValues()
		out := make([]any, 0, end-start)
		for j := int(start); j < int(end); j++ {
			v, err := valueAt(elems, j)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case *array.Struct:
		out := make([]any, a.NumField())
		for f := range out {
			v, err := valueAt(a.Field(f), i)
			if err != nil {
				return nil, err
			}
			out[f] = v
		}
		return out, nil
	}
	return nil, sparkerror.NotImplemented("session variables of Arrow type " + arr.DataType().String())
}

func itoa(n int) string { return strconv.Itoa(n) }

func hasSubquery(e plan.Expr) bool {
	found := false
	plan.Walk(e, func(x plan.Expr) bool {
		switch x.(type) {
		case *plan.ScalarSubquery, *plan.Exists, *plan.InSubquery:
			found = true
		}
		return !found
	})
	return found
}

// checkSetConfigVariable rejects SET key = value where the key names a session variable.
func checkSetConfigVariable(s *sessions.Session, c *plan.SetConfig) error {
	if !c.HasValue || c.Reset || s.Variables == nil {
		return nil
	}
	parts := strings.Split(c.Key, ".")
	name, ok := analyzer.VariableName(parts, s.Conf.CaseSensitive())
	if !ok {
		return nil
	}
	if _, exists := s.Variables.Lookup(name); !exists {
		return nil
	}
	return sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_FEATURE.SET_VARIABLE_USING_SET", "0A000",
		"The feature is not supported: <variableName> is a VARIABLE and cannot be updated using the SET statement. Use SET VARIABLE <variableName> = ... instead.",
		map[string]string{"variableName": analyzer.QuoteName(parts)})
}

// immediateDepthKey is the context key of the EXECUTE IMMEDIATE nesting depth.
type immediateDepthKey struct{}

// maxImmediateDepth bounds how deeply EXECUTE IMMEDIATE statements may nest.
const maxImmediateDepth = 16

// executeImmediate runs EXECUTE IMMEDIATE: the statement text is computed, parsed with its
// parameter markers bound to the USING arguments and run; a query answers with its rows,
// or with INTO assigns its single row to variables.
func (x *Executor) executeImmediate(ctx context.Context, s *sessions.Session, c *plan.ExecuteImmediate) (*plan.LocalData, error) {
	text, err := x.immediateText(ctx, s, c)
	if err != nil {
		return nil, err
	}
	// A statement may run EXECUTE IMMEDIATE itself; a bounded depth keeps a statement
	// that runs itself (through a variable) from recursing without end.
	depth, _ := ctx.Value(immediateDepthKey{}).(int)
	if depth >= maxImmediateDepth {
		return nil, sparkerror.New(sparkerror.Analysis, "NESTED_EXECUTE_IMMEDIATE", "07501",
			"Nested EXECUTE IMMEDIATE commands are not allowed. Please ensure that the SQL query provided (<sqlString>) does not contain another EXECUTE IMMEDIATE command.",
			map[string]string{"sqlString": strings.ToUpper(text)})
	}
	ctx = context.WithValue(ctx, immediateDepthKey{}, depth+1)
	var targets []*sessions.Variable
	if len(c.Into) > 0 {
		if targets, err = targetVariables(s, c.Into); err != nil {
			return nil, err
		}
	}
	args, err := x.immediateArgs(ctx, s, c.Using)
	if err != nil {
		return nil, err
	}
	n, err := lowering(s).BoundStatement(text, args)
	if err != nil {
		return nil, err
	}
	if cmd, isCmd := n.(plan.Command); isCmd {
		if len(c.Into) > 0 {
			return nil, sparkerror.New(sparkerror.Analysis, "INVALID_STATEMENT_FOR_EXECUTE_INTO", "07501",
				"The INTO clause of EXECUTE IMMEDIATE is only valid for queries but the given statement is not a query: <sqlString>.",
				map[string]string{"sqlString": strings.ToUpper(text)})
		}
		return x.runCommand(ctx, s, cmd)
	}
	resolved, err := analyzer.Resolve(n, analyzerOptions(s))
	if err != nil {
		return nil, err
	}
	if len(c.Into) > 0 {
		return emptyResult(), x.assignFromQuery(ctx, s, targets, resolved)
	}
	st := plan.Schema(resolved)
	batches, err := x.collectBatches(ctx, s, resolved, st)
	if err != nil {
		return nil, err
	}
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		releaseBatches(batches)
		return nil, err
	}
	return &plan.LocalData{ArrowSchema: schema, Batches: batches, Schema: st, Out: plan.AttributesOf(st)}, nil
}

// immediateText is the statement text of EXECUTE IMMEDIATE: a STRING expression that is
// not NULL.
func (x *Executor) immediateText(ctx context.Context, s *sessions.Session, c *plan.ExecuteImmediate) (string, error) {
	if lit, ok := c.Query.(*plan.Literal); ok {
		if v, isString := lit.Value.(string); isString {
			return v, nil
		}
	}
	opts := analyzerOptions(s)
	r, err := analyzer.ResolveExpr(c.Query, plan.OneRow{}, opts)
	if err != nil {
		return "", err
	}
	if _, isString := plan.TypeOf(r).(types.StringType); !isString {
		return "", sparkerror.New(sparkerror.Analysis, "INVALID_EXPR_TYPE_FOR_QUERY_EXECUTE_IMMEDIATE", "42K09",
			"Expression type must be string type but got <exprType>.",
			map[string]string{"exprType": `"` + plan.TypeOf(r).SQL() + `"`})
	}
	row, _, err := x.evalExprs(ctx, s, []plan.Expr{c.Query})
	if err != nil {
		return "", err
	}
	v, _ := row[0].(string)
	if row[0] == nil {
		name := c.QueryText
		if name == "" {
			name = c.Query.String()
		}
		return "", sparkerror.New(sparkerror.Analysis, "NULL_QUERY_STRING_EXECUTE_IMMEDIATE", "22004",
			"Execute immediate requires a non-null variable as the query string, but the provided variable <varName> is null.",
			map[string]string{"varName": analyzer.QuoteName(strings.Split(name, "."))})
	}
	return v, nil
}

// immediateArgs computes the USING arguments: constants (literals and variables, or
// expressions of them). An argument that is a bare variable is named after it.
func (x *Executor) immediateArgs(ctx context.Context, s *sessions.Session, using []plan.Expr) ([]connect.StatementArg, error) {
	opts := analyzerOptions(s)
	args := make([]connect.StatementArg, len(using))
	for i, u := range using {
		e, name := u, ""
		if al, ok := u.(*plan.Alias); ok {
			e, name = al.Child, al.Name
		} else if col, ok := u.(*plan.UnresolvedColumn); ok && len(col.Parts) > 0 {
			name = col.Parts[len(col.Parts)-1]
		}
		r, err := analyzer.ResolveExpr(e, plan.OneRow{}, opts)
		if err != nil {
			return nil, err
		}
		if hasSubquery(r) {
			return nil, sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_EXPR_FOR_PARAMETER", "42K0E",
				"A query parameter contains unsupported expression.\nParameters can either be variables or literals.\nInvalid expression: [<invalidExprSql>]",
				map[string]string{"invalidExprSql": `"` + r.String() + `"`})
		}
		t := plan.TypeOf(r)
		var v any
		if lit, isLit := r.(*plan.Literal); isLit {
			v = lit.Value
		} else {
			row, _, err := x.evalExprs(ctx, s, []plan.Expr{e})
			if err != nil {
				return nil, err
			}
			v = row[0]
		}
		args[i] = connect.StatementArg{Name: name, Value: &plan.Literal{Type: t, Value: v, Text: connect.PrettyLiteral(t, v, sessionZone(s))}}
		switch t.(type) {
		case types.ArrayType, types.MapType, *types.StructType:
			// Nested values are passed as their constructors, as Spark passes their SQL.
			args[i].Value = analyzer.ValueExpr(t, v)
		}
	}
	return args, nil
}

// usedVariables records the variables an analysis reads.
type usedVariables struct {
	analyzer.Variables
	names []string
}

func (u *usedVariables) Variable(name string) (*plan.Literal, bool) {
	lit, ok := u.Variables.Variable(name)
	if ok {
		u.names = append(u.names, name)
	}
	return lit, ok
}

// checkViewVariables rejects a persistent view whose query reads session variables.
func checkViewVariables(s *sessions.Session, c *plan.CreateView) error {
	if c.Temporary || c.Global || s.Variables == nil {
		return nil
	}
	opts := analyzerOptions(s)
	used := &usedVariables{Variables: s.Variables}
	opts.Variables = used
	if _, err := analyzer.Resolve(c.Query, opts); err != nil || len(used.names) == 0 {
		return nil // the view's own analysis reports errors
	}
	tn, err := s.Catalog.Resolve(c.Name)
	if err != nil {
		return err
	}
	return sparkerror.New(sparkerror.Analysis, "INVALID_TEMP_OBJ_REFERENCE", "42K0F",
		"Cannot create the persistent object <objName> of the type <obj> because it references to the temporary object <tempObjName> of the type <tempObj>. Please make the temporary object <tempObjName> persistent, or make the persistent object <objName> temporary.",
		map[string]string{"obj": "VIEW", "objName": quoteParts(tn.QualifiedName()), "tempObj": "VARIABLE",
			"tempObjName": analyzer.QuoteName([]string{used.names[0]})})
}

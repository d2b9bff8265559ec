package connect

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// StatementArg is an argument of EXECUTE IMMEDIATE ... USING: a resolved value, named by
// its alias (or by the variable it reads) or positional (Name "").
type StatementArg struct {
	Name  string
	Value plan.Expr
}

// BoundStatement parses and lowers the statement of EXECUTE IMMEDIATE and binds its
// parameter markers to args as Spark does: a statement with named markers (:x) takes the
// arguments by name and then needs every argument named; one with positional markers (?)
// takes them in order, names ignored; one with both is an error.
func (l Lowering) BoundStatement(text string, args []StatementArg) (plan.Node, error) {
	stmt, err := l.Parser.ParseStatement(text)
	if err != nil {
		return nil, parseError(err)
	}
	var positional []*ast.Param
	named := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		if p, ok := n.(*ast.Param); ok {
			if p.Name == "" {
				positional = append(positional, p)
			} else {
				named = true
			}
		}
		return true
	})
	sort.SliceStable(positional, func(i, j int) bool { return positional[i].Mark.Offset < positional[j].Mark.Offset })
	bind := map[string]plan.Expr{}
	fromMarker := map[string]bool{}
	if len(args) > 0 {
		switch {
		case named && len(positional) > 0:
			return nil, sparkerror.New(sparkerror.Analysis, "INVALID_QUERY_MIXED_QUERY_PARAMETERS", "42613",
				"Parameterized query must either use positional, or named parameters, but not both.", nil)
		case named:
			var unnamed []string
			for _, a := range args {
				if a.Name == "" {
					unnamed = append(unnamed, `"`+a.Value.String()+`"`)
					continue
				}
				bind[a.Name] = a.Value
			}
			if len(unnamed) > 0 {
				return nil, sparkerror.New(sparkerror.Analysis, "ALL_PARAMETERS_MUST_BE_NAMED", "07001",
					"Using name parameterized queries requires all parameters to be named. Parameters missing names: <exprs>.",
					map[string]string{"exprs": strings.Join(unnamed, ", ")})
			}
		}
	}
	// Positional markers are named after their offsets, as in spark.sql with args.
	for i, p := range positional {
		p.Name = fmt.Sprintf("_%d", p.Mark.Offset)
		fromMarker[p.Name] = true
		if i < len(args) {
			bind[p.Name] = args[i].Value
		}
	}
	// IDENTIFIER(:p) takes its name from a parameter's string value when lowered.
	for name, v := range bind {
		if lit, ok := v.(*plan.Literal); ok {
			if s, isString := lit.Value.(string); isString {
				if l.AST.IdentifierParams == nil {
					l.AST.IdentifierParams = map[string]string{}
				}
				l.AST.IdentifierParams[name] = s
			}
		}
	}
	n, err := l.AST.Statement(stmt, text)
	if err != nil {
		return nil, err
	}
	if len(bind) == 0 {
		return n, nil
	}
	f := func(e plan.Expr) (plan.Expr, error) {
		p, ok := e.(*plan.Parameter)
		if !ok || p.Position >= 0 || fromMarker[p.Name] != (len(positional) > 0) {
			return e, nil
		}
		if x, found := bind[p.Name]; found {
			return x, nil
		}
		return e, nil
	}
	return bindVariableCommand(n, f)
}

// bindVariableCommand binds the parameters of the variable commands, whose expressions
// rewritePlan does not know, and of every other plan.
func bindVariableCommand(n plan.Node, f func(plan.Expr) (plan.Expr, error)) (plan.Node, error) {
	expr := func(e plan.Expr) (plan.Expr, error) {
		if e == nil {
			return nil, nil
		}
		p, err := rewritePlan(&plan.Project{Child: plan.OneRow{}, Exprs: []plan.Expr{e}}, f)
		if err != nil {
			return nil, err
		}
		return p.(*plan.Project).Exprs[0], nil
	}
	var err error
	switch c := n.(type) {
	case *plan.SetVariable:
		m := *c
		m.Values = make([]plan.Expr, len(c.Values))
		for i, v := range c.Values {
			if m.Values[i], err = expr(v); err != nil {
				return nil, err
			}
		}
		m.Query, err = rewritePlan(c.Query, f)
		return &m, err
	case *plan.DeclareVariable:
		m := *c
		m.Default, err = expr(c.Default)
		return &m, err
	case *plan.ExecuteImmediate:
		m := *c
		if m.Query, err = expr(c.Query); err != nil {
			return nil, err
		}
		m.Using = make([]plan.Expr, len(c.Using))
		for i, u := range c.Using {
			if m.Using[i], err = expr(u); err != nil {
				return nil, err
			}
		}
		return &m, nil
	}
	return rewritePlan(n, f)
}

// SQLLiteral is Spark's Literal.sql for a value in the plan's representation.
func SQLLiteral(t types.DataType, v any, loc *time.Location) string { return sqlLiteral(t, v, loc) }

// PrettyLiteral is how Spark names an unaliased literal column of the value.
func PrettyLiteral(t types.DataType, v any, loc *time.Location) string {
	return prettyLiteral(t, v, loc)
}

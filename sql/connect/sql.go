package connect

import (
	"strings"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/astlower"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

func init() {
	// Column names show literals as Java prints them.
	astlower.FormatDouble = format.JavaDoubleString
	astlower.FormatFloat = format.JavaFloatString
}

// LowerSQL parses one SQL statement and lowers it into the logical plan with Spark's
// default settings.
func LowerSQL(text string) (plan.Node, error) { return Lowering{}.SQL(text) }

// SQL parses one SQL statement with the session's parser settings and lowers it: a query
// into a relation, other statements into commands.
func (l Lowering) SQL(text string) (plan.Node, error) {
	stmt, err := l.Parser.ParseStatement(text)
	if err != nil {
		return nil, parseError(err)
	}
	return l.AST.Statement(stmt, text)
}

// Expression parses and lowers an expression string (selectExpr, expr(), filter strings).
func (l Lowering) Expression(text string) (plan.Expr, error) {
	x, err := l.Parser.ParseExpression(text)
	if err != nil {
		return nil, parseError(err)
	}
	return l.AST.Expr(x)
}

// parseError turns the parser's error into the engine's error type, with the query
// context (the position) Spark reports.
func parseError(err error) error {
	pe, ok := err.(*parser.Error)
	if !ok {
		return err
	}
	e := sparkerror.New(sparkerror.Parse, pe.Class, pe.SQLState, "", pe.Params)
	e.Message = strings.TrimSuffix(strings.TrimPrefix(pe.Message(), "["+pe.Class+"] "), " SQLSTATE: "+pe.SQLState)
	return e
}

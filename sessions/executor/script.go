package executor

// This file is the entry of SQL scripting: spark.sql("BEGIN ... END") runs the script when
// it is called, as Spark does, and answers with the rows of the last statement that gave a
// result (a query), or with no columns when none did. The interpreter is in
// script_interp.go (execution nodes and the loop that walks them) and the SQL side of the
// statements in script_sql.go.

import (
	"context"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/connect"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// A running script executes its statements in a session of its own, which shares the
// configuration, catalog and session variables of the client's session; scriptRuns maps
// that session to the script so that every analysis of its statements (analyzerOptions)
// sees the script's local variables, as Spark's SqlScriptingContextManager makes them
// visible to the statements of the script and to nothing else.
var (
	scriptRuns   sync.Map // *sessions.Session -> *scriptRun
	scriptsAlive atomic.Int64
)

// variablesOf is the variable store the analysis of a statement run in s reads: the local
// variables of the script running there before the session's variables.
func variablesOf(s *sessions.Session) analyzer.Variables {
	if scriptsAlive.Load() > 0 {
		if r, ok := scriptRuns.Load(s); ok {
			return r.(*scriptRun)
		}
	}
	return s.Variables
}

// sqlScript runs rel when it is spark.sql of a SQL script (BEGIN ... END) and returns the
// script's result; isScript is false for every other relation, which the caller handles.
func (x *Executor) sqlScript(ctx context.Context, s *sessions.Session, rel *connectpb.Relation) (_ *plan.LocalData, isScript bool, _ error) {
	q := rel.GetSql()
	if q == nil || !startsScript(q.GetQuery()) {
		return nil, false, nil
	}
	text := q.GetQuery()
	st, err := scriptParser(s).ParseStatement(text)
	if err != nil {
		return nil, true, scriptParseError(err)
	}
	block, ok := st.(*ast.CompoundBlock)
	if !ok {
		return nil, false, nil
	}
	switch {
	case len(q.GetNamedArguments()) > 0 || len(q.GetArgs()) > 0:
		if text, err = bindScriptParameters(s, q, block, text); err != nil {
			return nil, true, err
		}
		st, err := scriptParser(s).ParseStatement(text)
		if err != nil {
			return nil, true, scriptParseError(err)
		}
		if block, ok = st.(*ast.CompoundBlock); !ok {
			return nil, true, sparkerror.InternalError("a script with its parameters bound is not a script")
		}
	case len(q.GetPosArguments()) > 0 || len(q.GetPosArgs()) > 0:
		return nil, true, scriptingError("UNSUPPORTED_FEATURE.SQL_SCRIPTING_WITH_POSITIONAL_PARAMETERS", "0A000",
			"The feature is not supported: Positional parameters are not supported with SQL Scripting.", nil)
	}
	res, err := x.runScript(ctx, s, block, text)
	return res, true, err
}

// bindScriptParameters binds the named parameters of spark.sql(script, args): each :name
// marker with an argument becomes the argument's SQL text, as Spark binds the arguments into
// every statement of the script; a marker without one stays, and is reported unbound when
// its statement runs.
func bindScriptParameters(s *sessions.Session, q *connectpb.SQL, block *ast.CompoundBlock, text string) (string, error) {
	args := map[string]*connectpb.Expression{}
	if named := q.GetNamedArguments(); len(named) > 0 {
		args = named
	} else {
		for k, lit := range q.GetArgs() {
			args[k] = &connectpb.Expression{ExprType: &connectpb.Expression_Literal_{Literal: lit}}
		}
	}
	var markers []*ast.Param
	positional := false
	ast.Inspect(block, func(n ast.Node) bool {
		if p, ok := n.(*ast.Param); ok {
			if p.Name == "" {
				positional = true
			}
			markers = append(markers, p)
		}
		return true
	})
	if positional {
		return "", sparkerror.New(sparkerror.Analysis, "INVALID_QUERY_MIXED_QUERY_PARAMETERS", "42613",
			"Parameterized query must either use positional, or named parameters, but not both.", nil)
	}
	sort.Slice(markers, func(i, j int) bool { return markers[i].Mark.Offset < markers[j].Mark.Offset })
	l := lowering(s)
	zone := sessionZone(s)
	var b strings.Builder
	last := 0
	for _, m := range markers {
		arg, ok := args[m.Name]
		if !ok || m.Mark.Offset < last || m.EndP.Offset <= m.Mark.Offset || m.EndP.Offset > len(text) {
			continue
		}
		e, err := l.Expr(arg)
		if err != nil {
			return "", err
		}
		sql, ok := argumentSQL(e, zone)
		if !ok {
			return "", sparkerror.New(sparkerror.Analysis, "INVALID_SQL_ARG", "42K08",
				"The argument <name> of `sql()` is invalid. Consider to replace it either by a SQL literal or by collection constructor functions such as `map()`, `array()`, `struct()`.",
				map[string]string{"name": m.Name})
		}
		b.WriteString(text[last:m.Mark.Offset])
		b.WriteString(sql)
		last = m.EndP.Offset
	}
	b.WriteString(text[last:])
	return b.String(), nil
}

// argumentSQL is the SQL text of an argument of spark.sql: a literal, or the collection
// constructors of literals (Spark's ParameterizedQueryArgumentsValidator).
func argumentSQL(e plan.Expr, zone *time.Location) (string, bool) {
	switch x := e.(type) {
	case *plan.Literal:
		return connect.SQLLiteral(x.Type, x.Value, zone), true
	case *plan.Alias:
		return argumentSQL(x.Child, zone)
	case *plan.UnresolvedFunction:
		if len(x.Name) != 1 {
			return "", false
		}
		switch strings.ToLower(x.Name[0]) {
		case "array", "map", "struct", "named_struct", "map_from_arrays", "map_from_entries":
		default:
			return "", false
		}
		args := make([]string, len(x.Args))
		for i, a := range x.Args {
			sql, ok := argumentSQL(a, zone)
			if !ok {
				return "", false
			}
			args[i] = sql
		}
		return x.Name[0] + "(" + strings.Join(args, ", ") + ")", true
	}
	return "", false
}

// scriptParser is the session's parser settings with those of SQL scripting.
func scriptParser(s *sessions.Session) parser.Options {
	opts := connect.ParserOptions(s.Conf)
	flag := func(key string, def bool) bool {
		v, ok, err := s.Conf.GetOption(key)
		if err != nil || !ok {
			return def
		}
		return strings.EqualFold(strings.TrimSpace(v), "true")
	}
	opts.DisableSQLScripting = !flag("spark.sql.scripting.enabled", true)
	opts.ContinueHandlerEnabled = flag("spark.sql.scripting.continueHandlerEnabled", false)
	return opts
}

// scriptParseError is a parse error in the engine's error type, as the SQL lowering
// reports it.
func scriptParseError(err error) error {
	pe, ok := err.(*parser.Error)
	if !ok {
		return err
	}
	e := sparkerror.New(sparkerror.Parse, pe.Class, pe.SQLState, "", pe.Params)
	e.Message = strings.TrimSuffix(strings.TrimPrefix(pe.Message(), "["+pe.Class+"] "), " SQLSTATE: "+pe.SQLState)
	return e
}

// startsScript reports whether SQL text starts with the keyword BEGIN, after blanks and
// comments: only such a text can be a script, and only it is parsed twice.
func startsScript(text string) bool {
	i := 0
	for i < len(text) {
		switch c := text[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(text[i:], "--"):
			nl := strings.IndexByte(text[i:], '\n')
			if nl < 0 {
				return false
			}
			i += nl + 1
		case strings.HasPrefix(text[i:], "/*"):
			end := strings.Index(text[i+2:], "*/")
			if end < 0 {
				return false
			}
			i += end + 4
		default:
			rest := text[i:]
			if len(rest) < 5 || !strings.EqualFold(rest[:5], "begin") {
				return false
			}
			return len(rest) == 5 || !isIdentByte(rest[5])
		}
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// runScript runs a parsed script in s and returns its result. The script's local variables
// and handlers live only while it runs; an error no handler takes ends it and is returned,
// leaving the session as the statements run so far left it.
func (x *Executor) runScript(ctx context.Context, s *sessions.Session, block *ast.CompoundBlock, text string) (*plan.LocalData, error) {
	root, err := compileScript(block, s.Conf.CaseSensitive())
	if err != nil {
		return nil, err
	}
	ss := &sessions.Session{UserID: s.UserID, SessionID: s.SessionID, ServerSideID: s.ServerSideID,
		Conf: s.Conf, Catalog: s.Catalog, Variables: s.Variables, DetachedTimeout: s.DetachedTimeout}
	r := &scriptRun{x: x, s: ss, client: s, text: text}
	scriptsAlive.Add(1)
	scriptRuns.Store(ss, r)
	defer func() {
		scriptRuns.Delete(ss)
		scriptsAlive.Add(-1)
	}()
	res, err := r.run(ctx, root)
	if err != nil {
		return nil, err
	}
	if res == nil {
		return emptyResult(), nil
	}
	return res, nil
}

package connect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/parser"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// LowerSQL parses one SQL statement and lowers it into the logical plan. This first version
// lowers queries made of a SELECT list of literals, columns and arithmetic over no FROM or
// over range(...), with LIMIT; other statements parse but answer NOT_IMPLEMENTED.
func LowerSQL(text string) (plan.Node, error) { return Lowering{}.SQL(text) }

// SQL parses one SQL statement with the session's parser settings and lowers it.
func (l Lowering) SQL(text string) (plan.Node, error) {
	stmt, err := l.Parser.ParseStatement(text)
	if err != nil {
		return nil, parseError(err)
	}
	q, ok := stmt.(*ast.Query)
	if !ok {
		return nil, sparkerror.NotImplemented("the statement " + strings.TrimPrefix(fmt.Sprintf("%T", stmt), "*ast."))
	}
	return lowerQuery(q)
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

func lowerQuery(q *ast.Query) (plan.Node, error) {
	if q.With != nil || len(q.OrderBy) > 0 || len(q.ClusterBy) > 0 || len(q.DistributeBy) > 0 ||
		len(q.SortBy) > 0 || len(q.Windows) > 0 || q.Offset != nil {
		return nil, sparkerror.NotImplemented("WITH, ORDER BY, SORT BY, CLUSTER BY, WINDOW and OFFSET clauses")
	}
	sel, ok := q.Body.(*ast.Select)
	if !ok {
		return nil, sparkerror.NotImplemented("set operations, VALUES and parenthesized queries")
	}
	n, err := lowerSelect(sel)
	if err != nil {
		return nil, err
	}
	if q.Limit != nil {
		lit, ok := q.Limit.(*ast.Literal)
		if !ok || lit.Kind != ast.IntegerLit {
			return nil, sparkerror.NotImplemented("LIMIT with a non-constant expression")
		}
		v, err := strconv.ParseInt(lit.Value, 10, 64)
		if err != nil || v < 0 {
			return nil, sparkerror.NotImplemented("LIMIT " + lit.Raw)
		}
		n = &plan.Limit{Child: n, N: v}
	}
	return n, nil
}

func lowerSelect(s *ast.Select) (plan.Node, error) {
	if s.Quantifier == ast.QuantDistinct || len(s.LateralViews) > 0 || s.Where != nil || s.GroupBy != nil ||
		s.Having != nil || len(s.Windows) > 0 {
		return nil, sparkerror.NotImplemented("DISTINCT, WHERE, GROUP BY, HAVING, LATERAL VIEW and WINDOW")
	}
	var child plan.Node = plan.OneRow{}
	if s.From != nil {
		if len(s.From.Relations) != 1 || len(s.From.LateralViews) > 0 || s.From.Pivot != nil || s.From.Unpivot != nil {
			return nil, sparkerror.NotImplemented("joins, PIVOT and UNPIVOT")
		}
		var err error
		if child, err = lowerRelation(s.From.Relations[0]); err != nil {
			return nil, err
		}
	}
	exprs := make([]plan.Expr, 0, len(s.Items))
	for _, item := range s.Items {
		e, err := lowerExpr(item)
		if err != nil {
			return nil, err
		}
		exprs = append(exprs, e)
	}
	return &plan.Project{Child: child, Exprs: exprs}, nil
}

func lowerRelation(r ast.Relation) (plan.Node, error) {
	tf, ok := r.(*ast.TableFunction)
	if !ok || tf.Call == nil || len(tf.Call.Name) != 1 || !strings.EqualFold(tf.Call.Name[0].Name, "range") || tf.Alias != nil {
		return nil, sparkerror.NotImplemented("tables and table-valued functions other than range(...)")
	}
	args := make([]int64, 0, 4)
	for _, a := range tf.Call.Args {
		v, ok := integerValue(a)
		if !ok {
			return nil, sparkerror.NotImplemented("range(...) with non-literal arguments")
		}
		args = append(args, v)
	}
	r0 := &plan.Range{Step: 1}
	switch len(args) {
	case 1:
		r0.End = args[0]
	case 2, 3, 4:
		r0.Start, r0.End = args[0], args[1]
		if len(args) >= 3 {
			r0.Step = args[2]
		}
		if len(args) == 4 {
			r0.NumPartitions = int(args[3])
		}
	default:
		return nil, sparkerror.New(sparkerror.Analysis, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "42605",
			"The <functionName> requires <expectedNum> parameters but the actual number is <actualNum>. Please, refer to '<docroot>/sql-ref-functions.html' for a fix.",
			map[string]string{"functionName": "`range`", "expectedNum": "[1, 2, 3, 4]", "actualNum": strconv.Itoa(len(args)), "docroot": "https://spark.apache.org/docs/latest"})
	}
	return r0, nil
}

func integerValue(e ast.Expr) (int64, bool) {
	switch e := e.(type) {
	case *ast.Literal:
		switch e.Kind {
		case ast.IntegerLit, ast.BigIntLit, ast.SmallIntLit, ast.TinyIntLit:
			v, err := strconv.ParseInt(e.Value, 10, 64)
			return v, err == nil
		}
	case *ast.UnaryExpr:
		if e.Op == ast.OpNeg {
			v, ok := integerValue(e.X)
			return -v, ok
		}
	case *ast.ParenExpr:
		return integerValue(e.X)
	}
	return 0, false
}

func lowerExpr(e ast.Expr) (plan.Expr, error) {
	switch e := e.(type) {
	case *ast.Literal:
		return lowerLiteral(e)
	case *ast.ColumnRef:
		parts := make([]string, len(e.Parts))
		for i, p := range e.Parts {
			parts[i] = p.Name
		}
		return &plan.Column{NameParts: parts}, nil
	case *ast.Star:
		if len(e.Except) > 0 {
			return nil, sparkerror.NotImplemented("* EXCEPT")
		}
		var q []string
		for _, p := range e.Qualifier {
			q = append(q, p.Name)
		}
		return &plan.Star{Qualifier: q}, nil
	case *ast.Alias:
		if e.Name == nil {
			return nil, sparkerror.NotImplemented("multi-column aliases AS (a, b)")
		}
		x, err := lowerExpr(e.X)
		if err != nil {
			return nil, err
		}
		return &plan.Alias{Child: x, Name: e.Name.Name}, nil
	case *ast.ParenExpr:
		return lowerExpr(e.X)
	case *ast.UnaryExpr:
		x, err := lowerExpr(e.X)
		if err != nil {
			return nil, err
		}
		switch e.Op {
		case ast.OpNeg:
			return &plan.Call{Name: "negative", Args: []plan.Expr{x}}, nil
		case ast.OpPlus:
			// Spark keeps unary plus in the tree: it shows in column names as (+ x).
			return &plan.Call{Name: "positive", Args: []plan.Expr{x}}, nil
		}
		return nil, sparkerror.NotImplemented("the operator " + e.OpText)
	case *ast.BinaryExpr:
		ops := map[ast.BinaryOp]string{ast.OpAdd: "+", ast.OpSub: "-", ast.OpMul: "*", ast.OpDiv: "/", ast.OpMod: "%"}
		op, ok := ops[e.Op]
		if !ok {
			return nil, sparkerror.NotImplemented("the operator " + e.OpText)
		}
		x, err := lowerExpr(e.X)
		if err != nil {
			return nil, err
		}
		y, err := lowerExpr(e.Y)
		if err != nil {
			return nil, err
		}
		return &plan.Call{Name: op, Args: []plan.Expr{x, y}, Infix: true}, nil
	}
	return nil, sparkerror.NotImplemented(unsupportedExprFeature(e))
}

// unsupportedExprFeature names what an expression needs that lowering lacks, specific
// enough to rank missing features (the function's name, the kind of expression).
func unsupportedExprFeature(e ast.Expr) string {
	if f, ok := e.(*ast.FuncCall); ok && len(f.Name) > 0 {
		parts := make([]string, len(f.Name))
		for i, p := range f.Name {
			parts[i] = strings.ToLower(p.Name)
		}
		return "the function " + strings.Join(parts, ".")
	}
	return "the expression " + strings.TrimPrefix(fmt.Sprintf("%T", e), "*ast.")
}

// lowerLiteral types a SQL literal and names it as Spark does.
func lowerLiteral(l *ast.Literal) (plan.Expr, error) {
	switch l.Type {
	case ast.TypeNull:
		return &plan.Literal{Type: types.Null, Text: "NULL"}, nil
	case ast.TypeBoolean:
		return &plan.Literal{Type: types.Boolean, Value: l.Value == "true", Text: l.Value}, nil
	case ast.TypeString:
		return &plan.Literal{Type: types.String, Value: l.Value, Text: l.Value}, nil
	case ast.TypeTinyInt, ast.TypeSmallInt, ast.TypeInt, ast.TypeBigInt:
		bitsOf := map[ast.LiteralType]int{ast.TypeTinyInt: 8, ast.TypeSmallInt: 16, ast.TypeInt: 32, ast.TypeBigInt: 64}
		v, err := strconv.ParseInt(l.Value, 10, bitsOf[l.Type])
		if err != nil {
			return nil, sparkerror.New(sparkerror.Parse, "INVALID_NUMERIC_LITERAL_RANGE", "22003",
				"Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName> with minimum value of <minValue> and maximum value of <maxValue>. Please adjust the value accordingly.",
				map[string]string{"rawStrippedQualifier": l.Value, "typeName": l.Type.String()})
		}
		text := strconv.FormatInt(v, 10)
		switch l.Type {
		case ast.TypeTinyInt:
			return &plan.Literal{Type: types.Byte, Value: int8(v), Text: text}, nil
		case ast.TypeSmallInt:
			return &plan.Literal{Type: types.Short, Value: int16(v), Text: text}, nil
		case ast.TypeInt:
			return &plan.Literal{Type: types.Integer, Value: int32(v), Text: text}, nil
		}
		return &plan.Literal{Type: types.Long, Value: v, Text: text}, nil
	case ast.TypeDouble:
		v, err := strconv.ParseFloat(l.Value, 64)
		if err != nil {
			return nil, sparkerror.NotImplemented("the double literal " + l.Raw)
		}
		return &plan.Literal{Type: types.Double, Value: v, Text: format.JavaDoubleString(v)}, nil
	case ast.TypeFloat:
		v, err := strconv.ParseFloat(l.Value, 32)
		if err != nil {
			return nil, sparkerror.NotImplemented("the float literal " + l.Raw)
		}
		return &plan.Literal{Type: types.Float, Value: float32(v), Text: format.JavaFloatString(float32(v))}, nil
	}
	return nil, sparkerror.NotImplemented("decimal literals (" + l.Raw + ")")
}

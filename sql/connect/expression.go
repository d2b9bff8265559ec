package connect

import (
	"fmt"
	"strings"

	"github.com/sailgo/sail/physical/format"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// LowerExpression lowers a Connect expression with Spark's default settings.
func LowerExpression(e *connectpb.Expression) (plan.Expr, error) { return Lowering{}.Expr(e) }

// Expr lowers a Connect expression.
func (l Lowering) Expr(e *connectpb.Expression) (plan.Expr, error) {
	switch t := e.GetExprType().(type) {
	case *connectpb.Expression_Literal_:
		return lowerConnectLiteral(t.Literal)
	case *connectpb.Expression_UnresolvedAttribute_:
		c := &plan.UnresolvedColumn{Parts: splitName(t.UnresolvedAttribute.GetUnparsedIdentifier())}
		if t.UnresolvedAttribute.PlanId != nil {
			c.PlanID, c.HasID = t.UnresolvedAttribute.GetPlanId(), true
		}
		return c, nil
	case *connectpb.Expression_Alias_:
		if len(t.Alias.GetName()) != 1 {
			return nil, sparkerror.NotImplemented("multi-name aliases")
		}
		child, err := l.Expr(t.Alias.GetExpr())
		if err != nil {
			return nil, err
		}
		return &plan.Alias{Child: child, Name: t.Alias.GetName()[0]}, nil
	case *connectpb.Expression_UnresolvedStar_:
		if t.UnresolvedStar.UnparsedTarget != nil {
			return &plan.UnresolvedStar{Target: splitName(strings.TrimSuffix(t.UnresolvedStar.GetUnparsedTarget(), ".*"))}, nil
		}
		return &plan.UnresolvedStar{}, nil
	case *connectpb.Expression_ExpressionString_:
		return l.Expression(t.ExpressionString.GetExpression())
	case *connectpb.Expression_UnresolvedFunction_:
		f := t.UnresolvedFunction
		args := make([]plan.Expr, len(f.GetArguments()))
		for i, a := range f.GetArguments() {
			x, err := l.Expr(a)
			if err != nil {
				return nil, err
			}
			args[i] = x
		}
		name := f.GetFunctionName()
		// PySpark sends operators as functions named by the operator ("+", "==", "and").
		operator := !isIdentifierLike(name) || name == "and" || name == "or" || name == "not"
		return &plan.UnresolvedFunction{Name: []string{name}, Args: args, Distinct: f.GetIsDistinct(), Operator: operator}, nil
	case nil:
		return nil, sparkerror.InvalidPlanInput("the expression has no type (expr_type is not set)")
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("the expression %T", e.GetExprType()))
}

func isIdentifierLike(s string) bool {
	for _, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// splitName splits a dotted, possibly backquoted, column name.
func splitName(s string) []string {
	var parts []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '`' && quoted && i+1 < len(s) && s[i+1] == '`':
			cur.WriteByte('`')
			i++
		case c == '`':
			quoted = !quoted
		case c == '.' && !quoted:
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, cur.String())
}

func lowerConnectLiteral(l *connectpb.Expression_Literal) (plan.Expr, error) {
	switch v := l.GetLiteralType().(type) {
	case *connectpb.Expression_Literal_Null:
		dt, err := FromProto(v.Null)
		if err != nil {
			dt = types.Null
		}
		return &plan.Literal{Type: dt, Text: "NULL"}, nil
	case *connectpb.Expression_Literal_Boolean:
		return &plan.Literal{Type: types.Boolean, Value: v.Boolean, Text: fmt.Sprint(v.Boolean)}, nil
	case *connectpb.Expression_Literal_Byte:
		return &plan.Literal{Type: types.Byte, Value: int8(v.Byte), Text: fmt.Sprint(v.Byte)}, nil
	case *connectpb.Expression_Literal_Short:
		return &plan.Literal{Type: types.Short, Value: int16(v.Short), Text: fmt.Sprint(v.Short)}, nil
	case *connectpb.Expression_Literal_Integer:
		return &plan.Literal{Type: types.Integer, Value: v.Integer, Text: fmt.Sprint(v.Integer)}, nil
	case *connectpb.Expression_Literal_Long:
		return &plan.Literal{Type: types.Long, Value: v.Long, Text: fmt.Sprint(v.Long)}, nil
	case *connectpb.Expression_Literal_Float:
		return &plan.Literal{Type: types.Float, Value: v.Float, Text: format.JavaFloatString(v.Float)}, nil
	case *connectpb.Expression_Literal_Double:
		return &plan.Literal{Type: types.Double, Value: v.Double, Text: format.JavaDoubleString(v.Double)}, nil
	case *connectpb.Expression_Literal_String_:
		return &plan.Literal{Type: types.String, Value: v.String_, Text: v.String_}, nil
	case *connectpb.Expression_Literal_Binary:
		return &plan.Literal{Type: types.Binary, Value: v.Binary, Text: fmt.Sprintf("X'%X'", v.Binary)}, nil
	case nil:
		return nil, sparkerror.InvalidPlanInput("the literal has no value (literal_type is not set)")
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("literals of kind %T", l.GetLiteralType()))
}

// SplitName splits a dotted, possibly backquoted, multi-part name (a table name).
func SplitName(s string) []string { return splitName(s) }

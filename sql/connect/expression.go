package connect

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// LowerExpression lowers a Connect expression with Spark's default settings.
func LowerExpression(e *connectpb.Expression) (plan.Expr, error) { return Lowering{}.Expr(e) }

// Expr lowers a Connect expression. Subquery expressions need the references of a
// WithRelations relation, so only Relation lowers them.
func (l Lowering) Expr(e *connectpb.Expression) (plan.Expr, error) {
	x, err := l.newLowerer().expr(e)
	if err != nil {
		return nil, err
	}
	if err := checkNoRegex(x); err != nil {
		return nil, err
	}
	return x, nil
}

// exprs lowers a list of expressions.
func (l *lowerer) exprs(es []*connectpb.Expression) ([]plan.Expr, error) {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		x, err := l.expr(e)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// expr lowers one expression as SparkConnectPlanner.transformExpression does.
func (l *lowerer) expr(e *connectpb.Expression) (plan.Expr, error) {
	if e == nil {
		return nil, sparkerror.InvalidPlanInput("an expression is required")
	}
	if f, isNil := nilOneof(e.ProtoReflect(), "expr_type"); isNil {
		return nil, sparkerror.InvalidPlanInput("the expression %s is empty", f)
	}
	switch t := e.GetExprType().(type) {
	case *connectpb.Expression_Literal_:
		return l.literal(t.Literal)
	case *connectpb.Expression_UnresolvedAttribute_:
		a := t.UnresolvedAttribute
		if a.GetIsMetadataColumn() {
			return nil, sparkerror.NotImplemented("metadata columns (DataFrame.metadataColumn)")
		}
		parts, err := parseAttributeName(a.GetUnparsedIdentifier())
		if err != nil {
			return nil, err
		}
		c := &plan.UnresolvedColumn{Parts: parts}
		if a.PlanId != nil {
			c.PlanID, c.HasID = a.GetPlanId(), true
		}
		return c, nil
	case *connectpb.Expression_UnresolvedFunction_:
		return l.unresolvedFunction(t.UnresolvedFunction)
	case *connectpb.Expression_CallFunction:
		name, err := parseAttributeName(t.CallFunction.GetFunctionName())
		if err != nil {
			return nil, err
		}
		return l.call(name, t.CallFunction.GetArguments(), false, false)
	case *connectpb.Expression_ExpressionString_:
		return l.Expression(t.ExpressionString.GetExpression())
	case *connectpb.Expression_UnresolvedStar_:
		return unresolvedStar(t.UnresolvedStar)
	case *connectpb.Expression_UnresolvedRegex_:
		return unresolvedRegex(t.UnresolvedRegex)
	case *connectpb.Expression_Alias_:
		return l.alias(t.Alias)
	case *connectpb.Expression_Cast_:
		return l.cast(t.Cast)
	case *connectpb.Expression_SortOrder_:
		return l.sortOrder(t.SortOrder)
	case *connectpb.Expression_LambdaFunction_:
		return l.lambda(t.LambdaFunction)
	case *connectpb.Expression_UnresolvedNamedLambdaVariable_:
		parts := t.UnresolvedNamedLambdaVariable.GetNameParts()
		if len(parts) == 0 {
			return nil, sparkerror.InvalidPlanInput("a lambda variable needs at least one name part")
		}
		// Lambda parameters shadow columns when names resolve (see the analyzer's scope).
		return &plan.UnresolvedColumn{Parts: append([]string(nil), parts...)}, nil
	case *connectpb.Expression_Window_:
		return l.window(t.Window)
	case *connectpb.Expression_UnresolvedExtractValue_:
		child, err := l.expr(t.UnresolvedExtractValue.GetChild())
		if err != nil {
			return nil, err
		}
		key, err := l.expr(t.UnresolvedExtractValue.GetExtraction())
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedExtract{Child: child, Key: key}, nil
	case *connectpb.Expression_UpdateFields_:
		u := t.UpdateFields
		if u.GetStructExpression() == nil {
			return nil, sparkerror.InvalidPlanInput("UpdateFields needs a struct expression")
		}
		st, err := l.expr(u.GetStructExpression())
		if err != nil {
			return nil, err
		}
		path := []string{""}
		if u.GetFieldName() != "" {
			if path, err = parseAttributeName(u.GetFieldName()); err != nil {
				return nil, err
			}
		}
		out := &plan.UpdateFields{Struct: st, Path: path}
		if u.GetValueExpression() != nil {
			if out.Value, err = l.expr(u.GetValueExpression()); err != nil {
				return nil, err
			}
		}
		return out, nil
	case *connectpb.Expression_NamedArgumentExpression:
		return nil, sparkerror.InvalidPlanInput("a named argument (%s => ...) is only valid as an argument of a function call", t.NamedArgumentExpression.GetKey())
	case *connectpb.Expression_LazyExpression:
		// Column.outer(): the reference resolves against the enclosing query, which the
		// analyzer's scopes already do for any name a subquery cannot resolve itself.
		return l.expr(t.LazyExpression.GetChild())
	case *connectpb.Expression_SubqueryExpression:
		return l.subqueryExpression(t.SubqueryExpression)
	case *connectpb.Expression_CommonInlineUserDefinedFunction:
		return nil, sparkerror.NotImplemented("user-defined functions (CommonInlineUserDefinedFunction " + t.CommonInlineUserDefinedFunction.GetFunctionName() + ")")
	case *connectpb.Expression_TypedAggregateExpression:
		return nil, sparkerror.NotImplemented("typed aggregate expressions (Scala Aggregator)")
	case *connectpb.Expression_MergeAction:
		return nil, sparkerror.NotImplemented("MERGE actions outside MERGE INTO")
	case *connectpb.Expression_Extension:
		return nil, sparkerror.NotImplemented("expression extensions (" + t.Extension.GetTypeUrl() + ")")
	case nil:
		return nil, sparkerror.InvalidPlanInput("the expression has no type (expr_type is not set)")
	}
	return nil, sparkerror.NotImplemented(fmt.Sprintf("the expression %T", e.GetExprType()))
}

func (l *lowerer) unresolvedFunction(f *connectpb.Expression_UnresolvedFunction) (plan.Expr, error) {
	name := []string{f.GetFunctionName()}
	if f.GetIsUserDefinedFunction() {
		parts, err := parseAttributeName(f.GetFunctionName())
		if err != nil {
			return nil, err
		}
		name = parts
	}
	if f.GetFunctionName() == "" {
		return nil, sparkerror.InvalidPlanInput("a function call needs a function name")
	}
	if len(name) == 1 && !f.GetIsDistinct() {
		// when and in are builtins Spark maps onto CaseWhen and In, which the plan has.
		switch name[0] {
		case "when":
			if len(f.GetArguments()) >= 2 {
				args, err := l.exprs(f.GetArguments())
				if err != nil {
					return nil, err
				}
				cw := &plan.CaseWhen{}
				for i := 0; i+1 < len(args); i += 2 {
					cw.Conds = append(cw.Conds, args[i])
					cw.Values = append(cw.Values, args[i+1])
				}
				if len(args)%2 == 1 {
					cw.Else = args[len(args)-1]
				}
				return cw, nil
			}
		case "in":
			if len(f.GetArguments()) >= 1 {
				args, err := l.exprs(f.GetArguments())
				if err != nil {
					return nil, err
				}
				return &plan.In{Value: args[0], List: args[1:]}, nil
			}
		}
	}
	// PySpark sends operators as functions named by the operator ("+", "==", "and").
	op := len(name) == 1 && (!isIdentifierLike(name[0]) || name[0] == "and" || name[0] == "or" || name[0] == "not")
	return l.call(name, f.GetArguments(), f.GetIsDistinct(), op)
}

// call lowers a function call; arguments given as name => value become named ones.
func (l *lowerer) call(name []string, args []*connectpb.Expression, distinct, operator bool) (plan.Expr, error) {
	if len(name) == 0 || name[len(name)-1] == "" {
		return nil, sparkerror.InvalidPlanInput("a function call needs a function name")
	}
	f := &plan.UnresolvedFunction{Name: name, Distinct: distinct, Operator: operator}
	named := false
	for _, a := range args {
		if na, ok := a.GetExprType().(*connectpb.Expression_NamedArgumentExpression); ok {
			v, err := l.expr(na.NamedArgumentExpression.GetValue())
			if err != nil {
				return nil, err
			}
			f.Args = append(f.Args, v)
			f.ArgNames = append(f.ArgNames, na.NamedArgumentExpression.GetKey())
			named = true
			continue
		}
		v, err := l.expr(a)
		if err != nil {
			return nil, err
		}
		f.Args = append(f.Args, v)
		f.ArgNames = append(f.ArgNames, "")
	}
	if !named {
		f.ArgNames = nil
	}
	if f.Args == nil {
		f.Args = []plan.Expr{}
	}
	return f, nil
}

func isIdentifierLike(s string) bool {
	for _, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func unresolvedStar(s *connectpb.Expression_UnresolvedStar) (plan.Expr, error) {
	switch {
	case s.UnparsedTarget != nil && s.PlanId != nil:
		return nil, sparkerror.InvalidPlanInput("UnresolvedStar with both target and plan id is not supported")
	case s.UnparsedTarget != nil:
		target := s.GetUnparsedTarget()
		if !strings.HasSuffix(target, ".*") {
			return nil, sparkerror.InvalidPlanInput("UnresolvedStar requires a unparsed target ending with '.*', but got %s.", target)
		}
		parts, err := parseAttributeName(strings.TrimSuffix(target, ".*"))
		if err != nil {
			return nil, err
		}
		return &plan.UnresolvedStar{Target: parts}, nil
	}
	// df["*"] carries the DataFrame's plan id; the plan form has no place for it, so it
	// expands to every input column (the same thing unless the input is a join).
	return &plan.UnresolvedStar{}, nil
}

// regexColumn is colRegex's `pattern` (optionally after a table name): a select-list item
// that expands to the input columns whose names match. Relation lowering expands it where
// Spark allows it (a projection); anywhere else it is an error.
type regexColumn struct {
	Pattern string
	Table   string // "" for none; matched against the last part of a column's qualifier
}

func (r *regexColumn) String() string {
	if r.Table != "" {
		return r.Table + "." + r.Pattern
	}
	return r.Pattern
}
func (r *regexColumn) Children() []plan.Expr              { return nil }
func (r *regexColumn) WithChildren([]plan.Expr) plan.Expr { return r }

// Spark's ParserUtils.escapedIdentifier and qualifiedEscapedIdentifier.
var (
	escapedIdentifier          = regexp.MustCompile("(?s)^`(.+)`$")
	qualifiedEscapedIdentifier = regexp.MustCompile("(?s)^(.+)\\.`(.+)`$")
)

// unresolvedRegex is colRegex: a backquoted name is a regular expression over the column
// names (optionally after a table name); anything else is a plain column name.
func unresolvedRegex(r *connectpb.Expression_UnresolvedRegex) (plan.Expr, error) {
	name := r.GetColName()
	if m := escapedIdentifier.FindStringSubmatch(name); m != nil {
		return &regexColumn{Pattern: m[1]}, nil
	}
	if m := qualifiedEscapedIdentifier.FindStringSubmatch(name); m != nil {
		return &regexColumn{Pattern: m[2], Table: m[1]}, nil
	}
	parts, err := parseAttributeName(name)
	if err != nil {
		return nil, err
	}
	c := &plan.UnresolvedColumn{Parts: parts}
	if r.PlanId != nil {
		c.PlanID, c.HasID = r.GetPlanId(), true
	}
	return c, nil
}

// checkNoRegex fails on a colRegex pattern outside a select list, as Spark does.
func checkNoRegex(es ...plan.Expr) error {
	for _, e := range es {
		var found *regexColumn
		plan.Walk(e, func(x plan.Expr) bool {
			if r, ok := x.(*regexColumn); ok && found == nil {
				found = r
			}
			return found == nil
		})
		if found != nil {
			return sparkerror.New(sparkerror.Analysis, "INVALID_USAGE_OF_STAR_OR_REGEX", "42000",
				"Invalid usage of <elem> in <prettyName>.",
				map[string]string{"elem": "regular expression '" + found.Pattern + "'", "prettyName": "expression " + quoteIdentifier(e.String())})
		}
	}
	return nil
}

func (l *lowerer) alias(a *connectpb.Expression_Alias) (plan.Expr, error) {
	child, err := l.expr(a.GetExpr())
	if err != nil {
		return nil, err
	}
	switch len(a.GetName()) {
	case 0:
		return nil, sparkerror.InvalidPlanInput("an alias needs a name")
	case 1:
		al := &plan.Alias{Child: child, Name: a.GetName()[0]}
		if a.Metadata != nil && a.GetMetadata() != "" {
			md, err := types.ParseMetadata(a.GetMetadata())
			if err != nil {
				return nil, err
			}
			al.Metadata = md.JSON()
		}
		return al, nil
	}
	if a.Metadata != nil {
		return nil, sparkerror.InvalidPlanInput("Alias expressions with more than 1 identifier must not use optional metadata.")
	}
	return &plan.MultiAlias{Child: child, Names: append([]string(nil), a.GetName()...)}, nil
}

func (l *lowerer) cast(c *connectpb.Expression_Cast) (plan.Expr, error) {
	child, err := l.expr(c.GetExpr())
	if err != nil {
		return nil, err
	}
	var to types.DataType
	switch k := c.GetCastToType().(type) {
	case *connectpb.Expression_Cast_Type:
		if to, err = FromProto(k.Type); err != nil {
			return nil, err
		}
	case *connectpb.Expression_Cast_TypeStr:
		if to, err = types.ParseDataType(k.TypeStr); err != nil {
			return nil, err
		}
	default:
		return nil, sparkerror.InvalidPlanInput("a cast needs a target type (cast_to_type is not set)")
	}
	// A cast to CHAR/VARCHAR is a cast to STRING (CharVarcharUtils).
	to = replaceCharVarchar(to)
	n := &plan.Cast{Child: child, To: to}
	switch c.GetEvalMode() {
	case connectpb.Expression_Cast_EVAL_MODE_TRY:
		n.Try = true
	case connectpb.Expression_Cast_EVAL_MODE_UNSPECIFIED, connectpb.Expression_Cast_EVAL_MODE_ANSI, connectpb.Expression_Cast_EVAL_MODE_LEGACY:
		// The plan's Cast takes its mode from the session when analyzed; an explicit
		// ANSI or LEGACY mode has no field to live in.
	default:
		return nil, sparkerror.InvalidPlanInput("unknown cast eval mode %d", c.GetEvalMode())
	}
	return n, nil
}

func replaceCharVarchar(t types.DataType) types.DataType {
	switch x := t.(type) {
	case types.CharType, types.VarcharType:
		return types.String
	case types.ArrayType:
		return types.NewArray(replaceCharVarchar(x.ElementType), x.ContainsNull)
	case types.MapType:
		return types.NewMap(replaceCharVarchar(x.KeyType), replaceCharVarchar(x.ValueType), x.ValueContainsNull)
	case *types.StructType:
		st := types.NewStruct()
		for _, f := range x.Fields {
			f.DataType = replaceCharVarchar(f.DataType)
			st = st.Add(f)
		}
		return st
	}
	return t
}

// sortOrder lowers a sort key: ascending only when asked for, and NULLS FIRST only when
// asked for, as SparkConnectPlanner reads the enums.
func (l *lowerer) sortOrder(o *connectpb.Expression_SortOrder) (*plan.SortOrder, error) {
	child, err := l.expr(o.GetChild())
	if err != nil {
		return nil, err
	}
	return &plan.SortOrder{
		Child:      child,
		Descending: o.GetDirection() != connectpb.Expression_SortOrder_SORT_DIRECTION_ASCENDING,
		NullsFirst: o.GetNullOrdering() == connectpb.Expression_SortOrder_SORT_NULLS_FIRST,
		Explicit:   true,
	}, nil
}

func (l *lowerer) lambda(f *connectpb.Expression_LambdaFunction) (plan.Expr, error) {
	n := len(f.GetArguments())
	if n == 0 || n > 3 {
		return nil, sparkerror.InvalidPlanInput("LambdaFunction requires 1 ~ 3 arguments, but got %d ones!", n)
	}
	body, err := l.expr(f.GetFunction())
	if err != nil {
		return nil, err
	}
	params := make([]string, n)
	for i, a := range f.GetArguments() {
		parts := a.GetNameParts()
		if len(parts) != 1 {
			return nil, sparkerror.InvalidPlanInput("a lambda parameter needs exactly one name part, got %d", len(parts))
		}
		params[i] = parts[0]
	}
	return &plan.Lambda{Params: params, Body: body}, nil
}

func (l *lowerer) window(w *connectpb.Expression_Window) (plan.Expr, error) {
	if w.GetWindowFunction() == nil {
		return nil, sparkerror.InvalidPlanInput("WindowFunction is required in WindowExpression")
	}
	fn, err := l.expr(w.GetWindowFunction())
	if err != nil {
		return nil, err
	}
	spec := &plan.WindowSpec{}
	if spec.PartitionBy, err = l.exprs(w.GetPartitionSpec()); err != nil {
		return nil, err
	}
	if len(spec.PartitionBy) == 0 {
		spec.PartitionBy = nil
	}
	for _, o := range w.GetOrderSpec() {
		so, err := l.sortOrder(o)
		if err != nil {
			return nil, err
		}
		spec.OrderBy = append(spec.OrderBy, so)
	}
	if fs := w.GetFrameSpec(); fs != nil {
		frame := &plan.WindowFrame{}
		switch fs.GetFrameType() {
		case connectpb.Expression_Window_WindowFrame_FRAME_TYPE_ROW:
			frame.Type = plan.RowsFrame
		case connectpb.Expression_Window_WindowFrame_FRAME_TYPE_RANGE:
			frame.Type = plan.RangeFrame
		default:
			return nil, sparkerror.InvalidPlanInput("unknown window frame type %s", fs.GetFrameType())
		}
		if fs.GetLower() == nil {
			return nil, sparkerror.InvalidPlanInput("LowerBound is required in WindowFrame")
		}
		if fs.GetUpper() == nil {
			return nil, sparkerror.InvalidPlanInput("UpperBound is required in WindowFrame")
		}
		if frame.Lower, err = l.frameBound(fs.GetLower(), plan.UnboundedPreceding); err != nil {
			return nil, err
		}
		if frame.Upper, err = l.frameBound(fs.GetUpper(), plan.UnboundedFollowing); err != nil {
			return nil, err
		}
		spec.Frame = frame
	}
	return &plan.WindowExpr{Func: fn, Spec: spec}, nil
}

// frameBound lowers a frame boundary. A value boundary is an offset Spark keeps as it is:
// rowsBetween(-1, 1) is "-1 FOLLOWING AND 1 FOLLOWING" in its column names, so the offset
// is signed and the kind is FOLLOWING.
func (l *lowerer) frameBound(b *connectpb.Expression_Window_WindowFrame_FrameBoundary, unbounded plan.BoundKind) (plan.FrameBound, error) {
	switch k := b.GetBoundary().(type) {
	case *connectpb.Expression_Window_WindowFrame_FrameBoundary_CurrentRow:
		return plan.FrameBound{Kind: plan.CurrentRow}, nil
	case *connectpb.Expression_Window_WindowFrame_FrameBoundary_Unbounded:
		return plan.FrameBound{Kind: unbounded}, nil
	case *connectpb.Expression_Window_WindowFrame_FrameBoundary_Value:
		v, err := l.expr(k.Value)
		if err != nil {
			return plan.FrameBound{}, err
		}
		return plan.FrameBound{Kind: plan.Following, Offset: v}, nil
	}
	return plan.FrameBound{}, sparkerror.InvalidPlanInput("a window frame boundary has no value (boundary is not set)")
}

// subqueryExpression lowers a scalar or EXISTS subquery over a relation of the enclosing
// WithRelations.
func (l *lowerer) subqueryExpression(s *connectpb.SubqueryExpression) (plan.Expr, error) {
	q, err := l.reference(s.GetPlanId())
	if err != nil {
		return nil, err
	}
	switch s.GetSubqueryType() {
	case connectpb.SubqueryExpression_SUBQUERY_TYPE_SCALAR:
		return &plan.ScalarSubquery{Query: &plan.Subquery{Plan: q}}, nil
	case connectpb.SubqueryExpression_SUBQUERY_TYPE_EXISTS:
		return &plan.Exists{Query: &plan.Subquery{Plan: q}}, nil
	}
	return nil, sparkerror.InvalidPlanInput("unknown subquery type %s", s.GetSubqueryType())
}

package connect

import (
	"fmt"
	"testing"
	"time"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
)

func litOf(l *connectpb.Expression_Literal) *connectpb.Expression { return litExpr(l) }

func TestLiteralNamesAndTypes(t *testing.T) {
	day := int64(24 * time.Hour / time.Microsecond)
	cases := []struct {
		lit  *connectpb.Expression_Literal
		want string
	}{
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Byte{Byte: 7}}, "7 tinyint not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Short{Short: -3}}, "-3 smallint not null"},
		{intLit(42), "42 int not null"},
		{longLit(1 << 40), "1099511627776 bigint not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Float{Float: 1.5}}, "1.5 float not null"},
		{doubleLit(1e10), "1.0E10 double not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Decimal_{Decimal: &connectpb.Expression_Literal_Decimal{Value: "12.50"}}}, "12.50 decimal(4,2) not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Decimal_{Decimal: &connectpb.Expression_Literal_Decimal{Value: "3", Precision: ptr(int32(10)), Scale: ptr(int32(2))}}}, "3.00 decimal(10,2) not null"},
		{strLit("hi"), "hi string not null"},
		{boolLit(false), "false boolean not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Binary{Binary: []byte{1, 0xab}}}, "X'01AB' binary not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Date{Date: 18262}}, "DATE '2020-01-01' date not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Timestamp{Timestamp: 1_500_000}}, "TIMESTAMP '1970-01-01 00:00:01.5' timestamp not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_TimestampNtz{TimestampNtz: 0}}, "TIMESTAMP_NTZ '1970-01-01 00:00:00' timestamp_ntz not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_DayTimeInterval{DayTimeInterval: day + 1}}, "INTERVAL '1 00:00:00.000001' DAY TO SECOND interval day to second not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_YearMonthInterval{YearMonthInterval: 14}}, "INTERVAL '1-2' YEAR TO MONTH interval year to month not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_CalendarInterval_{CalendarInterval: &connectpb.Expression_Literal_CalendarInterval{Months: 1, Days: 2}}}, "INTERVAL '1 months 2 days' interval not null"},
		{nullLit(t, "int"), "NULL int"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Null{Null: &connectpb.DataType{}}}, "NULL void"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Array_{Array: &connectpb.Expression_Literal_Array{
			ElementType: typeProto(t, "bigint"), Elements: []*connectpb.Expression_Literal{longLit(1), nullLit(t, "bigint")}}}}, "ARRAY(1L, CAST(NULL AS BIGINT)) array<bigint> not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Array_{Array: &connectpb.Expression_Literal_Array{
			Elements: []*connectpb.Expression_Literal{strLit("it's")}}}}, `ARRAY('it\'s') array<string> not null`},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Map_{Map: &connectpb.Expression_Literal_Map{
			KeyType: typeProto(t, "string"), ValueType: typeProto(t, "double"), Keys: []*connectpb.Expression_Literal{strLit("a")}, Values: []*connectpb.Expression_Literal{doubleLit(2)}}}},
			"MAP('a', 2.0D) map<string,double> not null"},
		{&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Struct_{Struct: &connectpb.Expression_Literal_Struct{
			StructType: typeProto(t, "struct<x:int,y:string>"), Elements: []*connectpb.Expression_Literal{intLit(1), strLit("b")}}}},
			"NAMED_STRUCT('x', 1, 'y', 'b') struct<x:int,y:string> not null"},
	}
	l, opts := testLowering(t)
	for _, c := range cases {
		n, err := l.Relation(projectRel(nil, litOf(c.lit)))
		if err != nil {
			t.Errorf("%s: %v", c.want, err)
			continue
		}
		r, err := analyzer.Resolve(n, opts)
		if err != nil {
			t.Errorf("%s: %v", c.want, err)
			continue
		}
		if got := schemaOf(r); got != c.want {
			t.Errorf("\n got %s\nwant %s", got, c.want)
		}
	}
}

func TestLiteralTimeZone(t *testing.T) {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip(err)
	}
	x, err := Lowering{TimeZone: loc}.Expr(litOf(&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Timestamp{Timestamp: 0}}))
	if err != nil {
		t.Fatal(err)
	}
	if got := x.String(); got != "TIMESTAMP '1969-12-31 16:00:00'" {
		t.Errorf("got %s", got)
	}
}

func TestBadLiterals(t *testing.T) {
	for name, lit := range map[string]*connectpb.Expression_Literal{
		"no value":             {},
		"byte out of range":    {LiteralType: &connectpb.Expression_Literal_Byte{Byte: 300}},
		"decimal not a number": {LiteralType: &connectpb.Expression_Literal_Decimal_{Decimal: &connectpb.Expression_Literal_Decimal{Value: "1x"}}},
		"array without a type": {LiteralType: &connectpb.Expression_Literal_Array_{Array: &connectpb.Expression_Literal_Array{}}},
		"array of mixed types": {LiteralType: &connectpb.Expression_Literal_Array_{Array: &connectpb.Expression_Literal_Array{
			ElementType: typeProto(t, "int"), Elements: []*connectpb.Expression_Literal{strLit("x")}}}},
		"map with more keys": {LiteralType: &connectpb.Expression_Literal_Map_{Map: &connectpb.Expression_Literal_Map{
			KeyType: typeProto(t, "int"), ValueType: typeProto(t, "int"), Keys: []*connectpb.Expression_Literal{intLit(1)}}}},
		"struct of the wrong width": {LiteralType: &connectpb.Expression_Literal_Struct_{Struct: &connectpb.Expression_Literal_Struct{
			StructType: typeProto(t, "struct<x:int>")}}},
		"struct with a non-struct type": {LiteralType: &connectpb.Expression_Literal_Struct_{Struct: &connectpb.Expression_Literal_Struct{
			StructType: typeProto(t, "int")}}},
	} {
		if _, err := LowerExpression(litOf(lit)); errorClass(err) != "INVALID_PLAN_INPUT" {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if _, err := LowerExpression(litOf(&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Decimal_{Decimal: &connectpb.Expression_Literal_Decimal{Value: "1", Precision: ptr(int32(40))}}})); errorClass(err) != "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION" {
		t.Errorf("decimal(40): got %v", err)
	}
	if _, err := LowerExpression(litOf(&connectpb.Expression_Literal{LiteralType: &connectpb.Expression_Literal_Map_{Map: &connectpb.Expression_Literal_Map{
		KeyType: typeProto(t, "int"), ValueType: typeProto(t, "int"), Keys: []*connectpb.Expression_Literal{nullLit(t, "int")}, Values: []*connectpb.Expression_Literal{intLit(1)}}}})); errorClass(err) != "NULL_MAP_KEY" {
		t.Errorf("null map key: got %v", err)
	}
}

func windowExpr(fn *connectpb.Expression, partition []*connectpb.Expression, order []*connectpb.Expression_SortOrder, frame *connectpb.Expression_Window_WindowFrame) *connectpb.Expression {
	return &connectpb.Expression{ExprType: &connectpb.Expression_Window_{Window: &connectpb.Expression_Window{
		WindowFunction: fn, PartitionSpec: partition, OrderSpec: order, FrameSpec: frame}}}
}

func boundValue(v int32) *connectpb.Expression_Window_WindowFrame_FrameBoundary {
	return &connectpb.Expression_Window_WindowFrame_FrameBoundary{Boundary: &connectpb.Expression_Window_WindowFrame_FrameBoundary_Value{Value: lit(int(v))}}
}

func TestExpressions(t *testing.T) {
	distinctCount := &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedFunction_{UnresolvedFunction: &connectpb.Expression_UnresolvedFunction{
		FunctionName: "count", Arguments: exprs(col("a")), IsDistinct: true}}}
	castTo := func(e *connectpb.Expression, to string, mode connectpb.Expression_Cast_EvalMode) *connectpb.Expression {
		return &connectpb.Expression{ExprType: &connectpb.Expression_Cast_{Cast: &connectpb.Expression_Cast{Expr: e,
			CastToType: &connectpb.Expression_Cast_TypeStr{TypeStr: to}, EvalMode: mode}}}
	}
	castType := &connectpb.Expression{ExprType: &connectpb.Expression_Cast_{Cast: &connectpb.Expression_Cast{Expr: col("a"),
		CastToType: &connectpb.Expression_Cast_Type{Type: typeProto(t, "bigint")}}}}
	starOf := func(target string) *connectpb.Expression {
		return &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedStar_{UnresolvedStar: &connectpb.Expression_UnresolvedStar{UnparsedTarget: ptr(target)}}}
	}
	planStar := &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedStar_{UnresolvedStar: &connectpb.Expression_UnresolvedStar{PlanId: ptr(int64(3))}}}
	extract := &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedExtractValue_{UnresolvedExtractValue: &connectpb.Expression_UnresolvedExtractValue{Child: col("st"), Extraction: lit("y")}}}
	exprString := &connectpb.Expression{ExprType: &connectpb.Expression_ExpressionString_{ExpressionString: &connectpb.Expression_ExpressionString{Expression: "a * 2"}}}
	callFn := &connectpb.Expression{ExprType: &connectpb.Expression_CallFunction{CallFunction: &connectpb.CallFunction{FunctionName: "abs", Arguments: exprs(col("a"))}}}
	lazy := &connectpb.Expression{ExprType: &connectpb.Expression_LazyExpression{LazyExpression: &connectpb.LazyExpression{Child: col("a")}}}
	rows := &connectpb.Expression_Window_WindowFrame{FrameType: connectpb.Expression_Window_WindowFrame_FRAME_TYPE_ROW, Lower: boundValue(-1), Upper: boundValue(1)}
	unbounded := &connectpb.Expression_Window_WindowFrame{FrameType: connectpb.Expression_Window_WindowFrame_FRAME_TYPE_RANGE,
		Lower: &connectpb.Expression_Window_WindowFrame_FrameBoundary{Boundary: &connectpb.Expression_Window_WindowFrame_FrameBoundary_Unbounded{Unbounded: true}},
		Upper: &connectpb.Expression_Window_WindowFrame_FrameBoundary{Boundary: &connectpb.Expression_Window_WindowFrame_FrameBoundary_CurrentRow{CurrentRow: true}}}
	runRelCases(t, []relCase{
		{name: "operators", rel: projectRel(tableRel("t"), call("+", col("a"), lit(1)), call("==", col("a"), lit(1)), call("and", lit(true), call(">", col("c"), lit(0.5)))),
			want: "(a + 1) int, (a = 1) boolean, (true AND (c > 0.5)) boolean"},
		{name: "when", rel: projectRel(tableRel("t"), call("when", call(">", col("a"), lit(1)), lit("x"), lit("y"))), want: "CASE WHEN (a > 1) THEN x ELSE y END string not null"},
		{name: "when without otherwise", rel: projectRel(tableRel("t"), call("when", call(">", col("a"), lit(1)), lit(2))), want: "CASE WHEN (a > 1) THEN 2 END int"},
		{name: "in", rel: projectRel(tableRel("t"), call("in", col("a"), lit(1), lit(2))), want: "(a IN (1, 2)) boolean"},
		{name: "a distinct aggregate", rel: projectRel(tableRel("t"), distinctCount), want: "count(DISTINCT a) bigint not null"},
		{name: "a function by name", rel: projectRel(tableRel("t"), call("coalesce", col("a"), lit(0))), want: "coalesce(a, 0) int not null"},
		{name: "an unknown function", rel: projectRel(tableRel("t"), call("nosuch", col("a"))), err: "UNRESOLVED_ROUTINE"},
		{name: "call_function", rel: projectRel(tableRel("t"), callFn), want: "abs(a) int"},
		{name: "expression string", rel: projectRel(tableRel("t"), exprString), want: "(a * 2) int"},
		{name: "a bad expression string", rel: projectRel(tableRel("t"), &connectpb.Expression{ExprType: &connectpb.Expression_ExpressionString_{ExpressionString: &connectpb.Expression_ExpressionString{Expression: "a +"}}}), err: "PARSE_SYNTAX_ERROR"},
		{name: "star", rel: projectRel(tableRel("t"), star()), want: "a int, b string, c double"},
		{name: "star of a table", rel: projectRel(joinRel(tableRel("t"), tableRel("u"), cross, nil), starOf("u.*")), want: "a int, d bigint not null"},
		{name: "star of a struct", rel: projectRel(tableRel("s"), starOf("st.*")), want: "x int, y string"},
		{name: "star of a DataFrame", rel: projectRel(tableRel("t"), planStar), want: "a int, b string, c double"},
		{name: "star with a bad target", rel: projectRel(tableRel("t"), starOf("t")), err: "INVALID_PLAN_INPUT"},
		{name: "column with a plan id", rel: projectRel(withPlanID(tableRel("t"), 5), &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedAttribute_{UnresolvedAttribute: &connectpb.Expression_UnresolvedAttribute{UnparsedIdentifier: "b", PlanId: ptr(int64(5))}}}), want: "b string"},
		{name: "a quoted column name", rel: projectRel(projectRel(nil, as(lit(1), "x.y")), col("`x.y`")), want: "x.y int not null"},
		{name: "a metadata column", rel: projectRel(tableRel("t"), &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedAttribute_{UnresolvedAttribute: &connectpb.Expression_UnresolvedAttribute{UnparsedIdentifier: "_metadata", IsMetadataColumn: ptr(true)}}}), err: "NOT_IMPLEMENTED"},
		{name: "a struct field", rel: projectRel(tableRel("s"), col("st.x")), want: "x int"},
		{name: "extract value", rel: projectRel(tableRel("s"), as(extract, "v")), want: "v string"},
		{name: "alias", rel: projectRel(tableRel("t"), as(col("a"), "k")), want: "k int"},
		{name: "alias without a name", rel: projectRel(tableRel("t"), as(col("a"))), err: "INVALID_PLAN_INPUT"},
		// A cast of a column keeps the column's name, as Spark's ResolveAliases names it.
		{name: "cast to a type", rel: projectRel(tableRel("t"), castType), want: "a bigint"},
		{name: "cast to a type string", rel: projectRel(tableRel("t"), castTo(col("a"), "string", connectpb.Expression_Cast_EVAL_MODE_UNSPECIFIED)), want: "a string"},
		{name: "cast to varchar is to string", rel: projectRel(tableRel("t"), castTo(col("a"), "varchar(3)", connectpb.Expression_Cast_EVAL_MODE_ANSI)), want: "a string"},
		{name: "try cast", rel: projectRel(tableRel("t"), castTo(col("b"), "int", connectpb.Expression_Cast_EVAL_MODE_TRY)), want: "b int"},
		{name: "cast to a bad type string", rel: projectRel(tableRel("t"), castTo(col("b"), "nosuchtype", connectpb.Expression_Cast_EVAL_MODE_UNSPECIFIED)), err: "UNSUPPORTED_DATATYPE"},
		{name: "lazy (outer) column", rel: projectRel(tableRel("t"), lazy), want: "a int"},
		{name: "window with a frame", rel: projectRel(tableRel("t"), windowExpr(call("sum", col("a")), exprs(col("b")), []*connectpb.Expression_SortOrder{sortOrder(col("a"), true, true)}, rows)),
			want: "sum(a) OVER (PARTITION BY b ORDER BY a ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND 1 FOLLOWING) bigint"},
		{name: "ranking window", rel: projectRel(tableRel("t"), windowExpr(call("row_number"), nil, []*connectpb.Expression_SortOrder{sortOrder(col("c"), false, false)}, nil)),
			want: "row_number() OVER (ORDER BY c DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) int not null"},
		{name: "window with a range frame", rel: projectRel(tableRel("t"), windowExpr(call("max", col("a")), nil, []*connectpb.Expression_SortOrder{sortOrder(col("a"), true, true)}, unbounded)),
			want: "max(a) OVER (ORDER BY a ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) int"},
		{name: "window without a function", rel: projectRel(tableRel("t"), windowExpr(nil, nil, nil, nil)), err: "INVALID_PLAN_INPUT"},
		{name: "window frame without a type", rel: projectRel(tableRel("t"), windowExpr(call("max", col("a")), nil, nil, &connectpb.Expression_Window_WindowFrame{Lower: boundValue(0), Upper: boundValue(0)})), err: "INVALID_PLAN_INPUT"},
		{name: "window frame without a bound", rel: projectRel(tableRel("t"), windowExpr(call("max", col("a")), nil, nil, &connectpb.Expression_Window_WindowFrame{FrameType: connectpb.Expression_Window_WindowFrame_FRAME_TYPE_ROW, Lower: boundValue(0)})), err: "INVALID_PLAN_INPUT"},
		{name: "withField", rel: projectRel(tableRel("s"), &connectpb.Expression{ExprType: &connectpb.Expression_UpdateFields_{UpdateFields: &connectpb.Expression_UpdateFields{StructExpression: col("st"), FieldName: "z", ValueExpression: lit(1)}}}),
			want: "update_fields(st, WithField(1)) struct<x:int,y:string,z:int>"},
		{name: "dropFields", rel: projectRel(tableRel("s"), &connectpb.Expression{ExprType: &connectpb.Expression_UpdateFields_{UpdateFields: &connectpb.Expression_UpdateFields{StructExpression: col("st"), FieldName: "x"}}}),
			want: "update_fields(st, DropField()) struct<y:string>"},
		{name: "a Python UDF", rel: projectRel(tableRel("t"), &connectpb.Expression{ExprType: &connectpb.Expression_CommonInlineUserDefinedFunction{CommonInlineUserDefinedFunction: &connectpb.CommonInlineUserDefinedFunction{FunctionName: "f"}}}), err: "NOT_IMPLEMENTED"},
		{name: "a named argument outside a call", rel: projectRel(tableRel("t"), &connectpb.Expression{ExprType: &connectpb.Expression_NamedArgumentExpression{NamedArgumentExpression: &connectpb.NamedArgumentExpression{Key: "k", Value: lit(1)}}}), err: "INVALID_PLAN_INPUT"},
		{name: "an expression without a type", rel: projectRel(tableRel("t"), &connectpb.Expression{}), err: "INVALID_PLAN_INPUT"},
		{name: "a nil expression", rel: filterRel(tableRel("t"), nil), err: "INVALID_PLAN_INPUT"},
	})
}

func TestLoweredExpressionForms(t *testing.T) {
	lambda := &connectpb.Expression{ExprType: &connectpb.Expression_LambdaFunction_{LambdaFunction: &connectpb.Expression_LambdaFunction{
		Function:  call("+", &connectpb.Expression{ExprType: &connectpb.Expression_UnresolvedNamedLambdaVariable_{UnresolvedNamedLambdaVariable: &connectpb.Expression_UnresolvedNamedLambdaVariable{NameParts: []string{"x_1"}}}}, lit(1)),
		Arguments: []*connectpb.Expression_UnresolvedNamedLambdaVariable{{NameParts: []string{"x_1"}}}}}}
	named := &connectpb.Expression{ExprType: &connectpb.Expression_CallFunction{CallFunction: &connectpb.CallFunction{FunctionName: "builtin.mask", Arguments: exprs(col("b"),
		&connectpb.Expression{ExprType: &connectpb.Expression_NamedArgumentExpression{NamedArgumentExpression: &connectpb.NamedArgumentExpression{Key: "upperChar", Value: lit("X")}}})}}}
	multi := as(call("posexplode", col("arr")), "p", "v")
	withMeta := as(col("a"), "k")
	withMeta.GetAlias().Metadata = ptr(`{"x":1}`)
	for _, c := range []struct {
		e    *connectpb.Expression
		want string
	}{
		{call("transform", col("arr"), lambda), "transform(arr, lambdafunction((x_1 + 1), namedlambdavariable()))"},
		{named, "builtin.mask(b, X)"},
		{multi, "posexplode(arr) AS (p, v)"},
		{withMeta, "a AS k"},
		{call("<=>", col("a"), lit(1)), "(a <=> 1)"},
	} {
		x, err := LowerExpression(c.e)
		if err != nil {
			t.Fatalf("%s: %v", c.want, err)
		}
		if got := x.String(); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
	x, _ := LowerExpression(named)
	if f := x.(*plan.UnresolvedFunction); len(f.Name) != 2 || f.ArgNames[1] != "upperChar" || f.ArgNames[0] != "" {
		t.Errorf("named arguments lowered to %#v", f)
	}
	x, _ = LowerExpression(withMeta)
	if a := x.(*plan.Alias); a.Metadata != `{"x":1}` {
		t.Errorf("alias metadata %q", a.Metadata)
	}
	bad := as(col("a"), "p", "v")
	bad.GetAlias().Metadata = ptr("{}")
	if _, err := LowerExpression(bad); errorClass(err) != "INVALID_PLAN_INPUT" {
		t.Errorf("multi-name alias with metadata: %v", err)
	}
	noArgs := &connectpb.Expression{ExprType: &connectpb.Expression_LambdaFunction_{LambdaFunction: &connectpb.Expression_LambdaFunction{Function: lit(1)}}}
	if _, err := LowerExpression(noArgs); errorClass(err) != "INVALID_PLAN_INPUT" {
		t.Errorf("lambda without arguments: %v", err)
	}
	if _, err := LowerExpression(col("a..b")); errorClass(err) != "INVALID_ATTRIBUTE_NAME_SYNTAX" {
		t.Errorf("a..b: %v", err)
	}
	if _, err := LowerExpression(regex("`a`")); errorClass(err) != "INVALID_USAGE_OF_STAR_OR_REGEX" {
		t.Errorf("a regex alone: %v", err)
	}
}

func TestParseAttributeName(t *testing.T) {
	for in, want := range map[string]string{
		"a":         `["a"]`,
		"a.b.c":     `["a" "b" "c"]`,
		"`a.b`.c":   `["a.b" "c"]`,
		"`a``b`":    "[\"a`b\"]",
		"`a`.`b`":   `["a" "b"]`,
		"":          `[""]`,
		"a.`b c`.d": `["a" "b c" "d"]`,
	} {
		parts, err := parseAttributeName(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if got := fmt.Sprintf("%q", parts); got != want {
			t.Errorf("%q: got %s, want %s", in, got, want)
		}
	}
	for _, bad := range []string{"`a", "a`b`", "`a`b", "a.", ".a", "a..b"} {
		if _, err := parseAttributeName(bad); errorClass(err) != "INVALID_ATTRIBUTE_NAME_SYNTAX" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

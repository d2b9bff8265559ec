package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// reflect / java_method / try_reflect(class, method, args...) call a static JDK method.
// There is no JVM here: the classes and static methods in javaStatics are the ones we
// carry (physical/expr/reflect.go implements each signature); any other class is
// UNEXPECTED_CLASS_TYPE and any other method UNEXPECTED_STATIC_METHOD, as Spark answers
// for a class or method it cannot find.

// javaStatics lists, per class, its public static methods as name(param types): Java
// type names, primitive or boxed or java.lang.Object.
var javaStatics = map[string][]string{
	"java.lang.Object": nil,
	"java.lang.Math": {
		"max(int,int)", "max(long,long)", "max(float,float)", "max(double,double)",
		"min(int,int)", "min(long,long)", "min(float,float)", "min(double,double)",
		"abs(int)", "abs(long)", "abs(float)", "abs(double)",
		"round(float)", "round(double)", "sqrt(double)", "cbrt(double)", "pow(double,double)",
		"floor(double)", "ceil(double)", "exp(double)", "log(double)", "log10(double)",
		"signum(double)", "signum(float)", "addExact(int,int)", "addExact(long,long)",
		"multiplyExact(int,int)", "multiplyExact(long,long)", "floorDiv(int,int)", "floorDiv(long,long)",
		"floorMod(int,int)", "floorMod(long,long)",
	},
	"java.lang.String": {
		"valueOf(int)", "valueOf(long)", "valueOf(boolean)", "valueOf(java.lang.Object)",
	},
	"java.lang.Integer": {
		"valueOf(java.lang.String)", "valueOf(java.lang.String,int)", "valueOf(int)",
		"parseInt(java.lang.String)", "parseInt(java.lang.String,int)",
		"toString(int)", "toString(int,int)", "toHexString(int)", "toBinaryString(int)", "toOctalString(int)",
		"max(int,int)", "min(int,int)", "sum(int,int)", "signum(int)", "bitCount(int)", "reverse(int)",
	},
	"java.lang.Long": {
		"valueOf(java.lang.String)", "valueOf(java.lang.String,int)", "valueOf(long)",
		"parseLong(java.lang.String)", "parseLong(java.lang.String,int)",
		"toString(long)", "toString(long,int)", "toHexString(long)", "toBinaryString(long)", "toOctalString(long)",
		"max(long,long)", "min(long,long)", "sum(long,long)", "signum(long)", "bitCount(long)",
	},
	"java.lang.Boolean": {"parseBoolean(java.lang.String)", "valueOf(java.lang.String)", "valueOf(boolean)", "toString(boolean)"},
	"java.util.UUID":    {"fromString(java.lang.String)", "randomUUID()"},
	"java.net.URLDecoder": {
		"decode(java.lang.String)", "decode(java.lang.String,java.lang.String)",
	},
	"java.net.URLEncoder": {
		"encode(java.lang.String)", "encode(java.lang.String,java.lang.String)",
	},
}

// ReflectSignatures lists every class.method(params) reflect can call.
func ReflectSignatures() []string {
	var out []string
	for class, methods := range javaStatics {
		for _, m := range methods {
			out = append(out, class+"."+m)
		}
	}
	return out
}

// javaAccepts reports whether a parameter of Java type param takes a value of type t, as
// Spark's CallMethodViaReflection.findMethod decides (its typeMapping and
// Class.isAssignableFrom).
func javaAccepts(param string, t types.DataType) bool {
	if param == "java.lang.Object" {
		switch t.(type) {
		case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType,
			types.FloatType, types.DoubleType, types.StringType:
			return true
		}
		return false
	}
	switch t.(type) {
	case types.BooleanType:
		return param == "boolean" || param == "java.lang.Boolean"
	case types.ByteType:
		return param == "byte" || param == "java.lang.Byte"
	case types.ShortType:
		return param == "short" || param == "java.lang.Short"
	case types.IntegerType:
		return param == "int" || param == "java.lang.Integer"
	case types.LongType:
		return param == "long" || param == "java.lang.Long"
	case types.FloatType:
		return param == "float" || param == "java.lang.Float"
	case types.DoubleType:
		return param == "double" || param == "java.lang.Double"
	case types.StringType:
		return param == "java.lang.String" || param == "java.lang.CharSequence"
	}
	return false
}

// FindJavaStatic finds the static method class.method taking values of argTypes: its
// signature (class.method(params)) or "".
func FindJavaStatic(class, method string, argTypes []types.DataType) string {
	for _, m := range javaStatics[class] {
		open := strings.IndexByte(m, '(')
		if m[:open] != method {
			continue
		}
		var params []string
		if inner := m[open+1 : len(m)-1]; inner != "" {
			params = strings.Split(inner, ",")
		}
		if len(params) != len(argTypes) {
			continue
		}
		ok := true
		for i, p := range params {
			ok = ok && javaAccepts(p, argTypes[i])
		}
		if ok {
			return class + "." + m
		}
	}
	return ""
}

func init() {
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		inner := name // Spark's errors name the reflect call a try_reflect wraps
		if name == "try_reflect" {
			inner = "reflect"
		}
		if len(args) < 2 {
			return nil, wrongNumArgs(inner, "> 1", len(args))
		}
		sqlText := `"` + callText(inner, args) + `"`
		mismatch := func(sub string, params map[string]string) error {
			params["sqlExpr"] = sqlText
			return analysisError("DATATYPE_MISMATCH."+sub, "42K09", dataTypeMismatchTemplates[sub], params)
		}
		var names [2]string
		for i, what := range []string{"class", "method"} {
			_, isStr := plan.TypeOf(args[i]).(types.StringType)
			lit, isLit := args[i].(*plan.Literal)
			if !isStr || !isLit {
				return nil, mismatch("NON_FOLDABLE_INPUT", map[string]string{"inputName": quoteID(what), "inputType": `"STRING"`, "inputExpr": sqlExpr(args[i])})
			}
			if lit.Value == nil {
				return nil, mismatch("UNEXPECTED_NULL", map[string]string{"exprName": quoteID(what)})
			}
			s, _ := lit.Value.(string)
			names[i] = s
		}
		argTypes := make([]types.DataType, len(args)-2)
		for i, arg := range args[2:] {
			t := plan.TypeOf(arg)
			switch t.(type) {
			case types.BooleanType, types.ByteType, types.ShortType, types.IntegerType, types.LongType,
				types.FloatType, types.DoubleType, types.StringType:
			default:
				return nil, mismatch("UNEXPECTED_INPUT_TYPE", map[string]string{"paramIndex": ordinal(i + 3),
					"requiredType": `("BOOLEAN" or "TINYINT" or "SMALLINT" or "INT" or "BIGINT" or "FLOAT" or "DOUBLE" or "STRING")`,
					"inputSql":     sqlExpr(arg), "inputType": sqlType(t)})
			}
			argTypes[i] = t
		}
		if _, ok := javaStatics[names[0]]; !ok {
			return nil, mismatch("UNEXPECTED_CLASS_TYPE", map[string]string{"className": names[0]})
		}
		if FindJavaStatic(names[0], names[1], argTypes) == "" {
			return nil, mismatch("UNEXPECTED_STATIC_METHOD", map[string]string{"methodName": names[1], "className": names[0]})
		}
		fn := "reflect"
		if name == "try_reflect" {
			fn = "try_reflect"
		}
		return &plan.Call{Fn: fn, Args: args, Type: types.String, Null: true, Display: name}, nil
	}, "reflect", "java_method", "try_reflect")
}

var dataTypeMismatchTemplates = map[string]string{
	"NON_FOLDABLE_INPUT":       "Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
	"UNEXPECTED_NULL":          "Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
	"UNEXPECTED_INPUT_TYPE":    "Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires the <requiredType> type, however <inputSql> has the type <inputType>.",
	"UNEXPECTED_CLASS_TYPE":    "Cannot resolve <sqlExpr> due to data type mismatch: class <className> not found.",
	"UNEXPECTED_STATIC_METHOD": "Cannot resolve <sqlExpr> due to data type mismatch: cannot find a static method <methodName> that matches the argument types in <className>.",
}

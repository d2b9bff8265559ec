package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Helpers for the scalar function registrations of the scalars_*.go files.

// sig is the signature of a simple scalar function: its argument counts, the expected
// type of each argument (the last repeats), the result type and the column name.
type sig struct {
	fn      string // the physical function; the first registered name when empty
	display string // the name in column names; the name as called when empty
	counts  []int  // allowed argument counts; nil allows any
	want    []coercion.Expected
	req     []string // Spark's requiredType text per argument (the last repeats)
	result  func(args []plan.Expr) types.DataType
	// null computes the nullability from the (cast) arguments; nil means any argument.
	null func(args []plan.Expr) bool
	// defaults complete the arguments when fewer are given (Spark's auxiliary
	// constructors): defaults[k] is the argument at position len(required)+k.
	defaults []plan.Expr
	minArgs  int // the number of arguments without defaults (when defaults are set)
	ansi     bool
}

// registerSig registers names with signature s.
func registerSig(s sig, names ...string) {
	fn := s.fn
	if fn == "" {
		fn = names[0]
	}
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if s.counts != nil {
			if err := arity(name, args, s.counts...); err != nil {
				return nil, err
			}
		}
		full := args
		if len(s.defaults) > 0 && len(args) < s.minArgs+len(s.defaults) {
			full = append(append([]plan.Expr(nil), args...), s.defaults[len(args)-s.minArgs:]...)
		}
		display := s.display
		if display == "" {
			display = name
		}
		x := full
		if len(s.want) > 0 && len(full) > 0 {
			var err error
			if x, err = a.implicit(display, full, s.want, s.req); err != nil {
				return nil, err
			}
		}
		null := anyNull(x)
		if s.null != nil {
			null = s.null(x)
		}
		return &plan.Call{Fn: fn, Args: x, Type: s.result(x), Null: null, Display: display, ANSI: s.ansi && a.opts.ANSI}, nil
	}, names...)
}

// alwaysNull is the nullability of functions that may give NULL on any input.
func alwaysNull([]plan.Expr) bool { return true }

// bareCall is a call whose column name is fixed text (Spark prints the original arguments
// of a function it rewrote, or a special syntax).
func bareCall(fn string, args []plan.Expr, t types.DataType, null bool, text string) *plan.Call {
	return &plan.Call{Fn: fn, Args: args, Type: t, Null: null, Form: plan.FormBare, Display: text}
}

// callText is name(args) as Spark prints a call.
func callText(name string, args []plan.Expr) string {
	return name + "(" + joinExprs(args) + ")"
}

func binaryLit(b []byte) *plan.Literal {
	const digits = "0123456789ABCDEF"
	var sb strings.Builder
	sb.WriteString("X'")
	for _, c := range b {
		sb.WriteByte(digits[c>>4])
		sb.WriteByte(digits[c&15])
	}
	sb.WriteByte('\'')
	return &plan.Literal{Type: types.Binary, Value: b, Text: sb.String()}
}

func isBinaryType(t types.DataType) bool { _, ok := t.(types.BinaryType); return ok }
func isNullTypeOf(e plan.Expr) bool      { _, ok := plan.TypeOf(e).(types.NullType); return ok }

// literalString is the value of a string literal (ok false for anything else, NULL included).
func literalString(e plan.Expr) (string, bool) {
	for {
		c, ok := e.(*plan.Cast)
		if !ok || !c.Implicit {
			break
		}
		e = c.Child
	}
	l, ok := e.(*plan.Literal)
	if !ok {
		return "", false
	}
	s, ok := l.Value.(string)
	return s, ok
}

func nonFoldable(fn, input string, want string, e plan.Expr) error {
	return analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
		map[string]string{"sqlExpr": `"` + fn + `"`, "inputName": quoteID(input), "inputType": want, "inputExpr": sqlExpr(e)})
}

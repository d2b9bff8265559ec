package analyzer

import (
	"math"
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/interval"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Time windows: window(time_column, window_duration[, slide_duration[, start_time]]) in a
// projection or an aggregate, rewritten before resolution as Spark's TimeWindowing does
// after it. A tumbling window (slide = window) becomes a column "window" computed over the
// rows whose time is not NULL; a sliding window gives each row one "window" row per
// overlapping window (through explode, where Spark uses Expand), keeping those that
// contain the time. __time_window computes the i-th window of a time; window_time(w) is a
// window's last microsecond.

const timeWindowFn = "__time_window"

func init() {
	register(ScalarFunction, resolveTimeWindowStruct, timeWindowFn)
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		// A window(...) the rewrite did not reach (outside a projection or an aggregate).
		if err := arity(name, args, 2, 3, 4); err != nil {
			return nil, err
		}
		return nil, analysisError("UNSUPPORTED_EXPR_FOR_OPERATOR", "42K0E",
			"A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [<invalidExprSqls>]",
			map[string]string{"invalidExprSqls": callText(name, args)})
	}, "window")
	register(ScalarFunction, resolveWindowTime, "window_time")
	register(ScalarFunction, resolveSessionWindowStruct, sessionWindowFn)
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		return nil, analysisError("UNSUPPORTED_EXPR_FOR_OPERATOR", "42K0E",
			"A query operator contains one or more unsupported expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator functions in the WHERE clause.\nInvalid expressions: [<invalidExprSqls>]",
			map[string]string{"invalidExprSqls": callText(name, args)})
	}, "session_window")
}

// windowSpec is a window call's durations in microseconds.
type windowSpec struct {
	ts                    plan.Expr
	window, slide, offset int64
}

func isWindowCall(e plan.Expr) (*plan.UnresolvedFunction, bool) {
	f, ok := e.(*plan.UnresolvedFunction)
	if !ok || len(f.Args) < 2 {
		return nil, false
	}
	switch strings.ToLower(f.Name[len(f.Name)-1]) {
	case "window":
		if len(f.Args) > 4 {
			return nil, false
		}
	case "session_window":
		if len(f.Args) != 2 {
			return nil, false
		}
	default:
		return nil, false
	}
	if len(f.Name) > 1 {
		q := strings.ToLower(strings.Join(f.Name[:len(f.Name)-1], "."))
		if q != "system.builtin" && q != "builtin" {
			return nil, false
		}
	}
	return f, true
}

// rewriteTimeWindows applies the rewrite to every projection and aggregate of an
// unresolved plan.
func rewriteTimeWindows(n plan.Node) (plan.Node, error) {
	ch := n.Children()
	if len(ch) > 0 {
		var changed []plan.Node
		for i, c := range ch {
			r, err := rewriteTimeWindows(c)
			if err != nil {
				return nil, err
			}
			if r != c && changed == nil {
				changed = append([]plan.Node(nil), ch...)
			}
			if changed != nil {
				changed[i] = r
			}
		}
		if changed != nil {
			n = n.WithChildren(changed)
		}
	}
	switch p := n.(type) {
	case *plan.Project:
		calls := windowCalls(p.Exprs)
		if len(calls) == 0 {
			return n, nil
		}
		if len(calls) > 1 {
			return nil, multipleWindows()
		}
		var child plan.Node
		var col plan.Expr
		if isSession(calls[0]) {
			child, col = sessionInput(p.Child, calls[0], nil, false)
		} else {
			spec, err := windowSpecOf(calls)
			if err != nil {
				return nil, err
			}
			if spec.slide == spec.window {
				// One window per row: computed in place, so that a star in the list
				// does not see a window column.
				q := *p
				q.Child = &plan.Filter{Child: p.Child, Cond: &plan.UnresolvedFunction{Name: []string{"isnotnull"}, Args: []plan.Expr{spec.ts}}}
				q.Exprs = make([]plan.Expr, len(p.Exprs))
				for i, e := range p.Exprs {
					if _, ok := isWindowCall(e); ok {
						q.Exprs[i] = &plan.Alias{Child: spec.call(0), Name: "window"}
						continue
					}
					q.Exprs[i] = replaceWindowCalls([]plan.Expr{e}, spec.call(0))[0]
				}
				return &q, nil
			}
			child, col = windowInput(p.Child, spec)
		}
		q := *p
		q.Child, q.Exprs = child, replaceWindowCalls(p.Exprs, col)
		return &q, nil
	case *plan.Aggregate:
		calls := windowCalls(append(append([]plan.Expr(nil), p.Groups...), p.Exprs...))
		if len(calls) == 0 {
			return n, nil
		}
		if len(calls) > 1 {
			return nil, multipleWindows()
		}
		var child plan.Node
		var col plan.Expr
		if isSession(calls[0]) {
			child, col = sessionInput(p.Child, calls[0], sessionKeys(p, calls[0]), true)
		} else {
			spec, err := windowSpecOf(calls)
			if err != nil {
				return nil, err
			}
			child, col = windowInput(p.Child, spec)
		}
		q := *p
		q.Child, q.Groups, q.Exprs = child, replaceWindowCalls(p.Groups, col), replaceWindowCalls(p.Exprs, col)
		return &q, nil
	}
	return n, nil
}

// windowCalls lists the distinct window calls of exprs (by their text).
func windowCalls(exprs []plan.Expr) []*plan.UnresolvedFunction {
	var out []*plan.UnresolvedFunction
	seen := map[string]bool{}
	for _, e := range exprs {
		plan.Walk(e, func(x plan.Expr) bool {
			if f, ok := isWindowCall(x); ok {
				if k := f.String(); !seen[k] {
					seen[k] = true
					out = append(out, f)
				}
				return false
			}
			return true
		})
	}
	return out
}

func multipleWindows() error {
	return analysisError("_LEGACY_ERROR_TEMP_1039", "",
		"Multiple time/session window expressions would result in a cartesian product of rows, therefore they are currently not supported.", nil)
}

func isSession(f *plan.UnresolvedFunction) bool {
	return strings.EqualFold(f.Name[len(f.Name)-1], "session_window")
}

func windowSpecOf(calls []*plan.UnresolvedFunction) (windowSpec, error) {
	f := calls[0]
	spec := windowSpec{ts: f.Args[0]}
	var err error
	if spec.window, err = windowDuration(f.Args[1]); err != nil {
		return spec, err
	}
	spec.slide = spec.window
	if len(f.Args) > 2 {
		if spec.slide, err = windowDuration(f.Args[2]); err != nil {
			return spec, err
		}
	}
	if len(f.Args) > 3 {
		if spec.offset, err = windowDuration(f.Args[3]); err != nil {
			return spec, err
		}
	}
	call := `"window(` + joinExprs(f.Args) + `)"`
	long := func(v int64) string { return strconv.FormatInt(v, 10) + "L" }
	outOfRange := func(name string, v int64) error {
		return analysisError("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must be between <valueRange> (current value = <currentValue>).",
			map[string]string{"sqlExpr": call, "exprName": quoteID(name), "valueRange": "(0, 9223372036854775807]", "currentValue": long(v)})
	}
	violation := func(left string, lv int64, op, right string, rv int64) error {
		return analysisError("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <leftExprName>(<leftExprValue>) must be <constraint> the <rightExprName>(<rightExprValue>).",
			map[string]string{"sqlExpr": call, "leftExprName": quoteID(left), "leftExprValue": long(lv), "constraint": op,
				"rightExprName": quoteID(right), "rightExprValue": long(rv)})
	}
	switch {
	case spec.window <= 0:
		return spec, outOfRange("window_duration", spec.window)
	case spec.slide <= 0:
		return spec, outOfRange("slide_duration", spec.slide)
	case spec.slide > spec.window:
		return spec, violation("slide_duration", spec.slide, "<=", "window_duration", spec.window)
	case abs64(spec.offset) >= spec.slide:
		return spec, violation("abs(start_time)", abs64(spec.offset), "<", "slide_duration", spec.slide)
	}
	return spec, nil
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// windowDuration reads a duration argument: an interval string (no months) or a number
// of microseconds.
func windowDuration(e plan.Expr) (int64, error) {
	lit, ok := e.(*plan.Literal)
	if ok && lit.Value != nil {
		switch v := lit.Value.(type) {
		case int32:
			return int64(v), nil
		case int64:
			return v, nil
		case string:
			cal, ok := interval.ParseCalendar(v)
			if !ok {
				return 0, analysisError("CANNOT_PARSE_INTERVAL", "22006",
					"Unable to parse <intervalString>. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.",
					map[string]string{"intervalString": "'" + v + "'"})
			}
			if cal.Months != 0 {
				return 0, analysisError("_LEGACY_ERROR_TEMP_3231", "",
					"Intervals greater than a month is not supported (<interval>).", map[string]string{"interval": v})
			}
			days := int64(cal.Days)
			if days > math.MaxInt64/86_400_000_000 || days < math.MinInt64/86_400_000_000 {
				return 0, analysisError("CANNOT_PARSE_INTERVAL", "22006", "Unable to parse <intervalString>.",
					map[string]string{"intervalString": "'" + v + "'"})
			}
			return days*86_400_000_000 + cal.Micros, nil
		}
	}
	return 0, analysisError("_LEGACY_ERROR_TEMP_1207", "",
		"The duration and time inputs to window must be an integer, long or string literal.", nil)
}

// windowInput is the input of the node with the window: its child with the window
// column added (tumbling) or exploded (sliding), filtered; col refers to the column.
// call is the i-th window of a time (counting back from the latest).
func (spec windowSpec) call(i int64) plan.Expr {
	return &plan.UnresolvedFunction{Name: []string{timeWindowFn}, Args: []plan.Expr{spec.ts,
		longLit(spec.window), longLit(spec.slide), longLit(spec.offset), longLit(i)}}
}

func windowInput(child plan.Node, spec windowSpec) (plan.Node, plan.Expr) {
	notNull := &plan.UnresolvedFunction{Name: []string{"isnotnull"}, Args: []plan.Expr{spec.ts}}
	win := spec.call
	col := &plan.UnresolvedColumn{Parts: []string{"window"}}
	if spec.slide == spec.window {
		filtered := &plan.Filter{Child: child, Cond: notNull}
		return &plan.Project{Child: filtered, Exprs: []plan.Expr{&plan.UnresolvedStar{},
			&plan.Alias{Child: win(0), Name: "window"}}}, col
	}
	k := int64(math.Ceil(float64(spec.window) / float64(spec.slide)))
	windows := make([]plan.Expr, k)
	for i := range windows {
		windows[i] = win(int64(i))
	}
	gen := &plan.Generate{Child: child, Names: []string{"window"}, Generator: &plan.UnresolvedFunction{Name: []string{"explode"},
		Args: []plan.Expr{&plan.UnresolvedFunction{Name: []string{"array"}, Args: windows}}}}
	var cond plan.Expr = notNull
	if spec.window%spec.slide != 0 {
		field := func(f string) plan.Expr { return &plan.UnresolvedColumn{Parts: []string{"window", f}} }
		cond = &plan.UnresolvedFunction{Name: []string{"and"}, Operator: true, Args: []plan.Expr{
			&plan.UnresolvedFunction{Name: []string{">="}, Operator: true, Args: []plan.Expr{spec.ts, field("start")}},
			&plan.UnresolvedFunction{Name: []string{"<"}, Operator: true, Args: []plan.Expr{spec.ts, field("end")}}}}
	}
	return &plan.Filter{Child: gen, Cond: cond}, col
}

func longLit(v int64) *plan.Literal {
	return &plan.Literal{Type: types.Long, Value: v, Text: strconv.FormatInt(v, 10)}
}

// replaceWindowCalls puts col in the place of the window calls.
func replaceWindowCalls(exprs []plan.Expr, col plan.Expr) []plan.Expr {
	out := make([]plan.Expr, len(exprs))
	for i, e := range exprs {
		out[i], _ = plan.Transform(e, func(x plan.Expr) (plan.Expr, error) {
			if _, ok := isWindowCall(x); ok {
				return col, nil
			}
			return x, nil
		})
	}
	return out
}

const sessionWindowFn = "__session_window"

// sessionKeys are the grouping expressions of an aggregate besides its session window
// (GROUP BY ordinals replaced by the select-list expressions they name).
func sessionKeys(p *plan.Aggregate, call *plan.UnresolvedFunction) []plan.Expr {
	var keys []plan.Expr
	for _, g := range p.Groups {
		if f, ok := isWindowCall(g); ok && f == call {
			continue
		}
		if lit, ok := g.(*plan.Literal); ok {
			if k, isInt := lit.Value.(int32); isInt && k >= 1 && int(k) <= len(p.Exprs) {
				g = p.Exprs[k-1]
				if al, isAlias := g.(*plan.Alias); isAlias {
					g = al.Child
				}
			}
		}
		if _, ok := isWindowCall(g); ok {
			continue
		}
		keys = append(keys, g)
	}
	return keys
}

// sessionInput is the input of the node with session_window(ts, gap): each row's session
// [ts, ts + gap) for the rows with a time and a positive gap, and, under an aggregate
// (merge), the sessions of the same keys merged where they overlap or touch, as
// Spark's MergingSessionsExec: sorted by start, a row opens a new session when its start
// is after the end of every earlier row's session.
func sessionInput(child plan.Node, call *plan.UnresolvedFunction, keys []plan.Expr, merge bool) (plan.Node, plan.Expr) {
	ts := call.Args[0]
	fn := func(name string, args ...plan.Expr) *plan.UnresolvedFunction {
		return &plan.UnresolvedFunction{Name: []string{name}, Args: args}
	}
	op := func(name string, args ...plan.Expr) *plan.UnresolvedFunction {
		return &plan.UnresolvedFunction{Name: []string{name}, Args: args, Operator: true}
	}
	col := func(parts ...string) *plan.UnresolvedColumn { return &plan.UnresolvedColumn{Parts: parts} }
	out := col("session_window")
	raw := "session_window"
	if merge {
		raw = "__session_row"
	}
	one := &plan.Project{Child: child, Exprs: []plan.Expr{&plan.UnresolvedStar{},
		&plan.Alias{Child: fn(sessionWindowFn, ts, call.Args[1]), Name: raw}}}
	var n plan.Node = &plan.Filter{Child: one, Cond: op("and", fn("isnotnull", ts), op(">", col(raw, "end"), col(raw, "start")))}
	if !merge {
		return n, out
	}
	order := []*plan.SortOrder{{Child: col(raw, "start")}}
	over := func(f plan.Expr, partition []plan.Expr, order []*plan.SortOrder, frame *plan.WindowFrame) plan.Expr {
		return &plan.WindowExpr{Func: f, Spec: &plan.WindowSpec{PartitionBy: partition, OrderBy: order, Frame: frame}}
	}
	prev := &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBound{Kind: plan.UnboundedPreceding},
		Upper: plan.FrameBound{Kind: plan.Preceding, Offset: intLit(1)}}
	upToHere := &plan.WindowFrame{Type: plan.RowsFrame, Lower: plan.FrameBound{Kind: plan.UnboundedPreceding},
		Upper: plan.FrameBound{Kind: plan.CurrentRow}}
	n = &plan.Project{Child: n, Exprs: []plan.Expr{&plan.UnresolvedStar{},
		&plan.Alias{Child: over(fn("max", col(raw, "end")), keys, order, prev), Name: "__session_prev_end"}}}
	opens := fn("if", op("or", fn("isnull", col("__session_prev_end")), op(">", col(raw, "start"), col("__session_prev_end"))),
		intLit(1), intLit(0))
	n = &plan.Project{Child: n, Exprs: []plan.Expr{&plan.UnresolvedStar{},
		&plan.Alias{Child: over(fn("sum", opens), keys, order, upToHere), Name: "__session_id"}}}
	session := append(append([]plan.Expr(nil), keys...), col("__session_id"))
	merged := fn("named_struct", stringLit("start"), over(fn("min", col(raw, "start")), session, nil, nil),
		stringLit("end"), over(fn("max", col(raw, "end")), session, nil, nil))
	n = &plan.Project{Child: n, Exprs: []plan.Expr{&plan.UnresolvedStar{}, &plan.Alias{Child: merged, Name: "session_window"}}}
	return n, out
}

// resolveSessionWindowStruct types __session_window(ts, gap): STRUCT<start: ts, end:
// ts + gap> of the time's type (TIMESTAMP for strings and dates); a string gap is an
// interval string.
func resolveSessionWindowStruct(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	ts := args[0]
	switch plan.TypeOf(ts).(type) {
	case types.TimestampType, types.TimestampNTZType:
	default:
		x, err := a.implicit("session_window", []plan.Expr{ts}, []coercion.Expected{coercion.AnyTimestamp}, []string{`"TIMESTAMP"`})
		if err != nil {
			return nil, unexpectedInputType("session_window("+joinExprs(args)+")", 0,
				`("TIMESTAMP" or "TIMESTAMP_NTZ" or "STRUCT<start: TIMESTAMP, end: TIMESTAMP>" or "STRUCT<start: TIMESTAMP_NTZ, end: TIMESTAMP_NTZ>")`, ts)
		}
		ts = x[0]
	}
	gap := args[1]
	switch plan.TypeOf(gap).(type) {
	case types.CalendarIntervalType, types.DayTimeIntervalType, types.YearMonthIntervalType:
	case types.StringType, types.NullType:
		gap = castTo(gap, types.CalendarInterval)
	default:
		return nil, analysisError("_LEGACY_ERROR_TEMP_1040", "",
			"Gap duration expression used in session window must be CalendarIntervalType, but got <dt>.",
			map[string]string{"dt": plan.TypeOf(gap).SimpleString()})
	}
	t := plan.TypeOf(ts)
	st := types.NewStruct(types.NewField("start", t, true), types.NewField("end", t, true))
	return &plan.Call{Fn: sessionWindowFn, Args: []plan.Expr{ts, gap}, Type: st, Display: "session_window"}, nil
}

// resolveTimeWindowStruct types __time_window(ts, window, slide, start, i):
// STRUCT<start, end> of the time's type (TIMESTAMP for strings and dates).
func resolveTimeWindowStruct(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 5); err != nil {
		return nil, err
	}
	call := "window(" + args[0].String() + ")"
	ts := args[0]
	switch plan.TypeOf(ts).(type) {
	case types.TimestampType, types.TimestampNTZType:
	default:
		x, err := a.implicit("window", []plan.Expr{ts}, []coercion.Expected{coercion.AnyTimestamp},
			[]string{`("TIMESTAMP" or "TIMESTAMP_NTZ" or "STRUCT<start: TIMESTAMP, end: TIMESTAMP>" or "STRUCT<start: TIMESTAMP_NTZ, end: TIMESTAMP_NTZ>")`})
		if err != nil {
			return nil, unexpectedInputType(call, 0, `("TIMESTAMP" or "TIMESTAMP_NTZ" or "STRUCT<start: TIMESTAMP, end: TIMESTAMP>" or "STRUCT<start: TIMESTAMP_NTZ, end: TIMESTAMP_NTZ>")`, ts)
		}
		ts = x[0]
	}
	t := plan.TypeOf(ts)
	st := types.NewStruct(types.NewField("start", t, true), types.NewField("end", t, true))
	x := append([]plan.Expr{ts}, args[1:]...)
	return &plan.Call{Fn: timeWindowFn, Args: x, Type: st, Display: "window"}, nil
}

// resolveWindowTime is window_time(window): the end of a time window minus one
// microsecond, of the window's timestamp type.
func resolveWindowTime(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	st, ok := plan.TypeOf(args[0]).(*types.StructType)
	if ok && len(st.Fields) == 2 && st.Fields[0].Name == "start" && st.Fields[1].Name == "end" &&
		types.Equal(st.Fields[0].DataType, st.Fields[1].DataType) {
		switch t := st.Fields[1].DataType.(type) {
		case types.TimestampType, types.TimestampNTZType:
			return &plan.Call{Fn: "window_time", Args: args, Type: t, Null: true, Display: name}, nil
		}
	}
	return nil, unexpectedInputType(callText(name, args), 0,
		`("STRUCT<start: TIMESTAMP, end: TIMESTAMP>" or "STRUCT<start: TIMESTAMP_NTZ, end: TIMESTAMP_NTZ>")`, args[0])
}

package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Functions of TIME values (Spark's timeExpressions).

// timeArg is e as an AnyTimeType argument: a TIME as is, NULL and strings cast to TIME(6)
// (the implicit cast); ok is false for other types.
func timeArg(e plan.Expr) (plan.Expr, bool) {
	switch plan.TypeOf(e).(type) {
	case types.TimeType:
		return e, true
	case types.NullType, types.StringType:
		return castTo(e, types.DefaultTime), true
	}
	return nil, false
}

// unitArg is a unit argument: a string (NULL cast to STRING).
func unitArg(e plan.Expr) (plan.Expr, bool) {
	switch plan.TypeOf(e).(type) {
	case types.StringType:
		return e, true
	case types.NullType:
		return castTo(e, types.String), true
	}
	return nil, false
}

func registerTimeFunctions() {
	// time_diff(unit, start, end): whole units from start to end, a BIGINT.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3); err != nil {
			return nil, err
		}
		text := callText(name, args)
		x := make([]plan.Expr, 3)
		var ok bool
		if x[0], ok = unitArg(args[0]); !ok {
			return nil, unexpectedInputType(text, 0, reqString, args[0])
		}
		for i := 1; i < 3; i++ {
			if x[i], ok = timeArg(args[i]); !ok {
				return nil, unexpectedInputType(text, i, `"TIME"`, args[i])
			}
		}
		return &plan.Call{Fn: "time_diff", Args: x, Type: types.Long, Null: true, Display: name}, nil
	}, "time_diff")
	// time_trunc(unit, time): the time's type.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		text := callText(name, args)
		x := make([]plan.Expr, 2)
		var ok bool
		if x[0], ok = unitArg(args[0]); !ok {
			return nil, unexpectedInputType(text, 0, reqString, args[0])
		}
		if x[1], ok = timeArg(args[1]); !ok {
			return nil, unexpectedInputType(text, 1, `"TIME"`, args[1])
		}
		return &plan.Call{Fn: "time_trunc", Args: x, Type: plan.TypeOf(x[1]), Null: true, Display: name}, nil
	}, "time_trunc")
}

func init() { registerTimeFunctions() }

// extractTime is extract(field FROM time) for the fields a TIME has: HOUR and MINUTE as
// INT, SECOND as DECIMAL(8, 6) with the fraction.
func extractTime(part string, src plan.Expr, text string, unsupported error) (plan.Expr, error) {
	switch part {
	case "hour", "minute":
		return bareCall(part+"_of_time", []plan.Expr{src}, types.Integer, plan.NullableOf(src), text), nil
	case "second":
		return bareCall("second_of_time_with_fraction", []plan.Expr{src}, types.DecimalType{Precision: 8, Scale: 6}, plan.NullableOf(src), text), nil
	}
	return nil, unsupported
}

func init() {
	// to_time / try_to_time(str[, fmt]); try_to_time is named around to_time.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
		inner := callText("to_time", args)
		x := make([]plan.Expr, len(args))
		for i, e := range args {
			var ok bool
			if x[i], ok = unitArg(e); !ok {
				return nil, unexpectedInputType(inner, i, reqString, e)
			}
		}
		if name == "try_to_time" {
			return bareCall("try_to_time", x, types.DefaultTime, true, name+"("+inner+")"), nil
		}
		return &plan.Call{Fn: "to_time", Args: x, Type: types.DefaultTime, Null: true, Display: name}, nil
	}, "to_time", "try_to_time")
	// time(x) is CAST(x AS TIME(6)), named as its argument (a cast alias).
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1); err != nil {
			return nil, err
		}
		e, err := a.cast(args[0], types.DefaultTime, false, false)
		if err != nil {
			return nil, err
		}
		if c, ok := e.(*plan.Cast); ok {
			c.Display = args[0].String()
		}
		return e, nil
	}, "time")
}

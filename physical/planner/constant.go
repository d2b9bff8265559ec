package planner

import (
	"context"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
)

// The analyzer evaluates the constants Spark evaluates during analysis (table-valued
// function arguments) with the kernels queries run with.
func init() { analyzer.SetConstantEvaluator(EvalConstant) }

// EvalConstant evaluates a resolved foldable expression over one row of no columns and
// returns its value in the form plan.Literal holds for the expression's type (nil for
// NULL). Errors of the evaluation (ANSI overflow, division by zero, ...) are returned
// as they are.
func EvalConstant(e plan.Expr, opts analyzer.ConstantOptions) (any, error) {
	loc := time.UTC
	if opts.TimeZone != "" {
		if l, ok := sqlconf.TimeZoneLocation(opts.TimeZone); ok {
			loc = l
		}
	}
	p := &planner{opts: Options{ANSI: opts.ANSI, TimeZone: loc, Context: context.Background()}}
	x, err := p.compile(e, layout{})
	if err != nil {
		return nil, err
	}
	one := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	defer one.Release()
	a, err := x.Eval(one)
	if err != nil {
		return nil, err
	}
	defer a.Release()
	if a.Len() != 1 {
		return nil, sparkerror.InternalError("the constant %s evaluated to %d values", e.String(), a.Len())
	}
	v, nested := scalarOf(a)
	if nested {
		return nil, sparkerror.NotImplemented("evaluating the constant " + e.String() + " of type " + plan.TypeOf(e).SQL())
	}
	switch v := v.(type) {
	case decimal128.Num:
		scale := 0
		if d, ok := plan.TypeOf(e).(types.DecimalType); ok {
			scale = d.Scale
		}
		return plan.Decimal{Digits: v.BigInt().String(), Scale: scale}, nil
	case arrow.MonthDayNanoInterval:
		return plan.CalendarValue{Months: v.Months, Days: v.Days, Micros: v.Nanoseconds / 1000}, nil
	}
	return v, nil
}

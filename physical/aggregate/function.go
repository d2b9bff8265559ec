package aggregate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Call is one aggregate function call of a query.
type Call struct {
	// Fn is the Spark function name (case-insensitive), e.g. "sum", "count", "stddev".
	Fn string
	// Args are the argument expressions, evaluated over the aggregate's input; count(*) has
	// none.
	Args []expr.Expr
	// Distinct aggregates each group's distinct argument tuples (count(DISTINCT a)).
	Distinct bool
	// Filter, when set, keeps only the input rows where it is true (FILTER (WHERE ...)).
	Filter expr.Expr
	// InputTypes are the Spark types of Args; nil derives them from the Args' Arrow types.
	InputTypes []types.DataType
	// ResultType, when set, must equal the type the function computes (a consistency
	// check between the analyzer and execution).
	ResultType types.DataType
	// IgnoreNulls is first/last/any_value's IGNORE NULLS.
	IgnoreNulls bool
	// ANSI is spark.sql.ansi.enabled: integral sums fail on overflow and decimal sums and
	// averages fail instead of returning NULL.
	ANSI bool
	// LegacyStatisticalAggregate is spark.sql.legacy.statisticalAggregate: stddev_samp and
	// var_samp of one row (and skewness/kurtosis of constant input) give NaN, not NULL.
	LegacyStatisticalAggregate bool
	// Name is the output column name; empty gives fn(args).
	Name string
}

// Accumulator holds the state of one aggregate function for every group of a hash
// aggregate, and updates it a batch at a time. Group ids are dense, 0..numGroups-1.
type Accumulator interface {
	// Resize makes room for numGroups groups (it only grows; new groups are empty).
	Resize(numGroups int)
	// Update folds input rows into their groups: row i goes to groupIDs[i]; args are the
	// evaluated arguments (one array per argument, len(groupIDs) rows each).
	Update(groupIDs []uint32, args []arrow.Array) error
	// Merge folds intermediate state rows (the columns State produces) into groups.
	Merge(groupIDs []uint32, state []arrow.Array) error
	// State returns the intermediate state, one row per group, as StateFields describes.
	// It consumes the accumulator.
	State() ([]arrow.Array, error)
	// Evaluate returns the final result, one row per group. It consumes the accumulator.
	Evaluate() (arrow.Array, error)
	// Size estimates the bytes the accumulator holds.
	Size() int64
	// Release frees arrays the accumulator holds.
	Release()
}

// Function is a resolved aggregate call: its types and an accumulator factory.
type Function struct {
	call        Call
	name        string // canonical function name
	argTypes    []arrow.DataType
	sparkArgs   []types.DataType
	result      types.DataType
	arrowResult arrow.DataType
	nullable    bool
	state       []arrow.Field
	factory     func() Accumulator
	// ownDistinct: the accumulator applies DISTINCT itself (listagg with WITHIN GROUP).
	ownDistinct bool
}

// aliases maps every supported Spark name to its canonical implementation.
var aliases = map[string]string{
	"count": "count", "count_if": "count_if",
	"sum": "sum", "avg": "avg", "mean": "avg",
	"min": "min", "max": "max",
	"bool_and": "min", "every": "min", "bool_or": "max", "some": "max", "any": "max",
	"first": "first", "first_value": "first", "any_value": "first",
	"last": "last", "last_value": "last",
	"collect_list": "collect_list", "array_agg": "collect_list", "collect_set": "collect_set",
	"stddev": "stddev_samp", "std": "stddev_samp", "stddev_samp": "stddev_samp", "stddev_pop": "stddev_pop",
	"variance": "var_samp", "var_samp": "var_samp", "var_pop": "var_pop",
	"skewness": "skewness", "kurtosis": "kurtosis",
}

// Names lists the supported function names.
func Names() []string {
	out := make([]string, 0, len(aliases))
	for k := range aliases {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Supported reports whether fn names a supported aggregate function.
func Supported(fn string) bool {
	_, ok := aliases[strings.ToLower(fn)]
	return ok
}

// ResultType is the Spark result type of fn over arguments of the given types.
func ResultType(fn string, inputs []types.DataType) (types.DataType, error) {
	f, err := New(Call{Fn: fn, InputTypes: inputs})
	if err != nil {
		return nil, err
	}
	return f.result, nil
}

// New resolves a call.
func New(c Call) (*Function, error) {
	lower := strings.ToLower(c.Fn)
	name, ok := aliases[lower]
	if !ok {
		return nil, sparkerror.NotImplemented("the aggregate function " + c.Fn)
	}
	f := &Function{call: c, name: name, nullable: true}
	if err := f.resolveArgs(); err != nil {
		return nil, err
	}
	if err := f.resolve(lower); err != nil {
		return nil, err
	}
	at, err := types.ToArrow(f.result)
	if err != nil {
		return nil, err
	}
	f.arrowResult = at
	if c.ResultType != nil && !types.EqualIgnoreNullability(c.ResultType, f.result) {
		return nil, sparkerror.InternalError("aggregate %s: the analyzer's result type %s differs from %s",
			c.Fn, c.ResultType.SimpleString(), f.result.SimpleString())
	}
	if c.Distinct && name != "min" && name != "max" && !f.ownDistinct {
		inner := f.factory
		keyTypes := append([]arrow.DataType{arrow.PrimitiveTypes.Uint32}, f.argTypes...)
		for _, t := range f.argTypes {
			if err := CheckKeyType(t); err != nil {
				return nil, err
			}
		}
		argTypes := f.argTypes
		f.factory = func() Accumulator { return newDistinct(inner(), keyTypes, argTypes) }
		f.state = make([]arrow.Field, len(f.argTypes))
		for i, t := range f.argTypes {
			f.state[i] = arrow.Field{Name: fmt.Sprintf("distinct_%d", i),
				Type: arrow.ListOfField(arrow.Field{Name: "element", Type: t, Nullable: true}), Nullable: true}
		}
	}
	return f, nil
}

func (f *Function) resolveArgs() error {
	c := f.call
	if c.InputTypes != nil {
		f.sparkArgs = c.InputTypes
		f.argTypes = make([]arrow.DataType, len(c.InputTypes))
		for i, t := range c.InputTypes {
			at, err := types.ToArrow(t)
			if err != nil {
				return err
			}
			f.argTypes[i] = at
		}
		return nil
	}
	f.argTypes = make([]arrow.DataType, len(c.Args))
	f.sparkArgs = make([]types.DataType, len(c.Args))
	for i, a := range c.Args {
		f.argTypes[i] = a.DataType()
		st, err := types.FromArrow(a.DataType())
		if err != nil {
			return err
		}
		f.sparkArgs[i] = st
	}
	return nil
}

func (f *Function) wrongArgs(want string) error {
	return sparkerror.New(sparkerror.Analysis, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "42605",
		"The `<functionName>` requires <expectedNum> parameters but the actual number is <actualNum>.",
		map[string]string{"functionName": f.call.Fn, "expectedNum": want,
			"actualNum": fmt.Sprint(len(f.argTypes))})
}

func (f *Function) badType(t types.DataType, want string) error {
	return sparkerror.New(sparkerror.Analysis, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "42K09",
		"Cannot resolve \"<sqlExpr>\" due to data type mismatch: The first parameter requires the <requiredType> type, however the input has the type <inputType>.",
		map[string]string{"sqlExpr": f.call.Fn, "requiredType": want, "inputType": `"` + t.SQL() + `"`})
}

func isNumeric(t types.DataType) bool {
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType, types.FloatType,
		types.DoubleType, types.DecimalType, types.NullType:
		return true
	}
	return false
}

func isIntegral(t types.DataType) bool {
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return true
	}
	return false
}

func boundedDecimal(p, s int) types.DecimalType {
	return types.DecimalType{Precision: min(p, types.MaxDecimalPrecision), Scale: min(s, types.MaxDecimalScale)}
}

func mustArrow(t types.DataType) arrow.DataType {
	at, err := types.ToArrow(t)
	if err != nil {
		panic(err)
	}
	return at
}

func (f *Function) resolve(lower string) error {
	c := f.call
	one := func() error {
		if len(f.argTypes) != 1 {
			return f.wrongArgs("1")
		}
		return nil
	}
	switch f.name {
	default:
		return f.resolveExtra(lower)
	case "count":
		if c.Distinct && len(f.argTypes) == 0 {
			return f.wrongArgs("> 0")
		}
		f.result, f.nullable = types.Long, false
		f.state = []arrow.Field{{Name: "count", Type: arrow.PrimitiveTypes.Int64}}
		f.factory = func() Accumulator { return &countAcc{} }
	case "count_if":
		if err := one(); err != nil {
			return err
		}
		if !isBoolOrNull(f.sparkArgs[0]) {
			return f.badType(f.sparkArgs[0], `"BOOLEAN"`)
		}
		f.result, f.nullable = types.Long, false
		f.state = []arrow.Field{{Name: "count", Type: arrow.PrimitiveTypes.Int64}}
		f.factory = func() Accumulator { return &countAcc{countIf: true} }
	case "sum", "avg":
		if err := one(); err != nil {
			return err
		}
		return f.resolveSumAvg()
	case "min", "max":
		if err := one(); err != nil {
			return err
		}
		if lower == "bool_and" || lower == "every" || lower == "bool_or" || lower == "some" || lower == "any" {
			if !isBoolOrNull(f.sparkArgs[0]) {
				return f.badType(f.sparkArgs[0], `"BOOLEAN"`)
			}
			f.result = types.Boolean
		} else {
			if _, isMap := f.sparkArgs[0].(types.MapType); isMap {
				return f.badType(f.sparkArgs[0], "orderable")
			}
			if err := CheckKeyType(f.argTypes[0]); err != nil {
				return err
			}
			f.result = f.sparkArgs[0]
		}
		dt := mustArrow(f.result)
		isMax := f.name == "max"
		f.state = []arrow.Field{{Name: f.name, Type: dt, Nullable: true}}
		f.factory = func() Accumulator { return newMinMax(dt, isMax) }
	case "first", "last":
		if err := one(); err != nil {
			return err
		}
		f.result = f.sparkArgs[0]
		dt := f.argTypes[0]
		last, ignore := f.name == "last", c.IgnoreNulls
		if lower == "any_value" {
			last = false
		}
		f.state = []arrow.Field{{Name: f.name, Type: dt, Nullable: true},
			{Name: "valueSet", Type: arrow.FixedWidthTypes.Boolean}}
		f.factory = func() Accumulator { return newPick(dt, last, ignore) }
	case "collect_list", "collect_set":
		if err := one(); err != nil {
			return err
		}
		set := f.name == "collect_set"
		if set {
			if _, isMap := f.sparkArgs[0].(types.MapType); isMap {
				return f.badType(f.sparkArgs[0], "non-map")
			}
			if err := CheckKeyType(f.argTypes[0]); err != nil {
				return err
			}
		}
		f.result, f.nullable = types.NewArray(f.sparkArgs[0], false), false
		lt := mustArrow(f.result)
		elem := f.argTypes[0]
		f.state = []arrow.Field{{Name: f.name, Type: lt, Nullable: true}}
		f.factory = func() Accumulator { return newCollect(elem, lt, set) }
	case "stddev_samp", "stddev_pop", "var_samp", "var_pop", "skewness", "kurtosis":
		if err := one(); err != nil {
			return err
		}
		if !isNumeric(f.sparkArgs[0]) {
			return f.badType(f.sparkArgs[0], `"DOUBLE"`)
		}
		f.result = types.Double
		order := 2
		names := []string{"n", "avg", "m2"}
		switch f.name {
		case "skewness":
			order, names = 3, append(names, "m3")
		case "kurtosis":
			order, names = 4, append(names, "m3", "m4")
		}
		for _, n := range names {
			f.state = append(f.state, arrow.Field{Name: n, Type: arrow.PrimitiveTypes.Float64})
		}
		fn, nullOnDiv, scale := f.name, !c.LegacyStatisticalAggregate, scaleOf(f.argTypes[0])
		f.factory = func() Accumulator { return newMoments(fn, order, nullOnDiv, scale) }
	}
	return nil
}

func isBoolOrNull(t types.DataType) bool {
	switch t.(type) {
	case types.BooleanType, types.NullType:
		return true
	}
	return false
}

func scaleOf(dt arrow.DataType) int32 {
	if d, ok := dt.(*arrow.Decimal128Type); ok {
		return d.Scale
	}
	return 0
}

func (f *Function) resolveSumAvg() error {
	in := f.sparkArgs[0]
	avg := f.name == "avg" || f.name == "try_avg"
	// try_sum and try_avg give NULL instead of failing on overflow.
	try := f.name == "try_sum" || f.name == "try_avg"
	ansi := f.call.ANSI && !try
	switch t := in.(type) {
	case types.DecimalType:
		sumType := boundedDecimal(t.Precision+10, t.Scale)
		sumArrow := mustArrow(sumType)
		if avg {
			res := boundedDecimal(t.Precision+4, t.Scale+4)
			f.result = res
			f.state = []arrow.Field{{Name: "sum", Type: sumArrow, Nullable: true},
				{Name: "count", Type: arrow.PrimitiveTypes.Int64}}
			resArrow := mustArrow(res)
			f.factory = func() Accumulator {
				return &decimalSumAcc{sumType: sumArrow, resType: resArrow, prec: int32(sumType.Precision),
					scale: int32(t.Scale), avg: true, ansi: ansi}
			}
		} else {
			f.result = sumType
			f.state = []arrow.Field{{Name: "sum", Type: sumArrow, Nullable: true},
				{Name: "isEmpty", Type: arrow.FixedWidthTypes.Boolean}}
			f.factory = func() Accumulator {
				return &decimalSumAcc{sumType: sumArrow, resType: sumArrow, prec: int32(sumType.Precision),
					scale: int32(t.Scale), ansi: ansi}
			}
		}
	case types.YearMonthIntervalType, types.DayTimeIntervalType:
		dt := mustArrow(in)
		f.result = in
		if avg {
			if _, ok := in.(types.DayTimeIntervalType); ok {
				f.result = types.DefaultDayTimeInterval
			} else {
				f.result = types.DefaultYearMonthInterval
			}
			f.state = []arrow.Field{{Name: "sum", Type: dt, Nullable: true},
				{Name: "count", Type: arrow.PrimitiveTypes.Int64}}
		} else {
			f.state = []arrow.Field{{Name: "sum", Type: dt, Nullable: true}}
		}
		if try {
			if !avg {
				f.state = append(f.state, arrow.Field{Name: "isEmpty", Type: arrow.FixedWidthTypes.Boolean})
			}
			f.factory = func() Accumulator { return &tryIntSumAcc{dt: dt, avg: avg} }
			return nil
		}
		f.factory = func() Accumulator { return &intervalSumAcc{dt: dt, avg: avg} }
	default:
		if !isNumeric(in) {
			return f.badType(in, `("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH")`)
		}
		if isIntegral(in) && !avg {
			f.result = types.Long
			f.state = []arrow.Field{{Name: "sum", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}
			if try {
				f.state = append(f.state, arrow.Field{Name: "isEmpty", Type: arrow.FixedWidthTypes.Boolean})
				f.factory = func() Accumulator { return &tryIntSumAcc{dt: arrow.PrimitiveTypes.Int64} }
				return nil
			}
			f.factory = func() Accumulator { return &intSumAcc{ansi: ansi} }
			return nil
		}
		f.result = types.Double
		if avg {
			f.state = []arrow.Field{{Name: "sum", Type: arrow.PrimitiveTypes.Float64},
				{Name: "count", Type: arrow.PrimitiveTypes.Int64}}
		} else {
			f.state = []arrow.Field{{Name: "sum", Type: arrow.PrimitiveTypes.Float64, Nullable: true}}
		}
		f.factory = func() Accumulator { return &floatSumAcc{avg: avg} }
	}
	return nil
}

// Name is the canonical function name ("avg" for mean, "stddev_samp" for stddev, ...).
func (f *Function) Name() string { return f.name }

// Call returns the call the function was resolved from.
func (f *Function) Call() Call { return f.call }

// ResultType is the Spark result type.
func (f *Function) ResultType() types.DataType { return f.result }

// ArrowResultType is the Arrow type of the result column.
func (f *Function) ArrowResultType() arrow.DataType { return f.arrowResult }

// Nullable reports whether the result can be NULL (count and collect_* never are).
func (f *Function) Nullable() bool { return f.nullable }

// ArgTypes are the Arrow types of the arguments.
func (f *Function) ArgTypes() []arrow.DataType { return f.argTypes }

// StateFields describe the intermediate state columns (names are local to the function).
func (f *Function) StateFields() []arrow.Field { return f.state }

// NewAccumulator returns an empty accumulator.
func (f *Function) NewAccumulator() Accumulator { return f.factory() }

// String renders the call, e.g. "sum(DISTINCT #1)".
func (f *Function) String() string {
	if f.call.Name != "" {
		return f.call.Name
	}
	parts := make([]string, len(f.call.Args))
	for i, a := range f.call.Args {
		parts[i] = a.String()
	}
	s := strings.Join(parts, ", ")
	if f.name == "count" && len(parts) == 0 {
		s = "*"
	}
	if f.call.Distinct {
		s = "DISTINCT " + s
	}
	out := strings.ToLower(f.call.Fn) + "(" + s + ")"
	if f.call.IgnoreNulls {
		out += " IGNORE NULLS"
	}
	if f.call.Filter != nil {
		out += " FILTER (WHERE " + f.call.Filter.String() + ")"
	}
	return out
}

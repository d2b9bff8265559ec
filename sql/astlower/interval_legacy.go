package astlower

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/interval"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// legacyIntervalLiteral is an interval literal under spark.sql.legacy.interval.enabled: a
// CalendarInterval of every form, named INTERVAL '<its text>' as Spark names the literal
// ("INTERVAL '16 minutes 39 seconds'" for interval '999' second).
func legacyIntervalLiteral(e *ast.IntervalLiteral) (plan.Expr, error) {
	invalid := func(value string) error {
		return sparkerror.New(sparkerror.Parse, "INVALID_TYPED_LITERAL", "42604",
			"The value of the typed literal <valueType> is invalid: <value>.",
			map[string]string{"valueType": `"INTERVAL"`, "value": "'" + value + "'"})
	}
	var cal interval.Calendar
	switch e.Form {
	case ast.IntervalUnitToUnit:
		if len(e.Values) != 1 {
			return nil, invalid("")
		}
		v := intervalValueText(e.Values[0])
		from, to := strings.ToLower(e.From), strings.ToLower(e.To)
		if to == "month" {
			months, err := interval.ParseYearMonth(v, types.Year, types.Month)
			if err != nil {
				return nil, err
			}
			cal.Months = months
			break
		}
		start, ok1 := dayTimeFieldNamed(from)
		end, ok2 := dayTimeFieldNamed(to)
		if !ok1 || !ok2 {
			return nil, invalid(v)
		}
		micros, err := interval.ParseDayTime(v, start, end)
		if err != nil {
			return nil, err
		}
		// IntervalUtils.fromDayTimeString keeps the day field apart from the time.
		if start == types.Day {
			const day = 24 * 3600 * 1_000_000
			cal.Days, micros = int32(micros/day), micros%day
		}
		cal.Micros = micros
	default:
		var text string
		if e.Form == ast.IntervalString {
			text = e.Str.Value
		} else {
			var b strings.Builder
			for _, v := range e.Values {
				b.WriteString(" " + intervalValueText(v) + " " + v.Unit)
			}
			text = b.String()
		}
		c, ok := interval.ParseCalendar(text)
		if !ok {
			return nil, invalid(text)
		}
		cal = c
	}
	name := "INTERVAL '" + string(interval.AppendCalendar(nil, cal.Months, cal.Days, cal.Micros)) + "'"
	return &plan.Literal{Type: types.CalendarInterval,
		Value: plan.CalendarValue{Months: cal.Months, Days: cal.Days, Micros: cal.Micros}, Text: name}, nil
}

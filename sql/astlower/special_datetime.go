package astlower

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sqlconf"
	"github.com/sailgo/sail/sql/types"
)

// A DATE or TIMESTAMP literal may name a special value (DateTimeUtils.convertSpecialDate,
// convertSpecialTimestamp and convertSpecialTimestampNTZ): epoch, now, today, tomorrow,
// yesterday, in any case, optionally followed by a time zone that must exist but does not
// change the value (the session's zone gives today). Spark computes them while parsing;
// here they become the current-time functions they stand for, which the analyzer pins to
// the query's clock.

var specialValueRe = regexp.MustCompile(`^(\pL+)[ \t]*(.*)$`)

// specialDatetime returns the special value a literal's text names ("" for none).
func specialDatetime(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 3 || !unicode.IsLetter(rune(s[0])) {
		return ""
	}
	m := specialValueRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	v, zone := strings.ToLower(m[1]), m[2]
	switch v {
	case "epoch", "now", "today", "tomorrow", "yesterday":
	default:
		return ""
	}
	if zone != "" {
		if v == "now" {
			return ""
		}
		if _, ok := sqlconf.TimeZoneLocation(zone); !ok {
			return ""
		}
	}
	return v
}

// specialDatetimeLiteral lowers a special DATE or TIMESTAMP literal of type t.
func specialDatetimeLiteral(t types.DataType, value, text string) plan.Expr {
	str := func(s string) plan.Expr { return &plan.Literal{Type: types.String, Value: s, Text: s} }
	one := &plan.Literal{Type: types.Integer, Value: int32(1), Text: "1"}
	display := t.SQL() + " '" + text + "'"
	today := fn("current_date")
	day := map[string]plan.Expr{"today": today, "now": today, "tomorrow": fn("date_add", today, one),
		"yesterday": fn("date_sub", today, one)}[value]
	switch t.(type) {
	case types.DateType:
		if value == "epoch" {
			return &plan.Cast{Child: str("1970-01-01"), To: t, Display: "DATE '1970-01-01'"}
		}
		return day
	case types.TimestampNTZType:
		switch value {
		case "epoch":
			return &plan.Cast{Child: str("1970-01-01 00:00:00"), To: t, Display: display}
		case "now":
			return fn("localtimestamp")
		}
	default:
		switch value {
		case "epoch":
			return &plan.Cast{Child: str("1970-01-01 00:00:00Z"), To: t, Display: display}
		case "now":
			return fn("current_timestamp")
		}
	}
	// Midnight of the day in the session's zone.
	return &plan.Cast{Child: day, To: t}
}

// isSpecialDatetimeKind reports whether a typed literal kind takes special values.
func isSpecialDatetimeKind(k ast.TypedLiteralKind) bool {
	switch k {
	case ast.DateLiteral, ast.TimestampLiteral, ast.TimestampNTZLiteral, ast.TimestampLTZLiteral:
		return true
	}
	return false
}

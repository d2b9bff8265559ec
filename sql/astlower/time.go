package astlower

import (
	"regexp"
	"strconv"
	"strings"
)

// timeFields matches the common forms of a time of day: [T]hours:minutes[:seconds[.fraction]],
// optionally followed by AM or PM.
var timeFields = regexp.MustCompile(`^\s*T?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?\s*([AaPp][Mm])?\s*$`)

// timeLiteralText is how Spark prints a TIME literal: HH:mm:ss with the fraction to
// microseconds, without trailing zeros, on a 24-hour clock. Forms it does not recognise
// keep their written text.
func timeLiteralText(s string) string {
	m := timeFields.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	h, _ := strconv.Atoi(m[1])
	switch strings.ToUpper(m[5]) {
	case "AM":
		if h == 12 {
			h = 0
		}
	case "PM":
		if h != 12 {
			h += 12
		}
	}
	pad := func(x string) string {
		if len(x) < 2 {
			return "0" + x
		}
		return x
	}
	sec := "00"
	if m[3] != "" {
		sec = pad(m[3])
	}
	text := pad(strconv.Itoa(h)) + ":" + pad(m[2]) + ":" + sec
	frac := m[4]
	if len(frac) > 6 {
		frac = frac[:6]
	}
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		text += "." + frac
	}
	return text
}

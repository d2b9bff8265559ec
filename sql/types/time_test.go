package types

import (
	"strings"
	"testing"
)

func TestTimeType(t *testing.T) {
	for _, c := range []struct {
		ddl              string
		want             TimeType
		simple, sql, str string
	}{
		{"time", TimeType{6}, "time(6)", "TIME(6)", "TimeType(6)"},
		{"TIME(0)", TimeType{0}, "time(0)", "TIME(0)", "TimeType(0)"},
		{"time(3)", TimeType{3}, "time(3)", "TIME(3)", "TimeType(3)"},
	} {
		got, err := ParseDataType(c.ddl)
		if err != nil {
			t.Fatalf("%s: %v", c.ddl, err)
		}
		if got != DataType(c.want) {
			t.Fatalf("%s: got %v", c.ddl, got)
		}
		if got.SimpleString() != c.simple || got.SQL() != c.sql || got.String() != c.str {
			t.Errorf("%s: %q %q %q", c.ddl, got.SimpleString(), got.SQL(), got.String())
		}
		back, jerr := typeFromName(c.simple)
		if jerr != nil || back != got {
			t.Errorf("json name %s: %v %v", c.simple, back, jerr)
		}
		at, aerr := ToArrow(got)
		if aerr != nil || at.String() != "time64[ns]" {
			t.Errorf("arrow of %s: %v %v", c.ddl, at, aerr)
		}
	}
	_, err := ParseDataType("time(7)")
	if e, ok := err.(*Error); !ok || e.Class != "UNSUPPORTED_TIME_PRECISION" ||
		!strings.HasPrefix(e.Error(), "[UNSUPPORTED_TIME_PRECISION] The seconds precision 7 of the TIME data type is out of the supported range [0, 6]. SQLSTATE: 0A001") {
		t.Errorf("time(7): %v", err)
	}
}

package types

import "strconv"

// TimeType is TIME(p): a time of day without a date or zone, with p (0 to 6) fractional
// digits of the second. Values are nanoseconds since midnight (Spark's representation),
// held in Arrow as time64[ns] as Spark's ArrowUtils maps them.
type TimeType struct{ Precision int }

// Time bounds and the default precision (TimeType.MIN_PRECISION and friends).
const (
	MinTimePrecision     = 0
	MaxTimePrecision     = 6
	DefaultTimePrecision = 6
)

// DefaultTime is TIME(6), the type of TIME literals.
var DefaultTime = TimeType{Precision: DefaultTimePrecision}

func (t TimeType) TypeName() string        { return "time(" + strconv.Itoa(t.Precision) + ")" }
func (t TimeType) SimpleString() string    { return t.TypeName() }
func (t TimeType) CatalogString() string   { return t.SimpleString() }
func (t TimeType) SQL() string             { return upper(t.SimpleString()) }
func (TimeType) DefaultSize() int          { return 8 }
func (t TimeType) String() string          { return "TimeType(" + strconv.Itoa(t.Precision) + ")" }
func (t TimeType) simpleString(int) string { return t.SimpleString() }
func (TimeType) sealed()                   {}

func init() {
	errorTemplates["UNSUPPORTED_TIME_PRECISION"] = struct{ message, sqlState string }{
		"The seconds precision <precision> of the TIME data type is out of the supported range [0, 6].", "0A001"}
	for p := MinTimePrecision; p <= MaxTimePrecision; p++ {
		t := TimeType{Precision: p}
		jsonTypeNames[t.TypeName()] = t
	}
}

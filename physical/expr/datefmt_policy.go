package expr

import (
	"bytes"
	"sync"
	"time"

	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// spark.sql.legacy.timeParserPolicy. The analyzer binds it by calling the variant named
// <function> + timePolicySuffixes[policy] of the functions that parse or format with a
// pattern (to_timestamp and friends, date_format, from_unixtime, and the JSON, CSV and XML
// functions' date and timestamp formats); the plain names are CORRECTED, Spark's default:
//   - CORRECTED: java.time's DateTimeFormatter (datefmt.go).
//   - LEGACY: SimpleDateFormat, not lenient, for the functions; FastDateFormat for the
//     JSON, CSV and XML options (datefmt_legacy.go). TIMESTAMP_NTZ parsing has no legacy
//     formatter and stays on java.time.
//   - EXCEPTION: java.time, but a string it cannot parse that SimpleDateFormat can (or a
//     value it cannot format that SimpleDateFormat can) is
//     INCONSISTENT_BEHAVIOR_CROSS_VERSION.PARSE_DATETIME_BY_NEW_PARSER.

type timePolicy uint8

const (
	policyCorrected timePolicy = iota
	policyLegacy
	policyException
)

var timePolicySuffixes = map[timePolicy]string{policyLegacy: "_time_legacy", policyException: "_time_exception"}

// legacyNow is the clock of the legacy formatters' two-digit year window.
var legacyNow = time.Now

func withTimePolicy(p timePolicy, f ScalarFunc) ScalarFunc {
	return func(args []Expr, at []types.DataType, rt types.DataType, opts FuncOptions) (Expr, error) {
		opts.timePolicy = p
		return f(args, at, rt, opts)
	}
}

// registerTimePolicy registers f under names and its policy variants.
func registerTimePolicy(f ScalarFunc, names ...string) {
	register(f, names...)
	for p, suffix := range timePolicySuffixes {
		for _, n := range names {
			register(withTimePolicy(p, f), n+suffix)
		}
	}
}

func init() {
	// The JSON, CSV and XML functions (and the BINARY style variants of some).
	fns := map[string]ScalarFunc{"from_json": fromJSONFn, "to_json": toJSONFn, "from_csv": fromCSVFn,
		"to_csv": toCSVFn, "from_xml": fromXMLFn, "to_xml": toXMLFn}
	for name, f := range fns {
		for p, suffix := range timePolicySuffixes {
			register(withTimePolicy(p, f), name+suffix)
		}
	}
	for style, bsuffix := range binaryStyleSuffixes {
		for name, f := range map[string]ScalarFunc{"to_csv": toCSVFn, "to_xml": toXMLFn, "from_xml": fromXMLFn} {
			for p, suffix := range timePolicySuffixes {
				register(withTimePolicy(p, withBinaryStyle(style, f)), name+bsuffix+suffix)
			}
		}
	}
}

// timeFormatter is a compiled datetime pattern: java.time's (*dtFormat), a legacy one
// (*legacyFormat), or java.time checked against the legacy one (*exceptionFormat).
type timeFormatter interface {
	// parseMicros parses an instant, in loc unless the text has a zone.
	parseMicros(s []byte, loc *time.Location) (int64, error)
	// parseLocal parses a wall-clock time (TIMESTAMP_NTZ, or a date at midnight).
	parseLocal(s []byte) (int64, error)
	// appendValue appends the formatted datetime (v by value: a pointer through the
	// interface would move each row's values to the heap).
	appendValue(dst []byte, v dtValues) ([]byte, error)
}

func (f *dtFormat) appendValue(dst []byte, v dtValues) ([]byte, error)     { return f.format(dst, &v) }
func (f *legacyFormat) appendValue(dst []byte, v dtValues) ([]byte, error) { return f.format(dst, &v) }

// failToRecognize is ExecutionErrors.failToRecognizePatternError.
func failToRecognize(pattern string) error {
	return sparkerror.New(sparkerror.Runtime, "INVALID_DATETIME_PATTERN.WITH_SUGGESTION", "22007",
		"Unrecognized datetime pattern: <pattern>. You can form a valid datetime pattern with the guide from '<docroot>/sql-ref-datetime-pattern.html'.",
		map[string]string{"pattern": sqlString([]byte(pattern)), "docroot": "https://spark.apache.org/docs/latest"})
}

// upgradeError is ExecutionErrors.failToParseDateTimeInNewParserError, a
// SparkUpgradeException.
func upgradeError(datetime string) error {
	e := sparkerror.New(sparkerror.Runtime, "INCONSISTENT_BEHAVIOR_CROSS_VERSION.PARSE_DATETIME_BY_NEW_PARSER", "42K0B",
		"You may get a different result due to the upgrading to Spark >= 3.0:\nFail to parse <datetime> in the new parser.\nYou can set <config> to \"LEGACY\" to restore the behavior before Spark 3.0, or set to \"CORRECTED\" and treat it as an invalid datetime string.",
		map[string]string{"datetime": sqlString([]byte(datetime)), "config": `"spark.sql.legacy.timeParserPolicy"`})
	e.JavaClasses = []string{"org.apache.spark.SparkUpgradeException", "java.lang.RuntimeException", "java.lang.Exception", "java.lang.Throwable"}
	return e
}

// compileTimeFormat compiles a pattern of a function (or, fast, of a JSON, CSV or XML
// option) under the policy; ntz parsers stay on java.time.
func compileTimeFormat(pattern string, parsing bool, policy timePolicy, fast, ntz bool) (timeFormatter, error) {
	if policy == policyLegacy && !ntz {
		l, err := compileLegacy(pattern, fast, legacyNow())
		if err != nil {
			return nil, failToRecognize(pattern)
		}
		return l, nil
	}
	f, err := compileDatetime(pattern, parsing)
	if err != nil {
		if ntz {
			err = noLegacyFallback(err, []byte(pattern))
		}
		return nil, err
	}
	if policy == policyException {
		x := &exceptionFormat{n: f}
		if l, err := compileLegacy(pattern, fast, legacyNow()); err == nil {
			x.l = l
		}
		return x, nil
	}
	return f, nil
}

// timeFormatCache compiles the patterns of a kernel, remembering the last one.
type timeFormatCache struct {
	mu      sync.Mutex
	src     []byte
	f       timeFormatter
	parsing bool
	policy  timePolicy
	ntz     bool
}

func (c *timeFormatCache) get(p []byte) (timeFormatter, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.f != nil && bytes.Equal(p, c.src) {
		return c.f, nil
	}
	f, err := compileTimeFormat(string(p), c.parsing, c.policy, false, c.ntz)
	if err != nil {
		return nil, err
	}
	c.src, c.f = append(c.src[:0], p...), f
	return f, nil
}

// parseMicros is LegacySimpleTimestampFormatter.parse.
func (f *legacyFormat) parseMicros(s []byte, loc *time.Location) (int64, error) {
	us, ok := f.parse(s, sessionZone(loc))
	if !ok {
		return 0, &parseError{`Unparseable date: "` + string(s) + `"`}
	}
	return us, nil
}

// parseLocal is LegacyFastDateFormatter.parse (in the JVM's zone, then the local date):
// the wall-clock time the text gives.
func (f *legacyFormat) parseLocal(s []byte) (int64, error) {
	return f.parseMicros(s, time.UTC)
}

// exceptionFormat is java.time's formatter under the EXCEPTION policy: when it fails and
// the legacy formatter does not, the result would differ from Spark 2.4's.
type exceptionFormat struct {
	n *dtFormat
	l *legacyFormat // nil when SimpleDateFormat rejects the pattern
}

func (x *exceptionFormat) parseMicros(s []byte, loc *time.Location) (int64, error) {
	us, err := x.n.parseMicros(s, loc)
	if err != nil && isParseFailure(err) && x.l != nil {
		if _, ok := x.l.parse(s, sessionZone(loc)); ok {
			return 0, upgradeError(string(s))
		}
	}
	return us, err
}

func (x *exceptionFormat) parseLocal(s []byte) (int64, error) {
	us, err := x.n.parseLocal(s)
	if err != nil && isParseFailure(err) && x.l != nil {
		if _, ok := x.l.parse(s, time.UTC); ok {
			return 0, upgradeError(string(s))
		}
	}
	return us, err
}

func (x *exceptionFormat) appendValue(dst []byte, v dtValues) ([]byte, error) {
	n := len(dst)
	out, err := x.n.format(dst, &v)
	if err != nil && x.l != nil {
		if legacy, lerr := x.l.format(dst[:n], &v); lerr == nil {
			return dst[:n], upgradeError(string(legacy[n:]))
		}
	}
	return out, err
}

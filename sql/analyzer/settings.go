package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
)

// Settings is the view of the session configuration the analyzer reads beyond Options'
// typed fields: *sqlconf.Conf satisfies it.
type Settings interface {
	// String is the value of key as the session shows it, "" when it has none.
	String(key string) string
}

// Session configs that change how some functions resolve (each bound into the resolved
// call, as Spark binds them into the expression when it is built).
const (
	confLegacyJavaCharsets       = "spark.sql.legacy.javaCharsets"
	confLegacyCodingErrorAction  = "spark.sql.legacy.codingErrorAction"
	confLegacyNegativeArrayIndex = "spark.sql.legacy.negativeIndexInArrayInsert"
	confLegacyPercentileDisc     = "spark.sql.legacy.percentileDiscCalculation"
	confLegacyTimeParserPolicy   = "spark.sql.legacy.timeParserPolicy"
	confAllowPrecisionLoss       = "spark.sql.decimalOperations.allowPrecisionLoss"
	confBinaryOutputStyle        = "spark.sql.binaryOutputStyle"
	confLegacyInterval           = "spark.sql.legacy.interval.enabled"
)

// setting is the session's value of key ("" when unset or without settings).
func (a *analyzer) setting(key string) string {
	if a.opts.Settings == nil {
		return ""
	}
	return strings.TrimSpace(a.opts.Settings.String(key))
}

// flag is a boolean session config; def when it is unset or not a boolean.
func (a *analyzer) flag(key string, def bool) bool {
	switch strings.ToLower(a.setting(key)) {
	case "true":
		return true
	case "false":
		return false
	}
	return def
}

// coercionMode is the type coercion of the session: ANSI mode, and decimal arithmetic that
// keeps every digit when spark.sql.decimalOperations.allowPrecisionLoss is false.
func coercionMode(opts Options) coercion.Mode {
	a := analyzer{opts: opts}
	return coercion.Mode{ANSI: opts.ANSI, NoDecimalPrecisionLoss: !a.flag(confAllowPrecisionLoss, true),
		LegacyInterval: a.flag(confLegacyInterval, false)}
}

// binaryStyleSuffix picks the variant of to_csv, to_xml and from_xml that writes and
// reads BINARY values in spark.sql.binaryOutputStyle; none when it is unset or UTF-8.
func (a *analyzer) binaryStyleSuffix() string {
	switch strings.ToUpper(a.setting(confBinaryOutputStyle)) {
	case "BASIC":
		return "_binary_basic"
	case "HEX":
		return "_binary_hex"
	case "BASE64":
		return "_binary_base64"
	case "HEX_DISCRETE":
		return "_binary_hex_discrete"
	}
	return ""
}

// timePolicySuffix picks the variant of the functions that parse or format datetimes with
// a pattern for spark.sql.legacy.timeParserPolicy (Spark reads it when it builds their
// formatters): none for CORRECTED, the default.
func (a *analyzer) timePolicySuffix() string {
	switch strings.ToUpper(a.setting(confLegacyTimeParserPolicy)) {
	case "LEGACY":
		return "_time_legacy"
	case "EXCEPTION":
		return "_time_exception"
	}
	return ""
}

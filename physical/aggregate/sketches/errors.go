// Package sketches holds Spark's DataSketches-based sketch families (HLL, Theta, KLL) as
// the aggregate accumulators and the scalar kernels share them: building, reading and
// combining the binary images Spark stores, and Spark's error classes for bad arguments
// and bad sketch bytes.
//
// The sketches themselves come from github.com/apache/datasketches-go, which reads and
// writes the same binary formats as the Java library Spark uses. This package adds what
// Spark layers on top: its defaults (HLL_8 updatable images, lgConfigK 12, Theta
// lgNomEntries 12 with compressed compact images, KLL k 200), its value hashing (INT is
// hashed as BIGINT, FLOAT as DOUBLE, empty strings and binaries are skipped), the checks
// Java makes before reading a KLL image (with Java's messages, which Spark passes on), and
// a guard that turns any failure to read a malformed image into Spark's error.
package sketches

import (
	"math"
	"strconv"

	"github.com/sailgo/sail/sql/sparkerror"
)

// Spark's limits and defaults.
const (
	HLLMinLgK     = 4
	HLLMaxLgK     = 21
	HLLDefaultLgK = 12

	ThetaMinLgNom     = 4
	ThetaMaxLgNom     = 26
	ThetaDefaultLgNom = 12

	KLLMinK     = 8
	KLLMaxK     = 65535
	KLLDefaultK = 200
)

func fnParam(fn string) string { return "`" + fn + "`" }

// HLLInvalidLgK is HLL_INVALID_LG_K for fn (Spark reports it as hll_sketch_agg).
func HLLInvalidLgK(fn string, v int64) error {
	return sparkerror.New(sparkerror.Runtime, "HLL_INVALID_LG_K", "22546",
		"Invalid call to <function>; the `lgConfigK` value must be between <min> and <max>, inclusive: <value>.",
		map[string]string{"function": fnParam(fn), "min": strconv.Itoa(HLLMinLgK), "max": strconv.Itoa(HLLMaxLgK),
			"value": strconv.FormatInt(v, 10)})
}

// HLLKMustBeConstant is HLL_K_MUST_BE_CONSTANT.
func HLLKMustBeConstant(fn string) error {
	return sparkerror.New(sparkerror.Runtime, "HLL_K_MUST_BE_CONSTANT", "42K0E",
		"Invalid call to <function>; the `K` value must be a constant value, but got a non-constant expression.",
		map[string]string{"function": fnParam(fn)})
}

// HLLInvalidBuffer is HLL_INVALID_INPUT_SKETCH_BUFFER.
func HLLInvalidBuffer(fn string) error {
	return sparkerror.New(sparkerror.Runtime, "HLL_INVALID_INPUT_SKETCH_BUFFER", "22546",
		"Invalid call to <function>; only valid HLL sketch buffers are supported as inputs (such as those produced by the `hll_sketch_agg` function).",
		map[string]string{"function": fnParam(fn)})
}

// HLLUnionDifferentLgK is HLL_UNION_DIFFERENT_LG_K.
func HLLUnionDifferentLgK(fn string, left, right int) error {
	return sparkerror.New(sparkerror.Runtime, "HLL_UNION_DIFFERENT_LG_K", "22000",
		"Sketches have different `lgConfigK` values: <left> and <right>. Set the `allowDifferentLgConfigK` parameter to true to call <function> with different `lgConfigK` values.",
		map[string]string{"function": fnParam(fn), "left": strconv.Itoa(left), "right": strconv.Itoa(right)})
}

// ThetaInvalidLgNom is THETA_INVALID_LG_NOM_ENTRIES.
func ThetaInvalidLgNom(fn string, v int64) error {
	return sparkerror.New(sparkerror.Runtime, "THETA_INVALID_LG_NOM_ENTRIES", "22546",
		"Invalid call to <function>; the `lgNomEntries` value must be between <min> and <max>, inclusive: <value>.",
		map[string]string{"function": fnParam(fn), "min": strconv.Itoa(ThetaMinLgNom), "max": strconv.Itoa(ThetaMaxLgNom),
			"value": strconv.FormatInt(v, 10)})
}

// ThetaLgNomMustBeConstant is THETA_LG_NOM_ENTRIES_MUST_BE_CONSTANT.
func ThetaLgNomMustBeConstant(fn string) error {
	return sparkerror.New(sparkerror.Runtime, "THETA_LG_NOM_ENTRIES_MUST_BE_CONSTANT", "42K0E",
		"Invalid call to <function>; the `lgNomEntries` value must be a constant value, but got a non-constant expression.",
		map[string]string{"function": fnParam(fn)})
}

// ThetaInvalidBuffer is THETA_INVALID_INPUT_SKETCH_BUFFER.
func ThetaInvalidBuffer(fn string) error {
	return sparkerror.New(sparkerror.Runtime, "THETA_INVALID_INPUT_SKETCH_BUFFER", "22546",
		"Invalid call to <function>; only valid Theta sketch buffers are supported as inputs (such as those produced by the `theta_sketch_agg` function).",
		map[string]string{"function": fnParam(fn)})
}

// KLLInvalidInput is KLL_SKETCH_INVALID_INPUT with the reason the reader gave.
func KLLInvalidInput(fn, reason string) error {
	return sparkerror.New(sparkerror.Runtime, "KLL_SKETCH_INVALID_INPUT", "22000",
		"For function <functionName>, invalid KLL sketch binary data: <reason>",
		map[string]string{"functionName": fnParam(fn), "reason": reason})
}

// KLLIncompatibleMerge is KLL_SKETCH_INCOMPATIBLE_MERGE.
func KLLIncompatibleMerge(fn, reason string) error {
	return sparkerror.New(sparkerror.Runtime, "KLL_SKETCH_INCOMPATIBLE_MERGE", "22000",
		"For function <functionName>, cannot merge KLL sketches: <reason>",
		map[string]string{"functionName": fnParam(fn), "reason": reason})
}

// KLLInvalidQuantileRange is KLL_SKETCH_INVALID_QUANTILE_RANGE; the quantile prints as
// Spark's SQL literal of a DOUBLE (0.5D).
func KLLInvalidQuantileRange(fn string, q float64) error {
	return sparkerror.New(sparkerror.Runtime, "KLL_SKETCH_INVALID_QUANTILE_RANGE", "22003",
		"For function <functionName>, the quantile value must be between 0.0 and 1.0 (inclusive), but got <quantile>.",
		map[string]string{"functionName": fnParam(fn), "quantile": JavaDouble(q) + "D"})
}

// KLLKOutOfRangeMessage is the text of KLL_SKETCH_K_OUT_OF_RANGE, which Spark wraps in a
// type-check failure.
func KLLKOutOfRangeMessage(fn string, k int64) string {
	return "[KLL_SKETCH_K_OUT_OF_RANGE] For function " + fnParam(fn) + ", the k parameter must be between 8 and 65535 (inclusive), but got " +
		strconv.FormatInt(k, 10) + ". SQLSTATE: 22003"
}

// JavaDouble prints a double as Java's Double.toString does for the values Spark shows
// in messages (integral values keep ".0"; very large or small ones use E notation).
func JavaDouble(v float64) string {
	return javaFloat(v, 64)
}

func javaFloat(v float64, bits int) string {
	switch {
	case v != v:
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	case v == 0:
		if 1/v < 0 {
			return "-0.0"
		}
		return "0.0"
	}
	a := v
	if a < 0 {
		a = -a
	}
	if a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(v, 'f', -1, bits)
		for i := 0; i < len(s); i++ {
			if s[i] == '.' {
				return s
			}
		}
		return s + ".0"
	}
	s := strconv.FormatFloat(v, 'E', -1, bits)
	// Go prints 1.5E+07; Java prints 1.5E7 (and 1.0E7 for an integral mantissa).
	mant, exp := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == 'E' {
			mant, exp = s[:i], s[i+1:]
			break
		}
	}
	hasDot := false
	for i := 0; i < len(mant); i++ {
		if mant[i] == '.' {
			hasDot = true
		}
	}
	if !hasDot {
		mant += ".0"
	}
	if len(exp) > 0 && exp[0] == '+' {
		exp = exp[1:]
	}
	neg := len(exp) > 0 && exp[0] == '-'
	if neg {
		exp = exp[1:]
	}
	for len(exp) > 1 && exp[0] == '0' {
		exp = exp[1:]
	}
	if neg {
		exp = "-" + exp
	}
	return mant + "E" + exp
}

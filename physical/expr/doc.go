// Package expr evaluates resolved expressions over Arrow record batches, column at a time,
// with Spark 4's semantics. It imports arrow-go, sql/types, sql/sparkerror and physical/format.
//
// # Model
//
// An Expr computes one column from a batch; the caller releases the result. Values follow
// the engine's Spark -> Arrow mapping (types.ToArrow): boolean, int8..int64, float32/64,
// utf8, binary, date32, timestamp[us, UTC] (TIMESTAMP, an instant), timestamp[us] (NTZ),
// decimal128(p, s), duration[us] (DAY-TIME intervals), month_interval (YEAR-MONTH),
// month_day_nano_interval (CalendarInterval), null, list, map, struct. Kernels read Arrow
// buffers directly (arrays with offsets included) and write Go slices: validity is handled
// as bitmaps of 64-bit words, and there is no per-value interface call or allocation in the
// hot loops. The comparison loops are generic over the element type and generated per
// operator (go generate runs internal/gen, writing compare_gen.go).
//
// Errors are *sparkerror.Error with Spark's error classes, SQLSTATEs and message parameters
// (CAST_INVALID_INPUT, CAST_OVERFLOW, NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION,
// ARITHMETIC_OVERFLOW, BINARY_ARITHMETIC_OVERFLOW, DIVIDE_BY_ZERO, REMAINDER_BY_ZERO,
// INVALID_INTERVAL_FORMAT.*, INVALID_FORMAT.ESC_*). Rows that are NULL never raise errors.
//
// # Constructors
//
//	NewColumn(index int, t types.DataType) (Expr, error)
//	NewLiteral(t types.DataType, v any) (Expr, error)
//	NewCompare(op CompareOp, l, r Expr) (Expr, error)          // EQ NE LT LE GT GE NullSafeEQ
//	NewAnd(l, r Expr), NewOr(l, r Expr), NewNot(x Expr) (Expr, error)
//	NewIsNull(x), NewIsNotNull(x), NewIsNaN(x) (Expr, error)
//	NewIn(x Expr, list []Expr) (Expr, error)
//	NewInSet(x Expr, values []any, hasNull bool) (Expr, error)
//	NewCaseWhen(conds, values []Expr, elseValue Expr, t types.DataType) (Expr, error)
//	NewIf(cond, a, b Expr, t types.DataType) (Expr, error)
//	NewCoalesce(args []Expr, t types.DataType) (Expr, error)
//	NewNvl(a, b Expr, t types.DataType), NewNvl2(x, a, b Expr, t types.DataType) (Expr, error)
//	NewNullIf(a, b Expr) (Expr, error)
//	NewCast(child Expr, from, to types.DataType, opts CastOptions) (Expr, error)
//	NewArith(op string, l, r Expr, t types.DataType, ansi bool) (Expr, error) // + - * / % div pmod
//	NewDecimalArith(op string, l, r Expr, result types.DecimalType, ansi bool) (Expr, error)
//	NewIntegralDivide(l, r Expr, ansi bool) (Expr, error)
//	NewNegate(x Expr, ansi bool) (Expr, error)
//	NewConcat(args []Expr) (Expr, error)
//	NewLike(x, pattern Expr, escape rune, caseInsensitive bool) (Expr, error)
//	Lookup(name string) (ScalarFunc, bool); FunctionNames() []string
//
// The exported structs Column, Literal, Arith, Negate and Cast (a plain numeric conversion the
// planner uses to conform client data) may also be built directly.
//
// # Semantics
//
// Comparisons: NaN equals NaN and is greater than every other value, -0.0 equals 0.0,
// strings and binaries compare as unsigned bytes, structs and arrays lexicographically with
// a null element first (nested nulls are equal to each other). A NULL operand gives NULL,
// except for <=>. A literal operand is compared as a scalar without being materialized.
//
// AND/OR use Kleene logic on words of 64 rows. Like Spark's conditionals they are lazy: the
// right operand of AND (OR) is evaluated only for the rows the left does not make false
// (true), CASE WHEN / IF evaluate a branch value only for the rows that take it, COALESCE an
// argument only for the rows still NULL, IN an element only for rows not matched yet. So
// CASE WHEN x = 0 THEN 0 ELSE 10 / x END never divides by zero. Laziness is implemented by
// evaluating an expression that can fail (see mayFail) on a batch filtered to its rows, with
// only the columns it reads, and scattering the results back; an expression that cannot
// fail is evaluated on the whole batch, which is cheaper. When all rows take one branch, its
// result is returned as is.
//
// IN: NULL when the value is NULL; true on a match; otherwise NULL when the list holds a
// NULL, else false; an empty list is false. InSet uses a hash set of the constants keyed by
// the physical type (NaNs are one key, -0.0 is 0.0).
//
// Integer arithmetic: + - * wrap unless ANSI, where int/bigint overflow is
// ARITHMETIC_OVERFLOW ("integer overflow"/"long overflow") and tinyint/smallint overflow is
// BINARY_ARITHMETIC_OVERFLOW; a zero divisor gives NULL, or DIVIDE_BY_ZERO (/ and div) /
// REMAINDER_BY_ZERO (% and pmod) under ANSI; Long.MinValue div -1 is ARITHMETIC_OVERFLOW
// under ANSI. Float and double division by zero follow the same rules, as in Spark.
//
// Decimal arithmetic is exact and rounded HALF_UP to the result type the analyzer chose
// (Spark's toPrecision after Decimal's + - * / %, pmod): 64-bit integers when every
// intermediate has at most 18 digits, 128-bit magnitudes otherwise, math/big for rows
// whose intermediates exceed 128 bits. Overflow is NUMERIC_VALUE_OUT_OF_RANGE under ANSI
// (its value is Spark's intermediate: products truncated to 39 digits, quotients to scale
// 39), NULL otherwise.
//
// # Casts
//
// NewCast supports every pair Spark 4's Cast.canCast or canAnsiCast allows, except the
// types the engine does not have (TIME, VARIANT, geospatial types, UDTs other than through
// their SQL type):
//
//   - NULL to anything;
//   - anything (atomic, interval, array, map, struct) to STRING, with ToStringBase's
//     formats: Java's Double/Float.toString, decimals plain (BigDecimal.toString, possibly
//     scientific, outside ANSI), dates, timestamps in the session zone without trailing zero
//     fractions, ANSI interval literals ("INTERVAL '3-1' YEAR TO MONTH"), CalendarInterval
//     text, binary as its bytes, "[1, null]", "{a -> 1}", "{1, a}";
//   - STRING to BINARY, BOOLEAN, TINYINT..BIGINT, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP,
//     TIMESTAMP_NTZ, INTERVAL (CalendarInterval), YEAR-MONTH and DAY-TIME intervals, with
//     Spark's parsers (UTF8String.toLong/toInt, Double.parseDouble plus inf/nan,
//     BigDecimal(String), stringToDate, parseTimestampString with zone ids and offsets,
//     stringToInterval, castStringToYMInterval/DTInterval);
//   - numeric <-> numeric (Java narrowing or CAST_OVERFLOW; float to integral truncates,
//     NaN is 0 outside ANSI; decimal rescaling HALF_UP), BOOLEAN <-> numeric, TINYINT..
//     BIGINT -> BINARY (big-endian bytes);
//   - DATE, TIMESTAMP_NTZ <-> TIMESTAMP (the session zone, gaps and overlaps resolved like
//     java.time), TIMESTAMP <-> numeric (seconds; fractional for double and decimal),
//     TIMESTAMP/NTZ -> DATE, DATE -> numeric/BOOLEAN (NULL, legacy);
//   - integral and decimal <-> YEAR-MONTH / DAY-TIME intervals, interval <-> interval of the
//     same family (truncated to the end field);
//   - ARRAY, MAP, STRUCT element-wise.
//
// Failures follow Spark: under ANSI, malformed strings are CAST_INVALID_INPUT and overflow
// CAST_OVERFLOW or NUMERIC_VALUE_OUT_OF_RANGE; outside ANSI they give NULL (or wrap, for
// integral narrowing); interval casts fail in both modes; try_cast (CastOptions.Try) gives
// NULL for every failure, per element inside arrays, maps and structs.
//
// # Functions
//
// Lookup returns a ScalarFunc by name; adding a function is one registration of a small
// typed kernel (mapK, zipK, mapStrK and friends wrap the Arrow plumbing). The functions:
// abs, acos, asin, atan, bround, cbrt, ceil, ceiling, char_length, character_length,
// coalesce, concat, concat_ws, cos, degrees, exp, expm1, floor, greatest, if, ifnull,
// isnan, isnotnull, isnull, lcase, least, len, length, ln, log, log10, log1p, log2, lower,
// ltrim, btrim, mod, negative, nullif, nvl, nvl2, octet_length, pmod, positive, pow, power,
// radians, round, rtrim, sign, signum, sin, sqrt, substr, substring, tan, trim, ucase,
// upper. exp, ln, log, log2, log10, pow and cbrt use ports of fdlibm, which agree bit for
// bit with Java's StrictMath (and so with Spark).
//
// # Known deviations
//
//   - sin, cos, tan, asin, acos and atan use Go's math, which may differ from Java's Math
//     intrinsics in the last bit.
//   - upper and lower implement Java's special casing for ß, the Latin ligatures, İ and the
//     final sigma, not the whole of SpecialCasing.txt.
//   - Casting to CHAR(n)/VARCHAR(n) produces plain strings (no padding or length check).
//   - A TIMESTAMP string without a date ("12:00:00") takes today's date in the zone at
//     evaluation time, as in Spark, so results depend on the clock.
package expr

// Package expr evaluates resolved expressions over Arrow record batches, column at a time,
// with Spark 4's semantics. It imports arrow-go, sql/types, sql/sparkerror, sql/variant,
// sql/textdata, sql/datetime (date and timestamp strings, zone ids) and physical/format.
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
// types the engine does not have (TIME, geospatial types, UDTs other than through
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
//   - ARRAY, MAP, STRUCT element-wise;
//   - VARIANT from numbers, booleans, strings, binaries, datetimes and arrays of them
//     (castToVariant), and to those types, arrays, maps and structs (VariantGet.cast:
//     INVALID_VARIANT_CAST unless try_cast; variant_get.go).
//
// Failures follow Spark: under ANSI, malformed strings are CAST_INVALID_INPUT and overflow
// CAST_OVERFLOW or NUMERIC_VALUE_OUT_OF_RANGE; outside ANSI they give NULL (or wrap, for
// integral narrowing); interval casts fail in both modes; try_cast (CastOptions.Try) gives
// NULL for every failure, per element inside arrays, maps and structs.
//
// # Functions
//
// Lookup returns a ScalarFunc by name; adding a function is one registration of a small
// typed kernel (mapK, zipK, mapStrK, and the row-wise varRowK / fixedRowK / boolRowK of
// rowkernel.go, which read arguments through argv without per-row allocation). Constant
// arguments Spark requires to be foldable (formats, seeds) are read with evalConst.
//
// Conditionals and arithmetic: coalesce, if, ifnull, nvl, nvl2, nullif, isnan, isnull,
// isnotnull, mod, pmod, negative, positive, try_add, try_subtract, try_multiply, try_divide,
// try_mod (the operation in TRY mode: NULL where ANSI would fail), try_eval (Spark's TryEval:
// the rows whose evaluation fails are NULL; the batch is split until they are isolated),
// assert_true, raise_error (USER_RAISED_EXCEPTION), decode_case (decode's CASE form).
//
// Math: abs, acos, asin, atan, atan2, bround, cbrt, ceil, ceiling, cos, cosh, cot, csc,
// degrees, e, exp, expm1, floor, greatest, hypot, least, ln, log, log10, log1p, log2, pi, pow,
// power, radians, rint, round, sec, sign, signum, sin, sinh, sqrt, tan, tanh, asinh, acosh,
// atanh, bin, conv (NumberConverter: unsigned 64-bit, overflow ARITHMETIC_OVERFLOW under ANSI),
// width_bucket, nanvl (the second argument only for NaN rows), bit_count, bit_get / getbit,
// & | ^ ~, shiftleft / shiftright / shiftrightunsigned (<< >> >>>), rand / random / randn /
// uniform / randstr (Spark's XORShiftRandom seeded as partition 0, so seeded values match
// Spark's for single-partition plans), uuid.
//
// Strings and binaries: ascii, base64, bit_length, btrim, char / chr, char_length,
// character_length, concat, concat_ws, contains, crc32, decode (charsets us-ascii,
// iso-8859-1, utf-8, utf-16[be|le], utf-32 with REPORT: MALFORMED_CHARACTER_CODING,
// INVALID_PARAMETER_VALUE.CHARSET), elt, encode, endswith, find_in_set, format_string /
// printf (java.util.Formatter over Spark's internal values: %s %b %c %d %o %x %e %f %g with
// flags, width, precision and argument indexes), hex, initcap, instr, is_valid_utf8, lcase,
// left, len, length, levenshtein, like, ilike, locate / position, lower, lpad, rpad (strings
// by characters, binaries by bytes), ltrim, luhn_check, make_valid_utf8, mask, md5,
// octet_length, parse_url / try_parse_url, quote, repeat, replace, reverse, right, rtrim,
// sha / sha1, sha2, soundex, space, split_part, startswith, substr, substring,
// substring_index, to_binary, to_char / to_varchar and to_number / try_to_number (Spark's
// number formats), translate, trim, try_url_decode, try_validate_utf8, typeof, ucase,
// unbase64, unhex, upper, url_decode, url_encode, validate_utf8.
//
// Regular expressions (regexp.go): rlike / regexp / regexp_like, regexp_replace (Java's
// replacement syntax), regexp_extract, regexp_extract_all, regexp_count, regexp_substr,
// regexp_instr, split (Java's String.split with Spark's limit), str_to_map's delimiters
// and parse_url's key. Java patterns are read with Java's rules (regexp_java.go) and run
// on Go's RE2, or, when they need lookaround, backreferences, atomic groups, possessive
// quantifiers or \G, on regexp2's backtracking engine under a time limit per match
// (regexp_engine.go). format_number with a pattern string is java.text.DecimalFormat
// (decimal_format.go).
//
// Datetime: current_date (from the query's timestamp the analyzer fixes), current_timezone,
// localtimestamp, date_format, from_unixtime, get_timestamp (to_timestamp / to_date with a
// pattern; try_get_timestamp for the try_ forms), unix_timestamp / to_unix_timestamp,
// make_date, make_timestamp (_ltz, _ntz, try_), make_interval, make_dt_interval,
// make_ym_interval, date_add, date_sub, next_day, add_months, last_day, datediff,
// timestamp_seconds, timestamp_millis, timestamp_micros, unix_seconds, unix_millis,
// unix_micros, unix_date, date_from_unix_date, year, quarter, month, day / dayofmonth,
// dayofyear, dayofweek, weekday, weekofyear, hour, minute, second, and the rewrites of
// datetime arithmetic: subtract_dates, subtract_timestamps, timestamp_add_interval,
// date_add_ym_interval, timestamp_add_ym_interval, multiply_ym_interval,
// multiply_dt_interval, divide_ym_interval, divide_dt_interval; + and - of ANSI intervals
// (INTERVAL_ARITHMETIC_OVERFLOW in both modes).
//
// Datetime patterns (datefmt.go) follow java.time's DateTimeFormatter as Spark builds it:
// Spark's checks (week-based letters, A B n N p, E F q Q when parsing, 5-letter text
// styles, 7 y's), 'y' read as the proleptic year unless an era is present, number widths
// and sign styles, adjacent value parsing, 1 to n fraction digits when parsing, English
// texts, zone ids, short names and offsets, optional sections, STRICT resolution (field
// ranges, cross-checks) and Spark's defaults (1970-01-01 00:00). Invalid patterns give
// INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION when the legacy
// SimpleDateFormat would accept them, else Spark's own errors; unparsable strings give
// CANNOT_PARSE_TIMESTAMP under ANSI, NULL otherwise. spark.sql.legacy.timeParserPolicy is
// bound by the analyzer (datefmt_policy.go): LEGACY formats and parses with
// SimpleDateFormat (datefmt_legacy.go: not lenient, in the hybrid Julian/Gregorian
// calendar, 'S' as milliseconds, two-digit years in the century from 80 years ago) and
// the JSON, CSV and XML options with FastDateFormat over Spark's MicrosCalendar; EXCEPTION
// raises INCONSISTENT_BEHAVIOR_CROSS_VERSION.PARSE_DATETIME_BY_NEW_PARSER where only the
// legacy parser reads a string.
//
// exp, ln, log, log2, log10, pow, cbrt, asin, acos, atan, atan2, hypot, sinh, cosh and tanh
// use ports of fdlibm, which agree bit for bit with Java's StrictMath (and so with Spark);
// expm1 and log1p use Go's math, itself a port of the same code. sin, cos and tan (and sec,
// csc, cot) are correctly rounded (double-double evaluation), as HotSpot's Math intrinsics
// are for all but about one input in a thousand. The session settings that change a
// function (the legacy charsets and coding error action of encode/decode, array_insert's
// legacy negative index) are bound by the analyzer, which picks an internal variant.
//
// # Known deviations
//
//   - Regular expressions: Unicode blocks (\p{InGreek}), \N{name} and \b{g} are
//     NOT_IMPLEMENTED; \X approximates a grapheme cluster by a character and its combining
//     marks; CANON_EQ ((?c)) is ignored; case-insensitive backreferences fold Unicode; a
//     backtracking match that runs longer than 10 s fails with REGEX_MATCH_TIMEOUT.
//   - Datetime patterns: zone names ('z', 'zzzz') come from Go's time zone data and a table
//     of common names. Under the LEGACY policy, the JSON, CSV and XML options parse with
//     SimpleDateFormat's rules over a lenient calendar (FastDateParser's regular
//     expressions differ in corner cases), without the legacy default patterns, and the
//     EXCEPTION policy does not check them.
//   - rand, randn, uniform, randstr draw from a generator per partition (seed + the
//     partition index, restarted with the partition, as Spark's tasks do), in the operators
//     that hand the task context over (projections, filters); elsewhere they share
//     partition 0's. Spark's partitioning is matched for VALUES (two partitions) and for an
//     aggregate's select list (one, as adaptive execution coalesces small shuffles).
//   - format_string has no %t (date/time) nor %h.
//   - sin, cos and tan differ from Java's Math intrinsics by an ulp where those are not
//     correctly rounded (sin(-2.5) is -0.5984721441039564 in Java, -0.5984721441039565 here).
//   - upper and lower implement Java's special casing for ß, the Latin ligatures, İ and the
//     final sigma, not the whole of SpecialCasing.txt.
//   - Casting to CHAR(n)/VARCHAR(n) produces plain strings (no padding or length check).
//   - A TIMESTAMP string without a date ("12:00:00") takes today's date in the zone at
//     evaluation time, as in Spark, so results depend on the clock.
package expr

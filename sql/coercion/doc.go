// Package coercion holds Spark's type coercion rules as pure functions over types, in ANSI
// mode (AnsiTypeCoercion, spark.sql.ansi.enabled=true, the default) and in the legacy mode
// (TypeCoercion). The analyzer (sql/analyzer) asks; this package never sees expressions. It
// imports only sql/types.
//
//   - Common types: Mode.TightestCommonType (findTightestCommonType), Mode.WiderType
//     (findWiderTypeForTwo: IF, IN subqueries), Mode.WiderCommonType (findWiderCommonType:
//     UNION/EXCEPT/INTERSECT, CASE, coalesce, IN lists, array(), map(), ...),
//     Mode.WiderTypeWithoutStringPromotion and Mode.WiderCommonTypeWithoutStringPromotion
//     (greatest, least, UNPIVOT), Mode.CommonTypeDifferentOnlyInNullFlags, Mode.HaveSameType.
//   - Function arguments: Expected (AbstractDataType) with its classes and Exact, OneOf,
//     ArrayOf, MapOf; Mode.ImplicitCast (implicitCast).
//   - Operators: Mode.Arithmetic resolves + - * / % div pmod as the analyzer does — the
//     datetime/interval rewrite to date_add, timestamp_add_interval, subtract_dates, ...
//     (ResolveBinaryArithmetic), then the coercion rules (string promotion,
//     DecimalPrecision, Division, IntegralDivision, implicit casts, datetime operations,
//     legacy string-literal days) to their fixed point, then the type check — and returns
//     every cast, the result type and Spark's error (*MismatchError) when the check fails.
//     Mode.CompareOp / Mode.Comparison do the same for = <=> < <= > >=, including the
//     integral-vs-decimal-literal and legacy boolean = 1/0 rewrites. Mode.UnaryMinus and
//     Mode.Abs type - and abs. DecimalResult gives the decimal result types
//     (DecimalPrecision with allowPrecisionLoss, adjustPrecisionScale).
//   - Casts: Mode.CanCast (canAnsiCast / canCast), CanTryCast, CanUpCast,
//     CanANSIStoreAssign, ForceNullable, NeedsTimeZone, Mode.CastError.
//
// The rules are those of Spark 4.0's source, with the later changes the conformance golden
// files (Spark master) already show: a NULL operand next to a datetime in + becomes an
// INTERVAL DAY TO SECOND (date + NULL is a TIMESTAMP) and in - takes the datetime's type
// (date - NULL is an INTERVAL DAY), and a VARIANT element may produce NULL in ANSI casts of
// complex types. The TIME, GEOGRAPHY and GEOMETRY types are not modeled.
//
// Collation strength (CollationTypeCoercion) is in collation.go: Context and MergeContext
// find the collation strings of different collations take, which the analyzer applies
// before the rules here, so that these only see strings of one collation (a different
// collation never converts implicitly).
//
// Not covered: CHAR/VARCHAR with
// spark.sql.preserveCharVarcharTypeInfo (CHAR and VARCHAR count as STRING), the try_*
// arithmetic functions, spark.sql.legacy.interval.enabled (subtracting dates or timestamps
// always gives ANSI intervals), and configurations other than those of Mode (their Spark
// defaults apply: pickMinimumPrecision on, castDatetimeToString off, storeAssignmentPolicy
// ANSI, retainFractionDigitsOnTruncate off).
package coercion

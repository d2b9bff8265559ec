package coercion

import (
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// Mode selects Spark's coercion rules: ANSI (AnsiTypeCoercion, the default) or legacy
// (TypeCoercion, spark.sql.ansi.enabled=false). The other fields are session settings whose
// zero value is Spark's default.
type Mode struct {
	ANSI bool
	// CaseSensitive is spark.sql.caseSensitive: struct field names must then match exactly
	// when struct types are merged or compared. Spark's default (false) compares them
	// case-insensitively.
	CaseSensitive bool
	// NoDecimalPrecisionLoss is spark.sql.decimalOperations.allowPrecisionLoss=false: decimal
	// arithmetic results are then bounded to 38 digits without keeping 6 fractional digits.
	NoDecimalPrecisionLoss bool
	// LegacyInterval is spark.sql.legacy.interval.enabled: DATE - DATE and TIMESTAMP -
	// TIMESTAMP are legacy INTERVALs.
	LegacyInterval bool
}

// TightestCommonType is Spark's findTightestCommonType: the narrowest type both a and b
// convert to without any loss. Two different decimals, and decimals with floating-point
// types, have none (see WiderType).
func (m Mode) TightestCommonType(a, b types.DataType) (types.DataType, bool) {
	return m.tightest(a, b)
}

func (m Mode) tightest(a, b types.DataType) (types.DataType, bool) {
	switch {
	case types.Equal(a, b):
		return a, true
	case isNull(a):
		return b, true
	case isNull(b):
		return a, true
	case isString(a) && isString(b):
		return tightestCommonString(a, b)
	}
	if da, ok := a.(types.DecimalType); ok && isIntegral(b) {
		if decimalWiderThan(da, b) {
			return da, true
		}
		return nil, false
	}
	if db, ok := b.(types.DecimalType); ok && isIntegral(a) {
		if decimalWiderThan(db, a) {
			return db, true
		}
		return nil, false
	}
	if ra, rb := numericRank(a), numericRank(b); ra > 0 && rb > 0 {
		w := byRank[max(ra, rb)]
		if m.ANSI && w == (types.Float) {
			// An integral with a float: double, so that the integral keeps its precision.
			return types.Double, true
		}
		return w, true
	}
	if isDatetime(a) && isDatetime(b) {
		return widerDatetime(a, b), true
	}
	switch x := a.(type) {
	case types.DayTimeIntervalType:
		if y, ok := b.(types.DayTimeIntervalType); ok {
			return types.DayTimeIntervalType{StartField: min(x.StartField, y.StartField),
				EndField: max(x.EndField, y.EndField)}, true
		}
	case types.YearMonthIntervalType:
		if y, ok := b.(types.YearMonthIntervalType); ok {
			return types.YearMonthIntervalType{StartField: min(x.StartField, y.StartField),
				EndField: max(x.EndField, y.EndField)}, true
		}
	}
	if t, ok := spatialTightest(a, b); ok {
		return t, true
	}
	return m.complexType(a, b, m.tightest)
}

// WiderType is findWiderTypeForTwo: like TightestCommonType, but decimals widen (bounded to
// 38 digits, keeping integral digits first), decimals with float/double give double, and
// strings promote: in ANSI mode to the other side's type (integral -> bigint, fractional ->
// double; never to an ANSI interval), in legacy mode to string (except with binary or
// boolean). Used by IF, IN subqueries, map_zip_with keys, and pairwise by WiderCommonType.
func (m Mode) WiderType(a, b types.DataType) (types.DataType, bool) {
	if t, ok := m.tightest(a, b); ok {
		return t, true
	}
	if t, ok := widerDecimal(a, b); ok {
		return t, true
	}
	if m.ANSI {
		if t, ok := ansiWiderString(a, b); ok {
			return t, true
		}
	} else if t, ok := legacyStringPromotion(a, b); ok {
		return t, true
	}
	return m.complexType(a, b, m.WiderType)
}

// WiderCommonType is findWiderCommonType: WiderType folded over ts, starting from NULL
// (an empty list gives NullType). It is the common type of UNION/EXCEPT/INTERSECT columns,
// CASE WHEN branches, coalesce, IN lists, array(...), map(...) keys and values, concat and
// map_concat of arrays/maps, and sequence. In legacy mode the types containing strings (a
// string or an array of them) are folded first, so that strings win regardless of order.
func (m Mode) WiderCommonType(ts []types.DataType) (types.DataType, bool) {
	order := ts
	if !m.ANSI {
		var withString, others []types.DataType
		for _, t := range ts {
			if hasStringType(t) {
				dup := false
				for _, s := range withString {
					if types.Equal(s, t) {
						dup = true
						break
					}
				}
				if !dup {
					withString = append(withString, t)
				}
			} else {
				others = append(others, t)
			}
		}
		order = append(withString, others...)
	}
	var acc types.DataType = types.Null
	for _, t := range order {
		w, ok := m.WiderType(acc, t)
		if !ok {
			return nil, false
		}
		acc = w
	}
	return acc, true
}

// WiderTypeWithoutStringPromotion is findWiderTypeWithoutStringPromotionForTwo: WiderType
// without the string promotion step. Spark uses it (through
// WiderCommonTypeWithoutStringPromotion) only for greatest, least and UNPIVOT values; CASE,
// IF, coalesce and IN use WiderCommonType / WiderType.
func (m Mode) WiderTypeWithoutStringPromotion(a, b types.DataType) (types.DataType, bool) {
	if t, ok := m.tightest(a, b); ok {
		return t, true
	}
	if t, ok := widerDecimal(a, b); ok {
		return t, true
	}
	return m.complexType(a, b, m.WiderTypeWithoutStringPromotion)
}

// WiderCommonTypeWithoutStringPromotion is findWiderTypeWithoutStringPromotion: the fold of
// WiderTypeWithoutStringPromotion over ts from NULL (greatest, least, UNPIVOT).
func (m Mode) WiderCommonTypeWithoutStringPromotion(ts []types.DataType) (types.DataType, bool) {
	var acc types.DataType = types.Null
	for _, t := range ts {
		w, ok := m.WiderTypeWithoutStringPromotion(acc, t)
		if !ok {
			return nil, false
		}
		acc = w
	}
	return acc, true
}

// CommonTypeDifferentOnlyInNullFlags is findCommonTypeDifferentOnlyInNullFlags: the common
// type of types that are equal but for nullability flags (containsNull, valueContainsNull,
// field nullability), with every flag that is true in one of them set; false when they
// differ otherwise. An empty list gives false.
func (m Mode) CommonTypeDifferentOnlyInNullFlags(ts []types.DataType) (types.DataType, bool) {
	if len(ts) == 0 {
		return nil, false
	}
	acc := ts[0]
	var f func(a, b types.DataType) (types.DataType, bool)
	f = func(a, b types.DataType) (types.DataType, bool) {
		if types.Equal(a, b) {
			return a, true
		}
		return m.complexType(a, b, f)
	}
	for _, t := range ts[1:] {
		w, ok := f(acc, t)
		if !ok {
			return nil, false
		}
		acc = w
	}
	return acc, true
}

// HaveSameType is TypeCoercion.haveSameType: all types equal ignoring nullability flags
// (and, unless case-sensitive, the case of struct field names). Spark only widens the
// children of CASE, coalesce, array(...) and the like when this is false.
func (m Mode) HaveSameType(ts []types.DataType) bool {
	for _, t := range ts[min(1, len(ts)):] {
		if !m.sameType(ts[0], t) {
			return false
		}
	}
	return true
}

// sameType is DataType.sameType.
func (m Mode) sameType(a, b types.DataType) bool {
	if m.CaseSensitive {
		return types.EqualIgnoreNullability(a, b)
	}
	return types.EqualIgnoreCaseAndNullability(a, b)
}

func (m Mode) sameName(a, b string) bool {
	if m.CaseSensitive {
		return a == b
	}
	return strings.EqualFold(a, b)
}

// complexType is findTypeForComplex: arrays, maps and structs merge element-wise with f; a
// flag allows nulls when either side does or when an element conversion can produce nulls
// (Cast.forceNullable). Map keys must convert without producing nulls. Struct fields must
// pair up by position with names equal under the session's resolver; the result keeps the
// first type's names and drops field metadata.
func (m Mode) complexType(a, b types.DataType, f func(a, b types.DataType) (types.DataType, bool)) (types.DataType, bool) {
	switch x := a.(type) {
	case types.ArrayType:
		y, ok := b.(types.ArrayType)
		if !ok {
			return nil, false
		}
		et, ok := f(x.ElementType, y.ElementType)
		if !ok {
			return nil, false
		}
		return types.ArrayType{ElementType: et, ContainsNull: x.ContainsNull || y.ContainsNull ||
			ForceNullable(x.ElementType, et) || ForceNullable(y.ElementType, et)}, true
	case types.MapType:
		y, ok := b.(types.MapType)
		if !ok {
			return nil, false
		}
		kt, ok := f(x.KeyType, y.KeyType)
		if !ok || ForceNullable(x.KeyType, kt) || ForceNullable(y.KeyType, kt) {
			return nil, false
		}
		vt, ok := f(x.ValueType, y.ValueType)
		if !ok {
			return nil, false
		}
		return types.MapType{KeyType: kt, ValueType: vt, ValueContainsNull: x.ValueContainsNull ||
			y.ValueContainsNull || ForceNullable(x.ValueType, vt) || ForceNullable(y.ValueType, vt)}, true
	case *types.StructType:
		y, ok := b.(*types.StructType)
		if !ok || len(x.Fields) != len(y.Fields) {
			return nil, false
		}
		fields := make([]types.StructField, len(x.Fields))
		for i, f1 := range x.Fields {
			f2 := y.Fields[i]
			if !m.sameName(f1.Name, f2.Name) {
				return nil, false
			}
			dt, ok := f(f1.DataType, f2.DataType)
			if !ok {
				return nil, false
			}
			fields[i] = types.StructField{Name: f1.Name, DataType: dt, Nullable: f1.Nullable || f2.Nullable ||
				ForceNullable(f1.DataType, dt) || ForceNullable(f2.DataType, dt)}
		}
		return &types.StructType{Fields: fields}, true
	}
	return nil, false
}

// widerDecimal is findWiderTypeForDecimal.
func widerDecimal(a, b types.DataType) (types.DataType, bool) {
	da, aDec := a.(types.DecimalType)
	db, bDec := b.(types.DecimalType)
	switch {
	case aDec && bDec:
		return WiderDecimal(da, db), true
	case bDec && isIntegral(a):
		return WiderDecimal(mustDecimalFor(a), db), true
	case aDec && isIntegral(b):
		return WiderDecimal(mustDecimalFor(b), da), true
	case aDec && isFractional(b), bDec && isFractional(a):
		return types.Double, true
	}
	return nil, false
}

// ansiWiderString is AnsiStringPromotionTypeCoercion.findWiderTypeForString.
func ansiWiderString(a, b types.DataType) (types.DataType, bool) {
	if !isString(a) {
		if isString(b) {
			return ansiWiderString(b, a)
		}
		return nil, false
	}
	switch {
	case isIntegral(b):
		return types.Long, true
	case isFractional(b):
		return types.Double, true
	case isNull(b):
		return a, true
	case isAnsiInterval(b):
		return nil, false
	case isString(b):
		return tightestCommonString(a, b)
	case isAtomic(b):
		return b, true
	}
	return nil, false
}

// legacyStringPromotion is TypeCoercion.stringPromotion: strings absorb other atomic types
// except binary and boolean.
func legacyStringPromotion(a, b types.DataType) (types.DataType, bool) {
	switch {
	case isString(a) && isString(b):
		return tightestCommonString(a, b)
	case isString(a) && isAtomic(b) && !isBinary(b) && !isBoolean(b):
		return plainString(a), true
	case isString(b) && isAtomic(a) && !isBinary(a) && !isBoolean(a):
		return plainString(b), true
	}
	return nil, false
}

// tightestCommonString is StringHelper.tightestCommonString without
// spark.sql.preserveCharVarcharTypeInfo: the string type of the shared collation.
func tightestCommonString(a, b types.DataType) (types.DataType, bool) {
	if collationOf(a) != collationOf(b) {
		return nil, false
	}
	return plainString(a), true
}

// widerDatetime is findWiderDateTimeType for two different datetime types.
func widerDatetime(a, b types.DataType) types.DataType {
	if isTimestampLTZ(a) || isTimestampLTZ(b) {
		return types.Timestamp
	}
	if isTimestampNTZ(a) || isTimestampNTZ(b) {
		return types.TimestampNTZ
	}
	return types.Date
}

// hasStringType is TypeCoercion.hasStringType: a string, or an array of (arrays of) them.
func hasStringType(t types.DataType) bool {
	switch x := t.(type) {
	case types.ArrayType:
		return hasStringType(x.ElementType)
	}
	return isString(t)
}

// numericRank is the position in Spark's numericPrecedence (byte < short < int < long <
// float < double), 0 for other types.
func numericRank(dt types.DataType) int {
	switch dt.(type) {
	case types.ByteType:
		return 1
	case types.ShortType:
		return 2
	case types.IntegerType:
		return 3
	case types.LongType:
		return 4
	case types.FloatType:
		return 5
	case types.DoubleType:
		return 6
	}
	return 0
}

var byRank = []types.DataType{types.Null, types.Byte, types.Short, types.Integer, types.Long, types.Float, types.Double}

// Type classes, as Spark's type hierarchy defines them. CHAR(n) and VARCHAR(n) count as
// strings of the default collation (Spark replaces them by STRING before analysis unless
// spark.sql.preserveCharVarcharTypeInfo is set).

func isNull(t types.DataType) bool { _, ok := t.(types.NullType); return ok }

func isString(t types.DataType) bool {
	switch t.(type) {
	case types.StringType, types.CharType, types.VarcharType:
		return true
	}
	return false
}

// collationOf is the collation of a string type ("" for UTF8_BINARY).
func collationOf(t types.DataType) string {
	if s, ok := t.(types.StringType); ok && !s.IsDefaultCollation() {
		return s.Collation
	}
	return ""
}

// plainString is the STRING type with t's collation (CHAR/VARCHAR become STRING).
func plainString(t types.DataType) types.DataType {
	return types.StringType{Collation: collationOf(t)}
}

func isIntegral(t types.DataType) bool {
	switch t.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		return true
	}
	return false
}

func isDecimal(t types.DataType) bool { _, ok := t.(types.DecimalType); return ok }

func isFloating(t types.DataType) bool {
	switch t.(type) {
	case types.FloatType, types.DoubleType:
		return true
	}
	return false
}

func isFractional(t types.DataType) bool { return isFloating(t) || isDecimal(t) }

func isNumeric(t types.DataType) bool { return isIntegral(t) || isFractional(t) }

// IsNumeric reports whether t is an integral, floating point or decimal type.
func IsNumeric(t types.DataType) bool { return isNumeric(t) }

func isBoolean(t types.DataType) bool { _, ok := t.(types.BooleanType); return ok }

func isBinary(t types.DataType) bool { _, ok := t.(types.BinaryType); return ok }

func isDate(t types.DataType) bool { _, ok := t.(types.DateType); return ok }

func isTimestampLTZ(t types.DataType) bool { _, ok := t.(types.TimestampType); return ok }

func isTimestampNTZ(t types.DataType) bool { _, ok := t.(types.TimestampNTZType); return ok }

// isAnyTimestamp is AnyTimestampType: TIMESTAMP or TIMESTAMP_NTZ.
func isAnyTimestamp(t types.DataType) bool { return isTimestampLTZ(t) || isTimestampNTZ(t) }

func isDatetime(t types.DataType) bool { return isDate(t) || isAnyTimestamp(t) }

func isDayTime(t types.DataType) bool { _, ok := t.(types.DayTimeIntervalType); return ok }

func isYearMonth(t types.DataType) bool { _, ok := t.(types.YearMonthIntervalType); return ok }

func isAnsiInterval(t types.DataType) bool { return isDayTime(t) || isYearMonth(t) }

func isCalendarInterval(t types.DataType) bool { _, ok := t.(types.CalendarIntervalType); return ok }

func isVariant(t types.DataType) bool { _, ok := t.(types.VariantType); return ok }

// isAtomic is Spark's AtomicType: numbers, strings, binary, boolean, datetimes, ANSI
// intervals and VARIANT; not NULL, the legacy INTERVAL, complex types or UDTs.
func isAtomic(t types.DataType) bool {
	return isNumeric(t) || isString(t) || isBinary(t) || isBoolean(t) || isDatetime(t) ||
		isAnsiInterval(t) || isVariant(t) || isTime(t)
}

// IsOrderable is OrderUtils.isOrderable: the types comparisons and ORDER BY accept. Maps,
// VARIANT and the legacy INTERVAL are not orderable.
func IsOrderable(t types.DataType) bool {
	switch x := t.(type) {
	case types.NullType:
		return true
	case types.VariantType:
		return false
	case *types.StructType:
		for _, f := range x.Fields {
			if !IsOrderable(f.DataType) {
				return false
			}
		}
		return true
	case types.ArrayType:
		return IsOrderable(x.ElementType)
	case types.UserDefinedType:
		return x.SQLType != nil && IsOrderable(x.SQLType)
	}
	return isAtomic(t)
}

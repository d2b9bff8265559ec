package coercion

import (
	"github.com/sailgo/sail/sql/types"
)

// CanCast reports whether an explicit CAST(from AS to) passes analysis: Cast.canAnsiCast in
// ANSI mode, Cast.canCast in legacy mode. The ANSI matrix is the legacy one without
// integral -> BINARY, DATE/TIMESTAMP <-> BOOLEAN, BOOLEAN -> TIMESTAMP and DATE -> numeric,
// and with no null-producing element casts into non-nullable arrays, maps or structs needed
// (ANSI casts fail instead of producing NULL).
func (m Mode) CanCast(from, to types.DataType) bool {
	if m.ANSI {
		return canAnsiCast(from, to)
	}
	return canCast(from, to)
}

// CanTryCast is Cast.canTryCast, the casts try_cast accepts: canAnsiCast, except that the
// elements of arrays, maps and structs follow the legacy matrix (a failing element becomes
// NULL, so the target must allow nulls where the element cast can produce them).
func CanTryCast(from, to types.DataType) bool {
	switch x := from.(type) {
	case types.ArrayType:
		if y, ok := to.(types.ArrayType); ok {
			return canCast(x.ElementType, y.ElementType) &&
				resolvableNullability(x.ContainsNull || ForceNullable(x.ElementType, y.ElementType), y.ContainsNull)
		}
	case types.MapType:
		if y, ok := to.(types.MapType); ok {
			return canCast(x.KeyType, y.KeyType) && !ForceNullable(x.KeyType, y.KeyType) &&
				canCast(x.ValueType, y.ValueType) &&
				resolvableNullability(x.ValueContainsNull || ForceNullable(x.ValueType, y.ValueType), y.ValueContainsNull)
		}
	case *types.StructType:
		if y, ok := to.(*types.StructType); ok {
			if len(x.Fields) != len(y.Fields) {
				return false
			}
			for i, f := range x.Fields {
				g := y.Fields[i]
				if !canCast(f.DataType, g.DataType) ||
					!resolvableNullability(f.Nullable || ForceNullable(f.DataType, g.DataType), g.Nullable) {
					return false
				}
			}
			return true
		}
	}
	return canAnsiCast(from, to)
}

func resolvableNullability(from, to bool) bool { return !from || to }

// sameForCast is the `fromType == toType` test that opens Spark's cast matrices.
func sameForCast(from, to types.DataType) bool { return types.Equal(from, to) }

// canCast is Cast.canCast (legacy mode).
func canCast(from, to types.DataType) bool {
	switch {
	case sameForCast(from, to), isNull(from):
		return true
	}
	if ok, decided := spatialCast(from, to); decided {
		return ok
	}
	if isString(to) {
		return true
	}
	if ok, decided := variantCast(from, to); decided {
		return ok
	}
	if ok, decided := timeCast(from, to); decided {
		return ok
	}
	switch to.(type) {
	case types.BinaryType:
		return isString(from) || isIntegral(from)
	case types.BooleanType:
		return isString(from) || isDate(from) || isTimestampLTZ(from) || isNumeric(from)
	case types.TimestampType:
		return isString(from) || isBoolean(from) || isDate(from) || isNumeric(from) || isTimestampNTZ(from)
	case types.TimestampNTZType:
		return isString(from) || isDate(from) || isTimestampLTZ(from)
	case types.DateType:
		return isString(from) || isAnyTimestamp(from)
	case types.CalendarIntervalType:
		return isString(from)
	case types.DayTimeIntervalType, types.YearMonthIntervalType:
		return isString(from) || isIntegral(from) || isDecimal(from) ||
			(isDayTime(from) && isDayTime(to)) || (isYearMonth(from) && isYearMonth(to))
	}
	if isNumeric(to) {
		return isString(from) || isBoolean(from) || isDate(from) || isTimestampLTZ(from) ||
			isNumeric(from) || (isAnsiInterval(from) && (isIntegral(to) || isDecimal(to)))
	}
	switch x := from.(type) {
	case types.ArrayType:
		if y, ok := to.(types.ArrayType); ok {
			return canCast(x.ElementType, y.ElementType) &&
				resolvableNullability(x.ContainsNull || ForceNullable(x.ElementType, y.ElementType), y.ContainsNull)
		}
	case types.MapType:
		if y, ok := to.(types.MapType); ok {
			return canCast(x.KeyType, y.KeyType) && !ForceNullable(x.KeyType, y.KeyType) &&
				canCast(x.ValueType, y.ValueType) &&
				resolvableNullability(x.ValueContainsNull || ForceNullable(x.ValueType, y.ValueType), y.ValueContainsNull)
		}
	case *types.StructType:
		if y, ok := to.(*types.StructType); ok {
			if len(x.Fields) != len(y.Fields) {
				return false
			}
			for i, f := range x.Fields {
				g := y.Fields[i]
				if !canCast(f.DataType, g.DataType) ||
					!resolvableNullability(f.Nullable || ForceNullable(f.DataType, g.DataType), g.Nullable) {
					return false
				}
			}
			return true
		}
	case types.UserDefinedType:
		return udtAccepts(to, from)
	}
	return false
}

// canAnsiCast is Cast.canAnsiCast, with the later rule (in the Spark version the golden
// files come from) that a VARIANT element may produce NULL even in ANSI mode.
func canAnsiCast(from, to types.DataType) bool {
	switch {
	case sameForCast(from, to), isNull(from):
		return true
	}
	if ok, decided := spatialCast(from, to); decided {
		return ok
	}
	if isString(to) {
		return true
	}
	if ok, decided := variantCast(from, to); decided {
		return ok
	}
	if ok, decided := timeCast(from, to); decided {
		return ok
	}
	switch to.(type) {
	case types.BinaryType:
		return isString(from)
	case types.BooleanType:
		return isString(from) || isNumeric(from)
	case types.TimestampType:
		return isString(from) || isDate(from) || isTimestampNTZ(from) || isNumeric(from)
	case types.TimestampNTZType:
		return isString(from) || isDate(from) || isTimestampLTZ(from)
	case types.DateType:
		return isString(from) || isAnyTimestamp(from)
	case types.CalendarIntervalType:
		return isString(from)
	case types.DayTimeIntervalType, types.YearMonthIntervalType:
		return isString(from) || isIntegral(from) || isDecimal(from) ||
			(isDayTime(from) && isDayTime(to)) || (isYearMonth(from) && isYearMonth(to))
	}
	if isNumeric(to) {
		return isString(from) || isBoolean(from) || isTimestampLTZ(from) || isNumeric(from) ||
			(isAnsiInterval(from) && (isIntegral(to) || isDecimal(to)))
	}
	switch x := from.(type) {
	case types.ArrayType:
		if y, ok := to.(types.ArrayType); ok {
			return canAnsiCast(x.ElementType, y.ElementType) &&
				resolvableNullability(x.ContainsNull || isVariant(x.ElementType), y.ContainsNull)
		}
	case types.MapType:
		if y, ok := to.(types.MapType); ok {
			return canAnsiCast(x.KeyType, y.KeyType) && canAnsiCast(x.ValueType, y.ValueType) &&
				resolvableNullability(x.ValueContainsNull || isVariant(x.ValueType), y.ValueContainsNull)
		}
	case *types.StructType:
		if y, ok := to.(*types.StructType); ok {
			if len(x.Fields) != len(y.Fields) {
				return false
			}
			for i, f := range x.Fields {
				g := y.Fields[i]
				if !canAnsiCast(f.DataType, g.DataType) ||
					!resolvableNullability(f.Nullable || isVariant(f.DataType), g.Nullable) {
					return false
				}
			}
			return true
		}
	case types.UserDefinedType:
		return udtAccepts(to, from)
	}
	return false
}

// variantCast decides casts from and to VARIANT (VariantGet.checkDataType): VARIANT casts to
// atomic types other than intervals, and to arrays, string-keyed maps and structs of them;
// those types, without maps and structs, cast to VARIANT.
func variantCast(from, to types.DataType) (ok, decided bool) {
	switch {
	case isVariant(from):
		return variantCompatible(to, true), true
	case isVariant(to):
		return variantCompatible(from, false), true
	}
	return false, false
}

func variantCompatible(t types.DataType, allowStructsAndMaps bool) bool {
	switch x := t.(type) {
	case types.CharType, types.VarcharType:
		return false
	case types.ArrayType:
		return variantCompatible(x.ElementType, allowStructsAndMaps)
	case types.MapType:
		_, stringKey := x.KeyType.(types.StringType)
		return allowStructsAndMaps && stringKey && variantCompatible(x.ValueType, allowStructsAndMaps)
	case *types.StructType:
		if !allowStructsAndMaps {
			return false
		}
		for _, f := range x.Fields {
			if !variantCompatible(f.DataType, allowStructsAndMaps) {
				return false
			}
		}
		return true
	}
	return isNumeric(t) || isBoolean(t) || isString(t) || isBinary(t) || isDatetime(t) || isVariant(t)
}

// udtAccepts is UserDefinedType.acceptsType for two UDTs: the same class.
func udtAccepts(to, from types.DataType) bool {
	_, ok1 := to.(types.UserDefinedType)
	_, ok2 := from.(types.UserDefinedType)
	return ok1 && ok2 && types.Equal(to, from)
}

// ForceNullable is Cast.forceNullable: whether casting a non-null value of from to to can
// produce NULL (a string that does not parse, a timestamp out of an int's range, a decimal
// that does not fit, NaN to an integral, ...).
func ForceNullable(from, to types.DataType) bool {
	switch {
	case isNull(from):
		return false
	case types.Equal(from, to):
		return false
	case isVariant(from):
		return true
	case isString(from):
		return !(isBinary(to) || isString(to))
	case isString(to):
		return false
	}
	switch to.(type) {
	case types.ByteType, types.ShortType, types.IntegerType:
		if isTimestampLTZ(from) {
			return true
		}
	case types.TimestampType:
		if isFloating(from) {
			return true
		}
	}
	if isTime(from) && (isByte(to) || isShort(to)) {
		return true
	}
	switch {
	case isTimestampLTZ(from) && isDate(to):
		return false
	case isDate(to):
		return true
	case isDate(from) && isTimestampLTZ(to):
		return false
	case isDate(from):
		return true
	case isCalendarInterval(to):
		return true
	}
	if d, ok := to.(types.DecimalType); ok && !CanNullSafeCastToDecimal(from, d) {
		return true
	}
	return isFractional(from) && isIntegral(to)
}

// CanNullSafeCastToDecimal is Cast.canNullSafeCastToDecimal: every value of from fits the
// decimal type.
func CanNullSafeCastToDecimal(from types.DataType, to types.DecimalType) bool {
	switch {
	case isBoolean(from):
		return decimalWiderThan(to, types.DecimalType{Precision: 1, Scale: 0})
	case isNumeric(from) && decimalWiderThan(to, from):
		return true
	}
	if d, ok := from.(types.DecimalType); ok {
		return to.Precision-to.Scale > d.Precision-d.Scale
	}
	return false
}

// CanUpCast is UpCastRule.canUpCast: the cast loses nothing and cannot fail (used by
// Dataset encoders, views' schema binding, and store assignment under the STRICT policy).
func CanUpCast(from, to types.DataType) bool {
	switch {
	case types.Equal(from, to):
		return true
	case isVariant(from):
		return false
	}
	if d, ok := to.(types.DecimalType); ok && isNumeric(from) && decimalWiderThan(d, from) {
		return true
	}
	if d, ok := from.(types.DecimalType); ok && isNumeric(to) && decimalTighterThan(d, to) {
		return true
	}
	if rf, rt := numericRank(from), numericRank(to); rf > 0 && rt > 0 && rf < rt {
		return true
	}
	switch {
	case isDate(from) && isAnyTimestamp(to), isAnyTimestamp(from) && isAnyTimestamp(to):
		return true
	case isString(from) && isString(to):
		return moreConstrained(from, to)
	case (isAtomic(from) || isCalendarInterval(from)) && isString(to):
		return isPlainString(to)
	case isNull(from):
		return true
	case isTimestampLTZ(from) && isLong(to), isLong(from) && isTimestampLTZ(to):
		return true
	case isDayTime(from) && isDayTime(to), isYearMonth(from) && isYearMonth(to):
		return true
	}
	switch x := from.(type) {
	case types.ArrayType:
		if y, ok := to.(types.ArrayType); ok {
			return resolvableNullability(x.ContainsNull, y.ContainsNull) && CanUpCast(x.ElementType, y.ElementType)
		}
	case types.MapType:
		if y, ok := to.(types.MapType); ok {
			return resolvableNullability(x.ValueContainsNull, y.ValueContainsNull) &&
				CanUpCast(x.KeyType, y.KeyType) && CanUpCast(x.ValueType, y.ValueType)
		}
	case *types.StructType:
		if y, ok := to.(*types.StructType); ok {
			if len(x.Fields) != len(y.Fields) {
				return false
			}
			for i, f := range x.Fields {
				g := y.Fields[i]
				if !resolvableNullability(f.Nullable, g.Nullable) || !CanUpCast(f.DataType, g.DataType) {
					return false
				}
			}
			return true
		}
	case types.UserDefinedType:
		return udtAccepts(to, from)
	}
	return false
}

func isLong(t types.DataType) bool { _, ok := t.(types.LongType); return ok }

// isPlainString is StringHelper.isPlainString: a STRING, not CHAR(n)/VARCHAR(n).
func isPlainString(t types.DataType) bool { _, ok := t.(types.StringType); return ok }

// moreConstrained is StringHelper.isMoreConstrained on the CHAR/VARCHAR constraints of two
// string types: CHAR(n) is more constrained than VARCHAR(m) for n <= m, both more than
// STRING, and shorter lengths more than longer ones. Collations are not compared.
func moreConstrained(a, b types.DataType) bool {
	switch y := b.(type) {
	case types.StringType:
		return true
	case types.CharType:
		x, ok := a.(types.CharType)
		return ok && x.Length <= y.Length
	case types.VarcharType:
		switch x := a.(type) {
		case types.CharType:
			return x.Length <= y.Length
		case types.VarcharType:
			return x.Length <= y.Length
		}
	}
	return false
}

// CanANSIStoreAssign is Cast.canANSIStoreAssign, the conversions INSERT allows under
// spark.sql.storeAssignmentPolicy=ANSI (the default), and the basis of ANSI implicit casts:
// numeric to numeric, anything atomic (or INTERVAL) to string, datetime to datetime, NULL to
// anything, and complex types element-wise when nullability is kept.
func CanANSIStoreAssign(from, to types.DataType) bool {
	switch {
	case types.Equal(from, to), isNull(from):
		return true
	case isNumeric(from) && isNumeric(to):
		return true
	case (isAtomic(from) || isCalendarInterval(from)) && isString(to):
		return true
	case isDatetime(from) && isDatetime(to):
		return true
	}
	switch x := from.(type) {
	case types.ArrayType:
		if y, ok := to.(types.ArrayType); ok {
			return resolvableNullability(x.ContainsNull, y.ContainsNull) && CanANSIStoreAssign(x.ElementType, y.ElementType)
		}
	case types.MapType:
		if y, ok := to.(types.MapType); ok {
			return resolvableNullability(x.ValueContainsNull, y.ValueContainsNull) &&
				CanANSIStoreAssign(x.KeyType, y.KeyType) && CanANSIStoreAssign(x.ValueType, y.ValueType)
		}
	case *types.StructType:
		if y, ok := to.(*types.StructType); ok {
			if len(x.Fields) != len(y.Fields) {
				return false
			}
			for i, f := range x.Fields {
				g := y.Fields[i]
				if !resolvableNullability(f.Nullable, g.Nullable) || !CanANSIStoreAssign(f.DataType, g.DataType) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// NeedsTimeZone is Cast.needsTimeZone: the cast depends on the session time zone.
func NeedsTimeZone(from, to types.DataType) bool {
	switch {
	case isVariant(from):
		return true
	case isString(from) && isTimestampLTZ(to), isTimestampLTZ(from) && isString(to):
		return true
	case isDate(from) && isTimestampLTZ(to), isTimestampLTZ(from) && isDate(to):
		return true
	case isTimestampLTZ(from) && isTimestampNTZ(to), isTimestampNTZ(from) && isTimestampLTZ(to):
		return true
	}
	switch x := from.(type) {
	case types.ArrayType:
		if y, ok := to.(types.ArrayType); ok {
			return NeedsTimeZone(x.ElementType, y.ElementType)
		}
	case types.MapType:
		if y, ok := to.(types.MapType); ok {
			return NeedsTimeZone(x.KeyType, y.KeyType) || NeedsTimeZone(x.ValueType, y.ValueType)
		}
	case *types.StructType:
		if y, ok := to.(*types.StructType); ok && len(x.Fields) == len(y.Fields) {
			for i, f := range x.Fields {
				if NeedsTimeZone(f.DataType, y.Fields[i].DataType) {
					return true
				}
			}
		}
	}
	return false
}

// CastError is the analysis error of CAST(from AS to), or nil when the cast is allowed:
// CAST_WITH_FUNC_SUGGESTION between numbers and DATE/TIMESTAMP (suggesting
// timestamp_seconds, unix_date, ...), CAST_WITH_CONF_SUGGESTION in ANSI mode when the legacy
// matrix would allow it, CAST_WITHOUT_SUGGESTION otherwise. The analyzer adds sqlExpr.
func (m Mode) CastError(from, to types.DataType) *MismatchError {
	if m.CanCast(from, to) {
		return nil
	}
	return castFailure(from, to, m.ANSI)
}

// TryCastError is CastError for try_cast.
func TryCastError(from, to types.DataType) *MismatchError {
	if CanTryCast(from, to) {
		return nil
	}
	e := castFailure(from, to, false)
	if e.Kind == "CAST_WITHOUT_SUGGESTION" {
		if fn := castFuncSuggestion(from, to); fn != "" {
			e.Kind, e.Functions = "CAST_WITH_FUNC_SUGGESTION", fn
		}
	}
	return e
}

func castFailure(from, to types.DataType, ansi bool) *MismatchError {
	e := &MismatchError{Kind: "CAST_WITHOUT_SUGGESTION", Left: from, Right: to}
	if !ansi {
		return e
	}
	if fn := castFuncSuggestion(from, to); fn != "" {
		e.Kind, e.Functions = "CAST_WITH_FUNC_SUGGESTION", fn
	} else if canCast(from, to) {
		e.Kind, e.Config, e.ConfigValue = "CAST_WITH_CONF_SUGGESTION", "spark.sql.ansi.enabled", "false"
	}
	return e
}

// castFuncSuggestion is the functionNames of Cast.typeCheckFailureMessage.
func castFuncSuggestion(from, to types.DataType) string {
	switch {
	case isNumeric(from) && isTimestampLTZ(to):
		return "`TIMESTAMP_SECONDS`/`TIMESTAMP_MILLIS`/`TIMESTAMP_MICROS`"
	case isTimestampLTZ(from) && isNumeric(to):
		return "`UNIX_SECONDS`/`UNIX_MILLIS`/`UNIX_MICROS`"
	case isNumeric(from) && isDate(to):
		return "`DATE_FROM_UNIX_DATE`"
	case isDate(from) && isNumeric(to):
		return "`UNIX_DATE`"
	}
	return ""
}

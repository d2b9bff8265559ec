package coercion

import (
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// Expected is an argument type a function or operator asks for: Spark's AbstractDataType,
// either a concrete type (Exact) or a class of types (AnyNumeric, OneOf(...), ...).
type Expected interface {
	// Accepts is acceptsType: t needs no cast. A concrete type accepts itself up to
	// nullability flags and the case of struct field names.
	Accepts(t types.DataType) bool
	// Default is defaultConcreteType, the type a NULL argument is cast to.
	Default() types.DataType
	// SQL is the requirement as Spark prints it in errors (toSQLType): "\"INT\"",
	// "\"NUMERIC\"", "(\"DOUBLE\" or \"DECIMAL\")".
	SQL() string
	// String is Spark's simpleString of the requirement: "int", "numeric", "array<string>".
	String() string
	expected()
}

// kind tells the classes apart where ImplicitCast treats them specially.
type kind uint8

const (
	kindExact kind = iota
	kindNumeric
	kindIntegral
	kindFractional
	kindDecimal
	kindString
	kindAnyTimestamp
	kindDatetime
	kindAtomic
	kindArray
	kindMap
	kindStruct
	kindAny
	kindAnsiInterval
	kindDayTime
	kindYearMonth
	kindCollection
	kindArrayOf
	kindMapOf
	kindSpatial // GEOGRAPHY or GEOMETRY of any SRID (spatial.go)
)

type expectedType struct {
	kind    kind
	dt      types.DataType // kindExact
	name    string         // simpleString of a class
	def     types.DataType // defaultConcreteType of a class
	accepts func(types.DataType) bool
	elems   []Expected // kindCollection: the alternatives; kindArrayOf: [elem]; kindMapOf: [key, value]
}

func (e *expectedType) expected() {}

func (e *expectedType) Accepts(t types.DataType) bool {
	switch e.kind {
	case kindExact:
		return types.EqualIgnoreCaseAndNullability(e.dt, t)
	case kindCollection:
		for _, x := range e.elems {
			if x.Accepts(t) {
				return true
			}
		}
		return false
	case kindArrayOf:
		a, ok := t.(types.ArrayType)
		return ok && e.elems[0].Accepts(a.ElementType)
	case kindMapOf:
		m, ok := t.(types.MapType)
		return ok && e.elems[0].Accepts(m.KeyType) && e.elems[1].Accepts(m.ValueType)
	}
	return e.accepts(t)
}

func (e *expectedType) Default() types.DataType {
	switch e.kind {
	case kindExact:
		return e.dt
	case kindCollection:
		return e.elems[0].Default()
	case kindArrayOf:
		return types.ArrayType{ElementType: e.elems[0].Default(), ContainsNull: true}
	case kindMapOf:
		return types.MapType{KeyType: e.elems[0].Default(), ValueType: e.elems[1].Default(), ValueContainsNull: true}
	}
	return e.def
}

func (e *expectedType) SQL() string {
	switch e.kind {
	case kindExact:
		return `"` + e.dt.SQL() + `"`
	case kindCollection:
		parts := make([]string, len(e.elems))
		for i, x := range e.elems {
			parts[i] = x.SQL()
		}
		return "(" + strings.Join(parts, " or ") + ")"
	}
	return `"` + strings.ToUpper(e.String()) + `"`
}

func (e *expectedType) String() string {
	switch e.kind {
	case kindExact:
		return e.dt.SimpleString()
	case kindCollection:
		parts := make([]string, len(e.elems))
		for i, x := range e.elems {
			parts[i] = x.String()
		}
		return "(" + strings.Join(parts, " or ") + ")"
	case kindArrayOf:
		return "array<" + e.elems[0].String() + ">"
	case kindMapOf:
		return "map<" + e.elems[0].String() + ", " + e.elems[1].String() + ">"
	}
	return e.name
}

func class(k kind, name string, def types.DataType, accepts func(types.DataType) bool) Expected {
	return &expectedType{kind: k, name: name, def: def, accepts: accepts}
}

// The type classes of Spark's AbstractDataType hierarchy (and a few conveniences).
var (
	// AnyNumeric is NumericType: every number; NULL becomes DOUBLE.
	AnyNumeric = class(kindNumeric, "numeric", types.Double, isNumeric)
	// AnyIntegral is IntegralType: TINYINT to BIGINT; NULL becomes INT.
	AnyIntegral = class(kindIntegral, "integral", types.Integer, isIntegral)
	// AnyFractional is FLOAT, DOUBLE or DECIMAL; NULL becomes DOUBLE. (Spark has no such
	// AbstractDataType; this one converts like AnyNumeric.)
	AnyFractional = class(kindFractional, "fractional", types.Double, isFractional)
	// AnyDecimal is the DecimalType class: any precision and scale; numbers convert to
	// DecimalForType, NULL (and strings in legacy mode) to DECIMAL(38,18).
	AnyDecimal = class(kindDecimal, "decimal", types.SystemDefaultDecimal, isDecimal)
	// AnyString is a string of any collation (StringTypeWithCollation); NULL becomes STRING.
	AnyString = class(kindString, "string", types.String, isString)
	// AnyBinary, AnyBoolean and AnyDate are the concrete BINARY, BOOLEAN and DATE types.
	AnyBinary  = Exact(types.Binary)
	AnyBoolean = Exact(types.Boolean)
	AnyDate    = Exact(types.Date)
	// AnyTimestamp is AnyTimestampType: TIMESTAMP or TIMESTAMP_NTZ; NULL becomes TIMESTAMP.
	AnyTimestamp = class(kindAnyTimestamp, "(timestamp or timestamp without time zone)", types.Timestamp, isAnyTimestamp)
	// AnyDatetime is DATE, TIMESTAMP or TIMESTAMP_NTZ (Spark's DatetimeType, which is not an
	// AbstractDataType); NULL and strings become TIMESTAMP.
	AnyDatetime = class(kindDatetime, "datetime", types.Timestamp, isDatetime)
	// AnyAtomic is any atomic type (Spark's AtomicType); NULL becomes STRING. Nothing else
	// converts to it.
	AnyAtomic = class(kindAtomic, "atomic", types.String, isAtomic)
	// AnyArray, AnyMap and AnyStruct are the ArrayType, MapType and StructType classes; NULL
	// becomes ARRAY<VOID>, MAP<VOID, VOID> and STRUCT<>.
	AnyArray  = class(kindArray, "array", types.ArrayType{ElementType: types.Null, ContainsNull: true}, isArray)
	AnyMap    = class(kindMap, "map", types.MapType{KeyType: types.Null, ValueType: types.Null, ValueContainsNull: true}, isMap)
	AnyStruct = class(kindStruct, "struct", &types.StructType{}, isStruct)
	// AnyType is AnyDataType: every type is accepted as is.
	AnyType = class(kindAny, "any", types.Null, func(types.DataType) bool { return true })
	// AnyAnsiInterval is AnsiIntervalType (NULL becomes INTERVAL DAY TO SECOND);
	// AnyDayTimeInterval and AnyYearMonthInterval are the DayTimeIntervalType and
	// YearMonthIntervalType classes (any fields; NULL becomes the DAY TO SECOND / YEAR TO
	// MONTH type).
	AnyAnsiInterval      = class(kindAnsiInterval, "ANSI interval", types.DefaultDayTimeInterval, isAnsiInterval)
	AnyDayTimeInterval   = class(kindDayTime, "interval day to second", types.DefaultDayTimeInterval, isDayTime)
	AnyYearMonthInterval = class(kindYearMonth, "interval year to month", types.DefaultYearMonthInterval, isYearMonth)
	// NumericAndAnsiInterval and NumericAndInterval are Spark's TypeCollections of that name
	// (the inputs of abs, and of +, - and unary minus).
	NumericAndAnsiInterval = OneOf(AnyNumeric, AnyDayTimeInterval, AnyYearMonthInterval)
	NumericAndInterval     = OneOf(AnyNumeric, AnyDayTimeInterval, AnyYearMonthInterval, Exact(types.CalendarInterval))
)

func isArray(t types.DataType) bool  { _, ok := t.(types.ArrayType); return ok }
func isMap(t types.DataType) bool    { _, ok := t.(types.MapType); return ok }
func isStruct(t types.DataType) bool { _, ok := t.(*types.StructType); return ok }

// Exact is a concrete expected type.
func Exact(t types.DataType) Expected { return &expectedType{kind: kindExact, dt: t} }

// OneOf is TypeCollection: a type any of es accepts; implicit casts try es in order and
// take the first that works; NULL becomes the first one's default.
func OneOf(es ...Expected) Expected {
	if len(es) == 0 {
		panic("coercion.OneOf: empty collection")
	}
	return &expectedType{kind: kindCollection, elems: es}
}

// ArrayOf is AbstractArrayType: an array whose element type elem accepts.
func ArrayOf(elem Expected) Expected {
	return &expectedType{kind: kindArrayOf, elems: []Expected{elem}}
}

// MapOf is AbstractMapType: a map whose key and value types key and value accept.
func MapOf(key, value Expected) Expected {
	return &expectedType{kind: kindMapOf, elems: []Expected{key, value}}
}

func kindOf(e Expected) kind {
	if x, ok := e.(*expectedType); ok {
		return x.kind
	}
	return kindExact
}

// exactType is the concrete type of an Exact, or nil.
func exactType(e Expected) types.DataType {
	if x, ok := e.(*expectedType); ok && x.kind == kindExact {
		return x.dt
	}
	return nil
}

// ImplicitCast is Spark's implicitCast: the type an argument of type in is cast to so that
// a function expecting want accepts it (in itself when no cast is needed), or false when
// Spark leaves the argument alone (and the function then fails its type check).
//
// ANSI mode (AnsiTypeCoercion) allows what store assignment allows (CanANSIStoreAssign to
// want's default type), numbers to a decimal class (DecimalForType), and strings to any
// atomic type or numeric/decimal/timestamp class (their default type); never fractional to
// an integral class, nor a string to another collation. Legacy mode (TypeCoercion) also
// casts between any numbers, between datetimes, from strings to numbers (the numeric class:
// DOUBLE), datetimes and binary, and from atomic types to strings; arrays and maps convert
// element-wise where the nullability flags allow.
func (m Mode) ImplicitCast(in types.DataType, want Expected) (types.DataType, bool) {
	if m.ANSI {
		return ansiImplicitCast(in, want)
	}
	return legacyImplicitCast(in, want)
}

func ansiImplicitCast(in types.DataType, want Expected) (types.DataType, bool) {
	k := kindOf(want)
	target := exactType(want)
	switch {
	case want.Accepts(in):
		return in, true
	case isNumeric(in) && k == kindDecimal:
		return mustDecimalFor(in), true
	case isString(in) && target != nil && isString(target):
		// Same collation is accepted above; no cast to another collation.
		return nil, false
	case isString(in) && k == kindString:
		return nil, false
	case isFractional(in) && k == kindIntegral:
		return nil, false
	case isString(in) && ((target != nil && isAtomic(target)) || k == kindNumeric || k == kindDecimal ||
		k == kindAnyTimestamp || k == kindDatetime || k == kindFractional):
		return want.Default(), true
	}
	if a, ok := in.(types.ArrayType); ok && k == kindArrayOf {
		et, ok := ansiImplicitCast(a.ElementType, want.(*expectedType).elems[0])
		if !ok {
			return nil, false
		}
		return types.ArrayType{ElementType: et, ContainsNull: true}, true
	}
	if k == kindCollection {
		for _, e := range want.(*expectedType).elems {
			if t, ok := ansiImplicitCast(in, e); ok {
				return t, true
			}
		}
		return nil, false
	}
	def := want.Default()
	if CanANSIStoreAssign(in, def) {
		return def, true
	}
	return nil, false
}

func legacyImplicitCast(in types.DataType, want Expected) (types.DataType, bool) {
	k := kindOf(want)
	target := exactType(want)
	switch {
	case want.Accepts(in):
		return in, true
	case isNull(in):
		return want.Default(), true
	case isString(in) && target != nil && isString(target):
		return nil, false
	case isString(in) && (k == kindNumeric || k == kindFractional):
		return types.Double, true
	case isNumeric(in) && k == kindDecimal:
		return mustDecimalFor(in), true
	case isNumeric(in) && target != nil && isNumeric(target):
		return target, true
	case isDatetime(in) && target != nil && isDatetime(target):
		return target, true
	case isDatetime(in) && (k == kindAnyTimestamp || k == kindDatetime):
		return want.Default(), true
	case isString(in) && k == kindDecimal:
		return types.SystemDefaultDecimal, true
	case isString(in) && target != nil && (isNumeric(target) || isDatetime(target) || isBinary(target)):
		return target, true
	case isString(in) && (k == kindAnyTimestamp || k == kindDatetime):
		return want.Default(), true
	case isAtomic(in) && !isString(in) && target != nil && isString(target):
		return target, true
	case isAtomic(in) && !isString(in) && k == kindString:
		return types.String, true
	case k == kindCollection:
		for _, e := range want.(*expectedType).elems {
			if t, ok := legacyImplicitCast(in, e); ok {
				return t, true
			}
		}
		return nil, false
	}
	switch x := in.(type) {
	case types.ArrayType:
		if k == kindArrayOf {
			et, ok := legacyImplicitCast(x.ElementType, want.(*expectedType).elems[0])
			if !ok {
				return nil, false
			}
			return types.ArrayType{ElementType: et, ContainsNull: true}, true
		}
		y, ok := target.(types.ArrayType)
		if !ok {
			return nil, false
		}
		switch {
		case y.ContainsNull:
			et, ok := legacyImplicitCast(x.ElementType, Exact(y.ElementType))
			if !ok {
				return nil, false
			}
			return types.ArrayType{ElementType: et, ContainsNull: true}, true
		case x.ContainsNull:
			return nil, false
		case !ForceNullable(x.ElementType, y.ElementType):
			et, ok := legacyImplicitCast(x.ElementType, Exact(y.ElementType))
			if !ok {
				return nil, false
			}
			return types.ArrayType{ElementType: et, ContainsNull: false}, true
		}
	case types.MapType:
		if k == kindMapOf {
			elems := want.(*expectedType).elems
			kt, ok1 := legacyImplicitCast(x.KeyType, elems[0])
			vt, ok2 := legacyImplicitCast(x.ValueType, elems[1])
			if !ok1 || !ok2 {
				return nil, false
			}
			return types.MapType{KeyType: kt, ValueType: vt, ValueContainsNull: x.ValueContainsNull}, true
		}
		y, ok := target.(types.MapType)
		if !ok || ForceNullable(x.KeyType, y.KeyType) || !resolvableNullability(x.ValueContainsNull, y.ValueContainsNull) {
			return nil, false
		}
		if ForceNullable(x.ValueType, y.ValueType) && !y.ValueContainsNull {
			return nil, false
		}
		kt, ok1 := legacyImplicitCast(x.KeyType, Exact(y.KeyType))
		vt, ok2 := legacyImplicitCast(x.ValueType, Exact(y.ValueType))
		if !ok1 || !ok2 {
			return nil, false
		}
		return types.MapType{KeyType: kt, ValueType: vt, ValueContainsNull: y.ValueContainsNull}, true
	}
	return nil, false
}

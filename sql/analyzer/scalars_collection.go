package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Collection functions: the constructors array, map, named_struct and struct, and the
// functions over arrays and maps (Spark's collectionOperations and complexTypeCreator).
// Each checks its arguments as Spark's checkInputDataTypes does, with the same error
// classes, and names its column as Spark prints the expression.

const reqArray = `"ARRAY"`

func init() {
	register(ScalarFunction, resolveCreateArray, "array")
	register(ScalarFunction, resolveCreateMap, "map")
	register(ScalarFunction, resolveNamedStruct, "named_struct")
	register(ScalarFunction, resolveStruct, "struct")
	register(ScalarFunction, resolveSize, "size", "cardinality")
	register(ScalarFunction, resolveArraySize, "array_size")
	register(ScalarFunction, resolveElementAt, "element_at", "try_element_at")
	register(ScalarFunction, resolveGet, "get")
	register(ScalarFunction, resolveArrayElementSearch, "array_contains", "array_position", "array_remove")
	register(ScalarFunction, resolveMapContainsKey, "map_contains_key")
	register(ScalarFunction, resolveArrayPend, "array_append", "array_prepend")
	register(ScalarFunction, resolveArrayInsert, "array_insert")
	register(ScalarFunction, resolveArrayUnary, "array_compact", "array_distinct", "array_max", "array_min", "shuffle")
	register(ScalarFunction, resolveArraysZip, "arrays_zip")
	register(ScalarFunction, resolveSortArray, "sort_array")
	register(ScalarFunction, resolveBinaryArray, "array_union", "array_intersect", "array_except", "arrays_overlap")
	register(ScalarFunction, resolveMapUnary, "map_keys", "map_values", "map_entries")
	register(ScalarFunction, resolveMapFromArrays, "map_from_arrays")
	register(ScalarFunction, resolveMapFromEntries, "map_from_entries")
	register(ScalarFunction, resolveMapConcat, "map_concat")
	register(ScalarFunction, resolveFlatten, "flatten")
	register(ScalarFunction, resolveSlice, "slice")
	register(ScalarFunction, resolveArrayRepeat, "array_repeat")
	register(ScalarFunction, resolveArrayJoin, "array_join")
	register(ScalarFunction, resolveSequence, "sequence")
	register(ScalarFunction, resolveStrToMap, "str_to_map")
	// concat and reverse also take arrays: wrap the string forms registered before.
	wrapForArrays("concat", resolveArrayConcat)
	if registry["reverse"] == nil {
		register(ScalarFunction, resolveArrayReverse, "reverse")
	} else {
		wrapForArrays("reverse", resolveArrayReverse)
	}
}

// wrapForArrays makes the registered function name dispatch to r when an argument is an
// array, and to its previous definition otherwise.
func wrapForArrays(name string, r resolver) {
	prev := registry[name]
	register(ScalarFunction, func(a *analyzer, n string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		for _, x := range args {
			if _, ok := plan.TypeOf(x).(types.ArrayType); ok {
				return r(a, n, args, f)
			}
		}
		if prev == nil {
			return nil, unresolvedRoutine(f.Name)
		}
		return prev.resolve(a, n, args, f)
	}, name)
}

// legacy is the session's coercion with the non-ANSI rules: several collection functions
// call TypeCoercion's helpers directly whatever the mode.
func (a *analyzer) legacy() coercion.Mode {
	m := a.coerce
	m.ANSI = false
	return m
}

func dataDiffTypes(call string, fn string, ts []types.DataType) error {
	strs := make([]string, len(ts))
	for i, t := range ts {
		strs[i] = sqlType(t)
	}
	return analysisError("DATATYPE_MISMATCH.DATA_DIFF_TYPES", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should all be the same type, but it's <dataType>.",
		map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(fn), "dataType": "(" + strings.Join(strs, " or ") + ")"})
}

func funcDiffTypes(sub, call, fn, dataType string, left, right types.DataType) error {
	return analysisError("DATATYPE_MISMATCH."+sub, "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should have been <dataType> followed by a value with same element type, but it's [<leftType>, <rightType>].",
		map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(fn), "dataType": dataType,
			"leftType": sqlType(left), "rightType": sqlType(right)})
}

func nullTypeError(call, fn string) error {
	return analysisError("DATATYPE_MISMATCH.NULL_TYPE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: Null typed values cannot be used as arguments of <functionName>.",
		map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(fn)})
}

func invalidOrderingType(call, fn string, t types.DataType) error {
	return analysisError("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> does not support ordering on type <dataType>.",
		map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(fn), "dataType": sqlType(t)})
}

func invalidMapKeyType(call string, t types.DataType) error {
	return analysisError("DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The input <keyType> is not a valid map key type.",
		map[string]string{"sqlExpr": `"` + call + `"`, "keyType": sqlType(t)})
}

// checkMapKeyType is TypeUtils.checkForMapKeyType: no map (nor variant) inside a key.
func checkMapKeyType(call string, t types.DataType) error {
	if typeExists(t, func(x types.DataType) bool {
		switch x.(type) {
		case types.MapType, types.VariantType:
			return true
		}
		return false
	}) {
		return invalidMapKeyType(call, t)
	}
	return nil
}

func typeExists(t types.DataType, f func(types.DataType) bool) bool {
	if f(t) {
		return true
	}
	switch x := t.(type) {
	case types.ArrayType:
		return typeExists(x.ElementType, f)
	case types.MapType:
		return typeExists(x.KeyType, f) || typeExists(x.ValueType, f)
	case *types.StructType:
		for _, fl := range x.Fields {
			if typeExists(fl.DataType, f) {
				return true
			}
		}
	}
	return false
}

// commonElements widens es to one type as Spark's coercion of array(...) and map(...)
// children does (findWiderCommonType when the types differ beyond nullability); ok is
// false when there is none.
func (a *analyzer) commonElements(es []plan.Expr) ([]plan.Expr, types.DataType, bool) {
	if len(es) == 0 {
		return es, types.Null, true
	}
	ts := make([]types.DataType, len(es))
	for i, e := range es {
		ts[i] = plan.TypeOf(e)
	}
	out := es
	if !a.coerce.HaveSameType(ts) {
		w, ok := a.coerce.WiderCommonType(ts)
		if !ok {
			return nil, nil, false
		}
		out = make([]plan.Expr, len(es))
		for i, e := range es {
			out[i] = castTo(e, w)
			ts[i] = plan.TypeOf(out[i])
		}
	}
	t, ok := a.coerce.CommonTypeDifferentOnlyInNullFlags(ts)
	if !ok {
		t = ts[0]
	}
	return out, t, true
}

func typesOf(es []plan.Expr) []types.DataType {
	ts := make([]types.DataType, len(es))
	for i, e := range es {
		ts[i] = plan.TypeOf(e)
	}
	return ts
}

// resolveCreateArray is array(e1, e2, ...): the elements widened to a common type.
func resolveCreateArray(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	x, elem, ok := a.commonElements(args)
	if !ok {
		return nil, dataDiffTypes(callText(name, args), "array", typesOf(args))
	}
	return &plan.Call{Fn: "array", Args: x, Type: types.NewArray(elem, anyNull(x)), Display: name}, nil
}

// resolveCreateMap is map(k1, v1, k2, v2, ...).
func resolveCreateMap(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if len(args)%2 != 0 {
		return nil, wrongNumArgs(name, "2n (n > 0)", len(args))
	}
	call := callText(name, args)
	var keys, vals []plan.Expr
	for i := 0; i < len(args); i += 2 {
		keys = append(keys, args[i])
		vals = append(vals, args[i+1])
	}
	keys, kt, ok := a.commonElements(keys)
	if !ok {
		return nil, mapDiffTypes("CREATE_MAP_KEY_DIFF_TYPES", call, name, args, 0)
	}
	vals, vt, ok := a.commonElements(vals)
	if !ok {
		return nil, mapDiffTypes("CREATE_MAP_VALUE_DIFF_TYPES", call, name, args, 1)
	}
	if err := checkMapKeyType(call, kt); err != nil {
		return nil, err
	}
	x := make([]plan.Expr, 0, len(args))
	for i := range keys {
		x = append(x, keys[i], vals[i])
	}
	return &plan.Call{Fn: "map", Args: x, Type: types.NewMap(kt, vt, anyNull(vals)), Display: name}, nil
}

func mapDiffTypes(sub, call, name string, args []plan.Expr, parity int) error {
	var strs []string
	for i := parity; i < len(args); i += 2 {
		strs = append(strs, sqlType(plan.TypeOf(args[i])))
	}
	what := "keys"
	if parity == 1 {
		what = "values"
	}
	return analysisError("DATATYPE_MISMATCH."+sub, "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: The given "+what+" of function <functionName> should all be the same type, but they are <dataType>.",
		map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(name), "dataType": "[" + strings.Join(strs, ", ") + "]"})
}

// resolveNamedStruct is named_struct(name1, v1, ...): names are foldable strings.
func resolveNamedStruct(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if len(args)%2 != 0 || len(args) == 0 {
		return nil, wrongNumArgs(name, "2n (n > 0)", len(args))
	}
	call := callText(name, args)
	var bad []string
	var nulls []string
	fields := make([]types.StructField, 0, len(args)/2)
	for i := 0; i < len(args); i += 2 {
		n := args[i]
		if _, isStr := plan.TypeOf(n).(types.StringType); !isStr || !isFoldable(n) {
			bad = append(bad, sqlExpr(n))
			continue
		}
		s, ok := literalString(n)
		if !ok {
			if isNullLiteral(n) {
				nulls = append(nulls, sqlExpr(n))
				continue
			}
			bad = append(bad, sqlExpr(n))
			continue
		}
		fields = append(fields, fieldFor(s, args[i+1]))
	}
	if len(bad) > 0 {
		return nil, analysisError("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Only foldable `STRING` expressions are allowed to appear at odd position, but they are <inputExprs>.",
			map[string]string{"sqlExpr": `"` + call + `"`, "inputExprs": "[" + strings.Join(bad, ", ") + "]"})
	}
	if len(nulls) > 0 {
		names := make([]string, 0, len(args)/2)
		for i := 0; i < len(args); i += 2 {
			names = append(names, sqlExpr(args[i]))
		}
		return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_NULL", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <exprName> must not be null.",
			map[string]string{"sqlExpr": `"` + call + `"`, "exprName": "[" + strings.Join(names, ", ") + "]"})
	}
	return &plan.Call{Fn: "named_struct", Args: args, Type: &types.StructType{Fields: fields}, Display: name}, nil
}

func isNullLiteral(e plan.Expr) bool {
	for {
		switch x := e.(type) {
		case *plan.Cast:
			e = x.Child
			continue
		case *plan.Literal:
			return x.Value == nil
		}
		return false
	}
}

func fieldFor(name string, v plan.Expr) types.StructField {
	f := types.NewField(name, plan.TypeOf(v), plan.NullableOf(v))
	if al, ok := v.(*plan.Alias); ok && al.Metadata != "" {
		if md, err := types.ParseMetadata(al.Metadata); err == nil {
			f.Metadata = md
		}
	}
	return f
}

// argName is the name Spark gives the field of struct(...) or arrays_zip(...) made from
// an argument: a column's last name part, an alias, a struct field's name; "" otherwise.
func argName(unresolved, resolved plan.Expr) string {
	switch u := unresolved.(type) {
	case *plan.UnresolvedColumn:
		if len(u.Parts) > 0 {
			return u.Parts[len(u.Parts)-1]
		}
	case *plan.UnresolvedExtract:
		if s, ok := literalString(u.Key); ok {
			return s
		}
	case *plan.Alias:
		return u.Name
	case *plan.UnresolvedAlias:
		return argName(u.Child, resolved)
	}
	switch r := resolved.(type) {
	case *plan.AttributeRef:
		return r.Name
	case *plan.Alias:
		return r.Name
	case *plan.Call:
		if r.Form == plan.FormField && r.Fn == "get_struct_field" {
			return r.Display
		}
	}
	return ""
}

// resolveStruct is struct(v1, v2, ...): a named struct whose field names come from the
// arguments (col1, col2, ... when they have none); it prints as struct(v1, v2, ...).
func resolveStruct(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	x := make([]plan.Expr, 0, 2*len(args))
	fields := make([]types.StructField, len(args))
	for i, arg := range args {
		var u plan.Expr
		if f != nil && i < len(f.Args) {
			u = f.Args[i]
		}
		n := argName(u, arg)
		if n == "" {
			n = "col" + itoa(i+1)
		}
		x = append(x, stringLit(n), arg)
		fields[i] = fieldFor(n, arg)
	}
	return &plan.Call{Fn: "named_struct", Args: x, Type: &types.StructType{Fields: fields},
		Form: plan.FormBare, Display: callText(name, args)}, nil
}

// arrayTypeOf is e's type when it is an array.
func arrayTypeOf(e plan.Expr) (types.ArrayType, bool) {
	t, ok := plan.TypeOf(e).(types.ArrayType)
	return t, ok
}

// nullToArray casts a NULL-typed argument to ARRAY<VOID> (the implicit cast of NULL to the
// array class).
func nullToArray(e plan.Expr) plan.Expr {
	if isNullTypeOf(e) {
		return castTo(e, types.NewArray(types.Null, true))
	}
	return e
}

func resolveSize(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	switch plan.TypeOf(args[0]).(type) {
	case types.ArrayType, types.MapType:
	default:
		return nil, unexpectedInputType(callText(name, args), 0, `("ARRAY" or "MAP")`, args[0])
	}
	// spark.sql.legacy.sizeOfNull follows ANSI mode: outside it, size(NULL) is -1.
	legacy := !a.opts.ANSI
	return &plan.Call{Fn: "size", Args: args, Type: types.Integer, Null: !legacy && plan.NullableOf(args[0]),
		Display: name, ANSI: a.opts.ANSI}, nil
}

func resolveArraySize(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyArray}, []string{reqArray})
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: "array_size", Args: x, Type: types.Integer, Null: plan.NullableOf(x[0]), Display: name}, nil
}

// resolveElementAt is element_at(array, index) (1-based; errors under ANSI) or
// element_at(map, key); try_element_at gives NULL instead of errors.
func resolveElementAt(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	call := callText(name, args)
	fn := "element_at"
	if name == "try_element_at" {
		fn = "try_element_at"
	}
	switch t := plan.TypeOf(args[0]).(type) {
	case types.ArrayType:
		idx := args[1]
		switch plan.TypeOf(idx).(type) {
		case types.ByteType, types.ShortType, types.IntegerType:
			idx = castTo(idx, types.Integer)
		default:
			return nil, unexpectedInputType(call, 1, `"INT"`, args[1])
		}
		return &plan.Call{Fn: fn, Args: []plan.Expr{args[0], idx}, Type: t.ElementType, Null: true, Display: name, ANSI: a.opts.ANSI}, nil
	case types.MapType:
		kt, ok := a.legacy().TightestCommonType(t.KeyType, plan.TypeOf(args[1]))
		if !ok {
			return nil, funcDiffTypesMap(call, name, plan.TypeOf(args[0]), plan.TypeOf(args[1]))
		}
		m := castTo(args[0], types.NewMap(kt, t.ValueType, t.ValueContainsNull))
		return &plan.Call{Fn: fn, Args: []plan.Expr{m, castTo(args[1], kt)}, Type: t.ValueType, Null: true, Display: name, ANSI: a.opts.ANSI}, nil
	}
	return nil, unexpectedInputType(call, 0, `("ARRAY" or "MAP")`, args[0])
}

func funcDiffTypesMap(call, name string, left, right types.DataType) error {
	return analysisError("DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES", "42K09",
		"Cannot resolve <sqlExpr> due to data type mismatch: Input to <functionName> should have been <dataType> followed by a value with same key type, but it's [<leftType>, <rightType>].",
		map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(name), "dataType": `"MAP"`,
			"leftType": sqlType(left), "rightType": sqlType(right)})
}

// resolveGet is get(array, index): 0-based, NULL out of range in every mode.
func resolveGet(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	call := callText(name, args)
	t, ok := arrayTypeOf(args[0])
	if !ok {
		return nil, unexpectedInputType(call, 0, reqArray, args[0])
	}
	idx, ok := a.coerce.ImplicitCast(plan.TypeOf(args[1]), coercion.Exact(types.Integer))
	if !ok {
		return nil, unexpectedInputType(call, 1, `"INT"`, args[1])
	}
	return &plan.Call{Fn: "get", Args: []plan.Expr{args[0], castTo(args[1], idx)}, Type: t.ElementType, Null: true, Display: name}, nil
}

// resolveArrayElementSearch types array_contains, array_position and array_remove: the
// array's elements and the value widen to a common type (without string promotion).
func resolveArrayElementSearch(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	call := callText(name, args)
	l, r := args[0], args[1]
	if isNullTypeOf(r) || (name == "array_contains" && isNullTypeOf(l)) {
		return nil, nullTypeError(call, name)
	}
	at, ok := arrayTypeOf(l)
	if !ok {
		if name == "array_contains" {
			return nil, unexpectedInputType(call, 0, reqArray, l)
		}
		return nil, funcDiffTypes("ARRAY_FUNCTION_DIFF_TYPES", call, name, reqArray, plan.TypeOf(l), plan.TypeOf(r))
	}
	w, ok := a.legacy().WiderTypeWithoutStringPromotion(at.ElementType, plan.TypeOf(r))
	if !ok {
		return nil, funcDiffTypes("ARRAY_FUNCTION_DIFF_TYPES", call, name, reqArray, plan.TypeOf(l), plan.TypeOf(r))
	}
	if !coercion.IsOrderable(w) {
		return nil, invalidOrderingType(call, name, w)
	}
	l = castTo(l, types.NewArray(w, at.ContainsNull))
	r = castTo(r, w)
	x := []plan.Expr{l, r}
	switch name {
	case "array_contains":
		return &plan.Call{Fn: name, Args: x, Type: types.Boolean, Null: anyNull(x) || at.ContainsNull, Display: name}, nil
	case "array_position":
		return &plan.Call{Fn: name, Args: x, Type: types.Long, Null: anyNull(x), Display: name}, nil
	}
	return &plan.Call{Fn: name, Args: x, Type: plan.TypeOf(l), Null: anyNull(x), Display: name}, nil
}

func resolveMapContainsKey(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	call := callText(name, args)
	if isNullTypeOf(args[1]) {
		return nil, nullTypeError(call, name)
	}
	mt, ok := plan.TypeOf(args[0]).(types.MapType)
	if !ok {
		return nil, funcDiffTypesMap(call, name, plan.TypeOf(args[0]), plan.TypeOf(args[1]))
	}
	w, ok := a.legacy().WiderTypeWithoutStringPromotion(mt.KeyType, plan.TypeOf(args[1]))
	if !ok {
		return nil, funcDiffTypesMap(call, name, plan.TypeOf(args[0]), plan.TypeOf(args[1]))
	}
	if !coercion.IsOrderable(w) {
		return nil, invalidOrderingType(call, name, w)
	}
	m := castTo(args[0], types.NewMap(w, mt.ValueType, mt.ValueContainsNull))
	x := []plan.Expr{m, castTo(args[1], w)}
	return &plan.Call{Fn: "map_contains_key", Args: x, Type: types.Boolean, Null: anyNull(x), Display: name}, nil
}

// pendTypes coerces (array, element) as ArrayPendBase and ArrayInsert do: the tightest
// common type of the element type and the value.
func (a *analyzer) pendTypes(call, name string, arr, v plan.Expr, notArray func() error) (plan.Expr, plan.Expr, types.ArrayType, error) {
	at, ok := arrayTypeOf(arr)
	if !ok {
		return nil, nil, types.ArrayType{}, notArray()
	}
	w, ok := a.legacy().TightestCommonType(at.ElementType, plan.TypeOf(v))
	if !ok {
		return nil, nil, types.ArrayType{}, funcDiffTypes("ARRAY_FUNCTION_DIFF_TYPES", call, name, reqArray, plan.TypeOf(arr), plan.TypeOf(v))
	}
	arr = castTo(arr, types.NewArray(w, at.ContainsNull))
	return arr, castTo(v, w), types.NewArray(w, true), nil
}

func resolveArrayPend(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	call := callText(name, args)
	arr, v, t, err := a.pendTypes(call, name, args[0], args[1], func() error {
		return unexpectedInputType(call, 0, reqArray, args[0])
	})
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: name, Args: []plan.Expr{arr, v}, Type: t, Null: plan.NullableOf(arr), Display: name}, nil
}

func resolveArrayInsert(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 3); err != nil {
		return nil, err
	}
	call := callText(name, args)
	diff := func() error {
		return funcDiffTypes("ARRAY_FUNCTION_DIFF_TYPES", call, name, reqArray, plan.TypeOf(args[0]), plan.TypeOf(args[2]))
	}
	pos := args[1]
	if _, isArr := arrayTypeOf(args[0]); isArr {
		switch plan.TypeOf(pos).(type) {
		case types.ByteType, types.ShortType, types.IntegerType:
			pos = castTo(pos, types.Integer)
		default:
			return nil, unexpectedInputType(call, 1, `"INT"`, args[1])
		}
	}
	arr, v, t, err := a.pendTypes(call, name, args[0], args[2], diff)
	if err != nil {
		return nil, err
	}
	x := []plan.Expr{arr, pos, v}
	fn := "array_insert"
	if a.flag(confLegacyNegativeArrayIndex, false) {
		fn = "array_insert_legacy_negative_index"
	}
	return &plan.Call{Fn: fn, Args: x, Type: t, Null: plan.NullableOf(arr) || plan.NullableOf(pos), Display: name, ANSI: a.opts.ANSI}, nil
}

// resolveArrayUnary types the functions of one array argument.
func resolveArrayUnary(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if name == "shuffle" {
		if err := arity(name, args, 1, 2); err != nil {
			return nil, err
		}
	} else if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	call := callText(name, args)
	arr := args[0]
	if name == "array_compact" || name == "array_distinct" || name == "array_max" || name == "array_min" {
		arr = nullToArray(arr)
	}
	at, ok := arrayTypeOf(arr)
	if !ok {
		return nil, unexpectedInputType(call, 0, reqArray, args[0])
	}
	x := append([]plan.Expr{arr}, args[1:]...)
	switch name {
	case "array_compact":
		return &plan.Call{Fn: name, Args: x, Type: types.NewArray(at.ElementType, false), Null: plan.NullableOf(arr), Display: name}, nil
	case "array_max", "array_min":
		if !coercion.IsOrderable(at.ElementType) {
			return nil, invalidOrderingType(call, name, at.ElementType)
		}
		return &plan.Call{Fn: name, Args: x, Type: at.ElementType, Null: true, Display: name}, nil
	case "array_distinct":
		return &plan.Call{Fn: name, Args: x, Type: at, Null: plan.NullableOf(arr), Display: name}, nil
	}
	// shuffle(array[, seed]): the seed shows in Spark's column name only when given.
	return &plan.Call{Fn: name, Args: x, Type: at, Null: plan.NullableOf(arr), Display: name}, nil
}

func resolveArraysZip(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	call := callText(name, args)
	x := make([]plan.Expr, len(args))
	fields := make([]types.StructField, len(args))
	for i, arg := range args {
		arg = nullToArray(arg)
		at, ok := arrayTypeOf(arg)
		if !ok {
			return nil, unexpectedInputType(call, i, reqArray, args[i])
		}
		var u plan.Expr
		if f != nil && i < len(f.Args) {
			u = f.Args[i]
		}
		n := argName(u, args[i])
		if n == "" {
			n = itoa(i)
		}
		x[i] = arg
		fields[i] = types.NewField(n, at.ElementType, true)
	}
	return &plan.Call{Fn: name, Args: x, Type: types.NewArray(&types.StructType{Fields: fields}, false), Null: anyNull(x), Display: name}, nil
}

// resolveSortArray is sort_array(array[, ascending]); the default order shows in the
// column name: sort_array(a, true).
func resolveSortArray(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2); err != nil {
		return nil, err
	}
	x := append([]plan.Expr(nil), args...)
	if len(x) == 1 {
		x = append(x, &plan.Literal{Type: types.Boolean, Value: true, Text: "true"})
	}
	call := callText(name, x)
	at, ok := arrayTypeOf(x[0])
	if !ok {
		return nil, unexpectedInputType(call, 0, reqArray, x[0])
	}
	if !coercion.IsOrderable(at.ElementType) {
		return nil, invalidOrderingType(call, name, plan.TypeOf(x[0]))
	}
	if !isFoldable(x[1]) {
		return nil, analysisError("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: the input <inputName> should be a foldable <inputType> expression; however, got <inputExpr>.",
			map[string]string{"sqlExpr": `"` + call + `"`, "inputName": quoteID("ascendingOrder"), "inputType": sqlType(plan.TypeOf(x[1])), "inputExpr": sqlExpr(x[1])})
	}
	if _, isBool := plan.TypeOf(x[1]).(types.BooleanType); !isBool {
		return nil, unexpectedInputType(call, 1, `"BOOLEAN"`, x[1])
	}
	return &plan.Call{Fn: name, Args: x, Type: at, Null: anyNull(x), Display: name}, nil
}

// resolveBinaryArray types the set functions of two arrays (BinaryArrayExpressionWithImplicitCast):
// the element types meet at their tightest common type.
func resolveBinaryArray(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	call := callText(name, args)
	l, r := args[0], args[1]
	lt, lok := arrayTypeOf(l)
	rt, rok := arrayTypeOf(r)
	var w types.DataType
	ok := lok && rok
	if ok {
		w, ok = a.legacy().TightestCommonType(lt.ElementType, rt.ElementType)
	}
	if !ok {
		return nil, analysisError("DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Input to function <functionName> should have been two <arrayType> with same element type, but it's [<leftType>, <rightType>].",
			map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(name), "arrayType": reqArray,
				"leftType": sqlType(plan.TypeOf(l)), "rightType": sqlType(plan.TypeOf(r))})
	}
	if !coercion.IsOrderable(w) && name != "array_union" {
		return nil, invalidOrderingType(call, name, w)
	}
	l = castTo(l, types.NewArray(w, lt.ContainsNull))
	r = castTo(r, types.NewArray(w, rt.ContainsNull))
	x := []plan.Expr{l, r}
	var t types.DataType
	switch name {
	case "array_union":
		t = types.NewArray(w, lt.ContainsNull || rt.ContainsNull)
	case "array_intersect":
		t = types.NewArray(w, lt.ContainsNull && rt.ContainsNull)
	case "array_except":
		t = types.NewArray(w, lt.ContainsNull)
	default:
		return &plan.Call{Fn: name, Args: x, Type: types.Boolean, Null: true, Display: name}, nil
	}
	return &plan.Call{Fn: name, Args: x, Type: t, Null: anyNull(x), Display: name}, nil
}

func resolveMapUnary(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	mt, ok := plan.TypeOf(args[0]).(types.MapType)
	if !ok {
		return nil, unexpectedInputType(callText(name, args), 0, `"MAP"`, args[0])
	}
	var t types.DataType
	switch name {
	case "map_keys":
		t = types.NewArray(mt.KeyType, false)
	case "map_values":
		t = types.NewArray(mt.ValueType, mt.ValueContainsNull)
	default:
		t = types.NewArray(&types.StructType{Fields: []types.StructField{
			types.NewField("key", mt.KeyType, false), types.NewField("value", mt.ValueType, mt.ValueContainsNull)}}, false)
	}
	return &plan.Call{Fn: name, Args: args, Type: t, Null: plan.NullableOf(args[0]), Display: name}, nil
}

func resolveMapFromArrays(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyArray}, []string{reqArray})
	if err != nil {
		return nil, err
	}
	kt := plan.TypeOf(x[0]).(types.ArrayType)
	vt := plan.TypeOf(x[1]).(types.ArrayType)
	if err := checkMapKeyType(callText(name, args), kt.ElementType); err != nil {
		return nil, err
	}
	return &plan.Call{Fn: name, Args: x, Type: types.NewMap(kt.ElementType, vt.ElementType, vt.ContainsNull), Null: anyNull(x), Display: name}, nil
}

func resolveMapFromEntries(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	call := callText(name, args)
	at, ok := arrayTypeOf(args[0])
	var st *types.StructType
	if ok {
		st, ok = at.ElementType.(*types.StructType)
		ok = ok && len(st.Fields) == 2
	}
	if !ok {
		return nil, unexpectedInputType(call, 0, `"ARRAY" of pair "STRUCT"`, args[0])
	}
	if err := checkMapKeyType(call, st.Fields[0].DataType); err != nil {
		return nil, err
	}
	t := types.NewMap(st.Fields[0].DataType, st.Fields[1].DataType, st.Fields[1].Nullable)
	return &plan.Call{Fn: name, Args: args, Type: t, Null: plan.NullableOf(args[0]) || at.ContainsNull, Display: name}, nil
}

func resolveMapConcat(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	call := callText(name, args)
	if len(args) == 0 {
		return &plan.Call{Fn: name, Type: types.NewMap(types.Null, types.Null, false), Display: name}, nil
	}
	for i, arg := range args {
		if _, ok := plan.TypeOf(arg).(types.MapType); !ok && !isNullTypeOf(arg) {
			return nil, analysisError("DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES", "42K09",
				"Cannot resolve <sqlExpr> due to data type mismatch: The <functionName> should all be of type map, but it's <dataType>.",
				map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(name), "dataType": "[" + strings.Join(quotedTypes(args), ", ") + "]"})
		}
		_ = i
	}
	x, t, ok := a.commonElements(args)
	if !ok {
		return nil, dataDiffTypes(call, name, typesOf(args))
	}
	mt, isMap := t.(types.MapType)
	if !isMap {
		mt = types.NewMap(types.Null, types.Null, false)
		t = mt
	}
	for i := range x {
		x[i] = castTo(x[i], t)
	}
	return &plan.Call{Fn: name, Args: x, Type: mt, Null: anyNull(x), Display: name}, nil
}

func quotedTypes(args []plan.Expr) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = sqlType(plan.TypeOf(a))
	}
	return out
}

func resolveFlatten(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	at, ok := arrayTypeOf(args[0])
	var inner types.ArrayType
	if ok {
		inner, ok = at.ElementType.(types.ArrayType)
	}
	if !ok {
		return nil, unexpectedInputType(callText(name, args), 0, `"ARRAY" of "ARRAY"`, args[0])
	}
	return &plan.Call{Fn: name, Args: args, Type: types.NewArray(inner.ElementType, inner.ContainsNull), Null: plan.NullableOf(args[0]) || at.ContainsNull, Display: name}, nil
}

func resolveSlice(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 3); err != nil {
		return nil, err
	}
	integer := coercion.Exact(types.Integer)
	x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyArray, integer, integer}, []string{reqArray, reqInt, reqInt})
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: name, Args: x, Type: plan.TypeOf(x[0]), Null: anyNull(x), Display: name}, nil
}

func resolveArrayRepeat(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2); err != nil {
		return nil, err
	}
	c, ok := a.coerce.ImplicitCast(plan.TypeOf(args[1]), coercion.Exact(types.Integer))
	if !ok {
		return nil, unexpectedInputType(callText(name, args), 1, reqInt, args[1])
	}
	x := []plan.Expr{args[0], castTo(args[1], c)}
	return &plan.Call{Fn: name, Args: x, Type: types.NewArray(plan.TypeOf(args[0]), plan.NullableOf(args[0])), Null: plan.NullableOf(x[1]), Display: name}, nil
}

func resolveArrayJoin(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	str := coercion.AnyString
	x, err := a.implicit(name, args, []coercion.Expected{coercion.ArrayOf(str), str, str}, []string{`"ARRAY<STRING>"`, reqString, reqString})
	if err != nil {
		return nil, err
	}
	return &plan.Call{Fn: name, Args: x, Type: types.String, Null: anyNull(x), Display: name}, nil
}

// resolveSequence is sequence(start, stop[, step]) over integral numbers, or dates and
// timestamps with an interval step.
func resolveSequence(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 2, 3); err != nil {
		return nil, err
	}
	call := callText(name, args)
	st, et := plan.TypeOf(args[0]), plan.TypeOf(args[1])
	w, ok := a.coerce.WiderType(st, et)
	if !ok {
		return nil, analysisError("DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: <functionName> uses the wrong parameter type. The parameter type must conform to:\n1. The start and stop expressions must resolve to the same type.\n2. If start and stop expressions resolve to the <startType> type, then the step expression must resolve to the <stepType> type.\n3. Otherwise, if start and stop expressions resolve to the <otherStartType> type, then the step expression must resolve to the same type.",
			map[string]string{"sqlExpr": `"` + call + `"`, "functionName": quoteID(name), "startType": `("DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ")`,
				"stepType": `("INTERVAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`, "otherStartType": `"INTEGRAL"`})
	}
	x := []plan.Expr{castTo(args[0], w), castTo(args[1], w)}
	switch w.(type) {
	case types.ByteType, types.ShortType, types.IntegerType, types.LongType:
		if len(args) == 3 {
			x = append(x, castTo(args[2], w))
		}
	case types.DateType, types.TimestampType, types.TimestampNTZType:
		if len(args) == 3 {
			switch plan.TypeOf(args[2]).(type) {
			case types.YearMonthIntervalType, types.DayTimeIntervalType, types.CalendarIntervalType:
				x = append(x, args[2])
			default:
				return nil, unexpectedInputType(call, 2, `("INTERVAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")`, args[2])
			}
		}
	default:
		return nil, unexpectedInputType(call, 0, `("INTEGRAL" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ")`, args[0])
	}
	return &plan.Call{Fn: name, Args: x, Type: types.NewArray(w, false), Null: anyNull(x), Display: name, ANSI: a.opts.ANSI}, nil
}

func resolveStrToMap(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1, 2, 3); err != nil {
		return nil, err
	}
	x := append([]plan.Expr(nil), args...)
	if len(x) < 2 {
		x = append(x, stringLit(","))
	}
	if len(x) < 3 {
		x = append(x, stringLit(":"))
	}
	str := coercion.AnyString
	x, err := a.implicit(name, x, []coercion.Expected{str}, []string{reqString})
	if err != nil {
		return nil, err
	}
	t := plan.TypeOf(x[0])
	return &plan.Call{Fn: name, Args: x, Type: types.NewMap(t, t, true), Null: anyNull(x), Display: name}, nil
}

// resolveArrayConcat is concat(array, ...) (and ||): the arrays widen to a common type.
func resolveArrayConcat(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	call := callText("concat", args)
	for i, arg := range args {
		switch plan.TypeOf(arg).(type) {
		case types.ArrayType, types.NullType:
		default:
			if _, ok := a.coerce.WiderCommonType(typesOf(args)); !ok {
				return nil, dataDiffTypes(call, "concat", typesOf(args))
			}
			return nil, unexpectedInputType(call, i, `("STRING" or "BINARY" or "ARRAY")`, arg)
		}
	}
	x, t, ok := a.commonElements(args)
	if !ok {
		return nil, dataDiffTypes(call, "concat", typesOf(args))
	}
	for i := range x {
		x[i] = castTo(x[i], t)
	}
	return &plan.Call{Fn: "array_concat", Args: x, Type: t, Null: anyNull(x), Display: "concat"}, nil
}

func resolveArrayReverse(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
	if err := arity(name, args, 1); err != nil {
		return nil, err
	}
	if _, ok := arrayTypeOf(args[0]); !ok {
		// reverse(string): the string's characters in reverse order.
		x, err := a.implicit(name, args, []coercion.Expected{coercion.AnyString}, []string{`("STRING" or "ARRAY")`})
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: "reverse", Args: x, Type: plan.TypeOf(x[0]), Null: plan.NullableOf(x[0]), Display: name}, nil
	}
	return &plan.Call{Fn: "array_reverse", Args: args, Type: plan.TypeOf(args[0]), Null: plan.NullableOf(args[0]), Display: name}, nil
}

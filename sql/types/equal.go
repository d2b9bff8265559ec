package types

import "strings"

// Equal reports whether two types are the same, as Spark's == on DataType: field names,
// nullability flags and field metadata included. CHAR(n) and VARCHAR(n) differ from STRING
// and strings with different collations differ. Scala UDTs are equal when their classes
// are, Python UDTs when their Python classes are.
func Equal(a, b DataType) bool {
	switch x := a.(type) {
	case ArrayType:
		y, ok := b.(ArrayType)
		return ok && x.ContainsNull == y.ContainsNull && Equal(x.ElementType, y.ElementType)
	case MapType:
		y, ok := b.(MapType)
		return ok && x.ValueContainsNull == y.ValueContainsNull && Equal(x.KeyType, y.KeyType) &&
			Equal(x.ValueType, y.ValueType)
	case *StructType:
		y, ok := b.(*StructType)
		if !ok || len(x.Fields) != len(y.Fields) {
			return false
		}
		for i, f := range x.Fields {
			g := y.Fields[i]
			if f.Name != g.Name || f.Nullable != g.Nullable || !Equal(f.DataType, g.DataType) ||
				!f.Metadata.Equal(g.Metadata) {
				return false
			}
		}
		return true
	}
	return equalLeaf(a, b)
}

// equalLeaf compares types without nested types.
func equalLeaf(a, b DataType) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case StringType:
		y, ok := b.(StringType)
		return ok && x.collationName() == y.collationName()
	case UserDefinedType:
		y, ok := b.(UserDefinedType)
		if !ok || x.IsPython() != y.IsPython() {
			return false
		}
		if x.IsPython() {
			return x.PyClass == y.PyClass
		}
		return x.Class == y.Class
	case ArrayType, MapType, *StructType:
		return false
	}
	return a == b
}

// EqualIgnoreNullability is DataType.equalsIgnoreNullability: like Equal, but nullability
// flags and field metadata are ignored. Field names must match exactly.
func EqualIgnoreNullability(a, b DataType) bool {
	return equalIgnoring(a, b, func(x, y string) bool { return x == y })
}

// EqualIgnoreCaseAndNullability is DataType.equalsIgnoreCaseAndNullability: as
// EqualIgnoreNullability, with field names compared case-insensitively.
func EqualIgnoreCaseAndNullability(a, b DataType) bool {
	return equalIgnoring(a, b, strings.EqualFold)
}

func equalIgnoring(a, b DataType, sameName func(string, string) bool) bool {
	switch x := a.(type) {
	case ArrayType:
		y, ok := b.(ArrayType)
		return ok && equalIgnoring(x.ElementType, y.ElementType, sameName)
	case MapType:
		y, ok := b.(MapType)
		return ok && equalIgnoring(x.KeyType, y.KeyType, sameName) && equalIgnoring(x.ValueType, y.ValueType, sameName)
	case *StructType:
		y, ok := b.(*StructType)
		if !ok || len(x.Fields) != len(y.Fields) {
			return false
		}
		for i, f := range x.Fields {
			if !sameName(f.Name, y.Fields[i].Name) || !equalIgnoring(f.DataType, y.Fields[i].DataType, sameName) {
				return false
			}
		}
		return true
	}
	return equalLeaf(a, b)
}

// EqualIgnoreCompatibleNullability is DataType.equalsIgnoreCompatibleNullability: the
// types are equal except that `to` may allow nulls where `from` does not. Metadata is
// ignored.
func EqualIgnoreCompatibleNullability(from, to DataType) bool {
	switch x := from.(type) {
	case ArrayType:
		y, ok := to.(ArrayType)
		return ok && (y.ContainsNull || !x.ContainsNull) && EqualIgnoreCompatibleNullability(x.ElementType, y.ElementType)
	case MapType:
		y, ok := to.(MapType)
		return ok && (y.ValueContainsNull || !x.ValueContainsNull) &&
			EqualIgnoreCompatibleNullability(x.KeyType, y.KeyType) &&
			EqualIgnoreCompatibleNullability(x.ValueType, y.ValueType)
	case *StructType:
		y, ok := to.(*StructType)
		if !ok || len(x.Fields) != len(y.Fields) {
			return false
		}
		for i, f := range x.Fields {
			g := y.Fields[i]
			if f.Name != g.Name || (!g.Nullable && f.Nullable) || !EqualIgnoreCompatibleNullability(f.DataType, g.DataType) {
				return false
			}
		}
		return true
	}
	return Equal(from, to)
}

// EqualStructurally is DataType.equalsStructurally: the same shape, field names ignored;
// nullability flags are compared unless ignoreNullability is set.
func EqualStructurally(a, b DataType, ignoreNullability bool) bool {
	switch x := a.(type) {
	case ArrayType:
		y, ok := b.(ArrayType)
		return ok && EqualStructurally(x.ElementType, y.ElementType, ignoreNullability) &&
			(ignoreNullability || x.ContainsNull == y.ContainsNull)
	case MapType:
		y, ok := b.(MapType)
		return ok && EqualStructurally(x.KeyType, y.KeyType, ignoreNullability) &&
			EqualStructurally(x.ValueType, y.ValueType, ignoreNullability) &&
			(ignoreNullability || x.ValueContainsNull == y.ValueContainsNull)
	case *StructType:
		y, ok := b.(*StructType)
		if !ok || len(x.Fields) != len(y.Fields) {
			return false
		}
		for i, f := range x.Fields {
			g := y.Fields[i]
			if !EqualStructurally(f.DataType, g.DataType, ignoreNullability) || (!ignoreNullability && f.Nullable != g.Nullable) {
				return false
			}
		}
		return true
	}
	return Equal(a, b)
}

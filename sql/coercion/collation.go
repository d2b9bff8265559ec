package coercion

import (
	"strings"

	"github.com/sailgo/sail/sql/types"
)

// Collation coercion (Spark's CollationTypeCoercion): when strings of different
// collations meet in one expression, the collation of the strongest one wins. Every
// string in a type carries a strength: COLLATE makes it explicit, a column (or a cast of
// a string, a subquery, a variable) implicit, a literal (or a function computing a
// string from non-strings) default. Two different explicit collations are an error
// (COLLATION_MISMATCH.EXPLICIT); two different implicit ones give the indeterminate
// collation, which most expressions then reject (INDETERMINATE_COLLATION_IN_EXPRESSION).

// Strength is how strongly a string's collation holds; lower wins.
type Strength uint8

const (
	Explicit Strength = iota
	Indeterminate
	Implicit
	Default
	// noStrength marks a string type without collation context (the type an expression
	// computes, before its children's contexts are merged in).
	noStrength
)

// Context is a data type whose strings carry a collation strength (Spark's data type with
// StringTypeWithContext leaves). Arrays, maps and structs mirror the type's structure;
// other types are leaves without context.
type Context struct {
	t        types.DataType // the type this node stands for (its string type for strings)
	strength Strength       // strings only
	elem     *Context       // arrays
	key, val *Context       // maps
	fields   []*Context     // structs
}

// ContextOf annotates every string in t with strength s.
func ContextOf(t types.DataType, s Strength) *Context {
	switch x := t.(type) {
	case types.StringType:
		return &Context{t: x, strength: s}
	case types.CharType, types.VarcharType:
		return &Context{t: types.String, strength: s}
	case types.ArrayType:
		return &Context{t: x, elem: ContextOf(x.ElementType, s)}
	case types.MapType:
		return &Context{t: x, key: ContextOf(x.KeyType, s), val: ContextOf(x.ValueType, s)}
	case *types.StructType:
		c := &Context{t: x, fields: make([]*Context, len(x.Fields))}
		for i, f := range x.Fields {
			c.fields[i] = ContextOf(f.DataType, s)
		}
		return c
	}
	return &Context{t: t}
}

// PlainContext is t without collation context.
func PlainContext(t types.DataType) *Context { return ContextOf(t, noStrength) }

func (c *Context) isString() bool { _, ok := c.t.(types.StringType); return ok }

// Type is the data type with each string of its context's collation.
func (c *Context) Type() types.DataType {
	switch x := c.t.(type) {
	case types.ArrayType:
		return types.ArrayType{ElementType: c.elem.Type(), ContainsNull: x.ContainsNull}
	case types.MapType:
		return types.MapType{KeyType: c.key.Type(), ValueType: c.val.Type(), ValueContainsNull: x.ValueContainsNull}
	case *types.StructType:
		fs := make([]types.StructField, len(x.Fields))
		for i, f := range x.Fields {
			f.DataType = c.fields[i].Type()
			fs[i] = f
		}
		return &types.StructType{Fields: fs}
	}
	return c.t
}

// Strength is the strength of the context's first string (in type order), ok false when
// it has none.
func (c *Context) Strength() (Strength, bool) {
	if c == nil {
		return 0, false
	}
	if c.isString() {
		return c.strength, c.strength != noStrength
	}
	for _, sub := range append([]*Context{c.elem, c.key, c.val}, c.fields...) {
		if s, ok := sub.Strength(); ok {
			return s, true
		}
	}
	return 0, false
}

// HasIndeterminate reports whether some string of the context has indeterminate
// collation.
func (c *Context) HasIndeterminate() bool {
	if c == nil {
		return false
	}
	if c.isString() {
		return c.strength == Indeterminate || c.t.(types.StringType).IsIndeterminate()
	}
	if c.elem != nil && c.elem.HasIndeterminate() {
		return true
	}
	if c.key != nil && (c.key.HasIndeterminate() || c.val.HasIndeterminate()) {
		return true
	}
	for _, f := range c.fields {
		if f.HasIndeterminate() {
			return true
		}
	}
	return false
}

func sameContext(a, b *Context) bool {
	if a.isString() || b.isString() {
		return a.isString() && b.isString() && a.strength == b.strength && types.Equal(a.t, b.t)
	}
	switch {
	case a.elem != nil || b.elem != nil:
		return a.elem != nil && b.elem != nil && sameContext(a.elem, b.elem)
	case a.key != nil || b.key != nil:
		return a.key != nil && b.key != nil && sameContext(a.key, b.key) && sameContext(a.val, b.val)
	case a.fields != nil || b.fields != nil:
		if len(a.fields) != len(b.fields) {
			return false
		}
		if _, ok := a.t.(*types.StructType); !ok {
			return false
		}
		if _, ok := b.t.(*types.StructType); !ok {
			return false
		}
		for i := range a.fields {
			if !sameContext(a.fields[i], b.fields[i]) {
				return false
			}
		}
		return true
	}
	return types.Equal(a.t, b.t)
}

// mergeStructurally combines two contexts of the same shape, applying base to pairs of
// strings; an array meets its element type as that element. ok is false when the shapes
// do not match.
func mergeStructurally(l, r *Context, base func(l, r *Context) (*Context, error)) (*Context, bool, error) {
	if l.isString() && r.isString() {
		c, err := base(l, r)
		return c, c != nil, err
	}
	if sameContext(l, r) {
		return l, true, nil
	}
	switch {
	case l.elem != nil && r.elem != nil:
		e, ok, err := mergeStructurally(l.elem, r.elem, base)
		if !ok || err != nil {
			return nil, false, err
		}
		return &Context{t: l.t, elem: e}, true, nil
	case l.key != nil && r.key != nil:
		k, ok, err := mergeStructurally(l.key, r.key, base)
		if !ok || err != nil {
			return nil, false, err
		}
		v, ok, err := mergeStructurally(l.val, r.val, base)
		if !ok || err != nil {
			return nil, false, err
		}
		return &Context{t: l.t, key: k, val: v}, true, nil
	case l.elem != nil:
		e, ok, err := mergeStructurally(l.elem, r, base)
		if !ok || err != nil {
			return nil, false, err
		}
		return &Context{t: l.t, elem: e}, true, nil
	case r.elem != nil:
		return mergeStructurally(l, r.elem, base)
	}
	ls, lok := l.t.(*types.StructType)
	rs, rok := r.t.(*types.StructType)
	if lok && rok {
		if len(ls.Fields) != len(rs.Fields) {
			return nil, false, nil
		}
		fs := make([]*Context, len(l.fields))
		for i := range l.fields {
			f, ok, err := mergeStructurally(l.fields[i], r.fields[i], base)
			if !ok || err != nil {
				return nil, false, err
			}
			fs[i] = f
		}
		return &Context{t: l.t, fields: fs}, true, nil
	}
	return nil, false, nil
}

// ExplicitCollationMismatch is COLLATION_MISMATCH.EXPLICIT: two different explicit
// collations meet.
type ExplicitCollationMismatch struct{ Types []types.DataType }

func (e *ExplicitCollationMismatch) Error() string {
	parts := make([]string, len(e.Types))
	for i, t := range e.Types {
		parts[i] = `"` + t.SQL() + `"`
	}
	return "collation mismatch between explicit collations: " + strings.Join(parts, ", ")
}

// winner is the string of the stronger collation; equal strengths must agree on the
// collation, or become indeterminate (an error for explicit ones).
func winner(l, r *Context) (*Context, error) {
	if l.strength == noStrength {
		return r, nil
	}
	if r.strength == noStrength {
		return l, nil
	}
	if l.strength == r.strength {
		if types.Equal(l.t, r.t) {
			return l, nil
		}
		if l.strength == Explicit {
			return nil, &ExplicitCollationMismatch{Types: []types.DataType{l.t, r.t}}
		}
		return &Context{t: types.IndeterminateString, strength: Indeterminate}, nil
	}
	if l.strength < r.strength {
		return l, nil
	}
	return r, nil
}

// MergeContext is Spark's mergeWinner: the contexts combined string by string, the
// stronger collation winning. ok is false when their shapes differ.
func MergeContext(l, r *Context) (*Context, bool, error) {
	return mergeStructurally(l, r, winner)
}

// MergeContexts folds MergeContext over rest, starting from start.
func MergeContexts(start *Context, rest []*Context) (*Context, bool, error) {
	acc := start
	for _, c := range rest {
		m, ok, err := MergeContext(acc, c)
		if !ok || err != nil {
			return nil, false, err
		}
		acc = m
	}
	return acc, true, nil
}

// ApplyCollation is the type in takes in the common context lct: each of its strings
// gets the collation lct has at that position. ok is false when the shapes differ.
func ApplyCollation(in types.DataType, lct *Context) (types.DataType, bool) {
	c, ok, _ := mergeStructurally(PlainContext(in), lct, func(_, r *Context) (*Context, error) {
		return &Context{t: r.t, strength: Default}, nil
	})
	if !ok {
		return nil, false
	}
	return c.Type(), true
}

// HasString reports whether t contains a string type.
func HasString(t types.DataType) bool {
	found := false
	walkType(t, func(x types.DataType) {
		switch x.(type) {
		case types.StringType, types.CharType, types.VarcharType:
			found = true
		}
	})
	return found
}

// HasCollatedString reports whether t contains a string of a non-default collation
// (SchemaUtils.hasNonUTF8BinaryCollation).
func HasCollatedString(t types.DataType) bool {
	found := false
	walkType(t, func(x types.DataType) {
		if s, ok := x.(types.StringType); ok && !s.IsDefaultCollation() {
			found = true
		}
	})
	return found
}

// HasIndeterminateCollation reports whether t contains a string of indeterminate
// collation.
func HasIndeterminateCollation(t types.DataType) bool {
	found := false
	walkType(t, func(x types.DataType) {
		if s, ok := x.(types.StringType); ok && s.IsIndeterminate() {
			found = true
		}
	})
	return found
}

func walkType(t types.DataType, f func(types.DataType)) {
	f(t)
	switch x := t.(type) {
	case types.ArrayType:
		walkType(x.ElementType, f)
	case types.MapType:
		walkType(x.KeyType, f)
		walkType(x.ValueType, f)
	case *types.StructType:
		for _, fd := range x.Fields {
			walkType(fd.DataType, f)
		}
	}
}

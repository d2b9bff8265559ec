package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// scope is what names resolve against: the input columns of the operator being resolved,
// and, for subqueries, the scopes of the enclosing queries.
type scope struct {
	attrs []*plan.AttributeRef
	outer *scope
	// fallback, when set, is tried after attrs: ORDER BY and HAVING resolve first against
	// the select list, then against the input below it.
	fallback []*plan.AttributeRef
	// lambda variables in scope, innermost last.
	lambdas []*plan.LambdaVar
	// hidden are the columns USING and NATURAL joins below dropped, which only qualified
	// names reach (see hidden.go).
	hidden []*plan.AttributeRef
	// lateral are the aliases of the earlier items of the select list being resolved, which
	// names reach when no column matches (see lateral.go); lateralUsed collects those used.
	lateral     []*plan.AttributeRef
	lateralUsed map[plan.ExprID]bool
}

func (a *analyzer) equalNames(x, y string) bool {
	if a.opts.CaseSensitive {
		return x == y
	}
	return strings.EqualFold(x, y)
}

// matchQualifier reports whether the name parts q equal the last len(q) parts of the
// attribute's qualifier.
func (a *analyzer) matchQualifier(attr *plan.AttributeRef, q []string) bool {
	if len(q) > len(attr.Qualifier) {
		return false
	}
	off := len(attr.Qualifier) - len(q)
	for i, p := range q {
		if !a.equalNames(attr.Qualifier[off+i], p) {
			return false
		}
	}
	return true
}

// resolveIn finds the attribute a multi-part name refers to among attrs, as Spark's
// AttributeSeq.resolve: the longest qualifier that matches wins, then the plain column
// name; the remaining parts are struct fields. hits has more than one element when the
// name is ambiguous.
func (a *analyzer) resolveIn(attrs []*plan.AttributeRef, parts []string) (hits []*plan.AttributeRef, rest []string) {
	for q := min(len(parts)-1, 3); q >= 0; q-- {
		name := parts[q]
		hits = hits[:0]
		for _, attr := range attrs {
			if a.equalNames(attr.Name, name) && (q == 0 || a.matchQualifier(attr, parts[:q])) {
				hits = append(hits, attr)
			}
		}
		if len(hits) > 0 {
			return dedupAttrs(hits), parts[q+1:]
		}
	}
	return nil, nil
}

// dedupAttrs drops repeated references to the same column (e.g. USING join outputs).
func dedupAttrs(hits []*plan.AttributeRef) []*plan.AttributeRef {
	if len(hits) < 2 {
		return hits
	}
	out := hits[:1]
	for _, h := range hits[1:] {
		dup := false
		for _, o := range out {
			if o.ID == h.ID {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, h)
		}
	}
	return out
}

// resolveColumn resolves a column name in the scope chain. It returns the expression
// (an attribute, an outer reference, or struct field accesses on one of them).
func (a *analyzer) resolveColumn(sc *scope, parts []string) (plan.Expr, bool, error) {
	// Lambda variables shadow columns.
	if sc != nil {
		for i := len(sc.lambdas) - 1; i >= 0; i-- {
			v := sc.lambdas[i]
			if a.equalNames(v.Name, parts[0]) {
				e, err := a.extractFields(v, parts[1:])
				return e, true, err
			}
		}
	}
	for s, depth := sc, 0; s != nil && depth <= 1; s, depth = s.outer, depth+1 { // Spark resolves one outer level only
		for k, attrs := range [][]*plan.AttributeRef{s.attrs, s.fallback, s.hidden} {
			if k == 2 && len(parts) < 2 {
				break // hidden columns need a qualifier
			}
			hits, rest := a.resolveIn(attrs, parts)
			if k == 2 && len(rest) == len(parts)-1 {
				continue // matched by a bare name, not through the qualifier
			}
			if len(hits) > 1 {
				if depth > 0 {
					return nil, false, nil // Spark leaves an ambiguous outer name unresolved
				}
				return nil, true, ambiguousReference(parts[:len(parts)-len(rest)], hits)
			}
			if len(hits) == 1 {
				hit := writtenName(hits[0], parts[len(parts)-len(rest)-1])
				var e plan.Expr = hit
				if depth > 0 {
					e = &plan.OuterRef{Attr: hit}
				}
				e, err := a.extractFields(e, rest)
				return e, true, err
			}
		}
		if depth == 0 && len(s.lateral) > 0 {
			if e, ok, err := a.resolveLateral(s, parts); ok {
				return e, true, err
			}
		}
		if depth == 0 {
			// Names Spark reads as functions when no column has them come before outer
			// references.
			if e, ok := a.literalFunctionColumn(parts); ok {
				return e, true, nil
			}
		}
	}
	return nil, false, nil
}

// extractFields applies struct field accesses by name.
func (a *analyzer) extractFields(e plan.Expr, fields []string) (plan.Expr, error) {
	for _, f := range fields {
		var err error
		e, err = a.extractField(e, f)
		if err != nil {
			return nil, err
		}
	}
	return e, nil
}

func (a *analyzer) extractField(e plan.Expr, field string) (plan.Expr, error) {
	switch t := plan.TypeOf(e).(type) {
	case *types.StructType:
		idx := -1
		for i, f := range t.Fields {
			if a.equalNames(f.Name, field) {
				if idx >= 0 {
					return nil, analysisError("AMBIGUOUS_REFERENCE_TO_FIELDS", "42000",
						"Ambiguous reference to the field <field>. It appears <count> times in the schema.",
						map[string]string{"field": quoteID(field), "count": "2"})
				}
				idx = i
			}
		}
		if idx < 0 {
			names := make([]string, len(t.Fields))
			for i, f := range t.Fields {
				names[i] = quoteID(f.Name)
			}
			return nil, analysisError("FIELD_NOT_FOUND", "42704",
				"No such struct field <fieldName> in <fields>.",
				map[string]string{"fieldName": quoteID(field), "fields": strings.Join(names, ", ")})
		}
		f := t.Fields[idx]
		return &plan.Call{Fn: "get_struct_field", Args: []plan.Expr{e, intLit(int32(idx))},
			Type: f.DataType, Null: plan.NullableOf(e) || f.Nullable, Form: plan.FormField, Display: f.Name}, nil
	case types.ArrayType:
		if st, ok := t.ElementType.(*types.StructType); ok {
			// a.field on an array of structs is the array of the field's values.
			for i, f := range st.Fields {
				if a.equalNames(f.Name, field) {
					return &plan.Call{Fn: "get_array_struct_fields", Args: []plan.Expr{e, intLit(int32(i))},
						Type: types.NewArray(f.DataType, t.ContainsNull || f.Nullable), Null: plan.NullableOf(e),
						Form: plan.FormField, Display: f.Name}, nil
				}
			}
		}
	case types.MapType:
		return a.subscript(e, stringLit(field))
	}
	return nil, analysisError("INVALID_EXTRACT_BASE_FIELD_TYPE", "42000",
		"Can't extract a value from <base>. Need a complex type [STRUCT, ARRAY, MAP] but got <other>.",
		map[string]string{"base": sqlExpr(e), "other": sqlType(plan.TypeOf(e))})
}

func intLit(v int32) *plan.Literal {
	return &plan.Literal{Type: types.Integer, Value: v, Text: itoa(int(v))}
}

func stringLit(s string) *plan.Literal {
	return &plan.Literal{Type: types.String, Value: s, Text: s}
}

// candidates are the names Spark proposes for an unresolved column: the unqualified
// names when they are unique, otherwise qualified ones.
func candidates(attrs []*plan.AttributeRef) []string {
	out := make([]string, 0, len(attrs))
	for _, a := range attrs {
		if len(a.Qualifier) > 0 {
			out = append(out, QuoteName(append(append([]string(nil), a.Qualifier...), a.Name)))
		} else {
			out = append(out, quoteID(a.Name))
		}
	}
	return out
}

// writtenName is the column a name resolved to, named as the name was written: Spark's
// resolution renames the attribute it finds (a column a read as A is named A).
func writtenName(at *plan.AttributeRef, name string) *plan.AttributeRef {
	if at.Name == name {
		return at
	}
	cp := *at
	cp.Name = name
	return &cp
}

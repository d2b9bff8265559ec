package analyzer

import (
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// updateFields resolves Column.withField / dropFields as Spark's UpdateFields evaluates
// them: a named_struct of the struct's fields with the named one replaced (or appended
// when missing) or removed, through nested structs along the path, NULL when the struct
// is NULL. The column is named as Spark prints the expression:
// update_fields(st, WithField(value)), update_fields(st, DropField()), and for a nested
// path update_fields(st, WithField(update_fields(st.b, ...))).
func (a *analyzer) updateFields(e *plan.UpdateFields, sc *scope) (plan.Expr, error) {
	st, err := a.expr(e.Struct, sc)
	if err != nil {
		return nil, err
	}
	var value plan.Expr
	if e.Value != nil {
		if value, err = a.expr(e.Value, sc); err != nil {
			return nil, err
		}
	}
	return a.updateField(st, e.Path, value)
}

// updateField sets (value non-nil) or drops the field path of the struct st.
func (a *analyzer) updateField(st plan.Expr, path []string, value plan.Expr) (plan.Expr, error) {
	t, ok := plan.TypeOf(st).(*types.StructType)
	if !ok {
		return nil, analysisError("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: The <paramIndex> parameter requires the <requiredType> type, however <inputSql> has the type <inputType>.",
			map[string]string{"sqlExpr": "\"update_fields(" + st.String() + ")\"", "paramIndex": "first",
				"requiredType": `"STRUCT"`, "inputSql": sqlExpr(st), "inputType": sqlType(plan.TypeOf(st))})
	}
	name := path[0]
	if len(path) > 1 {
		// The nested struct is updated and set back under the name.
		nested, err := a.extractField(st, name)
		if err != nil {
			return nil, err
		}
		if value, err = a.updateField(nested, path[1:], value); err != nil {
			return nil, err
		}
	}
	op := "DropField()"
	if value != nil {
		op = "WithField(" + value.String() + ")"
	}
	display := "update_fields(" + st.String() + ", " + op + ")"
	var args []plan.Expr
	matched := false
	for i, f := range t.Fields {
		field := &plan.Call{Fn: "get_struct_field", Args: []plan.Expr{st, intLit(int32(i))},
			Type: f.DataType, Null: plan.NullableOf(st) || f.Nullable, Form: plan.FormField, Display: f.Name}
		switch {
		case !a.equalNames(f.Name, name):
			args = append(args, stringLit(f.Name), field)
		case value != nil:
			matched = true
			args = append(args, stringLit(name), value)
		}
	}
	if value != nil && !matched {
		args = append(args, stringLit(name), value)
	}
	if len(args) == 0 {
		return nil, analysisError("DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS", "42K09",
			"Cannot resolve <sqlExpr> due to data type mismatch: Cannot drop all fields in struct.",
			map[string]string{"sqlExpr": "\"" + display + "\""})
	}
	r, err := a.call("named_struct", args, nil)
	if err != nil {
		return nil, err
	}
	if plan.NullableOf(st) {
		null := &plan.Cast{Child: &plan.Literal{Type: types.Null, Text: "NULL"}, To: plan.TypeOf(r)}
		isNull := &plan.UnresolvedFunction{Name: []string{"isnull"}, Args: []plan.Expr{st}}
		if r, err = a.expr(&plan.UnresolvedFunction{Name: []string{"if"}, Args: []plan.Expr{isNull, null, r}}, nil); err != nil {
			return nil, err
		}
	}
	if c, ok := r.(*plan.Call); ok {
		c.Form, c.Display = plan.FormBare, display
	}
	return r, nil
}

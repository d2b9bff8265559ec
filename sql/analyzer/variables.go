package analyzer

import (
	"fmt"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Variables are the session's SQL variables (DECLARE VARIABLE), as the analyzer reads them.
type Variables interface {
	// Variable returns the current value of a session variable, found by its name as
	// VariableName gives it: a literal whose Text is the value's SQL form (Literal.sql).
	Variable(name string) (*plan.Literal, bool)
}

// LocalVariables are the local variables of a running SQL script (DECLARE inside BEGIN ...
// END), which a name resolves to before the session variables. A store that has them
// implements this interface next to Variables.
type LocalVariables interface {
	Variables
	// LocalVariable finds a local variable by a name of one part (the innermost scope that
	// declares it) or two (label.name: the variable of the scope with that label), the parts
	// lower-cased unless the analysis is case-sensitive. It returns the variable's current
	// value and the label of the scope declaring it.
	LocalVariable(parts []string) (value *plan.Literal, label string, ok bool)
}

// localCatalog is the catalog Spark names local variables under (FakeLocalCatalog).
const localCatalog = "local"

// Session variables live in the namespace system.session.
const (
	systemCatalog    = "system"
	sessionNamespace = "session"
)

// VariableName is the name a session variable is stored under when parts name one: name,
// session.name or system.session.name (the qualifiers in any case). The name is lower-cased
// unless the analysis is case-sensitive.
func VariableName(parts []string, caseSensitive bool) (string, bool) {
	switch len(parts) {
	case 1:
	case 2:
		if !strings.EqualFold(parts[0], sessionNamespace) {
			return "", false
		}
	case 3:
		if !strings.EqualFold(parts[0], systemCatalog) || !strings.EqualFold(parts[1], sessionNamespace) {
			return "", false
		}
	default:
		return "", false
	}
	name := parts[len(parts)-1]
	if !caseSensitive {
		name = strings.ToLower(name)
	}
	return name, true
}

// QualifiedVariableName is a stored variable name as Spark quotes it in messages:
// `system`.`session`.`name`.
func QualifiedVariableName(name string) string {
	return QuoteName([]string{systemCatalog, sessionNamespace, name})
}

// resolveVariable resolves a name that matched no column as a session variable, preferring
// the longest name as columns do; the parts after the variable's name are struct fields.
func (a *analyzer) resolveVariable(parts []string) (plan.Expr, bool, error) {
	if a.opts.Variables == nil {
		return nil, false, nil
	}
	locals, _ := a.opts.Variables.(LocalVariables)
	for inner := max(0, len(parts)-3); inner < len(parts); inner++ {
		prefix := parts[:len(parts)-inner]
		var ref plan.Expr
		var err error
		if lit, label, ok := a.localVariable(locals, prefix); ok {
			name := prefix[len(prefix)-1]
			if !a.opts.CaseSensitive {
				name = strings.ToLower(name)
			}
			ref, err = a.variableReference(localCatalog+"."+quoteIfNeeded(label), name, lit)
		} else {
			name, ok := VariableName(prefix, a.opts.CaseSensitive)
			if !ok {
				continue
			}
			lit, found := a.opts.Variables.Variable(name)
			if !found {
				continue
			}
			ref, err = a.variableReference(systemCatalog+"."+sessionNamespace, name, lit)
		}
		if err != nil {
			return nil, true, err
		}
		e, err := a.extractFields(ref, parts[len(parts)-inner:])
		return e, true, err
	}
	return nil, false, nil
}

// localVariable looks a name up among a script's local variables, as Spark does before the
// session variables: a name of one part, or label.name unless the label is one a script
// may not use (builtin, session, sys...), which names the session's namespace instead.
func (a *analyzer) localVariable(locals LocalVariables, parts []string) (*plan.Literal, string, bool) {
	if locals == nil || len(parts) > 2 || len(parts) == 2 && ForbiddenScriptLabel(parts[0]) {
		return nil, "", false
	}
	if !a.opts.CaseSensitive {
		lower := make([]string, len(parts))
		for i, p := range parts {
			lower[i] = strings.ToLower(p)
		}
		parts = lower
	}
	return locals.LocalVariable(parts)
}

// ForbiddenScriptLabel reports a name a script may not give a label or a FOR variable:
// builtin, session or any name starting with sys, in any case.
func ForbiddenScriptLabel(name string) bool {
	n := strings.ToLower(name)
	return n == "builtin" || n == "session" || strings.HasPrefix(n, "sys")
}

// variableReference is the value of a variable as the analysis sees it: a constant, shown
// in names as Spark's VariableReference, variablereference(system.session.v=<value sql>)
// for a session variable and variablereference(local.label.v=<value sql>) for a local one;
// qualifier is the part before the name.
func (a *analyzer) variableReference(qualifier, name string, lit *plan.Literal) (plan.Expr, error) {
	display := "variablereference(" + qualifier + "." + quoteIfNeeded(name) + "=" + lit.Text + ")"
	switch lit.Type.(type) {
	case types.ArrayType, types.MapType, *types.StructType:
		if lit.Value == nil {
			return &plan.Literal{Type: lit.Type, Text: display}, nil
		}
		// Nested values are built by their constructors and cast to the variable's type.
		c, err := a.expr(nestedValue(lit.Type, lit.Value), nil)
		if err != nil {
			return nil, err
		}
		r, err := a.cast(c, lit.Type, false, false)
		if err != nil {
			return nil, err
		}
		if cast, ok := r.(*plan.Cast); ok {
			cast.Display = display
		}
		return r, nil
	}
	return &plan.Literal{Type: lit.Type, Value: lit.Value, Text: display}, nil
}

// ValueExpr is an unresolved expression that builds the value v of type t (in the plan's
// literal representation): a literal, or for nested values the calls of their
// constructors (array, map, named_struct) on literals.
func ValueExpr(t types.DataType, v any) plan.Expr { return nestedValue(t, v) }

// nestedValue is ValueExpr.
func nestedValue(t types.DataType, v any) plan.Expr {
	if v == nil {
		return &plan.Cast{Child: &plan.Literal{Type: types.Null, Text: "NULL"}, To: t}
	}
	call := func(fn string, args []plan.Expr) plan.Expr {
		return &plan.UnresolvedFunction{Name: []string{fn}, Args: args}
	}
	switch t := t.(type) {
	case types.ArrayType:
		xs, _ := v.([]any)
		args := make([]plan.Expr, len(xs))
		for i, x := range xs {
			args[i] = nestedValue(t.ElementType, x)
		}
		return call("array", args)
	case types.MapType:
		es, _ := v.([]plan.MapEntry)
		args := make([]plan.Expr, 0, 2*len(es))
		for _, e := range es {
			args = append(args, nestedValue(t.KeyType, e.Key), nestedValue(t.ValueType, e.Value))
		}
		return call("map", args)
	case *types.StructType:
		xs, _ := v.([]any)
		args := make([]plan.Expr, 0, 2*len(t.Fields))
		for i, f := range t.Fields {
			var x any
			if i < len(xs) {
				x = xs[i]
			}
			args = append(args, stringLit(f.Name), nestedValue(f.DataType, x))
		}
		return call("named_struct", args)
	}
	return &plan.Literal{Type: t, Value: v, Text: fmt.Sprint(v)}
}

// quoteIfNeeded leaves a name of letters, digits and underscores as it is and quotes any
// other, as Spark prints identifiers.
func quoteIfNeeded(s string) string {
	if s == "" {
		return quoteID(s)
	}
	digits := true
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			digits = false
		default:
			return quoteID(s)
		}
	}
	if digits {
		return quoteID(s)
	}
	return s
}

package sessions

import (
	"sync"

	"github.com/sailgo/sail/sql/plan"
)

// Variable is a session variable (DECLARE VARIABLE): its current value, whose type is the
// variable's, and its default expression, which SET VARIABLE v = DEFAULT evaluates again.
type Variable struct {
	Name string
	// Value is the current value; its Text is the value's SQL form.
	Value *plan.Literal
	// Default is the unresolved default expression; nil means NULL.
	Default plan.Expr
}

// Variables are a session's variables by name; safe for concurrent use.
type Variables struct {
	mu sync.Mutex
	m  map[string]*Variable
}

// Lookup finds a variable.
func (vs *Variables) Lookup(name string) (*Variable, bool) {
	if vs == nil {
		return nil, false
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	v, ok := vs.m[name]
	return v, ok
}

// Variable is the current value of a variable (analyzer.Variables).
func (vs *Variables) Variable(name string) (*plan.Literal, bool) {
	if v, ok := vs.Lookup(name); ok {
		return v.Value, true
	}
	return nil, false
}

// Put creates or replaces a variable.
func (vs *Variables) Put(v *Variable) {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if vs.m == nil {
		vs.m = map[string]*Variable{}
	}
	vs.m[v.Name] = v
}

// Assign gives an existing variable a new value; it reports whether the variable exists.
func (vs *Variables) Assign(name string, value *plan.Literal) bool {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	v, ok := vs.m[name]
	if ok {
		vs.m[name] = &Variable{Name: v.Name, Value: value, Default: v.Default}
	}
	return ok
}

// Drop removes a variable; it reports whether there was one.
func (vs *Variables) Drop(name string) bool {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	_, ok := vs.m[name]
	delete(vs.m, name)
	return ok
}

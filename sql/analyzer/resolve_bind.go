package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// ORDER BY and HAVING resolve their column names in stages, as Spark's ResolveReferences
// does: each stage offers one set of columns (the select list's output, the aggregate's
// input, the columns of the operators further down, ...) to the names the earlier stages
// left unresolved. A stage that fails on a name (an ambiguous name, a struct field that
// is not there, a value that cannot be subscripted) gives up every binding it made for the
// expression, and the next stage tries again. The nameBinder records these choices; once
// every name is bound, it substitutes the columns for the names and the expression
// resolves as usual.

// nameSource is the set of columns one stage offers.
type nameSource struct {
	attrs []*plan.AttributeRef
	// hidden are the columns USING joins hid, which qualified names reach.
	hidden []*plan.AttributeRef
	// temp marks a tentative binding to an aggregate's input (Spark's TempResolvedColumn):
	// it stands only if it ends up inside an aggregate function or a grouping expression.
	temp bool
	// level tells the sources of the missing-column stage apart (the depth below).
	level int
	// values maps the IDs of stand-in columns to the expressions they stand for (the
	// grouping expressions of grouping sets, which Spark's Expand outputs as columns).
	values map[plan.ExprID]plan.Expr
}

// stageMode is how a stage treats an error on a name.
type stageMode int

const (
	// stageRevert drops all of the stage's bindings for the expression.
	stageRevert stageMode = iota
	// stageSkip leaves only the failing name unbound.
	stageSkip
	// stageThrow reports the error.
	stageThrow
)

type nameBinding struct {
	// expr is what the name stands for: the column, with the struct fields it names.
	expr plan.Expr
	attr *plan.AttributeRef
	temp bool
	src  *nameSource
}

type nameBinder struct {
	a *analyzer
	// names are the column names of the expression (not those of lambda parameters, nor
	// those of DataFrame columns, which carry their plan and resolve by it).
	names []*plan.UnresolvedColumn
	binds map[*plan.UnresolvedColumn]*nameBinding
	// temps maps the private copies of the columns of temp bindings back to their names.
	temps map[*plan.AttributeRef]*plan.UnresolvedColumn
	// extracts are the subscripts and field accesses whose base is a name, outermost last.
	extracts []*plan.UnresolvedExtract
}

func newNameBinder(a *analyzer, exprs ...plan.Expr) *nameBinder {
	b := &nameBinder{a: a, binds: map[*plan.UnresolvedColumn]*nameBinding{}, temps: map[*plan.AttributeRef]*plan.UnresolvedColumn{}}
	for _, e := range exprs {
		b.collect(e, nil)
	}
	return b
}

// unresolvedChildren are the sub-expressions of an unresolved expression, including the
// FILTER and WITHIN GROUP parts of a function call.
func unresolvedChildren(e plan.Expr) []plan.Expr {
	if f, ok := e.(*plan.UnresolvedFunction); ok {
		out := append([]plan.Expr(nil), f.Args...)
		if f.Filter != nil {
			out = append(out, f.Filter)
		}
		for _, o := range f.WithinGroup {
			out = append(out, o)
		}
		return out
	}
	return e.Children()
}

func (b *nameBinder) collect(e plan.Expr, shadow []string) {
	switch x := e.(type) {
	case *plan.UnresolvedColumn:
		if x.HasID || len(x.Parts) == 0 {
			return
		}
		for _, s := range shadow {
			if b.a.equalNames(s, x.Parts[0]) {
				return
			}
		}
		b.names = append(b.names, x)
		return
	case *plan.Lambda:
		b.collect(x.Body, append(append([]string(nil), shadow...), x.Params...))
		return
	case *plan.UnresolvedExtract:
		if extractBase(x) != nil {
			b.extracts = append(b.extracts, x)
		}
	}
	for _, c := range unresolvedChildren(e) {
		b.collect(c, shadow)
	}
}

// extractBase is the name a chain of subscripts and field accesses starts from, if any.
func extractBase(x *plan.UnresolvedExtract) *plan.UnresolvedColumn {
	for {
		switch c := x.Child.(type) {
		case *plan.UnresolvedColumn:
			return c
		case *plan.UnresolvedExtract:
			x = c
		default:
			return nil
		}
	}
}

func (b *nameBinder) bound(c *plan.UnresolvedColumn) bool { return b.binds[c] != nil }

// unbound lists the names no stage has bound yet.
func (b *nameBinder) unbound() []*plan.UnresolvedColumn {
	var out []*plan.UnresolvedColumn
	for _, c := range b.names {
		if !b.bound(c) {
			out = append(out, c)
		}
	}
	return out
}

// bindName resolves one name against a source: nil when no column has the name.
func (b *nameBinder) bindName(c *plan.UnresolvedColumn, src *nameSource) (*nameBinding, error) {
	hits, rest := b.a.resolveIn(src.attrs, c.Parts)
	if len(hits) == 0 && len(c.Parts) > 1 && len(src.hidden) > 0 {
		hits, rest = b.a.resolveIn(src.hidden, c.Parts)
		if len(rest) == len(c.Parts)-1 {
			hits = nil // hidden columns need their qualifier
		}
	}
	if len(hits) == 0 {
		return nil, nil
	}
	if len(hits) > 1 {
		return nil, ambiguousReference(c.Parts[:len(c.Parts)-len(rest)], hits)
	}
	if v, ok := src.values[hits[0].ID]; ok {
		if len(rest) > 0 {
			return nil, nil
		}
		return &nameBinding{expr: v, attr: hits[0], src: src}, nil
	}
	attr := writtenName(hits[0], c.Parts[len(c.Parts)-len(rest)-1])
	if src.temp && attr == hits[0] {
		cp := *attr
		attr = &cp
	}
	e, err := b.a.extractFields(attr, rest)
	if err != nil {
		return nil, err
	}
	return &nameBinding{expr: e, attr: attr, temp: src.temp, src: src}, nil
}

// stage offers a source to the unbound names.
func (b *nameBinder) stage(src *nameSource, mode stageMode) error {
	var added []*plan.UnresolvedColumn
	revert := func() {
		for _, c := range added {
			b.unbind(c)
		}
	}
	for _, c := range b.names {
		if b.bound(c) {
			continue
		}
		nb, err := b.bindName(c, src)
		if err != nil {
			switch mode {
			case stageThrow:
				revert()
				return err
			case stageRevert:
				revert()
				return nil
			}
			continue
		}
		if nb == nil {
			continue
		}
		b.binds[c] = nb
		if nb.temp {
			b.temps[nb.attr] = c
		}
		added = append(added, c)
	}
	if mode == stageRevert && len(added) > 0 {
		// A subscript or field access that cannot apply to what a name now stands for
		// fails the stage as well.
		for _, x := range b.extracts {
			if _, ok := b.extractType(x); !ok {
				revert()
				return nil
			}
		}
	}
	return nil
}

func (b *nameBinder) unbind(c *plan.UnresolvedColumn) {
	if nb := b.binds[c]; nb != nil && nb.temp {
		delete(b.temps, nb.attr)
	}
	delete(b.binds, c)
}

// bindTo binds a name to an expression of the caller's choosing (an outer reference, a
// variable).
func (b *nameBinder) bindTo(c *plan.UnresolvedColumn, e plan.Expr) {
	b.binds[c] = &nameBinding{expr: e}
}

// extractType is the type of a subscript or field access over a bound name; ok is false
// when the access cannot apply. Accesses over unbound names, and subscripts by non-literal
// keys of structs, are left for the resolution to judge.
func (b *nameBinder) extractType(x *plan.UnresolvedExtract) (types.DataType, bool) {
	var base types.DataType
	switch c := x.Child.(type) {
	case *plan.UnresolvedColumn:
		nb := b.binds[c]
		if nb == nil {
			return nil, true
		}
		base = plan.TypeOf(nb.expr)
	case *plan.UnresolvedExtract:
		t, ok := b.extractType(c)
		if !ok || t == nil {
			return t, ok
		}
		base = t
	default:
		return nil, true
	}
	key, isLit := x.Key.(*plan.Literal)
	name, isString := "", false
	if isLit {
		name, isString = key.Value.(string)
	}
	switch t := base.(type) {
	case *types.StructType:
		if !isString {
			return nil, !isLit
		}
		for _, f := range t.Fields {
			if b.a.equalNames(f.Name, name) {
				return f.DataType, true
			}
		}
		return nil, false
	case types.ArrayType:
		if x.Field {
			st, ok := t.ElementType.(*types.StructType)
			if !ok || !isString {
				return nil, false
			}
			for _, f := range st.Fields {
				if b.a.equalNames(f.Name, name) {
					return types.NewArray(f.DataType, true), true
				}
			}
			return nil, false
		}
		return t.ElementType, true
	case types.MapType:
		return t.ValueType, true
	}
	return nil, false
}

// substitute replaces the bound names of e by what they stand for.
func (b *nameBinder) substitute(e plan.Expr) plan.Expr {
	switch x := e.(type) {
	case *plan.UnresolvedColumn:
		if nb := b.binds[x]; nb != nil {
			return nb.expr
		}
		return x
	case *plan.UnresolvedFunction:
		n := *x
		n.Args = make([]plan.Expr, len(x.Args))
		for i, arg := range x.Args {
			n.Args[i] = b.substitute(arg)
		}
		if x.Filter != nil {
			n.Filter = b.substitute(x.Filter)
		}
		if len(x.WithinGroup) > 0 {
			n.WithinGroup = make([]*plan.SortOrder, len(x.WithinGroup))
			for i, o := range x.WithinGroup {
				n.WithinGroup[i] = b.substitute(o).(*plan.SortOrder)
			}
		}
		return &n
	}
	return plan.MapChildren(e, b.substitute)
}

// tempNames lists the names whose temp bindings e (resolved from the substituted
// expression) still holds.
func (b *nameBinder) tempNames(e plan.Expr) []*plan.UnresolvedColumn {
	var out []*plan.UnresolvedColumn
	plan.Walk(e, func(x plan.Expr) bool {
		if at, ok := x.(*plan.AttributeRef); ok {
			if c := b.temps[at]; c != nil {
				out = append(out, c)
			}
		}
		return true
	})
	return out
}

// lastResort binds the names no column matched to outer query columns or session
// variables, as Spark does last; a name nothing matches is an error naming the
// candidates.
func (b *nameBinder) lastResort(outer *scope, candidates []string) error {
	for _, c := range b.unbound() {
		if outer != nil {
			e, found, err := b.a.resolveColumn(&scope{outer: outer}, c.Parts)
			if err != nil {
				return err
			}
			if found {
				b.bindTo(c, e)
				continue
			}
		}
		e, found, err := b.a.resolveVariable(c.Parts)
		if err != nil {
			return err
		}
		if found {
			b.bindTo(c, e)
			continue
		}
		if e, ok := b.a.literalFunctionColumn(c.Parts); ok {
			b.bindTo(c, e)
			continue
		}
		return unresolvedColumn(c.Parts, candidates)
	}
	return nil
}

// literalFunctionColumn resolves the names Spark reads as functions when no column has
// them: grouping__id, Hive's name of grouping_id().
func (a *analyzer) literalFunctionColumn(parts []string) (plan.Expr, bool) {
	if e, ok := a.currentLikeColumn(parts); ok {
		return e, true
	}
	if len(parts) != 1 || !strings.EqualFold(parts[0], "grouping__id") {
		return nil, false
	}
	return &plan.Call{Fn: "grouping_id", Type: types.Long, Display: "grouping_id"}, true
}

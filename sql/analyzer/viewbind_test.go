package analyzer

import (
	"testing"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// viewCatalog has one view, v, whose stored plan holds a call that is already resolved
// (as DataFrame views may) next to a cast the analyzer resolves afresh.
type viewCatalog struct{ rel *Relation }

func (c viewCatalog) LookupRelation(name []string) (*Relation, error) {
	if len(name) == 1 && name[0] == "v" {
		return c.rel, nil
	}
	return nil, nil
}

// TestViewModeIsPinned checks that a view captured with ANSI off keeps its casts and
// calls non-ANSI when read in an ANSI session, without touching its stored plan.
func TestViewModeIsPinned(t *testing.T) {
	stored := &plan.Call{Fn: "abs", Args: []plan.Expr{&plan.Literal{Type: types.Integer, Value: int32(1), Text: "1"}},
		Type: types.Integer, Display: "abs"}
	view := &plan.Project{Child: plan.OneRow{}, Exprs: []plan.Expr{
		&plan.Alias{Child: stored, Name: "a"},
		&plan.Alias{Child: &plan.Cast{Child: &plan.Literal{Type: types.String, Value: "x", Text: "'x'"}, To: types.Integer}, Name: "b"},
	}}
	rel := &Relation{QualifiedName: []string{"v"}, View: view, Scope: func(o Options) Options {
		o.ANSI = false
		return o
	}}
	for range 2 {
		n, err := Resolve(&plan.UnresolvedRelation{Name: []string{"v"}}, Options{ANSI: true, Catalog: viewCatalog{rel}})
		if err != nil {
			t.Fatal(err)
		}
		var casts []*plan.Cast
		var walk func(plan.Node)
		walk = func(n plan.Node) {
			for _, e := range plan.Expressions(n) {
				plan.Walk(e, func(x plan.Expr) bool {
					if c, ok := x.(*plan.Cast); ok {
						casts = append(casts, c)
					}
					return true
				})
			}
			for _, c := range n.Children() {
				walk(c)
			}
		}
		walk(n)
		if len(casts) != 1 || !casts[0].Legacy || casts[0].ANSI {
			t.Fatalf("the view's cast is not pinned to the non-ANSI mode: %+v", casts)
		}
	}
	if stored.Legacy || stored.ANSI {
		t.Errorf("the stored plan's call was changed: %+v", stored)
	}
	// Read in a session of the view's own mode, nothing is pinned.
	n, err := Resolve(&plan.UnresolvedRelation{Name: []string{"v"}}, Options{ANSI: false, Catalog: viewCatalog{rel}})
	if err != nil {
		t.Fatal(err)
	}
	plan.Walk(n.(*plan.SubqueryAlias).Child.(*plan.Project).Exprs[1], func(x plan.Expr) bool {
		if c, ok := x.(*plan.Cast); ok && c.Legacy {
			t.Errorf("a cast pinned in a session of the view's mode")
		}
		return true
	})
}

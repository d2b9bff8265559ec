package planner

import (
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

var generatorKinds = map[string]physical.GeneratorKind{
	"explode": physical.ExplodeGenerator, "posexplode": physical.PosExplodeGenerator,
	"inline": physical.InlineGenerator, "stack": physical.StackGenerator,
	"json_tuple": physical.StackGenerator, "variant_explode": physical.InlineGenerator,
}

// generate plans Generate: the generator's arguments compiled over the child's columns;
// stack's row count, a constant, evaluated here.
func (p *planner) generate(n *plan.Generate) (physical.ExecutionPlan, error) {
	call, ok := n.Generator.(*plan.Call)
	if !ok {
		return nil, sparkerror.InternalError("physical planner: unresolved generator %s", n.Generator)
	}
	kind, ok := generatorKinds[call.Fn]
	if !ok {
		return nil, sparkerror.NotImplemented("running the generator " + call.Fn)
	}
	child, err := p.node(n.Child)
	if err != nil {
		return nil, err
	}
	args := call.Args
	rows := 0
	if call.Fn == "variant_explode" {
		// inline over the array of (pos, key, value) entries of the object or array.
		args = []plan.Expr{&plan.Call{Fn: "variant_explode_entries", Args: call.Args, Type: call.Type, Null: true, Display: "variant_explode"}}
	} else if call.Fn == "json_tuple" {
		// One row: each field's value, as get_json_object reads it with the path $['field'].
		args, rows = jsonTupleValues(call.Args), 1
	} else if kind == physical.StackGenerator {
		if rows, err = p.constInt(args[0]); err != nil {
			return nil, err
		}
		args = args[1:]
	}
	xs, err := p.exprs(args, layoutOf(n.Child.Output()))
	if err != nil {
		return nil, err
	}
	schema, err := arrowSchema(n.Output())
	if err != nil {
		return nil, err
	}
	var keep []int
	for i := range n.Child.Output() {
		if !slices.Contains(n.Unrequired, i) {
			keep = append(keep, i)
		}
	}
	g, err := physical.NewGenerate(child, kind, xs, rows, n.Outer, keep, schema)
	if err != nil {
		return nil, sparkerror.InternalError("physical planner: %v", err)
	}
	return g, nil
}

// constInt evaluates a constant int expression (which the analyzer checked).
func (p *planner) constInt(e plan.Expr) (int, error) {
	x, err := p.expr(e, layout{})
	if err != nil {
		return 0, err
	}
	one := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	defer one.Release()
	v, err := x.Eval(one)
	if err != nil {
		return 0, err
	}
	defer v.Release()
	i, ok := v.(*array.Int32)
	if !ok || v.Len() != 1 || i.IsNull(0) {
		return 0, sparkerror.InternalError("physical planner: %s is not a constant int", e)
	}
	return int(i.Value(0)), nil
}

// jsonTupleValues are json_tuple(json, f1, ..., fn)'s columns: get_json_object(json,
// $['fi']), the path a constant for a literal field name.
func jsonTupleValues(args []plan.Expr) []plan.Expr {
	str := func(s string) *plan.Literal { return &plan.Literal{Type: types.String, Value: s, Text: s} }
	out := make([]plan.Expr, len(args)-1)
	for i, f := range args[1:] {
		var path plan.Expr
		if l, ok := f.(*plan.Literal); ok {
			if s, isStr := l.Value.(string); isStr {
				path = str(jsonFieldPath(s))
			} else {
				path = &plan.Literal{Type: types.String, Text: "NULL"}
			}
		} else {
			path = &plan.Call{Fn: "concat", Args: []plan.Expr{str("$['"), f, str("']")}, Type: types.String, Null: true, Display: "concat"}
		}
		out[i] = &plan.Call{Fn: "get_json_object", Args: []plan.Expr{args[0], path}, Type: types.String, Null: true, Display: "get_json_object"}
	}
	return out
}

// jsonFieldPath is the get_json_object path of a top-level field: $['name'], or $.name
// for a name with a quote (which the bracket form cannot hold).
func jsonFieldPath(name string) string {
	if strings.Contains(name, "'") && !strings.ContainsAny(name, ".[") && name != "*" {
		return "$." + name
	}
	return "$['" + name + "']"
}

package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// canonKey is a key for Spark's semantic equality of resolved expressions (semanticEquals,
// which compares canonicalized forms): like plan.SemanticKey, and besides, the operands of
// commutative operators are put in a fixed order (a + 1 equals 1 + a, a AND b equals b AND a,
// nested operators of one kind are flattened) and a > b equals b < a. It decides whether
// ORDER BY, HAVING and select-list expressions match grouping expressions.
func canonKey(e plan.Expr) string {
	var b strings.Builder
	writeCanon(&b, e)
	return b.String()
}

// commutative operators whose operand order Spark's canonicalization ignores.
var commutativeFns = map[string]bool{"+": true, "*": true, "&": true, "|": true, "^": true,
	"and": true, "or": true, "=": true, "<=>": true, "greatest": true, "least": true}

// flippedComparison maps a comparison to the one with its operands swapped.
var flippedComparison = map[string]string{"<": ">", ">": "<", "<=": ">=", ">=": "<="}

func writeCanon(b *strings.Builder, e plan.Expr) {
	switch x := e.(type) {
	case *plan.AttributeRef:
		fmt.Fprintf(b, "#%d", x.ID)
		return
	case *plan.Alias:
		writeCanon(b, x.Child)
		return
	case *plan.Literal:
		fmt.Fprintf(b, "lit(%s:%v)", x.Type.SQL(), x.Value)
		return
	case *plan.Call:
		if commutativeFns[x.Fn] && reorderable(x) {
			var ops []string
			gatherCommutative(x, x, &ops)
			slices.Sort(ops)
			fmt.Fprintf(b, "%s:%s(%s)", x.Fn, x.Type.SQL(), strings.Join(ops, ","))
			return
		}
		if flip, ok := flippedComparison[x.Fn]; ok && len(x.Args) == 2 {
			l, r := canonKey(x.Args[0]), canonKey(x.Args[1])
			fn := x.Fn
			if l > r {
				l, r, fn = r, l, flip
			}
			fmt.Fprintf(b, "%s:%s(%s,%s)", fn, x.Type.SQL(), l, r)
			return
		}
		fmt.Fprintf(b, "%s:%s(", x.Fn, x.Type.SQL())
	case *plan.Cast:
		fmt.Fprintf(b, "cast:%s:%t(", x.To.SQL(), x.Try)
	case *plan.AggregateCall:
		fmt.Fprintf(b, "agg:%s:%t(", x.Fn, x.Distinct)
	default:
		fmt.Fprintf(b, "%T[%s](", e, e.String())
	}
	for _, c := range e.Children() {
		writeCanon(b, c)
		b.WriteByte(',')
	}
	b.WriteByte(')')
}

// reorderable reports whether Spark reorders the operands of a commutative call: it keeps
// the order of a decimal addition, whose result type depends on it.
func reorderable(c *plan.Call) bool {
	if c.Fn != "+" {
		return true
	}
	_, dec := c.Type.(types.DecimalType)
	return !dec
}

// gatherCommutative collects the operand keys of a tree of one commutative operator of one
// result type.
func gatherCommutative(root *plan.Call, e plan.Expr, ops *[]string) {
	if c, ok := e.(*plan.Call); ok && c.Fn == root.Fn && types.Equal(c.Type, root.Type) && reorderable(c) {
		for _, a := range c.Args {
			gatherCommutative(root, a, ops)
		}
		return
	}
	*ops = append(*ops, canonKey(e))
}

package plan

import (
	"fmt"
	"strings"
)

// SemanticKey is a canonical form of a resolved expression for semantic equality:
// attributes by ID, aliases dropped.
func SemanticKey(e Expr) string {
	var b strings.Builder
	var walk func(e Expr)
	walk = func(e Expr) {
		switch x := e.(type) {
		case *AttributeRef:
			fmt.Fprintf(&b, "#%d", x.ID)
			return
		case *Alias:
			walk(x.Child)
			return
		case *Literal:
			fmt.Fprintf(&b, "lit(%s:%v)", x.Type.SQL(), x.Value)
			return
		case *Call:
			fmt.Fprintf(&b, "%s:%s(", x.Fn, x.Type.SQL())
		case *Cast:
			fmt.Fprintf(&b, "cast:%s:%t(", x.To.SQL(), x.Try)
		case *AggregateCall:
			fmt.Fprintf(&b, "agg:%s:%t(", x.Fn, x.Distinct)
		default:
			fmt.Fprintf(&b, "%T[%s](", e, e.String())
		}
		for _, c := range e.Children() {
			walk(c)
			b.WriteByte(',')
		}
		b.WriteByte(')')
	}
	walk(e)
	return b.String()
}

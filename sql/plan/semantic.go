package plan

import (
	"fmt"
	"strconv"
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

// CanonicalPlan is a canonical form of a resolved plan for Spark's sameSemantics and
// semanticHash: each node's kind and description with the semantic keys of its
// expressions, children in order, and expression IDs renumbered by first appearance, so
// that two resolutions of the same query (which draw fresh IDs) agree.
func CanonicalPlan(n Node) string {
	var b strings.Builder
	var walk func(n Node, depth int)
	walk = func(n Node, depth int) {
		fmt.Fprintf(&b, "%*s%T %s [", depth, "", n, n.Describe())
		for _, e := range Expressions(n) {
			b.WriteString(SemanticKey(e))
			b.WriteByte(';')
		}
		b.WriteString("]\n")
		for _, c := range n.Children() {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return RenumberIDs(b.String())
}

// RenumberIDs replaces each #<id> by #<n>, n counting distinct IDs in order of appearance,
// so that two resolutions of one query, which draw fresh expression IDs, print alike.
func RenumberIDs(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	seen := map[string]int{}
	for i := 0; i < len(s); {
		if s[i] != '#' {
			j := strings.IndexByte(s[i:], '#')
			if j < 0 {
				b.WriteString(s[i:])
				break
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			b.WriteByte('#')
			i++
			continue
		}
		id := s[i+1 : j]
		n, ok := seen[id]
		if !ok {
			n = len(seen)
			seen[id] = n
		}
		b.WriteByte('#')
		b.WriteString(strconv.Itoa(n))
		i = j
	}
	return b.String()
}

// nonDeterministicFunctions are the functions whose result changes between calls on the
// same input: they are never folded, and filters do not move past them.
var nonDeterministicFunctions = map[string]bool{
	"rand": true, "random": true, "randn": true, "uuid": true, "shuffle": true,
	"monotonically_increasing_id": true, "spark_partition_id": true, "input_file_name": true,
	"input_file_block_start": true, "input_file_block_length": true, "randstr": true, "uniform": true,
}

// NonDeterministic reports whether the function fn (a Call's canonical name) may give
// different results for the same arguments.
func NonDeterministic(fn string) bool { return nonDeterministicFunctions[fn] }

// RowFunction reports how e reads its input: ok is true when e is an ordinary function of
// the current row, with no lambda, outer reference, parameter, aggregate or window call,
// subquery or non-deterministic call; columns is true when it reads a column of the row.
// An ok expression without columns is a constant.
func RowFunction(e Expr) (columns, ok bool) {
	ok = true
	Walk(e, func(x Expr) bool {
		switch y := x.(type) {
		case *AttributeRef:
			columns = true
		case *LambdaVar, *Lambda, *OuterRef, *Parameter, *AggregateCall, *WindowCall:
			ok = false
		case *Call:
			if NonDeterministic(y.Fn) {
				ok = false
			}
		default:
			if SubqueryOf(x) != nil {
				ok = false
			}
		}
		return ok
	})
	return columns, ok
}

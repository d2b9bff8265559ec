package expr

import (
	"regexp"
	"regexp/syntax"
	"sync"
)

// javaFindAll lists the matches java.util.regex.Matcher.find() reports one after another
// (as FindAllSubmatchIndex does). Go drops an empty match that starts where the previous
// match ended; Java keeps it: '(\d+)?' over "1a" finds "1", "" at 1 and "" at 2, Go only
// "1" and "" at 2. The empty match Go dropped is found again by matching the rest of the
// input, which is exact unless the pattern looks behind the position (^, \A, \b, \B): for
// those patterns Go's answer stands.
func javaFindAll(re *regexp.Regexp, s []byte) [][]int {
	ms := re.FindAllSubmatchIndex(s, -1)
	if !restartable(re) {
		return ms
	}
	var out [][]int
	for k, m := range ms {
		out = append(out, m)
		e := m[1]
		if m[0] == e || (k+1 < len(ms) && ms[k+1][0] == e) {
			continue
		}
		r := re.FindSubmatchIndex(s[e:])
		if r == nil || r[0] != 0 || r[1] != 0 {
			continue
		}
		for j := range r {
			if r[j] >= 0 {
				r[j] += e
			}
		}
		if out == nil {
			out = make([][]int, 0, len(ms)+1)
		}
		out = append(out, r)
	}
	return out
}

var restartableCache sync.Map // *regexp.Regexp -> bool

// restartable reports whether matching re at a position of the input gives the same as
// matching the input from that position on: re has no assertion about what precedes.
func restartable(re *regexp.Regexp) bool {
	if v, ok := restartableCache.Load(re); ok {
		return v.(bool)
	}
	ok := false
	if t, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		ok = !looksBehind(t)
	}
	restartableCache.Store(re, ok)
	return ok
}

func looksBehind(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	for _, s := range t.Sub {
		if looksBehind(s) {
			return true
		}
	}
	return false
}

package coercion

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/types"
)

type goldenBinaryCase struct {
	at          string // results file and line
	ansi        bool
	op          string
	left, right string // operand specs
	want        string // expectation
}

type goldenMergeCase struct {
	at       string
	ansi     bool
	kind     string // case, if, in, union
	operands []string
	want     string
}

func mustType(t testing.TB, s string) types.DataType {
	t.Helper()
	dt, err := types.ParseDataType(s)
	if err != nil {
		t.Fatalf("bad type %q: %v", s, err)
	}
	return dt
}

// parseOperand reads an operand spec:
//
//	c:<type>           a cast of a literal to type (foldable, not a literal)
//	s:<text>           a string literal
//	i:<value>:<type>   an integral literal
//	d:<value>:<type>   a decimal, float or double literal
//	n                  the NULL literal
//	l:<type>           another literal (boolean, date, timestamp, binary, interval)
//	col:<type>         a column
func parseOperand(t testing.TB, spec string) Operand {
	t.Helper()
	kind, rest, _ := strings.Cut(spec, ":")
	switch kind {
	case "c":
		return Operand{Type: mustType(t, rest), Foldable: true}
	case "s":
		return Operand{Type: types.String, Literal: true, Foldable: true}
	case "i":
		v, typ, _ := strings.Cut(rest, ":")
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("bad integral literal %q", spec)
		}
		return Operand{Type: mustType(t, typ), Literal: true, Foldable: true, IntValue: n}
	case "d":
		v, typ, _ := strings.Cut(rest, ":")
		return Operand{Type: mustType(t, typ), Literal: true, Foldable: true, DecimalValue: v}
	case "n":
		return Operand{Type: types.Null, Literal: true, Foldable: true}
	case "l":
		return Operand{Type: mustType(t, rest), Literal: true, Foldable: true}
	case "col":
		return Operand{Type: mustType(t, rest)}
	}
	t.Fatalf("bad operand spec %q", spec)
	return Operand{}
}

// checkExpectation compares a result with an expectation:
//
//	t:<type>                the result type
//	ok                      analysis succeeds (Spark then failed at run time, or the result
//	                        type is boolean)
//	cast:<type>             analysis succeeds and an operand is cast to type (Spark then
//	                        failed to cast a string at run time)
//	e:<KIND>|k=v|...        a MismatchError of that kind and message parameters
func checkExpectation(t *testing.T, at, want string, result types.DataType, casts [][]types.DataType, err error) {
	t.Helper()
	kind, rest, _ := strings.Cut(want, ":")
	if kind == "e" {
		me, ok := err.(*MismatchError)
		if !ok {
			t.Errorf("%s: got %v (err %v), want error %s", at, result, err, rest)
			return
		}
		parts := strings.Split(rest, "|")
		if me.Kind != parts[0] {
			t.Errorf("%s: got error %s %v, want %s", at, me.Kind, me.Parameters(), rest)
			return
		}
		params := me.Parameters()
		for _, p := range parts[1:] {
			k, v, _ := strings.Cut(p, "=")
			if params[k] != v {
				t.Errorf("%s: parameter %s = %s, want %s", at, k, params[k], v)
			}
		}
		return
	}
	if err != nil {
		t.Errorf("%s: unexpected error %v, want %s", at, err, want)
		return
	}
	switch kind {
	case "t":
		if result == nil || result.SimpleString() != rest {
			t.Errorf("%s: got %v, want %s", at, result, rest)
		}
	case "cast":
		wantT := mustType(t, rest)
		found := false
		for _, cs := range casts {
			if slices.ContainsFunc(cs, func(c types.DataType) bool { return types.Equal(c, wantT) }) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no operand cast to %s (casts %v)", at, rest, casts)
		}
	}
}

func TestGoldenBinary(t *testing.T) {
	for _, c := range goldenBinary {
		m := Mode{ANSI: c.ansi}
		l, r := parseOperand(t, c.left), parseOperand(t, c.right)
		op := strings.ToLower(c.op)
		if compareOps[op] || op == "<>" || op == "!=" {
			res, err := m.CompareOp(op, l, r)
			var rt types.DataType = types.Boolean
			checkExpectation(t, c.at, c.want, rt, [][]types.DataType{res.LeftCasts, res.RightCasts}, err)
			continue
		}
		res, err := m.Arithmetic(op, l, r)
		checkExpectation(t, c.at, c.want, res.Result, [][]types.DataType{res.LeftCasts, res.RightCasts}, err)
	}
}

func TestGoldenMerge(t *testing.T) {
	for _, c := range goldenMerge {
		m := Mode{ANSI: c.ansi}
		ts := make([]types.DataType, len(c.operands))
		for i, o := range c.operands {
			ts[i] = parseOperand(t, o).Type
		}
		var (
			got types.DataType
			ok  bool
		)
		if c.kind == "if" {
			got, ok = m.WiderType(ts[0], ts[1])
		} else {
			got, ok = m.WiderCommonType(ts)
		}
		switch {
		case strings.HasPrefix(c.want, "e:"):
			if ok {
				t.Errorf("%s: got %v, want no common type", c.at, got)
			}
		case !ok:
			t.Errorf("%s: no common type, want %s", c.at, c.want)
		case c.want == "ok":
		case got.SimpleString() != strings.TrimPrefix(strings.TrimPrefix(c.want, "t:"), "cast:"):
			t.Errorf("%s: got %v, want %s", c.at, got.SimpleString(), c.want)
		}
	}
}

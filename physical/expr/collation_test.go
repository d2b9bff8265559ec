package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// Comparisons through collation keys, with the answers of collations-basic.sql.out.
func TestCollationKeyCompare(t *testing.T) {
	cases := []struct {
		coll string
		op   CompareOp
		l, r string
		want string
	}{
		{"UTF8_LCASE", EQ, "aaa", "AAA", "true"},
		{"UTF8_LCASE", LT, "aaa", "BBB", "true"},
		{"UTF8_LCASE", EQ, "İo", "i̇o", "true"},
		{"UTF8_LCASE", EQ, "ς", "Σ", "true"},
		{"UTF8_LCASE_RTRIM", EQ, "AAA  ", "aaa", "true"},
		{"UTF8_BINARY_RTRIM", EQ, "aaa  ", "aaa", "true"},
		{"UTF8_BINARY_RTRIM", EQ, "AAA", "aaa", "false"},
		{"UNICODE", LT, "a", "A", "true"},
		{"UNICODE_CI", EQ, "a", "A", "true"},
		{"UNICODE_AI", EQ, "a", "å", "true"},
		{"UNICODE_AI", EQ, "a", "A", "false"},
		{"UNICODE_CI_AI", EQ, "a", "Å", "true"},
		{"en", LT, "a", "A", "true"},
		{"en_CI", EQ, "a", "A", "true"},
		{"en_AI", EQ, "a", "å", "true"},
		{"en_CI_AI", EQ, "a", "Å", "true"},
		{"sv", LT, "Kypper", "Köpfe", "true"},
		{"de", GT, "Kypper", "Köpfe", "true"},
		{"tr_CI", EQ, "I", "ı", "true"},
		{"UNICODE_RTRIM", EQ, "a ", "a", "true"},
	}
	st := types.String
	for _, c := range cases {
		b := batchOf(arr(t, st, c.l, nil), arr(t, st, c.r, c.r))
		lk := must(NewCollationKey(col(0, st), c.coll))
		rk := must(NewCollationKey(col(1, st), c.coll))
		wantStrs(t, must(NewCompare(c.op, lk, rk)), b, c.want, "NULL")
		// A constant operand gets its key once.
		ck := must(NewCollationKey(litOf(t, st, c.r), c.coll))
		if _, ok := ck.(*Literal); !ok {
			t.Errorf("%s: the key of a literal is %T", c.coll, ck)
		}
		wantStrs(t, must(NewCompare(c.op, lk, ck)), b, c.want, "NULL")
	}
	if k := must(NewCollationKey(col(0, st), "UTF8_BINARY")); k.String() != col(0, st).String() {
		t.Errorf("UTF8_BINARY has no key expression: %s", k)
	}
}

// UTF8_LCASE replace, split_part and substring_index search case-insensitively and keep
// the rest of the string as it is.
func TestLcaseStringFunctions(t *testing.T) {
	st := types.String
	b := batchOf(arr(t, st, "aaAaAAaA", "Spark SQL", "aXbxcX", "İo", nil))
	run := func(fn string, a1, a2 any, want ...string) {
		t.Helper()
		t2 := types.DataType(st)
		if _, ok := a2.(int32); ok {
			t2 = types.Integer
		}
		x, ok, err := NewLcaseStringFunc(fn, []Expr{col(0, st), litOf(t, st, a1), litOf(t, t2, a2)})
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", fn, ok, err)
		}
		wantStrs(t, x, b, want...)
	}
	run("replace", "AAAA", "x", "xx", "Spark SQL", "aXbxcX", "İo", "NULL")
	run("replace", "sql", "-", "aaAaAAaA", "Spark -", "aXbxcX", "İo", "NULL")
	run("replace", "i̇", "j", "aaAaAAaA", "Spark SQL", "aXbxcX", "jo", "NULL")
	run("split_part", "x", int32(2), "", "", "b", "", "NULL")
	run("split_part", "x", int32(-2), "", "", "c", "", "NULL")
	run("split_part", "AAAA", int32(1), "", "Spark SQL", "aXbxcX", "İo", "NULL")
	run("substring_index", "AaAA", int32(2), "a", "Spark SQL", "aXbxcX", "İo", "NULL")
	run("substring_index", "x", int32(2), "aaAaAAaA", "Spark SQL", "aXb", "İo", "NULL")
	run("substring_index", "x", int32(-2), "aaAaAAaA", "Spark SQL", "cX", "İo", "NULL")
	run("translate", "AX", "1", "11111111", "Sp1rk SQL", "1bc", "İo", "NULL")
	run("translate", "sql", "123", "aaAaAAaA", "1park 123", "aXbxcX", "İo", "NULL")
	if _, ok, _ := NewLcaseStringFunc("lpad", []Expr{col(0, st), col(0, st), col(0, st)}); ok {
		t.Errorf("lpad has no UTF8_LCASE kernel")
	}
}

// Collation expressions built through collation_op keep their call, so that encoded plans
// ship them; the decoded expression computes the same.
func TestCollationOpEncodes(t *testing.T) {
	st := types.String
	f, ok := Lookup(CollationOpName)
	if !ok {
		t.Fatal("collation_op is not registered")
	}
	b := batchOf(arr(t, st, "b", "A", nil), arr(t, st, "a", "a", "c"))
	for _, c := range []struct {
		op, coll string
		want     []string
	}{
		{"least", "UTF8_LCASE", []string{"a", "A", "c"}},
		{"greatest", "UNICODE", []string{"b", "A", "c"}},
		{"replace", "UTF8_LCASE", nil},
	} {
		args := []Expr{litOf(t, st, c.op), litOf(t, st, c.coll), col(0, st), col(1, st)}
		ts := []types.DataType{st, st, st, st}
		if c.op == "replace" {
			args = append(args, litOf(t, st, "-"))
			ts = append(ts, st)
			c.want = []string{"b", "-", "NULL"}
		}
		x, err := f(args, ts, st, FuncOptions{})
		if err != nil {
			t.Fatalf("%s: %v", c.op, err)
		}
		wantStrs(t, x, b, c.want...)
		m, err := Encode(x)
		if err != nil {
			t.Fatalf("%s: encode: %v", c.op, err)
		}
		y, err := Decode(m)
		if err != nil {
			t.Fatalf("%s: decode: %v", c.op, err)
		}
		wantStrs(t, y, b, c.want...)
	}
}

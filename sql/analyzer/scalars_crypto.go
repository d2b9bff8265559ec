package analyzer

import (
	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// aes_encrypt(input, key[, mode[, padding[, iv[, aad]]]]) and aes_decrypt /
// try_aes_decrypt(input, key[, mode[, padding[, aad]]]): the defaults (GCM, DEFAULT, empty
// IV and AAD) complete the arguments and show in the column name, as Spark's auxiliary
// constructors put them there.
func init() {
	bin := coercion.Exact(types.Binary)
	str := coercion.AnyString
	empty := func() plan.Expr { return stringLit("") }
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		total := 6
		if name != "aes_encrypt" {
			total = 5
		}
		counts := make([]int, 0, total-1)
		for n := 2; n <= total; n++ {
			counts = append(counts, n)
		}
		if err := arity(name, args, counts...); err != nil {
			return nil, err
		}
		defaults := []plan.Expr{stringLit("GCM"), stringLit("DEFAULT"), empty(), empty()}
		full := append([]plan.Expr(nil), args...)
		for len(full) < total {
			full = append(full, defaults[len(full)-2])
		}
		want := []coercion.Expected{bin, bin, str, str, bin, bin}
		req := []string{reqBinary, reqBinary, reqString, reqString, reqBinary, reqBinary}
		x, err := a.implicit(name, full, want[:total], req[:total])
		if err != nil {
			return nil, err
		}
		return &plan.Call{Fn: name, Args: x, Type: types.Binary, Null: true, Display: name}, nil
	}, "aes_encrypt", "aes_decrypt", "try_aes_decrypt")
}

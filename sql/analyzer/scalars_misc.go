package analyzer

import (
	"os"
	"os/user"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Functions Spark rewrites into others (nvl2, equal_null) and the session's current
// database, catalog and user.

// renamed resolves name(args) as the call target(targetArgs) but keeps Spark's column
// name, name(args).
func (a *analyzer) renamed(name, target string, args, targetArgs []plan.Expr) (plan.Expr, error) {
	r, err := a.call(target, targetArgs, nil)
	if err != nil {
		return nil, err
	}
	if c, ok := r.(*plan.Call); ok {
		c.Form, c.Display = plan.FormBare, callText(name, args)
	}
	return r, nil
}

// currentUser is Spark's current user: SPARK_USER, else the user running the server.
func currentUser() string {
	if u := os.Getenv("SPARK_USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// sessionConstant is a string the session fixes (current_database(), current_user(), ...)
// under the name Spark shows.
func sessionConstant(display, value string) plan.Expr {
	return &plan.Call{Fn: "coalesce", Args: []plan.Expr{stringLit(value)}, Type: types.String, Form: plan.FormBare, Display: display}
}

func init() {
	// nvl2(x, a, b) is IF(x IS NOT NULL, a, b).
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 3); err != nil {
			return nil, err
		}
		cond := &plan.Call{Fn: "isnotnull", Args: args[:1], Type: types.Boolean, Form: plan.FormPostfix, Display: "IS NOT NULL"}
		return a.renamed(name, "if", args, []plan.Expr{cond, args[1], args[2]})
	}, "nvl2")
	// equal_null(a, b) is a <=> b.
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 2); err != nil {
			return nil, err
		}
		return a.renamed(name, "<=>", args, args)
	}, "equal_null")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0); err != nil {
			return nil, err
		}
		db := "default"
		if c, ok := a.opts.Catalog.(interface{ CurrentDatabase() string }); ok {
			db = c.CurrentDatabase()
		}
		return sessionConstant(name+"()", db), nil
	}, "current_database", "current_schema")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0); err != nil {
			return nil, err
		}
		return sessionConstant(name+"()", "spark_catalog"), nil
	}, "current_catalog")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0); err != nil {
			return nil, err
		}
		return sessionConstant(name+"()", currentUser()), nil
	}, "current_user", "user", "session_user")
}

// sentences(str[, language[, country]]): the words of each sentence; the locale arguments
// default to ” and show in the column name.
func init() {
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 1, 2, 3); err != nil {
			return nil, err
		}
		full := append([]plan.Expr(nil), args...)
		for len(full) < 3 {
			full = append(full, stringLit(""))
		}
		x, err := a.implicit(name, full, []coercion.Expected{coercion.AnyString}, []string{reqString})
		if err != nil {
			return nil, err
		}
		str := plan.TypeOf(x[0])
		t := types.ArrayType{ElementType: types.ArrayType{ElementType: str}}
		return &plan.Call{Fn: "sentences", Args: x, Type: t, Null: plan.NullableOf(x[0]), Display: name}, nil
	}, "sentences")
}

// confLegacyRaiseError makes raise_error and assert_true raise a plain
// java.lang.RuntimeException with the message instead of USER_RAISED_EXCEPTION (Spark picks
// the error class when it builds the expression).
const confLegacyRaiseError = "spark.sql.legacy.raiseErrorWithoutErrorClass"

// raiseErrorFn is the kernel of raise_error or assert_true (fn) for the session: the
// legacy_ form under spark.sql.legacy.raiseErrorWithoutErrorClass.
func (a *analyzer) raiseErrorFn(fn string) string {
	if a.flag(confLegacyRaiseError, false) {
		return "legacy_" + fn
	}
	return fn
}

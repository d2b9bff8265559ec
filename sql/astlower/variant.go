package astlower

import (
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// semiStructuredExtract lowers x:path as Spark's AstBuilder does: a SemiStructuredExtract
// of x and the JSON path (here the analyzer's __semi_structured_extract), aliased by the
// path's last field name when it has one.
func (o Options) semiStructuredExtract(e *ast.SemiStructuredExtract) (plan.Expr, error) {
	x, err := o.Expr(e.X)
	if err != nil {
		return nil, err
	}
	path := &plan.Literal{Type: types.String, Value: e.JSONPath, Text: e.JSONPath}
	var r plan.Expr = fn("__semi_structured_extract", x, path)
	if e.Name != "" {
		r = &plan.Alias{Child: r, Name: e.Name}
	}
	return r, nil
}

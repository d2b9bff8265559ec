package astlower

import (
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// transformBlock lowers a script transformation (SELECT TRANSFORM (...) USING 'cmd' ...,
// MAP ..., REDUCE ...) the way Spark's AstBuilder does: the transformation's expressions
// form an ordinary SELECT block (with its FROM, LATERAL VIEW, WHERE, GROUP BY, HAVING and
// WINDOW clauses) under a ScriptTransform node that runs the command over its rows. The
// parser has already rejected DISTINCT/ALL, SERDE formats, record readers and writers, and
// LINES TERMINATED BY other than '\n'.
func (o Options) transformBlock(s *ast.Select, from plan.Node) (plan.Node, error) {
	tr := s.Transform
	inner := *s
	inner.Transform = nil
	inner.Items = tr.Exprs
	inner.Quantifier = ast.QuantNone
	child, err := o.selectBlock(&inner, from)
	if err != nil {
		return nil, err
	}
	n := &plan.ScriptTransform{
		Child:     child,
		Script:    tr.Script.Value,
		InFormat:  scriptRowFormat(tr.InRowFormat),
		OutFormat: scriptRowFormat(tr.OutRowFormat),
	}
	switch {
	case len(tr.OutputColumns) > 0:
		for _, f := range tr.OutputColumns {
			t, err := o.DataType(f.Type)
			if err != nil {
				return nil, err
			}
			n.Columns = append(n.Columns, plan.ScriptColumn{Name: f.Name.Name,
				Type: types.ReplaceCharVarcharWithString(t), Nullable: !f.NotNull})
		}
	case len(tr.OutputNames) > 0:
		for _, id := range tr.OutputNames {
			n.Columns = append(n.Columns, plan.ScriptColumn{Name: id.Name, Type: types.String, Nullable: true})
		}
	default:
		n.SchemaLess = true
		n.Columns = []plan.ScriptColumn{
			{Name: "key", Type: types.String, Nullable: true},
			{Name: "value", Type: types.String, Nullable: true},
		}
	}
	return n, nil
}

// scriptRowFormat reads ROW FORMAT DELIMITED (nil: none given) with Spark's defaults for
// what it leaves out.
func scriptRowFormat(rf *ast.RowFormat) plan.ScriptRowFormat {
	f := plan.DefaultScriptRowFormat()
	if rf == nil {
		return f
	}
	entry := func(tok string, lit *ast.Literal, dst *string) {
		if lit == nil {
			return
		}
		f.Entries = append(f.Entries, [2]string{tok, lit.Value})
		if dst != nil {
			*dst = lit.Value
		}
	}
	entry("TOK_TABLEROWFORMATFIELD", rf.FieldsTerm, &f.Field)
	entry("TOK_TABLEROWFORMATCOLLITEMS", rf.CollItems, nil)
	entry("TOK_TABLEROWFORMATMAPKEYS", rf.MapKeys, nil)
	entry("TOK_TABLEROWFORMATNULL", rf.NullDefined, &f.Null)
	entry("TOK_TABLEROWFORMATLINES", rf.LinesTerm, &f.Line)
	return f
}

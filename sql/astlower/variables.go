package astlower

import (
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
)

// sourceText is the part of the statement text a node spans ("" when unknown).
func sourceText(n ast.Node, text string) string {
	start, end := n.Pos().Offset, n.End().Offset
	if start < 0 || end > len(text) || start >= end {
		return ""
	}
	return text[start:end]
}

// declareVariable lowers DECLARE [OR REPLACE] [VARIABLE] name, ... [type] [DEFAULT expr].
func (o Options) declareVariable(s *ast.DeclareVariable, text string) (plan.Node, error) {
	d := &plan.DeclareVariable{Replace: s.OrReplace}
	all := s.Names
	if len(all) == 0 {
		all = [][]*ast.Ident{s.Name}
	}
	for _, n := range all {
		d.Names = append(d.Names, names(n))
	}
	if s.Type != nil {
		t, err := o.DataType(s.Type)
		if err != nil {
			return nil, err
		}
		d.Type = t
	}
	if s.Default != nil {
		e, err := o.Expr(s.Default)
		if err != nil {
			return nil, err
		}
		d.Default = e
		d.DefaultSQL = sourceText(s.Default, text)
	}
	return d, nil
}

// setVariable lowers SET VAR[IABLE] a = expr, ... and SET VAR (a, ...) = (query).
func (o Options) setVariable(s *ast.Set) (plan.Node, error) {
	sv := &plan.SetVariable{}
	if s.Kind == ast.SetVariableQuery {
		for _, t := range s.Targets {
			sv.Targets = append(sv.Targets, names(t))
		}
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		sv.Query = q
		return sv, nil
	}
	for _, a := range s.Assignments {
		sv.Targets = append(sv.Targets, names(a.Target))
		if a.Default {
			sv.Values = append(sv.Values, nil)
			continue
		}
		e, err := o.Expr(a.Value)
		if err != nil {
			return nil, err
		}
		sv.Values = append(sv.Values, e)
	}
	return sv, nil
}

// executeImmediate lowers EXECUTE IMMEDIATE; the statement it names is parsed when it runs.
func (o Options) executeImmediate(s *ast.ExecuteImmediate, text string) (plan.Node, error) {
	q, err := o.Expr(s.Query)
	if err != nil {
		return nil, err
	}
	ei := &plan.ExecuteImmediate{Query: q, QueryText: sourceText(s.Query, text)}
	for _, t := range s.Into {
		ei.Into = append(ei.Into, names(t))
	}
	for _, u := range s.Using {
		e, err := o.Expr(u)
		if err != nil {
			return nil, err
		}
		ei.Using = append(ei.Using, e)
	}
	return ei, nil
}

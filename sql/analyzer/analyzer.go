package analyzer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Options are the session settings the analyzer reads.
type Options struct {
	CaseSensitive bool
}

// Resolve returns the resolved form of n.
func Resolve(n plan.Node, opts Options) (plan.Node, error) {
	a := &analyzer{opts: opts}
	return a.node(n)
}

type analyzer struct{ opts Options }

func (a *analyzer) node(n plan.Node) (plan.Node, error) {
	switch n := n.(type) {
	case plan.OneRow:
		return n, nil
	case *plan.Range:
		if n.Step == 0 {
			return nil, sparkerror.New(sparkerror.IllegalArgument, "FAILED_FUNCTION_CALL", "38000",
				"Failed preparing of the function `range` for call. Please, double check function's arguments.",
				map[string]string{"funcName": "`range`"})
		}
		return n, nil
	case *plan.LocalData:
		if n.Schema != nil && len(n.Schema.Fields) != len(n.ArrowSchema.Fields()) {
			return nil, sparkerror.InvalidPlanInput("local relation: the schema has %d columns but the data has %d",
				len(n.Schema.Fields), len(n.ArrowSchema.Fields()))
		}
		return n, nil
	case *plan.Project:
		child, err := a.node(n.Child)
		if err != nil {
			return nil, err
		}
		input := SchemaOf(child)
		var out []plan.Expr
		for _, e := range n.Exprs {
			if star, ok := e.(*plan.Star); ok {
				if len(star.Qualifier) > 0 {
					return nil, sparkerror.NotImplemented("qualified star (" + star.String() + ")")
				}
				for i, f := range input.Fields {
					out = append(out, &plan.Bound{Index: i, Name: f.Name, Type: f.DataType, Nullable: f.Nullable})
				}
				continue
			}
			r, err := a.expr(e, input)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return &plan.Project{Child: child, Exprs: out}, nil
	case *plan.RenameColumns:
		child, err := a.node(n.Child)
		if err != nil {
			return nil, err
		}
		if have := len(SchemaOf(child).Fields); have != len(n.Names) {
			// Spark raises a plain IllegalArgumentException here, with no error class.
			return nil, &sparkerror.Error{Kind: sparkerror.IllegalArgument, Message: fmt.Sprintf("The number of columns doesn't match.\nOld column names (%d): %s\nNew column names (%d): %s",
				have, strings.Join(SchemaOf(child).FieldNames(), ", "), len(n.Names), strings.Join(n.Names, ", "))}
		}
		return &plan.RenameColumns{Child: child, Names: n.Names}, nil
	case *plan.ShowString:
		child, err := a.node(n.Child)
		if err != nil {
			return nil, err
		}
		return &plan.ShowString{Child: child, NumRows: n.NumRows, Truncate: n.Truncate, Vertical: n.Vertical}, nil
	case *plan.Limit:
		child, err := a.node(n.Child)
		if err != nil {
			return nil, err
		}
		return &plan.Limit{Child: child, N: n.N}, nil
	}
	return nil, sparkerror.InternalError("analyzer: unknown plan node %T", n)
}

// SchemaOf is the output schema of a resolved node.
func SchemaOf(n plan.Node) *types.StructType {
	switch n := n.(type) {
	case plan.OneRow:
		return types.NewStruct()
	case *plan.Range:
		return types.NewStruct(types.NewField("id", types.Long, false))
	case *plan.LocalData:
		if n.Schema != nil {
			return n.Schema
		}
		st, err := types.FromArrowSchema(n.ArrowSchema)
		if err != nil {
			return types.NewStruct()
		}
		return st
	case *plan.Project:
		st := types.NewStruct()
		for _, e := range n.Exprs {
			dt, nullable := TypeOf(e)
			st = st.Add(types.NewField(plan.OutputName(e), dt, nullable))
		}
		return st
	case *plan.RenameColumns:
		in := SchemaOf(n.Child)
		st := types.NewStruct()
		for i, f := range in.Fields {
			f.Name = n.Names[i]
			st = st.Add(f)
		}
		return st
	case *plan.ShowString:
		return types.NewStruct(types.NewField("show_string", types.String, true))
	case *plan.Limit:
		return SchemaOf(n.Child)
	}
	return types.NewStruct()
}

// TypeOf is the type and nullability of a resolved expression.
func TypeOf(e plan.Expr) (types.DataType, bool) {
	switch e := e.(type) {
	case *plan.Literal:
		return e.Type, e.Value == nil
	case *plan.Bound:
		return e.Type, e.Nullable
	case *plan.Typed:
		return e.Type, e.Nullable
	case *plan.Alias:
		return TypeOf(e.Child)
	}
	return types.Null, true
}

func (a *analyzer) expr(e plan.Expr, input *types.StructType) (plan.Expr, error) {
	switch e := e.(type) {
	case *plan.Literal, *plan.Bound, *plan.Typed:
		return e, nil
	case *plan.Alias:
		c, err := a.expr(e.Child, input)
		if err != nil {
			return nil, err
		}
		return &plan.Alias{Child: c, Name: e.Name}, nil
	case *plan.Column:
		return a.column(e, input)
	case *plan.Call:
		args := make([]plan.Expr, len(e.Args))
		for i, arg := range e.Args {
			r, err := a.expr(arg, input)
			if err != nil {
				return nil, err
			}
			args[i] = r
		}
		return resolveCall(e, args)
	case *plan.Star:
		return nil, sparkerror.New(sparkerror.Analysis, "INVALID_USAGE_OF_STAR_OR_REGEX", "42000",
			"Invalid usage of <elem> in <prettyName>.", map[string]string{"elem": "'*'", "prettyName": "expression"})
	}
	return nil, sparkerror.InternalError("analyzer: unknown expression %T", e)
}

func (a *analyzer) column(c *plan.Column, input *types.StructType) (plan.Expr, error) {
	if len(c.NameParts) != 1 {
		return nil, sparkerror.NotImplemented("qualified column names and struct field access (" + c.String() + ")")
	}
	name := c.NameParts[0]
	var hits []int
	for i, f := range input.Fields {
		if f.Name == name || (!a.opts.CaseSensitive && strings.EqualFold(f.Name, name)) {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 1:
		f := input.Fields[hits[0]]
		return &plan.Bound{Index: hits[0], Name: f.Name, Type: f.DataType, Nullable: f.Nullable}, nil
	case 0:
		return nil, unresolvedColumn(name, input.FieldNames())
	}
	return nil, sparkerror.New(sparkerror.Analysis, "AMBIGUOUS_REFERENCE", "42704",
		"Reference <name> is ambiguous, could be: <referenceNames>.",
		map[string]string{"name": quoteID(name), "referenceNames": "[" + strings.Join(slices.Repeat([]string{quoteID(name)}, len(hits)), ", ") + "]"})
}

// unresolvedColumn is Spark's UNRESOLVED_COLUMN with the closest names as suggestions.
func unresolvedColumn(name string, candidates []string) error {
	params := map[string]string{"objectName": quoteID(name)}
	if len(candidates) == 0 {
		return sparkerror.New(sparkerror.Analysis, "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "42703",
			"A column, variable, or function parameter with name <objectName> cannot be resolved. ", params)
	}
	sorted := slices.Clone(candidates)
	slices.SortStableFunc(sorted, func(x, y string) int {
		return levenshtein(strings.ToLower(name), strings.ToLower(x)) - levenshtein(strings.ToLower(name), strings.ToLower(y))
	})
	if len(sorted) > 5 {
		sorted = sorted[:5]
	}
	quoted := make([]string, len(sorted))
	for i, s := range sorted {
		quoted[i] = quoteID(s)
	}
	params["proposal"] = strings.Join(quoted, ", ")
	return sparkerror.New(sparkerror.Analysis, "UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703",
		"A column, variable, or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].", params)
}

func quoteID(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

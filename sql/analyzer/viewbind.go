package analyzer

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// ViewBinding is how a view's stored schema binds to its query when the query is
// resolved again (Spark's WITH SCHEMA modes).
type ViewBinding struct {
	// Mode is BINDING, COMPENSATION, TYPE EVOLUTION or EVOLUTION.
	Mode string
	// Schema is the view's stored schema; QueryColumns the names of the query's output
	// columns when the view was stored, one per schema field.
	Schema       *types.StructType
	QueryColumns []string
	// DDL is the CREATE OR REPLACE VIEW statement Spark suggests when the query no longer
	// fits ("" for temporary views).
	DDL string
	// Sync records a new schema for the evolution modes (nil to keep it).
	Sync func(st *types.StructType, queryColumns []string)
}

// bindView projects a view's freshly resolved query onto its stored schema: columns are
// picked by their recorded names and cast as the mode allows.
func (a *analyzer) bindView(child plan.Node, rel *Relation) (plan.Node, error) {
	b := rel.Binding
	out := child.Output()
	if b.Mode == "EVOLUTION" {
		st := types.NewStruct()
		names := make([]string, len(out))
		seen := map[string]bool{}
		for i, o := range out {
			if seen[strings.ToLower(o.Name)] {
				return nil, analysisError("COLUMN_ALREADY_EXISTS", "42711",
					"The column <columnName> already exists. Choose another name or rename the existing column.",
					map[string]string{"columnName": quoteID(strings.ToLower(o.Name))})
			}
			seen[strings.ToLower(o.Name)] = true
			f := types.NewField(o.Name, o.Type, o.Null)
			if o.Metadata != "" {
				// The query's column comments evolve with it.
				if md, err := types.ParseMetadata(o.Metadata); err == nil {
					f.Metadata = md
				}
			}
			st = st.Add(f)
			names[i] = o.Name
		}
		if b.Sync != nil && (!sameSchema(st, b.Schema) || !sameComments(st, b.Schema)) {
			b.Sync(st, names)
		}
		return child, nil
	}
	cols := b.QueryColumns
	if len(cols) != len(b.Schema.Fields) {
		cols = b.Schema.FieldNames()
	}
	counts := map[string]int{}
	for _, c := range cols {
		counts[strings.ToLower(c)]++
	}
	seen := map[string]int{}
	exprs := make([]plan.Expr, len(cols))
	evolved := types.NewStruct()
	for i, name := range cols {
		field := b.Schema.Fields[i]
		key := strings.ToLower(name)
		var matched []*plan.AttributeRef
		for _, o := range out {
			if strings.EqualFold(o.Name, name) {
				matched = append(matched, o)
			}
		}
		if len(matched) != counts[key] {
			return nil, incompatibleViewSchemaChange(rel, name, counts[key], matched)
		}
		src := matched[seen[key]]
		seen[key]++
		var e plan.Expr = src
		switch b.Mode {
		case "TYPE EVOLUTION":
			f := types.NewField(field.Name, src.Type, src.Null)
			f.Metadata = field.Metadata
			evolved = evolved.Add(f)
		case "COMPENSATION":
			// Compensation casts in ANSI mode whatever the session's mode.
			if !types.Equal(src.Type, field.DataType) {
				if !(coercion.Mode{ANSI: true}).CanCast(src.Type, field.DataType) {
					return nil, castMismatch(src, src.Type, field.DataType, false, true)
				}
				e = &plan.Cast{Child: src, To: field.DataType, Implicit: true, ANSI: true, Null: src.Null}
			}
		default: // BINDING
			if !types.Equal(src.Type, field.DataType) {
				if !coercion.CanUpCast(src.Type, field.DataType) {
					return nil, cannotUpCast(src, field.DataType)
				}
				e = &plan.Cast{Child: src, To: field.DataType, Implicit: true, ANSI: true, Null: src.Null}
			}
		}
		exprs[i] = &plan.Alias{Child: e, Name: field.Name, ID: plan.NewExprID()}
	}
	if b.Mode == "TYPE EVOLUTION" && b.Sync != nil && !sameSchema(evolved, b.Schema) {
		b.Sync(evolved, cols)
	}
	return &plan.Project{Child: child, Exprs: exprs}, nil
}

// pinViewMode fixes the ANSI mode of a view's resolved query to the one it was analyzed
// with (the view's captured spark.sql.ansi.enabled), as Spark's expressions keep the
// mode they were created in: casts and calls that would otherwise follow the session's
// mode when run get the view's. Those already marked ANSI (store assignment, the try_
// functions) keep it. Expressions the resolution took over from a stored view plan
// (resolved calls pass through unchanged) are shared with the catalog, so they and
// what is below them are left alone; what the resolution made is this query's own.
func pinViewMode(n plan.Node, ansi bool, shared map[plan.Expr]bool) {
	var walk func(plan.Node)
	pin := func(e plan.Expr) bool {
		if shared[e] {
			return false
		}
		switch x := e.(type) {
		case *plan.Cast:
			if !x.ANSI && !x.Try {
				if ansi {
					x.ANSI = x.Implicit
				} else {
					x.Legacy = true
				}
			}
		case *plan.Call:
			if !x.ANSI {
				if ansi {
					x.ANSI = true
				} else {
					x.Legacy = true
				}
			}
		}
		if s := plan.SubqueryOf(e); s != nil {
			walk(s.Plan)
		}
		return true
	}
	walk = func(n plan.Node) {
		for _, e := range plan.Expressions(n) {
			plan.Walk(e, pin)
		}
		for _, c := range n.Children() {
			walk(c)
		}
	}
	walk(n)
}

// collectStoredExprs adds the expressions of a stored (unresolved) view plan that the
// analyzer may take over as they are to shared.
func collectStoredExprs(n plan.Node, shared map[plan.Expr]bool) {
	if n == nil {
		return
	}
	for _, e := range plan.Expressions(n) {
		plan.Walk(e, func(x plan.Expr) bool {
			switch x.(type) {
			case *plan.Call, *plan.Cast, *plan.AggregateCall, *plan.WindowCall:
				shared[x] = true
			}
			if s := plan.SubqueryOf(x); s != nil {
				collectStoredExprs(s.Plan, shared)
			}
			return true
		})
	}
	for _, c := range n.Children() {
		collectStoredExprs(c, shared)
	}
}

func sameSchema(a, b *types.StructType) bool {
	if a == nil || b == nil || len(a.Fields) != len(b.Fields) {
		return false
	}
	for i := range a.Fields {
		if a.Fields[i].Name != b.Fields[i].Name || !types.Equal(a.Fields[i].DataType, b.Fields[i].DataType) {
			return false
		}
	}
	return true
}

// sameComments tells whether two schemas of as many fields have the same column comments.
func sameComments(a, b *types.StructType) bool {
	for i := range a.Fields {
		ca, okA := a.Fields[i].Comment()
		cb, okB := b.Fields[i].Comment()
		if okA != okB || ca != cb {
			return false
		}
	}
	return true
}

func incompatibleViewSchemaChange(rel *Relation, col string, expected int, matched []*plan.AttributeRef) error {
	names := make([]string, len(matched))
	for i, m := range matched {
		names[i] = m.Name
	}
	params := map[string]string{"viewName": QuoteName(rel.QualifiedName), "colName": col,
		"expectedNum": strconv.Itoa(expected), "actualCols": "[" + strings.Join(names, ",") + "]"}
	if rel.Binding.DDL != "" {
		params["suggestion"] = rel.Binding.DDL
		return analysisError("INCOMPATIBLE_VIEW_SCHEMA_CHANGE", "51024",
			"The SQL query of view <viewName> has an incompatible schema change and column <colName> cannot be resolved. Expected <expectedNum> columns named <colName> but got <actualCols>.\nPlease try to re-create the view by running: <suggestion>.", params)
	}
	return analysisError("INCOMPATIBLE_VIEW_SCHEMA_CHANGE", "51024",
		"The SQL query of view <viewName> has an incompatible schema change and column <colName> cannot be resolved. Expected <expectedNum> columns named <colName> but got <actualCols>.", params)
}

func cannotUpCast(src *plan.AttributeRef, to types.DataType) error {
	name := strings.Join(append(append([]string(nil), src.Qualifier...), src.Name), ".")
	return analysisError("CANNOT_UP_CAST_DATATYPE", "42846",
		"Cannot up cast <expression> from <sourceType> to <targetType>.\n<details>",
		map[string]string{"expression": name, "sourceType": sqlType(src.Type), "targetType": sqlType(to),
			"details": "The type path of the target object is:\n\nYou can either add an explicit cast to the input data or choose a higher precision type of the field in the target object"})
}

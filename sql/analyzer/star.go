package analyzer

import (
	"strings"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// expandArgStars replaces each * or t.* among a function's arguments (or an IN list) by
// the columns it stands for, as Spark's expandStarExpression does: array(*), struct(*),
// coalesce(* EXCEPT (a)), 5 IN (*). count(*) is count(1) before this; count(t.*) alone is
// refused (spark.sql.legacy.allowStarWithSingleTableIdentifierInCount is false).
func (a *analyzer) expandArgStars(name string, args []plan.Expr, sc *scope) ([]plan.Expr, error) {
	has := false
	for _, x := range args {
		_, star := x.(*plan.UnresolvedStar)
		_, regex := a.regexColumn(x)
		if star || regex {
			has = true
			break
		}
	}
	if !has || sc == nil {
		return args, nil
	}
	if name == "count" && len(args) == 1 {
		if s := args[0].(*plan.UnresolvedStar); len(s.Target) > 0 && a.qualifiesTable(s.Target, sc) {
			return nil, analysisError("_LEGACY_ERROR_TEMP_1021", "",
				"count(<targetString>.*) is not allowed. Please use count(*) or expand the columns manually, e.g. count(col1, col2).",
				map[string]string{"targetString": strings.Join(s.Target, ".")})
		}
	}
	out := make([]plan.Expr, 0, len(args))
	for _, x := range args {
		if c, ok := a.regexColumn(x); ok {
			cols, err := a.expandRegexColumn(c, sc)
			if err != nil {
				return nil, err
			}
			out = append(out, cols...)
			continue
		}
		s, ok := x.(*plan.UnresolvedStar)
		if !ok {
			out = append(out, x)
			continue
		}
		cols, err := a.expandStar(s, sc)
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			// The fields of a struct's s.* come as aliases; as arguments, struct() takes
			// their names and other functions the values.
			if al, ok := c.(*plan.Alias); ok && name != "struct" {
				c = al.Child
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// qualifiesTable reports whether target names a relation in scope (t in t.*), rather than
// a struct column.
func (a *analyzer) qualifiesTable(target []string, sc *scope) bool {
	for _, at := range append(append([]*plan.AttributeRef(nil), sc.hidden...), sc.attrs...) {
		if a.matchQualifier(at, target) {
			return true
		}
	}
	return false
}

// outerStar expands t.* where t is a relation of an enclosing query (a LATERAL subquery's
// SELECT t.*): outer references to its columns, named as the columns.
func (a *analyzer) outerStar(target []string, sc *scope) []plan.Expr {
	if sc == nil {
		return nil
	}
	// Only the query right outside: Spark expands a star against its one outer plan, so
	// t1.* two LATERAL levels down does not reach t1.
	s := sc.outer
	if s == nil {
		return nil
	}
	var out []plan.Expr
	for _, at := range append(append([]*plan.AttributeRef(nil), s.hidden...), s.attrs...) {
		if a.matchQualifier(at, target) {
			out = append(out, &plan.Alias{Child: &plan.OuterRef{Attr: at}, Name: at.Name, ID: plan.NewExprID()})
		}
	}
	return out
}

// exceptColumns drops the EXCEPT columns from the columns a star expanded to, as Spark's
// UnresolvedStarExceptOrReplace does: a name resolves among those columns; a nested field
// (data.f1) rewrites its struct column without the field.
func (a *analyzer) exceptColumns(cols []plan.Expr, excepts [][]string) ([]plan.Expr, error) {
	attrs := make([]*plan.AttributeRef, len(cols))
	for i, c := range cols {
		attrs[i] = columnAttr(c)
	}
	pairs := make([]exceptPath, 0, len(excepts))
	for _, ex := range excepts {
		hits, rest := a.resolveIn(attrs, ex)
		if len(hits) == 0 {
			return nil, unresolvedColumn(ex, candidates(attrs))
		}
		if len(hits) > 1 {
			return nil, ambiguousReference(ex[:len(ex)-len(rest)], hits)
		}
		path, err := a.exceptFieldPath(hits[0], rest)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, exceptPath{id: hits[0].ID, path: path})
	}
	return a.filterExcepted(cols, pairs, excepts)
}

// exceptPath is one EXCEPT entry: the column and the path of struct fields within it.
type exceptPath struct {
	id   plan.ExprID
	path []string
}

// columnAttr is the column a star item stands for (struct fields come as aliases).
func columnAttr(e plan.Expr) *plan.AttributeRef {
	switch x := e.(type) {
	case *plan.AttributeRef:
		return x
	case *plan.Alias:
		return plan.ToAttribute(x)
	}
	return &plan.AttributeRef{Name: e.String(), Type: plan.TypeOf(e), Null: plan.NullableOf(e), ID: plan.NewExprID()}
}

// exceptFieldPath checks the struct fields an EXCEPT entry names inside a column, and
// returns them with the case of the schema.
func (a *analyzer) exceptFieldPath(at *plan.AttributeRef, fields []string) ([]string, error) {
	if len(fields) == 0 {
		return nil, nil
	}
	// The errors of the field accesses themselves come first (FIELD_NOT_FOUND, ...).
	e, err := a.extractFields(at, fields)
	if err != nil {
		return nil, err
	}
	path := make([]string, 0, len(fields))
	t := at.Type
	for _, f := range fields {
		st, ok := t.(*types.StructType)
		if !ok {
			return nil, analysisError("EXCEPT_NESTED_COLUMN_INVALID_TYPE", "0A000",
				"EXCEPT column <columnName> was resolved and expected to be StructType, but found type <dataType>.",
				map[string]string{"columnName": e.String(), "dataType": t.SQL()})
		}
		for _, sf := range st.Fields {
			if a.equalNames(sf.Name, f) {
				path = append(path, sf.Name)
				t = sf.DataType
				break
			}
		}
	}
	return path, nil
}

// filterExcepted drops or rewrites the columns the EXCEPT paths name.
func (a *analyzer) filterExcepted(cols []plan.Expr, pairs []exceptPath, excepts [][]string) ([]plan.Expr, error) {
	byID := map[plan.ExprID][][]string{}
	for _, p := range pairs {
		byID[p.id] = append(byID[p.id], p.path)
	}
	var out []plan.Expr
	for _, c := range cols {
		at := columnAttr(c)
		paths, ok := byID[at.ID]
		if !ok {
			out = append(out, c)
			continue
		}
		nested := true
		for _, p := range paths {
			if len(p) == 0 {
				nested = false
			}
		}
		if !nested {
			if len(paths) > 1 {
				names := make([]string, len(excepts))
				for i, ex := range excepts {
					names[i] = strings.Join(ex, ".")
				}
				return nil, analysisError("EXCEPT_OVERLAPPING_COLUMNS", "42702",
					"Columns in an EXCEPT list must be distinct and non-overlapping, but got (<columns>).",
					map[string]string{"columns": strings.Join(names, ", ")})
			}
			continue // the column itself is excepted
		}
		// Rebuild the struct from its fields, without the excepted ones.
		st := plan.TypeOf(c).(*types.StructType)
		value := stripAlias(c)
		fields := make([]plan.Expr, len(st.Fields))
		var sub []exceptPath
		for i, f := range st.Fields {
			fe, err := a.extractField(value, f.Name)
			if err != nil {
				return nil, err
			}
			al := &plan.Alias{Child: fe, Name: f.Name, ID: plan.NewExprID()}
			fields[i] = al
			for _, p := range paths {
				if a.equalNames(p[0], f.Name) {
					sub = append(sub, exceptPath{id: al.ID, path: p[1:]})
				}
			}
		}
		kept, err := a.filterExcepted(fields, sub, excepts)
		if err != nil {
			return nil, err
		}
		args := make([]plan.Expr, 0, 2*len(kept))
		for _, k := range kept {
			al := k.(*plan.Alias)
			args = append(args, stringLit(al.Name), al.Child)
		}
		fn := "named_struct"
		if len(args) == 0 {
			fn = "struct" // every field excepted: an empty struct
		}
		ns, err := a.call(fn, args, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, &plan.Alias{Child: ns, Name: at.Name, ID: plan.NewExprID()})
	}
	return out, nil
}

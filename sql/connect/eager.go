package connect

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/coercion"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Relations Spark builds from the analyzed schema of their input (its eager Dataset
// methods): the input is resolved here to read its columns, and the result is an ordinary
// unresolved plan over the unresolved input, which the analyzer resolves again the same
// way.

// analyzed resolves a lowered plan with the session's analyzer settings.
func (l *lowerer) analyzed(n plan.Node, what string) (plan.Node, error) {
	if l.Analysis == nil {
		return nil, sparkerror.InternalError("lowering %s needs the session's analyzer settings (Lowering.Analysis is not set)", what)
	}
	return analyzer.Resolve(n, *l.Analysis)
}

func (l *lowerer) caseSensitive() bool { return l.Analysis != nil && l.Analysis.CaseSensitive }

// equalNames compares column names with the session's resolver.
func (l *lowerer) equalNames(a, b string) bool {
	if l.caseSensitive() {
		return a == b
	}
	return strings.EqualFold(a, b)
}

// columnSet refers to each column of a resolved input by position. Column i is refs[i]
// evaluated over base: a name (qualified where that tells equal names apart) over the
// input itself, or, when some column cannot be named unambiguously, a generated unique
// name over the input with all its columns renamed (renamed is then set, and the
// columns lose their qualifiers, which a name cannot keep through a rename).
type columnSet struct {
	base    plan.Node
	refs    []plan.Expr
	out     []*plan.AttributeRef
	renamed bool
}

// keep is column i as it is, under its own name.
func (c *columnSet) keep(i int) plan.Expr {
	if !c.renamed {
		return c.refs[i]
	}
	return &plan.Alias{Child: c.refs[i], Name: c.out[i].Name, Metadata: c.out[i].Metadata}
}

// all is every column as it is.
func (c *columnSet) all() []plan.Expr {
	out := make([]plan.Expr, len(c.out))
	for i := range c.out {
		out[i] = c.keep(i)
	}
	return out
}

// positionalName is the generated name of column i of a renamed input.
func positionalName(i int) string { return fmt.Sprintf("__col%d", i) }

func (l *lowerer) columnRefs(child plan.Node, out []*plan.AttributeRef) *columnSet {
	refs := make([]plan.Expr, len(out))
	ok := true
	for i, a := range out {
		if refs[i] = l.uniqueRef(out, a); refs[i] == nil {
			ok = false
			break
		}
	}
	if ok {
		return &columnSet{base: child, refs: refs, out: out}
	}
	names := make([]string, len(out))
	for i := range out {
		names[i] = positionalName(i)
		refs[i] = &plan.UnresolvedColumn{Parts: []string{names[i]}}
	}
	return &columnSet{base: &plan.RenameColumns{Child: child, Names: names}, refs: refs, out: out, renamed: true}
}

// uniqueRef is a name that resolves to exactly the column a among out, or nil.
func (l *lowerer) uniqueRef(out []*plan.AttributeRef, a *plan.AttributeRef) plan.Expr {
	same := 0
	for _, b := range out {
		if l.equalNames(a.Name, b.Name) {
			same++
		}
	}
	if same == 1 {
		return &plan.UnresolvedColumn{Parts: []string{a.Name}}
	}
	// The analyzer reads at most three qualifier parts, matched as a suffix.
	q := a.Qualifier
	if len(q) > 3 {
		q = q[len(q)-3:]
	}
	if len(q) == 0 {
		return nil
	}
	matches := 0
	for _, b := range out {
		if l.equalNames(a.Name, b.Name) && l.qualifierEndsWith(b.Qualifier, q) {
			matches++
		}
	}
	if matches != 1 {
		return nil
	}
	return &plan.UnresolvedColumn{Parts: append(append([]string(nil), q...), a.Name)}
}

func (l *lowerer) qualifierEndsWith(q, suffix []string) bool {
	if len(suffix) > len(q) {
		return false
	}
	off := len(q) - len(suffix)
	for i, p := range suffix {
		if !l.equalNames(q[off+i], p) {
			return false
		}
	}
	return true
}

// orderable is RowOrdering.isOrderable.
func orderable(t types.DataType) bool { return coercion.IsOrderable(t) }

// expandRegex replaces colRegex patterns of a select list by the input columns whose
// names match, as Spark's UnresolvedRegex expands.
func (l *lowerer) expandRegex(child plan.Node, exprs []plan.Expr) ([]plan.Expr, error) {
	has := false
	for _, e := range exprs {
		if _, ok := e.(*regexColumn); ok {
			has = true
		} else if err := checkNoRegex(e); err != nil {
			return nil, err
		}
	}
	if !has {
		return exprs, nil
	}
	resolved, err := l.analyzed(child, "colRegex")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	var expanded []plan.Expr
	for _, e := range exprs {
		r, ok := e.(*regexColumn)
		if !ok {
			expanded = append(expanded, e)
			continue
		}
		pattern := r.Pattern
		if !l.caseSensitive() {
			pattern = "(?i)" + pattern
		}
		re, err := regexp.Compile("^(?:" + pattern + ")$")
		if err != nil {
			return nil, sparkerror.New(sparkerror.Analysis, "INVALID_USAGE_OF_STAR_OR_REGEX", "42000",
				"Invalid usage of <elem> in <prettyName>.",
				map[string]string{"elem": "regular expression '" + r.Pattern + "'", "prettyName": "colRegex"})
		}
		for _, a := range out {
			if r.Table != "" && (len(a.Qualifier) == 0 || !l.equalNames(a.Qualifier[len(a.Qualifier)-1], r.Table)) {
				continue
			}
			if !re.MatchString(a.Name) {
				continue
			}
			ref := l.uniqueRef(out, a)
			if ref == nil {
				return nil, sparkerror.NotImplemented(fmt.Sprintf("colRegex selecting one of several columns named %s", quoteIdentifier(a.Name)))
			}
			expanded = append(expanded, ref)
		}
	}
	return expanded, nil
}

// drop is Dataset.drop: first the columns given as expressions (those that resolve to
// a column of the input; others are ignored), then the columns named (every column of
// that name; unknown names are ignored).
func (l *lowerer) drop(d *connectpb.Drop) (plan.Node, error) {
	child, err := l.input(d.GetInput(), "drop")
	if err != nil {
		return nil, err
	}
	cols, err := l.scalars(d.GetColumns())
	if err != nil {
		return nil, err
	}
	if len(cols) == 0 && len(d.GetColumnNames()) == 0 {
		return child, nil
	}
	resolved, err := l.analyzed(child, "drop")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	dropped := make([]bool, len(out))
	for _, c := range cols {
		if _, isCol := c.(*plan.UnresolvedColumn); !isCol {
			continue
		}
		r, err := analyzer.ResolveExpr(c, resolved, *l.Analysis)
		if err != nil {
			if e, ok := sparkerror.As(err); ok && strings.HasPrefix(e.Class, "UNRESOLVED_COLUMN") {
				continue
			}
			return nil, err
		}
		if at, ok := r.(*plan.AttributeRef); ok {
			for i, o := range out {
				if o.ID == at.ID {
					dropped[i] = true
				}
			}
		}
	}
	for i, o := range out {
		for _, name := range d.GetColumnNames() {
			if l.equalNames(o.Name, name) {
				dropped[i] = true
			}
		}
	}
	if !slices.Contains(dropped, true) {
		return child, nil
	}
	set := l.columnRefs(child, out)
	var exprs []plan.Expr
	for i := range out {
		if !dropped[i] {
			exprs = append(exprs, set.keep(i))
		}
	}
	return &plan.Project{Child: set.base, Exprs: exprs}, nil
}

// checkDuplicateNames is SchemaUtils.checkColumnNameDuplication.
func (l *lowerer) checkDuplicateNames(names []string) error {
	seen := map[string]bool{}
	var dups []string
	for _, n := range names {
		k := n
		if !l.caseSensitive() {
			k = strings.ToLower(n)
		}
		if seen[k] {
			dups = append(dups, k)
		}
		seen[k] = true
	}
	if len(dups) == 0 {
		return nil
	}
	sort.Strings(dups)
	return sparkerror.New(sparkerror.Analysis, "COLUMN_ALREADY_EXISTS", "42711",
		"The column <columnName> already exists. Choose another name or rename the existing column.",
		map[string]string{"columnName": quoteIdentifier(dups[0])})
}

// withColumns is Dataset.withColumns: a column whose name exists replaces it in place
// (every column of that name), the others are added at the end.
func (l *lowerer) withColumns(w *connectpb.WithColumns) (plan.Node, error) {
	child, err := l.input(w.GetInput(), "withColumns")
	if err != nil {
		return nil, err
	}
	names := make([]string, len(w.GetAliases()))
	exprs := make([]plan.Expr, len(w.GetAliases()))
	metadata := make([]string, len(w.GetAliases()))
	for i, a := range w.GetAliases() {
		if len(a.GetName()) != 1 {
			return nil, sparkerror.InvalidPlanInput("withColumns require column name only contains one name part, but got %v", a.GetName())
		}
		names[i] = a.GetName()[0]
		if exprs[i], err = l.scalar(a.GetExpr()); err != nil {
			return nil, err
		}
		if a.GetMetadata() != "" {
			md, err := types.ParseMetadata(a.GetMetadata())
			if err != nil {
				return nil, err
			}
			metadata[i] = md.JSON()
		}
	}
	if len(names) == 0 {
		return child, nil
	}
	if err := l.checkDuplicateNames(names); err != nil {
		return nil, err
	}
	resolved, err := l.analyzed(child, "withColumns")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	set := l.columnRefs(child, out)
	// value is the new column j as an expression over the projection's input.
	value := func(j int) plan.Expr { return exprs[j] }
	base := child
	if set.renamed {
		// The new columns are computed over the input first, next to all its columns,
		// then everything is renamed by position.
		pre := []plan.Expr{&plan.UnresolvedStar{}}
		renames := make([]string, 0, len(out)+len(names))
		for i := range out {
			renames = append(renames, positionalName(i))
		}
		for j := range names {
			pre = append(pre, &plan.Alias{Child: exprs[j], Name: fmt.Sprintf("__new%d", j)})
			renames = append(renames, fmt.Sprintf("__new%d", j))
		}
		base = &plan.RenameColumns{Child: &plan.Project{Child: child, Exprs: pre}, Names: renames}
		value = func(j int) plan.Expr { return &plan.UnresolvedColumn{Parts: []string{fmt.Sprintf("__new%d", j)}} }
	}
	used := make([]bool, len(names))
	var list []plan.Expr
	for i, o := range out {
		j := slices.IndexFunc(names, func(n string) bool { return l.equalNames(o.Name, n) })
		if j < 0 {
			list = append(list, set.keep(i))
			continue
		}
		used[j] = true
		list = append(list, &plan.Alias{Child: value(j), Name: names[j], Metadata: metadata[j]})
	}
	for j := range names {
		if !used[j] {
			list = append(list, &plan.Alias{Child: value(j), Name: names[j], Metadata: metadata[j]})
		}
	}
	return &plan.Project{Child: base, Exprs: list}, nil
}

// withColumnsRenamed is Dataset.withColumnsRenamed: each rename in turn renames every
// column of that name; names that do not exist are ignored.
func (l *lowerer) withColumnsRenamed(w *connectpb.WithColumnsRenamed) (plan.Node, error) {
	child, err := l.input(w.GetInput(), "withColumnsRenamed")
	if err != nil {
		return nil, err
	}
	var from, to []string
	if len(w.GetRenames()) > 0 {
		for _, r := range w.GetRenames() {
			from, to = append(from, r.GetColName()), append(to, r.GetNewColName())
		}
	} else {
		// The deprecated map has no order; take its keys sorted.
		keys := make([]string, 0, len(w.GetRenameColumnsMap()))
		for k := range w.GetRenameColumnsMap() {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			from, to = append(from, k), append(to, w.GetRenameColumnsMap()[k])
		}
	}
	if len(from) == 0 {
		return child, nil
	}
	resolved, err := l.analyzed(child, "withColumnsRenamed")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	names := make([]string, len(out))
	hit := make([]bool, len(out))
	for i, o := range out {
		names[i] = o.Name
		for k := range from {
			if l.equalNames(names[i], from[k]) {
				names[i] = to[k]
				hit[i] = true
			}
		}
	}
	if !slices.Contains(hit, true) {
		return child, nil
	}
	set := l.columnRefs(child, out)
	list := make([]plan.Expr, len(out))
	for i, o := range out {
		if !hit[i] {
			list[i] = set.keep(i)
			continue
		}
		list[i] = &plan.Alias{Child: set.refs[i], Name: names[i], Metadata: o.Metadata}
	}
	return &plan.Project{Child: set.base, Exprs: list}, nil
}

// toSchema is Dataset.to(schema): the input's columns matched by name to the schema's
// fields, in the schema's order, cast where the types differ and the cast is a safe
// store assignment; a missing nullable field is NULL.
func (l *lowerer) toSchema(s *connectpb.ToSchema) (plan.Node, error) {
	child, err := l.input(s.GetInput(), "to(schema)")
	if err != nil {
		return nil, err
	}
	if s.GetSchema() == nil {
		return nil, sparkerror.InvalidPlanInput("to(schema): the schema is missing")
	}
	dt, err := FromProto(s.GetSchema())
	if err != nil {
		return nil, err
	}
	st, ok := dt.(*types.StructType)
	if !ok {
		return nil, sparkerror.InvalidPlanInput("to(schema): the schema is %s, not a struct", dt.SQL())
	}
	if hasCharVarchar(st) {
		return nil, sparkerror.New(sparkerror.Analysis, "UNSUPPORTED_CHAR_OR_VARCHAR_AS_STRING", "0A000",
			"The char/varchar type can't be used in the table schema. If you want Spark treat them as string type as same as Spark 3.0 and earlier, please set \"spark.sql.legacy.charVarcharAsString\" to \"true\".", nil)
	}
	resolved, err := l.analyzed(child, "to(schema)")
	if err != nil {
		return nil, err
	}
	out := resolved.Output()
	set := l.columnRefs(child, out)
	list := make([]plan.Expr, len(st.Fields))
	for k, f := range st.Fields {
		var matched []int
		for i, o := range out {
			if l.equalNames(o.Name, f.Name) {
				matched = append(matched, i)
			}
		}
		switch {
		case len(matched) == 0 && f.Nullable:
			list[k] = &plan.Alias{Child: &plan.Literal{Type: f.DataType, Text: "NULL"}, Name: f.Name, Metadata: metadataJSON(f.Metadata)}
			continue
		case len(matched) == 0:
			names := make([]string, len(out))
			for i, o := range out {
				names[i] = quoteIdentifier(o.Name)
			}
			return nil, sparkerror.New(sparkerror.Analysis, "UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703",
				"A column, variable, or function parameter with name <objectName> cannot be resolved. Did you mean one of the following? [<proposal>].",
				map[string]string{"objectName": quoteIdentifier(f.Name), "proposal": strings.Join(names, ", ")})
		case len(matched) > 1:
			return nil, sparkerror.New(sparkerror.Analysis, "AMBIGUOUS_COLUMN_OR_FIELD", "42702",
				"Column or field <name> is ambiguous and has <n> matches.",
				map[string]string{"name": quoteIdentifier(f.Name), "n": fmt.Sprint(len(matched))})
		}
		i := matched[0]
		o := out[i]
		if o.Null && !f.Nullable {
			return nil, sparkerror.New(sparkerror.Analysis, "NULLABLE_COLUMN_OR_FIELD", "42000",
				"Column or field <name> is nullable while it's required to be non-nullable.",
				map[string]string{"name": quoteIdentifier(o.Name)})
		}
		var col plan.Expr = set.refs[i]
		if !types.EqualIgnoreNullability(o.Type, f.DataType) {
			if !types.EqualIgnoreCompatibleNullability(o.Type, f.DataType) && isNested(o.Type) {
				return nil, sparkerror.NotImplemented("to(schema) reconciling the nested fields of " + quoteIdentifier(o.Name))
			}
			if !coercion.CanANSIStoreAssign(o.Type, f.DataType) {
				return nil, sparkerror.New(sparkerror.Analysis, "INVALID_COLUMN_OR_FIELD_DATA_TYPE", "42000",
					"Column or field <name> is of type <type> while it's required to be <expectedType>.",
					map[string]string{"name": quoteIdentifier(o.Name), "type": `"` + o.Type.SQL() + `"`, "expectedType": `"` + f.DataType.SQL() + `"`})
			}
			col = &plan.Cast{Child: col, To: f.DataType}
		}
		md := mergeMetadata(o.Metadata, f.Metadata)
		if _, isRef := col.(*plan.UnresolvedColumn); isRef && !set.renamed && o.Name == f.Name && md == o.Metadata {
			list[k] = col
			continue
		}
		list[k] = &plan.Alias{Child: col, Name: f.Name, Metadata: md}
	}
	return &plan.Project{Child: set.base, Exprs: list}, nil
}

func isNested(t types.DataType) bool {
	switch t.(type) {
	case types.ArrayType, types.MapType, *types.StructType:
		return true
	}
	return false
}

func hasCharVarchar(t types.DataType) bool {
	switch x := t.(type) {
	case types.CharType, types.VarcharType:
		return true
	case types.ArrayType:
		return hasCharVarchar(x.ElementType)
	case types.MapType:
		return hasCharVarchar(x.KeyType) || hasCharVarchar(x.ValueType)
	case *types.StructType:
		for _, f := range x.Fields {
			if hasCharVarchar(f.DataType) {
				return true
			}
		}
	}
	return false
}

func metadataJSON(m types.Metadata) string {
	if m.IsEmpty() {
		return ""
	}
	return m.JSON()
}

// mergeMetadata is the column's metadata overridden key by key by the field's.
func mergeMetadata(column string, field types.Metadata) string {
	if field.IsEmpty() {
		return column
	}
	base := types.Metadata{}
	if column != "" {
		if m, err := types.ParseMetadata(column); err == nil {
			base = m
		}
	}
	for _, k := range field.Keys() {
		v, _ := field.Get(k)
		base = withValue(base, k, v)
	}
	return metadataJSON(base)
}

// withValue sets one metadata key to a value read from another metadata.
func withValue(m types.Metadata, k string, v any) types.Metadata {
	switch x := v.(type) {
	case nil:
		return m.WithNull(k)
	case string:
		return m.WithString(k, x)
	case int64:
		return m.WithLong(k, x)
	case float64:
		return m.WithDouble(k, x)
	case bool:
		return m.WithBoolean(k, x)
	case types.Metadata:
		return m.WithMetadata(k, x)
	}
	if out, ok := m.WithArray(k, v); ok {
		return out
	}
	return m
}

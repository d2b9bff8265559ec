package astlower

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// insert lowers INSERT INTO/OVERWRITE [TABLE] t ... and INSERT OVERWRITE DIRECTORY with q,
// the lowered query that feeds it.
func (o Options) insert(s *ast.Insert, q plan.Node) (plan.Command, error) {
	var err error
	if s.With != nil {
		if q, err = o.withClause(s.With, q); err != nil {
			return nil, err
		}
	}
	if s.Directory {
		d := &plan.InsertDirectory{Local: s.Local, Options: props(s.Options), Query: q}
		if s.Path != nil {
			d.Path = s.Path.Value
		}
		switch {
		case len(s.Using) > 0:
			d.Provider = strings.ToLower(strings.Join(names(s.Using), "."))
		case s.StoredAs != nil:
			d.Provider, d.Hive = strings.ToLower(s.StoredAs.Name), true
		default:
			d.Provider, d.Hive = "textfile", true
		}
		return d, nil
	}
	if s.TableExpr != nil {
		return nil, notImplemented("IDENTIFIER(...) table names")
	}
	part, err := partitionValues(s.Partition)
	if err != nil {
		return nil, err
	}
	if s.ReplaceWhere != nil {
		return nil, notImplemented("INSERT ... REPLACE WHERE")
	}
	return &plan.InsertInto{Table: names(s.Table), Columns: names(s.Columns), Query: q, Overwrite: s.Overwrite,
		ByName: s.ByName, Partition: part, IfPartitionNotExists: s.Overwrite && s.IfNotExists}, nil
}

// multiInsert lowers [WITH ...] FROM src INSERT ... body INSERT ... body: each insert reads
// its body over the FROM clause (under the WITH clause).
func (o Options) multiInsert(m *ast.MultiInsert) (plan.Node, error) {
	out := &plan.MultiInsert{}
	for _, ib := range m.Inserts {
		from, err := o.from(m.From)
		if err != nil {
			return nil, err
		}
		q, err := o.selectBlock(ib.Body.Select, from)
		if err != nil {
			return nil, err
		}
		if ib.Body.Org != nil {
			if q, err = o.organize(q, ib.Body.Org); err != nil {
				return nil, err
			}
		}
		if m.With != nil {
			if q, err = o.withClause(m.With, q); err != nil {
				return nil, err
			}
		}
		ins, err := o.insert(ib.Insert, q)
		if err != nil {
			return nil, err
		}
		out.Inserts = append(out.Inserts, ins)
	}
	return out, nil
}

// cache lowers CACHE [LAZY] TABLE, UNCACHE TABLE and CLEAR CACHE.
func (o Options) cache(s *ast.Cache, text string) (plan.Node, error) {
	switch {
	case s.Clear:
		return &plan.ClearCache{}, nil
	case s.Uncache:
		return &plan.UncacheTable{Name: names(s.Name), IfExists: s.IfExists}, nil
	}
	c := &plan.CacheTable{Name: names(s.Name), Lazy: s.Lazy, Options: props(s.Options)}
	if s.Query != nil {
		if len(c.Name) > 1 {
			return nil, sparkerror.New(sparkerror.Parse, "_LEGACY_ERROR_TEMP_0037", "",
				"It is not allowed to add catalog/namespace prefix <quoted> to the table name in CACHE TABLE AS SELECT.",
				map[string]string{"quoted": quotedName(c.Name[:len(c.Name)-1])})
		}
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		c.Query, c.Text = q, ddlText(text, s.Query.Pos(), s.Query.End())
	}
	return c, nil
}

// quotedName quotes a multi-part name as Spark's quoted does: parts that need it in
// backticks, joined by dots.
func quotedName(parts []string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		if p != "" && strings.IndexFunc(p, func(r rune) bool {
			return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) < 0 {
			out[i] = p
			continue
		}
		out[i] = "`" + strings.ReplaceAll(p, "`", "``") + "`"
	}
	return strings.Join(out, ".")
}

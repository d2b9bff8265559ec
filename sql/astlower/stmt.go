package astlower

import (
	"fmt"
	"strings"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// Statement lowers a statement: a query, or a command. text is the statement's SQL,
// kept for views.
func (o Options) Statement(s ast.Statement, text string) (plan.Node, error) {
	switch s := s.(type) {
	case *ast.Query:
		return o.Query(s)
	case *ast.CreateView:
		name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
		if err != nil {
			return nil, err
		}
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		if s.Collation != nil {
			if q, err = DefaultCollation(q, s.Collation.Name); err != nil {
				return nil, err
			}
		}
		cv := &plan.CreateView{Name: name, Query: q, SQL: text, Replace: s.OrReplace,
			Temporary: s.Temporary, Global: s.Global, IfNotExists: s.IfNotExists,
			Text: ddlText(text, s.Query.Pos(), s.Query.End()), SchemaMode: s.Schema, Props: props(s.Props)}
		if s.Comment != nil {
			cv.Comment = s.Comment.Value
		}
		if s.Collation != nil {
			cv.Collation = s.Collation.Name
		}
		for _, c := range s.Columns {
			cv.Columns = append(cv.Columns, c.Name.Name)
			comment := ""
			if c.Comment != nil {
				comment = c.Comment.Value
			}
			cv.ColumnComments = append(cv.ColumnComments, comment)
		}
		return cv, nil
	case *ast.CreateTable:
		return o.createTable(s, text)
	case *ast.Insert:
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		return o.insert(s, q)
	case *ast.MultiInsert:
		return o.multiInsert(s)
	case *ast.Cache:
		return o.cache(s, text)
	case *ast.Refresh:
		r := &plan.RefreshTable{Function: s.Function}
		if s.Path != nil {
			r.Path = s.Path.Value
			return r, nil
		}
		name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
		if err != nil {
			return nil, err
		}
		r.Name = name
		return r, nil
	case *ast.Drop:
		if s.NameExpr != nil {
			return nil, notImplemented("IDENTIFIER(...) names")
		}
		if s.Kind == ast.DropVariable {
			return &plan.DropVariable{Name: names(s.Name), IfExists: s.IfExists}, nil
		}
		kind := s.Kind.String()
		if kind == "NAMESPACE" {
			kind = "DATABASE"
		}
		return &plan.DropObject{Kind: kind, Name: names(s.Name), IfExists: s.IfExists, Temporary: s.Temporary, Cascade: s.Cascade}, nil
	case *ast.Set:
		switch s.Kind {
		case ast.SetList, ast.SetListVerbose:
			return &plan.SetConfig{List: true, Verbose: s.Kind == ast.SetListVerbose}, nil
		case ast.SetGet:
			return &plan.SetConfig{Key: s.Key}, nil
		case ast.SetConfig:
			return &plan.SetConfig{Key: s.Key, Value: s.Value, HasValue: true}, nil
		case ast.SetTimeZone:
			if s.Local {
				return &plan.SetConfig{Key: "spark.sql.session.timeZone", Reset: true}, nil
			}
			if lit, ok := s.TimeZone.(*ast.Literal); ok && lit.Type == ast.TypeString {
				return &plan.SetConfig{Key: "spark.sql.session.timeZone", Value: lit.Value, HasValue: true}, nil
			}
			return nil, notImplemented("SET TIME ZONE with an interval")
		}
		return o.setVariable(s)
	case *ast.DeclareVariable:
		return o.declareVariable(s, text)
	case *ast.ExecuteImmediate:
		return o.executeImmediate(s, text)
	case *ast.Reset:
		return &plan.SetConfig{Key: s.Key, Reset: true}, nil
	case *ast.Use:
		if s.NameExpr != nil {
			return nil, notImplemented("IDENTIFIER(...) names")
		}
		return &plan.UseDatabase{Name: names(s.Name)}, nil
	case *ast.Show:
		sh := &plan.ShowObjects{What: s.What, Database: names(s.In), Table: names(s.Name), Scope: s.Scope}
		if s.Pattern != nil {
			sh.Pattern = s.Pattern.Value
		}
		switch s.What {
		case "TABLES", "VIEWS", "DATABASES", "NAMESPACES", "SCHEMAS", "COLUMNS", "FUNCTIONS", "CURRENT NAMESPACE":
			return sh, nil
		}
		return o.show(s)
	case *ast.Describe:
		return o.describe(s, text)
	case *ast.AlterTable:
		return o.alterTable(s, text)
	case *ast.CreateNamespace:
		return o.createNamespace(s)
	case *ast.AlterNamespace:
		return o.alterNamespace(s)
	case *ast.CreateTempViewUsing:
		return o.createTempViewUsing(s)
	case *ast.Analyze:
		return o.analyze(s)
	case *ast.Truncate:
		return o.truncate(s)
	case *ast.Explain:
		inner, err := o.Statement(s.Stmt, text)
		if err != nil {
			return nil, err
		}
		return &plan.ExplainCommand{Mode: s.Mode, Query: inner}, nil
	}
	return nil, notImplemented("the statement " + strings.TrimPrefix(fmt.Sprintf("%T", s), "*ast."))
}

func (o Options) createTable(s *ast.CreateTable, text string) (plan.Node, error) {
	if s.NameExpr != nil {
		return nil, notImplemented("IDENTIFIER(...) table names")
	}
	if len(s.Like) > 0 {
		return nil, notImplemented("CREATE TABLE ... LIKE")
	}
	if s.Temporary {
		return nil, notImplemented("CREATE TEMPORARY TABLE")
	}
	ct := &plan.CreateTable{Name: names(s.Name), Replace: s.OrReplace || s.Replace, IfNotExists: s.IfNotExists,
		Options: props(s.Options), Props: props(s.Props)}
	if len(s.Using) > 0 {
		ct.Provider = strings.ToLower(strings.Join(names(s.Using), "."))
	} else if s.StoredAs != nil {
		ct.Provider = "hive"
	}
	if s.Comment != nil {
		ct.Comment = s.Comment.Value
	}
	if s.Location != nil {
		ct.Location = s.Location.Value
	}
	ct.External = s.External
	if s.Collation != nil {
		ct.Collation = s.Collation.Name
	}
	if b := s.Bucket; b != nil {
		ct.BucketCols = names(b.Columns)
		for _, si := range b.SortedBy {
			if c, ok := si.X.(*ast.ColumnRef); ok {
				ct.SortCols = append(ct.SortCols, strings.Join(names(c.Parts), "."))
			}
		}
		if b.Buckets != nil {
			fmt.Sscan(b.Buckets.Value, &ct.NumBuckets)
		}
	}
	for _, c := range s.Columns {
		if d := o.columnDefault(text, c); d != nil {
			if ct.Defaults == nil {
				ct.Defaults = map[string]string{}
			}
			ct.Defaults[c.Name[len(c.Name)-1].Name] = *d
		}
	}
	defColl, hasDefColl, err := tableCollation(s.Collation)
	if err != nil {
		return nil, err
	}
	if len(s.Columns) > 0 {
		st := types.NewStruct()
		for _, c := range s.Columns {
			t, err := o.DataType(c.Type)
			if err != nil {
				return nil, err
			}
			if hasDefColl {
				t = defaultCollatedType(c.Type, t, defColl)
			}
			f := types.NewField(c.Name[len(c.Name)-1].Name, t, !c.NotNull)
			if c.Comment != nil {
				f = f.WithComment(c.Comment.Value)
			}
			st = st.Add(f)
		}
		for _, c := range s.PartitionCols {
			t, err := o.DataType(c.Type)
			if err != nil {
				return nil, err
			}
			st = st.Add(types.NewField(c.Name[len(c.Name)-1].Name, t, true))
			ct.Partition = append(ct.Partition, c.Name[len(c.Name)-1].Name)
		}
		ct.Schema = st
	}
	for _, p := range s.PartitionBy {
		col, ok := p.(*ast.ColumnRef)
		if !ok {
			return nil, notImplemented("partition transforms")
		}
		ct.Partition = append(ct.Partition, names(col.Parts)...)
	}
	if s.Query != nil {
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		if hasDefColl {
			if q, err = DefaultCollation(q, s.Collation.Name); err != nil {
				return nil, err
			}
		}
		ct.Query = q
	}
	return ct, nil
}

func props(ps []*ast.Property) map[string]string {
	if len(ps) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, p := range ps {
		k := ""
		if p.KeyStr != nil {
			k = p.KeyStr.Value
		} else {
			k = strings.Join(names(p.Key), ".")
		}
		v := ""
		if p.Value != nil {
			v = p.Value.Value
		}
		out[k] = v
	}
	return out
}

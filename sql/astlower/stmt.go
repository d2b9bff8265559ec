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
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		cv := &plan.CreateView{Name: names(s.Name), Query: q, SQL: text, Replace: s.OrReplace,
			Temporary: s.Temporary, Global: s.Global, IfNotExists: s.IfNotExists}
		for _, c := range s.Columns {
			cv.Columns = append(cv.Columns, c.Name.Name)
		}
		return cv, nil
	case *ast.CreateTable:
		return o.createTable(s)
	case *ast.Insert:
		if s.Directory {
			return nil, notImplemented("INSERT OVERWRITE DIRECTORY")
		}
		if s.TableExpr != nil {
			return nil, notImplemented("IDENTIFIER(...) table names")
		}
		if s.Partition != nil {
			return nil, notImplemented("INSERT with a PARTITION clause")
		}
		if s.ReplaceWhere != nil {
			return nil, notImplemented("INSERT ... REPLACE WHERE")
		}
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		if s.With != nil {
			w := &plan.WithCTE{Child: q}
			for _, c := range s.With.CTEs {
				cq, err := o.Query(c.Query)
				if err != nil {
					return nil, err
				}
				w.CTEs = append(w.CTEs, &plan.CTEDef{Name: c.Name.Name, Columns: names(c.Columns), Query: cq})
			}
			q = w
		}
		return &plan.InsertInto{Table: names(s.Table), Columns: names(s.Columns), Query: q, Overwrite: s.Overwrite, ByName: s.ByName}, nil
	case *ast.Drop:
		if s.NameExpr != nil {
			return nil, notImplemented("IDENTIFIER(...) names")
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
		return nil, notImplemented("SET VARIABLE")
	case *ast.Reset:
		return &plan.SetConfig{Key: s.Key, Reset: true}, nil
	case *ast.Use:
		if s.NameExpr != nil {
			return nil, notImplemented("IDENTIFIER(...) names")
		}
		return &plan.UseDatabase{Name: names(s.Name)}, nil
	case *ast.Show:
		sh := &plan.ShowObjects{What: s.What, Database: names(s.In), Table: names(s.Name)}
		if s.Pattern != nil {
			sh.Pattern = s.Pattern.Value
		}
		switch s.What {
		case "TABLES", "VIEWS", "DATABASES", "NAMESPACES", "SCHEMAS", "COLUMNS", "FUNCTIONS", "CURRENT NAMESPACE":
			return sh, nil
		}
		return nil, notImplemented("SHOW " + s.What)
	case *ast.Describe:
		switch s.What {
		case "QUERY":
			q, err := o.Query(s.Query)
			if err != nil {
				return nil, err
			}
			return &plan.DescribeQuery{Query: q}, nil
		case "TABLE", "":
			if s.NameExpr != nil || s.Partition != nil || s.AsJSON {
				return nil, notImplemented("DESCRIBE with IDENTIFIER, PARTITION or AS JSON")
			}
			return &plan.DescribeTable{Name: names(s.Name), Column: names(s.Column), Extended: s.Extended || s.Formatted}, nil
		}
		return nil, notImplemented("DESCRIBE " + s.What)
	case *ast.Explain:
		inner, err := o.Statement(s.Stmt, text)
		if err != nil {
			return nil, err
		}
		return &plan.ExplainCommand{Mode: s.Mode, Query: inner}, nil
	}
	return nil, notImplemented("the statement " + strings.TrimPrefix(fmt.Sprintf("%T", s), "*ast."))
}

func (o Options) createTable(s *ast.CreateTable) (plan.Node, error) {
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
	if len(s.Columns) > 0 {
		st := types.NewStruct()
		for _, c := range s.Columns {
			t, err := o.DataType(c.Type)
			if err != nil {
				return nil, err
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

package astlower

import (
	"strings"

	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// This file lowers the catalog statements: DESCRIBE, SHOW CREATE TABLE / TBLPROPERTIES /
// TABLE EXTENDED / PARTITIONS, ALTER TABLE|VIEW, TRUNCATE, namespaces, ANALYZE and
// temporary views over data sources.

// ddlText is the part of the statement's text between two positions ("" when the
// positions do not fall inside it).
func ddlText(text string, from, to ast.Pos) string {
	if !from.IsValid() || !to.IsValid() || from.Offset < 0 || to.Offset > len(text) || from.Offset > to.Offset {
		return ""
	}
	return text[from.Offset:to.Offset]
}

// identifierName is the name of IDENTIFIER('a.b') when its argument is a string literal,
// or a parameter marker bound to a string.
func (o Options) identifierName(e ast.Expr) ([]string, error) {
	var value string
	switch x := e.(type) {
	case *ast.Literal:
		if x.Type != ast.TypeString {
			return nil, notImplemented("IDENTIFIER(...) with an expression other than a string literal")
		}
		value = x.Value
	case *ast.Param:
		v, ok := o.IdentifierParams[x.Name]
		if !ok {
			return nil, notImplemented("IDENTIFIER(...) with a parameter that is not bound to a string")
		}
		value = v
	default:
		return nil, notImplemented("IDENTIFIER(...) with an expression other than a string literal")
	}
	parts, ok := splitMultipart(value)
	if !ok {
		return nil, sparkerror.New(sparkerror.Parse, "PARSE_SYNTAX_ERROR", "42601",
			"Syntax error at or near <error><hint>.", map[string]string{"error": "'" + value + "'", "hint": ""})
	}
	return parts, nil
}

// splitMultipart splits a.`b.c`.d into its parts.
func splitMultipart(s string) ([]string, bool) {
	var parts []string
	var cur strings.Builder
	quoted, started := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '`' && i+1 < len(s) && s[i+1] == '`':
			cur.WriteByte('`')
			i++
		case c == '`':
			quoted = !quoted
			started = true
		case !quoted && c == '.':
			if !started && cur.Len() == 0 {
				return nil, false
			}
			parts = append(parts, cur.String())
			cur.Reset()
			started = false
		default:
			cur.WriteByte(c)
			started = true
		}
	}
	if quoted || !started {
		return nil, false
	}
	parts = append(parts, strings.TrimSpace(cur.String()))
	return parts, true
}

func (o Options) nameOrIdentifier(name []*ast.Ident, expr ast.Expr) ([]string, error) {
	if expr != nil {
		return o.identifierName(expr)
	}
	return names(name), nil
}

// partitionValues lowers PARTITION (col = value, ...).
func partitionValues(ps *ast.PartitionSpec) ([]plan.PartitionValue, error) {
	if ps == nil {
		return nil, nil
	}
	out := make([]plan.PartitionValue, 0, len(ps.Items))
	for _, it := range ps.Items {
		pv := plan.PartitionValue{Column: it.Name.Name}
		if it.Value != nil {
			v, null, err := partitionLiteral(it.Value)
			if err != nil {
				return nil, err
			}
			pv.Value, pv.Null, pv.HasValue = v, null, true
		}
		out = append(out, pv)
	}
	return out, nil
}

// partitionLiteral is the text of a partition value as Spark keeps it in the catalog.
func partitionLiteral(e ast.Expr) (string, bool, error) {
	switch x := e.(type) {
	case *ast.Literal:
		if x.Type == ast.TypeNull {
			return "", true, nil
		}
		return x.Value, false, nil
	case *ast.TypedLiteral:
		return x.Value.Value, false, nil
	case *ast.UnaryExpr:
		if lit, ok := x.X.(*ast.Literal); ok && x.Op == ast.OpNeg {
			return "-" + lit.Value, false, nil
		}
	}
	return "", false, notImplemented("partition values other than literals")
}

func (o Options) describe(s *ast.Describe, text string) (plan.Node, error) {
	switch s.What {
	case "QUERY":
		q, err := o.Query(s.Query)
		if err != nil {
			return nil, err
		}
		return &plan.DescribeQuery{Query: q, Text: sourceText(s.Query, text)}, nil
	case "TABLE", "":
		name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
		if err != nil {
			return nil, err
		}
		parts, err := partitionValues(s.Partition)
		if err != nil {
			return nil, err
		}
		return &plan.DescribeTable{Name: name, Column: names(s.Column), Extended: s.Extended || s.Formatted,
			Partition: parts, AsJSON: s.AsJSON}, nil
	case "NAMESPACE":
		name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
		if err != nil {
			return nil, err
		}
		return &plan.DescribeDatabase{Name: name, Extended: s.Extended}, nil
	case "FUNCTION":
		if s.FuncName != nil {
			return &plan.DescribeFunction{Name: s.FuncName.Value, Extended: s.Extended}, nil
		}
		name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
		if err != nil {
			return nil, err
		}
		return &plan.DescribeFunction{Name: strings.Join(name, "."), Extended: s.Extended}, nil
	}
	return nil, notImplemented("DESCRIBE " + s.What)
}

func (o Options) show(s *ast.Show) (plan.Node, error) {
	switch s.What {
	case "CREATE TABLE":
		return &plan.ShowCreateTable{Name: names(s.Name), AsSerde: s.AsSerde}, nil
	case "TBLPROPERTIES":
		st := &plan.ShowTblProperties{Name: names(s.Name)}
		if s.Key != nil {
			st.HasKey = true
			if s.Key.KeyStr != nil {
				st.Key = s.Key.KeyStr.Value
			} else {
				st.Key = strings.Join(names(s.Key.Key), ".")
			}
		}
		return st, nil
	case "TABLE EXTENDED":
		parts, err := partitionValues(s.Partition)
		if err != nil {
			return nil, err
		}
		st := &plan.ShowTableExtended{Database: names(s.In), Partition: parts}
		if s.Pattern != nil {
			st.Pattern = s.Pattern.Value
		}
		return st, nil
	case "PARTITIONS":
		parts, err := partitionValues(s.Partition)
		if err != nil {
			return nil, err
		}
		return &plan.ShowPartitions{Name: names(s.Name), Partition: parts}, nil
	}
	return nil, notImplemented("SHOW " + s.What)
}

func (o Options) columnDefault(text string, c *ast.ColumnDef) *string {
	if c.Default == nil {
		return nil
	}
	d := ddlText(text, c.Default.Pos(), c.Default.End())
	return &d
}

func (o Options) alterTable(s *ast.AlterTable, text string) (plan.Node, error) {
	name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
	if err != nil {
		return nil, err
	}
	a := &plan.AlterTable{Name: name, View: s.View}
	if a.Partition, err = partitionValues(s.Partition); err != nil {
		return nil, err
	}
	switch x := s.Action.(type) {
	case *ast.AlterRename:
		a.Op, a.NewName = "RENAME", names(x.To)
	case *ast.AlterAddColumns:
		a.Op = "ADD COLUMNS"
		for _, c := range x.Columns {
			t, err := o.DataType(c.Type)
			if err != nil {
				return nil, err
			}
			ac := plan.AlterColumn{Name: names(c.Name), Type: t, NotNull: c.NotNull, Default: o.columnDefault(text, c)}
			if c.Comment != nil {
				v := c.Comment.Value
				ac.Comment = &v
			}
			if c.Position != nil {
				ac.First = c.Position.After == nil
				if c.Position.After != nil {
					ac.After = c.Position.After.Name
				}
			}
			a.Columns = append(a.Columns, ac)
		}
	case *ast.AlterDropColumns:
		a.Op, a.IfExists = "DROP COLUMNS", x.IfExists
		for _, c := range x.Columns {
			a.DropColumns = append(a.DropColumns, names(c))
		}
	case *ast.AlterRenameColumn:
		a.Op = "RENAME COLUMN"
		a.Columns = []plan.AlterColumn{{Name: names(x.From)}}
		a.NewName = []string{x.To.Name}
	case *ast.AlterColumns:
		a.Op = "ALTER COLUMN"
		if x.Verb == "CHANGE" {
			a.Op = "CHANGE COLUMN"
		}
		for _, sp := range x.Specs {
			ac := plan.AlterColumn{Name: names(sp.Column), SetNotNull: sp.SetNotNull, DropNotNull: sp.DropNotNull, DropDefault: sp.DropDefault}
			if sp.Type != nil {
				t, err := o.DataType(sp.Type)
				if err != nil {
					return nil, err
				}
				ac.Type = t
			}
			if sp.Comment != nil {
				v := sp.Comment.Value
				ac.Comment = &v
			}
			if sp.Position != nil {
				ac.First = sp.Position.After == nil
				if sp.Position.After != nil {
					ac.After = sp.Position.After.Name
				}
			}
			if sp.Default != nil {
				d := ddlText(text, sp.Default.Pos(), sp.Default.End())
				ac.Default = &d
			}
			a.Columns = append(a.Columns, ac)
		}
	case *ast.AlterChangeColumn:
		a.Op = "CHANGE COLUMN"
		ac := plan.AlterColumn{Name: names(x.Column)}
		if x.NewDef != nil {
			t, err := o.DataType(x.NewDef.Type)
			if err != nil {
				return nil, err
			}
			ac.Type = t
			if x.NewDef.Comment != nil {
				v := x.NewDef.Comment.Value
				ac.Comment = &v
			}
			a.NewName = names(x.NewDef.Name)
		}
		if x.Position != nil {
			ac.First = x.Position.After == nil
			if x.Position.After != nil {
				ac.After = x.Position.After.Name
			}
		}
		a.Columns = []plan.AlterColumn{ac}
	case *ast.AlterReplaceColumns:
		a.Op = "REPLACE COLUMNS"
	case *ast.AlterSetProperties:
		if x.Unset {
			a.Op, a.IfExists = "UNSET PROPERTIES", x.IfExists
			for k := range orderedProps(x.Props) {
				a.Keys = append(a.Keys, k)
			}
		} else {
			a.Op, a.Props = "SET PROPERTIES", props(x.Props)
		}
	case *ast.AlterAddPartitions:
		a.Op, a.IfNotExists = "ADD PARTITION", x.IfNotExists
		for _, p := range x.Partitions {
			pv, err := partitionValues(p.Spec)
			if err != nil {
				return nil, err
			}
			a.Partitions = append(a.Partitions, pv)
			loc := ""
			if p.Location != nil {
				loc = p.Location.Value
			}
			a.Locations = append(a.Locations, loc)
		}
	case *ast.AlterDropPartitions:
		a.Op, a.IfExists = "DROP PARTITION", x.IfExists
		for _, p := range x.Partitions {
			pv, err := partitionValues(p)
			if err != nil {
				return nil, err
			}
			a.Partitions = append(a.Partitions, pv)
		}
	case *ast.AlterRenamePartition:
		a.Op = "RENAME PARTITION"
		pv, err := partitionValues(x.To)
		if err != nil {
			return nil, err
		}
		a.Partitions = [][]plan.PartitionValue{pv}
	case *ast.AlterSetLocation:
		a.Op, a.Location = "SET LOCATION", x.Location.Value
	case *ast.AlterSetSerde:
		a.Op = "SET SERDE"
	case *ast.AlterRecoverPartitions:
		a.Op = "RECOVER PARTITIONS"
	case *ast.AlterViewQuery:
		q, err := o.Query(x.Query)
		if err != nil {
			return nil, err
		}
		a.Op, a.Query, a.SQL = "VIEW QUERY", q, ddlText(text, x.Query.Pos(), x.Query.End())
	case *ast.AlterViewSchema:
		a.Op, a.SchemaMode = "VIEW SCHEMA", x.Mode
	case *ast.AlterClusterBy:
		a.Op = "CLUSTER BY"
	case *ast.AlterCollation:
		a.Op = "DEFAULT COLLATION"
	case *ast.AlterAddConstraint:
		a.Op = "ADD CONSTRAINT"
	case *ast.AlterDropConstraint:
		a.Op = "DROP CONSTRAINT"
	default:
		return nil, notImplemented("this ALTER TABLE action")
	}
	return a, nil
}

// orderedProps yields the keys of a property list in order.
func orderedProps(ps []*ast.Property) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, p := range ps {
			k := ""
			if p.KeyStr != nil {
				k = p.KeyStr.Value
			} else {
				k = strings.Join(names(p.Key), ".")
			}
			if !yield(k) {
				return
			}
		}
	}
}

func (o Options) createNamespace(s *ast.CreateNamespace) (plan.Node, error) {
	name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
	if err != nil {
		return nil, err
	}
	cd := &plan.CreateDatabase{NameParts: name, IfNotExists: s.IfNotExists, Props: props(s.Props)}
	cd.Name = name[len(name)-1]
	if s.Comment != nil {
		cd.Comment = s.Comment.Value
	}
	if s.Location != nil {
		cd.Location = s.Location.Value
	}
	if s.Collation != nil {
		cd.Collation = s.Collation.Name
	}
	return cd, nil
}

func (o Options) alterNamespace(s *ast.AlterNamespace) (plan.Node, error) {
	name, err := o.nameOrIdentifier(s.Name, s.NameExpr)
	if err != nil {
		return nil, err
	}
	a := &plan.AlterDatabase{Name: name, SetProps: props(s.SetProps)}
	for k := range orderedProps(s.UnsetProps) {
		a.UnsetKeys = append(a.UnsetKeys, k)
	}
	if s.Location != nil {
		a.Location = s.Location.Value
	}
	if s.Collation != nil {
		a.Collation = s.Collation.Name
	}
	return a, nil
}

func (o Options) createTempViewUsing(s *ast.CreateTempViewUsing) (plan.Node, error) {
	c := &plan.CreateTempViewUsing{Name: names(s.Name), Provider: strings.Join(names(s.Using), "."),
		Options: props(s.Options), Replace: s.OrReplace, Global: s.Global}
	if len(s.Columns) > 0 {
		st := types.NewStruct()
		for _, col := range s.Columns {
			t, err := o.DataType(col.Type)
			if err != nil {
				return nil, err
			}
			f := types.NewField(col.Name[len(col.Name)-1].Name, t, !col.NotNull)
			if col.Comment != nil {
				f = f.WithComment(col.Comment.Value)
			}
			st = st.Add(f)
		}
		c.Schema = st
	}
	return c, nil
}

func (o Options) analyze(s *ast.Analyze) (plan.Node, error) {
	parts, err := partitionValues(s.Partition)
	if err != nil {
		return nil, err
	}
	a := &plan.AnalyzeTable{Name: names(s.Name), Tables: s.Tables, Partition: parts, NoScan: s.NoScan, AllColumns: s.AllColumns}
	for _, c := range s.Columns {
		a.Columns = append(a.Columns, names(c))
	}
	return a, nil
}

func (o Options) truncate(s *ast.Truncate) (plan.Node, error) {
	parts, err := partitionValues(s.Partition)
	if err != nil {
		return nil, err
	}
	return &plan.Truncate{Name: names(s.Name), Partition: parts}, nil
}

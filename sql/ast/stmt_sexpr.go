package ast

import "strings"

// S-expressions of the statements of stmt.go. Flags print as bare words
// (if-not-exists, overwrite, ...), clauses as (clause ...).

func (w *sexprWriter) flag(b bool, name string) {
	if b {
		w.s(" " + name)
	}
}

func (w *sexprWriter) name(parts []*Ident, e Expr) {
	if e != nil {
		w.b.WriteByte(' ')
		w.open("identifier")
		w.sp(e)
		w.close()
		return
	}
	if parts != nil {
		w.s(" " + NameString(parts))
	}
}

func (w *sexprWriter) clause(head string, n Node) {
	if n == nil || isNilNode(n) {
		return
	}
	w.b.WriteByte(' ')
	w.open(head)
	w.sp(n)
	w.close()
}

func (w *sexprWriter) nameClause(head string, parts []*Ident) {
	if parts == nil {
		return
	}
	w.b.WriteByte(' ')
	w.open(head + " " + NameString(parts))
	w.close()
}

func (w *sexprWriter) props(head string, list []*Property) {
	if list == nil {
		return
	}
	w.b.WriteByte(' ')
	w.open(head)
	for _, pr := range list {
		w.sp(pr)
	}
	w.close()
}

func (w *sexprWriter) nameList(head string, list []*Ident) {
	if list == nil {
		return
	}
	w.b.WriteByte(' ')
	w.open(head + " ")
	w.names(list)
	w.close()
}

// stmt writes a statement node; it reports false for other nodes.
func (w *sexprWriter) stmt(n Node) bool {
	switch x := n.(type) {
	case *PartitionSpec:
		w.open("partition")
		for _, it := range x.Items {
			w.sp(it)
		}
		w.close()
	case *PartitionItem:
		switch {
		case x.Default:
			w.s("(= " + x.Name.String() + " default)")
		case x.Value != nil:
			w.open("= " + x.Name.String())
			w.sp(x.Value)
			w.close()
		default:
			w.s(x.Name.String())
		}
	case *Insert:
		w.open("insert")
		if x.With != nil {
			w.sp(x.With)
		}
		w.flag(x.Overwrite, "overwrite")
		if x.Directory {
			w.s(" directory")
			w.flag(x.Local, "local")
			if x.Path != nil {
				w.sp(x.Path)
			}
			w.nameClause("using", x.Using)
			if x.RowFormat != nil {
				w.sp(x.RowFormat)
			}
			w.storedAs(x.StoredAs, x.InputFormat, x.OutputFormat)
		}
		w.name(x.Table, x.TableExpr)
		w.props("options", x.Options)
		if x.Partition != nil {
			w.sp(x.Partition)
		}
		w.flag(x.IfNotExists, "if-not-exists")
		w.flag(x.ByName, "by-name")
		w.nameList("columns", x.Columns)
		w.clause("replace-where", x.ReplaceWhere)
		if x.Query != nil {
			w.sp(x.Query)
		}
		w.close()
	case *ColumnDef:
		w.open(NameString(x.Name) + " " + DataTypeString(x.Type))
		w.flag(x.NotNull, "not-null")
		w.clause("default", x.Default)
		w.clause("generated", x.Generated)
		if x.Identity != nil {
			w.sp(x.Identity)
		}
		w.clause("comment", x.Comment)
		for _, c := range x.Constraints {
			w.sp(c)
		}
		if x.Position != nil {
			w.sp(x.Position)
		}
		w.close()
	case *BucketSpec:
		w.open("clustered-by ")
		w.names(x.Columns)
		w.sorts("sorted-by", x.SortedBy)
		w.sp(x.Buckets)
		w.close()
	case *CreateTable:
		head := "create-table"
		if x.Replace {
			head = "replace-table"
		}
		w.open(head)
		w.flag(x.OrReplace, "or-replace")
		w.flag(x.Temporary, "temporary")
		w.flag(x.External, "external")
		w.flag(x.IfNotExists, "if-not-exists")
		w.name(x.Name, x.NameExpr)
		w.nameClause("like", x.Like)
		if x.Columns != nil {
			w.s(" (columns")
			for _, c := range x.Columns {
				w.sp(c)
			}
			w.close()
		}
		w.nameClause("using", x.Using)
		w.props("options", x.Options)
		if x.PartitionBy != nil || x.PartitionCols != nil {
			w.s(" (partitioned-by")
			w.exprs(x.PartitionBy)
			for _, c := range x.PartitionCols {
				w.sp(c)
			}
			w.close()
		}
		if x.ClusterBy != nil {
			w.s(" (cluster-by")
			for _, c := range x.ClusterBy {
				w.s(" " + NameString(c))
			}
			w.close()
		}
		if x.Bucket != nil {
			w.sp(x.Bucket)
		}
		if x.RowFormat != nil {
			w.sp(x.RowFormat)
		}
		w.storedAs(x.StoredAs, x.InputFormat, x.OutputFormat)
		w.clause("location", x.Location)
		w.clause("comment", x.Comment)
		w.clause("default-collation", x.Collation)
		w.props("tblproperties", x.Props)
		for _, c := range x.Constraints {
			w.sp(c)
		}
		if x.Query != nil {
			w.sp(x.Query)
		}
		w.close()
	case *CreateView:
		w.open("create-view")
		w.flag(x.OrReplace, "or-replace")
		w.flag(x.Global, "global")
		w.flag(x.Temporary, "temporary")
		w.flag(x.IfNotExists, "if-not-exists")
		w.name(x.Name, x.NameExpr)
		if x.Columns != nil {
			w.s(" (columns")
			for _, c := range x.Columns {
				w.sp(c)
			}
			w.close()
		}
		w.clause("comment", x.Comment)
		w.clause("default-collation", x.Collation)
		if x.Schema != "" {
			w.s(" (schema " + strings.ToLower(strings.ReplaceAll(x.Schema, " ", "-")) + ")")
		}
		w.nameList("partitioned-on", x.PartitionOn)
		w.props("tblproperties", x.Props)
		w.sp(x.Query)
		w.close()
	case *ViewColumn:
		if x.Comment == nil {
			w.s(x.Name.String())
		} else {
			w.open(x.Name.String())
			w.sp(x.Comment)
			w.close()
		}
	case *Drop:
		w.open("drop-" + strings.ToLower(x.Kind.String()))
		w.flag(x.Temporary, "temporary")
		w.flag(x.IfExists, "if-exists")
		w.name(x.Name, x.NameExpr)
		w.flag(x.Purge, "purge")
		w.flag(x.Cascade, "cascade")
		w.flag(x.Restrict, "restrict")
		w.close()
	case *Set:
		switch x.Kind {
		case SetList:
			w.s("(set)")
		case SetListVerbose:
			w.s("(set -v)")
		case SetGet:
			w.s("(set " + quoteString(x.Key) + ")")
		case SetConfig:
			w.s("(set " + quoteString(x.Key) + " " + quoteString(x.Value) + ")")
		case SetTimeZone:
			w.open("set-time-zone")
			if x.Local {
				w.s(" local")
			} else {
				w.sp(x.TimeZone)
			}
			w.close()
		case SetVariable:
			w.open("set-var")
			for _, a := range x.Assignments {
				w.sp(a)
			}
			w.close()
		case SetVariableQuery:
			w.open("set-var (")
			for i, t := range x.Targets {
				if i > 0 {
					w.s(" ")
				}
				w.s(NameString(t))
			}
			w.s(")")
			w.sp(x.Query)
			w.close()
		}
	case *Assignment:
		w.open("= " + NameString(x.Target))
		if x.Default {
			w.s(" default")
		} else {
			w.sp(x.Value)
		}
		w.close()
	case *Reset:
		if x.Key == "" {
			w.s("(reset)")
		} else {
			w.s("(reset " + quoteString(x.Key) + ")")
		}
	case *DeclareVariable:
		w.open("declare")
		w.flag(x.OrReplace, "or-replace")
		if len(x.Names) > 1 {
			for _, n := range x.Names {
				w.name(n, nil)
			}
		} else {
			w.name(x.Name, nil)
		}
		if x.Type != nil {
			w.s(" " + DataTypeString(x.Type))
		}
		w.clause("default", x.Default)
		w.close()
	case *ExecuteImmediate:
		w.open("execute-immediate")
		w.sp(x.Query)
		if x.Into != nil {
			w.s(" (into")
			for _, t := range x.Into {
				w.s(" " + NameString(t))
			}
			w.close()
		}
		w.group("using", x.Using)
		w.close()
	case *Describe:
		w.open("describe-" + strings.ToLower(x.What))
		w.flag(x.Extended, "extended")
		w.flag(x.Formatted, "formatted")
		w.name(x.Name, x.NameExpr)
		if x.FuncName != nil {
			w.sp(x.FuncName)
		}
		if x.Partition != nil {
			w.sp(x.Partition)
		}
		w.nameClause("column", x.Column)
		w.flag(x.AsJSON, "as-json")
		if x.Query != nil {
			w.sp(x.Query)
		}
		w.close()
	case *Show:
		w.open("show-" + strings.ToLower(strings.ReplaceAll(x.What, " ", "-")))
		if x.Scope != "" {
			w.s(" " + strings.ToLower(x.Scope))
		}
		w.name(x.Name, nil)
		w.nameClause("in", x.In)
		if x.Partition != nil {
			w.sp(x.Partition)
		}
		if x.Key != nil {
			w.sp(x.Key)
		}
		w.clause("like", x.Pattern)
		w.flag(x.AsSerde, "as-serde")
		w.close()
	case *Explain:
		w.open("explain")
		if x.Mode != "" {
			w.s(" " + strings.ToLower(x.Mode))
		}
		w.sp(x.Stmt)
		w.close()
	case *Use:
		w.open("use")
		w.name(x.Name, x.NameExpr)
		w.close()
	case *Cache:
		switch {
		case x.Clear:
			w.s("(clear-cache)")
			return true
		case x.Uncache:
			w.open("uncache")
		default:
			w.open("cache")
		}
		w.flag(x.Lazy, "lazy")
		w.flag(x.IfExists, "if-exists")
		w.name(x.Name, nil)
		w.props("options", x.Options)
		if x.Query != nil {
			w.sp(x.Query)
		}
		w.close()
	case *Refresh:
		w.open("refresh")
		w.flag(x.Function, "function")
		w.name(x.Name, x.NameExpr)
		if x.Path != nil {
			w.sp(x.Path)
		}
		w.close()
	case *Truncate:
		w.open("truncate")
		w.name(x.Name, nil)
		if x.Partition != nil {
			w.sp(x.Partition)
		}
		w.close()
	case *Analyze:
		w.open("analyze")
		w.flag(x.Tables, "tables")
		w.name(x.Name, nil)
		if x.Partition != nil {
			w.sp(x.Partition)
		}
		w.flag(x.NoScan, "noscan")
		w.flag(x.AllColumns, "all-columns")
		if x.Columns != nil {
			w.s(" (columns")
			for _, c := range x.Columns {
				w.s(" " + NameString(c))
			}
			w.close()
		}
		w.close()
	default:
		return w.stmt2(n)
	}
	return true
}

func (w *sexprWriter) storedAs(format *Ident, in, out *Literal) {
	if format != nil {
		w.s(" (stored-as " + format.String() + ")")
	}
	if in != nil {
		w.s(" (stored-as")
		w.sp(in)
		w.sp(out)
		w.close()
	}
}

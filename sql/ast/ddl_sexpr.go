package ast

import "strings"

// S-expressions and children of the statements of ddl.go, dml.go and
// script.go.

func (w *sexprWriter) list(head string, nodes []Node) {
	w.b.WriteByte(' ')
	w.open(head)
	for _, n := range nodes {
		w.sp(n)
	}
	w.close()
}

func columnNodes(cols []*ColumnDef) []Node {
	out := make([]Node, len(cols))
	for i, c := range cols {
		out[i] = c
	}
	return out
}

func (w *sexprWriter) body(head string, stmts []Statement) {
	w.b.WriteByte(' ')
	w.open(head)
	for _, s := range stmts {
		w.sp(s)
	}
	w.close()
}

func (w *sexprWriter) label(l []*Ident) {
	if l != nil {
		w.s(" (label " + NameString(l) + ")")
	}
}

func (w *sexprWriter) endLabel(l []*Ident) {
	if l != nil {
		w.s(" (end-label " + NameString(l) + ")")
	}
}

// stmt2 writes the nodes of ddl.go, dml.go and script.go.
func (w *sexprWriter) stmt2(n Node) bool {
	switch x := n.(type) {
	case *RowFormat:
		w.open("row-format")
		if x.Serde != nil {
			w.clause("serde", x.Serde)
			w.props("serdeproperties", x.SerdeProps)
		} else {
			w.s(" delimited")
		}
		w.clause("fields-terminated-by", x.FieldsTerm)
		w.clause("escaped-by", x.EscapedBy)
		w.clause("collection-items-terminated-by", x.CollItems)
		w.clause("map-keys-terminated-by", x.MapKeys)
		w.clause("lines-terminated-by", x.LinesTerm)
		w.clause("null-defined-as", x.NullDefined)
		w.close()
	case *AlterTable:
		if x.View {
			w.open("alter-view")
		} else {
			w.open("alter-table")
		}
		w.name(x.Name, x.NameExpr)
		if x.Partition != nil {
			w.sp(x.Partition)
		}
		if x.Action != nil {
			w.sp(x.Action)
		}
		w.close()
	case *AlterAddColumns:
		w.open("add-columns")
		for _, c := range x.Columns {
			w.sp(c)
		}
		w.close()
	case *AlterRenameColumn:
		w.s("(rename-column " + NameString(x.From) + " " + x.To.String() + ")")
	case *AlterDropColumns:
		w.open("drop-columns")
		w.flag(x.IfExists, "if-exists")
		for _, c := range x.Columns {
			w.s(" " + NameString(c))
		}
		w.close()
	case *AlterRename:
		w.s("(rename-to " + NameString(x.To) + ")")
	case *AlterSetProperties:
		if x.Unset {
			w.open("unset-tblproperties")
		} else {
			w.open("set-tblproperties")
		}
		w.flag(x.IfExists, "if-exists")
		for _, p := range x.Props {
			w.sp(p)
		}
		w.close()
	case *AlterColumns:
		w.open(strings.ToLower(x.Verb) + "-column")
		for _, s := range x.Specs {
			w.sp(s)
		}
		w.close()
	case *AlterColumnSpec:
		w.open(NameString(x.Column))
		switch {
		case x.Type != nil:
			w.s(" (type " + DataTypeString(x.Type) + ")")
		case x.Comment != nil:
			w.clause("comment", x.Comment)
		case x.Position != nil:
			w.sp(x.Position)
		case x.SetNotNull:
			w.s(" set-not-null")
		case x.DropNotNull:
			w.s(" drop-not-null")
		case x.Default != nil:
			w.clause("set-default", x.Default)
		case x.DropDefault:
			w.s(" drop-default")
		}
		w.close()
	case *AlterChangeColumn:
		w.open("change-column " + NameString(x.Column))
		w.sp(x.NewDef)
		if x.Position != nil {
			w.sp(x.Position)
		}
		w.close()
	case *AlterReplaceColumns:
		w.open("replace-columns")
		for _, c := range x.Columns {
			w.sp(c)
		}
		w.close()
	case *AlterSetSerde:
		if x.Serde != nil {
			w.open("set-serde")
			w.sp(x.Serde)
		} else {
			w.open("set-serdeproperties")
		}
		for _, p := range x.Props {
			w.sp(p)
		}
		w.close()
	case *PartitionLocation:
		if x.Location == nil {
			w.node(x.Spec)
			return true
		}
		w.open("partition-location")
		w.sp(x.Spec)
		w.sp(x.Location)
		w.close()
	case *AlterAddPartitions:
		w.open("add-partitions")
		w.flag(x.IfNotExists, "if-not-exists")
		for _, p := range x.Partitions {
			w.sp(p)
		}
		w.close()
	case *AlterRenamePartition:
		w.open("rename-partition-to")
		w.sp(x.To)
		w.close()
	case *AlterDropPartitions:
		w.open("drop-partitions")
		w.flag(x.IfExists, "if-exists")
		for _, p := range x.Partitions {
			w.sp(p)
		}
		w.flag(x.Purge, "purge")
		w.close()
	case *AlterSetLocation:
		w.open("set-location")
		w.sp(x.Location)
		w.close()
	case *AlterRecoverPartitions:
		w.s("(recover-partitions)")
	case *AlterClusterBy:
		w.open("cluster-by")
		if x.None {
			w.s(" none")
		}
		for _, c := range x.Columns {
			w.s(" " + NameString(c))
		}
		w.close()
	case *AlterCollation:
		w.s("(default-collation " + x.Name.String() + ")")
	case *AlterAddConstraint:
		w.open("add-constraint")
		w.sp(x.Constraint)
		w.close()
	case *AlterDropConstraint:
		w.open("drop-constraint")
		w.flag(x.IfExists, "if-exists")
		w.s(" " + x.Name.String())
		w.flag(x.Cascade, "cascade")
		w.flag(x.Restrict, "restrict")
		w.close()
	case *AlterViewQuery:
		w.open("as")
		w.sp(x.Query)
		w.close()
	case *AlterViewSchema:
		w.s("(schema " + strings.ToLower(strings.ReplaceAll(x.Mode, " ", "-")) + ")")
	case *ColumnPosition:
		if x.After == nil {
			w.s("first")
		} else {
			w.s("(after " + x.After.String() + ")")
		}
	case *Identity:
		w.open("identity")
		w.flag(x.ByDefault, "by-default")
		w.clause("start", x.Start)
		w.clause("step", x.Step)
		w.close()
	case *Constraint:
		w.open(x.Kind.String())
		if x.Name != nil {
			w.s(" (name " + x.Name.String() + ")")
		}
		if x.Check != nil {
			w.sp(x.Check)
		}
		if x.Columns != nil {
			w.s(" (")
			w.names(x.Columns)
			w.s(")")
		}
		if x.RefTable != nil {
			w.s(" (references " + NameString(x.RefTable))
			if x.RefCols != nil {
				w.s(" (")
				w.names(x.RefCols)
				w.s(")")
			}
			w.close()
		}
		for _, c := range x.Characteristics {
			w.s(" " + strings.ToLower(strings.ReplaceAll(c, " ", "-")))
		}
		w.close()
	case *CreateNamespace:
		w.open("create-namespace")
		w.flag(x.IfNotExists, "if-not-exists")
		w.name(x.Name, x.NameExpr)
		w.clause("comment", x.Comment)
		w.clause("location", x.Location)
		w.clause("default-collation", x.Collation)
		if x.DBProperties {
			w.props("dbproperties", x.Props)
		} else {
			w.props("properties", x.Props)
		}
		w.close()
	case *AlterNamespace:
		w.open("alter-namespace")
		w.name(x.Name, x.NameExpr)
		kw := "properties"
		if x.DBProperties {
			kw = "dbproperties"
		}
		w.props("set-"+kw, x.SetProps)
		w.props("unset-"+kw, x.UnsetProps)
		w.clause("set-location", x.Location)
		w.clause("default-collation", x.Collation)
		w.close()
	case *FunctionResource:
		w.open(strings.ToLower(x.Type.Name))
		w.sp(x.URI)
		w.close()
	case *CreateFunction:
		w.createFunction(x)
	case *RoutineCharacteristic:
		s := strings.ToLower(strings.ReplaceAll(x.Text, " ", "-"))
		if x.Name != nil {
			s += " " + x.Name.String()
		}
		w.s(s)
	case *CreateTempViewUsing:
		w.open("create-temp-view-using")
		w.flag(x.OrReplace, "or-replace")
		w.flag(x.Global, "global")
		w.name(x.Name, nil)
		if x.Columns != nil {
			w.list("columns", columnNodes(x.Columns))
		}
		w.nameClause("using", x.Using)
		w.props("options", x.Options)
		w.close()
	case *SetCatalog:
		w.open("set-catalog")
		switch {
		case x.NameExpr != nil:
			w.name(nil, x.NameExpr)
		case x.NameStr != nil:
			w.sp(x.NameStr)
		default:
			w.s(" " + x.Name.String())
		}
		w.close()
	case *CommentOn:
		w.open("comment-on " + strings.ToLower(x.Kind))
		w.name(x.Name, x.NameExpr)
		w.sp(x.Text)
		w.close()
	case *LoadData:
		w.open("load-data")
		w.flag(x.Local, "local")
		w.sp(x.Path)
		w.flag(x.Overwrite, "overwrite")
		w.name(x.Name, x.NameExpr)
		if x.Partition != nil {
			w.sp(x.Partition)
		}
		w.close()
	case *RepairTable:
		w.open("repair-table")
		w.flag(x.Msck, "msck")
		w.name(x.Name, x.NameExpr)
		if x.Option != "" {
			w.s(" " + strings.ToLower(x.Option) + "-partitions")
		}
		w.close()
	case *ManageResource:
		if x.List {
			w.open("list")
		} else {
			w.open("add")
		}
		w.s(" " + strings.ToLower(x.Type.Name))
		for _, p := range x.Paths {
			w.s(" " + quoteString(p))
		}
		w.close()
	case *CreateIndex:
		w.open("create-index")
		w.flag(x.IfNotExists, "if-not-exists")
		w.s(" " + x.Index.String())
		w.name(x.Table, x.TableExpr)
		if x.Using != nil {
			w.s(" (using " + x.Using.String() + ")")
		}
		for _, c := range x.Columns {
			w.sp(c)
		}
		w.props("options", x.Options)
		w.close()
	case *IndexColumn:
		if x.Options == nil {
			w.s(NameString(x.Name))
			return true
		}
		w.open(NameString(x.Name))
		w.props("options", x.Options)
		w.close()
	case *DropIndex:
		w.open("drop-index")
		w.flag(x.IfExists, "if-exists")
		w.s(" " + x.Index.String())
		w.name(x.Table, x.TableExpr)
		w.close()
	case *Call:
		w.open("call")
		w.name(x.Name, x.NameExpr)
		w.exprs(x.Args)
		w.close()
	case *UnsupportedCommand:
		w.s("(unsupported " + quoteString(x.Keywords) + ")")
	case *CreatePipelineDataset:
		if x.Streaming {
			w.open("create-streaming-table")
		} else {
			w.open("create-materialized-view")
		}
		w.sp(x.Table)
		w.close()
	case *CreateFlow:
		w.open("create-flow")
		w.name(x.Name, x.NameExpr)
		w.clause("comment", x.Comment)
		w.sp(x.Insert)
		w.close()
	case *Delete:
		w.open("delete")
		if x.With != nil {
			w.sp(x.With)
		}
		w.name(x.Table, x.TableExpr)
		if x.Alias != nil {
			w.sp(x.Alias)
		}
		w.clause("where", x.Where)
		w.close()
	case *Update:
		w.open("update")
		if x.With != nil {
			w.sp(x.With)
		}
		w.name(x.Table, x.TableExpr)
		if x.Alias != nil {
			w.sp(x.Alias)
		}
		w.s(" (set")
		for _, a := range x.Set {
			w.sp(a)
		}
		w.close()
		w.clause("where", x.Where)
		w.close()
	case *Merge:
		w.merge(x)
	case *MergeClause:
		w.mergeClause(x)
	case *MultiInsert:
		w.open("multi-insert")
		if x.With != nil {
			w.sp(x.With)
		}
		w.sp(x.From)
		for _, b := range x.Inserts {
			w.sp(b)
		}
		w.close()
	case *InsertBody:
		w.open("insert-body")
		w.sp(x.Insert)
		w.sp(x.Body.Select)
		if x.Body.Org != nil {
			w.queryOrg(x.Body.Org)
		}
		w.close()
	default:
		return w.script(n)
	}
	return true
}

func (w *sexprWriter) createFunction(x *CreateFunction) {
	w.open("create-function")
	w.flag(x.OrReplace, "or-replace")
	w.flag(x.Temporary, "temporary")
	w.flag(x.IfNotExists, "if-not-exists")
	w.name(x.Name, x.NameExpr)
	if x.ClassName != nil {
		w.clause("class", x.ClassName)
	}
	if x.Resources != nil {
		nodes := make([]Node, len(x.Resources))
		for i, r := range x.Resources {
			nodes[i] = r
		}
		w.list("using", nodes)
	}
	if x.SQL {
		w.list("params", columnNodes(x.Params))
		if x.Returns != nil {
			w.s(" (returns " + DataTypeString(x.Returns) + ")")
		}
		if x.ReturnsTable != nil {
			w.list("returns-table", columnNodes(x.ReturnsTable))
		}
		for _, c := range x.Characteristics {
			w.sp(c)
		}
		w.clause("comment", x.Comment)
		w.s(" (return")
		if x.ReturnQuery != nil {
			w.sp(x.ReturnQuery)
		} else {
			w.sp(x.ReturnExpr)
		}
		w.close()
	}
	w.close()
}

func (w *sexprWriter) merge(x *Merge) {
	w.open("merge")
	if x.With != nil {
		w.sp(x.With)
	}
	w.flag(x.SchemaEvolution, "schema-evolution")
	w.name(x.Target, x.TargetExpr)
	if x.TargetAlias != nil {
		w.sp(x.TargetAlias)
	}
	w.s(" (using")
	if x.SourceQuery != nil {
		w.sp(x.SourceQuery)
	} else {
		w.name(x.Source, x.SourceExpr)
	}
	if x.SourceAlias != nil {
		w.sp(x.SourceAlias)
	}
	w.close()
	w.clause("on", x.On)
	for _, c := range x.Clauses {
		w.sp(c)
	}
	w.close()
}

func (w *sexprWriter) mergeClause(x *MergeClause) {
	w.open("when-" + x.Match.String())
	w.flag(x.ByTarget, "by-target")
	w.clause("and", x.Cond)
	switch x.Action {
	case MergeUpdate:
		w.s(" (update")
		for _, a := range x.Assignments {
			w.sp(a)
		}
		w.close()
	case MergeInsert:
		w.s(" (insert (")
		for i, c := range x.Columns {
			if i > 0 {
				w.s(" ")
			}
			w.s(NameString(c))
		}
		w.s(")")
		w.group("values", x.Values)
		w.close()
	default:
		w.s(" " + x.Action.String())
	}
	w.close()
}

// script writes the nodes of script.go.
func (w *sexprWriter) script(n Node) bool {
	switch x := n.(type) {
	case *CompoundBlock:
		w.open("begin")
		w.label(x.Label)
		w.flag(x.NotAtomic, "not-atomic")
		for _, s := range x.Body {
			w.sp(s)
		}
		w.endLabel(x.EndLabel)
		w.close()
	case *DeclareCondition:
		w.open("declare-condition " + NameString(x.Name))
		if x.SQLState != nil {
			w.sp(x.SQLState)
		}
		w.close()
	case *HandlerConditionValue:
		switch x.Kind {
		case HandlerSQLState:
			w.open("sqlstate")
			w.sp(x.SQLState)
			w.close()
		case HandlerSQLException:
			w.s("sqlexception")
		case HandlerNotFound:
			w.s("not-found")
		default:
			w.s(NameString(x.Name))
		}
	case *DeclareHandler:
		if x.Continue {
			w.open("declare-continue-handler (")
		} else {
			w.open("declare-exit-handler (")
		}
		for i, c := range x.Conditions {
			if i > 0 {
				w.s(" ")
			}
			w.node(c)
		}
		w.s(")")
		w.sp(x.Body)
		w.close()
	case *IfElse:
		w.open("if")
		for i, c := range x.Conds {
			w.sp(c)
			w.body("then", x.Bodies[i])
		}
		if x.Else != nil {
			w.body("else", x.Else)
		}
		w.close()
	case *CaseStatement:
		w.open("case")
		if x.Operand != nil {
			w.sp(x.Operand)
		}
		for i, c := range x.Whens {
			w.s(" (when")
			w.sp(c)
			for _, s := range x.Bodies[i] {
				w.sp(s)
			}
			w.close()
		}
		if x.Else != nil {
			w.body("else", x.Else)
		}
		w.close()
	case *While:
		w.open("while")
		w.label(x.Label)
		w.sp(x.Cond)
		w.body("do", x.Body)
		w.endLabel(x.EndLabel)
		w.close()
	case *Repeat:
		w.open("repeat")
		w.label(x.Label)
		w.body("do", x.Body)
		w.clause("until", x.Until)
		w.endLabel(x.EndLabel)
		w.close()
	case *Loop:
		w.open("loop")
		w.label(x.Label)
		w.body("do", x.Body)
		w.endLabel(x.EndLabel)
		w.close()
	case *For:
		w.open("for")
		w.label(x.Label)
		if x.Var != nil {
			w.s(" (var " + NameString(x.Var) + ")")
		}
		w.sp(x.Query)
		w.body("do", x.Body)
		w.endLabel(x.EndLabel)
		w.close()
	case *Leave:
		w.s("(leave " + NameString(x.Label) + ")")
	case *Iterate:
		w.s("(iterate " + NameString(x.Label) + ")")
	default:
		return false
	}
	return true
}

// moreChildren returns the children of the nodes of ddl.go, dml.go and
// script.go.
func moreChildren(node Node) []Node {
	var out []Node
	add := func(ns ...Node) {
		for _, n := range ns {
			if n != nil && !isNilNode(n) {
				out = append(out, n)
			}
		}
	}
	idents := func(list []*Ident) {
		for _, id := range list {
			add(id)
		}
	}
	props := func(list []*Property) {
		for _, p := range list {
			add(p)
		}
	}
	cols := func(list []*ColumnDef) {
		for _, c := range list {
			add(c)
		}
	}
	stmts := func(list []Statement) {
		for _, s := range list {
			add(s)
		}
	}
	exprs := func(list []Expr) {
		for _, e := range list {
			add(e)
		}
	}
	switch x := node.(type) {
	case *AlterTable:
		idents(x.Name)
		add(x.NameExpr, x.Partition, x.Action)
	case *AlterAddColumns:
		cols(x.Columns)
	case *AlterRenameColumn:
		idents(x.From)
		add(x.To)
	case *AlterDropColumns:
		for _, c := range x.Columns {
			idents(c)
		}
	case *AlterRename:
		idents(x.To)
	case *AlterSetProperties:
		props(x.Props)
	case *AlterColumns:
		for _, s := range x.Specs {
			add(s)
		}
	case *AlterColumnSpec:
		idents(x.Column)
		add(x.Type, x.Comment, x.Position, x.Default)
	case *AlterChangeColumn:
		idents(x.Column)
		add(x.NewDef, x.Position)
	case *AlterReplaceColumns:
		cols(x.Columns)
	case *AlterSetSerde:
		add(x.Serde)
		props(x.Props)
	case *PartitionLocation:
		add(x.Spec, x.Location)
	case *AlterAddPartitions:
		for _, p := range x.Partitions {
			add(p)
		}
	case *AlterRenamePartition:
		add(x.To)
	case *AlterDropPartitions:
		for _, p := range x.Partitions {
			add(p)
		}
	case *AlterSetLocation:
		add(x.Location)
	case *AlterClusterBy:
		for _, c := range x.Columns {
			idents(c)
		}
	case *AlterCollation:
		add(x.Name)
	case *AlterAddConstraint:
		add(x.Constraint)
	case *AlterDropConstraint:
		add(x.Name)
	case *AlterViewQuery:
		add(x.Query)
	case *ColumnPosition:
		add(x.After)
	case *Identity:
		add(x.Start, x.Step)
	case *Constraint:
		add(x.Name, x.Check)
		idents(x.Columns)
		idents(x.RefTable)
		idents(x.RefCols)
	case *CreateNamespace:
		idents(x.Name)
		add(x.NameExpr, x.Comment, x.Location, x.Collation)
		props(x.Props)
	case *AlterNamespace:
		idents(x.Name)
		add(x.NameExpr)
		props(x.SetProps)
		props(x.UnsetProps)
		add(x.Location, x.Collation)
	case *FunctionResource:
		add(x.Type, x.URI)
	case *CreateFunction:
		idents(x.Name)
		add(x.NameExpr, x.ClassName)
		for _, r := range x.Resources {
			add(r)
		}
		cols(x.Params)
		add(x.Returns)
		cols(x.ReturnsTable)
		for _, c := range x.Characteristics {
			add(c)
		}
		add(x.Comment, x.ReturnExpr, x.ReturnQuery)
	case *RoutineCharacteristic:
		add(x.Name)
	case *CreateTempViewUsing:
		idents(x.Name)
		cols(x.Columns)
		idents(x.Using)
		props(x.Options)
	case *SetCatalog:
		add(x.Name, x.NameStr, x.NameExpr)
	case *CommentOn:
		idents(x.Name)
		add(x.NameExpr, x.Text)
	case *LoadData:
		add(x.Path)
		idents(x.Name)
		add(x.NameExpr, x.Partition)
	case *RepairTable:
		idents(x.Name)
		add(x.NameExpr)
	case *ManageResource:
		add(x.Type)
	case *CreateIndex:
		add(x.Index)
		idents(x.Table)
		add(x.TableExpr, x.Using)
		for _, c := range x.Columns {
			add(c)
		}
		props(x.Options)
	case *IndexColumn:
		idents(x.Name)
		props(x.Options)
	case *DropIndex:
		add(x.Index)
		idents(x.Table)
		add(x.TableExpr)
	case *Call:
		idents(x.Name)
		add(x.NameExpr)
		exprs(x.Args)
	case *CreatePipelineDataset:
		add(x.Table)
	case *CreateFlow:
		idents(x.Name)
		add(x.NameExpr, x.Comment, x.Insert)
	case *Delete:
		add(x.With)
		idents(x.Table)
		add(x.TableExpr, x.Alias, x.Where)
	case *Update:
		add(x.With)
		idents(x.Table)
		add(x.TableExpr, x.Alias)
		for _, a := range x.Set {
			add(a)
		}
		add(x.Where)
	case *Merge:
		add(x.With)
		idents(x.Target)
		add(x.TargetExpr, x.TargetAlias)
		idents(x.Source)
		add(x.SourceExpr, x.SourceQuery, x.SourceAlias, x.On)
		for _, c := range x.Clauses {
			add(c)
		}
	case *MergeClause:
		add(x.Cond)
		for _, a := range x.Assignments {
			add(a)
		}
		for _, c := range x.Columns {
			idents(c)
		}
		exprs(x.Values)
	case *MultiInsert:
		add(x.With, x.From)
		for _, b := range x.Inserts {
			add(b)
		}
	case *InsertBody:
		add(x.Insert, x.Body.Select, x.Body.Org)
	case *CompoundBlock:
		idents(x.Label)
		stmts(x.Body)
		idents(x.EndLabel)
	case *DeclareCondition:
		idents(x.Name)
		add(x.SQLState)
	case *HandlerConditionValue:
		add(x.SQLState)
		idents(x.Name)
	case *DeclareHandler:
		for _, c := range x.Conditions {
			add(c)
		}
		add(x.Body)
	case *IfElse:
		for i, c := range x.Conds {
			add(c)
			stmts(x.Bodies[i])
		}
		stmts(x.Else)
	case *CaseStatement:
		add(x.Operand)
		for i, c := range x.Whens {
			add(c)
			stmts(x.Bodies[i])
		}
		stmts(x.Else)
	case *While:
		idents(x.Label)
		add(x.Cond)
		stmts(x.Body)
		idents(x.EndLabel)
	case *Repeat:
		idents(x.Label)
		stmts(x.Body)
		add(x.Until)
		idents(x.EndLabel)
	case *Loop:
		idents(x.Label)
		stmts(x.Body)
		idents(x.EndLabel)
	case *For:
		idents(x.Label)
		idents(x.Var)
		add(x.Query)
		stmts(x.Body)
		idents(x.EndLabel)
	case *Leave:
		idents(x.Label)
	case *Iterate:
		idents(x.Label)
	}
	return out
}

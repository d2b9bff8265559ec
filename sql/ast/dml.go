package ast

// This file declares the DML statements besides INSERT: DELETE, UPDATE,
// MERGE, and Hive's multi-insert FROM src INSERT ... INSERT ...

// Delete is [WITH ...] DELETE FROM name [[AS] alias] [WHERE cond].
type Delete struct {
	With      *With
	Delete    Pos
	Table     []*Ident
	TableExpr Expr // IDENTIFIER(expr)
	Alias     *TableAlias
	Where     Expr
	EndPos    Pos
}

// Update is [WITH ...] UPDATE name [[AS] alias] SET a = e, ... [WHERE cond].
type Update struct {
	With      *With
	Update    Pos
	Table     []*Ident
	TableExpr Expr
	Alias     *TableAlias
	Set       []*Assignment
	Where     Expr
	EndPos    Pos
}

// Merge is [WITH ...] MERGE [WITH SCHEMA EVOLUTION] INTO target [alias]
// USING source|(query) [alias] ON cond, followed by WHEN MATCHED, WHEN NOT
// MATCHED [BY TARGET] and WHEN NOT MATCHED BY SOURCE clauses.
type Merge struct {
	With            *With
	Merge           Pos
	SchemaEvolution bool
	Target          []*Ident
	TargetExpr      Expr
	TargetAlias     *TableAlias
	Source          []*Ident
	SourceExpr      Expr
	SourceQuery     *Query // USING (query)
	SourceAlias     *TableAlias
	On              Expr
	Clauses         []*MergeClause
	EndPos          Pos
}

// MergeMatch tells which rows a WHEN clause of MERGE applies to.
type MergeMatch int

const (
	WhenMatched            MergeMatch = iota // WHEN MATCHED
	WhenNotMatched                           // WHEN NOT MATCHED [BY TARGET]
	WhenNotMatchedBySource                   // WHEN NOT MATCHED BY SOURCE
)

var mergeMatchNames = [...]string{"matched", "not-matched", "not-matched-by-source"}

func (m MergeMatch) String() string { return mergeMatchNames[m] }

// MergeActionKind is the action of a WHEN clause of MERGE.
type MergeActionKind int

const (
	MergeDelete     MergeActionKind = iota // DELETE
	MergeUpdate                            // UPDATE SET a = e, ...
	MergeUpdateStar                        // UPDATE SET *
	MergeInsert                            // INSERT (cols) VALUES (exprs)
	MergeInsertStar                        // INSERT *
)

var mergeActionNames = [...]string{"delete", "update", "update-star", "insert", "insert-star"}

func (k MergeActionKind) String() string { return mergeActionNames[k] }

// MergeClause is WHEN [NOT] MATCHED [BY TARGET|SOURCE] [AND cond] THEN action.
type MergeClause struct {
	When        Pos
	Match       MergeMatch
	ByTarget    bool // BY TARGET was written
	Cond        Expr
	Action      MergeActionKind
	Assignments []*Assignment // UPDATE SET
	Columns     [][]*Ident    // INSERT (cols)
	Values      []Expr        // INSERT ... VALUES (exprs)
	EndPos      Pos
}

func (x *MergeClause) Pos() Pos { return x.When }
func (x *MergeClause) End() Pos { return x.EndPos }

// MultiInsert is Hive's [WITH ...] FROM relations INSERT ... body INSERT
// ... body ...: each insert takes its rows from a SELECT (or TRANSFORM)
// body over the shared FROM clause.
type MultiInsert struct {
	With    *With
	From    *From
	Inserts []*InsertBody
	EndPos  Pos
}

// InsertBody is one INSERT of a multi-insert: the INSERT clause (an
// *Insert whose Query is nil) and the body that produces its rows.
type InsertBody struct {
	Insert *Insert
	Body   *FromBody
}

func (x *InsertBody) Pos() Pos { return x.Insert.Pos() }
func (x *InsertBody) End() Pos {
	if x.Body.Org != nil {
		return x.Body.Org.End()
	}
	return x.Body.Select.End()
}

func (x *Delete) Pos() Pos {
	if x.With != nil {
		return x.With.Pos()
	}
	return x.Delete
}
func (x *Delete) End() Pos { return x.EndPos }
func (x *Update) Pos() Pos {
	if x.With != nil {
		return x.With.Pos()
	}
	return x.Update
}
func (x *Update) End() Pos { return x.EndPos }
func (x *Merge) Pos() Pos {
	if x.With != nil {
		return x.With.Pos()
	}
	return x.Merge
}
func (x *Merge) End() Pos { return x.EndPos }
func (x *MultiInsert) Pos() Pos {
	if x.With != nil {
		return x.With.Pos()
	}
	return x.From.Pos()
}
func (x *MultiInsert) End() Pos { return x.EndPos }

func (*Delete) stmtNode()      {}
func (*Update) stmtNode()      {}
func (*Merge) stmtNode()       {}
func (*MultiInsert) stmtNode() {}

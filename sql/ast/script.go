package ast

// This file declares SQL scripting: compound statements (BEGIN ... END)
// and the control-flow statements that may appear in them. A script's
// statements are ordinary Statements (queries, DML, DDL, SET of
// variables) or the statements of this file.

// CompoundBlock is [label:] BEGIN [NOT ATOMIC] statement; ... END [label].
// A whole script is a CompoundBlock without labels.
type CompoundBlock struct {
	Label     []*Ident // the begin label; nil when absent
	Begin     Pos
	NotAtomic bool
	Body      []Statement
	EndLabel  []*Ident
	EndPos    Pos
}

// DeclareCondition is DECLARE name CONDITION [FOR SQLSTATE [VALUE] 'state'].
type DeclareCondition struct {
	Declare  Pos
	Name     []*Ident
	SQLState *Literal // nil when absent (Spark uses 45000)
	EndPos   Pos
}

// HandlerConditionKind is the kind of one condition of a handler.
type HandlerConditionKind int

const (
	HandlerSQLState     HandlerConditionKind = iota // SQLSTATE [VALUE] 'state'
	HandlerSQLException                             // SQLEXCEPTION
	HandlerNotFound                                 // NOT FOUND
	HandlerCondition                                // a condition name
)

// HandlerConditionValue is one condition a handler reacts to.
type HandlerConditionValue struct {
	StartPos Pos
	Kind     HandlerConditionKind
	SQLState *Literal
	Name     []*Ident
	EndPos   Pos
}

func (x *HandlerConditionValue) Pos() Pos { return x.StartPos }
func (x *HandlerConditionValue) End() Pos { return x.EndPos }

// DeclareHandler is DECLARE CONTINUE|EXIT HANDLER FOR conditions body,
// where the body is a compound block, a statement or a SET.
type DeclareHandler struct {
	Declare    Pos
	Continue   bool // CONTINUE rather than EXIT
	Conditions []*HandlerConditionValue
	Body       Statement
	EndPos     Pos
}

// IfElse is IF cond THEN body [ELSEIF cond THEN body]... [ELSE body] END IF.
// Conds and Bodies have the same length; Else is nil without ELSE.
type IfElse struct {
	If     Pos
	Conds  []Expr
	Bodies [][]Statement
	Else   []Statement
	EndPos Pos
}

// CaseStatement is CASE [operand] WHEN x THEN body ... [ELSE body] END
// CASE: with an operand (simple case), Whens are the values compared with
// it; without (searched case), they are conditions.
type CaseStatement struct {
	Case    Pos
	Operand Expr
	Whens   []Expr
	Bodies  [][]Statement
	Else    []Statement
	EndPos  Pos
}

// While is [label:] WHILE cond DO body END WHILE [label].
type While struct {
	Label    []*Ident
	While    Pos
	Cond     Expr
	Body     []Statement
	EndLabel []*Ident
	EndPos   Pos
}

// Repeat is [label:] REPEAT body UNTIL cond END REPEAT [label].
type Repeat struct {
	Label    []*Ident
	Repeat   Pos
	Body     []Statement
	Until    Expr
	EndLabel []*Ident
	EndPos   Pos
}

// Loop is [label:] LOOP body END LOOP [label].
type Loop struct {
	Label    []*Ident
	Loop     Pos
	Body     []Statement
	EndLabel []*Ident
	EndPos   Pos
}

// For is [label:] FOR [var AS] query DO body END FOR [label].
type For struct {
	Label    []*Ident
	For      Pos
	Var      []*Ident // nil when absent
	Query    *Query
	Body     []Statement
	EndLabel []*Ident
	EndPos   Pos
}

// Leave is LEAVE label; Iterate is ITERATE label.
type Leave struct {
	Leave Pos
	Label []*Ident
}

// Iterate is ITERATE label.
type Iterate struct {
	Iterate Pos
	Label   []*Ident
}

func labelPos(label []*Ident, kw Pos) Pos {
	if len(label) > 0 {
		return label[0].Pos()
	}
	return kw
}

func (x *CompoundBlock) Pos() Pos    { return labelPos(x.Label, x.Begin) }
func (x *CompoundBlock) End() Pos    { return x.EndPos }
func (x *DeclareCondition) Pos() Pos { return x.Declare }
func (x *DeclareCondition) End() Pos { return x.EndPos }
func (x *DeclareHandler) Pos() Pos   { return x.Declare }
func (x *DeclareHandler) End() Pos   { return x.EndPos }
func (x *IfElse) Pos() Pos           { return x.If }
func (x *IfElse) End() Pos           { return x.EndPos }
func (x *CaseStatement) Pos() Pos    { return x.Case }
func (x *CaseStatement) End() Pos    { return x.EndPos }
func (x *While) Pos() Pos            { return labelPos(x.Label, x.While) }
func (x *While) End() Pos            { return x.EndPos }
func (x *Repeat) Pos() Pos           { return labelPos(x.Label, x.Repeat) }
func (x *Repeat) End() Pos           { return x.EndPos }
func (x *Loop) Pos() Pos             { return labelPos(x.Label, x.Loop) }
func (x *Loop) End() Pos             { return x.EndPos }
func (x *For) Pos() Pos              { return labelPos(x.Label, x.For) }
func (x *For) End() Pos              { return x.EndPos }
func (x *Leave) Pos() Pos            { return x.Leave }
func (x *Leave) End() Pos            { return nameEnd(x.Label) }
func (x *Iterate) Pos() Pos          { return x.Iterate }
func (x *Iterate) End() Pos          { return nameEnd(x.Label) }

func (*CompoundBlock) stmtNode()    {}
func (*DeclareCondition) stmtNode() {}
func (*DeclareHandler) stmtNode()   {}
func (*IfElse) stmtNode()           {}
func (*CaseStatement) stmtNode()    {}
func (*While) stmtNode()            {}
func (*Repeat) stmtNode()           {}
func (*Loop) stmtNode()             {}
func (*For) stmtNode()              {}
func (*Leave) stmtNode()            {}
func (*Iterate) stmtNode()          {}

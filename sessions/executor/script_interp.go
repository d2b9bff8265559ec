package executor

// This file is the interpreter of SQL scripts, after Spark's SqlScriptingExecution: the
// parsed script is compiled once into a tree of execution nodes, and a loop walks it one
// step at a time. What runs lives in frames (the script, and each exception handler while
// its body runs), each a stack of activations of the nodes entered and not yet left; a
// block that is a scope (BEGIN ... END, the rows of FOR) carries its local variables on its
// activation. Every step returns to the loop, which checks the operation's context first:
// no script, not even WHILE true DO ... END WHILE, runs on after an interrupt.
//
// Errors are Spark's: an error a handler takes runs the handler's body in a frame of its
// own. After an EXIT handler the block that declares it is left; after a CONTINUE handler
// the script goes on after the statement that failed, skipping a conditional statement
// whose condition failed.

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/ast"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// scriptNode is a compiled statement of a script.
type scriptNode interface{ scriptNode() }

// blockNode is a list of statements: BEGIN ... END (a scope, with a label of its own,
// generated when it has none, and the handlers it declares) or the body of a branch, a
// loop or a handler (not a scope, label "").
type blockNode struct {
	label    string
	scope    bool
	handlers []*handlerNode
	body     []scriptNode
}

// stmtNode is a statement that is not control flow: a query or a command.
type stmtNode struct{ st ast.Statement }

// ifNode is IF ... ELSEIF ... ELSE ... END IF and searched CASE: the body of the first
// condition that is true runs, or els.
type ifNode struct {
	conds  []ast.Expr
	bodies []*blockNode
	els    *blockNode
}

// caseNode is simple CASE: the operand is computed once and compared with each WHEN.
type caseNode struct {
	operand ast.Expr
	whens   []ast.Expr
	bodies  []*blockNode
	els     *blockNode
}

type loopKind int

const (
	loopWhile  loopKind = iota // WHILE cond DO body END WHILE
	loopRepeat                 // REPEAT body UNTIL cond END REPEAT
	loopLoop                   // LOOP body END LOOP
)

// loopNode is WHILE, REPEAT or LOOP; label is "" when the loop has none.
type loopNode struct {
	kind  loopKind
	label string
	cond  ast.Expr
	body  *blockNode
}

// forNode is FOR [var AS] query DO body END FOR. Each row of the query runs the body in a
// scope of its own holding a variable per column; the scope's label is the FOR variable.
type forNode struct {
	label   string
	varName string // "" without a FOR variable
	query   *ast.Query
	body    *blockNode
}

// leaveNode is LEAVE label, or ITERATE label.
type leaveNode struct {
	label   string
	iterate bool
}

// handlerNode is DECLARE EXIT|CONTINUE HANDLER FOR conditions body.
type handlerNode struct {
	exit         bool
	conditions   map[string]bool // error conditions, upper case (a main class or class.subclass)
	sqlStates    map[string]bool // upper case
	sqlException bool
	notFound     bool
	body         *blockNode
}

func (*blockNode) scriptNode() {}
func (*stmtNode) scriptNode()  {}
func (*ifNode) scriptNode()    {}
func (*caseNode) scriptNode()  {}
func (*loopNode) scriptNode()  {}
func (*forNode) scriptNode()   {}
func (*leaveNode) scriptNode() {}

// compileScript builds the execution nodes of a script. Like Spark's interpreter it
// rejects two handlers of one block for the same condition or SQLSTATE.
func compileScript(b *ast.CompoundBlock, caseSensitive bool) (*blockNode, error) {
	c := scriptCompiler{caseSensitive: caseSensitive}
	return c.block(b)
}

type scriptCompiler struct{ caseSensitive bool }

// labelOf is a label as Spark keeps it: its text in lower case.
func labelOf(l []*ast.Ident) string {
	return strings.ToLower(strings.Join(ast.NameParts(l), "."))
}

// generatedLabel names a block or a FOR row without a label, as Spark does: nothing a
// script writes can name it.
func generatedLabel() string { return uuid.NewString() }

func (c *scriptCompiler) block(b *ast.CompoundBlock) (*blockNode, error) {
	n := &blockNode{label: labelOf(b.Label), scope: true}
	if b.Label == nil {
		n.label = generatedLabel()
	}
	conditions, sqlStates := map[string]bool{}, map[string]bool{}
	var sqlException, notFound bool
	for _, st := range b.Body {
		switch st := st.(type) {
		case *ast.DeclareCondition:
			// A declared condition only names an error class for handlers, which the
			// parser has checked.
			continue
		case *ast.DeclareHandler:
			h, err := c.handler(st)
			if err != nil {
				return nil, err
			}
			for k := range h.conditions {
				if conditions[k] {
					return nil, duplicateHandler("CONDITION", "condition", k)
				}
				conditions[k] = true
			}
			for k := range h.sqlStates {
				if sqlStates[k] {
					return nil, duplicateHandler("SQLSTATE", "sqlState", k)
				}
				sqlStates[k] = true
			}
			if h.sqlException {
				if sqlException {
					return nil, duplicateHandler("CONDITION", "condition", "SQLEXCEPTION")
				}
				sqlException = true
			}
			if h.notFound {
				if notFound {
					return nil, duplicateHandler("CONDITION", "condition", "NOT FOUND")
				}
				notFound = true
			}
			n.handlers = append(n.handlers, h)
			continue
		}
		s, err := c.statement(st)
		if err != nil {
			return nil, err
		}
		n.body = append(n.body, s)
	}
	return n, nil
}

func duplicateHandler(sub, param, value string) error {
	what := "condition <condition>"
	if sub == "SQLSTATE" {
		what = "SQLSTATE <sqlState>"
	}
	return scriptingError("DUPLICATE_EXCEPTION_HANDLER."+sub, "42734",
		"Found duplicate handlers. Please, remove one of them. Found duplicate handlers for the same "+what+".",
		map[string]string{param: value})
}

// scriptingError is one of Spark's SqlScriptingException errors.
func scriptingError(class, sqlState, template string, params map[string]string) *sparkerror.Error {
	e := sparkerror.New(sparkerror.Analysis, class, sqlState, template, params)
	e.JavaClasses = []string{"org.apache.spark.sql.exceptions.SqlScriptingException", "java.lang.Exception", "java.lang.Throwable"}
	return e
}

func (c *scriptCompiler) handler(d *ast.DeclareHandler) (*handlerNode, error) {
	h := &handlerNode{exit: !d.Continue, conditions: map[string]bool{}, sqlStates: map[string]bool{}}
	for _, cv := range d.Conditions {
		switch cv.Kind {
		case ast.HandlerSQLState:
			h.sqlStates[strings.ToUpper(cv.SQLState.Value)] = true
		case ast.HandlerSQLException:
			h.sqlException = true
		case ast.HandlerNotFound:
			h.notFound = true
		case ast.HandlerCondition:
			h.conditions[strings.ToUpper(strings.Join(ast.NameParts(cv.Name), "."))] = true
		}
	}
	if b, ok := d.Body.(*ast.CompoundBlock); ok {
		body, err := c.block(b)
		if err != nil {
			return nil, err
		}
		h.body = body
		return h, nil
	}
	s, err := c.statement(d.Body)
	if err != nil {
		return nil, err
	}
	h.body = &blockNode{body: []scriptNode{s}}
	return h, nil
}

// body compiles the statements of a branch or a loop.
func (c *scriptCompiler) body(sts []ast.Statement) (*blockNode, error) {
	n := &blockNode{}
	for _, st := range sts {
		if _, ok := st.(*ast.DeclareCondition); ok {
			continue
		}
		s, err := c.statement(st)
		if err != nil {
			return nil, err
		}
		n.body = append(n.body, s)
	}
	return n, nil
}

func (c *scriptCompiler) bodies(bs [][]ast.Statement) ([]*blockNode, error) {
	out := make([]*blockNode, len(bs))
	for i, b := range bs {
		n, err := c.body(b)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func (c *scriptCompiler) optBody(b []ast.Statement) (*blockNode, error) {
	if b == nil {
		return nil, nil
	}
	return c.body(b)
}

func (c *scriptCompiler) statement(st ast.Statement) (scriptNode, error) {
	switch st := st.(type) {
	case *ast.CompoundBlock:
		return c.block(st)
	case *ast.IfElse:
		bodies, err := c.bodies(st.Bodies)
		if err != nil {
			return nil, err
		}
		els, err := c.optBody(st.Else)
		if err != nil {
			return nil, err
		}
		return &ifNode{conds: st.Conds, bodies: bodies, els: els}, nil
	case *ast.CaseStatement:
		bodies, err := c.bodies(st.Bodies)
		if err != nil {
			return nil, err
		}
		els, err := c.optBody(st.Else)
		if err != nil {
			return nil, err
		}
		if st.Operand == nil {
			return &ifNode{conds: st.Whens, bodies: bodies, els: els}, nil
		}
		return &caseNode{operand: st.Operand, whens: st.Whens, bodies: bodies, els: els}, nil
	case *ast.While:
		body, err := c.body(st.Body)
		if err != nil {
			return nil, err
		}
		return &loopNode{kind: loopWhile, label: labelOf(st.Label), cond: st.Cond, body: body}, nil
	case *ast.Repeat:
		body, err := c.body(st.Body)
		if err != nil {
			return nil, err
		}
		return &loopNode{kind: loopRepeat, label: labelOf(st.Label), cond: st.Until, body: body}, nil
	case *ast.Loop:
		body, err := c.body(st.Body)
		if err != nil {
			return nil, err
		}
		return &loopNode{kind: loopLoop, label: labelOf(st.Label), body: body}, nil
	case *ast.For:
		body, err := c.body(st.Body)
		if err != nil {
			return nil, err
		}
		n := &forNode{label: labelOf(st.Label), query: st.Query, body: body}
		if st.Var != nil {
			n.varName = strings.Join(ast.NameParts(st.Var), ".")
			if !c.caseSensitive {
				n.varName = strings.ToLower(n.varName)
			}
		}
		return n, nil
	case *ast.Leave:
		return &leaveNode{label: labelOf(st.Label)}, nil
	case *ast.Iterate:
		return &leaveNode{label: labelOf(st.Label), iterate: true}, nil
	case *ast.DeclareHandler:
		// The parser allows handlers only at the start of a BEGIN ... END block.
		return nil, sparkerror.InternalError("a handler outside the declarations of a block")
	}
	return &stmtNode{st: st}, nil
}

// scope is a scope of a running script: a BEGIN ... END block or one row of FOR, with the
// local variables declared in it.
type scope struct {
	label    string
	handlers []*handlerNode
	vars     map[string]*sessions.Variable
}

// handlerFor is the handler of the scope for an error, chosen as Spark does: one for the
// error's full condition, then for its main class, then for its SQLSTATE, then NOT FOUND
// for the SQLSTATEs of class 02, then SQLEXCEPTION for every SQLSTATE but those of classes
// 02 and XX.
func (sc *scope) handlerFor(condition, sqlState string) *handlerNode {
	condition, sqlState = strings.ToUpper(condition), strings.ToUpper(sqlState)
	main, _, hasSub := strings.Cut(condition, ".")
	for _, h := range sc.handlers {
		if h.conditions[condition] {
			return h
		}
	}
	if hasSub {
		for _, h := range sc.handlers {
			if h.conditions[main] {
				return h
			}
		}
	}
	for _, h := range sc.handlers {
		if h.sqlStates[sqlState] {
			return h
		}
	}
	notFound := strings.HasPrefix(sqlState, "02")
	for _, h := range sc.handlers {
		if notFound && h.notFound || !notFound && !strings.HasPrefix(sqlState, "XX") && h.sqlException {
			return h
		}
	}
	return nil
}

// activation state.
type actState int

const (
	actStart actState = iota // nothing done yet
	actCond                  // a condition (or the next row of FOR) is next
	actDone                  // the branch taken has run: the statement is finished
)

// activation is a node being run, with where it stands.
type activation struct {
	node  scriptNode
	state actState
	// pc is the next statement of a block, the branch of IF or CASE being tested.
	pc int
	// scope is the scope of a block that is one, and of the current row of FOR.
	scope *scope
	// operand is the value of the operand of simple CASE.
	operand *plan.Literal
	// rows are the rows of the query of FOR, and row the next one.
	rows *scriptRows
	row  int
}

// label is the label LEAVE and ITERATE name the activation's node by ("" for none).
func (a *activation) label() string {
	switch n := a.node.(type) {
	case *blockNode:
		return n.label
	case *loopNode:
		return n.label
	case *forNode:
		return n.label
	}
	return ""
}

// finished reports an activation whose next step only leaves it.
func (a *activation) finished() bool {
	switch n := a.node.(type) {
	case *blockNode:
		return a.pc >= len(n.body)
	case *ifNode, *caseNode:
		return a.state == actDone
	}
	return false
}

type frameKind int

const (
	frameScript frameKind = iota
	frameExit
	frameContinue
)

// scriptFrame is the script, or a handler whose body runs.
type scriptFrame struct {
	kind  frameKind
	stack []*activation
	// declScope is the scope that declares the handler of a handler frame.
	declScope *scope
	// condFailed tells that the error the handler takes came from the condition of the
	// conditional statement on top of the frame below (or the query of FOR).
	condFailed bool
}

// scopes lists the frame's scopes, outermost first.
func (f *scriptFrame) scopes() []*scope {
	var out []*scope
	for _, a := range f.stack {
		if a.scope != nil {
			out = append(out, a.scope)
		}
	}
	return out
}

// scriptRun is a running script.
type scriptRun struct {
	x *Executor
	s *sessions.Session // the script's own session (script.go)
	// client is the session the script was sent in, where the local variables are not
	// seen (EXECUTE IMMEDIATE runs its statement there).
	client *sessions.Session
	text   string
	// frames are the script's frame and those of the handlers running, innermost last.
	frames []*scriptFrame
	// firstHandler is the scope declaring the handler that the script frame's error went
	// to (Spark's firstHandlerScopeLabel): an error inside handlers looks for a handler of
	// the script frame only outside it.
	firstHandler *scope
	// result is the result of the last statement that had one.
	result *plan.LocalData
}

func (r *scriptRun) top() *scriptFrame { return r.frames[len(r.frames)-1] }

// run runs the script to its end and returns its result (nil when no statement had one).
func (r *scriptRun) run(ctx context.Context, root *blockNode) (*plan.LocalData, error) {
	r.frames = []*scriptFrame{{kind: frameScript}}
	r.push(r.frames[0], root)
	for len(r.frames) > 0 {
		if ctx.Err() != nil {
			r.setResult(nil)
			return nil, interrupted(ctx)
		}
		f := r.top()
		if len(f.stack) == 0 {
			r.endFrame()
			continue
		}
		condFailed, err := r.step(ctx, f)
		if err != nil {
			if err = r.handle(ctx, err, condFailed); err != nil {
				r.setResult(nil)
				return nil, err
			}
		}
	}
	return r.result, nil
}

// interrupted is the error of a script whose operation was interrupted.
func interrupted(ctx context.Context) error {
	if se, ok := sparkerror.As(context.Cause(ctx)); ok {
		return se
	}
	return sparkerror.Canceled()
}

// push enters a node: its activation goes on top of the frame.
func (r *scriptRun) push(f *scriptFrame, n scriptNode) *activation {
	a := &activation{node: n}
	if b, ok := n.(*blockNode); ok && b.scope {
		a.scope = &scope{label: b.label, handlers: b.handlers, vars: map[string]*sessions.Variable{}}
	}
	f.stack = append(f.stack, a)
	return a
}

// popTo leaves the activations of the frame from the top down to index i.
func popTo(f *scriptFrame, i int) {
	for j := i; j < len(f.stack); j++ {
		f.stack[j] = nil
	}
	f.stack = f.stack[:i]
}

// step runs one step of the activation on top of f. condFailed tells that an error came
// from the condition of a conditional statement (or the query of FOR).
func (r *scriptRun) step(ctx context.Context, f *scriptFrame) (condFailed bool, _ error) {
	a := f.stack[len(f.stack)-1]
	switch n := a.node.(type) {
	case *blockNode:
		if a.pc >= len(n.body) {
			popTo(f, len(f.stack)-1)
			return false, nil
		}
		child := n.body[a.pc]
		a.pc++
		switch c := child.(type) {
		case *stmtNode:
			return false, r.exec(ctx, c.st)
		case *leaveNode:
			r.leave(f, c)
			return false, nil
		}
		r.push(f, child)
		return false, nil
	case *ifNode:
		if a.state == actDone {
			popTo(f, len(f.stack)-1)
			return false, nil
		}
		if a.pc >= len(n.conds) {
			a.state = actDone
			if n.els != nil {
				r.push(f, n.els)
			}
			return false, nil
		}
		ok, err := r.condition(ctx, n.conds[a.pc])
		if err != nil {
			return true, err
		}
		if ok {
			a.state = actDone
			r.push(f, n.bodies[a.pc])
		} else {
			a.pc++
		}
		return false, nil
	case *caseNode:
		switch a.state {
		case actDone:
			popTo(f, len(f.stack)-1)
			return false, nil
		case actStart:
			v, err := r.value(ctx, n.operand)
			if err != nil {
				return true, err
			}
			a.operand, a.state = v, actCond
			return false, nil
		}
		if a.pc >= len(n.whens) {
			a.state = actDone
			if n.els != nil {
				r.push(f, n.els)
			}
			return false, nil
		}
		ok, err := r.caseCondition(ctx, a.operand, n.whens[a.pc])
		if err != nil {
			return true, err
		}
		if ok {
			a.state = actDone
			r.push(f, n.bodies[a.pc])
		} else {
			a.pc++
		}
		return false, nil
	case *loopNode:
		switch {
		case n.kind == loopLoop, n.kind == loopRepeat && a.state == actStart:
			// The body runs first; after it, the condition of REPEAT.
			a.state = actCond
			r.push(f, n.body)
			return false, nil
		}
		ok, err := r.condition(ctx, n.cond)
		if err != nil {
			return true, err
		}
		if ok == (n.kind == loopWhile) {
			a.state = actCond
			r.push(f, n.body)
		} else {
			popTo(f, len(f.stack)-1)
		}
		return false, nil
	case *forNode:
		if a.state == actStart {
			rows, err := r.forRows(ctx, n.query)
			if err != nil {
				return true, err
			}
			a.rows, a.state = rows, actCond
		}
		if a.row >= a.rows.count() {
			popTo(f, len(f.stack)-1)
			return false, nil
		}
		a.row++
		sc, err := r.forScope(n, a.rows, a.row-1)
		if err != nil {
			return false, err
		}
		a.scope = sc
		r.push(f, n.body)
		return false, nil
	}
	return false, sparkerror.InternalError("unknown script statement %T", a.node)
}

// leave runs LEAVE or ITERATE in f: the activations down to the labeled one are left, and
// that one too (LEAVE) or its next iteration starts (ITERATE). A label the frame does not
// hold (a handler's body naming a statement around the handler) ends the frame.
func (r *scriptRun) leave(f *scriptFrame, l *leaveNode) {
	for i := len(f.stack) - 1; i >= 0; i-- {
		a := f.stack[i]
		if a.label() == "" || a.label() != l.label {
			continue
		}
		if !l.iterate {
			popTo(f, i)
			return
		}
		popTo(f, i+1)
		if _, isFor := a.node.(*forNode); isFor {
			a.scope = nil
		} else {
			// WHILE and REPEAT test their condition next, LOOP runs its body again.
			a.state = actCond
		}
		return
	}
	popTo(f, 0)
}

// handle passes an error to the handler for it, when the script declares one in the scopes
// the error reaches; otherwise the script ends with the error.
func (r *scriptRun) handle(ctx context.Context, err error, condFailed bool) error {
	if ctx.Err() != nil {
		return interrupted(ctx)
	}
	se, ok := sparkerror.As(err)
	if !ok {
		return err
	}
	h, declScope := r.findHandler(se.Class, se.SQLState)
	if h == nil {
		return err
	}
	kind := frameContinue
	if h.exit {
		kind = frameExit
	}
	f := &scriptFrame{kind: kind, declScope: declScope, condFailed: condFailed}
	r.frames = append(r.frames, f)
	r.push(f, h.body)
	return nil
}

// findHandler looks for the handler of an error as Spark does: inside the handler running
// (when one does), then in the script's scopes from the innermost, but only in those
// around the scope whose handler runs.
func (r *scriptRun) findHandler(condition, sqlState string) (*handlerNode, *scope) {
	if top := r.top(); top.kind != frameScript {
		scopes := top.scopes()
		for i := len(scopes) - 1; i >= 0; i-- {
			if h := scopes[i].handlerFor(condition, sqlState); h != nil {
				return h, scopes[i]
			}
		}
	}
	scopes := r.frames[0].scopes()
	end := len(scopes)
	if r.firstHandler != nil {
		end = 0
		for i, sc := range scopes {
			if sc == r.firstHandler {
				end = i
				break
			}
		}
	}
	for i := end - 1; i >= 0; i-- {
		if h := scopes[i].handlerFor(condition, sqlState); h != nil {
			r.firstHandler = scopes[i]
			return h, scopes[i]
		}
	}
	return nil, nil
}

// endFrame removes the frame on top, whose statements have all run. After an EXIT handler
// the frame below leaves the scope that declares the handler (the whole frame when that
// scope is not in it); after a CONTINUE handler it goes on.
func (r *scriptRun) endFrame() {
	f := r.top()
	r.frames = r.frames[:len(r.frames)-1]
	if f.kind == frameScript {
		return
	}
	if r.firstHandler == f.declScope {
		r.firstHandler = nil
	}
	below := r.top()
	if f.kind == frameExit {
		for i, a := range below.stack {
			if a.scope == f.declScope {
				popTo(below, i)
				return
			}
		}
		popTo(below, 0)
		return
	}
	if f.condFailed {
		// The conditional statement whose condition failed is skipped.
		popTo(below, len(below.stack)-1)
		return
	}
	// As in Spark, a WHILE or REPEAT whose condition would be tested next (the statement
	// that failed was the last of its body) stops.
	i := len(below.stack) - 1
	for i >= 0 && below.stack[i].finished() {
		i--
	}
	if i >= 0 && i < len(below.stack)-1 {
		if l, ok := below.stack[i].node.(*loopNode); ok && l.kind != loopLoop {
			popTo(below, i)
		}
	}
}

// setResult makes res the script's result, releasing the one before.
func (r *scriptRun) setResult(res *plan.LocalData) {
	if r.result != nil {
		releaseBatches(r.result.Batches)
	}
	r.result = res
}

package parser

import (
	"unsafe"

	"github.com/sailgo/sail/sql/ast"
)

// This file allocates the tree's nodes and lists in blocks rather than one
// by one. The memory handed out is zero, so callers set only the fields
// that are not: assigning a whole struct to memory the compiler does not
// know to be fresh copies it under a bulk write barrier while the garbage
// collector marks.
//
// In blocks, a statement of thousands of identifiers and literals then costs
// tens of allocations instead of thousands, and a small statement a few
// per node type. A block stays alive as long as any of its nodes does,
// which is the life of the tree.
//
// The frequent node types get a first block sized by the tokens that can
// produce them (counted once in parser.init), so that it usually holds them
// all; past that estimate, and for the other types, blocks double from one
// element, which never wastes more than half of a block.

// blockBytes bounds the size of a block. Large statements allocate blocks
// of this size: blocks of a few kilobytes each take a span of their own
// from the runtime, which costs more than fewer large allocations.
const blockBytes = 128 << 10

// maxBlock returns the most elements of T a block holds.
func maxBlock[T any]() int {
	var x T
	return max(blockBytes/int(unsafe.Sizeof(x)), 1)
}

// slab hands out elements of T from blocks. It counts the elements used
// rather than reslicing the block: storing a pointer costs a write
// barrier while the garbage collector marks.
type slab[T any] struct {
	block []T
	used  int
	want  int // elements still expected from the token counts
	next  int // size of the last block sized by doubling
}

func (s *slab[T]) alloc() *T {
	if s.used == len(s.block) {
		s.refill()
	}
	x := &s.block[s.used]
	s.used++
	return x
}

func (s *slab[T]) refill() {
	limit := maxBlock[T]()
	n := min(s.want, limit)
	if n <= 0 {
		s.next = min(max(2*s.next, 1), limit)
		n = s.next
	}
	s.want -= n
	s.block = make([]T, n)
	s.used = 0
}

// sliceSlab hands out slices of T of exact length (and capacity, so that
// appending to one copies it) from shared blocks.
type sliceSlab[T any] struct {
	block []T
	used  int
	want  int // elements still expected from the token counts
	next  int // size of the last block sized by doubling
}

// copyOf returns a copy of xs in a block, nil if xs is empty (as the
// slices built by appending to nil are).
func (s *sliceSlab[T]) copyOf(xs []T) []T {
	n := len(xs)
	if n == 0 {
		return nil
	}
	if n > 64 {
		out := make([]T, n)
		copy(out, xs)
		return out
	}
	if len(s.block)-s.used < n {
		limit := maxBlock[T]()
		m := min(s.want, limit)
		if m < n {
			s.next = min(max(2*s.next, 4), limit)
			m = max(s.next, n)
		}
		s.want -= m
		s.block = make([]T, m)
		s.used = 0
	}
	out := s.block[s.used : s.used+n : s.used+n]
	s.used += n
	copy(out, xs)
	return out
}

// nodeAlloc holds the blocks of one parse.
type nodeAlloc struct {
	idents   slab[ast.Ident]
	literals slab[ast.Literal]
	columns  slab[ast.ColumnRef]
	binaries slab[ast.BinaryExpr]
	calls    slab[ast.FuncCall]
	aliases  slab[ast.Alias]
	tables   slab[ast.TableName]
	sorts    slab[ast.SortItem]
	whens    slab[ast.When]
	betweens slab[ast.Between]

	names     sliceSlab[*ast.Ident]
	exprs     sliceSlab[ast.Expr]
	relations sliceSlab[ast.Relation]
	sortLists sliceSlab[*ast.SortItem]
	whenLists sliceSlab[*ast.When]
}

// Classes of tokens counted to size the first blocks of nodeAlloc.
const (
	tcOther    = iota
	tcIdent    // may become an identifier
	tcLiteral  // may become a literal
	tcOperator // may become a binary expression
	tcComma    // separates the elements of a list
	tcAs       // AS, which mostly introduces an alias
	tcFrom     // FROM or JOIN, which mostly introduce a table name
	numTokenClasses
)

var tokenClass = func() (t [numTokenKinds]uint8) {
	for _, k := range []TokenKind{Ident, BackquotedIdent, DoubleQuoted} {
		t[k] = tcIdent
	}
	for _, k := range []TokenKind{String, BigIntLiteral, SmallIntLiteral, TinyIntLiteral, IntegerValue,
		ExponentValue, DecimalValue, FloatLiteral, DoubleLiteral, BigDecimalLiteral} {
		t[k] = tcLiteral
	}
	for _, k := range []TokenKind{Eq, NullSafeEq, Neq, NeqJ, Lt, Lte, Gt, Gte, ShiftLeft, ShiftRight,
		ShiftRightU, Plus, Minus, Asterisk, Slash, Percent, Ampersand, Pipe, ConcatPipe, Hat} {
		t[k] = tcOperator
	}
	t[Comma] = tcComma
	return t
}()

// expect sizes the first blocks from the counts of token classes and the
// number of identifiers followed by '(' (function calls).
func (a *nodeAlloc) expect(counts *[numTokenClasses]int, calls int) {
	a.idents.want = counts[tcIdent]
	// Identifiers are column names unless they name a function, an alias
	// or a table.
	a.columns.want = counts[tcIdent] - calls - counts[tcAs] - counts[tcFrom]
	a.aliases.want = counts[tcAs]
	a.tables.want = counts[tcFrom]
	a.literals.want = counts[tcLiteral]
	a.binaries.want = counts[tcOperator]
	a.calls.want = calls
	a.names.want = counts[tcIdent]
	// A list of n elements has n-1 commas; most lists are arguments.
	a.exprs.want = counts[tcComma] + calls
}

func (p *parser) newIdent() *ast.Ident           { return p.nodes.idents.alloc() }
func (p *parser) newLiteral() *ast.Literal       { return p.nodes.literals.alloc() }
func (p *parser) newColumnRef() *ast.ColumnRef   { return p.nodes.columns.alloc() }
func (p *parser) newBinaryExpr() *ast.BinaryExpr { return p.nodes.binaries.alloc() }
func (p *parser) newFuncCall() *ast.FuncCall     { return p.nodes.calls.alloc() }
func (p *parser) newAlias() *ast.Alias           { return p.nodes.aliases.alloc() }
func (p *parser) newTableName() *ast.TableName   { return p.nodes.tables.alloc() }
func (p *parser) newSortItem() *ast.SortItem     { return p.nodes.sorts.alloc() }
func (p *parser) newWhen() *ast.When             { return p.nodes.whens.alloc() }
func (p *parser) newBetween() *ast.Between       { return p.nodes.betweens.alloc() }

// names copies a multi-part name into a block.
func (p *parser) names(parts []*ast.Ident) []*ast.Ident { return p.nodes.names.copyOf(parts) }

// exprs copies a list of expressions into a block.
func (p *parser) exprs(xs []ast.Expr) []ast.Expr { return p.nodes.exprs.copyOf(xs) }

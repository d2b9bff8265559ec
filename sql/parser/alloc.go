package parser

import "github.com/sailgo/sail/sql/ast"

// This file allocates the most frequent tree nodes of large statements in
// blocks rather than one by one: a statement of thousands of identifiers
// and literals then costs tens of allocations instead of thousands. A
// block stays alive as long as any of its nodes does, which is the life of
// the tree. Small statements allocate node by node, which is cheaper for
// them than blocks they would not fill.

// slabMinTokens is the number of tokens from which a parse allocates in
// blocks.
const slabMinTokens = 2048

// slab hands out elements of T from blocks that grow from 8 up to 512
// elements.
type slab[T any] struct {
	block []T
	next  int // size of the next block
}

func (s *slab[T]) alloc(blocks bool) *T {
	if !blocks {
		return new(T)
	}
	if len(s.block) == 0 {
		switch {
		case s.next == 0:
			s.next = 8
		case s.next < 512:
			s.next *= 2
		}
		s.block = make([]T, s.next)
	}
	x := &s.block[0]
	s.block = s.block[1:]
	return x
}

// nodeAlloc holds the slabs of one parse.
type nodeAlloc struct {
	idents   slab[ast.Ident]
	literals slab[ast.Literal]
	columns  slab[ast.ColumnRef]
	binaries slab[ast.BinaryExpr]
	calls    slab[ast.FuncCall]
	aliases  slab[ast.Alias]
	// names holds the backing arrays of multi-part names.
	names     []*ast.Ident
	namesNext int
	// blocks is set for large statements, which allocate in blocks.
	blocks bool
}

// nameSlice returns a slice of n identifiers from a shared block (its
// capacity is n: appending to it copies).
func (a *nodeAlloc) nameSlice(n int) []*ast.Ident {
	if n > 64 {
		return make([]*ast.Ident, n)
	}
	if len(a.names) < n {
		switch {
		case a.namesNext == 0:
			a.namesNext = 16
		case a.namesNext < 1024:
			a.namesNext *= 2
		}
		a.names = make([]*ast.Ident, max(a.namesNext, n))
	}
	s := a.names[:n:n]
	a.names = a.names[n:]
	return s
}

func (p *parser) newIdent() *ast.Ident           { return p.nodes.idents.alloc(p.nodes.blocks) }
func (p *parser) newLiteral() *ast.Literal       { return p.nodes.literals.alloc(p.nodes.blocks) }
func (p *parser) newColumnRef() *ast.ColumnRef   { return p.nodes.columns.alloc(p.nodes.blocks) }
func (p *parser) newBinaryExpr() *ast.BinaryExpr { return p.nodes.binaries.alloc(p.nodes.blocks) }
func (p *parser) newFuncCall() *ast.FuncCall     { return p.nodes.calls.alloc(p.nodes.blocks) }
func (p *parser) newAlias() *ast.Alias           { return p.nodes.aliases.alloc(p.nodes.blocks) }

// names copies a multi-part name into a block.
func (p *parser) names(parts []*ast.Ident) []*ast.Ident {
	s := p.nodes.nameSlice(len(parts))
	copy(s, parts)
	return s
}

package parser

import (
	"fmt"
	"testing"

	"github.com/sailgo/sail/sql/ast"
)

// checkPositions verifies that every node of the tree has a valid
// position range inside the text, and that children lie inside their
// parent (for the node kinds whose span covers their children).
func checkPositions(sql string, root ast.Node) error {
	var err error
	var walk func(n ast.Node, parent ast.Node)
	walk = func(n ast.Node, parent ast.Node) {
		if err != nil {
			return
		}
		pos, end := n.Pos(), n.End()
		switch {
		case !pos.IsValid() || !end.IsValid():
			err = fmt.Errorf("%T %s has no position (%v-%v)", n, ast.Sexpr(n), pos, end)
		case pos.Offset > end.Offset:
			err = fmt.Errorf("%T %s: start %v after end %v", n, ast.Sexpr(n), pos, end)
		case end.Offset > len(sql):
			err = fmt.Errorf("%T %s: end %v outside the text", n, ast.Sexpr(n), end)
		case parent != nil && (pos.Offset < parent.Pos().Offset || end.Offset > parent.End().Offset):
			err = fmt.Errorf("%T %s [%d,%d) not inside its parent %T [%d,%d)", n, ast.Sexpr(n),
				pos.Offset, end.Offset, parent, parent.Pos().Offset, parent.End().Offset)
		}
		if err != nil {
			return
		}
		for _, c := range ast.Children(n) {
			walk(c, n)
		}
	}
	walk(root, nil)
	return err
}

func TestPositionsOnCorpus(t *testing.T) {
	stmts := loadCorpus(t)
	bad := 0
	for _, st := range stmts {
		s, err := st.opts.ParseStatement(st.sql)
		if err != nil {
			continue
		}
		if err := checkPositions(st.sql, s); err != nil {
			bad++
			if bad <= 10 {
				t.Errorf("%s: %s\n  %v", st.file, oneLine(st.sql), err)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d statements with position errors", bad)
	}
}

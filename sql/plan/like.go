package plan

import "strings"

// MultiLike is x [NOT] LIKE|ILIKE ANY|SOME|ALL (p1, p2, ...), before analysis. The analyzer
// turns it into ORs (ANY) or ANDs (ALL) of single LIKEs, as Spark evaluates it; when every
// pattern is a string literal, Spark's LikeAny/LikeAll/NotLikeAny/NotLikeAll name it
// (likeany(x), likeany(lower(x)) for ILIKE).
type MultiLike struct {
	Child    Expr
	Patterns []Expr
	ILike    bool
	All      bool
	Not      bool
}

func (m *MultiLike) Children() []Expr { return append([]Expr{m.Child}, m.Patterns...) }
func (m *MultiLike) WithChildren(c []Expr) Expr {
	n := *m
	n.Child, n.Patterns = c[0], append([]Expr(nil), c[1:]...)
	return &n
}

// Name is Spark's name of the predicate: likeany, notlikeany, likeall or notlikeall.
func (m *MultiLike) Name() string {
	s := "likeany"
	if m.All {
		s = "likeall"
	}
	if m.Not {
		s = "not" + s
	}
	return s
}

func (m *MultiLike) String() string {
	ps := make([]string, len(m.Patterns))
	for i, p := range m.Patterns {
		ps[i] = p.String()
	}
	op, q := "LIKE", "ANY"
	if m.ILike {
		op = "ILIKE"
	}
	if m.All {
		q = "ALL"
	}
	not := ""
	if m.Not {
		not = "NOT "
	}
	return m.Child.String() + " " + not + op + " " + q + " (" + strings.Join(ps, ", ") + ")"
}

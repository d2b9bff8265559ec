package plan

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// Node is a logical plan node.
type Node interface {
	Children() []Node
	// Describe is the one-line form used by explain output.
	Describe() string
}

// OneRow is the single empty row a SELECT without FROM reads.
type OneRow struct{}

// Range is spark.range / the range() table function: one bigint column "id".
type Range struct {
	Start, End, Step int64
	NumPartitions    int // 0: the default parallelism
}

// LocalData is data sent by the client (LocalRelation): Arrow batches and, optionally,
// the Spark schema to read them as.
type LocalData struct {
	ArrowSchema *arrow.Schema
	Batches     []arrow.RecordBatch
	Schema      *types.StructType // nil: derived from the Arrow schema
}

// Project computes expressions over its child (SELECT list, df.select).
type Project struct {
	Child Node
	Exprs []Expr
}

// RenameColumns gives the child's columns new names, all of them, in order (df.toDF).
type RenameColumns struct {
	Child Node
	Names []string
}

// ShowString renders the child as Spark's df.show() text: one row, one string column.
type ShowString struct {
	Child    Node
	NumRows  int
	Truncate int
	Vertical bool
}

// Limit keeps the first N rows.
type Limit struct {
	Child Node
	N     int64
}

func (OneRow) Children() []Node           { return nil }
func (*Range) Children() []Node           { return nil }
func (*LocalData) Children() []Node       { return nil }
func (p *Project) Children() []Node       { return []Node{p.Child} }
func (p *RenameColumns) Children() []Node { return []Node{p.Child} }
func (p *ShowString) Children() []Node    { return []Node{p.Child} }
func (p *Limit) Children() []Node         { return []Node{p.Child} }

func (OneRow) Describe() string { return "OneRowRelation" }
func (r *Range) Describe() string {
	return fmt.Sprintf("Range (%d, %d, step=%d, splits=%d)", r.Start, r.End, r.Step, r.NumPartitions)
}
func (l *LocalData) Describe() string { return "LocalRelation" }
func (p *Project) Describe() string {
	parts := make([]string, len(p.Exprs))
	for i, e := range p.Exprs {
		parts[i] = e.String()
	}
	return "Project [" + strings.Join(parts, ", ") + "]"
}
func (p *RenameColumns) Describe() string { return "ToDF [" + strings.Join(p.Names, ", ") + "]" }
func (p *ShowString) Describe() string {
	return fmt.Sprintf("ShowString numRows=%d truncate=%d vertical=%t", p.NumRows, p.Truncate, p.Vertical)
}
func (p *Limit) Describe() string { return fmt.Sprintf("GlobalLimit %d", p.N) }

// Explain renders a plan tree the way Spark indents plans ("+- " per child).
func Explain(n Node) string {
	var b strings.Builder
	var walk func(n Node, prefix string, last bool, root bool)
	walk = func(n Node, prefix string, last bool, root bool) {
		if root {
			b.WriteString(n.Describe())
		} else {
			b.WriteString(prefix + "+- " + n.Describe())
		}
		b.WriteByte('\n')
		kids := n.Children()
		for i, c := range kids {
			next := prefix
			if !root {
				if last {
					next += "   "
				} else {
					next += ":  "
				}
			}
			walk(c, next, i == len(kids)-1, false)
		}
	}
	walk(n, "", true, true)
	return b.String()
}

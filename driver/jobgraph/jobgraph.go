// Package jobgraph cuts a physical plan into the stages of a cluster job.
//
// A plan is cut at its exchanges. Each hash or round-robin Repartition becomes a stage
// boundary: the subtree below it becomes a map stage whose plan ends in a ShuffleWriteExec
// routing rows as the Repartition would, and the Repartition is replaced by a
// ShuffleReadExec leaf in the consuming stage. Operators that read every partition of a
// child (a global sort, a global aggregate's final step, a coalesce, the build side of a
// join, the probe side of a right or full outer, right semi or right anti join) get a
// gather boundary below them when that child has several partitions: a map stage writing
// one reduce partition, read whole by the consumer. The final stage computes the result; it too ends in a
// ShuffleWriteExec, of one reduce partition, so that result partition p is the output
// (job, final stage, map partition p) in the store of the worker that ran task p, fetched
// by the driver over Flight.
//
// A recursive CTE's union is never cut (its loop feed lives in one process); exchanges
// inside it run locally in the task.
//
// The stages' plans are messages of proto/sail/physical.proto, as physical.EncodePlan
// makes them; the cut works on the messages, next to the operator tree they encode.
package jobgraph

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/physical/expr"
	"github.com/sailgo/sail/proto/physicalpb"
	"github.com/sailgo/sail/sql/sparkerror"
)

// Stage is a partitioned piece of a job's plan between exchanges. A task runs one of
// its partitions.
type Stage struct {
	ID int32
	// Partitions is the number of tasks (the map partitions of its output).
	Partitions int
	// OutputPartitions is the number of reduce partitions each task writes (1 for the
	// final stage).
	OutputPartitions int
	// Plan ends in a ShuffleWriteExec of this stage's ID.
	Plan *physicalpb.Plan
	// Inputs are the stages whose outputs this stage reads, in the order it reads them.
	Inputs []int32
	// Final marks the stage computing the job's result.
	Final bool
}

// Bytes is the stage's plan as shipped to workers.
func (s *Stage) Bytes() ([]byte, error) {
	return proto.Marshal(s.Plan)
}

// Decode rebuilds the stage's operators, as a worker does.
func (s *Stage) Decode(ctx physical.DecodeContext) (physical.ExecutionPlan, error) {
	return physical.DecodePlan(s.Plan, ctx)
}

// Graph is a job's stages, each after the stages it reads; the final stage is last.
type Graph struct {
	Stages []*Stage
	// Schema is the schema of the result: the batches of the final stage's partitions.
	Schema *arrow.Schema
}

// Final is the stage computing the result.
func (g *Graph) Final() *Stage { return g.Stages[len(g.Stages)-1] }

// Stage finds a stage by ID.
func (g *Graph) Stage(id int32) *Stage {
	for _, s := range g.Stages {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// String renders every stage's plan, one operator per line.
func (g *Graph) String() string {
	var b strings.Builder
	for _, s := range g.Stages {
		fmt.Fprintf(&b, "Stage %d: tasks=%d, inputs=%v", s.ID, s.Partitions, s.Inputs)
		if s.Final {
			b.WriteString(", final")
		}
		b.WriteByte('\n')
		p, err := s.Decode(physical.DecodeContext{})
		if err != nil {
			fmt.Fprintf(&b, "  (%v)\n", err)
			continue
		}
		for _, line := range strings.Split(strings.TrimRight(physical.Explain(p), "\n"), "\n") {
			b.WriteString("  ")
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Cut encodes a plan and cuts it into stages. A plan with an operator that cannot be
// shipped gives an error naming it.
func Cut(p physical.ExecutionPlan) (*Graph, error) {
	m, err := physical.EncodePlan(p)
	if err != nil {
		return nil, err
	}
	c := &cutter{}
	inputs, parts, err := c.cut(p, m)
	if err != nil {
		return nil, err
	}
	final := c.stage(m, parts, nil, 1, false, inputs)
	final.Final = true
	return &Graph{Stages: c.stages, Schema: p.Schema()}, nil
}

type cutter struct {
	stages []*Stage
}

// stage adds a stage computing child (the message of an operator with partitions
// partitions) and writing its output by keys into n reduce partitions.
func (c *cutter) stage(child *physicalpb.Plan, partitions int, keys []*physicalpb.Expr, n int, roundRobin bool, inputs []int32) *Stage {
	id := int32(len(c.stages) + 1)
	s := &Stage{ID: id, Partitions: partitions, OutputPartitions: n, Inputs: inputs,
		Plan: &physicalpb.Plan{Kind: &physicalpb.Plan_ShuffleWrite{ShuffleWrite: &physicalpb.ShuffleWriteExec{
			Child: child, StageId: id, Keys: keys, Partitions: int32(n), RoundRobin: roundRobin}}}}
	c.stages = append(c.stages, s)
	return s
}

// cut cuts the subtree of p, whose message is m, rewriting m in place, and returns the
// stages the rest of it reads and its number of partitions once cut.
func (c *cutter) cut(p physical.ExecutionPlan, m *physicalpb.Plan) ([]int32, int, error) {
	switch op := p.(type) {
	case *physical.Repartition:
		r := m.GetRepartition()
		if r == nil {
			return nil, 0, mismatch(p, m)
		}
		inputs, parts, err := c.cut(op.Children()[0], r.Child)
		if err != nil {
			return nil, 0, err
		}
		s := c.stage(r.Child, parts, r.Keys, int(r.Partitions), r.RoundRobin, inputs)
		return []int32{s.ID}, s.OutputPartitions, c.read(m, s, p)
	case *physical.RecursiveUnion:
		return nil, p.Partitions(), nil
	case *physical.Shared:
		// Encoded as its child (each reader computes it).
		return c.cut(op.Children()[0], m)
	}
	children := p.Children()
	msgs := childMessages(m)
	if len(children) != len(msgs) {
		return nil, 0, mismatch(p, m)
	}
	gather := make([]bool, len(children))
	switch op := p.(type) {
	case *physical.Sort, *physical.Coalesce:
		gather[0] = true
	case *physical.HashAggregate:
		gather[0] = op.Partitions() == 1
	case *physical.HashJoin, *physical.NestedLoopJoin:
		gather[1] = true
		// Joins that output build rows by what every probe partition matched (right and
		// full outer, right semi and anti) see the whole probe side in one task.
		gather[0] = physical.JoinType(m.GetJoin().GetJoinType()).TracksBuild()
	}
	var inputs []int32
	parts := make([]int, len(children))
	changed := false
	for i, ch := range children {
		in, n, err := c.cut(ch, msgs[i])
		if err != nil {
			return nil, 0, err
		}
		if gather[i] && n > 1 {
			s := c.stage(cloneShallow(msgs[i]), n, nil, 1, false, in)
			if err := c.read(msgs[i], s, ch); err != nil {
				return nil, 0, err
			}
			in, n = []int32{s.ID}, 1
		}
		inputs = append(inputs, in...)
		parts[i] = n
		changed = changed || n != ch.Partitions()
	}
	if !changed {
		return inputs, p.Partitions(), nil
	}
	n, err := partitionsAfter(p, parts)
	return inputs, n, err
}

// partitionsAfter is the number of partitions of p once the partitions of its children
// changed to parts (a gather below it).
func partitionsAfter(p physical.ExecutionPlan, parts []int) (int, error) {
	if p.Partitions() == 1 && len(parts) == 1 {
		// Operators reading every partition of their one child.
		return 1, nil
	}
	switch p.(type) {
	case *physical.HashJoin, *physical.NestedLoopJoin:
		return max(1, parts[0]), nil
	case *physical.Union:
		n := 0
		for _, x := range parts {
			n += x
		}
		return n, nil
	case *physical.Filter, *physical.Project, *physical.Rename, *physical.Expand, *physical.Generate,
		*physical.Window, *physical.HashAggregate, *physical.ScriptTransform:
		if len(parts) == 1 && p.Partitions() == p.Children()[0].Partitions() {
			return parts[0], nil
		}
	}
	return 0, sparkerror.InternalError("job graph: cannot cut below %s", p.Describe())
}

// read turns m, the message of p, into a read of stage s's output.
func (c *cutter) read(m *physicalpb.Plan, s *Stage, p physical.ExecutionPlan) error {
	schema, err := expr.EncodeSchema(p.Schema())
	if err != nil {
		return err
	}
	m.Kind = &physicalpb.Plan_ShuffleRead{ShuffleRead: &physicalpb.ShuffleReadExec{StageId: s.ID, Schema: schema,
		Partitions: int32(s.OutputPartitions), MapPartitions: int32(s.Partitions)}}
	return nil
}

// cloneShallow is a new message holding m's operator, so that m itself can be rewritten.
func cloneShallow(m *physicalpb.Plan) *physicalpb.Plan {
	return &physicalpb.Plan{Kind: m.Kind}
}

var planDescriptor = (&physicalpb.Plan{}).ProtoReflect().Descriptor()

// childMessages are the plans an operator message holds, in field order, which is the
// order of the operator's Children.
func childMessages(m *physicalpb.Plan) []*physicalpb.Plan {
	r := m.ProtoReflect()
	od := planDescriptor.Oneofs().ByName("kind")
	fd := r.WhichOneof(od)
	if fd == nil || fd.Message() == nil {
		return nil
	}
	op := r.Get(fd).Message()
	var out []*physicalpb.Plan
	fields := op.Descriptor().Fields()
	for i := range fields.Len() {
		f := fields.Get(i)
		if f.Message() == nil || f.Message().FullName() != planDescriptor.FullName() {
			continue
		}
		if f.IsList() {
			l := op.Get(f).List()
			for j := range l.Len() {
				out = append(out, l.Get(j).Message().Interface().(*physicalpb.Plan))
			}
			continue
		}
		if f.Cardinality() != protoreflect.Repeated && op.Has(f) {
			out = append(out, op.Get(f).Message().Interface().(*physicalpb.Plan))
		}
	}
	return out
}

func mismatch(p physical.ExecutionPlan, m *physicalpb.Plan) error {
	return sparkerror.InternalError("job graph: the message %T does not encode %s", m.GetKind(), p.Describe())
}

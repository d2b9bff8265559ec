package jobgraph_test

import (
	"fmt"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/driver/jobgraph"
	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/proto/physicalpb"
)

// checkGraph checks what every job graph must satisfy: stages after their inputs, the
// final stage last, each stage's plan a ShuffleWriteExec of its own id whose reads are
// exactly its inputs, and every plan shipping: its bytes decode to operators that encode
// back (physical.EncodePlan) to the same message.
func checkGraph(t *testing.T, g *jobgraph.Graph) {
	t.Helper()
	seen := map[int32]*jobgraph.Stage{}
	for i, s := range g.Stages {
		if s.Final != (i == len(g.Stages)-1) {
			t.Errorf("stage %d: final=%t at position %d of %d", s.ID, s.Final, i, len(g.Stages))
		}
		w := s.Plan.GetShuffleWrite()
		if w == nil || w.StageId != s.ID || int(w.Partitions) != s.OutputPartitions {
			t.Errorf("stage %d: the plan does not end in its shuffle write: %v", s.ID, s.Plan.GetKind())
		}
		b, err := s.Bytes()
		if err != nil {
			t.Fatalf("stage %d: %v", s.ID, err)
		}
		var m physicalpb.Plan
		if err := proto.Unmarshal(b, &m); err != nil {
			t.Fatalf("stage %d: %v", s.ID, err)
		}
		p, err := physical.DecodePlan(&m, physical.DecodeContext{})
		if err != nil {
			t.Fatalf("stage %d does not decode: %v", s.ID, err)
		}
		if p.Partitions() != s.Partitions {
			t.Errorf("stage %d: %d tasks, the plan has %d partitions", s.ID, s.Partitions, p.Partitions())
		}
		again, err := physical.EncodePlan(p)
		if err != nil {
			t.Fatalf("stage %d does not encode: %v", s.ID, err)
		}
		if !proto.Equal(again, s.Plan) {
			// An IN list's constants encode in map order (physical/expr's InSet), so the
			// messages may differ in that order only: the operators must still be the same.
			q, err := physical.DecodePlan(again, physical.DecodeContext{})
			if err != nil || physical.Explain(q) != physical.Explain(p) {
				t.Errorf("stage %d: the decoded plan encodes differently: %s", s.ID, firstDifference(again, s.Plan))
			}
		}
		var reads []int32
		var walk func(p physical.ExecutionPlan)
		walk = func(p physical.ExecutionPlan) {
			if r, ok := p.(*physical.ShuffleReadExec); ok {
				reads = append(reads, r.Stage())
				in := seen[r.Stage()]
				if in == nil {
					t.Errorf("stage %d reads stage %d, which does not come before it", s.ID, r.Stage())
				} else if in.Partitions != r.MapPartitions() || in.OutputPartitions != r.Partitions() {
					t.Errorf("stage %d reads %d x %d outputs of stage %d, which writes %d x %d", s.ID, r.MapPartitions(),
						r.Partitions(), in.ID, in.Partitions, in.OutputPartitions)
				}
			}
			for _, c := range p.Children() {
				walk(c)
			}
		}
		walk(p)
		if !equalIDs(reads, s.Inputs) {
			t.Errorf("stage %d: inputs %v, reads %v", s.ID, s.Inputs, reads)
		}
		seen[s.ID] = s
	}
}

// firstDifference shows where two messages' text forms start to differ.
func firstDifference(a, b proto.Message) string {
	la := strings.Split(prototext.Format(a), "\n")
	lb := strings.Split(prototext.Format(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: %q, want %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(la), len(lb))
}

// skeleton keeps a job graph's stages and shuffles, and of the other operators only their
// names, so that the tests do not depend on how expressions print.
func skeleton(s string) string {
	var out []string
	for _, line := range strings.Split(strings.Trim(s, "\n"), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if !strings.HasPrefix(trimmed, "Stage ") && !strings.HasPrefix(trimmed, "Shuffle") {
			if i := strings.IndexByte(line, ':'); i >= 0 {
				line = line[:i]
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func equalIDs(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestCutStages(t *testing.T) {
	e := newEngine(t, 4)
	cases := []struct {
		name, sql, want string
	}{
		{"no exchange", "SELECT id FROM range(0, 100, 1, 3)", `
Stage 1: tasks=3, inputs=[], final
  ShuffleWrite: stage=1, partitions=1
    Project: #0
      Range: start=0, end=100, step=1, partitions=3`},
		{"grouped aggregate", "SELECT k, count(*) FROM (SELECT id % 5 AS k FROM range(0, 100, 1, 3)) GROUP BY k", `
Stage 1: tasks=3, inputs=[]
  ShuffleWrite: stage=1, keys=[#0], partitions=4
    HashAggregate(Partial): keys=[#0], aggs=[count(1)]
      Project: (#0 % CAST(5 AS BIGINT))
        Range: start=0, end=100, step=1, partitions=3
Stage 2: tasks=4, inputs=[1], final
  ShuffleWrite: stage=2, partitions=1
    Project: #0, #1
      HashAggregate(Final): keys=[#0], aggs=[count(1)]
        ShuffleRead: stage=1, partitions=4, map outputs=3`},
		{"global aggregate gathers", "SELECT count(*) FROM range(0, 100, 1, 3)", `
Stage 1: tasks=3, inputs=[]
  ShuffleWrite: stage=1, partitions=1
    HashAggregate(Partial): keys=[], aggs=[count(1)]
      Range: start=0, end=100, step=1, partitions=3
Stage 2: tasks=1, inputs=[1], final
  ShuffleWrite: stage=2, partitions=1
    Project: #0
      HashAggregate(Final): keys=[], aggs=[count(1)]
        ShuffleRead: stage=1, partitions=1, map outputs=3`},
		{"join, aggregate, sort", "SELECT a.k, count(*), sum(b.v) FROM (SELECT id % 7 AS k, id AS v FROM range(0, 2000, 1, 3)) a " +
			"JOIN (SELECT id % 5 AS k, id * 2 AS v FROM range(0, 1000, 1, 2)) b ON a.k = b.k GROUP BY a.k ORDER BY a.k", `
Stage 1: tasks=2, inputs=[]
  ShuffleWrite: stage=1, partitions=1
    Project: (#0 % CAST(5 AS BIGINT)), (#0 * CAST(2 AS BIGINT))
      Range: start=0, end=1000, step=1, partitions=2
Stage 2: tasks=3, inputs=[1]
  ShuffleWrite: stage=2, keys=[#0], partitions=4
    HashAggregate(Partial): keys=[#0], aggs=[count(1), sum(#2)]
      HashJoin: type=Inner, on=[#0 = #0]
        Project: (#0 % CAST(7 AS BIGINT))
          Range: start=0, end=2000, step=1, partitions=3
        ShuffleRead: stage=1, partitions=1, map outputs=2
Stage 3: tasks=4, inputs=[2]
  ShuffleWrite: stage=3, partitions=1
    Project: #0, #1, #2
      HashAggregate(Final): keys=[#0], aggs=[count(1), sum(#2)]
        ShuffleRead: stage=2, partitions=4, map outputs=3
Stage 4: tasks=1, inputs=[3], final
  ShuffleWrite: stage=4, partitions=1
    Sort: #0 ASC NULLS FIRST
      ShuffleRead: stage=3, partitions=1, map outputs=4`},
		{"right outer join gathers its probe side", "SELECT a.id, b.id FROM range(0, 10, 1, 2) a RIGHT JOIN range(5, 20, 1, 3) b ON a.id = b.id", `
Stage 1: tasks=2, inputs=[]
  ShuffleWrite: stage=1, partitions=1
    Range: start=0, end=10, step=1, partitions=2
Stage 2: tasks=3, inputs=[]
  ShuffleWrite: stage=2, partitions=1
    Range: start=5, end=20, step=1, partitions=3
Stage 3: tasks=1, inputs=[1 2], final
  ShuffleWrite: stage=3, partitions=1
    Project: #0, #1
      HashJoin: type=RightOuter, on=[#0 = #0]
        ShuffleRead: stage=1, partitions=1, map outputs=2
        ShuffleRead: stage=2, partitions=1, map outputs=3`},
		{"repartition and union", "(SELECT id FROM range(0, 10, 1, 2) DISTRIBUTE BY id) UNION ALL SELECT id FROM range(0, 4, 1, 1)", ""},
		{"recursive CTE stays whole", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := jobgraph.Cut(e.plan(t, c.sql))
			if err != nil {
				t.Fatal(err)
			}
			checkGraph(t, g)
			got := skeleton(g.String())
			if c.want != "" && got != skeleton(c.want) {
				t.Errorf("got\n%s\nwant%s", got, c.want)
			}
			if c.want == "" {
				t.Logf("\n%s", got)
			}
		})
	}
}

// TestCutTPCH cuts every TPC-H query that plans and ships: q3 and the others have a
// stage per exchange and every stage encodes.
func TestCutTPCH(t *testing.T) {
	dir := tpchDir()
	if dir == "" {
		t.Skip("no TPC-H data")
	}
	e := newEngine(t, 4)
	e.tpchViews(dir)
	for _, q := range []string{"q1", "q3", "q5", "q9", "q10", "q12", "q18"} {
		t.Run(q, func(t *testing.T) {
			p := e.plan(t, readQuery(t, dir, q))
			g, err := jobgraph.Cut(p)
			if err != nil {
				t.Fatal(err)
			}
			checkGraph(t, g)
			exchanges := strings.Count(physical.Explain(p), "HashRepartition")
			writes := 0
			for _, s := range g.Stages {
				if len(s.Plan.GetShuffleWrite().GetKeys()) > 0 {
					writes++
				}
			}
			if writes != exchanges {
				t.Errorf("%d hash exchanges, %d hash-partitioned stages", exchanges, writes)
			}
			if q == "q3" && (len(g.Stages) != 4 || g.Final().Partitions != 1) {
				t.Errorf("q3:\n%s", g)
			}
		})
	}
}

// opaque is an operator that cannot be shipped.
type opaque struct{ physical.ExecutionPlan }

func (opaque) Describe() string { return "Opaque" }

func TestCutRejectsWhatCannotShip(t *testing.T) {
	p := physical.NewCoalesce(opaque{physical.NewRange(0, 10, 1, 2)})
	if _, err := jobgraph.Cut(p); err == nil || !strings.Contains(err.Error(), "cannot be shipped") {
		t.Errorf("got %v", err)
	}
}

func TestGraphSchema(t *testing.T) {
	e := newEngine(t, 2)
	p := e.plan(t, "SELECT id AS x, CAST(id AS STRING) AS y FROM range(0, 10, 1, 2) ORDER BY x")
	g, err := jobgraph.Cut(p)
	if err != nil {
		t.Fatal(err)
	}
	if !g.Schema.Equal(p.Schema()) || g.Schema.Field(1).Name != "y" {
		t.Errorf("schema %s", g.Schema)
	}
	if g.Stage(1) == nil || g.Stage(1).Final || g.Final() != g.Stage(2) || g.Stage(3) != nil {
		t.Errorf("stages:\n%s", g)
	}
}

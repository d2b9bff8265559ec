package physical

import (
	"context"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/expr"
)

// Sample keeps a random subset of its input's rows the way Spark's SampleExec does, so
// that a seeded sample of the same partition gives Spark's rows:
//
//   - without replacement, each partition draws one number per row from an XORShiftRandom
//     seeded with seed + the partition's index, and keeps the row when the number is in
//     [lower, upper) (Spark's BernoulliCellSampler);
//   - with replacement, each row is output as many times as a Poisson draw of mean
//     upper - lower says, from commons-math's PoissonDistribution over a Well19937c
//     generator seeded, per partition, by the partition's draw of java.util.Random(seed)
//     (Spark's PoissonSampler in a PartitionwiseSampledRDD).
type Sample struct {
	OpMetrics
	child        ExecutionPlan
	lower, upper float64
	replacement  bool
	seed         int64
}

// NewSample builds the operator.
func NewSample(child ExecutionPlan, lower, upper float64, replacement bool, seed int64) *Sample {
	return &Sample{child: child, lower: lower, upper: upper, replacement: replacement, seed: seed}
}

func (s *Sample) Schema() *arrow.Schema     { return s.child.Schema() }
func (s *Sample) Partitions() int           { return s.child.Partitions() }
func (s *Sample) Children() []ExecutionPlan { return []ExecutionPlan{s.child} }
func (s *Sample) Describe() string {
	return fmt.Sprintf("Sample: [%v, %v), replacement=%t, seed=%d", s.lower, s.upper, s.replacement, s.seed)
}

// rowCounts gives each row of a batch its number of copies.
type rowCounts func(n int, counts []int32) []int32

func (s *Sample) Execute(ctx context.Context, partition int) (Stream, error) {
	in, err := s.child.Execute(ctx, partition)
	if err != nil {
		return nil, err
	}
	var draw rowCounts
	fraction := s.upper - s.lower
	switch {
	case fraction <= 0:
		// Spark's samplers give no row at all (without touching the generator).
		draw = nil
	case s.replacement:
		p := newPoissonSampler(fraction, partitionSeed(s.seed, partition))
		draw = func(n int, counts []int32) []int32 {
			for range n {
				counts = append(counts, p.sample())
			}
			return counts
		}
	default:
		rng := expr.NewXORShiftRandom(s.seed + int64(partition))
		lo, hi := s.lower, s.upper
		draw = func(n int, counts []int32) []int32 {
			for range n {
				x := rng.NextDouble()
				var c int32
				if x >= lo && x < hi {
					c = 1
				}
				counts = append(counts, c)
			}
			return counts
		}
	}
	var counts []int32
	var rows []int32
	return forwardInputFile(s.meter(&funcStream{next: func() (arrow.RecordBatch, error) {
		for {
			b, err := in.Next()
			if err != nil {
				return nil, err
			}
			if draw == nil || b.NumRows() == 0 {
				b.Release()
				continue
			}
			start := time.Now()
			n := int(b.NumRows())
			counts = draw(n, counts[:0])
			rows = rows[:0]
			all := true
			for i, c := range counts {
				all = all && c == 1
				for range c {
					rows = append(rows, int32(i))
				}
			}
			if all {
				s.since(start)
				return b, nil
			}
			if len(rows) == 0 {
				b.Release()
				s.since(start)
				continue
			}
			out, err := aggregate.TakeBatch(b, rows)
			b.Release()
			s.since(start)
			return out, err
		}
	}, close: in.Close}), in), nil
}

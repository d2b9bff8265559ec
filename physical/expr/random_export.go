package expr

import (
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
)

// XORShiftRandom is Spark's org.apache.spark.util.random.XORShiftRandom (the generator of
// rand() and of the row samplers), for operators that must draw the numbers Spark draws.
type XORShiftRandom struct{ r *xorShift }

// NewXORShiftRandom seeds a generator as new XORShiftRandom(seed) does.
func NewXORShiftRandom(seed int64) *XORShiftRandom { return &XORShiftRandom{r: newXorShift(seed)} }

// NextDouble is java.util.Random.nextDouble over the generator: uniform in [0, 1).
func (x *XORShiftRandom) NextDouble() float64 { return x.r.nextDouble() }

// partitionRandom is the generator state of a nondeterministic expression: as Spark seeds
// one (rand, randn, uniform, randstr, uuid, shuffle) with its seed plus the partition index
// when a task starts and then draws in row order, there is a generator per partition,
// started again when the partition's first batch comes (the task info of the batch, see
// WithTask, says which partition and how many rows came before). Batches without task
// info (an operator that does not hand it over) share partition 0's generator and never
// restart it.
type partitionRandom[G any] struct {
	mu    sync.Mutex
	seed  int64
	start func(seed int64) G
	parts map[int32]G
	bare  G
	began bool // bare has been started
}

func newPartitionRandom[G any](seed int64, start func(seed int64) G) *partitionRandom[G] {
	return &partitionRandom[G]{seed: seed, start: start}
}

// newPartitionXorShift is a partitionRandom of Spark's XORShiftRandom.
func newPartitionXorShift(seed int64) *partitionRandom[*xorShift] {
	return newPartitionRandom(seed, newXorShift)
}

// draw runs f with the generator of b's partition. The partitions of one expression may
// run at once, each on its own generator; the shared generator of batches without task
// info is held while f runs.
func (p *partitionRandom[G]) draw(b arrow.RecordBatch, f func(G) error) error {
	p.mu.Lock()
	tb, ok := b.(*taskBatch)
	if !ok {
		defer p.mu.Unlock()
		if !p.began {
			p.bare, p.began = p.start(p.seed), true
		}
		return f(p.bare)
	}
	part := tb.info.Partition
	g, seen := p.parts[part]
	if !seen || tb.info.RowOffset == 0 {
		if p.parts == nil {
			p.parts = map[int32]G{}
		}
		g = p.start(p.seed + int64(part))
		p.parts[part] = g
	}
	p.mu.Unlock()
	return f(g)
}

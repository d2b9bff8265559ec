package physical

import "math"

// The generators of Spark's sampling with replacement: java.util.Random picks each
// partition's seed, and commons-math3's PoissonDistribution, over a Well19937c generator,
// draws each row's number of copies.

// partitionSeed is the seed PartitionwiseSampledRDD gives a partition: the partition's
// draw (in partition order) of nextLong from java.util.Random(seed).
func partitionSeed(seed int64, partition int) int64 {
	const mult, add, mask = 0x5DEECE66D, 0xB, 1<<48 - 1
	state := (seed ^ mult) & mask
	next := func(bits uint) int32 {
		state = (state*mult + add) & mask
		return int32(state >> (48 - bits))
	}
	var v int64
	for range partition + 1 {
		v = int64(next(32))<<32 + int64(next(32))
	}
	return v
}

// well19937c is commons-math3's Well19937c generator (WELL19937 with Matsumoto-Kurita
// tempering).
type well19937c struct {
	v     [wellR]int32
	index int
}

const (
	wellR                  = (19937 + 31) / 32
	wellM1, wellM2, wellM3 = 70, 179, 449
)

// newWell19937c seeds the generator as setSeed(long) does: the seed's two halves, then
// the rest of the pool filled from them.
func newWell19937c(seed int64) *well19937c {
	w := &well19937c{}
	w.v[0] = int32(uint64(seed) >> 32)
	w.v[1] = int32(seed & 0xffffffff)
	for i := 2; i < wellR; i++ {
		l := int64(w.v[i-2])
		w.v[i] = int32((1812433253*(l^(l>>30)) + int64(i)) & 0xffffffff)
	}
	return w
}

func (w *well19937c) next(bits uint) int32 {
	idx := w.index
	rm1 := (idx + wellR - 1) % wellR
	rm2 := (idx + wellR - 2) % wellR
	v0 := uint32(w.v[idx])
	vm1 := uint32(w.v[(idx+wellM1)%wellR])
	vm2 := uint32(w.v[(idx+wellM2)%wellR])
	vm3 := uint32(w.v[(idx+wellM3)%wellR])
	z0 := (0x80000000 & uint32(w.v[rm1])) ^ (0x7FFFFFFF & uint32(w.v[rm2]))
	z1 := (v0 ^ (v0 << 25)) ^ (vm1 ^ (vm1 >> 27))
	z2 := (vm2 >> 9) ^ (vm3 ^ (vm3 >> 1))
	z3 := z1 ^ z2
	z4 := z0 ^ (z1 ^ (z1 << 9)) ^ (z2 ^ (z2 << 21)) ^ (z3 ^ (z3 >> 21))
	w.v[idx] = int32(z3)
	w.v[rm1] = int32(z4)
	w.v[rm2] &= -0x80000000
	w.index = rm1
	z4 ^= (z4 << 7) & 0xe46e1700
	z4 ^= (z4 << 15) & 0x9b868000
	return int32(z4 >> (32 - bits))
}

// nextDouble is BitsStreamGenerator.nextDouble: 52 random bits in [0, 1).
func (w *well19937c) nextDouble() float64 {
	high := int64(w.next(26)) << 26
	low := int64(w.next(26))
	return float64(high|low) * (1.0 / (1 << 52))
}

// poissonSampler draws Poisson(mean) counts as PoissonDistribution.sample does for means
// below 40 (multiplying uniform draws until the product falls below exp(-mean)); larger
// means, which a sample fraction rarely has, add up draws of smaller means, which has the
// same distribution.
type poissonSampler struct {
	rng   *well19937c
	means []float64
}

func newPoissonSampler(mean float64, seed int64) *poissonSampler {
	p := &poissonSampler{rng: newWell19937c(seed)}
	for mean >= 40 {
		p.means = append(p.means, 39)
		mean -= 39
	}
	p.means = append(p.means, mean)
	return p
}

func (p *poissonSampler) sample() int32 {
	var total int64
	for _, m := range p.means {
		total += p.small(m)
	}
	return int32(min(total, math.MaxInt32))
}

func (p *poissonSampler) small(mean float64) int64 {
	limit := math.Exp(-mean)
	var n int64
	r := 1.0
	for float64(n) < 1000*mean {
		r *= p.rng.nextDouble()
		if r < limit {
			return n
		}
		n++
	}
	return n
}

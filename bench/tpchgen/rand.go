package tpchgen

import "math/bits"

// Stream identifiers: each table (and each independent column group) draws
// from its own family of per-row streams.
const (
	streamPool uint64 = iota + 1
	streamPart
	streamPartComment
	streamSupplier
	streamSupplierComment
	streamSupplierSpecial
	streamPartSupp
	streamCustomer
	streamCustomerComment
	streamOrder
	streamOrderComment
	streamLineComment
	streamNation
	streamRegion
)

const golden = 0x9E3779B97F4A7C15

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// rng is a splitmix64 generator. It is a value type so per-row streams live
// on the stack.
type rng struct{ s uint64 }

// streamBase derives the base of a stream family from the user seed.
func streamBase(seed, stream uint64) uint64 {
	return mix64(seed*golden ^ mix64(stream+golden))
}

// rowRNG returns the stream of one row of a stream family.
func rowRNG(base uint64, row int64) rng {
	return rng{s: mix64(base ^ mix64(uint64(row)*golden+0x2545F4914F6CDD1D))}
}

func (r *rng) next() uint64 {
	r.s += golden
	return mix64(r.s)
}

// intn returns a uniform value in [0, n); n must be positive.
func (r *rng) intn(n int64) int64 {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int64(hi)
}

// between returns a uniform value in [lo, hi] (the specification's
// "random value [lo .. hi]").
func (r *rng) between(lo, hi int64) int64 {
	return lo + r.intn(hi-lo+1)
}

package expr

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// Spark draws seeded uuid(seed) and shuffle(array, seed) from Apache Commons Math's
// MersenneTwister seeded with the seed plus the partition index (see partitionRandom):
// the same seed gives the same UUIDs and permutations as Spark.

const (
	mtN = 624
	mtM = 397
)

// mersenneTwister is MT19937 as Commons Math seeds it from a long: init_by_array of the
// seed's high and low 32-bit words.
type mersenneTwister struct {
	mt  [mtN]uint32
	mti int
}

func newMersenneTwister(seed int64) *mersenneTwister {
	r := &mersenneTwister{}
	r.mt[0] = 19650218
	for i := 1; i < mtN; i++ {
		p := r.mt[i-1]
		r.mt[i] = 1812433253*(p^(p>>30)) + uint32(i)
	}
	key := [2]uint32{uint32(uint64(seed) >> 32), uint32(uint64(seed))}
	i, j := 1, 0
	for k := mtN; k > 0; k-- {
		p := r.mt[i-1]
		r.mt[i] = (r.mt[i] ^ ((p ^ (p >> 30)) * 1664525)) + key[j] + uint32(j)
		i++
		j++
		if i >= mtN {
			r.mt[0] = r.mt[mtN-1]
			i = 1
		}
		if j >= len(key) {
			j = 0
		}
	}
	for k := mtN - 1; k > 0; k-- {
		p := r.mt[i-1]
		r.mt[i] = (r.mt[i] ^ ((p ^ (p >> 30)) * 1566083941)) - uint32(i)
		i++
		if i >= mtN {
			r.mt[0] = r.mt[mtN-1]
			i = 1
		}
	}
	r.mt[0] = 0x80000000
	r.mti = mtN
	return r
}

// next32 is the next tempered 32-bit output.
func (r *mersenneTwister) next32() uint32 {
	if r.mti >= mtN {
		mag := [2]uint32{0, 0x9908b0df}
		k := 0
		for ; k < mtN-mtM; k++ {
			y := r.mt[k]&0x80000000 | r.mt[k+1]&0x7fffffff
			r.mt[k] = r.mt[k+mtM] ^ y>>1 ^ mag[y&1]
		}
		for ; k < mtN-1; k++ {
			y := r.mt[k]&0x80000000 | r.mt[k+1]&0x7fffffff
			r.mt[k] = r.mt[k+mtM-mtN] ^ y>>1 ^ mag[y&1]
		}
		y := r.mt[mtN-1]&0x80000000 | r.mt[0]&0x7fffffff
		r.mt[mtN-1] = r.mt[mtM-1] ^ y>>1 ^ mag[y&1]
		r.mti = 0
	}
	y := r.mt[r.mti]
	r.mti++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}

// nextLong is BitsStreamGenerator.nextLong: two outputs, high word first.
func (r *mersenneTwister) nextLong() uint64 {
	hi := uint64(r.next32())
	return hi<<32 | uint64(r.next32())
}

// nextInt is BitsStreamGenerator.nextInt(n): uniform in [0, n), n > 0, by rejection.
func (r *mersenneTwister) nextInt(n int32) int32 {
	if n&-n == n {
		return int32(int64(n) * int64(r.next32()>>1) >> 31)
	}
	for {
		bits := int32(r.next32() >> 1)
		v := bits % n
		if bits-v+(n-1) >= 0 {
			return v
		}
	}
}

// seededUUID is uuid(seed): version-4 UUIDs from the seeded generator of each partition,
// formatted as java.util.UUID prints them.
type seededUUID struct {
	args []Expr
	rng  *partitionRandom[*mersenneTwister]
}

func newSeededUUID(args []Expr) (Expr, error) {
	seed, err := seedOf(args, 0)
	if err != nil {
		return nil, err
	}
	return &seededUUID{args: args, rng: newPartitionRandom(seed, newMersenneTwister)}, nil
}

func (e *seededUUID) DataType() arrow.DataType { return utf8T }
func (e *seededUUID) String() string           { return (&funcExpr{name: "uuid", args: e.args}).String() }
func (e *seededUUID) children() []Expr         { return e.args }
func (e *seededUUID) mayFail() bool            { return false }
func (e *seededUUID) readsTask() bool          { return true }
func (e *seededUUID) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	n := int(b.NumRows())
	offs := make([]int32, n+1)
	data := make([]byte, 0, n*36)
	err := e.rng.draw(b, func(r *mersenneTwister) error {
		const hex = "0123456789abcdef"
		for i := 0; i < n; i++ {
			msb := r.nextLong()&0xFFFFFFFFFFFF0FFF | 0x4000
			lsb := (r.nextLong() | 0x8000000000000000) & 0xBFFFFFFFFFFFFFFF
			for k := 0; k < 16; k++ {
				w, s := msb, uint(56-8*k)
				if k >= 8 {
					w, s = lsb, uint(56-8*(k-8))
				}
				if k == 4 || k == 6 || k == 8 || k == 10 {
					data = append(data, '-')
				}
				c := byte(w >> s)
				data = append(data, hex[c>>4], hex[c&15])
			}
			offs[i+1] = int32(len(data))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return newVar(utf8T, offs, data, nil), nil
}

// shuffleFn is shuffle(array[, seed]): with a seed, each array is permuted by the
// inside-out Fisher-Yates indices Spark draws from the partition's seeded generator.
func shuffleFn(args []Expr, at []types.DataType, rt types.DataType, opts FuncOptions) (Expr, error) {
	dt, err := types.ToArrow(rt)
	if err != nil {
		return nil, err
	}
	if len(args) > 1 && !nullSeed(args[1]) {
		seed, err := seedOf(args, 1)
		if err != nil {
			return nil, err
		}
		return &seededShuffle{args: args, t: dt, rng: newPartitionRandom(seed, newMersenneTwister)}, nil
	}
	k, _, err := collShuffleK(args, at, rt, dt, opts)
	if err != nil {
		return nil, err
	}
	return &funcExpr{name: "shuffle", args: args, t: dt, k: k, strict: true}, nil
}

type seededShuffle struct {
	args []Expr
	t    arrow.DataType
	rng  *partitionRandom[*mersenneTwister]
}

func (e *seededShuffle) DataType() arrow.DataType { return e.t }
func (e *seededShuffle) String() string           { return (&funcExpr{name: "shuffle", args: e.args}).String() }
func (e *seededShuffle) children() []Expr         { return e.args }
func (e *seededShuffle) mayFail() bool            { return false }
func (e *seededShuffle) readsTask() bool          { return true }
func (e *seededShuffle) Eval(b arrow.RecordBatch) (arrow.Array, error) {
	arr, err := e.args[0].Eval(b)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	n := int(b.NumRows())
	if isNullType(arr) {
		return nullArray(e.t, n), nil
	}
	l := collViewList(arr)
	r := collNewRefs(n)
	total := int(l.offs[n] - l.offs[0])
	r.src, r.idx = make([]int32, 0, total), make([]int32, 0, total)
	err = e.rng.draw(b, func(g *mersenneTwister) error {
		for i := 0; i < n; i++ {
			if l.isNull(i) {
				r.end(true)
				continue
			}
			s, end := l.span(i)
			base := len(r.idx)
			for k := int32(0); k < int32(end-s); k++ {
				// Element k goes to a random slot j <= k; the element there moves to k.
				j := g.nextInt(k + 1)
				r.add(0, 0)
				if j != k {
					r.idx[base+int(k)] = r.idx[base+int(j)]
				}
				r.idx[base+int(j)] = int32(s) + k
			}
			r.end(false)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r.list(e.t, []arrow.Array{l.values})
}

// nullSeed reports whether a seed argument is a NULL literal: Spark then draws a random
// seed, as when none is given.
func nullSeed(e Expr) bool {
	_, isNull, err := literalInt(e)
	return err == nil && isNull
}

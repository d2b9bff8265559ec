package expr

// XORShiftRandom is Spark's org.apache.spark.util.random.XORShiftRandom (the generator of
// rand() and of the row samplers), for operators that must draw the numbers Spark draws.
type XORShiftRandom struct{ r *xorShift }

// NewXORShiftRandom seeds a generator as new XORShiftRandom(seed) does.
func NewXORShiftRandom(seed int64) *XORShiftRandom { return &XORShiftRandom{r: newXorShift(seed)} }

// NextDouble is java.util.Random.nextDouble over the generator: uniform in [0, 1).
func (x *XORShiftRandom) NextDouble() float64 { return x.r.nextDouble() }

package sketches

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/apache/datasketches-go/common"
	"github.com/apache/datasketches-go/kll"
)

// KLL quantile sketches as Spark keeps them: KllLongsSketch, KllFloatsSketch and
// KllDoublesSketch, stored as DataSketches' compact images. The three share one layout
// and differ only in the item width (8, 4 and 8 bytes), so an image of one kind can be
// read as another, as Java does.

// KLLItem is the item type of a KLL sketch kind.
type KLLItem interface{ int64 | float32 | float64 }

// KLLKind describes one of the three kinds.
type KLLKind[C KLLItem] struct {
	Name     string // Java's sketch type name, as its summary shows it
	size     int
	serde    common.ItemSketchSerde[C]
	less     common.CompareFn[C]
	format   func(C) string
	skipsNaN bool
}

// The three kinds.
var (
	KLLLongs = &KLLKind[int64]{Name: "KllLongsSketch", size: 8, serde: common.ItemSketchLongSerDe{},
		less: common.ItemSketchLongComparator(false), format: func(v int64) string { return strconv.FormatInt(v, 10) }}
	KLLFloats = &KLLKind[float32]{Name: "KllFloatsSketch", size: 4, serde: common.ItemSketchFloatSerDe{},
		less: common.ItemSketchFloatComparator(false), format: func(v float32) string { return javaFloat(float64(v), 32) },
		skipsNaN: true}
	KLLDoubles = &KLLKind[float64]{Name: "KllDoublesSketch", size: 8, serde: common.ItemSketchDoubleSerDe{},
		less: common.ItemSketchDoubleComparator(false), format: JavaDouble, skipsNaN: true}
)

// KLLSketch is a sketch of one kind.
type KLLSketch[C KLLItem] struct {
	kind *KLLKind[C]
	sk   *kll.ItemsSketch[C]
}

// maxLibK is the largest k the sketch library handles: its level capacities are computed
// in 16 bits and overflow above it. Larger k (Spark allows up to 65535) build sketches
// with this k, which only differ from Spark's once a sketch holds more than 32767 items.
const maxLibK = 32767

// New is an empty sketch with parameter k (already checked).
func (t *KLLKind[C]) New(k int) (*KLLSketch[C], error) {
	k = min(k, maxLibK)
	sk, err := kll.NewKllItemsSketch[C](uint16(k), 8, t.less, t.serde)
	if err != nil {
		return nil, err
	}
	return &KLLSketch[C]{kind: t, sk: sk}, nil
}

// Update adds an item; NaN is skipped, as the Java sketches skip it.
func (s *KLLSketch[C]) Update(v C) {
	if s.kind.skipsNaN && v != v {
		return
	}
	s.sk.Update(v)
}

// Merge folds another sketch in.
func (s *KLLSketch[C]) Merge(o *KLLSketch[C]) error {
	return safely(func() error { s.sk.Merge(o.sk); return nil })
}

// N is the number of items the sketch has seen.
func (s *KLLSketch[C]) N() int64 { return int64(s.sk.GetN()) }

// Image is the compact image.
func (s *KLLSketch[C]) Image() ([]byte, error) {
	var out []byte
	err := safely(func() error {
		var err error
		out, err = s.sk.ToSlice()
		return err
	})
	return out, err
}

const emptySketchMessage = "The sketch must not be empty for this operation. "

// Quantile is the item at normalized rank r (inclusive search). The error is Java's
// message: for a rank out of range it mentions "normalized rank".
func (s *KLLSketch[C]) Quantile(r float64) (C, error) {
	var zero C
	if s.sk.IsEmpty() {
		return zero, fmt.Errorf("%s", emptySketchMessage)
	}
	if r < 0 || r > 1 || r != r {
		return zero, fmt.Errorf("A normalized rank must be >= 0 and <= 1.0: %s", JavaDouble(r))
	}
	var out C
	err := safely(func() error {
		var err error
		out, err = s.sk.GetQuantile(r, true)
		return err
	})
	return out, err
}

// Rank is the normalized rank of item v (inclusive search).
func (s *KLLSketch[C]) Rank(v C) (float64, error) {
	if s.sk.IsEmpty() {
		return 0, fmt.Errorf("%s", emptySketchMessage)
	}
	var out float64
	err := safely(func() error {
		var err error
		out, err = s.sk.GetRank(v, true)
		return err
	})
	return out, err
}

// Summary is the sketch's toString, as Java's KllSketch prints it.
func (s *KLLSketch[C]) Summary() string {
	sk := s.sk
	k := int(sk.GetK())
	numRetained := int(sk.GetNumRetained())
	levels, capacity, numLevels := s.levelInfo()
	compactBytes := 8
	updatableBytes := 20 + (numLevels+1)*4 + (capacity+2)*s.kind.size
	switch n := sk.GetN(); {
	case n == 1:
		compactBytes = 8 + s.kind.size
	case n > 1:
		compactBytes = 20 + numLevels*4 + (numRetained+2)*s.kind.size
	}
	var b strings.Builder
	line := func(label, value string) {
		b.WriteString("   ")
		b.WriteString(label)
		b.WriteString(": ")
		b.WriteString(value)
		b.WriteString("\n")
	}
	b.WriteString("\n### Kll" + s.kind.Name + " Summary:\n")
	line("K                      ", strconv.Itoa(k))
	line("Dynamic min K          ", strconv.Itoa(s.minK()))
	line("M                      ", "8")
	line("N                      ", strconv.FormatUint(sk.GetN(), 10))
	line("Epsilon                ", fmt.Sprintf("%.3f%%", sk.GetNormalizedRankError(false)*100))
	line("Epsilon PMF            ", fmt.Sprintf("%.3f%%", sk.GetNormalizedRankError(true)*100))
	line("Empty                  ", strconv.FormatBool(sk.IsEmpty()))
	line("Estimation Mode        ", strconv.FormatBool(sk.IsEstimationMode()))
	line("Levels                 ", strconv.Itoa(numLevels))
	line("Level 0 Sorted         ", strconv.FormatBool(s.level0Sorted()))
	line("Capacity Items         ", strconv.Itoa(capacity))
	line("Retained Items         ", strconv.Itoa(numRetained))
	line("Free Space             ", strconv.Itoa(levels))
	line("ReadOnly               ", "false")
	line("Updatable Storage Bytes", strconv.Itoa(updatableBytes))
	line("Compact Storage Bytes  ", strconv.Itoa(compactBytes))
	minS, maxS := "NaN", "NaN"
	if !sk.IsEmpty() {
		if v, err := sk.GetMinItem(); err == nil {
			minS = s.kind.format(v)
		}
		if v, err := sk.GetMaxItem(); err == nil {
			maxS = s.kind.format(v)
		}
	}
	line("Min Item               ", minS)
	line("Max Item               ", maxS)
	b.WriteString("### End sketch summary\n")
	return b.String()
}

// levelInfo reads the sketch's level layout from its compact image: the free space at
// the bottom of the items array (levels[0]), the total capacity and the number of levels.
func (s *KLLSketch[C]) levelInfo() (free, capacity, numLevels int) {
	k := int(s.sk.GetK())
	img, err := s.Image()
	if err != nil || len(img) < 8 {
		return k, k, 1
	}
	switch img[0] {
	case 2: // empty or single item
		if s.sk.GetN() == 1 {
			return k - 1, k, 1
		}
		return k, k, 1
	}
	if len(img) < 20 {
		return k, k, 1
	}
	numLevels = int(img[18])
	if numLevels < 1 || len(img) < 20+4*numLevels {
		return k, k, 1
	}
	capacity = totalCapacity(k, 8, numLevels)
	free = int(binary.LittleEndian.Uint32(img[20:24]))
	return free, capacity, numLevels
}

func (s *KLLSketch[C]) minK() int {
	img, err := s.Image()
	if err == nil && len(img) >= 20 && img[0] == 5 {
		return int(binary.LittleEndian.Uint16(img[16:18]))
	}
	return int(s.sk.GetK())
}

func (s *KLLSketch[C]) level0Sorted() bool {
	img, err := s.Image()
	return err == nil && len(img) >= 4 && img[3]&2 != 0
}

// totalCapacity is the item capacity of a sketch with numLevels levels (KLL's geometric
// level sizes, 2/3 per level down from the top, at least m).
func totalCapacity(k, m, numLevels int) int {
	total := 0
	for h := 0; h < numLevels; h++ {
		total += levelCapacity(k, numLevels, h, m)
	}
	return total
}

func levelCapacity(k, numLevels, height, m int) int {
	depth := numLevels - height - 1
	return max(m, capAux(k, depth))
}

// capAux is round(k * (2/3)^depth) in integer arithmetic, as DataSketches computes it.
func capAux(k, depth int) int {
	if depth <= 30 {
		return capAuxAux(k, depth)
	}
	half := depth / 2
	rest := depth - half
	tmp := capAuxAux(k, half)
	return capAuxAux(tmp, rest)
}

func capAuxAux(k, depth int) int {
	twok := int64(k) << 1
	tmp := (twok << depth) / pow3(depth)
	result := (tmp + 1) >> 1
	return int(result)
}

func pow3(n int) int64 {
	out := int64(1)
	for i := 0; i < n; i++ {
		out *= 3
	}
	return out
}

// Read reads an image as this kind, after the checks Java makes (with its messages,
// which Spark reports as the reason).
func (t *KLLKind[C]) Read(b []byte) (*KLLSketch[C], error) {
	if err := t.check(b); err != nil {
		return nil, err
	}
	var sk *kll.ItemsSketch[C]
	err := safely(func() error {
		var err error
		sk, err = kll.NewKllItemsSketchFromSlice[C](b, t.less, t.serde)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &KLLSketch[C]{kind: t, sk: sk}, nil
}

func boundsError(off, length, alloc int) error {
	return fmt.Errorf("reqOffset: %d, reqLength: %d, (reqOff + reqLen): %d, allocSize: %d", off, length, off+length, alloc)
}

// check validates the preamble and that every region the reader touches is inside b.
func (t *KLLKind[C]) check(b []byte) error {
	n := len(b)
	if n < 8 {
		return fmt.Errorf("A sketch memory image must be at least 8 bytes. %d", n)
	}
	preInts, serVer, family, flags := int(b[0]), int(b[1]), int(b[2]), b[3]
	const (
		emptyFlag = 1
	)
	var structure string
	switch {
	case preInts == 2 && serVer == 1:
		structure = "empty"
	case preInts == 2 && serVer == 2:
		structure = "single"
	case preInts == 5 && serVer == 1:
		structure = "full"
	case preInts == 5 && serVer == 3:
		return fmt.Errorf("updatable KLL images are not supported")
	default:
		return fmt.Errorf("Error combination of PreInts and SerVer: PreInts: %d, SerVer: %d", preInts, serVer)
	}
	if family != 15 {
		return fmt.Errorf("FamilyID Field must be: 15, NOT: %d", family)
	}
	k := int(binary.LittleEndian.Uint16(b[4:6]))
	m := int(b[6])
	if m < 2 || m > 8 || m&1 == 1 {
		return fmt.Errorf("M must be >= 2, <= 8 and even: %d", m)
	}
	if k < m || k > KLLMaxK {
		return fmt.Errorf("K must be >= %d and <= %d: %d", m, KLLMaxK, k)
	}
	if k > maxLibK {
		return fmt.Errorf("sketches with K above %d are not supported: %d", maxLibK, k)
	}
	empty := flags&emptyFlag != 0
	switch structure {
	case "empty":
		if !empty {
			return fmt.Errorf("A compact empty sketch should have empty flag set. ")
		}
		return nil
	case "single":
		if empty {
			return fmt.Errorf("A single item sketch should not have empty flag set. ")
		}
		if 8+t.size > n {
			return boundsError(8, t.size, n)
		}
		return nil
	}
	if empty {
		return fmt.Errorf("A compact full sketch should not have empty flag set. ")
	}
	if n < 20 {
		return boundsError(8, 12, n)
	}
	numLevels := int(b[18])
	if numLevels < 1 {
		return fmt.Errorf("the sketch image has no levels")
	}
	if 20+4*numLevels > n {
		return boundsError(20, 4*numLevels, n)
	}
	capacity := totalCapacity(k, m, numLevels)
	prev := 0
	for i := 0; i < numLevels; i++ {
		lv := int(binary.LittleEndian.Uint32(b[20+4*i:]))
		if lv < prev || lv > capacity {
			return fmt.Errorf("the sketch image's levels are inconsistent")
		}
		prev = lv
	}
	free := int(binary.LittleEndian.Uint32(b[20:24]))
	retained := capacity - free
	off := 20 + 4*numLevels
	if off+t.size > n {
		return boundsError(off, t.size, n)
	}
	off += t.size
	if off+t.size > n {
		return boundsError(off, t.size, n)
	}
	off += t.size
	if off+retained*t.size > n {
		return boundsError(off, retained*t.size, n)
	}
	return nil
}

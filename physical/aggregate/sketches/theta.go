package sketches

import (
	"bytes"
	"encoding/binary"

	"github.com/apache/datasketches-go/theta"
)

// Theta sketches as Spark keeps them: QuickSelect update sketches (seed 9001) while
// aggregating, stored as ordered compact images in DataSketches' compressed format
// (CompactSketch.toByteArrayCompressed).

// CheckThetaLgNom checks lgNomEntries against Spark's range.
func CheckThetaLgNom(fn string, v int64) error {
	if v < ThetaMinLgNom || v > ThetaMaxLgNom {
		return ThetaInvalidLgNom(fn, v)
	}
	return nil
}

// libLgNom is lgNom as the sketch library takes it: it needs at least 5 (32 nominal
// entries) where Spark allows 4. With 4 the sketches are built with 5, which only differs
// from Spark once a sketch sees more than 16 distinct values (it keeps more of them).
func libLgNom(lgNom int) uint8 { return uint8(max(lgNom, 5)) }

// NewTheta is an empty update sketch with 2^lgNom nominal entries (already checked).
func NewTheta(lgNom int) (*theta.QuickSelectUpdateSketch, error) {
	return theta.NewQuickSelectUpdateSketch(theta.WithUpdateSketchLgK(libLgNom(lgNom)))
}

// ThetaUpdateInt64 adds a BIGINT (INT is widened first, as Spark does).
func ThetaUpdateInt64(s *theta.QuickSelectUpdateSketch, v int64) { _ = s.UpdateInt64(v) }

// ThetaUpdateFloat64 adds a DOUBLE (FLOAT is widened first); the library makes -0.0 and
// every NaN hash alike, as Java does.
func ThetaUpdateFloat64(s *theta.QuickSelectUpdateSketch, v float64) { _ = s.UpdateFloat64(v) }

// ThetaUpdateBytes adds a binary (or a string's bytes); empty ones are skipped.
func ThetaUpdateBytes(s *theta.QuickSelectUpdateSketch, b []byte) {
	if len(b) == 0 {
		return
	}
	_ = s.UpdateBytes(b)
}

// ThetaUpdateInt32s adds an ARRAY<INT> (its little-endian bytes, as Java hashes an int[]);
// empty arrays are skipped. scratch is reused.
func ThetaUpdateInt32s(s *theta.QuickSelectUpdateSketch, vals []int32, scratch []byte) []byte {
	if len(vals) == 0 {
		return scratch
	}
	scratch = scratch[:0]
	for _, v := range vals {
		scratch = binary.LittleEndian.AppendUint32(scratch, uint32(v))
	}
	_ = s.UpdateBytes(scratch)
	return scratch
}

// ThetaUpdateInt64s adds an ARRAY<BIGINT> (its little-endian bytes).
func ThetaUpdateInt64s(s *theta.QuickSelectUpdateSketch, vals []int64, scratch []byte) []byte {
	if len(vals) == 0 {
		return scratch
	}
	scratch = scratch[:0]
	for _, v := range vals {
		scratch = binary.LittleEndian.AppendUint64(scratch, uint64(v))
	}
	_ = s.UpdateBytes(scratch)
	return scratch
}

// ThetaImage is the compressed compact image of a sketch.
func ThetaImage(s theta.Sketch) ([]byte, error) {
	var cs *theta.CompactSketch
	switch x := s.(type) {
	case *theta.CompactSketch:
		cs = x
		if !cs.IsOrdered() {
			cs = theta.NewCompactSketch(cs, true)
		}
	default:
		cs = theta.NewCompactSketch(s, true)
	}
	var buf bytes.Buffer
	enc := theta.NewEncoder(&buf, true)
	err := safely(func() error { return enc.Encode(cs) })
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// UpdateImage is the image of an update sketch (Spark's rebuild then compact).
func UpdateImage(s *theta.QuickSelectUpdateSketch) ([]byte, error) {
	var cs *theta.CompactSketch
	if err := safely(func() error {
		s.Trim()
		cs = s.CompactOrdered()
		return nil
	}); err != nil {
		return nil, err
	}
	return ThetaImage(cs)
}

// ReadTheta reads a compact image; fn names the function in the error.
func ReadTheta(fn string, b []byte) (*theta.CompactSketch, error) {
	var cs *theta.CompactSketch
	err := safely(func() error {
		var err error
		cs, err = theta.Decode(b, theta.DefaultSeed)
		return err
	})
	if err != nil || cs == nil {
		return nil, ThetaInvalidBuffer(fn)
	}
	return cs, nil
}

// ThetaEstimate is theta_sketch_estimate.
func ThetaEstimate(fn string, b []byte) (int64, error) {
	cs, err := ReadTheta(fn, b)
	if err != nil {
		return 0, err
	}
	return JavaRound(cs.Estimate()), nil
}

// ThetaUnionImages is theta_union(a, b, lgNomEntries).
func ThetaUnionImages(fn string, a, b []byte, lgNom int64) ([]byte, error) {
	if err := CheckThetaLgNom(fn, lgNom); err != nil {
		return nil, err
	}
	sa, err := ReadTheta(fn, a)
	if err != nil {
		return nil, err
	}
	sb, err := ReadTheta(fn, b)
	if err != nil {
		return nil, err
	}
	u, err := NewThetaUnion(int(lgNom))
	if err != nil {
		return nil, ThetaInvalidBuffer(fn)
	}
	if err := u.Add(sa); err != nil {
		return nil, ThetaInvalidBuffer(fn)
	}
	if err := u.Add(sb); err != nil {
		return nil, ThetaInvalidBuffer(fn)
	}
	return u.Image()
}

// ThetaIntersectionImages is theta_intersection(a, b).
func ThetaIntersectionImages(fn string, a, b []byte) ([]byte, error) {
	sa, err := ReadTheta(fn, a)
	if err != nil {
		return nil, err
	}
	sb, err := ReadTheta(fn, b)
	if err != nil {
		return nil, err
	}
	var in ThetaIntersection
	if err := in.Add(sa); err != nil {
		return nil, ThetaInvalidBuffer(fn)
	}
	if err := in.Add(sb); err != nil {
		return nil, ThetaInvalidBuffer(fn)
	}
	return in.Image()
}

// ThetaDifferenceImages is theta_difference(a, b): the entries of a not in b.
func ThetaDifferenceImages(fn string, a, b []byte) ([]byte, error) {
	sa, err := ReadTheta(fn, a)
	if err != nil {
		return nil, err
	}
	sb, err := ReadTheta(fn, b)
	if err != nil {
		return nil, err
	}
	var out *theta.CompactSketch
	if err := safely(func() error {
		var err error
		out, err = theta.ANotB(sa, sb, theta.DefaultSeed, true)
		return err
	}); err != nil {
		return nil, ThetaInvalidBuffer(fn)
	}
	return ThetaImage(out)
}

// ThetaUnion is a running union.
type ThetaUnion struct {
	u *theta.Union
}

// NewThetaUnion is an empty union with 2^lgNom nominal entries.
func NewThetaUnion(lgNom int) (*ThetaUnion, error) {
	u, err := theta.NewUnion(theta.WithUnionLgK(libLgNom(lgNom)))
	if err != nil {
		return nil, err
	}
	return &ThetaUnion{u: u}, nil
}

// Add folds a sketch in.
func (t *ThetaUnion) Add(s theta.Sketch) error {
	return safely(func() error { return t.u.Update(s) })
}

// Result is the union so far.
func (t *ThetaUnion) Result() (*theta.CompactSketch, error) {
	var cs *theta.CompactSketch
	err := safely(func() error {
		var err error
		cs, err = t.u.OrderedResult()
		return err
	})
	return cs, err
}

// Image is the union's compressed compact image.
func (t *ThetaUnion) Image() ([]byte, error) {
	cs, err := t.Result()
	if err != nil {
		return nil, err
	}
	return ThetaImage(cs)
}

// ThetaIntersection is a running intersection; before any sketch it is the universe,
// whose result is an empty sketch.
type ThetaIntersection struct {
	in *theta.Intersection
}

// Add intersects a sketch in.
func (t *ThetaIntersection) Add(s theta.Sketch) error {
	if t.in == nil {
		t.in = theta.NewIntersection()
	}
	return safely(func() error { return t.in.Update(s) })
}

// Started reports whether a sketch was intersected.
func (t *ThetaIntersection) Started() bool { return t.in != nil && t.in.HasResult() }

// Result is the intersection so far.
func (t *ThetaIntersection) Result() (*theta.CompactSketch, error) {
	if !t.Started() {
		return emptyTheta(), nil
	}
	var cs *theta.CompactSketch
	err := safely(func() error {
		var err error
		cs, err = t.in.OrderedResult()
		return err
	})
	return cs, err
}

// Image is the intersection's compressed compact image.
func (t *ThetaIntersection) Image() ([]byte, error) {
	cs, err := t.Result()
	if err != nil {
		return nil, err
	}
	return ThetaImage(cs)
}

func emptyTheta() *theta.CompactSketch {
	s, _ := theta.NewQuickSelectUpdateSketch()
	return s.CompactOrdered()
}

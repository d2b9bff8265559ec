package sketches

import (
	"fmt"
	"math"

	"github.com/apache/datasketches-go/hll"
)

// HLL sketches as Spark keeps them: HLL_8 sketches, stored as DataSketches' updatable
// images (HllSketch.toUpdatableByteArray).

// safely runs f, turning a panic of the sketch library (on a malformed image) into an
// error.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed sketch image: %v", r)
		}
	}()
	return f()
}

// JavaRound is Java's Math.round of a double (half up), which Spark applies to estimates.
func JavaRound(v float64) int64 {
	if v != v {
		return 0
	}
	return int64(math.Floor(v + 0.5))
}

// NewHLL is an empty HLL_8 sketch with 2^lgK buckets (lgK already checked).
func NewHLL(lgK int) (hll.HllSketch, error) {
	return hll.NewHllSketch(lgK, hll.TgtHllTypeHll8)
}

// CheckHLLLgK checks lgConfigK against Spark's range; Spark names hll_sketch_agg.
func CheckHLLLgK(v int64) error {
	if v < HLLMinLgK || v > HLLMaxLgK {
		return HLLInvalidLgK("hll_sketch_agg", v)
	}
	return nil
}

// HLLImage is the updatable image of a sketch.
func HLLImage(s hll.HllSketch) ([]byte, error) {
	var out []byte
	err := safely(func() error {
		var err error
		out, err = s.ToUpdatableSlice()
		return err
	})
	return out, err
}

// ReadHLL reads an HLL image; fn names the function in the error.
func ReadHLL(fn string, b []byte) (hll.HllSketch, error) {
	var sk hll.HllSketch
	err := safely(func() error {
		var err error
		sk, err = hll.NewHllSketchFromSlice(b, true)
		if err == nil {
			// Reading the estimate walks the whole image, so a truncated one fails here.
			_, err = sk.GetEstimate()
		}
		return err
	})
	if err != nil || sk == nil {
		return nil, HLLInvalidBuffer(fn)
	}
	return sk, nil
}

// HLLEstimate is hll_sketch_estimate: the rounded estimate of an image.
func HLLEstimate(fn string, b []byte) (int64, error) {
	sk, err := ReadHLL(fn, b)
	if err != nil {
		return 0, err
	}
	var est float64
	if err := safely(func() error {
		var err error
		est, err = sk.GetEstimate()
		return err
	}); err != nil {
		return 0, HLLInvalidBuffer(fn)
	}
	return JavaRound(est), nil
}

// HLLUnionImages is hll_union(a, b, allowDifferentLgConfigK): the HLL_8 union of two
// images, with the smaller lgConfigK.
func HLLUnionImages(fn string, a, b []byte, allowDifferent bool) ([]byte, error) {
	sa, err := ReadHLL(fn, a)
	if err != nil {
		return nil, err
	}
	sb, err := ReadHLL(fn, b)
	if err != nil {
		return nil, err
	}
	la, lb := sa.GetLgConfigK(), sb.GetLgConfigK()
	if !allowDifferent && la != lb {
		return nil, HLLUnionDifferentLgK(fn, la, lb)
	}
	var out []byte
	if err := safely(func() error {
		u, err := hll.NewUnion(min(la, lb))
		if err != nil {
			return err
		}
		if err := u.UpdateSketch(sa); err != nil {
			return err
		}
		if err := u.UpdateSketch(sb); err != nil {
			return err
		}
		r, err := u.GetResult(hll.TgtHllTypeHll8)
		if err != nil {
			return err
		}
		out, err = r.ToUpdatableSlice()
		return err
	}); err != nil {
		return nil, HLLInvalidBuffer(fn)
	}
	return out, nil
}

// HLLUnion is the running union of hll_union_agg: it starts at the lgConfigK of the
// first sketch and, unless different values are allowed, rejects other values.
type HLLUnion struct {
	Fn             string
	AllowDifferent bool
	u              hll.Union
}

// Empty reports whether no sketch was added.
func (h *HLLUnion) Empty() bool { return h.u == nil }

// AddImage folds one sketch image in.
func (h *HLLUnion) AddImage(b []byte) error {
	sk, err := ReadHLL(h.Fn, b)
	if err != nil {
		return err
	}
	return h.add(sk)
}

func (h *HLLUnion) add(sk hll.HllSketch) error {
	if h.u == nil {
		u, err := hll.NewUnion(sk.GetLgConfigK())
		if err != nil {
			return HLLInvalidBuffer(h.Fn)
		}
		h.u = u
	}
	if !h.AllowDifferent && h.u.GetLgConfigK() != sk.GetLgConfigK() {
		return HLLUnionDifferentLgK(h.Fn, h.u.GetLgConfigK(), sk.GetLgConfigK())
	}
	if err := safely(func() error { return h.u.UpdateSketch(sk) }); err != nil {
		return HLLInvalidBuffer(h.Fn)
	}
	return nil
}

// AddUnion folds another running union in (the merge of partial aggregates).
func (h *HLLUnion) AddUnion(o *HLLUnion) error {
	if o.u == nil {
		return nil
	}
	if h.u == nil {
		h.u = o.u
		return nil
	}
	if !h.AllowDifferent && h.u.GetLgConfigK() != o.u.GetLgConfigK() {
		return HLLUnionDifferentLgK(h.Fn, h.u.GetLgConfigK(), o.u.GetLgConfigK())
	}
	return safely(func() error {
		r, err := o.u.GetResult(hll.TgtHllTypeHll8)
		if err != nil {
			return err
		}
		return h.u.UpdateSketch(r)
	})
}

// Image is the union's updatable image; an empty union is Spark's default one
// (lgConfigK 12).
func (h *HLLUnion) Image() ([]byte, error) {
	u := h.u
	if u == nil {
		var err error
		if u, err = hll.NewUnion(HLLDefaultLgK); err != nil {
			return nil, err
		}
	}
	var out []byte
	err := safely(func() error {
		var err error
		out, err = u.ToUpdatableSlice()
		return err
	})
	return out, err
}

// StateImage is the partial-aggregate state: the image, or no bytes for an empty union.
func (h *HLLUnion) StateImage() ([]byte, error) {
	if h.u == nil {
		return nil, nil
	}
	return h.Image()
}

// AddState folds a partial-aggregate state (StateImage) in.
func (h *HLLUnion) AddState(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	var o HLLUnion
	o.Fn, o.AllowDifferent = h.Fn, true
	if err := safely(func() error {
		u, err := hll.NewUnionFromSlice(b)
		o.u = u
		return err
	}); err != nil || o.u == nil {
		return HLLInvalidBuffer(h.Fn)
	}
	return h.AddUnion(&o)
}

// MergeHLL is the union of two sketches of hll_sketch_agg's partial aggregates, kept at
// lgK (Spark's merge).
func MergeHLL(lgK int, a, b hll.HllSketch) (hll.HllSketch, error) {
	var out hll.HllSketch
	err := safely(func() error {
		u, err := hll.NewUnion(lgK)
		if err != nil {
			return err
		}
		if err := u.UpdateSketch(a); err != nil {
			return err
		}
		if err := u.UpdateSketch(b); err != nil {
			return err
		}
		out, err = u.GetResult(hll.TgtHllTypeHll8)
		return err
	})
	return out, err
}

package variant

import (
	"strconv"
	"strings"

	"github.com/sailgo/sail/sql/sparkerror"
)

// PathSegment is one step of a variant_get path: an object key or an array index.
type PathSegment struct {
	Key   []byte
	Index int
	IsKey bool
}

// ParsePath reads a path as Spark's VariantPathParser does: '$' followed by any number
// of .name (a name runs to the next '.' or '['), ['name'], ["name"] or [digits].
func ParsePath(path string) ([]PathSegment, bool) {
	if !strings.HasPrefix(path, "$") {
		return nil, false
	}
	s := path[1:]
	segs := []PathSegment{}
	for len(s) > 0 {
		switch {
		case s[0] == '.':
			n := strings.IndexAny(s[1:], ".[")
			if n < 0 {
				n = len(s) - 1
			}
			if n == 0 {
				return nil, false
			}
			segs = append(segs, PathSegment{Key: []byte(s[1 : 1+n]), IsKey: true})
			s = s[1+n:]
		case strings.HasPrefix(s, "['") || strings.HasPrefix(s, `["`):
			q := s[1:2]
			end := strings.Index(s[2:], q)
			if end < 0 || !strings.HasPrefix(s[2+end+1:], "]") {
				return nil, false
			}
			segs = append(segs, PathSegment{Key: []byte(s[2 : 2+end]), IsKey: true})
			s = s[2+end+2:]
		case s[0] == '[':
			j := 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j == 1 || j >= len(s) || s[j] != ']' {
				return nil, false
			}
			idx, err := strconv.ParseInt(s[1:j], 10, 32)
			if err != nil {
				return nil, false
			}
			segs = append(segs, PathSegment{Index: int(idx)})
			s = s[j+1:]
		default:
			return nil, false
		}
	}
	return segs, true
}

// InvalidPathError is INVALID_VARIANT_GET_PATH.
func InvalidPathError(path, function string) error {
	return sparkerror.New(sparkerror.Runtime, "INVALID_VARIANT_GET_PATH", "22023",
		"The path `<path>` is not a valid variant extraction path in `<functionName>`.\nA valid path should start with `$` and is followed by zero or more segments like `[123]`, `.name`, `['name']`, or `[\"name\"]`.",
		map[string]string{"path": path, "functionName": "`" + function + "`"})
}

// Get follows a path from v (VariantGet.variantGet): a key step needs an object, an
// index step an array; ok is false when a step finds nothing.
func (v Variant) Get(path []PathSegment) (Variant, bool, error) {
	for _, seg := range path {
		t, err := v.Type()
		if err != nil {
			return Variant{}, false, err
		}
		var ok bool
		switch {
		case seg.IsKey && t == Object:
			v, ok, err = v.Field(seg.Key)
		case !seg.IsKey && t == Array:
			v, ok, err = v.Elem(seg.Index)
		}
		if err != nil || !ok {
			return Variant{}, false, err
		}
	}
	return v, true, nil
}

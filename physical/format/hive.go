package format

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// This file holds the StyleHive renderers that differ in shape from the
// show() ones: maps and structs. Scalars, lists and the null spelling are
// handled in compile and compileList.

// compileHiveMap renders maps like HiveResult: each entry as key + ":" +
// value (both nested), the entry strings sorted in Java String order and
// joined by "," inside "{" "}"; null is the spelling of a null map.
func compileHiveMap(a *array.Map, opts *Options, null string) (appendFunc, error) {
	key, val, err := compileMapEntries(a, opts)
	if err != nil {
		return nil, err
	}
	entry := func(dst []byte, j int) []byte {
		dst = key(dst, j)
		dst = append(dst, ':')
		return val(dst, j)
	}
	return withNulls(a, null, func(dst []byte, i int) []byte {
		start, end := a.ValueOffsets(i)
		dst = append(dst, '{')
		switch end - start {
		case 0:
		case 1:
			dst = entry(dst, int(start))
		default:
			s := mapScratchPool.Get().(*mapScratch)
			dst = s.appendSorted(dst, entry, int(start), int(end))
			mapScratchPool.Put(s)
		}
		return append(dst, '}')
	}), nil
}

// mapScratch holds the rendered entries of one map value while they are
// sorted. Scratches come from a pool so that Formatters stay safe for
// concurrent use and maps nested in maps each get their own.
type mapScratch struct {
	buf   []byte   // the rendered entries, back to back
	spans [][2]int // [start, end) of each entry in buf
}

var mapScratchPool = sync.Pool{New: func() any { return new(mapScratch) }}

// maxPooledScratch bounds the buffer a pooled scratch keeps, so that one
// huge map does not pin its memory.
const maxPooledScratch = 64 << 10

// appendSorted renders entries start..end-1 with entry, sorts them in Java
// String order and appends them to dst separated by ','.
func (s *mapScratch) appendSorted(dst []byte, entry appendFunc, start, end int) []byte {
	buf, spans := s.buf[:0], s.spans[:0]
	for j := start; j < end; j++ {
		from := len(buf)
		buf = entry(buf, j)
		spans = append(spans, [2]int{from, len(buf)})
	}
	slices.SortFunc(spans, func(x, y [2]int) int {
		return compareUTF16(buf[x[0]:x[1]], buf[y[0]:y[1]])
	})
	for k, sp := range spans {
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, buf[sp[0]:sp[1]]...)
	}
	if cap(buf) > maxPooledScratch {
		buf = nil
	}
	s.buf, s.spans = buf, spans
	return dst
}

// CompareJavaStrings orders strings the way Java's String.compareTo does: by UTF-16 code
// units, as Spark sorts strings outside the engine (HiveResult's map entries, the golden
// files' sorted rows).
func CompareJavaStrings(a, b string) int { return compareUTF16(a, b) }

// compareUTF16 orders the UTF-8 strings a and b the way Java's
// String.compareTo orders their UTF-16 forms. UTF-8 byte order is code
// point order, which agrees with UTF-16 code unit order except that a
// supplementary character (U+10000 and above, a surrogate pair starting
// with a unit in D800–DBFF) sorts before U+E000–U+FFFF. So only the first
// differing characters need decoding.
func compareUTF16[T string | []byte](a, b T) int {
	n := min(len(a), len(b))
	p := 0
	for p < n && a[p] == b[p] {
		p++
	}
	if p == n {
		return cmp.Compare(len(a), len(b))
	}
	// Back up to the start of the character holding the first difference
	// (a[:p] == b[:p], so the bytes before p are shared).
	for p > 0 && !(utf8.RuneStart(a[p]) && utf8.RuneStart(b[p])) {
		p--
	}
	ra, rb := firstRune(a[p:]), firstRune(b[p:])
	if ka, kb := utf16Key(ra), utf16Key(rb); ka != kb {
		return cmp.Compare(ka, kb)
	}
	// Only reached for invalid UTF-8 (distinct bytes decoding alike).
	return strings.Compare(string(a[p:]), string(b[p:]))
}

// firstRune decodes the first character; ranging over a converted slice does not copy it.
func firstRune[T string | []byte](s T) rune {
	for _, r := range string(s) {
		return r
	}
	return utf8.RuneError
}

// utf16Key maps code points to keys ordered like their UTF-16 forms.
func utf16Key(r rune) int32 {
	if r >= 0xE000 && r <= 0xFFFF {
		return int32(r) + 0x11_0000 // above every supplementary code point
	}
	return int32(r)
}

// compileHiveStruct renders structs like HiveResult: each field as
// "\"name\":" + value (nested), joined by "," inside "{" "}"; null is the
// spelling of a null struct. Field names are not escaped.
func compileHiveStruct(a *array.Struct, opts *Options, null string) (appendFunc, error) {
	st, ok := a.DataType().(*arrow.StructType)
	if !ok {
		return nil, fmt.Errorf("format: malformed struct array of type %s", a.DataType())
	}
	fields := make([]appendFunc, a.NumField())
	prefixes := make([]string, len(fields))
	for k := range fields {
		fn, err := compile(a.Field(k), opts, true)
		if err != nil {
			return nil, err
		}
		fields[k] = fn
		prefixes[k] = `"` + st.Field(k).Name + `":`
		if k > 0 {
			prefixes[k] = "," + prefixes[k]
		}
	}
	return withNulls(a, null, func(dst []byte, i int) []byte {
		dst = append(dst, '{')
		for k, fn := range fields {
			dst = append(dst, prefixes[k]...)
			dst = fn(dst, i)
		}
		return append(dst, '}')
	}), nil
}

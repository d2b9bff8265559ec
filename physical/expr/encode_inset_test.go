package expr

import (
	"bytes"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/sql/types"
)

// TestEncodeInSetIsDeterministic checks that an IN set encodes to the same bytes every time:
// the set is a map, and plans are compared and cached by their encoding.
func TestEncodeInSetIsDeterministic(t *testing.T) {
	dec := types.DecimalType{Precision: 10, Scale: 0}
	sets := []struct {
		name string
		dt   types.DataType
		vals []any
	}{
		{"ints", types.Long, nil},
		{"doubles", types.Double, nil},
		{"strings", types.String, nil},
		{"decimals", dec, nil},
	}
	for i := range 64 {
		sets[0].vals = append(sets[0].vals, int64(i*7919%1000-500))
		sets[1].vals = append(sets[1].vals, float64(i)*1.5-20)
		sets[2].vals = append(sets[2].vals, string(rune('a'+i%26))+string(rune('A'+i/26)))
		sets[3].vals = append(sets[3].vals, decimal128.FromI64(int64(i*104729%997-400)))
	}
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			col := must(NewColumn(0, s.dt))
			var first []byte
			for range 20 {
				m, err := Encode(must(NewInSet(col, s.vals, false)))
				if err != nil {
					t.Fatal(err)
				}
				b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
				if err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = b
				} else if !bytes.Equal(first, b) {
					t.Fatal("the same IN set encoded to different bytes")
				}
			}
		})
	}
}

package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// BenchmarkInSetStrings evaluates the IN lists of TPC-H q12 (l_shipmode IN ('MAIL',
// 'SHIP')) and q19 (IN ('AIR', 'AIR REG')) over the seven ship modes, and a list of ten.
func BenchmarkInSetStrings(b *testing.B) {
	modes := []string{"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"}
	offs := make([]int32, benchRows+1)
	var data []byte
	x := uint64(3)
	for i := range benchRows {
		x = x*6364136223846793005 + 1442695040888963407
		data = append(data, modes[(x>>33)%uint64(len(modes))]...)
		offs[i+1] = int32(len(data))
	}
	rb := benchBatches(b, newVar(arrow.BinaryTypes.String, offs, data, nil))
	defer releaseBatches(rb)
	s := col(0, types.String)
	b.Run("q12-two", func(b *testing.B) { run(b, must(NewInSet(s, []any{"MAIL", "SHIP"}, false)), rb) })
	b.Run("q19-two", func(b *testing.B) { run(b, must(NewInSet(s, []any{"AIR", "AIR REG"}, false)), rb) })
	b.Run("ten", func(b *testing.B) {
		run(b, must(NewInSet(s, []any{"a", "b", "c", "d", "e", "f", "g", "h", "MAIL", "SHIP"}, false)), rb)
	})
}

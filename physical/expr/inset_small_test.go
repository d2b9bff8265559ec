package expr

import (
	"strings"
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// TestInSetShortAndLongLists checks IN over strings and integers with lists short enough
// to be scanned and long enough to be hashed: matches, lengths that only some list values
// share, strings of 64 bytes and more, empty strings, NULL values and NULL in the list.
func TestInSetShortAndLongLists(t *testing.T) {
	long := strings.Repeat("x", 70)
	sb := batchOf(arr(t, types.String, "MAIL", "SHIP", "AIR", "", nil, "MAIL ", long, long+"y", "RAIL", "AIR REG"))
	defer sb.Release()
	s := col(0, types.String)
	wantStrs(t, must(NewInSet(s, []any{"MAIL", "SHIP"}, false)), sb,
		"true", "true", "false", "false", "NULL", "false", "false", "false", "false", "false")
	wantStrs(t, must(NewInSet(s, []any{"AIR", "AIR REG", "", long}, false)), sb,
		"false", "false", "true", "true", "NULL", "false", "true", "false", "false", "true")
	wantStrs(t, must(NewInSet(s, []any{"RAIL"}, true)), sb,
		"NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "true", "NULL")
	many := []any{"a", "b", "c", "d", "e", "f", "g", "h", "i", "MAIL", long}
	wantStrs(t, must(NewInSet(s, many, false)), sb,
		"true", "false", "false", "false", "NULL", "false", "true", "false", "false", "false")

	ib := batchOf(arr(t, types.Integer, int32(49), int32(14), nil, int32(-3), int32(0)))
	defer ib.Release()
	i := col(0, types.Integer)
	wantStrs(t, must(NewInSet(i, []any{int32(49), int32(14), int32(23), int32(45), int32(19), int32(3), int32(36), int32(9)}, false)), ib,
		"true", "true", "NULL", "false", "false")
	manyInts := []any{}
	for k := int32(-3); k < 20; k++ {
		manyInts = append(manyInts, k)
	}
	wantStrs(t, must(NewInSet(i, manyInts, false)), ib, "false", "true", "NULL", "true", "true")
}

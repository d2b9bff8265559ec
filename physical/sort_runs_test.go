package physical

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

// Sorted runs of several partitions merge by their keys: the packed radix sort must give
// each run its keys back intact when the differing key bytes span an 8-byte window with a
// byte every row shares (here the second key's null marker).
func TestSortMergesRunsWithSharedKeyBytes(t *testing.T) {
	sch := schemaOf("b", arrow.PrimitiveTypes.Int16, "c", arrow.PrimitiveTypes.Int32)
	p0 := []string{`[{"b":6,"c":8}]`, `[{"b":8,"c":16}]`, `[{"b":16,"c":12}]`, `[{"b":16,"c":12}]`, `[{"b":8,"c":16}]`, `[{"b":null,"c":16}]`}
	p1 := []string{`[{"b":null,"c":16}]`, `[{"b":10,"c":null}]`, `[{"b":10,"c":null}]`, `[{"b":10,"c":null}]`, `[{"b":6,"c":8}]`, `[{"b":10,"c":null}]`}
	s, err := NewSort(source(t, sch, p0, p1), []SortKey{
		{Expr: col(0, arrow.PrimitiveTypes.Int16), Descending: true, NullsFirst: true},
		{Expr: col(1, arrow.PrimitiveTypes.Int32), Descending: true}}, -1)
	if err != nil {
		t.Fatal(err)
	}
	eqStrings(t, "b DESC NULLS FIRST, c DESC NULLS LAST", rows(t, s), []string{
		"null|16", "null|16", "16|12", "16|12", "10|null", "10|null", "10|null", "10|null", "8|16", "8|16", "6|8", "6|8"})
}

package physical

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	arrowmem "github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/sailgo/sail/sql/sparkerror"
)

// The existence join and the single join, which subqueries become (see
// sql/optimizer/subquery.go): small variations of the probe loop in join.go.

// existenceSchema is the left columns followed by the non-NULL boolean "exists".
func existenceSchema(left *arrow.Schema) *arrow.Schema {
	fields := append(append([]arrow.Field(nil), left.Fields()...),
		arrow.Field{Name: "exists", Type: arrow.FixedWidthTypes.Boolean})
	return arrow.NewSchema(fields, nil)
}

// tooManySubqueryRows is the error of a single join whose left row has a second match.
func tooManySubqueryRows() error {
	return sparkerror.New(sparkerror.Internal, "SCALAR_SUBQUERY_TOO_MANY_ROWS", "21000",
		"More than one row returned by a subquery used as an expression.", nil)
}

// existsByKey outputs the probe batch's first n rows, each with whether its key has build
// rows (an existence join without a residual filter).
func (s *probeStream) existsByKey(n int) (arrow.RecordBatch, error) {
	b := s.build
	for i := range n {
		k := s.keyIDs[i]
		s.matched[i] = k >= 0 && (b.unique || b.keyStart[k+1] > b.keyStart[k])
	}
	s.row = n
	s.ended = s.ended[:0]
	for i := range n {
		s.ended = append(s.ended, int32(i))
	}
	return s.emitExists(s.ended)
}

// emitExists outputs the left rows l (ascending) with the existence column: whether each
// matched.
func (s *probeStream) emitExists(l []int32) (arrow.RecordBatch, error) {
	if len(l) == 0 {
		return nil, nil
	}
	var cols []arrow.Array
	if len(l) == int(s.batch.NumRows()) {
		for _, c := range s.batch.Columns() {
			c.Retain()
			cols = append(cols, c)
		}
	} else {
		lb, err := s.gather(s.j.left.Schema(), l, nil)
		if err != nil {
			return nil, err
		}
		for _, c := range lb.Columns() {
			c.Retain()
			cols = append(cols, c)
		}
		lb.Release()
	}
	bld := array.NewBooleanBuilder(arrowmem.DefaultAllocator)
	bld.Reserve(len(l))
	for _, i := range l {
		bld.UnsafeAppend(s.matched[i])
	}
	exists := bld.NewArray()
	bld.Release()
	cols = append(cols, exists)
	out := array.NewRecordBatch(s.j.schema, cols, int64(len(l)))
	releaseArrays(cols)
	return out, nil
}

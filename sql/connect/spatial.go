package connect

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/sql/types"
)

// checkLocalSpatial checks the GEOGRAPHY and GEOMETRY values of a LocalRelation's batches
// against the schema, as Spark does when it reads them from the client's Arrow data: a
// fixed-SRID column takes only values of its SRID, a mixed-SRID one only supported SRIDs.
func checkLocalSpatial(st *types.StructType, batches []arrow.RecordBatch) error {
	for i, f := range st.Fields {
		if !types.ExistsRecursively(f.DataType, types.IsSpatial) {
			continue
		}
		for _, b := range batches {
			if i >= int(b.NumCols()) {
				continue
			}
			if err := types.CheckSpatialValues(b.Column(i), f.DataType); err != nil {
				return err
			}
		}
	}
	return nil
}

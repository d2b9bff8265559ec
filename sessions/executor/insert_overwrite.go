package executor

import (
	"context"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/aggregate"
	"github.com/sailgo/sail/physical/sink"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/catalog"
	"github.com/sailgo/sail/sql/plan"
)

// Partition overwrite, as Spark's InsertIntoHadoopFsRelationCommand: INSERT OVERWRITE of
// a partitioned table replaces, in static mode (spark.sql.sources.partitionOverwriteMode
// STATIC, the default), the partitions that match the PARTITION clause's static values
// (all of them without a clause); in dynamic mode, only the partitions the query writes
// rows to. The table option partitionOverwriteMode overrides the session's setting.

// dynamicOverwrite reports whether a table's INSERT OVERWRITE is in dynamic mode.
func dynamicOverwrite(s *sessions.Session, t *catalog.Table) bool {
	for k, v := range t.Options {
		if strings.EqualFold(k, "partitionOverwriteMode") {
			return strings.EqualFold(v, "dynamic")
		}
	}
	v, ok, err := s.Conf.GetOption("spark.sql.sources.partitionOverwriteMode")
	return err == nil && ok && strings.EqualFold(v, "dynamic")
}

// staticValue is one static value of a PARTITION clause, by partition column position.
type staticValue struct {
	pos   int
	value *string // nil for NULL
}

func sameValue(a, b *string) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// overwritePartitions writes an INSERT OVERWRITE's rows (bs, in table column order) over
// the partitions it replaces; static are the PARTITION clause's static values, and
// dynamicMode says the partitions the rows fall in are replaced (else all that match static).
func (x *Executor) overwritePartitions(ctx context.Context, s *sessions.Session, t *catalog.Table, bs []arrow.RecordBatch, static []staticValue, dynamicMode bool) error {
	loc := sessionLocation(s)
	rows := partitionValuesOfRows(loc, t, bs, false)
	dynamic := dynamicMode && len(static) < len(t.PartitionColumns)
	// The static values as the rows render them (a literal '01' of an INT column is 1).
	if len(rows) > 0 {
		for i := range static {
			static[i].value = rows[0][static[i].pos]
		}
	}
	var replace func([]*string) bool
	if dynamic {
		written := map[string]bool{}
		for _, r := range rows {
			written[sink.PartitionValuesKey(r)] = true
		}
		replace = func(v []*string) bool { return written[sink.PartitionValuesKey(v)] }
	} else {
		replace = func(v []*string) bool {
			for _, sv := range static {
				if sv.pos >= len(v) || !sameValue(v[sv.pos], sv.value) {
					return false
				}
			}
			return true
		}
	}
	var kept []arrow.RecordBatch
	if !t.Cold() {
		var err error
		if kept, err = keepRows(loc, t, replace); err != nil {
			releaseBatches(bs)
			return err
		}
	}
	fileReplace := replace
	if dynamic {
		fileReplace = nil // the sink replaces the partition directories it writes
	}
	return t.OverwritePartitions(ctx, bs, kept, fileReplace, dynamic, loc)
}

// keepRows returns the table's rows in memory whose partitions replace does not select.
func keepRows(loc *time.Location, t *catalog.Table, replace func([]*string) bool) ([]arrow.RecordBatch, error) {
	var out []arrow.RecordBatch
	for _, b := range t.Batches() {
		vals := partitionValuesOfRows(loc, t, []arrow.RecordBatch{b}, false)
		var keep []int32
		for i, v := range vals {
			if !replace(v) {
				keep = append(keep, int32(i))
			}
		}
		switch {
		case len(keep) == 0:
		case len(keep) == int(b.NumRows()):
			b.Retain()
			out = append(out, b)
		default:
			nb, err := aggregate.TakeBatch(b, keep)
			if err != nil {
				releaseBatches(out)
				return nil, err
			}
			out = append(out, nb)
		}
	}
	return out, nil
}

// staticValues are the static values of a normalized PARTITION clause.
func staticValues(spec []*plan.PartitionValue) []staticValue {
	var out []staticValue
	for i, sv := range spec {
		if sv == nil || !sv.HasValue {
			continue
		}
		v := staticValue{pos: i}
		if !sv.Null {
			val := sv.Value
			v.value = &val
		}
		out = append(out, v)
	}
	return out
}

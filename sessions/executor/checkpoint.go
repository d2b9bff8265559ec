package executor

import (
	"context"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/google/uuid"

	"github.com/sailgo/sail/physical/memory"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// df.checkpoint() and df.localCheckpoint(): the DataFrame's rows are computed now and kept
// by the session under a new id, which the client then reads as a CachedRemoteRelation.
// Later changes to what the query read do not change them (the lineage is cut, as in
// Spark). The rows are reserved in the cache's memory pool and go to a spill file when it
// has no room. Until removed (RemoveCachedRemoteRelationCommand, or the client dropping the
// DataFrame) they last as long as the session. A lazy checkpoint is computed at once too.

// checkpointData is one checkpointed DataFrame's rows.
type checkpointData struct {
	schema *types.StructType
	arrow  *arrow.Schema

	mu      sync.Mutex
	batches []arrow.RecordBatch // in memory, reserved in res
	res     *memory.Reservation
	file    *memory.SpillFile // or in a spill file
}

func (c *checkpointData) Release() {
	c.mu.Lock()
	defer c.mu.Unlock()
	releaseBatches(c.batches)
	c.batches = nil
	c.res.Close()
	if c.file != nil {
		_ = c.file.Remove()
		c.file = nil
	}
}

// checkpoint computes a relation's rows and keeps them under a new id.
func (x *Executor) checkpoint(ctx context.Context, s *sessions.Session, c *connectpb.CheckpointCommand) (*connectpb.CachedRemoteRelation, error) {
	n, err := x.resolve(ctx, s, c.GetRelation())
	if err != nil {
		return nil, err
	}
	if _, isCmd := n.(plan.Command); isCmd {
		return nil, sparkerror.InvalidPlanInput("checkpoint needs a query, not a command")
	}
	st := plan.Schema(n)
	schema, err := types.ToArrowSchema(st)
	if err != nil {
		return nil, err
	}
	bs, err := x.collectBatches(ctx, s, n, st)
	if err != nil {
		return nil, err
	}
	data := &checkpointData{schema: st, arrow: schema, res: x.cache().pool.NewReservation("checkpoint")}
	if err := data.res.TryGrow(batchesSize(bs)); err == nil {
		data.batches = bs
	} else {
		f, serr := x.spillRows(schema, bs)
		releaseBatches(bs)
		if serr != nil {
			data.Release()
			return nil, serr
		}
		data.file = f
	}
	id := uuid.NewString()
	if !s.PutRelation(id, data) {
		data.Release()
		return nil, sparkerror.InvalidPlanInput("the session is closed")
	}
	return &connectpb.CachedRemoteRelation{RelationId: id}, nil
}

// cachedRemoteRelation is the rows kept under id, as a local relation with new columns.
func cachedRemoteRelation(s *sessions.Session, id string) (plan.Node, error) {
	r, ok := s.Relation(id)
	data, isData := r.(*checkpointData)
	if !ok || !isData {
		return nil, sparkerror.InvalidPlanInput("no cached relation with id %s in this session", id)
	}
	data.mu.Lock()
	defer data.mu.Unlock()
	bs := data.batches
	if data.file != nil {
		var err error
		if bs, err = readSpill(data.file); err != nil {
			return nil, err
		}
	}
	// The relation shares the kept batches, as a cached entry's do.
	return &plan.LocalData{ArrowSchema: data.arrow, Schema: data.schema, Batches: bs, Out: plan.AttributesOf(data.schema)}, nil
}

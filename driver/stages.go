package driver

import (
	"fmt"

	"github.com/sailgo/sail/driver/jobgraph"
	"github.com/sailgo/sail/proto/controlpb"
)

// StagesOf turns a job graph cut from a physical plan into the stages SubmitJob carries.
func StagesOf(g *jobgraph.Graph) ([]*controlpb.Stage, error) {
	stages := make([]*controlpb.Stage, 0, len(g.Stages))
	for _, s := range g.Stages {
		plan, err := s.Bytes()
		if err != nil {
			return nil, fmt.Errorf("stage %d: %w", s.ID, err)
		}
		stages = append(stages, &controlpb.Stage{
			Id: s.ID, Partitions: int32(s.Partitions), Plan: plan, InputStageIds: s.Inputs, Final: s.Final,
		})
	}
	return stages, nil
}

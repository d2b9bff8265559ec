package driver

import (
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/sailgo/sail/driver/jobgraph"
	"github.com/sailgo/sail/proto/controlpb"
	"github.com/sailgo/sail/proto/physicalpb"
)

func TestStagesOf(t *testing.T) {
	g := &jobgraph.Graph{Stages: []*jobgraph.Stage{
		{ID: 0, Partitions: 3, OutputPartitions: 2, Plan: &physicalpb.Plan{}},
		{ID: 1, Partitions: 2, OutputPartitions: 1, Plan: &physicalpb.Plan{}, Inputs: []int32{0}, Final: true},
	}}
	got, err := StagesOf(g)
	if err != nil {
		t.Fatal(err)
	}
	want := []*controlpb.Stage{
		{Id: 0, Partitions: 3, Plan: []byte{}},
		{Id: 1, Partitions: 2, Plan: []byte{}, InputStageIds: []int32{0}, Final: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if !proto.Equal(got[i], want[i]) {
			t.Fatalf("stage %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// Spark seeds a task's generator with seed + partition index and draws in row order
// (random.sql: uniform(10, 20, 0) over VALUES (0), (1), (2) in two partitions gives 17,
// then 16 and 15; group-by-ordinal.sql: rand(0) in one partition steps 0.7604953758285915,
// 0.5234194256885571, ...).
func TestRandomPerPartition(t *testing.T) {
	uniform := call(t, "uniform", types.Integer, true, litOf(t, types.Integer, int32(10)), litOf(t, types.Integer, int32(20)),
		litOf(t, types.Integer, int32(0)))
	if !NeedsTask(uniform) {
		t.Fatal("uniform must ask for the task context")
	}
	one := emptyBatch(1)
	two := emptyBatch(2)
	wantStrs(t, uniform, WithTask(one, TaskInfo{Partition: 0}), "17")
	wantStrs(t, uniform, WithTask(two, TaskInfo{Partition: 1}), "16", "15")

	rnd := call(t, "rand", types.Double, true, litOf(t, types.Integer, int32(0)))
	// One partition in two batches continues the sequence ...
	wantStrs(t, rnd, WithTask(two, TaskInfo{Partition: 0}), "0.7604953758285915", "0.5234194256885571")
	wantStrs(t, rnd, WithTask(two, TaskInfo{Partition: 0, RowOffset: 2}), "0.0953472826424725", "0.3163249920547614")
	// ... another partition has its own, whatever ran before ...
	wantStrs(t, rnd, WithTask(one, TaskInfo{Partition: 2}), "0.5311207224659675")
	wantStrs(t, rnd, WithTask(one, TaskInfo{Partition: 0, RowOffset: 4}), "0.7141011170991605")
	// ... and a partition run again (its first batch) starts over.
	wantStrs(t, rnd, WithTask(one, TaskInfo{Partition: 0}), "0.7604953758285915")

	str := call(t, "randstr", types.String, true, litOf(t, types.Integer, int32(10)), litOf(t, types.Integer, int32(0)))
	wantStrs(t, str, WithTask(one, TaskInfo{Partition: 0}), "ceV0PXaR2I")
}

package expr

import (
	"testing"

	"github.com/sailgo/sail/sql/types"
)

// Seeded generators match Spark's XORShiftRandom (random.sql.out, Spark's docs).
func TestRandomGenerators(t *testing.T) {
	b := emptyBatch(1)
	wantStrs(t, call(t, "rand", types.Double, true, litOf(t, types.Integer, int32(0))), b, "0.7604953758285915")
	wantStrs(t, call(t, "randn", types.Double, true, litOf(t, types.Long, int64(0))), b, "1.6034991609278433")
	wantStrs(t, call(t, "rand", types.Double, true, litOf(t, types.Integer, nil)), b, "0.7604953758285915")
	wantStrs(t, call(t, "uniform", types.Integer, true, litOf(t, types.Integer, int32(10)), litOf(t, types.Integer, int32(20)), litOf(t, types.Integer, int32(0))), b, "17")
	wantStrs(t, call(t, "uniform", types.Long, true, litOf(t, types.Long, int64(-20)), litOf(t, types.Long, int64(-10)), litOf(t, types.Integer, int32(-10))), b, "-17")
	wantStrs(t, call(t, "uniform", types.Double, true, litOf(t, types.Double, 10.0), litOf(t, types.Double, 20.0), litOf(t, types.Integer, int32(0))), b, "17.604953758285916")
}

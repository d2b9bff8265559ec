package analyzer

import (
	"runtime/debug"
	"sync"

	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/types"
)

// The functions of the running task (spark_partition_id, monotonically_increasing_id,
// input_file_name, input_file_block_start, input_file_block_length), evaluated by the
// operator that knows the partition and the file (physical/expr/taskctx.go), and version().

// SparkVersion is the Spark version version() reports; it must equal the version the
// server reports to clients (sessions/executor.SparkVersion).
const SparkVersion = "4.0.0"

var (
	revisionOnce sync.Once
	revision     string
)

// Revision is the source revision version() reports after the version: the VCS revision
// the binary was built from ("unknown" without one).
func Revision() string {
	revisionOnce.Do(func() {
		revision = "unknown"
		if info, ok := debug.ReadBuildInfo(); ok {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" && s.Value != "" {
					revision = s.Value
				}
			}
		}
	})
	return revision
}

func init() {
	task := func(t types.DataType, display string) resolver {
		return func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
			if err := arity(name, args, 0); err != nil {
				return nil, err
			}
			return &plan.Call{Fn: name, Type: t, Display: display}, nil
		}
	}
	register(ScalarFunction, task(types.Integer, "SPARK_PARTITION_ID"), "spark_partition_id")
	register(ScalarFunction, task(types.Long, "monotonically_increasing_id"), "monotonically_increasing_id")
	register(ScalarFunction, task(types.String, "input_file_name"), "input_file_name")
	register(ScalarFunction, task(types.Long, "input_file_block_start"), "input_file_block_start")
	register(ScalarFunction, task(types.Long, "input_file_block_length"), "input_file_block_length")
	register(ScalarFunction, func(a *analyzer, name string, args []plan.Expr, f *plan.UnresolvedFunction) (plan.Expr, error) {
		if err := arity(name, args, 0); err != nil {
			return nil, err
		}
		// The kernel returns its constant argument; the call prints as version().
		return bareCall("version", []plan.Expr{stringLit(SparkVersion + " " + Revision())}, types.String, false, "version()"), nil
	}, "version")
}

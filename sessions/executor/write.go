package executor

import (
	"context"
	"strings"

	"github.com/sailgo/sail/physical/sink"
	"github.com/sailgo/sail/proto/connectpb"
	"github.com/sailgo/sail/sessions"
	"github.com/sailgo/sail/sql/analyzer"
	"github.com/sailgo/sail/sql/plan"
	"github.com/sailgo/sail/sql/sparkerror"
)

// saveMode maps a Connect save mode onto the sink's (unspecified is Spark's default,
// errorifexists).
func saveMode(m connectpb.WriteOperation_SaveMode) sink.Mode {
	switch m {
	case connectpb.WriteOperation_SAVE_MODE_APPEND:
		return sink.Append
	case connectpb.WriteOperation_SAVE_MODE_OVERWRITE:
		return sink.Overwrite
	case connectpb.WriteOperation_SAVE_MODE_IGNORE:
		return sink.Ignore
	}
	return sink.ErrorIfExists
}

// writePath runs df.write.save(path) (and .parquet(path), .csv(path), ...): the query
// runs with one write task per partition and the files are committed atomically.
func (x *Executor) writePath(ctx context.Context, s *sessions.Session, w *connectpb.WriteOperation, q plan.Node) error {
	path := w.GetPath()
	opts := w.GetOptions()
	if path == "" {
		for k, v := range opts {
			if strings.EqualFold(k, "path") {
				path = v
			}
		}
	}
	if path == "" {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1157", "",
			"Expected exactly one path to be specified, but got: ", nil)
	}
	if w.GetBucketBy() != nil {
		return sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1312", "",
			"'<operation>' does not support bucketBy right now.", map[string]string{"operation": "save"})
	}
	format := w.GetSource()
	if format == "" {
		format = s.Conf.String("spark.sql.sources.default")
	}
	if format == "" {
		format = "parquet"
	}
	job := sink.Job{Path: path, Format: format, Options: opts, PartitionBy: w.GetPartitioningColumns(), Mode: saveMode(w.GetMode())}
	if job.Mode == sink.Overwrite && len(job.PartitionBy) > 0 {
		// Dynamic partition overwrite replaces only the partitions written; the write
		// option partitionOverwriteMode overrides the session's mode.
		mode, _, _ := s.Conf.GetOption("spark.sql.sources.partitionOverwriteMode")
		for k, v := range opts {
			if strings.EqualFold(k, "partitionOverwriteMode") {
				mode = v
			}
		}
		job.ReplaceWritten = strings.EqualFold(mode, "dynamic")
	}
	return x.writeFiles(ctx, s, q, job)
}

// writeFiles analyzes and runs q and writes its rows as job says (Schema and TimeZone
// are filled in here).
func (x *Executor) writeFiles(ctx context.Context, s *sessions.Session, q plan.Node, job sink.Job) error {
	resolved, err := analyzer.Resolve(q, analyzerOptions(s))
	if err != nil {
		return err
	}
	_, err = x.writeResolved(ctx, s, resolved, job)
	return err
}

// writeResolved writes the rows of a resolved plan.
func (x *Executor) writeResolved(ctx context.Context, s *sessions.Session, resolved plan.Node, job sink.Job) (*sink.Result, error) {
	ctx, done := x.queryContext(ctx)
	defer done()
	phys, err := x.physicalPlan(ctx, s, resolved)
	if err != nil {
		return nil, err
	}
	job.Schema = plan.Schema(resolved)
	job.TimeZone = x.plannerOptions(s).TimeZone
	job.Options = sessionWriteOptions(s, job.Format, job.Options)
	res, err := sink.Write(ctx, phys, job)
	if err == nil {
		x.pathWritten(job.Path) // cached reads of the path are built again
	}
	return res, err
}

// sessionWriteOptions adds the session's defaults for options the write does not give:
// spark.sql.parquet.compression.codec for Parquet's compression.
func sessionWriteOptions(s *sessions.Session, format string, opts map[string]string) map[string]string {
	if sink.FormatName(format) != "parquet" {
		return opts
	}
	for k := range opts {
		if strings.EqualFold(k, "compression") || strings.EqualFold(k, "parquet.compression") {
			return opts
		}
	}
	codec := s.Conf.String("spark.sql.parquet.compression.codec")
	if codec == "" {
		return opts
	}
	out := make(map[string]string, len(opts)+1)
	for k, v := range opts {
		out[k] = v
	}
	out["compression"] = codec
	return out
}

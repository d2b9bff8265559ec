package sink

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/google/uuid"

	"github.com/sailgo/sail/physical"
	"github.com/sailgo/sail/sql/sparkerror"
	"github.com/sailgo/sail/sql/types"
)

// Mode is a save mode.
type Mode int

const (
	// ErrorIfExists fails when the target exists (Spark's default).
	ErrorIfExists Mode = iota
	// Append adds files to the target.
	Append
	// Overwrite replaces the target.
	Overwrite
	// Ignore does nothing when the target exists.
	Ignore
)

// ParseMode reads a save mode name as DataFrameWriter.mode does, case-insensitively.
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(s) {
	case "", "error", "errorifexists", "default":
		return ErrorIfExists, nil
	case "append":
		return Append, nil
	case "overwrite":
		return Overwrite, nil
	case "ignore":
		return Ignore, nil
	}
	return 0, sparkerror.New(sparkerror.Analysis, "INVALID_SAVE_MODE", "42000",
		"The specified save mode <mode> is invalid. Valid save modes include \"append\", \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and \"default\".",
		map[string]string{"mode": `"` + s + `"`})
}

// Job describes one write.
type Job struct {
	// Path is the target directory (a local path, or a file: URI).
	Path string
	// Format is parquet, csv, json or text.
	Format string
	// Options are the writer options (case-insensitive names).
	Options map[string]string
	// PartitionBy names the partition columns, in directory order.
	PartitionBy []string
	Mode        Mode
	// Schema is the Spark schema of the input plan's batches.
	Schema *types.StructType
	// TimeZone is the session time zone, for timestamps in text formats and partition values.
	TimeZone *time.Location
	// With Mode Overwrite of a partitioned target, Replace (static partition overwrite)
	// limits what is replaced to the existing partition directories it returns true for
	// (given their values in PartitionBy order, nil for the default partition), and
	// ReplaceWritten (dynamic partition overwrite) to the partitions this write has rows
	// in; the other partitions stay. Neither set: the whole target is replaced.
	Replace        func(values []*string) bool
	ReplaceWritten bool
}

// Result tells what a write did.
type Result struct {
	// Skipped is set when mode ignore found the target in place.
	Skipped bool
	// Files are the data files written, relative to the target.
	Files []string
	// Rows is the number of rows written.
	Rows int64
	// Partitions are the partition directories written (relative, e.g. "a=1/b=x"), sorted.
	Partitions []string
}

// LocalPath turns a path or file: URI into an absolute local path.
func LocalPath(p string) (string, error) {
	switch {
	case strings.HasPrefix(p, "file://"):
		p = strings.TrimPrefix(p, "file://")
	case strings.HasPrefix(p, "file:"):
		p = strings.TrimPrefix(p, "file:")
	}
	if p == "" {
		return "", sparkerror.New(sparkerror.Analysis, "_LEGACY_ERROR_TEMP_1157", "",
			"Expected exactly one path to be specified, but got: ", nil)
	}
	return filepath.Abs(p)
}

// active holds the targets being written in this process.
var active sync.Map

// Write runs input and writes its rows as the job says.
func Write(ctx context.Context, input physical.ExecutionPlan, job Job) (*Result, error) {
	target, err := LocalPath(job.Path)
	if err != nil {
		return nil, err
	}
	w, err := prepare(job)
	if err != nil {
		return nil, err
	}
	if _, busy := active.LoadOrStore(target, struct{}{}); busy {
		return nil, concurrentWrite(target)
	}
	defer active.Delete(target)

	info, statErr := os.Stat(target)
	exists := statErr == nil
	if statErr != nil && !errors.Is(statErr, fs.ErrNotExist) {
		return nil, ioError("stat", target, statErr)
	}
	switch {
	case exists && job.Mode == ErrorIfExists:
		return nil, sparkerror.New(sparkerror.Analysis, "PATH_ALREADY_EXISTS", "42K04",
			"Path <outputPath> already exists. Set mode as \"overwrite\" to overwrite the existing path.",
			map[string]string{"outputPath": "file:" + target})
	case exists && job.Mode == Ignore:
		return &Result{Skipped: true}, nil
	case exists && job.Mode == Append && !info.IsDir():
		return nil, ioError("append to", target, fs.ErrExist)
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, ioError("create", parent, err)
	}
	w.jobID = uuid.NewString()
	staging := filepath.Join(parent, ".sail-staging-"+w.jobID)
	if err := os.Mkdir(staging, 0o755); err != nil {
		return nil, ioError("create", staging, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = os.RemoveAll(staging)
		}
	}()
	res, err := w.run(ctx, input, staging)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, sparkerror.Canceled()
	}
	if err := os.WriteFile(filepath.Join(staging, "_SUCCESS"), nil, 0o644); err != nil {
		return nil, ioError("write", staging, err)
	}
	if job.Mode == Overwrite && exists && len(job.PartitionBy) > 0 && (job.Replace != nil || job.ReplaceWritten) {
		err = commitPartitions(staging, target, parent, w.jobID, job)
	} else {
		err = commit(staging, target, parent, w.jobID, job.Mode == Append && exists)
	}
	if err != nil {
		return nil, err
	}
	committed = true
	return res, nil
}

// commit moves the staged files into place: into the existing target for append,
// otherwise the staging directory replaces the target.
func commit(staging, target, parent, jobID string, appendTo bool) error {
	if appendTo {
		err := filepath.WalkDir(staging, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(staging, p)
			if err != nil {
				return err
			}
			dst := filepath.Join(target, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			return os.Rename(p, dst)
		})
		if err != nil {
			return ioError("commit", target, err)
		}
		return os.RemoveAll(staging)
	}
	if _, err := os.Lstat(target); err != nil {
		if err := os.Rename(staging, target); err != nil {
			return ioError("commit", target, err)
		}
		return nil
	}
	old := filepath.Join(parent, ".sail-old-"+jobID)
	if err := os.Rename(target, old); err != nil {
		return ioError("commit", target, err)
	}
	if err := os.Rename(staging, target); err != nil {
		_ = os.Rename(old, target)
		return ioError("commit", target, err)
	}
	_ = os.RemoveAll(old)
	return nil
}

// Delete removes a target directory atomically for readers: it is renamed away first.
func Delete(path string) error {
	target, err := LocalPath(path)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(target); err != nil {
		return nil
	}
	old := filepath.Join(filepath.Dir(target), ".sail-old-"+uuid.NewString())
	if err := os.Rename(target, old); err != nil {
		return ioError("delete", target, err)
	}
	return os.RemoveAll(old)
}

func concurrentWrite(target string) error {
	return sparkerror.New(sparkerror.Analysis, "CONCURRENT_WRITE", "40001",
		"Another write to <path> is in progress; this write was refused and nothing was written.",
		map[string]string{"path": "file:" + target})
}

func ioError(op, path string, err error) error {
	e := sparkerror.New(sparkerror.Runtime, "TASK_WRITE_FAILED", "58030",
		"Task failed while writing rows to <path>.", map[string]string{"path": "file:" + path})
	e.Cause = fmt.Errorf("%s %s: %w", op, path, err)
	e.Message += " " + e.Cause.Error()
	return e
}

// batchColumns returns the columns of b; a helper for the tasks.
func batchColumns(b arrow.RecordBatch, idx []int) []arrow.Array {
	out := make([]arrow.Array, len(idx))
	for i, j := range idx {
		out[i] = b.Column(j)
	}
	return out
}

// Check validates a job's columns, format and options without writing anything (Path
// is not used).
func Check(job Job) error {
	_, err := prepare(job)
	return err
}

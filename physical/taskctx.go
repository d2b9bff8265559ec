package physical

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/sailgo/sail/physical/expr"
)

// taskInfo is what the task-context functions (expr.WithTask) see in a batch of partition
// that follows rows earlier rows, read from in.
func taskInfo(in Stream, partition int, rows int64) expr.TaskInfo {
	info := expr.TaskInfo{Partition: int32(partition), RowOffset: rows}
	info.NoFile()
	if src, ok := in.(expr.InputFileSource); ok {
		info.File, info.BlockStart, info.BlockLength = src.InputFile()
	}
	return info
}

// fileStream is a stream that passes its source's batches through and can name their file
// split.
type fileStream struct {
	Stream
	src expr.InputFileSource
}

func (s *fileStream) InputFile() (string, int64, int64) { return s.src.InputFile() }

// forwardInputFile lets out name the file splits of in's batches when in can.
func forwardInputFile(out, in Stream) Stream {
	if src, ok := in.(expr.InputFileSource); ok {
		return &fileStream{Stream: out, src: src}
	}
	return out
}

// withTask wraps b for expressions that read the task context (nil when they do not).
func withTask(b arrow.RecordBatch, task bool, in Stream, partition int, rows *int64) arrow.RecordBatch {
	if !task {
		return b
	}
	info := taskInfo(in, partition, *rows)
	*rows += b.NumRows()
	return expr.WithTask(b, info)
}

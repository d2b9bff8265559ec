package memory

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
)

// SpillDir is a directory for an operator's or a query's temporary files. The directory is
// created on first use under its parent and removed, with everything in it, by Close.
type SpillDir struct {
	parent string

	mu     sync.Mutex
	dir    string
	closed bool
}

// NewSpillDir returns a spill directory under parent (os.TempDir() when empty).
func NewSpillDir(parent string) *SpillDir { return &SpillDir{parent: parent} }

// Path creates the directory if needed and returns it.
func (d *SpillDir) Path() (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return "", errors.New("spill directory is closed")
	}
	if d.dir == "" {
		parent := d.parent
		if parent == "" {
			parent = os.TempDir()
		}
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return "", err
		}
		dir, err := os.MkdirTemp(parent, "sail-spill-")
		if err != nil {
			return "", err
		}
		d.dir = dir
	}
	return d.dir, nil
}

// CreateFile creates a new temporary file in the directory.
func (d *SpillDir) CreateFile(prefix string) (*os.File, error) {
	dir, err := d.Path()
	if err != nil {
		return nil, err
	}
	return os.CreateTemp(dir, prefix+"-*.arrow")
}

// Close removes the directory and its files. Files still open stay readable until closed on
// systems that allow it; callers close their readers first.
func (d *SpillDir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	if d.dir == "" {
		return nil
	}
	err := os.RemoveAll(d.dir)
	d.dir = ""
	return err
}

type spillKey struct{}

// WithSpillDir returns a context carrying the query's spill directory.
func WithSpillDir(ctx context.Context, d *SpillDir) context.Context {
	return context.WithValue(ctx, spillKey{}, d)
}

// SpillDirFromContext returns the context's spill directory, or nil; an operator that finds
// none makes its own (NewSpillDir("")) and closes it when its stream closes.
func SpillDirFromContext(ctx context.Context) *SpillDir {
	d, _ := ctx.Value(spillKey{}).(*SpillDir)
	return d
}

// spillBuffer is the write buffer of a spill file: the IPC writer writes every buffer of a
// batch separately, and small batches would cost a system call each.
const spillBuffer = 64 << 10

// SpillWriter writes record batches of one schema to an Arrow IPC file in a SpillDir.
type SpillWriter struct {
	f       *os.File
	buf     *bufio.Writer
	out     countingWriter
	w       *ipc.FileWriter
	rows    int64
	batches int
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// NewSpillWriter creates a spill file for batches of schema.
func NewSpillWriter(d *SpillDir, prefix string, schema *arrow.Schema) (*SpillWriter, error) {
	f, err := d.CreateFile(prefix)
	if err != nil {
		return nil, err
	}
	sw := &SpillWriter{f: f, buf: bufio.NewWriterSize(f, spillBuffer)}
	sw.out.w = sw.buf
	if sw.w, err = ipc.NewFileWriter(&sw.out, ipc.WithSchema(schema)); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return sw, nil
}

// Write appends a batch (the caller keeps ownership).
func (w *SpillWriter) Write(b arrow.RecordBatch) error {
	if err := w.w.Write(b); err != nil {
		return fmt.Errorf("spill write: %w", err)
	}
	w.rows += b.NumRows()
	w.batches++
	return nil
}

// Rows is the number of rows written so far.
func (w *SpillWriter) Rows() int64 { return w.rows }

// Batches is the number of batches written so far: the next batch's number in the file.
func (w *SpillWriter) Batches() int { return w.batches }

// Bytes is the number of bytes written to the file so far.
func (w *SpillWriter) Bytes() int64 { return w.out.n }

// Finish closes the file and returns it for reading back.
func (w *SpillWriter) Finish() (*SpillFile, error) {
	err := w.w.Close()
	if ferr := w.buf.Flush(); err == nil {
		err = ferr
	}
	st, serr := w.f.Stat()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = serr
	}
	if err != nil {
		os.Remove(w.f.Name())
		return nil, fmt.Errorf("spill finish: %w", err)
	}
	return &SpillFile{path: w.f.Name(), rows: w.rows, batches: w.batches, bytes: st.Size()}, nil
}

// Abort closes and removes the file.
func (w *SpillWriter) Abort() {
	w.w.Close()
	w.f.Close()
	os.Remove(w.f.Name())
}

// SpillFile is a finished spill file.
type SpillFile struct {
	path    string
	rows    int64
	batches int
	bytes   int64
}

// Rows is the number of rows in the file.
func (f *SpillFile) Rows() int64 { return f.rows }

// Bytes is the file's size.
func (f *SpillFile) Bytes() int64 { return f.bytes }

// Open reads the file's batches back in order.
func (f *SpillFile) Open() (*SpillReader, error) {
	file, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	r, err := ipc.NewFileReader(file)
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("spill read: %w", err)
	}
	return &SpillReader{f: file, r: r}, nil
}

// Remove deletes the file.
func (f *SpillFile) Remove() error { return os.Remove(f.path) }

// SpillReader reads a spill file's batches in order.
type SpillReader struct {
	f    *os.File
	r    *ipc.FileReader
	next int
}

// Next returns the next batch, owned by the caller, or io.EOF.
func (r *SpillReader) Next() (arrow.RecordBatch, error) {
	if r.next >= r.r.NumRecords() {
		return nil, io.EOF
	}
	b, err := r.r.RecordBatchAt(r.next)
	if err != nil {
		return nil, fmt.Errorf("spill read: %w", err)
	}
	r.next++
	return b, nil
}

// Batches is the number of batches in the file.
func (r *SpillReader) Batches() int { return r.r.NumRecords() }

// BatchAt returns batch i, owned by the caller, for files whose batches are read out of
// order (several partitions of rows in one file).
func (r *SpillReader) BatchAt(i int) (arrow.RecordBatch, error) {
	b, err := r.r.RecordBatchAt(i)
	if err != nil {
		return nil, fmt.Errorf("spill read: %w", err)
	}
	return b, nil
}

// Close closes the file.
func (r *SpillReader) Close() {
	r.r.Close()
	r.f.Close()
}

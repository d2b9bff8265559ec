package physical

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/sailgo/sail/sql/sparkerror"
)

// ScriptSpec is how a script transformation talks to its command: the command line (run
// with /bin/bash -c), the text format of the lines it is fed (InField between fields,
// InLine after each row, InNull for NULL) and of the lines it prints (OutField between
// fields, OutNull read as NULL). SchemaLess is TRANSFORM without AS: the first two
// fields are key and value, and OutNull is not recognised. ANSI makes a decimal that does
// not fit its column an error rather than NULL.
type ScriptSpec struct {
	Script     string
	InField    string
	InLine     string
	InNull     string
	OutField   string
	OutNull    string
	SchemaLess bool
	ANSI       bool
}

// ScriptTransform runs a command once per partition (as Spark's
// SparkScriptTransformationExec does without a SerDe): a goroutine writes the child's rows,
// already rendered as strings, to the command's standard input, one line per row, while
// Next reads the command's standard output and splits each line into the output columns.
// The command is not started for a partition without rows. Buffering is bounded (the pipe
// and a 64 KiB writer buffer, flushed after each batch, on the way in; one batch on the way
// out, passed on early when the command pauses), so a command that prints as it reads
// never deadlocks and a slow one streams. The command and everything it starts form a
// process group that is killed when the query is cancelled, fails, or stops reading early,
// or when the command outlives the end of its output by scriptExitTimeout; the last
// 64 KiB of its standard error are kept for the error a non-zero exit status raises.
//
// The child's columns must be strings; the output columns are strings, binaries,
// booleans, integers, floating point numbers or decimals, each parsed from its field as
// Spark's text reader does (Java's parsers; a field that does not parse is NULL). Other
// types are read as strings and converted above this operator.
type ScriptTransform struct {
	OpMetrics
	child  ExecutionPlan
	spec   ScriptSpec
	schema *arrow.Schema
}

// NewScriptTransform builds the operator; schema is its output.
func NewScriptTransform(child ExecutionPlan, spec ScriptSpec, schema *arrow.Schema) (*ScriptTransform, error) {
	for i, f := range child.Schema().Fields() {
		switch f.Type.ID() {
		case arrow.STRING, arrow.LARGE_STRING:
		default:
			return nil, sparkerror.InternalError("script transformation: input column %d is %s, not a string", i, f.Type)
		}
	}
	if spec.SchemaLess && schema.NumFields() != 2 {
		return nil, sparkerror.InternalError("script transformation: schema-less output has %d columns", schema.NumFields())
	}
	for _, f := range schema.Fields() {
		if !scriptParsable(f.Type) {
			return nil, sparkerror.InternalError("script transformation: cannot parse output column %s of type %s", f.Name, f.Type)
		}
	}
	if spec.Script == "" {
		return nil, sparkerror.InternalError("script transformation: empty command")
	}
	return &ScriptTransform{child: child, spec: spec, schema: schema}, nil
}

func (s *ScriptTransform) Schema() *arrow.Schema     { return s.schema }
func (s *ScriptTransform) Partitions() int           { return s.child.Partitions() }
func (s *ScriptTransform) Children() []ExecutionPlan { return []ExecutionPlan{s.child} }
func (s *ScriptTransform) Describe() string {
	return "ScriptTransformation: " + strconv.Quote(s.spec.Script)
}

// Spec returns the operator's settings.
func (s *ScriptTransform) Spec() ScriptSpec { return s.spec }

func (s *ScriptTransform) Execute(ctx context.Context, partition int) (Stream, error) {
	cctx, cancel := context.WithCancel(ctx)
	in, err := s.child.Execute(cctx, partition)
	if err != nil {
		cancel()
		return nil, err
	}
	split, err := newFieldSplitter(s.spec.OutField)
	if err != nil {
		in.Close()
		cancel()
		return nil, err
	}
	r := &scriptRun{op: s, parent: ctx, ctx: cctx, cancel: cancel, in: in, split: split,
		outNull: []byte(s.spec.OutNull)}
	return s.meter(&funcStream{next: r.next, close: r.close}), nil
}

// scriptMaxBatchBytes ends an output batch early when its lines hold this much text.
const scriptMaxBatchBytes = 8 << 20

// scriptStderrTail is how much of the command's standard error is kept.
const scriptStderrTail = 64 << 10

// scriptFlushDelay is how long a partly filled output batch waits for the command's next
// line before it is passed on.
const scriptFlushDelay = 20 * time.Millisecond

// scriptExitTimeout is how long the end of the command's output waits for the command to
// exit (Spark's spark.sql.scriptTransformation.exitTimeoutInSeconds); a command still
// running then is killed, and its exit status not checked. A variable for tests.
var scriptExitTimeout = 10 * time.Second

// scriptRun is one partition's run of the command.
type scriptRun struct {
	op     *ScriptTransform
	parent context.Context // the query's
	ctx    context.Context // the run's own, cancelled to stop the input early
	cancel context.CancelFunc
	in     Stream // owned by the writer goroutine once the command has started
	split  *fieldSplitter

	cmd        *exec.Cmd
	stdin      io.WriteCloser
	lines      *lineReader
	stderr     *tailBuffer
	writerDone chan struct{}
	writerErr  error // set before writerDone is closed
	stopWatch  chan struct{}
	mu         sync.Mutex // guards reaped against kill
	reaped     bool

	started, finished, waited bool
	outNull                   []byte
	fields                    [][]byte
	cols                      []scriptColumn
}

func (r *scriptRun) next() (arrow.RecordBatch, error) {
	if r.finished {
		return nil, io.EOF
	}
	if !r.started {
		first, err := r.firstBatch()
		if err != nil {
			r.finished = true
			return nil, err
		}
		if err := r.start(first); err != nil {
			r.finished = true
			return nil, err
		}
	}
	return r.readBatch()
}

// firstBatch reads up to the child's first non-empty batch: a partition without rows
// does not run the command (io.EOF).
func (r *scriptRun) firstBatch() (arrow.RecordBatch, error) {
	for {
		b, err := r.in.Next()
		if err != nil {
			return nil, err
		}
		if b.NumRows() > 0 {
			return b, nil
		}
		b.Release()
	}
}

// start runs the command in its own process group and starts the goroutines that feed
// it and that kill it when the query is cancelled.
func (r *scriptRun) start(first arrow.RecordBatch) error {
	cmd := exec.Command("/bin/bash", "-c", r.op.spec.Script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	env := os.Environ()
	if _, ok := os.LookupEnv("OMP_NUM_THREADS"); !ok {
		// Spark sets it to spark.task.cpus (1) so that a script's native libraries do not
		// use every core.
		env = append(env, "OMP_NUM_THREADS=1")
	}
	cmd.Env = env
	r.stderr = &tailBuffer{limit: scriptStderrTail}
	cmd.Stderr = r.stderr
	// Children that keep the standard error open after the command exits must not hold
	// up the end of the query.
	cmd.WaitDelay = 2 * time.Second
	stdin, err := cmd.StdinPipe()
	if err != nil {
		first.Release()
		return sparkerror.InternalError("script transformation: %v", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		first.Release()
		stdin.Close()
		return sparkerror.InternalError("script transformation: %v", err)
	}
	if err := cmd.Start(); err != nil {
		first.Release()
		stdin.Close()
		return subprocessExited(127, err.Error())
	}
	r.cmd, r.stdin = cmd, stdin
	r.lines = &lineReader{r: stdout, buf: make([]byte, 64<<10)}
	if f, ok := stdout.(interface{ SetReadDeadline(time.Time) error }); ok {
		r.lines.setDeadline = f.SetReadDeadline
	}
	r.cols = make([]scriptColumn, r.op.schema.NumFields())
	for i, f := range r.op.schema.Fields() {
		r.cols[i] = newScriptColumn(f.Type, r.op.spec.ANSI)
	}
	r.writerDone = make(chan struct{})
	r.stopWatch = make(chan struct{})
	r.started = true
	go r.watch()
	go r.feed(first)
	return nil
}

// watch kills the command when the query's context ends first.
func (r *scriptRun) watch() {
	select {
	case <-r.ctx.Done():
		r.kill()
	case <-r.stopWatch:
	}
}

// kill ends the command's whole process group, unless the command has been waited for
// (its process group id may then be reused).
func (r *scriptRun) kill() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd != nil && r.cmd.Process != nil && !r.reaped {
		_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
	}
}

// feed writes the child's rows to the command, then closes its standard input; it owns
// r.in and closes it. An error of the child (not a command that stopped reading) kills
// the command so that the reader sees the end of its output.
func (r *scriptRun) feed(first arrow.RecordBatch) {
	defer close(r.writerDone)
	w := bufio.NewWriterSize(r.stdin, 64<<10)
	err := r.writeBatch(w, first)
	first.Release()
	for err == nil {
		var b arrow.RecordBatch
		if b, err = r.in.Next(); err != nil {
			break
		}
		err = r.writeBatch(w, b)
		b.Release()
	}
	if IsEOF(err) {
		err = nil
	}
	r.in.Close()
	if cerr := r.stdin.Close(); err == nil && cerr != nil && !errors.Is(cerr, os.ErrClosed) {
		err = cerr
	}
	if err != nil && !brokenPipe(err) {
		r.kill()
	}
	r.writerErr = err
}

// brokenPipe reports whether a write failed because the command no longer reads its
// input (it exited or closed it).
func brokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, os.ErrClosed)
}

// writeBatch writes one line per row: the fields joined by InField, NULL as InNull, then
// InLine. Without input columns each row is an empty line.
func (r *scriptRun) writeBatch(w *bufio.Writer, b arrow.RecordBatch) error {
	spec := &r.op.spec
	n := int(b.NumRows())
	cols := b.Columns()
	type strCol interface {
		IsNull(int) bool
		Value(int) string
	}
	sc := make([]strCol, len(cols))
	for i, c := range cols {
		switch a := c.(type) {
		case *array.String:
			sc[i] = a
		case *array.LargeString:
			sc[i] = a
		default:
			return sparkerror.InternalError("script transformation: input column %d is %s", i, c.DataType())
		}
	}
	for row := 0; row < n; row++ {
		for i, c := range sc {
			if i > 0 {
				w.WriteString(spec.InField)
			}
			if c.IsNull(row) {
				w.WriteString(spec.InNull)
			} else {
				w.WriteString(c.Value(row))
			}
		}
		if _, err := w.WriteString(spec.InLine); err != nil {
			return err
		}
	}
	if err := r.ctx.Err(); err != nil {
		return err
	}
	// A command that answers each line as it reads it sees the batch now, not when the
	// buffer fills.
	return w.Flush()
}

// readBatch reads lines until a batch is full or the output ends.
func (r *scriptRun) readBatch() (arrow.RecordBatch, error) {
	start := time.Now()
	rows, size := 0, 0
	for rows < DefaultBatchRows && size < scriptMaxBatchBytes {
		// Once a batch has rows, a command that pauses gets them passed on: the batch
		// ends when no line comes within scriptFlushDelay.
		r.lines.patience = 0
		if rows > 0 {
			r.lines.patience = scriptFlushDelay
		}
		line, err := r.lines.next()
		if err == errLineStall {
			break
		}
		if err == io.EOF {
			if err := r.finish(); err != nil {
				r.discardColumns()
				return nil, err
			}
			break
		}
		if err != nil {
			r.discardColumns()
			return nil, r.fail(err)
		}
		if err := r.appendLine(line); err != nil {
			r.discardColumns()
			return nil, r.fail(err)
		}
		rows++
		size += len(line)
	}
	defer r.op.since(start)
	if rows == 0 {
		return nil, io.EOF
	}
	arrs := make([]arrow.Array, len(r.cols))
	for i, c := range r.cols {
		arrs[i] = c.finish()
	}
	out := array.NewRecordBatch(r.op.schema, arrs, int64(rows))
	for _, a := range arrs {
		a.Release()
	}
	return out, nil
}

func (r *scriptRun) discardColumns() {
	for _, c := range r.cols {
		a := c.finish()
		a.Release()
	}
}

// appendLine splits a line into the output columns: missing fields are NULL, extra
// fields are dropped, a field equal to OutNull is NULL (except schema-less).
func (r *scriptRun) appendLine(line []byte) error {
	if !utf8.Valid(line) {
		// Spark decodes the output as UTF-8, replacing what is malformed.
		line = bytes.ToValidUTF8(line, []byte("\uFFFD"))
	}
	r.fields = r.split.split(r.fields[:0], line)
	for i, c := range r.cols {
		if i >= len(r.fields) {
			c.appendNull()
			continue
		}
		f := r.fields[i]
		if !r.op.spec.SchemaLess && bytes.Equal(f, r.outNull) {
			c.appendNull()
			continue
		}
		if err := c.append(f); err != nil {
			return err
		}
	}
	return nil
}

// finish checks how the run ended once the output is exhausted: it waits for the command
// to exit, stops the input if the command did not read all of it, and reports the
// input's error first (as Spark reports its writer thread's), then a non-zero exit status.
// A command that exits successfully without reading all its input is not an error.
func (r *scriptRun) finish() error {
	r.finished = true
	status := r.reap()
	select {
	case <-r.writerDone:
	default:
		r.cancel()
		<-r.writerDone
	}
	if err := r.parent.Err(); err != nil {
		return err
	}
	if werr := r.writerErr; werr != nil && !brokenPipe(werr) && !errors.Is(werr, context.Canceled) {
		return werr
	}
	return status
}

// fail ends the run after a read or parse error.
func (r *scriptRun) fail(err error) error {
	r.finished = true
	r.kill()
	r.cancel() // the writer may wait for the input rather than on the command
	<-r.writerDone
	r.reap()
	if werr := r.writerErr; werr != nil && !brokenPipe(werr) && !errors.Is(werr, context.Canceled) {
		return werr
	}
	if perr := r.parent.Err(); perr != nil {
		return perr
	}
	return err
}

// reap waits for the command (at most scriptExitTimeout, then it is killed) and turns a
// non-zero exit status into Spark's error.
func (r *scriptRun) reap() error {
	if r.waited {
		return nil
	}
	r.waited = true
	close(r.stopWatch)
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	var err error
	timedOut := false
	timer := time.NewTimer(scriptExitTimeout)
	select {
	case err = <-done:
	case <-r.parent.Done():
		r.kill()
		err = <-done
	case <-timer.C:
		timedOut = true
		r.kill()
		err = <-done
	}
	timer.Stop()
	r.mu.Lock()
	r.reaped = true
	r.mu.Unlock()
	if perr := r.parent.Err(); perr != nil {
		return perr
	}
	if err == nil || timedOut {
		return nil
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		if errors.Is(err, exec.ErrWaitDelay) {
			return nil
		}
		return sparkerror.InternalError("script transformation: %v", err)
	}
	code := ee.ExitCode()
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		code = 128 + int(ws.Signal()) // as the JVM reports a process killed by a signal
	}
	return subprocessExited(code, r.stderr.String())
}

// subprocessExited is Spark's error for a command that failed (a SparkException).
func subprocessExited(code int, stderr string) error {
	e := sparkerror.New(sparkerror.Runtime, "_LEGACY_ERROR_TEMP_2264", "",
		"Subprocess exited with status <exitCode>. Error: <stderrBuffer>.",
		map[string]string{"exitCode": strconv.Itoa(code), "stderrBuffer": stderr})
	e.JavaClasses = []string{"org.apache.spark.SparkException", "java.lang.Exception", "java.lang.Throwable"}
	return e
}

// close ends the run early or after its end: the command is killed if it still runs,
// and the writer goroutine (which closes the child's stream) is waited for.
func (r *scriptRun) close() {
	r.cancel()
	if r.started {
		if !r.waited {
			r.kill()
			<-r.writerDone
			r.reap()
		}
	} else {
		r.in.Close()
	}
	r.finished = true
	for _, c := range r.cols {
		c.release()
	}
	r.cols = nil
}

// tailBuffer keeps the last limit bytes written to it, in a ring.
type tailBuffer struct {
	mu    sync.Mutex
	limit int
	ring  []byte // allocated on the first write
	next  int    // where the next byte goes
	full  bool   // the ring has wrapped
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if t.ring == nil {
		t.ring = make([]byte, t.limit)
	}
	if len(p) > t.limit {
		p = p[len(p)-t.limit:]
	}
	for len(p) > 0 {
		c := copy(t.ring[t.next:], p)
		p = p[c:]
		t.next += c
		if t.next == len(t.ring) {
			t.next, t.full = 0, true
		}
	}
	return n, nil
}

// String is the kept text, with malformed UTF-8 (a character cut at the start) replaced.
func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var b []byte
	if t.full {
		b = append(append(b, t.ring[t.next:]...), t.ring[:t.next]...)
	} else {
		b = t.ring[:t.next]
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// lineReader splits a stream into lines as Java's BufferedReader.readLine does: a line
// ends at \n, \r or \r\n; a last line without a terminator counts, an empty end does not.
// A returned line is valid until the next call.
type lineReader struct {
	r          io.Reader
	buf        []byte
	start, end int
	eof        bool
	skipLF     bool // the previous line ended with \r at the end of the buffer
	// patience, when set, bounds how long next waits for more input before it gives up
	// with errLineStall (the partial line stays buffered); it needs setDeadline (the
	// reader's SetReadDeadline).
	patience    time.Duration
	setDeadline func(time.Time) error
	deadline    time.Time // the one set last
}

// errLineStall is lineReader.next's answer when no line came within its patience.
var errLineStall = errors.New("no complete line yet")

func (l *lineReader) next() ([]byte, error) {
	scanned := 0 // bytes of buf[start:end] known to hold no terminator
	for {
		if l.skipLF && l.start < l.end {
			if l.buf[l.start] == '\n' {
				l.start++
			}
			l.skipLF = false
		}
		data := l.buf[l.start:l.end]
		if scanned > len(data) {
			scanned = len(data)
		}
		if i := indexLineEnd(data[scanned:]); i >= 0 {
			i += scanned
			line := data[:i]
			l.start += i + 1
			if data[i] == '\r' {
				if i+1 < len(data) {
					if data[i+1] == '\n' {
						l.start++
					}
				} else {
					l.skipLF = true
				}
			}
			return line, nil
		}
		scanned = len(data)
		if l.eof {
			if len(data) == 0 {
				return nil, io.EOF
			}
			l.start = l.end
			return data, nil
		}
		// Make room: move the partial line to the front, grow when it fills the buffer.
		if l.start > 0 {
			copy(l.buf, data)
			l.end -= l.start
			l.start = 0
		}
		if l.end == len(l.buf) {
			nb := make([]byte, 2*len(l.buf))
			copy(nb, l.buf[:l.end])
			l.buf = nb
		}
		if l.setDeadline != nil {
			var d time.Time
			if l.patience > 0 {
				d = time.Now().Add(l.patience)
			}
			if d != l.deadline {
				if err := l.setDeadline(d); err != nil {
					return nil, err
				}
				l.deadline = d
			}
		}
		n, err := l.r.Read(l.buf[l.end:])
		l.end += n
		switch {
		case err == io.EOF:
			l.eof = true
		case errors.Is(err, os.ErrDeadlineExceeded):
			return nil, errLineStall
		case err != nil:
			return nil, err
		}
	}
}

// indexLineEnd is the position of the first \n or \r in b, or -1.
func indexLineEnd(b []byte) int {
	i := bytes.IndexByte(b, '\n')
	search := b
	if i >= 0 {
		search = b[:i]
	}
	if j := bytes.IndexByte(search, '\r'); j >= 0 {
		return j
	}
	return i
}

// fieldSplitter splits a line as Java's String.split(delimiter, -1) does: the delimiter is
// a regular expression, except for a single character that is not special (or a
// backslash-escaped one), which is matched as it is; text without special characters is
// matched literally too (the same thing, faster). Go's expressions are RE2, which Java's
// common delimiters share; they differ in one corner: an empty match right after another
// match does not split here.
type fieldSplitter struct {
	lit []byte
	re  *regexp.Regexp
}

func newFieldSplitter(delim string) (*fieldSplitter, error) {
	const special = ".$|()[]{}^?*+\\"
	switch {
	case delim != "" && !strings.ContainsAny(delim, special):
		return &fieldSplitter{lit: []byte(delim)}, nil
	case len(delim) == 2 && delim[0] == '\\' && !isASCIIAlnum(delim[1]):
		return &fieldSplitter{lit: []byte(delim[1:])}, nil
	}
	re, err := regexp.Compile(delim)
	if err != nil {
		return nil, sparkerror.New(sparkerror.IllegalArgument, "", "",
			"script transformation: the field delimiter <delim> is not a valid regular expression: <err>",
			map[string]string{"delim": strconv.Quote(delim), "err": err.Error()})
	}
	return &fieldSplitter{re: re}, nil
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// split appends the fields of line to dst; trailing empty fields are kept.
func (s *fieldSplitter) split(dst [][]byte, line []byte) [][]byte {
	if s.re == nil {
		for {
			i := bytes.Index(line, s.lit)
			if i < 0 {
				return append(dst, line)
			}
			dst = append(dst, line[:i])
			line = line[i+len(s.lit):]
		}
	}
	matches := s.re.FindAllIndex(line, -1)
	prev := 0
	for _, m := range matches {
		if m[1] == 0 {
			continue // a zero-width match at the start gives no leading empty field
		}
		if m[0] == m[1] && m[0] >= len(line) {
			break
		}
		dst = append(dst, line[prev:m[0]])
		prev = m[1]
	}
	return append(dst, line[prev:])
}

// String renders the settings, for tests and debugging.
func (s ScriptSpec) String() string {
	return fmt.Sprintf("script=%q in=(%q,%q,%q) out=(%q,%q) schemaLess=%t ansi=%t",
		s.Script, s.InField, s.InLine, s.InNull, s.OutField, s.OutNull, s.SchemaLess, s.ANSI)
}

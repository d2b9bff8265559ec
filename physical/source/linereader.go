package source

import (
	"bytes"
	"io"
)

// lineReader splits a byte stream into lines. With no separator set, a line ends at "\n",
// "\r\n" or "\r", as Hadoop's LineRecordReader reads text; otherwise at the exact separator
// (the lineSep option). Lines are returned without their separator and are valid until the
// next call.
//
// For a split [start, end) of a file the reader owns the lines that start after start (or
// at 0 for the first split) and at or before end, Hadoop's rule, so that consecutive splits
// read every line exactly once: the caller positions r at start, calls skipPartial when
// start > 0, and sets end.
type lineReader struct {
	r   io.Reader
	sep []byte

	buf    []byte
	lo, hi int   // unread data is buf[lo:hi]
	off    int64 // file offset of buf[lo]
	eof    bool
	err    error

	// end is the split end; lines starting after it are not returned. Negative: no limit.
	end int64
}

const lineBufSize = 64 << 10

func newLineReader(r io.Reader, sep []byte, start, end int64) *lineReader {
	return &lineReader{r: r, sep: sep, buf: make([]byte, lineBufSize), off: start, end: end}
}

// fill reads more data, compacting or growing the buffer; false at end of input.
func (l *lineReader) fill() bool {
	if l.eof {
		return false
	}
	if l.lo > 0 {
		n := copy(l.buf, l.buf[l.lo:l.hi])
		l.lo, l.hi = 0, n
	}
	if l.hi == len(l.buf) {
		nb := make([]byte, 2*len(l.buf))
		copy(nb, l.buf[:l.hi])
		l.buf = nb
	}
	n, err := l.r.Read(l.buf[l.hi:])
	l.hi += n
	if err != nil {
		l.eof = true
		if err != io.EOF {
			l.err = err
		}
	}
	return n > 0 || !l.eof
}

// findSep finds the end of the line in buf[lo:hi] from index from: the index of the line's
// end and the separator's length; -1 when no complete separator is buffered yet.
func (l *lineReader) findSep(from int) (int, int) {
	data := l.buf[l.lo:l.hi]
	if l.sep != nil {
		i := bytes.Index(data[from:], l.sep)
		if i < 0 {
			return -1, 0
		}
		return from + i, len(l.sep)
	}
	seg := data[from:]
	i := bytes.IndexByte(seg, '\n')
	var r int
	if i < 0 {
		r = bytes.IndexByte(seg, '\r')
	} else {
		r = bytes.IndexByte(seg[:i], '\r')
	}
	if r >= 0 {
		// "\r" ends the line; "\r\n" too. A trailing "\r" needs the next byte.
		if from+r+1 < len(data) {
			if data[from+r+1] == '\n' {
				return from + r, 2
			}
			return from + r, 1
		}
		if l.eof {
			return from + r, 1
		}
		return -1, 0
	}
	if i >= 0 {
		return from + i, 1
	}
	return -1, 0
}

// next returns the next line, the offset where it starts and its separator (empty for the
// last line without one). io.EOF ends the split.
func (l *lineReader) next() (line []byte, start int64, sep []byte, err error) {
	if l.end >= 0 && l.off > l.end {
		return nil, 0, nil, io.EOF
	}
	scanned := 0
	for {
		i, n := l.findSep(scanned)
		if i >= 0 {
			data := l.buf[l.lo:l.hi]
			line, sep = data[:i], data[i:i+n]
			start = l.off
			l.lo += i + n
			l.off += int64(i + n)
			return line, start, sep, nil
		}
		if l.eof {
			if l.err != nil {
				return nil, 0, nil, l.err
			}
			if l.lo == l.hi {
				return nil, 0, nil, io.EOF
			}
			line = l.buf[l.lo:l.hi]
			start = l.off
			l.off += int64(len(line))
			l.lo = l.hi
			return line, start, nil, nil
		}
		scanned = l.hi - l.lo
		if l.sep != nil && scanned >= len(l.sep) {
			scanned -= len(l.sep) - 1
		} else if l.sep != nil {
			scanned = 0
		} else if scanned > 0 && l.buf[l.hi-1] == '\r' {
			scanned--
		}
		l.fill()
	}
}

// skipPartial discards the rest of the line the reader starts in (a split starting at
// offset > 0 leaves that line to the previous split).
func (l *lineReader) skipPartial() error {
	end := l.end
	l.end = -1
	_, _, _, err := l.next()
	l.end = end
	if err == io.EOF {
		return nil
	}
	return err
}

package source

import "bytes"

// csvSyntax are the tokenizer settings of a CSV reader (Spark's univocity parser settings).
type csvSyntax struct {
	delimiter []byte
	quote     []byte // empty: quoting disabled
	escape    []byte // escapes the quote inside quoted values
	// escapeEscape escapes the escape character (charToEscapeQuoteEscaping); empty: none.
	escapeEscape   []byte
	ignoreLeading  bool
	ignoreTrailing bool
	maxColumns     int
}

// csvField is one token of a record: a range of the record, or of the tokenizer's arena for
// quoted values that needed unescaping.
type csvField struct {
	start, end int
	inArena    bool
	quoted     bool
}

// csvTokenizer splits one record into fields. Unquoted fields run to the next delimiter;
// quoted fields may contain delimiters and, in multiLine mode, line breaks; inside quotes the
// escape character before a quote (or a doubled quote) gives a literal quote. Text after a
// closing quote that is not a delimiter is kept literally up to the next delimiter, as
// univocity's STOP_AT_DELIMITER handling of unescaped quotes does.
type csvTokenizer struct {
	s      *csvSyntax
	fields []csvField
	arena  []byte
	// tooMany is set when the record has more than maxColumns fields.
	tooMany bool
}

func newCSVTokenizer(s *csvSyntax) *csvTokenizer { return &csvTokenizer{s: s} }

// isBlank is univocity's whitespace: characters <= ' ' other than the delimiter's first byte.
func (t *csvTokenizer) isBlank(c byte) bool {
	return c <= ' ' && (len(t.s.delimiter) == 0 || c != t.s.delimiter[0])
}

// tokenize parses rec into t.fields. It reports true when rec ends inside a quoted value:
// in multiLine mode the caller appends the next line and tokenizes again; otherwise the value
// simply ends with the record.
func (t *csvTokenizer) tokenize(rec []byte) (open bool) {
	t.fields = t.fields[:0]
	t.arena = t.arena[:0]
	t.tooMany = false
	s := t.s
	delim := s.delimiter
	i := 0
	n := len(rec)
	for {
		if s.maxColumns > 0 && len(t.fields) >= s.maxColumns {
			t.tooMany = true
			return false
		}
		start := i
		if s.ignoreLeading {
			for i < n && t.isBlank(rec[i]) {
				i++
			}
		}
		if len(s.quote) > 0 && bytes.HasPrefix(rec[i:], s.quote) {
			f, next, unterminated := t.quoted(rec, i+len(s.quote))
			t.fields = append(t.fields, f)
			if unterminated {
				return true
			}
			i = next
		} else {
			j := n
			if len(delim) > 0 {
				if k := bytes.Index(rec[i:], delim); k >= 0 {
					j = i + k
				}
			}
			if !s.ignoreLeading {
				i = start
			}
			e := j
			if s.ignoreTrailing {
				for e > i && t.isBlank(rec[e-1]) {
					e--
				}
			}
			t.fields = append(t.fields, csvField{start: i, end: e})
			i = j
		}
		if i >= n {
			return false
		}
		// rec[i:] starts with the delimiter.
		i += len(delim)
		if i >= n {
			// A trailing delimiter ends with an empty field.
			t.fields = append(t.fields, csvField{start: n, end: n})
			return false
		}
	}
}

// quoted parses a quoted value whose content starts at i. It returns the field, the index
// of the delimiter (or end) after it, and whether the record ended inside the quotes.
func (t *csvTokenizer) quoted(rec []byte, i int) (csvField, int, bool) {
	s := t.s
	q, esc, ee := s.quote, s.escape, s.escapeEscape
	a0 := len(t.arena)
	n := len(rec)
	for i < n {
		switch {
		case len(ee) > 0 && !bytes.Equal(ee, q) && bytes.HasPrefix(rec[i:], ee) && len(esc) > 0 &&
			bytes.HasPrefix(rec[i+len(ee):], esc):
			t.arena = append(t.arena, esc...)
			i += len(ee) + len(esc)
		case len(esc) > 0 && !bytes.Equal(esc, q) && bytes.HasPrefix(rec[i:], esc) &&
			bytes.HasPrefix(rec[i+len(esc):], q):
			t.arena = append(t.arena, q...)
			i += len(esc) + len(q)
		case bytes.HasPrefix(rec[i:], q):
			if bytes.HasPrefix(rec[i+len(q):], q) {
				// A doubled quote is a literal quote.
				t.arena = append(t.arena, q...)
				i += 2 * len(q)
				continue
			}
			i += len(q)
			// After the closing quote: blanks, then a delimiter or the end.
			j := i
			for j < n && t.isBlank(rec[j]) {
				j++
			}
			if j >= n || (len(s.delimiter) > 0 && bytes.HasPrefix(rec[j:], s.delimiter)) {
				return csvField{start: a0, end: len(t.arena), inArena: true, quoted: true}, j, false
			}
			// An unescaped quote inside the value: keep it and read on to the delimiter.
			t.arena = append(t.arena, q...)
			e := n
			if len(s.delimiter) > 0 {
				if k := bytes.Index(rec[i:], s.delimiter); k >= 0 {
					e = i + k
				}
			}
			t.arena = append(t.arena, rec[i:e]...)
			return csvField{start: a0, end: len(t.arena), inArena: true, quoted: true}, e, false
		default:
			// Copy the run of ordinary bytes (a UTF-8 continuation byte never equals the
			// first byte of the quote or escape characters).
			j := i + 1
			for j < n && rec[j] != q[0] && (len(esc) == 0 || rec[j] != esc[0]) && (len(ee) == 0 || rec[j] != ee[0]) {
				j++
			}
			t.arena = append(t.arena, rec[i:j]...)
			i = j
		}
	}
	return csvField{start: a0, end: len(t.arena), inArena: true, quoted: true}, n, true
}

// value returns field k of the record last tokenized.
func (t *csvTokenizer) value(rec []byte, k int) []byte {
	f := t.fields[k]
	if f.inArena {
		return t.arena[f.start:f.end]
	}
	return rec[f.start:f.end]
}
